"""Scoring the pipeline by review decisions: the verdicts counted per field into precision
and recall."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from models import ADDABLE_FIELDS, REVIEW_FIELDS
from pipeline.decisions.matching import (
    Stale,
    group_by_article,
    latest,
    match_decisions,
    profiles_with_paths,
    read_decisions,
)


@dataclass
class FieldScore:
    correct: int = 0
    wrong: int = 0
    corrected: int = 0
    added: int = 0  # items the pipeline missed, added by a reviewer
    found_now: int = 0  # added items this output already holds (found since the review)

    @property
    def judged(self) -> int:
        return self.correct + self.wrong + self.corrected

    @property
    def precision(self) -> float | None:
        return self.correct / self.judged if self.judged else None

    @property
    def found(self) -> int:
        """Items the pipeline found: values marked correct or corrected (a real item, its value
        maybe mistyped) and added items it holds now."""
        return self.correct + self.corrected + self.found_now

    @property
    def recall(self) -> float | None:
        total = self.found + self.added
        return self.found / total if self.added + self.found_now and total else None


@dataclass
class Evaluation:
    fields: dict[str, FieldScore]
    stale: list[Stale]
    errors: list[str]
    decisions: int  # decisions read (after a later line replaced an earlier one)

    @property
    def total(self) -> FieldScore:
        return _sum(self.fields.values())

    @property
    def total_addable(self) -> FieldScore:
        """Summed over the fields items can be added to: the base of the overall recall."""
        return _sum(s for name, s in self.fields.items() if name in ADDABLE_FIELDS)


def _sum(scores: Iterable[FieldScore]) -> FieldScore:
    total = FieldScore()
    for score in scores:
        for name in ("correct", "wrong", "corrected", "added", "found_now"):
            setattr(total, name, getattr(total, name) + getattr(score, name))
    return total


def evaluate(out_dir: Path, decisions_path: Path) -> Evaluation:
    """Count the decisions that still match the profiles of ``out_dir``, per field."""
    read = read_decisions(decisions_path)
    decisions = latest(read.decisions)
    by_article = group_by_article(decisions)
    scores = {name: FieldScore() for name in REVIEW_FIELDS}
    stale: list[Stale] = []
    seen: set[str] = set()
    for _, profile in profiles_with_paths(out_dir):
        seen.add(profile.article.id)
        matched, gone = match_decisions(profile, by_article.get(profile.article.id, []))
        stale += gone
        for m in matched:
            score = scores[m.decision.field]
            verdict = m.decision.verdict
            if verdict == "added":
                if m.found_now:
                    score.found_now += 1
                else:
                    score.added += 1
            else:
                setattr(score, verdict, getattr(score, verdict) + 1)
    for article_id, missing in by_article.items():
        if article_id not in seen:
            stale += [Stale(d, "no profile of this article") for d in missing]
    used = {name: s for name, s in scores.items() if s.judged or s.added or s.found_now}
    return Evaluation(used, stale, read.errors, len(decisions))


def format_evaluation(result: Evaluation) -> str:
    """The table ``pipeline evaluate`` prints: counts, precision and recall per field."""

    def figure(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    header = ("field", "correct", "wrong", "corrected", "added", "precision", "recall")
    rows = [header]
    for name, s in [*result.fields.items(), ("all", result.total)]:
        addable = result.total_addable if name == "all" else s
        recall = addable.recall if name in (*ADDABLE_FIELDS, "all") else None
        added = str(s.added) if name in (*ADDABLE_FIELDS, "all") else "-"
        rows.append(
            (
                name,
                str(s.correct),
                str(s.wrong),
                str(s.corrected),
                added,
                figure(s.precision),
                figure(recall),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r)
        )
        for r in rows
    ]
    lines.append(
        "precision = correct / (correct + wrong + corrected); recall = found / (found + added), "
        "found = correct + corrected (+ added items this output now holds)"
    )
    lines.append(f"{len(result.stale)} stale decision(s) (they match nothing in this output)")
    lines += [f"  stale: {s}" for s in result.stale]
    return "\n".join(lines)
