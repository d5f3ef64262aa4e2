import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import formats, translation
from django.utils.translation import gettext as _

from registry import indicators
from registry.indicators import tasks
from registry.indicators.status import STATUS_LABELS, target_text
from registry.language import language
from registry.numbers import plain_number


def default_language() -> str:
    """The user's language, as the shell says (LANGUAGE, LC_ALL, LANG), else the portal's."""
    for variable in ("LANGUAGE", "LC_ALL", "LANG"):
        code = os.environ.get(variable, "")[:2]
        if code in ("vi", "en"):
            return code
    return language(settings.LANGUAGE_CODE)


def figure(value) -> str:
    if value is None:
        return _("no value")
    return formats.number_format(plain_number(round(value, 2)), use_l10n=True, force_grouping=True)


class Command(BaseCommand):
    help = (
        "Resolution 57 indicators: `snapshot` stores today's figures of the registry-computed "
        "ones (and queues the worker's nightly snapshot); `show` prints every indicator now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", choices=["vi", "en"], help="language of the output (default: LANG)"
        )
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("snapshot", help="store today's snapshot of the computed indicators")
        sub.add_parser("show", help="every indicator: value, status, target and source")

    def handle(self, action, language=None, **options):
        with translation.override(language or default_language()):
            getattr(self, f"do_{action}")()

    def do_snapshot(self):
        taken = indicators.take_snapshot()
        if not taken:
            self.stdout.write(_("No indicator is computed from the registry: nothing stored."))
            return
        self.stdout.write(
            _("Snapshot of %(date)s stored:") % {"date": formats.date_format(taken[0].taken_on)}
        )
        for snapshot in taken:
            self.stdout.write(
                _("- %(name)s: %(value)s (%(counted)s records counted, %(unknown)s unknown)")
                % {
                    "name": indicators.name(snapshot.indicator),
                    "value": figure(snapshot.value),
                    "counted": figure(snapshot.records_counted),
                    "unknown": figure(snapshot.records_unknown),
                }
            )
        if tasks.worker_runs_tasks():
            tasks.schedule_next()
            self.stdout.write(_("The worker takes the next snapshot each night."))
        else:
            self.stdout.write(
                _(
                    "Tasks run in this process (no worker): the first read of each day stores "
                    "that day's snapshot."
                )
            )

    def do_show(self):
        for r in indicators.readings():
            self.stdout.write(
                _("%(code)s — %(name)s: %(value)s [%(status)s] target %(target)s · %(source)s")
                % {
                    "code": r.indicator.code,
                    "name": indicators.name(r.indicator),
                    "value": figure(r.value),
                    "status": STATUS_LABELS[r.status],
                    "target": target_text(r.target) if r.target else "—",
                    "source": r.source or "—",
                }
            )
        self.stdout.write("\n" + str(indicators.STATUS_RULE))
