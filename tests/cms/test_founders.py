"""Startup founders: sign-up with e-mail verification, the dashboard, drafts, submission, the
curators' moderation workflow in the admin, and the profile reaching the public and the index."""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.images.models import Image as WagtailImage
from wagtail.models import WorkflowState

from cms.moderation import CURATORS
from registry.models import Enterprise

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-founder-password-42"


def sign_up(client, email="founder@example.invalid", **extra):
    data = {"email": email, "password": PASSWORD, "privacy": "on", **extra}
    return client.post("/en/account/signup/", data)


def verify_link(message) -> str:
    return re.search(r"https?://[^/]+(/\S+)", message.body).group(1)


def confirm_and_sign_in(client, email="founder@example.invalid"):
    """Confirming the address does not sign in: the founder then signs in with the password."""
    client.get(verify_link(mail.outbox[-1]), follow=True)
    assert client.login(username=email, password=PASSWORD)


@pytest.fixture
def founder(client):
    sign_up(client)
    confirm_and_sign_in(client)
    mail.outbox.clear()
    return get_user_model().objects.get(username="founder@example.invalid")


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user(
        "curator", "curator@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


def profile(**changes):
    data = {"name": "Công ty Cảm biến Sông Mây", "name_en": "Song May Sensors", "ownership": "domestic",
            "startup_stage": "seed", "description": "Cảm biến MEMS cho nông nghiệp.",
            "technologies": ["semiconductor.mems_sensors"], "looking_for": ["investment"]}  # fmt: skip
    data.update(changes)
    return data


def create(client, **changes):
    response = client.post("/en/account/startup/new/", profile(**changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Enterprise.objects.get(founders__user__username="founder@example.invalid")


def refresh_search_index():
    """What a visitor sees within a second; a test wants it now."""
    from search.backends import elasticsearch_backend

    es = elasticsearch_backend()
    if es is not None:
        es.refresh()


def approve(curator, enterprise, action="approve", comment=""):
    """What the curator does in the admin: the workflow action on the enterprise."""
    admin = Client()
    admin.force_login(curator)
    state = WorkflowState.objects.for_instance(enterprise).get(
        status=WorkflowState.STATUS_IN_PROGRESS
    )
    url = reverse(
        "wagtailsnippets_registry_enterprise:workflow_action",
        args=[enterprise.pk, action, state.current_task_state.pk],
    )
    return admin.post(url, {"comment": comment} if comment else {})


def test_sign_up_verify_and_sign_in(client):
    assert "Register your startup" in client.get("/en/account/signup/").content.decode()
    assert "Đăng ký" in client.get("/vi/account/signup/").content.decode()
    response = sign_up(client)
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    user = get_user_model().objects.get(username="founder@example.invalid")
    assert not user.is_active
    link = verify_link(mail.outbox[0])
    response = client.get(link)
    # The token leaves the address at once (Django's PasswordResetConfirmView does the same):
    # later request lines, the history and a Referer carry only a placeholder.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert response.status_code == 302 and token not in response["Location"]
    response = client.get(response["Location"])
    assert "Your e-mail address is confirmed" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active
    assert "My startup" not in client.get("/en/account/").content.decode()  # not signed in
    response = client.post(
        "/en/account/login/", {"username": "founder@example.invalid", "password": PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"password": "123"}, "password"), ({"privacy": ""}, "privacy"), ({"email": "nope"}, "email")],
)
def test_sign_up_errors_are_shown_on_the_field(client, extra, field):
    response = sign_up(client, **extra)
    assert response.status_code == 400 and f'id="id_{field}-error"' in response.content.decode()
    assert not get_user_model().objects.exists() and not mail.outbox


def test_sign_up_honeypot_and_rate_limit(client):
    assert sign_up(client, website="http://spam.example").status_code == 200
    assert not get_user_model().objects.exists()
    for n in range(4):
        sign_up(client, email=f"f{n}@example.invalid")
    response = sign_up(client, email="late@example.invalid")
    assert "Too many attempts" in response.content.decode()
    assert not get_user_model().objects.filter(username="late@example.invalid").exists()


def test_a_bad_or_old_verification_link_is_refused(client):
    assert client.get("/en/account/verify/MQ/forged-token/").status_code == 400
    assert client.get("/en/account/verify/%%%/forged-token/").status_code == 400
    assert client.get("/en/account/verify/MQ/confirm/").status_code == 400  # no token in session


def test_a_confirmation_link_works_once(client):
    sign_up(client)
    link = verify_link(mail.outbox[-1])
    assert client.get(link, follow=True).status_code == 200
    again = Client().get(link, follow=True)
    assert again.status_code == 400 and "already used" in again.content.decode()
    assert Client().get(link).status_code == 400


def test_a_confirmation_link_dies_with_a_password_reset(client):
    sign_up(client)
    link = verify_link(mail.outbox[-1])
    user = get_user_model().objects.get(username="founder@example.invalid")
    user.set_password("a-new-long-password-43")
    user.save()
    assert client.get(link, follow=True).status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_sign_up_does_not_reveal_whether_an_address_has_an_account(client, founder):
    client.post("/en/account/logout/")
    mail.outbox.clear()
    existing = Client().post("/en/account/signup/", {"email": "FOUNDER@example.invalid",
                             "password": "whatever-long-pw-99", "privacy": "on"})  # fmt: skip
    new = Client().post("/en/account/signup/", {"email": "new@example.invalid",
                        "password": "whatever-long-pw-99", "privacy": "on"})  # fmt: skip
    assert existing.status_code == new.status_code == 200
    assert "Check your e-mail" in existing.content.decode()
    assert "Check your e-mail" in new.content.decode()
    told, confirm = mail.outbox
    assert told.to == ["founder@example.invalid"] and "already have an account" in told.body
    assert "/en/account/login/" in told.body and "/en/account/password-reset/" in told.body
    assert confirm.to == ["new@example.invalid"] and "/account/verify/" in confirm.body
    assert client.login(username="founder@example.invalid", password=PASSWORD)  # unchanged


def test_an_unconfirmed_founder_is_told_so_after_the_right_password_and_gets_a_new_link(client):
    sign_up(client)
    mail.outbox.clear()
    wrong = client.post(
        "/en/account/login/", {"username": "founder@example.invalid", "password": "not-it-123"}
    )
    assert "not confirmed" not in wrong.content.decode()
    right = client.post(
        "/en/account/login/", {"username": "founder@example.invalid", "password": PASSWORD}
    )
    assert "not confirmed yet" in right.content.decode()
    assert "/en/account/confirmation/" in right.content.decode()
    # Ask again: the same answer for an address with no account; a mail only for the real one.
    for email in ("founder@example.invalid", "nobody@example.invalid"):
        response = client.post("/en/account/confirmation/", {"email": email})
        assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["founder@example.invalid"]]
    # Signing up again with the address also sends a new link (the account is not a dead end).
    sign_up(Client())
    assert len(mail.outbox) == 2 and "/account/verify/" in mail.outbox[-1].body
    confirm_and_sign_in(client)


