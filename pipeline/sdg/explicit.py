"""Explicit mentions: goals the text names, by a number tied to an SDG cue ("bærekraftsmål
13", "SDG 7 og 9", "mål 12–13"), by ordinal or number word, or by name ("Stoppe
klimaendringene", also misspelt or as a list one a line). Precision first: a bare number
is a goal only where a cue ties it, so years, counts, money and dates never become goals.
The vocabulary of cues comes first, then one detector per way of naming a goal."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from pipeline.sdg.catalogue import GOAL_NUMBERS, GoalCatalogue, NameContext, SdgHit, name_key
from pipeline.sdg.layout import TextLayout
from pipeline.sdg.names import (
    GOAL_LINE,
    NameIndex,
    build_name_index,
    default_name_index,
    near_goal_name,
)

# Cues that on their own tie a following number to the SDGs.
_STRICT_CUE = (
    # a letter typed too many or too few is still the goal word ("bærektraftsmål")
    r"(?:FNs\s+)?b[æe]re?kt?raft?s?[\s-]?mål(?:ene|et|a|ane)?(?!\w)"
    r"|SDG(?:-?s|-ene|-ane|-mål(?:ene|a)?)?"
    r"|FN-mål(?:ene|a)?(?!\w)"
    r"|verd(?:en)?smål(?:ene|a|et)?(?!\w)"
)
# "mål" alone is an everyday word (a plan's "Mål 1", a football goal): it ties a
# number only where the paragraph speaks of sustainability / the UN.
_PLAIN_CUE = r"(?<![\w-])(?:hov[eu]d)?mål(?:et|ene|a)?(?!\w)"  # "hovedmål 12": a goal, not a target
_WEAK_CONTEXT = re.compile(r"b[æe]rekraft|SDG|\bFN|verdensmål", re.IGNORECASE)
_SPORT_CONTEXT = re.compile(
    r"\b(?:scor\w*|kamp(?!anj)\w*|sesong\w*|keeper\w*|straffe\w*)\b", re.IGNORECASE
)

# A goal number, optionally a target ("12.5", "7.a"), never part of a longer number; right
# after an abbreviation's stop it stands alone ("mål nr.12"), after a number's it does not.
_NUM = r"(?<![\d,])(?<!\d\.)\d{1,2}(?:\.(?:\d{1,2}|[a-c]))?(?![\d])(?!\.\d)"
# A goal name in brackets may follow a number inside a list: "2 (utrydde sult) og 12".
_BRACKETED = r"(?:\s*\([^()\n]{1,60}\))?"
# "mål 9, 11 og 14 etterfulgt av 12 og 13": a ranking goes on after "etterfulgt av"
_LIST_SEP = (
    r"(?:\s*/\s*|\s*,\s+(?:og\s+)?|\s+(?:og|samt|and|(?:og\s+)?deretter"
    r"|etterfulgt\s+av|etterfylgd\s+av|fulgt\s+av)\s+|\s*&\s*|\s*[–—-]\s*)"
)
# "(Måla 6,7,11,12,15 og 17)": three numbers or more joined by bare commas are a list (a
# decimal number has one comma)
_COMMA_RUN = r"(?<![\d,])\d{1,2}(?:,\d{1,2}){2,}(?![\d,])"
_BARE_COMMA = re.compile(r"(?<=\d),(?=\d)")
# "nr. 13 og nr. 15": the number word may be repeated inside a list
_NUM_LIST = rf"(?:{_COMMA_RUN}|{_NUM}{_BRACKETED})(?:{_LIST_SEP}(?:nr\.?\s*)?{_NUM}{_BRACKETED})*"
_NUMBER_WORD = r"(?:nr\.?|nummer|#)"

_CUED_LIST = re.compile(
    rf"(?P<cue>{_STRICT_CUE}|{_PLAIN_CUE})\s*:?\s*(?:{_NUMBER_WORD}\s*)?(?P<list>{_NUM_LIST})",
    re.IGNORECASE,
)
_ORDINALS = {
    "første": 1, "fyrste": 1, "andre": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
    "sjuende": 7, "syvende": 7, "sjuande": 7, "åttende": 8, "åttande": 8, "niende": 9,
    "niande": 9, "tiende": 10, "tiande": 10, "ellevte": 11, "tolvte": 12, "trettende": 13,
    "trettande": 13, "fjortende": 14, "fjortande": 14, "femtende": 15, "femtande": 15,
    "sekstende": 16, "sekstande": 16, "syttende": 17, "syttande": 17,
}  # fmt: skip
_ORDINAL_GOAL = re.compile(
    rf"(?<!\w)(?P<ord>{'|'.join(_ORDINALS)}|(?<![\d.,])\d{{1,2}}\.)\s+"
    r"(?:av\s+)?(?:FNs\s+)?b[æe]rekrafts?[\s-]?mål(?:et|ene|a)?(?!\w)",
    re.IGNORECASE,
)
_TARGET = re.compile(rf"(?<!\w)delmål(?:et|ene|a)?\s+(?P<list>{_NUM_LIST})", re.IGNORECASE)
_ONE_NUM = re.compile(_NUM)
_RANGE_BETWEEN = re.compile(r"^\s*[–—-]\s*$")
_STRICT_CUE_RE = re.compile(_STRICT_CUE, re.IGNORECASE)
_PLAIN_CUE_RE = re.compile(_PLAIN_CUE, re.IGNORECASE)

_MONTHS = r"jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des"
# What may not follow a number tied to a cue: units, counted nouns, dates, more digits.
_NOT_A_GOAL_AFTER = re.compile(
    rf"^(?:\.\s*(?:{_MONTHS})"
    # "bærekraftsmålene 9.-19. juli": a range of days
    rf"|\.?\s*[–—-]\s*\d{{1,2}}\.\s*(?:{_MONTHS})"
    r"|\s*(?:%|‰)"
    r"|\s+\d"
    r"|\s+til\s+\d"
    r"|\s*(?:prosent\w*|kr\b|kroner|mill\w*|milliard\w*|mrd\b|år\b|åra?\b|års\b|ganger|gonger"
    r"|minutt\w*|timer?\b|dager?\b|døgn|uker?\b|veker?\b|måned\w*|månad\w*|meter|km\b|kg\b"
    r"|tonn|grader|ansatte|tilsette|personer|mennesker|bedrift\w*|kommuner|land\b|medlem\w*"
    # "12 bærekraftsmål" counts goals; "Bærekraftsmål 8 Bærekraftsmål 11" lists them
    r"|sider|kapitl\w*|(?:mål\b|målene|måla|delmål\w*|b[æe]rekraftsmål\w*)(?!\s+\d)"
    r"|av\s+\d|stk\b"
    r"|deltak\w*|elever|kunder|innbygg\w*|skular|skoler))",
    re.IGNORECASE,
)
# A number after a cue but not next to it ("... bærekraftsmål, herunder 3, 8 og 13.")
# is a goal only if followed by one of these: an end, a list, or a plain function word.
_LOOSE_TAIL_OK = re.compile(
    r"^(?:\s*$|\s*[.,;:!?)\]»”\"]|\s*\n|\s*[–—-]\s"
    r"|\s+(?:vi|me|eg|dei|de|som|i|er|var|og|fordi|siden|sidan|der|med|på|til|for|blir|vert|ble"
    r"|har|kan|skal|vil|ligg|ligger|står|betyr|handlar|handler)\b)",
    re.IGNORECASE,
)
# Words before such a number that make it something else: a count, page, chapter, time.
_NOT_A_GOAL_BEFORE = re.compile(
    r"(?:\b(?:de|dei|alle|disse|desse|av|over|under|kl|klokka|side|sida|kapittel|kap|paragraf"
    r"|punkt|pkt|versjon|del|fra|frå|innen|mellom|til|i|på|om|ca|rundt)\.?|§)\s*$",
    re.IGNORECASE,
)
# Words that introduce a single goal number after a cue ("særlig 13", "nummer 13").
_INTRODUCER_BEFORE = re.compile(
    r"(?:\b(?:herunder|særlig|særleg|spesielt|nemleg|nemlig|blant annet|mellom anna|bl\.a\."
    r"|inkludert|først og fremst|deretter|hovedsakelig|hovudsakleg|primært|både|nr\.?|nummer"
    r"|fokus på|valgt|valt)|[:–])\s*$",
    re.IGNORECASE,
)


def _goal_numbers(list_text: str, offset: int) -> Iterator[tuple[int, int, int]]:
    """(goal, start, end) for each number of a list; a range ("12–13") expands, and every
    goal of a range gets the whole range as its span."""
    # a bare comma inside a run of numbers separates them, as ", " does (same length)
    found = list(_ONE_NUM.finditer(_BARE_COMMA.sub(";", list_text)))
    goals = [int(m.group().split(".")[0]) for m in found]
    is_range = [
        bool(_RANGE_BETWEEN.match(list_text[a.end() : b.start()])) for a, b in pairwise(found)
    ]
    i = 0
    while i < len(found):
        first = i
        while i < len(is_range) and is_range[i]:
            i += 1
        start, end = offset + found[first].start(), offset + found[i].end()
        span_goals = range(goals[first], goals[i] + 1) if i > first else [goals[i]]
        if list(span_goals) == list(GOAL_NUMBERS):
            i += 1  # "1–17" is the whole set of goals, not a choice among them
            continue
        for goal in span_goals:
            if goal in GOAL_NUMBERS:
                yield goal, start, end
        i += 1


def _number_hits(text: str, list_text: str, offset: int) -> list[SdgHit]:
    return [
        SdgHit(goal, start, end, text[start:end], "number")
        for goal, start, end in _goal_numbers(list_text, offset)
    ]


# "har valt mål 7", "jobber med mål 12", "knyttet arbeidet til mål 9": choosing a goal.
# "I Orkla jobber de med mål 12": after a fronted phrase the subject follows the verb
_INVERTED = r"(?:(?:vi|me|de|dei|han|hun|ho)\s+)?"
_CHOOSING_BEFORE = re.compile(
    rf"(?:valt|valgt|velger|vel|jobb(?:er|ar)\s+{_INVERTED}(?:mest\s+)?med"
    rf"|arbeid(?:er|ar)\s+{_INVERTED}med|knytt(?:et|a)\s+(?:\w+\s+){{0,3}}til"
    rf"|prioriter\w*|sats(?:er|ar)\s+{_INVERTED}på|pek(?:t|a|er)\s+ut|peika\s+ut"
    rf"|fokuser\w*\s+{_INVERTED}på|bidra\w*\s+til|støtt\w*\s+opp\s+om)"
    r"\s+$",
    re.IGNORECASE,
)


_PLAIN_LIST_AT = re.compile(rf"{_PLAIN_CUE}\s+{_NUM}(?:{_LIST_SEP}{_NUM})+", re.IGNORECASE)


def _plain_cue_allowed(ctx: TextLayout, offset: int) -> bool:
    """A plain "mål N" is a goal in a paragraph about sustainability, or where the text has
    spoken of the goals before and someone here chooses one ("har valt mål 7")."""
    sentence = ctx.text[slice(*ctx.sentence_at(offset))]
    if _SPORT_CONTEXT.search(sentence):
        return False
    if _WEAK_CONTEXT.search(ctx.paragraph_text(offset)):
        return True
    question = ctx.previous_paragraph_text(offset)  # "Hvilke bærekraftsmål ...?" / "Først mål 12."
    if question.rstrip().endswith("?") and _WEAK_CONTEXT.search(question):
        return True
    if _a_heading(question) and _WEAK_CONTEXT.search(question):
        # prose under "Bærekraftsmål som er mest relevante for Ruter": the section's goals; a
        # short line under it ("MÅL 1 – SOSIAL TILHØRIGHET") may be a list of other goals
        return not _a_heading(ctx.paragraph_text(offset))
    if _WEAK_CONTEXT.search(question) and _PLAIN_LIST_AT.match(ctx.text, offset):
        # "... bærekraftsmål. Vi satser på mål 9 og 11." / "... bærekraft ..." then "Vi vil
        # legge fokus på målene 3, 5 og 12.": a list of goals after a paragraph about them;
        # one number alone ("under mål 4, punkt 8") is a plan's own
        return True
    chosen = _CHOOSING_BEFORE.search(ctx.text, max(0, offset - 40), offset)
    return bool(chosen) and bool(_STRICT_CUE_RE.search(ctx.text, 0, offset))


_HEADING_CHARS = 80


def _a_heading(paragraph: str) -> bool:
    """A short line with no sentence's full stop: a heading over the paragraph after it."""
    line = paragraph.strip()
    return 0 < len(line) <= _HEADING_CHARS and "\n" not in line and not line.endswith(".")


