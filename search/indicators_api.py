"""The Resolution 57 indicators in the public API (docs/api.md, "Indicators"): every indicator
with its current value, targets and status, one indicator with its history, the same as CSV or
XLSX, and the agency's write endpoints for reported values and new targets.

Everything is read through `registry.indicators` (the same readings as the portal's page and
the quarterly report). Writes go through the models' own validation (`Indicator.value_problem`,
`IndicatorValue.clean`, `IndicatorTarget.clean`): the admin and the API refuse the same input
with the same messages, and a refused request saves nothing."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from registry import indicators
from registry.language import language, localized
from registry.models.indicator import Indicator, IndicatorTarget, IndicatorValue
from registry.numbers import PlainNumberJSONEncoder

from . import indicator_cache
from . import indicators_downloads as downloads
from .api_http import error
from .indicators_body import BodyProblem, read_body, target_fields, value_fields

JSON_OPTIONS = {"encoder": PlainNumberJSONEncoder, "json_dumps_params": {"ensure_ascii": False}}
CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # the model's rule, checked before any query
FORMATS = ("json", *downloads.FORMATS)
CHANGE_PERMISSION = "registry.change_indicator"


def targets_json(indicator: Indicator) -> list[dict]:
    return [
        {"year": t.year, "comparison": t.comparison, "value": t.value, "value_max": t.value_max}
        for t in downloads.sorted_targets(indicator)
    ]


def indicator_json(reading: indicators.Reading, lang: str) -> dict:
    """One indicator as the API gives it: the contract's keys, then a few documented extras."""
    indicator = reading.indicator
    return {
        "code": indicator.code,
        "name": localized(indicator, "name", lang),
        "unit": indicator.unit,
        "value": reading.value,
        "as_of": reading.as_of.isoformat() if reading.as_of else None,
        "origin": indicator.origin,
        "targets": targets_json(indicator),
        "status": reading.status,
        "source": reading.source,
        "records_counted": reading.records_counted,
        "records_unknown": reading.records_unknown,
        "description": localized(indicator, "description", lang),
        "direction": indicator.direction,
        "theme": indicator.theme,
        "plan_clause": localized(indicator, "plan_clause", lang),
    }


def _format_problem(request) -> dict[str, str]:
    fmt = request.GET.get("format", "json")
    if fmt in FORMATS:
        return {}
    # The export's message for the same parameter (one translation for both).
    return {"format": _("expected one of: %(allowed)s") % {"allowed": ", ".join(FORMATS)}}


def list_view(request):
    """GET /api/v1/indicators/[?format=csv|csv-semicolon|xlsx]"""
    fields = _format_problem(request)
    if fields:
        return error(400, "invalid_parameter", _("Invalid parameters."), fields)
    lang = language(request.GET.get("lang"))
    with translation.override(lang):
        readings = indicator_cache.readings(_registry_token(request))
        fmt = request.GET.get("format", "json")
        if fmt != "json":
            return downloads.list_download(readings, fmt, lang)
        return JsonResponse(
            {
                "indicators": [indicator_json(r, lang) for r in readings],
                "breakdowns": indicator_cache.breakdowns(_registry_token(request)),
            },
            **JSON_OPTIONS,
        )


def _registry_token(request) -> str | None:
    """The registry's state as the API's middleware read it before the view, if it did."""
    state = getattr(request, "api_state", None)
    return state.token if state is not None else None


def _indicator(code: str) -> Indicator | None:
    if not CODE.match(code):
        return None  # a NUL byte or the like never reaches the database
    return Indicator.objects.prefetch_related("targets").filter(code=code).first()


def _unknown(code: str):
    return error(404, "not_found", _("No indicator with code %(code)s.") % {"code": code[:100]})


def _detail(request, indicator: Indicator, lang: str) -> dict:
    current = next(
        (r for r in indicator_cache.readings(_registry_token(request)) if r.indicator == indicator),
        None,
    ) or indicators.reading(indicator.code)
    data = indicator_json(current, lang)
    data["history"] = downloads.history_json(indicator)
    return data


def detail_view(request, code: str):
    """GET /api/v1/indicators/{code}/[?format=csv|csv-semicolon|xlsx]: with its history."""
    indicator = _indicator(code)
    if indicator is None:
        return _unknown(code)
    fields = _format_problem(request)
    if fields:
        return error(400, "invalid_parameter", _("Invalid parameters."), fields)
    lang = language(request.GET.get("lang"))
    with translation.override(lang):
        fmt = request.GET.get("format", "json")
        if fmt != "json":
            return downloads.history_download(indicator, downloads.history_json(indicator), fmt)
        return JsonResponse(_detail(request, indicator, lang), **JSON_OPTIONS)


def _refusal(request, indicator: Indicator | None, code: str):
    """Who may write, and to what: the answer that refuses, or None."""
    if not request.user.has_perm(CHANGE_PERMISSION):
        return error(
            403,
            "permission_denied",
            _("Your account may not change indicators."),
        )
    if indicator is None:
        return _unknown(code)
    return None


def _field_errors(problem: ValidationError) -> dict[str, str]:
    return {field: " ".join(messages) for field, messages in problem.message_dict.items()}


def _next_sort_order(queryset) -> int:
    """After every sibling: the latest of two values of the same date is the one added last."""
    return (queryset.aggregate(last=Max("sort_order"))["last"] or 0) + 1


def _save_child(request, indicator: Indicator, child) -> JsonResponse:
    """Validate and save a reported value or a target, then a revision of the indicator (the
    admin's history shows who added what, when); nothing is saved if anything is refused."""
    try:
        child.full_clean(exclude=["sort_order"])
    except ValidationError as problem:
        return error(400, "invalid_body", _("Invalid values."), _field_errors(problem))
    with transaction.atomic():
        siblings = type(child).objects.filter(indicator=indicator)
        child.sort_order = _next_sort_order(siblings)
        child.save()
        fresh = Indicator.objects.get(pk=indicator.pk)  # its revision holds the new child
        # Only the child was edited, and it is validated above: an indicator saved before a
        # rule of its own was added (a missing English name) must not refuse it (nor be a 500).
        fresh.save_revision(user=request.user, log_action=True, clean=False)
    lang = language(request.GET.get("lang"))
    with translation.override(lang):
        fresh = Indicator.objects.prefetch_related("targets").get(pk=indicator.pk)
        return JsonResponse(_detail(request, fresh, lang), status=201, **JSON_OPTIONS)


def add_value_view(request, code: str):
    """POST /api/v1/indicators/{code}/values/ {as_of, value, source, source_url?}"""
    indicator = _indicator(code)
    refused = _refusal(request, indicator, code)
    if refused is not None:
        return refused
    if indicator.origin == Indicator.Origin.REGISTRY:
        return error(
            400,
            "computed_indicator",
            _(
                "This indicator is computed from the registry's published records: "
                "values cannot be reported for it."
            ),
            {"code": _("computed from the registry")},
        )
    try:
        fields = read_body(request, value_fields())
    except BodyProblem as problem:
        return problem.response()
    return _save_child(request, indicator, IndicatorValue(indicator=indicator, **fields))


def add_target_view(request, code: str):
    """POST /api/v1/indicators/{code}/targets/ {year, comparison, value, value_max?}"""
    indicator = _indicator(code)
    refused = _refusal(request, indicator, code)
    if refused is not None:
        return refused
    try:
        fields = read_body(request, target_fields())
    except BodyProblem as problem:
        return problem.response()
    return _save_child(request, indicator, IndicatorTarget(indicator=indicator, **fields))
