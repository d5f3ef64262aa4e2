"""Uploaded images: checked by content, bounded, complete, nothing hidden, no metadata kept —
including generated malformed files (fuzzing)."""

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from registry.uploads import MAX_BYTES, STORED_MAX_SIDE, clean_image


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


def test_truncated_images_stay_refused_once_the_pdf_renderer_is_loaded():
    # WeasyPrint switches Pillow to accepting truncated images for the whole process.
    from cms.portal.site_profile import pdf_available

    assert pdf_available()
    for fmt in ("JPEG", "PNG"):
        with pytest.raises(ValidationError) as raised:
            clean_image(upload(picture(fmt, size=(300, 200))[:-300], f"photo.{fmt.lower()}"))
        assert raised.value.code == "invalid"


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


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def declared_png(width, height, stream=None, padding=b"") -> bytes:
    """A grey PNG whose header declares width x height but whose (short) zlib stream holds a
    few blank rows: Pillow fills the rest with blank rows, so the file decodes at full size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    stream = zlib.compress(b"\x00" * 16) if stream is None else stream
    extra = png_chunk(b"tEXt", b"Comment\x00" + padding) if padding else b""
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + extra
            + png_chunk(b"IDAT", stream) + png_chunk(b"IEND", b""))  # fmt: skip


def _peak_rss_kib() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))


def peak_memory(action) -> int:
    """How far the process's peak resident memory rose while running action, in bytes: Pillow's
    pixel buffers are C memory, which tracemalloc does not see. The kernel's peak is reset first
    (/proc/self/clear_refs), so an earlier, bigger test cannot hide a rise."""
    Path("/proc/self/clear_refs").write_text("5")
    before = _peak_rss_kib()
    action()
    return (_peak_rss_kib() - before) * 1024


def refusal(data: bytes, name="image.png") -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        clean_image(upload(data, name))
    return raised.value


def test_a_68_byte_png_declaring_39_megapixels_is_refused_from_its_header():
    bomb = declared_png(1, 39_000_000)
    assert len(bomb) == 68
    refused = []
    peak = peak_memory(lambda: refused.append(refusal(bomb)))
    assert refused[0].code == "too_many_pixels"
    assert refused[0].messages == ["The image is wider or taller than 10,000 pixels."]
    assert peak < 50_000_000  # nothing decoded (it took 650 MB before)


def test_more_pixels_than_the_file_can_hold_is_refused_as_a_bomb():
    refused = refusal(declared_png(6000, 6000))  # 36 megapixels in 70 bytes
    assert (
        refused.code == "bomb" and "far more pixels than its file can hold" in refused.messages[0]
    )


def test_a_png_whose_stream_ends_early_is_refused_even_when_padded_to_look_plausible():
    padded = declared_png(5000, 5000, padding=b"x" * 30_000)  # 833 pixels a byte
    refused = []
    peak = peak_memory(lambda: refused.append(refusal(padded)))
    assert refused[0].code == "invalid" and peak < 50_000_000
    too_long = declared_png(4, 4, stream=zlib.compress(b"\x00" * 5 * 5))  # 5 rows for 4
    assert refusal(too_long).code == "invalid"
    whole = declared_png(4, 4, stream=zlib.compress(b"\x00" * 5 * 4))
    assert Image.open(io.BytesIO(clean_image(upload(whole)).read())).size == (4, 4)


def test_interlaced_pngs_are_checked_and_accepted():
    # Pillow cannot write Adam7: lay the rows out by hand, seven passes, each row with its
    # filter byte.
    rows = b""
    for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                           (1, 0, 2, 2), (0, 1, 1, 2)):  # fmt: skip
        columns = len(range(x0, 37, dx))
        for _y in range(y0, 23, dy):
            if columns:
                rows += b"\x00" + bytes([1, 2, 3, 128]) * columns
    header = struct.pack(">IIBBBBB", 37, 23, 8, 6, 0, 0, 1)
    interlaced = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
                  + png_chunk(b"IDAT", zlib.compress(rows)) + png_chunk(b"IEND", b""))  # fmt: skip
    kept = Image.open(io.BytesIO(clean_image(upload(interlaced)).read()))
    assert kept.size == (37, 23) and kept.getpixel((36, 22)) == (1, 2, 3, 128)


def test_sides_over_10000_pixels_are_refused():
    wide = picture("PNG", size=(10_001, 2))
    assert refusal(wide).code == "too_many_pixels"


@pytest.mark.parametrize(
    ("fmt", "size", "stored"),
    [
        ("JPEG", (6000, 4000), (3000, 2000)),  # decoded at half size: no larger pixels made
        ("JPEG", (9000, 3000), (2250, 750)),  # at a quarter, still at least 2048 wide
        ("PNG", (6000, 120), (STORED_MAX_SIDE, 82)),
        ("JPEG", (4000, 3000), (4000, 3000)),
    ],
)
def test_large_images_are_stored_at_most_4096_pixels_a_side(fmt, size, stored):
    data = picture(fmt, size=size)
    kept = Image.open(io.BytesIO(clean_image(upload(data)).read()))
    assert kept.size == stored


MARKER = b"SECRET-MARKER-7f3a"


def jpeg_with_every_kind_of_metadata() -> bytes:
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:li>' + MARKER + b"</rdf:li></x:xmpmeta>"
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", 32) + MARKER * 2
    data = picture("JPEG", comment=MARKER, xmp=xmp, exif=gps_exif(), icc_profile=srgb_profile())
    app13 = b"\xff\xed" + struct.pack(">H", len(iptc) + 2) + iptc
    data = data[:2] + app13 + data[2:]  # IPTC, as Photoshop writes it, right after SOI
    assert data.count(MARKER) >= 4  # comment, XMP, IPTC: there before cleaning
    return data


def srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def png_with_every_kind_of_metadata() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", MARKER.decode())
    info.add_text("Author", MARKER.decode(), zip=True)  # zTXt
    info.add_itxt("Description", MARKER.decode(), lang="vi", tkey="Mô tả")
    info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{MARKER.decode()}</x:xmpmeta>")
    data = picture("PNG", pnginfo=info, exif=gps_exif(), icc_profile=srgb_profile())
    assert data.count(MARKER) == 3  # the zTXt one is compressed
    return data


def webp_with_every_kind_of_metadata() -> bytes:
    xmp = b"<x:xmpmeta>" + MARKER + b"</x:xmpmeta>"
    data = picture("WEBP", xmp=xmp, exif=gps_exif(), icc_profile=srgb_profile())
    assert MARKER in data
    return data


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (jpeg_with_every_kind_of_metadata, "photo.jpg"),
        (png_with_every_kind_of_metadata, "logo.png"),
        (webp_with_every_kind_of_metadata, "logo.webp"),
    ],
)
def test_comments_xmp_iptc_text_chunks_exif_and_colour_profiles_are_not_stored(make, name):
    stored = clean_image(upload(make(), name)).read()
    assert MARKER not in stored and b"CameraMaker" not in stored
    assert b"8BIM" not in stored and b"xmpmeta" not in stored
    kept = Image.open(io.BytesIO(stored))
    assert not kept.getexif()
    assert not {"icc_profile", "comment", "xmp", "exif", "Comment", "Author"} & set(kept.info)


def test_a_photo_with_a_colour_profile_keeps_its_colours_without_the_profile():
    rgb = Image.new("RGB", (32, 32), (200, 40, 40))
    out = io.BytesIO()
    rgb.save(out, "PNG", icc_profile=srgb_profile())
    kept = Image.open(io.BytesIO(clean_image(upload(out.getvalue())).read()))
    assert "icc_profile" not in kept.info
    assert kept.getpixel((0, 0)) == (200, 40, 40)  # converted to sRGB: the same colour


def test_curators_adding_images_in_the_admin_are_refused_the_bomb_quickly(client, db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.images.models import Image as WagtailImage

    from cms.moderation import CURATORS

    curator = get_user_model().objects.create_user("curator", "c@example.invalid", "pw")
    curator.is_staff = True
    curator.save()
    curator.groups.add(Group.objects.get(name=CURATORS))
    client.force_login(curator)
    bomb = declared_png(1, 39_000_000)
    response = client.post("/admin/images/add/", {"title": "Bomb", "file": upload(bomb, "b.png")})
    assert response.status_code == 200
    # The curators' admin speaks Vietnamese, numbers grouped as Vietnamese readers write them.
    assert response.context["form"].errors["file"] == ["Ảnh rộng hoặc cao hơn 10.000 pixel."]
    # The admin's own upload page sends one file a request, and answers in JSON.
    response = client.post("/admin/images/multiple/add/", {"files[]": upload(bomb, "b.png")})
    assert response.status_code == 200 and not response.json()["success"]
    assert "10.000 pixel" in response.json()["error_message"]
    assert not WagtailImage.objects.exists()
