import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from registry.interchange.importer import import_stream

REPO = Path(__file__).resolve().parent.parent
# The contract (interchange format, its JSON Schemas, the example, the API prose) is versioned
# with the code, so a clone from anywhere checks itself against its own copy.
DOCS = REPO / "docs"


def pytest_report_header(config):
    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    search = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
    prefix = settings.SEARCH_INDEX_PREFIX
    return f"dnhub: database={db}, search backend={search}, index prefix={prefix}"


def pytest_sessionstart(session):
    """With services required (CI), fail at once if one is configured but unreachable."""
    if not os.environ.get("REQUIRE_SERVICES"):
        return
    if (
        not settings.ELASTICSEARCH_URL
        or "postgresql" not in settings.DATABASES["default"]["ENGINE"]
    ):
        raise pytest.UsageError(
            "REQUIRE_SERVICES is set but DATABASE_URL/ELASTICSEARCH_URL are not"
        )


def drop_indices(es) -> None:
    """Delete every versioned Elasticsearch index of this run's prefix."""
    es.admin.indices.delete(index=f"{es.alias}-*", ignore_unavailable=True, allow_no_indices=True)


def shares_module_seed(item) -> bool:
    """Whether a test reads the seed its module shares (`seeded` of tests/search/conftest.py):
    it runs inside the usual rolled-back transaction and writes nothing to the search index."""
    names = item.fixturenames
    definitions = item._fixtureinfo.name2fixturedefs.get("seeded")
    return (
        definitions is not None
        and definitions[-1].func.__module__ == "tests.search.conftest"
        and "transactional_db" not in names
        and "publish" not in names
    )


def pytest_collection_modifyitems(items):
    """Within each run of a module's tests (pytest-django has already put the transactional
    ones last), the tests sharing the module's seed go last, so the others never see it; and the
    shared seed is set up before each one's own transaction, which then nests inside it."""
    runs: list[list] = []
    for item in items:
        if runs and runs[-1][0].nodeid.split("::")[0] == item.nodeid.split("::")[0]:
            runs[-1].append(item)
        else:
            runs.append([item])
    items[:] = [item for run in runs for item in sorted(run, key=shares_module_seed)]
    for item in items:
        if shares_module_seed(item) and "_module_seed" not in item.fixturenames:
            names = item.fixturenames  # shared by the variants of a parametrized test
            first_per_test = next(
                i for i, name in enumerate(names) if _fixture_scope(item, name) == "function"
            )
            names.insert(first_per_test, "_module_seed")


def _fixture_scope(item, name: str) -> str:
    definitions = item._fixtureinfo.name2fixturedefs.get(name)
    return definitions[-1].scope if definitions else "function"


@pytest.fixture(scope="session", autouse=True)
def _search_index():
    """Each test run has its own index prefix; drop its indices before and after."""
    from search.backends import elasticsearch_backend

    es = elasticsearch_backend()
    if es is not None:
        drop_indices(es)
    yield
    if es is not None:
        drop_indices(es)


@pytest.fixture(scope="session")
def migration_rows(django_db_setup, django_db_blocker) -> str:
    """What the migrations put in the test database (taxonomy, pages, presets), taken before the
    first transactional test (browser tests, the restore drill) flushes it. Django's serialized
    rollback keeps its copy on a connection object that Playwright's greenlets do not see, so
    the tests keep their own."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def migrated(transactional_db, migration_rows):
    """For transactional tests: the migrations' rows (taxonomy, pages, roles, presets), put back
    when an earlier transactional test flushed them. (Serialized rollback cannot do it here: the
    flush re-creates the roles under new ids, and loading the saved rows then collides.)"""
    from wagtail.models import Page

    from registry.models import Technology
    from tests.browser.conftest import restore

    if not (Page.objects.exists() and Technology.objects.exists()):
        restore(migration_rows)


def lines(*records) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


def run_import(text: str | bytes, **kwargs):
    data = text.encode() if isinstance(text, str) else text
    return import_stream(io.BytesIO(data), **kwargs)


LANDMARK = {
    "kind": "landmark",
    "ref": "lt-airport",
    "name": "Cảng hàng không quốc tế Long Thành",
    "landmark_kind": "airport",
    "location": {"lat": 10.77, "lon": 107.05},
}
ZONE = {
    "kind": "zone",
    "ref": "test-park",
    "name": "Khu thử nghiệm",
    "name_en": "Test Park",
    "zone_kind": "it_park",
    "total_area_ha": 100,
    "available_area_ha": 60,
    "technologies": ["semiconductor", "ai"],
    "location": {"lat": 10.8, "lon": 106.98},
    "ward_code": 26383,
    "description": {"vi": "Bán dẫn và trí tuệ nhân tạo.", "en": "Chips and AI."},
}
PLOT = {
    "kind": "plot",
    "ref": "test-a01",
    "zone": "test-park",
    "code": "A01",
    "name": "Lô A01",
    "status": "available",
    "area_m2": 42000,
    "power_capacity_mw": 60,
    "power_feeds": 2,
    "suitable_for": ["data_centre.hyperscale"],
    "location": {"lat": 10.8, "lon": 106.98},
}
ENTERPRISE = {
    "kind": "enterprise",
    "ref": "test-chip",
    "name": "Công ty Vi mạch Đồng Nai",
    "name_en": "Dong Nai Microchip",
    "ownership": "domestic",
    "origin_country": "VN",
    "tax_code": "3600000001",
    "value_chain_roles": ["chip_design"],
    "technologies": ["semiconductor.chip_design"],
    "zone": "test-park",
}
RD = {
    "kind": "rd_organisation",
    "ref": "test-lab",
    "name": "Phòng thí nghiệm Vi điện tử",
    "org_kind": "lab",
    "researchers": 18,
    "offers": ["training"],
    "labs": ["Đo kiểm"],
}
INCUBATOR = {
    "kind": "incubator",
    "ref": "test-fund",
    "name": "Quỹ Đổi mới",
    "org_kind": "venture_fund",
    "fund_size_usd": 10_000_000,
    "ticket_min_usd": 100_000,
    "ticket_max_usd": 1_000_000,
}
CHALLENGE = {
    "kind": "challenge",
    "ref": "test-cooling",
    "name": "Làm mát trung tâm dữ liệu",
    "challenge_kind": "commissioned_task",
    "status": "awarded",
    "poster": {"kind": "enterprise", "ref": "test-chip"},
    "posted_on": "2026-03-01",
    "deadline": "2026-06-30",
    "budget_vnd": 1_500_000_000,
    "wanted": ["rd_organisation", "university"],
    "awarded_to": [{"kind": "rd_organisation", "ref": "test-lab"}],
    "technologies": ["data_centre"],
}
EXPERT = {
    "kind": "expert",
    "ref": "test-expert",
    "name": "Trần Thị Minh",
    "expert_title": "doctor",
    "affiliation": {"kind": "rd_organisation", "ref": "test-lab"},
    "languages": ["vi", "en"],
    "accepts_questions": True,
    "consent_on": "2026-02-01",
    "technologies": ["semiconductor.chip_design"],
}
ALL_KINDS = [LANDMARK, ZONE, PLOT, ENTERPRISE, RD, INCUBATOR, CHALLENGE, EXPERT]


@pytest.fixture
def registry_data(db):
    result = run_import(lines(*ALL_KINDS))
    assert result.ok, result.problems
    return result


@pytest.fixture(autouse=True)
def _english():
    """Assertions read English messages; Vietnamese ones are tested where it matters."""
    from django.utils import translation

    with translation.override("en"):
        yield
