"""Images that strangers upload (startup logos and photos, and every image a curator adds in the
admin): accepted only if their content is a JPEG, PNG or WebP of at most 5 MB, at most 10,000
pixels a side and 40 megapixels, complete, with nothing hidden after the image; stored re-encoded
in sRGB, at most 4096 pixels a side (large JPEGs 2048 to 4096), without EXIF (GPS included),
comments, XMP, IPTC, text chunks or colour profiles.

Everything that can be judged from the header is judged before a single pixel is decoded: a
68-byte file may declare 39 million pixels, and decoding it costs seconds and hundreds of MB."""

import io
import struct
import uuid
import warnings
import zlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 10_000
MAX_PIXELS = 40_000_000
# A file declaring more pixels than this many times its size in bytes is a decompression bomb.
# Measured: photos (JPEG) hold under 50 pixels a byte, flat-colour logos up to ~130 (PNG) and
# ~540 (a 4000 px lossless WebP); the 68-byte PNG declaring 39 megapixels holds 570,000.
MAX_PIXELS_PER_BYTE = 1000
# What is kept: more than any page of the portal shows, a quarter of the pixels a phone takes.
STORED_MAX_SIDE = 4096
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type


def _fail(message, code: str):
    raise ValidationError(message, code=code)


def _trailing_data(data: bytes, image_format: str) -> bool:
    """Bytes after the image's own end: the mark of a polyglot (an image that is also a ZIP,
    a script or a page)."""
    if image_format == "JPEG":
        return not data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if image_format == "PNG":
        end = data.rfind(b"IEND")
        return end == -1 or len(data) > end + 8  # "IEND" + its 4-byte CRC
    if image_format == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        return declared != len(data) and declared + 1 != len(data)  # odd sizes pad one byte
    return True


def _png_raw_size(width: int, height: int, depth: int, colour_type: int, interlaced: bool) -> int:
    """Bytes the PNG's image data must inflate to: each row of each pass, plus its filter byte."""
    bits = depth * PNG_CHANNELS.get(colour_type, 4)
    if not interlaced:
        return height * (1 + (width * bits + 7) // 8)
    total = 0
    # Adam7: (x start, y start, x step, y step) of the seven passes.
    for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                           (1, 0, 2, 2), (0, 1, 1, 2)):  # fmt: skip
        columns, rows = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
        if columns > 0 and rows > 0:
            total += rows * (1 + (columns * bits + 7) // 8)
    return total


def _png_stream_complete(data: bytes) -> bool:
    """True if the PNG's compressed data inflates to exactly the rows its header declares.
    Pillow fills a short stream with blank rows and reports no error, which is what lets a
    68-byte file become a 39-megapixel image; inflating in small pieces costs little memory."""
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    depth, colour_type, interlaced = data[24], data[25], data[28] == 1
    expected = _png_raw_size(width, height, depth, colour_type, interlaced)
    inflater, produced, position = zlib.decompressobj(), 0, 8
    try:
        while position + 8 <= len(data):
            length = int.from_bytes(data[position : position + 4], "big")
            kind = data[position + 4 : position + 8]
            if kind == b"IDAT":
                pending = data[position + 8 : position + 8 + length]
                while pending:
                    produced += len(inflater.decompress(pending, 64 * 1024))
                    pending = inflater.unconsumed_tail
                    if produced > expected:
                        return False
            position += 12 + length
        produced += len(inflater.flush())
    except zlib.error:
        return False
    return produced == expected and inflater.eof


def _check_header(probe, data: bytes) -> None:
    """Refuse from the header alone: too wide, too many pixels, or far more pixels than the
    file's size can honestly hold."""
    width, height = probe.size
    if width > MAX_SIDE or height > MAX_SIDE:
        _fail(
            _("The image is wider or taller than %(max)s pixels.")
            % {"max": number_format(MAX_SIDE, force_grouping=True)},
            "too_many_pixels",
        )
    if width * height > MAX_PIXELS:
        _fail(_("The image is larger than 40 megapixels."), "too_many_pixels")
    if width * height > MAX_PIXELS_PER_BYTE * len(data):
        _fail(
            _("The image declares far more pixels than its file can hold; please export it again."),
            "bomb",
        )
    if probe.format == "PNG" and not _png_stream_complete(data):
        _fail(_("The file is not a complete JPEG, PNG or WebP image."), "invalid")


def _reduce_while_decoding(image) -> None:
    """JPEG decodes straight to a half, quarter or eighth of its size: a fraction of the time
    and memory when the stored copy is to be smaller anyway. The reduction is the largest that
    keeps at least half of STORED_MAX_SIDE, so a stored photo is 2048 to 4096 pixels wide."""
    width, height = image.size
    if image.format == "JPEG" and max(width, height) > STORED_MAX_SIDE:
        scale = STORED_MAX_SIDE / 2 / max(width, height)
        image.draft(image.mode, (max(1, int(width * scale)), max(1, int(height * scale))))


def _to_srgb(image):
    """Pixels in sRGB, so the colour profile can go: a profile is free-form bytes (names,
    copyright, anything), and a photo in Display P3 or Adobe RGB would look washed out without
    one. A profile that cannot be read is dropped; the pixels are shown as sRGB."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def clean_image(uploaded) -> ContentFile:
    """A safe copy of an uploaded image, or ValidationError with a message for the person who
    sent it."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_BYTES:
        _fail(_("The file is larger than 5 MB."), "too_large")
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        _fail(_("The file is larger than 5 MB."), "too_large")
    if not data:
        _fail(_("The file is empty."), "empty")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # No other decoder reads a stranger's bytes (GIF and BMP only to name them).
            probe = Image.open(io.BytesIO(data), formats=list(FORMATS) + ["GIF", "BMP"])
            image_format = probe.format
            if image_format not in FORMATS:
                _fail(_("Only JPEG, PNG or WebP images are accepted."), "format")
            _check_header(probe, data)  # Image.open read the header only
            probe.verify()  # checksums and structure, before decoding
            image = Image.open(io.BytesIO(data), formats=[image_format])
            _reduce_while_decoding(image)
            image.load()  # a truncated file fails here
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _fail(_("The image is larger than 40 megapixels."), "too_many_pixels")
        # Pillow's parsers meet a stranger's bytes with IndexError and struct.error too.
        except (
            UnidentifiedImageError,
            OSError,
            SyntaxError,
            ValueError,
            EOFError,
            IndexError,
            struct.error,
        ):
            _fail(_("The file is not a complete JPEG, PNG or WebP image."), "invalid")
    if getattr(image, "n_frames", 1) > 1:
        _fail(_("Animated images are not accepted."), "animated")
    if _trailing_data(data, image_format):
        _fail(_("The file holds more than an image; please export it again."), "polyglot")
    ImageOps.exif_transpose(image, in_place=True)  # the intended orientation, without a copy
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    image = _to_srgb(image)
    image.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE))
    # Pillow copies some metadata from .info when saving (a JPEG's comment, a PNG's colour
    # profile): with .info empty only the pixels are written.
    image.info = {}
    out = io.BytesIO()
    if image_format == "JPEG":
        image = image if image.mode == "RGB" else image.convert("RGB")
        image.save(out, "JPEG", quality=90, optimize=True)
    else:
        image.save(out, image_format)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[image_format]}")
