"""The agency's branding of the Wagtail admin, from the AGENCY_* settings: its name, logo and
colours on every admin page and the sign-in page (templates in cms/templates/wagtailadmin/)."""

import colorsys
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

HEX_COLOUR = re.compile(r"#([0-9a-fA-F]{6})")


def hsl_parts(colour: str) -> tuple[float, float, float]:
    """#rrggbb as (hue in degrees, saturation %, lightness %): Wagtail derives its shades of
    a colour from these three custom properties."""
    match = HEX_COLOUR.fullmatch(colour.strip())
    if not match:
        raise ImproperlyConfigured(f"An AGENCY_*_COLOUR must be #rrggbb, not {colour!r}")
    red, green, blue = (int(match.group(1)[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    return round(hue * 360, 1), round(saturation * 100, 1), round(lightness * 100, 1)


def colour_properties() -> str:
    declarations = []
    for name, colour in (
        ("primary", settings.AGENCY_PRIMARY_COLOUR),
        ("secondary", settings.AGENCY_SECONDARY_COLOUR),
    ):
        hue, saturation, lightness = hsl_parts(colour)
        declarations += [
            f"--w-color-{name}-hue: {hue};",
            f"--w-color-{name}-saturation: {saturation}%;",
            f"--w-color-{name}-lightness: {lightness}%;",
        ]
    return ":root { " + " ".join(declarations) + " }"


def logo_url() -> str:
    return static(settings.AGENCY_LOGO)


@hooks.register("insert_global_admin_css")
def agency_colours():
    # The admin's policy allows inline styles (Wagtail sets style attributes itself).
    return format_html("<style>{}</style>", colour_properties())
