"""The agency's contact officers as the portal shows them: role and office in the page language,
sectors by name."""

from registry.language import localized

from .links import technology_name
from .models import ContactOfficer


def contact_officers() -> list[dict]:
    officers = []
    for officer in ContactOfficer.objects.prefetch_related("sectors"):
        officers.append(
            {
                "name": officer.name,
                "role": localized(officer, "role"),
                "office": localized(officer, "office"),
                "sector_names": sorted(technology_name(t) for t in officer.sectors.all()),
                "phone": officer.phone,
                "email": officer.email,
                "languages": officer.languages,
                "sample": officer.sample,
            }
        )
    return officers


def officer_for(record):
    """The officer whose sectors share the most top-level technologies with the record (a
    plot's suitability, a zone's or a firm's technologies), else the general desk (no sectors),
    else nobody."""
    field = "suitable_for" if record.kind == "plot" else "technologies"
    related = getattr(record, field, None)
    codes = {t.code.split(".")[0] for t in related.all()} if related is not None else set()
    best, best_overlap, general = None, 0, None
    for officer in ContactOfficer.objects.prefetch_related("sectors"):
        sectors = {t.code.split(".")[0] for t in officer.sectors.all()}
        if not sectors and general is None:
            general = officer
        overlap = len(sectors & codes)
        if overlap > best_overlap:
            best, best_overlap = officer, overlap
    return best or general