def _followed_by_own_name(ctx: TextLayout, end: int, goal: int, names: NameIndex) -> bool:
    match = re.match(r"\s*(?:[:.)–—-]|,)?\s*[«\"“]?", ctx.text[end:])
    rest = ctx.text[end + (match.end() if match else 0) :]
    name = names.pattern.match(rest)
    return name is not None and names.lookup(name.group())[0] == goal


def _cued_list_hits(
    ctx: TextLayout,
    names: NameIndex,
    unconfirmed: list[SdgHit] | None = None,
    headings: tuple[list[SdgHit], list[SdgHit]] | None = None,
) -> Iterator[SdgHit]:
    """Numbers right after a cue: "bærekraftsmål nr. 13", "SDG 7 og 9", "mål 12–13".
    A plain "mål N" that nothing confirms goes to ``unconfirmed``: it counts if another goal
    is named in its sentence ("mål nr. 13 «Stopp klimaendringene» og mål nr. 14"). Headings
    ("Mål 7: ...") go to ``headings``, as (named by the goal's name, not named)."""
    for match in _CUED_LIST.finditer(ctx.text):
        list_text, list_start = match.group("list"), match.start("list")
        after = ctx.text[match.end() :]
        if _NOT_A_GOAL_AFTER.match(after):
            continue
        hits = _number_hits(ctx.text, list_text, list_start)
        if not _STRICT_CUE_RE.fullmatch(match.group("cue")) and _plain_goal_needs_name(
            ctx, match, after
        ):
            # "Mål 14 Livet i havet" stays a goal even without context: its name confirms it.
            named = [h for h in hits if _followed_by_own_name(ctx, h.end, h.number, names)]
            if not _in_a_heading(ctx, match, after):
                if unconfirmed is not None:
                    unconfirmed += [h for h in hits if h not in named]
            elif headings is not None:
                headings[0].extend(named)
                headings[1].extend(h for h in hits if h not in named)
            hits = named
        yield from hits


