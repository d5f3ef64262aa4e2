"""The quarterly report as a PDF, for people: rendered on the server with WeasyPrint from an HTML
template (as the portal's site profiles are), in DejaVu Sans so that Vietnamese prints with all
its diacritics, numbers and dates written as the report's language writes them."""

import base64
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext

from registry.indicators import Reading, history
from registry.models.indicator import Indicator

from .charts import trend_chart_svg, trend_points
from .figures import bare, day, target_text, with_unit
from .report import IndicatorRow, QuarterlyReport, status_label


def logo_data_uri() -> str:
    """The agency's logo (AGENCY_LOGO, a static file) inside the document: the renderer fetches
    nothing from outside it. Empty when the file is not found."""
    found = finders.find(settings.AGENCY_LOGO)
    if not found:
        return ""
    path = Path(found)
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{media_type};base64,{base64.b64encode(path.read_bytes()).decode()}"


def indicator_chart(row: IndicatorRow, report: QuarterlyReport) -> str:
    """The indicator's trend up to the quarter's end, drawn by the monitor's charts, as an
    image address (an SVG data URI): the PDF shows it as a picture, never as markup."""
    if row.value.value is None:
        return ""
    shown = Reading(
        row.indicator,
        row.value.value,
        row.value.as_of,
        row.value.source,
        row.value.records_counted,
        row.value.records_unknown,
        row.status,
    )
    points = [p for p in history(row.indicator) if p.as_of <= report.quarter.end]
    svg = trend_chart_svg(
        shown, trend_points(shown, points), lang=report.language, width=420, height=220
    )
    return f"data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}"


def counted_note(row: IndicatorRow, lang: str) -> str:
    counted, unknown = row.value.records_counted, row.value.records_unknown
    if counted is None:
        return ""
    return gettext("%(counted)s records counted, %(unknown)s with the value unknown") % {
        "counted": bare(counted, Indicator.Unit.COUNT, lang),
        "unknown": bare(unknown or 0, Indicator.Unit.COUNT, lang),
    }


def indicator_display(row: IndicatorRow, report: QuarterlyReport) -> dict:
    lang = report.language
    return {
        "name": row.name,
        "code": row.indicator.code,
        "origin": row.indicator.get_origin_display(),
        "value": with_unit(row.value.value, row.unit, lang),
        "as_of": day(row.value.as_of, lang),
        "counted": counted_note(row, lang),
        "targets": [target_text(t, row.unit, lang) for t in row.targets],
        "status": row.status,
        "status_label": status_label(row.status),
        "trend": [with_unit(v.value, row.unit, lang) for v in row.trend],
        "source": row.value.source,
        "chart": indicator_chart(row, report),
    }


def by_theme(report: QuarterlyReport) -> list[dict]:
    """The indicators in page order, grouped under their themes (a theme first met first)."""
    groups: dict[str, list[dict]] = {}
    for row in report.indicators:
        groups.setdefault(row.theme, []).append(indicator_display(row, report))
    return [{"theme": theme, "rows": rows} for theme, rows in groups.items()]


def pdf_context(report: QuarterlyReport) -> dict:
    lang = report.language
    quarter = report.quarter
    return {
        "report": report,
        "logo": logo_data_uri(),
        "start": day(quarter.start, lang),
        "end": day(quarter.end, lang),
        "generated_on": day(report.generated_at.date(), lang),
        "themes": by_theme(report),
        "trend_labels": [q.label for q in report.trend_quarters],
        "new_investors": [
            {**vars(n), "published_on": day(n.published_on, lang)} for n in report.new_investors
        ],
        "inquiries_won": [
            {**vars(w), "received_on": day(w.received_on, lang), "won_on": day(w.won_on, lang)}
            for w in report.inquiries_won
        ],
        "new_investor_count": bare(len(report.new_investors), Indicator.Unit.COUNT, lang),
        "inquiries_won_count": bare(len(report.inquiries_won), Indicator.Unit.COUNT, lang),
    }


def render_report_html(report: QuarterlyReport) -> str:
    """The HTML the PDF is made from; call it with the report's language active."""
    return render_to_string("cms/monitor/quarterly_report_pdf.html", pdf_context(report))


def report_pdf(report: QuarterlyReport) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Data addresses only (the logo): no record's text can make the server fetch a URL.
    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=render_report_html(report), url_fetcher=fetcher).write_pdf()
