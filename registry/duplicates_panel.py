"""The duplicates panel at the top of an enterprise's edit view (and of its inspect view, which
is what viewers see): possible duplicates with why, and, for those allowed, "merge into…" and
"not a duplicate"; the pairs already marked, each reversible; where a merged record went.

The actions are the portal layer's admin views (`cms.merging`), reached by their URL names."""

from wagtail.admin.panels import Panel
from wagtail.snippets.views.snippets import InspectView

from .duplicates import not_duplicate_pairs, possible_duplicates
from .models import EnterpriseMerge


def duplicates_context(enterprise, user) -> dict:
    if not enterprise.pk:
        return {"candidates": [], "pairs": []}
    merge = EnterpriseMerge.objects.filter(merged=enterprise).select_related("survivor").first()
    pairs = [
        (pair, pair.second if pair.first_id == enterprise.pk else pair.first)
        for pair in not_duplicate_pairs(enterprise)
    ]
    return {
        "enterprise": enterprise,
        "merged_into": merge,
        "candidates": [] if merge else possible_duplicates(enterprise),
        "pairs": pairs,
        "merged_from": EnterpriseMerge.objects.filter(survivor=enterprise).select_related("merged"),
        "can_merge": user.has_perm("registry.add_enterprisemerge"),
        "can_mark": user.has_perm("registry.add_notduplicate"),
        "can_unmark": user.has_perm("registry.delete_notduplicate"),
    }


class DuplicatesPanel(Panel):
    """Other enterprises that may be the same company, and what curators decided about them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "registry/admin/duplicates.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(duplicates_context(self.instance, self.request.user))
            return context


class EnterpriseInspectView(InspectView):
    """The inspect view with the duplicates panel on top: viewers, who cannot edit, see it here
    (without the actions)."""

    template_name = "registry/admin/enterprise_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(duplicates_context(self.object, self.request.user))
        return context