def _plain_goal_needs_name(ctx: TextLayout, match: re.Match[str], after: str) -> bool:
    """Whether "mål N" needs the goal's name to count: outside a sustainability context,
    and always in a plan's own numbered headings ("Mål 1: Kutte utslippene ...")."""
    return _in_a_heading(ctx, match, after) or not _plain_cue_allowed(ctx, match.start())


def _in_a_heading(ctx: TextLayout, match: re.Match[str], after: str) -> bool:
    return ":" in ctx.text[match.end("cue") : match.start("list")] or after.startswith(":")


def _confirmed_by_neighbours(
    ctx: TextLayout, pending: list[SdgHit], found: list[SdgHit]
) -> list[SdgHit]:
    """The unconfirmed plain "mål N" whose sentence names another goal for certain."""
    sentences = {ctx.sentence_at(hit.start) for hit in found}
    return [hit for hit in pending if ctx.sentence_at(hit.start) in sentences]


def _sibling_headings(named: list[SdgHit], unnamed: list[SdgHit]) -> list[SdgHit]:
    """Goal headings whose name the page words its own way ("Mål 7: Bærekraftig energi",
    "Mål 11:") count where two headings of the same page or more name their goal for
    certain ("Mål 5: Likestilling mellom kjønnene"): the page sets out the UN's goals. A
    plan's own numbered aims ("Mål 1: Kutte utslippene") name none."""
    return unnamed if len({hit.number for hit in named}) >= 2 else []