def test_a_password_reset_confirms_an_unconfirmed_founder(client):
    sign_up(client)
    mail.outbox.clear()
    client.post("/en/account/password-reset/", {"email": "founder@example.invalid"})
    link = re.search(r"/\w\w/account/reset/\S+/", mail.outbox[0].body).group(0)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        form_url,
        {"new_password1": "another-long-password-7", "new_password2": "another-long-password-7"},
    )
    assert client.login(username="founder@example.invalid", password="another-long-password-7")


def test_password_reset_e_mails_are_limited_per_address_and_per_client(client, founder):
    client.post("/en/account/logout/")
    answers = [
        client.post("/en/account/password-reset/", {"email": "founder@example.invalid"})
        for _ in range(31)
    ]
    # ACCOUNT_EMAILS_PER_ADDRESS is 3 an hour, and the confirmation at sign-up was the first.
    assert len(mail.outbox) == 2
    assert answers[2].status_code == 429 and answers[-1].status_code == 429
    assert "Too many attempts; please try again in" in answers[2].content.decode()
    other_client = Client(REMOTE_ADDR="203.0.113.9")
    codes = [
        other_client.post(
            "/en/account/password-reset/", {"email": f"x{n}@example.invalid"}
        ).status_code
        for n in range(11)
    ]
    assert codes == [302] * 10 + [429]  # ACCOUNT_EMAILS_PER_CLIENT, whichever addresses


