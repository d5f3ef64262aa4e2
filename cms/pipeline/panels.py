"""The dashboard's "New inquiries" panel: inquiries still new, oldest first, with their age in
the admin's language; an officer sees their sectors' only."""

from django.urls import reverse
from django.utils.timesince import timesince
from wagtail.admin.ui.components import Component

from cms.portal.models import Inquiry

from .sectors import visible_inquiries

SHOWN = 10


def age(since) -> str:
    """ "3 days" (the largest unit only) in the active language."""
    return timesince(since, depth=1)


class NewInquiriesPanel(Component):
    name = "new_inquiries"
    template_name = "cms/pipeline/new_inquiries_panel.html"
    order = 50  # above Wagtail's own panels: the day's work first

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        waiting = visible_inquiries(
            self.request.user, Inquiry.objects.filter(status=Inquiry.Status.NEW)
        ).order_by("created_at", "pk")
        return {
            "count": waiting.count(),
            "inquiries": [
                {
                    "inquiry": inquiry,
                    "age": age(inquiry.created_at),
                    "url": reverse("wagtailsnippets_cms_inquiry:edit", args=[inquiry.pk]),
                }
                for inquiry in waiting[:SHOWN]
            ],
            "list_url": reverse("wagtailsnippets_cms_inquiry:list") + "?status=new",
        }


def add_new_inquiries_panel(request, panels):
    if request.user.has_perm("cms.view_inquiry"):
        panels.append(NewInquiriesPanel(request))
