"""Ask an expert, end to end: a visitor asks (and sees at once what is already known), the
expert opens the e-mailed link and answers, a curator approves in the admin (in their own
language), and the Q&A page is public and found by the portal's search."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import on_db

pytestmark = pytest.mark.django_db(transaction=True)

CURATOR, PASSWORD = "curator", "a-long-test-password"
QUESTION = "Làm sao thiết kế vi mạch cho cảm biến nông nghiệp chạy bằng pin suốt nhiều năm?"
ANSWER = "Chọn tiến trình công nghệ rò rỉ thấp, ngủ sâu giữa các lần đo và đánh thức bằng ngắt."


def expert_curator_and_samples(lang: str) -> None:
    import datetime as dt
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from wagtail.users.models import UserProfile

    from cms.moderation import CURATORS
    from registry.models import Expert, Technology

    call_command("load_sample_questions", stdout=StringIO())
    expert = Expert.objects.create(
        ref="expert-journey", name="TS. Phạm Văn Long", name_en="Dr Pham Van Long", live=True,
        consent_on=dt.date(2026, 1, 1), accepts_questions=True,
        contact_email="long@example.invalid", languages=["vi", "en"],
    )  # fmt: skip
    expert.technologies.set(Technology.objects.filter(code="semiconductor.chip_design"))
    expert.save()
    curator = get_user_model().objects.create_user(
        CURATOR, "curator@example.invalid", PASSWORD, is_staff=True
    )
    curator.groups.add(Group.objects.get(name=CURATORS))
    profile = UserProfile.get_for_user(curator)
    profile.preferred_language = lang
    profile.save()


def the_answer_link() -> tuple[str, str]:
    from cms.ask.routing import answer_token
    from registry.models.questions import QuestionRoute

    route = QuestionRoute.objects.select_related("question", "expert").get(
        expert__ref="expert-journey"
    )
    return route.question.ref, answer_token(route)


def test_ask_journey(portal, visit):
    journey = visit("ask")
    page, t, lang = journey.page, journey.t, journey.lang
    on_db(lambda: expert_curator_and_samples(lang))

    # The visitor asks.
    page.goto(f"{portal}/{lang}/ask/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Ask an expert"))
    journey.check("ask")
    page.get_by_label(t("Your name")).fill("Nguyễn Văn An")
    page.get_by_label(t("Your e-mail")).fill("an@example.invalid")
    page.locator("#id_question").fill(QUESTION)
    page.get_by_role("button", name=t("Send the question")).click()
    known = page.locator(".already-known")
    expect(known).to_be_visible()
    # What is already known: the sample answer on chip design, and the expert.
    expect(known.get_by_role("link", name=re.compile("vi mạch tiết kiệm"))).to_be_visible()
    journey.check("asked")
    assert "an@example.invalid" not in page.content()

    # The expert opens the e-mailed link and answers.
    ref, token = on_db(the_answer_link)
    page.goto(f"{portal}/{lang}/ask/answer/{token}/")
    expect(page.locator(".asked-question")).to_contain_text("cảm biến nông nghiệp")
    journey.check("answer-form")
    page.get_by_label(t("Your answer")).fill(ANSWER)
    page.get_by_role("button", name=t("Send the answer")).click()
    expect(page.get_by_role("status")).to_be_visible()
    journey.check("answered")

    # A curator approves it in the admin, in their language.
    page.goto(f"{portal}/admin/login/")
    page.locator("#id_username").fill(CURATOR)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    waiting = page.locator("#answers-to-review-content, [id^=answers-to-review]").get_by_role(
        "link", name=re.compile("cảm biến nông nghiệp")
    )
    expect(waiting.first).to_be_visible()
    journey.check("dashboard")
    waiting.first.click()
    journey.check("review")
    page.get_by_role("button", name=t("Approve and publish")).click()
    expect(page.locator(".messages")).to_contain_text(t("Approved: the Q&A page is published."))
    journey.check("approved")

    # Public, and found by the portal's search.
    page.goto(f"{portal}/{lang}/ask/{ref}/")
    expect(page.locator(".qa-answer")).to_contain_text("ngủ sâu")
    expect(page.get_by_role("link", name="TS. Phạm Văn Long")).to_be_visible()
    journey.check("qa-page")
    page.goto(f"{portal}/{lang}/search/?q=cam+bien+nong+nghiep")
    expect(page.locator(f"a[href='/{lang}/ask/{ref}/']").first).to_be_visible()
    journey.check("found")
