"""Data migrations keep what curators made: renaming the Vietnamese fields (`description_vi` ->
`description`, ...) keeps every text, the published rows and the drafts not yet published; the
explicit sample flag is set on the records the `sample-` ref convention marked, drafts included."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Revision

from cms.models import ContactOfficer
from registry.models import Technology, Zone
from search.models import MatchProfile

BEFORE = [
    ("registry", "0005_technology_synonyms"),
    ("search", "0004_index_rebuild_outcome"),
    ("cms", "0009_content_pages_seed"),
]


def latest() -> list[tuple[str, str]]:
    """The newest migration of each app the tests read through today's models."""
    graph = MigrationExecutor(connection).loader.graph
    return [node for node in graph.leaf_nodes() if node[0] in ("registry", "search", "cms")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def draft(apps, obj, model_name: str, content: dict):
    content_type = apps.get_model("contenttypes", "ContentType").objects.get(
        app_label=obj._meta.app_label, model=model_name
    )
    return apps.get_model("wagtailcore", "Revision").objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(obj.pk),
        created_at=timezone.now(),
        content=content,
    )


@pytest.mark.django_db(transaction=True)
def test_renamed_fields_keep_published_texts_and_drafts(migrated):
    old = migrate(BEFORE)
    zone = old.get_model("registry", "Zone").objects.create(
        ref="rename-park",
        name="Khu đổi tên",
        zone_kind="it_park",
        lat=10.8,
        lon=106.98,
        description_vi="Mô tả đã xuất bản.",
        incentives_vi="Ưu đãi đã xuất bản.",
    )
    zone_draft = draft(
        old,
        zone,
        "zone",
        {"pk": zone.pk, "ref": zone.ref, "name": zone.name, "zone_kind": "it_park",
         "lat": 10.8, "lon": 106.98,
         "description_vi": "Mô tả nháp.", "description_en": "Draft description.",
         "incentives_vi": "Ưu đãi nháp."},
    )  # fmt: skip
    profile = old.get_model("search", "MatchProfile").objects.get(code="data_centre_hyperscale")
    criterion = profile.criteria.first()
    profile_draft = draft(
        old,
        profile,
        "matchprofile",
        {"pk": profile.pk, "code": profile.code, "name": profile.name, "name_en": profile.name_en,
         "summary_vi": "Tóm tắt nháp.", "summary_en": "",
         "criteria": [{"pk": criterion.pk, "profile": profile.pk, "sort_order": 0,
                       "mode": criterion.mode, "key": criterion.key, "value": criterion.value,
                       "reasoning_vi": "Lý do nháp.", "reasoning_en": "Draft reason.",
                       "source": criterion.source}]},
    )  # fmt: skip
    summary = profile.summary_vi
    officer = old.get_model("cms", "ContactOfficer").objects.create(
        name="Cán bộ", role_vi="Chuyên viên", email="officer@dnhub.invalid", office_vi="Biên Hòa"
    )

    migrate(latest())

    zone = Zone.objects.get(ref="rename-park")
    assert (zone.description, zone.incentives) == ("Mô tả đã xuất bản.", "Ưu đãi đã xuất bản.")
    pending = Revision.objects.get(pk=zone_draft.pk).as_object()
    assert (pending.description, pending.description_en, pending.incentives) == (
        "Mô tả nháp.",
        "Draft description.",
        "Ưu đãi nháp.",
    )
    assert MatchProfile.objects.get(code="data_centre_hyperscale").summary == summary
    pending_profile = Revision.objects.get(pk=profile_draft.pk).as_object()
    assert pending_profile.summary == "Tóm tắt nháp."
    assert [c.reasoning for c in pending_profile.criteria.all()] == ["Lý do nháp."]
    officer = ContactOfficer.objects.get(pk=officer.pk)
    assert (officer.role, officer.office) == ("Chuyên viên", "Biên Hòa")
    assert Technology.objects.get(code="ai").name == "Trí tuệ nhân tạo"


@pytest.mark.django_db(transaction=True)
def test_sample_refs_become_sample_records_and_their_drafts_keep_the_flag(migrated):
    old = migrate([("registry", "0006_vietnamese_text_in_plain_fields")])
    zones = old.get_model("registry", "Zone")
    place = {"zone_kind": "it_park", "lat": 10.8, "lon": 106.98}
    invented = zones.objects.create(ref="sample-park", name="Khu mẫu", **place)
    real = zones.objects.create(ref="real-park", name="Khu thật", **place)
    pending = draft(old, invented, "zone", {"pk": invented.pk, "ref": invented.ref,
                                            "name": "Khu mẫu (nháp)", **place})  # fmt: skip

    migrate(latest())

    assert Zone.objects.get(pk=invented.pk).sample is True
    assert Zone.objects.get(pk=real.pk).sample is False
    # Publishing the draft later must not turn the record into a real one.
    assert Revision.objects.get(pk=pending.pk).as_object().sample is True
    assert list(Zone.objects.samples().values_list("ref", flat=True)) == ["sample-park"]
