"""Absolute links name the site's one canonical address (settings.SITE_URL)."""

from registry.addresses import absolute_url, record_url


def test_absolute_url_puts_a_path_at_the_site_address(settings):
    settings.SITE_URL = "https://hub.dongnai.example"
    assert absolute_url("/vi/search/") == "https://hub.dongnai.example/vi/search/"
    assert absolute_url("sitemap.xml") == "https://hub.dongnai.example/sitemap.xml"
    assert (
        absolute_url(record_url("zone", "lt-digital-park", "en"))
        == "https://hub.dongnai.example/en/registry/zone/lt-digital-park/"
    )


def test_absolute_url_keeps_files_served_from_another_host(settings):
    settings.SITE_URL = "https://hub.dongnai.example"
    assert absolute_url("https://cdn.example/og.png") == "https://cdn.example/og.png"
    assert absolute_url("//cdn.example/og.png") == "https://cdn.example/og.png"
