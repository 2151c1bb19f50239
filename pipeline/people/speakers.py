"""People quoted in the article: name, title, organisation and their quotes (the rules of
the ``pipeline_people`` component).

News Norwegian attributes speech in a few fixed shapes, which these rules follow:
"..., sier seniorrådgiver Kari Nordmann fra Viken fylkeskommune." (verb, title, name, org),
"Kari Nordmann, daglig leder i Fjordlys, sier ..." (apposition), and later "..., påpeker
Nordmann." (surname only).

The rule that finds a person first labels their span: ``title_name_org`` ("Rådgiver Marte
Isaksen i Troms fylkeskommune mener"), ``title_org_name`` ("Daglig leder i X, Thomas Rød,
sier"), ``title_org_apposition`` ("Ordførar i Harstad kommune, Per Olsen (Sp), er nøgd"),
``verb_title_org_name`` ("seier avdelingsleiar i X, Truls-Einar Johnsen"),
``verb_portfolio_name`` ("sier fylkesråd for næring og miljø, Karin Eriksen"),
``verb_name_title_org`` ("sier Eirik Tveit, dagleg leiar i X"), ``speech`` ("sier
seniorrådgiver Kari Nordmann fra X"), ``apposition`` ("Kari Nordmann, daglig leder i
Fjordlys, sier"), ``role`` ("Administrerende direktør Morten Skjolden sier") and ``named``
(a person of the ``person_mentions`` span group no speech rule found).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from models import Block
from pipeline.entities import (
    ORG_SPANS,
    PERSON_SPANS,
    known_organisations,
    opens_with_other_name,
    spans_of,
    starts_sentence,
    title_endings,
)
from pipeline.entities.english_titles import english_title_words
from pipeline.entities.words import is_place_name
from pipeline.org_candidates import SPAN_KEY as ORG_CANDIDATES
from pipeline.people import BRACKET_AFTER_NAME, PersonDraft, all_inside
from pipeline.people.quotes import (
    TOLD,
    abbreviated_titles,
    attach_quotes,
    main_clause_subjects,
    without_definite_ending,
)
from pipeline.people.quotes import speech_verbs as _verbs
from pipeline.roles import SENTENCE_AFTER_RULES
from pipeline.rules import RuleSet, per_rule_set
from pipeline.text import NAME, PERSON, alternation


def _org_tail(rules: RuleSet) -> str:
    return (
        rf"{NAME}(?:\s+og\s+{NAME})?(?:\s+(?:{alternation(rules.org['public_body_name_tails'])}))?"
    )


def _prep(rules: RuleSet) -> str:
    """The prepositions that tie a speaker to the organisation after them in an
    attribution's shapes (org_rules.json's ``attribution_prepositions``)."""
    return rf"(?:{alternation(rules.org['attribution_prepositions'])})"


# the rules of _title_first_patterns, in its order, then the speech, apposition and role rules
_PATTERN_RULES = (
    "title_name_org",
    "title_org_name",
    "title_org_apposition",
    "verb_title_org_name",
    "verb_portfolio_name",
    "verb_name_title_org",
    "speech",
    "apposition",
    "role",
)

#: The shapes whose first word is taken for a title by its place alone: it must be one.
_TITLE_FIRST_RULES = frozenset({"title_name_org", "title_org_name"})


@per_rule_set
def _speech_pattern(rules: RuleSet) -> re.Pattern[str]:
    # a title's words, and the abbreviations the rules list with their stop ("adm. dir.")
    word = rf"(?:{abbreviated_titles(rules)}|[a-zæøå][\wæøå-]*)"
    # a line break may fall inside the attribution, a blank line never: "Dette svarte
    # bedriftene" as a heading, then "Østfold-Posten stilte ..." is no speaker
    gap = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
    return re.compile(
        rf"(?<![\w])(?:{_verbs(rules)}){gap}(?P<title>(?:{word}{gap}){{0,4}}?)(?P<name>{PERSON})"
        rf"(?:\s+{_prep(rules)}\s+(?P<org>{_org_tail(rules)}))?"
    )


@per_rule_set
def _apposition_pattern(rules: RuleSet) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<name>{PERSON}),\s+(?P<title>(?:[a-zæøå]+\s+)?{_role_word(rules)}(?:\s+for\s+[a-zæøå]+)?)\s+{_prep(rules)}\s+(?P<org>{_org_tail(rules)}),"
    )


@per_rule_set
def _title_first_patterns(rules: RuleSet) -> tuple[re.Pattern[str], ...]:
    """Shapes where the title comes first, capitalised at the start of a sentence:
    "Rådgiver Marte Isaksen i Troms fylkeskommune mener ...",
    "Daglig leder i Elvebyen Ladepunkt AS, Thomas Rød, sier ...", and after the verb
    "..., sier daglig leder i Nordlysfisk, Jon Are Pedersen."
    """
    # on one line: a heading over the paragraph ("Næringsliv") is no title of its first name
    title = r"[A-ZÆØÅa-zæøå][a-zæøå-]+(?:[^\S\n]+[a-zæøå-]+)?"
    return (
        re.compile(
            rf"(?:(?<=[.!?»]\s)|(?<=^)|(?<=\n))(?P<title>{title})[^\S\n]+(?P<name>{PERSON})\s+{_prep(rules)}\s+(?P<org>{_org_tail(rules)})\s+(?:{_verbs(rules)})\b"
        ),
        re.compile(
            rf"(?:(?<=[.!?»]\s)|(?<=^)|(?<=\n))(?P<title>{title})\s+{_prep(rules)}\s+(?P<org>{_org_tail(rules)}),\s+(?P<name>{PERSON})(?:\s*\([^()\n]{{1,40}}\))?,\s+(?:{_verbs(rules)})\b"
        ),
        # "Ordførar i Harstad kommune, Per Olsen (Sp), er nøgd.": the apposition alone
        re.compile(
            rf"(?:(?<=[.!?»]\s)|(?<=^)|(?<=\n))(?P<title>{_role_word_capitalised(rules)})\s+{_prep(rules)}\s+(?P<org>{_org_tail(rules)}),\s+(?P<name>{PERSON})(?:\s*\([^()\n]{{1,40}}\))?,"
        ),
        # "..., seier avdelingsleiar i Klimapartnere Vestland nord, Truls-Einar Johnsen": a
        # lower-case word (a region, a department) may follow the organisation's name; the
        # title may have a field ("seier konserndirektør for berekraft i Eika Gruppen, X")
        re.compile(
            rf"(?:{_verbs(rules)})\s+(?P<title>[a-zæøå][a-zæøå-]+(?:\s+[a-zæøå-]+)?{_FIELD}?)\s+{_prep(rules)}\s+(?P<org>{_org_tail(rules)})(?:\s+[a-zæøå]+)?,\s+(?P<name>{PERSON})"
        ),
        # "..., sier fylkesråd for næring og miljø, Karin Eriksen": a portfolio, no organisation
        re.compile(
            rf"(?:{_verbs(rules)})\s+(?P<title>{_role_word(rules)}\s+for\s+[a-zæøå]+(?:\s+og\s+[a-zæøå]+)?),\s+(?P<name>{PERSON})(?P<org>)"
        ),
        # "..., sier Eirik Tveit, dagleg leiar i Stord Sveis og Montasje."
        re.compile(
            rf"(?<![\w])(?:{_verbs(rules)})\s+(?P<name>{PERSON}),\s+(?P<title>(?:[a-zæøå]+\s+)?{_role_word(rules)}(?:\s+for\s+[a-zæøå]+)?)\s+{_prep(rules)}\s+(?P<org>{_org_tail(rules)})"
        ),
    )


# A title's field: "for berekraft", not a definite noun ("direktøren for verksemda i Høylandsbygd":
# the place of an organisation named before, not an employer)
_FIELD = r"(?:\s+for\s+[a-zæøå]+(?<!a)(?<!et)(?<!en))"


def _role_word(rules: RuleSet) -> str:
    return rf"[a-zæøå-]*(?:{alternation(rules.entity.speaker_role_endings)})"


def _role_word_capitalised(rules: RuleSet) -> str:
    """A role word that may open a sentence ("Ordfører", "Dagleg leiar")."""
    return (
        rf"(?:(?i:{alternation(rules.entity.title_modifiers)})\s+)?"
        rf"[A-Za-zæøåÆØÅ-]*(?i:{alternation(rules.entity.speaker_role_endings)}"
        rf"|{alternation(rules.org['public_roles'])})"
    )


def _role(rules: RuleSet) -> str:
    return (
        rf"(?:(?i:{alternation(rules.entity.title_modifiers)})\s+)?"
        rf"[A-Za-zæøåÆØÅ-]*(?:{alternation(rules.entity.speaker_role_endings)})"
    )


@per_rule_set
def _role_pattern(rules: RuleSet) -> re.Pattern[str]:
    """ "Administrerende direktør Morten Skjolden sier ...", "daglig leder Thomas Rønning forteller":
    a role word before the name and a speech verb after it (the organisation comes from context)."""
    return re.compile(
        rf"(?<![\w-])(?P<title>{_role(rules)})\s+(?P<name>{PERSON})\s+(?:{_verbs(rules)})\b(?P<org>)"
    )


def _clean_title(raw: str | None, rules: RuleSet) -> str | None:
    if not raw:
        return None
    raw_words = raw.split()
    words = [
        w.lower() if i == 0 else w
        for i, w in enumerate(raw_words)
        if w.lower() not in rules.entity.not_in_titles
        or (i > 0 and raw_words[i - 1].endswith("-"))  # "olje- og energiminister"
        or (w == "og" and "for" in raw_words[:i])  # "fylkesråd for næring og miljø"
        # "dagleg leiar og eigar": two titles held together
        or (w == "og" and i + 1 < len(raw_words) and _is_title(raw_words[i + 1].lower(), rules))
    ]
    # a title sits right before the name; drop leading words that are not part of it
    while words and words[0] in rules.entity.not_in_titles:
        words.pop(0)
    # an adjective of origin right before the name is no title: "sier danske Benja Fagerland"
    # ("teknisk direktør" keeps its adjective: a title word follows it)
    while words and re.fullmatch(r"[a-zæøå]+ske?", words[-1]):
        words.pop()
    if words and words[0] in ("en", "ein", "ei", "et", "eit"):
        return None  # an indefinite article describes the speaker: "seier ein nøgd Kari Lie"
    return " ".join(words) or None


def _a_clause(doc: Doc, start: int, end: int, rules: RuleSet) -> bool:
    """Whether the words read as a title before a name hold a verb that is no title word
    ("styret vil takke"): a clause, not a title."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(
        t.pos_ in ("VERB", "AUX") and not _is_title(t.lower_, rules) for t in span
    )


