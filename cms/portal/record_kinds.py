"""What the pages of a challenge and of an expert show of their own (interchange v1.1): public
fields only. An expert's account and consent, a challenge's officer and its responses are never
shown; neither page carries the investment inquiry form."""

from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import get_language_info

from registry.language import language

from .links import technology_name
from .records import localized_name

# Templates each kind's page includes; the "challenges" and "ask" parts extend them.
KIND_TEMPLATES = {
    "challenge": "cms/portal/record_challenge.html",
    "expert": "cms/portal/record_expert.html",
}


def vnd(amount: float, lang: str | None = None) -> str:
    """An amount in đồng as each language writes it: "2.500.000.000 ₫", "VND 2,500,000,000"."""
    lang = lang or language()
    digits = formats.number_format(round(amount), decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"{digits} ₫" if lang == "vi" else f"VND {digits}"


def language_name(code: str) -> str:
    """A language's name in the reader's language ("tiếng Nhật" / "Japanese"), else its code."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def ask_url(expert_ref: str) -> str:
    """The "ask an expert" page with this expert chosen."""
    return f"{reverse('ask-question')}?{urlencode({'expert': expert_ref})}"


def technology_names(record) -> list[str]:
    return sorted(technology_name(t) for t in record.technologies.all())


def organisation(record) -> dict | None:
    """A linked organisation (poster, affiliation) when it is public: its name and page."""
    if record is None or not record.live:
        return None
    return {"name": localized_name(record), "url": record.get_absolute_url()}


def expert_facts(expert) -> dict:
    return {
        "title": expert.get_expert_title_display() if expert.expert_title else "",
        "affiliation": organisation(expert.affiliation),
        "expertise": technology_names(expert),
        "languages": [language_name(code) for code in expert.languages or []],
        "accepts_questions": expert.accepts_questions,
        "ask_url": ask_url(expert.ref) if expert.reachable else "",
    }


def challenge_facts(challenge) -> dict:
    wanted = dict(challenge.Wanted.choices)
    return {
        "challenge_kind": challenge.get_challenge_kind_display(),
        "status": challenge.get_status_display(),
        "posted_on": formats.date_format(challenge.posted_on),
        "deadline": formats.date_format(challenge.deadline) if challenge.deadline else "",
        "budget": vnd(challenge.budget_vnd) if challenge.budget_vnd is not None else "",
        "technologies": technology_names(challenge),
        "wanted": [str(wanted.get(value, value)) for value in challenge.wanted or []],
        # No poster: the provincial agency posted it on the province's behalf.
        "poster": organisation(challenge.poster),
        "posted_by_province": challenge.poster is None,
    }


def kind_context(record) -> dict:
    """The template and facts of a kind that has its own part of the record page."""
    facts = {"challenge": challenge_facts, "expert": expert_facts}.get(record.kind)
    if facts is None:
        return {}
    return {"kind_template": KIND_TEMPLATES[record.kind], "kind_facts": facts(record)}
