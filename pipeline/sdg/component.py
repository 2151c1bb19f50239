"""The spaCy component ``pipeline_sdgs``: a thin wrapper that writes the explicit and theme
goals to the span groups ``sdg_explicit`` and ``sdg_theme``, saves a user's data with the
pipeline, and its scorer ``nyhetsprofil.sdg_scorer.v1``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from pipeline.sdg.catalogue import (
    GoalCatalogue,
    SdgHit,
    ThemeRule,
    load_goal_catalogue,
    load_theme_rules,
    span_label,
)
from pipeline.sdg.explicit import find_explicit
from pipeline.sdg.names import build_name_index
from pipeline.sdg.themes import build_theme_matcher, drop_overlapping, keep_worked_on, theme_hits

COMPONENT_NAME = "pipeline_sdgs"
EXPLICIT_SPAN_KEY = "sdg_explicit"
THEME_SPAN_KEY = "sdg_theme"

ResourceSource = str | Path | None


class SdgDetector:
    """Writes doc.spans["sdg_explicit"] and doc.spans["sdg_theme"], labels "SDG_<n>".

    ``goals`` and ``themes``: "default" (packaged data), a path to a user file, or None
    to switch that half off. ``theme_context``: "any" keeps every theme word (the subject
    matter), "work" only those in sentences about work on it (higher precision on
    everyday news, lower recall). Never touches doc.ents.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = COMPONENT_NAME,
        *,
        goals: ResourceSource = "default",
        themes: ResourceSource = "default",
        theme_context: Literal["work", "any"] = "any",
    ) -> None:
        self.name = name
        self.require_work = theme_context == "work"
        self.vocab = nlp.vocab
        self.scorer: Callable | None = None
        self._packaged = goals == "default" and themes == "default"
        # A saved pipeline carries its data (to_disk); the user file it was built from
        # may be gone where it is loaded, so a missing file waits for from_disk.
        self._missing = [str(s) for s in (goals, themes) if _is_missing_file(s)]
        self.catalogue = (
            None if goals is None or _is_missing_file(goals) else load_goal_catalogue(goals)
        )
        self._names = build_name_index(self.catalogue) if self.catalogue else None
        self.rules = (
            None if themes is None or _is_missing_file(themes) else load_theme_rules(themes)
        )
        self._matcher = (
            build_theme_matcher(nlp.vocab, self.rules) if self.rules is not None else None
        )

    def __call__(self, doc: Doc) -> Doc:
        if self._missing:
            raise FileNotFoundError(f"{self.name}: SDG data file(s) not found: {self._missing}")
        explicit = find_explicit(doc.text, self._names) if self._names else []
        themes = theme_hits(doc, self._matcher) if self._matcher else []
        if self.require_work:
            themes = keep_worked_on(doc.text, themes)
        themes = drop_overlapping(themes, explicit)
        doc.spans[EXPLICIT_SPAN_KEY] = _spans(doc, explicit)
        doc.spans[THEME_SPAN_KEY] = _spans(doc, themes)
        return doc

    def score(self, examples: Iterable[Example], **kwargs) -> dict[str, Any]:
        """What ``nlp.evaluate`` reports for this component (the configured scorer)."""
        return self.scorer(examples, **kwargs) if self.scorer else {}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        # Save a user's data itself, so a saved pipeline does not depend on a user file's
        # path; the packaged data is named by "default" in the config and stays in one place.
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self._packaged:
            return
        payload = {
            "goals": self.catalogue.model_dump(by_alias=True) if self.catalogue else None,
            "themes": [rule.model_dump() for rule in self.rules]
            if self.rules is not None
            else None,
        }
        (folder / "sdg_data.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SdgDetector:
        saved = Path(path) / "sdg_data.json"
        if not saved.exists():  # saved with the packaged data, which the config names
            if self._missing:
                raise FileNotFoundError(f"{self.name}: SDG data file(s) not found: {self._missing}")
            return self
        payload = json.loads(saved.read_text("utf-8"))
        goals, themes = payload["goals"], payload["themes"]
        self.catalogue = GoalCatalogue.model_validate(goals) if goals is not None else None
        self._names = build_name_index(self.catalogue) if self.catalogue else None
        self.rules = (
            [ThemeRule.model_validate(rule) for rule in themes] if themes is not None else None
        )
        self._matcher = (
            build_theme_matcher(self.vocab, self.rules) if self.rules is not None else None
        )
        self._missing = []
        return self


def _is_missing_file(source: ResourceSource) -> bool:
    return source is not None and source != "default" and not Path(source).exists()


def _spans(doc: Doc, hits: Sequence[SdgHit]) -> list[Span]:
    spans = []
    for hit in hits:
        span = doc.char_span(
            hit.start, hit.end, label=span_label(hit.number), alignment_mode="expand"
        )
        if span is not None:
            spans.append(span)
    return spans


@Language.factory(
    COMPONENT_NAME,
    requires=["token.is_sent_start"],
    assigns=["doc.spans"],  # span groups sdg_explicit and sdg_theme, labels SDG_<n>
    default_config={
        "goals": "default",
        "themes": "default",
        "theme_context": "any",
        "scorer": {"@scorers": "nyhetsprofil.sdg_scorer.v1"},
    },
    default_score_weights={f"spans_{EXPLICIT_SPAN_KEY}_{m}": None for m in "prf"},
)
def make_sdg_detector(
    nlp: Language,
    name: str,
    goals: ResourceSource,
    themes: ResourceSource,
    theme_context: Literal["work", "any"],
    scorer: Callable | None,
) -> SdgDetector:
    detector = SdgDetector(nlp, name, goals=goals, themes=themes, theme_context=theme_context)
    detector.scorer = scorer
    return detector


def score_span_groups(examples: Iterable[Example], keys: Iterable[str], **kwargs) -> dict[str, Any]:
    """Each span group of ``keys`` against the reference's group of the same name
    (``spans_<key>_p/r/f`` and per label), where the reference has it."""
    examples = list(examples)
    scores: dict[str, Any] = {}
    for key in keys:
        scores.update(
            Scorer.score_spans(
                examples,
                f"spans_{key}",
                getter=lambda doc, attr, key=key: doc.spans.get(key, []),
                has_annotation=lambda doc, key=key: key in doc.spans,
                allow_overlap=True,
                **kwargs,
            )
        )
    return scores


def score_sdgs(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    """Explicit goals and themes against the reference's span groups of the same names
    (``spans_sdg_explicit_p/r/f``, ``spans_sdg_theme_p/r/f``, each per goal too)."""
    return score_span_groups(examples, (EXPLICIT_SPAN_KEY, THEME_SPAN_KEY), **kwargs)


@registry.scorers("nyhetsprofil.sdg_scorer.v1")
def make_sdg_scorer() -> Callable:
    return score_sdgs
