"""Provenance on public pages, the stale records' queue and the "still correct?" e-mail round
trip (issue #14, "đúng" and "sống")."""

import datetime
import json
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from cms.freshness.mail import SALT
from cms.freshness.models import FreshnessCheck
from cms.models import Ownership
from cms.moderation import CURATORS
from registry.freshness import OWNER_CONFIRMATION
from registry.models import Enterprise, Plot, Zone
from tests.conftest import ENTERPRISE, PLOT, ZONE

pytestmark = pytest.mark.django_db
QUEUE = "/admin/freshness/stale/"
OWNER = "owner@example.vn"


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user("curator", "c@example.invalid", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=CURATORS))
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def plot(publish):
    publish(ZONE, PLOT)
    Plot.objects.update(contact_email=OWNER)
    return Plot.objects.get()


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+/still-correct/\S+/", body)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def send(curator, record) -> None:
    response = curator.post(QUEUE, {"send_one": f"{record.kind}:{record.pk}"})
    assert response.status_code == 302


# The public page: provenance in the page's language, stale records marked, never hidden.


def test_the_record_page_says_the_source_and_who_verified_when_in_both_languages(publish):
    publish({**ZONE, "source": "https://diza.dongnai.gov.vn/a?b=1&c=2",
             "verified_on": timezone.localdate().isoformat(), "verified_by": "DIZA"})  # fmt: skip
    day = timezone.localdate()
    en = Client().get("/en/registry/zone/test-park/").content.decode()
    assert 'href="https://diza.dongnai.gov.vn/a?b=1&amp;c=2"' in en
    assert f"Last verified on {day.day} {day:%B} {day.year} by DIZA." in en
    assert "May be out of date" not in en
    vi = Client().get("/vi/registry/zone/test-park/").content.decode()
    assert f"Xác minh lần cuối ngày {day.day} tháng {day.month} năm {day.year} bởi DIZA." in vi
    jsonld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', en).group(1))
    assert jsonld["mainEntityOfPage"]["lastReviewed"] == day.isoformat()
    assert jsonld["mainEntityOfPage"]["isBasedOn"] == ["https://diza.dongnai.gov.vn/a?b=1&c=2"]


def test_a_citation_is_text_not_a_link_and_is_escaped(publish):
    publish({**ZONE, "source": "Báo Đồng Nai <b>12/2025</b>", "verified_on": "2026-03-12"})
    page = Client().get("/en/registry/zone/test-park/").content.decode()
    assert "Source: Báo Đồng Nai &lt;b&gt;12/2025&lt;/b&gt;" in page
    assert "<b>12/2025</b>" not in page


def test_a_stale_record_is_marked_not_hidden(publish):
    old = timezone.localdate() - datetime.timedelta(days=200)  # plots: 6 months
    publish(ZONE, {**PLOT, "verified_on": old.isoformat(), "verified_by": "DIZA"})
    response = Client().get("/en/registry/plot/test-a01/")
    assert response.status_code == 200
    assert f"May be out of date: last verified on {old.day} {old:%B} {old.year}." in (
        response.content.decode()
    )
    vi = Client().get("/vi/registry/plot/test-a01/").content.decode()
    assert "Có thể đã cũ: xác minh lần cuối ngày" in vi
    never = Client().get("/en/registry/zone/test-park/").content.decode()
    assert "May be out of date: not yet verified." in never


def test_the_owners_confirmation_reads_in_the_page_language(publish):
    publish({**ZONE, "verified_on": timezone.localdate().isoformat(),
             "verified_by": OWNER_CONFIRMATION})  # fmt: skip
    en = Client().get("/en/registry/zone/test-park/").content.decode()
    assert "by the owner&#x27;s confirmation." in en
    vi = Client().get("/vi/registry/zone/test-park/").content.decode()
    assert "bởi xác nhận của chủ sở hữu." in vi


# The e-mail round trip.


