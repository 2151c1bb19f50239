"""The ``pipeline_person_organisations`` component: whom each person speaks for, read after
``pipeline_people`` and ``pipeline_organisations`` (issue 24).

In order: a person whose name is an organisation's ("Trelast" of "Mjøsbruket Trelast",
"Tindetid" of "Tindetid AS") or lies inside a goal's name is no person; in a section an
organisation owns where one person speaks, the answers given as quotes ("– ...") are that
person's quotes too; an organisation named only as someone's party, in brackets after
their name ("Per Olsen (Sp)"), is the person's party, not an organisation of the article;
then each person's organisation: as the attribution states it ("fra Møre og Romsdal
fylkeskommune", "X (Frp) i Y"), else the organisation whose section they speak in, else
the article's only organisation whose name holds the word their office names (a banksjef's
bank), else the only organisation their contact card's e-mail address spells
("kari.vik@fjordmat.no"), else the only organisation whose name holds the kind a body's
noun names in their own words ("teateret" in their quote). Failing those, for people with
a title or a quote, a guess: the article's only body their elected office belongs to (an
ordfører's kommune), or whose name holds the word of an office readers leave unstated (a
rektor's school), else the organisation of their kind (company for a daglig leder,
public body for an ordfører) named last before them.

Writes, on the ``people`` span group (kept to the people who are no organisation):
``person_quotes`` (with the answers), ``person_employer`` (the organisation's name, or
None) and ``person_party_name``; on the ``organisations`` span group (without the parties):
``organisation_speakers``, the people (by their index in the people group) whose stated
organisation it is, whose quotes are its statements.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.doc_text import text_of
from pipeline.entities import organisation_category, spans_of
from pipeline.geography import lookup_place
from pipeline.organisations.component import SPAN_KEY as ORGANISATIONS
from pipeline.organisations.component import SPEAKERS, organisation_drafts
from pipeline.organisations.names import OrgDraft
from pipeline.organisations.places import mention_spans
from pipeline.people import BRACKET_AFTER_NAME, PersonDraft, all_inside
from pipeline.people import SPAN_KEY as PEOPLE
from pipeline.people.drafts import person_drafts
from pipeline.registry.names import normalise_name
from pipeline.rules import RuleSet, per_rule_set
from pipeline.sdg import EXPLICIT_SPAN_KEY
from pipeline.span_values import register_span_values
from pipeline.text import (
    alternation,
    kind_named_by,
    pointing_noun_of,
    pointing_nouns,
    sentence_bounds,
)

COMPONENT_NAME = "pipeline_person_organisations"
ATTRIBUTES = ("person_employer", "person_employer_rule", "person_party_name")

register_span_values(PEOPLE, ATTRIBUTES)

# a section's owner: (start, end, organisation name, Q&A items), doc._.section_owners
Owner = tuple[int, int, str, list]


class PersonOrganisations:
    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        rules = RuleSet.of(doc)
        drafts = organisation_drafts(doc)
        owners = [tuple(owner) for owner in doc._.section_owners or []]
        spans = list(doc.spans.get(PEOPLE, []))
        found = person_drafts(doc)
        kept = [i for i, p in enumerate(found) if not _an_organisation(doc, p, drafts)]
        people = [found[i] for i in kept]
        _answers_as_quotes(text, owners, people, rules)
        parties = {p.name: p.party for p in people if p.party}  # named, but employs nobody
        brackets = _party_brackets(text, people, parties)
        orgs = [
            (span, draft)
            for span, draft in zip(doc.spans.get(ORGANISATIONS, []), drafts, strict=True)
            if not _only_a_party(text, draft, brackets)
        ]
        drafts = [draft for _, draft in orgs]
        speaks_for = {p.name: _person_organisation(text, p, drafts, owners, rules) for p in people}
        _share_with_coordinated(text, people, speaks_for)
        _unshare_across_kinds(people, speaks_for, drafts, rules)
        for i, person in zip(kept, people, strict=True):
            spans[i]._.person_quotes = list(person.quotes)
            spans[i]._.person_employer, spans[i]._.person_employer_rule = speaks_for[person.name]
            party = parties.get(person.name)
            spans[i]._.person_party_name = party[0] if party else None
        if PEOPLE in doc.spans:
            doc.spans[PEOPLE] = [spans[i] for i in kept]
        for span, draft in orgs:
            span._.set(SPEAKERS, _speakers(people, draft))
        if ORGANISATIONS in doc.spans:
            doc.spans[ORGANISATIONS] = [span for span, _ in orgs]
        return doc


# "dagleg leiar Martin Nørvåg og salssjef Knut Håheim ved Fosnot": between the first name and
# the second, "og" and the second one's title only; after the second, the organisation
_COORDINATED_TITLE = re.compile(r"\s+og\s+[a-zæøå][a-zæøå-]*(?:\s+[a-zæøå-]+){0,2}\s+$")
_EMPLOYER_RIGHT_AFTER = re.compile(r"\s+(?:ved|i|hos)\s+$")


def _share_with_coordinated(text: str, people: list[PersonDraft], speaks_for: dict) -> None:
    """People with titles coordinated in one phrase share the employer stated right after
    the last of them: "dagleg leiar Martin Nørvåg og salssjef Knut Håheim ved Fosnot". An
    employer the tree gave across another person's name ("A og B fra X") is shared too."""
    for person in people:
        employer, rule = speaks_for[person.name]
        at, end = person.organisation_start, _mention_end_before(person, person.organisation_start)
        if rule == "stated" and at is not None and at >= end:
            if any(
                o is not person and end <= start < stop <= at
                for o in people
                for start, stop in o.mentions or [o.mention]
            ):
                speaks_for[person.name] = (employer, "coordinated")
    for person in people:
        if speaks_for[person.name][1] not in GUESSED_STEPS | {None} or not person.title:
            continue
        end = person.mention[1]
        for other in people:
            employer, rule = speaks_for[other.name]
            if rule != "stated" or not other.title or other.organisation_start is None:
                continue
            start, other_end = other.mention
            if (
                start > end
                and _COORDINATED_TITLE.fullmatch(text, end, start)
                and _EMPLOYER_RIGHT_AFTER.fullmatch(text, other_end, other.organisation_start)
            ):
                speaks_for[person.name] = (employer, "coordinated")
                break


