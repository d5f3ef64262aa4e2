"""What search engines read in each portal page's <head>: a description of its own, and the page
in the other language at an absolute address (Lighthouse's SEO
audits; tests/browser/test_lighthouse.py runs Lighthouse itself)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def head(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode().split("</head>")[0]


def portal_paths(seeded) -> list[str]:
    plot = next(r for r in seeded if r["kind"] == "plot")
    return ["", "search/?q=data+centre", "site-finder/", f"registry/plot/{plot['ref']}/"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_key_page_has_one_description_of_its_own(client, seeded, lang):
    descriptions = {}
    for path in portal_paths(seeded):
        found = re.findall(
            r'<meta name="description" content="([^"]*)"', head(client, f"/{lang}/{path}")
        )
        assert len(found) == 1 and found[0].strip(), (path, found)
        descriptions[path] = found[0]
    assert len(set(descriptions.values())) == len(descriptions), descriptions


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_other_language_is_announced_with_an_absolute_address(client, seeded, lang):
    for path in portal_paths(seeded):
        alternates = dict(
            re.findall(
                r'<link rel="alternate" hreflang="(\w+)" href="([^"]*)"',
                head(client, f"/{lang}/{path}"),
            )
        )
        assert alternates == {
            "vi": f"http://testserver/vi/{path}".replace("&", "&amp;"),
            "en": f"http://testserver/en/{path}".replace("&", "&amp;"),
        }, path
