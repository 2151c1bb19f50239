"""Attribution: which organisation claims each SDG the ``pipeline_sdgs`` component found.

``pipeline_sdgs`` only finds goals; who claims one is read here, for the component
``pipeline_goal_attribution``, from the organisations and where each is mentioned, the
sections they own, quotes (``pipeline_organisations``, ``pipeline_person_organisations``),
the tree's readings (``pipeline_goal_owners``) and the layout of the text. In order, the first that applies decides:

1. the section the goal stands in, headed or led by an organisation ("Holzweiler:");
2. a heading line above it in the same section that names an organisation;
3. the quote it stands in, when the speaker's organisation is known;
4. the clause that claims it: its subject. A collective subject ("Nettverket",
   "De fem bedriftene") gives the goal to the article, not to an organisation; a
   pronoun or a noun pointing back ("Vi", "Selskapet") to the organisation named last
   before it in the paragraph; else the organisation named first in the clause, then
   in the sentence (also after the goal: "..., sier Vindheim Energi");
5. the paragraph or list item that opens with a company's name;
6. the only organisation the text names (a company's own page);
7. else the article (None).

A mention counts only where the entity component did not read the words as a place, so
"rundt Mjøsa" never gives goals to Mjøsa Emballasje AS. No organisation gets a goal only
because it was named last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.entities import PLACE_SPANS, spans_of
from pipeline.organisations import OrgDraft, mention_spans
from pipeline.relations import (
    VOICE_RULES,
    authored_by_offset,
    co_owners_by_offset,
    owners_by_offset,
    self_presenting_voice,
)
from pipeline.rules import RuleSet, per_rule_set
from pipeline.sdg import EXPLICIT_SPAN_KEY, THEME_SPAN_KEY, TextLayout, is_goal_name
from pipeline.text import alternation, fact_box_label, kind_named_by

__all__ = ["Claims", "claim_goals", "owner_of"]

SPAN_GROUPS = (EXPLICIT_SPAN_KEY, THEME_SPAN_KEY)
_HEADING_MAX_WORDS = 8
_SECTION_TITLE_MAX_WORDS = 6

Stretch = tuple[int, int, str]  # (start, end, organisation)


@dataclass
class Claims:
    """What a goal's owner is read from: the text, where each organisation is mentioned,
    the sections organisations head, quotes of speakers whose organisation is known, and
    blocks that open with a company's name. All offsets are into ``text``."""

    text: str
    rules: RuleSet  # the rules the Doc was made with (RuleSet.of)
    mentions: list[Stretch] = field(default_factory=list)
    sections: list[Stretch] = field(default_factory=list)
    speakers: list[Stretch] = field(default_factory=list)
    leaders: list[Stretch] = field(default_factory=list)
    # goal offset -> where its owner is named and the rule that read it (pipeline_goal_owners)
    syntactic: dict[int, tuple[int, int, str]] = field(default_factory=dict)
    # where a page that speaks as "vi i X" names X, and how it was read (pipeline_goal_owners)
    voice: tuple[int, int, str] | None = None
    # who wrote the goals ("FN"): named as the claimant, they claim none (pipeline_goal_owners)
    authors: frozenset[str] = frozenset()
    # goal offsets a clause gives to the goals' authors (pipeline_goal_owners)
    authored: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        self.mentions = sorted(self.mentions)
        self.layout = TextLayout.of(self.text)


class _Article:
    """The claimant is the article or a group, not one organisation: stop looking."""


_ARTICLE = _Article()


