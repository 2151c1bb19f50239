"""The ``pipeline_goal_owners`` component: which organisation claims a goal, read from the
sentence's dependency tree (issue 25).

The claimant of "Grønnbygg bidrar til FNs mål nr. 12" is the subject of the clause the goal
stands in. The patterns are data (``resources/relation_rules.json``, rule records with
examples, run by ``tests/test_rule_examples.py``) for spaCy's ``DependencyMatcher``:

* ``claim_subject``: a verb, its subject, and a goal among the verb's dependents (at any
  depth). The nearest such verb above the goal wins; a subject that names no organisation
  (a pronoun, a person alone) hands the goal on to the next verb up ("Kari Hansen i X
  sier at de jobber med mål 7" is X's).
* ``claim_agent``: in a passive ("målene er valgt av X") the agent of the "av" phrase.
* ``goal_authors``: the UN wrote the goals ("FNs mål"), it never claims them.
* ``first_person`` and ``voice_statement``: a page that says "vi" speaks for an
  organisation (``Doc._.voice``): the X of "Vi i X ..." (``voice_statement``), else the
  publisher an HTML page that is no news article declares, where the text names it
  (``publisher``), else the one organisation of its headline when the page says "vi"
  outside quotes. A clause whose
  subject is "vi", or a list introduced by "Våre mål er:", is that organisation's; inside a
  quote "vi" is the speaker's and is left to the extraction layer.
* Lists: a goal on a list line ("- Mål 14: Livet i havet") belongs to whoever the line that
  introduces the list (ending in ":") names as its subject, and the following items of the
  same list keep that owner (``list_introduction``).

A subject that is a name the model did not tag (a capitalised word outside the common-word
lexicon, "Grønnbygg") is proposed as an organisation: the syntax shows it acts.

Writes ``Span._.owner`` (the owner's ``(start_char, end_char)``) and ``Span._.owner_rule``
on the ``sdg_explicit`` spans, ``Doc._.voice`` and ``Doc._.voice_rule``, and adds proposed organisations to ``org_mentions`` and
``doc.ents``. Without a parser (``token.dep``) it changes nothing.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.doc_text import head_of, line_at, text_of
from pipeline.entities import (
    ORG_SPANS,
    PERSON_SPANS,
    PLACE_SPANS,
    is_inflected_compound,
    organisation_category,
    title_endings,
)
from pipeline.entities.candidates import capitalised_inside_sentences
from pipeline.entities.words import DEFINITE_FORMS, NOT_NAME_LABELS, is_place_name_text
from pipeline.org_candidates import SPAN_KEY as ORG_CANDIDATES
from pipeline.registry.names import normalise_name
from pipeline.rules import RuleSet, TreeRuleFile, per_rule_set, rule_file_records
from pipeline.sdg import EXPLICIT_SPAN_KEY
from pipeline.text import kind_named_by, pointing_nouns

COMPONENT_NAME = "pipeline_goal_owners"
RULES_FILE = "relation_rules.json"

# co_owners: (start_char, end_char) of organisations coordinated with the owner in the
# claiming clause's subject ("NMBU og Nofima kan bidra til mål 2")
for _name in ("owner", "owner_rule", "co_owners"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
for _name in ("in_goal", "first_person", "in_org"):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=False)
# where the page's "vi" is named and how it was read; the names that wrote the goals
for _name in ("voice", "voice_rule", "goal_authors", "says_we", "proposed_orgs"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

#: A line that is an item of a list: a bullet, a number, or a goal named at its start.
_LIST_ITEM = re.compile(
    r"\s*(?:\.\.\.|…)?\s*(?:[-–•*]|\d{1,2}[.)]|(?:bærekrafts|berekrafts)?mål\b|nummer\b|nr\.)", re.I
)
#: How many lines up a list item looks for the line that introduces its list.
_LIST_REACH = 20


def load_relation_rules(source: str = "default") -> dict[str, object]:
    """The relation rule records' patterns and words by id."""
    return rule_file_records(RULES_FILE, source)


