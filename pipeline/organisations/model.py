"""The model's organisations (the ``pipeline_entities`` span group) kept where they look
like a name and are no fragment of a name the rules found whole, and the typing of an
organisation by evidence: public body, other (party, newspaper, club, ...) or company."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from models import OrganisationKind
from pipeline.entities import (
    ORG_SPANS,
    PERSON_SPANS,
    PLACE_SPANS,
    organisation_category,
    spans_of,
    starts_sentence,
)
from pipeline.entities import known_organisations as listed_organisations
from pipeline.entities.words import DEFINITE_FORMS, is_place_name_text
from pipeline.geography import lookup_place_in
from pipeline.organisations.names import (
    MODEL,
    OrgDraft,
    skip_name,
    trim_name,
    word_positions,
)
from pipeline.rules import RuleSet, per_rule_set
from pipeline.sdg import EXPLICIT_SPAN_KEY
from pipeline.text import alternation


def _a_name_in_sentence_case(span, last: str) -> bool:
    """A name written the Norwegian way, its last word in lower case: "Norsk helsenett",
    "Istad kraft", "Nynorsk pressekontor", "TINE Sunndal produsentlag". The words before it
    are capitalised, and it is a noun in the indefinite form (a definite one describes:
    "Hydro-konsernet")."""
    token = span[-1]
    return (
        len(span) > 1
        and all(t.text[:1].isupper() for t in span[:-1])  # not "Ski vasker sengetøy"
        and token.text == last
        and token.pos_ in ("NOUN", "PROPN")
        and not last.endswith(DEFINITE_FORMS)
    )


_BRACKET_AFTER = re.compile(r"\s*\(([^()\n]{1,60})\)")


def _bracketed_after(text: str, goals) -> list[tuple[int, int]]:
    """What brackets right after a goal's number hold: its name ("mål 3 (God Helse)")."""
    found = []
    for goal in goals:
        if m := _BRACKET_AFTER.match(text, goal.end_char):
            found.append(m.span(1))
    return found


def model_orgs(doc: Doc, text: str, rules: RuleSet) -> list[OrgDraft]:
    """The organisations of the ``pipeline_entities`` span group (the model's ORG entities,
    corrected by context and the rest of the article), kept where they look like a name:
    no digits, not a place, not a description ("...bedriften"). Named once is enough."""
    found = []
    seen: set[str] = set()
    goals = spans_of(doc, EXPLICIT_SPAN_KEY)
    goal_names = [(s.start_char, s.end_char) for s in goals] + _bracketed_after(text, goals)
    lower_name_ends = tuple(
        rules.org["public_body_heads"]
        + rules.org["name_tail_nouns"]
        + rules.entity.non_company_name_endings  # "Den katolske kirke"
    )
    places = {s.text for s in spans_of(doc, PLACE_SPANS)}
    for span in spans_of(doc, ORG_SPANS):
        name = trim_name(span.text.strip(), rules, starts_sentence(span[0]))
        if name in seen or any(s < span.end_char and span.start_char < e for s, e in goal_names):
            continue  # "Rein energi", "Samarbeid": words of a goal's name
        if _GOALS_OF.match(text, span.end_char):
            continue  # "FNs bærekraftsmål": the goals' owner, not an organisation in the story
        if _FACT_VALUE.search(text, max(0, span.start_char - 30), span.start_char):
            continue  # "Bransje: Reiseliv", "Stad: Voss": a fact box's value, not a name
        seen.add(name)
        if name in rules.org["legal_forms_alone"]:
            continue  # "Loven gjelder AS og ASA": a legal form on its own names no one
        if skip_name(name, rules) or not any(c.isupper() for c in name) or "\n" in name:
            continue  # "al-Qaida", "iTromsø" have their capital inside
        name = _without_genitive(name, span, text, rules)
        if any(c.isdigit() for c in name) and not re.search(r"[A-Za-zæøå]{3}", name):
            if name not in listed_organisations(rules):
                continue  # "E24", "TV2" are listed; "P3 2024" is not a name
        if name in places:
            continue  # "Englands" (the team) when the article's England is a place
        parts = re.split(r",\s*|\s+og\s+", name)
        if any(lookup_place_in(text, part, rules) for part in parts):
            continue
        last = name.split()[-1]
        if (
            last.islower()
            and not last.endswith(lower_name_ends)
            and not _a_name_in_sentence_case(span, last)
        ):
            continue  # "...elektrifiseringsbedriften" is a description; "X universitetssykehus",
            # "al-Qaida" (a capital inside) are names
        if name.endswith("s") and lookup_place_in(text, name[:-1], rules):
            continue  # "Vikens" is a place's genitive
        kind, kind_rule = organisation_kind_and_rule(text, name, rules)
        found.append(OrgDraft(name, MODEL, span.start_char, kind, kind_rule=kind_rule))
    return found


