"""Review decisions: find the values they judge, apply them, and score the pipeline by them.

A reviewer marks values of the HTML report correct, wrong or corrected, or adds a missing
item from a span of the article text (``models.ReviewDecision``, one a line of a JSONL file).
Every reviewable value of a profile is a ``ReviewItem`` with a field, a value and the
evidence span that identifies it (``review_items``); the report shows controls for exactly
these, and a decision finds its value again by article id + field + span + value, in this run
or a later run of the same articles. A decision that finds nothing is stale: reported, never
applied.

``apply_decisions`` writes corrected copies of the profiles to another folder (wrong values
removed, corrections applied, added items inserted with their evidence, each copy validated
as a ``Profile``); ``evaluate`` counts the verdicts per field into precision and recall.

The parts: ``items`` (the reviewable values), ``matching`` (the decisions file, and finding
what each decision judges), ``apply`` (corrected copies), ``evaluation`` (the scores).

No spaCy here: this reads finished profiles.
"""

from pipeline.decisions.apply import (
    DECISION_SCHEMA,
    REVIEWED_DIR,
    ApplyResult,
    apply_decisions,
    apply_to_profile,
    ensure_writable,
    goal_name,
    write_decision_schema,
)
from pipeline.decisions.evaluation import Evaluation, FieldScore, evaluate, format_evaluation
from pipeline.decisions.items import (
    Key,
    ReviewItem,
    SdgClaim,
    fact_items,
    item_key,
    review_items,
    sdg_claims,
)
from pipeline.decisions.matching import (
    DecisionFile,
    Matched,
    Stale,
    group_by_article,
    latest,
    match_decisions,
    profiles_with_paths,
    read_decisions,
)

__all__ = [
    "DECISION_SCHEMA",
    "REVIEWED_DIR",
    "ApplyResult",
    "DecisionFile",
    "Evaluation",
    "FieldScore",
    "Key",
    "Matched",
    "ReviewItem",
    "SdgClaim",
    "Stale",
    "apply_decisions",
    "apply_to_profile",
    "ensure_writable",
    "evaluate",
    "fact_items",
    "format_evaluation",
    "goal_name",
    "group_by_article",
    "item_key",
    "latest",
    "match_decisions",
    "profiles_with_paths",
    "read_decisions",
    "review_items",
    "sdg_claims",
    "write_decision_schema",
]
