"""What search engines and link previews read: every page in each language at the canonical
address (hreflang, with x-default on the Vietnamese page), the sitemap's entries, a record's
schema.org JSON-LD, and the Open Graph image and description of a page.

Every absolute address comes from registry.addresses.absolute_url (settings.SITE_URL), never
from the request's Host, so crawlers see one site whatever name reached it."""

from collections.abc import Callable

from django.templatetags.static import static
from django.utils import translation
from django.utils.encoding import escape_uri_path
from django.utils.text import Truncator
from django.utils.translation import gettext
from vietnam_provinces import Province, Ward
from wagtail.images.models import SourceImageIOError

from registry.addresses import absolute_url, record_url
from registry.language import language, localized
from registry.models import KINDS

from .provenance import provenance

# The site's languages in the order search engines are told of them; the first is x-default.
LANGUAGES = ("vi", "en")
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
SCHEMA_TYPES = {
    "zone": "Place",
    "plot": "Place",
    "landmark": "Place",
    "enterprise": "Organization",
    "rd_organisation": "ResearchOrganization",
    "incubator": "Organization",
    # A challenge is a need announced publicly: schema.org's Demand (GoodRelations' "seeks").
    "challenge": "Demand",
    "expert": "Person",
}
# The site's own preview image (scripts/make_og_image.py drew it once).
DEFAULT_OG_IMAGE = {"path": "img/og-default.png", "width": 1200, "height": 630}
DESCRIPTION_WORDS = 30


def language_versions(path_in: Callable[[str], str]) -> list[dict]:
    """The page in every language at its absolute address, then x-default (the Vietnamese page):
    `path_in(lang)` is the page's path in that language. Keys as Django's sitemap template reads
    them (lang_code, location)."""
    versions = [{"lang_code": lang, "location": absolute_url(path_in(lang))} for lang in LANGUAGES]
    return [*versions, {"lang_code": "x-default", "location": versions[0]["location"]}]


def request_versions(request) -> list[dict]:
    """The requested page in each language: its path with the language prefix swapped. The query
    is left out: a filtered search is the same page to a search engine."""
    path = escape_uri_path(request.path)
    rest = path[3:] if path[:4] in ("/vi/", "/en/") else "/"
    return language_versions(lambda lang: f"/{lang}{rest}")


def head_context(request) -> dict:
    """What base.html's <head> needs on every page; a view may replace any of it."""
    current = language()
    return {
        "canonical_url": absolute_url(escape_uri_path(request.path)),
        "hreflang": request_versions(request),
        "og_locale": OG_LOCALES.get(current, OG_LOCALES[LANGUAGES[0]]),
        "og_locale_alternates": [OG_LOCALES[lang] for lang in LANGUAGES if lang != current],
        "og_image": default_og_image(),
    }


def default_og_image() -> dict:
    return {
        "url": absolute_url(static(DEFAULT_OG_IMAGE["path"])),
        "width": DEFAULT_OG_IMAGE["width"],
        "height": DEFAULT_OG_IMAGE["height"],
        "alt": gettext("Đồng Nai Digital Hub"),
    }


def record_og_image(record) -> dict:
    """The record's own image at 1200 × 630 (a logo whole, a photo cropped), else the site's."""
    if record.photo is None:
        return default_og_image()
    spec = "max-1200x630" if record.kind == "enterprise" else "fill-1200x630"
    try:
        rendition = record.photo.get_rendition(spec)
    except SourceImageIOError:  # the file is gone: a preview without it, not an error page
        return default_og_image()
    return {
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": record.photo.title,
    }


def record_summary(record, name: str, description: str) -> str:
    """One line for <meta name=description> and og:description, never empty: the description's
    first words, else what and where the record is."""
    if description.strip():
        return Truncator(description).words(DESCRIPTION_WORDS)
    zone = getattr(record, "zone", None)
    values = {"name": name, "kind": record._meta.verbose_name}
    if zone is not None and zone.live:
        return gettext("%(name)s: %(kind)s in %(zone)s, Đồng Nai.") % {
            **values,
            "zone": localized(zone, "name"),
        }
    return (
        gettext("%(name)s: %(kind)s in the registry of Đồng Nai's digital-technology ecosystem.")
        % values
    )


def entity_id(kind: str, ref: str) -> str:
    """The JSON-LD identifier of a record: its page with a fragment (the page is about the thing;
    the thing is not the page), the same on both languages' pages (the first language's)."""
    return absolute_url(record_url(kind, ref, LANGUAGES[0])) + "#id"


def postal_address(record) -> dict | None:
    """The ward and province of the record's ward code (a plot without one: its zone's)."""
    code = record.ward_code
    if code is None and record.kind == "plot" and record.zone is not None:
        code = record.zone.ward_code
    if code is None:
        return None
    try:
        ward = Ward.from_code(code)
        province = Province.from_code(ward.province_code)
    except (ValueError, KeyError, TypeError):
        return None
    return {
        "@type": "PostalAddress",
        "addressLocality": ward.name,
        "addressRegion": province.name,
        "addressCountry": "VN",
    }