def test_password_reset_by_e_mail(client, founder):
    client.post("/en/account/logout/")
    client.post("/en/account/password-reset/", {"email": "founder@example.invalid"})
    link = re.search(r"/\w\w/account/reset/\S+/", mail.outbox[0].body).group(0)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        form_url,
        {"new_password1": "another-long-password-7", "new_password2": "another-long-password-7"},
    )
    assert client.login(username="founder@example.invalid", password="another-long-password-7")


def test_the_dashboard_needs_a_signed_in_founder(client):
    response = client.get("/en/account/startup/new/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    page = client.get("/en/account/").content.decode()
    assert "My startup" not in page and "Create an account" in page


def test_a_draft_stays_private_until_a_curator_approves_it(
    client, founder, curator, django_capture_on_commit_callbacks
):
    enterprise = create(client)
    assert not enterprise.live
    assert client.get(f"/en/registry/enterprise/{enterprise.ref}/").status_code == 404
    assert "Draft: not yet submitted" in client.get("/en/account/").content.decode()

    client.post(f"/en/account/startup/{enterprise.ref}/submit/")
    assert "Waiting for review" in client.get("/en/account/").content.decode()
    assert client.get(f"/en/account/startup/{enterprise.ref}/edit/").status_code == 302  # locked

    with django_capture_on_commit_callbacks(execute=True):
        assert approve(curator, enterprise).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.live and enterprise.startup_stage == "seed"
    assert client.get(f"/en/registry/enterprise/{enterprise.ref}/").status_code == 200
    assert "published" in mail.outbox[-1].subject.lower() and mail.outbox[-1].to == [
        "founder@example.invalid"
    ]
    for lang in ("vi", "en"):  # the public page, at the site's address, in both halves
        assert f"{settings.SITE_URL}/{lang}/registry/enterprise/{enterprise.ref}/" in (
            mail.outbox[-1].body
        )
    refresh_search_index()
    found = client.get("/api/v1/search/", {"q": "Song May", "kind": "enterprise"}).json()
    assert [r["ref"] for r in found["results"]] == [enterprise.ref]


def test_a_published_profile_stays_live_while_an_edit_awaits_review(
    client, founder, curator, django_capture_on_commit_callbacks
):
    enterprise = create(client)
    client.post(f"/en/account/startup/{enterprise.ref}/submit/")
    with django_capture_on_commit_callbacks(execute=True):
        approve(curator, enterprise)
    client.post(
        f"/en/account/startup/{enterprise.ref}/edit/", profile(name_en="Song May Sensors JSC")
    )
    client.post(f"/en/account/startup/{enterprise.ref}/submit/")
    page = client.get(f"/en/registry/enterprise/{enterprise.ref}/").content.decode()
    assert "Song May Sensors" in page and "Song May Sensors JSC" not in page
    with django_capture_on_commit_callbacks(execute=True):
        approve(curator, enterprise)
    assert (
        "Song May Sensors JSC"
        in client.get(f"/en/registry/enterprise/{enterprise.ref}/").content.decode()
    )


def test_a_curator_can_ask_for_changes_with_a_comment(client, founder, curator):
    enterprise = create(client)
    client.post(f"/en/account/startup/{enterprise.ref}/submit/")
    assert approve(curator, enterprise, "reject", "Please add your tax code.").status_code == 302
    dashboard = client.get("/en/account/").content.decode()
    assert "Changes requested" in dashboard and "Please add your tax code." in dashboard
    assert "Please add your tax code." in mail.outbox[-1].body
    assert client.get(f"/en/account/startup/{enterprise.ref}/edit/").status_code == 200


def test_a_founder_never_sees_or_changes_another_founders_draft(client, founder):
    enterprise = create(client)
    other = Client()
    sign_up(other, email="other@example.invalid")
    confirm_and_sign_in(other, "other@example.invalid")
    assert other.get(f"/en/account/startup/{enterprise.ref}/edit/").status_code == 404
    assert (
        other.post(
            f"/en/account/startup/{enterprise.ref}/edit/", profile(name="Hijack")
        ).status_code
        == 404
    )
    assert other.post(f"/en/account/startup/{enterprise.ref}/submit/").status_code == 404
    assert enterprise.name not in other.get("/en/account/").content.decode()
    assert other.get("/admin/").status_code == 302  # founders have no admin


def test_the_logo_is_checked_and_stripped_of_exif(client, founder):
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (10.0, 47.0, 0.0)
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "white").save(buffer, "JPEG", exif=exif)
    enterprise = create(client, logo=SimpleUploadedFile("logo.jpg", buffer.getvalue()))
    draft = enterprise.get_latest_revision_as_object()
    with draft.photo.file.open("rb") as f:
        assert not Image.open(io.BytesIO(f.read())).getexif()
    response = client.post(
        "/en/account/startup/new/",
        profile(name="Other", logo=SimpleUploadedFile("x.png", b"<?php ?>")),
    )
    assert (
        response.status_code == 400
        and "not a complete JPEG, PNG or WebP" in response.content.decode()
    )