def _without_genitive(name: str, span, text: str, rules: RuleSet) -> str:
    """ "Statoils styre", "Norges Rederiforbunds adm. direktør": the genitive s goes when the
    article also writes the name without it, or a lower-case noun or a person's name
    follows the name. A name
    that ends in s writes its genitive with an apostrophe ("Fjordlaks' direktør")."""
    if name[-1:] in "'’" and name[-2:-1] in ("s", "x", "z"):
        return name[:-1]
    acronym = len(name) > 2 and name[:-1].isupper()  # "FNs rammekonvensjon", "NHOs leiar"
    if not name.endswith("s") or name.endswith("ss") or (len(name) < 4 and not acronym):
        return name
    base = name[:-1]
    if word_positions(text, base):
        return base
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ in rules.org["time_words"]:
        return name  # "på en svak Oslo Børs mandag": the day is when, not what Børs owns
    if after is not None and after.text[:1].islower() and after.pos_ in ("NOUN", "ADJ"):
        return base
    if after is not None and after.text in ("adm.", "administrerende"):
        return base
    if after is not None and any(p.start == after.i for p in span.doc.spans.get(PERSON_SPANS, [])):
        return base  # "Fagforbundets Hege Nilsen": the organisation's own person
    return name


def outside_rule_names(
    model: list[OrgDraft], ruled: list[OrgDraft], text: str, rules: RuleSet
) -> list[OrgDraft]:
    """The model's organisations that are not a fragment of a name the rules found whole
    ("Montasje AS" of "Stord Sveis og Montasje AS", "Ost AS" of "Fjordgarden Kjøtt og Ost AS").
    A name the article also writes on its own stays: "Implenia" of the joint venture "JV
    Implenia Stangeland ANS" is also "direktør i Implenia Norge"."""
    longer = [d.name for d in ruled]
    legal = tuple(f" {suffix}" for suffix in rules.org["legal_suffixes"])
    forms = set(longer) | {n.rsplit(" ", 1)[0] for n in longer if n.endswith(legal)}
    inside = [(a, a + len(n)) for n in forms for a in word_positions(text, n)]

    def fragment(name: str) -> bool:
        if not any(f" {name} " in f" {n} " and n != name for n in longer):
            return False
        return all(
            any(a <= at and at + len(name) <= e and e - a > len(name) for a, e in inside)
            for at in word_positions(text, name)
        )

    return [m for m in model if not fragment(m.name)]


_GOALS_OF = re.compile(
    r"s?\s+(?:\d+\s+)?(?:b[æe]rekrafts?|utviklings|klima)?-?m[åa]l", re.IGNORECASE
)  # "FNs bærekraftsmål", "FNs 17 bærekraftsmål"
_FACT_VALUE = re.compile(r"(?:^|\n)[A-ZÆØÅ][a-zæøå]+:\s*$")


def organisation_kind(text: str, name: str, rules: RuleSet) -> OrganisationKind:
    return organisation_kind_and_rule(text, name, rules)[0]


