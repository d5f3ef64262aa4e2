"""The public page "Resolution 57 in numbers" (/<lang>/resolution-57/): every indicator of the
plan with its value, as-of date, targets, status in words, source, trend chart and the chart's
figures as a table; the registry-computed figures apart from those the agency reports; then the
registry's breakdowns. Read through `registry.indicators`, kept between changes by
`search.indicator_cache`.

Each chart is served from its own address as SVG (`trend_chart`) and shown as an <img>, so the
page keeps the portal's strict Content-Security-Policy (pygal's SVG carries its own <style>)."""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Revision

from cms.portal.seo import sitemap_entry
from registry.indicators import STATUS_RULE, Status, history, name
from registry.language import language, localized
from registry.models.indicator import Indicator, IndicatorSnapshot
from search import api_http, indicator_cache
from search.freshness import data_state

from .breakdown_tables import breakdown_tables
from .charts import trend_chart_svg, trend_points
from .figures import day, number, target_text, with_unit

STATUS_WORDS = {
    Status.ON_TRACK: pgettext_lazy("indicator status", "On track"),
    Status.BEHIND: pgettext_lazy("indicator status", "Behind"),
    Status.NO_DATA: pgettext_lazy("indicator status", "No data"),
}
ORIGIN_SECTIONS = (
    (
        Indicator.Origin.REGISTRY,
        "registry-figures",
        _("Figures computed from the registry"),
        _(
            "Counted live from the records the agency has published in this registry; each "
            "figure says how many records it counted and how many did not state the value."
        ),
    ),
    (
        Indicator.Origin.AGENCY,
        "agency-figures",
        _("Figures reported by the agency"),
        _(
            "Figures the provincial agency enters from official statistics and reports, each "
            "with its date and its source."
        ),
    ),
)
# Each chart in two sizes: a phone gets the narrow one, drawn for its width, so its text stays
# readable instead of the wide one shrunk. Any other `size` is the wide one.
CHART_SIZES = {"wide": (640, 320), "narrow": (360, 300)}
# An SVG document needs its own <style> and nothing else: no script, no fetch, no frame.
CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def _point_rows(reading_, points, lang: str) -> list[dict]:
    return [
        {
            "date": day(p.as_of, lang),
            "iso": p.as_of.isoformat(),
            "value": with_unit(p.value, reading_.indicator.unit, lang),
            "source": p.source,
            "counted": None if p.records_counted is None else number(p.records_counted, lang, 0),
            "unknown": None if p.records_unknown is None else number(p.records_unknown, lang, 0),
        }
        for p in points
    ]


def indicator_card(reading_, lang: str) -> dict:
    """What the page shows of one indicator, formatted for `lang`."""
    indicator = reading_.indicator
    targets = sorted(indicator.targets.all(), key=lambda t: (t.year, t.sort_order))
    points = trend_points(reading_, history(indicator))
    return {
        "code": indicator.code,
        "name": name(indicator, lang),
        "description": localized(indicator, "description", lang),
        "plan_clause": localized(indicator, "plan_clause", lang),
        "value": with_unit(reading_.value, indicator.unit, lang),
        "as_of": day(reading_.as_of, lang) if reading_.as_of else "",
        "as_of_iso": reading_.as_of.isoformat() if reading_.as_of else "",
        "targets": [target_text(t, indicator.unit, lang) for t in targets],
        "status": reading_.status,
        "status_words": STATUS_WORDS.get(reading_.status, reading_.status),
        "source": reading_.source,
        "source_url": reading_.source_url,
        "registry": indicator.origin == Indicator.Origin.REGISTRY,
        "records_counted": reading_.records_counted,
        "counted_text": number(reading_.records_counted or 0, lang, 0),
        "unknown_text": number(reading_.records_unknown or 0, lang, 0),
        "chart_url": _chart_url(reading_, points),
        "points": _point_rows(reading_, points, lang),
    }


def _by_theme(cards_and_themes) -> list[dict]:
    """Consecutive groups by theme, themes in the order their first indicator comes."""
    themes = dict(Indicator.Theme.choices)
    groups: dict[str, dict] = {}
    for theme, card in cards_and_themes:
        group = groups.setdefault(
            theme, {"theme": theme, "label": themes.get(theme, theme), "indicators": []}
        )
        group["indicators"].append(card)
    return list(groups.values())


def _chart_url(reading_, points) -> str:
    """The chart's address names what it draws: browsers and proxies may keep an image a few
    minutes, so a change of the figures must give a new address, never an old picture."""
    indicator = reading_.indicator
    targets = [(t.year, t.comparison, t.value, t.value_max) for t in indicator.targets.all()]
    drawn = repr(
        (
            reading_.value,
            reading_.as_of,
            reading_.status,
            [(p.as_of, p.value) for p in points],
            sorted(targets),
            indicator.name,
            indicator.name_en,
            indicator.unit,
        )
    )
    version = hashlib.sha256(drawn.encode()).hexdigest()[:12]
    return f"{reverse('resolution-57-chart', args=[reading_.indicator.code])}?v={version}"


