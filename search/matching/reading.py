"""Reading an investor's request (POST /api/v1/match/, the finder's form) into a MatchSpec: every
error named by the path of the field that holds it, a preset's criteria merged beneath the
investor's own."""

import math
from collections.abc import Mapping

from django.utils.translation import gettext as _

from registry.models import Plot, Zone
from registry.plot_attributes import BY_NAME, FLAG, RANK, TECHNOLOGIES, WHOLE, PlotAttribute

from ..query import MAX_AREAS, MAX_KM, Area, InvalidQuery
from .spec import (
    CHOICE_REQUIREMENTS,
    CODES_REQUIREMENTS,
    DEFAULT_STATUS,
    FLAG_KEYS,
    LANDMARK_PREFIX,
    MAX_LIMIT,
    NUMBER_REQUIREMENTS,
    PREFERENCES,
    RAMP_PREFERENCES,
    RANK_REQUIREMENTS,
    Condition,
    MatchSpec,
    Preference,
)


class Reader:
    """Collects errors by the path of the offending field (`require.within_km[1].km`)."""

    def __init__(self, landmarks: dict[str, tuple[float, float]], technologies: set[str]):
        self.landmarks = landmarks
        self.technologies = technologies
        self.errors: dict[str, str] = {}

    def fail(self, path: str, message: str):
        self.errors.setdefault(path, message)
        return None

    def number(self, path, value, *, low=0.0, high=math.inf, whole=False):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.fail(path, _("expected a number"))
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            number = math.inf
        if not math.isfinite(number) or not low <= number <= high:
            return self.fail(
                path, _("must be between %(low)s and %(high)s") % {"low": low, "high": high}
            )
        if whole and not number.is_integer():
            return self.fail(path, _("expected a whole number"))
        return number

    def choices(self, path, value, allowed) -> tuple | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            return self.fail(path, _("expected a non-empty list"))
        bad = [v for v in value if not isinstance(v, str) or v not in allowed]
        if bad:
            return self.fail(
                path,
                _("unknown value %(values)s; expected one of: %(allowed)s")
                % {"values": ", ".join(map(str, bad)), "allowed": ", ".join(sorted(allowed))},
            )
        return tuple(dict.fromkeys(value))

    def codes(self, path, value) -> tuple | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            return self.fail(path, _("expected a non-empty list of technology codes"))
        unknown = [v for v in value if not isinstance(v, str) or v not in self.technologies]
        if unknown:
            return self.fail(
                path,
                _("unknown technology code %(codes)s") % {"codes": ", ".join(map(str, unknown))},
            )
        return tuple(dict.fromkeys(value))

    def landmark(self, path, ref) -> tuple[float, float] | None:
        if not isinstance(ref, str):
            return self.fail(path, _("expected a landmark ref"))
        if ref not in self.landmarks:
            return self.fail(path, _("unknown landmark %(ref)s") % {"ref": ref})
        return self.landmarks[ref]

    def flag(self, path, value) -> bool | None:
        if not isinstance(value, bool):
            return self.fail(path, _("expected true or false"))
        return value

    def area(self, path, value) -> Area | None:
        if not isinstance(value, dict):
            return self.fail(
                path, _('expected {"landmark": ref, "km": n} or {"point": …, "km": n}')
            )
        unknown = sorted(set(value) - {"landmark", "point", "km"})
        for key in unknown:
            self.fail(f"{path}.{key}", _("unknown field"))
        km = self.number(f"{path}.km", value.get("km"), low=0.001, high=MAX_KM)
        if ("landmark" in value) == ("point" in value):
            return self.fail(path, _("give either landmark or point"))
        if "landmark" in value:
            centre = self.landmark(f"{path}.landmark", value["landmark"])
            ref = value["landmark"]
        else:
            centre, ref = self.point(f"{path}.point", value["point"]), None
        if km is None or centre is None or unknown:
            return None
        return Area(centre[0], centre[1], km, ref)

    def point(self, path, value) -> tuple[float, float] | None:
        if not isinstance(value, dict) or set(value) != {"lat", "lon"}:
            return self.fail(path, _('expected {"lat": n, "lon": n}'))
        lat = self.number(f"{path}.lat", value["lat"], low=-90, high=90)
        lon = self.number(f"{path}.lon", value["lon"], low=-180, high=180)
        return None if lat is None or lon is None else (lat, lon)

    # -- one requirement -------------------------------------------------------------------------
    def requirement(self, key: str, value) -> list[Condition]:
        path = f"require.{key}"
        if key in NUMBER_REQUIREMENTS:
            attribute = NUMBER_REQUIREMENTS[key]
            whole = attribute.kind == WHOLE
            number = self.number(path, value, whole=whole, high=attribute.requirement_max)
            if number is None:
                return []
            target = int(number) if whole else value
            return [Condition(key, attribute.field, attribute.requirement_op, number, target)]
        if key in CHOICE_REQUIREMENTS:
            attribute = CHOICE_REQUIREMENTS[key]
            allowed = {code for code, _label in Plot._meta.get_field(attribute.name).choices}
            values = self.choices(path, value, allowed)
            return [Condition(key, attribute.field, "in", values, list(values))] if values else []
        if key == "zone_kind":
            values = self.choices(path, value, set(Zone.ZoneKind.values))
            return [Condition(key, "plot_zone_kind", "in", values, list(values))] if values else []
        if key in RANK_REQUIREMENTS:
            attribute = RANK_REQUIREMENTS[key]
            if not isinstance(value, str) or value not in attribute.ranks:
                self.fail(
                    path,
                    _("expected one of: %(allowed)s") % {"allowed": ", ".join(attribute.ranks)},
                )
                return []
            op = attribute.requirement_op
            return [Condition(key, attribute.field, op, attribute.rank(value), value)]
        if key in FLAG_KEYS:
            flag = self.flag(path, value)
            field_name = BY_NAME[key].field
            # false asks for nothing: no investor requires a plot to lack a cleanroom.
            return [Condition(key, field_name, "true", True, True)] if flag else []
        if key in CODES_REQUIREMENTS:
            codes = self.codes(path, value)
            field_name = CODES_REQUIREMENTS[key].field
            return [Condition(key, field_name, "codes", codes, list(codes))] if codes else []
        if key == "within_km":
            items = value if isinstance(value, list) else [value]
            if not 1 <= len(items) <= MAX_AREAS:
                self.fail(path, _("expected 1 to %(n)d areas") % {"n": MAX_AREAS})
                return []
            conditions = []
            for i, item in enumerate(items):
                item_path = f"{path}[{i}]" if isinstance(value, list) else path
                area = self.area(item_path, item)
                if area is not None:
                    key_i = f"within_km[{i}]" if len(items) > 1 else "within_km"
                    conditions.append(Condition(key_i, "location", "within", area, area.as_json()))
            return conditions
        self.fail(path, _("unknown requirement"))
        return []

    # -- one preference --------------------------------------------------------------------------
    def preference(self, key: str, value) -> Preference | None:
        path = f"prefer.{key}"
        if not isinstance(value, dict):
            return self.fail(path, _('expected an object such as {"weight": 2}'))
        attribute = PREFERENCES.get(key)
        kind = attribute.kind if attribute else None
        if key in RAMP_PREFERENCES or key.startswith(LANDMARK_PREFIX):
            allowed = {"weight", "target", "zero_at"}
        elif kind == TECHNOLOGIES:
            allowed = {"weight", "codes"}
        elif kind in (RANK, FLAG):
            allowed = {"weight"}
        else:
            return self.fail(path, _("unknown preference"))
        for extra in sorted(set(value) - allowed):
            self.fail(f"{path}.{extra}", _("unknown field"))
        for needed in sorted(allowed - set(value)):
            self.fail(f"{path}.{needed}", _("required"))
        if set(value) != allowed:
            return None
        weight = self.number(f"{path}.weight", value["weight"], low=0, high=100)
        if weight is not None and weight == 0:
            return self.fail(f"{path}.weight", _("must be more than 0"))
        if kind in (RANK, FLAG, TECHNOLOGIES):
            return None if weight is None else self.condition_preference(attribute, weight, value)
        # Distances stop at the far side of the Earth: beyond it Elasticsearch's decay, in
        # metres, overflows to a NaN score and fails the whole search.
        high = MAX_KM if key.startswith(LANDMARK_PREFIX) else math.inf
        target = self.number(f"{path}.target", value["target"], high=high)
        zero_at = self.number(f"{path}.zero_at", value["zero_at"], high=high)
        point = None
        if key.startswith(LANDMARK_PREFIX):
            point = self.landmark(path, key.removeprefix(LANDMARK_PREFIX))
            if None not in (target, zero_at) and target >= zero_at:
                return self.fail(
                    f"{path}.zero_at", _("must be farther than target: nearer scores more")
                )
        if None in (weight, target, zero_at) or (key.startswith(LANDMARK_PREFIX) and not point):
            return None
        if target == zero_at:
            return self.fail(f"{path}.zero_at", _("must differ from target"))
        return Preference(
            key,
            "ramp",
            "distance" if point else attribute.field,
            weight,
            0,
            target=target,
            zero_at=zero_at,
            point=point,
            shown_target=value["target"],
        )

    def condition_preference(self, attribute: PlotAttribute, weight: float, value: dict):
        """A flood risk's ramp over its ranks, or full points for a flag or a technology."""
        key, field_name = attribute.name, attribute.field
        if attribute.kind == RANK:
            lowest, highest = 0, len(attribute.ranks) - 1
            shown = attribute.ranks[0]
            return Preference(
                key,
                "ramp",
                field_name,
                weight,
                0,
                target=lowest,
                zero_at=highest,
                shown_target=shown,
            )
        if attribute.kind == TECHNOLOGIES:
            codes = self.codes(f"prefer.{key}.codes", value["codes"])
            if codes is None:
                return None
            condition = Condition(key, field_name, "codes", codes, list(codes))
            return Preference(
                key, "when", field_name, weight, 0, condition=condition, shown_target=list(codes)
            )
        condition = Condition(key, field_name, "true", True, True)
        return Preference(
            key, "when", field_name, weight, 0, condition=condition, shown_target=True
        )