class GoalOwners(TreeRuleFile):
    rules_file = RULES_FILE

    def __init__(self, nlp: Language, name: str = COMPONENT_NAME, *, rules: str = "default"):
        self.name = name
        self.vocab = nlp.vocab
        self._adopt(RuleSet.default())
        self._load_rules(rules)

    def _adopt(self, rules: RuleSet) -> None:
        """The words of the rules the Doc was made with (a user's files too)."""
        if getattr(self, "_adopted", None) is rules:
            return  # the words of these rules are in place already
        self._adopted = rules
        self.common_words = rules.common_words
        # "administrerande direktør Dagfinn Neteland": a name after a title is a person's
        self.title_endings = title_endings(rules.entity, rules.entity.person_titles)
        # a line with a speech verb after a comma reports someone's words ("..., sa Olsen")
        self.attribution = _attribution(rules)
        self.organisation_nouns = tuple(
            rules.org["org_head_nouns"]
            + rules.org["business_nouns"]
            + rules.org["definite_business_endings"]
        )
        # "Selskapet", "Banken", "Klubben" as a subject: the body named before
        self.pointing_nouns = tuple(pointing_nouns(rules))

    def _use(self, source: str) -> None:
        """Build the matcher and word sets from a relation rules file."""
        found = self._records(source)
        self.authors = frozenset(w.lower() for w in found["goal_authors"])  # type: ignore[union-attr]
        self.first_person = frozenset(w.lower() for w in found["first_person"])  # type: ignore[union-attr]
        self.goal_nouns = frozenset(w.lower() for w in found["goal_nouns"])  # type: ignore[union-attr]
        self.pointers = frozenset(w.lower() for w in found["goal_reference"])  # type: ignore[union-attr]
        self.matcher = DependencyMatcher(self.vocab)
        self.matcher.add("claim_subject", [found["claim_subject"]])
        self.matcher.add("claim_agent", [found["claim_agent"]])
        self.voice_matcher = DependencyMatcher(self.vocab)
        self.voice_matcher.add("voice_statement", [found["voice_statement"]])
        self.voice_matcher.add("voice_statement_fronted", [found["voice_statement_fronted"]])

    def __call__(self, doc: Doc) -> Doc:
        self._require_rules()
        self._adopt(RuleSet.of(doc))
        doc._.goal_authors = sorted(self.authors)  # plain data: the Doc serialises
        goals = list(doc.spans.get(EXPLICIT_SPAN_KEY, []))
        if not goals or not doc.has_annotation("DEP"):
            return doc
        for goal in goals:
            for token in goal:
                token._.in_goal = True
        claims = self._claims(doc)
        orgs = list(doc.spans.get(ORG_SPANS, []))
        for token in doc:
            token._.first_person = token.lower_ in self.first_person
        for span in orgs:
            for token in span:
                token._.in_org = True
        doc._.says_we = self._says_we(doc)  # read by the voice and the names it proposes
        voice = self._voice(doc, orgs)
        doc._.voice = (voice.start_char, voice.end_char) if voice is not None else None
        proposed: list[Span] = []
        if voice is not None and voice.label_ == "ORG_PROPOSED":
            proposed.append(Span(doc, voice.start, voice.end, label="ORG"))
        general = self._general_claims(doc, orgs, voice)
        listed: tuple[Span, Span] | None = None  # the last list goal and its owner
        for goal in goals:
            owner, rule = self._owner(doc, goal, claims, orgs + proposed, voice)
            if rule == "goal_authors":
                goal._.owner_rule = rule  # the UN's goals, stated as such: no one claims them
                continue
            if owner is None and voice is not None and self._ours(doc, goal):
                owner, rule = voice, "first_person_possessor"
            if owner is None:
                owner, rule = self._list_introduction(doc, goal, orgs, voice, general)
            if owner is None and listed is not None and self._same_list(doc, listed[0], goal):
                owner, rule = listed[1], "list_introduction"
            if owner is None:
                owner, rule = self._referred_to(head_of(goal), general), "goal_reference"
            if owner is not None and rule in ("list_introduction", "goal_reference"):
                listed = (goal, owner)
            if owner is not None:
                goal._.owner = (owner.start_char, owner.end_char)
                goal._.owner_rule = rule
                if rule == "claim_subject":
                    goal._.co_owners = self._coordinated_with(owner, orgs) or None
                if owner.label_ == "ORG_PROPOSED" and not any(
                    (p.start, p.end) == (owner.start, owner.end) for p in proposed
                ):
                    proposed.append(Span(doc, owner.start, owner.end, label="ORG"))
        if proposed:
            add_proposed_organisations(doc, orgs, proposed)
        return doc

    def _claims(self, doc: Doc) -> dict[int, list[tuple[int, int, str]]]:
        """goal token -> (verb, claimant, rule) of the clauses above it: the subject, or in a
        passive the agent of its "av" phrase."""
        claims: dict[int, list[tuple[int, int, str]]] = {}
        for match_id, tokens in self.matcher(doc):
            rule = self.vocab.strings[match_id]
            if rule == "claim_agent":
                verb, _participle, _by, claimant, goal = tokens
            else:
                verb, claimant, goal = tokens
            claims.setdefault(goal, []).append((verb, claimant, rule))
        return claims

    def _voice(self, doc: Doc, orgs: list[Span]) -> Span | None:
        """The organisation the page speaks for: the X of "vi i X" (``voice_statement``),
        else the one organisation its headline names."""
        for match_id, tokens in sorted(self.voice_matcher(doc), key=lambda m: m[1]):
            rule = self.vocab.strings[match_id]
            right_after_we = tokens[2] == tokens[1] + 1  # "Derfor har vi i X valgt ..."
            if rule == "voice_statement_fronted" and not (
                _opens_its_sentence(doc[tokens[2]]) or right_after_we
            ):
                continue  # "Vi har jobbet i X": a place of work, not the page's name
            found = next((o for o in orgs if o.start <= tokens[-1] < o.end), None)
            if found is None:  # "Vi i BoKlok": a name no component found; the page names itself
                found = self._proposed_name(doc, doc[tokens[-1]], self_named=True)
            if found is not None:
                doc._.voice_rule = "voice_statement"
                return found
        if doc._.says_we and (found := self._publisher(doc, orgs)) is not None:
            doc._.voice_rule = "publisher"
            return found
        headline_end = text_of(doc).find("\n")
        if text_of(doc)[: max(headline_end, 0)].rstrip().endswith(":"):
            return None  # "Heimli Bygg:" labels a section, it is no headline
        in_headline = [
            o
            for o in orgs
            if (headline_end < 0 or o.end_char <= headline_end)
            and not self._authored(o.text)  # "... til FNs bærekraftsmål"
        ] or _candidates_in_headline(doc, headline_end)
        if len({o.text for o in in_headline}) != 1:
            for rule, find in (
                ("introduced_before_we", self._introduced_before_we),
                ("repeated_subject", self._repeated_subject),
                ("only_actor", self._only_actor),
            ):
                if (found := find(doc, orgs)) is not None:
                    doc._.voice_rule = rule
                    return found
            return None
        # a headline's organisation speaks for the page when the page says "vi" outside
        # quotes ("Hvordan bidrar BIR til FNs bærekraftsmål" + "vi prioriterer ...");
        # in a news story "vi" is only ever quoted
        doc._.voice_rule = "headline_we" if doc._.says_we else "headline"
        return in_headline[0]

    def _publisher(self, doc: Doc, orgs: list[Span]) -> Span | None:
        """The organisation an HTML page that is no news article declares as its publisher
        (og:site_name, JSON-LD), where the text names it: "Fjellbakst" publishes the page
        that says "vi har valgt". A name no component found is proposed at its first
        mention; a publisher the text never names gives no voice (a value needs evidence),
        and neither does a newspaper."""
        publisher = (doc._.publisher or "").strip()
        if not publisher or self._authored(publisher):
            return None
        if organisation_category(publisher, RuleSet.of(doc).entity) == "media":
            return None
        key = normalise_name(publisher)
        named = [o for o in orgs if normalise_name(o.text) == key]
        if named:
            return named[0]
        at = re.search(rf"(?<![\w-]){re.escape(publisher)}(?![\w-])", text_of(doc))
        span = doc.char_span(at.start(), at.end()) if at else None
        return Span(doc, span.start, span.end, label="ORG_PROPOSED") if span else None

    def _introduced_before_we(self, doc: Doc, orgs: list[Span]) -> Span | None:
        """ "M8 Eiendom AS er opptatt av bærekraft! Vi har ...": the organisation that is the
        subject of the sentence right before the page's first "vi" outside quotes, in the
        same paragraph, introduced itself and speaks as "vi"."""
        sentences = list(doc.sents)
        for before, sentence in zip(sentences, sentences[1:], strict=False):
            we = next(
                (
                    t
                    for t in sentence
                    if t.dep_ == "SUBJ"
                    and self._speaks_as_page(doc, t)
                    and not self._in_reported_line(doc, t)
                ),
                None,
            )
            if we is None:
                continue
            if "\n\n" in text_of(doc)[before.end_char : sentence.start_char]:
                return None  # the first "vi" opens a paragraph: whose it is, the text does not say
            root = head_of(before)
            subject = next((t for t in before if t.dep_ == "SUBJ" and t.head == root), None)
            return None if subject is None else self._organisation_in(doc, subject, orgs)
        return None

    def _repeated_subject(self, doc: Doc, orgs: list[Span]) -> Span | None:
        """On a page that says "vi", or whose headline names a goal ("Bærekraftsmål 12 -
        ..."), the one name that is the subject of two clauses or more, or owns their
        subject ("Kvikkere Hoder jobber for ... Kvikkere Hoders mål er ..."): a page that
        tells what it does names itself as the actor, whether or not a component found the
        name."""
        if not (doc._.says_we or _headline_names_a_goal(doc)):
            return None
        acting = self._acting(doc, orgs)
        repeated = [spans for spans in acting.values() if len(spans) >= 2]
        if len(repeated) != 1:
            return None
        # the page's actor, not one of many a story tells about: half the acting or more
        total = sum(len(spans) for spans in acting.values())
        return repeated[0][0] if 2 * len(repeated[0]) >= total else None

    def _only_actor(self, doc: Doc, orgs: list[Span]) -> Span | None:
        """On a page that says "vi", the one organisation that is ever the subject of a
        clause ("Akershus KollektivTerminaler FKF har overtatt ansvaret ..."): no other is
        said to act, so the page's "vi" is it."""
        if not doc._.says_we:
            return None
        acting = self._acting(doc, orgs)
        return next(iter(acting.values()))[0] if len(acting) == 1 else None

    def _acting(self, doc: Doc, orgs: list[Span]) -> dict[str, list[Span]]:
        """Name -> its mentions as the subject of a clause or as the owner of the subject."""
        acting: dict[str, list[Span]] = {}
        for token in doc:
            if token.dep_ != "SUBJ" or not (token.pos_ == "PROPN" or _possessor(token)):
                continue  # a name, or a noun a name owns ("Oceanbaits fotavtrykk")
            if _on_a_heading(doc, token):
                continue  # "Stryn Hyttebygg" over its answers: no clause
            found = self._organisation_in(doc, token, orgs)
            if found is not None and not self._authored(found.text):
                acting.setdefault(found.text.removesuffix("s"), []).append(found)
        # a name and its short form are one actor ("Akershus KollektivTerminaler FKF",
        # "Akershus KollektivTerminaler"), under the longer
        for short in sorted(acting, key=len):
            longer = next((n for n in acting if n != short and n.startswith(short + " ")), None)
            if longer is not None:
                acting[longer] += acting.pop(short)
        return acting

    def _says_we(self, doc: Doc) -> bool:
        """Whether the page speaks in the first person outside quotes and reported lines."""
        return any(
            t.dep_ == "SUBJ" and self._speaks_as_page(doc, t) and not self._in_reported_line(doc, t)
            for t in doc
        )

    def _in_reported_line(self, doc: Doc, token: Token) -> bool:
        """Whether the token's line quotes someone: quotation marks or an attribution."""
        line = line_at(doc, token.idx)
        return bool(re.search(r"[«»\"“”]", line) or self.attribution.search(line))

    def _speaks_as_page(self, doc: Doc, token: Token) -> bool:
        """A first-person subject outside a quote: inside one, "vi" is the speaker's."""
        if not token._.first_person:
            return False
        line_start = text_of(doc).rfind("\n", 0, token.idx) + 1
        opening = text_of(doc)[line_start : line_start + 2].lstrip()
        return not opening.startswith(("–", "-", "—", "«", '"', "“"))

    def _ours(self, doc: Doc, goal: Span) -> bool:
        """Whether a phrase above the goal in its clause is the page's own, by a first-person
        possessive: "Synliggjøre våre intensjoner om å jobbe med FNs bærekraftsmål nr 5",
        "Som en del av vår forpliktelse til å jobbe med mål 12", "arbeidet vårt med mål 12".
        The walk up stops at a clause whose subject is someone else's. Reads token heads
        only, on the goal's line (odd pages' trees are not walked down)."""
        line_start = text_of(doc).rfind("\n", 0, goal.start_char) + 1
        line_end = text_of(doc).find("\n", goal.end_char)
        line = doc.char_span(
            line_start, len(doc.text) if line_end < 0 else line_end, alignment_mode="contract"
        )
        if line is None:
            return False
        token = head_of(goal)
        for _ in range(_POSSESSOR_REACH):
            below = [t for t in line if t.head.i == token.i and t.i != token.i]
            if any(t.dep_ == "DET" and self._speaks_as_page(doc, t) for t in below):
                return True
            if any(t.dep_ == "SUBJ" and not t._.first_person for t in below):
                return False  # "Kundene våre jobber med mål 5": the customers' clause
            if token.head.i == token.i or not line.start <= token.head.i < line.end:
                return False
            token = token.head
        return False

    def _list_introduction(
        self, doc: Doc, goal: Span, orgs: list[Span], voice: Span | None, general: list
    ) -> tuple[Span | None, str]:
        """A goal in a list ("- Mål 14: Livet i havet") belongs to whoever the line that
        introduces the list (the nearest line above ending in ":") names as its subject,
        or to the page's voice when that line speaks in the first person ("Våre mål er:"),
        or, when it points back ("Det er:"), to whoever claimed goals just before."""
        text = text_of(doc)
        line_start = text.rfind("\n", 0, goal.start_char) + 1
        if not _item_line(text, line_start, goal.start_char):
            return None, ""
        end = line_start - 1
        for _ in range(_LIST_REACH):
            if end <= 0:
                return None, ""
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end].rstrip()
            if line.endswith(":"):
                return self._owner_of_line(doc, start, end, orgs, voice, general)
            if line and not _LIST_ITEM.match(line) and len(line.split()) > 1:
                return None, ""  # a paragraph between: the list has ended above
            # (a line of one word, an icon's file name or a heading, goes on with the list)
            end = start - 1
        return None, ""

    def _same_list(self, doc: Doc, before: Span, goal: Span) -> bool:
        """Whether ``goal`` is an item of the same list as ``before``: its line is a list
        item, and no other line between them introduces something new (ends in ":")."""
        text = text_of(doc)
        line_start = text.rfind("\n", 0, goal.start_char) + 1
        if not _item_line(text, line_start, goal.start_char):
            return False
        between = text[before.end_char : line_start].split("\n")[1:]
        return not any(
            line.rstrip().endswith(":") and not _LIST_ITEM.match(line) for line in between
        )

    def _owner_of_line(
        self, doc: Doc, start: int, end: int, orgs: list[Span], voice: Span | None, general: list
    ) -> tuple[Span | None, str]:
        line = doc.char_span(start, end, alignment_mode="contract")
        if line is None:
            return None, ""
        for token in line:
            if token.dep_ in ("SUBJ", "FSUBJ", "DET"):
                found = self._organisation_in(doc, token, orgs) if token.dep_ == "SUBJ" else None
                if found is not None:
                    return found, "list_introduction"  # a name the model missed is proposed
                if voice is not None and token._.first_person and self._speaks_as_page(doc, token):
                    return voice, "list_introduction"  # without a voice, read on: "Våre mål er:"
                if token.dep_ in ("SUBJ", "FSUBJ") and self._points_back(token):
                    claimant = self._claimed_before(token, general)
                    if claimant is not None:
                        return claimant, "goal_reference"
        judge = self._only_possessor(line, orgs)
        return (judge, "list_introduction") if judge is not None else (None, "")

    def _only_possessor(self, line: Span, orgs: list[Span]) -> Span | None:
        """The one organisation the introducing line names in the genitive, before what
        it owns ("Etter PostNords vurdering er de mest relevante målene:"): whose judgement,
        work or strategy the list sets out."""
        owners = [
            o
            for o in orgs
            if line.start <= o.start
            and o.end <= line.end
            and head_of(o).dep_ == "DET"
            and not self._authored(o.text)
        ]
        return owners[0] if len({o.text for o in owners}) == 1 else None

    # --- goals named after the sentence that claims them ("... tre mål. Det er: ...") ---

    def _general_claims(
        self, doc: Doc, orgs: list[Span], voice: Span | None
    ) -> list[tuple[int, Span | None]]:
        """Where a clause claims goals in general ("vi har valgt ut tre mål", "X har trukket
        fram de bærekraftsmålene"): the goal noun's token and the claimant (None when the
        subject names no organisation: "Kommunane har valt ut tre mål")."""
        found = []
        for token in doc:
            if token.lower_ not in self.goal_nouns or token._.in_goal:
                continue
            subject = self._clause_subject(token)
            if subject is None or subject.i == token.i or self._points_back(subject):
                continue  # "Målene er ...", "Det er mål ...": a reference, not a claim
            if subject.lower_ in self.goal_nouns or self._names_an_author(subject, orgs):
                continue  # "FNs bærekraftsmål utgjør 17 mål ...": about the goals, no claim
            if voice is not None and self._speaks_as_page(doc, subject):
                found.append((token.i, voice))
            else:
                found.append((token.i, self._organisation_in(doc, subject, orgs)))
        return found

    def _referred_to(self, token: Token, general: list) -> Span | None:
        """The owner of a goal whose clause points back ("Det er spesielt mål 9 og 11",
        "De fem målene er ... (9)"): whoever claimed goals in general just before."""
        subject = self._clause_subject(token, formal=True)
        if subject is None or not self._points_back(subject):
            return None
        return self._claimed_before(subject, general)

    def _claimed_before(self, subject: Token, general: list) -> Span | None:
        """The claimant of the last general claim in the sentence before ``subject``'s (or the
        one before that), None when that claim names no organisation."""
        doc = subject.doc
        sentence = subject.sent
        earlier = [(i, owner) for i, owner in general if i < sentence.start]
        if not earlier:
            return None
        index, owner = earlier[-1]
        # the claim's sentence and at most one more before the subject's (a Token.sent per
        # token would walk the sentence again for each)
        starts = sum(
            1 for t in doc[index + 1 : sentence.start] if t.is_sent_start and not t.is_space
        )
        return owner if starts <= 1 else None

    def _clause_subject(self, token: Token, formal: bool = False) -> Token | None:
        """The subject of the nearest clause above ``token`` (with ``formal``, a formal
        subject too: the "Det" of "Det er mål 9 som ...")."""
        relations = ("SUBJ", "FSUBJ") if formal else ("SUBJ",)
        for head in [token, *token.ancestors]:
            subject = next((c for c in head.children if c.dep_ in relations), None)
            if subject is not None:
                return subject
        return None

    def _points_back(self, subject: Token) -> bool:
        """ "Det er ...", "Dette er ...", "De fem målene er ...": a pronoun or a goal noun as
        the subject of a copula, which names what was claimed before ("det jobber mot mål 7"
        says who works, not which goals)."""
        if subject.lower_ not in self.pointers and subject.lower_ not in self.goal_nouns:
            return False
        return subject.head.lemma_ in _COPULAS or subject.head.lower_ in _COPULAS

    def _owner(
        self, doc: Doc, goal: Span, claims, orgs: list[Span], voice: Span | None
    ) -> tuple[Span | None, str]:
        pairs = {pair for token in goal for pair in claims.get(token.i, [])}
        # the nearest clause first: a verb deeper in the tree is closer to the goal
        for _verb, subject, rule in sorted(pairs, key=lambda p: (-_depth(doc[p[0]]), p[2])):
            head = doc[subject]
            if any(t._.in_goal for t in head.subtree):
                continue  # "Mål 7 er viktig": the goal is the subject
            between = text_of(doc)[min(head.idx, goal.start_char) : max(head.idx, goal.start_char)]
            if "\n" in between:
                break  # a tree across lines (fact boxes, lists) is no sentence: trust no more
            if voice is not None and self._speaks_as_page(doc, head):
                return voice, "first_person"
            owner = self._organisation_in(doc, head, orgs)
            if owner is not None:
                return owner, rule
            if self._names_an_author(head, orgs):
                return None, "goal_authors"  # "FNs medlemsland vedtok 17 mål for å ..."
        return None, ""

    def _authored(self, name: str) -> bool:
        """Whether a name is the goals' author: "FN", "FNs", "FN's"."""
        name = name.lower()
        return name in self.authors or re.sub(r"['’]s$", "", name) in self.authors

    def _names_an_author(self, subject: Token, orgs: list[Span]) -> bool:
        left, right = subject.left_edge.i, subject.right_edge.i + 1
        return any(left <= o.start and o.end <= right and self._authored(o.text) for o in orgs)

    def _organisation_in(self, doc: Doc, subject: Token, orgs: list[Span]) -> Span | None:
        left, right = subject.left_edge.i, subject.right_edge.i + 1
        for org in orgs:
            inside = left <= org.start and org.end <= right
            # a name the parser split ("Sparebanken" SUBJ, "Møre" DOBJ) still holds the head
            holds_head = org.start <= subject.i < org.end
            if (inside or holds_head) and not self._authored(org.text):
                return org
        if (named_before := self._pointed_to(doc, subject, orgs)) is not None:
            return named_before  # "Klubben har pekt seg ut tre av bærekraftsmåla"
        proposed = self._proposed_name(doc, subject)
        if proposed is None and (owner := _possessor(subject)) is not None:
            # "Fjellabens konsept svarer til ...": a name that owns the subject is an actor,
            # whatever place the model guessed it was (the gazetteer's places stay places)
            proposed = self._proposed_name(doc, owner, self_named=True)
        return proposed

    def _coordinated_with(self, owner: Span, orgs: list[Span]) -> list[tuple[int, int]]:
        """The organisations the tree coordinates with the owner in the subject ("NMBU og
        Nofima", "Hydro, Equinor og Statkraft"): each claims what the clause claims."""
        head = head_of(owner)
        conjuncts = [t for t in head.subtree if t.dep_ == "KOORD" and t.i != head.i]
        return [
            (o.start_char, o.end_char)
            for o in orgs
            if o != owner
            and any(o.start <= t.i < o.end for t in conjuncts)
            and not self._authored(o.text)
        ]

    def _pointed_to(self, doc: Doc, subject: Token, orgs: list[Span]) -> Span | None:
        """What a body's noun as the subject points back to ("Selskapet", "Banken",
        "Klubben"): the organisation named first in the nearest sentence before it, in its
        paragraph, that names one (the subject comes first far more often than last)."""
        if subject.n_lefts or subject.n_rights or not subject.lower_.endswith(self.pointing_nouns):
            return None  # "Selskapet Havlys AS", "banken vår": a name or a noun of its own
        blank_line = text_of(doc).rfind("\n\n", 0, subject.idx)
        paragraph_start = blank_line + 2 if blank_line >= 0 else 0
        earlier = [
            o
            for o in orgs
            if paragraph_start <= o.start_char and o.end <= subject.i and not self._authored(o.text)
        ]
        if not earlier:
            return None
        kind = kind_named_by(subject.text)
        of_the_kind = [o for o in earlier if kind and kind in o.text.lower()]
        if of_the_kind:
            return of_the_kind[-1]  # "..., mens banken har valgt mål 8": the bank named
        last_sentence = earlier[-1].sent.start
        return next(o for o in earlier if o.start >= last_sentence)

    def _proposed_name(self, doc: Doc, head: Token, self_named: bool = False) -> Span | None:
        """The name the syntax shows acting (``head`` and the words the parser hangs on it
        with FLAT), when no component named it an organisation: proposed as one. With
        ``self_named`` ("vi i X"), a place only the model guessed may be proposed."""
        end = head.i + 1
        # the chain of FLAT words the parser hangs on the head ("Sophies Minde Ortopedi")
        while end < len(doc) and head.i <= doc[end].head.i < end and doc[end].dep_ == "FLAT":
            end += 1
        if self._unnamed_actor(doc, head, doc[head.i : end], self_named):
            return Span(doc, head.i, end, label="ORG_PROPOSED")
        return None

    def _titled(self, span: Span) -> bool:
        """Whether a title stands right before the name ("direktør Dagfinn Neteland")."""
        before = span.doc[span.start - 1] if span.start > 0 else None
        return before is not None and before.lower_.endswith(self.title_endings)

    def _unnamed_actor(self, doc: Doc, token: Token, name: Span, self_named: bool = False) -> bool:
        """A capitalised subject no component named: a word no lexicon knows ("Grønnbygg",
        "FORUT"), or a name of several capitalised words the parser holds together ("Avfall
        Norge"); not a word ending in an organisation noun ("Gjenvinningsselskapet") or the
        definite form of a compound ("Møbelindustrien")."""
        if not _capitalised(token) or self._authored(token.text):
            return False
        if _labels_a_number(doc, name):
            return False  # "mål Nr. 13": the label of a number, never a name
        several = len(name) > 1 and all(_capitalised(t) for t in name)
        # a common word ("Gjenvinningsselskapet", "Møbelindustrien") describes, unless the
        # text capitalises it inside a sentence, as only a name is: "av Skiforeningens virke"
        # in a definite form: "Skiforeningen", not the plural "Vi som Arkitekter"
        written = {token.lower_, token.lower_ + "s"} & capitalised_inside_sentences(doc)
        a_name = token.lower_.endswith(DEFINITE_FORMS) and bool(written)
        # "Fiskerinæringens klimagassutslipp": the genitive of a definite compound
        genitive = token.lower_.endswith("s") and token.lower_[:-1].endswith(DEFINITE_FORMS)
        bare = token.lower_[:-1] if genitive else token.lower_
        if token.lower_ in self.common_words and not (several or _acronym(token) or a_name):
            return False
        if token.pos_ not in ("PROPN", "NOUN"):
            return False
        if token.lower_.endswith(self.organisation_nouns) and not a_name:
            return False
        if not several and not a_name and is_inflected_compound(bare, self.common_words):
            return False  # "Møbelindustrien(s)": the definite form of a compound, not a name
        # on a page in the first person a "person" who acts on goals is the model's guess for
        # an organisation's name ("Consto har sluttet seg til FNs mål ... der vi mener ...")
        people = list(doc.spans.get(PERSON_SPANS, []))
        named = [p for p in people if self._titled(p)] if doc._.says_we else people
        if self_named:  # "Vi i Trevarsel": the model's guess of a place yields, the gazetteer not
            bare = name.text[:-1] if name.text.endswith("s") else name.text  # "Bergens konsept"
            if is_place_name_text(name.text) or is_place_name_text(bare):
                return False
        else:
            # the model's guess of a product, an event or a derived word ("Skiforeningen" read
            # as PROD) yields to the syntax; a person or a place does not
            named += [
                *doc.spans.get(PLACE_SPANS, []),
                *(e for e in doc.ents if e.label_ not in NOT_NAME_LABELS),
            ]
        named = [
            s for s in named if not (doc._.says_we and s.label_ == "PER" and not self._titled(s))
        ]
        # "Fiskeriminister Odd Emil Ingebrigtsen": a title the parser holds a person's name on
        return not any(s.start < name.end and name.start < s.end for s in named)