def sections(lang: str, registry_token: str | None = None) -> list[dict]:
    found = indicator_cache.readings(registry_token)
    return [
        {
            "origin": origin,
            "anchor": anchor,
            "heading": heading,
            "explanation": explanation,
            "themes": _by_theme(
                (r.indicator.theme, indicator_card(r, lang)) for r in found if r.origin == origin
            ),
        }
        for origin, anchor, heading, explanation in ORIGIN_SECTIONS
    ]


def _answers(path: str) -> bool:
    """Whether the API serves `path` (the indicators' endpoints come with their own branch)."""
    try:
        return resolve(path).func is not api_http.not_found_view
    except Resolver404:
        return False


def download_links() -> list[dict]:
    links = []
    try:
        api_root = reverse("api-export").removesuffix("export/")
    except NoReverseMatch:  # pragma: no cover - the API is always mounted
        return links
    indicators = f"{api_root}indicators/"
    if _answers(indicators):
        links += [
            {"url": indicators, "label": _("Indicators as JSON (API)"), "type": "application/json"},
            {"url": f"{indicators}?format=csv", "label": _("CSV"), "type": "text/csv"},
            {
                "url": f"{indicators}?format=xlsx",
                "label": _("XLSX"),
                "type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            },
        ]
    links.append({"url": f"{api_root}docs/", "label": _("API documentation"), "type": ""})
    links.append({"url": reverse("open-data"), "label": _("Open data"), "type": ""})
    return links


@require_safe
def resolution_page(request):
    lang = language()
    # The registry's state is read once: it keys both the figures and the breakdowns, and at
    # 100,000 records it is the dearest query of the page.
    registry_token = data_state().token
    context = {
        "sections": sections(lang, registry_token),
        "status_rule": STATUS_RULE,
        "status_words": STATUS_WORDS,
        "breakdowns": breakdown_tables(lang, registry_token),
        "downloads": download_links(),
        "wide": CHART_SIZES["wide"],
        "narrow": CHART_SIZES["narrow"],
    }
    return TemplateResponse(request, "cms/resolution_page.html", context)


@require_safe
@cache_control(public=True, max_age=300)
def trend_chart(request, code: str):
    """One indicator's trend chart as an SVG image, in the language of the URL's prefix."""
    found = next((r for r in indicator_cache.readings() if r.indicator.code == code), None)
    if found is None:
        raise Http404
    width, height = CHART_SIZES.get(request.GET.get("size"), CHART_SIZES["wide"])
    points = trend_points(found, history(found.indicator))
    svg = trend_chart_svg(found, points, lang=language(), width=width, height=height)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = CHART_POLICY
    response._csp_exempt = True  # django-csp: this response carries its own policy
    return response


class ResolutionSitemap(Sitemap):
    """The page in both languages for sitemap.xml (beside Wagtail's pages), last modified when
    an indicator was last edited or snapshotted."""

    def items(self):
        return ["resolution-57"]

    def _urls(self, page, protocol, domain):
        edited = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(Indicator)
        ).aggregate(at=Max("created_at"))["at"]
        snapshotted = IndicatorSnapshot.objects.aggregate(at=Max("taken_at"))["at"]
        lastmod = max((at for at in (edited, snapshotted) if at is not None), default=None)
        self.latest_lastmod = lastmod
        entries = []
        for url_name in self.paginator.page(page).object_list:

            def path_in(lang: str, url_name=url_name) -> str:
                with translation.override(lang):
                    return reverse(url_name)

            entries += sitemap_entry(path_in, lastmod)
        return entries


def headline_figures(limit: int = 3, registry_token: str | None = None) -> list[dict]:
    """The home page's teaser: the first indicators (page order) that have a value and a
    target, in the active language. From the cached readings: the home page is the busiest, and
    the registry's figures are aggregates over every record."""
    lang = language()
    chosen = [
        r
        for r in indicator_cache.readings(registry_token)
        if r.value is not None and r.indicator.targets.all()
    ]
    figures = [
        {
            "code": r.indicator.code,
            "name": name(r.indicator, lang),
            "value": with_unit(r.value, r.indicator.unit, lang),
            "target": target_text(
                min(r.indicator.targets.all(), key=lambda t: t.year), r.indicator.unit, lang
            ),
            "status": r.status,
            "status_words": str(STATUS_WORDS.get(r.status, r.status)),
        }
        for r in chosen[:limit]
    ]
    return figures
