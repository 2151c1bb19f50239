"""Goal forms of issue 25 on text the project wrote: "FNs mål nr. N" followed by the goal's
UN statement in English, which pages quote instead of a Norwegian name."""

from __future__ import annotations

import pytest

from pipeline.nlp import shipped_model_path
from pipeline.run import process_text

pytestmark = pytest.mark.skipif(shipped_model_path() is None, reason="no shipped model here")


@pytest.mark.parametrize(
    ("statement", "goal"),
    [
        ("«Ensure healthy lives and promote well-being for all at all ages»", 3),
        ("«Take urgent action to combat climate change and its impacts»", 13),
        (
            '"Build resilient infrastructure, promote inclusive and sustainable industrialization"',
            9,
        ),
    ],
)
def test_a_goal_number_followed_by_its_un_statement_is_that_goal(statement, goal):
    text = f"Våre mål\n\nHavkraft AS jobber med FNs mål nr. {goal}: {statement}."
    profile = process_text(text)
    assert [(m.number, m.method) for m in profile.sdgs] == [(goal, "explicit")]
    assert [m.number for m in profile.organisations[0].sdgs] == [goal]


def test_a_goal_number_followed_by_another_goals_statement_is_not_confirmed():
    text = (
        "Våre mål\n\nHavkraft AS jobber med mål 4: «Take urgent action to combat climate change»."
    )
    assert 4 not in {m.number for m in process_text(text).sdgs}