def _place_opening_title(word: str, titles: frozenset[str]) -> tuple[str, str] | None:
    """ "Skjåkordførar", "Sund-ordførar", "Stordordføraren": a title written as one word with
    the place whose office it is, as (place, title); the place (its municipality) is the
    employer, as in "ordførar i Skjåk"."""
    from pipeline.geography import lookup_place  # the project's gazetteer (facts)

    for cut in range(3, len(word) - 3):
        place, rest = word[:cut], word[cut:].lower()
        if place.endswith("-"):
            continue  # the title then starts after the hyphen
        rest = rest.removeprefix("-")
        title = next((t for t in (rest, without_definite_ending(rest)) if t in titles), None)
        if title is None:
            continue
        for name in (place, place.removesuffix("s")):  # "Bergensordføreren"
            if name[:1].isupper() and lookup_place(name) is not None:
                return name, title
    return None


def _office_of_a_place(text: str, draft: PersonDraft, titles: frozenset[str]) -> None:
    """ "Skjåkordførar Rolv Øygard", "Sund-ordførar Kari Landro": the title right before the
    name opens with the place whose office it is; the title is the office, the place the
    organisation."""
    before = re.search(r"([\w-]+)\s+$", text[: draft.mention[0]])
    if before is None or not before.group(1).lower().startswith(draft.title.split()[-1].lower()):
        return  # the title is not the word right before the name ("Stord-ordføraren": its stem)
    found = _place_opening_title(before.group(1), titles)
    if found is not None:
        place, title = found
        draft.title = " ".join([*draft.title.split()[:-1], title.lower()])
        draft.organisation, draft.organisation_start = place, before.start(1)


