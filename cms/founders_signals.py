"""Founders hear of the curator's decision by e-mail, in Vietnamese and English (and see it on
their dashboard), instead of Wagtail's notice, which points at an admin they cannot open.
Wagtail's notices still go out for everything else."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from registry.models import Enterprise

# Wagtail registers its notifiers under these ids; registering ours first takes their place.
APPROVED_UID = "workflow_state_approved_email_notification"
REJECTED_UID = "workflow_state_rejected_email_notification"


def _both_languages(make) -> tuple[str, str]:
    """(subject, body) in Vietnamese, then English."""
    parts = []
    for lang in ("vi", "en"):
        with translation.override(lang):
            parts.append(make())
    return f"{parts[0][0]} / {parts[1][0]}", f"{parts[0][1]}\n\n---\n\n{parts[1][1]}"


def _founders(state) -> list[str]:
    enterprise = state.content_object
    if not isinstance(enterprise, Enterprise):
        return []
    return list(enterprise.founders.values_list("user__email", flat=True))


def profile_approved(sender, instance, user=None, **kwargs):
    from wagtail.admin.signal_handlers import workflow_approval_email_notifier

    emails = _founders(instance)
    if not emails:
        return workflow_approval_email_notifier(
            sender=sender, instance=instance, user=user, **kwargs
        )
    subject, body = _both_languages(
        lambda: (
            _("Your profile is published"),
            _("A curator approved “%(name)s”; it is now public.")
            % {"name": instance.content_object},
        )
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)
    return None


def changes_requested(sender, instance, user=None, **kwargs):
    from wagtail.admin.signal_handlers import workflow_rejection_email_notifier

    emails = _founders(instance)
    if not emails:
        return workflow_rejection_email_notifier(
            sender=sender, instance=instance, user=user, **kwargs
        )
    task_state = instance.task_states.order_by("-finished_at").first()
    comment = task_state.get_comment() if task_state else ""
    subject, body = _both_languages(
        lambda: (
            _("Changes requested on your profile"),
            _("A curator asks for changes to “%(name)s”:\n\n%(comment)s")
            % {"name": instance.content_object, "comment": comment},
        )
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)
    return None


def connect():
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved, workflow_rejected

    workflow_approved.connect(profile_approved, sender=WorkflowState, dispatch_uid=APPROVED_UID)
    workflow_rejected.connect(changes_requested, sender=WorkflowState, dispatch_uid=REJECTED_UID)


def profile_rejected(state, comment: str) -> None:
    emails = _founders(state)
    if not emails:
        return
    subject, body = _both_languages(
        lambda: (
            _("Your profile was not accepted"),
            _("A curator did not accept “%(name)s” for the registry:\n\n%(comment)s")
            % {"name": state.content_object, "comment": comment},
        )
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)
