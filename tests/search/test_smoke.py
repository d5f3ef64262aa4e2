"""End to end through the project's search module, on whichever backend this run configures
(the test command runs the suite once with Elasticsearch and once with the database backend)."""

import pytest
from django.conf import settings

from registry.models import Zone
from search.backends import get_backend
from search.query import SearchQuery
from tests.conftest import ENTERPRISE, ZONE, lines, run_import

pytestmark = pytest.mark.django_db


def find(text="", **filters):
    backend = get_backend()
    if hasattr(backend, "refresh"):
        backend.refresh()
    return backend.search(SearchQuery(text=text, **filters))


def refs(results):
    return sorted(hit.ref for hit in results.hits)


def test_the_configured_backend_answers():
    expected = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
    assert get_backend().name == expected


def test_published_record_is_findable_without_diacritics(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(lines(ZONE, ENTERPRISE)).ok
    assert refs(find("vi mach dong nai")) == ["test-chip"]
    assert refs(find("Bán dẫn")) == ["test-park"]
    assert refs(find(kinds=("zone",))) == ["test-park"]


def test_a_parent_technology_finds_records_of_its_children(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(lines(ZONE, ENTERPRISE))
    assert "test-chip" in refs(find(technologies=("semiconductor",)))
    assert refs(find(technologies=("software",))) == []


def test_draft_is_never_findable(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(lines(ZONE), publish=False).ok
    assert find("khu thu nghiem").count == 0


def test_unpublished_record_disappears(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(lines(ZONE))
    assert refs(find("khu thu nghiem")) == ["test-park"]
    with django_capture_on_commit_callbacks(execute=True):
        Zone.objects.get(ref="test-park").unpublish()
    assert find("khu thu nghiem").count == 0


def test_deleted_record_disappears(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(lines(ZONE))
    with django_capture_on_commit_callbacks(execute=True):
        Zone.objects.get(ref="test-park").delete()
    assert find("khu thu nghiem").count == 0


def test_publishing_a_revision_from_the_admin_path_makes_it_findable(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(lines(ZONE), publish=False)
    zone = Zone.objects.get(ref="test-park")
    with django_capture_on_commit_callbacks(execute=True):
        zone.latest_revision.publish()
    assert refs(find("khu thu nghiem")) == ["test-park"]
