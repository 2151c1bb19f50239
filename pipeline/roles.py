"""The ``pipeline_person_roles`` component: a person's title and employer, read from the
sentence's dependency tree (issue 25).

"Ifølge ordfører i Hadsel kommune, Per Moe, er ..." and "Anne Lid har vært
kommunikasjonssjef i Telenor" say the same thing in two shapes a surface pattern has to
learn one by one. In the tree (NDT relations, the shipped parser's) both are one link: the
title is in apposition to the name (APP), or is the predicate of a clause whose subject
the name is (SPRED), and the employer hangs under the title by a role preposition ("i",
"hos", "for", ...; ATR, then PUTFYLL).

The patterns are data (``resources/role_rules.json``, rule records with examples that
``tests/test_rule_examples.py`` runs with and without each rule). The words they test live
in the entity rules (``person_titles``, ``title_modifiers``, ``role_prepositions``); this
module marks tokens with them (``Token._.title_word``, ...) so the patterns only name the
mark.

Writes, on every ``person_mentions`` span it can read: ``Span._.title`` (the title as
written, with its modifiers: "dagleg leiar"), ``Span._.employer`` (``(start_char,
end_char)`` of the organisation) and ``Span._.role_rule`` (the rule that decided). A
capitalised common noun that is a title's field ("konserndirektør for Kommunikasjon i
Telenor") leaves the organisations (``org_mentions`` and ``doc.ents``).
Without a parser it changes nothing.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.doc_text import text_of
from pipeline.entities import ORG_SPANS, PERSON_SPANS, PLACE_SPANS, title_endings
from pipeline.entities.english_titles import english_title_words
from pipeline.entities.words import DEFINITE_FORMS
from pipeline.org_candidates import SPAN_KEY as ORG_CANDIDATES
from pipeline.org_candidates.candidates import INTRODUCED, PUBLIC_BODY
from pipeline.org_candidates.fact_boxes import persons_box
from pipeline.rules import RuleSet, TreeRuleFile, dependency_matcher
from pipeline.text import fact_box_label, pointing_noun_of, pointing_nouns

COMPONENT_NAME = "pipeline_person_roles"
RULES_FILE = "role_rules.json"
#: Rules that link a title to a person, and the one that links an employer to a title.
EMPLOYER_RULES = frozenset(
    {
        "employer_of_title",
        "employer_of_title_at_workplace",
        "employer_of_title_adverbial",
        "employer_of_title_field",
        "employer_of_title_in_board",
        "employer_of_title_topic",
        "employer_of_title_subject",
        "employer_of_title_in_genitive",
        "employer_before_possessive",
        "employer_of_coordinated_title",
        "employer_of_title_written_before_a_coordinated_one",
        "employer_of_title_before_name_in_apposition",
        "employer_right_after_title",
        "employer_beside_predicate_title",
        "employer_appointing",
        "employer_of_appointing_board",
        "employer_ending_title_phrase",
    }
)
#: Employer rules read in the sentence's order: the words between the title and the
#: organisation's preposition must be the title's own phrase (``_title_phrase_between``).
PHRASE_RULES = frozenset({"employer_ending_title_phrase"})
#: Employer rules whose "noun" is a body's noun pointing back ("dagleg leiar i selskapet"):
#: the employer is the organisation it points to (pipeline_person_organisations resolves it).
POINTING_RULES = frozenset(
    {
        "employer_of_title_pointing_back",
        "employer_pointing_back_between_title_and_name",
        "employer_of_title_pointing_back_in_genitive",
    }
)
#: Rules that give a name the employer said of another name coordinated with it ("A og B
#: fra X"): a link the name has of its own wins.
SHARED_EMPLOYER_RULES = frozenset(
    {
        "employer_of_first_coordinated_name",
        "employer_of_middle_coordinated_name",
        "employer_of_name_paired_by_og",
    }
)
#: Shared-employer rules for a pair joined by "og" alone: no comma between the names.
PAIR_RULES = frozenset({"employer_of_name_paired_by_og"})
#: Rules that give the second of two coordinated names the plural title said of both.
SHARED_TITLE_RULES = frozenset(
    {"plural_title_of_coordinated_subjects", "plural_title_predicate_of_coordinated_subjects"}
)
#: Rules that read a title from the sentence after the name's: the title by the name wins.
SENTENCE_AFTER_RULES = frozenset(
    {"title_of_pronoun_subject", "title_of_pronoun_subject_after_auxiliary"}
)
#: Rules that read the title from the clause the name is the subject of: the names between
#: may be the subject's coordinated ones ("A og B vart valde til styremedlem").
CLAUSE_RULES = frozenset({"title_of_appointed_subject"})
#: Rules that reach "som" down a chain of words (``>>``): the chain must stay in the clause.
CHAIN_RULES = frozenset({"title_after_som_down_the_verb_chain"})

for _name in ("title", "employer", "role_rule"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
for _name in (
    "in_person",
    "in_org",
    "title_word",
    "plural_title",
    "role_preposition",
    "first_person",
    "staff_group",
    "business_noun",
    "pointing_noun",
    "pointing_genitive",
):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=False)
if not Doc.has_extension("we_statements"):
    # (char of "vi"/"oss", start_char, end_char of X) for each "vi i X" in the text
    Doc.set_extension("we_statements", default=None)

#: The plural endings of titles, longest first: "-ane"/"-ene" (definite), "-ar"/"-er", and
#: the "-e" of a title that ends in "-er" ("styreledere", "medarbeidere").
_PLURAL_ENDINGS = ("arane", "erne", "ane", "ene", "ne", "ar", "er", "e")
#: The shortest title a plural form may name ("leiar" of "leiarar").
_SHORTEST_TITLE = 4

#: The articles of a definite noun phrase: "den nyvalgte styrelederen" names a position.
_DEFINITE_ARTICLES = frozenset({"den", "det"})

#: "til dagleg/daglig X": the daily occupation of someone the sentence names for another role.
_DAILY = frozenset({"dagleg", "daglig"})

#: Modifiers that say when, not what: "ny daglig leder" is a daglig leder.
_NOT_PART_OF_TITLE = frozenset({"ny", "nye", "nytilsett", "nyansatt", "den"})


class PersonRoles(TreeRuleFile):
    rules_file = RULES_FILE

    def __init__(self, nlp: Language, name: str = COMPONENT_NAME, *, rules: str = "default"):
        self.name = name
        self.vocab = nlp.vocab
        self._adopt(RuleSet.default())
        from pipeline.relations import load_relation_rules  # the one list of "vi" words

        self.first_person = frozenset(
            w.lower() for w in load_relation_rules("default")["first_person"]
        )
        self._load_rules(rules)

    def _use(self, source: str) -> None:
        self.matcher, self.node_names = dependency_matcher(self.vocab, self._records(source))

    def _adopt(self, rules: RuleSet) -> None:
        """The title words of the rules the Doc was made with (a user's entity rules too)."""
        if getattr(self, "_adopted", None) is rules:
            return  # the words of these rules are in place already
        self._adopted = rules
        words = rules.entity
        self.titles = frozenset(words.person_titles)
        self.long_titles = title_endings(words, self.titles)
        self.modifiers = frozenset(words.title_modifiers)
        self.prepositions = frozenset(words.role_prepositions)
        self.education = frozenset(words.education_words)
        self.former = frozenset(words.former_title_words)
        self.companies = frozenset(words.known_companies)
        self.parties = frozenset(words.non_company_organisations.get("party", []))
        self.common_words = rules.common_words
        self.staff_groups = frozenset(rules.org["staff_group_nouns"])
        self.credit_labels = tuple(rules.org["credit_labels"])
        self.pointing_nouns = frozenset(pointing_nouns(rules))
        self.business_nouns = frozenset(rules.org["business_nouns"]) | frozenset(
            rules.org["org_head_nouns"]
        )

    def __call__(self, doc: Doc) -> Doc:
        self._require_rules()
        self._adopt(RuleSet.of(doc))
        people = list(doc.spans.get(PERSON_SPANS, []))
        if not people or not doc.has_annotation("DEP"):
            return doc
        notes = self._bracket_notes(doc, people)
        credits = self._credits(doc, list(doc.spans.get(PERSON_SPANS, [])))
        people = list(doc.spans.get(PERSON_SPANS, []))  # a note's employer is no person
        genitives = self._mark(doc, people)
        if missed := self._employers_the_model_missed(doc):
            _propose(doc, list(doc.spans.get(ORG_SPANS, [])), missed)
            genitives = self._mark(doc, people)
        titles, employers, direct = self._links(doc, genitives)
        respective = self._respective_titles(doc, people)
        held_elsewhere = _nearest_titles(titles, people)  # once: the fallback asks per name
        for person in people:
            if person.start in respective:
                # "A og B, henholdsvis driftsleiar og produksjonsleiar i X"
                _give_role(person, *respective[person.start], "respective_titles")
                continue
            if person.start in notes:
                # "Kari Lie (styreleder Visit Fjell)": a caption's note on the name
                title, org = notes[person.start]
                _give_role(person, self._title_text(doc, title), org, "title_in_bracket_note")
                continue
            if person.start in credits:  # "Foto: Kari Lie / NRK"
                _give_role(person, None, credits[person.start], "photo_credit")
                continue
            org, rule = next(
                ((o, r) for head, o, r in direct if person.start <= head < person.end), (None, None)
            )
            if org is not None:  # "NorgesGruppens Runar Hollevik": the employer, no title
                person._.employer = (org.start_char, org.end_char)
                person._.role_rule = person._.role_rule or rule
            if org is None and (aged := self._aged_entry_employer(doc, person)) is not None:
                # "4. Landsstyremedlem Kari Lie (36) Fjordposten": the title from the tree
                person._.employer = (aged.start_char, aged.end_char)
                person._.role_rule = person._.role_rule or "aged_list_entry"
            if org is None and (entry := self._applicant_entry(doc, person)) is not None:
                # "• Svein Hole (50), Stjørdal, prosjektleiar hos Fylkesmannen i Trøndelag"
                _give_role(person, *entry, "applicant_entry")
                continue
            if (english := self._english_title(doc, person)) is not None:
                # "Astrid Vik Aam, Communications Manager i Cermaq": beside the name
                title_span, org = english
                _give_role(person, title_span.text, org, "english_title")
                continue
            if (box := _fact_box_entry(doc, person)) is not None:
                # "Navn: Erlend Berg" / "Stilling: Konserndirektør" / "Arbeidsgiver: X"
                title, org = box
                _give_role(person, title, org or _box_organisation(doc, person), "fact_box")
                continue
            if org is None and (entry := _list_entry(doc, person)) is not None:
                # "Kathrine Lie, professor, Høgskolen i Innlandet" on a line of its own
                title_token, org = entry
                person._.employer = (org.start_char, org.end_char)
                person._.role_rule = person._.role_rule or "list_entry"
                if title_token is not None and title_token._.title_word:
                    person._.title = person._.title or self._title_text(doc, title_token.i)
            held = [
                (t, r)
                for t, r in titles
                if person.start <= t.head_of < person.end
                and (
                    doc[t.title]._.plural_title
                    or not _someone_between(t.title, person, people)
                    # "A og B vart valde til styremedlem": the names between are the subject's
                    or (r in CLAUSE_RULES and _only_coordinated_between(t.title, person, people))
                )
            ]
            # a title right after the name before one the parser hung on it from before the
            # name ("A, dagleg leiar i X, B, dagleg leiar i Y": B's is the second)
            held.sort(key=lambda link: link[0].title < person.start)
            # a title of their own by the name wins over the one a list of names shares
            # ("kjøpmann A og direktør B held fram som styremedlemmer")
            held = [link for link in held if link[1] not in SHARED_TITLE_RULES] or held
            # of two titles the sentence gives, the one it says where they hold ("X, som er
            # partnar i Hjort, blei valt til styreleiar")
            label = _title_as_label(doc, person, self.modifiers)
            # a post held before gives way to one the sentence says they hold now
            # ("Tidlegare ordførar på X, Kari Lie, kom inn som styremedlem")
            current = [link for link in held if not self._former(doc, link[0].title)] or held
            found = (
                next((link for link in current if link[0].title in employers), None)
                or next(iter(current), None)
                or _title_on_the_line_under(doc, person, self.modifiers)
                or label
                or _title_phrase_before_comma(doc, person, people, titles)
                or self._title_right_after_comma(doc, person, held_elsewhere)
            )
            if found is None:
                continue
            link, rule = found
            person._.title = self._title_text(doc, link.title)
            person._.role_rule = rule
            employer = employers.get(link.title)
            if employer is None and label is not None:
                employer = _box_organisation(doc, person)  # "Daglig leder: X" in X AS's box
            if employer is None and (conjunct := self._hyphen_conjunct(doc[link.title])):
                employer = employers.get(conjunct.i)  # "prosjekt- og marknadssjef i Cowi"
            if employer is not None:
                person._.employer = (employer.start_char, employer.end_char)
            elif (named := self._named_in_compound(doc, link.title)) is not None:
                person._.employer = named
        return doc

    def _bracket_notes(self, doc: Doc, people: list[Span]) -> dict[int, tuple[int, Span | None]]:
        """Notes in brackets right after a name that give a title and where it is held, as
        captions write them ("Kari Lie (styreleder Visit Fjell)", "Ola Dahl (plassjef,
        Glasverket)"): by where the name starts, the title token and the organisation. An
        organisation no component found is proposed there (issue 25, item 3), over the
        model's reading of the words as a person's name or a place."""
        orgs = list(doc.spans.get(ORG_SPANS, []))
        found = orgs + list(doc.spans.get(ORG_CANDIDATES, []))
        notes: dict[int, tuple[int, Span | None]] = {}
        proposed: list[Span] = []
        for person in people:
            note = self._bracket_note(doc, person)
            if note is None:
                continue
            title, named = note
            org = next((o for o in found if (o.start, o.end) == (named.start, named.end)), None)
            if named.text in self.parties or _only_a_place(doc, named):
                org = None  # "(ordfører, Sp)", "(ordfører Lunde)": the title alone
            elif org is None and _name_like(named):
                org = Span(doc, named.start, named.end, label="ORG")
                proposed.append(org)
            elif org is None:
                continue  # "(tidligere direktør WWF, nå ved BI)": no name after the title
            notes[person.start] = (title, org)
        _propose(doc, orgs, proposed)
        return notes

    def _employers_the_model_missed(self, doc: Doc) -> list[Span]:
        """Names that hang under a title's role preposition as its employer ("dagleg leiar
        i Ryfylke Rensefisk": title, ATR "i", PUTFYLL name) where no component found an
        organisation, a person or a place: the syntax shows an organisation (issue 25,
        item 3). Only for a title a name holds; a party ("leiar i Sp"), a place the
        gazetteer knows, one common noun ("i Portrettet") or a project with an organisation
        under it is none."""
        missed = []
        for title in (t for t in doc if t._.title_word and _held_by_a_name(t)):
            for preposition in title.children:
                if preposition.dep_ != "ATR" or not preposition._.role_preposition:
                    continue
                for noun in preposition.children:
                    name = _proper_name_at(doc, noun)
                    if (
                        name is not None
                        and name.text not in self.parties
                        and not _only_a_place(doc, name)
                        and not any(t._.in_person or t._.in_org for t in name)
                        # "prosjektleder for E39 Rogfast ... i Statens vegvesen": a project
                        # the title is for, whose employer the sentence names deeper down
                        and not any(t._.in_org for t in noun.subtree)
                        # "motedronninga i Portrettet": a capitalised noun, a page's section
                        and not (len(name) == 1 and name[0].lower_ in self.common_words)
                    ):
                        missed.append(Span(doc, name.start, name.end, label="ORG"))
        return missed

    def _title_right_after_comma(
        self, doc: Doc, person: Span, held_elsewhere: set[int]
    ) -> tuple[_Link, str] | None:
        """ "..., Dag Aksnes, leiar for X og Wenche Salthella, bransjesjef for reiseliv i Y":
        a title (its modifiers before it) right after the comma that follows a name is in
        apposition to it, however the parser hung it in a long list. Not a plural title, one
        that is already someone's (``held_elsewhere``: ``_nearest_titles``), or one a name
        follows ("Kari Lie, dagleg leiar Ola Dahl")."""
        at = person.end
        if at >= len(doc) or doc[at].text != ",":
            return None
        title = at + 1
        while title < len(doc) and doc[title].lower_ in self.modifiers:
            title += 1
        if title >= len(doc) or title in held_elsewhere:
            return None
        token = doc[title]
        named_next = title + 1 < len(doc) and doc[title + 1]._.in_person
        if not token._.title_word or token._.plural_title or named_next:
            return None
        return _Link(person.start, title), "title_right_after_comma"

    def _credits(self, doc: Doc, people: list[Span]) -> dict[int, Span]:
        """Credit lines ("Foto: Kari Lie / NRK", org_rules.json: credit_labels): by where
        the name starts, the organisation after the slash, to the line's end; one no
        component found is proposed, as a bracket note's is."""
        orgs = list(doc.spans.get(ORG_SPANS, []))
        found = orgs + list(doc.spans.get(ORG_CANDIDATES, []))
        credits: dict[int, Span] = {}
        proposed: list[Span] = []
        for person in people:
            named = self._credited(doc, person)
            if named is None or _only_a_place(doc, named):
                continue
            org = next((o for o in found if (o.start, o.end) == (named.start, named.end)), None)
            if org is None and _name_like(named):
                org = Span(doc, named.start, named.end, label="ORG")
                proposed.append(org)
            if org is not None:
                credits[person.start] = org
        _propose(doc, orgs, proposed)
        return credits

    def _credited(self, doc: Doc, person: Span) -> Span | None:
        """The words after "NAME /" or "NAME," to the end of the line or sentence, when a
        credit label and a colon open the name ("Foto: NAME / X"), else None."""
        colon = person.start - 1
        if colon < 1 or doc[colon].text != ":" or person.end + 1 >= len(doc):
            return None
        words = [t.lower_ for t in doc[max(0, colon - 3) : colon] if not t.is_space]
        if not any(words[-len(w.split()) :] == w.split() for w in self.credit_labels):
            return None
        if doc[person.end].text not in ("/", ","):  # "Foto: Kari Lie, NRK" too
            return None
        end = person.end + 1
        while end < len(doc) and not (
            doc[end].is_punct or doc[end].is_space or "\n" in doc[end - 1].whitespace_
        ):
            end += 1
        return doc[person.end + 1 : end] if end > person.end + 1 else None

    def _bracket_note(self, doc: Doc, person: Span) -> tuple[int, Span | None] | None:
        """The title token and the words after it ("styreleder" and "Visit Fjell") of a
        note in brackets right after the name: lower-case words ending in a title, then a
        comma or a role preposition at most, then a capitalised name; None for any other
        note ("(Sp)", "(41)", "(t.v.)", "(leder fram til 2020)") and for a title alone."""
        if person.end >= len(doc) or doc[person.end].text != "(":
            return None
        inside = []
        for token in doc[person.end + 1 : person.end + 1 + _LONGEST_NOTE]:
            if token.text == ")":
                break
            if token.is_space or token.text == "(":
                return None
            inside.append(token)
        else:
            return None
        run = 0  # the lower-case words that open the note
        while run < len(inside) and (inside[run].is_lower or inside[run].text.endswith("-")):
            if run and inside[run].lower_ in self.prepositions:
                break  # "leder i Visit Fjell": the preposition opens the employer
            run += 1
        last = inside[run - 1] if run else None
        if last is None or not (self._is_title(last) or self._hyphen_conjunct(last)):
            return None
        title = last.i
        k = run + (run < len(inside) and inside[run].lower_ in self.prepositions)
        rest = inside[k:]
        if rest and rest[0].text == ",":
            rest = rest[1:]
        if not rest:
            return None  # a title alone: the tree reads it (title_in_brackets)
        first = rest[0]
        opens_a_name = first.text[:1].isupper() or (
            first.text.isdigit() and len(rest) > 1 and rest[1].text[:1].isupper()
        )
        if not opens_a_name:
            return None
        return title, doc[rest[0].i : rest[-1].i + 1]

    def _applicant_entry(self, doc: Doc, person: Span) -> tuple[str, Span | None] | None:
        """A line of a list of applicants or nominees: the name, an age in brackets, a place
        at most, then the title and where it is held ("• Svein Hole (50), Stjørdal,
        prosjektleiar hos Fylkesmannen i Trøndelag", "Kari Lie (41), Voss, dagleg leiar"):
        the title, and the organisation after a role preposition if one is named there."""
        text = text_of(doc)
        line_end = _entry_line_end(text, person)
        if line_end is None:
            return None
        rest = _AGE.match(text, person.end_char, line_end)
        if rest is None:
            return None
        parts = [p.strip() for p in text[rest.end() : line_end].rstrip(" .").split(",")]
        if len(parts) > 2 or (len(parts) == 2 and not parts[0][:1].isupper()):
            return None  # the place before the title is a name
        words = parts[-1].split()
        cut = next((i for i, w in enumerate(words) if w in self.prepositions), len(words))
        title = words[:cut]
        if not title or len(title) > _LONGEST_LISTED_TITLE or not title[0][:1].islower():
            return None
        if not self._title_word(title[-1]):
            return None
        at = text.find(" ".join(words[cut + 1 :]), rest.end(), line_end) if cut < len(words) else -1
        org = next((o for o in doc.spans.get(ORG_SPANS, []) if o.start_char == at), None)
        return " ".join(title), org

    def _aged_entry_employer(self, doc: Doc, person: Span) -> Span | None:
        """A line of a numbered or bulleted list of elected members: a number, a title at
        most, the name, an age in brackets, then the organisation to the line's end ("4.
        Landsstyremedlem Kari Lie (36) Fjordposten", a short mark such as "NY" after it at
        most): the organisation the member comes from."""
        text = text_of(doc)
        line_start, line_end = _line_around(text, person)
        before = _LIST_NUMBER.sub("", text[line_start : person.start_char].strip(_BULLETS + " \t"))
        if any(not self._title_word(w.lower()) for w in before.split()):
            return None
        age = _AGE_ALONE.match(text, person.end_char, line_end)
        if age is None:
            return None
        org = next((o for o in doc.spans.get(ORG_SPANS, []) if o.start_char == age.end()), None)
        if org is None or not _ENTRY_MARK.fullmatch(text[org.end_char : line_end].strip()):
            return None
        return org

    def _respective_titles(
        self, doc: Doc, people: list[Span]
    ) -> dict[int, tuple[str, Span | None]]:
        """ "Håvard Olsen og Gjermund Olsen, henholdsvis driftsleder og produksjonsleder (i
        X)": as many titles as names, given in order (entity rules ``respective_markers``),
        by where each name starts; the organisation after the last title employs them all."""
        markers = frozenset(RuleSet.of(doc).entity.respective_markers)
        starts = {span.end: span for span in people}
        found: dict[int, tuple[str, Span | None]] = {}
        for token in doc:
            if token.lower_ not in markers or token.i < 2 or doc[token.i - 1].text != ",":
                continue
            named = _coordinated_names_ending_at(doc, token.i - 1, starts)
            titles, end = self._coordinated_titles_from(doc, token.i + 1)
            if len(named) < 2 or len(titles) != len(named):
                continue
            org = None
            if end + 1 < len(doc) and doc[end].lower_ in self.prepositions:
                org = next((o for o in _organisations(doc) if o.start == end + 1), None)
            for person, title in zip(named, titles, strict=True):
                found[person.start] = (self._title_text(doc, title), org)
        return found

    def _coordinated_titles_from(self, doc: Doc, start: int) -> tuple[list[int], int]:
        """The title words coordinated from ``start`` ("driftsleder og produksjonsleder",
        "dagleg leiar, kasserar og styreleiar"), each the last word of its part, and where
        the coordination ends."""
        titles, i = [], start
        while i < len(doc):
            part_end = i
            while part_end < len(doc) and doc[part_end].is_alpha and doc[part_end].lower_ != "og":
                if doc[part_end].lower_ in self.prepositions:
                    break
                part_end += 1
            if part_end == i or not doc[part_end - 1]._.title_word:
                break
            titles.append(part_end - 1)
            i = part_end
            if i < len(doc) and doc[i].text in (",", "og"):
                i += 1
                continue
            break
        return titles, (titles[-1] + 1 if titles else start)

    def _english_title(self, doc: Doc, person: Span) -> tuple[Span, Span | None] | None:
        """An English title right before the name, in apposition after it, or on the line
        under a name alone on its line ("Chief Sustainability Officer Per Holm", "Silje
        Moe, brand sustainability manager i Maarud AS", "Astrid Vik Aam" / "Communications
        Manager"), and the organisation named right after it by a role preposition
        ("i", "hos", "at"). The parser, trained on Norwegian, gives these words no reliable
        tree, so their place beside the name decides."""
        words = english_title_words(RuleSet.of(doc))
        after = person.end + 1
        title = (
            words.phrase_starting_at(doc, after)
            if after < len(doc) and doc[person.end].text == ","
            else None
        )
        if title is None or title.start != after:
            title = words.phrase_ending_at(doc, person.start - 1) if person.start else None
        if title is None and (under := _first_word_under_a_name_alone(doc, person)) is not None:
            title = words.phrase_starting_at(doc, under.i)  # a contact card: the line under
            title = title if title is not None and title.start == under.i else None
        if title is None or (len(title) == 1 and self._title_word(title[0].lower_)):
            return None  # "partner", "president" alone: Norwegian titles too, the tree's
        at = title.end + 1
        org = None
        if at < len(doc) and doc[title.end].lower_ in self.prepositions | _ENGLISH_PREPOSITIONS:
            org = next((o for o in _organisations(doc) if o.start == at), None)
        return title, org

    def _named_in_compound(self, doc: Doc, title: int) -> tuple[int, int] | None:
        """The organisation a hyphenated title opens with ("Hydro-sjef", "Sjømat
        Norge-sjef", the words before joined to the title by the tree as FLAT), as
        (start_char, end_char): a name of several capitalised words, or one the article
        names as an organisation; "HMS-sjef" and "IT-direktør" name a field, and
        "Ap-politiker" a party, not an employer."""
        token = doc[title]
        head, dash, _ = token.text.rpartition("-")
        if not dash or not head[:1].isupper():
            return None
        start = _compound_name_start(doc, token)
        name = " ".join([t.text for t in doc[start : token.i]] + [head])
        if name in self.parties:
            return None  # "Ap-politiker": a party, the person's party field, no employer
        known = {s.text for s in doc.spans.get(ORG_SPANS, [])} | self.companies
        several_names = start < token.i  # "Sjømat Norge-sjef": a name of two words or more
        if not several_names and not any(name == o or o.startswith(name + " ") for o in known):
            return None
        return doc[start].idx, token.idx + len(head)

    def _mark(self, doc: Doc, people: list[Span]) -> dict[int, _Name]:
        """Marks the tokens the patterns test; returns the one-word organisations' genitives
        ("SAIHs leder"), by token, with where the name is written."""
        for span in people:
            for token in span:
                token._.in_person = True
        orgs = _organisations(doc)
        for span in orgs:
            for token in span:
                token._.in_org = True
        genitives = {token.i: _Name.genitive(token) for token in _genitives_of(doc, orgs)}
        for i in genitives:
            doc[i]._.in_org = True  # "SAIHs leder": the organisation's genitive, one word
        for token in doc:
            token._.title_word = self._is_title(token) or self._hyphen_conjunct(token) is not None
            token._.plural_title = (
                token._.title_word and self.singular_title(token.lower_) is not None
            )
            token._.role_preposition = token.lower_ in self.prepositions
            token._.first_person = token.lower_ in self.first_person
            token._.staff_group = (
                token.lower_ in self.staff_groups
                or token.lemma_.lower() in self.staff_groups
                or _without_definite_ending(token) in self.staff_groups
            )
            token._.business_noun = token.lower_ in self.business_nouns
            # "dagleg leiar i selskapet": a body's noun alone, pointing back to one named before
            token._.pointing_noun = (
                token.is_lower
                and token.text in self.pointing_nouns
                and not token.n_lefts
                and not token.n_rights
            )
            # "korpsets dirigent", "selskapets daglege leiar": the noun's genitive
            token._.pointing_genitive = (
                token.text.endswith("s")
                and pointing_noun_of(token.text, self.pointing_nouns) == token.text[:-1]
            )
        fields = [span for span in orgs if _title_field(span, self.common_words)]
        if fields:  # "for Kommunikasjon i Telenor": a title's field, no organisation
            for span in fields:
                span[0]._.in_org = False
                # "direktør HR i X": the acronym closes the title, and holds its employer
                span[0]._.title_word = span[0].is_upper
            where = {(span.start, span.end) for span in fields}
            named = doc.spans.get(ORG_SPANS, [])
            doc.spans[ORG_SPANS] = [s for s in named if (s.start, s.end) not in where]
            doc.ents = [e for e in doc.ents if (e.start, e.end) not in where]
        return genitives

    def _is_title(self, token: Token) -> bool:
        """A title word, or a compound ending in one ("kommunikasjonssjef"), without a
        determiner; never a name."""
        written = token.text.replace("-", "").isalpha() or token.lower_ in self.titles  # "dir."
        if token._.in_person or token._.in_org or not written:
            return False
        if token.i > 0 and token.doc[token.i - 1].lower_ in self.education:
            return False  # "er utdannet sykepleier": a training, not a position
        # the lemma reads the definite form as the title: "sjefen for X", "leiaren i X"
        plural = self.singular_title(token.lower_) is not None
        if not (
            plural
            or self._title_word(token.lower_)
            or self._title_word(token.lemma_.lower())
            or self._title_word(_without_definite_ending(token))
        ):
            return False
        # a role is a bare noun: "er daglig leder"; with a determiner it describes the
        # person ("er en ryddig politiker", "ein god leiar") and names no position, unless
        # the determiner is the definite article of a definite title ("X, den nyvalgte
        # styrelederen i Y")
        if plural:
            return True  # "Dei andre styremedlemmane er A, B og C": named members, not a kind
        if self._holds_an_organisation(token):
            return True  # "X, en fornøyd leder av Klemetsrud IL": the position, described
        definite = token.lower_ != token.lemma_.lower()
        return not any(
            child.pos_ == "DET"
            and child.i < token.i
            and not (definite and child.lower_ in _DEFINITE_ARTICLES)
            for child in token.children
        )

    def _holds_an_organisation(self, token: Token) -> bool:
        """Whether a role preposition after the title names an organisation ("leder av
        Klemetsrud IL"): a position held there, whatever words describe the holder."""
        return any(
            child.i > token.i
            and child.lower_ in self.prepositions
            and any(g._.in_org and g.dep_ == "PUTFYLL" for g in child.children)
            for child in token.children
        )

    def _hyphen_conjunct(self, token: Token) -> Token | None:
        """The title that completes a first part ending in a hyphen, which makes that part
        a title ("klima- og miljøminister"): its conjunct in the tree, else the title right
        after "og"/"eller" ("prosjekt- og marknadssjef", where the tree hangs the second
        part on the person's name)."""
        if not token.text.endswith("-"):
            return None
        conjunct = next(
            (c for c in token.children if c.dep_ == "KOORD" and self._is_title(c)), None
        )
        doc = token.doc
        if (
            conjunct is None
            and token.i + 2 < len(doc)
            and doc[token.i + 1].lower_ in ("og", "eller")
        ):
            following = doc[token.i + 2]
            conjunct = following if self._is_title(following) else None
        return conjunct

    def singular_title(self, word: str) -> str | None:
        """The title a plural form names ("styremedlemmane", "lærlingar", "ordførarane"):
        the plural ending off, and a doubled last consonant undone ("medlemm-")."""
        if self._title_word(word):
            return None  # a title as it stands ("leiar"), not a plural of one
        for ending in _PLURAL_ENDINGS:
            if not word.endswith(ending) or len(word) - len(ending) < _SHORTEST_TITLE:
                continue
            stem = word[: -len(ending)]
            if ending == "e" and not stem.endswith("er"):
                continue  # "-e" makes the plural of "-er" titles only ("ledere")
            doubled = stem[:-1] if stem[-1:] == stem[-2:-1] else None  # "medlemm-"
            # "ministrane", "ministrene": the "e" of "-er" falls out before the ending
            syncope = stem[:-1] + "er" if stem.endswith("r") and not stem.endswith("er") else None
            for singular in (stem, doubled, syncope):
                if singular and self._title_word(singular):
                    return singular
        return None

    def _title_word(self, word: str) -> bool:
        return word in self.titles or word.endswith(self.long_titles)

    def _links(self, doc: Doc, genitives: dict[int, _Name]):
        """(person token, title token) links in the order the rules are written, each title
        token's employer, and (person token, organisation) links without a title."""
        orgs = _organisations(doc)
        titles: list[tuple[_Link, str]] = []
        told_by_pronoun: list[tuple[_Link, str]] = []  # "Han var ...": after the name's own
        employers: dict[int, Span] = {}
        direct: list[tuple[int, Span, str]] = []
        doc._.we_statements = []
        for match_id, tokens in self.matcher(doc):
            rule = self.vocab.strings[match_id]
            named = dict(zip(self.node_names[rule], tokens, strict=True))
            org = next(
                (o for o in orgs if "org" in named and o.start <= named["org"] < o.end), None
            ) or (genitives.get(named["org"]) if "org" in named else None)
            if rule in POINTING_RULES:  # the noun stands for the employer, resolved later
                employers.setdefault(named["title"], doc[named["noun"] : named["noun"] + 1])
            elif rule in EMPLOYER_RULES:
                if rule in PHRASE_RULES and not self._title_phrase_between(
                    doc, named["title"], named["preposition"]
                ):
                    continue
                if org is not None:
                    employers.setdefault(named["title"], org)
            elif "we" in named:
                if org is not None:
                    doc._.we_statements.append((doc[named["we"]].idx, org.start_char, org.end_char))
            elif "pronoun" in named:
                person = _named_alone_before(doc, named["pronoun"])
                if person is not None and "title" in named:
                    told_by_pronoun.append((_Link(person, named["title"]), rule))
                elif person is not None and org is not None:  # "Ho driv firmaet X"
                    direct.append((person, org, rule))
            elif "title" in named:
                if rule in CHAIN_RULES and not _within_the_clause(doc, named["verb"], named["som"]):
                    continue
                titles.append((_Link(named["person"], named["title"]), rule))
            elif org is not None:
                if rule in SHARED_EMPLOYER_RULES and not self._only_names_between(
                    doc, named["person"], org.start
                ):
                    continue  # "A i X, B, styreleiar i Y og C i Z": each has their own
                if rule in PAIR_RULES and any(
                    t.text == "," for t in doc[named["person"] : org.start]
                ):
                    continue  # a caption's list: "A, B, C i X"
                direct.append((named["person"], org, rule))
        direct.sort(key=lambda link: link[2] in SHARED_EMPLOYER_RULES)  # stable: own links first
        # the sentence that names someone tells their title before one that says "han"
        # ("X jobber som direktør i Y. Han var statssekretær ...")
        titles = [(_in_apposition_after_a_name(doc, link), rule) for link, rule in titles]
        return titles + told_by_pronoun, employers, direct

    def _only_names_between(self, doc: Doc, person: int, org: int) -> bool:
        """Whether only names and their titles, commas and "og" stand between a name and the
        role preposition before ``org`` ("A, B og C frå X", "advokat A og dagleg leiar B i
        X"): a list whose last name's organisation is all of theirs, not one where each name
        has words of its own ("A i X, B, styreleiar i Y, og C i Z")."""
        between = doc[person + 1 : org - 1]
        return all(
            t._.in_person
            or t._.title_word
            or t.lower_ in self.modifiers
            or t.lower_ in (",", "og", "eller")
            for t in between
        )

    def _title_phrase_between(self, doc: Doc, title: int, preposition: int) -> bool:
        """Whether the words between a title and a preposition are the title's own phrase,
        where the tree hangs the preposition outside it: at most eight nouns, adjectives,
        prepositions, determiners, numbers, "og"/"eller" and list commas ("leder for marked
        og salg", "direktør for kommunikasjon, myndighetskontakt og bærekraft"), with no
        verb, no pronoun, no other title and no other name or organisation: a clause or
        another person between says the employer is not the title's, and a second title
        ("hovudtillitsvald og leiar i X") is the coordinated titles' rules' to read."""
        if doc[title].is_ancestor(doc[preposition]):
            return False  # the tree hangs the preposition in the title's phrase: its rules read it
        between = doc[title + 1 : preposition]
        if len(between) > 8:
            return False
        return all(
            (t.pos_ in _PHRASE_POS or t.pos_ == "PROPN" or t.text == ",")
            and not (t._.in_person or t._.in_org or t._.title_word)
            for t in between
        )

    def _former(self, doc: Doc, title: int) -> bool:
        """Whether the title is one held before ("tidlegare ordførar"), by the modifiers
        written right before it."""
        start = title
        while start > 0 and doc[start - 1].lower_ in self.modifiers | self.former:
            start -= 1
            if doc[start].lower_ in self.former:
                return True
        return False

    def _title_text(self, doc: Doc, title: int) -> str:
        """The title with the modifiers written right before it: "dagleg leiar",
        "administrerende direktør"; not "ny"."""
        before = doc[title - 1] if title > 0 else None
        if doc[title].is_upper and before is not None and before._.title_word and before.is_lower:
            return f"{self._title_text(doc, title - 1)} {doc[title].text}"  # "direktør HR"
        start = title
        while start > 0 and doc[start - 1].lower_ in self.modifiers:
            if start > 1 and doc[start - 2].lower_ == "til" and doc[start - 1].lower_ in _DAILY:
                break  # "til dagleg økonomisjef": what they do daily, not a "dagleg leiar"
            start -= 1
        if (
            start > 1
            and doc[start - 1].lower_ in ("og", "eller")
            and doc[start - 2].text.endswith("-")
            and doc[start - 2].text[:-1].isalpha()
        ):
            start -= 2  # "natur- og miljørådgjevar": the first part the hyphen leaves open
        if "-" in doc[title].text.strip("-"):  # "Norsk Industri-direktør": the name's words too
            start = min(start, _compound_name_start(doc, doc[title]))
        end = title + 1
        if (conjunct := self._hyphen_conjunct(doc[title])) is not None:
            end = conjunct.i + 1  # "klima- og miljøminister": to the conjunct's end
        words = [t for t in doc[start:end] if t.lower_ not in _NOT_PART_OF_TITLE or t.i > title]
        texts = [t.text for t in words]
        if texts and not self._title_word(words[-1].lower_):
            # "sjefen for X": the title is "sjef"; "styremedlemmane": each is a "styremedlem"
            singular = (
                self.singular_title(words[-1].lower_)
                or _without_definite_ending(words[-1])
                or words[-1].lemma_
            )
            # "HVL-forskarane": the name the title opens with keeps its capitals
            opening, hyphen, _ = words[-1].text.rpartition("-")
            texts[-1] = opening + hyphen + singular.rpartition("-")[2] if hyphen else singular
        text = " ".join(texts)
        # Norwegian titles are lower case; a capital is the sentence's ("Dagleg leiar i X,
        # Ola Tveit"), except in an acronym ("CEO") or a name the title opens with
        # ("Kværner-sjef")
        named = any("-" in w.text.strip("-") and w.text[:1].isupper() for w in words)
        acronym = bool(words) and words[0].is_upper and len(words[0]) <= _ACRONYM_LETTERS
        if words and words[0].is_upper and not acronym:
            return text.lower()  # "FIRMAEIGAR: Kari Lie ...": a caption's label in capitals
        if not words or acronym or named:
            return text
        return text[:1].lower() + text[1:]


def _name_words_before(title: Token) -> int:
    """Where the name a hyphenated title opens with starts: the capitalised words right
    before it that the tree hangs on it ("Sjømat Norge-sjef": FLAT; "Helse Fonna-direktør":
    ATR; "Fjordheim Kraft-direktør": a proper noun as DET)."""
    start = title.i
    while start > 0:
        word = title.doc[start - 1]
        hung = word.dep_ in ("FLAT", "ATR") or (word.dep_ == "DET" and word.pos_ == "PROPN")
        if word.head.i != title.i or not hung or not word.is_title:
            break
        start -= 1
    return start


def _compound_name_start(doc: Doc, title: Token) -> int:
    """Where the name a hyphenated title opens with starts: the words the tree hangs on the
    title (``_name_words_before``), and before them capitalised words that, with them, open
    the name of an organisation the article names ("Nordtang Marine-sjef" where the tree
    hangs "Nordtang" on the person and the article names "Nordtang Marine AS")."""
    start = _name_words_before(title)
    name = " ".join([t.text for t in doc[start : title.i]] + [title.text.rpartition("-")[0]])
    named = {s.text for s in doc.spans.get(ORG_SPANS, [])}
    while start > 0 and doc[start - 1].is_title:
        longer = f"{doc[start - 1].text} {name}"
        if not any(o == longer or o.startswith(longer + " ") for o in named):
            break
        start, name = start - 1, longer
    return start


#: "Head of Sustainability at Orkla": the prepositions of an English title's employer.
_ENGLISH_PREPOSITIONS = frozenset({"at", "in"})

#: How long an acronym title is at most ("CEO", "CFO"); a longer word in capitals is a label.
_ACRONYM_LETTERS = 4


def _without_definite_ending(token: Token) -> str:
    """The word without the definite ending "-en" when the lemmatizer left it as written:
    a capitalised "Sjefen for X" opening a sentence is tagged a name and keeps its form."""
    word = token.lower_
    if token.lemma_ != token.text or not word.endswith("en") or len(word) < 6:
        return ""
    return word[:-2]


_BULLETS = "•·*-–—"
#: How many tokens a caption's note in brackets holds at most ("direktør Innovasjon Norge
#: Oslo og Viken").
_LONGEST_NOTE = 10
#: After a listed name: an age in brackets, then the comma that opens the rest of the entry.
_AGE = re.compile(r"\s*\(\d{1,3}\)\s*,")
_AGE_ALONE = re.compile(r"\s*\(\d{1,3}\)\s*")
_LIST_NUMBER = re.compile(r"^\d{1,3}[.)]\s*")
#: What may follow a listed member's organisation: nothing, or a mark such as "NY" (new).
_ENTRY_MARK = re.compile(r"|[A-ZÆØÅ]{1,4}|\((?:ny|nytt?)\)", re.IGNORECASE)
#: How many words a title in a list entry has at most ("leiar for drift og vedlikehald").
_LONGEST_LISTED_TITLE = 5


def _list_entry(doc: Doc, person: Span) -> tuple[Token | None, Span] | None:
    """A line that is a list's entry, "NAME, ORGANISATION", "NAME, title, ORGANISATION" or
    "NAME, title ORGANISATION" (a board, a committee, a jury, members of a national body),
    with a note in brackets after the name or the entry, and a region after the organisation
    at most ("Siv Holm (vara), dagleg leiar Lunde Frivilligsentral, Vestland"): the
    organisation and the title's last token. A sentence is no entry."""
    text = text_of(doc)
    line_end = _entry_line_end(text, person)
    if line_end is None:
        return None
    after = person.end_char + _length_of_note(text[person.end_char : line_end])
    line = re.sub(r"\s*\([^()]*\)\s*$", "", text[after:line_end]).rstrip(" .")
    line = _without_region(doc, after, line)
    orgs = [
        o
        for o in doc.spans.get(ORG_SPANS, [])
        if after < o.start_char and o.end_char == after + len(line)
    ]
    if not orgs or not line.startswith(", "):
        return None
    org = orgs[0]
    middle = text[after + 2 : org.start_char].strip()
    if not middle:
        return None, org
    words = middle.rstrip(",").split()
    if len(words) > 4 or not all(w[:1].islower() for w in words):
        return None
    title_at = after + 2 + middle.rfind(words[-1])
    title = doc.char_span(title_at, title_at + len(words[-1]))
    if title is None or not (middle.endswith(",") or title[0]._.title_word):
        return None  # "NAME, title ORG" without the comma: the words must end in a title
    return title[0], org


#: A note in brackets right after a list entry's name: "(vara)", "(f.v.)", "(45)".
_NOTE_AFTER_NAME = re.compile(r"\s*\([^()\n]{1,30}\)")


def _length_of_note(rest: str) -> int:
    note = _NOTE_AFTER_NAME.match(rest)
    return note.end() if note is not None else 0


def _without_region(doc: Doc, start: int, line: str) -> str:
    """The entry's line without a place that ends it after a comma (", Vestland"): where
    the organisation is, not whom the person works for."""
    cut = line.rfind(", ")
    if cut <= 0:
        return line
    at = start + cut + 2
    place = next(
        (
            p
            for p in doc.spans.get(PLACE_SPANS, [])
            if p.start_char == at and p.end_char == start + len(line)
        ),
        None,
    )
    return line[:cut] if place is not None else line


def _fact_box_entry(doc: Doc, person: Span) -> tuple[str | None, Span | None] | None:
    """A person's fact box: the name on a "Navn:" line, and under it "Stilling: title"
    and "Arbeidsgiver: organisation" (org_rules ``fact_box_title_keys``,
    ``fact_box_employer_keys``): the title as written, lower-cased as titles are, and the
    organisation that starts where the employer's value does."""
    text = text_of(doc)
    rules = RuleSet.of(doc)
    line_start, line_end = _line_around(text, person)
    label = fact_box_label(rules).match(text[line_start : person.start_char])
    if label is None or label.end() != person.start_char - line_start:
        return None
    if text[person.end_char : line_end].strip(" ."):
        return None  # more than the name on the line
    under = (
        (m.group(), line_end + 1 + m.start())
        for m in re.finditer(r"^.*$", text[line_end + 1 :], re.MULTILINE)
    )
    facts = persons_box(under, rules)
    if not facts:
        return None
    title = facts.get("title", (0, None))[1]
    if title and not (title.split()[0].isupper() and len(title.split()[0]) <= _ACRONYM_LETTERS):
        title = title[:1].lower() + title[1:]  # "Konserndirektør Produksjon", not "CEO"
    org = None
    if "employer" in facts:
        at = facts["employer"][0]
        org = next((o for o in _organisations(doc) if o.start_char == at), None)
    return title or None, org


def _coordinated_names_ending_at(doc: Doc, end: int, by_end: dict[int, Span]) -> list[Span]:
    """The people named in a coordination that ends at token ``end`` ("A, B og C"), in the
    order written; empty when no name ends there."""
    named: list[Span] = []
    while (span := by_end.get(end)) is not None:
        named.insert(0, span)
        if span.start < 2 or doc[span.start - 1].text not in (",", "og"):
            break
        end = span.start - 1
    return named


def _entry_line_end(text: str, person: Span) -> int | None:
    """Where the line ends that the person's name opens (after a bullet at most), or None
    when the name does not open its line: a list's entry starts with the name."""
    line_start, line_end = _line_around(text, person)
    if text[line_start : person.start_char].strip(_BULLETS + " \t"):
        return None
    return line_end


def _line_around(text: str, span: Span) -> tuple[int, int]:
    """Where the line that holds ``span`` starts and ends, in characters."""
    end = text.find("\n", span.end_char)
    return text.rfind("\n", 0, span.start_char) + 1, len(text) if end < 0 else end


def _title_on_the_line_under(
    doc: Doc, person: Span, modifiers: frozenset[str]
) -> tuple[_Link, str] | None:
    """A signature: the name alone on its line and a title opening the next ("Kari Lie" /
    "Styreleder i Fjordhus AS", "Adm. banksjef"), as a press release or a letter ends."""
    under = _first_word_under_a_name_alone(doc, person)
    while under is not None and under.lower_ in modifiers and under.i + 1 < len(doc):
        under = doc[under.i + 1]  # "Administrerende direktør": the title after its modifier
    if under is None or not under._.title_word or under._.plural_title:
        return None  # "Språkteknologi-forskere ved UiT har ...": several people, not a signature
    line_start, line_end = _line_around(text_of(doc), doc[under.i : under.i + 1])
    if any(line_start <= p.start_char < line_end for p in doc.spans.get(PERSON_SPANS, [])):
        return None  # "Generalsekretær i NFFO, Arne Vestbø, er ...": the title of the name it has
    return _Link(person.start, under.i), "title_on_the_line_under"


def _title_as_label(doc: Doc, person: Span, modifiers: frozenset[str]) -> tuple[_Link, str] | None:
    """A byline or a list's label: a title and a colon or a dash opening the name's line
    ("Journalist: May Eide | Publisert ...", "Daglig leder: Kari Lie", "Nestleiar – Elin
    Viken, Førde", "1. varamedlem – Olav Tenden"), or alone on the line above a name alone
    on its own ("Redaktør:" / "Jan Erik Kaarø")."""
    text = text_of(doc)
    line_start, _ = _line_around(text, person)
    before = doc.char_span(line_start, person.start_char, alignment_mode="expand")
    words = _without_bullets([t for t in before or [] if not t.is_space])
    if not words:
        words = _label_line_above(doc, person)
    if len(words) < 2 or words[-1].text not in _LABEL_ENDS or not words[-2]._.title_word:
        return None
    opening = [t for t in words[:-2] if not (t.like_num or t.text == ".")]  # "1. varamedlem"
    if any(not (t._.title_word or t.lower_ in modifiers) for t in opening):
        return None  # "Kontakt for saka Per Dahl:": more than a title
    return _Link(person.start, words[-2].i), "title_as_label"


#: What ends a title written as a label before a name: "Leiar: X", "Leiar – X".
_LABEL_ENDS = (":", "–", "—", "-")


def _label_line_above(doc: Doc, person: Span) -> list[Token]:
    """The words of the line above a name alone on its line, when only blank lines come
    between ("Redaktør:" / "Jan Erik Kaarø"); else none."""
    text = text_of(doc)
    line_start, line_end = _line_around(text, person)
    if text[person.end_char : line_end].strip(" ,.") or line_start < 2:
        return []
    above_end = len(text[:line_start].rstrip())
    above_start = text.rfind("\n", 0, above_end) + 1
    above = doc.char_span(above_start, above_end, alignment_mode="expand")
    words = _without_bullets([t for t in above or [] if not t.is_space])
    return words if words and words[-1].text == ":" else []


def _without_bullets(words: list[Token]) -> list[Token]:
    """The words of a line without the bullet that may open it ("• Leiar: X", "- Leiar: X")."""
    while words and words[0].text in _BULLETS:
        words = words[1:]
    return words


def _box_organisation(doc: Doc, person: Span) -> Span | None:
    """The organisation a fact box presents, for a person on one of its lines ("Iris
    Service AS" / "Daglig leder: Kari Lie" / "Stiftet: 2001"): the organisation alone on
    the line above the box's run of "Key: value" lines."""
    text = text_of(doc)
    start, _ = _line_around(text, person)
    while start > 0:
        above_end = text.rfind("\n", 0, start - 1) + 1
        line = text[above_end : start - 1].strip()
        if not line:
            start = above_end
            continue
        if _KEY_LINE.match(line):
            start = above_end  # another line of the box
            continue
        return next(
            (o for o in _organisations(doc) if o.text == line and o.start_char >= above_end),
            None,
        )
    return None


#: A fact box's line: a short key, a colon and its value ("Stiftet: 2001").
_KEY_LINE = re.compile(r"^[A-ZÆØÅ][\wæøå .-]{1,30}:\s*\S")


#: The words a name may hold besides capitalised ones ("Bygg og Anlegg", "Berg & Sønn").
_NAME_JOINERS = frozenset({"&", "-", "og", "i"})


def _propose(doc: Doc, orgs: list[Span], proposed: list[Span]) -> None:
    """Adds organisations a layout reading proposes (issue 25, item 3), over the
    organisations the model found inside them."""
    if not proposed:
        return
    from pipeline.relations import add_proposed_organisations

    inside = [o for o in orgs if any(p.start <= o.start and o.end <= p.end for p in proposed)]
    add_proposed_organisations(doc, [o for o in orgs if o not in inside], proposed)


def _held_by_a_name(title: Token) -> bool:
    """Whether the tree ties a title to a person's name: the name under it, over it, or
    beside it in the clause ("Kari Lie, leiar i X", "leiaren for X er Kari Lie"); not
    "dronningen i Alice i Eventyrland", a title no one in the text holds."""
    near = [*title.children, title.head, *title.head.children]
    return any(t._.in_person for t in near if t is not title)


def _proper_name_at(doc: Doc, noun: Token) -> Span | None:
    """The proper name a preposition's object (PUTFYLL) opens with its FLAT words right
    after it ("Ryfylke Rensefisk"), when it reads as a name."""
    if noun.dep_ != "PUTFYLL" or noun.pos_ != "PROPN":
        return None
    end = noun.i + 1
    while end < len(doc) and doc[end].dep_ == "FLAT" and doc[end].head.i == noun.i:
        end += 1
    name = doc[noun.i : end]
    return name if _name_like(name) else None


def _name_like(span: Span) -> bool:
    """Whether the words could be an organisation's name no component found: capitalised
    words (a number may open them: "07 Media"), joined by "og", "i" or "&" at most; not a
    phrase ("WWF, nå tilsatt ved BI")."""

    def capitalised(token: Token) -> bool:
        return token.text[:1].isupper() or token.text.isdigit()

    return (
        capitalised(span[0])
        and capitalised(span[-1])
        and all(capitalised(t) or t.lower_ in _NAME_JOINERS for t in span)
    )


def _only_a_place(doc: Doc, span: Span) -> bool:
    """Whether the words are a place the model or the rules found ("ordfører Lunde"), or
    one the gazetteer knows, whatever the model made of it ("rådmann i Gulen")."""
    if all(t.norm_.startswith("gaz_") for t in span):
        return True
    return any(p.start <= span.start and span.end <= p.end for p in doc.spans.get(PLACE_SPANS, []))


def _give_role(person: Span, title: str | None, org: Span | None, rule: str) -> None:
    """The title, the rule that read it and the employer (when one is named) of a person."""
    person._.title, person._.role_rule = title, rule
    if org is not None:
        person._.employer = (org.start_char, org.end_char)


def _first_word_under_a_name_alone(doc: Doc, person: Span) -> Token | None:
    """The first word of the line under the name, when the name is alone on its line and
    at most one blank line comes between (a signature, a contact card)."""
    text = text_of(doc)
    line_start, line_end = _line_around(text, person)
    if line_end == len(text) or text[line_start:line_end].strip() != person.text:
        return None
    under = next((t for t in doc[person.end :] if not t.is_space), None)
    if under is None or text.count("\n", line_end, under.idx) > 2:
        return None
    return under


_DASHES = ("–", "—", "-")


def _nearest_titles(titles: list, people: list[Span]) -> set[int]:
    """The titles the tree gives a name that are the nearest of that name's: a farther one
    the parser hung on it from across a list ("A, kultursjef i X, B, leiar for Y og C,
    bransjesjef i Z": "bransjesjef" on A) is no one's yet."""
    nearest: dict[int, int] = {}
    for link, _ in titles:
        name = next((p.start for p in people if p.start <= link.head_of < p.end), link.head_of)
        held = nearest.get(name)
        if held is None or abs(link.title - name) < abs(held - name):
            nearest[name] = link.title
    return set(nearest.values())


def _title_phrase_before_comma(
    doc: Doc, person: Span, people: list[Span], titles: list
) -> tuple[_Link, str] | None:
    """ "frå spesialrådgjevar for berekraft i Møre og Romsdal fylkeskommune, Ole Haugen,":
    a title whose phrase ends at the comma right before the name is that person's, in
    apposition, wherever the parser hung the name. Not a title that is already someone's
    ("Kari Lie, direktør i X, og Per Dal") or one a name follows inside its phrase."""
    comma = person.start - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    sentence_start = person.sent.start
    taken = {link.title for link, _ in titles}
    for title in range(comma - 1, sentence_start - 1, -1):
        token = doc[title]
        if not token._.title_word or title in taken:
            continue
        phrase = all(token.is_ancestor(doc[k]) for k in range(title + 1, comma))
        # a title the tree coordinates with a name (KOORD) opens a new conjunct ("dekan X og
        # fagleiar for Sunnhordland, Y"); in apposition to one (APP, ATR) it is that name's
        if not phrase or (token.head._.in_person and token.dep_ != "KOORD"):
            return None  # the nearest title's phrase does not reach the comma, or is someone's
        inside = any(title < p.start and p.end <= comma for p in people)
        return None if inside else (_Link(person.start, title), "title_in_apposition_before")
    return None


def _named_alone_before(doc: Doc, pronoun: int) -> int | None:
    """The token of the one person the sentence before names, when ``pronoun`` opens its
    sentence ("..., seier Kari Lie. Ho er dagleg leiar i X", in the same paragraph or the
    next) or is its subject after a
    fronted phrase ("Saman med Per Dal driv han firmaet X"); None when that sentence names
    no one or several people."""
    sentence = doc[pronoun].sent
    opens = pronoun == sentence.start or doc[pronoun].dep_ == "SUBJ"
    last = sentence.start - 1
    while last >= 0 and doc[last].is_space:
        last -= 1  # a new paragraph: "..., sier Kari Lie.\n\nHo er dagleg leiar i X"
    if not opens or last < 0:
        return None
    before = doc[last].sent
    names = {
        s.text: s.start
        for s in doc.spans.get(PERSON_SPANS, [])
        if before.start <= s.start < before.end
    }
    surnames = {name.split()[-1] for name in names}
    return next(iter(names.values())) if len(surnames) == 1 else None


#: How long a field's acronym after a title is at most ("HR", "IT", "HMS", "IKT").
_FIELD_ACRONYM_LETTERS = 4


def _title_field(span: Span, common_words: frozenset[str]) -> bool:
    """A capitalised common noun in its bare form that a title's "for" governs: the title's
    field, not an organisation ("konserndirektør for Kommunikasjon i Telenor", "rådgiver for
    Strategi og Bærekraft i Eviny"). A definite form names a body ("sjef for Forsvaret")."""
    if len(span) != 1:
        return False
    token, preposition = span[0], span[0].head
    doc = span.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if (
        token.is_upper
        and len(token) <= _FIELD_ACRONYM_LETTERS
        and before is not None
        and before._.title_word
        and after is not None
        and after._.role_preposition
    ):
        return True  # "direktør HR i Felleskjøpet Agri": the title's field, in an acronym
    word = token.lower_
    return (
        word in common_words
        and not word.endswith(DEFINITE_FORMS)
        and preposition.lower_ == "for"
        and preposition.head._.title_word
    )


def _within_the_clause(doc: Doc, verb: int, som: int) -> bool:
    """Whether the words between a clause's verb and a "som" below it carry no subject of
    their own ("sier at Kari gleder seg til å begynne som ...": Kari's) and no named or
    pronoun object the role could be said of ("ønsker å ansette Kari som rådgiver")."""
    token = doc[som].head
    while True:
        for child in token.children:
            if child.dep_ == "DOBJ" and child.pos_ in ("PROPN", "PRON"):
                return False
            if child.dep_ == "SUBJ" and token.i != verb:
                return False
        if token.i == verb:
            return True
        if token.head.i == token.i:
            return False  # the chain left the verb's subtree: the matcher's ">>" says it cannot
        token = token.head


def _only_coordinated_between(title: int, person: Span, people: list[Span]) -> bool:
    """Whether every name between a name and a title after it hangs on that name (KOORD):
    the clause's subjects are coordinated names."""
    between = [p for p in people if person.end <= p.start and p.end <= title]
    return all(
        p.root.dep_ == "KOORD" and person.start <= p.root.head.i < person.end for p in between
    )


def _someone_between(title: int, person: Span, people: list[Span]) -> bool:
    """Whether another name stands between a title and the person the tree links it to:
    in "Driftssjef Geir Lie og Bærekraftsjef Kari Bakke" the first title is Geir Lie's,
    whatever the parse says."""
    low, high = (title, person.start) if title < person.start else (person.end, title)
    return any(low <= other.start and other.end <= high for other in people if other != person)


#: The parts of speech of words inside a title's phrase ("leder for avdeling bærekraft").
_PHRASE_POS = frozenset({"NOUN", "ADJ", "ADP", "DET", "NUM", "CCONJ"})

_GENITIVE_ENDINGS = ("'s", "’s", "s")  # longest first: "Equinor's" drops "'s"


def _genitives_of(doc: Doc, orgs: list[Span]) -> list[Token]:
    """The words that are a one-word organisation's name with a genitive ending ("SAIHs",
    "Equinor's"), which the model's span does not cover."""
    names = {span.text for span in orgs if len(span) == 1}
    return [
        token
        for token in doc
        if not token._.in_org
        and any(
            token.text.endswith(e) and token.text[: -len(e)] in names for e in _GENITIVE_ENDINGS
        )
    ]


class _Name:
    """Where an organisation's name is written inside a longer word: its characters."""

    def __init__(self, start_char: int, end_char: int) -> None:
        self.start_char, self.end_char = start_char, end_char

    @classmethod
    def genitive(cls, token: Token) -> _Name:
        """The name inside a genitive ("SAIH" of "SAIHs")."""
        ending = next(e for e in _GENITIVE_ENDINGS if token.text.endswith(e))
        return cls(token.idx, token.idx + len(token.text) - len(ending))


def _organisations(doc: Doc) -> list[Span]:
    """The organisations the entities component names, and those the genre's patterns found
    where it named none ("driv miljørådgivingsfirmaet Mikom", "Augustin Hotel"): a title's
    or a verb's employer may be either."""
    candidates = list(doc.spans.get(ORG_CANDIDATES, []))
    # "Nordvik kommune" where the model named "Nordvik": the body's full name
    named = [
        next((c for c in candidates if _extends(c, span)), span)
        for span in doc.spans.get(ORG_SPANS, [])
    ]
    orgs = {t.i for span in named for t in span}
    people = {t.i for span in doc.spans.get(PERSON_SPANS, []) for t in span}
    found = [
        span
        for span in candidates
        if not any(
            t.i in orgs
            # a name an organisation's noun introduces ("hotellkjeden Fjordhotella") or a
            # public body's ("Nordvik kommune") is one, whatever the model read it as
            or (t.i in people and span.label_ not in _NEVER_A_PERSON)
            or _compound_with_a_noun(t)
            for t in span
        )
    ]
    return named + found


#: Candidates whose pattern names an organisation only: never a person's name.
_NEVER_A_PERSON = frozenset({INTRODUCED, PUBLIC_BODY})


def _extends(candidate: Span, named: Span) -> bool:
    """Whether a public body's name the patterns found starts with the model's name and
    goes on after it ("Nordvik kommune" of "Nordvik")."""
    return (
        candidate.label_ == PUBLIC_BODY
        and candidate.start == named.start
        and candidate.end > named.end
    )


def _compound_with_a_noun(token: Token) -> bool:
    """ "UiB-rektor": a name joined to a common noun, one token; a pattern that found the
    name inside it does not make the title an organisation."""
    _, hyphen, tail = token.text.rpartition("-")
    return bool(hyphen) and tail[:1].islower()


def _in_apposition_after_a_name(doc: Doc, link: _Link) -> _Link:
    """ "Dag Sletmo – rådgiver i DNB Seafood, økonomiprofessor Bård Misund": a title right
    after a name and a dash is that name's, in apposition, wherever the parser hung it. So
    is one right after a name and a comma that the parser hung on a name after it across
    another comma ("A, ordførar i Lærdal, B, varaordførar i Vik": the first title is A's);
    a title right before a name stays that name's ("A, ordførar B")."""
    title = link.title
    if title < 2 or not doc[title - 2]._.in_person:
        return link
    if doc[title - 1].text in _DASHES:
        return _Link(title - 2, title)
    start = link.head_of
    while start > 0 and doc[start - 1]._.in_person:
        start -= 1
    if doc[title - 1].text == "," and title < start and doc[start - 1].text == ",":
        return _Link(title - 2, title)
    return link


class _Link:
    """A person's token and the title token the tree links to it."""

    __slots__ = ("head_of", "title")

    def __init__(self, person: int, title: int) -> None:
        self.head_of, self.title = person, title


@Language.factory(
    COMPONENT_NAME,
    requires=["token.dep", "doc.spans"],
    assigns=[  # on the person_mentions spans; "vi i X" statements on the Doc; a title's
        # field ("for Kommunikasjon") taken off the organisations
        "doc.spans",
        "doc.ents",
        "span._.title",
        "span._.employer",
        "span._.role_rule",
        "doc._.we_statements",
    ],
    default_config={"rules": "default"},
)
def make_person_roles(nlp: Language, name: str, rules: str) -> PersonRoles:
    return PersonRoles(nlp, name, rules=rules)
