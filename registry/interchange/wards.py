"""A ward or commune given by its official name in a spreadsheet, resolved to its code through
`vietnam-provinces` (the divisions in force since 1 July 2025, as `validate_ward_code` checks).

The name may come with or without its division ("Phường", "Xã", "Đặc khu"), in any case, but
with its diacritics: without them, too many names meet. Đồng Nai's wards are looked up first;
a name found only elsewhere resolves when it is unique in the country (the record's own checks
then say whether a ward outside Đồng Nai may be its).
"""

import unicodedata
from collections import defaultdict
from functools import cache

from django.utils.translation import gettext as _
from vietnam_provinces import Province, Ward

from registry.validators import HOME_PROVINCE_CODE

DIVISIONS = ("phường", "xã", "đặc khu")


def normalised(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def bare(name: str) -> str:
    """The name without its division word."""
    for division in DIVISIONS:
        if name.startswith(division + " "):
            return name[len(division) + 1 :]
    return name


@cache
def _index() -> dict[str, list[Ward]]:
    """Normalised full name and bare name -> the wards so named."""
    index = defaultdict(list)
    for ward in Ward.iter_all():
        full = normalised(ward.name)
        index[full].append(ward)
        if bare(full) != full:
            index[bare(full)].append(ward)
    return dict(index)


def ward_code_for(name: str) -> tuple[int | None, str]:
    """(code, "") for a name naming one ward, else (None, why not)."""
    wards = _index().get(normalised(name), [])
    home = [w for w in wards if int(w.province_code) == HOME_PROVINCE_CODE]
    candidates = home or wards
    if len(candidates) == 1:
        return int(candidates[0].code), ""
    if not candidates:
        return None, _(
            "no ward or commune is named %(name)s in the divisions of July 2025; "
            "check the spelling and the diacritics, or give the code"
        ) % {"name": name.strip()}
    listed = "; ".join(
        f"{w.name} ({int(w.code)}, {Province.from_code(w.province_code).name})"
        for w in candidates[:6]
    )
    return None, _("%(name)s is ambiguous: %(wards)s; give the code") % {
        "name": name.strip(),
        "wards": listed + ("; …" if len(candidates) > 6 else ""),
    }
