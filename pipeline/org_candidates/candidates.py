"""The rules of ``pipeline_org_candidates``: the genre's own ways of introducing an
organisation, read from the Doc's text, with the industry and places they give.

Each candidate is an ``OrgDraft`` with the id of the rule that found it: ``intro`` (an
industry noun before the name, "flyindustribedriften GKN Aerospace"), ``described`` (a
description after it, "Ramfjord Skjell AS, et familieeid skjelloppdrett"), ``is_a`` ("X er
en verkstedbedrift"), ``tail`` (a generic noun after it, "Sundvolden hotell"), ``legal`` (a
legal suffix, "Brattli AS"), ``public`` (a public body's form, "Viken fylkeskommune"),
``listed`` (a name listed next to introduced companies), ``fact_box`` and ``fact_line``
(fact boxes, ``fact_boxes``) and ``heading`` (a heading over question-and-answer items).
The word lists are ``resources/org_rules.json``'s (the Doc's rule set, pipeline/rules.py)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from models import Block
from pipeline.entities import (
    PERSON_SPANS,
    PLACE_SPANS,
    is_inflected_compound,
    spans_of,
)
from pipeline.geography import lookup_place, lookup_place_in
from pipeline.org_candidates.fact_boxes import fact_box_companies
from pipeline.organisations.industries import (
    description_places,
    industry_of_noun,
    normalise_industry,
)
from pipeline.organisations.names import (
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
from pipeline.organisations.places import split_places
from pipeline.rules import RuleSet, per_rule_set
from pipeline.sections import Section, sections_of
from pipeline.text import CAP_WORD, NAME, alternation, sentence_bounds

Candidate = tuple[str, OrgDraft]  # (the rule that found it, the draft)


def organisation_candidates(doc: Doc, blocks: list[Block], rules: RuleSet) -> list[Candidate]:
    """Every candidate of the Doc, in the order the extraction layer merges them: the text's
    rules, the fact boxes, then the headings over Q&A items (named by a fuller form written
    before them: "Lågen:" -> "Lågen Reiseliv")."""
    text = doc.text
    found = rule_candidates(text, doc, rules)
    found += fact_box_companies(text, blocks, rules)
    headings = heading_orgs(text, sections_of(blocks), [draft for _, draft in found], rules)
    extend_heading_names(text, headings)
    return found + [("heading", draft) for draft in headings]


#: The candidate rule (the span's label) of a name an organisation's noun introduces
#: ("bedrifta X", "hotellkjeden X").
INTRODUCED = "intro"
#: The label of a public body's name the patterns found ("Nordvik kommune").
PUBLIC_BODY = "public"

#: The space between the words of one name: a line break ends a name ("Klima\n\nNordvik
#: kommune" is a heading, then the body's name).
GAP = r"[^\S\n]+"


@per_rule_set
def _patterns(rules: RuleSet) -> dict[str, re.Pattern[str]]:
    r = rules.org
    heads = alternation(r["org_head_nouns"])
    tails = alternation(r["name_tail_nouns"])
    legal = alternation(r["legal_suffixes"])
    public_heads = alternation(r["public_body_name_tails"])
    agency = alternation(r["public_body_suffixes"])
    public_names = alternation(r["public_body_names"])
    before_a_place = alternation(r["public_body_heads_before_a_place"])
    region = rf"{CAP_WORD}(?:(?:,\s+|\s+og\s+){CAP_WORD})*"
    return {
        # industry prefix chain + head noun + name: "Digitaliserings-, robotiserings- og elektrifiseringsbedriften Goodtech"
        "intro": re.compile(
            rf"(?<![\w-])(?P<industry>(?:[\wæøå]+-,?\s+)*(?:[\wæøå]+-\s+og\s+)?(?:[\wæøå]+-)?[\wæøå]*)(?P<head>{heads}){GAP}(?P<name>{NAME})"
        ),
        "tail": re.compile(rf"(?P<name>{NAME}{GAP}(?P<tail>(?i:{tails})))(?![\wæøå])"),
        # "Hokksund Sveis og Stål AS": the legal suffix ends the name, so "og" inside it is safe
        # "Innherred renovasjon IKS": one lower-case word may stand before the legal form;
        # a name never runs across lines ("Ny butikk\n\nAS Vinmonopolet" is a heading and a name)
        "legal": re.compile(
            rf"(?P<name>{NAME}(?:[^\S\n]+og[^\S\n]+{NAME})?(?P<lower>[ ][a-zæøå]{{4,}})?"
            rf"[^\S\n]+(?:{legal}))(?![\w])"
        ),
        "public": re.compile(
            rf"(?P<statsforvalter>Statsforvalt[ae]ren\s+i\s+{region})"
            rf"|(?P<name>(?<![\w-])(?!(?:{legal})\b){CAP_WORD}(?:{GAP}(?:og{GAP})?{CAP_WORD})?{GAP}(?:{public_heads}))(?![\wæøå])"
            # "Miljødirektoratet", and with a coordinated first part "Nærings- og
            # handelsdepartementet" (the second part in either case)
            rf"|(?P<agency>(?<![\w-])(?:[A-ZÆØÅ][a-zæøå]+-\s+og\s+[A-ZÆØÅa-zæøå]|[A-ZÆØÅ])[a-zæøå]+(?:{agency}))(?![\wæøå])"
            rf"|(?P<named>(?<![\w-])(?:{public_names})(?:{GAP}(?P<region>{CAP_WORD}))?(?![\wæøå]))"
            # "Helse Bergen", "Sjukehuset Innlandet", "Helse Møre og Romsdal": a place must follow
            rf"|(?P<placed>(?<![\w-])(?:{before_a_place}){GAP}(?P<place>{CAP_WORD}(?:{GAP}og{GAP}{CAP_WORD})?)(?![\wæøå]))"
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


def rule_candidates(text: str, doc: Doc, rules: RuleSet) -> list[Candidate]:
    """Candidates from the ways the text introduces an organisation (fact boxes and headings
    aside); an introduced name runs on over "og" where a legal suffix shows it goes on."""
    pats = _patterns(rules)
    places = {s.text for s in spans_of(doc, PLACE_SPANS)}
    found = [(INTRODUCED, d) for d in _introduced(text, pats["intro"], rules)]
    found += [
        ("described", d)
        for d in _described_companies(text, pats["described"], rules, places, _clause_words(doc))
    ]
    found += [("is_a", d) for d in _said_to_be(text, pats["is_a"], rules)]
    found += [("tail", d) for d in _with_tail(text, pats["tail"], rules)]
    found += [("legal", d) for d in _with_legal_suffix(text, pats["legal"], rules)]
    found += [(PUBLIC_BODY, d) for d in _public_bodies(text, pats["public"], rules)]
    people = {s.text for s in spans_of(doc, PERSON_SPANS)}
    drafts = [d for _, d in found]
    found += [("listed", d) for d in _listed_companies(text, pats["listed"], drafts, people, rules)]
    for _, draft in found:
        if draft.source == INTRO:
            _extend_over_og(text, draft, rules)
    return found


def _introduced(text: str, pattern: re.Pattern[str], rules: RuleSet) -> list[OrgDraft]:
    """ "flyindustribedriften GKN Aerospace"; "Tromsø-bedriften X" names a place, not a trade."""
    found = []
    for m in pattern.finditer(text):
        name = trim_name(m.group("name"), rules)
        if skip_name(name, rules):
            continue
        first_word = text[m.start() : m.start("name")].split()[0]
        if (
            first_word[0].isupper()
            and "-" not in first_word
            and not opens_sentence(text, m.start())
        ):
            continue  # "(Kysthotellet Rørvik AS)": a capitalised noun inside is the name's own
        before = text[max(0, m.start() - 30) : m.start()].split()
        if before and before[-1].lower() in rules.org["speech_verbs"]:
            continue  # "seier produsent Kim Åge Furuhaug": the noun is the speaker's title
        prefix = m.group("industry")
        if prefix.endswith("-") and lookup_place_in(text, prefix[:-1], rules):
            draft = OrgDraft(name, INTRO, m.start("name"), "company")
            start = m.start("industry")
            draft.described_places.append((prefix[:-1], start, start + len(prefix) - 1))
            found.append(draft)
            continue
        industry = normalise_industry(prefix)
        span = (m.start("industry"), m.start("head")) if industry else None
        draft = OrgDraft(name, INTRO, m.start("name"), "company", industry, span)
        based = _BASED_IN.search(text, max(0, m.start() - 40), m.start())
        if based and lookup_place_in(text, based.group("place"), rules):  # "Voss-baserte"
            draft.described_places.append((based.group("place"), *based.span("place")))
        found.append(draft)
    return found


# "Den Voss-baserte bedrifta X": the place the company is based in, right before its noun
_BASED_IN = re.compile(r"(?<![\w-])(?P<place>[A-ZÆØÅ][\wæøå]+)-(?:baserte?|basert|basera)\s+$")


def _said_to_be(text: str, pattern: re.Pattern[str], rules: RuleSet) -> list[OrgDraft]:
    """ "X er en verkstedbedrift"."""
    found = []
    for m in pattern.finditer(text):
        name = trim_name(m.group("name"), rules)
        if skip_name(name, rules):
            continue
        industry = normalise_industry(m.group("industry"))
        span = (m.start("industry"), m.end("industry")) if industry else None
        found.append(OrgDraft(name, INTRO, m.start("name"), "company", industry, span))
    return found


def _with_tail(text: str, pattern: re.Pattern[str], rules: RuleSet) -> list[OrgDraft]:
    """ "Sundvolden hotell": the generic noun after the name is the trade; "Orkdal
    sanitetsforening": an association's noun gives its kind, and no trade."""
    associations = tuple(rules.entity.non_company_name_endings)
    found = []
    for m in pattern.finditer(text):
        if skip_name(m.group("name"), rules):
            continue
        tail = m.group("tail").lower()
        if tail.endswith(associations):
            found.append(OrgDraft(m.group("name"), TAIL, m.start("name"), "other"))
            continue
        span = (m.start("tail"), m.end("tail"))
        found.append(OrgDraft(m.group("name"), TAIL, m.start("name"), "company", tail, span))
    return found