def _target_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """Targets name their goal: "delmål 7.2" is goal 7."""
    for match in _TARGET.finditer(ctx.text):
        if not _NOT_A_GOAL_AFTER.match(ctx.text[match.end() :]):
            yield from _number_hits(ctx.text, match.group("list"), match.start("list"))


_CARDINALS = {
    "en": 1, "ein": 1, "ett": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13,
    "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17,
}  # fmt: skip
_NUMBER_WORD_GOAL = re.compile(
    rf"(?:{_STRICT_CUE})\s+(?:nummer|nr\.?)\s+(?P<word>{'|'.join(_CARDINALS)})(?!\w)",
    re.IGNORECASE,
)


def _number_word_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """A goal number written as a word: "bærekraftsmål nummer åtte" is goal 8."""
    for match in _NUMBER_WORD_GOAL.finditer(ctx.text):
        goal = _CARDINALS[match.group("word").lower()]
        yield SdgHit(goal, match.start(), match.end(), match.group(), "number")


def _ordinal_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """Goals by ordinal: "det tredje bærekraftsmålet" is goal 3. Not "det første av
    bærekraftsmålene" (the first of them, unnamed) nor a plural ("de tre første"), nor
    "andre" before the indefinite noun, where it means "other"."""
    for match in _ORDINAL_GOAL.finditer(ctx.text):
        word = match.group("ord").lower()
        goal = _ORDINALS.get(word) or int(word.rstrip("."))
        if " av " in match.group() or match.group().lower().endswith(("målene", "måla")):
            continue
        if word == "andre" and not match.group().lower().endswith("målet"):
            continue  # "for å nå andre bærekraftsmål": other goals; "det andre målet": goal 2
        if goal in GOAL_NUMBERS:
            yield SdgHit(goal, match.start(), match.end(), match.group(), "number")


def _numbered_name_hits(ctx: TextLayout, names: NameIndex) -> Iterator[SdgHit]:
    """A number followed by that goal's name: "8: Anstendig arbeid og økonomisk vekst",
    "Nr. 6 Rent vann og gode sanitærforhold", "13 – Stoppe klimaendringene", "#13 å stoppe
    klimaendringene" (the name as an infinitive)."""
    number = re.compile(
        rf"(?:{_NUMBER_WORD}\s*)?(?P<n>(?<![\d.,])\d{{1,2}}(?!\d))#?\s*(?:[:.)–—-]|,)?\s*[«\"“]?"
        r"(?:å\s+)?",
        re.IGNORECASE,
    )
    for match in number.finditer(ctx.text):
        goal = int(match.group("n"))
        name = names.pattern.match(ctx.text, match.end())
        if goal in GOAL_NUMBERS and name and names.lookup(name.group())[0] == goal:
            start, end = match.start("n"), name.end()
            yield SdgHit(goal, start, end, ctx.text[start:end], "name")


# "likestilling mellom kjønnene (nr. 5)": a goal's name with its own number in brackets after it
_OWN_NUMBER_AFTER = re.compile(
    rf"\s*\(\s*(?:{_NUMBER_WORD}|(?:{_STRICT_CUE})|{_PLAIN_CUE})?\s*(?P<n>\d{{1,2}})\s*\)"
    # "Samarbeid for å nå målene, hovedmål 17": the number after a comma or a dash, with its
    # goal word
    rf"|\s*[,:–—-]\s*(?:{_NUMBER_WORD}|(?:{_STRICT_CUE})|{_PLAIN_CUE})\s*"
    rf"(?:{_NUMBER_WORD}\s*)?(?P<after>\d{{1,2}})(?![\d.,]\d)",
    re.IGNORECASE,
)


def _name_then_number_hits(ctx: TextLayout, names: NameIndex) -> Iterator[SdgHit]:
    """A goal's name followed by its own number in brackets, in any case: "stoppe
    klimaendringene (nr. 13)", "God utdanning (mål 4)", or after a comma with its goal word
    ("Samarbeid for å nå målene, hovedmål 17"). The number confirms the name."""
    for match in names.pattern.finditer(ctx.text):
        goal, _ = names.lookup(match.group())
        number = _OWN_NUMBER_AFTER.match(ctx.text, match.end())
        if number and int(number.group("n") or number.group("after")) == goal:
            start, end = match.start(), number.end()
            yield SdgHit(goal, start, end, ctx.text[start:end], "name")


