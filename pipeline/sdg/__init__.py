"""Find the UN Sustainable Development Goals (SDGs, "bærekraftsmål") in Norwegian text.

Two kinds of evidence, kept apart because an analyst weighs them differently:

* explicit: the text names a goal, by number tied to an SDG cue ("bærekraftsmål 13",
  "SDG 7", "8: Anstendig arbeid og økonomisk vekst") or by its name ("Stoppe
  klimaendringene"). Precision matters most: a bare number is a goal only when a cue
  ties it, so years, dates, counts ("de 17 bærekraftsmålene"), percentages, money and
  question numbering never become goals.
* theme: the text works on a goal without naming it ("redusere energiforbruket").
  Found with spaCy's Matcher from keyword rules kept as data.

The goal catalogue (resources/sdg_goals.json) and the theme rules
(resources/sdg_themes.jsonl) are data; this module holds the logic. The spaCy component
``pipeline_sdgs`` is a thin wrapper writing the span groups ``sdg_explicit`` and
``sdg_theme``.

One module a concern: ``catalogue`` (the data and its models), ``layout`` (sentences and
paragraphs), ``names`` (goal names, also misspelt), ``explicit`` and ``themes`` (the two
kinds of evidence), ``component`` (the spaCy component and its scorer). This package
re-exports their public names, and ``make_sdg_detector`` stays here for the
``spacy_factories`` entry point ``pipeline.sdg:make_sdg_detector``.
"""

from __future__ import annotations

from pipeline.sdg.catalogue import (
    GOAL_NUMBERS,
    Goal,
    GoalCatalogue,
    GoalName,
    NameContext,
    SdgHit,
    SdgHow,
    ThemeRule,
    goal_name,
    load_goal_catalogue,
    load_theme_rules,
    read_resource,
    span_label,
)
from pipeline.sdg.component import (
    COMPONENT_NAME,
    EXPLICIT_SPAN_KEY,
    THEME_SPAN_KEY,
    ResourceSource,
    SdgDetector,
    make_sdg_detector,
    make_sdg_scorer,
    score_sdgs,
    score_span_groups,
)
from pipeline.sdg.explicit import find_explicit_sdgs
from pipeline.sdg.layout import TextLayout
from pipeline.sdg.names import is_goal_name, near_goal_name
from pipeline.sdg.themes import (
    ThemeMatcher,
    build_theme_matcher,
    drop_overlapping,
    find_theme_sdgs,
    keep_worked_on,
)

__all__ = [
    "COMPONENT_NAME",
    "EXPLICIT_SPAN_KEY",
    "GOAL_NUMBERS",
    "Goal",
    "GoalCatalogue",
    "GoalName",
    "NameContext",
    "ResourceSource",
    "SdgDetector",
    "SdgHit",
    "SdgHow",
    "THEME_SPAN_KEY",
    "TextLayout",
    "ThemeMatcher",
    "ThemeRule",
    "build_theme_matcher",
    "drop_overlapping",
    "find_explicit_sdgs",
    "find_theme_sdgs",
    "goal_name",
    "is_goal_name",
    "keep_worked_on",
    "load_goal_catalogue",
    "load_theme_rules",
    "make_sdg_detector",
    "make_sdg_scorer",
    "near_goal_name",
    "read_resource",
    "score_sdgs",
    "score_span_groups",
    "span_label",
]
