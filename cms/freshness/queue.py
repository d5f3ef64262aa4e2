"""The admin's "Stale records" queue: published records past their kind's freshness rule, with
"Send 'still correct?' e-mail" (one record, or a selection) and "Mark verified" (a selection).
Everyone with the registry's view permission sees it; acting needs the change permission of
each record's kind."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from registry.freshness import mark_verified, oldest_first, stale_querysets
from registry.models import KINDS, Enterprise
from search.catalog.datasets import AGENCY_NAME

from .mail import Sent, send_check
from .models import FreshnessCheck

PER_PAGE = 50


def can_view(user) -> bool:
    return any(user.has_perm(f"registry.view_{m._meta.model_name}") for m in KINDS.values())


def can_change(user, kind: str) -> bool:
    return user.has_perm(f"registry.change_{KINDS[kind]._meta.model_name}")


def can_publish(user, kind: str) -> bool:
    """Marking verified publishes the record's new revision: a role may change and not publish."""
    return can_change(user, kind) and user.has_perm(
        f"registry.publish_{KINDS[kind]._meta.model_name}"
    )


def edit_url(record) -> str:
    return reverse(f"wagtailsnippets_registry_{record._meta.model_name}:edit", args=[record.pk])


def agency_verified_by() -> str:
    """What "Mark verified" writes: the setting, else the agency's name as the portal's first
    language says it (an organisation, never the curator's own name: the field is public)."""
    if settings.FRESHNESS_VERIFIED_BY:
        return settings.FRESHNESS_VERIFIED_BY
    with translation.override("vi"):
        return str(AGENCY_NAME)


def _rows(records):
    owned = set(
        Enterprise.objects.filter(founders__user__is_active=True).values_list("pk", flat=True)
    )
    last_sent = {
        (kind, pk): sent
        for kind, pk, sent in FreshnessCheck.objects.values_list("kind", "record_id")
        .annotate(last=Max("sent_at"))
        .values_list("kind", "record_id", "last")
    }
    return [
        {
            "record": record,
            "key": f"{record.kind}:{record.pk}",
            "kind_label": record._meta.verbose_name,
            "edit_url": edit_url(record),
            "owner_known": bool(record.contact_email)
            or (record.kind == "enterprise" and record.pk in owned),
            "last_sent": last_sent.get((record.kind, record.pk)),
        }
        for record in records
    ]


def _selected(request) -> list:
    """The records a POST names ("kind:pk"), each checked against the user's permissions."""
    keys = request.POST.getlist("selected")
    if request.POST.get("send_one"):
        keys = [request.POST["send_one"]]
    records = []
    for key in keys:
        kind, _sep, pk = key.partition(":")
        if kind not in KINDS or not pk.isdigit():
            continue
        allowed = can_publish if request.POST.get("action") == "verify" else can_change
        if not allowed(request.user, kind):
            raise PermissionDenied
        record = KINDS[kind].objects.published().filter(pk=int(pk)).first()
        if record is not None:
            records.append(record)
    return records


class StaleRecordsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/freshness/queue.html"
    page_title = gettext_lazy("Stale records")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        querysets = stale_querysets()
        kind = self.request.GET.get("kind", "")
        chosen = [querysets[kind]] if kind in querysets else list(querysets.values())
        records = sorted((r for qs in chosen for r in qs), key=oldest_first)
        page = Paginator(records, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            kinds=[(k, m._meta.verbose_name_plural) for k, m in KINDS.items()],
            kind=kind,
            total=len(records),
            page_obj=page,
            rows=_rows(page.object_list),
            can_act=any(can_change(self.request.user, k) for k in KINDS),
        )
        return context

    def post(self, request, *args, **kwargs):
        records = _selected(request)
        if not records:
            messages.warning(request, _("Choose at least one record."))
        elif request.POST.get("action") == "verify":
            for record in records:
                mark_verified(record, agency_verified_by(), user=request.user)
            count = len(records)
            messages.success(
                request,
                ngettext(
                    "%(count)s record marked verified today.",
                    "%(count)s records marked verified today.",
                    count,
                )
                % {"count": count},
            )
        else:
            _report_sends(request, records)
        return redirect(request.get_full_path())


def _report_sends(request, records) -> None:
    outcomes = {outcome: [] for outcome in Sent}
    for record in records:
        outcomes[send_check(record, user=request.user)].append(record.name)
    if outcomes[Sent.SENT]:
        count = len(outcomes[Sent.SENT])
        messages.success(
            request,
            ngettext(
                "E-mail sent about %(count)s record.", "E-mail sent about %(count)s records.", count
            )
            % {"count": count},
        )
    if outcomes[Sent.TOO_SOON]:
        messages.warning(
            request,
            _("Not sent, an e-mail already went out in the last day: %(names)s")
            % {"names": "; ".join(outcomes[Sent.TOO_SOON])},
        )
    if outcomes[Sent.FAILED]:
        messages.error(
            request,
            _("Not sent, the mail server did not accept it; try again later: %(names)s")
            % {"names": "; ".join(outcomes[Sent.FAILED])},
        )
    if outcomes[Sent.NO_ADDRESS]:
        messages.error(
            request,
            _("Not sent, no founder or contact e-mail is known: %(names)s")
            % {"names": "; ".join(outcomes[Sent.NO_ADDRESS])},
        )
