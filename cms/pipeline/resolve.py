"""The record behind each inquiry, read at report time: its top-level sectors and its zone.
Inquiries hold the record's kind and ref only; a record re-tagged or moved since is reported as
it is now, and one deleted since as having no sector or zone."""

from registry.models import KINDS, Enterprise, Plot, Technology, Zone

from .sectors import sector_fields


def refs_by_kind(inquiries) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {}
    for inquiry in inquiries:
        wanted.setdefault(inquiry.kind, set()).add(inquiry.ref)
    return wanted


def top_level_sectors(inquiries) -> dict[int, list[Technology]]:
    """Inquiry id -> the top-level technologies of its record (none if untagged or gone)."""
    wanted = refs_by_kind(inquiries)
    codes_by_record: dict[tuple[str, str], set[str]] = {}
    for kind, refs in wanted.items():
        model = KINDS.get(kind)
        if model is None:
            continue
        for field in sector_fields(kind):
            rows = model.objects.filter(ref__in=refs).values_list("ref", f"{field}__code")
            for ref, code in rows:
                if code:
                    codes_by_record.setdefault((kind, ref), set()).add(code.split(".")[0])
    tops = {t.code: t for t in Technology.objects.filter(parent__isnull=True)}
    return {
        inquiry.pk: sorted(
            (tops[c] for c in codes_by_record.get((inquiry.kind, inquiry.ref), ()) if c in tops),
            key=lambda t: t.code,
        )
        for inquiry in inquiries
    }


def zones_of(inquiries) -> dict[int, Zone | None]:
    """Inquiry id -> the zone it concerns: the zone itself, a plot's zone, a firm's zone."""
    wanted = refs_by_kind(inquiries)
    zone_by_record: dict[tuple[str, str], Zone | None] = {}
    for zone in Zone.objects.filter(ref__in=wanted.get("zone", ())):
        zone_by_record["zone", zone.ref] = zone
    for model in (Plot, Enterprise):
        rows = model.objects.filter(ref__in=wanted.get(model.kind, ())).select_related("zone")
        for record in rows:
            zone_by_record[model.kind, record.ref] = record.zone
    return {i.pk: zone_by_record.get((i.kind, i.ref)) for i in inquiries}