def _candidates_in_headline(doc: Doc, headline_end: int) -> list[Span]:
    """The organisations the genre's rules found (``org_candidates``) where the headline
    writes their name: "Sagene Bryggeri tar klimaansvar", whose name the model split into a
    place and a person, is named as a company further down ("Sagene Bryggeri sin ...")."""
    if headline_end <= 0:
        return []
    headline = text_of(doc)[:headline_end]
    found = []
    for name in {s._.org_name or s.text for s in doc.spans.get(ORG_CANDIDATES, [])}:
        at = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", headline)
        span = doc.char_span(at.start(), at.end()) if at else None
        if span is not None:
            found.append(Span(doc, span.start, span.end, label="ORG"))
    return found


def _on_a_heading(doc: Doc, token: Token) -> bool:
    """Whether the token's line is a short line without a sentence's end: a heading."""
    line = line_at(doc, token.idx).strip()
    return len(line.split()) <= _HEADING_WORDS and not line.endswith((".", "!", "?", ":"))


#: How far up the tree a goal's first-person possessor is looked for.
_POSSESSOR_REACH = 12


#: How many words a heading has at most.
_HEADING_WORDS = 6


def _headline_names_a_goal(doc: Doc) -> bool:
    """ "Bærekraftsmål 17" heads the page (its name may follow on the next line)."""
    headline_end = text_of(doc).find("\n")
    return headline_end > 0 and any(
        goal.start_char < headline_end for goal in doc.spans.get(EXPLICIT_SPAN_KEY, [])
    )