def _possible_speakers(doc: Doc, people) -> list[PersonDraft]:
    """The people who may be handed a quote: not a word every mention of which lies inside
    an organisation's name ("Sirkulær" of "Veidekke Sirkulær AS"), which ``..., sier han``
    would otherwise reach as the last one named."""
    names = [(s.start_char, s.end_char) for s in spans_of(doc, ORG_SPANS)]
    names += [(s.start_char, s.end_char) for s in doc.spans.get(ORG_CANDIDATES, [])]
    return [p for p in people if not p.mentions or not all_inside(p.mentions, names)]


def find_people(doc: Doc, blocks: list[Block], rules: RuleSet) -> list[PersonDraft]:
    """People the speech rules find, plus everyone the ``person_mentions`` span group names;
    then the quotes of each, in the article's ``blocks``."""
    text = doc.text
    people: dict[str, PersonDraft] = {}
    # the entity component's organisations ("Ålesundbedrifta Anda-Olsen") are not speakers
    organisations = {s.text for s in spans_of(doc, ORG_SPANS)}
    read_as_employers: set[str] = set()  # the organisations the shapes read before
    patterns = (
        *_title_first_patterns(rules),
        _speech_pattern(rules),
        _apposition_pattern(rules),
        _role_pattern(rules),
    )
    for pattern, rule in zip(patterns, _PATTERN_RULES, strict=True):
        for m in pattern.finditer(text):
            if rule in _TITLE_FIRST_RULES and not _is_title(
                m.group("title").split()[-1].lower(), rules
            ):
                continue  # "Lill Farah Jensen i X uttalte": a given name, no title, opens it
            name, name_start, title_before = _without_leading_title(
                doc, m.group("name"), m.start("name"), rules
            )
            employer = next((o for o in organisations if name.startswith(o + " ")), None)
            if employer is not None:  # "sier konsernsjef i Nordverft Jan Hauge"
                name, name_start = name[len(employer) + 1 :], name_start + len(employer) + 1
            place_before = employer is None and _named_after_a_place(doc, name, name_start)
            if place_before:  # "sa fylkesordførar i Hordaland Anne Gine Hestetun"
                name, name_start = place_before
            if name.split()[0] in rules.org["not_organisations"] or name in organisations:
                continue
            if name in read_as_employers:
                continue  # "seier medeigar av Hotel Solvik, Gunn Rise": the hotel employs
            if opens_with_other_name(name.split()[0], known_organisations(rules)):
                continue  # "sier Jyllands-Posten Jon Helt": the paper, then the person
            if (
                text.startswith("-", m.end("name"))
                and text[m.end("name") + 1 : m.end("name") + 2].isalpha()
            ):
                continue  # "sier Sjømat Norge-sjef Per Dahl": the name opens a title
            if name.endswith("s") and re.match(
                r" [a-zæøå]", text[m.end("name") : m.end("name") + 2]
            ):
                continue  # "sa Kongsberg Gruppens styreleder Eivind Reiten": a genitive, not a speaker
            if re.search(r"\b(?:at|om|hvordan|korleis|kva|hva)\b", m.group("title") or ""):
                continue  # "forteller at Elvebyen Ladepunkt har ...": reported speech, not a speaker
            if m.group("title") and TOLD.fullmatch(m.group("title").split()[-1]):
                continue  # "seier han til Neste Klikk": the one told, a paper, not a speaker
            if m.group("org"):
                read_as_employers.add(m.group("org"))
            draft = people.get(name)
            if draft is None:
                mention = (name_start, name_start + len(name))
                draft = people[name] = PersonDraft(name, None, None, mention, found_by=rule)
            title = m.group("title")
            if title and title_before is not None and title_before[1] <= m.start("title"):
                title = None  # the pattern's title is the first word of the English one
            if (employer is not None or place_before) and title:  # "konsernsjef i": the
                # employer, or the place of the office, follows
                title = re.sub(
                    rf"\s+(?:{alternation(rules.entity.role_prepositions)})\s*$", "", title
                )
            if title and _a_clause(doc, m.start("title"), m.end("title"), rules):
                title = None  # "sier styret vil takke Per Moe": a clause before the name
            draft.title = draft.title or _clean_title(title, rules)
            if title_before is not None:  # "Økonomisjef Hilde Dahl sier ..."
                draft.title = draft.title or title_before[0]
            if draft.organisation is None and m.group("org"):
                draft.organisation, draft.organisation_start = m.group("org"), m.start("org")
            elif draft.organisation is None and employer is not None:
                draft.organisation = employer
                draft.organisation_start = name_start - len(employer) - 1
    for draft in people.values():
        draft.mentions = [
            (m.start(), m.end())
            for m in re.finditer(rf"(?<![\w-]){re.escape(draft.name)}(?![\wæøå])", text)
        ]
    _add_named_people(doc, people, rules, read_as_employers)
    _merge_shorter_names(people)
    titles = frozenset(rules.entity.person_titles)
    for draft in people.values():
        if draft.title and draft.organisation is None:
            _office_of_a_place(text, draft, titles)
    attach_quotes(
        blocks, _possible_speakers(doc, people.values()), rules, main_clause_subjects(doc)
    )
    _employer_named_in_quotes(doc, people.values())
    _read_parties(text, people.values(), rules)
    return sorted(people.values(), key=lambda p: p.mention[0])


