"""The quarterly report's admin page (Reports menu): a quarter chooser (the last full quarter
unless chosen; every quarter since the first data) and, for that quarter, the PDF and the XLSX
in Vietnamese and in English. Whoever may view the indicators may download it: curators,
viewers, administrators. A bad quarter, format or language is a 400 with the page's field
error, never a 500."""

from django import forms
from django.conf import settings
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin

from cms.pipeline.models import InquiryEvent
from cms.portal.site_profile import pdf_available
from registry.models import Enterprise
from registry.models.indicator import Indicator, IndicatorSnapshot, IndicatorValue

from .report import quarterly_report
from .report_pdf import report_pdf
from .report_quarters import (
    EARLIEST_YEAR,
    Quarter,
    current_quarter,
    last_full_quarter,
    parse_quarter,
    quarters_between,
)
from .report_workbook import report_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"pdf": "application/pdf", "xlsx": XLSX}


def first_data_quarter() -> Quarter:
    """The quarter of the first figure the report can show: a snapshot, a reported value, an
    enterprise's first publication or a status change of an inquiry."""
    days = [
        IndicatorSnapshot.objects.aggregate(first=Min("taken_on"))["first"],
        IndicatorValue.objects.aggregate(first=Min("as_of"))["first"],
    ]
    for instant in (
        Enterprise.objects.published().aggregate(first=Min("first_published_at"))["first"],
        InquiryEvent.objects.aggregate(first=Min("at"))["first"],
    ):
        days.append(timezone.localdate(instant) if instant else None)
    known = [Quarter.containing(d) for d in days if d is not None]
    return max(min([last_full_quarter(), *known]), Quarter(EARLIEST_YEAR, 1))


class QuarterForm(forms.Form):
    quarter = forms.CharField(label=pgettext_lazy("quarterly report", "Quarter"), required=False)
    format = forms.ChoiceField(choices=[(f, f) for f in FORMATS], required=False)
    lang = forms.ChoiceField(choices=settings.LANGUAGES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(q), q.label) for q in quarters_between(first_data_quarter(), current_quarter())
        ]
        self.fields["quarter"].widget = forms.Select(choices=choices)

    def clean_quarter(self) -> Quarter:
        text = self.cleaned_data["quarter"]
        if not text:
            return last_full_quarter()
        try:
            return parse_quarter(text)
        except ValueError as problem:
            raise forms.ValidationError(str(problem)) from problem


INQUIRIES_PERMISSION = "cms.view_inquiry"


def may_read_inquiries(user) -> bool:
    return user.has_perm(INQUIRIES_PERMISSION)


class QuarterlyReportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Indicator
    permission_required = "view"
    template_name = "cms/monitor/quarterly_report.html"
    page_title = gettext_lazy("Quarterly report")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def user_has_permission(self, permission):
        """The indicators, and the inquiries the report lists as won: both are needed (a
        viewer of the registry does not see the agency's inquiries)."""
        return super().user_has_permission(permission) and may_read_inquiries(self.request.user)

    def get(self, request, *args, **kwargs):
        form = QuarterForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        quarter, kind = form.cleaned_data["quarter"], form.cleaned_data["format"]
        if kind:
            return self.download(quarter, kind, form.cleaned_data["lang"] or settings.LANGUAGE_CODE)
        shown = QuarterForm(initial={"quarter": str(quarter)})
        return self.render_to_response(self.get_context_data(form=shown, quarter=quarter))

    def download(self, quarter: Quarter, kind: str, lang: str) -> HttpResponse:
        if kind == "pdf" and not pdf_available():
            return HttpResponse(
                gettext("PDF files cannot be made on this server (Pango is missing)."),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        with translation.override(lang):
            report = quarterly_report(quarter, lang)
            content = report_pdf(report) if kind == "pdf" else report_workbook(report)
        response = HttpResponse(content, content_type=FORMATS[kind])
        name = f"quarterly-report-{quarter}-{lang}.{kind}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quarter = kwargs.get("quarter")
        if quarter is not None:
            context["downloads"] = [
                {
                    "language": str(label),
                    "lang": code,
                    "files": [
                        {
                            "format": kind.upper(),
                            "query": f"quarter={quarter}&format={kind}&lang={code}",
                        }
                        for kind in FORMATS
                        if kind != "pdf" or pdf_available()
                    ],
                }
                for code, label in settings.LANGUAGES
            ]
        return context