# What makes a lower-case goal name a name: a goal word, a number or a quote right before
# it ("bærekraftsmålet ren energi", "mål 7, ren energi for alle", "«stoppe klimaendringene»").
_NAME_INTRODUCED = re.compile(
    rf"(?:(?:{_STRICT_CUE}|{_PLAIN_CUE})\s*(?:om|for|(?:{_NUMBER_WORD}\s*)?\d{{1,2}}"
    r"(?:\s+(?:er|handler\s+om|handlar\s+om|heter|heiter))?)?"
    # "berekraftsmål, blant anna ansvarleg forbruk og produksjon": names given as examples
    r"(?:\s*,?\s*(?:blant\s+ann(?:a|et)|mellom\s+anna|bl\.\s?a\.|særleg|særlig|spesielt"
    r"|nemleg|nemlig|inkludert|slik\s+som|som))?"
    r"|\d{1,2}\s*(?:[:.)–—-]|,))\s*[:«\"“(–—-]?\s*$|[«\"“]\s*$",
    re.IGNORECASE,
)
_NAME_LIST_SEP = re.compile(
    r"^\s*(?:,|og|og\s+til|samt|and|&|/|,?\s*i\s+tillegg\s+til)\s*$", re.IGNORECASE
)


def _name_is_used_as_name(
    ctx: TextLayout, start: int, context: NameContext, previous_end: int | None = None
) -> bool:
    """A goal name counts alone when it is used as a name: capitalised mid-sentence (a
    title, not sentence case) or where an SDG cue shares its sentence; written in lower
    case only right after a goal word, a number or a quote, or in a list of names after
    one ("bærekraftsmålene ren energi for alle og stoppe klimaendringene"); a short name
    that needs a number ("Likestilling") only as an item of such a list. Everyday phrases
    such as "vi vil bidra til å utrydde fattigdom" are themes, not names."""
    sent_start, sent_end = ctx.cue_scope(start)
    if context == "with_number":
        # "bærekraftsmålene; Stopp klimaendringene, Likestilling og ...": a short name counts
        # as an item of a list of names in a sentence with a goal word
        listed = previous_end is not None and _NAME_LIST_SEP.match(ctx.text[previous_end:start])
        return bool(listed and _STRICT_CUE_RE.search(ctx.text, sent_start, sent_end))
    if not ctx.text[start].isupper():
        introduced = _NAME_INTRODUCED.search(ctx.text, max(sent_start, start - 40), start)
        listed = previous_end is not None and _NAME_LIST_SEP.match(ctx.text[previous_end:start])
        own_start = ctx.sentence_at(start)[0]
        answer = sent_start < own_start and _STRICT_CUE_RE.search(ctx.text, sent_start, own_start)
        return bool(introduced or listed or answer)  # answer: "Hvilke FN-mål ...? Vi ... med X"
    if _STRICT_CUE_RE.search(ctx.text, sent_start, sent_end):
        return True
    before = ctx.text[sent_start:start]
    mid_sentence = bool(re.search(r"\w", before)) and not re.search(r"[:–—\-•*]\s*$", before)
    if mid_sentence:
        return True
    return context == "anywhere" and bool(_WEAK_CONTEXT.search(ctx.paragraph_text(start)))


_NAME_SLOT = re.compile(
    rf"(?:{_STRICT_CUE}|{_PLAIN_CUE})\s*(?:{_NUMBER_WORD}\s*)?(?:\d{{1,2}}\s*[:.)–—-]?\s*)?[«\"“]?"
    r"(?=[A-ZÆØÅ])",
    re.IGNORECASE,
)
_MAX_NAME_WORDS = 7


_NUMBER_LIST = re.compile(
    rf"^[ \t]*(?:{_STRICT_CUE})[^\n]{{0,40}}\n+(?P<list>(?:[ \t]*(?:[-–•*][ \t]*)?\d{{1,2}}[ \t]*(?:\n+|$))+)",
    re.IGNORECASE | re.MULTILINE,
)


def _number_list_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """Goal numbers one a line under a heading with a goal word ("Bærekraftsmål\n6\n12")."""
    for match in _NUMBER_LIST.finditer(ctx.text):
        for number in re.finditer(r"\d{1,2}", match.group("list")):
            goal = int(number.group())
            if goal in GOAL_NUMBERS:
                start = match.start("list") + number.start()
                yield SdgHit(goal, start, start + len(number.group()), number.group(), "number")


def _misspelt_name_hits(ctx: TextLayout, names: NameIndex) -> Iterator[SdgHit]:
    """A goal's name with a misspelling, right after a goal word: "bærekraftsmålet Ren
    energi for all", "mål 17 Samareid for å nå målene". The longest run of words that is
    nearly a name wins; exact names are found elsewhere."""
    for slot in _NAME_SLOT.finditer(ctx.text):
        words = list(re.finditer(r"[\wæøåÆØÅ-]+", ctx.text[slot.end() : slot.end() + 80]))
        for count in range(min(len(words), _MAX_NAME_WORDS), 1, -1):
            end = slot.end() + words[count - 1].end()
            candidate = ctx.text[slot.end() : end]
            if "\n" in candidate or names.pattern.fullmatch(candidate):
                continue
            goal = near_goal_name(candidate, names)
            if goal is not None:
                yield SdgHit(goal, slot.end(), end, candidate, "name")
                break


def _bare_name_hits(ctx: TextLayout, names: NameIndex) -> Iterator[SdgHit]:
    previous_end: int | None = None
    listing = _sentences_listing_names(ctx, names)
    for match in names.pattern.finditer(ctx.text):
        goal, context = names.lookup(match.group())
        listed = context != "with_number" and ctx.sentence_at(match.start()) in listing
        if listed or _name_is_used_as_name(ctx, match.start(), context, previous_end):
            previous_end = match.end()
            yield SdgHit(goal, match.start(), match.end(), match.group(), "name")


