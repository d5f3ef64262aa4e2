"""One preset criterion checked as the API checks a match request, for the admin's fields; and
what the checks read (published landmarks, technology codes)."""

from django.utils.translation import gettext as _

from registry.models import Landmark, Technology

from .reading import Reader
from .spec import REQUIREMENT_KEYS


def landmark_points() -> dict[str, tuple[float, float]]:
    return {
        ref: (lat, lon)
        for ref, lat, lon in Landmark.objects.published().values_list("ref", "lat", "lon")
    }


def technology_codes() -> set[str]:
    return set(Technology.objects.values_list("code", flat=True))


def criterion_errors(criterion) -> dict[str, str]:
    """The same validation as the API's, reported on the criterion's admin fields."""
    reader = Reader(landmark_points(), technology_codes())
    if criterion.mode == criterion.Mode.REQUIRE:
        if criterion.key not in REQUIREMENT_KEYS:
            return {"key": _("unknown requirement")}
        if criterion.value is None:
            return {"value": _("required")}
        reader.requirement(criterion.key, criterion.value)
    else:
        reader.preference(criterion.key, criterion.preference())
    errors: dict[str, str] = {}
    for path, message in reader.errors.items():
        tail = path.rsplit(".", 1)[-1]
        field = {"weight": "weight", "target": "target", "zero_at": "zero_at", "codes": "value"}
        if criterion.mode == criterion.Mode.REQUIRE:
            errors.setdefault("value", message)
        else:
            errors.setdefault(field.get(tail, "key"), message)
    return errors