def _labels_a_number(doc: Doc, name: Span) -> bool:
    """Whether a number follows the name, after its stop at most ("Nr. 13", "Mål 4")."""
    after = [t for t in doc[name.end : name.end + 2] if t.text != "."]
    return bool(after) and after[0].like_num


def _possessor(subject: Token) -> Token | None:
    """The name in the genitive that owns a subject ("Fjellabens konsept", "Sirkulas
    kretsløpspark"): the subject's determiner, a proper noun ending in s."""
    return next(
        (
            c
            for c in subject.children
            if c.dep_ == "DET" and c.pos_ == "PROPN" and c.i < subject.i and c.text.endswith("s")
        ),
        None,
    )


@per_rule_set
def _attribution(rules: RuleSet) -> re.Pattern[str]:
    speech = "|".join(map(re.escape, rules.org["speech_verbs"]))
    return re.compile(r",\s*[»\"”]?\s*(?:" + speech + r")\b")


def add_proposed_organisations(doc: Doc, orgs: list[Span], proposed: list[Span]) -> None:
    """Organisations the syntax shows (issue 25, item 3) into ``org_mentions`` and
    ``doc.ents``, over the model's guess of a place or a person at the same words ("Vi i
    Trevarsel"), at every place the text names them; ``Doc._.proposed_orgs`` says where."""
    proposed = _every_mention(doc, proposed, orgs)
    doc.spans[ORG_SPANS] = orgs + proposed
    doc._.proposed_orgs = [
        *(doc._.proposed_orgs or []),
        *([span.start_char, span.end_char] for span in proposed),
    ]

    def overlaps(span: Span) -> bool:
        return any(p.start < span.end and span.start < p.end for p in proposed)

    for key in (PLACE_SPANS, PERSON_SPANS):
        doc.spans[key] = [s for s in doc.spans.get(key, []) if not overlaps(s)]
    doc.ents = filter_spans([*proposed, *(e for e in doc.ents if not overlaps(e))])


