"""Organisations: who the article is about, by name, alias, kind, industry and places.

Candidates come from the genre's own ways of introducing an organisation, strongest first:
1. an industry noun before the name ("flyindustribedriften GKN Aerospace"), a description
   after it ("Ramfjord Skjell AS, et familieeid skjelloppdrett i Balsfjord", a list item
   "X AS – trykkeri i Halden"), or "X er en verkstedbedrift";
2. a generic noun after the name ("Sundvolden hotell"), a legal suffix ("Brattli AS"), a name
   listed next to introduced companies, a fact box ("Bedrift: X");
3. public-body forms ("Viken fylkeskommune", "Innovasjon Norge", "Statsforvalteren i Agder");
4. a section heading over question-and-answer items ("Holzweiler:");
5. the model's ORG entities (filtered hard: the NorNE model is noisy on this genre).
Names that are word-prefixes of each other are merged; the strongest, fullest, earliest form
is the name and the others are aliases ("Holzweiler" -> "Holzweiler Items").
Places come from the descriptions, from what follows a name ("(Oslo og Moss)", "i Øvre
Eiker"), and, when the text gives none, from a home place that opens the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from models import Article, Evidence, OrganisationKind, PlaceRef
from pipeline.entities import (
    ORG_SPANS,
    PERSON_SPANS,
    PLACE_SPANS,
    WEB_DOMAINS,
    is_inflected_compound,
    load_common_words,
    load_entity_rules,
    organisation_category,
    spans_of,
    starts_sentence,
)
from pipeline.entities import known_organisations as listed_organisations
from pipeline.extract.sections import Section
from pipeline.extract.text import CAP_WORD, NAME, alternation, evidence, rules, sentence_bounds
from pipeline.geography import lookup_place, lookup_place_in
from pipeline.rules import cached_per_rule_set
from pipeline.sdg import EXPLICIT_SPAN_KEY

INTRO, TAIL, PUBLIC, HEADING, MODEL = range(5)  # naming sources, strongest first


@dataclass
class OrgDraft:
    name: str
    source: int
    first: int
    kind: OrganisationKind
    industry: str | None = None
    industry_span: tuple[int, int] | None = None
    aliases: list[str] = field(default_factory=list)
    described_places: list[tuple[str, int, int]] = field(default_factory=list)  # from a description

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


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


def _skip_name(name: str) -> bool:
    words = name.split()
    if len(words) >= 3 and words[0] in ("Det", "Den") and words[1][:1].isupper():
        return False  # "Det Norske Veritas", "Den Norske Opera": the article opens the name
    return (
        words[0] in rules()["not_organisations"]
        or len(name) < 2
        or not any(c.isalpha() for c in name)
    )


def find_organisations(article: Article, doc: Doc, sections: list[Section]) -> list[OrgDraft]:
    """All organisation drafts of an article, merged by alias (sources in the module docstring)."""
    text = article.text
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
    drafts += _fact_box_companies(article)
    heading_drafts = _heading_orgs(text, sections, drafts)
    _extend_heading_names(text, heading_drafts)
    drafts += heading_drafts + _outside_rule_names(_model_orgs(doc, text), drafts, text)
    merged = _merge(drafts, _bracketed_short_names(text, drafts))
    taken = _names_of_places_and_people(doc)
    for draft in merged:
        if draft.industry is None and draft.kind == "company":
            _industry_from_name(text, draft)
        _add_extended_names(text, draft)
        _add_short_names(text, draft, taken)
    return merged


def _names_of_places_and_people(doc: Doc) -> set[str]:
    """Words the article uses as a place or in a person's name ("rundt Mjøsa", "Olav
    Nesheim"): a company's short form that is one of them is not a mention of the company."""
    names = {s.text for s in spans_of(doc, PLACE_SPANS)}
    names |= {t.text for s in spans_of(doc, PERSON_SPANS) for t in s}
    return names


