"""Uploaded images: checked by content, bounded, complete, nothing hidden, no metadata kept —
including generated malformed files (fuzzing)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from registry.uploads import MAX_BYTES, clean_image


def picture(fmt="JPEG", size=(64, 48), exif=None, **save) -> bytes:
    image = Image.new("RGB", size, (11, 92, 140))
    out = io.BytesIO()
    if exif is not None:
        save["exif"] = exif
    image.save(out, fmt, **save)
    return out.getvalue()


def upload(data: bytes, name="photo.jpg"):
    return SimpleUploadedFile(name, data)


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (10.0, 47.0, 0.0)  # latitude of a founder's home
    gps[3], gps[4] = "E", (106.0, 58.0, 0.0)
    return exif


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted_and_re_encoded(fmt):
    cleaned = clean_image(upload(picture(fmt), name="any-name.bin"))
    assert Image.open(io.BytesIO(cleaned.read())).format == fmt
    assert cleaned.name.endswith({"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[fmt])


def test_exif_and_gps_are_stripped():
    data = picture("JPEG", exif=gps_exif())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # it was there
    cleaned = Image.open(io.BytesIO(clean_image(upload(data)).read()))
    assert not cleaned.getexif() and "exif" not in cleaned.info


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"<html><script>alert(1)</script></html>", "logo.png", "invalid"),
        (b"%PDF-1.7\n...", "photo.jpg", "invalid"),
        (picture("GIF"), "photo.jpg", "format"),
        (picture("BMP"), "photo.png", "format"),
        (picture("JPEG")[:-600], "photo.jpg", "invalid"),
        (b"", "photo.jpg", "empty"),
    ],
)
def test_files_that_are_not_whole_accepted_images_are_refused(data, name, code):
    with pytest.raises(ValidationError) as raised:
        clean_image(upload(data, name))
    assert raised.value.code == code


def test_files_over_5_mb_are_refused():
    with pytest.raises(ValidationError) as raised:
        clean_image(upload(b"\xff\xd8" + b"\x00" * MAX_BYTES))
    assert raised.value.code == "too_large"


def test_decompression_bombs_are_refused_before_decoding():
    bomb = picture("PNG", size=(8000, 6000))  # 48 megapixels of one colour: a few kB
    assert len(bomb) < 200_000
    with pytest.raises(ValidationError) as raised:
        clean_image(upload(bomb, "bomb.png"))
    assert raised.value.code == "too_many_pixels"


def test_polyglots_are_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.php", "<?php system($_GET['c']); ?>")
    for fmt in ("JPEG", "PNG"):
        with pytest.raises(ValidationError) as raised:
            clean_image(upload(picture(fmt) + archive.getvalue()))
        assert raised.value.code == "polyglot"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fmt=st.sampled_from(["JPEG", "PNG", "WEBP"]),
    cuts=st.lists(st.tuples(st.integers(0, 4000), st.binary(min_size=0, max_size=8)), max_size=4),
    truncate=st.integers(0, 4000),
)
def test_fuzzed_images_are_either_cleaned_or_refused_with_a_message(fmt, cuts, truncate):
    data = bytearray(picture(fmt, size=(120, 90)))
    for position, replacement in cuts:
        at = position % len(data)
        data[at : at + len(replacement)] = replacement
    if truncate:
        del data[len(data) - truncate % len(data) :]
    try:
        cleaned = clean_image(upload(bytes(data)))
    except ValidationError as refused:
        assert refused.messages and refused.code
    else:
        image = Image.open(io.BytesIO(cleaned.read()))
        image.load()
        assert image.format in ("JPEG", "PNG", "WEBP") and not image.getexif()


def test_images_uploaded_in_the_admin_lose_their_gps_position(client, db):
    from django.contrib.auth import get_user_model
    from wagtail.images.models import Image as WagtailImage

    curator = get_user_model().objects.create_superuser("curator", "c@example.invalid", "pw")
    client.force_login(curator)
    data = picture("JPEG", size=(800, 600), exif=gps_exif())
    response = client.post(
        "/admin/images/add/", {"title": "Site photo", "file": upload(data, "IMG_0001.jpg")}
    )
    assert response.status_code == 302, response.context["form"].errors
    stored = WagtailImage.objects.get(title="Site photo")
    with stored.file.open("rb") as f:
        kept = Image.open(io.BytesIO(f.read()))
    assert (kept.width, kept.height) == (800, 600) and not kept.getexif()

    refused = client.post(
        "/admin/images/add/", {"title": "Not a photo", "file": upload(b"<html></html>", "x.jpg")}
    )
    assert refused.status_code == 200 and refused.context["form"].errors["file"]
    assert not WagtailImage.objects.filter(title="Not a photo").exists()
