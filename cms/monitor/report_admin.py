"""The quarterly report in the admin's Reports menu, for whoever may view the indicators and
the inquiries.
Imported by `cms.wagtail_hooks`, which Wagtail loads."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .report_views import QuarterlyReportView, may_read_inquiries


@hooks.register("register_admin_urls")
def quarterly_report_urls():
    return [path("reports/quarterly/", QuarterlyReportView.as_view(), name="quarterly_report")]


class IndicatorViewersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("registry.view_indicator") and may_read_inquiries(request.user)


@hooks.register("register_reports_menu_item")
def quarterly_report_menu_item():
    return IndicatorViewersMenuItem(
        _("Quarterly report"), reverse("quarterly_report"), icon_name="doc-full", order=910
    )