_MIN_LISTED_NAMES = 3


def _sentences_listing_names(ctx: TextLayout, names: NameIndex) -> set[tuple[int, int]]:
    """Sentences that list goals by their names in lower case, with no goal word before
    them ("skal bidra til anstendig arbeid og økonomisk vekst, ansvarlig forbruk og
    produksjon, samt stoppe klimaendringene"): three names or more, two of them side by side
    as items of one list. One goal name alone in running text is a theme."""
    by_sentence: dict[tuple[int, int], list[re.Match[str]]] = {}
    for match in names.pattern.finditer(ctx.text):
        if names.lookup(match.group())[1] != "with_number":
            by_sentence.setdefault(ctx.sentence_at(match.start()), []).append(match)
    return {
        sentence
        for sentence, found in by_sentence.items()
        if len({names.lookup(m.group())[0] for m in found}) >= _MIN_LISTED_NAMES
        and any(_NAME_LIST_SEP.match(ctx.text[a.end() : b.start()]) for a, b in pairwise(found))
    }


_LINE_CUE_WINDOW = 300  # characters before a list of goal names where a goal word may stand


def _goal_line_hits(ctx: TextLayout, names: NameIndex) -> list[SdgHit]:
    """Lists of goals, one a line, as pages write them: "3. God helse og livskvalitet",
    "Samareid for å nå målene" (misspelt), or the names alone when the page's list markers
    were numbers the parser dropped. A run of two or more such lines is a list of goals;
    one line alone counts after a goal word ("Vi har valgt disse bærekraftsmålene:") or
    under its own number."""
    lines: list[tuple[SdgHit, bool]] = []  # (hit, numbered with its own goal's number)
    lower_case: set[int] = set()  # where a name in lower case starts ("• stoppe klimaendringene")
    # numbered lines whose words name no goal the catalogue knows ("11 – bærekraftige
    # samfunn"): goals only in a block of lines numbered with their own goal's number
    own_wording: list[SdgHit] = []
    for match in GOAL_LINE.finditer(ctx.text):
        name = match.group("name")
        if not name or len(name.split()) > 8:
            continue
        exact = names.pattern.fullmatch(name)
        given = match.group("n") or match.group("after")
        number = int(given) if given else None
        goal = names.lookup(name)[0] if exact else near_goal_name(name, names)
        if goal is None and number in GOAL_NUMBERS and match.group("n"):
            own_wording.append(
                SdgHit(
                    number,
                    match.start("n"),
                    match.end("name"),
                    ctx.text[match.start("n") : match.end("name")],
                    "name",
                )
            )
            continue
        if not name[0].isupper():
            if not exact:
                continue
            lower_case.add(match.start("name"))
        if goal is None or (number is not None and number != goal):
            continue
        start = match.start("n") if match.group("n") else match.start("name")
        end = (
            ctx.text.index(")", match.end("after")) + 1
            if match.group("after")
            else match.end("name")
        )
        hit = SdgHit(goal, start, end, ctx.text[start:end], "name")
        lines.append((hit, number == goal))
    runs: list[list[tuple[SdgHit, bool]]] = []
    for hit, numbered in lines:
        previous = runs[-1][-1][0] if runs else None
        if previous and not ctx.text[previous.end : hit.start].strip(" \t\n.,;"):
            runs[-1].append((hit, numbered))
        else:
            runs.append([(hit, numbered)])
    found = _worded_in_a_numbered_block(ctx.text, [h for h, n in lines if n], own_wording)
    for run in runs:
        first = run[0][0].start
        cued = _WEAK_CONTEXT.search(ctx.text, max(0, first - _LINE_CUE_WINDOW), first)
        if any(hit.start in lower_case for hit, _ in run):
            # names in lower case, one a line, are goals only as a list of three or more under
            # a goal word ("har vi definert disse fem som mest relevante:"); a line or two
            # might be any list's items
            strict = _STRICT_CUE_RE.search(ctx.text, max(0, first - _LINE_CUE_WINDOW), first)
            found += [hit for hit, _ in run] if len(run) >= _MIN_LISTED_NAMES and strict else []
            continue
        if len(run) >= 2 or cued:
            found += [hit for hit, _ in run]
        else:
            found += [hit for hit, numbered in run if numbered]
    return found


def _worded_in_a_numbered_block(
    text: str, numbered: list[SdgHit], own_wording: list[SdgHit]
) -> list[SdgHit]:
    """ "- 8 – anstendig arbeid ...", "- 11 – bærekraftige samfunn", "- 12 – ansvarlig
    forbruk ...": a line numbered 1-17 in its own words is a goal in a block of lines (one
    after the other, bullets and blank space between) where most lines, two or more, name
    the goal of their number."""
    entries = sorted(
        [(h, True) for h in numbered] + [(h, False) for h in own_wording], key=lambda e: e[0].start
    )
    blocks: list[list[tuple[SdgHit, bool]]] = []
    for hit, confirmed in entries:
        gap = text[blocks[-1][-1][0].end : hit.start] if blocks else "x"
        if blocks and not gap.strip(" \t\n-–•*▪·"):
            blocks[-1].append((hit, confirmed))
        else:
            blocks.append([(hit, confirmed)])
    return [
        hit for block in blocks if _mostly_named(block) for hit, confirmed in block if not confirmed
    ]


