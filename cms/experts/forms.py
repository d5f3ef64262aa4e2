"""The expert's forms: the profile with its consent, the withdrawal, a claim. Forms check what
was sent; the rules that decide what happens live in services."""

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from registry.language import localized
from registry.models import Enterprise, Expert, Incubator, RDOrganisation, Technology
from registry.models.links import KIND_LABELS

from ..founders.forms import TechnologyGroupsMixin
from ..portal.links import technology_name

LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("en", _("English")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("zh", _("Chinese")),
    ("fr", _("French")),
    ("de", _("German")),
]
AFFILIATION_MODELS = {"enterprise": Enterprise, "rd_organisation": RDOrganisation,
                      "incubator": Incubator}  # fmt: skip
BIO_MAX_CHARS = 3000
# Markup or an address in a name or title: names are shown as text, but a profile is no place to
# advertise a link, and "<b>" in a name is a mistake or an attempt.
MARKUP_OR_LINK = re.compile(r"[<>]|https?:|www\.|\w\.(com|vn|net|org)\b", re.IGNORECASE)

CONSENT_TEXT = _(
    "I consent to the Đồng Nai investment agency publishing my expert profile on this portal "
    "(Decree 13/2023/NĐ-CP on personal data protection): my name, title, affiliation, fields of "
    "expertise, languages and short biography. My e-mail address and phone number are never "
    "published; visitors' questions reach me through the platform. I can withdraw this consent "
    "at any time with one button on my account page: the profile is then unpublished at once, "
    "and I may also have my personal data deleted."
)


def no_markup_or_links(value: str) -> str:
    if MARKUP_OR_LINK.search(value or ""):
        raise forms.ValidationError(
            _("Write plain text here, without HTML or web addresses."), code="markup"
        )
    return value


def affiliation_choices() -> list:
    """Published organisations, grouped by kind, as `kind:ref` (a plain select works on any
    phone and without JavaScript)."""
    groups = [("", _("None"))]
    for kind, model in AFFILIATION_MODELS.items():
        records = model.objects.published().only("ref", "name", "name_en").order_by("name")
        options = [(f"{kind}:{record.ref}", localized(record, "name")) for record in records]
        if options:
            groups.append((str(KIND_LABELS[kind]).capitalize(), options))
    return groups


class ExpertProfileForm(TechnologyGroupsMixin, forms.ModelForm):
    technologies_help = _("Tick your fields of expertise. Ticking a group means the whole field.")
    affiliation = forms.ChoiceField(label=_("Affiliation"), required=False)
    technologies = forms.ModelMultipleChoiceField(
        label=_("Fields of expertise"),
        queryset=Technology.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can answer in"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(
        label=_("website"), required=False, max_length=500, assume_scheme="https"
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=False)

    class Meta:
        model = Expert
        fields = ["name", "name_en", "expert_title", "description", "description_en",
                  "accepts_questions", "website"]  # fmt: skip
        labels = {
            "name": _("Full name (Vietnamese or original)"),
            "name_en": _("Full name (English)"),
            "expert_title": _("Academic or professional title"),
            "description": _("Short biography (Vietnamese)"),
            "description_en": _("Short biography (English)"),
            "accepts_questions": _("Accept questions from the public"),
        }
        help_texts = {
            "name": "",
            "accepts_questions": _(
                "Visitors' questions in your fields are sent to you by e-mail, with a link to "
                "answer; your address stays private."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5, "maxlength": BIO_MAX_CHARS}),
            "description_en": forms.Textarea(attrs={"rows": 5, "maxlength": BIO_MAX_CHARS}),
        }

    field_order = ["name", "name_en", "expert_title", "affiliation", "technologies",
                   "languages", "description", "description_en", "accepts_questions", "website",
                   "consent"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affiliation"].choices = affiliation_choices()
        self.fields["technologies"].label_from_instance = technology_name
        for name in ("description", "description_en"):
            self.fields[name].validators.append(MaxLengthValidator(BIO_MAX_CHARS))
        expert = self.instance
        self.consented = expert.consent_on is not None
        if self.consented:
            del self.fields["consent"]  # given once, with its date; withdrawn on the account page
        else:
            self.fields["consent"].required = True
            self.fields["consent"].error_messages["required"] = _(
                "Tick the consent: without it the profile cannot be published."
            )
        if expert.pk:
            self.initial["technologies"] = list(expert.technologies.all())
            self.initial["languages"] = list(expert.languages or [])
            linked = expert.affiliation
            if linked is not None:
                self.initial["affiliation"] = f"{linked.kind}:{linked.ref}"

    def clean_name(self):
        return no_markup_or_links(self.cleaned_data["name"])

    def clean_name_en(self):
        return no_markup_or_links(self.cleaned_data["name_en"])

    def clean_affiliation(self):
        value = self.cleaned_data["affiliation"]
        if not value:
            return None
        kind, _sep, ref = value.partition(":")
        record = AFFILIATION_MODELS[kind].objects.published().filter(ref=ref).first()
        if record is None:  # unpublished since the page was shown
            raise forms.ValidationError(_("Choose a published organisation from the list."))
        return record

    def save(self, commit=False):
        expert = super().save(commit=False)
        expert.affiliation = self.cleaned_data["affiliation"]
        expert.languages = list(self.cleaned_data["languages"])
        return expert


class WithdrawForm(forms.Form):
    erase = forms.BooleanField(
        label=_("Also delete my personal data (the profile and its history)"), required=False
    )


class ExpertClaimForm(forms.Form):
    message = forms.CharField(
        label=_("How can a curator check that this profile is yours? (your position, a phone "
                "number at your institution, a page that lists you)"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        max_length=2000,
    )  # fmt: skip
