"""The public pages of an expert and of a challenge (interchange v1.1), in both languages: what
they show, their JSON-LD (read by a JSON-LD processor that may fetch nothing), the sitemap, and
what they never show (contact details, the inquiry form)."""

import re

import pytest
from django.conf import settings
from pyld import jsonld as ld

from tests.cms.test_portal import html, jsonld
from tests.cms.test_security_headers import assert_security_headers
from tests.search import linkage as linked
from tests.search.linkage import PRIVATE_EMAILS

pytestmark = pytest.mark.django_db
linkage = linked.linkage  # the fixture, found by pytest under this name
SCHEMA = "https://schema.org/"


def schema_context(url, options=None):
    """schema.org's context, as far as these documents need it, without the network."""
    assert url.rstrip("/") == SCHEMA.rstrip("/"), url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": SCHEMA}},
    }


def expanded(data: dict) -> dict:
    (node,) = ld.expand(data, {"documentLoader": schema_context})
    return node


def values(node: dict, name: str) -> list:
    return [item.get("@value", item.get("@id")) for item in node.get(SCHEMA + name, [])]


def assert_private_data_absent(page: str):
    for email in PRIVATE_EMAILS:
        assert email not in page
    assert 'id="inquiry"' not in page  # the investment inquiry form is for sites and firms
    data = jsonld(page)
    assert not {"email", "telephone", "address"} & set(data)


def test_expert_page_in_english(client, linkage):
    response = client.get("/en/registry/expert/test-expert/")
    page = html(response)
    assert "<h1>Nguyen Thi Hoa</h1>" in page
    assert "Associate professor" in page
    assert '<a href="/en/registry/rd_organisation/test-lab/">' in page
    assert "Vietnamese, English" in page
    assert 'href="/en/ask/?expert=test-expert"' in page and "Ask this expert" in page
    assert_private_data_absent(page)
    policy = assert_security_headers(response)
    assert "'unsafe-inline'" not in policy["script-src"]


def test_expert_page_in_vietnamese(client, linkage):
    page = html(client.get("/vi/registry/expert/test-expert/"))
    assert "<h1>Nguyễn Thị Hoa</h1>" in page
    assert "Phó giáo sư" in page
    assert "Tiếng Việt, Tiếng Anh" in page
    assert 'href="/vi/ask/?expert=test-expert"' in page and "Hỏi chuyên gia này" in page
    assert_private_data_absent(page)


def test_expert_who_takes_no_questions_has_no_button(client, linkage):
    expert, _challenge = linkage
    type(expert).objects.filter(pk=expert.pk).update(accepts_questions=False)
    page = html(client.get("/en/registry/expert/test-expert/"))
    assert "/ask/?expert=" not in page


def test_expert_json_ld_is_a_person_with_what_they_know(client, linkage):
    data = jsonld(html(client.get("/en/registry/expert/test-expert/")))
    node = expanded(data)
    assert node["@type"] == [SCHEMA + "Person"]
    assert values(node, "jobTitle") == ["Associate professor"]
    assert values(node, "knowsLanguage") == ["vi", "en"]
    assert values(node, "knowsAbout") == ["Chip design"]
    (affiliation,) = node[SCHEMA + "affiliation"]
    assert affiliation["@type"] == [SCHEMA + "ResearchOrganization"]
    assert values(affiliation, "url") == [
        f"{settings.SITE_URL}/en/registry/rd_organisation/test-lab/"
    ]


def test_challenge_page_formats_budget_and_dates_per_language(client, linkage):
    english = html(client.get("/en/registry/challenge/test-need/"))
    assert "<h1>Automated chip testing</h1>" in english
    assert "VND 2,500,000,000" in english and "31 December 2026" in english
    assert "Enterprise&#x27;s technology need" in english and "Open" in english
    assert "R&amp;D organisations, Experts" in english
    assert '<a href="/en/registry/enterprise/test-chip/">Dong Nai Microchip</a>' in english
    assert_private_data_absent(english)
    vietnamese = html(client.get("/vi/registry/challenge/test-need/"))
    assert "2.500.000.000 ₫" in vietnamese and "31 tháng 12 năm 2026" in vietnamese


def test_challenge_json_ld_is_a_demand_with_budget_deadline_and_poster(client, linkage):
    data = jsonld(html(client.get("/en/registry/challenge/test-need/")))
    node = expanded(data)
    assert node["@type"] == [SCHEMA + "Demand"]
    assert values(node, "validThrough") == ["2026-12-31"]
    (price,) = node[SCHEMA + "priceSpecification"]
    assert values(price, "maxPrice") == [2_500_000_000]
    assert values(price, "priceCurrency") == ["VND"]
    (service,) = node[SCHEMA + "itemOffered"]
    assert values(service, "name") == ["Automated chip testing"]
    (poster,) = node["@reverse"][SCHEMA + "seeks"]
    assert poster["@id"].endswith("/vi/registry/enterprise/test-chip/#id")


def test_sitemap_lists_published_experts_and_challenges_in_both_languages(client, linkage):
    expert, _challenge = linkage
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ("registry/expert/test-expert/", "registry/challenge/test-need/"):
        assert f"<loc>{settings.SITE_URL}/vi/{path}</loc>" in sitemap
        assert re.search(rf'hreflang="en"\s+href="{settings.SITE_URL}/en/{path}"', sitemap)
    expert.unpublish()
    assert "registry/expert/test-expert/" not in client.get("/sitemap.xml").content.decode()


def test_home_page_offers_challenges_and_experts_to_browse(client, linkage):
    page = html(client.get("/en/"))
    assert re.search(r'href="/en/search/\?kind=challenge"[^>]*>.*?Challenges', page, re.S)
    assert re.search(r'href="/en/search/\?kind=expert"[^>]*>.*?Experts', page, re.S)


def test_map_data_of_records_without_a_location_counts_them_and_draws_nothing(client, linkage):
    body = client.get("/api/v1/geojson/", {"kind": ["expert", "challenge"]}).json()
    assert body["features"] == [] and body["without_location"] == 2