def _mention_end_before(person: PersonDraft, at: int | None) -> int:
    """Where the person's mention nearest before ``at`` (where their employer is named) ends:
    a list's entry names the employer after its own mention of the person, not after the
    first (a caption's "fra venstre: A, B, C" above the list)."""
    ends = [end for _, end in person.mentions if at is not None and end <= at]
    return max(ends) if ends else person.mention[1]


def _unshare_across_kinds(people, speaks_for: dict, drafts, rules: RuleSet) -> None:
    """A shared employer of the wrong kind for the person's own title is not theirs:
    "Ordfører Kari Lie og daglig leder Per Dal i Fjordbygg AS" names a mayor and a company's
    manager, and the mayor does not work for the company."""
    kinds = {d.name: d.kind for d in drafts}
    for person in people:
        employer, rule = speaks_for[person.name]
        role_kind = _kind_of_role(person.title, rules)
        if rule == "coordinated" and role_kind and kinds.get(employer, role_kind) != role_kind:
            speaks_for[person.name] = (None, None)


def _an_organisation(doc: Doc, person: PersonDraft, drafts: list[OrgDraft]) -> bool:
    """A person the ``pipeline_people`` group names who is an organisation's name, a word of
    one, or a word of a goal's name ("Rein energi")."""
    org_names = {n for d in drafts for n in d.names()}
    inside = [span for d in drafts for span in mention_spans(text_of(doc), d.names())]
    inside += [(s.start_char, s.end_char) for s in spans_of(doc, EXPLICIT_SPAN_KEY)]
    return (
        person.name in org_names
        or person.name[:-1] in org_names  # "sa Kongsberg Gruppens styreleder"
        or all_inside(person.mentions or [person.mention], inside)
        # "Tindetid" of "Tindetid AS"
        or (" " not in person.name and person.name in {d.name.split()[0] for d in drafts})
    )


