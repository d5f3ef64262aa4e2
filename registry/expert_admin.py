"""The experts' admin form: a curator cannot publish (or approve in review) an expert profile
without the day the person consented (Decree 13/2023). Without this the database's check
constraint would refuse the publish with a server error; with it the curator sees why beside the
field."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

NO_CONSENT = _(
    "An expert is published only with the day they consented to a public profile. Ask the "
    "person to consent through their account, or enter the day of their written consent."
)


def publishes(data) -> bool:
    """Whether the admin's submitted form publishes: "Publish", or "Approve" in a review."""
    return "action-publish" in data or (
        "action-workflow-action" in data and data.get("workflow-action-name") == "approve"
    )


class ExpertAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if publishes(self.data) and not cleaned.get("consent_on"):
            self.add_error("consent_on", NO_CONSENT)
        return cleaned
