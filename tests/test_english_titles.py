"""English job titles as phrases of the rule words (pipeline/entities/english_titles.py):
their extent, read on the tokens alone, with no model."""

from __future__ import annotations

import pytest
import spacy

from pipeline.entities.english_titles import english_title_words
from pipeline.rules import RuleSet

NLP = spacy.blank("nb")
WORDS = english_title_words(RuleSet.default())


def _phrase_before(text: str, name: str) -> str | None:
    doc = NLP(text)
    first = next(t.i for t in doc if t.text == name.split()[0])
    phrase = WORDS.phrase_ending_at(doc, first - 1)
    return phrase.text if phrase is not None else None


def _phrase_from(text: str, word: str) -> str | None:
    doc = NLP(text)
    first = next(t.i for t in doc if t.text == word)
    phrase = WORDS.phrase_starting_at(doc, first)
    return phrase.text if phrase is not None else None


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("sier Chief Sustainability Officer Per Holm", "Per", "Chief Sustainability Officer"),
        ("møtte Senior Vice President Kari Lie", "Kari", "Senior Vice President"),
        ("sier ESG Manager Kari Lie", "Kari", "ESG Manager"),
        # one case through the title: "sier" is no part of it
        ("sier Manager Kari Lie", "Kari", "Manager"),
        ("sier partner Kari Lie", "Kari", "partner"),
    ],
)
def test_the_title_before_a_name_runs_back_over_its_openers(text, name, title):
    assert _phrase_before(text, name) == title


@pytest.mark.parametrize(
    ("text", "word", "title"),
    [
        (
            "Silje Moe, brand sustainability manager i Maarud",
            "brand",
            "brand sustainability manager",
        ),
        (
            "Lena Lie, Head of Sustainability Strategy & Advisory i Nordea",
            "Head",
            "Head of Sustainability Strategy & Advisory",
        ),
        ("Lena Lie, Head of Investor Relations, sier", "Head", "Head of Investor Relations"),
        # the pattern cut the name at "Manager": the title still opens at "Sustainability"
        ("Sustainability Manager Kari Nilsen i Orkla", "Manager", "Sustainability Manager"),
    ],
)
def test_the_title_after_a_name_runs_to_its_head_and_field(text, word, title):
    assert _phrase_from(text, word) == title


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Silje Moe, sustainability i Maarud", "sustainability"),  # no head word
        ("Kari Lie, Communications manager i X", "Communications"),  # the case changes
        ("Kari Lie, daglig leder i X", "daglig"),  # a Norwegian title: the tree reads it
    ],
)
def test_no_title_without_a_head_word_in_one_case(text, word):
    assert _phrase_from(text, word) is None
