from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from registry.models import Enterprise, Incubator, Plot, RDOrganisation, Zone


class HomePage(Page):
    """The portal's front page; the investor's first view of the ecosystem."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = key_figures()
        return context


def key_figures() -> list[dict]:
    """Headline numbers computed from the published registry, never typed in."""
    available_ha = Zone.objects.published().aggregate(total=Sum("available_area_ha"))["total"] or 0
    return [
        {"value": Zone.objects.published().count(), "label": _("zones and parks")},
        {"value": f"{available_ha:,.0f}", "label": _("hectares available in zones")},
        {
            "value": Plot.objects.published().filter(status=Plot.Status.AVAILABLE).count(),
            "label": _("plots available"),
        },
        {"value": Enterprise.objects.published().count(), "label": _("enterprises")},
        {"value": RDOrganisation.objects.published().count(), "label": _("R&D organisations")},
        {
            "value": Incubator.objects.published().count(),
            "label": _("incubators, accelerators and funds"),
        },
    ]
