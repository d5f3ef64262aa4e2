import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.progress import Progress
from search import lifecycle, sync
from search.backends import configured_backends
from search.backends.elasticsearch import ES_FAILURES


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
            try:
                run = lifecycle.rebuild(backend, progress=progress.advance)
            except ES_FAILURES as error:
                raise CommandError(
                    _("%(backend)s: rebuild FAILED, Elasticsearch is unreachable (%(error)s)")
                    % {"backend": backend.name, "error": str(error)[:300]}
                ) from error
            finally:
                progress.close()
            for orphan in run.orphans_removed:
                self.stdout.write(
                    _("%(backend)s: removed the orphaned index %(index)s")
                    % {"backend": backend.name, "index": orphan}
                )
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
        unreachable = []
        for backend in info["backends"]:
            last = backend["last_rebuild"]
            when = f"{last.finished_at:%Y-%m-%d %H:%M:%S}" if last else "—"
            if "unreachable" in backend:
                unreachable.append(backend["unreachable"])
                line = _("%(backend)s: UNREACHABLE (%(error)s); last rebuild: %(when)s") % {
                    "backend": backend["backend"],
                    "error": backend["unreachable"],
                    "when": when,
                }
            else:
                index = backend["index"] + (
                    f" (alias {backend['alias']})" if "alias" in backend else ""
                )
                line = _("%(backend)s: %(docs)d documents; %(index)s; last rebuild: %(when)s") % {
                    "backend": backend["backend"],
                    "docs": backend["documents"],
                    "index": index,
                    "when": when,
                }
            failure = backend["last_failure"]
            if failure:
                line += _("; last attempt FAILED (started %(when)s): %(error)s") % {
                    "when": f"{failure.started_at:%Y-%m-%d %H:%M:%S}",
                    "error": failure.error or _("interrupted: no progress for a long time"),
                }
            self.stdout.write(line)
            running = backend["rebuilding"]
            if running:
                self.stdout.write(
                    _("  rebuilding now: %(index)s, %(docs)d documents so far")
                    % {"index": running.index_name or "…", "docs": running.documents}
                )
            for orphan in backend.get("orphans", []):
                self.stdout.write(
                    _(
                        "  orphaned index: %(index)s (left by an interrupted rebuild; the next "
                        "rebuild removes it)"
                    )
                    % {"index": orphan}
                )
        self.stdout.write(
            _("Outbox: %(pending)d pending, %(failing)d failing")
            % {"pending": info["outbox_pending"], "failing": info["outbox_failing"]}
        )
        if unreachable:
            raise CommandError(
                _("Elasticsearch is unreachable: %(error)s") % {"error": unreachable[0]}
            )

    def do_verify(self, repair=False, **options):
        expected = lifecycle.expected_fingerprints()
        dirty = False
        unreachable = None
        for backend in configured_backends():
            try:
                drift = lifecycle.verify(backend, expected)
            except ES_FAILURES as error:
                unreachable = str(error)[:300] or type(error).__name__
                self.stdout.write(
                    _("%(backend)s: UNREACHABLE (%(error)s); not verified")
                    % {"backend": backend.name, "error": unreachable}
                )
                continue
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
        if unreachable:
            raise CommandError(
                _("Elasticsearch is unreachable: %(error)s") % {"error": unreachable}
            )
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
