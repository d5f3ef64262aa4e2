"""A one-page "site profile" PDF of a plot or a zone, in the page language: what an investor
prints for a board meeting. Rendered on the server with WeasyPrint from an HTML template, so it
needs no browser; the location sketch is an SVG drawn from the coordinates, so it needs no tiles."""

import functools
import math

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from PIL import ImageFile

from registry.addresses import absolute_url, record_url
from registry.language import localized

from .records import distances, load, localized_name, record_fields

PROFILE_KINDS = ("plot", "zone")
SKETCH_WIDTH, SKETCH_HEIGHT, SKETCH_MARGIN = 300, 220, 18
SKETCH_LANDMARKS = 6


@functools.cache
def pdf_available() -> bool:
    """WeasyPrint needs Pango from the system (scripts/pango installs it); without it the portal
    simply offers no PDF. Asked once per process: a failed import is retried on every call, and
    every plot and zone page asks."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    # WeasyPrint turns on Pillow's loading of truncated images for the whole process when
    # imported; uploads (registry/uploads.py) must keep refusing truncated files, and the PDFs
    # only embed images that were cleaned on upload.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return True


def sketch(record, rows: list[dict]) -> dict | None:
    """The record and its nearest landmarks placed on a small equirectangular plane (at this
    scale the distortion is far below what a sketch shows)."""
    if record.lat is None:
        return None
    near = rows[:SKETCH_LANDMARKS]
    points = [(record.lat, record.lon)] + [(r["landmark"].lat, r["landmark"].lon) for r in near]
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    x_scale = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * x_scale, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min(
        (SKETCH_WIDTH - 2 * SKETCH_MARGIN) / span_x, (SKETCH_HEIGHT - 2 * SKETCH_MARGIN) / span_y
    )

    def place(lat, lon):
        x = SKETCH_MARGIN + (lon - min(lons)) * x_scale * scale
        y = SKETCH_HEIGHT - SKETCH_MARGIN - (lat - min(lats)) * scale
        return round(x, 1), round(y, 1)

    x, y = place(record.lat, record.lon)
    marks = []
    for row in near:
        lx, ly = place(row["landmark"].lat, row["landmark"].lon)
        # Labels run towards the middle of the sketch so none is cut at its edge.
        anchor = "end" if lx > SKETCH_WIDTH / 2 else "start"
        marks.append({"x": lx, "y": ly, "name": row["name"], "anchor": anchor})
    return {"width": SKETCH_WIDTH, "height": SKETCH_HEIGHT, "x": x, "y": y, "landmarks": marks}


def profile_context(request, kind: str, ref: str) -> dict:
    if kind not in PROFILE_KINDS:
        raise Http404
    record = load(kind, ref)
    zone = record if kind == "zone" else record.zone
    rows = distances(record)
    return {
        "record": record,
        "name": localized_name(record),
        "zone_name": localized_name(zone) if kind == "plot" else "",
        "kind_label": record._meta.verbose_name,
        "description": localized(record, "description"),
        "fields": record_fields(record),
        "distances": rows[:8],
        "sketch": sketch(record, rows),
        "incentives": localized(zone, "incentives"),
        "is_sample": record.sample,
        "page_url": absolute_url(record_url(kind, ref)),
        "contact_email": settings.INQUIRY_EMAIL,
        "generated_on": timezone.localdate(),
    }


def render_profile_html(request, kind: str, ref: str) -> str:
    return render_to_string("cms/site_profile.html", profile_context(request, kind, ref), request)


def refuse_fetch(url, *args, **kwargs):
    """The profile is self-contained (inline CSS and SVG): the renderer fetches nothing, so no
    record's text can make the server request a URL."""
    raise ValueError(f"site profiles fetch no resources: {url[:80]}")


def serve_site_profile(request, kind: str, ref: str):
    html = render_profile_html(request, kind, ref)
    if not pdf_available():
        return HttpResponse(
            gettext("The PDF site profile is not available on this server."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    from weasyprint import HTML

    pdf = HTML(string=html, url_fetcher=refuse_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{ref}.pdf"'
    return response