def structured_data(record, page_url: str, name: str, description: str, image: dict) -> dict:
    """schema.org JSON-LD for a record's page: the record, identified by `#id` on its page's
    address, and the page about it (its address and language) as `mainEntityOfPage`; the record's
    `url` and `sameAs` are its own website. Public fields only: no person's e-mail or phone."""
    thing = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[record.kind],
        "@id": entity_id(record.kind, record.ref),
        "mainEntityOfPage": {
            "@type": "ItemPage",
            "@id": page_url,
            "url": page_url,
            "inLanguage": language(),
            "isPartOf": {
                "@type": "WebSite",
                "@id": absolute_url("/"),
                "name": gettext("Đồng Nai Digital Hub"),
            },
        },
        "name": name,
        "identifier": record.ref,
    }
    # Provenance belongs to the page about the record (a WebPage is a CreativeWork; a Place or
    # an Organization has no such properties): when it was last reviewed, what it is based on.
    if record.verified_on:
        thing["mainEntityOfPage"]["lastReviewed"] = record.verified_on.isoformat()
    based_on = [part.url for part in provenance(record).source if part.url]
    if based_on:
        thing["mainEntityOfPage"]["isBasedOn"] = based_on
    other_name = record.name if name != record.name else record.name_en
    if other_name and other_name != name:
        thing["alternateName"] = other_name
    if description:
        thing["description"] = description
    if record.website:
        thing["url"] = record.website
        thing["sameAs"] = [record.website]
    if record.photo is not None:
        thing["image"] = image["url"]
    if record.kind in KIND_PROPERTIES:
        thing.update(KIND_PROPERTIES[record.kind](record))
        return thing
    whereabouts = location(record)
    if thing["@type"] == "Place":
        thing.update(whereabouts)
    elif whereabouts:  # an organisation has an address, and a location that is a place
        thing["address"] = whereabouts.get("address")
        thing["location"] = {"@type": "Place", **whereabouts}
        thing = {key: value for key, value in thing.items() if value is not None}
    return thing


def organisation_node(record) -> dict | None:
    """A published organisation as a JSON-LD node: its identifier, name and page."""
    if record is None or not record.live:
        return None
    return {
        "@type": SCHEMA_TYPES[record.kind],
        "@id": entity_id(record.kind, record.ref),
        "name": localized(record, "name"),
        "url": absolute_url(record_url(record.kind, record.ref)),
    }


def technology_labels(record) -> list[str]:
    return sorted(localized(t, "name") or t.code for t in record.technologies.all())


def expert_properties(expert) -> dict:
    """A Person: what they know and speak, where they work. Never an e-mail, telephone or
    address (the expert is reached through the platform only)."""
    properties = {
        "jobTitle": expert.get_expert_title_display() if expert.expert_title else None,
        "affiliation": organisation_node(expert.affiliation),
        "knowsAbout": technology_labels(expert) or None,
        "knowsLanguage": list(expert.languages) or None,  # ISO 639-1: valid BCP 47 tags
    }
    return {key: value for key, value in properties.items() if value is not None}


def challenge_properties(challenge) -> dict:
    """A Demand: the service sought (`itemOffered`), its budget as the highest price, the dates
    it is open, and its poster. schema.org relates a seeker to a Demand by the seeker's `seeks`
    (Demand's `seller` names who sells, the wrong party), so the poster is `@reverse` `seeks`."""
    service = {"@type": "Service", "name": localized(challenge, "name")}
    description = localized(challenge, "description")
    if description:
        service["description"] = description
    topics = technology_labels(challenge)
    if topics:
        service["category"] = topics
    properties = {
        "itemOffered": service,
        "businessFunction": "http://purl.org/goodrelations/v1#Buy",
        "validFrom": challenge.posted_on.isoformat(),
        "validThrough": challenge.deadline.isoformat() if challenge.deadline else None,
    }
    if challenge.budget_vnd is not None:
        properties["priceSpecification"] = {
            "@type": "PriceSpecification",
            "maxPrice": round(challenge.budget_vnd),  # whole đồng
            "priceCurrency": "VND",
        }
    poster = organisation_node(challenge.poster)
    if poster:
        properties["@reverse"] = {"seeks": poster}
    return {key: value for key, value in properties.items() if value is not None}


KIND_PROPERTIES = {"challenge": challenge_properties, "expert": expert_properties}


def location(record) -> dict:
    """Where the record is, as schema.org describes a place: its ward's address, coordinates,
    and the zone it lies in (for a plot, its zone; for an organisation, the zone of its site)."""
    place = {}
    address = postal_address(record)
    if address:
        place["address"] = address
    if record.lat is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": record.lat, "longitude": record.lon}
    zone = getattr(record, "zone", None)
    if zone is not None and zone.live:
        place["containedInPlace"] = {
            "@type": "Place",
            "@id": entity_id("zone", zone.ref),
            "name": localized(zone, "name"),
        }
    return place


def sitemap_entry(path_in: Callable[[str], str], lastmod) -> list[dict]:
    """One sitemap <url> per language, each naming all of them (xhtml:link alternates)."""
    versions = language_versions(path_in)
    return [
        {"location": version["location"], "lastmod": lastmod, "alternates": versions}
        for version in versions
        if version["lang_code"] != "x-default"
    ]


def page_sitemap_entries(page, request=None) -> list[dict]:
    """A Wagtail page in both languages (the URL prefix chooses the language)."""

    def path_in(lang: str) -> str:
        with translation.override(lang):
            return page.get_url_parts(request)[2]

    return sitemap_entry(path_in, page.last_published_at or page.latest_revision_created_at)


def record_sitemap_entries() -> list[dict]:
    """Every published record's page in both languages."""
    entries = []
    for kind, model in KINDS.items():
        for ref, updated in model.objects.published().values_list("ref", "updated_at"):
            entries += sitemap_entry(lambda lang, k=kind, r=ref: record_url(k, r, lang), updated)
    return entries