def _speakers(people: list[PersonDraft], draft: OrgDraft) -> list[int]:
    return [
        i
        for i, person in enumerate(people)
        if person.organisation and _same_org(person.organisation, draft)
    ]


def _answers_as_quotes(
    text: str, owners: list[Owner], people: list[PersonDraft], rules: RuleSet
) -> None:
    """In an organisation's question-and-answer section where one person speaks, the
    answers given as quotes ("– ...") are that person's quotes too."""
    for section_start, section_end, _, items in owners:
        speakers = [
            p for p in people if any(section_start <= s <= section_end for s, _ in p.mentions)
        ]
        if len(speakers) != 1:
            continue
        speaker = speakers[0]
        for _topic, block_start, end in items:
            if text[block_start - 2 : block_start].strip() not in ("–", "—", "-"):
                continue  # an answer not given as a quote
            if any(s <= block_start < e or block_start <= s < end for s, e in speaker.quotes):
                continue
            attribution = _attribution_tail(rules).search(text, block_start, end)
            speaker.quotes.append((block_start, attribution.start() if attribution else end))
        speaker.quotes.sort()


@lru_cache(maxsize=4)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _attribution_tail(rules: RuleSet) -> re.Pattern[str]:
    """ ", sier Kari Lie." at the end of an answer: the speech verbs of org_rules.json."""
    return _compiled(rf",\s+(?:{alternation(rules.org['speech_verbs'])})\b[^.]*\.?\s*$")


def _same_org(name: str, draft: OrgDraft) -> bool:
    """Whether ``name`` names the draft: one of its names, one of them with more words
    after it, or without the legal form ("Bergkraft" of "Bergkraft AS")."""
    lowered, key = name.lower(), normalise_name(name)
    return any(
        lowered == n.lower() or lowered.startswith(n.lower() + " ") or key == normalise_name(n)
        for n in draft.names()
    )


def _party_brackets(text: str, people, parties) -> set[tuple[int, int]]:
    """Where a party stands in brackets after the name of a person it is the party of."""
    return {
        m.span("party")
        for person in people
        if person.name in parties
        for _, end in person.mentions
        if (m := BRACKET_AFTER_NAME.match(text, end))
    }


def _only_a_party(text: str, draft: OrgDraft, brackets: set[tuple[int, int]]) -> bool:
    """ "Per Olsen (Sp)": an organisation named only as someone's party, in brackets after
    their name, is the person's party (``Person.party``), not an organisation of the article."""
    spans = mention_spans(text, draft.names())
    return bool(spans) and all(span in brackets for span in spans)


_CONTEXT_CHARS = 600  # how far back an unnamed speaker's organisation may be named


