"""Duplicates (issue #14, "sạch"): merging one enterprise into another moves everything that
points at it, keeps both histories, redirects the merged record's addresses and reaches the
search index; "not a duplicate" hides a pair both ways; bad requests are refused cleanly."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.images.models import Image as WagtailImage
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from cms.merging.services import MergeRefused, merge_enterprises
from cms.models import Claim, Inquiry, Ownership
from cms.moderation import CURATORS, VIEWERS
from registry.models import Enterprise, EnterprisePhoto, NotDuplicate
from search.backends import database_backend, elasticsearch_backend
from tests.conftest import ENTERPRISE, PLOT, ZONE
from tests.search.conftest import BACKENDS, find, refs

pytestmark = pytest.mark.django_db

DUPLICATE = ENTERPRISE | {
    "ref": "test-chip-dup",
    "name": "Cty Vi mạch Đồng Nai",
    "name_en": "",
    "employees": 120,
    "website": "https://vimach.example.invalid/",
    "description": {"vi": "Thiết kế vi mạch lượng tử quetzal.", "en": "Quantum quetzal chips."},
    "value_chain_roles": ["chip_design", "packaging_testing"],
    "technologies": ["semiconductor.chip_design", "ai"],
    "origin_country": "KR",
}


def staff(username, group, language="en"):
    """A staff member whose admin speaks `language` (the admin's default is Vietnamese)."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language=language
    )
    return user


def image(colour) -> WagtailImage:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return WagtailImage.objects.create(
        title=colour, file=SimpleUploadedFile(f"{colour}.png", buffer.getvalue())
    )


def add_photos(enterprise, colours):
    for order, colour in enumerate(colours):
        EnterprisePhoto.objects.create(enterprise=enterprise, image=image(colour), sort_order=order)


@pytest.fixture
def pair(publish, settings, tmp_path):
    """The agency's record (kept) and a duplicate of it with data, photos, a founder, a claim
    and an inquiry (merged)."""
    settings.MEDIA_ROOT = tmp_path
    publish(ZONE, PLOT, ENTERPRISE, DUPLICATE)
    kept, merged = (
        Enterprise.objects.get(ref="test-chip"),
        Enterprise.objects.get(ref="test-chip-dup"),
    )
    add_photos(kept, ["red", "green", "blue", "white"])
    add_photos(merged, ["black", "gray", "yellow"])
    users = get_user_model().objects
    founder = users.create_user("f@example.invalid", "f@example.invalid", "pw")
    claimant = users.create_user("c@example.invalid", "c@example.invalid", "pw")
    Ownership.objects.create(user=founder, enterprise=merged)
    Claim.objects.create(user=claimant, enterprise=merged, message="I run it.")
    Inquiry.objects.create(kind="enterprise", ref="test-chip-dup", record_name=merged.name,
                           name="Investor", email="i@example.invalid", message="Hello",
                           consent=True, language="en")  # fmt: skip
    return kept, merged


@pytest.fixture
def curator_client():
    client = Client()
    client.force_login(staff("curator", CURATORS))
    return client


def merge_url(record) -> str:
    return reverse("enterprise-merge", args=[record.pk])


def edit_url(record) -> str:
    return reverse("wagtailsnippets_registry_enterprise:edit", args=[record.pk])


def post_merge(client, merged, into: str, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(merge_url(merged), {"into": into})
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()
    return response


def test_the_panel_is_on_top_with_why_and_the_actions(pair, curator_client):
    kept, merged = pair
    page = curator_client.get(edit_url(merged)).content.decode()
    panel = page.index("Possible duplicates")
    assert panel < page.index(">Identity<")
    assert "same tax code" in page
    assert f"{merge_url(merged)}?into=test-chip" in page
    assert reverse("enterprise-not-duplicate", args=[merged.pk, kept.pk]) in page


def test_the_confirmation_page_shows_what_moves_and_changes_nothing(pair, curator_client):
    kept, merged = pair
    response = curator_client.get(merge_url(merged), {"into": "test-chip"})
    page = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "Employees: 120",
        "https://vimach.example.invalid/",
        "Packaging &amp; testing",
        "1 photo moves",
        "2 photos do not fit",
        "1 founder's claim",
        "1 investor inquiry",
        "Country of origin: VN is kept (KR is not copied)",
    ):
        assert shown in page, shown
    assert Enterprise.objects.get(pk=merged.pk).live
    assert not Claim.objects.filter(enterprise=kept).exists()


