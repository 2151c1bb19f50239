"""Quotes and who said them, in the forms Norwegian news writes them: a dash, hyphen or
quotation-mark paragraph with the attribution after the quote ("– ..., sier Eide."), or
inside it ("..., sier Eide. Han mener ..."), a speech verb with a colon before a quotation,
a dash quote that opens after a sentence, a paragraph in the first person that ends
", sa X", and dash paragraphs that continue the last quote or follow the paragraph that
hands the word to someone ("Kari Lie, direktør i X:"): rules of the ``pipeline_people``
component."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from pipeline.doc_text import head_of
from pipeline.rules import RuleSet, per_rule_set
from pipeline.text import alternation

if TYPE_CHECKING:
    from models import Block
    from pipeline.people import PersonDraft


def speech_verbs(rules: RuleSet) -> str:
    """The speech verbs as one alternation (org_rules.json's ``speech_verbs``)."""
    return alternation(rules.org["speech_verbs"])


def verbs_after_a_quote(rules: RuleSet) -> str:
    """The speech verbs that may follow a quote's comma, with the verb of a split particle
    verb where its particle follows the speaker (``split_speech_verbs``: "..., slår
    styreleiar X fast.", "..., slår X fast etter møtet.")."""
    split = [
        rf"{re.escape(verb)}(?=\s[^.!?\n]{{1,80}}?\s{re.escape(particle)}(?:\s*[.,!?]|\s+[a-zæøå]))"
        for verb, particle in (w.rsplit(" ", 1) for w in rules.org["split_speech_verbs"])
    ]
    return "|".join([speech_verbs(rules), *split])


# a news agency or source in brackets may open the paragraph: "(NTB) – Vi er ..."
_QUOTE_START = re.compile(
    r"^(?:\([^()\n]{2,30}\)\s*"
    # a dateline, a place in capitals and the source in brackets ("BERGEN (NTB) – Det er ...")
    r"|[A-ZÆØÅ]{2,}(?:[ /-][A-ZÆØÅ]{2,})*\s*\([^()\n]{2,20}\)\s*(?=[–—−-]\s))?"
    r"(?:[–—−]\s*|--?\s*(?=[A-ZÆØÅ«\"])|[«\"“„])"
)
# "... Vestland. – Det er viktig ..., seier X.": a dash quote that opens after a sentence
# or on a new line of the paragraph ("Samfunnskontrakt\n– Det å ha ..., sier han.")
_QUOTE_START_MID = re.compile(
    # a caption's label may hand over to it too ("Målblomen til X: - Selskapet er ...")
    r"(?:(?<=[.!?»:])\s+[–—−]\s*|(?<=[.!?»:])\s+-\s+|\n[ \t]*[–—−][ \t]*)(?=[A-ZÆØÅ«\"\d])"
    # a hyphen typed against the word ("... rapport. -Havet er ..."), never before a number
    r"|(?<=[.!?»])\s+-(?=[A-ZÆØÅ«\"])"
    # a quotation that opens after a sentence ("Han opna møtet. «Eg vel mål 1», sa han.")
    r"|(?<=[.!?])\s+[«\"“„](?=[A-ZÆØÅ])"
)
# direct speech without a dash is known by its first or second person ("Vi må tørre ...")
_SPEAKING_VOICE = re.compile(r"\b(?:vi|jeg|eg|me|oss|vår|våre|vårt|du|dere|dykk|de)\b", re.I)
_CLOSING = r"[»\"”]"
_NO_OPENER = re.compile(r"")


@dataclass(frozen=True)
class ClauseSubject:
    """The subject of a sentence's main clause, as the parse shows it: where the sentence
    is, and the characters of the subject's word and of the name or title in apposition
    to it ("Redaktør i Stord24, Jonas Sætre, er ...")."""

    sentence: tuple[int, int]
    words: tuple[tuple[int, int], ...]
    text: str
    verb: str = ""  # the main clause's verb, lower-cased: "sier" in "Kari Lie sier at ..."


def main_clause_subjects(doc: Doc) -> list[ClauseSubject]:
    """Each sentence's main-clause subject, where it has one: a subject whose head is the
    sentence's root (``doc_text.head_of``: read from the heads alone)."""
    attached: dict[int, list[int]] = {}  # token -> its APP and FLAT words
    for token in doc:
        if token.dep_ in ("APP", "FLAT") and token.head.i != token.i:
            attached.setdefault(token.head.i, []).append(token.i)
    found = []
    for start, end in _sentence_ranges(doc):
        root = head_of(doc[start:end]).i
        subject = next(
            (i for i in range(start, end) if doc[i].dep_ == "SUBJ" and doc[i].head.i == root != i),
            None,
        )
        if subject is None:
            continue
        words = [subject, *attached.get(subject, [])]
        last = doc[end - 1]
        while last.is_space and last.i > start:
            last = doc[last.i - 1]  # the blank line after a paragraph is no part of its sentence
        found.append(
            ClauseSubject(
                (doc[start].idx, last.idx + len(last)),
                tuple((doc[i].idx, doc[i].idx + len(doc[i])) for i in words),
                doc[subject].text,
                doc[root].lower_,
            )
        )
    return found


def _sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """(first token, end token) of each sentence, from the sentence starts."""
    starts = [t.i for t in doc if t.i == 0 or t.is_sent_start]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


def attach_quotes(
    blocks: list[Block],
    people: list[PersonDraft],
    rules: RuleSet,
    subjects: Sequence[ClauseSubject] = (),
) -> None:
    """Quotes go to the person the attribution names, in the forms news writes them: a dash,
    hyphen or quotation-mark block with the attribution after the quote (ending the block,
    or followed by more sentences: "– ..., sier Eide. Han mener ..."), and a speech verb
    with a colon before a quotation ("Ola Berg sier: «...»"). ``subjects``: the main-clause
    subjects the parse found (``main_clause_subjects``)."""
    previous: PersonDraft | None = None  # who the last block's quote was by
    last_quoted: PersonDraft | None = None  # who the last quote anywhere before was by
    told_between = 0  # paragraphs of narrative since that quote
    presented = _presented_person(people)  # an interview's subject
    _tell_pronouns(blocks, people, rules)
    for index, block in enumerate(blocks):
        if _signer(block, people) is not None:
            continue  # "– ordførarkandidat Kari Lie" under a quotation: its signature
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        found = (
            _signed_quotation(block, following, people)
            or _quote_before_attribution(
                block,
                people,
                rules,
                partial(
                    _speaking_before, blocks[index - 1] if index else None, people, subjects, rules
                ),
            )
            or _quote_after_colon(block, people, rules)
            or _quote_after_a_sentence(block, people, rules)
            or _undashed_speech(block, people, rules)
        )
        unquoted = found is not None and found[2] <= found[1]
        if unquoted:
            found = None  # "– sier Kari Lie": an attribution with no words quoted before it
        if found is not None:
            speaker, start, end = found
            speaker.quotes.append((block.start + start, block.start + end))
            if (partner := _said_with(block.text, end, speaker, people, rules)) is not None:
                partner.quotes.append((block.start + start, block.start + end))
            if more := _COLON_CONTINUATION.match(block.text, end):
                # "..., understreker Salberg: – Etter hvert ...": the speaker goes on
                speaker.quotes.append(
                    (block.start + more.start("quote"), block.start + more.end("quote"))
                )
            for who, more_start, more_end in _dashes_after_attribution(
                block, end, speaker, people, rules
            ):
                who.quotes.append((block.start + more_start, block.start + more_end))
        elif not unquoted and _quote_opener(block) is not None and block.kind != "heading":
            attributed_below = following is not None and following.text[:1].islower()
            if _DASH_SUBHEADING.match(block.text) and not attributed_below:
                continue  # "– Søk om midlar": a subheading that quotes the story keeps the speaker
            around = (_block_presenting(blocks, index, people), blocks[index + 1 : index + 2])
            found = _continued_quote(block, previous, around, people, rules, subjects)
            if found is not None:
                found[0].quotes.append((block.start + found[1], block.start + found[2]))
        if found is None and _a_question(block.text):
            # the interviewer's question hands the word back, or to the one the box presents,
            # or, a dash question (the interviewer's), to the last one quoted: the interview's
            # subject (a question without a dash is a section's, answered by its owner)
            asked = last_quoted if _quote_opener(block) is not None else None
            previous, told_between = previous or presented or asked, 0
            continue
        if block.kind == "heading" or (found is None and _a_caption(block.text, rules)):
            continue  # a heading or a photo's caption keeps the speaker
        if found is not None:
            previous, told_between = found[0], 0
            last_quoted = found[0]
        elif _tells_about(block, previous, people) and told_between < _LONGEST_ASIDE:
            told_between += 1  # "– ..., sier Eide." / "Selskapet ..." / "– Vi ...": Eide goes on
        else:
            previous = None


@per_rule_set
def _credit(rules: RuleSet) -> re.Pattern[str]:
    """A photo credit that ends a caption ("... Foto: Kari Lie / NRK")."""
    labels = alternation(rules.org["credit_labels"])
    return re.compile(rf"(?i:\b(?:{labels}))\s*:\s*[A-ZÆØÅ][^\n]{{0,80}}$")


def _a_caption(text: str, rules: RuleSet) -> bool:
    """A photo's caption, set between a quote and the paragraphs that go on with it."""
    return _credit(rules).search(text.rstrip()) is not None


#: "– Søk om midlar": a dash line this short, ending in no stop and attributed nowhere, is a
#: subheading quoting the story (blind sets 27-50: 5 of 102 such lines were quotes, 3 of them
#: cut off where the page's excerpt ended)
_DASH_SUBHEADING = re.compile(r"^[–—]\s*(?:\S+\s+){0,5}\S+(?<![.?!…:,;»\"”])$")


def _block_presenting(blocks: list[Block], index: int, people: list[PersonDraft]):
    """The paragraph that presents the speaker of the quote at ``index``: the one before it,
    or, in a vox pop's layout (the name on a line, the title on the next, then the quote:
    "Erik Lie" / "Leder i Fagforbundet X" / "– Det er ..."), the name's line above the title's."""
    before = blocks[index - 1] if index else None
    if before is None or index < 2 or _named_in(before, people) or not _a_title_line(before):
        return before
    above = blocks[index - 2]
    named = _named_in(above, people)
    return above if len(named) == 1 and above.text.strip() == next(iter(named)) else before


def _a_title_line(block) -> bool:
    """A short line that is no sentence and no quote: a title under a name ("Leder og
    hovedtillitsvalgt Fagforbundet X")."""
    text = block.text.strip()
    return (
        0 < len(text.split()) <= _LONGEST_TITLE_LINE
        and not re.search(r"[.!?:]$", text)
        and _QUOTE_START.match(text) is None
    )


#: How many words a title line under a name holds at most.
_LONGEST_TITLE_LINE = 8


def _presented_person(people: list[PersonDraft]) -> PersonDraft | None:
    """The one person a fact box presents ("Navn: Erlend Berg" over "Stilling: ..." or
    "Arbeidsgiver: ...", read by ``pipeline_person_roles``): the subject of an interview,
    whose answers follow its questions."""
    presented = [p for p in people if p.role_rule == "fact_box"]
    return presented[0] if len(presented) == 1 else None


#: How many paragraphs of narrative may stand between a quote and its continuation.
_LONGEST_ASIDE = 1


def _tells_about(block, speaker, people: list[PersonDraft]) -> bool:
    """An aside between a speaker's quote and a dash paragraph with no attribution: a
    paragraph of narrative about the matter, naming no one and saying "han"/"ho" of no one,
    so the dash paragraph after it is still the speaker's ("– ..., sier Eide." / "Det jobbes
    på flere måter." / "– Vi ..."). A paragraph about a person (by name or pronoun) decides
    by how it ends (``_continued_quote``): it may hand the word on, or to no one."""
    if speaker is None or _quote_opener(block) is not None or _named_in(block, people):
        return False
    return not any(word in _PRONOUNS for word in re.findall(r"\w+", block.text.lower()))


# the attribution ends in a colon and a dash, and the same speaker's words run on to the end
_COLON_CONTINUATION = re.compile(r"[^.!?:\n]{2,160}:\s*[–—−-]\s*(?P<quote>[A-ZÆØÅ«\"][^\n]*?)\s*$")
# "..., sier Olsen. – God folkehelse er ...": a dash opens the next quote in the paragraph
# (or a quotation mark: "“A,” sier Dr. Maria Lie. “B.”")
_DASH_OPENS = re.compile(r"\s+(?:[–—−]|--?|[«“„])\s*(?=[A-ZÆØÅ«\"])")


def _dashes_after_attribution(block, end: int, speaker, people: list[PersonDraft], rules):
    """The dash quotes that open after the attribution ending at ``end``'s sentence, in the
    same paragraph: "– A, sier Olsen. – B." gives B to Olsen too; "– A, sier Olsen. – B,
    sier Hansen." gives B to Hansen, and so does "– A, sier Olsen. Narrative. – B, sier
    Hansen.". A pronoun ("sier hun") is the speaker before it when it
    fits them; an attribution to no one found ends the reading."""
    text, found = block.text, []
    while (tail := _attribution_mid_block(rules).match(text, end)) is not None:
        dash = _DASH_OPENS.match(text, tail.end())
        # a sentence of narrative may come between: the quote after it then needs its own
        # attribution ("– A, sier Lie. Når vi ... . – B, sier Lie og fortset. – C.")
        told_between = dash is None
        if told_between and (dash := _QUOTE_START_MID.search(text, tail.end())) is None:
            break
        own = _attribution_mid_block(rules).search(text, dash.end()) or _last_attribution(
            text, rules, dash.end()
        )
        if own is None and told_between:
            break
        if own is None:
            last = len(text.rstrip())
            last -= text[last - 1] in "»”" and text[dash.end() - 1] in "«“„"
            found.append((speaker, dash.end(), last))
            break
        who = own.group("who")
        speaker = _speaker(who, people) or _fits(who, lambda s=speaker: s)
        if speaker is None:
            break
        found.append((speaker, dash.end(), own.start()))
        end = own.start()
    return found


_SIGNATURE = re.compile(r"^[–—−-]\s*(?P<who>[^\n.!?]{3,80})$")
_MAX_SIGNATURE_WORDS = 8
_QUOTATION = re.compile(r"^[«\"“„](?P<quote>[^«»\"“”„]+?)\s*[»\"”]\s*$")


def _signer(block, people: list[PersonDraft]) -> PersonDraft | None:
    """The one person a short dash line names and does nothing else with: the signature of a
    pull quote ("– ordførarkandidat Kari Lie")."""
    m = _SIGNATURE.match(block.text.strip())
    if m is None or len(m.group("who").split()) > _MAX_SIGNATURE_WORDS:
        return None
    end = block.start + len(block.text.rstrip())
    named = {
        (p.name, mention_end)
        for p in people
        for start, mention_end in p.mentions
        if block.start <= start < end
    }
    if len({name for name, _ in named}) != 1:
        return None
    name, mention_end = next(iter(named))
    after = block.text[mention_end - block.start :].strip()
    if after and not after.startswith(","):
        return None  # "– Per Olsen er med": a sentence about them, no signature
    return next(p for p in people if p.name == name)


def _signed_quotation(block, following, people: list[PersonDraft]):
    """ "«Sunnfjord skal ha eit næringsliv for framtida»" then "– ordførarkandidat Kari
    Lie": a quotation signed on the line under it."""
    quotation = _QUOTATION.match(block.text)
    if quotation is None or following is None:
        return None
    signer = _signer(following, people)
    return (signer, quotation.start("quote"), quotation.end("quote")) if signer else None


def _continued_quote(block, previous, around, people, rules: RuleSet, subjects=()):
    """A dash paragraph with no attribution of its own: the speaker of the quote right
    before it goes on ("– ..., sier Eide." then "– Vi har ..."), or the next paragraph
    ends with the attribution ("– Vi har ..." then "Eierne har tro på oss, opplyser Wangen."),
    or the paragraph before introduces the one person who speaks ("Direktør Kari Lie
    seier året er dårleg." or "Kari Lie, direktør i X:" then "– Vi hadde ...")."""
    opener = _quote_opener(block)
    if _CAPTION_LABEL.match(block.text, opener.end()):
        return None  # "- MÅ DROPPE VINDKRAFT: Adm. dir. Fredrik Behrens.": a photo's caption
    end = len(block.text.rstrip())
    if opener.group().strip()[-1:] in ("«", '"', "“", "„") and block.text[end - 1] in '»"”':
        end -= 1  # the closing mark of the quotation is no part of the quote
    if _a_question(block.text[opener.end() : end]):
        return None  # "– Hva håper dere å oppnå?": the interviewer asks
    before, following = around
    for nxt in following:  # "– ..." then "Det seier Oddgeir Kvitenes, som ...": named after
        opening = _said_that_opening(rules).match(nxt.text)
        who = opening and (
            opening.group("who") or opening.group("cleft") or opening.group("bearer")
        )
        if who and (speaker := _speaker(who, people)):
            return speaker, opener.end(), end
    # a new speaker is handed the word
    introduced = _introduced_speaker(before, people, rules) or _subject_before(
        before, people, subjects
    )
    if introduced is None and _FIRST_PERSON_SINGULAR.search(block.text, opener.end(), end):
        # "Arbeidet er ledet av Elin Næss. ..." then "– I begynnelsen ble jeg overrasket":
        # someone new speaks of themself right after the paragraph that names only them (the
        # last speaker named again may be talked about, not talking)
        named = _only_person_named(before, people)
        introduced = named if named is not None and not named.quotes else None
    if introduced is not None or previous is not None:
        return introduced or previous, opener.end(), end
    for nxt in following:
        tail = _last_attribution(nxt.text, rules)
        if tail is not None and (speaker := _speaker(tail.group("who"), people)):
            return speaker, opener.end(), end
    return None


#: A caption's label in capitals: "MÅ DROPPE VINDKRAFT:".
_CAPTION_LABEL = re.compile(r"[A-ZÆØÅ][A-ZÆØÅ\s-]{3,}:")


def _quote_opener(block) -> re.Match[str] | None:
    """Where a quote block's words start: after its dash or quotation mark, or at once in a
    quote block whose hyphen the parser took off ("- Vi ..., sier X.")."""
    return _QUOTE_START.match(block.text) or (
        _NO_OPENER.match(block.text) if block.kind == "quote" else None
    )


def _a_question(text: str) -> bool:
    """Sentences that all ask: an interviewer's question in a dash paragraph ("– Hva synes
    du? Har alle noe å gå på?")."""
    text = text.strip()
    return text.endswith("?") and not re.search(r"[.!]\s", text)


_FIRST_PERSON_SINGULAR = re.compile(r"(?<!\w)(?:jeg|eg|meg|min|mitt|mine)(?!\w)", re.IGNORECASE)


def _only_person_named(before, people: list[PersonDraft]) -> PersonDraft | None:
    """The one person the paragraph before names, if it names one and is no quote itself."""
    if before is None or _QUOTE_START.match(before.text):
        return None
    named = _named_in(before, people)
    return next(iter(named.values()))[0] if len(named) == 1 else None


def _named_in(block, people: list[PersonDraft]) -> dict[str, tuple[PersonDraft, int]]:
    """The people a block names, each with where it names them (the last mention)."""
    return {
        p.name: (p, start)
        for p in people
        for start, _ in p.mentions
        if block.start <= start < block.start + len(block.text)
    }


def _introduced_speaker(before, people: list[PersonDraft], rules: RuleSet) -> PersonDraft | None:
    """The one person the paragraph before a quote names, when it hands over to them: it
    ends in a colon, has a speech verb after the name, or is the name with a title only."""
    if before is None or _QUOTE_START.match(before.text):
        return None  # a quote of its own that nobody was found for
    named = _named_in(before, people)
    if not named:  # "Ho fortel at ...", "Ordføreren meiner ...": someone named before
        return _referred_speaker(before, people, rules) or _handed_back(before, people)
    if len(named) != 1:
        return None
    speaker, start = next(iter(named.values()))
    text = before.text.rstrip()
    after_name = text[start - before.start :]
    if text.endswith(":") or _speech_verb(rules).search(after_name):
        return speaker
    said = _last_attribution(text, rules)
    if said is not None and _speaker(said.group("who"), [speaker]) is speaker:
        return speaker  # "Det er ... at verdiskapinga skjer, meiner Kari Lie." then "– ..."
    if len(text.split()) <= 12 and text.count(".") <= 1:
        return speaker  # the name with a title only
    if _one_sentence_about(text, start - before.start) or _ends_on_them(text, start - before.start):
        return speaker
    return None


def _last_subject(before, subjects) -> ClauseSubject | None:
    """The main-clause subject of the last sentence of the paragraph before a quote, when
    that paragraph is no quote and no question."""
    if before is None or _QUOTE_START.match(before.text) or before.text.rstrip().endswith("?"):
        return None
    end = before.start + len(before.text.rstrip())
    inside = [s for s in subjects if before.start <= s.sentence[0] and s.sentence[1] <= end + 1]
    return inside[-1] if inside else None


def _subject_before(before, people: list[PersonDraft], subjects) -> PersonDraft | None:
    """The person who is the subject of the last sentence of the paragraph before a quote
    ("Selv om ..., trekker Bjørkås fram at ...", "Samtidig mener han at ...", "Redaktør i
    Stord24, Jonas Sætre, er svært nøgd med ..."): the paragraph tells what they think or
    do, and the quote after it is theirs."""
    last = _last_subject(before, subjects)
    if last is None:
        return None
    if last.text.lower() in _PRONOUNS:
        # only someone the text has called so ("Interessen fekk ho ..." after "Mor Kari er
        # ..." is about the story's woman, not the one named last)
        speaker = _pronoun_speaker(last.text, last.words[0][0], people)
        told = speaker is not None and speaker.pronoun == _PRONOUNS[last.text.lower()]
        return speaker if told else None
    if (titled := _titled_speaker(last.text, last.words[0][0], people)) is not None:
        return titled  # "..., slo ordføraren fast at": the person named last with that title
    return next(
        (
            p
            for p in people
            for start, stop in p.mentions
            if any(start <= s < stop for s, _ in last.words)
        ),
        None,
    )


def _ends_on_them(text: str, name_at: int) -> bool:
    """ "Så lenge ho kan hugse har Ullaland vore oppteken av miljøet. Ho lever sjølv ...":
    the paragraph's last sentence, after the name, goes on about the person by pronoun; the
    quote after it is theirs."""
    sentences = [(s, e) for s, e in _sentence_spans(text) if e > s]
    if len(sentences) < 2 or sentences[-1][0] <= name_at:
        return False
    return _PRONOUN_SUBJECT.match(text, sentences[-1][0]) is not None and not text.endswith("?")


def _handed_back(before, people: list[PersonDraft]) -> PersonDraft | None:
    """A paragraph that names no one and hands over with a colon ("Etter å ha granska litt
    fann folkehøgskulelæraren ut at ...:"): the quote is the last speaker's again, or, when
    the paragraph says "han" or "ho", the person the pronoun refers to."""
    if not before.text.rstrip().endswith(":"):
        return None
    pronoun = next((w for w in re.findall(r"\w+", before.text.lower()) if w in _PRONOUNS), None)
    if pronoun is not None:  # "Men no er ho heime att og har fått ei oppsummering:": hers
        return _pronoun_speaker(pronoun, before.start, people)
    quoted = _last_quotes_before(people, before.start)
    return max(quoted, key=lambda pair: pair[0])[1] if quoted else None


def _last_quotes_before(people: list[PersonDraft], at: int) -> list[tuple[int, PersonDraft]]:
    """(start, person) of each person's last quote, for those quoted before ``at``."""
    return [(p.quotes[-1][0], p) for p in people if p.quotes and p.quotes[-1][0] < at]


def _one_sentence_about(text: str, name_at: int) -> bool:
    """ "Regiondirektør Kari Lie i NHO er imponert over arbeidet.": one sentence that opens
    with the person (a title at most before the name), the quote after it is theirs."""
    opening = text[:name_at].split()
    return len(opening) <= 1 and len(_sentence_spans(text)) == 1 and not text.endswith("?")


def _referred_speaker(before, people: list[PersonDraft], rules: RuleSet) -> PersonDraft | None:
    """The speaker a paragraph that names no one opens or ends with: a pronoun ("Ho fortel
    at ...")
    is the person named last before it; a title in its definite form ("Ordføreren meiner")
    the person named last with that title."""
    # "Ho fortel at ..." opens the paragraph, or its last sentence hands over ("Han er
    # butikksjef i Førde. Han seier at ...")
    last = [start for start, end in _sentence_spans(before.text.rstrip()) if end > start][-1:]
    opening = _referring_opening(rules).match(before.text) or next(
        (m for at in last if (m := _referring_opening(rules).match(before.text, at))), None
    )
    subject = _PRONOUN_SUBJECT.match(before.text)
    if opening is None and subject is not None and len(_sentence_spans(before.text)) == 1:
        # "Han viser til tala frå i fjor." then "– Vi må ...": one sentence about the person
        # goes on to their words, whatever its verb
        return _pronoun_speaker(subject.group("who"), before.start, people)
    if opening is None:
        return None
    who = opening.group("who") or opening.group("according")
    if who.lower() in _PRONOUNS:
        return _pronoun_speaker(who, before.start, people)
    return _titled_speaker(who, before.start, people)


#: "ordføraren", "den påtroppande rådmannen", and a word after it at most: how it was said
#: ("sier kjøpmannen stolt") or the particle of a split verb ("slår leiaren fast").
_DEFINITE_TITLE = re.compile(
    r"(?:(?:den|det)\s+)?(?:[a-zæøå]+\s+)?(?P<title>[a-zæøå]{4,}(?:en|a|et))(?:\s+[a-zæøå]{2,})?"
)


#: "..., sa teatersjefen då han lanserte kampanjen", "sa konsernsjefen til avisa", "påpeker
#: lederen av Nelfo": the definite title, then to whom, when or where it was said, or whose.
_DEFINITE_TITLE_THEN_WHEN = re.compile(
    r"(?P<title>[a-zæøå]{4,}(?:en|a|et))"
    r"(?=,|\s+(?:til|då|da|når|etter|under|på|i|om|av|for|hos|ved|fra|frå)\s)"
)


#: "..., sier UiBs rektor": an organisation's title in the genitive.
_GENITIVE_TITLE = re.compile(r"[\wæøå-]+s\s+(?P<title>[a-zæøå-]{4,})")


def without_definite_ending(word: str) -> str:
    """ "ordføraren" -> "ordførar", "leiaren" -> "leiar": a title's definite ending off."""
    return re.sub(r"(?:en|a|et)$", "", word)


#: "..., fortel rektor.", "seier dagleg leiar.": a title written as a name would be, in lower
#: case (a capital would be a name's).
_BARE_TITLE = re.compile(r"(?:[a-zæøå]+\s+)?(?P<title>[a-zæøå]{4,})")


def _titled_speaker(who: str, before: int, people: list[PersonDraft]) -> PersonDraft | None:
    """A title in its definite form ("Ordføreren", "den påtroppande rådmannen"), or bare
    ("fortel rektor"), is the
    person named last before ``before`` with that title, else the article's one person with
    it, named after ("– ..., seier ordføraren." opening a story that names her later)."""
    written, who = who.strip(), who.strip().lower()
    m = _DEFINITE_TITLE.fullmatch(who) or _DEFINITE_TITLE_THEN_WHEN.match(who)
    owned = _GENITIVE_TITLE.fullmatch(who)  # "sier UiBs rektor": the title, indefinite
    bare = _BARE_TITLE.fullmatch(written)  # "fortel rektor.": a title without a name
    if m is None and owned is None and bare is None:
        return None
    stem = (
        without_definite_ending(m.group("title")) if m else (owned or bare).group("title")  # type: ignore[union-attr]
    )
    titled = [
        (start, p)
        for p in people
        if p.title and p.title.lower().endswith(stem)
        for start, _ in p.mentions
        if start < before
    ]
    if titled:
        return max(titled, key=lambda pair: pair[0])[1]
    holders = [p for p in people if p.title and p.title.lower().endswith(stem)]
    return holders[0] if len(holders) == 1 else None


def _pronoun_of(who: str) -> str | None:
    """ "han"/"ho" of an attribution's speaker written as a pronoun, alone or with how it
    was said after it ("..., tilføyer hun spøkefullt om «dei».", "..., seier ho og ler.")."""
    words = TOLD.split(who, maxsplit=1)[0].split()  # "seier han til Neste Klikk"
    if not words or any(w[:1].isupper() for w in words[1:]):
        return None  # "han Per Lie": a name follows
    if _AGED.fullmatch(words[0]):
        return EITHER  # "seier 28-åringen": the person by their age, either pronoun
    return _PRONOUNS.get(words[0].lower())


# the same person in bokmål and nynorsk, as subject and after a preposition ("ifølge henne")
_PRONOUNS = {"han": "han", "ham": "han", "hun": "ho", "ho": "ho", "henne": "ho"}
# "28-åringen", "45-åringa": a person named before, by their age, whoever it is
_AGED = re.compile(r"\d{1,3}-åring(?:en|a)")
EITHER = "either"
# a paragraph whose first word is a personal pronoun, the subject of its verb
_PRONOUN_SUBJECT = re.compile(r"(?P<who>Han|Hun|Ho)\s+[a-zæøå]{2,}(?!\w)")


@per_rule_set
def _referring_opening(rules: RuleSet) -> re.Pattern[str]:
    """A paragraph opening with a pronoun or a definite noun and a speech verb, or with
    "ifølge" and one ("Men ifølge han betyr ikkje det ...": reported speech)."""
    return re.compile(
        rf"(?P<who>Han|Hun|Ho|[A-ZÆØÅ][a-zæøå]{{3,}}(?:en|a|et))\s+(?:{speech_verbs(rules)})(?!\w)"
        r"|(?:(?:Men|Og)\s+)?[Ii]følg(?:e|je)\s+(?P<according>han|ham|hun|henne|ho|[a-zæøå]{3,}(?:en|a|et))(?!\w)"
    )


@per_rule_set
def _said_that_opening(rules: RuleSet) -> re.Pattern[str]:
    """A paragraph that names the speaker of the quote before it: "Det seier Oddgeir
    Kvitenes, som jobbar ved ...", "Dette sier daglig leder Kari Holm i X til avisa."; the
    speaker's words run to the first comma or stop."""
    verbs = speech_verbs(rules)
    # "Det er leder for miljø, Bente Næss, som sier dette til X": the cleft names the speaker
    # a line that opens with the verb goes on with the quotation's sentence ("«...»" /
    # "sier en fornøyd ordfører Hilde Nes.")
    return re.compile(
        rf"(?:(?:Det|Dette)\s+|(?=[a-zæøå]))(?:{verbs})\s+(?P<who>[^,.\n]+)"
        rf"|(?:Det|Dette)\s+(?:er|var)\s+(?P<cleft>[^.\n]{{2,120}}?),?\s+som\s+(?:{verbs})\s+(?:dette|det)\b"
        # "Dette var bodskapen til teatersjef Erik Ulvik då ...": the first one named after it
        rf"|(?:Det|Dette)\s+(?:er|var)\s+(?:{alternation(rules.org['speech_nouns'])})"
        r"\s+(?:til|frå|fra)\s+(?P<bearer>[^.\n]{2,160})"
    )


@per_rule_set
def _speech_verb(rules: RuleSet) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{speech_verbs(rules)})(?!\w)")


