"""Records a file may not change, whatever the agency's spreadsheet says: a person's own expert
profile (they consented, edit and may withdraw it through their account: Decree 13/2023), and
the status and winners of a challenge whose responses the officer follows in the admin."""

from django.utils.translation import gettext as _

from registry.models import Challenge, Expert

from .results import Problem


def check_guarded_rows(by_kind, problems) -> None:
    experts = {r.ref: r for r in by_kind.get("expert", [])}
    for ref in Expert.objects.filter(ref__in=experts, account__isnull=False).values_list(
        "ref", flat=True
    ):
        record = experts[ref]
        problems.append(
            Problem(
                record.line,
                "ref",
                _(
                    "this expert manages their own profile (and their consent) through their "
                    "account; a file cannot change it"
                ),
                record.sheet,
            )
        )
    challenges = {r.ref: r for r in by_kind.get("challenge", [])}
    followed = Challenge.objects.filter(ref__in=challenges, responses__isnull=False).distinct()
    for challenge in followed:
        record = challenges[challenge.ref]
        winners = {(r.kind, r.ref) for r in challenge.awarded_to}
        if record.values.get("status") != challenge.status or (
            set(map(tuple, record.links.get("awarded_to", []))) != winners
        ):
            problems.append(
                Problem(
                    record.line,
                    "status",
                    _(
                        "this challenge has responses: its status and winners move only "
                        "through the officer's steps in the admin"
                    ),
                    record.sheet,
                )
            )
