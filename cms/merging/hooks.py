"""The duplicates' admin pages, audit-log actions and Reports menu item (imported by
cms.wagtail_hooks, which Wagtail loads)."""

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from registry.duplicates import MARKED_NOT_DUPLICATE, MERGED, UNMARKED_NOT_DUPLICATE

from . import views


@hooks.register("register_admin_urls")
def duplicates_urls():
    return [
        path("duplicates/<int:pk>/merge/", views.MergeView.as_view(), name="enterprise-merge"),
        path(
            "duplicates/<int:pk>/not-duplicate/<int:other_pk>/",
            views.NotDuplicateView.as_view(),
            name="enterprise-not-duplicate",
        ),
        path(
            "duplicates/not-duplicates/",
            views.NotDuplicateListView.as_view(),
            name="not-duplicates",
        ),
        path(
            "duplicates/not-duplicates/<int:pk>/undo/",
            views.UndoNotDuplicateView.as_view(),
            name="not-duplicate-undo",
        ),
    ]


def other_ref(log_entry, key: str) -> str:
    return ((log_entry.data or {}).get(key) or {}).get("ref", "?")


@hooks.register("register_log_actions")
def duplicates_log_actions(actions):
    @actions.register_action(MERGED)
    class Merged(LogFormatter):
        label = _("Merge")

        def format_message(self, log_entry):
            merged, kept = other_ref(log_entry, "merged"), other_ref(log_entry, "survivor")
            return gettext("Merged %(merged)s into %(kept)s") % {"merged": merged, "kept": kept}

    @actions.register_action(MARKED_NOT_DUPLICATE)
    class MarkedNotDuplicate(LogFormatter):
        label = _("Mark not a duplicate")

        def format_message(self, log_entry):
            return gettext("Marked not a duplicate of %(ref)s") % {
                "ref": other_ref(log_entry, "other")
            }

    @actions.register_action(UNMARKED_NOT_DUPLICATE)
    class UnmarkedNotDuplicate(LogFormatter):
        label = _("Undo: may be a duplicate")

        def format_message(self, log_entry):
            return gettext("May be a duplicate of %(ref)s again") % {
                "ref": other_ref(log_entry, "other")
            }


class NotDuplicatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("registry.view_notduplicate")


@hooks.register("register_reports_menu_item")
def not_duplicates_menu_item():
    return NotDuplicatesMenuItem(
        _("Pairs marked not duplicates"), reverse("not-duplicates"), icon_name="group", order=900
    )
