"""The pipeline report page (admin, Reports menu) and its XLSX download: a period chosen with
two dates (the last 90 days unless given), the figures formatted for people on the page and
plain in the file. Whoever may view inquiries may see it; an officer sees their sectors' only."""

import datetime as dt

from django import forms
from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin

from cms.portal.models import Inquiry

from .report import default_period, pipeline
from .workbook import pipeline_workbook

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        default_start, default_end = default_period()
        if self.errors:
            return data
        data["end"] = data.get("end") or default_end
        data["start"] = data.get("start") or data["end"] - (default_end - default_start)
        for name in ("start", "end"):
            if not EARLIEST <= data[name] <= LATEST:
                self.add_error(
                    name,
                    gettext("Choose a date between %(earliest)s and %(latest)s.")
                    % {
                        "earliest": formats.date_format(EARLIEST),
                        "latest": formats.date_format(LATEST),
                    },
                )
        if not self.errors and data["start"] > data["end"]:
            self.add_error("end", gettext("The end comes before the start."))
        return data


def duration(wait: dt.timedelta | None) -> str:
    """ "2 days, 3 hours" in the active language; a dash for no figure."""
    if wait is None:
        return "—"
    now = timezone.now()
    return timesince(now - wait, now, depth=2)


def percent(rate: float | None) -> str:
    if rate is None:
        return "—"
    return gettext("%(percent)s%%") % {"percent": formats.number_format(rate * 100, 1)}


class PipelineReportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Inquiry
    permission_required = "view"
    template_name = "cms/pipeline/report.html"
    page_title = gettext_lazy("Inquiry pipeline")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        form = PeriodForm(request.GET)  # no dates: the last 90 days
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        report = pipeline(request.user, start, end)
        if request.GET.get("export") == "xlsx":
            return self.xlsx(report)
        shown = PeriodForm(initial={"start": start, "end": end})  # the dates actually used
        return self.render_to_response(self.get_context_data(form=shown, report=report))

    def xlsx(self, report) -> HttpResponse:
        response = HttpResponse(pipeline_workbook(report), content_type=XLSX)
        name = f"inquiry-pipeline-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report")
        if report is not None:
            context["summary"] = {
                "received": report.total.received,
                "contacted": report.total.contacted,
                "median": duration(report.total.median_first_contact),
                "site_visit_rate": percent(report.total.site_visit_rate),
                "won_rate": percent(report.total.won_rate),
            }
            context["officers"] = [
                {
                    "name": name,
                    "group": group,
                    "median": duration(group.median_first_contact),
                    "site_visit_rate": percent(group.site_visit_rate),
                    "won_rate": percent(group.won_rate),
                }
                for name, group in report.by_officer
            ]
            query = self.request.GET.copy()
            query["start"], query["end"] = f"{report.start:%Y-%m-%d}", f"{report.end:%Y-%m-%d}"
            query["export"] = "xlsx"
            context["export_query"] = query.urlencode()
        return context