def claim_goals(
    doc: Doc,
    sections: list[Stretch],
    drafts: list[OrgDraft],
    speakers: list[Stretch],
    leaders: list[Stretch],
    rules: RuleSet,
) -> None:
    """Write on every SDG span of ``doc`` the organisation that claims it and the rule that
    decided (``span._.claimed_by``, ``span._.claim_rule``; None for the article).
    ``sections``: those organisations own; ``speakers``: quotes whose speaker's
    organisation is known; ``leaders``: blocks that open with a company's name."""
    text = doc.text
    claims = Claims(
        text,
        rules,
        mentions=organisation_mentions(text, doc, drafts),
        sections=sections,
        speakers=speakers,
        leaders=leaders,
        syntactic=owners_by_offset(doc),
        voice=self_presenting_voice(doc),
        authors=frozenset(doc._.goal_authors or ()),
        authored=authored_by_offset(doc),
    )
    co_owners = co_owners_by_offset(doc)
    for key in SPAN_GROUPS:
        for span in doc.spans.get(key, []):
            owner, rule = owner_and_rule(claims, span.start_char)
            span._.claimed_by = owner
            span._.claim_rule = rule if owner else None
            if rule == "claim_subject":  # "NMBU og Nofima kan bidra til mål 2": both claim it
                span._.also_claimed_by = _named_at(claims, co_owners.get(span.start_char, []))
            elif rule in ("clause_subject", "clause") and owner:
                span._.also_claimed_by = _coordinated_after(claims, owner, span.start_char)


def _named_at(claims: Claims, where: list[tuple[int, int]]) -> list[str] | None:
    """The organisations named at these places, each once, in order."""
    names = [
        next((org for s, e, org in claims.mentions if s < end and start < e), None)
        for start, end in where
    ]
    return list(dict.fromkeys(n for n in names if n)) or None


_COORDINATION = re.compile(r"\s*(?:,|og|,\s*og)\s*$")


def _coordinated_after(claims: Claims, owner: str, offset: int) -> list[str] | None:
    """The organisations named right after the owner in the goal's sentence, joined to it by
    "og" or a comma ("NMBU og Nofima sammen kan bidra til ... mål 2"), when no parse read the
    clause: the subject is all of them."""
    sent_start, _ = claims.layout.sentence_at(offset)
    before = [m for m in claims.mentions if sent_start <= m[0] < offset]
    at = next((i for i, m in enumerate(before) if m[2] == owner), None)
    if at is None:
        return None
    joined: list[str] = []
    end = before[at][1]
    for start, next_end, org in before[at + 1 :]:
        if not _COORDINATION.match(claims.text[end:start]) or org.lower() in claims.authors:
            break
        joined.append(org)
        end = next_end
    return list(dict.fromkeys(o for o in joined if o != owner)) or None


def organisation_mentions(text: str, doc: Doc, drafts: list[OrgDraft]) -> list[Stretch]:
    """Where each organisation is named, under any of its names, except where the entity
    component read the same words as a place ("rundt Mjøsa")."""
    places = [(s.start_char, s.end_char) for s in spans_of(doc, PLACE_SPANS)]
    found = []
    for draft in drafts:
        for start, end in mention_spans(text, draft.names()):
            if text[start:end] != draft.name and any(s < end and start < e for s, e in places):
                continue
            found.append((start, end, draft.name))
    return found


def owner_of(claims: Claims, offset: int) -> str | None:
    """The organisation that claims what stands at ``offset``, or None (the article)."""
    return owner_and_rule(claims, offset)[0]


def owner_and_rule(claims: Claims, offset: int) -> tuple[str | None, str | None]:
    """The owner of what stands at ``offset`` and the rule that decided, first rule first:
    the tree's reading, then the layout's."""
    if offset in claims.authored:
        return None, None
    for rule, step in _OWNER_RULES:
        owner = step(claims, offset)
        if owner is _ARTICLE:
            if _an_own_initiative(claims, offset):  # "Satsingen er knytt til mål 8", own page
                return _page_voice(claims), "self_presenting_page"
            return None, None
        if owner is not None and owner.lower() in claims.authors:
            if rule == "heading" or _named_as_author(claims, offset):
                continue  # "FN bærekraftsmål 8: ...": whose list it is; someone else may claim it
            return None, None  # "FNs medlemsland vedtok 17 mål ...": the UN's, no one claims
        if owner is not None:
            if rule in ("tree", "tree_voice"):
                rule = claims.syntactic[offset][2]  # claim_subject, first_person, ...
            return owner, rule  # type: ignore[return-value]
    return None, None