def _quote_after_a_sentence(block, people: list[PersonDraft], rules: RuleSet):
    """ "Sparebanken har signert avtalen. – Det er viktig ..., seier direktør Trond
    Teigene.": a dash quote that opens inside the paragraph."""
    m = _QUOTE_START_MID.search(block.text)
    if m is None:
        return None
    # the attribution ends the paragraph, or a sentence of it ("..., sier X. Hun ...")
    tail = (
        _last_attribution(block.text, rules, m.end())
        or _attribution_mid_block(rules).search(block.text, m.end())
        or _attribution_then_clause(rules).search(block.text, m.end())
    )
    if tail is None:
        return None
    who = tail.group("who")
    speaker = (
        _speaker(who, people)
        or _pronoun_speaker_before_dash(who, block, m.start(), people)
        or _titled_speaker(who, block.start + m.start(), people)  # "..., sa kronprinsen."
    )
    return (speaker, m.end(), tail.start()) if speaker else None


def _pronoun_speaker_before_dash(who: str, block, dash: int, people: list[PersonDraft]):
    """ "Kari Lie leier X. – ..., seier ho.": the pronoun is the one person the paragraph
    names before the dash; with two people there, the one it fits when the other is known
    to be the other (by the text or the given name), else the text does not tell."""
    start, end = block.start, block.start + dash
    named = {p.name: p for p in people for s, _ in p.mentions if start <= s < end}
    if len(named) > 1:
        # "Rektor Per Moe og rådgjevar Kari Lie opna bygget. – ..., seier ho.": the one
        # the pronoun fits, when every other one is known to be the other
        pronoun = _pronoun_of(who)
        fits = [p for p in named.values() if pronoun == EITHER or p.pronoun == pronoun]
        others_told = all(p.pronoun not in (None, pronoun) for p in named.values() if p not in fits)
        return fits[0] if pronoun and len(fits) == 1 and others_told else None
    return _pronoun_speaker(who, end, people)