def _employer_named_in_quotes(doc: Doc, people) -> None:
    """A speaker whose attribution names no organisation speaks for the X of "vi i X" /
    "oss i X" in their own quote (``pipeline_person_roles``, rule speaker_we_in)."""
    statements = doc._.we_statements or []
    for person in people:
        if person.organisation is not None:
            continue
        for we, start, end in statements:
            if any(s <= we < e for s, e in person.quotes):
                person.organisation, person.organisation_start = doc.text[start:end], start
                break


def _read_parties(text: str, people, rules: RuleSet) -> None:
    """ "Per Olsen (Sp)": a party's name in brackets right after a person's name is the
    person's party (the parties of entity_rules.json), with where it is written; a party
    employs nobody."""
    known = set(rules.entity.non_company_organisations.get("party", []))
    brackets = [
        (person, m)
        for person in people
        for _, end in person.mentions
        if (m := BRACKET_AFTER_NAME.match(text, end))
    ]
    for person, m in brackets:
        name = m.group("party").strip()
        if person.party is None and (name in known or _among_parties(text, m, brackets, known)):
            person.party = (name, m.span("party"))
    for person in people:
        if person.party is not None and person.organisation == person.party[0]:
            person.organisation, person.organisation_start = None, None


_ABBREVIATION = re.compile(r"[A-ZÆØÅ][A-Za-zÆØÅæøå]{0,4}")


