"""Investor inquiries from plot, zone and enterprise pages: the form, then stored for curators,
e-mailed to the agency, a receipt to the investor. The form is posted to the record page
(`record_page.receive_inquiry`): CSRF-protected, rate-limited per address, with a honeypot."""

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.labels import describe_plot
from registry.language import language, localized

from .models import Inquiry
from .officers import officer_for
from .records import localized_name

INQUIRY_KINDS = ("plot", "zone", "enterprise")
COUNTRIES = [
    ("", _("— choose —")),
    ("KR", _("Korea")),
    ("JP", _("Japan")),
    ("TW", _("Taiwan")),
    ("SG", _("Singapore")),
    ("US", _("United States")),
    ("CN", _("China")),
    ("HK", _("Hong Kong")),
    ("DE", _("Germany")),
    ("NL", _("Netherlands")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("AU", _("Australia")),
    ("IN", _("India")),
    ("TH", _("Thailand")),
    ("MY", _("Malaysia")),
    ("VN", _("Vietnam")),
    ("ZZ", _("Other")),
]


class InquiryForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES, required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that the investment agency processes these details to answer my inquiry, "
            "under Decree 13/2023/NĐ-CP on personal data protection. They are not published."
        ),
        required=True,
        error_messages={"required": _("Please agree, so that we may answer you.")},
    )
    # Hidden from people (CSS and aria-hidden); bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Inquiry
        fields = ["name", "company", "country", "email", "message", "consent"]
        labels = {
            "name": _("Your name"),
            "company": _("Company"),
            "email": _("E-mail"),
            "message": _("Message"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
        }


SENT_KEY = "inquiry_sent"  # session: the record whose form becomes a thank-you once


def thank_on_next_view(request, kind: str, ref: str) -> None:
    request.session[SENT_KEY] = f"{kind}:{ref}"


def just_sent(request, kind: str, ref: str) -> bool:
    """True once after an inquiry about this record was sent (post/redirect/get)."""
    if request.session.get(SENT_KEY) != f"{kind}:{ref}":
        return False
    del request.session[SENT_KEY]
    return True


def record_label(record) -> str:
    return describe_plot(record) if record.kind == "plot" else localized_name(record)


def receipt_languages() -> tuple[str, str]:
    """The page's language first, so the investor reads their own first; the other after."""
    return ("en", "vi") if language() == "en" else ("vi", "en")


def acknowledgement(record, inquiry, url: str) -> str:
    """The investor's receipt in both languages in one message, the page's first: what was
    received, what happens next and whom to call."""
    halves = []
    officer = officer_for(record)
    for lang in receipt_languages():
        with translation.override(lang):
            contact = []
            if officer is not None:
                role = localized(officer, "role", lang)
                contact.append(f"{officer.name} — {role}")
            email = officer.email if officer is not None else settings.INQUIRY_EMAIL
            phone = (officer.phone if officer is not None else "") or settings.INQUIRY_PHONE
            contact.append(gettext("E-mail: %(email)s") % {"email": email})
            if phone:
                contact.append(gettext("Phone: %(phone)s") % {"phone": phone})
            halves.append(
                "\n".join(
                    [
                        gettext("Dear %(name)s,") % {"name": inquiry.name},
                        "",
                        gettext("Thank you for your inquiry about %(record)s.")
                        % {"record": record_label(record)},
                        url,
                        "",
                        gettext(
                            "What happens next: an investment officer of the agency reads every "
                            "inquiry and answers you by e-mail, usually within a few working "
                            "days. If it helps, they will propose a call or a site visit."
                        ),
                        "",
                        gettext("Your contact at the investment agency:"),
                        *contact,
                        "",
                        gettext("Your message:"),
                        inquiry.message,
                    ]
                )
            )
    return f"\n\n{'-' * 40}\n\n".join(halves)


def send_inquiry(record, form, url: str) -> None:
    """Store a valid inquiry about `record` (whose page is at `url`), tell the agency, and send
    the investor a receipt."""
    inquiry = form.save(commit=False)
    inquiry.kind, inquiry.ref = record.kind, record.ref
    inquiry.record_name = record.name
    inquiry.language = language()
    inquiry.save()
    send_mail(
        subject=f"[DNHub] {gettext('New inquiry')}: {record_label(record)}",
        message="\n".join(
            [
                f"{record_label(record)} ({record.kind}:{record.ref})",
                f"{inquiry.name} — {inquiry.company} — {inquiry.country} — {inquiry.email}",
                "",
                inquiry.message,
                "",
                settings.WAGTAILADMIN_BASE_URL
                + reverse("wagtailsnippets_cms_inquiry:edit", args=[inquiry.pk]),
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.INQUIRY_EMAIL],
        fail_silently=True,  # the inquiry is stored; the curator sees it in the admin anyway
    )
    subjects = []
    for lang in receipt_languages():
        with translation.override(lang):
            subjects.append(gettext("We have received your inquiry"))
    send_mail(
        subject=f"{' / '.join(subjects)} — {record.name}",
        message=acknowledgement(record, inquiry, url),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[inquiry.email],
        fail_silently=True,  # stored and forwarded: a bounced receipt changes nothing
    )