def _introduced(text: str, pattern: re.Pattern[str]) -> list[OrgDraft]:
    """ "flyindustribedriften GKN Aerospace"; "Tromsø-bedriften X" names a place, not a trade."""
    found = []
    for m in pattern.finditer(text):
        name = _trim_name(m.group("name"))
        if _skip_name(name):
            continue
        first_word = text[m.start() : m.start("name")].split()[0]
        if (
            first_word[0].isupper()
            and "-" not in first_word
            and not _opens_sentence(text, m.start())
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


def _opens_sentence(text: str, at: int) -> bool:
    """True at the text's start, after a sentence's end, a colon, a dash or a quote, or at
    a line's start."""
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in '.!?:;\n«"–—-'


def _said_to_be(text: str, pattern: re.Pattern[str]) -> list[OrgDraft]:
    """ "X er en verkstedbedrift"."""
    found = []
    for m in pattern.finditer(text):
        name = _trim_name(m.group("name"))
        if _skip_name(name):
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
        if not _skip_name(m.group("name"))
    ]


_OG = re.compile(r"\s+og\s+")


def _with_legal_suffix(text: str, pattern: re.Pattern[str]) -> list[OrgDraft]:
    found = []
    for m in pattern.finditer(text):
        for start, end in _legal_names(m):
            name = _trim_name(text[start:end], _opens_sentence(text, start))
            if not _skip_name(name):
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
    own = _trim_name(head)  # "Nettselskapa Mørenett og Linja AS": the noun is no name's
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
        for start in _word_positions(text, head)
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


_AFTER_PREPOSITION = re.compile(r"\b(?:i|på|fra|frå|til|ved|mot|nær|rundt)\s+$")
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
        name = _described_name(_trim_name(m.group("name")))
        description = m.group("description")
        noun = _DESCRIPTION_NOUN.search(description)
        if (
            _skip_name(name)
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
            for place, p_start, p_end, _ in _split_places(m.group("where"), m.start("where"), True):
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
        for place, p_start, p_end, _ in _split_places(places.group("places"), start, True):
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


def _fact_key(keys: tuple[str, ...]) -> re.Pattern[str]:
    return _compiled_key(keys)


@lru_cache(maxsize=8)
def _compiled_key(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(keys)})\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)


def _fact_box_companies(article: Article) -> list[OrgDraft]:
    """Fact boxes: "Bedrift: X" followed by "Bransje: Y", "Sted: A, B kommune" lines."""
    r = rules()
    name_key, industry_key, place_key = (
        _fact_key(tuple(r["fact_box_name_keys"])),
        _fact_key(tuple(r["fact_box_industry_keys"])),
        _fact_key(tuple(r["fact_box_place_keys"])),
    )
    found: list[OrgDraft] = []
    current: OrgDraft | None = None
    for block in article.blocks:
        if (one_line := _fact_line(block.text, block.start)) is not None:
            found.append(one_line)  # "X AS Bransje: bakeri Sted: Lillestrøm Bærekraftsmål: 2"
            current = None
            continue
        if (m := name_key.match(block.text)) and re.fullmatch(
            rf"{NAME}(?:\s+og\s+{NAME})?", m.group("value")
        ):
            current = OrgDraft(m.group("value"), TAIL, block.start + m.start("value"), "company")
            found.append(current)
        elif current is not None and (m := industry_key.match(block.text)):
            value = m.group("value").strip().rstrip(".")
            current.industry = value.lower() if len(value.split()) <= 3 else None
            start = block.start + m.start("value")
            current.industry_span = (start, start + len(value)) if current.industry else None
        elif current is not None and (m := place_key.match(block.text)):
            base = block.start + m.start("value")
            value = re.sub(
                r"\s+(?:kommune|kommunе)\b", lambda g: " " * len(g.group(0)), m.group("value")
            )
            for place, p_start, p_end, _ in _split_places(value.replace(" i ", " , "), base, True):
                if lookup_place_in(article.text, place):
                    current.described_places.append((place, p_start, p_end))
        elif ":" not in block.text[:30]:
            current = None  # the box ended
    return found


def _trim_public(name: str) -> str:
    """ "Også Ullensaker kommune", "Kontakt Trøndelag fylkeskommune": a capitalised word before
    a place-named body is the sentence's, not the name's."""
    words = name.split()
    if len(words) >= 3 and words[-2] != "og" and lookup_place(" ".join(words[:-1])) is None:
        if lookup_place(words[-2]) is not None:
            return " ".join(words[-2:])
    return name