def test_a_founder_downloads_their_data_and_deletes_the_account(client, founder):
    enterprise = create(client)
    data = client.get("/en/account/my-data/").json()
    assert data["account"]["email"] == "founder@example.invalid"
    assert data["startup_profiles"][0]["latest_draft"]["name_en"] == "Song May Sensors"
    assert client.post("/en/account/delete/", {"password": "wrong"}).status_code == 400
    assert client.post("/en/account/delete/", {"password": PASSWORD}).status_code == 302
    assert not get_user_model().objects.filter(username="founder@example.invalid").exists()
    assert not Enterprise.objects.filter(pk=enterprise.pk).exists()  # never published: gone


def test_founders_e_mails_never_reach_public_pages_or_the_api(
    client, founder, curator, django_capture_on_commit_callbacks
):
    enterprise = create(client)
    client.post(f"/en/account/startup/{enterprise.ref}/submit/")
    with django_capture_on_commit_callbacks(execute=True):
        approve(curator, enterprise)
    anonymous = Client()
    for url in (
        f"/en/registry/enterprise/{enterprise.ref}/",
        f"/api/v1/records/enterprise/{enterprise.ref}/",
    ):
        assert b"founder@example.invalid" not in anonymous.get(url).content
    export = b"".join(anonymous.get("/api/v1/export/?kind=enterprise").streaming_content)
    assert enterprise.ref.encode() in export and b"founder@example.invalid" not in export


def test_curators_see_possible_duplicates_with_links(client, founder, curator, publish):
    from tests.conftest import ENTERPRISE, ZONE

    publish(
        ZONE,
        ENTERPRISE | {"ref": "song-may-old", "name": "CONG TY CAM BIEN SONG MAY", "tax_code": ""},
        ENTERPRISE | {"ref": "same-tax", "name": "Another Name Co.", "tax_code": "3600123456"},
    )
    enterprise = create(client, tax_code="3600123456")
    client.post(f"/en/account/startup/{enterprise.ref}/submit/")
    admin = Client()
    admin.force_login(curator)
    page = admin.get(
        reverse("wagtailsnippets_registry_enterprise:edit", args=[enterprise.pk])
    ).content.decode()
    assert "Có thể trùng lặp" in page  # "Possible duplicates": curators' admin is Vietnamese
    for ref, why in (("song-may-old", "cùng tên"), ("same-tax", "cùng mã số thuế")):
        other = Enterprise.objects.get(ref=ref)
        assert reverse("wagtailsnippets_registry_enterprise:edit", args=[other.pk]) in page
        assert re.search(rf"\({ref}\) —\s+{why}\s", page)