_OG = re.compile(r"\s+og\s+")


def _with_legal_suffix(text: str, pattern: re.Pattern[str], rules: RuleSet) -> list[OrgDraft]:
    found = []
    for m in pattern.finditer(text):
        if m.group("lower") and m.group("name").split()[0].lower() in rules.common_words:
            continue  # "Loven gjelder AS og ASA": a sentence, not "Innherred renovasjon IKS"
        for start, end in _legal_names(m, rules):
            name = trim_name(text[start:end], rules, opens_sentence(text, start))
            if not skip_name(name, rules):
                found.append(OrgDraft(name, TAIL, end - len(name), "company"))
    return found


def _legal_names(m: re.Match[str], rules: RuleSet) -> list[tuple[int, int]]:
    """The name spans of a match: "Hokksund Sveis og Stål AS" is one company, but in
    "Moelv Gartneri AS og Brumunddal Trevare AS" the first legal suffix ends the first name,
    and in "v/Salve A Røyrhus og Volda Maskin AS" a person comes first; "Equinor og Lie Bygg
    AS" names a listed company first."""
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
    if head.split()[-1] in rules.org["legal_suffixes"]:
        return [(offset, offset + og.start()), tail]
    own = trim_name(head, rules)  # "Nettselskapa Mørenett og Linja AS": the noun is no name's
    own_at = offset + head.rfind(own)
    if own in rules.entity.known_companies or _written_alone(m.string, own, own_at):
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