def _undashed_speech(block, people: list[PersonDraft], rules: RuleSet):
    """ "Vi må tørre å våge mer ..., sa Odd Kvinen fra Sirdal Huskyfarm.": a paragraph that
    ends in a speech verb and a name, in the first or second person, is a quote without its
    dash."""
    if block.kind not in ("paragraph", "list_item") or not block.text[:1].isupper():
        return None
    tail = _last_attribution(block.text, rules)
    if tail is None or not tail.group(0).lstrip().startswith(","):
        return None
    quote = block.text[: tail.start()]
    if not _SPEAKING_VOICE.search(quote):
        return None
    speaker = _speaker(tail.group("who"), people)
    return (speaker, 0, tail.start()) if speaker else None


def _quote_before_attribution(
    block,
    people: list[PersonDraft],
    rules: RuleSet,
    speaking: Callable[[], PersonDraft | None] = lambda: None,
):
    """ "– ..., sier Kari Lie." and its forms; ``speaking``: who the paragraph before says
    is speaking, whom "sier han" refers to before anyone named later (asked only then)."""
    opener = _quote_opener(block)
    if not opener:
        return None
    at_end = _last_attribution(block.text, rules)
    mid_block = _attribution_mid_block(rules).search(block.text, opener.end())
    then_clause = _attribution_then_clause(rules).search(block.text, opener.end())
    tails = (at_end, mid_block, then_clause)
    if mid_block is not None and _DASH_OPENS.match(block.text, mid_block.end()):
        tails = (mid_block, at_end, then_clause)  # "– A, sier X. – B, sier Y.": A is X's
    for tail in tails:
        if tail is None:
            continue
        who = tail.group("who")
        speaker = (
            _speaker(who, people, block.start)
            or _fits(who, speaking)
            or _pronoun_speaker(who, block.start, people)
            or _titled_speaker(who, block.start, people)  # "..., seier rådmannen."
        )
        if speaker is not None:
            return speaker, opener.end(), tail.start()
    return None


