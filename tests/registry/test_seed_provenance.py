"""The seeds' provenance (issue #14): every real record cites its sources from
shared/data/dongnai-facts.md; invented ones cite none, and none carries a verification the facts
file does not give (it says when its sources were checked, "up to March 2026", but no day)."""

import json
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REAL = ["01_landmarks.jsonl", "02_zones.jsonl", "03_real_enterprises.jsonl", "04_real_rd.jsonl"]
# The facts file gives no source for the Long Thành park's point of presence (a plan's target).
UNSOURCED = {"lt-digital-park-pop"}


def records(name):
    return [json.loads(line) for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()]


def test_real_records_cite_their_sources_and_samples_none():
    for name in REAL:
        for record in records(name):
            if record["ref"] in UNSOURCED:
                assert "source" not in record
                continue
            parts = record["source"].split(" · ")
            assert all(part.startswith("https://") for part in parts), record["ref"]
            assert len(record["source"]) <= 500
    assert not any("source" in r or "verified_by" in r for r in records("10_sample.jsonl"))


def test_no_seed_claims_a_verification():
    for name in [*REAL, "10_sample.jsonl"]:
        assert not any("verified_on" in r or "verified_by" in r for r in records(name))


def test_sample_challenges_and_experts_say_they_are_samples_in_their_source():
    for record in records("11_sample_challenges_experts.jsonl"):
        assert "Invented sample data" in record["source"], record["ref"]
        assert record["sample"] is True and record["ref"].startswith("sample-")
