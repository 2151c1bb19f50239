"""The spaCy component ``pipeline_entities``: EntityResolver runs the passes in order (its
mixins hold them by job), builds the lookups from the rule files, saves a user's rule
files with the pipeline, and the factory and the scorer ``nyhetsprofil.entity_scorer.v1``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, registry

from pipeline.entities.candidates import (
    CandidatePasses,
    adjacent_organisations_joined,
    capitalised_inside_sentences,
    headings_about_organisations,
    hyphen_coordinated_names,
    names_joined_by_ampersand,
    names_joined_by_slash,
    names_spelled_by_acronyms,
    split_at_line_breaks,
)
from pipeline.entities.english_titles import english_title_words
from pipeline.entities.kinds import ContextCues
from pipeline.entities.labels import (
    COMPONENT_NAME,
    LABEL_GROUP,
    ORG,
    ORG_SPANS,
    PERSON,
    PERSON_SPANS,
    PLACE,
    PLACE_SPANS,
)
from pipeline.entities.lists import split_listed_places
from pipeline.entities.people import PersonNamePasses
from pipeline.entities.plausibility import Plausibility
from pipeline.entities.rules import (
    known_organisations,
    title_endings,
)
from pipeline.entities.vote import DocumentVote, missed_mentions
from pipeline.rules import RuleSet, RuleSources
from pipeline.sdg import read_resource, score_span_groups

#: How long a business noun must be to end a company's name read as a person's.
_LONG_TAIL = 5


class EntityResolver(CandidatePasses, ContextCues, PersonNamePasses, Plausibility, DocumentVote):
    """See the module docstring. ``rules``/``common_words``: "default" or a path."""

    def __init__(
        self,
        nlp: Language,
        name: str = COMPONENT_NAME,
        *,
        rules: str = "default",
        common_words: str = "default",
        org_rules: str = "default",
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.make_doc = nlp.make_doc
        self.scorer: Callable | None = None
        # A saved pipeline carries a user's rules (to_disk); the file it was built from may
        # be gone where it is loaded, so a missing file waits for from_disk.
        self.sources = {"rules": rules, "common_words": common_words, "org_rules": org_rules}
        self._missing = [str(s) for s in self.sources.values() if _is_missing_file(s)]
        if self._missing:
            return
        self._configure()

    def _configure(self) -> None:
        """The lookups the passes read, built once from the three rule sources."""
        self.rule_sources = RuleSources(
            str(self.sources["rules"]),
            str(self.sources["org_rules"]),
            str(self.sources["common_words"]),
        )
        self.rule_set = RuleSet.of_sources(self.rule_sources)
        self.rules = self.rule_set.entity
        self.common_words = self.rule_set.common_words
        self.org_rules = self.rule_set.org
        self._configure_context_words(self.org_rules)
        self._configure_organisation_words(self.org_rules)
        self._configure_market_news()
        self._matcher = PhraseMatcher(self.vocab, attr="ORTH")
        listed = sorted(n for n in self._known_orgs if len(n) > 1)  # "H", "V": too ambiguous
        self._matcher.add("LISTED_ORG", [self.make_doc(n) for n in listed])

    def _configure_context_words(self, shared: dict) -> None:
        """The words around a name that say what it is: titles, prepositions, the nouns
        that introduce an organisation or a place, particles, legal suffixes."""
        roles = shared["company_roles"] + shared["public_roles"]
        self._titles = frozenset(self.rules.person_titles) | {r.split()[-1] for r in roles}
        # compounds of a role word are titles too ("kommunaldirektør", "fylkesordfører")
        self._title_endings = title_endings(self.rules, self._titles)
        self._org_before = frozenset(self.rules.organisation_words_before) | frozenset(
            shared["org_head_nouns"]
        )
        self._place_before = frozenset(self.rules.place_words_before)
        self._place_prepositions = frozenset(self.rules.place_prepositions)
        self._spatial = frozenset(self.rules.spatial_prepositions)
        self._role_prepositions = frozenset(self.rules.role_prepositions)
        self._particles = frozenset(self.rules.name_particles)
        self._inner_capital_people = tuple(self.rules.inner_capital_person_openings)
        self._directions = frozenset(self.rules.direction_words)
        self._function_words = frozenset(self.rules.function_words)
        self._short_openers = frozenset(self.rules.short_sentence_openers)
        self._legal = frozenset(shared["legal_suffixes"])
        self._speech_verbs = frozenset(v for v in shared["speech_verbs"] if " " not in v)
        self._never_names = frozenset(shared["not_organisations"])  # "Havbris Sjømat SDG"
        self._list_place_openers = frozenset(self.rules.direction_prepositions)
        self._publication_before = frozenset(self.rules.publication_words_before)
        self._employment = frozenset(self.rules.employment_words)
        self._english_titles = english_title_words(self.rule_set)

    def _configure_organisation_words(self, shared: dict) -> None:
        """What an organisation's name is made of and the names the rule files list (after
        _configure_context_words: the organisation nouns extend its nouns before a name)."""
        self._body_heads = tuple(shared["public_body_heads"])
        self._business_nouns = frozenset(shared["business_nouns"]) | self._org_before
        # endings of organisation-noun compounds; "-staden"/"-stedet" also end towns
        self._organisation_compound_endings = tuple(
            e for e in shared["definite_business_endings"] if e not in ("staden", "stedet")
        )
        # "Tine Birkeland Westby": a given name opens a person's full name
        self._given_names = frozenset(self.rules.female_given_names) | frozenset(
            self.rules.male_given_names
        )
        # "Oppdalsbanken" inside a sentence: a one-word name, whatever the model read
        self._one_word_name_endings = tuple(shared["one_word_name_endings"])
        self._business_endings = tuple(
            shared["org_head_nouns"]
            + shared["business_nouns"]
            + shared["definite_business_endings"]
        )
        # "Brekke Transport", "Agder Energi", "Nordic Seafood": a trade word or a company
        # extension ends a company's name; "Stiftelsen X", "X Idrettslag": an organisation's
        self._trade_tails = (
            frozenset(shared["name_trade_words"])
            | frozenset(self.rules.company_name_tails)
            | {e.lower() for e in shared["name_extensions"] if e not in self._legal}
            # "Augustin Hotel", "Haugen Bakeri": the nouns that end a business's name; the
            # short ones end surnames too ("Gård", "Kro")
            | {w for w in shared["name_tail_nouns"] if len(w) >= _LONG_TAIL and " " not in w}
        )
        # "Scandic Hotels Norge": a country or region that ends a company's name
        self._branch_names = frozenset(e for e in shared["name_extensions"] if e.istitle())
        self._org_name_words = frozenset(self.rules.non_company_name_words)  # "IL", not "Il"
        self._known_orgs = known_organisations(self.rule_set)
        self._public_names = frozenset(shared["public_body_names"])  # "Statsforvalteren i X"
        self._companies = frozenset(self.rules.known_companies)
        self._media = frozenset(self.rules.non_company_organisations.get("media", []))
        self._name_openers: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for opener in self.rules.organisation_openers:  # by first word: one lookup a token
            self._name_openers[opener.split()[0]].append(tuple(opener.split()))
        # nouns a name may be joined to ("Skeie|gruppen"); built once, read per lone name;
        # longest first, so the match does not depend on a set's order
        self._organisation_nouns = tuple(
            sorted(
                {e for e in (*self._business_endings, *self._org_before) if len(e) > 3},
                key=lambda e: (-len(e), e),
            )
        )

    def _configure_market_news(self) -> None:
        """How market news says a listed company's share moved ("steg 4,4 prosent")."""
        self._market_moves = [tuple(m.split()) for m in self.rules.market_moves]
        self._move_openers = frozenset(words[0] for words in self._market_moves)
        self._share_units = frozenset(self.rules.share_units)

    def score(self, examples: Iterable[Example], **kwargs) -> dict[str, Any]:
        """What ``nlp.evaluate`` reports for this component (the configured scorer)."""
        return self.scorer(examples, **kwargs) if self.scorer else {}

    _FILES = {
        "rules": "entity_rules.json",
        "org_rules": "org_rules.json",
        "common_words": "common_words.txt",
    }

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """A user's rule files go into the saved pipeline (the packaged ones are named by
        "default" in its config and stay in one place, the package's resources)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for key, source in self.sources.items():
            if source != "default":
                (folder / self._FILES[key]).write_text(read_resource(source, ""), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityResolver:
        folder = Path(path)
        for key in self.sources:
            if (folder / self._FILES[key]).exists():
                self.sources[key] = str(folder / self._FILES[key])
        self._missing = [str(s) for s in self.sources.values() if _is_missing_file(s)]
        if self._missing:
            raise FileNotFoundError(f"{self.name}: rule file(s) not found: {self._missing}")
        self._configure()
        return self

    def _names_run_together(self, span: Span) -> list[Span]:
        """ "Jostein Aanestad Ole Gunnar Krakhellen Tor Skinlo" (a list flattened into one
        line), "får Einar Søreide Gerd Lyngstad Kroken med seg": a person's name never goes
        on with a given name after a surname; split there, when each part keeps two words.
        A place run into the name after it is split too (``_place_then_person``)."""
        if LABEL_GROUP.get(span.label_) == PLACE:
            return self._place_then_person(span)
        if span.label_ != PERSON or len(span) < 4:
            return [span]
        cuts = [
            t.i
            for t in span[2:-1]
            if t.text in self._given_names
            and t.doc[t.i - 1].text not in self._given_names
            and t.doc[t.i - 1].text[:1].isupper()
            and not t.doc[t.i - 1].text.endswith(".")  # "Kjell S. Lie": an initial
        ]
        bounds = [span.start, *cuts, span.end]
        parts = list(zip(bounds, bounds[1:], strict=False))
        if any(end - start < 2 for start, end in parts):
            return [span]
        return [Span(span.doc, start, end, label=PERSON) for start, end in parts]

    def _place_then_person(self, span: Span) -> list[Span]:
        """ "Kommunelege i Fjordvik Trond Istad": a place the model ran on into the name of
        the person after it; a given name after the place's first word opens a person's name
        of two or three words."""
        cut = next(
            (t.i for t in span[1:] if t.text in self._given_names and t.i + 1 < span.end), None
        )
        if cut is None or not 2 <= span.end - cut <= 3:
            return [span]
        if not all(t.text[:1].isupper() for t in span.doc[cut : span.end]):
            return [span]
        return [
            Span(span.doc, span.start, cut, label=span.label_),
            Span(span.doc, cut, span.end, label=PERSON),
        ]

    def __call__(self, doc: Doc) -> Doc:
        if self._missing:
            raise FileNotFoundError(f"{self.name}: rule file(s) not found: {self._missing}")
        doc._.rule_sources = self.rule_sources.as_list()  # the profile is made with these rules
        capitalised = capitalised_inside_sentences(doc)
        kept = [
            s
            for e in doc.ents
            for line in split_at_line_breaks(self._name_the_tree_holds(e))
            for part in self._organisation_then_titled_person(line)
            if (s := self._clean(part, capitalised)) is not None
        ]
        kept = adjacent_organisations_joined(kept, self._branch_names)
        kept = hyphen_coordinated_names(doc, kept)
        kept = headings_about_organisations(kept)
        kept = [self._known_organisation(s) for s in kept]  # listed names keep their kind
        kept = [self._cued_organisation(s) for s in kept]
        kept = self._with_listed_organisations(doc, kept, capitalised)
        kept = [self._as_publication(s) for s in kept]
        kept += self._trade_named_organisations(doc, kept, capitalised)
        kept += self._organisations_after_roles(doc, kept)
        kept += self._companies_in_market_moves(doc, kept)
        kept = names_spelled_by_acronyms(doc, kept)
        kept = self._names_after_openers(doc, kept)
        kept = names_joined_by_ampersand(doc, kept)
        kept = self._names_joined_by_og(doc, kept)
        kept = self._names_across_particles(doc, kept)
        kept = self._organisations_listed_with_organisations(doc, kept)
        kept = [self._possessor_not_possession(doc, s) for s in kept]
        targets = [
            part
            for s in kept
            if s.label_ in LABEL_GROUP
            for part in self._without_leading_other_name(s)
        ]
        targets = [p for s in targets for p in split_listed_places(s)]
        targets = [p for s in targets for p in self._names_run_together(s)]
        targets = self._given_names_the_model_missed(targets, kept)
        targets = self._given_name_before_a_place(targets, kept)
        targets = [p for s in targets for p in self._surname_then_company(s, targets)]
        targets = [p for s in targets for p in self._person_then_organisation(s, targets)]
        targets = [s for s in targets if self._plausible_name(s)]  # before they vote
        others = [s for s in kept if s.label_ not in LABEL_GROUP]
        labels = self._vote(targets)
        resolved = [self._relabel(s, labels) for s in targets]
        resolved = [s for s in resolved if self._lone_word_fits(s, resolved)]
        resolved = self._places_listed_with_places(resolved)
        resolved += missed_mentions(doc, resolved, labels)
        resolved = names_joined_by_slash(doc, resolved)  # after the vote: "i Bodø/Glimt"
        doc.ents = filter_spans(resolved + others)
        groups: dict[str, list[Span]] = {PERSON_SPANS: [], ORG_SPANS: [], PLACE_SPANS: []}
        key_of = {PERSON: PERSON_SPANS, ORG: ORG_SPANS, PLACE: PLACE_SPANS}
        for ent in doc.ents:
            if ent.label_ in LABEL_GROUP:
                groups[key_of[LABEL_GROUP[ent.label_]]].append(ent)
        for key, spans in groups.items():
            doc.spans[key] = spans
        return doc


@Language.factory(
    COMPONENT_NAME,
    # reads the model's entities, sentence starts and parts of speech (when the model has them)
    requires=["doc.ents", "token.is_sent_start", "token.pos"],
    # span groups person_mentions, org_mentions, place_mentions; the rule files the Doc's rule set is made of
    assigns=["doc.ents", "doc.spans", "doc._.rule_sources"],
    default_config={
        "rules": "default",
        "common_words": "default",
        "org_rules": "default",
        "scorer": {"@scorers": "nyhetsprofil.entity_scorer.v1"},
    },
    # reported by nlp.evaluate, weighted as nothing: the model's own ents_f stays the
    # training score of a pipeline that includes this component
    default_score_weights={
        f"spans_{key}_{m}": None for key in ("person_mentions", "org_mentions") for m in "prf"
    },
)
def make_entity_resolver(
    nlp: Language,
    name: str,
    rules: str,
    common_words: str,
    org_rules: str,
    scorer: Callable | None,
) -> EntityResolver:
    resolver = EntityResolver(
        nlp, name, rules=rules, common_words=common_words, org_rules=org_rules
    )
    resolver.scorer = scorer
    return resolver


def score_entities(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    """The resolved entities against the reference's (``ents_p/r/f`` and per type), and each
    span group the reference carries (``spans_<group>_p/r/f``)."""
    examples = list(examples)
    scores = Scorer.score_spans(examples, "ents", **kwargs)
    scores.update(score_span_groups(examples, (PERSON_SPANS, ORG_SPANS, PLACE_SPANS), **kwargs))
    return scores


@registry.scorers("nyhetsprofil.entity_scorer.v1")
def make_entity_scorer() -> Callable:
    return score_entities


def _is_missing_file(source: str | Path) -> bool:
    return source != "default" and not Path(source).exists()
