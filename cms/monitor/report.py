"""The quarterly report for the provincial People's Committee (issue #15, item 6): every
indicator as it stood at the end of the quarter, with its targets, status and the trend of the
last four quarters; the quarter's new investors; the inquiries won in it. The PDF and the XLSX
are both made from one `QuarterlyReport`, built in the report's language.

Definitions (the README's quarterly report section repeats them):
- an indicator's value at a quarter's end: computed from the registry, the latest daily snapshot
  taken on or before its last day (for the quarter still running, the live value); reported by
  the agency, the latest value dated on or before its last day;
- new investors: published enterprises first published in the quarter (sample records, invented
  to demonstrate the portal, are left out);
- inquiries won: inquiries whose status history, by the quarter's end, last moved to "won"
  within the quarter. Only what the registry publishes is shown of them: never the investor's
  name, company, e-mail, phone or message.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import pgettext

from cms.pipeline.models import InquiryEvent
from cms.pipeline.resolve import top_level_sectors, zones_of
from cms.portal.inquiries import COUNTRIES
from cms.portal.models import Inquiry
from registry.indicators import Status, history, name, readings, registry_source
from registry.indicators.status import judge
from registry.language import localized
from registry.models import KINDS, Enterprise
from registry.models.indicator import Indicator

from .report_quarters import Quarter, current_quarter

TREND_QUARTERS = 4


@dataclass(frozen=True)
class Value:
    """An indicator's value at a quarter's end, and the day it describes."""

    value: float | None
    as_of: dt.date | None
    source: str = ""
    records_counted: int | None = None
    records_unknown: int | None = None


NO_VALUE = Value(None, None)


@dataclass
class IndicatorRow:
    indicator: Indicator
    name: str
    theme: str
    value: Value
    status: str
    trend: list[Value]  # one per quarter of `QuarterlyReport.trend_quarters`

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def targets(self) -> list:
        return list(self.indicator.targets.all())


@dataclass
class NewInvestor:
    name: str
    ref: str
    ownership: str
    origin_country: str
    zone: str
    technologies: list[str]
    published_on: dt.date


@dataclass
class WonInquiry:
    number: int
    record_kind: str
    record_name: str
    sectors: list[str]
    zone: str
    country: str
    received_on: dt.date
    won_on: dt.date


@dataclass
class QuarterlyReport:
    quarter: Quarter
    language: str
    generated_at: dt.datetime
    agency: str
    live: bool  # the quarter is still running: registry values are today's
    trend_quarters: list[Quarter]
    indicators: list[IndicatorRow] = field(default_factory=list)
    new_investors: list[NewInvestor] = field(default_factory=list)
    inquiries_won: list[WonInquiry] = field(default_factory=list)


def status_at(indicator: Indicator, value: Value, quarter: Quarter) -> str:
    """The status as it stood at the quarter's end: the monitor's rule, judged on that day
    against the history known by then (a past quarter is not judged by today's targets)."""
    if value.value is None or value.as_of is None:
        return Status.NO_DATA
    on = min(quarter.end, timezone.localdate())
    first = next(
        ((p.as_of, p.value) for p in history(indicator) if p.value is not None and p.as_of <= on),
        None,
    )
    return judge(indicator, indicator.targets.all(), first, (value.as_of, value.value), on).status


def value_at(indicator: Indicator, quarter: Quarter, live: dict[int, Value]) -> Value:
    if indicator.origin == Indicator.Origin.REGISTRY:
        if indicator.pk in live and quarter == current_quarter():
            return live[indicator.pk]
        snapshot = (
            indicator.snapshots.filter(taken_on__lte=quarter.end).order_by("-taken_on").first()
        )
        if snapshot is None:
            return NO_VALUE
        return Value(
            snapshot.value,
            snapshot.taken_on,
            registry_source(),
            snapshot.records_counted,
            snapshot.records_unknown,
        )
    reported = [v for v in indicator.reported_values.all() if v.as_of <= quarter.end]
    if not reported:
        return NO_VALUE
    latest = max(reported, key=lambda v: (v.as_of, v.sort_order or 0))
    return Value(latest.value, latest.as_of, latest.source)


def live_registry_values() -> dict[int, Value]:
    return {
        r.indicator.pk: Value(r.value, r.as_of, r.source, r.records_counted, r.records_unknown)
        for r in readings()
        if r.indicator.origin == Indicator.Origin.REGISTRY
    }


def indicator_rows(quarter: Quarter, trend_quarters: list[Quarter]) -> list[IndicatorRow]:
    live = live_registry_values() if quarter == current_quarter() else {}
    rows = []
    for indicator in Indicator.objects.prefetch_related("targets", "reported_values"):
        trend = [value_at(indicator, q, live) for q in trend_quarters]
        value = trend[-1]
        rows.append(
            IndicatorRow(
                indicator=indicator,
                name=name(indicator),
                theme=str(indicator.get_theme_display()),
                value=value,
                status=status_at(indicator, value, quarter),
                trend=trend,
            )
        )
    return rows


def country_name(code: str) -> str:
    return str(dict(COUNTRIES).get(code, code)) if code else ""


def new_investors(quarter: Quarter) -> list[NewInvestor]:
    enterprises = (
        Enterprise.objects.published()
        .filter(sample=False, first_published_at__gte=quarter.since())
        .filter(first_published_at__lt=quarter.until())
        .select_related("zone")
        .prefetch_related("technologies")
        .order_by("first_published_at", "name")
    )
    return [
        NewInvestor(
            name=localized(e, "name") or e.name,
            ref=e.ref,
            ownership=str(e.get_ownership_display()),
            origin_country=country_name(e.origin_country),
            zone=localized(e.zone, "name") if e.zone and e.zone.live else "",
            technologies=sorted(localized(t, "name") or t.code for t in e.technologies.all()),
            published_on=timezone.localdate(e.first_published_at),
        )
        for e in enterprises
    ]


def won_events(quarter: Quarter) -> dict[int, InquiryEvent]:
    """Inquiry id -> its move to "won" in the quarter, for the inquiries whose last move by the
    quarter's end is that one (won, then lost again, is not won)."""
    last_moves: dict[int, InquiryEvent] = {}
    events = InquiryEvent.objects.filter(at__lt=quarter.until()).order_by("at", "pk")
    touched = events.filter(at__gte=quarter.since(), to_status=Inquiry.Status.WON)
    for event in events.filter(inquiry__in=touched.values("inquiry")):
        last_moves[event.inquiry_id] = event
    return {
        pk: event
        for pk, event in last_moves.items()
        if event.to_status == Inquiry.Status.WON and event.at >= quarter.since()
    }


def published_names(inquiries) -> dict[tuple[str, str], str]:
    """The registry's current public name of each inquiry's record, in the report's language."""
    names = {}
    for kind in {i.kind for i in inquiries}:
        model = KINDS.get(kind)
        if model is None:
            continue
        refs = {i.ref for i in inquiries if i.kind == kind}
        for record in model.objects.published().filter(ref__in=refs):
            names[kind, record.ref] = localized(record, "name") or record.name
    return names


def inquiries_won(quarter: Quarter) -> list[WonInquiry]:
    won = won_events(quarter)
    # Only the fields that carry no personal data are read at all.
    inquiries = list(
        Inquiry.objects.filter(pk__in=won).only(
            "pk", "kind", "ref", "record_name", "country", "created_at"
        )
    )
    sectors, zones, names = (
        top_level_sectors(inquiries),
        zones_of(inquiries),
        published_names(inquiries),
    )
    kinds = {kind: model._meta.verbose_name for kind, model in KINDS.items()}
    rows = [
        WonInquiry(
            number=i.pk,
            record_kind=str(kinds.get(i.kind, i.kind)),
            # A record withdrawn since is not named in a document sent outside the agency.
            record_name=names.get((i.kind, i.ref))
            or pgettext("quarterly report", "(no longer published)"),
            sectors=[localized(t, "name") or t.code for t in sectors[i.pk]],
            zone=localized(zones[i.pk], "name") if zones[i.pk] and zones[i.pk].live else "",
            country=country_name(i.country),
            received_on=timezone.localdate(i.created_at),
            won_on=timezone.localdate(won[i.pk].at),
        )
        for i in inquiries
    ]
    return sorted(rows, key=lambda r: (r.won_on, r.number))


def quarterly_report(quarter: Quarter, language: str) -> QuarterlyReport:
    """The report of `quarter`; call it with `language` active (names, labels, sources)."""
    trend_quarters = quarter.last(TREND_QUARTERS)
    return QuarterlyReport(
        quarter=quarter,
        language=language,
        generated_at=timezone.localtime(),
        agency=str(settings.AGENCY_NAME),
        live=quarter == current_quarter(),
        trend_quarters=trend_quarters,
        indicators=indicator_rows(quarter, trend_quarters),
        new_investors=new_investors(quarter),
        inquiries_won=inquiries_won(quarter),
    )


def status_label(status: str) -> str:
    return {
        Status.ON_TRACK: pgettext("quarterly report", "On track"),
        Status.BEHIND: pgettext("quarterly report", "Behind"),
        Status.NO_DATA: pgettext("quarterly report", "No data"),
    }.get(status, status)
