"""What the public page of a registry record shows (the view is `record_page`): every public
field, distances to landmarks and related records (what search engines read: cms.portal.seo)."""

import math

from django.db.models import Count, Window
from django.http import Http404
from django.utils import formats
from django.utils.http import urlencode

from registry.fields import ChoiceListField, StringListField
from registry.geo import haversine_km
from registry.interchange.mapping import mapping_for
from registry.language import localized
from registry.models import KINDS, Enterprise, Incubator, Landmark, Plot, RDOrganisation, Record
from registry.plot_attributes import BY_NAME as PLOT_ATTRIBUTES

from .links import page_url, technology_name

# Shown elsewhere on the page, or not for reading.
SKIPPED = {"ref", "name", "name_en", "website", "boundary", "code"}
# The provenance has its own block (cms.portal.provenance); sample records their own notice.
SKIPPED |= {"verified_on", "verified_by", "source", "sample"}
# Private: the accounts behind a challenge (its officer) or an expert profile, never public.
SKIPPED |= {"officer", "account"}
NEARBY_KM = 15
RELATED_LIMIT = 12


def localized_name(obj) -> str:
    return localized(obj, "name")


def display(field, value, technology_names):
    if value in (None, "", []):
        return None
    if field.choices and not isinstance(field, ChoiceListField):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, ChoiceListField):
        labels = dict(field.item_choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(field, StringListField):
        return ", ".join(value)
    if isinstance(value, bool):
        from django.utils.translation import gettext

        return gettext("Yes") if value else gettext("No")
    if isinstance(value, int | float):
        if field.name.endswith(("_year", "_code")):
            return str(value)  # a code or a year is read digit by digit: never grouped
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return formats.number_format(value, decimal_pos=None, force_grouping=True)
    if hasattr(value, "isoformat"):
        return formats.date_format(value)
    return str(value)


def field_label(record, field) -> str:
    """A plot attribute is named as declared (registry.plot_attributes), any other field as its
    model names it."""
    attribute = PLOT_ATTRIBUTES.get(field.name) if record.kind == "plot" else None
    return str(attribute.label if attribute else field.verbose_name)


def record_fields(record) -> list[tuple[str, str, str | None]]:
    """(label, text, link) of every public field that has a value."""
    mapping = mapping_for(record.kind)
    rows = []
    for field in mapping.plain:
        if field.name in SKIPPED:
            continue
        text = display(field, getattr(record, field.name), None)
        if text is not None:
            rows.append((field_label(record, field), text, None))
    for field in mapping.foreign:
        target = getattr(record, field.name)
        # Only links to public records: an account or an officer (a user) is private.
        if target is not None and isinstance(target, Record) and target.live:
            rows.append(
                (
                    str(field.verbose_name),
                    localized_name(target),
                    target.get_absolute_url(),
                )
            )
    for field in mapping.many:
        names = [technology_name(t) for t in getattr(record, field.name).all()]
        if names:
            rows.append((field_label(record, field), ", ".join(sorted(names)), None))
    return rows


class Shortened(list):
    """The first records of a group, with a link to all of them (`see_all`)."""

    see_all: dict | None = None


def see_all(kind: str, zone, total: int) -> dict | None:
    from django.utils.translation import ngettext

    search = page_url("searchpage")
    if not search:
        return None
    texts = {
        "plot": ngettext(
            "See all %(total)s plot in this zone", "See all %(total)s plots in this zone", total
        ),
        "enterprise": ngettext(
            "See all %(total)s enterprise in this zone",
            "See all %(total)s enterprises in this zone",
            total,
        ),
        "incubator": ngettext(
            "See all %(total)s incubator, accelerator or fund in this zone",
            "See all %(total)s incubators, accelerators and funds in this zone",
            total,
        ),
    }
    return {
        "url": f"{search}?{urlencode({'kind': kind, 'zone': zone.ref})}",
        "text": texts[kind] % {"total": formats.number_format(total, force_grouping=True)},
    }


def around(lat: float, lon: float, km: float) -> dict:
    """Lookups for the box around a point that holds every place within `km` of it (a degree of
    latitude is at least 110.5 km; of longitude, that times the cosine of the latitude): the
    database leaves out the far records, haversine_km then measures the rest."""
    dlat = km / 110.0
    dlon = dlat / max(0.01, math.cos(math.radians(min(89.0, abs(lat) + dlat))))
    return {"lat__range": (lat - dlat, lat + dlat), "lon__range": (lon - dlon, lon + dlon)}


def related(record) -> list[tuple[str, list]]:
    """(heading, records) groups: what lies in a zone, what else is in the record's zone, and the
    R&D bodies nearby."""
    from django.utils.translation import gettext

    groups = []
    zone = record if record.kind == "zone" else getattr(record, "zone", None)
    if zone is not None:
        in_zone = [
            (gettext("Plots"), Plot.objects.order_by("code"), "plot"),
            (gettext("Enterprises"), Enterprise.objects.order_by("name"), "enterprise"),
            (
                gettext("Incubators, accelerators and funds"),
                Incubator.objects.order_by("name"),
                "incubator",
            ),
        ]
        for heading, queryset, kind in in_zone:
            # The group's full size comes with its first rows (a window count): no extra query.
            items = Shortened(
                queryset.published()
                .filter(zone=zone)
                .exclude(ref=record.ref)
                .only("ref", "name", "name_en")
                .annotate(total=Window(Count("pk")))[:RELATED_LIMIT]
            )
            total = items[0].total + (record.kind == kind) if items else 0
            if total > len(items):
                # A shortened list leads to the whole one: the search, filtered to this zone.
                items.see_all = see_all(kind, zone, total)
            if items:
                groups.append((heading, items))
    if record.lat is not None and record.kind != "rd_organisation":
        nearby = []
        for rd in (
            RDOrganisation.objects.published()
            .filter(**around(record.lat, record.lon, NEARBY_KM))
            .only("ref", "name", "name_en", "lat", "lon")
        ):
            km = haversine_km(record.lat, record.lon, rd.lat, rd.lon)
            if km <= NEARBY_KM:
                rd.distance_km = km
                nearby.append(rd)
        nearby.sort(key=lambda rd: (rd.distance_km, rd.ref))
        if nearby:
            groups.append((gettext("R&D organisations nearby"), nearby[:RELATED_LIMIT]))
    return groups


def distances(record) -> list[dict]:
    if record.lat is None:
        return []
    rows = []
    for landmark in Landmark.objects.published().only("ref", "name", "name_en", "lat", "lon"):
        if landmark.ref == record.ref:
            continue
        rows.append(
            {
                "landmark": landmark,
                "name": localized_name(landmark),
                "km": haversine_km(record.lat, record.lon, landmark.lat, landmark.lon),
            }
        )
    return sorted(rows, key=lambda r: r["km"])


def load(kind: str, ref: str):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    queryset = (
        model.objects.published()
        .select_related("photo")
        .prefetch_related(*(field.name for field in model._meta.many_to_many))
    )
    if any(f.name == "zone" for f in model._meta.fields):
        queryset = queryset.select_related("zone")
    record = queryset.filter(ref=ref).first()
    if record is None:
        raise Http404
    return record
