"""The pipeline's admin: the report (Reports menu), the officers' sectors (administrators
only, by their model permissions) and the "New inquiries" dashboard panel. Imported by
`cms.wagtail_hooks`, which Wagtail loads."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OfficerSectors
from .panels import add_new_inquiries_panel
from .views import PipelineReportView

hooks.register("construct_homepage_panels", add_new_inquiries_panel)


@hooks.register("register_admin_urls")
def pipeline_report_urls():
    return [
        path("reports/inquiry-pipeline/", PipelineReportView.as_view(), name="inquiry_pipeline")
    ]


class InquiryViewersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("cms.view_inquiry")


@hooks.register("register_reports_menu_item")
def pipeline_report_menu_item():
    return InquiryViewersMenuItem(
        _("Inquiry pipeline"), reverse("inquiry_pipeline"), icon_name="mail", order=900
    )


class OfficerSectorsViewSet(SnippetViewSet):
    model = OfficerSectors
    menu_label = _("Officers' sectors")
    icon = "group"
    list_display = ["user", Column("sector_list", label=_("sectors"))]


register_snippet(OfficerSectorsViewSet)
