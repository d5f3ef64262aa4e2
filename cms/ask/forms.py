"""The visitor's question and the expert's answer. Text only: no links, no HTML, no control
characters, so nothing a spammer posts is worth posting and nothing can be rendered as markup."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import Technology
from registry.models.questions import ANSWER_MAX_CHARS, QUESTION_MAX_CHARS, ExpertQuestion

QUESTION_MIN_CHARS = 15
LINK = re.compile(r"https?:|ftp:|www\.|\b[a-z0-9-]+\.(?:com|net|org|vn|io|ru|cn|xyz)\b", re.I)
TAG = re.compile(r"<\s*/?\s*[a-z!?]|&#?\w+;", re.I)
# Tabs and line breaks are text; every other C0/C1 control character is not.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
DETECT = ""  # the topic choice "detect from my question"


def clean_text(value: str, *, links_allowed: bool = False) -> str:
    if CONTROL.search(value):
        raise forms.ValidationError(
            _("Please remove the invisible control characters from the text."), code="control"
        )
    if TAG.search(value):
        raise forms.ValidationError(
            _("Please write plain text, without HTML tags such as <b>."), code="html"
        )
    if not links_allowed and LINK.search(value):
        raise forms.ValidationError(
            _("Please leave out links and web addresses; describe what you need in words."),
            code="link",
        )
    return value.strip()


def topic_choices():
    return [("", _("Detect from my question"))] + [
        (code, f"{name} / {name_en}")
        for code, name, name_en in Technology.objects.order_by("code").values_list(
            "code", "name", "name_en"
        )
    ]


class AskForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        max_length=254,  # the column's length (a longer address is a field error, not a 500)
        label=_("Your e-mail"),
        help_text=_("Only for the answer: never shown on any page, nor given to the expert."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    question = forms.CharField(
        label=_("Your question"),
        min_length=QUESTION_MIN_CHARS,
        max_length=QUESTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": QUESTION_MAX_CHARS}),
        help_text=_("Plain text, without links. Do not include personal details."),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the answer"), choices=ExpertQuestion.Language.choices
    )
    expert = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # Hidden from people (CSS and aria-hidden); bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = topic_choices()

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])

    def clean_question(self):
        return clean_text(self.cleaned_data["question"])


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": ANSWER_MAX_CHARS}),
        help_text=_("Plain text. A curator reads it before it is published with your name."),
    )
    decline_reason = forms.CharField(
        label=_("Why you cannot answer (optional)"), max_length=500, required=False
    )

    def __init__(self, *args, declining=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.declining = declining

    def clean_answer(self):
        answer = clean_text(self.cleaned_data["answer"], links_allowed=True)
        if not self.declining and len(answer) < QUESTION_MIN_CHARS:
            raise forms.ValidationError(_("Please write an answer of a few sentences."))
        return answer

    def clean_decline_reason(self):
        return clean_text(self.cleaned_data["decline_reason"])
