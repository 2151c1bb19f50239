"""Theme mentions: goals a text works on without naming them ("redusere energiforbruket"),
found by spaCy Matcher rules kept as data, with a pre-filter that finds the same matches
without testing every rule on every token, and the optional work-cue filter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.sdg.catalogue import SdgHit, ThemeRule, load_theme_rules
from pipeline.sdg.layout import TextLayout


@dataclass(frozen=True)
class ThemeMatcher:
    """The theme rules compiled: spaCy's Matcher with one key per rule id, the goal each id
    points to, and the pre-filter that finds the same matches faster (None when a rule's
    first token has a condition the filter cannot pre-test)."""

    matcher: Matcher
    goal_of: dict[str, int]
    prefilter: _FirstTokenFilter | None

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self.prefilter is None:
            return sorted(self.matcher(doc), key=lambda m: (m[1], m[2], m[0]))
        return self.prefilter.matches(doc)


def build_theme_matcher(vocab: Any, rules: Sequence[ThemeRule]) -> ThemeMatcher:
    """The theme rules as a ThemeMatcher."""
    matcher = Matcher(vocab)
    for rule in rules:
        matcher.add(rule.id, [rule.pattern])
    return ThemeMatcher(
        matcher, {rule.id: rule.goal for rule in rules}, _FirstTokenFilter.of(vocab, rules)
    )


_OPEN_WINDOW = 60  # tokens; far longer than any theme phrase


@dataclass(frozen=True)
class _RuleStart:
    """One rule: a test for its first token, and a Matcher for the rest when it is longer."""

    key: int
    first: Any  # Callable[[Token], bool]
    length: int
    matcher: Matcher | None


@dataclass(frozen=True)
class _FirstTokenFilter:
    """Theme matching without testing every rule on every token.

    spaCy's Matcher evaluates every REGEX of every rule on every token (about 50 ms for a
    1,000-word article with the packaged rules). One combined regex and two word sets find
    the few tokens a match can start at; only the rules whose first token fits are tried
    there, single-token rules directly, longer ones with their own Matcher on that window.
    The result is the same set of matches.
    """

    any_start: re.Pattern[str] | None
    words: frozenset[str]
    lemmas: frozenset[str]
    rules: tuple[_RuleStart, ...]

    @classmethod
    def of(cls, vocab: Any, rules: Sequence[ThemeRule]) -> _FirstTokenFilter | None:
        regexes: list[str] = []
        words: set[str] = set()
        lemmas: set[str] = set()
        starts: list[_RuleStart] = []
        for rule in rules:
            test = _first_token_test(rule.pattern[0], regexes, words, lemmas)
            if test is None:
                return None  # a condition we cannot pre-test: use the plain Matcher
            single = len(rule.pattern) == 1 and set(rule.pattern[0]) <= {"LOWER", "LEMMA"}
            own = None
            if not single:
                own = Matcher(vocab)
                own.add(rule.id, [rule.pattern])
            # a quantifier ("OP") makes the match length open: give it a wide window
            length = len(rule.pattern) if not any("OP" in t for t in rule.pattern) else _OPEN_WINDOW
            starts.append(_RuleStart(vocab.strings.add(rule.id), test, length, own))
        return cls(
            any_start=re.compile("|".join(regexes)) if regexes else None,
            words=frozenset(words),
            lemmas=frozenset(lemmas),
            rules=tuple(starts),
        )

    def _could_start(self, token: Any) -> bool:
        lower = token.lower_
        return (
            lower in self.words
            or (bool(self.lemmas) and token.lemma_.lower() in self.lemmas)
            or (self.any_start is not None and self.any_start.search(lower) is not None)
        )

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        found: set[tuple[int, int, int]] = set()
        for token in doc:
            if not self._could_start(token):
                continue
            for rule in self.rules:
                if not rule.first(token):
                    continue
                if rule.matcher is None:
                    found.add((rule.key, token.i, token.i + 1))
                    continue
                window = doc[token.i : min(token.i + rule.length, len(doc))]
                for key, start, end in rule.matcher(window):
                    if start == 0:
                        found.add((key, token.i, token.i + end))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _first_token_test(
    condition: dict, regexes: list[str], words: set[str], lemmas: set[str]
) -> Any:
    """A test for a first-token condition (and its part of the pre-filter), or None."""
    if set(condition) == {"LOWER"}:
        value = condition["LOWER"]
        if isinstance(value, str):
            word = value.lower()
            words.add(word)
            return lambda token, v=word: token.lower_ == v
        if isinstance(value, dict) and set(value) == {"REGEX"}:
            regexes.append(f"(?:{value['REGEX']})")
            compiled = re.compile(value["REGEX"])
            return lambda token, r=compiled: r.search(token.lower_) is not None
        if isinstance(value, dict) and set(value) == {"IN"}:
            options = frozenset(v.lower() for v in value["IN"])
            words.update(options)
            return lambda token, o=options: token.lower_ in o
    if set(condition) == {"LEMMA"}:
        value = condition["LEMMA"]
        options = frozenset(
            [value.lower()]
            if isinstance(value, str)
            else [v.lower() for v in value.get("IN", [])]
            if isinstance(value, dict) and set(value) == {"IN"}
            else []
        )
        if options:
            lemmas.update(options)
            return lambda token, o=options: token.lemma_.lower() in o
    return None


def _inside_a_name(span: Span) -> bool:
    """A capitalised word mid-sentence is most likely part of a name ("Karmsund
    Gjenvinning"), which says what a company is called, not what it works on."""
    first = span[0]
    if not first.is_title or first.i == 0:
        return False
    before = span.doc[first.i - 1]
    return not (before.is_punct or before.is_space or "\n" in before.whitespace_)


def theme_hits(doc: Doc, themes: ThemeMatcher) -> list[SdgHit]:
    by_goal: dict[int, list[Span]] = {}
    named = bytearray(len(doc))  # tokens of the names earlier components found
    for ent in doc.ents:
        named[ent.start : ent.end] = b"\x01" * len(ent)
    for match_id, start, end in themes.matches(doc):
        if _inside_a_name(doc[start:end]) or named.find(1, start, end) >= 0:
            continue  # "Folkehelseinstituttet" names a body; it is no work on goal 3
        goal = themes.goal_of[doc.vocab.strings[match_id]]
        by_goal.setdefault(goal, []).append(doc[start:end])
    hits = [
        SdgHit(goal, span.start_char, span.end_char, span.text, "theme")
        for goal, spans in by_goal.items()
        for span in filter_spans(spans)
    ]
    return sorted(hits, key=lambda h: (h.start, h.number))


@lru_cache(maxsize=4)
def _default_theme_matcher(vocab: Any) -> ThemeMatcher:
    return build_theme_matcher(vocab, load_theme_rules("default"))


# With theme_context="work", a theme word counts only where someone works on it ("Vi har
# redusert energiforbruket"), not where it is merely mentioned ("Filmen handler om livet
# i havet"). These verbs and phrases (bokmål and nynorsk) mark work, plans, commitments.
_WORK_CUE = re.compile(
    r"(?<!\w)(?:"
    r"reduser\w*|kutt\w*|halver\w*|minsk\w*|senk\w*|øk(?:e|er|te|t)|auk(?:e|ar|a)"
    r"|jobb(?:e|er|ar|a)|arbeid(?:e|er|ar|a)|sats(?:e|er|ar|a|ing\w*)|bidr(?:a|ar|eg)"
    r"|invester\w*|installer\w*|innfør\w*|hindr\w*|forebygg\w*|sikr(?:e|er|ar|a)"
    r"|frem(?:me|mer)|fremj(?:e|ar)|tilby\w*|tilbod|tilbyr|gir|gjev|stiller|stiller krav"
    r"|måle|måler|målar|sorter\w*|gjenvinn\w*|bygg(?:e|er|jer|jar)|bygges|byggjast"
    r"|fokus|prioriter\w*|tiltak\w*|nulltoleranse|krav|ansvar|skal|vil|ønsk\w*|mål(?:et|a)?"
    r"|går over|gått over|bytt\w*|skift\w*|ta(?:tt|r|k)? i bruk|tek i bruk|levere\w*"
    r"|rydd\w*|delta\w*|sertifiser\w*|vern\w*|ta vare|tek vare|tar vare|legg(?:e|er)? vekt"
    r"|bruk(?:e|er|ar)|dyrk\w*|plant\w*|lær(?:e|er|ar)|satt\w* opp|utvikl\w*|spar(?:e|er|ar|te)"
    r")(?!\w)",
    re.IGNORECASE,
)


def find_theme_sdgs(
    doc: Doc, rules: Sequence[ThemeRule] | None = None, *, require_work: bool = False
) -> list[SdgHit]:
    """Goals the text is about without naming them, from the theme rules (default:
    packaged). With ``require_work`` a theme word counts only in a sentence that speaks
    of work on it (see _WORK_CUE): fewer false themes in everyday news, fewer found."""
    themes = (
        _default_theme_matcher(doc.vocab)
        if rules is None
        else build_theme_matcher(doc.vocab, rules)
    )
    hits = theme_hits(doc, themes)
    return keep_worked_on(doc.text, hits) if require_work else hits


def keep_worked_on(text: str, hits: Sequence[SdgHit]) -> list[SdgHit]:
    """The theme hits whose sentence has a work cue (a verb of doing, planning, committing)."""
    ctx = TextLayout.of(text)
    return [h for h in hits if _WORK_CUE.search(text, *ctx.sentence_at(h.start))]


def drop_overlapping(themes: Iterable[SdgHit], explicit: Sequence[SdgHit]) -> list[SdgHit]:
    """Theme hits inside an explicit mention are the goal's name, not a theme."""
    return [t for t in themes if not any(e.start < t.end and t.start < e.end for e in explicit)]