def _every_mention(doc: Doc, proposed: list[Span], orgs: list[Span]) -> list[Span]:
    """The proposed names and their other mentions: the same words elsewhere in the text,
    in the genitive or not ("Geolabens konsept", "i Geolaben"), where no organisation is
    named already."""
    found = {(span.start, span.end): span for span in proposed}
    for span in proposed:
        words = [t.text for t in span]
        for i in range(len(doc) - len(words) + 1):
            if (i, i + len(words)) in found or not _same_name(doc[i : i + len(words)], words):
                continue
            if not any(o.start < i + len(words) and i < o.end for o in orgs):
                found[(i, i + len(words))] = Span(doc, i, i + len(words), label=span.label_)
    return sorted(found.values(), key=lambda span: span.start)


def _same_name(span: Span, words: list[str]) -> bool:
    """Whether ``span`` writes ``words``, its last word with or without a genitive s."""
    *head, last = words
    written = [t.text for t in span]
    return written[:-1] == head and last.removesuffix("s") == written[-1].removesuffix("s")


#: The copula a clause that points back to claimed goals is built on.
_COPULAS = frozenset({"være", "vere", "er", "var", "blir", "vert", "is", "are"})


def _item_line(text: str, line_start: int, goal_start: int) -> bool:
    """Whether the goal's line is an item of a list: a bullet or number opens it, or the
    goal is named at its start on a short line ("FNs bærekraftsmål #3", "Mål 8:")."""
    if _LIST_ITEM.match(text, line_start):
        return True
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return goal_start - line_start <= _ITEM_LEAD and len(line.split()) <= _ITEM_WORDS