def _mostly_named(block: list[tuple[SdgHit, bool]]) -> bool:
    """Two lines or more, and most of the block's lines, name their number's goal (a plan's
    own numbered aims, two of which happen to match, are not the UN's list)."""
    named = sum(confirmed for _, confirmed in block)
    return named >= 2 and named > len(block) - named


def _loose_list_hits(ctx: TextLayout) -> Iterator[SdgHit]:
    """Numbers later in a sentence that has a strict cue: "Av bærekraftsmålene har vi
    valgt ut særlig 4, 9 og 16." Stricter than a number right after
    a cue: each list must end cleanly and not follow a counting word ("de 17", "side 4")."""
    for sent_start, sent_end in ctx.sentences:
        scope_start, _ = ctx.cue_scope(sent_start)
        cue = _STRICT_CUE_RE.search(ctx.text, scope_start, sent_end)
        if not cue:
            continue
        from_offset = max(cue.end(), sent_start)
        accepted: list[tuple[list[SdgHit], bool]] = []
        for match in re.finditer(_NUM_LIST, ctx.text[from_offset:sent_end]):
            start, end = from_offset + match.start(), from_offset + match.end()
            before, after = ctx.text[sent_start:start], ctx.text[end:]
            if _NOT_A_GOAL_BEFORE.search(before) or _NOT_A_GOAL_AFTER.match(after):
                continue
            if not _LOOSE_TAIL_OK.match(after):
                continue
            introduced = bool(_INTRODUCER_BEFORE.search(before))
            accepted.append((_number_hits(ctx.text, match.group(), start), introduced))
        if sum(len(hits) for hits, _ in accepted) >= 2:
            yield from (hit for hits, _ in accepted for hit in hits)
        else:
            yield from (hit for hits, introduced in accepted if introduced for hit in hits)


def _merge(hits: Iterable[SdgHit]) -> list[SdgHit]:
    """One hit per goal and place: of overlapping hits of the same goal keep the longest
    (number + name over number alone)."""
    kept: list[SdgHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        overlapping = [
            k for k in kept if k.number == hit.number and k.start < hit.end and hit.start < k.end
        ]
        if not overlapping:
            kept.append(hit)
        elif all(hit.end - hit.start > k.end - k.start for k in overlapping):
            kept = [k for k in kept if k not in overlapping] + [hit]
    return sorted(kept, key=lambda h: (h.start, h.number))


_COUNT_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8}
# "LO har valgt ut fire av bærekraftsmålene", "Vi har prioritert tre berekraftsmål:": a choice
# of goals with their count, the list after it in the same sentence or the next
_ANNOUNCED = re.compile(
    r"(?<!\w)(?:valgt|valt|vald|prioritert|prioritera|prioriterer|prioriterar|peika|peikt|pekt"
    r"|pekte|plukka|plukket)\s+(?:ut\s+)?"
    rf"(?P<count>{'|'.join(_COUNT_WORDS)}|[2-8])\s+(?:av\s+)?(?:(?:de|dei|FNs|FN\s+sine)\s+)?"
    r"(?:17\s+)?b[æe]rekrafts?mål(?:ene|a)?(?!\w)",
    re.IGNORECASE,
)
# The sentence after the choice that lists it: "Det er anstendig arbeid, ..."
_LIST_OPENER = re.compile(r"\s*(?:Det|Dei|De|Disse|Desse|Dette)\s+er\s*:?\s+", re.IGNORECASE)
_ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:og\s+|samt\s+)?|\s+(?:og|samt)\s+")


def _announced_list_hits(ctx: TextLayout, names: NameIndex) -> Iterator[SdgHit]:
    """ "LO har valgt ut fire av bærekraftsmålene i vårt arbeid. Det er anstendig arbeid,
    kampen mot klimaendringene, ulikhet og mer likestilling.": a choice of goals the text
    counts, then as many items as it counts, each naming one goal by a short name
    (``list_names``) or a name; every item must name a goal of its own, or none counts."""
    for match in _ANNOUNCED.finditer(ctx.text):
        count = match.group("count").lower()
        wanted = int(count) if count.isdigit() else _COUNT_WORDS[count]
        span = _list_after(ctx, match.end())
        if span is None:
            continue
        items = _items(ctx.text, *span)
        goals = [_goal_of_item(text, names) for _, _, text in items]
        if len(items) != wanted or None in goals or len(set(goals)) != wanted:
            continue
        for (start, end, text), goal in zip(items, goals, strict=True):
            yield SdgHit(goal, start, end, text, "name")


def _list_after(ctx: TextLayout, at: int) -> tuple[int, int] | None:
    """Where the list of a choice stands: after a colon in the same sentence, or in the
    next sentence after "Det er"; to that sentence's end."""
    sentence_end = ctx.sentence_at(at)[1]
    colon = ctx.text.find(":", at, sentence_end)
    if colon >= 0:
        return colon + 1, sentence_end
    opener = _LIST_OPENER.match(ctx.text, sentence_end)
    if opener is None:
        return None
    return opener.end(), ctx.sentence_at(opener.end())[1]


