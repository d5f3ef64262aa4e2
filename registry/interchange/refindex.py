"""The refs of a file being validated, for the checks that span lines: duplicates, and refs
that must name a record in the file (on any line, earlier or later) or in the registry.

Lines are checked in batches as they stream in: a ref to a record neither read yet nor in the
registry waits (`pending`) until the end of the file, when it is either found on a later line or
reported. Memory: one entry per record of the file (its ref and line), plus one per line naming a
record that is not yet known.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from registry.models import KINDS

from .results import Problem


class RefIndex:
    def __init__(self):
        self.lines: dict[str, dict[str, int]] = defaultdict(dict)  # kind -> ref -> line
        # (kind, ref) -> [(line, key, sheet)] of the lines naming it
        self.pending: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)

    def first_line(self, kind: str, ref: str) -> int | None:
        """The line that already holds this record, if any."""
        return self.lines[kind].get(ref)

    def add(self, kind: str, ref: str, line: int) -> None:
        self.lines[kind][ref] = line

    def need(self, kind: str, wanted: dict[str, list[tuple[int, str, str]]]) -> None:
        """Refs of `kind` that some lines name (ref -> their places): those neither in the file
        so far nor in the registry wait for the rest of the file."""
        in_file = self.lines[kind]
        missing = [ref for ref in wanted if ref not in in_file]
        if not missing:
            return
        found = set(KINDS[kind].objects.filter(ref__in=missing).values_list("ref", flat=True))
        for ref in missing:
            if ref not in found:
                self.pending[(kind, ref)].extend(wanted[ref])

    def unresolved(self, problems: list[Problem]) -> None:
        """Once the whole file is read: a problem for every place naming a record nowhere."""
        for (kind, ref), places in self.pending.items():
            if ref in self.lines[kind]:
                continue
            for line, key, sheet in places:
                problems.append(
                    Problem(
                        line,
                        key,
                        _("no %(kind)s with ref %(ref)s in this file or the registry")
                        % {"kind": kind, "ref": ref},
                        sheet,
                    )
                )
        self.pending.clear()
