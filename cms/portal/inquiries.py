"""Investor inquiries from plot, zone and enterprise pages: stored for curators, e-mailed to
the agency. CSRF-protected, rate-limited per address, with a honeypot for bots."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Inquiry
from . import ratelimit
from .links import language, record_url
from .records import load, localized_name, serve_record

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


def receive_inquiry(page, request, kind, ref):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if kind not in INQUIRY_KINDS:
        from django.http import Http404

        raise Http404
    record = load(kind, ref)
    back = record_url(kind, ref) + "#inquiry"
    form = InquiryForm(request.POST)
    if form.is_valid() and form.cleaned_data["website"]:
        messages.success(request, gettext("Thank you. The agency will answer you by e-mail."))
        return HttpResponseRedirect(back)  # a bot: answer as if sent, keep nothing
    if not form.is_valid():
        return serve_record(page, request, kind, ref, inquiry_form=form, status=400)
    # Only inquiries that are sent count; the slot is claimed before saving, so parallel posts
    # cannot all pass one check.
    if ratelimit.rate_limited(request, "inquiry", settings.INQUIRY_RATE_LIMIT):
        form.add_error(
            None, gettext("Too many messages from your address; please try again in an hour.")
        )
        return serve_record(page, request, kind, ref, inquiry_form=form, status=429)
    inquiry = form.save(commit=False)
    inquiry.kind, inquiry.ref = kind, ref
    inquiry.record_name = record.name
    inquiry.language = language()
    inquiry.save()
    send_mail(
        subject=f"[DNHub] {gettext('New inquiry')}: {localized_name(record)}",
        message="\n".join(
            [
                f"{record.name} ({kind}:{ref})",
                f"{inquiry.name} — {inquiry.company} — {inquiry.country} — {inquiry.email}",
                "",
                inquiry.message,
                "",
                f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/cms/inquiry/edit/{inquiry.pk}/",
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.INQUIRY_EMAIL],
        fail_silently=True,  # the inquiry is stored; the curator sees it in the admin anyway
    )
    messages.success(request, gettext("Thank you. The agency will answer you by e-mail."))
    return HttpResponseRedirect(back)