def test_confirming_through_the_emailed_link_verifies_the_record_once(curator, plot):
    send(curator, plot)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [OWNER]
    vi_part, en_part = message.body.split("\n---\n")
    assert "Vui lòng kiểm tra" in vi_part and "/vi/still-correct/" in vi_part
    assert "Please check it" in en_part and "/en/still-correct/" in en_part
    assert message.subject.startswith("“Lô A01” còn đúng không?")
    page = Client().get(path_of(links(en_part)[0]))
    assert page.status_code == 200
    assert "Lô A01" in page.content.decode() and "Yes, still correct" in page.content.decode()
    confirmed = Client().post(path_of(links(vi_part)[0]), {"confirm": "1"})
    assert confirmed.status_code == 200
    plot.refresh_from_db()
    assert (plot.verified_on, plot.verified_by) == (timezone.localdate(), OWNER_CONFIRMATION)
    again = Client().post(path_of(links(en_part)[0]), {"confirm": "1"})
    assert again.status_code == 410
    assert "already used" in again.content.decode()


def test_proposed_changes_reach_the_curators_and_publish_nothing(curator, plot):
    send(curator, plot)
    link = path_of(links(mail.outbox[0].body)[-1])
    empty = Client().post(link, {"proposal": ""})
    assert empty.status_code == 400 and "This field is required." in empty.content.decode()
    sent = Client().post(link, {"proposal": "Giá thuê nay là 120 USD/m²."})
    assert sent.status_code == 200
    plot.refresh_from_db()
    assert plot.verified_on is None  # nothing published by the owner
    replies = curator.get(reverse("wagtailsnippets_cms_freshnesscheck:list"))
    assert "Lô A01" in replies.content.decode()
    check = FreshnessCheck.objects.get()
    detail = curator.get(reverse("wagtailsnippets_cms_freshnesscheck:edit", args=[check.pk]))
    assert "Giá thuê nay là 120 USD/m²." in detail.content.decode()
    assert Client().post(link, {"confirm": "1"}).status_code == 410


def test_founders_get_the_email_of_the_enterprise_they_own(curator, publish):
    publish(ZONE, ENTERPRISE)
    enterprise = Enterprise.objects.get()
    enterprise.contact_email = "unused@example.vn"
    enterprise.save()
    founder = get_user_model().objects.create_user("f@example.vn", "f@example.vn", "pw")
    Ownership.objects.create(user=founder, enterprise=enterprise)
    send(curator, enterprise)
    assert mail.outbox[0].to == ["f@example.vn"]


def test_one_email_a_day_per_record_and_none_without_an_address(curator, plot):
    send(curator, plot)
    send(curator, plot)
    assert len(mail.outbox) == 1
    Zone.objects.update(contact_email="")
    zone = Zone.objects.get()
    response = curator.post(QUEUE, {"send_one": f"zone:{zone.pk}"}, follow=True)
    assert len(mail.outbox) == 1
    assert "no founder or contact e-mail is known" in response.content.decode()
    FreshnessCheck.objects.update(sent_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    send(curator, plot)
    assert len(mail.outbox) == 2


def test_expired_and_tampered_links_get_a_clear_page_in_both_languages(curator, plot, monkeypatch):
    send(curator, plot)
    link = path_of(links(mail.outbox[0].body)[-1])
    tampered = link.replace("/still-correct/", "/still-correct/x")
    for path, text_en, text_vi in [
        (tampered, "incomplete or was changed", "không đầy đủ hoặc đã bị sửa"),
    ]:
        response = Client().get(path)
        assert response.status_code == 404 and text_en in response.content.decode()
        vi = Client().get(path.replace("/en/", "/vi/"))
        assert vi.status_code == 404 and text_vi in vi.content.decode()
    check = FreshnessCheck.objects.get()
    month_ago = time.time() - 31 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: month_ago)
    old_token = signing.dumps(check.pk, salt=SALT)
    monkeypatch.undo()
    for lang, text in [("en", "The link is too old"), ("vi", "Liên kết đã quá hạn")]:
        response = Client().post(f"/{lang}/still-correct/{old_token}/", {"confirm": "1"})
        assert response.status_code == 410 and text in response.content.decode()
    plot.refresh_from_db()
    assert plot.verified_on is None
    assert Client().get("/en/still-correct/%00/").status_code == 404