def test_a_founder_claims_an_agency_registered_startup_and_then_edits_it_through_moderation(
    client, founder, curator, publish, django_capture_on_commit_callbacks
):
    from cms.models import Claim
    from tests.conftest import ENTERPRISE, ZONE

    publish(
        ZONE,
        ENTERPRISE
        | {"ref": "agency-startup", "name": "Công ty Khởi nghiệp Mẫu", "startup_stage": "seed"},
    )
    page = client.get("/en/registry/enterprise/agency-startup/").content.decode()
    assert "/en/account/claim/agency-startup/" in page
    client.post("/en/account/claim/agency-startup/", {"message": "I am the CEO; call the office."})
    claim = Claim.objects.get()
    assert claim.status == "pending"
    assert client.get("/en/account/startup/agency-startup/edit/").status_code == 404  # not yet

    admin = Client()
    admin.force_login(curator)
    response = admin.post(
        reverse("wagtailsnippets_cms_claim:edit", args=[claim.pk]),
        {"status": "approved", "curator_note": ""},
    )
    assert response.status_code == 302
    assert client.get("/en/account/startup/agency-startup/edit/").status_code == 200
    client.post(
        "/en/account/startup/agency-startup/edit/",
        profile(name="Công ty Khởi nghiệp Mẫu", name_en="Sample Startup JSC"),
    )
    client.post("/en/account/startup/agency-startup/submit/")
    enterprise = Enterprise.objects.get(ref="agency-startup")
    assert enterprise.name_en != "Sample Startup JSC"  # the live record waits for the curator
    with django_capture_on_commit_callbacks(execute=True):
        approve(curator, enterprise)
    enterprise.refresh_from_db()
    assert enterprise.name_en == "Sample Startup JSC"
    other = Client()  # an already-managed profile cannot be claimed again
    sign_up(other, email="second@example.invalid")
    confirm_and_sign_in(other, "second@example.invalid")
    assert other.get("/en/account/claim/agency-startup/").status_code == 404


def test_up_to_five_photos_go_through_moderation_to_the_public_page(
    client, founder, curator, django_capture_on_commit_callbacks
):
    def jpeg(colour):
        buffer = io.BytesIO()
        Image.new("RGB", (640, 480), colour).save(buffer, "JPEG")
        return SimpleUploadedFile(f"{colour}.jpg", buffer.getvalue())

    too_many = profile(photos=[jpeg(c) for c in ("red", "green", "blue", "white", "black", "gray")])
    response = client.post("/en/account/startup/new/", too_many)
    assert response.status_code == 400 and "At most 5 photos." in response.content.decode()
    enterprise = create(client, photos=[jpeg("red"), jpeg("green")])
    client.post(f"/en/account/startup/{enterprise.ref}/submit/")
    with django_capture_on_commit_callbacks(execute=True):
        approve(curator, enterprise)
    page = client.get(f"/en/registry/enterprise/{enterprise.ref}/").content.decode()
    assert page.count('loading="lazy"') == 2 and "fill-480x320" in page


def test_a_curator_can_reject_a_profile_and_the_founder_is_told_why(client, founder, curator):
    enterprise = create(client)
    client.post(f"/en/account/startup/{enterprise.ref}/submit/")
    assert approve(curator, enterprise, "decline", "Not a technology company.").status_code == 302
    enterprise.refresh_from_db()
    assert not enterprise.live
    dashboard = client.get("/en/account/").content.decode()
    assert "Not accepted" in dashboard and "Not a technology company." in dashboard
    assert (
        "not accepted" in mail.outbox[-1].subject.lower()
        and "Not a technology company." in mail.outbox[-1].body
    )


