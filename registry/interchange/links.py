"""Record links in the interchange format (v1.1): `{"kind", "ref"}` objects (a challenge's
`poster`, an expert's `affiliation`) and lists of them (`awarded_to`), their checks against the
file and the registry, and the v1.1 rules that span several keys."""

import json

from django.utils.translation import gettext as _

from registry.models import KINDS

from .mapping import KindMapping, LinkKey, mapping_for
from .values import type_error

# ISO 639-1: the two-letter language codes an expert's `languages` may hold.
ISO_639_1_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh
    zu"""
ISO_639_1 = frozenset(ISO_639_1_CODES.split())
# Statuses after which a challenge may name who was awarded it.
DECIDED_STATUSES = ("awarded", "closed")


def parse_links(mapping: KindMapping, data: dict, problem) -> dict[str, list[tuple[str, str]]]:
    """Link key -> [(kind, ref)], from a record's `{"kind","ref"}` objects (or lists of them)."""
    links = {}
    for link in mapping.links:
        raw = data.get(link.name)
        if raw is None:
            links[link.name] = []
            continue
        if link.many:
            if not isinstance(raw, list):
                problem(link.name, type_error(_('a list of {"kind": …, "ref": …} objects'), raw))
                continue
            parsed = [_parse_one(link, item, problem) for item in raw]
            if None in parsed:
                continue
            if len(set(parsed)) != len(parsed):
                problem(link.name, _("each record may appear only once"))
                continue
            links[link.name] = parsed
        else:
            one = _parse_one(link, raw, problem)
            if one is not None:
                links[link.name] = [one]
    return links


def _parse_one(link: LinkKey, raw, problem) -> tuple[str, str] | None:
    if not isinstance(raw, dict):
        problem(link.name, type_error(_('an object {"kind": …, "ref": …}'), raw))
        return None
    for key in sorted(set(raw) - {"kind", "ref"}):
        problem(f"{link.name}.{key}", _("unknown key; use kind and ref"))
    kind, ref = raw.get("kind"), raw.get("ref")
    allowed = ", ".join(link.fields)
    if not isinstance(kind, str) or kind not in link.fields:
        shown = json.dumps(kind, ensure_ascii=False, default=str)[:60]
        problem(
            f"{link.name}.kind",
            _("%(kind)s is not a kind this key may name; one of: %(allowed)s")
            % {"kind": shown, "allowed": allowed},
        )
        return None
    if not isinstance(ref, str) or not ref.strip():
        problem(f"{link.name}.ref", type_error(_("a ref"), ref))
        return None
    if set(raw) - {"kind", "ref"}:
        return None
    return kind, ref


def format_rules(kind: str, data: dict, links: dict, problem) -> None:
    """The v1.1 rules the model's own checks do not hold (they allow an agency's draft)."""
    decided = data.get("status") in DECIDED_STATUSES
    if kind == "challenge" and links.get("awarded_to") and not decided:
        problem(
            "awarded_to",
            _("only a challenge whose status is awarded or closed names who was awarded it"),
        )
    if kind == "expert" and isinstance(data.get("languages"), list):
        unknown = [c for c in data["languages"] if not isinstance(c, str) or c not in ISO_639_1]
        if unknown:
            problem(
                "languages",
                _("not ISO 639-1 language codes (two lowercase letters, e.g. vi, en): %(codes)s")
                % {"codes": ", ".join(map(str, unknown))[:200]},
            )


def check_link_refs(by_kind, refs) -> None:
    """Every linked record must be in the file (any line: the writer orders kinds) or the
    registry, and be of the kind the link says (`refs`: the file's RefIndex)."""
    wanted: dict[str, dict[str, list]] = {}
    for kind, records in by_kind.items():
        for link in mapping_for(kind).links:
            for record in records:
                for target_kind, ref in record.links.get(link.name, []):
                    places = wanted.setdefault(target_kind, {}).setdefault(ref, [])
                    places.append((record.line, link.name, record.sheet))
    for target_kind, places_by_ref in wanted.items():
        refs.need(target_kind, places_by_ref)


def link_values(mapping: KindMapping, record, resolved: dict) -> dict:
    """The foreign-key attributes of a record's single links: its kind's key set, the others
    cleared. `resolved` is model field name -> {ref: id}."""
    values = {}
    for link in mapping.single_links:
        target = dict(record.links.get(link.name, []))
        for kind, name in link.fields.items():
            ref = target.get(kind)
            values[f"{name}_id"] = resolved[name][ref] if ref is not None else None
    return values


def resolve_links(mapping: KindMapping, chunk) -> dict[str, dict[str, int]]:
    """Model field name -> {ref: id} for every record the chunk's links name."""
    resolved = {}
    for link in mapping.links:
        for kind, name in link.fields.items():
            refs = {ref for r in chunk for k, ref in r.links.get(link.name, []) if k == kind}
            model = KINDS[kind]
            resolved[name] = dict(model.objects.filter(ref__in=refs).values_list("ref", "id"))
    return resolved


def current_links(mapping: KindMapping, objs) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(link key, record id) -> sorted [(kind, ref)] the records link to now."""
    current: dict[tuple[str, int], list[tuple[str, str]]] = {}
    ids = [obj.pk for obj in objs]
    for link in mapping.links:
        for kind, name in link.fields.items():
            field = link.field(mapping.model, kind)
            if link.many:
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                pairs = through.objects.filter(**{f"{source}_id__in": ids}).values_list(
                    f"{source}_id", f"{target}__ref"
                )
            else:
                target_ids = {obj.pk: getattr(obj, f"{name}_id") for obj in objs}
                wanted = set(target_ids.values()) - {None}
                refs = dict(KINDS[kind].objects.filter(id__in=wanted).values_list("id", "ref"))
                pairs = [(pk, refs[tid]) for pk, tid in target_ids.items() if tid is not None]
            for pk, ref in pairs:
                current.setdefault((link.name, pk), []).append((kind, ref))
    return {key: sorted(value) for key, value in current.items()}


def replace_many_links(mapping: KindMapping, written, resolved) -> None:
    """Rewrite the many-to-many rows of every `many` link of the written records."""
    ids = [obj.pk for obj, _record in written]
    for link in mapping.many_links:
        for kind, name in link.fields.items():
            field = link.field(mapping.model, kind)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.filter(**{f"{source}_id__in": ids}).delete()
            through.objects.bulk_create(
                through(**{f"{source}_id": obj.pk, f"{target}_id": resolved[name][ref]})
                for obj, record in written
                for k, ref in record.links.get(link.name, [])
                if k == kind
            )


def as_objects(pairs) -> list[dict]:
    return [{"kind": kind, "ref": ref} for kind, ref in pairs]


def kind_order(pairs):
    """Links in a stable order: kinds in the registry's order, then refs."""
    order = list(KINDS)
    return sorted(pairs, key=lambda pair: (order.index(pair[0]), pair[1]))