def _among_parties(text: str, bracket, brackets, known: set[str]) -> bool:
    """ "A (Sp), B (A), C (FNB), D (H)": an abbreviation in brackets after a name, on a line
    that gives two names or more a known party's brackets, is a party too (a local list's, or
    a short form the rules do not know)."""
    if not _ABBREVIATION.fullmatch(bracket.group("party").strip()):
        return False
    start = text.rfind("\n", 0, bracket.start()) + 1
    end = text.find("\n", bracket.end())
    end = len(text) if end < 0 else end
    parties_on_the_line = sum(
        1 for _, m in brackets if start <= m.start() < end and m.group("party").strip() in known
    )
    return parties_on_the_line >= 2


def _named_after_a_place(doc: Doc, name: str, start: int) -> tuple[str, int] | None:
    """The person's name the entities read at the end of a speech pattern's name that opens
    with a place ("Hordaland Anne Gine Hestetun" after "sa fylkesordførar i"): the name, and
    where it starts; None when the words before it are not a place's."""
    end = start + len(name)
    named = next(
        (s for s in spans_of(doc, PERSON_SPANS) if s.end_char == end and s.start_char > start),
        None,
    )
    if named is None:
        return None
    before = doc.char_span(start, named.start_char, alignment_mode="contract")
    if (
        before is None
        or not len(before)
        or not all(is_place_name(t) or t.lower_ == "og" for t in before)
    ):
        return None
    return named.text, named.start_char