def _person_organisation(
    text, person, drafts, owners: list[Owner], rules: RuleSet
) -> tuple[str | None, str | None]:
    """The organisation a person speaks for and the step that gave it: "stated",
    "section", "office", "email", "named_by_kind", or as a guess "body_of_office" or
    "nearest_of_kind" (the order in the module docstring)."""
    if person.organisation and _pointing(person.organisation, rules):
        # "dagleg leiar i selskapet": the organisation the noun points back to
        pointed = _pointed_to(text, person.organisation, person.organisation_start, drafts, rules)
        if pointed is not None:
            return pointed, "stated"
    elif person.organisation:
        at = person.organisation_start
        # the organisation named where the attribution names it, by its longest name there:
        # "Veidekke Sirkulær AS", not "Veidekke AS" whose short name "Veidekke" starts there too
        named_there = [
            (e - s, i)
            for i, d in enumerate(drafts)
            for s, e in mention_spans(text, d.names())
            if s == at
        ]
        match = (drafts[max(named_there)[1]] if named_there else None) or next(
            (d for d in drafts if _same_org(person.organisation, d)), None
        )
        after_name = at is not None and at >= person.mention[1]
        came_from = after_name and _came_from(rules).search(text, 0, at)
        # "leiar Vestlandsinstituttet i Sogndal", the model's organisation "Sogndal": a place
        # the profile names no organisation by employs nobody (the register knows it)
        a_place = match is None and lookup_place(person.organisation) is not None
        if match is not None or not (came_from or a_place):
            return (match.name if match else person.organisation), "stated"
        # "Marit Haugen frå Steinkjer": where someone comes from, unless it is an organisation
    if (after_party := _named_after_party(text, person, drafts)) is not None:
        return after_party, "stated"
    first = person.mention[0]
    for start, end, owner, _ in owners:
        if start <= first <= end:
            return owner, "section"
    if body := _named_by_office(person.title, drafts, rules):
        return body, "office"
    if by_mail := _named_by_email(text, person, drafts):
        return by_mail, "email"
    if not person.title and not person.quotes:
        return None, None  # only named: a guess from the nearest organisation would be noise
    if body := _named_by_own_words(text, person, drafts, rules):
        return body, "named_by_kind"
    if body := _body_of_office(person.title, drafts, rules):
        return body, BODY_OF_OFFICE
    if body := _named_by_office(person.title, drafts, rules, "guessed_office_name_words"):
        return body, BODY_OF_OFFICE  # a rektor's school
    nearest = _nearest_of_kind(text, person, drafts, rules)
    return nearest, NEAREST_OF_KIND if nearest else None


#: How far back a body's noun may point to the organisation it stands for.
_POINTING_CHARS = 1500


def _pointing(name: str, rules: RuleSet) -> bool:
    """A body's noun standing for an organisation ("selskapet", "banken"); written with a
    capital inside the sentence it is the name ("prorektor ved Høgskulen")."""
    return pointing_noun_of(name, pointing_nouns(rules)) is not None


def _pointed_to(text: str, noun: str, at: int | None, drafts, rules: RuleSet) -> str | None:
    """The organisation a body's noun points back to: the one named last before it (within
    ``_POINTING_CHARS``) of the noun's kind: a company for a company's noun ("selskapet",
    "bedrifta"), one whose name holds the kind for a body's ("banken": "Nordlys Sparebank");
    never a newspaper or a party."""
    if at is None:
        return None
    noun = pointing_noun_of(noun, pointing_nouns(rules)) or noun  # "selskapets": "selskapet"
    company_noun = noun in rules.org["org_head_nouns"]  # lower case (``_pointing``)
    kind = kind_named_by(noun)
    earlier = [
        (start, d.name)
        for d in drafts
        if organisation_category(d.name, rules.entity) not in _NEVER_GUESSED
        and (d.kind == "company" if company_noun else bool(kind) and kind in d.name.lower())
        for start, _ in mention_spans(text, d.names())
        if at - _POINTING_CHARS <= start < at
    ]
    return max(earlier)[1] if earlier else None


_ROLE_AFTER_BRACKET = re.compile(r"\s+(?:i|hos|ved|for)\s+")


def _named_after_party(text: str, person, drafts) -> str | None:
    """ "statssekretær Kari Lie (Frp) i Olje- og energidepartementet": the organisation
    right after the party's brackets, which the parser hangs on someone else."""
    if person.party is None:
        return None
    for _, end in person.mentions or [person.mention]:
        bracket = BRACKET_AFTER_NAME.match(text, end)
        role = bracket and _ROLE_AFTER_BRACKET.match(text, bracket.end())
        if role:
            named = [
                (e - s, d.name)
                for d in drafts
                for s, e in mention_spans(text, d.names())
                if s == role.end()
            ]
            if named:
                return max(named)[1]
    return None


def _came_from(rules: RuleSet) -> re.Pattern[str]:
    """A direction preposition right before where the attribution names an organisation
    ("frå Steinkjer"): where someone comes from, when no organisation is named there."""
    return _compiled(rf"(?<!\w)(?:{alternation(rules.entity.direction_prepositions)})\s+$")