def test_every_page_leads_founders_to_their_account(client):
    page = client.get("/vi/").content.decode()
    assert 'href="/vi/account/">Dành cho khởi nghiệp</a>' in page


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("en", ["Why register", "Investors", "on the map", "Confirm your e-mail", "5 working days",
                "What is public and what stays private", "never publishes it"]),
        ("vi", ["Vì sao nên đăng ký", "nhà đầu tư", "bản đồ", "Xác nhận địa chỉ e-mail",
                "5 ngày làm việc", "Thông tin nào công khai, thông tin nào được giữ kín"]),
    ],
)  # fmt: skip
def test_for_startups_explains_why_and_what_next_before_asking_to_sign_in(client, lang, texts):
    """The header's "For startups" used to open a bare sign-in form."""
    response = client.get(f"/{lang}/account/")
    page = response.content.decode()
    assert response.status_code == 200
    assert all(text in page for text in texts), [t for t in texts if t not in page]
    assert f'href="/{lang}/account/signup/"' in page and f'href="/{lang}/account/login/"' in page
    assert client.get(f"/{lang}/account/start/").status_code == 200


def test_the_sign_in_field_asks_for_the_e_mail_address(client):
    page = client.get("/en/account/login/").content.decode()
    assert 'type="email"' in page and ">E-mail" in page and "Username" not in page
    response = client.post("/en/account/login/", {"username": "x@example.invalid", "password": "x"})
    assert "The e-mail address or the password is not right." in response.content.decode()
    assert "Tên đăng nhập" not in client.get("/vi/account/login/").content.decode()


def bomb_files(n):
    from tests.registry.test_uploads import declared_png

    return [SimpleUploadedFile(f"b{i}.png", declared_png(1, 39_000_000)) for i in range(n)]


def test_six_declared_bombs_in_one_request_are_refused_without_decoding(client, founder):
    from tests.registry.test_uploads import peak_memory

    responses = []
    peak = peak_memory(
        lambda: responses.append(
            client.post(
                "/en/account/startup/new/",
                profile(logo=bomb_files(1)[0], photos=bomb_files(5)),
            )
        )
    )
    page = responses[0].content.decode()
    assert responses[0].status_code == 400
    # The logo's and the first photo's: the photos stop at the first refused.
    assert page.count("The image is wider or taller than 10,000 pixels.") == 2
    assert not Enterprise.objects.exists() and not WagtailImage.objects.exists()
    assert peak < 50_000_000  # each took 650 MB before


def test_images_sent_together_are_limited_to_20_mb(client, founder):
    big = [SimpleUploadedFile(f"{n}.jpg", b"\xff\xd8" + b"\x00" * 4_500_000) for n in range(5)]
    response = client.post("/en/account/startup/new/", profile(photos=big))
    assert response.status_code == 400
    assert "The files together are larger than 20 MB" in response.content.decode()


def test_each_account_may_send_30_images_an_hour(client, founder):
    for _request in range(6):  # 6 x 5 = 30 images, refused or not, count
        response = client.post("/en/account/startup/new/", profile(photos=bomb_files(5)))
        assert "many images in the last hour" not in response.content.decode()
    response = client.post("/en/account/startup/new/", profile(logo=bomb_files(1)[0]))
    assert response.status_code == 400
    assert "You have sent many images in the last hour" in response.content.decode()
    assert "10,000 pixels" not in response.content.decode()  # not even opened
    response = client.post("/en/account/startup/new/", profile())  # no images: fine
    assert response.status_code == 302


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files in a folder of their own, served at MEDIA_URL."""
    settings.MEDIA_ROOT = tmp_path
    settings.ROOT_URLCONF = "tests.cms.media_urls"
    return tmp_path


def logo(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(buffer, "PNG")
    return SimpleUploadedFile(f"{colour}.png", buffer.getvalue())


def files_of(image) -> list[str]:
    """The image's URL and those of its renditions, after making one as the portal does."""
    rendition = image.get_rendition("fill-480x320")
    return [image.file.url, rendition.url]


def served(client, urls) -> list[int]:
    return [client.get(url).status_code for url in urls]


