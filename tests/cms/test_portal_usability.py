"""Usability defects found in review (issue 11): machine-read values never localised, people-read
ones always; forms that lead somewhere; figures that say what they count."""

import re

import pytest

from tests.cms.test_portal import html, jsonld

pytestmark = pytest.mark.django_db

PLOT = "sample-lt-digital-park-a01"


def test_vietnamese_record_pages_give_machines_dotted_coordinates(client, seeded):
    page = html(client.get(f"/vi/registry/plot/{PLOT}/"))
    assert 'data-point="10.81162,106.97849"' in page
    geo = jsonld(page)["geo"]
    assert (geo["latitude"], geo["longitude"]) == (10.81162, 106.97849)
    # What people read stays Vietnamese: decimal commas.
    assert "10,81162" in page


def test_vietnamese_finder_form_keeps_decimal_inputs_usable(client, seeded):
    page = html(client.get("/vi/site-finder/", {"go": "1", "r.min_power_mw": "12.5"}))
    assert re.search(r'name="r.min_power_mw" type="number"[^>]*value="12.5"', page)


def inquiry(**changes):
    from tests.cms.test_portal import inquiry as valid

    return valid(**changes)


def test_a_corrected_inquiry_posts_to_the_record_not_below_the_error_page(client, seeded):
    url = f"/en/registry/plot/{PLOT}/"
    failed = client.post(url + "inquiry/", inquiry(email="not-an-email"))
    page = failed.content.decode()
    assert failed.status_code == 400
    # The form posts to the same absolute address whatever page shows it.
    assert f'action="{url}inquiry/"' in page
    # An error summary at the top of the form, focused on load, linking to each field.
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert summary and 'tabindex="-1"' in summary.group(0) and "autofocus" in summary.group(0)
    assert 'href="#id_email"' in summary.group(1)
    assert page.index("error-summary") < page.index('name="name"')
    # Opening the error page's address again leads back to the record, not to an error.
    again = client.get(url + "inquiry/")
    assert again.status_code == 302 and again["Location"] == url + "#inquiry"


def test_a_sent_inquiry_is_thanked_where_the_form_was(client, seeded):
    url = f"/en/registry/plot/{PLOT}/"
    response = client.post(url + "inquiry/", inquiry(), follow=True)
    assert response.redirect_chain[-1][0].endswith(url + "#inquiry")
    page = response.content.decode()
    section = re.search(r'<section id="inquiry".*?</section>', page, re.S).group(0)
    assert "Thank you" in section and 'name="message"' not in section
    # Only once: the next visit shows the form again.
    assert 'name="message"' in html(client.get(url))


def test_the_investor_gets_a_bilingual_acknowledgement_with_a_contact(client, seeded, settings):
    from django.core import mail

    settings.INQUIRY_EMAIL = "investment@dongnai.example"
    settings.INQUIRY_PHONE = "+84 251 000 0000"
    client.post(f"/vi/registry/plot/{PLOT}/inquiry/", inquiry())
    to_investor = [m for m in mail.outbox if m.to == ["minjun@example.invalid"]]
    assert len(to_investor) == 1
    body = to_investor[0].body
    assert "Cảm ơn" in body and "Thank you" in body  # Vietnamese and English in one message
    assert "investment@dongnai.example" in body and "+84 251 000 0000" in body
    assert "A01" in body and "Long" in body  # which plot, in which zone
    assert mail.outbox[0].to == ["investment@dongnai.example"]  # the agency is told first