@cached_per_rule_set()
def _fact_line_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    r = rules()
    keys = (
        r["fact_box_industry_keys"]
        + r["fact_box_place_keys"]
        + [
            "Bærekraftsmål",
            "Berekraftsmål",
            "FN-mål",
            "Ansatte",
            "Tilsette",
            "Omsetning",
            "Etablert",
            "Nettside",
        ]
    )
    head = re.compile(rf"^(?P<name>{NAME}(?:\s+og\s+{NAME})?)\s+(?=(?:{alternation(keys)})\s*:)")
    field = re.compile(
        rf"(?P<key>{alternation(keys)})\s*:\s*(?P<value>.*?)(?=\s+(?:{alternation(keys)})\s*:|$)",
        re.S,
    )
    return head, field


def _fact_line(text: str, offset: int) -> OrgDraft | None:
    """A fact box flattened into one block: the name, then "Key: value" pairs."""
    head, field = _fact_line_patterns()
    m = head.match(text)
    if not m or _skip_name(m.group("name")):
        return None
    draft = OrgDraft(m.group("name"), TAIL, offset, "company")
    industry_keys = {k.lower() for k in rules()["fact_box_industry_keys"]}
    place_keys = {k.lower() for k in rules()["fact_box_place_keys"]}
    for f in field.finditer(text, m.end()):
        key, value, start = (
            f.group("key").lower(),
            f.group("value").strip(),
            offset + f.start("value"),
        )
        if key in industry_keys and 0 < len(value.split()) <= 3:
            draft.industry, draft.industry_span = value.lower(), (start, start + len(value))
        elif key in place_keys:
            cleaned = re.sub(r"\s+kommune\b", lambda g: " " * len(g.group(0)), value)
            for place, p_start, p_end, _ in _split_places(
                cleaned.replace(" i ", " , "), start, True
            ):
                if lookup_place_in(text, place):
                    draft.described_places.append((place, p_start, p_end))
    return draft


def _listed_companies(
    text: str, pattern: re.Pattern[str], known: list[OrgDraft], people: set[str]
) -> list[OrgDraft]:
    """Names listed next to introduced companies, with a place: "..., Fjordvær Fisk i
    Kristiansund". Not the people of a board listed with their companies in brackets ("...,
    Kari Holm (Holmvik Rederi AS)"): the model's persons stay persons."""
    intro_sentences = {sentence_bounds(text, d.first) for d in known if d.source == INTRO}
    found = []
    for m in pattern.finditer(text):
        name = _trim_name(m.group("name"))
        if _skip_name(name) or lookup_place_in(text, name) is not None or name in people:
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


def _industry_from_name(text: str, draft: OrgDraft) -> None:
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
    for start in _word_positions(text, draft.name):
        m = _og_legal_rest().match(text, start + len(draft.name))
        if m:
            draft.aliases.append(draft.name)
            draft.name = draft.name + m.group("rest")
            return


@cached_per_rule_set()
def _og_legal_rest() -> re.Pattern[str]:
    legal = alternation(rules()["legal_suffixes"])
    return re.compile(rf"(?P<rest>\s+og\s+{NAME}\s+(?:{legal}))(?![\w])")


def _drop_place_before_og(name: str) -> str:
    """ "Stord og Skjelvik Sjømat" is a place and a company: keep the company."""
    head, sep, tail = name.partition(" og ")
    return tail if sep and lookup_place(head) else name