def latest(enterprise):
    return Enterprise.objects.get(pk=enterprise.pk).get_latest_revision_as_object()


def test_a_replaced_logo_goes_with_its_renditions_and_files(
    client, founder, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enterprise = create(client, logo=logo("red"), photos=[logo("green")])
    old_logo, old_photo = latest(enterprise).photo, latest(enterprise).photos.get().image
    urls = files_of(old_logo) + files_of(old_photo)
    assert served(client, urls) == [200] * 4 and len(list(media.rglob("*.png"))) == 4
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/account/startup/{enterprise.ref}/edit/",
            profile(logo=logo("blue"), photos=[logo("white")], remove_photos=[old_photo.pk]),
        )
    assert not WagtailImage.objects.filter(pk__in=[old_logo.pk, old_photo.pk]).exists()
    assert served(client, urls) == [404] * 4
    draft = latest(enterprise)
    assert {p.name for p in media.rglob("*.png")} == {
        draft.photo.file.name.rsplit("/", 1)[-1],
        draft.photos.get().image.file.name.rsplit("/", 1)[-1],
    }


def test_the_public_logo_stays_while_a_new_one_waits_for_review_and_goes_once_replaced(
    client, founder, curator, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enterprise = create(client, logo=logo("red"))
        client.post(f"/en/account/startup/{enterprise.ref}/submit/")
        approve(curator, enterprise)
    public = Enterprise.objects.get(pk=enterprise.pk).photo
    public_urls = files_of(public)
    edit = f"/en/account/startup/{enterprise.ref}/edit/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, profile(logo=logo("blue")))  # a draft: the public row keeps red
    waiting = latest(enterprise).photo
    assert served(client, public_urls + files_of(waiting)) == [200] * 4
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, profile(logo=logo("white")))  # replaces the waiting draft's logo
    assert served(client, public_urls) == [200, 200]
    assert not WagtailImage.objects.filter(pk=waiting.pk).exists()
    chosen = latest(enterprise).photo
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/account/startup/{enterprise.ref}/submit/")
        approve(curator, enterprise)  # white is public now: red has no use left
    assert Enterprise.objects.get(pk=enterprise.pk).photo == chosen
    assert served(client, public_urls + [chosen.file.url]) == [404, 404, 200]
    assert set(WagtailImage.objects.values_list("pk", flat=True)) == {chosen.pk}