def _quote_after_colon(block, people: list[PersonDraft], rules: RuleSet):
    said_that = _said_that_quotation(rules)
    m = (
        _colon_quote(rules).search(block.text)
        or _LEAD_THEN_DASH.search(block.text)
        or _LEAD_THEN_QUOTATION.search(block.text)
        or said_that.search(block.text)
    )
    if m is None:
        return None
    if len(m.group("quote").split()) < 2:
        return None  # "for prosjektet: «Venteromskultur»": one word in marks names something
    who = m.group("who")
    one_named = (_LEAD_THEN_DASH, _LEAD_THEN_QUOTATION, said_that)
    if m.re in one_named and sum(p.name in who for p in people) != 1:
        return None  # "Kari Lie og Per Dal er samde: – ...": whose words, the text does not say
    # "Hun sier videre: «...»": the person the text last named and calls so
    speaker = _speaker(who, people) or _pronoun_speaker(who, block.start + m.start(), people)
    return (speaker, m.start("quote"), m.end("quote")) if speaker else None


# "Lederen Tore Hansen skulle gjerne sett flere medlemmer: «Vi har en jobb å gjøre»": a
# sentence that names one person and ends in a colon before a quotation in marks, with no
# speech verb; the quotation is that person's
_LEAD_THEN_QUOTATION = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<who>[A-ZÆØÅ][^.:!?\n«\"“„]{1,159}):\s+[«\"“„](?P<quote>[^»\"”\n]+?)\s*[»\"”]"
)