def _trim_name(name: str, opens_sentence: bool = True) -> str:
    """The name without an organisation noun the sentence opens with ("Bedriften Goodtech"),
    cut at the first word that is a known function word. ``opens_sentence``: False where the
    name stands inside a sentence, where a capitalised noun is the name's own first word
    ("i Kysthotellet Rørvik AS")."""
    name = _drop_place_before_og(name)
    words = name.split()
    # "IT-selskapet X", "Ålesundbedrifta X" describe X anywhere; "Kysthotellet X" is a name
    opens_sentence = opens_sentence or "-" in words[0] or _place_compound(words[0])
    definite_ending = words[0].lower().endswith(tuple(rules()["definite_business_endings"]))
    if opens_sentence and len(words) > 2 and definite_ending:
        words = words[1:]  # "Støperiet Halden Metallstøperi AS" at the start of a sentence
    heads = tuple(rules()["org_head_nouns"] + rules()["name_prefix_nouns"])
    while opens_sentence and len(words) > 1 and words[0].lower().endswith(heads):
        words = words[1:]
    name = " ".join(words)
    stop = set(rules()["not_organisations"])
    extensions = set(rules()["name_extensions"])
    legal = set(rules()["legal_suffixes"])
    for i, word in enumerate(words[1:], start=1):
        rest = words[i + 1 :]
        if word in stop and not (word in extensions and set(rest) <= legal and len(rest) <= 1):
            return " ".join(words[:i])  # but "Energi Norge", "Telenor Norge AS" end in "Norge"
    return name


def _place_compound(word: str) -> bool:
    """ "Ålesundbedrifta", "Tromsøselskapet": a known place joined to an organisation noun."""
    lowered = word.lower()
    heads = rules()["org_head_nouns"] + rules()["definite_business_endings"]
    return any(
        lowered.endswith(head) and lookup_place(word[: len(word) - len(head)]) is not None
        for head in heads
        if len(word) - len(head) >= 2
    )


def _heading_orgs(text: str, sections: list[Section], known: list[OrgDraft]) -> list[OrgDraft]:
    """A heading over Q&A items names an organisation ("Holzweiler:")."""
    found = []
    for section in sections:
        title = section.title
        if not re.fullmatch(NAME, title) or _skip_name(title) or len(title.split()) > 5:
            continue
        if any(_related(title, d.name) for d in known):
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


def _extend_heading_names(text: str, drafts: list[OrgDraft]) -> None:
    """Name a heading organisation by its fuller form written earlier ("Lågen:" -> "Lågen Reiseliv")."""
    for draft in drafts:
        if draft.source != HEADING:
            continue
        pattern = rf"(?<![\w-]){re.escape(draft.name)}(?:[ ]{CAP_WORD})+"
        m = re.search(pattern, text[: draft.first])
        if m:
            draft.aliases.append(draft.name)
            draft.name = m.group(0)


def _model_orgs(doc: Doc, text: str) -> list[OrgDraft]:
    """The organisations of the ``pipeline_entities`` span group (the model's ORG entities,
    corrected by context and the rest of the article), kept where they look like a name:
    no digits, not a place, not a description ("...bedriften"). Named once is enough."""
    found = []
    seen: set[str] = set()
    goal_names = [(s.start, s.end) for s in spans_of(doc, EXPLICIT_SPAN_KEY)]
    lower_name_ends = tuple(
        rules()["public_body_heads"]
        + rules()["name_tail_nouns"]
        + load_entity_rules().non_company_name_endings  # "Den katolske kirke"
    )
    places = {s.text for s in spans_of(doc, PLACE_SPANS)}
    for span in spans_of(doc, ORG_SPANS):
        name = _trim_name(span.text.strip(), starts_sentence(span[0]))
        if name in seen or any(s < span.end and span.start < e for s, e in goal_names):
            continue  # "Rein energi", "Samarbeid": words of a goal's name
        if _GOALS_OF.match(text, span.end_char):
            continue  # "FNs bærekraftsmål": the goals' owner, not an organisation in the story
        if _FACT_VALUE.search(text, max(0, span.start_char - 30), span.start_char):
            continue  # "Bransje: Reiseliv", "Stad: Voss": a fact box's value, not a name
        seen.add(name)
        if _skip_name(name) or not any(c.isupper() for c in name) or "\n" in name:
            continue  # "al-Qaida", "iTromsø" have their capital inside
        name = _without_genitive(name, span, text)
        if any(c.isdigit() for c in name) and not re.search(r"[A-Za-zæøå]{3}", name):
            if name not in listed_organisations(load_entity_rules()):
                continue  # "E24", "TV2" are listed; "P3 2024" is not a name
        if name in places:
            continue  # "Englands" (the team) when the article's England is a place
        parts = re.split(r",\s*|\s+og\s+", name)
        if any(lookup_place_in(text, part) for part in parts):
            continue
        last = name.split()[-1]
        if last.islower() and not last.endswith(lower_name_ends):
            continue  # "...elektrifiseringsbedriften" is a description; "X universitetssykehus",
            # "al-Qaida" (a capital inside) are names
        if name.endswith("s") and lookup_place_in(text, name[:-1]):
            continue  # "Vikens" is a place's genitive
        found.append(OrgDraft(name, MODEL, span.start_char, organisation_kind(text, name)))
    return found