# The curators' queue and dashboard.


def test_the_queue_lists_stale_records_and_marks_a_selection_verified(curator, plot):
    page = curator.get(QUEUE).content.decode()
    assert "Lô A01" in page and "Khu thử nghiệm" in page
    zone = Zone.objects.get()
    response = curator.post(
        QUEUE, {"action": "verify", "selected": [f"plot:{plot.pk}", f"zone:{zone.pk}"]}
    )
    assert response.status_code == 302
    plot.refresh_from_db()
    assert plot.verified_on == timezone.localdate()
    assert plot.verified_by == "Cơ quan Xúc tiến Đầu tư tỉnh Đồng Nai"
    assert "Lô A01" not in curator.get(QUEUE).content.decode()
    assert mail.outbox == []


def test_the_dashboard_counts_stale_records_per_kind(curator, plot):
    home = curator.get("/admin/").content.decode()
    assert "Records past their freshness rule" in home
    assert "Lô A01" in home and QUEUE in home


def test_a_viewer_sees_the_queue_but_cannot_act(plot):
    from cms.moderation import VIEWERS

    viewer = get_user_model().objects.create_user("v", "v@example.invalid", "pw", is_staff=True)
    viewer.groups.add(Group.objects.get(name=VIEWERS))
    client = Client()
    client.force_login(viewer)
    assert "Lô A01" in client.get(QUEUE).content.decode()
    refused = client.post(QUEUE, {"action": "verify", "selected": [f"plot:{plot.pk}"]})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's "denied"
    plot.refresh_from_db()
    assert plot.verified_on is None


# The private contact address.


def every_public_output(client) -> dict[str, bytes]:
    import io
    import zipfile

    def body(path) -> bytes:
        response = client.get(path)
        assert response.status_code == 200, path
        return b"".join(response.streaming_content) if response.streaming else response.content

    outputs = {
        path: body(path)
        for path in [
            "/en/registry/plot/test-a01/",
            "/vi/registry/plot/test-a01/",
            "/en/registry/zone/test-park/",
            "/en/search/?q=A01",
            "/api/v1/records/plot/test-a01/",
            "/api/v1/records/zone/test-park/",
            "/api/v1/search/?q=A01",
            "/api/v1/suggest/?q=L",
            "/api/v1/export/?format=jsonl",
            "/api/v1/export/?format=csv&kind=plot",
            "/api/v1/export/?format=csv-semicolon&kind=zone",
            "/api/v1/geojson/?include=zones",
            "/api/v1/catalog.jsonld",
            "/data.json",
            "/sitemap.xml",
        ]
    }
    xlsx = body("/api/v1/export/?format=xlsx")
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        outputs["xlsx"] = b"".join(book.read(name) for name in book.namelist())
    return outputs


def test_the_contact_email_reaches_no_public_output(plot):
    from search.documents import documents_for

    Zone.objects.update(contact_email=OWNER)
    outputs = every_public_output(Client())
    assert outputs["/api/v1/records/plot/test-a01/"].startswith(b"{")
    assert len(outputs["xlsx"]) > 1000
    leaking = [name for name, body in outputs.items() if b"owner@example" in body]
    assert leaking == []
    documents, _missing = documents_for("plot", [plot.pk])
    assert documents and OWNER not in str(documents)


def test_an_unreachable_mail_server_is_a_message_not_an_error(curator, plot, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = curator.post(QUEUE, {"send_one": f"plot:{plot.pk}"}, follow=True)
    assert response.status_code == 200
    assert "the mail server did not accept it" in response.content.decode()
    assert not FreshnessCheck.objects.exists()  # so it may be sent again at once