def _named_as_author(claims: Claims, offset: int) -> bool:
    """Whether the goal's line names the UN only as the goals' author, right before the
    goal word ("FN bærekraftsmål 8", "FNs bærekraftsmål 12"), not as a clause's actor."""
    line_start = claims.text.rfind("\n", 0, offset) + 1
    authors = [
        end
        for start, end, org in claims.mentions
        if org.lower() in claims.authors and line_start <= start and end <= offset
    ]
    return bool(authors) and bool(_goal_owner_phrase(claims.rules).match(claims.text, max(authors)))


def _an_own_initiative(claims: Claims, offset: int) -> bool:
    """Whether the clause's subject is an initiative, not a group of others ("Satsingen",
    "Prosjektet", not "Bedriftene"): on a page that presents itself it is the page's."""
    if claims.voice is None or claims.voice[2] != "voice_statement":
        return False  # only a page that names itself in the first person owns its initiatives
    subject = _subject_at(claims, _clause_start(claims, offset))
    words = {w.lower() for w in claims.rules.entity.non_company_words_before}
    return bool(subject and (subject.group("collective") or "").lower() in words)


_OWNER_RULES = (
    ("tree", lambda c, o: _read_from_the_sentence(c, o)),
    ("section", lambda c, o: _inside(c.sections, o)),
    ("quote", lambda c, o: _inside(c.speakers, o)),
    ("tree_voice", lambda c, o: _read_from_the_sentence(c, o, voice=True)),
    ("introducing_noun", lambda c, o: _described(c, o)),
    ("clause_subject", lambda c, o: _named_subject(c, o)),
    ("heading", lambda c, o: _heading_above(c, o)),
    ("clause", lambda c, o: _claimant(c, o)),
    ("list_leader", lambda c, o: _led_by(c, o)),
    ("only_organisation", lambda c, o: _only_organisation(c)),
    ("only_organisation_before", lambda c, o: _only_organisation_before(c, o)),
    ("self_presenting_page", lambda c, o: _page_voice(c)),
)


def _read_from_the_sentence(claims: Claims, offset: int, voice: bool = False) -> str | None:
    """The organisation the clause's subject names, as the parse shows it (the component
    ``pipeline_goal_owners``), when it is one of the article's organisations. With
    ``voice``: the organisation the page speaks for, where the clause says "vi" (weaker than
    the section or the quote the goal is in, so asked for after them)."""
    where = claims.syntactic.get(offset)
    if where is None or (where[2] in VOICE_RULES) != voice:
        return None
    start, end, _ = where
    return next((org for s, e, org in claims.mentions if s < end and start < e), None)


def _led_by(claims: Claims, offset: int) -> str | None:
    """The company a block opens with claims the goals of the block's sentences ("Jessheim
    Betong AS – betongbedrift. Jobber med bærekraftsmål 9 og 12."), except of a later
    sentence about a group ("Rundt Mjøsa jobber kommunene med ...")."""
    leader = next(((s, org) for s, e, org in claims.leaders if s <= offset <= e), None)
    if leader is None:
        return None
    sent_start, sent_end = claims.layout.sentence_at(offset)
    if sent_start <= leader[0] or _points_back(claims, sent_start, offset):
        return leader[1]
    if _collective(claims.rules).search(claims.text, sent_start, sent_end):
        return None  # the sentence has a subject of its own
    return leader[1]  # "Jobber med bærekraftsmål 9 og 12.": the company's, without a subject


def _only_organisation(claims: Claims) -> str | None:
    """A page or article that names one organisation only is about it: its goals are that
    organisation's unless a sentence gives them to a group (handled before)."""
    named = {
        org
        for start, end, org in claims.mentions
        if not _goal_owner_phrase(claims.rules).match(claims.text, end)  # "FNs bærekraftsmål"
        and org.lower() not in claims.authors  # "FN forventer ...": never an owner
    }
    return named.pop() if len(named) == 1 else None