#: Organisations a guess never names: a newspaper is the story's source, a party is
#: named for a person's politics ("Per Olsen (Sp)") and stated when it is whom they speak for.
_NEVER_GUESSED = ("media", "party")

#: An ordfører's kommune, a fylkesordfører's fylkeskommune: the article's only body of
#: that kind. A guess: the text does not tie the person to it, and readers who wrote the
#: blind sets' gold left it out 8 times in 8 (an elected office names its own body).
BODY_OF_OFFICE = "body_of_office"
NEAREST_OF_KIND = "nearest_of_kind"
#: The steps whose organisation is a guess: the profile gives it as ``organisation_guess``.
GUESSED_STEPS = frozenset({BODY_OF_OFFICE, NEAREST_OF_KIND})


def _nearest_of_kind(text, person, drafts, rules: RuleSet) -> str | None:
    first = person.mention[0]
    kind = _kind_of_role(person.title, rules)
    candidates = [
        (start, d.name)
        for d in drafts
        if (kind is None or d.kind == kind)
        and organisation_category(d.name, rules.entity) not in _NEVER_GUESSED
        for start, _ in mention_spans(text, d.names())
        if first - _CONTEXT_CHARS <= start < first
    ]
    return max(candidates)[1] if candidates else None


def _office_of(title: str | None, offices: dict, compounds: bool = False):
    """What ``offices`` says of the title's office, by the longest office its last word
    opens with ("ordføraren" -> "ordførar"), or with ``compounds`` ends with too
    ("regionbanksjef" -> "banksjef"), or None."""
    if not title:
        return None
    lowered = title.lower().split()[-1]
    office = max(
        (o for o in offices if _inflected(lowered, o) or (compounds and lowered.endswith(o))),
        key=len,
        default=None,
    )
    return offices[office] if office is not None else None


#: The endings of a title's inflected forms ("ordføraren", "rektorane"), none a compound's
#: second part ("ordførarkandidat" is no ordførar).
_INFLECTIONS = frozenset(
    {"", "n", "en", "a", "et", "e", "ne", "ar", "er", "ane", "ene", "arne", "erne"}
)


def _inflected(word: str, title: str) -> bool:
    return word.startswith(title) and word[len(title) :] in _INFLECTIONS


def _body_of_office(title: str | None, drafts, rules: RuleSet) -> str | None:
    """An ordfører speaks for the kommune, a fylkesordfører for the fylkeskommune: the
    article's only public body of that kind ("Volda kommune", "Voss herad" counts as one)."""
    ending = _office_of(title, rules.org["office_bodies"])
    if ending is None:
        return None
    bodies = {d.name for d in drafts if d.kind == "public_body" and _body_kind(d.name) == ending}
    return bodies.pop() if len(bodies) == 1 else None


def _named_by_office(
    title: str | None, drafts, rules: RuleSet, offices: str = "office_name_words"
) -> str | None:
    """A banksjef speaks for the bank, a teatersjef for the theatre (and as a guess a rektor
    for the school, ``guessed_office_name_words``): the article's only organisation whose
    name holds the word the title names ("Sparebanken Sunnfjord")."""
    words = _office_of(title, rules.org[offices], compounds=True)
    if words is None:
        return None
    named = {
        d.name
        for d in drafts
        if organisation_category(d.name, rules.entity) not in _NEVER_GUESSED
        and any(w in d.name.lower() for w in words)
    }
    return named.pop() if len(named) == 1 else None


