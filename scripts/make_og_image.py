"""Draws the site's default link-preview image (og:image), cms/static/img/og-default.png:
1200 × 630, the portal's brand colours (cms/static/css/portal.css) and the "DN" mark of the
favicon. Run once and commit the PNG; run again only to change the design:

    .venv/bin/python scripts/make_og_image.py

Needs Pillow (a Wagtail dependency) and the DejaVu fonts (Debian fonts-dejavu-core), which
carry every Vietnamese diacritic."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "cms/static/img/og-default.png"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
WIDTH, HEIGHT = 1200, 630
BRAND, BRAND_DEEP, ACCENT, WHITE, TINT = "#0b5c8c", "#07344f", "#f5c342", "#ffffff", "#cfe3f0"


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def main() -> None:
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND_DEEP)
    draw = ImageDraw.Draw(image)
    # A band of the lighter brand blue, as the portal's hero, and the accent rule under the title.
    draw.polygon([(0, HEIGHT), (WIDTH, 250), (WIDTH, HEIGHT)], fill=BRAND)
    draw.rounded_rectangle((80, 80, 200, 200), radius=22, fill=BRAND, outline=WHITE, width=4)
    draw.text((140, 142), "DN", font=font("DejaVuSans-Bold.ttf", 56), fill=WHITE, anchor="mm")
    draw.text((80, 250), "Đồng Nai Digital Hub", font=font("DejaVuSans-Bold.ttf", 80), fill=WHITE)
    draw.rectangle((80, 362, 300, 372), fill=ACCENT)
    body = font("DejaVuSans.ttf", 36)
    draw.text((80, 410), "Hệ sinh thái công nghệ số Đồng Nai", font=body, fill=WHITE)
    draw.text((80, 462), "Zones, land plots, enterprises, R&D and incubators", font=body, fill=TINT)
    draw.text((80, 540), "Nghị quyết 57-NQ/TW", font=font("DejaVuSans.ttf", 28), fill=ACCENT)
    image.save(OUT, "PNG", optimize=True)
    print(OUT)


if __name__ == "__main__":
    main()
