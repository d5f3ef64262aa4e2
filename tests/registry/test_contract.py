"""The models and the interchange mapping carry exactly the fields of the contract in docs/."""

import json

import pytest

from registry.interchange.mapping import mapping_for
from registry.models import KINDS
from tests.conftest import DOCS


@pytest.fixture(scope="module")
def schema():
    return json.loads((DOCS / "interchange.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_spec_key_is_mapped_and_no_other(schema, kind):
    definition = schema["$defs"][kind]
    mapping = mapping_for(kind)
    assert mapping.keys == set(definition["properties"])
    assert mapping.required == set(definition["required"])


@pytest.mark.parametrize("kind", list(KINDS))
def test_enumerations_match_the_spec(schema, kind):
    properties = schema["$defs"][kind]["properties"]
    model = KINDS[kind]
    for name, prop in properties.items():
        enum = prop.get("enum") or prop.get("items", {}).get("enum")
        if not enum or name == "kind":
            continue
        field = model._meta.get_field(name)
        choices = getattr(field, "item_choices", None) or field.choices
        assert {key for key, _label in choices} == {v for v in enum if v is not None}, name
