"""The inquiry pipeline in the admin: status history from the edit view, the pipeline report's
figures and its XLSX, the dashboard's day's-work panels, and the officers' sector scope."""

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from cms.models import Claim, Inquiry, InquiryEvent, OfficerSectors
from cms.moderation import CURATORS, WORKFLOW
from cms.pipeline.report import pipeline
from cms.pipeline.sectors import OFFICERS
from registry.models import Enterprise, Technology

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/inquiry-pipeline/"
JANUARY = {"start": "2026-01-01", "end": "2026-01-31"}


def at(day: int, hour: int = 9, month: int = 1) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, month, day, hour))


def staff(username, group=None, **names):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.invalid", "pw", is_staff=True, **names
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def officer(username, *codes):
    user = staff(username, OFFICERS)
    OfficerSectors.objects.create(user=user).sectors.set(Technology.objects.filter(code__in=codes))
    return user


def signed_in(user, language="en") -> Client:
    """The admin speaks Vietnamese unless the user chose English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def inquiry(kind, ref, received, country="", status="new", owner=None, moves=()):
    """An inquiry received at `received`, then moved through `moves`: (status, when) pairs."""
    made = Inquiry.objects.create(
        kind=kind, ref=ref, record_name=ref, name="Investor", country=country, status=status,
        email="investor@example.invalid", message="Hello", consent=True, language="en", owner=owner,
    )  # fmt: skip
    Inquiry.objects.filter(pk=made.pk).update(created_at=received)
    previous = "new"
    for to_status, when in moves:
        InquiryEvent.objects.create(
            inquiry=made, from_status=previous, to_status=to_status, at=when
        )
        previous = to_status
    made.refresh_from_db()
    return made


@pytest.fixture
def curator(db):
    return staff("curator", CURATORS)


@pytest.fixture
def january(registry_data):
    """Five inquiries received in January 2026 and one in February, with known histories."""
    lan = staff("lan", CURATORS, first_name="Lan", last_name="Nguyen")
    return {
        "lan": lan,
        # 24 hours to first contact, a site visit, won.
        "a": inquiry("plot", "test-a01", at(5), "KR", "won", lan,
                     [("contacted", at(6)), ("site_visit", at(10)), ("won", at(20))]),
        # 12 hours, a site visit, then lost.
        "b": inquiry("enterprise", "test-chip", at(10), "JP", "lost", lan,
                     [("contacted", at(10, 21)), ("site_visit", at(12)), ("lost", at(14))]),
        # 72 hours; the zone is tagged semiconductor and AI.
        "c": inquiry("zone", "test-park", at(15), "KR", "contacted", None,
                     [("contacted", at(18))]),
        "d": inquiry("plot", "test-a01", at(20)),
        # At a site visit before the history existed: no first contact is made up for it.
        "f": inquiry("enterprise", "test-chip", at(25), "SG", "site_visit"),
        "february": inquiry("plot", "test-a01", at(2, month=2), "KR"),
    }  # fmt: skip


def test_the_report_counts_the_period_by_status_country_sector_zone_and_officer(january):
    report = pipeline(january["lan"], dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert report.total.received == 5 and report.total.contacted == 3
    assert report.total.median_first_contact == dt.timedelta(hours=24)
    assert report.total.site_visit_rate == pytest.approx(0.6)
    assert report.total.won_rate == pytest.approx(0.2)
    assert report.by_status == [
        ("New", 1), ("Contacted", 1), ("Site visit", 1), ("Won", 1), ("Lost", 1)
    ]  # fmt: skip
    assert report.by_country == [("Korea", 2), ("Japan", 1), ("Singapore", 1), ("Not given", 1)]
    assert report.by_sector == [
        ("Semiconductor", 3),
        ("Data centre", 2),
        ("Artificial intelligence", 1),
    ]
    assert report.by_zone == [("Test Park", 5)]
    (lan, lan_group), (unassigned, others) = report.by_officer
    assert (lan, unassigned) == ("Lan Nguyen", "Unassigned")
    assert (lan_group.received, lan_group.contacted, lan_group.site_visits, lan_group.won) == (
        2, 2, 2, 1,
    )  # fmt: skip
    assert lan_group.median_first_contact == dt.timedelta(hours=18)
    assert (others.received, others.contacted, others.site_visits, others.won) == (3, 1, 1, 0)


def test_the_report_page_formats_figures_for_people_in_the_admin_language(january, curator):
    client = signed_in(curator)
    page = client.get(REPORT, JANUARY).content.decode().replace("\xa0", " ")
    assert "1 day" in page and "60.0%" in page and "20.0%" in page and "Lan Nguyen" in page
    assert "Inquiry pipeline" in page and "Korea" in page and "Test Park" in page
    page = signed_in(curator, "vi").get(REPORT, JANUARY).content.decode().replace("\xa0", " ")
    assert "1 ngày" in page and "60,0%" in page and "Hàn Quốc" in page and "Bán dẫn" in page


def test_the_report_defaults_to_the_last_ninety_days(january, curator):
    recent = inquiry("plot", "test-a01", timezone.now() - dt.timedelta(days=3), "JP")
    page = signed_in(curator).get(REPORT).content.decode().replace("\xa0", " ")
    today = timezone.localdate()
    assert f'value="{today - dt.timedelta(days=90):%Y-%m-%d}"' in page
    assert f'value="{today:%Y-%m-%d}"' in page
    assert recent.record_name in page or "Japan" in page


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2026-02-30"}, "Enter a valid date."),
        ({"start": "yesterday"}, "Enter a valid date."),
        ({"start": "2026-03-01", "end": "2026-01-01"}, "The end comes before the start."),
        ({"end": "9999-12-31"}, "Choose a date between"),
        ({"start": "0001-01-01", "export": "xlsx"}, "Choose a date between"),
    ],
)
def test_bad_dates_are_form_errors(curator, query, message):
    response = signed_in(curator).get(REPORT, query)
    assert response.status_code == 400
    assert message in response.content.decode().replace("\xa0", " ")


def test_the_xlsx_holds_numbers_dates_and_quoted_names(january, curator):
    january["lan"].first_name = "=HYPERLINK(1)"
    january["lan"].save()
    response = signed_in(curator).get(REPORT, {**JANUARY, "export": "xlsx"})
    assert response.status_code == 200
    assert "inquiry-pipeline-2026-01-01-2026-01-31.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["From"] == dt.datetime(2026, 1, 1) and summary["To"] == dt.datetime(2026, 1, 31)
    assert summary["Inquiries received"] == 5 and summary["Contacted"] == 3
    assert summary["Median time to first contact (days)"] == 1
    assert summary["Reached a site visit"] == pytest.approx(0.6)
    assert book["Summary"]["B7"].number_format == "0.0%"
    by_country = list(book["By country"].iter_rows(values_only=True))
    assert by_country[0] == ("Country", "Inquiries") and by_country[1] == ("Korea", 2)
    officers = list(book["By officer"].iter_rows(min_row=2, values_only=True))
    assert officers[0] == ("'=HYPERLINK(1) Nguyen", 2, 2, 0.75, 2, 1)


def test_a_status_change_in_the_admin_is_recorded_once(registry_data, curator):
    made = inquiry("plot", "test-a01", timezone.now())
    url = reverse("wagtailsnippets_cms_inquiry:edit", args=[made.pk])
    client = signed_in(curator)
    for status in ("contacted", "contacted", "site_visit"):
        response = client.post(url, {"status": status, "owner": curator.pk, "notes": "Called."})
        assert response.status_code == 302
    moves = list(made.events.values_list("from_status", "to_status", "user"))
    assert moves == [("new", "contacted", curator.pk), ("contacted", "site_visit", curator.pk)]


def test_the_dashboard_lists_new_inquiries_oldest_first_with_their_age(registry_data, curator):
    inquiry("plot", "test-a01", timezone.now() - dt.timedelta(days=1, hours=2))
    old = inquiry("enterprise", "test-chip", timezone.now() - dt.timedelta(days=3, hours=1))
    inquiry("zone", "test-park", timezone.now(), status="contacted")
    page = signed_in(curator).get("/admin/").content.decode().replace("\xa0", " ")
    panel = page.split('id="new-inquiries', 1)[1].split("</section>", 1)[0]
    assert "New inquiries (2)" in page
    assert panel.index("test-chip") < panel.index("test-a01") and "test-park" not in panel
    assert "3 days" in panel and "1 day" in panel
    assert reverse("wagtailsnippets_cms_inquiry:edit", args=[old.pk]) in panel


def test_the_dashboard_lists_profiles_and_claims_waiting_for_review(registry_data, curator):
    founder = get_user_model().objects.create_user("f@example.invalid", "f@example.invalid", "pw")
    draft = Enterprise.objects.create(
        ref="startup-new", name="Khởi nghiệp Mới", ownership="domestic", live=False
    )
    draft.save_revision(user=founder)
    Workflow.objects.get(name=WORKFLOW).start(draft, founder)
    chip = Enterprise.objects.get(ref="test-chip")
    claim = Claim.objects.create(user=founder, enterprise=chip, message="CEO")
    Claim.objects.filter(pk=claim.pk).update(created_at=timezone.now() - dt.timedelta(days=4))
    client = signed_in(curator)
    page = client.get("/admin/").content.decode().replace("\xa0", " ")
    panel = page.split('id="waiting-for-review', 1)[1].split("</section>", 1)[0]
    assert "Waiting for review (2)" in page and "4 days" in panel
    assert panel.index("Dong Nai Microchip") < panel.index("Khởi nghiệp Mới")
    assert reverse("wagtailsnippets_cms_claim:edit", args=[claim.pk]) in panel
    assert reverse("wagtailsnippets_registry_enterprise:edit", args=[draft.pk]) in panel
    assert "4 ngày" in signed_in(curator, "vi").get("/admin/").content.decode().replace("\xa0", " ")


def test_an_officer_works_only_the_inquiries_of_their_sectors(january):
    # Data centres: the plot's inquiries. Chip design: the firm's, not the zone tagged with its
    # parent (semiconductor). Semiconductor: the firm's and the zone's (a parent covers children).
    cases = {
        officer("dc", "data_centre"): {"a", "d", "february"},
        officer("chips", "semiconductor.chip_design"): {"b", "f"},
        officer("semi", "semiconductor"): {"b", "c", "f"},
        officer("none"): set(),
    }
    for user, visible in cases.items():
        client = signed_in(user)
        listing = (
            client.get(reverse("wagtailsnippets_cms_inquiry:list"))
            .content.decode()
            .replace("\xa0", " ")
        )
        for key in ("a", "b", "c", "d", "f", "february"):
            edit = reverse("wagtailsnippets_cms_inquiry:edit", args=[january[key].pk])
            history = reverse("wagtailsnippets_cms_inquiry:history", args=[january[key].pk])
            expected = 200 if key in visible else 404
            # An admin 404 is redirected to the language-prefixed path first (LocaleMiddleware).
            assert client.get(edit, follow=True).status_code == expected, (user, key)
            assert client.get(history, follow=True).status_code == expected, (user, key)
            assert (edit in listing) == (key in visible), (user, key)
        report = pipeline(user, dt.date(2026, 1, 1), dt.date(2026, 2, 28))
        assert report.total.received == len(visible)
        dashboard = client.get("/admin/").content.decode().replace("\xa0", " ")
        assert f"New inquiries ({len(visible & {'d', 'february'})})" in dashboard


def test_an_officer_cannot_edit_registry_records(january):
    client = signed_in(officer("dc", "data_centre"))
    plot = january["a"]  # any record: the plot
    from registry.models import Plot

    pk = Plot.objects.get(ref=plot.ref).pk
    assert client.get(reverse("wagtailsnippets_registry_plot:list")).status_code == 200
    response = client.post(reverse("wagtailsnippets_registry_plot:edit", args=[pk]), {})
    assert response.status_code in (302, 403)
    assert Plot.objects.get(pk=pk).name == "Lô A01"
