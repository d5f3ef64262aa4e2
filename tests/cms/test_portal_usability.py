"""Usability defects found in review (issue 11): machine-read values never localised, people-read
ones always; forms that lead somewhere; figures that say what they count."""

import re

import pytest

from tests.cms.test_portal import html, jsonld

pytestmark = pytest.mark.django_db

PLOT = "sample-lt-digital-park-a01"


def test_vietnamese_record_pages_give_machines_dotted_coordinates(client, seeded):
    from registry.models import Plot

    plot = Plot.objects.get(ref=PLOT)
    page = html(client.get(f"/vi/registry/plot/{PLOT}/"))
    assert f'data-point="{plot.lat!r},{plot.lon!r}"' in page
    geo = jsonld(page)["geo"]
    assert (geo["latitude"], geo["longitude"]) == (plot.lat, plot.lon)
    # What people read stays Vietnamese: decimal commas.
    assert repr(plot.lat).replace(".", ",") in page


def test_vietnamese_finder_form_keeps_decimal_inputs_usable(client, seeded):
    page = html(client.get("/vi/site-finder/", {"go": "1", "r.min_power_mw": "12.5"}))
    assert re.search(r'name="r.min_power_mw" type="number"[^>]*value="12\.5"', page)


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

    from cms.models import ContactOfficer

    ContactOfficer.objects.all().delete()  # no officers listed: the agency's own address
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


@pytest.mark.parametrize(("lang", "greeting", "subject"), [
    ("en", "Dear ", "We have received your inquiry / "),
    ("vi", "Kính gửi ", "Chúng tôi đã nhận được câu hỏi của quý vị / "),
])  # fmt: skip
def test_the_acknowledgement_opens_in_the_pages_language(client, seeded, lang, greeting, subject):
    from django.core import mail

    client.post(f"/{lang}/registry/plot/{PLOT}/inquiry/", inquiry())
    receipt = next(m for m in mail.outbox if m.to == ["minjun@example.invalid"])
    assert receipt.subject.startswith(subject)
    assert receipt.body.startswith(greeting)


def test_the_acknowledgement_names_the_officer_of_the_plots_sector(client, seeded):
    from django.core import mail

    from cms.models import ContactOfficer
    from registry.models import Plot, Technology

    plot = Plot.objects.get(ref=PLOT)
    top = {t.code.split(".")[0] for t in plot.suitable_for.all()}
    officer = ContactOfficer.objects.create(
        name="Officer of this sector", role="Chuyên viên", role_en="Sector officer",
        email="sector@dongnai.example", phone="+84 251 111 1111", sort_order=0,
    )  # fmt: skip
    officer.sectors.set(Technology.objects.filter(code__in=top))
    client.post(f"/en/registry/plot/{PLOT}/inquiry/", inquiry())
    body = next(m for m in mail.outbox if m.to == ["minjun@example.invalid"]).body
    assert "Officer of this sector — Sector officer" in body
    assert "sector@dongnai.example" in body and "+84 251 111 1111" in body


def figure(page: str, label_start: str) -> str:
    """The text of the home page figure whose label begins so (value, label and note)."""
    for item in re.findall(r"<li><span class=\"figure-value\">.*?</li>", page, re.S):
        if re.search(r'class="figure-label">\s*' + re.escape(label_start), item):
            return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip()
    raise AssertionError(f"no figure {label_start!r}")


def test_home_figures_say_what_they_count(client, seeded):
    zones = [r for r in seeded if r["kind"] == "zone"]
    reporting = [z for z in zones if z.get("available_area_ha") is not None]
    assert 0 < len(reporting) < len(zones)
    text = figure(html(client.get("/en/")), "hectares available")
    assert f"{len(reporting)} of {len(zones)} zones that report it" in text
    hectares = sum(z["available_area_ha"] for z in reporting)
    assert text.startswith(f"{hectares:,.0f} ")


def test_home_figures_use_vietnamese_number_formats(client, seeded):
    plots = [r for r in seeded if r["kind"] == "plot" and r["status"] == "available"]
    hectares = sum(p["area_m2"] for p in plots) / 10_000
    text = figure(html(client.get("/vi/")), "ha trong")
    vietnamese = f"{hectares:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert text.startswith(vietnamese + " ")


def test_a_zone_page_links_to_all_its_plots(client, seeded):
    plots = [r for r in seeded if r["kind"] == "plot" and r["zone"] == "lt-digital-park"]
    assert len(plots) > 12
    page = html(client.get("/en/registry/zone/lt-digital-park/"))
    link = re.search(r'<a href="(/en/search/\?[^"]+)">See all (\d+) plots in this zone</a>', page)
    assert link and int(link.group(2)) == len(plots)
    listing = html(client.get(link.group(1).replace("&amp;", "&")))
    assert f"{len(plots)} results" in listing


def finder_form_from_a_page_without_profile(profile: str) -> dict:
    """What the finder's form sends when a sector is chosen on a page that showed no profile:
    every requirement field, empty, and the profile."""
    from search.matching.spec import NUMBER_REQUIREMENTS

    fields = {f"r.{key}": "" for key in NUMBER_REQUIREMENTS}
    return fields | {"r.max_flood_risk": "", "r.airport_km": "", "loaded": "", "go": "1",
                     "profile": profile}  # fmt: skip


