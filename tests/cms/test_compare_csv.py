"""The comparison's CSV is a spreadsheet too: names from the data never run as formulas."""

import csv
import io

import pytest

from registry.interchange.spreadsheet import FORMULA_TRIGGERS
from tests.conftest import PLOT, ZONE

pytestmark = pytest.mark.django_db


def test_compare_csv_quotes_names_that_would_start_a_formula(client, publish):
    attack = '=HYPERLINK("http://evil.example/","Bấm")'
    publish(ZONE | {"name": attack, "name_en": attack}, PLOT | {"name": "+Lô A01"})
    client.post("/en/compare/add/", {"ref": PLOT["ref"], "next": "/en/compare/"})
    text = client.get("/en/compare/?format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    assert "'" + attack in cells  # the zone's row, quoted, not dropped
    assert any(row[0] == "Area (m²)" and row[1] == "42000" for row in rows)  # a number