def _without_leading_title(
    doc: Doc, name: str, start: int, rules: RuleSet
) -> tuple[str, int, tuple[str, int] | None]:
    """A capitalised title opening a sentence is read as the name's first word by the speech
    patterns ("Økonomisjef Hilde Dahl sier"), and so is an English title ("sier Chief
    Sustainability Officer Per Holm"): the name starts after it. Returns the name, where
    it starts, and the title cut off with where it starts (an English one may start
    before the pattern's name: "Sustainability Manager Kari Nilsen i Orkla sier")."""
    first, _, rest = name.partition(" ")
    if " " in rest and not first.isupper() and _is_title(first.lower(), rules):
        return rest, start + len(first) + 1, (first.lower(), start)
    words = doc.char_span(start, start + len(name), alignment_mode="expand")
    english = english_title_words(rules).phrase_starting_at(doc, words.start) if words else None
    if english is not None and english.end < words.end:
        # the pattern's words may stop inside the name: the name the entities read runs on
        named = next((s for s in spans_of(doc, PERSON_SPANS) if s.start == english.end), None)
        after = named or doc[english.end : words.end]
        return after.text, after.start_char, (english.text, english.start_char)
    return name, start, None


# a quote opens with a dash (or the hyphen or minus sign typed for one, with or without a
# space before the first word) or a quotation mark
# --- everyone the article names ------------------------------------------------------------


def _add_named_people(
    doc: Doc, people: dict[str, PersonDraft], rules: RuleSet, employers: set[str]
) -> None:
    """Every person of the ``person_mentions`` span group joins ``people``, one draft a
    person: "Røkke" is "Kjell Inge Røkke" when the article names only one Røkke in full.
    A name an attribution reads as someone's organisation (``employers``) is none."""
    spans = [s for s in spans_of(doc, PERSON_SPANS) if s.text not in employers]
    full_names = [s for s in spans if len(s) > 1]
    for span in sorted(spans, key=lambda s: (-len(s), s.start)):
        name = " ".join(span.text.split())
        end_char = span.end_char
        if _genitive(span):
            name, end_char = name[:-1], end_char - 1  # "Jonas Gahr Støres regjering"
        draft = people.get(name) or _full_name_of(name, people)
        if draft is None:
            if len(span) == 1 and _full_names_with(name, full_names):
                continue  # a surname shared by two people named in full: whose is unclear
            draft = people[name] = PersonDraft(
                name, _title_before(span, rules), None, (span.start_char, end_char)
            )
        mention = (span.start_char, end_char)
        if mention not in draft.mentions:
            draft.mentions.append(mention)
        _read_role_from_the_tree(span, draft, rules)
        draft.title = draft.title or _title_before(span, rules)
        if draft.organisation is None or draft.title is None:
            title, org = _role_after(span, rules)
            draft.title = draft.title or title
            if draft.organisation is None and org is not None:
                draft.organisation, draft.organisation_start = org.text, org.start_char
    for draft in people.values():
        draft.mentions.sort()  # draft.mention stays where the rules found the person speaking


def _read_role_from_the_tree(span, draft: PersonDraft, rules: RuleSet) -> None:
    """The title and employer the sentence's tree gives (``pipeline_person_roles``) come
    before what the surface patterns read; the first mention the tree reads decides, but a
    title with its employer ("Trond Teigen er klar til å ta over som direktør for X") beats
    one without ("Påtroppande banksjef Trond Teigen")."""
    if span._.title is None and span._.employer is not None and draft.organisation is None:
        start, end = span._.employer  # "NorgesGruppens Runar Hollevik": employer, no title
        draft.organisation, draft.organisation_start = span.doc.text[start:end], start
    if span._.title is None:
        return
    if draft.role_rule is not None and (draft.organisation or span._.employer is None):
        return  # the first mention the tree reads decides, unless a later one says where
    surface = draft.title or _title_before(span, rules) or _role_after(span, rules)[0]
    if surface and span._.role_rule in SENTENCE_AFTER_RULES:
        return  # "minister X (H) ... Han er også bærekraftsminister": the title by the name
    longer = surface and surface.lower().startswith(span._.title.lower() + " ")
    # a name's compound says whom they head ("Nordtang Marine-sjef"), a title read before it
    # what they are called ("daglig leder"): the employer is taken, the title kept
    kept = longer or (surface and _named_compound(span._.title) and not _named_compound(surface))
    # the surface reading may say more: "SVP Sustainability", "fylkesråd for næring og miljø"
    draft.title, draft.role_rule = (surface if kept else span._.title), span._.role_rule
    if span._.employer is not None:
        start, end = span._.employer
        draft.organisation, draft.organisation_start = span.doc.text[start:end], start