def test_a_merge_moves_every_relation_and_keeps_both_histories(
    pair, curator_client, django_capture_on_commit_callbacks
):
    kept, merged = pair
    kept_revisions = list(kept.revisions.values_list("pk", flat=True))
    merged_revisions = list(merged.revisions.values_list("pk", flat=True))
    response = post_merge(curator_client, merged, "test-chip", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == edit_url(kept)
    kept, merged = Enterprise.objects.get(pk=kept.pk), Enterprise.objects.get(pk=merged.pk)
    # Relations
    assert Claim.objects.get().enterprise == kept
    assert Ownership.objects.get().enterprise == kept
    assert Inquiry.objects.get().ref == "test-chip"
    assert kept.photos.count() == 5 and merged.photos.count() == 2
    assert {t.code for t in kept.technologies.all()} == {"semiconductor.chip_design", "ai"}
    assert kept.value_chain_roles == ["chip_design", "packaging_testing"]
    # Empty fields filled, filled ones kept
    assert (kept.employees, kept.website) == (120, "https://vimach.example.invalid/")
    assert kept.description == "Thiết kế vi mạch lượng tử quetzal."
    assert (kept.name, kept.origin_country) == (ENTERPRISE["name"], "VN")
    # The published revision carries the merged data
    assert kept.live_revision.as_object().employees == 120
    # The merged record: unpublished, locked, marked; histories kept, one revision more each
    assert not merged.live and merged.locked and merged.merged_into.survivor == kept
    assert set(kept_revisions) < set(kept.revisions.values_list("pk", flat=True))
    assert set(merged_revisions) < set(merged.revisions.values_list("pk", flat=True))
    for record in (kept, merged):
        entry = ModelLogEntry.objects.for_instance(record).filter(action="registry.merge").get()
        assert entry.data["merged"]["ref"] == "test-chip-dup"
    history = curator_client.get(
        reverse("wagtailsnippets_registry_enterprise:history", args=[kept.pk])
    ).content.decode()
    assert "Merged test-chip-dup into test-chip" in history
    panel = curator_client.get(edit_url(kept)).content.decode()
    assert "Records merged into this one" in panel and "(test-chip-dup)" in panel
    panel = curator_client.get(edit_url(merged)).content.decode()
    assert "This record was merged into" in panel and "Possible duplicates" not in panel


def test_the_merged_address_redirects_for_good_in_both_languages_and_the_api(
    pair, curator_client, django_capture_on_commit_callbacks
):
    kept, merged = pair
    post_merge(curator_client, merged, "test-chip", django_capture_on_commit_callbacks)
    visitor = Client()
    for lang in ("vi", "en"):
        response = visitor.get(f"/{lang}/registry/enterprise/test-chip-dup/")
        assert response.status_code == 301
        assert response["Location"] == f"/{lang}/registry/enterprise/test-chip/"
        assert visitor.get(response["Location"]).status_code == 200
    response = visitor.get("/api/v1/records/enterprise/test-chip-dup/")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/records/enterprise/test-chip/"
    assert visitor.get(response["Location"]).json()["employees"] == 120
    # An inquiry posted to the old address is not silently redirected (a POST would be lost)
    assert visitor.post("/en/registry/enterprise/test-chip-dup/inquiry/").status_code == 404
    sitemap = visitor.get("/sitemap.xml").content.decode()
    assert "/registry/enterprise/test-chip/" in sitemap
    assert "test-chip-dup" not in sitemap


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_the_index_drops_the_merged_record_and_has_the_survivors_merged_data(
    pair, curator_client, backend_name, django_capture_on_commit_callbacks
):
    kept, merged = pair
    backend = database_backend() if backend_name == "database" else elasticsearch_backend()
    assert sorted(refs(find(backend, kind="enterprise"))) == ["test-chip", "test-chip-dup"]
    post_merge(curator_client, merged, "test-chip", django_capture_on_commit_callbacks)
    assert refs(find(backend, kind="enterprise")) == ["test-chip"]
    # Found by the merged record's description and technology, now the survivor's
    assert refs(find(backend, q="quetzal")) == ["test-chip"]
    assert refs(find(backend, kind="enterprise", technology="ai")) == ["test-chip"]


def test_not_a_duplicate_hides_the_pair_both_ways_until_undone(pair, curator_client):
    kept, merged = pair
    url = reverse("enterprise-not-duplicate", args=[merged.pk, kept.pk])
    assert "different companies?" in curator_client.get(url).content.decode()
    assert curator_client.post(url).status_code == 302
    assert curator_client.post(url).status_code == 302  # a double click: still one pair
    assert NotDuplicate.objects.count() == 1
    for record, other in ((merged, kept), (kept, merged)):
        page = curator_client.get(edit_url(record)).content.decode()
        assert "Possible duplicates" not in page
        assert "Marked not duplicates" in page and f"({other.ref})" in page
        assert (
            ModelLogEntry.objects.for_instance(record)
            .filter(action="registry.not_duplicate")
            .exists()
        )
    pair_row = NotDuplicate.objects.get()
    listing = curator_client.get(reverse("not-duplicates")).content.decode()
    assert "test-chip-dup" in listing
    menu = curator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("not-duplicates") in menu  # under Reports
    # Undone from the other record's panel
    undo = reverse("not-duplicate-undo", args=[pair_row.pk])
    assert f"{undo}?from={kept.pk}" in curator_client.get(edit_url(kept)).content.decode()
    response = curator_client.post(undo, {"from": str(kept.pk)})
    assert response["Location"] == edit_url(kept)
    assert "Possible duplicates" in curator_client.get(edit_url(merged)).content.decode()
    assert ModelLogEntry.objects.filter(action="registry.not_duplicate_undone").count() == 2


@pytest.mark.parametrize(
    ("into", "message"),
    [
        ("test-chip-dup", "cannot be merged into itself"),
        ("test-a01", "test-a01 is a plot, not an enterprise"),
        ("no-such-ref", "No enterprise has the reference no-such-ref"),
        ("", "This field is required"),
        ("x" * 500, "at most 64 characters"),
    ],
)
def test_a_merge_into_itself_or_into_something_else_is_a_form_error(
    pair, curator_client, into, message
):
    kept, merged = pair
    for response in (
        curator_client.get(merge_url(merged), {"into": into}),
        curator_client.post(merge_url(merged), {"into": into}),
    ):
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Enterprise.objects.get(pk=merged.pk).live


def test_a_double_submit_merges_once_and_the_second_is_refused(
    pair, curator_client, django_capture_on_commit_callbacks
):
    kept, merged = pair
    first = post_merge(curator_client, merged, "test-chip", django_capture_on_commit_callbacks)
    revisions = kept.revisions.count()
    second = post_merge(curator_client, merged, "test-chip", django_capture_on_commit_callbacks)
    assert first.status_code == 302 and second.status_code == 409
    assert "has already been merged into test-chip" in second.content.decode()
    assert kept.revisions.count() == revisions
    # Nor may the merged record now keep another one, or be kept
    back = post_merge(curator_client, kept, "test-chip-dup", django_capture_on_commit_callbacks)
    assert back.status_code == 409


def test_a_refused_merge_changes_nothing(pair, curator_client):
    """All or nothing: a record under review cannot be merged, and nothing has moved."""
    kept, merged = pair
    draft = Enterprise.objects.create(
        ref="draft-dup", name="Nháp", ownership="domestic", live=False
    )
    draft.save_revision()
    response = curator_client.post(merge_url(merged), {"into": "draft-dup"})
    assert response.status_code == 409
    assert "must be published" in response.content.decode()
    assert Claim.objects.get().enterprise == merged and merged.photos.count() == 3
    with translation.override("en"), pytest.raises(MergeRefused, match="must be published"):
        merge_enterprises(merged.pk, draft.pk, None)
    assert Enterprise.objects.get(pk=merged.pk).live


def test_viewers_see_the_panel_without_actions(pair):
    kept, merged = pair
    viewer = Client()
    viewer.force_login(staff("viewer", VIEWERS))
    inspect = reverse("wagtailsnippets_registry_enterprise:inspect", args=[merged.pk])
    page = viewer.get(inspect).content.decode()
    assert "Possible duplicates" in page and "(test-chip)" in page
    assert "Merge into" not in page and "Mark not a duplicate" not in page
    # Wagtail's admin answers a refusal by sending back to its dashboard
    for response in (viewer.get(merge_url(merged), {"into": "test-chip"}),
                     viewer.post(merge_url(merged), {"into": "test-chip"})):  # fmt: skip
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Enterprise.objects.get(pk=merged.pk).live


def test_the_admin_speaks_vietnamese_to_a_vietnamese_curator(pair):
    kept, merged = pair
    curator = staff("curator-vi", CURATORS, language="vi")
    client = Client()
    client.force_login(curator)
    page = client.get(merge_url(merged), {"into": "test-chip"}).content.decode()
    assert "Gộp" in page and "Merge" not in page.split("<main", 1)[-1].split("</main>")[0]


def test_a_merge_that_fails_half_way_leaves_everything_as_it_was(pair, monkeypatch):
    kept, merged = pair
    revisions = kept.revisions.count()

    def fails(plan, user):
        raise RuntimeError("the server went away")

    monkeypatch.setattr("cms.merging.services.retire_merged", fails)
    with pytest.raises(RuntimeError):
        merge_enterprises(merged.pk, kept.pk, None)
    kept = Enterprise.objects.get(pk=kept.pk)
    assert (kept.employees, kept.revisions.count(), kept.photos.count()) == (None, revisions, 4)
    assert Claim.objects.get().enterprise == merged and Ownership.objects.get().enterprise == merged
    assert Inquiry.objects.get().ref == "test-chip-dup"
    assert not hasattr(Enterprise.objects.get(pk=merged.pk), "merged_into")
