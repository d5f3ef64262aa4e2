import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from registry.models import KINDS, Technology, Zone
from tests.conftest import PLOT, ZONE, lines, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_superuser("curator", "c@example.invalid", "pw")
    client.force_login(user)
    return user


def url(model, action, *args):
    return reverse(f"wagtailsnippets_registry_{model._meta.model_name}:{action}", args=args)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_has_list_add_and_inspect_views(client, curator, registry_data, kind):
    model = KINDS[kind]
    assert client.get(url(model, "list")).status_code == 200
    assert client.get(url(model, "add")).status_code == 200
    obj = model.objects.first()
    response = client.get(url(model, "inspect", obj.pk))
    assert response.status_code == 200
    assert obj.name in response.content.decode()


def test_registry_menu_groups_the_kinds(client, curator):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar is JSON in the page; "Registry" is "Cơ sở dữ liệu" in the curators' admin.
    assert json.dumps("Cơ sở dữ liệu")[1:-1] in html
    for model in KINDS.values():
        assert url(model, "list") in html


def test_list_filter_by_status_and_search(client, curator):
    run_import(
        lines(
            ZONE,
            PLOT,
            PLOT | {"ref": "test-b02", "code": "B02", "status": "leased", "name": "Lô B02"},
        )
    )
    model = KINDS["plot"]
    html = client.get(url(model, "list"), {"status": "leased"}).content.decode()
    assert "Lô B02" in html and "Lô A01" not in html
    html = client.get(url(model, "list"), {"q": "A01"}).content.decode()
    assert "Lô A01" in html and "Lô B02" not in html


def test_technology_filter_matches_sub_technologies(client, curator):
    run_import(lines(ZONE))
    parent = Technology.objects.get(code="semiconductor")
    html = client.get(url(Zone, "list"), {"technology": parent.pk}).content.decode()
    assert "Khu thử nghiệm" in html


def test_sample_filter_reads_the_records_flag(client, curator):
    run_import(
        lines(
            ZONE | {"ref": "sample-named", "name": "Khu tên mẫu"},
            ZONE | {"ref": "invented-park", "name": "Khu bịa", "sample": True},
        )
    )
    html = client.get(url(Zone, "list"), {"sample": "true"}).content.decode()
    assert "Khu bịa" in html and "Khu tên mẫu" not in html
    html = client.get(url(Zone, "list"), {"sample": "false"}).content.decode()
    assert "Khu tên mẫu" in html and "Khu bịa" not in html


def zone_form(**overrides):
    data = {
        "ref": "new-park",
        "name": "Khu mới",
        "name_en": "New Park",
        "zone_kind": "it_park",
        "lat": "10.8",
        "lon": "106.98",
        "total_area_ha": "50",
        "available_area_ha": "20",
        "description": "",
        "description_en": "",
        "incentives": "",
        "incentives_en": "",
        "operator": "",
        "website": "",
        "boundary": "null",
        "has_international_pop": "unknown",
    }
    return data | overrides


def test_invalid_form_shows_field_errors_not_a_500(client, curator):
    response = client.post(url(Zone, "add"), zone_form(available_area_ha="80", lat="40"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "available_area_ha" in errors and "lat" in errors
    assert not Zone.objects.exists()


def test_a_ward_outside_dong_nai_is_a_field_error_in_the_admin(client, curator):
    response = client.post(url(Zone, "add"), zone_form(ward_code="26506"))
    assert response.status_code == 200
    error = response.context["form"].errors["ward_code"][0]  # the curators' admin is Vietnamese
    assert "Phường Vũng Tàu thuộc Thành phố Hồ Chí Minh, không thuộc Đồng Nai (mã tỉnh 75)" in error
    assert not Zone.objects.exists()


def test_publishing_from_the_admin_is_logged_and_live(client, curator):
    response = client.post(url(Zone, "add"), zone_form(**{"action-publish": "action-publish"}))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    zone = Zone.objects.get(ref="new-park")
    assert zone.live


def test_curators_edit_a_records_source_and_sample_flag(client, curator):
    form = zone_form(
        source="Quyết định 1234/QĐ-UBND", sample="on", **{"action-publish": "action-publish"}
    )
    assert client.post(url(Zone, "add"), form).status_code == 302
    zone = Zone.objects.get(ref="new-park")
    assert (zone.source, zone.sample) == ("Quyết định 1234/QĐ-UBND", True)
    response = client.post(url(Zone, "edit", zone.pk), zone_form(source="mail ops@park.vn"))
    assert "source" in response.context["form"].errors
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(zone.pk)).values_list("action", flat=True)
    )
    assert {"wagtail.create", "wagtail.publish"} <= actions


def test_saving_a_draft_from_the_admin_keeps_it_private(client, curator):
    client.post(url(Zone, "add"), zone_form())
    zone = Zone.objects.get(ref="new-park")
    assert not zone.live
    assert not Zone.objects.published().exists()


def test_records_can_be_locked_by_a_curator(client, curator, registry_data):
    zone = Zone.objects.get(ref="test-park")
    response = client.post(url(Zone, "lock", zone.pk))
    assert response.status_code == 302
    zone.refresh_from_db()
    assert zone.locked and zone.locked_by == curator


def test_list_shows_choice_labels_in_the_curators_language(client, curator):
    run_import(lines(ZONE, PLOT))
    html = client.get(url(KINDS["plot"], "list"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Còn trống" in html  # "Available"
