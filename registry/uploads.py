"""Images that strangers upload (startup logos and photos): accepted only if their content is a
JPEG, PNG or WebP of at most 5 MB and 40 megapixels, complete, with nothing hidden after the
image; stored re-encoded, without EXIF (GPS included) or any other metadata."""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


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
            probe = Image.open(io.BytesIO(data))
            image_format = probe.format
            if image_format not in FORMATS:
                _fail(_("Only JPEG, PNG or WebP images are accepted."), "format")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                _fail(_("The image is larger than 40 megapixels."), "too_many_pixels")
            probe.verify()  # checksums and structure, before decoding
            image = Image.open(io.BytesIO(data))
            image.load()  # a truncated file fails here
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _fail(_("The image is larger than 40 megapixels."), "too_many_pixels")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            _fail(_("The file is not a complete JPEG, PNG or WebP image."), "invalid")
    if getattr(image, "n_frames", 1) > 1:
        _fail(_("Animated images are not accepted."), "animated")
    if _trailing_data(data, image_format):
        _fail(_("The file holds more than an image; please export it again."), "polyglot")
    image = ImageOps.exif_transpose(image)  # keep the intended orientation, drop the tag
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    out = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    else:
        image.save(out, image_format)  # no exif=, no pnginfo=: metadata is not copied
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[image_format]}")