def _only_organisation_before(claims: Claims, offset: int) -> str | None:
    """A page that opens with one organisation and lists goals before it names another
    ("SpareBank 1 Østlandet har utarbeidet et rammeverk ... følgende bærekraftsmål: 7 ...",
    then the bank's adviser): the goals are that organisation's, as on a page that names
    only it."""
    named = {
        org
        for start, end, org in claims.mentions
        if start < offset
        and not _goal_owner_phrase(claims.rules).match(claims.text, end)
        and org.lower() not in claims.authors
    }
    return named.pop() if len(named) == 1 else None


def _page_voice(claims: Claims) -> str | None:
    """On a page that presents itself ("Vi i SpareBank 1 Sørøst-Norge ..."), a goal no
    sentence gives to anyone is the page's: "Satsingen er knyttet til bærekraftsmål 8"."""
    if claims.voice is None:
        return None
    start, end, _ = claims.voice
    return next((org for s, e, org in claims.mentions if s < end and start < e), None)


def _inside(stretches: Sequence[Stretch], offset: int) -> str | None:
    return next((org for start, end, org in stretches if start <= offset <= end), None)


# --- headings ------------------------------------------------------------------------


def _heading_above(claims: Claims, offset: int) -> str | None:
    """The organisation a heading line above names ("Bedrift: Holm Bygg", "Holm Bygg:"),
    looking up through the lines of the same section (a short title line ends it)."""
    text = claims.text
    line_end = text.rfind("\n", 0, offset)
    while line_end > 0:
        line_start = text.rfind("\n", 0, line_end) + 1
        line = text[line_start:line_end]
        label_start = line_start + _label_offset(line, claims.rules)
        org = _heading_org(claims, line, label_start)
        if org:
            return org
        if _is_section_title(line):
            return None
        line_end = line_start - 1
    return None


def _label_offset(line: str, rules: RuleSet) -> int:
    stripped = line.lstrip()
    prefix = fact_box_label(rules).match(stripped)
    return len(line) - len(stripped) + (prefix.end() if prefix else 0)


def _heading_org(claims: Claims, line: str, label_start: int) -> str | None:
    """A heading is short and holds nothing else: "Name: Vi har valgt 14" is an answer."""
    label = line.strip().rstrip(":").strip()
    label = fact_box_label(claims.rules).sub("", label)
    if (
        not label
        or ":" in label
        or len(label.split()) > _HEADING_MAX_WORDS
        or label.endswith((".", "!", "?"))
    ):
        return None
    return next((org for start, _, org in claims.mentions if start == label_start), None)


def _is_section_title(line: str) -> bool:
    """A short title line ("Veien videre") ends an organisation's section. Lines ending
    in ":" ("Om bærekraftsmål:") are questions within a section, not titles."""
    stripped = line.strip()
    if re.match(r"[A-ZÆØÅ][\wæøå]{1,20}:\s+\S", stripped):
        return False  # a fact-box line ("Stad: Førde"), inside the box, not a new section
    if is_goal_name(stripped):
        return False  # an item of a list of goals
    return (
        0 < len(stripped.split()) <= _SECTION_TITLE_MAX_WORDS
        and not re.search(r"[.!?:]$|\d", stripped)
        and not re.match(r"[–—\-•*]", stripped)
    )


# --- the clause that claims it -------------------------------------------------------


