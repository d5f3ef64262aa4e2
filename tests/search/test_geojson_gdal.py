"""GDAL reads the live GeoJSON endpoint as a GIS analyst's tools do (QGIS, ogr2ogr): GDAL's
`ogrinfo` (Debian's gdal-bin, installed by scripts/gdal) fetches the URL from the live server and
must find one named layer, every feature, a column type per property (numbers Real, dates Date,
lists StringList, the sample flag a boolean) and the seed's values on a known plot."""

import re
import shutil
import subprocess

import pytest

from search.backends import elasticsearch_backend
from tests.conftest import lines, run_import
from tests.search.conftest import seed_records

pytestmark = pytest.mark.django_db(transaction=True)

PLOT = "sample-lt-digital-park-a01"
VERIFIED = "2026-10-01"  # no seed record is dated: this one is, so the column is a Date
OUTLINE = {
    "type": "Polygon",
    "coordinates": [[[106.97, 10.79], [106.97, 10.81], [106.99, 10.81], [106.99, 10.79],
                     [106.97, 10.79]]],  # clockwise, as a curator may draw it
}  # fmt: skip


@pytest.fixture
def served(live_server, migrated, settings):
    settings.ALLOWED_HOSTS = ["*"]
    records = [
        {**r, "verified_on": VERIFIED}
        if r["ref"] == PLOT
        else {**r, "boundary": OUTLINE}
        if r["ref"] == "lt-digital-park"
        else r
        for r in seed_records()
    ]
    result = run_import(lines(*records), publish=True)
    assert result.ok, result.problems
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()
    return live_server.url, records


def ogrinfo(*args: str) -> str:
    program = shutil.which("ogrinfo")
    assert program, "GDAL's ogrinfo is missing: run scripts/gdal"
    done = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [program, "-ro", "-al", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_gdal_reads_one_named_layer_with_a_type_per_column_and_the_seed_values(served):
    base, records = served
    url = f"{base}/api/v1/geojson/?lang=en&include=landmarks,zones"
    summary = ogrinfo("-so", url)
    assert "Layer name: dnhub_registry" in summary
    located = sum(1 for r in records if "location" in r)  # records and landmarks
    features = located + 1  # and the one zone outline
    assert f"Feature Count: {features}" in summary
    columns = dict(re.findall(r"^(\w+): (\S+) \(", summary, re.M))
    for number in ("area_m2", "power_capacity_mw", "lease_price_usd_m2"):
        values = [r[number] for r in records if r.get(number) is not None and "location" in r]
        # Whole numbers are written without ".0" (as in every output): GDAL reads a column of
        # them as an integer column, and one with a fraction anywhere as Real.
        whole = all(float(v).is_integer() for v in values)
        assert columns[number] in (("Integer", "Integer64") if whole else ("Real",)), columns
    assert {
        "technologies": "StringList",
        "suitable_for": "StringList",
        "sample": "Integer(Boolean)",
        "verified_on": "Date",
        "status": "String",
        "zone": "String",
        "layer": "String",
    }.items() <= columns.items(), columns

    plot = next(r for r in records if r["ref"] == PLOT)
    found = ogrinfo("-where", f"ref = '{PLOT}'", url)
    values = dict(re.findall(r"^  (\w+) \([^)]*\)+ = (.*)$", found, re.M))
    assert float(values["area_m2"]) == plot["area_m2"]
    assert float(values["power_capacity_mw"]) == plot["power_capacity_mw"]
    assert float(values["lease_price_usd_m2"]) == plot["lease_price_usd_m2"]
    assert values["status"] == plot["status"] and values["zone"] == plot["zone"]
    assert (
        values["suitable_for"]
        == f"({len(plot['suitable_for'])}:" + ",".join(sorted(plot["suitable_for"])) + ")"
    )
    assert values["sample"] == "1" and values["verified_on"] == VERIFIED.replace("-", "/")
    location = plot["location"]
    assert f"POINT ({location['lon']} {location['lat']})" in found

    outline = ogrinfo("-where", "layer = 'zones'", url)
    assert "POLYGON ((106.97 10.79,106.99 10.79,106.99 10.81,106.97 10.81,106.97 10.79))" in outline