def _named_compound(title: str | None) -> bool:
    """A title a name opens with a hyphen ("Hydro-sjef", "Nordtang Marine-sjef")."""
    return bool(title) and "-" in title and title[:1].isupper()


def _genitive(span) -> bool:
    """A full name in the genitive: "Jonas Gahr Støres regjering", "Kristin Halvorsens
    forslag". Only a name of two words or more, before a lower-case noun or adjective:
    "Jonas" alone or "Anders Jonas sier" keep their s."""
    last = span[-1].text
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        len(span) > 1
        and last.endswith("s")
        and not last.endswith("ss")
        and len(last) > 3
        and after is not None
        and after.text[:1].islower()
        and after.pos_ in ("NOUN", "ADJ")
    )


def _merge_shorter_names(people: dict[str, PersonDraft]) -> None:
    """A name of two words or more that ends or opens the one longer name of the article,
    or writes one of its names as an initial, is that person: "Stig Fagerland" after "Benja
    Stig Fagerland", "Per Richard" (the given names a feature calls him by) after "Per
    Richard Johansen", "Bård S. Lien" beside "Bård Sverre Lien"."""
    for name in sorted(people, key=len):
        if " " not in name:
            continue
        longer = [
            p
            for p in people.values()
            if p.name.endswith(" " + name)
            or p.name.startswith(name + " ")
            or _initial_of(name, p.name)
        ]
        if len(longer) != 1:
            continue
        short, full = people.pop(name), longer[0]
        full.mentions = sorted(set(full.mentions) | set(short.mentions))
        full.title = full.title or short.title
        if full.organisation is None and short.organisation is not None:
            full.organisation, full.organisation_start = (
                short.organisation,
                short.organisation_start,
            )


def _initial_of(short: str, full: str) -> bool:
    """ "Bård S. Lien" of "Bård Sverre Lien": the same words, one or more as an initial."""
    short_words, full_words = short.split(), full.split()
    if short == full or len(short_words) != len(full_words):
        return False
    return all(
        s == f or (len(s) == 2 and s.endswith(".") and f[0] == s[0] and len(f) > 2)
        for s, f in zip(short_words, full_words, strict=True)
    )


def _full_name_of(name: str, people: dict[str, PersonDraft]) -> PersonDraft | None:
    """The one person named in full whose surname (or first name) this single word is."""
    if " " in name:
        return None
    bare = name[:-1] if name.endswith("s") else name  # "Bortens"
    matches = [
        p for p in people.values() if " " in p.name and bare in (p.surname, p.name.split()[0])
    ]
    matches = matches or [p for p in people.values() if " " in p.name and name == p.surname]
    return matches[0] if len(matches) == 1 else None


def _full_names_with(word: str, spans) -> bool:
    return len({s.text for s in spans if s[-1].text == word or s[0].text == word}) > 1


def _role_after(span, rules: RuleSet) -> tuple[str | None, object | None]:
    """Title and organisation written after a name: "Kari Lie (Telenor)", "Kari Lie, daglig
    leder i Fjordlaks,", "Kari Lie er ny daglig leder i Fjordlaks", "CEO Kari Lie i Maritech"."""
    doc = span.doc
    orgs = {e.start: e for e in doc.ents if e.label_ in ("ORG", "GPE_ORG")}
    i = span.end
    if (
        i + 2 < len(doc)
        and doc[i].text == "("
        and i + 1 in orgs
        and doc[orgs[i + 1].end].text == ")"
    ):
        return None, orgs[i + 1]
    if (org := _org_after_role(doc, i, orgs, rules)) is not None:
        return None, org  # "Anne Hjelle i Ymsir AS", "Anne Hjelle i selskapet Ymsir AS"
    if i + 2 < len(doc) and doc[i + 1].lower_ == "som" and doc[i].text[:1].islower():
        i += 1  # "Kari Lie innstilt som ny styreleiar i X", "tilsett som dagleg leiar i X"
    if i < len(doc) and doc[i].text in (",", "er", "blir", "var", "vert", "ble", "som"):
        j = i + 1
        modifiers = {*rules.entity.title_modifiers, "den"}
        while j < len(doc) and _modifier_at(doc, j, modifiers):
            j += 1
        if j < len(doc) and _is_title_word(doc[j], rules):
            j = _english_title_end(doc, j, rules)  # "SVP Sustainability i Statoil"
            words = [t.text for t in doc[i + 1 : j + 1] if t.lower_ not in {"ny", "nye", "den"}]
            title = "".join(
                t.text_with_ws for t in doc[i + 1 : j + 1] if t.lower_ not in {"ny", "nye", "den"}
            )
            return title.strip() if words else None, _org_after_role(doc, j + 1, orgs, rules)
    return None, None


