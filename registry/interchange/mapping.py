"""How interchange keys map onto model fields, derived from the models themselves.

A key is a model field of the same name, except for these shapes:
- `description` / `incentives`: {"vi", "en"} objects over the `<key>` (Vietnamese) and
  `<key>_en` columns;
- `location`: {"lat", "lon"} over the `lat` / `lon` columns;
- foreign keys (`zone`): the referenced record's ref;
- many-to-many (`technologies`, `suitable_for`): lists of taxonomy codes;
- record links (`poster`, `affiliation`: one `{"kind", "ref"}` object; `awarded_to`: a list of
  them), read from the model's `RecordLink` / `RecordLinks` descriptors over one key per kind.
"""

from dataclasses import dataclass
from functools import cache

from django.db import models

from registry.models import KINDS, Record
from registry.models.links import RecordLink, RecordLinks

# Columns that belong to Wagtail's draft/revision/lock machinery or are derived: never interchanged.
INTERNAL_FIELDS = {
    "id",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "latest_revision",
    "created_at",
    "updated_at",
    "lat",
    "lon",
    "photo",  # chosen in the admin from Wagtail images, not interchanged
    "completeness",  # derived from the other fields (registry.completeness)
    "contact_email",  # personal data: never leaves the registry
    "officer",  # a challenge's officer in charge: the agency's own business
    "account",  # an expert's portal account: personal data
}
BILINGUAL_KEYS = ("description", "incentives")
# Keys the format requires although the model allows them empty: an agency-prepared expert's
# draft waits for consent in the admin, but a file states it (Decree 13/2023).
FORMAT_REQUIRED = {"expert": {"consent_on"}}
LANGS = ("vi", "en")


def bilingual_column(key: str, lang: str) -> str:
    """The model field of one language of a bilingual key: Vietnamese is the plain field."""
    return key if lang == "vi" else f"{key}_{lang}"


@dataclass(frozen=True)
class LinkKey:
    """A key holding `{"kind", "ref"}` objects (one, or a list when `many`), stored as one
    foreign key (or many-to-many field) per kind: `fields` is kind -> model field name."""

    name: str
    fields: dict
    many: bool
    verbose_name: object = None

    def field(self, model, kind: str) -> models.Field:
        return model._meta.get_field(self.fields[kind])


def link_keys(model) -> tuple[LinkKey, ...]:
    """The model's RecordLink / RecordLinks descriptors, in the order they are declared."""
    keys = []
    for name, attr in vars(model).items():
        if isinstance(attr, RecordLink | RecordLinks):
            many = isinstance(attr, RecordLinks)
            keys.append(LinkKey(name, dict(attr.fields), many, attr.verbose_name))
    return tuple(keys)


@dataclass(frozen=True)
class KindMapping:
    kind: str
    model: type[Record]
    plain: tuple[models.Field, ...]  # key == field name, value as stored
    foreign: tuple[models.ForeignKey, ...]  # key == field name, value is a ref
    many: tuple[models.ManyToManyField, ...]  # key == field name, value is a list of codes
    bilingual: tuple[str, ...]  # keys of {"vi","en"} objects
    links: tuple[LinkKey, ...] = ()  # keys of {"kind","ref"} objects

    @property
    def keys(self) -> set[str]:
        keys = {"kind", "location"} | set(self.bilingual) | {link.name for link in self.links}
        keys |= {f.name for f in self.plain} | {f.name for f in self.foreign}
        keys |= {f.name for f in self.many}
        return keys

    @property
    def required(self) -> set[str]:
        required = {"kind", "ref", "name"}
        if self.model.location_required:
            required.add("location")
        for field in (*self.plain, *self.foreign):
            if not field.blank and field.name not in required:
                required.add(field.name)
        return required | FORMAT_REQUIRED.get(self.kind, set())

    @property
    def columns(self) -> list[str]:
        """Model attributes a record line sets (m2m excluded)."""
        cols = [f.attname for f in self.plain] + [f.attname for f in self.foreign] + ["lat", "lon"]
        cols += [bilingual_column(key, lang) for key in self.bilingual for lang in LANGS]
        cols += [f"{name}_id" for link in self.single_links for name in link.fields.values()]
        return cols

    @property
    def single_links(self) -> tuple[LinkKey, ...]:
        return tuple(link for link in self.links if not link.many)

    @property
    def many_links(self) -> tuple[LinkKey, ...]:
        return tuple(link for link in self.links if link.many)


@cache
def mapping_for(kind: str) -> KindMapping:
    model = KINDS[kind]
    bilingual = tuple(k for k in BILINGUAL_KEYS if hasattr(model, bilingual_column(k, "en")))
    bilingual_columns = {bilingual_column(k, lang) for k in bilingual for lang in LANGS}
    links = link_keys(model)
    skipped = INTERNAL_FIELDS | bilingual_columns
    skipped |= {name for link in links for name in link.fields.values()}
    plain, foreign = [], []
    for field in model._meta.concrete_fields:
        if field.name in skipped:
            continue
        (foreign if isinstance(field, models.ForeignKey) else plain).append(field)
    many = tuple(f for f in model._meta.many_to_many if f.name not in skipped)
    return KindMapping(kind, model, tuple(plain), tuple(foreign), many, bilingual, links)


def through_pairs(field: models.ManyToManyField, ids: list[int]) -> list[tuple[int, int]]:
    """(record id, technology id) rows of a many-to-many field for the given records."""
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    return list(
        through.objects.filter(**{f"{source}_id__in": ids}).values_list(
            f"{source}_id", f"{target}_id"
        )
    )


def chunked(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]