def read_request(body, presets: Mapping, landmarks: dict, technologies: set[str]) -> MatchSpec:
    """A MatchSpec from the request body, merged over its preset; InvalidQuery (errors by path)
    for anything wrong that the investor wrote. A preset criterion that cannot be used (its
    landmark is not in the registry) is left out with a warning: the investor did not write it."""
    reader = Reader(landmarks, technologies)
    if not isinstance(body, dict):
        raise InvalidQuery({"body": _("expected a JSON object")})
    limit, preset, given = _envelope(reader, body, presets)
    base = preset or {"require": {}, "prefer": {}}
    warnings: list[str] = []
    conditions = _conditions(reader, warnings, base["require"], given["require"])
    preferences = _preferences(reader, warnings, base["prefer"], given["prefer"])
    if reader.errors:
        raise InvalidQuery(reader.errors)
    total = sum(p.weight for p in preferences)
    preferences = [
        Preference(**{**p.__dict__, "points": 100 * p.weight / total}) for p in preferences
    ]
    return MatchSpec(
        conditions=conditions,
        preferences=preferences,
        limit=limit,
        profile=body.get("profile"),
        technologies=tuple(preset["technologies"]) if preset else _required_codes(conditions),
        partner_roles=tuple(preset["partner_roles"]) if preset else (),
        warnings=warnings,
    )


