"""The published Q&A pages in the sitemap, each in both languages with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from registry.models.questions import ExpertQuestion

from ..portal.seo import sitemap_entry


class QuestionSitemap(Sitemap):
    def items(self):
        return list(
            ExpertQuestion.objects.published().order_by("pk").values_list("ref", "updated_at")
        )

    def _urls(self, page, protocol, domain):
        entries = []
        for ref, updated_at in self.paginator.page(page).object_list:

            def path_in(lang: str, ref=ref) -> str:
                with translation.override(lang):
                    return reverse("question-page", kwargs={"ref": ref})

            entries += sitemap_entry(path_in, updated_at)
        return entries