def test_deleting_the_account_deletes_the_drafts_images_and_their_files(
    client, founder, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enterprise = create(client, logo=logo("red"), photos=[logo("green"), logo("blue")])
    draft = latest(enterprise)
    urls = files_of(draft.photo) + [u for p in draft.photos.all() for u in files_of(p.image)]
    assert served(client, urls) == [200] * 6
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/delete/", {"password": PASSWORD})
    assert not Enterprise.objects.exists() and not WagtailImage.objects.exists()
    assert served(Client(), urls) == [404] * 6 and not list(media.rglob("*.png"))


def test_a_curators_library_image_is_never_deleted_by_a_founders_change(
    client, founder, media, django_capture_on_commit_callbacks
):
    library = WagtailImage.objects.create(title="Agency photo", file=logo("gray"))
    with django_capture_on_commit_callbacks(execute=True):
        enterprise = create(client)
    draft = latest(enterprise)
    draft.photo = library  # a curator chose it for the draft in the admin
    draft.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/account/startup/{enterprise.ref}/edit/", profile(logo=logo("red")))
    assert served(client, files_of(WagtailImage.objects.get(pk=library.pk))) == [200, 200]


def test_the_edit_page_shows_the_current_logo_and_photos_with_their_alt_text(
    client, founder, media
):
    enterprise = create(client, logo=logo("red"), photos=[logo("green"), logo("blue")])
    page = client.get(f"/en/account/startup/{enterprise.ref}/edit/").content.decode()
    draft = latest(enterprise)
    assert re.search(
        r'<img src="[^"]+\.max-320x320\.png"[^>]* alt="Công ty Cảm biến Sông Mây — logo"', page
    )
    assert page.count(".fill-240x160.") == 2 and 'alt="Công ty Cảm biến Sông Mây — 2"' in page
    assert "Uploading a new logo replaces the current one." in page
    assert 'aria-describedby="id_logo-help"' in page  # read out with the file input
    assert 'name="remove_logo"' in page
    for photo in draft.photos.all():
        assert f'name="remove_photos" value="{photo.image_id}"' in page
    assert "3 places left" in page


def test_new_photos_join_the_current_ones_and_ticked_images_are_removed(
    client, founder, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enterprise = create(client, logo=logo("red"), photos=[logo("green"), logo("blue")])
    draft = latest(enterprise)
    red, (green, blue) = draft.photo, [p.image for p in draft.photos.all()]
    edit = f"/en/account/startup/{enterprise.ref}/edit/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, profile())  # nothing chosen: nothing changes
    assert latest(enterprise).photo == red and latest(enterprise).photos.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, profile(photos=[logo("white")]))
    assert [p.image.title for p in latest(enterprise).photos.all()] == [
        green.title,
        blue.title,
        "Công ty Cảm biến Sông Mây — 3",
    ]
    response = client.post(edit, profile(photos=[logo(c) for c in ("black", "gray", "yellow")]))
    assert response.status_code == 400
    assert "room for 2 more photos" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, profile(remove_logo="on", remove_photos=[green.pk]))
    draft = latest(enterprise)
    assert draft.photo is None and blue in [p.image for p in draft.photos.all()]
    assert draft.photos.count() == 2
    # Removed images go, as replaced ones do (cms/founder_images.py).
    assert not WagtailImage.objects.filter(pk__in=[red.pk, green.pk]).exists()


def test_a_square_logo_is_shown_whole_on_the_public_page(
    client, founder, curator, media, django_capture_on_commit_callbacks
):
    buffer = io.BytesIO()
    Image.new("RGB", (500, 500), "red").save(buffer, "PNG")
    square = SimpleUploadedFile("square.png", buffer.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        enterprise = create(client, logo=square)
        client.post(f"/en/account/startup/{enterprise.ref}/submit/")
        approve(curator, enterprise)
    page = client.get(f"/en/registry/enterprise/{enterprise.ref}/").content.decode()
    assert re.search(r'\.max-320x320\.png" width="320" height="320"', page), page
    assert "fill-960x540" not in page


def test_the_owner_is_not_offered_to_claim_their_own_profile(
    client, founder, curator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enterprise = create(client)
        client.post(f"/en/account/startup/{enterprise.ref}/submit/")
        approve(curator, enterprise)
    url = f"/en/registry/enterprise/{enterprise.ref}/"
    page = client.get(url).content.decode()
    assert "Claim this profile" not in page
    assert f'href="/en/account/startup/{enterprise.ref}/edit/"' in page
    page = Client().get(url).content.decode()  # a visitor: the profile has an owner already
    assert "Claim this profile" not in page and "/edit/" not in page


def test_technologies_are_grouped_under_their_field_in_the_page_language(client, founder):
    page = client.get("/vi/account/startup/new/").content.decode()
    group = re.search(r'<fieldset class="technology-group"><legend>Bán dẫn</legend>(.*?)</fieldset>',
                      page, re.S)  # fmt: skip
    assert group, page
    assert 'value="semiconductor"' in group[1]
    assert re.search(r'<li class="child">.*value="semiconductor.mems_sensors".*Cảm biến MEMS',
                     group[1])  # fmt: skip
    assert "Internet vạn vật" in page and "Internet of Things" not in page
    response = client.post(
        "/vi/account/startup/new/",
        profile(technologies=["semiconductor", "semiconductor.mems_sensors"]),
    )
    assert response.status_code == 302
    enterprise = Enterprise.objects.get()
    assert {t.code for t in latest(enterprise).technologies.all()} == {
        "semiconductor",
        "semiconductor.mems_sensors",
    }