def _named_by_own_words(text: str, person, drafts, rules: RuleSet) -> str | None:
    """The only organisation whose name holds the kind that a body's noun names in the
    person's own words or in the sentence that names them: "... teateret si kjerneverksemd,
    seier styreleiar Rasmus Mo" on a page naming "Sogn og Fjordane Teater", "styreleiar A og
    andre tilsette i banken". The nouns are those that point back to a body in a goal's claim
    (org_rules.json: pointing_nouns, org_head_nouns). Not an organisation of another kind than
    the person's title, nor a newspaper or a party. Public bodies are left to the office step:
    everyone speaks of "kommunen" and "universitetet", a mayor and a student alike."""
    role_kind = _kind_of_role(person.title, rules)
    if role_kind == "public_body":
        return None
    names = [
        d.name
        for d in drafts
        if organisation_category(d.name, rules.entity) not in _NEVER_GUESSED
        and d.kind != "public_body"
        and (role_kind is None or d.kind in (role_kind, "other"))  # a board chair of a theatre
    ]
    named = [span for d in drafts for span in mention_spans(text, d.names())]
    found: set[str] = set()
    for start, end in _own_words(text, person):
        for noun in _body_nouns(rules).finditer(text, start, end):
            if any(s <= noun.start() < e for s, e in named):
                continue  # "Teatret" of "Det Norske Teatret" is the name, not a pointer
            kind = kind_named_by(noun.group())
            holding = {name for name in names if kind and kind in name.lower()}
            if len(holding) == 1:
                found |= holding
    return found.pop() if len(found) == 1 else None


_EMAIL = re.compile(
    r"(?<![\w.+-])(?P<local>[\w.+-]+)@(?P<domain>[\w-]+)\.[a-z]{2,6}\b", re.IGNORECASE
)
_CONTACT_CHARS = 200  # how far below a name its contact card's address may stand


def _named_by_email(text: str, person, drafts) -> str | None:
    """A contact card's address names the employer: "Astrid Vik Aam / Communications
    Manager / astrid.aam@cermaq.com" works for the only organisation named "Cermaq". The
    address must hold the person's own name (not "post@...") and stand within a card's
    reach below it."""
    names = {w.lower() for w in person.name.split() if len(w) > 2}
    for _, end in person.mentions or [person.mention]:
        for mail in _EMAIL.finditer(text, end, min(len(text), end + _CONTACT_CHARS)):
            local = set(re.split(r"[._+-]", mail.group("local").lower()))
            if not names & local:
                continue
            domain = mail.group("domain").lower().replace("-", "")
            holding = {d.name for d in drafts if _written_as(d, domain)}
            if len(holding) == 1:
                return holding.pop()
    return None


def _written_as(draft: OrgDraft, domain: str) -> bool:
    """Whether a web domain spells the organisation's name ("cermaq" for "Cermaq ASA")."""
    return any(normalise_name(n).replace(" ", "").replace("-", "") == domain for n in draft.names())


def _own_words(text: str, person) -> list[tuple[int, int]]:
    """The person's quotes and the sentences that name them."""
    spans = [sentence_bounds(text, start) for start, _ in person.mentions or [person.mention]]
    return list(person.quotes) + spans


@per_rule_set
def _body_nouns(rules: RuleSet) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(pointing_nouns(rules))})(?!\w)", re.IGNORECASE)


def _body_kind(name: str) -> str | None:
    last = name.lower().split()[-1]
    if last.endswith("fylkeskommune"):
        return "fylkeskommune"
    if last in ("kommune", "herad"):
        return "kommune"
    return None


def _kind_of_role(title: str | None, rules: RuleSet) -> str | None:
    if not title:
        return None
    lowered = title.lower()
    if any(role in lowered for role in rules.org["company_roles"]):
        return "company"
    if any(role in lowered for role in rules.org["public_roles"]):
        return "public_body"
    return None


@Language.factory(
    COMPONENT_NAME,
    # the people (pipeline_people), the organisations and the sections they own
    # (pipeline_organisations), the goals (pipeline_sdgs), the Doc's rule set
    requires=["doc.spans", "doc._.section_owners", "doc._.rule_sources"],
    assigns=[
        "doc.spans",
        "span._.person_quotes",
        *(f"span._.{name}" for name in ATTRIBUTES),
        f"span._.{SPEAKERS}",
    ],
)
def make_person_organisations(nlp: Language, name: str) -> PersonOrganisations:
    return PersonOrganisations(nlp, name)