#: How far into a line a goal may be named for the line to be a list item, and its length.
_ITEM_LEAD, _ITEM_WORDS = 24, 8


def _capitalised(token: Token) -> bool:
    """ "Grønnbygg", "BoKlok", and an acronym of letters ("FORUT"), not "FN" or a number."""
    if token.is_upper:
        return _acronym(token)
    return token.is_title or (token.text[:1].isupper() and token.is_alpha)


def _acronym(token: Token) -> bool:
    """ "FORUT" in a sentence of ordinary case, not a word of a line in capitals."""
    if not (token.is_upper and token.is_alpha and len(token) >= 3):
        return False
    neighbours = [t for t in token.sent if t.is_alpha and t.i != token.i]
    return not neighbours or sum(t.is_upper for t in neighbours) < len(neighbours) / 2


def _opens_its_sentence(token: Token) -> bool:
    """Whether the preposition of "I X har vi ..." is the first word of its sentence."""
    first = token.sent[0]
    return token.i == first.i or (first.is_punct and token.i == first.i + 1)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 200:
        token, depth = token.head, depth + 1
    return depth


@Language.factory(
    COMPONENT_NAME,
    requires=["token.dep", "doc.spans"],
    assigns=[
        "doc.spans",
        "doc.ents",
        "span._.owner",  # on the sdg_explicit spans, with span._.owner_rule
        "span._.owner_rule",
        "doc._.voice",
        "doc._.voice_rule",
        "doc._.goal_authors",
        "doc._.proposed_orgs",  # where it proposed an organisation the components missed
    ],
    default_config={"rules": "default"},
)
def make_goal_owners(nlp: Language, name: str, rules: str) -> GoalOwners:
    return GoalOwners(nlp, name, rules=rules)


