"""Admin forms of the kinds whose rules depend on the button pressed (issue #16)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models.links import ORGANISATION_KINDS

NO_CONSENT = _(
    "An expert is published only with the day they consented to a public profile. Ask the "
    "person to consent through their account, or enter the day of their written consent."
)


def publishes(data) -> bool:
    """Whether the submitted form publishes: "Publish", or "Approve" in a review."""
    return "action-publish" in data or (
        "action-workflow-action" in data and data.get("workflow-action-name") == "approve"
    )


class ExpertAdminForm(WagtailAdminModelForm):
    """An expert is published only with the day they consented (Decree 13/2023): the publish
    button asks for it as a field error, where the database's check would refuse the row."""

    def clean(self):
        publishing = publishes(self.data)
        if self.instance.pk is None and not publishing:
            # A new record is live until saved (DraftStateMixin): a draft waits for consent.
            self.instance.live = False
        cleaned = super().clean()
        if publishing and not cleaned.get("consent_on"):
            self.add_error("consent_on", NO_CONSENT)
        chosen = [k for k in ORGANISATION_KINDS if cleaned.get(f"affiliation_{k}")]
        if len(chosen) > 1:
            self.add_error(
                None,
                _(
                    "Choose one affiliation only: an enterprise, an R&D "
                    "organisation or an incubator."
                ),
            )
        return cleaned


class ChallengeAdminForm(WagtailAdminModelForm):
    """One poster at most (none: the provincial agency), and winners only once decided."""

    def clean(self):
        if self.instance.pk:
            # The status is read-only here: a revision being restored keeps today's status, never
            # the one it was saved with (the officer's steps never go back).
            current = type(self.instance).objects.filter(pk=self.instance.pk)
            self.instance.status = current.values_list("status", flat=True).first()
        cleaned = super().clean()
        chosen = [k for k in ORGANISATION_KINDS if cleaned.get(f"poster_{k}")]
        if len(chosen) > 1:
            self.add_error(
                None,
                _(
                    "Choose one poster only: an enterprise, an R&D organisation "
                    "or an incubator (none: the provincial agency)."
                ),
            )
        # The status moves only through the officer's steps (cms.challenges), never in this form.
        awarded = [f"awarded_{k}s" for k in ORGANISATION_KINDS if cleaned.get(f"awarded_{k}s")]
        if awarded and self.instance.status not in ("awarded", "closed"):
            self.add_error(
                awarded[0],
                _("Only a challenge whose status is awarded or closed names who was awarded it."),
            )
        return cleaned
