"""References to "a record of one of several kinds", the format's `{"kind", "ref"}` objects
(interchange v1.1: a challenge's `poster` and `awarded_to`, an expert's `affiliation`).

Each is stored as one nullable foreign key (or many-to-many field) per kind, so the database keeps
the reference whole (a deleted record leaves no dangling ref), the admin offers a chooser per kind,
and queries stay plain joins. `RecordLink` / `RecordLinks` read and write them as one value."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Who may post a challenge, be awarded one, or employ an expert (the format's enum).
ORGANISATION_KINDS = ("enterprise", "rd_organisation", "incubator")


class RecordLink:
    """One reference over one nullable foreign key per kind: `kind -> field name`.

    `obj.poster` is the record (or None); `obj.poster = record` sets its kind's key and clears
    the others. A check constraint (`at_most_one`) keeps at most one key set in the database."""

    def __init__(self, fields: dict[str, str], verbose_name=None):
        self.fields = fields
        self.verbose_name = verbose_name

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        for field in self.fields.values():
            if getattr(obj, f"{field}_id") is not None:
                return getattr(obj, field)
        return None

    def __set__(self, obj, record):
        if record is not None and record.kind not in self.fields:
            raise ValueError(f"{self.name} cannot point to a {record.kind}")
        for kind, field in self.fields.items():
            setattr(obj, field, record if record is not None and record.kind == kind else None)


def at_most_one(fields: list[str], name: str):
    """A check constraint: at most one of the nullable foreign keys is set."""
    condition = models.Q()
    for i, first in enumerate(fields):
        for second in fields[i + 1 :]:
            condition &= models.Q(**{f"{first}__isnull": True}) | models.Q(
                **{f"{second}__isnull": True}
            )
    return models.CheckConstraint(condition=condition, name=name)


class RecordLinks:
    """Many references over one many-to-many field per kind: `kind -> field name`.

    `obj.awarded_to` lists the records (kind by kind, each by ref)."""

    def __init__(self, fields: dict[str, str], verbose_name=None):
        self.fields = fields
        self.verbose_name = verbose_name

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        records = []
        for field in self.fields.values():
            records.extend(getattr(obj, field).all())
        return records


KIND_LABELS = {
    "enterprise": _("enterprise"),
    "rd_organisation": _("R&D organisation"),
    "incubator": _("incubator, accelerator or fund"),
    "expert": _("expert"),
}
