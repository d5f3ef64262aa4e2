"""The sector presets (MatchProfile snippets) as the matcher and the public listing see them."""

from collections.abc import Mapping

from django.core.validators import slug_re

from registry.language import localized

from .matching.spec import REQUIREMENT_KEYS, preference_scale
from .models import MatchCriterion, MatchProfile


def _profiles():
    return MatchProfile.objects.prefetch_related("criteria", "technologies")


class Presets(Mapping):
    """The presets by code, each loaded only when asked for (a request names at most one)."""

    def __getitem__(self, code):
        # Only a well-formed code reaches the database (PostgreSQL refuses NUL bytes).
        well_formed = isinstance(code, str) and len(code) <= 64 and slug_re.fullmatch(code)
        profile = _profiles().filter(code=code).first() if well_formed else None
        if profile is None:
            raise KeyError(code)
        return profile.as_request()

    def __iter__(self):
        return iter(MatchProfile.objects.values_list("code", flat=True))

    def __len__(self):
        return MatchProfile.objects.count()


def presets() -> Presets:
    return Presets()


def listing(lang: str) -> dict:
    """GET /api/v1/match/profiles/: every preset, each criterion with its reasoning and source."""
    profiles = []
    for profile in _profiles():
        request = profile.as_request()
        profiles.append(
            {
                "code": profile.code,
                "name": profile.name,
                "name_en": profile.name_en,
                "summary": localized(profile, "summary", lang),
                "technologies": request["technologies"],
                "partner_roles": request["partner_roles"],
                "require": request["require"],
                "prefer": request["prefer"],
                "criteria": [
                    {
                        "mode": c.mode,
                        "key": c.key,
                        **(
                            {"value": c.value}
                            if c.mode == MatchCriterion.Mode.REQUIRE
                            else c.preference()
                        ),
                        "reasoning": localized(c, "reasoning", lang),
                        "source": c.source,
                    }
                    for c in profile.criteria.all()
                ],
            }
        )
    return {
        "profiles": profiles,
        "requirement_keys": list(REQUIREMENT_KEYS),
        "prefer": preference_scale(),
    }