@per_rule_set
def _said_that_quotation(rules: RuleSet) -> re.Pattern[str]:
    """ "Kari Lie, leiar i X, uttalte til avisa fredag at «det ikkje er vanleg ...»": a
    sentence that names one person before a speech verb, then "at" and a quotation in
    guillemets: the quoted words are that person's."""
    return re.compile(
        rf"(?:^|(?<=[.!?]\s))(?P<who>[A-ZÆØÅ][^.:!?\n«»]{{1,159}}?)\s+(?:{speech_verbs(rules)})"
        r"\b[^.:!?\n«»]{0,60}?\bat\s+«(?P<quote>[^«»\n]+?)\s*»"
    )


# "Syklisten Tord Hafnor skal importere sykkelstativ: – Det må vere enkelt ...": a lead that
# names one person, a colon and a dash: the quote is that person's
_LEAD_THEN_DASH = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<who>[A-ZÆØÅ][^.:!?\n]{1,159}):\s+[–—]\s*(?P<quote>[^\n]+?)\s*$"
)


def _last_attribution(text: str, rules: RuleSet, start: int = 0) -> re.Match[str] | None:
    """The last "..., sier X." in ``text`` from ``start``: the one that closes the quote, not
    a speech verb inside it ("– Ryktene sier at ..., sier X.")."""
    last, at = None, start
    while (found := _attribution_at_end(rules).search(text, at)) is not None:
        if last is None or found.group(0).lstrip()[:1] in _AFTER_A_QUOTE:
            last = found  # a later verb closes the quote only after a comma or a quote mark
        at = max(found.start("verb"), found.start("opening")) + 1
    return last


_AFTER_A_QUOTE = (",", "»", '"', "”")


def abbreviated_titles(rules: RuleSet) -> str:
    """The title words the entity rules write with their stop ("adm.", "dir."), as one
    case-insensitive alternation."""
    words = rules.entity
    dotted = [w for w in (*words.title_modifiers, *words.person_titles) if w.endswith(".")]
    return rf"(?i:{alternation(dotted)})" if dotted else "(?!)"  # (?!): none to match


def _who(rules: RuleSet) -> str:
    """The attribution's speaker up to the full stop that ends it, past the stops of an
    abbreviated title ("adm. dir. Kari Bakke"), of initials ("Kjell S. Lie", "Tom Kj.
    Hartvik"), of a name's generation ("Finn Madssen jr. som er ..."), of a web address ("til
    NRK.no"), of an ordinal before a title ("Kari Lie, 1. nestleiar i X") and of a time or a
    number ("klokka 07.00")."""
    return (
        rf"(?P<who>(?:(?<!\w){abbreviated_titles(rules)}|(?<!\w)[A-ZÆØÅ][a-zæøå]?\.(?=\s)"
        rf"|(?<=\s)(?:jr|sr)\.(?=[\s,])|(?<=\w)\.(?:no|com|net|org|se|dk)(?!\w)"
        rf"|(?<=\s)\d{{1,2}}\.(?=\s+[a-zæøå])|(?<=\d)\.(?=\d)|[^.])*?)"
    )


@per_rule_set
def _attribution_at_end(rules: RuleSet) -> re.Pattern[str]:
    # "... løsninger. Sier Kim Bråten, avdelingsleder i X.": the verb may open a sentence,
    # and a comma typed against it stands for the space ("...kompetanse,seier X.");
    # "..., har dagleg leiar X tidlegare uttalt.": the perfect puts the speaker between the
    # auxiliary and the participle (an adverb and "til avisa" may follow the speaker)
    capitalised = alternation([v[:1].upper() + v[1:] for v in rules.org["speech_verbs"]])
    participle = alternation(rules.org["speech_participles"])
    return re.compile(
        rf"(?:(?:,?\s*{_CLOSING}?,?\s+|,)(?P<verb>{verbs_after_a_quote(rules)}|(?P<perfect>har|hadde))"
        rf"|(?<=\.)\s+(?P<opening>{capitalised}))\s+{_who(rules)}"
        # a stop typed twice ("sier Thorsrud. .") still ends the paragraph, and so does an
        # agency's credit after the stop ("sier Mette Sætre. (©NTB)")
        rf"(?(perfect)(?:\s+\w+)?\s+(?:{participle})(?:\s+til\s+[^.]+)?)"
        rf"(?:(?:\s*\.)+\s*\(©?\s*[A-ZÆØÅ][\wæøåÆØÅ ]{{1,20}}\)|(?:\s*\.)*)\s*$"
    )


@per_rule_set
def _attribution_mid_block(rules: RuleSet) -> re.Pattern[str]:
    """ "– Vi har nok å gjere, seier Eide. Han meiner ...": the attribution ends a sentence
    and the paragraph goes on (past an abbreviated title's stops: "sier adm. direktør X.").
    An exclamation or a question may stand for the comma ("– Vi får mye igjen! sier X."),
    and the paragraph may go on with a note in brackets ("(Artikkelen er berre på papir.)")."""
    return re.compile(
        rf"(?:,\s*{_CLOSING}?|{_CLOSING},?|(?<=[!?]){_CLOSING}?)\s*(?:{verbs_after_a_quote(rules)})\s+{_who(rules)}\.(?=\s+[A-ZÆØÅ«–—\"“„(-])"
    )


@per_rule_set
def _attribution_then_clause(rules: RuleSet) -> re.Pattern[str]:
    """ "– Vi er ..., sa fylkesordføraren, før han opna bygget.": the attribution goes on in
    a clause of time or manner, after a comma or not ("», innleidde kronprinsen etter at
    ..."; "og" only after a comma: "sier Kari Lie og Per Dal" names two)."""
    return re.compile(
        rf"(?:,\s*{_CLOSING}?|{_CLOSING},?)\s*(?:{verbs_after_a_quote(rules)})\s+"
        rf"(?P<who>[^,.\n]{{2,60}}?)(?:,\s+|\s+(?!og\b))"
        rf"(?:{alternation(rules.org['attribution_clause_openers'])})\b"
    )


@per_rule_set
def _colon_quote(rules: RuleSet) -> re.Pattern[str]:
    """ "Konsernsjef Ola Berg i Statkraft sier: «Vi støtter prosjektet.»", and the same with
    "at" ("Ordføraren Kari Lie sa at «Dei går føre med eit godt døme»")."""
    return re.compile(
        rf"(?P<who>[^.:«\"“]{{2,120}}?)\s+(?:{speech_verbs(rules)})(?:\s+(?:{alternation(rules.org['speech_adverbs'])}))?"
        rf"(?::|\s+at)\s*[«\"“„]"
        rf"(?P<quote>[^»\"”]+?)\s*{_CLOSING}"
    )


def _speaking_before(
    before, people: list[PersonDraft], subjects, rules: RuleSet
) -> PersonDraft | None:
    """The person the paragraph before a quote ends on speaking: the subject of its last
    sentence, whose verb is a speech verb ("Styreleder Jon Hippe sier styret vil takke Per
    Nordstrøm for ..."); "– ..., sier han." after it is theirs, not the one named last."""
    last = _last_subject(before, subjects)
    if last is None or last.verb not in _speech_verb_words(rules):
        return None
    return _subject_before(before, people, subjects)


@per_rule_set
def _speech_verb_words(rules: RuleSet) -> frozenset[str]:
    return frozenset(w.lower() for w in rules.org["speech_verbs"] if " " not in w)


def _fits(who: str, speaking: Callable[[], PersonDraft | None]) -> PersonDraft | None:
    """The person ``speaking`` gives, when ``who`` is a pronoun that may be theirs (the text
    has not called them by the other one)."""
    pronoun = _pronoun_of(who)
    person = speaking() if pronoun is not None else None
    if person is None or pronoun != EITHER and person.pronoun not in (None, pronoun):
        return None
    return person


def _pronoun_speaker(who: str, before: int, people: list[PersonDraft]) -> PersonDraft | None:
    """'..., sier hun.': the person named last before the quote, passing over anyone the
    text has called by the other pronoun."""
    pronoun = _pronoun_of(who)
    if pronoun is None:
        return None
    named = [(start, p) for p in people for start, _ in p.mentions if start < before]
    named += _last_quotes_before(people, before)
    fitting = [
        (start, p) for start, p in named if pronoun == EITHER or p.pronoun in (None, pronoun)
    ]
    return max(fitting, key=lambda pair: pair[0])[1] if fitting else None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _tell_pronouns(blocks: list[Block], people: list[PersonDraft], rules: RuleSet) -> None:
    """Which pronoun the text uses for a person: a sentence opening with "Han", "Hun" or
    "Ho" right after a sentence that names that person and no one else; where the text
    does not tell, the first given name does ("Kari", "Per": the entity rules' lists). A
    person the text calls both is left untold."""
    sentences = [
        (block.start + start, block.start + end)
        for block in blocks
        for start, end in _sentence_spans(block.text)
    ]
    told: dict[str, set[str]] = {}
    for (start, end), (next_start, _) in zip(sentences, sentences[1:], strict=False):
        opening = _OPENING_PRONOUN.match(_text_of(blocks, next_start))
        named = {p.name for p in people for s, _ in p.mentions if start <= s < end}
        if opening and len(named) == 1:
            told.setdefault(named.pop(), set()).add(_PRONOUNS[opening.group(1).lower()])
    for person in people:
        pronouns = told.get(person.name, set())
        person.pronoun = pronouns.pop() if len(pronouns) == 1 else None
        if person.name not in told:
            person.pronoun = _pronoun_of_given_name(person.name, rules)


def _pronoun_of_given_name(name: str, rules: RuleSet) -> str | None:
    """ "ho" for "Kari Lie", "han" for "Per-Olav Moe"; None for a surname alone or a name
    neither list holds."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].split("-")[0]
    if first in _female_names(rules):
        return "ho"
    return "han" if first in _male_names(rules) else None


@per_rule_set
def _female_names(rules: RuleSet) -> frozenset[str]:
    return frozenset(rules.entity.female_given_names)


@per_rule_set
def _male_names(rules: RuleSet) -> frozenset[str]:
    return frozenset(rules.entity.male_given_names)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    return [*spans, (start, len(text))]


def _text_of(blocks: list[Block], at: int) -> str:
    block = next(b for b in blocks if b.start <= at <= b.end)
    return block.text[at - block.start : at - block.start + 4]


_OPENING_PRONOUN = re.compile(r"(Han|Hun|Ho)\b")


def _said_with(
    text: str, end: int, speaker: PersonDraft, people: list[PersonDraft], rules: RuleSet
) -> PersonDraft | None:
    """ "..., konstaterer Sæbø og Tangen.": a second person named with the speaker right
    after the speech verb says the quote with them."""
    from pipeline.people.speakers import _is_title  # speakers imports this module

    m = _said_by_two(rules).match(text, end)
    if m is None or _speaker(m.group("first"), people) is not speaker:
        return None
    titled = m.group("title")
    if titled and not _is_title(titled.split()[-1].lower(), rules):
        return None  # "sier Kari Lie og takkar Per Dal": a verb, not the partner's title
    partner = _speaker(m.group("second"), people)
    return partner if partner is not speaker else None


@per_rule_set
def _said_by_two(rules: RuleSet) -> re.Pattern[str]:
    """ "konstaterer Sæbø og Tangen.", "seier ordførar Siri Dyrlie (Sp) og
    kommunestyremedlem Karin Haug (Ap).": titles before and parties after either name."""
    name = r"[A-ZÆØÅ][\wæøå.-]*(?:\s+[A-ZÆØÅ][\wæøå.-]*){0,3}"
    title = r"(?:[a-zæøå][\wæøå.-]*\s+){1,3}"
    party = r"(?:\s*\([^()\n]{1,20}\))?"
    return re.compile(
        rf"\W{{0,3}}\s*(?:{speech_verbs(rules)})\s+(?:{title})?(?P<first>{name}){party}\s+og\s+"
        rf"(?P<title>{title})?(?P<second>{name}){party}\s*[.,]"
    )


#: "til" before the one told: "seier han til Neste Klikk" (the speech patterns read it too).
TOLD = re.compile(r"(?:^|\s)til(?:\s|$)")


def _speaker(who: str, people: list[PersonDraft], said_at: int | None = None) -> PersonDraft | None:
    """The person the attribution names first: in full, or by a surname or given name
    ("seier Lund, og prøver å minnast kva Kari Holm spelte": Lund). ``said_at``: where the
    quote stands, when the caller knows it (a shared surname goes to the one named before).
    A name after "til" is the one told ("seier han til Neste Klikk"), never the speaker."""
    who = TOLD.split(who, maxsplit=1)[0]
    named_in_full = [p for p in people if " " in p.name]
    in_full = [(who.find(p.name), i) for i, p in enumerate(named_in_full) if p.name in who]
    if in_full:
        at, first = min(in_full)
        # before the full name, only the surname of someone named in full elsewhere
        return _named_in_part(who[:at], named_in_full, said_at) or named_in_full[first]
    # no one named in full: a one-word name as written, else a surname or a given name
    return next((p for p in people if p.name in who), None) or _named_in_part(who, people, said_at)


def _named_in_part(
    who: str, people: list[PersonDraft], said_at: int | None = None
) -> PersonDraft | None:
    """The person ``who`` names by a surname alone (a given name, in features)."""
    written = re.findall(r"[A-ZÆØÅ][\wæøå-]+", who)
    words = set(written)
    matches = [p for p in people if p.surname in words]
    surnames = [w for w in written if w in {p.surname for p in matches}]
    if len(set(surnames)) > 1:  # "konstaterer Sæbø og Tangen": the one written first
        matches = [p for p in matches if p.surname == surnames[0]]
    if len(matches) > 1 and len({p.surname for p in matches}) == 1:
        # "seier Hovda" of "dagleg leiar Sindre Hovda" and the brothers named
        # after him: news calls the one it presents by the surname, the others in full. The
        # only one named before the quote, else the one with a title, else the one
        # introduced first.
        named_before = [
            p
            for p in matches
            if said_at is not None
            # by more than the given name ("ektemannen Einar" is not Einar Lie named)
            and any(
                start < said_at and end - start > len(p.name.split()[0])
                for start, end in p.mentions or [p.mention]
            )
        ]
        if len(named_before) == 1:
            return named_before[0]
        titled = [p for p in matches if p.title]
        if len(titled) == 1:
            return titled[0]
        if not titled:
            return min(matches, key=lambda p: min(p.mentions or [p.mention]))
        return None
    if not matches:  # "..., forklarar Lisa.": features name young people by the given name
        matches = [p for p in people if " " in p.name and p.name.split()[0] in words]
    return matches[0] if len(matches) == 1 else None
