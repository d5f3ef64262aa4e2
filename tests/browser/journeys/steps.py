"""Steps every journey shares: the page's language and size, the header's navigation (behind a
menu button on phones), and the check made at every page a journey reaches: axe-core, layout
shift, width on the phone and a screenshot."""

import re
from dataclasses import dataclass, field

from django.utils import translation
from playwright.sync_api import expect

from ..conftest import SIZES, axe_violations, screenshot

MAX_LAYOUT_SHIFT = 0.1

# The elements reaching past the right edge whose children do not: where an overflow starts.
WIDEST = """
() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1
    && ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 1))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
    + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
"""


def t(lang: str, message: str, **values) -> str:
    """The portal's own translation of a message, as the user reads it in `lang`."""
    with translation.override(lang):
        text = translation.gettext(message)
    return text % values if values else text


def number(lang: str, value: float, decimals: int = 0) -> str:
    """A number as the page writes it for people: 20.000 and 130,2 in Vietnamese."""
    from django.utils import formats

    with translation.override(lang):
        return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def open_nav(page) -> None:
    """On a phone the header's links may sit behind a menu button (a button, or the summary of
    a disclosure): open it when one shows; otherwise do nothing."""
    name = re.compile(r"^\s*(Menu|Trình đơn)\s*$")
    button = page.get_by_role("button", name=name).or_(page.locator("summary", has_text=name))
    if not (button.count() and button.first.is_visible()):
        return
    opened = button.first.evaluate(
        "b => b.tagName === 'SUMMARY' ? b.parentElement.open"
        " : b.getAttribute('aria-expanded') === 'true'"
    )
    if not opened:
        button.first.click()


def nav_link(page, lang: str, name: str):
    """A link of the header's main navigation, opened first if need be."""
    open_nav(page)
    return page.get_by_role("navigation", name=t(lang, "Main")).get_by_role("link", name=name)


@dataclass
class Journey:
    """One journey in one language at one size; `check` at each page it reaches."""

    name: str
    lang: str
    size: str
    page: object
    steps: list = field(default_factory=list)

    @property
    def phone(self) -> bool:
        return self.size == "phone"

    def t(self, message: str, **values) -> str:
        return t(self.lang, message, **values)

    def number(self, value: float, decimals: int = 0) -> str:
        return number(self.lang, value, decimals)

    def check(self, step: str, *, axe: bool = True) -> None:
        """The page as it settles: in the page's language, no serious or critical axe-core
        violation, no layout shift of 0.1 or more, nothing wider than a phone; then a screenshot
        journey-<journey>-<lang>-<size>-<NN-step>.png."""
        page = self.page
        page.wait_for_load_state("networkidle")
        expect(page.locator("html")).to_have_attribute("lang", self.lang)
        self.steps.append(step)
        label = f"{self.name}-{self.lang}-{self.size}-{len(self.steps):02d}-{step}"
        screenshot(page, f"journey-{label}")
        problems = []
        if axe:
            violations = axe_violations(page)
            if violations:
                problems.append(f"axe: {violations}")
        shift = page.evaluate("window.__cls ?? 0")
        if shift >= MAX_LAYOUT_SHIFT:
            problems.append(f"layout shift {shift:.3f}")
        if self.phone:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > SIZES["phone"]["width"]:
                widest = page.evaluate(WIDEST)
                problems.append(
                    f"{width} px wide on a {SIZES['phone']['width']} px phone: {widest}"
                )
        assert not problems, f"{label} ({page.url}): {'; '.join(problems)}"


def sign_in_to_admin(browser, portal: str, username: str, password: str, locale="en-GB"):
    """A page signed in to the Wagtail admin, in a context of its own."""
    page = browser.new_context(locale=locale).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{portal}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page