def _items(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The items of a list written in a sentence, with where each stands."""
    body = text[start:end].rstrip(" .!\n")
    items, at = [], 0
    for separator in [*_ITEM_SEPARATOR.finditer(body), None]:
        stop = separator.start() if separator else len(body)
        item = body[at:stop].strip()
        if item:
            first = start + body.index(item, at)
            items.append((first, first + len(item), item))
        at = separator.end() if separator else len(body)
    return items


def _goal_of_item(item: str, names: NameIndex) -> int | None:
    """The one goal a list item names by a short name or a name ("kampen mot
    klimaendringene": 13), or None when it names none or several."""
    words = name_key(item)
    goals = {
        goal
        for form, goal in names.in_a_list.items()
        if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", words)
    }
    return goals.pop() if len(goals) == 1 else None


def find_explicit_sdgs(text: str, catalogue: GoalCatalogue | None = None) -> list[SdgHit]:
    """Every goal the text names, by number or by name, in text order (default: the
    packaged catalogue of goal names)."""
    names = default_name_index() if catalogue is None else build_name_index(catalogue)
    return find_explicit(text, names)


def find_explicit(text: str, names: NameIndex) -> list[SdgHit]:
    ctx = TextLayout.of(text)
    unconfirmed: list[SdgHit] = []
    headings: tuple[list[SdgHit], list[SdgHit]] = ([], [])
    found = [
        *_cued_list_hits(ctx, names, unconfirmed, headings),
        *_target_hits(ctx),
        *_ordinal_hits(ctx),
        *_number_word_hits(ctx),
        *_numbered_name_hits(ctx, names),
        *_name_then_number_hits(ctx, names),
        *_bare_name_hits(ctx, names),
        *_goal_line_hits(ctx, names),
        *_misspelt_name_hits(ctx, names),
        *_number_list_hits(ctx),
        *_loose_list_hits(ctx),
        *_announced_list_hits(ctx, names),
    ]
    found += _confirmed_by_neighbours(ctx, unconfirmed, found)
    found += _sibling_headings(*headings)
    markers = _enumeration_markers(ctx.text)
    found = [hit for hit in found if not (hit.start in markers and hit.text.isdigit())]
    return _merge(found + _numbered_siblings(ctx, found))


# "å: 1. Definere ambisjon ... 2. Implementere målene ...": steps numbered inside a paragraph
# (a step's number follows a colon or a sentence's end, never a goal word: "mål 1. Det er ...")
_INLINE_STEP = re.compile(r"(?:^|(?<=[:.!?])\s*)(\d{1,2})\.\s+(?=[A-ZÆØÅ])")
# "Studentens 12 bærekraftsmål er: 1) Sosial tilhørighet, 2) god psykisk helse, ...": items
# numbered with a bracket, one after another in a paragraph, count places in the list
_INLINE_ITEM = re.compile(r"(?:^|(?<=[:.!?,;])\s*|(?<=\sog)\s+)(\d{1,2})\)\s+(?=\w)")


def _enumeration_markers(text: str) -> set[int]:
    """Where a paragraph numbers its steps inline, 1., 2., 3. in order: those numbers mark
    steps, they name no goal ("... er det viktig å: 1. Definere ambisjon ... 2. ...")."""
    markers: set[int] = set()
    for paragraph in re.finditer(r"[^\n]+", text):
        for marker in (_INLINE_STEP, _INLINE_ITEM):
            steps = list(marker.finditer(paragraph.group()))
            numbers = [int(m.group(1)) for m in steps]
            if len(numbers) >= 2 and numbers[:2] == [1, 2]:
                markers |= {paragraph.start() + m.start(1) for m in steps}
    return markers


# "4 – God opplæring for alle": a numbered line with a short capitalised name
_NUMBERED_LINE = re.compile(
    r"^[ \t]*(?P<n>\d{1,2})[ \t]*[.):–—-][ \t]*(?P<name>[A-ZÆØÅ][^\n.!?]{2,70})[ \t]*$",
    re.MULTILINE,
)
_MAX_SIBLING_WORDS = 8


def _numbered_siblings(ctx: TextLayout, found: list[SdgHit]) -> list[SdgHit]:
    """Lines of a numbered list of goals whose names the page words its own way ("4 – God
    opplæring for alle" between "3 – God helse og livskvalitet" and "11 – Bærekraftige byer
    og lokalsamfunn"): in a run of numbered lines, rising, that holds two goals named for
    certain, every line is the goal of its number."""
    known = {hit.start for hit in found}
    runs: list[list[re.Match[str]]] = []
    for line in _NUMBERED_LINE.finditer(ctx.text):
        if len(line.group("name").split()) > _MAX_SIBLING_WORDS:
            continue
        previous = runs[-1][-1] if runs else None
        if previous is not None and not ctx.text[previous.end() : line.start()].strip():
            runs[-1].append(line)
        else:
            runs.append([line])
    siblings = []
    for run in runs:
        numbers = [int(line.group("n")) for line in run]
        rising = all(a < b for a, b in pairwise(numbers)) and numbers[-1] in GOAL_NUMBERS
        if not rising or sum(line.start("n") in known for line in run) < 2:
            continue
        for line, number in zip(run, numbers, strict=True):
            if line.start("n") not in known and number in GOAL_NUMBERS:
                start, end = line.start("n"), line.end("name")
                siblings.append(SdgHit(number, start, end, ctx.text[start:end], "number"))
    return siblings