def test_choosing_a_sector_applies_it_without_loading_it_first(client, seeded):
    page = html(
        client.get(
            "/en/site-finder/", finder_form_from_a_page_without_profile("data_centre_hyperscale")
        )
    )
    # The preset's requirements are filled in and count: every plot listed has at least 40 MW.
    assert re.search(r'name="r.min_power_mw" type="number"[^>]*value="40"', page)
    powers = re.findall(
        r"<th scope=\"row\">Power at least \(MW\)</th><td>40</td><td>([\d.,]+)</td>", page
    )
    assert powers and all(float(p.replace(",", "")) >= 40 for p in powers)
    scores = [float(s) for s in re.findall(r"<strong>([\d.]+)</strong>/100", page)]
    assert scores and max(scores) > 0
    # Its weights are there to adjust, and the form remembers which preset it shows.
    assert (
        'name="w.power_capacity_mw"' in page
        and 'name="loaded" value="data_centre_hyperscale"' in page
    )


def test_the_finder_without_preferences_lists_plots_unranked(client, seeded):
    page = html(client.get("/en/site-finder/"))
    assert "No preferences set" in page
    assert "/100" not in page and '<ol class="finder-results">' not in page
    assert 'class="finder-result"' in page


def test_a_ticked_filter_without_results_stays_to_be_unticked(client, seeded):
    # A zone without plots: ticked with "plot", it has no results and no count of its own.
    params = {"kind": "plot", "zone": "bien-hoa-1-ip", "q": "lot"}
    page = html(client.get("/en/search/", params))
    assert re.search(
        r'name="zone" value="bien-hoa-1-ip" checked>\s*<label[^>]*>Bien Hoa 1[^<]+'
        r'<span class="count">\(0\)',
        page,
    )
    # The active filters, each removable on its own; the rest of the query stays.
    active = re.search(r'<ul class="active-filters"[^>]*>(.*?)</ul>', page, re.S).group(1)
    links = {
        re.sub(r"<[^>]+>|\s+", " ", text).strip(): href.replace("&amp;", "&")
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', active, re.S)
    }
    removal = next(href for text, href in links.items() if "Bien Hoa 1" in text)
    assert "zone=" not in removal and "kind=plot" in removal and "q=lot" in removal
    assert any("Plot" in text for text in links)


def a01_facts(seeded) -> str:
    """The key figures of the plot, as an English page writes them, from the raw seed record."""
    plot = next(r for r in seeded if r["ref"] == PLOT)
    return (
        f"{plot['area_m2'] / 10_000:g} ha · {plot['power_capacity_mw']:g} MW · "
        f"{plot['lease_price_usd_m2']:g} USD/m² · {plot['status'].capitalize()}"
    )


def test_plots_are_named_with_their_zone_and_figures_outside_the_zone_page(client, seeded):
    zone_name = next(r for r in seeded if r["ref"] == "lt-digital-park")["name_en"]
    label = f"{zone_name} · lot A01"
    facts = a01_facts(seeded)
    results = html(client.get("/en/search/", {"kind": "plot", "q": "A01"}))
    assert label in results and facts in results
    feature = next(
        f
        for f in client.get("/api/v1/geojson/", {"kind": "plot", "lang": "en"}).json()["features"]
        if f["properties"]["ref"] == PLOT
    )
    assert feature["properties"]["label"] == label
    assert feature["properties"]["zone_name"] == zone_name
    client.post("/en/compare/add/", {"ref": PLOT, "next": "/en/compare/"})
    compare = html(client.get("/en/compare/"))
    assert label in compare and facts in compare
    assert 'action="/en/compare/remove/"' in compare  # absolute, wherever it is shown
    finder = html(client.get("/en/site-finder/", {"profile": "data_centre_hyperscale"}))
    assert re.search(r"<h3><a href=\"[^\"]+\">[^<]+ · lot [^<]+</a></h3>", finder)


def test_compare_csv_writes_numbers_as_numbers(client, seeded):
    client.post("/vi/compare/add/", {"ref": PLOT, "next": "/vi/compare/"})
    import csv
    import io

    text = client.get("/vi/compare/?format=csv").content.decode("utf-8-sig")
    rows = {row[0]: row[1] for row in csv.reader(io.StringIO(text))}
    area = next(value for label, value in rows.items() if label.startswith("Diện tích"))
    assert area == "20000"
    distance = next(value for label, value in rows.items() if label.startswith("Khoảng cách"))
    assert re.fullmatch(r"\d+\.\d", distance)


def fact(page: str, label: str) -> str:
    match = re.search(r"<dt>" + re.escape(label) + r"</dt><dd>([^<]*)</dd>", page)
    assert match, label
    return match.group(1)


@pytest.mark.parametrize(
    ("lang", "area", "available", "area_label", "available_label"),
    [
        ("en", "20,000", "1 January 2028", "Area (m²)", "Available from"),
        ("vi", "20.000", "1 tháng 1 năm 2028", "Diện tích (m²)", "Sẵn sàng từ"),
    ],
)
def test_people_read_numbers_and_dates_in_their_language(
    client, seeded, lang, area, available, area_label, available_label
):
    page = html(client.get(f"/{lang}/registry/plot/{PLOT}/"))
    assert fact(page, area_label) == area
    assert fact(page, available_label) == available


def test_codes_and_years_are_never_grouped(client, seeded):
    page = html(client.get("/en/registry/zone/lt-digital-park/"))
    assert fact(page, "Ward/commune code") == "26383"
    finder = html(client.get("/en/site-finder/", {"go": "1", "r.min_lease_term_end_year": "2050"}))
    assert "<td>2050</td>" in finder and "2,050" not in finder


def test_admin_lists_show_numbers_as_people_read_them(client, seeded):
    from django.contrib.auth import get_user_model

    curator = get_user_model().objects.create_superuser("curator", "c@example.invalid", "pw")
    client.force_login(curator)
    listing = html(client.get("/admin/snippets/registry/plot/", {"q": "A01"}))
    # The admin speaks Vietnamese to this curator: 20.000 (20,000 in English).
    assert "20000.0" not in listing and "20.000" in listing