def _without_genitive(name: str, span, text: str) -> str:
    """ "Statoils styre", "Norges Rederiforbunds adm. direktør": the genitive s goes when the
    article also writes the name without it or a lower-case noun follows the name."""
    acronym = len(name) > 2 and name[:-1].isupper()  # "FNs rammekonvensjon", "NHOs leiar"
    if not name.endswith("s") or name.endswith("ss") or (len(name) < 4 and not acronym):
        return name
    base = name[:-1]
    if _word_positions(text, base):
        return base
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ in rules()["time_words"]:
        return name  # "på en svak Oslo Børs mandag": the day is when, not what Børs owns
    if after is not None and after.text[:1].islower() and after.pos_ in ("NOUN", "ADJ"):
        return base
    if after is not None and after.text in ("adm.", "administrerende"):
        return base
    return name


def _outside_rule_names(model: list[OrgDraft], ruled: list[OrgDraft], text: str) -> list[OrgDraft]:
    """The model's organisations that are not a fragment of a name the rules found whole
    ("Montasje AS" of "Stord Sveis og Montasje AS", "Ost AS" of "Fjordgarden Kjøtt og Ost AS").
    A name the article also writes on its own stays: "Implenia" of the joint venture "JV
    Implenia Stangeland ANS" is also "direktør i Implenia Norge"."""
    longer = [d.name for d in ruled]
    legal = tuple(f" {suffix}" for suffix in rules()["legal_suffixes"])
    forms = set(longer) | {n.rsplit(" ", 1)[0] for n in longer if n.endswith(legal)}
    inside = [(a, a + len(n)) for n in forms for a in _word_positions(text, n)]

    def fragment(name: str) -> bool:
        if not any(f" {name} " in f" {n} " and n != name for n in longer):
            return False
        return all(
            any(a <= at and at + len(name) <= e and e - a > len(name) for a, e in inside)
            for at in _word_positions(text, name)
        )

    return [m for m in model if not fragment(m.name)]


_GOALS_OF = re.compile(
    r"s?\s+(?:\d+\s+)?(?:b[æe]rekrafts?|utviklings|klima)?-?m[åa]l", re.IGNORECASE
)  # "FNs bærekraftsmål", "FNs 17 bærekraftsmål"
_FACT_VALUE = re.compile(r"(?:^|\n)[A-ZÆØÅ][a-zæøå]+:\s*$")


def organisation_kind(text: str, name: str) -> OrganisationKind:
    """Typing by evidence: a public body by its form ("X kommune", "Miljødirektoratet", the
    listed agencies), a non-company by its name (a party, a newspaper, a club, a school, an
    association: ``entity_rules.json``), otherwise a company: the organisations the news
    names are mostly businesses."""
    r = rules()
    if name.lower().endswith(tuple(r["public_body_heads"])) or name in r["public_body_names"]:
        return "public_body"
    if name.lower().endswith(tuple(r["public_body_suffixes"])):
        return "public_body"
    entity_rules = load_entity_rules()
    if organisation_category(name, entity_rules) is not None:
        return "other"
    if name.split()[-1].lower().endswith(tuple(entity_rules.non_company_name_endings)):
        return "other"  # "Norges Rederiforbund", "Sogn Jord- og Hagebruksskule"
    context = _non_company_context()
    for start in _word_positions(text, name):
        if context.search(text, max(0, start - 60), start):
            return "other"  # "Nettverket har fått namnet Berekraftige Voss"
    return "company"


@cached_per_rule_set()
def _non_company_context() -> re.Pattern[str]:
    """Ends where a name starts after a noun that makes it a non-company ("namnet X")."""
    before = alternation(load_entity_rules().non_company_words_before)
    return re.compile(rf"\b(?:{before})\s+(?:[\wæøå-]+\s+)?$", re.IGNORECASE)


