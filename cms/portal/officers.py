"""The agency's contact officers as the portal shows them: role and office in the page language,
sectors by name."""

from .links import localized, technology_name


def contact_officers() -> list[dict]:
    from cms.models import ContactOfficer

    officers = []
    for officer in ContactOfficer.objects.prefetch_related("sectors"):
        officers.append(
            {
                "name": officer.name,
                "role": localized(officer, "role_en", "role_vi"),
                "office": localized(officer, "office_en", "office_vi"),
                "sector_names": sorted(technology_name(t) for t in officer.sectors.all()),
                "phone": officer.phone,
                "email": officer.email,
                "languages": officer.languages,
                "sample": officer.sample,
            }
        )
    return officers
