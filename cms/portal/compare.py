"""The shortlist: up to four plots in the visitor's session, compared side by side, as CSV too."""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext

from registry.addresses import record_url
from registry.geo import haversine_km
from registry.interchange.spreadsheet import quote_text
from registry.labels import plot_facts, plot_label
from registry.models import Landmark, Plot
from registry.plot_attributes import TECHNOLOGIES, attributes

from .links import page_url, technology_name
from .records import display, localized_name

MAX_PLOTS = 4
SESSION_KEY = "compare"
DISTANCE_TO = ("lt-airport", "cai-mep-thi-vai-port")


def shortlist(request) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def _back(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return page_url("comparepage")


def add_to_shortlist(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refs = shortlist(request)
    ref = request.POST.get("ref", "")
    if ref in refs:
        pass
    elif len(refs) >= MAX_PLOTS:
        messages.warning(
            request,
            gettext("You can compare up to %(n)d plots; remove one first.") % {"n": MAX_PLOTS},
        )
    elif Plot.objects.published().filter(ref=ref).exists():
        refs.append(ref)
        request.session[SESSION_KEY] = refs
        messages.success(request, gettext("Added to your comparison."))
    return HttpResponseRedirect(_back(request))


def remove_from_shortlist(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    request.session[SESSION_KEY] = [r for r in shortlist(request) if r != request.POST.get("ref")]
    return HttpResponseRedirect(_back(request))


def machine_value(value):
    """A cell of the CSV: numbers as numbers (plain digits, a dot, no trailing .0), dates in ISO
    form; None for what is shown as words."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return None


def compared_row(attribute, plots) -> dict:
    """One attribute's row: its label, each plot's value in words and, for the CSV, as data."""
    if attribute.kind == TECHNOLOGIES:
        return {
            "label": str(attribute.label),
            "values": [
                ", ".join(sorted(technology_name(t) for t in getattr(p, attribute.name).all()))
                or "—"
                for p in plots
            ],
        }
    field = Plot._meta.get_field(attribute.name)
    return {
        "label": str(attribute.label),
        "values": [display(field, getattr(p, attribute.name), None) or "—" for p in plots],
        "data": [machine_value(getattr(p, attribute.name)) for p in plots],
    }


def comparison(refs: list[str]) -> tuple[list, list[dict]]:
    """The plots in shortlist order, and one row per attribute: label, values, differs."""
    found = {
        p.ref: p
        for p in Plot.objects.published().filter(ref__in=refs).select_related("zone")
        .prefetch_related(*(a.name for a in attributes(compare=True, kind=TECHNOLOGIES)))
    }  # fmt: skip
    plots = [found[ref] for ref in refs if ref in found]
    rows = [
        {
            "label": gettext("Zone"),
            "values": [localized_name(p.zone) for p in plots],
        }
    ]
    for attribute in attributes(compare=True):
        rows.append(compared_row(attribute, plots))
    for landmark in Landmark.objects.published().filter(ref__in=DISTANCE_TO).order_by("ref"):
        kms = [round(haversine_km(p.lat, p.lon, landmark.lat, landmark.lon), 1) for p in plots]
        rows.append(
            {
                "label": gettext("Distance to %(place)s (km)")
                % {"place": localized_name(landmark)},
                "values": [formats.number_format(km, decimal_pos=1) for km in kms],
                "data": [machine_value(km) for km in kms],
            }
        )
    for row in rows:
        row["label"] = capfirst(row["label"])
        row["differs"] = len(set(row["values"])) > 1
    return plots, rows


def serve_compare(page, request):
    plots, rows = comparison(shortlist(request))
    if request.GET.get("format") == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        # Names come from the data: text that would start a formula is quoted (OWASP).
        labels = (f"{plot_label(p.zone, p.code, p.name)} ({p.ref})" for p in plots)
        writer.writerow(["", *map(quote_text, labels)])
        for row in rows:
            data = row.get("data") or [None] * len(plots)
            writer.writerow(
                [
                    row["label"],
                    *(
                        quote_text(text) if number is None else number
                        for text, number in zip(row["values"], data, strict=True)
                    ),
                ]
            )
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="dnhub-compare.csv"'
        return response
    context = {
        "page": page,
        "self": page,
        "request": request,
        "plots": [
            {
                "plot": p,
                "name": localized_name(p),
                # Lot codes repeat from zone to zone: a plot is named by both, with its figures.
                "label": plot_label(p.zone, p.code, p.name),
                "facts": plot_facts(p),
                "url": record_url("plot", p.ref),
            }
            for p in plots
        ],
        "rows": rows,
        "max_plots": MAX_PLOTS,
    }
    return TemplateResponse(request, "cms/compare_page.html", context)