def _word_positions(text: str, word: str) -> list[int]:
    """Where ``word`` stands as a whole word (str.find first: compiling a pattern per name
    cost more than the rest of the extraction)."""
    found, at = [], text.find(word)
    while at >= 0:
        end = at + len(word)
        left_ok = at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-")
        right_ok = end == len(text) or not text[end].isalnum()
        if left_ok and right_ok:
            found.append(at)
        at = text.find(word, end)
    return found


_WEB_DOMAIN = re.compile(rf"(?:{'|'.join(re.escape(d) for d in WEB_DOMAINS)})$")


def _tokens(name: str) -> list[str]:
    """Lower-case words; a web shop's domain is no part of its name ("Dyrekassen.no")."""
    return _WEB_DOMAIN.sub("", name.lower()).split()


def _related(a: str, b: str) -> bool:
    """True when one name is the other or a word-prefix of it ("Holzweiler" / "Holzweiler Items")."""
    ta, tb = _tokens(a), _tokens(b)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return long_[: len(short)] == short


_ACRONYM = r"[A-ZÆØÅ][A-ZÆØÅ0-9&]{1,9}"


def _bracketed_short_names(text: str, drafts: list[OrgDraft]) -> set[frozenset[str]]:
    """Pairs of names the article declares the same: "Næringslivets Hovedorganisasjon (NHO)",
    "NVE (Norges vassdrags- og energidirektorat)". News introduces an acronym this way once
    and then uses it alone, so without the pair one organisation becomes two."""
    names = {d.name for d in drafts}
    pairs = set()
    for name in names:
        escaped = re.escape(name)
        for m in re.finditer(rf"(?<![\w-]){escaped}s?\s*\(\s*({_ACRONYM})\s*\)", text):
            if m.group(1) in names and m.group(1) != name:
                pairs.add(frozenset((name, m.group(1))))
        if re.fullmatch(_ACRONYM, name):
            for m in re.finditer(rf"(?<![\w-]){escaped}\s*\(\s*([^()\n]{{3,120}}?)\s*\)", text):
                if m.group(1) in names:
                    pairs.add(frozenset((name, m.group(1))))
    return pairs


def _merge(drafts: list[OrgDraft], same: set[frozenset[str]] = frozenset()) -> list[OrgDraft]:
    """Group drafts whose names are prefixes of each other or that ``same`` pairs; the
    strongest, earliest names the group."""

    def related(a: str, b: str) -> bool:
        return _related(a, b) or frozenset((a, b)) in same

    groups: list[list[OrgDraft]] = []
    for draft in sorted(drafts, key=lambda d: (d.source, -len(d.name.split()), d.first)):
        home = next((g for g in groups if any(related(draft.name, d.name) for d in g)), None)
        if home is None:
            groups.append([draft])
        else:
            home.append(draft)
    merged = []
    for group in groups:
        lead = group[0]
        for other in group[1:]:
            for name in other.names():
                if name != lead.name and name not in lead.aliases:
                    lead.aliases.append(name)
            lead.described_places += other.described_places
            if lead.industry is None and other.industry:
                lead.industry, lead.industry_span = other.industry, other.industry_span
            if other.kind == "company" and other.source < HEADING and lead.kind == "other":
                lead.kind = "company"
        lead.first = min(d.first for d in group)
        merged.append(lead)
    return sorted(merged, key=lambda d: d.first)


def known_organisations(text: str, names: list[str]) -> list[OrgDraft]:
    """Drafts for organisations known beforehand (an evaluation set's gold names), with the
    short names the text uses for them, as the extractor would find them."""
    drafts = []
    for name in names:
        found = re.search(rf"(?<![\w-]){re.escape(name)}", text)
        draft = OrgDraft(name, INTRO, found.start() if found else len(text), "company")
        _add_short_names(text, draft)
        drafts.append(draft)
    return drafts