def _envelope(reader: Reader, body: dict, presets: Mapping):
    """The body's own fields: (limit, the preset named or None, {"require": …, "prefer": …})."""
    for key in sorted(set(body) - {"profile", "require", "prefer", "limit"}):
        reader.fail(key, _("unknown field"))
    limit = body.get("limit", 20)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        reader.fail("limit", _("expected a whole number from 1 to %(max)d") % {"max": MAX_LIMIT})
    preset = None
    if body.get("profile") is not None:
        preset = presets.get(body["profile"]) if isinstance(body["profile"], str) else None
        if preset is None:
            reader.fail(
                "profile",
                _("unknown profile; expected one of: %(allowed)s")
                % {"allowed": ", ".join(sorted(presets))},
            )
    given = {}
    for part in ("require", "prefer"):
        given[part] = {} if body.get(part) is None else body[part]
        if not isinstance(given[part], dict):
            reader.fail(part, _("expected a JSON object"))
            given[part] = {}
    return limit, preset, given


def _conditions(reader: Reader, warnings: list[str], preset: dict, given: dict) -> list[Condition]:
    """The requirements: the investor's over the preset's, available plots unless told."""
    conditions: list[Condition] = []
    for key, value in {"status": DEFAULT_STATUS, **preset, **given}.items():
        if value is None:  # null removes a preset's requirement
            continue
        if key in given or key == "status" and "status" not in preset:
            conditions += reader.requirement(key, value)
        else:
            conditions += (
                _from_preset(reader, warnings, lambda k=key, v=value: reader.requirement(k, v))
                or []
            )
    return conditions


def _preferences(reader: Reader, warnings: list[str], preset: dict, given: dict) -> list:
    """The preferences: a preset's, each overridden key by key by the investor's own."""
    preferences: list[Preference] = []
    for key in dict.fromkeys([*preset, *given]):
        mine = given.get(key, {})
        if key in given and mine is None:
            continue
        # {"weight": 5} keeps the preset's target
        merged = {**preset[key], **mine} if isinstance(mine, dict) and key in preset else mine
        if key in given:
            preference = reader.preference(key, merged)
        else:
            preference = _from_preset(
                reader, warnings, lambda k=key, v=merged: reader.preference(k, v)
            )
        if preference is not None:
            preferences.append(preference)
    return preferences


def _from_preset(reader: Reader, warnings: list[str], parse):
    """Parse a preset's criterion; its errors become warnings, not the investor's 400."""
    before = dict(reader.errors)
    result = parse()
    for path in set(reader.errors) - set(before):
        warnings.append(
            _("The profile's criterion %(path)s was left out: %(reason)s")
            % {"path": path, "reason": reader.errors[path]}
        )
    reader.errors = before
    return result


def _required_codes(conditions: list[Condition]) -> tuple[str, ...]:
    return next((c.value for c in conditions if c.key == "suitable_for"), ())