def _english_title_end(doc, j: int, rules: RuleSet) -> int:
    """The last word of an English title that opens with an acronym ("SVP Sustainability",
    "CEO Nordic Region") when a role preposition follows it; else ``j``."""
    if not doc[j].is_upper:
        return j
    end = j
    while end + 1 < len(doc) and end - j < 3 and doc[end + 1].is_title and doc[end + 1].is_alpha:
        end += 1
    after = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    return end if end > j and after in rules.entity.role_prepositions else j


def _modifier_at(doc, j: int, modifiers: set[str]) -> bool:
    """Whether doc[j] opens a title: "daglig", or "adm" + "." (the tokenizer splits "adm.")."""
    token = doc[j]
    if token.lower_ in modifiers:
        return True
    if token.lower_ + "." in modifiers and j + 1 < len(doc) and doc[j + 1].text == ".":
        return True
    return token.text == "." and j > 0 and doc[j - 1].lower_ + "." in modifiers


def _org_after_role(doc, i: int, orgs: dict, rules: RuleSet) -> object | None:
    """The organisation after "title i": "i Fjordlaks", "i returselskapet RENAS" (a noun
    that introduces the name may stand between)."""
    if i + 1 >= len(doc) or doc[i].lower_ not in rules.entity.role_prepositions:
        return None
    if i + 1 in orgs:
        return orgs[i + 1]
    noun = doc[i + 1]
    if noun.is_lower and noun.is_alpha and i + 2 in orgs:
        return orgs[i + 2]  # "i returselskapet RENAS", "hos konsernet Orkla"
    return None


def _is_title_word(token, rules: RuleSet) -> bool:
    return (token.text[:1].islower() or token.is_upper) and _is_title(token.lower_, rules)


def _is_title(word: str, rules: RuleSet) -> bool:
    """A title word, or a compound ending in one of five letters or more ("kommunaldirektør");
    short ones only whole ("eier", not "seier")."""
    return word in _title_words(rules) or word.endswith(_long_title_words(rules))


@per_rule_set
def _long_title_words(rules: RuleSet) -> tuple[str, ...]:
    return title_endings(rules.entity, _title_words(rules))


def _title_before(span, rules: RuleSet) -> str | None:
    """ "kommunaldirektør Bente Rudrud Herdlevær", "administrerende direktør Kari Lie": the
    lower-case title words right before the name."""
    doc = span.doc
    i = span.start - 1
    if i > 0 and doc[i].text == "," and _is_title(doc[i - 1].lower_, rules):
        i -= 1  # "sa administrerende direktør, Tom Jensen, at ..."
    if i < 0 or not _is_title(doc[i].lower_, rules):
        return None
    opens = starts_sentence(doc[i])
    if not doc[i].text[:1].islower() and not (opens or doc[i].is_upper):
        return None  # a capitalised title only at the start of a sentence, or "CEO"
    keep_case = doc[i].is_upper or not opens  # "CEO", not "ceo"
    words = [doc[i].text if keep_case else doc[i].lower_]
    while i > 0 and doc[i - 1].lower_ in rules.entity.title_modifiers:
        i -= 1
        words.insert(0, doc[i].text)
    return " ".join(words)


@per_rule_set
def _title_words(rules: RuleSet) -> tuple[str, ...]:
    shared = rules.org
    own = rules.entity.person_titles
    words = {w for w in own if w.isalpha()}
    words |= {r.split()[-1] for r in shared["company_roles"] + shared["public_roles"]}
    return tuple(sorted(words))
