"""What an import finds and does: its problems (where and why), the records it read, and its
result with the preview of the changes (issue #14)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Problem:
    """What is wrong, where: `line` is the JSON Lines line or the spreadsheet row (0: the whole
    file), `field` the interchange key (the column's header; "-" for the whole line), `sheet`
    the XLSX sheet or the CSV file's name ("" for JSON Lines)."""

    line: int
    field: str
    reason: str
    sheet: str = ""

    def __str__(self):
        # Said in the active language: the admin shows problems in the curator's.
        if not self.sheet:
            return _("line %(line)d: %(key)s: %(reason)s") % {
                "line": self.line,
                "key": self.field,
                "reason": self.reason,
            }
        if self.line == 0:
            return f"{self.sheet}: {self.reason}"
        if self.field == "-":
            return _("%(sheet)s, row %(row)d: %(reason)s") % {
                "sheet": self.sheet,
                "row": self.line,
                "reason": self.reason,
            }
        return _("%(sheet)s, row %(row)d, column %(column)s: %(reason)s") % {
            "sheet": self.sheet,
            "row": self.line,
            "column": self.field,
            "reason": self.reason,
        }


@dataclass
class ParsedRecord:
    line: int
    kind: str
    ref: str
    values: dict  # model attribute -> value (foreign keys still as refs, under the field name)
    refs: dict  # foreign key field name -> ref
    codes: dict  # many-to-many field name -> list of codes
    sheet: str = ""  # where it was read (Problem.sheet)
    links: dict = field(default_factory=dict)  # link key -> [(kind, ref)] (format v1.1)


@dataclass
class FieldChange:
    """One field of an existing record that an import changes: its interchange key, and the old
    and new values as texts people read (choice labels, yes/no, lists joined by "; ", refs;
    "" for no value), in the language active during the import (`preview.readable`)."""

    key: str
    old: object
    new: object


@dataclass
class RecordChange:
    """What an import does to one record: "create", or "change" with its changed fields."""

    kind: str
    ref: str
    name: str
    action: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    changes: list[RecordChange] = field(default_factory=list)  # the preview (issue #14)
    created: dict = field(default_factory=lambda: defaultdict(int))
    updated: dict = field(default_factory=lambda: defaultdict(int))
    unchanged: dict = field(default_factory=lambda: defaultdict(int))
    lines: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems
