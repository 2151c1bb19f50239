"""Organisation candidates from the genre's own ways of introducing one: an industry noun
before the name, a description after it, "X er en verkstedbedrift", a generic noun or a
legal suffix after it, a public body's form, a name listed next to introduced companies,
and a heading over question-and-answer items; with the industry and places they give."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.entities import (
    PERSON_SPANS,
    PLACE_SPANS,
    is_inflected_compound,
    load_common_words,
    spans_of,
)
from pipeline.extract.organisations.names import (
    HEADING,
    INTRO,
    PUBLIC,
    TAIL,
    OrgDraft,
    names_related,
    opens_sentence,
    skip_name,
    trim_name,
    word_positions,
)
from pipeline.extract.organisations.places import split_places
from pipeline.extract.sections import Section
from pipeline.extract.text import CAP_WORD, NAME, alternation, rules, sentence_bounds
from pipeline.geography import lookup_place, lookup_place_in
from pipeline.rules import cached_per_rule_set


@cached_per_rule_set()  # compiled once per process: these alternations are large
def _patterns() -> dict[str, re.Pattern[str]]:
    r = rules()
    heads = alternation(r["org_head_nouns"])
    tails = alternation(r["name_tail_nouns"])
    legal = alternation(r["legal_suffixes"])
    public_heads = alternation(r["public_body_name_tails"])
    agency = alternation(r["public_body_suffixes"])
    public_names = alternation(r["public_body_names"])
    region = rf"{CAP_WORD}(?:(?:,\s+|\s+og\s+){CAP_WORD})*"
    return {
        # industry prefix chain + head noun + name: "Digitaliserings-, robotiserings- og elektrifiseringsbedriften Goodtech"
        "intro": re.compile(
            rf"(?<![\w-])(?P<industry>(?:[\wæøå]+-,?\s+)*(?:[\wæøå]+-\s+og\s+)?(?:[\wæøå]+-)?[\wæøå]*)(?P<head>{heads})\s+(?P<name>{NAME})"
        ),
        "tail": re.compile(rf"(?P<name>{NAME}\s+(?P<tail>(?i:{tails})))(?![\wæøå])"),
        # "Hokksund Sveis og Stål AS": the legal suffix ends the name, so "og" inside it is safe
        "legal": re.compile(rf"(?P<name>{NAME}(?:\s+og\s+{NAME})?\s+(?:{legal}))(?![\w])"),
        "public": re.compile(
            rf"(?P<statsforvalter>Statsforvalt[ae]ren\s+i\s+{region})"
            rf"|(?P<name>(?<![\w-]){CAP_WORD}(?:\s+(?:og\s+)?{CAP_WORD})?\s+(?:{public_heads}))(?![\wæøå])"
            # "Miljødirektoratet", and with a coordinated first part "Nærings- og
            # handelsdepartementet" (the second part in either case)
            rf"|(?P<agency>(?<![\w-])(?:[A-ZÆØÅ][a-zæøå]+-\s+og\s+[A-ZÆØÅa-zæøå]|[A-ZÆØÅ])[a-zæøå]+(?:{agency}))(?![\wæøå])"
            rf"|(?P<named>(?<![\w-])(?:{public_names})(?:\s+(?P<region>{CAP_WORD}))?(?![\wæøå]))"
        ),
        # "Ramfjord Skjell AS, et familieeid skjelloppdrett i Balsfjord," / list item "X AS – trykkeri i Halden"
        "described": re.compile(
            rf"(?P<name>{NAME}(?:\s+og\s+{NAME})?)(?:,\s+(?:(?:en|et|ei|eit)\s+)?|\s+[–—-]\s+(?:en\s+|et\s+|ei\s+|eit\s+)?)"
            r"(?!(?:som|og|men|eller)\b)(?P<description>[a-zæøå][^,.;:\n]{2,160})"
            # "– transportselskap, Lillestrøm og Sørumsand." : places after the description
            rf"(?:,\s+(?P<where>{CAP_WORD}(?:(?:\s*,\s*|\s+og\s+){CAP_WORD})*)(?=\s*[.;\n]|\s*$))?"
        ),
        # "Fjordvær Fisk i Kristiansund" in a list of introduced companies
        "listed": re.compile(
            rf"(?:,\s+|\s+og\s+|:\s+)(?P<name>{NAME})(?=\s*\(|\s+(?:i|på|ved)\s+(?P<place>{CAP_WORD}))"
        ),
        "is_a": re.compile(
            rf"(?P<name>{NAME})\s+er\s+(?:en|ei|et|eit)\s+(?:\w+\s+)?(?P<industry>[\wæøå-]+?)(?P<head>bedrift|selskap|virksomhet|verksemd|produsent|leverandør|konsern)\b"
        ),
    }


# A compound's first part often ends in a linking s ("reiselivsbedriften", "avfallsselskapet");
# words whose own form ends in s ("kles", "hus", "gass") keep it.
_LINKING_S = re.compile(r"(?<=[^aeiouyæøås])s$")


def normalise_industry(raw: str) -> str | None:
    """'Digitaliserings-, robotiserings- og elektrifiserings' -> 'digitalisering, robotisering og elektrifisering'."""
    # lower case, but acronyms ("IT-selskapet") keep their capitals
    text = " ".join(w if w.rstrip(",-").isupper() else w.lower() for w in raw.split()).strip(" ,-")
    if not text:
        return None
    parts = re.split(r"(-,?\s+og\s+|-,\s+|-\s+)", text)
    words = []
    for part in parts:
        if part.strip().startswith("-"):
            words.append(", " if "," in part and "og" not in part else " og ")
        else:
            words.append(_LINKING_S.sub("", part) if len(part) > 4 else part)
    return "".join(words).replace(" ,", ",").strip()


def rule_candidates(text: str, doc: Doc) -> list[OrgDraft]:
    """Drafts from the ways the text introduces an organisation (sources 1-3 of the package
    docstring, fact boxes aside); an introduced name runs on over "og" where a legal suffix
    shows it goes on."""
    pats = _patterns()
    places = {s.text for s in spans_of(doc, PLACE_SPANS)}
    drafts = _introduced(text, pats["intro"])
    drafts += _described_companies(text, pats["described"], places)
    drafts += _said_to_be(text, pats["is_a"]) + _with_tail(text, pats["tail"])
    drafts += _with_legal_suffix(text, pats["legal"]) + _public_bodies(text, pats["public"])
    people = {s.text for s in spans_of(doc, PERSON_SPANS)}
    drafts += _listed_companies(text, pats["listed"], drafts, people)
    for draft in drafts:
        if draft.source == INTRO:
            _extend_over_og(text, draft)
    return drafts


def _introduced(text: str, pattern: re.Pattern[str]) -> list[OrgDraft]:
    """ "flyindustribedriften GKN Aerospace"; "Tromsø-bedriften X" names a place, not a trade."""
    found = []
    for m in pattern.finditer(text):
        name = trim_name(m.group("name"))
        if skip_name(name):
            continue
        first_word = text[m.start() : m.start("name")].split()[0]
        if (
            first_word[0].isupper()
            and "-" not in first_word
            and not opens_sentence(text, m.start())
        ):
            continue  # "(Kysthotellet Rørvik AS)": a capitalised noun inside is the name's own
        prefix = m.group("industry")
        if prefix.endswith("-") and lookup_place_in(text, prefix[:-1]):
            draft = OrgDraft(name, INTRO, m.start("name"), "company")
            start = m.start("industry")
            draft.described_places.append((prefix[:-1], start, start + len(prefix) - 1))
            found.append(draft)
            continue
        industry = normalise_industry(prefix)
        span = (m.start("industry"), m.start("head")) if industry else None
        found.append(OrgDraft(name, INTRO, m.start("name"), "company", industry, span))
    return found


def _said_to_be(text: str, pattern: re.Pattern[str]) -> list[OrgDraft]:
    """ "X er en verkstedbedrift"."""
    found = []
    for m in pattern.finditer(text):
        name = trim_name(m.group("name"))
        if skip_name(name):
            continue
        industry = normalise_industry(m.group("industry"))
        span = (m.start("industry"), m.end("industry")) if industry else None
        found.append(OrgDraft(name, INTRO, m.start("name"), "company", industry, span))
    return found


def _with_tail(text: str, pattern: re.Pattern[str]) -> list[OrgDraft]:
    """ "Sundvolden hotell": the generic noun after the name is the trade."""
    return [
        OrgDraft(
            m.group("name"),
            TAIL,
            m.start("name"),
            "company",
            m.group("tail").lower(),
            (m.start("tail"), m.end("tail")),
        )
        for m in pattern.finditer(text)
        if not skip_name(m.group("name"))
    ]


_OG = re.compile(r"\s+og\s+")


def _with_legal_suffix(text: str, pattern: re.Pattern[str]) -> list[OrgDraft]:
    found = []
    for m in pattern.finditer(text):
        for start, end in _legal_names(m):
            name = trim_name(text[start:end], opens_sentence(text, start))
            if not skip_name(name):
                found.append(OrgDraft(name, TAIL, end - len(name), "company"))
    return found


def _legal_names(m: re.Match[str]) -> list[tuple[int, int]]:
    """The name spans of a match: "Hokksund Sveis og Stål AS" is one company, but in
    "Moelv Gartneri AS og Brumunddal Trevare AS" the first legal suffix ends the first name,
    and in "v/Salve A Røyrhus og Volda Maskin AS" a person comes first."""
    name, offset = m.group("name"), m.start("name")
    og = _OG.search(name)
    if not og:
        return [(offset, m.end("name"))]
    head = name[: og.start()]
    tail = (offset + og.end(), m.end("name"))
    # "v/" (care of) names a person. The model's persons are no evidence here: it reads
    # "Fjordgarden Kjøtt" of "Fjordgarden Kjøtt og Ost AS" as one.
    if m.string[max(0, offset - 3) : offset].rstrip().endswith("v/"):
        return [tail]
    if head.split()[-1] in rules()["legal_suffixes"]:
        return [(offset, offset + og.start()), tail]
    own = trim_name(head)  # "Nettselskapa Mørenett og Linja AS": the noun is no name's
    own_at = offset + head.rfind(own)
    if _written_alone(m.string, own, own_at):
        return [(own_at, own_at + len(own)), tail]
    return [(offset, m.end("name"))]


def _written_alone(text: str, head: str, at: int) -> bool:
    """ "rammekontrakt mellom Bjørge og Teamtrade AS" where the article also writes "Bjørge"
    on its own: two companies. A head of several words ("Stord Sveis og Montasje AS") is
    left whole: its short form is the same company's."""
    if " " in head:
        return False
    return any(
        start != at and not text.startswith(" og ", start + len(head))
        for start in word_positions(text, head)
    )


def _public_bodies(text: str, pattern: re.Pattern[str]) -> list[OrgDraft]:
    found = []
    for m in pattern.finditer(text):
        name = m.group(0)
        if m.group("region") and lookup_place_in(text, m.group("region")) is None:
            name = name[: m.start("region") - m.start()].rstrip()  # "NAV Agder" yes, "NAV Sier" no
        trimmed = _trim_public(name)
        found.append(OrgDraft(trimmed, PUBLIC, m.start() + len(name) - len(trimmed), "public_body"))
    return found


_DESCRIPTION_NOUN = re.compile(
    r"(?P<noun>[a-zæøå][\wæøå-]*)(?=\s+(?:i|på|ved|med|som|for|og|fra|frå|sidan|siden)\b|\s*$)"
)
# "i Tønsberg og Larvik", "i Østre Toten": each listed place may have two words
_DESCRIPTION_PLACES = re.compile(
    rf"\b(?:i|på|ved)\s+(?P<places>{CAP_WORD}(?:[ ]{CAP_WORD})?(?:(?:\s*,\s*|\s+og\s+){CAP_WORD}(?:[ ]{CAP_WORD})?)*)"
)


def _known_place(text: str, place: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The place if the gazetteer (or the article itself) knows it; else its first word
    ("Oslo" of "Oslo Sentrum")."""
    if lookup_place_in(text, place):
        return place, start, end
    head = place.split(" ", 1)[0]
    if head != place and lookup_place_in(text, head):
        return head, start, start + len(head)
    return None


def _described_companies(
    text: str, pattern: re.Pattern[str], places: set[str] = frozenset()
) -> list[OrgDraft]:
    """A name followed by a description of a business: its industry and places come with it."""
    business = tuple(rules()["business_nouns"])
    found = []
    for m in pattern.finditer(text):
        name = _described_name(trim_name(m.group("name")))
        description = m.group("description")
        noun = _DESCRIPTION_NOUN.search(description)
        if (
            skip_name(name)
            or noun is None
            or not noun.group("noun").endswith(business)
            or lookup_place_in(text, name)
            or (" " not in name and name in places)  # "i Brandal, møbelprodusenten X"
        ):
            continue
        industry = _industry_of_noun(noun.group("noun"))
        start = m.start("description") + noun.start("noun")
        draft = OrgDraft(
            name,
            INTRO,
            m.start("name") + max(0, m.group("name").rfind(name)),
            "company",
            industry,
            (start, start + len(noun.group("noun"))) if industry else None,
        )
        draft.described_places += _description_places(text, description, m.start("description"))
        if m.group("where"):
            for place, p_start, p_end, _ in split_places(m.group("where"), m.start("where"), True):
                if lookup_place_in(text, place):
                    draft.described_places.append((place, p_start, p_end))
        found.append(draft)
    return found


def _described_name(name: str) -> str:
    """ "Credit Suisse og BKW-konsernet, ein sveitsisk kraftprodusent": the description is
    the last name's, and a hyphened organisation noun is no part of it ("BKW")."""
    last = name.rpartition(" og ")[2]
    base, hyphen, noun = last.rpartition("-")
    nouns = tuple(rules()["org_head_nouns"] + rules()["definite_business_endings"])
    if hyphen and base and noun.islower() and noun.endswith(nouns):
        return base
    return name


def describe_with(
    text: str, draft: OrgDraft, noun: str, rest: str, noun_start: int, rest_start: int
) -> None:
    """Industry and places from a description of the company whose noun is a business noun."""
    if not noun.lower().endswith(tuple(rules()["business_nouns"])):
        return
    if draft.industry is None:
        draft.industry = _industry_of_noun(noun.lower())
        draft.industry_span = (noun_start, noun_start + len(noun)) if draft.industry else None
    draft.described_places += _description_places(text, rest, rest_start)


def _description_places(text: str, description: str, base: int) -> list[tuple[str, int, int]]:
    """The known places a description names after i/på/ved, with their text positions."""
    found = []
    for places in _DESCRIPTION_PLACES.finditer(description):
        start = base + places.start("places")
        for place, p_start, p_end, _ in split_places(places.group("places"), start, True):
            if known := _known_place(text, place, p_start, p_end):
                found.append(known)
    return found


_LINKING_E = re.compile(r"([bdfgklmnprstv])\1e$")  # "bygge(firma)" -> "bygg"


def _industry_of_noun(noun: str) -> str | None:
    """'gjenvinningsbedrift' -> 'gjenvinning', 'elektrofirma' -> 'elektro', 'trykkeri' -> 'trykkeri'."""
    for head in sorted(rules()["industry_heads"], key=len, reverse=True):
        if noun.endswith(head) and len(noun) - len(head) >= 3:
            stem = noun[: -len(head)].rstrip("-")
            return _LINKING_E.sub(r"\1\1", normalise_industry(stem) or stem)
    return noun


def _trim_public(name: str) -> str:
    """ "Også Ullensaker kommune", "Kontakt Trøndelag fylkeskommune": a capitalised word before
    a place-named body is the sentence's, not the name's."""
    words = name.split()
    if len(words) >= 3 and words[-2] != "og" and lookup_place(" ".join(words[:-1])) is None:
        if lookup_place(words[-2]) is not None:
            return " ".join(words[-2:])
    return name


def _listed_companies(
    text: str, pattern: re.Pattern[str], known: list[OrgDraft], people: set[str]
) -> list[OrgDraft]:
    """Names listed next to introduced companies, with a place: "..., Fjordvær Fisk i
    Kristiansund". Not the people of a board listed with their companies in brackets ("...,
    Kari Holm (Holmvik Rederi AS)"): the model's persons stay persons."""
    intro_sentences = {sentence_bounds(text, d.first) for d in known if d.source == INTRO}
    found = []
    for m in pattern.finditer(text):
        name = trim_name(m.group("name"))
        if skip_name(name) or lookup_place_in(text, name) is not None or name in people:
            continue
        if m.group("place") and lookup_place_in(text, m.group("place")) is None:
            continue
        joined = re.search(
            r"[A-ZÆØÅ][\wæøå-]*\s+og\s+$", text[max(0, m.start("name") - 40) : m.start("name")]
        )
        if joined:
            continue  # "Vågan Elektro og Energi AS": the end of a longer name, not a new company
        if sentence_bounds(text, m.start("name")) in intro_sentences:
            found.append(OrgDraft(name, TAIL, m.start("name"), "company"))
    return found


def industry_from_name(text: str, draft: OrgDraft) -> None:
    """ "Kabelvåg Kaffebrenneri AS", "Kløfta Gartneri AS": the name says the trade."""
    legal = set(rules()["legal_suffixes"])
    words = [w for w in draft.name.split() if w not in legal]
    if len(words) < 2:
        return
    last = words[-1]
    tails = {t for t in rules()["name_tail_nouns"] if " " not in t} | set(
        rules()["name_trade_words"]
    )
    if last.lower().endswith("eri") or last.lower() in tails:
        at = text.find(draft.name)
        if at >= 0:
            start = at + draft.name.index(last)
            draft.industry, draft.industry_span = last.lower(), (start, start + len(last))


def _extend_over_og(text: str, draft: OrgDraft) -> None:
    """ "Fjordgarden Kjøtt" written as "Fjordgarden Kjøtt og Ost AS": the legal suffix shows the
    "og" belongs to the name."""
    for start in word_positions(text, draft.name):
        m = _og_legal_rest().match(text, start + len(draft.name))
        if m:
            draft.aliases.append(draft.name)
            draft.name = draft.name + m.group("rest")
            return


@cached_per_rule_set()
def _og_legal_rest() -> re.Pattern[str]:
    legal = alternation(rules()["legal_suffixes"])
    return re.compile(rf"(?P<rest>\s+og\s+{NAME}\s+(?:{legal}))(?![\w])")


def heading_orgs(text: str, sections: list[Section], known: list[OrgDraft]) -> list[OrgDraft]:
    """A heading over Q&A items names an organisation ("Holzweiler:")."""
    found = []
    for section in sections:
        title = section.title
        if not re.fullmatch(NAME, title) or skip_name(title) or len(title.split()) > 5:
            continue
        if any(names_related(title, d.name) for d in known):
            found.append(OrgDraft(title, HEADING, section.start, "company"))
        elif section.qa_items() and not (
            " " not in title and (_common_noun(title) or text.count(title) < 2)
        ):
            # "Kulturkonservatisme", "Danseløve": a news subheading, not a name; one word
            # heads a company's answers only when the article names it elsewhere too
            found.append(OrgDraft(title, HEADING, section.start, "company"))
    return found


def _common_noun(word: str) -> bool:
    common = load_common_words()  # a bare compound ("Polarkyst") may well be a name
    return word.lower() in common or is_inflected_compound(word, common)


def extend_heading_names(text: str, drafts: list[OrgDraft]) -> None:
    """Name a heading organisation by its fuller form written earlier ("Lågen:" -> "Lågen Reiseliv")."""
    for draft in drafts:
        if draft.source != HEADING:
            continue
        pattern = rf"(?<![\w-]){re.escape(draft.name)}(?:[ ]{CAP_WORD})+"
        m = re.search(pattern, text[: draft.first])
        if m:
            draft.aliases.append(draft.name)
            draft.name = m.group(0)
