"""The officer's side in the admin: the challenges they follow with their responses, the moves
open → in progress → awarded → closed (cms.challenges.workflow), the dashboard's "responses
waiting" panel, and the R&D organisations' members curators grant."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.pipeline.sectors import is_scoped_officer
from registry.models import Challenge, ChallengeResponse

from .models import RDMembership
from .workflow import MOVED, MOVES, MoveRefused, may_move, may_see, move

WAITING = Q(responses__status=ChallengeResponse.Status.RECEIVED)


def visible_challenges(user):
    challenges = Challenge.objects.all()
    if is_scoped_officer(user):
        challenges = challenges.filter(officer=user)
    return challenges.annotate(
        response_count=Count("responses"), waiting=Count("responses", filter=WAITING)
    ).order_by("-posted_on", "ref")


class ChallengesView(WagtailAdminTemplateMixin, TemplateView):
    """Challenges with their responses: an officer's own, or all for curators and viewers."""

    template_name = "cms/challenges/admin_list.html"
    header_icon = "help"
    page_title = _("Challenges and responses")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("registry.view_challengeresponse"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(challenges=visible_challenges(self.request.user), **kwargs)


class ResponsesView(ChallengesView):
    """One challenge: its responses and the moves the user may make."""

    template_name = "cms/challenges/admin_responses.html"

    def get_page_title(self):
        return self.challenge.name

    def get_breadcrumbs_items(self):
        listing = {"url": reverse("challenges_admin"), "label": gettext("Challenges and responses")}
        return [*self.breadcrumbs_items, listing, {"url": "", "label": self.challenge.name}]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.challenge = get_object_or_404(Challenge, pk=kwargs["pk"])

    def get(self, request, pk, error="", status=200):
        if not may_see(request.user, self.challenge):
            raise PermissionDenied
        context = self.get_context_data(
            challenge=self.challenge,
            responses=self.challenge.responses.select_related(
                "user", "responder_enterprise", "responder_rd_organisation", "responder_expert"
            ),
            moves=[Challenge.Status(s) for s in MOVES[self.challenge.status]]
            if may_move(request.user, self.challenge)
            else [],
            error=error,
        )
        return self.render_to_response(context, status=status)

    def post(self, request, pk):
        if not may_move(request.user, self.challenge):
            raise PermissionDenied
        chosen = list(self.challenge.responses.filter(pk__in=_ids(request.POST.getlist("awarded"))))
        try:
            told = move(self.challenge, request.POST.get("to", ""), request.user, chosen)
        except (MoveRefused, ValueError) as refusal:
            return self.get(request, pk, error=str(refusal), status=409)
        messages.success(
            request,
            gettext("The challenge is now %(status)s; %(count)s respondents were told.")
            % {"status": self.challenge.get_status_display(), "count": len(told)},
        )
        return redirect("challenge_responses", pk)


def _ids(values) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@hooks.register("register_admin_urls")
def challenge_admin_urls():
    return [
        path("challenges/", ChallengesView.as_view(), name="challenges_admin"),
        path("challenges/<int:pk>/", ResponsesView.as_view(), name="challenge_responses"),
    ]


class ResponsesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("registry.view_challengeresponse")


@hooks.register("register_admin_menu_item")
def challenges_menu_item():
    return ResponsesMenuItem(
        _("Challenge responses"), reverse("challenges_admin"), icon_name="help", order=260
    )


@hooks.register("register_log_actions")
def challenge_log_actions(actions):
    actions.register_action(MOVED, _("Move challenge"), _("Challenge moved to a new status"))


class ResponsesWaitingPanel(Component):
    name = "challenge_responses_waiting"
    template_name = "cms/challenges/waiting_panel.html"
    order = 55

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        waiting = visible_challenges(self.request.user).filter(waiting__gt=0)
        return {"challenges": waiting[:10], "list_url": reverse("challenges_admin")}


@hooks.register("construct_homepage_panels")
def add_responses_waiting_panel(request, panels):
    if request.user.has_perm("registry.view_challengeresponse"):
        panels.append(ResponsesWaitingPanel(request))


class RDMembershipViewSet(SnippetViewSet):
    model = RDMembership
    menu_label = _("R&D organisation members")
    icon = "group"
    list_display = ["user", "rd_organisation", "created_at"]
    add_to_admin_menu = False


register_snippet(RDMembershipViewSet)
