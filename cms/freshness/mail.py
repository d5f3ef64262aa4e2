"""The "is this still correct?" e-mail: to the record's founders (cms Ownership) or, when no
founder owns it, to its private contact_email; in Vietnamese then English, in one message, with a
signed link to the page where the owner answers (cms.freshness.views)."""

import datetime
import logging
import smtplib
from enum import Enum

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from registry.addresses import absolute_url
from registry.language import localized

from .models import FreshnessCheck

logger = logging.getLogger("dnhub.freshness")
SALT = "cms.freshness.check"
RESEND_AFTER = datetime.timedelta(days=1)


class Sent(Enum):
    SENT = "sent"
    TOO_SOON = "too soon"  # one e-mail a day per record at most
    NO_ADDRESS = "no address"
    FAILED = "failed"  # the mail server refused or was unreachable: nothing counts as sent


def both_languages(make) -> tuple[str, str]:
    """(subject, body) in Vietnamese, then English, as the founders' notifications write them
    (cms.founders.notifications; not imported: the founders' package depends on cms.models,
    which registers this package's model)."""
    vi, en = [], []
    for lang, part in (("vi", vi), ("en", en)):
        with translation.override(lang):
            part.extend(make())
    return f"{vi[0]} / {en[0]}", f"{vi[1]}\n\n---\n\n{en[1]}"


def recipients(record) -> list[str]:
    founders = []
    if record.kind == "enterprise":
        founders = list(
            record.founders.filter(user__is_active=True).values_list("user__email", flat=True)
        )
    if founders:
        return sorted(set(founders))
    return [record.contact_email] if record.contact_email else []


def owner_known(record) -> bool:
    return bool(recipients(record))


def link_days() -> int:
    return settings.FRESHNESS_LINK_DAYS


def token_for(check: FreshnessCheck) -> str:
    return signing.dumps(check.pk, salt=SALT, compress=False)


def check_for(token: str) -> FreshnessCheck | None:
    """The check a link names; None when the link was never ours or was altered. Raises
    signing.SignatureExpired when it is older than FRESHNESS_LINK_DAYS."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=datetime.timedelta(days=link_days()))
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        return None
    return FreshnessCheck.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def sent_recently(record) -> bool:
    return FreshnessCheck.objects.filter(
        kind=record.kind, record_id=record.pk, sent_at__gte=timezone.now() - RESEND_AFTER
    ).exists()


def send_check(record, user=None) -> Sent:
    """Send the e-mail about `record` unless one went out in the last day or nobody can get it."""
    to = recipients(record)
    if not to:
        return Sent.NO_ADDRESS
    if sent_recently(record):
        return Sent.TOO_SOON
    check = FreshnessCheck.objects.create(
        kind=record.kind,
        record_id=record.pk,
        ref=record.ref,
        record_name=record.name[:200],
        recipients=", ".join(to),
        sent_by=user,
    )
    token = token_for(check)

    def message():
        link = absolute_url(reverse("freshness-check", args=[token]))
        name = localized(record, "name")
        verified = (
            _("It was last verified on %(date)s.")
            % {"date": formats.date_format(record.verified_on)}
            if record.verified_on
            else _("It has not been verified yet.")
        )
        return (
            _("Is “%(name)s” still correct?") % {"name": name},
            _(
                "The Đồng Nai Digital Hub publishes “%(name)s”. %(verified)s\n"
                "Please check it and tell us whether it is still correct, or what has changed:\n"
                "%(link)s\n"
                "The link works for %(days)s days and once. Nothing you propose is published "
                "before a curator has reviewed it."
            )
            % {"name": name, "verified": verified, "link": link, "days": link_days()},
        )

    subject, body = both_languages(message)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except (smtplib.SMTPException, OSError):
        logger.exception("freshness e-mail about %s:%s not sent", record.kind, record.ref)
        check.delete()
        return Sent.FAILED
    return Sent.SENT