def _public_bodies(text: str, pattern: re.Pattern[str], rules: RuleSet) -> list[OrgDraft]:
    found = []
    for m in pattern.finditer(text):
        name = m.group(0)
        if m.group("placed") and not all(
            lookup_place_in(text, place, rules) for place in m.group("place").split(" og ")
        ):
            continue  # "Helse Ole": no place, no health trust
        if m.group("region") and lookup_place_in(text, m.group("region"), rules) is None:
            name = name[: m.start("region") - m.start()].rstrip()  # "NAV Agder" yes, "NAV Sier" no
        # a body named by its place ("Kontakt Modum kommune"); a listed name keeps its own
        # first word ("Innovasjon Norge Agder" is no "Norge Agder")
        trimmed = _trim_public(name) if m.group("name") else name
        found.append(OrgDraft(trimmed, PUBLIC, m.start() + len(name) - len(trimmed), "public_body"))
    return found


_DESCRIPTION_NOUN = re.compile(
    r"(?P<noun>[a-zæøå][\wæøå-]*)(?=\s+(?:i|på|ved|med|som|for|og|fra|frå|sidan|siden)\b|\s*$)"
)


_ANOTHER_NAME = re.compile(r"(?<![\w-])[A-ZÆØÅ][\wæøå]*(?![\w-])")


def _clause_words(doc: Doc) -> set[int]:
    """Where the words start that the model tags a verb or a preposition: a description of
    a business is a noun phrase, and opens with neither ("Kari Lie, på nærbutikken i X";
    "leiar i X, Per Dal, har utvida butikken")."""
    return {t.idx for t in doc if t.pos_ in ("VERB", "AUX", "ADP")}


def _described_companies(
    text: str,
    pattern: re.Pattern[str],
    rules: RuleSet,
    places: set[str] = frozenset(),
    clause_words: set[int] = frozenset(),
) -> list[OrgDraft]:
    """A name followed by a description of a business: its industry and places come with it."""
    business = tuple(rules.org["business_nouns"])
    found = []
    for m in pattern.finditer(text):
        name = _described_name(trim_name(m.group("name"), rules), rules)
        description = m.group("description")
        noun = _DESCRIPTION_NOUN.search(description)
        if (
            skip_name(name, rules)
            or noun is None
            or not noun.group("noun").endswith(business)
            # "X, gründeren bak selskapet Friskus sosial entreprenør": a name before the noun
            # is what the noun describes; the description's own head came earlier
            or _ANOTHER_NAME.search(description, 0, noun.start())
            or lookup_place_in(text, name, rules)
            or (" " not in name and name in places)  # "i Brandal, møbelprodusenten X"
            or m.start("description") in clause_words
        ):
            continue
        industry = industry_of_noun(noun.group("noun"), rules)
        start = m.start("description") + noun.start("noun")
        draft = OrgDraft(
            name,
            INTRO,
            m.start("name") + max(0, m.group("name").rfind(name)),
            "company",
            industry,
            (start, start + len(noun.group("noun"))) if industry else None,
        )
        draft.described_places += description_places(
            text, description, m.start("description"), rules
        )
        if m.group("where"):
            for place, p_start, p_end, _ in split_places(m.group("where"), m.start("where"), True):
                if lookup_place_in(text, place, rules):
                    draft.described_places.append((place, p_start, p_end))
        found.append(draft)
    return found