def _add_extended_names(text: str, draft: OrgDraft) -> None:
    """'GKN Aerospace Norge' later in the text is the same organisation as 'GKN Aerospace'."""
    at = text.find(draft.name)
    while at >= 0:  # str.find first: most names are never extended, and it is cheap
        end = at + len(draft.name)
        m = _extension().match(text, end)
        if m and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-")):
            if text[at : m.end()] not in draft.aliases:
                draft.aliases.append(text[at : m.end()])
        at = text.find(draft.name, end)


@cached_per_rule_set()
def _extension() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{alternation(rules()['name_extensions'])})(?![\wæøå])")


def _add_short_names(text: str, draft: OrgDraft, taken: set[str] = frozenset()) -> None:
    """A shorter form of the name used on its own later: "Fjordlys Energi" for "Fjordlys Energi AS".

    Only word-prefixes of the name count, and not when they are a place or a common word
    ("Viken" of "Viken fylkeskommune" is the county, not the council).
    """
    words = draft.name.split()
    for size in range(len(words) - 1, 0, -1):
        short = " ".join(words[:size])
        if (
            short in draft.aliases
            or _skip_name(short)
            or lookup_place_in(text, short)
            or not short[0].isupper()
            or short in taken
        ):
            continue
        following = re.escape(words[size])
        if re.search(rf"(?<![\w-]){re.escape(short)}(?!\s+{following})(?=s?(?![\wæøå-]))", text):
            draft.aliases.append(short)


# --- places tied to an organisation -----------------------------------------------------

_PAREN = re.compile(r"\s*\((?P<inner>[^()\n]{1,160})\)")
# "på Krokskogen", "i Mo i Rana", "i Tønsberg og Larvik" -- but in "i Tønsberg og Stokke
# Bakeri" the second name begins the next company, not a place
_AT = re.compile(
    rf"\s+(?:på|i|ved|fra|frå)\s+(?P<place>{CAP_WORD}(?:\s+(?:og|i)\s+{CAP_WORD}(?![ ][A-ZÆØÅ]))?)"
)
# ", som har kontorer i Tromsø og Alta", ", som har anlegg i Solund og kontor i Førde"
_WHERE = re.compile(
    r",?\s+som\s+(?:har|driv|driver|holder\s+til|held\s+til|ligger|ligg|er\s+lokalisert)\s+(?:[a-zæøå]+\s+){0,2}?(?:i|på|ved)\s+(?P<places>[^.;:\n]{1,120})"
)
# "Gudbrandsdal Fjellmat AS med produksjon på Vinstra og Otta"
_WITH = re.compile(r"\s+med\s+(?:[a-zæøå]+\s+){1,2}(?:i|på|ved)\s+(?P<places>[^.;:\n]{1,120})")
_LEAD_IN = re.compile(r"^\s*(?:[a-zæøå]+\s+){0,2}(?:i|på|ved)\s+")
_LIST_SPLIT = re.compile(r",\s*|\s+og\s+|\s+samt\s+")
_LIST_NOISE = re.compile(
    r"\b(blant annet|mellom anna|m\.fl\.?|med flere|med fleire|mfl\.?|etc\.?|osv\.?)\b",
    re.IGNORECASE,
)


