"""Which words of a query name a technology (search.textquery.read), against the taxonomy and
synonyms the migrations load."""

import re

import pytest

from registry.models import Technology
from registry.textfold import fold
from search.textquery import phrase_pattern, read

pytestmark = pytest.mark.django_db


def named(text):
    query = read(fold(text).split())
    return [(n.words, n.codes) for n in query.technologies], list(query.free_words)


def test_the_longest_name_wins_and_covers_whole_words():
    assert named("IoT chips") == ([(("iot", "chips"), ("semiconductor.iot_chips",))], [])
    assert named("IoT") == ([(("iot",), ("iot",))], [])
    assert named("data-centre Long Thành") == (
        [(("data-centre",), ("data_centre",))],
        ["long", "thanh"],
    )
    # Punctuation inside a name belongs to it; a word that merely starts like one does not.
    assert named("Packaging & testing")[0] == [
        (("packaging", "&", "testing"), ("semiconductor.packaging_testing",))
    ]
    assert named("dcx aim") == ([], ["dcx", "aim"])
    assert named("DC, AI")[0] == [(("dc,",), ("data_centre",)), (("ai",), ("ai",))]


def test_every_strategic_technology_has_synonyms_in_both_languages():
    strategic = Technology.objects.filter(is_strategic=True)
    assert strategic.count() == 7
    for tech in strategic:
        assert any(fold(s) != s.lower() for s in tech.synonyms), tech.code  # Vietnamese
        assert any(s.isascii() for s in tech.synonyms), tech.code


def test_a_new_synonym_is_read_by_the_next_query():
    assert named("vỏ chip")[0] == [(("chip",), ("semiconductor",))]
    Technology.objects.filter(code="semiconductor.packaging_testing").update(synonyms=["vỏ chip"])
    assert named("vỏ chip")[0] == [(("vo", "chip"), ("semiconductor.packaging_testing",))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (" data-centre, ", True),
        (" data centres ", False),
        (" big data centre", True),
        ("xdata centre", False),
    ],
)
def test_phrase_pattern_matches_whole_words_only(text, found):
    assert bool(re.search(phrase_pattern(("data", "centre")), text)) is found