def _described_name(name: str, rules: RuleSet) -> str:
    """ "Credit Suisse og BKW-konsernet, ein sveitsisk kraftprodusent": the description is
    the last name's, and a hyphened organisation noun is no part of it ("BKW")."""
    last = name.rpartition(" og ")[2]
    base, hyphen, noun = last.rpartition("-")
    nouns = tuple(rules.org["org_head_nouns"] + rules.org["definite_business_endings"])
    if hyphen and base and noun.islower() and noun.endswith(nouns):
        return base
    return name


def _trim_public(name: str) -> str:
    """ "Også Ullensaker kommune", "Kontakt Trøndelag fylkeskommune": a capitalised word before
    a place-named body is the sentence's, not the name's."""
    words = name.split()
    if len(words) >= 3 and words[-2] != "og" and lookup_place(" ".join(words[:-1])) is None:
        if lookup_place(words[-2]) is not None:
            return " ".join(words[-2:])
    return name


def _listed_companies(
    text: str, pattern: re.Pattern[str], known: list[OrgDraft], people: set[str], rules: RuleSet
) -> list[OrgDraft]:
    """Names listed next to introduced companies, with a place: "..., Fjordvær Fisk i
    Kristiansund". Not the people of a board listed with their companies in brackets ("...,
    Kari Holm (Holmvik Rederi AS)"): the model's persons stay persons."""
    intro_sentences = {sentence_bounds(text, d.first) for d in known if d.source == INTRO}
    found = []
    for m in pattern.finditer(text):
        name = trim_name(m.group("name"), rules)
        if (
            skip_name(name, rules)
            or lookup_place_in(text, name, rules) is not None
            or name in people
        ):
            continue
        if m.group("place") and lookup_place_in(text, m.group("place"), rules) is None:
            continue
        joined = re.search(
            r"[A-ZÆØÅ][\wæøå-]*\s+og\s+$", text[max(0, m.start("name") - 40) : m.start("name")]
        )
        if joined:
            continue  # "Vågan Elektro og Energi AS": the end of a longer name, not a new company
        if sentence_bounds(text, m.start("name")) in intro_sentences:
            found.append(OrgDraft(name, TAIL, m.start("name"), "company"))
    return found


def _extend_over_og(text: str, draft: OrgDraft, rules: RuleSet) -> None:
    """ "Fjordgarden Kjøtt" written as "Fjordgarden Kjøtt og Ost AS": the legal suffix shows the
    "og" belongs to the name."""
    for start in word_positions(text, draft.name):
        m = _og_legal_rest(rules).match(text, start + len(draft.name))
        if m:
            draft.aliases.append(draft.name)
            draft.name = draft.name + m.group("rest")
            return


@per_rule_set
def _og_legal_rest(rules: RuleSet) -> re.Pattern[str]:
    legal = alternation(rules.org["legal_suffixes"])
    return re.compile(rf"(?P<rest>\s+og\s+{NAME}\s+(?:{legal}))(?![\w])")


def heading_orgs(
    text: str, sections: list[Section], known: list[OrgDraft], rules: RuleSet
) -> list[OrgDraft]:
    """A heading over Q&A items names an organisation ("Holzweiler:")."""
    found = []
    for section in sections:
        title = section.title
        if not re.fullmatch(NAME, title) or skip_name(title, rules) or len(title.split()) > 5:
            continue
        if any(names_related(title, d.name) for d in known):
            found.append(OrgDraft(title, HEADING, section.start, "company"))
        elif section.qa_items() and not (
            " " not in title and (_common_noun(title, rules) or text.count(title) < 2)
        ):
            # "Kulturkonservatisme", "Danseløve": a news subheading, not a name; one word
            # heads a company's answers only when the article names it elsewhere too
            found.append(OrgDraft(title, HEADING, section.start, "company"))
    return found


def _common_noun(word: str, rules: RuleSet) -> bool:
    common = rules.common_words  # a bare compound ("Polarkyst") may well be a name
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
