import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.interchange.progress import Progress
from search import lifecycle, sync
from search.backends import configured_backends


class Command(BaseCommand):
    help = "Search indices: rebuild, status, verify [--repair], drain (the outbox)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="build new indices and swap them in without downtime")
        sub.add_parser("status", help="documents in the database and the indices, last rebuild")
        verify = sub.add_parser("verify", help="find missing, extra and stale documents")
        verify.add_argument("--repair", action="store_true", help="fix what verify finds")
        sub.add_parser("drain", help="apply pending index work from the outbox now")

    def handle(self, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_rebuild(self, **options):
        total = lifecycle.published_count()
        for backend in configured_backends():
            progress = Progress(
                _("Rebuilding %(backend)s") % {"backend": backend.name},
                total,
                stream=self.stderr,
                min_total=1000,
            )
            run = lifecycle.rebuild(backend, progress=progress.advance)
            progress.close()
            seconds = (run.finished_at - run.started_at).total_seconds()
            self.stdout.write(
                _("%(backend)s: %(docs)d documents in %(index)s, %(seconds).1f s")
                % {
                    "backend": backend.name,
                    "docs": run.documents,
                    "index": run.index_name,
                    "seconds": seconds,
                }
            )

    def do_status(self, **options):
        info = lifecycle.status()
        self.stdout.write(
            _("Published searchable records in the database: %(n)d")
            % {"n": info["published_records"]}
        )
        for backend in info["backends"]:
            last = backend["last_rebuild"]
            index = backend["index"] + (
                f" (alias {backend['alias']})" if "alias" in backend else ""
            )
            self.stdout.write(
                _("%(backend)s: %(docs)d documents; %(index)s; last rebuild: %(when)s")
                % {
                    "backend": backend["backend"],
                    "docs": backend["documents"],
                    "index": index,
                    "when": f"{last.finished_at or last.started_at:%Y-%m-%d %H:%M:%S}"
                    if last
                    else "—",
                }
            )
        self.stdout.write(
            _("Outbox: %(pending)d pending, %(failing)d failing")
            % {"pending": info["outbox_pending"], "failing": info["outbox_failing"]}
        )

    def do_verify(self, repair=False, **options):
        expected = lifecycle.expected_fingerprints()
        dirty = False
        for backend in configured_backends():
            drift = lifecycle.verify(backend, expected)
            self.stdout.write(
                _("%(backend)s: %(missing)d missing, %(extra)d extra, %(stale)d stale")
                % {
                    "backend": backend.name,
                    "missing": len(drift.missing),
                    "extra": len(drift.extra),
                    "stale": len(drift.stale),
                }
            )
            for label, ids in (
                ("missing", drift.missing),
                ("extra", drift.extra),
                ("stale", drift.stale),
            ):
                for item in ids[:20]:
                    self.stdout.write(f"  {label}: {item}")
            if drift.clean:
                continue
            if repair:
                lifecycle.repair(backend, drift)
                again = lifecycle.verify(backend, expected)
                self.stdout.write(
                    _("%(backend)s repaired: %(left)s")
                    % {
                        "backend": backend.name,
                        "left": _("clean") if again.clean else _("NOT clean"),
                    }
                )
                dirty |= not again.clean
            else:
                dirty = True
        if dirty:
            raise CommandError(
                _("The search index differs from the database (run verify --repair).")
            )

    def do_drain(self, **options):
        result = sync.drain()
        self.stdout.write(
            _("Outbox: %(processed)d applied, %(deferred)d deferred, %(pending)d pending") % result
        )
        if result["deferred"]:
            sys.exit(1)
