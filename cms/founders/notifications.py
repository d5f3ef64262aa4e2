"""The e-mails founders receive: the confirmation of their address, the note to an address that
already has an account, and the curator's decision on a profile.

Founders hear of the curator's decision in Vietnamese and English (and see it on their
dashboard), instead of Wagtail's notice, which points at an admin they cannot open. Wagtail's
notices still go out for everything else."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.admin.signal_handlers import (
    workflow_approval_email_notifier,
    workflow_rejection_email_notifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import workflow_approved, workflow_cancelled, workflow_rejected

from registry.addresses import absolute_url
from registry.models import Enterprise, Expert

from .tokens import confirmation_tokens

# Wagtail registers its notifiers under these ids; registering ours first takes their place.
APPROVED_UID = "workflow_state_approved_email_notification"
REJECTED_UID = "workflow_state_rejected_email_notification"
DECLINED_UID = "dnhub-profile-declined"


def send_confirmation(request, user) -> None:
    """A link, in the page's language, that confirms the address (valid for 3 days, once)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = confirmation_tokens.make_token(user)
    link = absolute_url(reverse("founder-verify", args=[uid, token]))
    send_mail(
        _("Confirm your e-mail for Đồng Nai Digital Hub"),
        _("Open this link within 3 days to confirm your e-mail:\n%(link)s") % {"link": link},
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def send_already_registered(request, user) -> None:
    """What a sign-up with an address that has an account sends: the page the visitor sees is
    the same as for a new address, only the owner of the inbox learns the account exists."""
    send_mail(
        _("Your account at Đồng Nai Digital Hub"),
        _(
            "Someone (perhaps you) tried to register with this address, but you already have an "
            "account.\nSign in: %(login)s\nForgot your password? Choose a new one: %(reset)s\n"
            "If it was not you, you can ignore this e-mail."
        )
        % {
            "login": absolute_url(reverse("login")),
            "reset": absolute_url(reverse("password_reset")),
        },
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def _both_languages(make) -> tuple[str, str]:
    """(subject, body) in Vietnamese, then English."""
    parts = []
    for lang in ("vi", "en"):
        with translation.override(lang):
            parts.append(make())
    return f"{parts[0][0]} / {parts[1][0]}", f"{parts[0][1]}\n\n---\n\n{parts[1][1]}"


def _founders(state) -> list[str]:
    """Who hears the curator's decision: a startup's founders, or the expert themself."""
    record = state.content_object
    if isinstance(record, Expert):
        return [record.account.email] if record.account_id else []
    if not isinstance(record, Enterprise):
        return []
    return list(record.founders.values_list("user__email", flat=True))


def _send_to_founders(emails, subject_and_body) -> None:
    subject, body = _both_languages(subject_and_body)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)


def profile_approved(sender, instance, user=None, **kwargs):
    emails = _founders(instance)
    if not emails:
        return workflow_approval_email_notifier(
            sender=sender, instance=instance, user=user, **kwargs
        )
    _send_to_founders(
        emails,
        lambda: (
            _("Your profile is published"),
            _("A curator approved “%(name)s”; it is now public.")
            % {"name": instance.content_object}
            # The public page, in the language of this half of the e-mail.
            + f"\n{absolute_url(instance.content_object.get_absolute_url())}",
        ),
    )
    return None


def changes_requested(sender, instance, user=None, **kwargs):
    emails = _founders(instance)
    if not emails:
        return workflow_rejection_email_notifier(
            sender=sender, instance=instance, user=user, **kwargs
        )
    task_state = instance.task_states.order_by("-finished_at").first()
    comment = task_state.get_comment() if task_state else ""
    _send_to_founders(
        emails,
        lambda: (
            _("Changes requested on your profile"),
            _("A curator asks for changes to “%(name)s”:\n\n%(comment)s")
            % {"name": instance.content_object, "comment": comment},
        ),
    )
    return None


def profile_declined(sender, instance, **kwargs):
    """A workflow cancelled after its task was rejected is a curator's "Reject" (see
    ProfileReviewTask); a workflow cancelled otherwise tells the founders nothing."""
    last = instance.task_states.order_by("-finished_at").first()
    emails = _founders(instance)
    if last is None or last.status != TaskState.STATUS_REJECTED or not emails:
        return
    _send_to_founders(
        emails,
        lambda: (
            _("Your profile was not accepted"),
            _("A curator did not accept “%(name)s” for the registry:\n\n%(comment)s")
            % {"name": instance.content_object, "comment": last.comment},
        ),
    )


def connect():
    """Called from CmsConfig.ready, before wagtail.admin registers its own notifiers."""
    workflow_approved.connect(profile_approved, sender=WorkflowState, dispatch_uid=APPROVED_UID)
    workflow_rejected.connect(changes_requested, sender=WorkflowState, dispatch_uid=REJECTED_UID)
    workflow_cancelled.connect(profile_declined, sender=WorkflowState, dispatch_uid=DECLINED_UID)