def _claimant(claims: Claims, offset: int) -> str | _Article | None:
    text = claims.text
    sent_start, sent_end = claims.layout.sentence_at(offset)
    clause_start = _clause_start(claims, offset)
    named = _first_named(claims, clause_start, offset)
    subject = _subject_at(claims, clause_start)
    if subject and not (named and _starts_at(text, subject.end(), claims, named)):
        if subject.group("collective"):
            return _ARTICLE  # "Nettverket har valgt ...", "De fem bedriftene jobber med ..."
        pointer = subject.group("pointer").lower()
        before = _of_the_kind(claims, pointer, sent_start, clause_start) or _named_before(
            claims, sent_start, clause_start
        )
        if before or not (
            pointer in claims.rules.org["subject_pronouns"] or _names_a_kind(claims, pointer)
        ):
            return before or _ARTICLE  # "Konsernet har sluttet seg til FN ... og rapporterer"
    return (
        named
        or _first_named(claims, sent_start, offset)
        or _first_named(claims, sent_start, sent_end)
        or (
            _named_before(claims, sent_start, sent_start)
            if _points_back(claims, sent_start, offset)
            else None
        )
    )


def _subject_at(claims: Claims, clause_start: int) -> re.Match[str] | None:
    """The group or the word pointing back that opens the clause, unless an organisation's
    name opens it: "Sparebanken Sunnfjord har valt ..." names the bank, it points nowhere."""
    subject = _subject(claims.rules).match(claims.text, clause_start)
    if subject is None:
        return None
    word_start = subject.start() + len(subject.group()) - len(subject.group().lstrip())
    if any(start == word_start and end > subject.end() for start, end, _ in claims.mentions):
        return None  # the word opens a longer name; the word alone ("Nettverket") still points
    return subject


def _names_a_kind(claims: Claims, pointer: str) -> bool:
    """ "Banken", "Kommunen": a body's kind, which points back only when a body was named
    before; with none ("Kommunen og Havlys Bryggeri samarbeider ..."), the clause's name decides."""
    nouns = tuple(claims.rules.org["pointing_nouns"])
    return pointer.endswith(nouns) and not pointer.endswith(
        tuple(claims.rules.org["org_head_nouns"])
    )


def _starts_at(text: str, offset: int, claims: Claims, org: str) -> bool:
    """Whether ``org`` is named right at ``offset`` ("Selskapet Havlys AS har ...")."""
    at = offset + len(text[offset:]) - len(text[offset:].lstrip())
    return any(s == at and o == org for s, _, o in claims.mentions)


_WORD_AND_SPACE = re.compile(r"[^\W\d_][\wæøåÆØÅ-]* ")  # a word and the space after it


def _described(claims: Claims, offset: int) -> str | None:
    """A goal read from the noun that introduces a name is that organisation's:
    "solenergiselskapet Fjordlys Energi AS"."""
    word_end = _WORD_AND_SPACE.match(claims.text, offset)
    at = word_end.end() if word_end else offset
    return next((org for s, _, org in claims.mentions if s == at and at > offset), None)


def _clause_start(claims: Claims, offset: int) -> int:
    sent_start, _ = claims.layout.sentence_at(offset)
    return max(
        (m.end() for m in _clause_break(claims.rules).finditer(claims.text, sent_start, offset)),
        default=sent_start,
    )


def _named_subject(claims: Claims, offset: int) -> str | None:
    """The organisation named in the clause before the goal, when the clause does not open
    with a group or a word pointing back: "NAV Agder ... skal hjelpe bedriftene med å finne
    lærlinger" is NAV Agder's even under a heading that names someone else."""
    clause_start = _clause_start(claims, offset)
    named = _first_named(claims, clause_start, offset)
    subject = _subject_at(claims, clause_start)
    if named and subject and not _starts_at(claims.text, subject.end(), claims, named):
        return None
    return named


def _first_named(claims: Claims, start: int, end: int) -> str | None:
    return next((org for s, _, org in claims.mentions if start <= s < end), None)


