"""Which sectors an inquiry is about, and which inquiries an officer may work.

An inquiry holds the record's kind and ref; its sectors are read from the record at the time of
asking (a plot's suitability and technologies, a zone's or a firm's technologies), so a record
re-tagged today moves its inquiries with it. A sector is a taxonomy code; it covers its children
(`semiconductor` covers `semiconductor.chip_design`)."""

from django.db.models import Q

from cms.portal.models import Inquiry
from registry.models import KINDS, Technology

from .models import OfficerSectors

OFFICERS = "Officers"
CURATORS = "Curators"  # the roles are named here; cms.moderation (which creates them) imports them
# The relations that say what a record is about, per kind (a plot: what it suits, too).
SECTOR_FIELDS = {"plot": ("suitable_for", "technologies")}
DEFAULT_SECTOR_FIELDS = ("technologies",)


def sector_fields(kind: str) -> tuple[str, ...]:
    return SECTOR_FIELDS.get(kind, DEFAULT_SECTOR_FIELDS)


def covering(codes) -> Q:
    """Technologies equal to or below any of `codes`."""
    query = Q(pk__in=[])
    for code in codes:
        query |= Q(code=code) | Q(code__startswith=f"{code}.")
    return query


def is_scoped_officer(user) -> bool:
    """An officer whose inquiry work comes from the Officers role alone: curators and
    administrators see every inquiry even if they are officers too."""
    if not user.is_authenticated or user.is_superuser:
        return False
    # Only the curators' role lifts the limit: any other group an officer is added to
    # (a newsletter list, a viewers' group) leaves it in place.
    names = set(user.groups.values_list("name", flat=True))
    return OFFICERS in names and CURATORS not in names


def officer_codes(user) -> list[str]:
    rows = OfficerSectors.objects.filter(user=user).values_list("sectors__code", flat=True)
    return [code for code in rows if code]


def inquiries_about(codes) -> Q:
    """Inquiries whose record has a technology equal to or below one of `codes`."""
    technologies = Technology.objects.filter(covering(codes))
    query = Q(pk__in=[])
    for kind in Inquiry.objects.values_list("kind", flat=True).distinct():
        model = KINDS.get(kind)
        if model is None:
            continue
        tagged = Q(pk__in=[])
        for field in sector_fields(kind):
            tagged |= Q(**{f"{field}__in": technologies})
        query |= Q(kind=kind, ref__in=model.objects.filter(tagged).values("ref"))
    return query


def visible_inquiries(user, queryset=None):
    """The inquiries `user` works: all of them, or an officer's sectors' only."""
    queryset = Inquiry.objects.all() if queryset is None else queryset
    if not is_scoped_officer(user):
        return queryset
    return queryset.filter(inquiries_about(officer_codes(user)))