def mention_spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of any of the names (with an optional genitive s), longest names first."""
    return list(_mention_spans(text, tuple(sorted(set(names), key=len, reverse=True))))


@lru_cache(maxsize=2048)  # the extractors ask for the same organisation's mentions many times
def _mention_spans(text: str, names: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for name in names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?=s?(?![\wæøå]))", text):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    return tuple(sorted(spans))


def places_of(text: str, draft: OrgDraft) -> list[PlaceRef]:
    """The places of a draft: those its descriptions name, then those written right after its
    names; the home place that opens its name only when neither gives one."""
    places: list[PlaceRef] = []
    seen: set[str] = set()
    for name, start, stop in draft.described_places:
        facts = lookup_place_in(text, name)
        if facts and name.lower() not in seen:
            seen.add(name.lower())
            places.append(
                PlaceRef(
                    name=name,
                    municipality=facts.municipality,
                    county=facts.county,
                    former_county=facts.former_county,
                    evidence=evidence(text, start, stop),
                )
            )
    for _, end in mention_spans(text, draft.names()):
        for name, start, stop, strict in _places_after(text, end):
            facts = lookup_place_in(text, name)
            if (facts is None and strict) or name.lower() in seen:
                continue
            seen.add(name.lower())
            places.append(
                PlaceRef(
                    name=name,
                    municipality=facts.municipality if facts else None,
                    county=facts.county if facts else None,
                    former_county=facts.former_county if facts else None,
                    evidence=evidence(text, start, stop),
                )
            )
    if draft.kind == "company" and not places:
        places += _place_in_name(text, draft)
    return places


def _place_in_name(text: str, draft: OrgDraft) -> list[PlaceRef]:
    """'Kabelvåg Kaffebrenneri AS', 'Øvre Eiker Trelast AS': the genre names local firms
    after their home place, so a known place that opens the name is one of its places.
    The evidence is the name itself; the word must be followed by more of the name."""
    words = draft.name.split()
    for size in (2, 1):
        if len(words) <= size:
            continue
        place = " ".join(words[:size])
        facts = lookup_place_in(text, place)
        if facts is None:
            continue
        spans = mention_spans(text, [draft.name])
        if not spans:
            return []
        start = spans[0][0]
        return [
            PlaceRef(
                name=place,
                municipality=facts.municipality,
                county=facts.county,
                former_county=facts.former_county,
                evidence=evidence(text, start, start + len(place)),
            )
        ]
    return []


def _places_after(text: str, end: int) -> list[tuple[str, int, int, bool]]:
    """Place names written right after an organisation's name: '(Oslo, Moss og Fredrikstad)', 'på Krokskogen'.

    The bool says whether the place must be known to the gazetteer: a parenthesis right after
    a name is the genre's way of saying where it is, so unknown names are kept there.
    """
    rest = text[end:]
    rest = rest[1:] if rest.startswith("s") and not rest[1:2].isalpha() else rest
    offset = end + (len(text[end:]) - len(rest))
    for pattern, group, strict in (
        (_PAREN, "inner", False),
        (_WHERE, "places", True),
        (_WITH, "places", True),
    ):
        m = pattern.match(rest)
        if m:
            return _split_places(m.group(group), offset + m.start(group), strict)
    m = _AT.match(rest)
    if m:
        return _split_places(_longer_place(rest, m), offset + m.start("place"), True)
    return []


_NEXT_CAP_WORD = re.compile(rf"[ ]{CAP_WORD}")


def _longer_place(rest: str, m: re.Match[str]) -> str:
    """'i Øvre Eiker', 'i Indre Fosen': a two-word place when the gazetteer knows it."""
    place = m.group("place")
    after = _NEXT_CAP_WORD.match(rest, m.end("place"))
    if " " not in place and after and lookup_place(place + after.group(0)):
        return place + after.group(0)
    return place


def _split_places(chunk: str, base: int, strict: bool) -> list[tuple[str, int, int, bool]]:
    cleaned = _LIST_NOISE.sub(lambda m: " " * len(m.group(0)), chunk)
    found = []
    pos = 0
    for piece in _LIST_SPLIT.split(cleaned):
        at = cleaned.find(piece, pos)
        pos = at + len(piece)
        lead_in = _LEAD_IN.match(piece)  # "kontor i Førde" -> "Førde"
        if lead_in:
            at += lead_in.end()
            piece = piece[lead_in.end() :]
        name = piece.strip()
        if (
            " i " in name and lookup_place(name) is None
        ):  # "Moster i Bømlo": village and municipality
            head, _, tail = name.partition(" i ")
            start = base + at + (len(piece) - len(piece.lstrip()))
            found += [
                (head, start, start + len(head), strict),
                (tail, start + len(head) + 3, start + len(name), strict),
            ]
            continue
        if not name or not re.fullmatch(
            rf"{CAP_WORD}(?:\s+(?:og|i)\s+{CAP_WORD}|\s+{CAP_WORD})*", name
        ):
            continue
        start = base + at + (len(piece) - len(piece.lstrip()))
        found.append((name, start, start + len(name), strict))
    return found


def organisation_evidence(text: str, draft: OrgDraft) -> list[Evidence]:
    return [evidence(text, s, e) for s, e in mention_spans(text, draft.names())]