def _named_before(claims: Claims, sent_start: int, clause_start: int) -> str | None:
    """What "Selskapet" or "Vi" points back to: the organisation named first in the
    sentence before the clause, else in the nearest earlier sentence of the paragraph
    that names one (the subject comes first far more often than it comes last)."""
    in_sentence = _first_named(claims, sent_start, clause_start)
    if in_sentence:
        return in_sentence
    paragraph = claims.layout.paragraph_at(sent_start)
    for start, end in reversed(claims.layout.sentences):
        if end <= sent_start and start >= paragraph[0]:
            if named := _first_named(claims, start, end):
                return named
    return None


def _of_the_kind(claims: Claims, noun: str, sent_start: int, clause_start: int) -> str | None:
    """The organisation named last before the clause, in its paragraph, whose name holds the
    kind the noun pointing back names: "..., mens banken har valgt mål 8" is the bank's."""
    kind = kind_named_by(noun)  # None for "vi", "me": too short to name a kind
    if kind is None:
        return None
    paragraph_start = claims.layout.paragraph_at(sent_start)[0]
    named = [
        org
        for start, _, org in claims.mentions
        if paragraph_start <= start < clause_start and kind in org.lower()
    ]
    return named[-1] if named else None


def _points_back(claims: Claims, start: int, end: int) -> bool:
    return _pointer(claims.rules).search(claims.text, start, end) is not None


@per_rule_set
def _clause_break(rules: RuleSet) -> re.Pattern[str]:
    conjunctions = alternation(rules.org["clause_conjunctions"])
    return re.compile(rf";\s*|,\s+(?:{conjunctions})\s+", re.IGNORECASE)


def _collectives(rules: RuleSet) -> str:
    """A group as a subject: "De", "Alle", "Bedriftene", or a compound of a group noun
    ("Energiselskapene", "Klimanettverket")."""
    words = rules.org["collective_subjects"] + rules.entity.non_company_words_before
    nouns = [w for w in words if len(w) > 4]
    short = [w for w in words if len(w) <= 4]
    # "De", "Alle" as pronouns; before a plural noun that names no group they only
    # determine it ("De ulike prosjektene retter seg mot mål 3": the projects, no group)
    determiner = r"(?!\s+(?:[\wæøå]+\s+)?[\wæøå]+(?:ene|ane)(?![\wæøå]))"
    return rf"[\wæøå]*(?:{alternation(nouns)})|(?:{alternation(short)}){determiner}"


def _pointer_words(rules: RuleSet) -> str:
    """ "Selskapet", "Gjenvinningsselskapet" (a compound of a pointing noun), "Banken", "Vi"."""
    nouns = alternation(rules.org["org_head_nouns"] + rules.org["pointing_nouns"])
    return rf"[\wæøå]*(?:{nouns})|{alternation(rules.org['subject_pronouns'])}"


@per_rule_set
def _subject(rules: RuleSet) -> re.Pattern[str]:
    """A clause that opens with a collective ("De fem bedriftene", "Nettverket") or a word
    pointing back ("Selskapet", "Vi", "Konsernet") as its subject."""
    return re.compile(
        rf"\s*(?:(?P<collective>(?:(?:de|dei|alle)\s+(?:\w+\s+)?)?(?:{_collectives(rules)}))"
        rf"|(?P<pointer>{_pointer_words(rules)}))(?!\w)",
        re.IGNORECASE,
    )


@per_rule_set
def _goal_owner_phrase(rules: RuleSet) -> re.Pattern[str]:
    """What follows "FN" where it only says whose goals they are: "FNs bærekraftsmål",
    "FN’s bærekraftsmål", "FN sine bærekraftsmål", "FN-mål"."""
    return re.compile(
        r"(?:['’]?s)?\s+(?:sine\s+|sitt\s+)?(?:b[æe]rekrafts?mål|globale\s+mål|verd(?:en)?smål)|-mål",
        re.IGNORECASE,
    )


@per_rule_set
def _collective(rules: RuleSet) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_collectives(rules)})(?!\w)", re.IGNORECASE)


@per_rule_set
def _pointer(rules: RuleSet) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_pointer_words(rules)})(?!\w)", re.IGNORECASE)