#: Rules that read the owner from the page's voice ("vi", "våre mål"), not from a name in
#: the sentence: weaker than the section or the quote the goal stands in.
VOICE_RULES = frozenset({"first_person", "list_introduction", "first_person_possessor"})


def self_presenting_voice(doc: Doc) -> tuple[int, int, str] | None:
    """Where the organisation a page presents itself as is named ("Vi i X ...", the
    headline's organisation on a page that says "vi", or the organisation the sentence
    before the page's first "vi" is about), and how it was read: its goals are
    the page's goals unless a sentence gives them to someone else."""
    if doc._.voice_rule in (
        "voice_statement",
        "publisher",
        "headline_we",
        "introduced_before_we",
        "repeated_subject",
        "only_actor",
    ):
        return (*doc._.voice, doc._.voice_rule)
    return None


def authored_by_offset(doc: Doc) -> frozenset[int]:
    """The start offsets of explicit goals a clause gives to their authors ("FNs medlemsland
    vedtok 17 mål for å utrydde fattigdom"): the UN's statement, no one's claim."""
    return frozenset(
        span.start_char
        for span in doc.spans.get(EXPLICIT_SPAN_KEY, [])
        if span._.owner_rule == "goal_authors"
    )


def owners_by_offset(doc: Doc) -> dict[int, tuple[int, int, str]]:
    """Each explicit goal's start offset -> where its owner is named and the rule that read it."""
    return {
        span.start_char: (*span._.owner, span._.owner_rule)
        for span in doc.spans.get(EXPLICIT_SPAN_KEY, [])
        if span._.owner is not None
    }


def co_owners_by_offset(doc: Doc) -> dict[int, list[tuple[int, int]]]:
    """Each explicit goal's start offset -> where the organisations coordinated with its
    owner are named ("NMBU og Nofima kan bidra til mål 2": Nofima)."""
    return {
        span.start_char: list(span._.co_owners)
        for span in doc.spans.get(EXPLICIT_SPAN_KEY, [])
        if span._.co_owners
    }