def organisation_kind_and_rule(
    text: str, name: str, rules: RuleSet
) -> tuple[OrganisationKind, str]:
    """Typing by evidence, with the rule that decided: a public body by its form ("X
    kommune", "Miljødirektoratet", the listed agencies), a non-company by its name (a party,
    a newspaper, a club, a school, an association: ``entity_rules.json``), otherwise a
    company ("default_company": the organisations the news names are mostly businesses)."""
    r = rules.org
    if name.lower().endswith(tuple(r["public_body_heads"])):
        return "public_body", "public_body_heads"
    if name in r["public_body_names"]:
        return "public_body", "public_body_names"
    if name.lower().endswith(tuple(r["public_body_suffixes"])):
        return "public_body", "public_body_suffixes"
    words = name.split()
    if len(words) > 1 and words[0] in r["public_body_heads_before_a_place"]:
        return "public_body", "public_body_heads_before_a_place"  # "Helse Bergen"
    if words[0] in r["public_body_prefixes"] or (
        len(words) > 2 and words[0].lower() in r["public_body_heads"] and words[1] in ("i", "på")
    ):
        return "public_body", "public_body_prefixes"  # "Statens kartverk", "Universitetet i Agder"
    entity_rules = rules.entity
    if (category := organisation_category(name, entity_rules)) is not None:
        return "other", "non_company_name_words" if category == "name_word" else (
            "non_company_organisations"
        )
    if name.split()[-1].lower().endswith(tuple(entity_rules.non_company_name_endings)):
        return "other", "non_company_name_endings"  # "Norges Rederiforbund"
    if _opens_with_a_non_company_head(name, entity_rules.non_company_name_endings):
        return "other", "non_company_name_endings"  # "Stiftelsen Kistefos", "Landsrådet for X"
    if (branch := _without_the_branchs_place(name)) is not None:
        kind, rule = organisation_kind_and_rule(text, branch, rules)
        if kind != "company":  # "Naturvernforbundet Sogn og Fjordane": the body's branch
            return kind, rule
    context = _non_company_context(rules)
    for start in word_positions(text, name):
        if context.search(text, max(0, start - 60), start):
            return "other", "non_company_words_before"  # "... har fått namnet Berekraftige Voss"
    return "company", "default_company"


def _opens_with_a_non_company_head(name: str, endings: list[str]) -> bool:
    """A name that opens with the definite form of a non-company's noun and goes on: "Stiftelsen
    Kistefos", "Foreningen Norden", "Landsrådet for Norges barne- og ungdomsorganisasjoner"
    (an indefinite opening is a name word: "Sentrum Eiendom")."""
    first, _, rest = name.partition(" ")
    word = first.lower()
    return (
        bool(rest)
        and first[:1].isupper()
        and word.endswith(DEFINITE_FORMS)
        and word.endswith(tuple(endings))
    )


def _without_the_branchs_place(name: str) -> str | None:
    """The body a regional or local branch is named after: "Naturvernforbundet Sogn og
    Fjordane" -> "Naturvernforbundet", "Sogndal Høgre" -> "Høgre"; None when the name neither
    ends nor opens with a place the gazetteer knows."""
    words = name.split()
    for cut in range(1, len(words)):
        place = " ".join(words[cut:])
        if words[cut][:1].isupper() and is_place_name_text(place):
            return " ".join(words[:cut])
    for cut in range(len(words) - 1, 0, -1):
        if words[cut][:1].isupper() and is_place_name_text(" ".join(words[:cut])):
            return " ".join(words[cut:])
    return None


@per_rule_set
def _non_company_context(rules: RuleSet) -> re.Pattern[str]:
    """Ends where a name starts after a noun that makes it a non-company ("namnet X")."""
    before = alternation(rules.entity.non_company_words_before)
    return re.compile(rf"\b(?:{before})\s+(?:[\wæøå-]+\s+)?$", re.IGNORECASE)
