"""The ``pipeline_entities`` component: the statistical NER's mentions, corrected by context and
by the rest of the document, as span groups of people, organisations and places.

A NorNE-trained model is right about most names in a sentence, but on news text it makes
three kinds of mistakes that the document itself can correct:

* a capitalised common noun at the start of a sentence ("Muligheten", "Oppslaget") tagged as a
  name: a word that Norwegian text writes in lower case (``common_words.txt``, counted in
  NoReC) and that this article never capitalises inside a sentence is not a name;
* the same name labelled differently in different sentences ("Sognekraft" once ORG, once PER):
  every mention of a name gets the label most of its mentions and their context vote for,
  where context is a title before it ("statsminister Erna Solberg" is a person), a noun that
  introduces an organisation ("selskapet Telenor"), a legal suffix after it, or a noun that
  introduces a place ("byen Mantova");
* a surname alone ("sier Røkke") tagged as an organisation or a place when the article names
  the person in full: a single word that ends a person's full name is that person.

Mentions the model missed of a name it found elsewhere in the article are added. Writes
``doc.ents`` (resolved) and the span groups ``person_mentions``, ``org_mentions`` and
``place_mentions``; the rules come from ``entity_rules.json`` (or a user's file with the same
fields) plus the shared organisation word lists in ``org_rules.json``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import filter_spans, registry

from pipeline.rules import RuleSources, rule_words, sources_in_force
from pipeline.sdg import read_resource, score_span_groups

COMPONENT_NAME = "pipeline_entities"
PERSON_SPANS = "person_mentions"
ORG_SPANS = "org_mentions"
PLACE_SPANS = "place_mentions"
PERSON, ORG, PLACE = "PER", "ORG", "GPE_LOC"
# NorNE's labels (and the official Norwegian models') folded into the three the profile uses
LABEL_GROUP = {
    "PER": PERSON,
    "ORG": ORG,
    "GPE_ORG": PLACE,  # a country or town acting as a body ("Norge signerte"): still a place
    "GPE_LOC": PLACE,
    "LOC": PLACE,
    "GPE": PLACE,
}
# definite and plural endings of Norwegian nouns (bokmål and nynorsk)
_INFLECTIONS = ("en", "et", "ene", "ane", "ar", "er", "ne", "a")
_DEFINITE_ENDINGS = ("en", "et", "ene", "ane")  # "Aksjen", "Selskapet", "Aksjene"
WEB_DOMAINS = (".no", ".com", ".se", ".dk", ".net", ".org", ".io")  # "Dyrekassen.no"
_NOT_NAME_LABELS = {"EVT", "PROD", "MISC", "DRV"}  # NorNE's labels that no person has
_NOT_IN_NAMES = {"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "SCONJ", "CCONJ", "PART"}
_SENTENCE_OPENERS = {"«", '"', "“", "–", "—", "-", ":", "'", "»"}


class EntityRules(BaseModel):
    """resources/entity_rules.json; unknown keys are an error (a typo never switches a rule off)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    comment: str = Field(default="", alias="_comment")
    person_titles: list[str] = Field(
        description="Lower-case words that stand before a person's name"
    )
    title_compound_endings: list[str] = Field(
        default_factory=list,
        description="Short title words that end compound titles ('sjef': 'økonomisjef')",
    )
    organisation_words_before: list[str] = Field(
        description="Nouns that introduce an organisation's name ('partiet', 'avisen')"
    )
    speaker_role_endings: list[str] = Field(
        description="How the role of a quoted person ends ('leder', 'direktør'): the speech patterns"
    )
    title_modifiers: list[str] = Field(
        description="Words that open a title ('daglig' leder, 'administrerende' direktør)"
    )
    not_in_titles: list[str] = Field(
        description="Words dropped from a title found before a name ('sier at', 'og')"
    )
    role_prepositions: list[str] = Field(description="'leder i X', 'rådgiver hos X': X is an org")
    place_words_before: list[str] = Field(description="Nouns that introduce a place ('byen')")
    place_prepositions: list[str] = Field(
        description="Prepositions a lone name after which is a place, never a person ('i Misvær')"
    )
    spatial_prepositions: list[str] = Field(
        description="Prepositions only a place follows ('rundt Mjøsa'); 'i' and 'på' also take organisations"
    )
    direction_prepositions: list[str] = Field(
        description="'fra Bodø', 'til Tromsø': a place follows often, but so do people"
    )
    name_particles: list[str] = Field(description="Lower-case words inside names ('van', 'de')")
    short_sentence_openers: list[str] = Field(
        default_factory=list,
        description="Words of one or two letters that open sentences, never names ('da', 'då'): "
        "the common-word lexicon leaves out words that short",
    )
    function_words: list[str] = Field(
        description="Words that are never part of a title or a name made of common words"
    )
    direction_words: list[str] = Field(
        description="First words of place names, never of people's ('Øvre Romerike')"
    )
    non_company_words_before: list[str] = Field(
        description="Nouns before a name that make it a non-company ('nettverket', 'prosjektet')"
    )
    known_companies: list[str] = Field(
        description="Companies the news names without a legal suffix (facts: listed and state-owned companies)"
    )
    non_company_organisations: dict[str, list[str]] = Field(
        description="Organisations that are not companies, by kind (party, media, ...)"
    )
    non_company_name_words: list[str] = Field(
        description="A word in a name that makes it a non-company ('forening', 'IL', 'skole')"
    )
    non_company_name_endings: list[str] = Field(
        description="How the last word of a non-company's name ends ('forbund', 'forening')"
    )
    publication_words_before: list[str] = Field(
        description="Words before a newspaper's or channel's name that make it the publication "
        "read or watched ('i VG', 'på NRK', 'leserne av'), not the organisation acting"
    )
    employment_words: list[str] = Field(
        description="Verbs of working somewhere: 'jobbet i Dagbladet' is the employer, an "
        "organisation, although 'i' before a newspaper usually means the publication"
    )
    market_moves: list[str] = Field(
        description="How a share moves in market news ('steg', 'er ned', 'legger på seg'): a "
        "name before one, with a number and a share_units word after, is a listed company"
    )
    share_units: list[str] = Field(description="Units of a share's move ('prosent', '%')")
    organisation_openers: list[str] = Field(
        description="Capitalised words that open an organisation's name, whose rest the "
        "capitalised words after them give ('Sparebank 1' Søre Sunnmøre, 'Brødrene' Bakken)"
    )
    company_name_tails: list[str] = Field(
        description="Last words of companies' names that name no trade ('Mekaniske'); the "
        "trades ('Transport', 'Energi') are org_rules.json's name_trade_words"
    )


def load_entity_rules(source: str | Path | None = None) -> EntityRules:
    """The packaged rules ("default") or a user's JSON file with the same fields; without a
    source, the rules in force (pipeline/rules.py)."""
    return _entity_rules_from(source or sources_in_force().entity_rules)


@lru_cache(maxsize=4)
def _entity_rules_from(source: str | Path) -> EntityRules:
    return EntityRules.model_validate(rule_words(read_resource(source, "entity_rules.json")))


@lru_cache(maxsize=2)
def load_common_words(source: str = "default") -> frozenset[str]:
    """Lower-case word forms that are common words, not names (one a line, '#' comments)."""
    raw = read_resource(source, "common_words.txt")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


class EntityResolver:
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
        from pipeline.extract.text import load_org_rules  # here: extract imports this module

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
        self.rules = load_entity_rules(rules)
        self.common_words = load_common_words(common_words)
        self.org_rules = load_org_rules(org_rules)
        self._configure()

    def _configure(self) -> None:
        """The lookups the passes read, built once from the three rule sources."""
        self.rule_sources = RuleSources(
            str(self.sources["rules"]),
            str(self.sources["org_rules"]),
            str(self.sources["common_words"]),
        )
        shared = self.org_rules
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
        self._directions = frozenset(self.rules.direction_words)
        self._function_words = frozenset(self.rules.function_words)
        self._short_openers = frozenset(self.rules.short_sentence_openers)
        self._legal = frozenset(shared["legal_suffixes"])
        self._speech_verbs = frozenset(v for v in shared["speech_verbs"] if " " not in v)
        self._never_names = frozenset(shared["not_organisations"])  # "Havbris Sjømat SDG"
        self._body_heads = tuple(shared["public_body_heads"])
        self._business_nouns = frozenset(shared["business_nouns"]) | self._org_before
        # endings of organisation-noun compounds; "-staden"/"-stedet" also end towns
        self._organisation_compound_endings = tuple(
            e for e in shared["definite_business_endings"] if e not in ("staden", "stedet")
        )
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
        )
        self._org_name_words = frozenset(self.rules.non_company_name_words)  # "IL", not "Il"
        self._known_orgs = known_organisations(self.rules)
        self._companies = frozenset(self.rules.known_companies)
        self._list_place_openers = frozenset(self.rules.direction_prepositions)
        self._media = frozenset(self.rules.non_company_organisations.get("media", []))
        self._publication_before = frozenset(self.rules.publication_words_before)
        self._employment = frozenset(self.rules.employment_words)
        self._market_moves = [tuple(m.split()) for m in self.rules.market_moves]
        self._move_openers = frozenset(words[0] for words in self._market_moves)
        self._name_openers: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for opener in self.rules.organisation_openers:  # by first word: one lookup a token
            self._name_openers[opener.split()[0]].append(tuple(opener.split()))
        self._share_units = frozenset(self.rules.share_units)
        # nouns a name may be joined to ("Skeie|gruppen"); built once, read per lone name;
        # longest first, so the match does not depend on a set's order
        self._organisation_nouns = tuple(
            sorted(
                {e for e in (*self._business_endings, *self._org_before) if len(e) > 3},
                key=lambda e: (-len(e), e),
            )
        )
        self._matcher = PhraseMatcher(self.vocab, attr="ORTH")
        listed = sorted(n for n in self._known_orgs if len(n) > 1)  # "H", "V": too ambiguous
        self._matcher.add("LISTED_ORG", [self.make_doc(n) for n in listed])

    def score(self, examples: Iterable[Example], **kwargs) -> dict[str, Any]:
        """What ``nlp.evaluate`` reports for this component (the configured scorer)."""
        return self.scorer(examples, **kwargs) if self.scorer else {}

    def _names_across_particles(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "Marit van der Berg", "Ursula von der Leyen": the model ends the person at a
        particle ("Marit van") and tags the surname apart. A person's name runs on across
        name particles to the capitalised word after them when the model took a particle
        into the name, or two particles follow it ("van der"); a lone "av" or "de" after a
        name is a Norwegian word ("Kari Hansen av Tromsø")."""
        added = []
        for span in spans:
            if span.label_ != PERSON:
                continue
            start = span.end
            while start > span.start and doc[start - 1].lower_ in self._particles:
                start -= 1  # the model took "van" into the name
            end = span.end
            while end < len(doc) and doc[end].lower_ in self._particles:
                end += 1
            particles = doc[start:end]
            if not len(particles) or end >= len(doc) or not doc[end].is_title:
                continue
            model_took_one = start < span.end  # the model ended the name on "van"
            if not model_took_one and (len(particles) < 2 or all(len(t) < 3 for t in particles)):
                continue  # "Kari Hansen av Tromsø": a lone "av", "de", "den" is a word here
            added.append(Span(doc, span.start, end + 1, label=PERSON))
        return _replacing(spans, added)

    def _names_joined_by_og(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """An organisation's name may hold "og" ("Hardanger Frukt og Bær", "Entreprenør-
        foreningen Bygg og Anlegg", "Sparebanken Sogn og Fjordane"), which the model cuts
        at the "og". The name goes on across it when the two words it joins are a pair of
        capitalised common nouns or together a place's name, and the word after "og" ends
        the name; two names joined by "og" ("Norsk Hydro og Yara") stay two."""
        added = []
        for span in spans:
            og, last = span.end, span.end + 1
            if span.label_ != ORG or len(span) < 2 or last >= len(doc):
                continue
            if doc[og].lower_ != "og" or not doc[last].is_title:
                continue
            if last + 1 < len(doc) and _capitalised_word(doc[last + 1]):
                continue  # "og Ola Berg", "og Sparebank 1 Nord": another name follows
            before, after = doc[og - 1], doc[last]
            common_pair = before.is_title and {before.lower_, after.lower_} <= self.common_words
            if common_pair or _is_place_name_text(f"{before.text} og {after.text}"):
                added.append(Span(doc, span.start, last + 1, label=ORG))
        return _replacing(spans, added)

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
        from pipeline.extract.text import load_org_rules

        folder = Path(path)
        for key in self.sources:
            if (folder / self._FILES[key]).exists():
                self.sources[key] = str(folder / self._FILES[key])
        self._missing = [str(s) for s in self.sources.values() if _is_missing_file(s)]
        if self._missing:
            raise FileNotFoundError(f"{self.name}: rule file(s) not found: {self._missing}")
        self.rules = load_entity_rules(self.sources["rules"])
        self.common_words = load_common_words(self.sources["common_words"])
        self.org_rules = load_org_rules(self.sources["org_rules"])
        self._configure()
        return self

    def __call__(self, doc: Doc) -> Doc:
        if self._missing:
            raise FileNotFoundError(f"{self.name}: rule file(s) not found: {self._missing}")
        doc._.rule_sources = self.rule_sources.as_list()  # the profile is made with these rules
        capitalised = _capitalised_inside_sentences(doc)
        kept = [
            s
            for e in doc.ents
            for part in _split_at_line_breaks(e)
            if (s := self._clean(part, capitalised)) is not None
        ]
        kept = _adjacent_organisations_joined(kept)
        kept = [self._known_organisation(s) for s in kept]  # listed names keep their kind
        kept = [self._cued_organisation(s) for s in kept]
        kept = self._with_listed_organisations(doc, kept, capitalised)
        kept = [self._as_publication(s) for s in kept]
        kept += self._trade_named_organisations(doc, kept, capitalised)
        kept += self._organisations_after_roles(doc, kept)
        kept += self._companies_in_market_moves(doc, kept)
        kept = _names_spelled_by_acronyms(doc, kept)
        kept = self._names_after_openers(doc, kept)
        kept = _names_joined_by_ampersand(doc, kept)
        kept = self._names_joined_by_og(doc, kept)
        kept = self._names_across_particles(doc, kept)
        kept = self._organisations_listed_with_organisations(doc, kept)
        targets = [
            part
            for s in kept
            if s.label_ in LABEL_GROUP
            for part in self._without_leading_other_name(s)
        ]
        targets = [p for s in targets for p in _split_listed_places(s)]
        targets = self._given_names_the_model_missed(targets, kept)
        targets = [p for s in targets for p in self._surname_then_company(s, targets)]
        targets = [s for s in targets if self._plausible_name(s)]  # before they vote
        others = [s for s in kept if s.label_ not in LABEL_GROUP]
        labels = self._vote(targets)
        resolved = [self._relabel(s, labels) for s in targets]
        resolved = [s for s in resolved if self._lone_word_fits(s, resolved)]
        resolved = self._places_listed_with_places(resolved)
        resolved += _missed_mentions(doc, resolved, labels)
        doc.ents = filter_spans(resolved + others)
        groups: dict[str, list[Span]] = {PERSON_SPANS: [], ORG_SPANS: [], PLACE_SPANS: []}
        key_of = {PERSON: PERSON_SPANS, ORG: ORG_SPANS, PLACE: PLACE_SPANS}
        for ent in doc.ents:
            if ent.label_ in LABEL_GROUP:
                groups[key_of[LABEL_GROUP[ent.label_]]].append(ent)
        for key, spans in groups.items():
            doc.spans[key] = spans
        return doc

    # --- one mention ------------------------------------------------------------------

    def _clean(self, ent: Span, capitalised: set[str]) -> Span | None:
        """Trim the common words the model ran into the name at a sentence start ("Liker
        Disney" -> "Disney"); None when nothing of a name is left."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while start < end and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        while (
            start < end
            and self._common_word_here(doc[start], capitalised)
            and (
                doc[start].lower_ in self._short_openers  # "Da Norge stengte ned"
                or not self._names_an_organisation(doc[start:end])  # "Brekke Transport"
            )
        ):
            start += 1
        while start < end and doc[start].text[:1].islower():
            start += 1  # "natur- og havmiljøene", "denne Michea"
        while ent.label_ == PERSON and end - start > 1 and self._is_title(doc[start]):
            start += 1  # "Konsernsjef Peter A. Ruzicka har signert": the title opens the sentence
        while (
            end > start and doc[end - 1].text[:1].islower() and doc[end - 1].pos_ in _NOT_IN_NAMES
        ):
            end -= 1  # "Ski vasker sengetøy": a verb after the name
        if start >= end or not any(c.isalpha() for c in doc[start:end].text):
            return None
        if not any(t.text[:1].isupper() for t in doc[start:end]):
            return None
        if ent.label_ == ORG:  # "...elektrifiseringsbedriften Goodtech": the name follows the noun
            heads = [
                t.i
                for t in doc[start : end - 1]
                if t.text[:1].islower() and t.lower_.endswith(self._business_endings)
            ]
            start = heads[-1] + 1 if heads else start
        end = next((t.i for t in doc[start + 1 : end] if t.text in self._never_names), end)
        if ent.label_ == PERSON:  # "B uansvarlig": a person's name ends at a common word
            cut = next(
                (
                    t.i
                    for t in doc[start + 1 : end]
                    if t.text[:1].islower() and t.lower_ not in self._particles
                ),
                end,
            )
            end = cut
        return Span(doc, start, end, label=ent.label_)

    def _common_word_here(self, token: Token, capitalised: set[str]) -> bool:
        lowered = token.text.lower()
        if lowered.endswith("s") and (
            lowered[:-1] in self.common_words or lowered[:-1] in capitalised
        ):
            lowered = lowered[:-1]  # "Meddommerens"
        if not starts_sentence(token) or lowered in capitalised:
            return False
        return (
            lowered in self.common_words
            or lowered in self._short_openers
            or _lemma_is_common_noun(token)
            or self._inflected_compound(lowered)
        )

    def _may_be_common_noun(self, token: Token) -> bool:
        """A word of the lexicon, or a capital only because the sentence starts there on a
        word in a noun's definite form ("Aksjen", "Hovedindeksen", "Oljeprisen": market news
        words that reviews, the lexicon's source, seldom use). The lemmatizer is no help here:
        it reads most unknown names at a sentence start as nouns ("Bakkafrost")."""
        return token.lower_ in self.common_words or (
            starts_sentence(token) and token.lower_.endswith(_DEFINITE_ENDINGS)
        )

    def _common_words_only(self, span: Span) -> bool:
        words = [
            t
            for t in span
            if t.is_alpha and not t.is_upper and t.lower_ not in self._function_words
        ]
        return (
            bool(words)
            and all(t.lower_ in self.common_words for t in words)
            and _named_once(span)
            and span.text not in self._known_orgs
            and self._context_label(span) is None
        )

    def _common_noun_as_given_name(self, token: Token) -> bool:
        word = token.lower_
        if len(word) >= 6 and word in self.common_words:
            return True
        return any(word[i:] in self.common_words for i in range(3, len(word) - 5))

    def _inflected_compound(self, word: str) -> bool:
        """ "Hodeskaden", "Vegbevilgningene": a common noun in a definite or plural form at the
        end of a compound is a common noun; "Sognekraft" or "Rogalandsforskning" (no
        inflection) may be a name."""
        return is_inflected_compound(word, self.common_words)

    def _with_listed_organisations(
        self, doc: Doc, found: list[Span], capitalised: set[str]
    ) -> list[Span]:
        """``found`` plus listed organisations (parties, newspapers, agencies) the model did
        not tag, as an entity ruler would add them. A listed name replaces the model's
        shorter pieces inside it ("Finans" + "Norge" -> "Finans Norge", "UN Global Compact"
        as an event -> the organisation); a listed name that is also a common word
        ("Venstre", "Rødt") counts only inside a sentence, where its capital means a name."""
        kept = list(found)
        for _, start, end in sorted(self._matcher(doc), key=lambda m: m[1] - m[2]):  # longest first
            overlapping = [s for s in kept if s.start < end and start < s.end]
            if any(s.start < start or s.end > end for s in overlapping):
                continue  # the model's span reaches beyond the listed name: keep the model's
            if any((s.start, s.end) == (start, end) for s in overlapping):
                continue  # the same words: the model's label stands (listed kinds fixed later)
            span = Span(doc, start, end, label=ORG)
            if span.text.lower() in self.common_words and starts_sentence(span[0]):
                continue
            kept = [s for s in kept if s not in overlapping] + [span]
        return kept

    def _trade_named_organisations(
        self, doc: Doc, found: list[Span], capitalised: set[str]
    ) -> list[Span]:
        """Names the model did not tag that end in a capitalised trade word after one to
        three capitalised words ("Tindra Data", "Brekke Transport", "Nordvik Mekaniske"): the
        way Norwegian companies are named. Not when the first word is a common word opening
        the sentence ("Ny Transport")."""
        # the model's lone "Helse" may be extended to "Elvebredden Helse"
        taken = _token_mask(doc, [s for s in found if len(s) > 1 or not self._is_trade_tail(s[0])])
        added = []
        for token in doc:
            if taken[token.i] or not self._is_trade_tail(token):
                continue
            start = token.i
            while (
                start > 0
                and token.i - start < 3
                and not taken[start - 1]
                and _name_word(doc[start - 1])
                and "\n" not in doc[start - 1].whitespace_
            ):
                start -= 1
            while start < token.i and (
                doc[start].lower_ in self._function_words
                or (doc[start].lower_ in self._short_openers and starts_sentence(doc[start]))
            ):
                start += 1  # "Den Transport...", "Da Norge stengte": not the name's first word
            if start == token.i:
                continue
            added.append(Span(doc, start, token.i + 1, label=ORG))
            taken[start : token.i + 1] = b"\x01" * (token.i + 1 - start)
        return added

    def _organisations_after_roles(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Names the model did not tag where only an organisation fits: after a person's
        title and name and "i"/"hos" ("direktør Anna Lie i Samfunnsbedriftene")."""
        taken = _token_mask(doc, found)
        added = []
        for token in doc[1:-1]:
            start = token.i + 1
            if token.lower_ not in self._role_prepositions or taken[start]:
                continue
            end = start
            while end < len(doc) and end - start < 4 and not taken[end] and _name_word(doc[end]):
                end += 1
            if end == start or "\n" in doc[start:end].text:
                continue
            span = Span(doc, start, end, label=ORG)
            if self._context_label(span) == ORG and not self._is_title(doc[start]):
                added.append(span)
                taken[start:end] = b"\x01" * (end - start)
        return added

    def _cued_organisation(self, span: Span) -> Span:
        """A name the model read as a product, event or the like is an organisation where
        the noun before it or a legal suffix says so ("Nyhetsbyrået Thomson Reuters", "X
        AS"); people and places are settled later by the document's vote."""
        if span.label_ in LABEL_GROUP:
            return span
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].text if span.end < len(doc) else ""
        if before in self._org_before or after in self._legal:
            return Span(doc, span.start, span.end, label=ORG)
        if before in self._role_prepositions and self._context_label(span) == ORG:
            return Span(doc, span.start, span.end, label=ORG)  # "managing director i R&M Ship"
        return span  # weaker cues (a trade word in the name) do not outvote "Rock Band 2"

    def _companies_in_market_moves(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Names the model did not tag where market news says how their share moved
        ("Bakkafrost steg 4,4 prosent", "Frontline er ned 1,24 prosent"): only a listed
        company's share moves. Not a common word opening the sentence ("Aksjen steg")."""
        taken = _token_mask(doc, found)
        added = []
        for token in doc[1:]:
            end = token.i
            if taken[end - 1] or not self._share_move_at(doc, end):
                continue
            start = end
            while (
                start > 0
                and end - start < 4
                and not taken[start - 1]
                and _capitalised_word(doc[start - 1])
                and "\n" not in doc[start - 1].whitespace_
            ):
                start -= 1
            while start < end and (
                doc[start].lower_ in self._function_words
                or (starts_sentence(doc[start]) and doc[start].lower_ in self.common_words)
                or (end - start == 1 and self._may_be_common_noun(doc[start]))
            ):
                start += 1  # "Også Frontline steg", "Aksjen steg"
            if start == end:
                continue
            added.append(Span(doc, start, end, label=ORG))
            taken[start:end] = b"\x01" * (end - start)
        return added

    def _share_move_at(self, doc: Doc, i: int) -> bool:
        """True when a share's move starts at token ``i``: a move word, then a number and a
        unit within six tokens ("er opp 2,3 prosent", "legger på seg 4,08 prosent")."""
        if doc[i].lower_ not in self._move_openers:  # cheap: this runs for every token
            return False
        for words in self._market_moves:
            if tuple(t.lower_ for t in doc[i : i + len(words)]) != words:
                continue
            after = doc[i + len(words) : i + len(words) + 6]
            return any(
                t.like_num and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in self._share_units
                for t in after
            )
        return False

    def _is_trade_tail(self, token: Token) -> bool:
        """ "Moster Havbruk", and a compound of a long trade word ("K. Strømmen
        Lakseoppdrett"); short trade words ("Tak", "Mat") end surnames too, so only whole."""
        word = token.lower_
        return token.is_title and (
            word in self._trade_tails
            or any(
                len(trade) >= 6 and len(word) - len(trade) >= 3 and word.endswith(trade)
                for trade in self._trade_tails
            )
        )

    def _names_an_organisation(self, span: Span) -> bool:
        """A name of several words whose last word is a trade ("Myrvold Transport") or that
        holds a word only organisations' names hold ("Stiftelsen Hjelpestasjonen")."""
        return len(span) > 1 and (
            self._is_trade_tail(span[-1])
            or any(
                t.text in self._org_name_words or (t.is_title and t.lower_ in self._org_name_words)
                for t in span
            )
        )

    def _as_publication(self, span: Span) -> Span:
        """A newspaper or channel read or watched ("i VG", "på NRK", "leserne av
        BTMagasinet") is a publication (PROD, as NorNE annotates it), not an organisation
        the story is about; where it acts ("VG avslørte", "sa NRK") or employs someone
        ("jobbet i Dagbladet", "journalist i VG") it stays one."""
        name = span.text[:-1] if span.text.endswith("s") else span.text
        if span.label_ != ORG or not ({span.text, name} & self._media):
            return span
        if span.start < 2:
            return span
        before, two_before = self._before(span), span.doc[span.start - 2]
        read = before in self._publication_before or (
            before == "av" and two_before.lower_ in self._publication_before  # "leserne av"
        )
        if not read or two_before.lower_ in self._employment or self._is_title(two_before):
            return span
        return Span(span.doc, span.start, span.end, label="PROD")

    def _known_organisation(self, span: Span) -> Span:
        """A listed organisation the model read as something else is an organisation: a
        newspaper or a party as a product ("skrev Dagbladet"), a listed company as a person
        ("sier at Equinor vil"). Listed names are facts; the model's guess is not."""
        text = span.text[:-1] if span.text.endswith("s") else span.text
        if span.label_ != ORG and (span.text in self._known_orgs or text in self._known_orgs):
            return Span(span.doc, span.start, span.end, label=ORG)
        if (span.label_ in ("EVT", "MISC") and self._names_an_organisation(span)) or (
            span.label_ == "PROD" and len(span) > 1 and self._is_trade_tail(span[-1])
        ):
            return Span(span.doc, span.start, span.end, label=ORG)  # "Stiftelsen X" as EVT
        return span

    @staticmethod
    def _before(span: Span) -> str:
        return span.doc[span.start - 1].lower_ if span.start > 0 else ""

    def _context_label(self, span: Span) -> str | None:
        """The label the words around a name give it, or None."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end].text if span.end < len(doc) else ""
        if after in self._legal or (before is not None and before.lower_ in self._org_before):
            return ORG
        if len(span) > 1 and span[-1].text in self._legal:
            return ORG  # "leder Havbris Sjømat AS": the legal suffix outweighs the title cue
        if (
            before is not None
            and before.lower_ not in self._place_before  # "hovedstaden Santiago"
            and self._organisation_compound(before.lower_)
        ):
            return ORG  # "Ålesundbedrifta Anda-Olsen", "reiselivsselskapet Fjordtur"
        if len(span) > 1 and span[-1].lower_.endswith(self._body_heads):
            return ORG  # "Haukeland universitetssykehus", "Bergen tingrett": the form of a body
        if self._names_an_organisation(span):
            return ORG
        if (
            span.end < len(doc)
            and self._share_move_at(doc, span.end)
            and not (len(span) == 1 and self._may_be_common_noun(span[0]))
        ):  # "Austevoll er opp 2,3 prosent": the company, not the municipality ("Aksjen": no name)
            return ORG
        if before is not None and before.lower_ in self._role_prepositions and span.start > 1:
            i = span.start - 2
            while (
                i > 0
                and span.start - i <= 5
                and doc[i].text[:1].isupper()
                and not self._is_title(doc[i])
            ):
                i -= 1  # over the person's name: "CEO Anne Lie i Maritech"
            if any(self._is_title(doc[k]) for k in range(max(0, i - 2), i + 1)):
                # "daglig leder i Fjordlaks", "CEO Anne Lie i Maritech", "direktør for
                # samfunnskontakt Anna Lie i Samfunnsbedriftene"
                return ORG
        if before is not None and self._is_title(before) and len(span) <= 4:
            return PERSON  # "statsminister Erna Solberg", "kommunaldirektør Bente Herdlevær"
        if (
            before is not None
            and before.lower_ in self._speech_verbs
            and span.label_ != ORG
            and len(span) <= 3
            and after in (".", ",", "!", "?", "til", "i", "")
        ):
            return PERSON  # "seier Espeland.": places do not speak, whatever the gazetteer says
        if before is not None and before.lower_ in self._place_before | self._spatial:
            return PLACE  # "byen Mantova", "rundt Mjøsa"
        if _second_end_of_a_route(span) and span.text not in self._known_orgs:
            return PLACE  # "mellom Sandefjord og Strømstad"
        return None

    def _organisation_compound(self, word: str) -> bool:
        """ "Ålesundbedrifta", "reiselivsselskapet": a compound of a definite organisation
        noun (not "hovudstaden")."""
        return any(
            word.endswith(ending) and len(word) >= len(ending) + 3
            for ending in self._organisation_compound_endings
        )

    def _is_title(self, token: Token) -> bool:
        """A role word: "kommunaldirektør" ends in one; a capital only where a sentence starts
        or in an English title ("CEO")."""
        lowered = token.lower_
        if not (token.text[:1].islower() or token.is_upper or starts_sentence(token)):
            return False
        return lowered in self._titles or lowered.endswith(self._title_endings)

    # --- the document -----------------------------------------------------------------

    def _vote(self, spans: list[Span]) -> dict[str, str]:
        """Name (normalised) -> the label its mentions and their contexts vote for."""
        votes: dict[str, Counter] = defaultdict(Counter)
        cued: dict[str, set[str]] = defaultdict(set)  # labels the words around a mention gave
        placed: set[str] = set()  # names written where only a place fits ("rundt Mjøsa")
        for span in spans:
            key = name_key(span.text)
            votes[key][span.label_] += 1
            if (cue := self._context_label(span)) is not None:
                votes[key][cue] += 3
                cued[key].add(LABEL_GROUP.get(cue, cue))
            if self._before(span) in self._spatial:
                placed.add(key)
            if len(span) == 1 and _is_place_name(span[0]):
                placed.add(key)
        labels = {key: _winner(counter) for key, counter in votes.items()}
        # a single word that ends a person's full name is that person ("Røkke"), one that
        # opens an organisation's fuller name is that organisation ("Telenor" of "Telenor ASA")
        surnames = {k.split()[-1] for k, lab in labels.items() if lab == PERSON and " " in k}
        given = {k.split()[0] for k, lab in labels.items() if lab == PERSON and " " in k}
        org_heads = {k.split()[0] for k, lab in labels.items() if lab == ORG and " " in k}
        for key in votes:
            if " " in key:
                continue
            if key in surnames | given and ORG not in cued[key]:
                # "Bertelsen" after "Tor Holger Bertelsen", "Signy" after "Signy Fardal":
                # the person, however often the model read the lone word as an organisation,
                # unless the words around it say organisation ("Bertelsen AS")
                labels[key] = PERSON
            elif key in org_heads and (LABEL_GROUP.get(labels[key]) != PLACE or key not in placed):
                labels[key] = (
                    ORG  # "Borgvarme" of "Borgvarme Energi AS", but "Oslo" of "Oslo Børs" stays
                )
        return labels

    def _organisations_listed_with_organisations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "De tolv er Elvia, Glitre Nett, Lede, BKK, ... og Elinett": in a list of names
        that is mostly organisations (three or more and at least half, or two of three), every
        name is one, also those the model missed or read as a person; a name the model or
        the gazetteer has as a place keeps that."""
        added: list[Span] = []
        for items in _listed_names(doc):
            labels = [
                {s.label_ for s in spans if s.start < end and start < s.end}
                if not self._is_title(doc[start])  # "CEO" between names is no organisation
                else {"TITLE"}
                for start, end in items
            ]
            n_org = sum(ORG in found for found in labels)
            named = {LABEL_GROUP.get(label) for found in labels for label in found}
            if not _mostly_organisations(n_org, len(items), PERSON in named or PLACE in named):
                continue
            first = items[0][0]
            if first > 0 and doc[first - 1].lower_ in self._list_place_openers:
                continue  # "fra Romerike, Follo og Vestområdet" lists regions
            for (start, end), found in zip(items, labels, strict=True):
                if ORG in found or _is_place_name_text(doc[start:end].text):
                    continue  # a place the gazetteer knows stays one; the model's guess does not
                if doc[start].lower_ in self._function_words or "TITLE" in found:
                    continue
                added.append(Span(doc, start, end, label=ORG))
            added += _split_across_items(spans, items)
        return _replacing(spans, added)

    def _names_after_openers(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "Sparebank 1 Søre Sunnmøre" (the model: a person "Sparebank" and a person "Søre
        Sunnmøre"), "Sparebanken Vest": a listed opener and the capitalised words after it
        are one organisation's name. Hotels are not openers: NorNE annotates them as places."""
        added = []
        person_starts = {s.start for s in spans if s.label_ == PERSON}
        for token in doc:
            i = token.i
            for opener in self._name_openers.get(token.text, ()):
                end = i + len(opener)
                if tuple(t.text for t in doc[i:end]) != opener:
                    continue
                last = end
                while (
                    last < len(doc)
                    and doc[last].text[:1].isupper()
                    and "\n" not in doc[last - 1].whitespace_
                ):
                    last += 1
                if last + 1 < len(doc) and doc[last].lower_ == "og" and last + 1 in person_starts:
                    break  # "Brødrene Atle og Bjørnar Hovi": brothers, not a company
                if last > end:
                    added.append(Span(doc, i, last, label=ORG))
                break
        return _replacing(spans, added)

    def _in_a_list_of_organisations(self, span: Span, spans: list[Span]) -> bool:
        """True inside a list that is mostly organisations, not opened by "fra"/"til"."""
        for chain in _lists_of_names(spans):
            if span in chain:
                first = chain[0].start
                opener = span.doc[first - 1].lower_ if first > 0 else ""
                n_org = sum(s.label_ == ORG for s in chain)
                return (
                    _mostly_organisations(n_org, len(chain))
                    and opener not in self._list_place_openers
                )
        return False

    def _given_names_the_model_missed(self, targets: list[Span], kept: list[Span]) -> list[Span]:
        """ "sonen Gustav Magnar Witzøe" tagged as an event "Gustav" and a person "Magnar
        Witzøe": a capitalised word inside the sentence that the model gave a label no name
        of a person's kind has (event, product, misc) joins the person right after it."""
        odd = {s.end: s for s in kept if s.label_ in _NOT_NAME_LABELS and len(s) == 1}
        out = []
        for span in targets:
            before = odd.get(span.start)
            if (
                span.label_ == PERSON
                and before is not None
                and before[0].is_alpha
                and before[0].is_title
                and not starts_sentence(before[0])
                and before[0].lower_ not in self.common_words
            ):
                span = Span(span.doc, before.start, span.end, label=PERSON)
            out.append(span)
        return out

    def _surname_then_company(self, span: Span, spans: list[Span]) -> list[Span]:
        """ "starta Witzøe Salmar i 1991": a surname the article gives a person in full,
        then a listed company, read as one name (a person's or an organisation's): the
        person and the company."""
        if (
            span.label_ not in (PERSON, ORG)
            or len(span) != 2
            or span[1].text not in self._companies
        ):
            return [span]
        surname = span[0].text
        if not any(s.label_ == PERSON and len(s) > 1 and s[-1].text == surname for s in spans):
            return [span]
        doc = span.doc
        return [
            Span(doc, span.start, span.start + 1, label=PERSON),
            Span(doc, span.start + 1, span.end, label=ORG),
        ]

    def _places_listed_with_places(self, spans: list[Span]) -> list[Span]:
        """ "landanleggene Sture, Kollsnes Kårstø og Melkeøya": in a list of three or more
        names that holds a place, the would-be persons the article names once and gives no
        title are places too. A titled or recurring person in a list stays a person."""
        for chain in _lists_of_names(spans):
            persons = [s for s in chain if s.label_ == PERSON]
            if (
                len(chain) >= 3
                and persons
                and any(LABEL_GROUP.get(s.label_) == PLACE for s in chain)
                and all(_named_once(s) for s in persons)
                and not any(s.start > 0 and self._is_title(s.doc[s.start - 1]) for s in persons)
            ):
                for span in persons:
                    span.label_ = PLACE
        return spans

    def _without_leading_other_name(self, span: Span) -> list[Span]:
        """ "Jyllands-Posten Jon Helt", "Kasakhstans London": a person's name does not open
        with a newspaper's or a country's name; the model ran two names together."""
        if span.label_ in (PERSON, ORG) and len(span) > 1 and span[0].text in self._companies:
            return [Span(span.doc, span.start, span.end, label=ORG)]  # "Mowi Market Norway"
        if span.label_ == PERSON and len(span) > 1 and self._other_name(span[0]):
            person = Span(span.doc, span.start + 1, span.end, label=PERSON)
            first = span[0].text
            if first in self._known_orgs or first.rstrip("s") in self._known_orgs:
                return [Span(span.doc, span.start, span.start + 1, label=ORG), person]
            return [person]
        return [span]

    def _other_name(self, first: Token) -> bool:
        return first.norm_ in ("gaz_land", "gaz_fylke") or opens_with_other_name(
            first.text, self._known_orgs
        )

    def _plausible_name(self, span: Span) -> bool:
        """Names of several words, checked before they vote: a person's name with a legal
        suffix is a company ("Moss Rakkestad Kornlager SA"); a would-be person whose given
        name is a common noun ("Klimanettverk Romerike") and an organisation made of common
        words only ("Bærekraftig Design") are no names."""
        if span.label_ == PERSON and any(c.isdigit() for c in span.text):
            return False  # "SDG 2", "Nr. 7": no one's name has digits
        if span[-1].text.lower().endswith(WEB_DOMAINS):
            span.label_ = ORG  # "nettbutikken Dyrekassen.no": a web shop, not a person
            return True
        _, hyphen, tail = span[-1].text.rpartition("-")
        if span.label_ == PERSON and hyphen and len(tail) > 3 and tail in self.common_words:
            return False  # "Johan Sverdrup-feltet" is a field; "Kim Jong-il" is a person
        if span.label_ == PERSON and len(span) > 1 and _is_place_name_text(span.text):
            span.label_ = PLACE  # "Indre Fosen"
            return True
        if span.label_ == PERSON and span[0].text in self._directions:
            span.label_ = PLACE  # "Øvre Romerike", "Nord-Troms": no one is called Øvre
            return True
        if span.label_ == PERSON and len(span) == 1 and _short_name_in_brackets(span):
            span.label_ = ORG  # "al-Qaida i Maghreb (Aqim)": a short name for the one before
            return True
        if len(span) == 1:
            return True
        if span.label_ == ORG and span[0].is_upper and span[0].lower_ in self._titles:
            return False  # "SVP Sustainability", "CEO Nordic": an English title, not a company
        if self._names_an_organisation(span):
            span.label_ = ORG  # "Blåbær Design" read as a person: its last word is a trade
            return True
        if span.label_ == ORG and span[0].lower_ in self._business_nouns and span[1].is_lower:
            return False  # "Fabrikken i Florø": a noun and a place, not a name
        if span.label_ == PERSON and any(t.text in self._legal for t in span):
            span.label_ = ORG
        elif span.label_ == PERSON and self._common_noun_as_given_name(span[0]):
            return False
        elif span.label_ == ORG and self._common_words_only(span):
            return False
        return True

    def _lone_word_fits(self, span: Span, spans: list[Span]) -> bool:
        """A lone word is a person only as the surname of someone named in full (else a place
        the gazetteer knows is a place, and a common word is nothing), and an organisation
        only when it is no common word ("Samarbeid", "Verftet") or is a known organisation or
        has a cue ("selskapet Reint", "Reint AS")."""
        if len(span) > 1:
            return True
        word = span.text
        if (
            word.isupper()
            and len(word) > 1
            and _in_brackets_after_an_organisation(span, spans, self._legal)
        ):
            span.label_ = ORG  # "Elektroforeningen (EFO)": the organisation's short name
            return True
        if span.label_ == ORG and (word in self._known_orgs or word[:-1] in self._known_orgs):
            return True  # "Adresseavisen", "TV2s": listed, whatever its form suggests
        if span.label_ == ORG and word.lower() in self._titles:
            return False  # "Kronprins Haakon": a title, not an organisation
        if span.label_ == ORG and _in_brackets_after_an_organisation(span, spans, self._legal):
            span.label_ = PLACE  # "Hornindal Trevare AS (Grodås)"
            return True
        if span.label_ == PERSON:
            if _part_of_a_full_name(span, spans, given_name=False):
                return True  # "sier Bjurstrøm" after "Hanne Bjurstrøm"
            if self._before(span) in self._place_prepositions or _listed_with_a_place(
                span, spans, self._legal
            ):
                span.label_ = PLACE  # "i Misvær": people are not "in" someone
                return True
            if (
                _listed_with_organisations(span, spans)
                and self._before(span) not in self.rules.direction_prepositions
            ):  # after the place checks; "fra Romerike, Follo og Vestområdet" lists places
                span.label_ = ORG  # "Equinor, GSMA, Ìslandsbanki, Nokia og SAS"
                return True
            if _is_place_name(span[0]) and not any(
                s.text == span.text and self._context_label(s) == PERSON for s in spans
            ):  # a listed place, unless a mention speaks ("seier Espeland")
                span.label_ = PLACE
                return True
            if _part_of_a_full_name(span, spans, given_name=True):
                return True  # "Hanne" after "Hanne Bjurstrøm"
            lowered = word.lower()
            return (
                len(word) > 2
                and not word.isupper()
                and lowered not in self.common_words
                and not _lemma_is_common_noun(span[0])
                and not any(lowered[i:] in self.common_words for i in range(3, len(lowered) - 3))
                and not (starts_sentence(span[0]) and _named_once(span))
            )  # "Overskuddsbrød", "Gubben", "Huff!": a common word is no lone first or last
            # name, and a lone word written once, opening a sentence, is no evidence of one
        if word.lower() in self._org_before:
            return False  # "Verftet", "Bryggeriet": the nouns that introduce a company's name
        if (
            starts_sentence(span[0])
            and _named_once(span)
            and is_compound_of_common_word(word, self.common_words)
            and not _is_place_name(span[0])
            and word not in self._known_orgs
            and self._context_label(span) is None
        ):
            return False  # "Hestekjøtt er en spesialitet": a compound noun opening a sentence
        named_business = self._name_before_organisation_noun(word)
        if (
            span.label_ == ORG
            and word.lower().endswith(self._business_endings)
            and not named_business
            and self._context_label(span) != ORG  # "generalsekretær i Redningsselskapet"
        ):
            return False  # "Fiskeforedlingsbedrift", "Kaffebrenneriet": a description
        if (
            word.lower().endswith(("et", "en"))
            and starts_sentence(span[0])
            and _named_once(span)
            and not _is_place_name(span[0])
            and word not in self._known_orgs
            and self._context_label(span) is None
        ):
            return False  # "Heradet har løyvd", "Gubben eksperimenterer": a definite noun, once
        if span.label_ == ORG and (
            word.lower() in self.common_words
            or _lemma_is_common_noun(span[0])
            or (
                self._inflected_compound(word.lower())
                and _named_once(span)
                and not named_business  # "Skeiegruppen": a name and a business noun
            )
        ):  # "Drammensregionen", "Heradet": a common noun in its definite form
            return (
                word in self._known_orgs
                or self._context_label(span) == ORG
                or self._in_a_list_of_organisations(span, spans)  # "Elvia, Lede, BKK og Linja"
            )
        return True

    def _name_before_organisation_noun(self, word: str) -> bool:
        """True for a name joined to a business or organisation noun ("Skeiegruppen",
        "Reitangruppen"); False when a common word comes before the noun, which makes a
        description ("Kaffebrenneriet", "Fiskeforedlingsbedrift"), and for other words."""
        lowered = word.lower()
        ending = next((e for e in self._organisation_nouns if lowered.endswith(e)), None)
        if ending is None:
            return False
        stem = lowered[: -len(ending)].rstrip("-")
        return len(stem) >= 3 and not any(
            form in self.common_words or is_compound_of_common_word(form, self.common_words)
            for form in {stem, stem[:-1] if stem.endswith("s") else stem}
        )

    @staticmethod
    def _relabel(span: Span, labels: dict[str, str]) -> Span:
        label = labels.get(name_key(span.text), span.label_)
        if LABEL_GROUP.get(label) == LABEL_GROUP.get(span.label_) and label != PERSON:
            label = span.label_  # keep GPE_ORG / LOC apart inside the place group
        return Span(span.doc, span.start, span.end, label=label)


def is_inflected_compound(word: str, common_words: frozenset[str]) -> bool:
    """True for a compound whose last part is a common noun in a definite or plural form:
    "vegbevilgningene" (bevilgning + ene), "hodeskaden" (skade + n)."""
    word = word.lower()
    if not word.endswith(_INFLECTIONS):
        return False
    if any(word[i:] in common_words for i in range(3, len(word) - 3)):
        return True
    ending = next(e for e in sorted(_INFLECTIONS, key=len, reverse=True) if word.endswith(e))
    stem = word[: -len(ending)]
    return any(stem[i:] in common_words for i in range(3, len(stem) - 3))


def is_compound_of_common_word(word: str, common_words: frozenset[str]) -> bool:
    """True when a word ends in a common word of four letters or more ("hestekjøtt")."""
    word = word.lower()
    return any(word[i:] in common_words for i in range(3, len(word) - 3))


def _split_listed_places(span: Span) -> list[Span]:
    """ "Tyskland og Storbritannia" read as one organisation or place is two places: every name
    in it is in the place-name gazetteer."""
    names = [t for t in span if t.lower_ not in ("og", "eller", ",", "&")]
    if (
        len(span) < 3
        or len(names) == len(span)
        or not all(t.norm_.startswith("gaz_") for t in names)
    ):
        return [span]
    return [Span(span.doc, t.i, t.i + 1, label=PLACE) for t in names]


def _part_of_a_full_name(span: Span, spans: list[Span], given_name: bool) -> bool:
    """A lone word that is the surname (or the given name) of a person named in full."""
    key = name_key(span.text)
    return any(
        len(s) > 1
        and s.label_ == PERSON
        and key == name_key(s[0].text if given_name else s[-1].text)
        for s in spans
    )


def _second_end_of_a_route(span: Span) -> bool:
    """ "mellom Sandefjord og Strømstad": the name after a place the gazetteer knows, in a
    "mellom ... og ..." pair, is a place too. Not "fra X til Y", which also moves people
    between employers ("fra Bergen til Equinor")."""
    doc, i = span.doc, span.start
    return (
        i >= 3
        and doc[i - 3].lower_ == "mellom"
        and _is_place_name(doc[i - 2])
        and doc[i - 1].lower_ == "og"
    )


def _short_name_in_brackets(span: Span) -> bool:
    """One word in brackets right after a capitalised word: "al-Qaida i Maghreb (Aqim)"."""
    doc = span.doc
    return (
        span.start >= 2
        and span.end < len(doc)
        and doc[span.start - 1].text == "("
        and doc[span.end].text == ")"
        and doc[span.start - 2].text[:1].isupper()
    )


def _named_once(span: Span) -> bool:
    """True when the article writes the name once (however often the model tagged it); a
    genitive ("Statkrafts") counts as another mention."""
    return span.doc.text.count(span.text) <= 1


def _listed_with_a_place(span: Span, spans: list[Span], legal: frozenset) -> bool:
    """ "i Rakkestad og Eidsberg", "Hornindal Trevare AS (Grodås)": a lone word coordinated with
    a place, or in brackets right after an organisation, is a place."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ in ("og", ",", "eller"):
        before = doc[span.start - 2]
        if any(s.end == before.i + 1 and LABEL_GROUP.get(s.label_) == PLACE for s in spans):
            return True
    if (
        span.end + 1 < len(doc)
        and doc[span.end].lower_ == "i"
        and _is_place_name(doc[span.end + 1])
    ):
        return True  # "Moster i Bømlo": a village in its municipality
    return _in_brackets_after_an_organisation(span, spans, legal)


_ACRONYM_FILLERS = {"og", "i", "for", "av", "-"}


def _names_spelled_by_acronyms(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Sogn og Fjordane Energi (SFE)", "Norges vassdrags- og energidirektorat (NVE)": the
    words before a bracketed acronym whose initials spell it are one organisation's name,
    whatever the model made of them (here a county and nothing). The initials must match
    letter for letter, so "Statens vegvesen (SVV)" or a country's code changes nothing."""
    added = []
    for i in range(1, len(doc) - 2):
        acronym = doc[i + 1].text
        if doc[i].text != "(" or doc[i + 2].text != ")" or not _acronym_like(acronym):
            continue
        start = _start_of_spelled_name(doc, i, acronym.lower())
        if start is not None and not any(
            s.label_ == ORG and s.start < i and start < s.end and (s.start < start or s.end > i)
            for s in spans
        ):  # an organisation the model found reaching beyond those words keeps its own span;
            # one inside them is a piece ("Entreprenørforeningen Bygg" of "... Bygg og Anlegg")
            added.append(Span(doc, start, i, label=ORG))
    return _replacing(spans, added)


def _adjacent_organisations_joined(spans: list[Span]) -> list[Span]:
    """ "KS Bedrifts medlemmer", which the model tagged "KS" + "Bedrifts": two organisations
    with nothing between them on one line are one name; a text that names two writes a
    comma, a word or a line break between them."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        last = out[-1] if out else None
        if (
            last is not None
            and last.label_ == ORG == span.label_
            and last.end == span.start
            and "\n" not in last[-1].whitespace_
            and not span[0].is_punct
        ):
            out[-1] = Span(span.doc, last.start, span.end, label=ORG)
        else:
            out.append(span)
    return out


def _names_joined_by_ampersand(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "daglig leder i Christie & Opsahl" with the model's "Christie" alone: capitalised
    words joined by "&" are one organisation's name (law and audit firms, "Procter &
    Gamble"); "R&M" is one token and needs no help."""
    added = []
    for token in doc:
        i = token.i
        if token.text != "&" or i == 0 or i + 1 >= len(doc):
            continue
        if not (_capitalised_word(doc[i - 1]) and _capitalised_word(doc[i + 1])):
            continue
        start, end = i - 1, i + 2
        while start > 0 and _capitalised_word(doc[start - 1]) and not starts_sentence(doc[start]):
            start -= 1
        while (
            end < len(doc) and _capitalised_word(doc[end]) and "\n" not in doc[end - 1].whitespace_
        ):
            end += 1
        if any(s.start < end and start < s.end for s in spans):
            added.append(Span(doc, start, end, label=ORG))
    return _replacing(spans, added)


def _replacing(spans: list[Span], added: list[Span]) -> list[Span]:
    """``spans`` without those that overlap one of ``added``, plus ``added``."""
    kept = [s for s in spans if not any(s.start < a.end and a.start < s.end for a in added)]
    return kept + added


def _acronym_like(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def _start_of_spelled_name(doc: Doc, bracket: int, letters: str) -> int | None:
    """The first token of the words before ``bracket`` whose initials are ``letters``."""
    j, k = len(letters) - 1, bracket - 1
    while j >= 0 and k >= 0:
        word = doc[k]
        if "\n" in word.whitespace_ or word.is_punct and word.text != "-":
            return None
        if word.lower_ in _ACRONYM_FILLERS:
            k -= 1
            continue
        if word.lower_[:1] != letters[j]:
            return None
        j, k = j - 1, k - 1
    start = k + 1
    return start if j < 0 and doc[start].text[:1].isupper() else None


_LIST_LINKS = {",", "og", "eller"}


def _split_across_items(spans: list[Span], items: list[tuple[int, int]]) -> list[Span]:
    """ "Å Energi, Skeiegruppen og Universitetet i Agder": an organisation the model ran
    across the link between two listed names is one organisation per name; the last part
    keeps the model's end ("Universitetet i Agder")."""
    parts: list[Span] = []
    # the token between one listed name and the next: "," / "og" / "eller"
    links = [end for (_, end), (start, _) in pairwise(items) if start == end + 1]
    for span in spans:
        inside = [k for k in links if span.start < k < span.end - 1]
        if span.label_ != ORG or not inside:
            continue
        bounds = [span.start, *(b for k in inside for b in (k, k + 1)), span.end]
        parts += [
            Span(span.doc, a, b, label=ORG)
            for a, b in zip(bounds[::2], bounds[1::2], strict=True)
            if b > a
        ]
    return parts


def _mostly_organisations(n_org: int, n_items: int, people_or_places: bool = True) -> bool:
    """Three or more organisations and at least half of the list, or two of three; two of
    four when the other two are neither people nor places ("WM-data, TietoEnator, norske
    Ementor og EDB": the model read the other two as a product and a derived word)."""
    if n_org >= 3:
        return 2 * n_org >= n_items
    return n_org == 2 and (n_items == 3 or (n_items == 4 and not people_or_places))


def _listed_names(doc: Doc) -> list[list[tuple[int, int]]]:
    """Lists of three or more capitalised names with a comma among their links, "A, B, C og
    D", as token ranges. A name is a run of capitalised words (with "&", "-", a bracketed
    acronym or an "og" inside); "og"/"eller" closes a list after one more name."""
    lists, i = [], 0
    while i < len(doc):
        items = _list_from(doc, i)
        if len(items) >= 3 and any(doc[start - 1].text == "," for start, _ in items[1:]):
            lists.append(items)
        i = items[-1][1] if items else i + 1
    return lists


def _list_from(doc: Doc, i: int) -> list[tuple[int, int]]:
    items: list[tuple[int, int]] = []
    while (end := _end_of_name(doc, i)) > i:
        items.append((i, end))
        link = doc[end] if end < len(doc) else None
        if link is None or link.lower_ not in _LIST_LINKS or "\n" in link.whitespace_:
            break
        i = end + 1
        if i + 1 < len(doc) and doc[i].text.endswith("ske") and doc[i].is_lower:
            i += 1  # "WM-data, TietoEnator, norske Ementor og EDB": an adjective of origin
        if link.lower_ != ",":  # "og"/"eller": the last name
            if (last := _end_of_name(doc, i)) > i:
                items.append((i, last))
            break
    return items


def _end_of_name(doc: Doc, i: int) -> int:
    j = i
    while j < len(doc):
        token = doc[j]
        if token.text[:1].isupper() and not token.is_punct:
            j += 1
        elif (
            token.text in ("&", "-")
            and j > i
            and j + 1 < len(doc)
            and doc[j + 1].text[:1].isupper()
        ):
            j += 1
        elif token.text == "(" and j > i and j + 2 < len(doc) and doc[j + 2].text == ")":
            j += 3  # "Sogn og Fjordane Energi (SFE)"
        elif token.lower_ == "og" and j > i and j + 1 < len(doc) and _inside_a_name(doc, j):
            j += 1  # "Sogn og Fjordane Energi"
        else:
            break
        if "\n" in doc[j - 1].whitespace_:
            break
    return j


def _inside_a_name(doc: Doc, og: int) -> bool:
    """ "Sogn og Fjordane Energi": an "og" between capitalised words that go on after the
    next word ("Statkraft og Statnett" is two names)."""
    return og + 2 < len(doc) and doc[og + 1].text[:1].isupper() and doc[og + 2].text[:1].isupper()


def _lists_of_names(spans: list[Span]) -> list[list[Span]]:
    """Runs of names joined by a comma, "og" or "eller" and nothing else."""
    chains: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: s.start):
        last = chains[-1][-1] if chains else None
        if (
            last is not None
            and span.start == last.end + 1
            and span.doc[last.end].lower_ in (",", "og", "eller")
        ):
            chains[-1].append(span)
        else:
            chains.append([span])
    return chains


def _listed_with_organisations(span: Span, spans: list[Span]) -> bool:
    """A lone word in a list whose neighbours are organisations is one: "Equinor, Hydro,
    GSMA, Ìslandsbanki, Nokia og SAS". Not a listed place."""
    doc = span.doc
    links = (",", "og", "eller")
    neighbours = []
    if span.start >= 2 and doc[span.start - 1].lower_ in links:
        neighbours.append([s for s in spans if s.end == span.start - 1])
    if span.end + 1 < len(doc) and doc[span.end].lower_ in links:
        neighbours.append([s for s in spans if s.start == span.end + 1])
    return (
        bool(neighbours)
        and not _is_place_name(span[0])
        and all(found and all(s.label_ == ORG for s in found) for found in neighbours)
    )


def _in_brackets_after_an_organisation(span: Span, spans: list[Span], legal: frozenset) -> bool:
    """ "Hornindal Trevare AS (Grodås)": after an organisation's name or legal suffix."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "(" and span.end < len(doc):
        before = doc[span.start - 2]
        closes = doc[span.end].text == ")"
        after_org = before.text in legal or any(
            s.end == before.i + 1 and s.label_ == ORG for s in spans
        )
        return closes and after_org
    return False


def _token_mask(doc: Doc, spans: Iterable[Span]) -> bytearray:
    """One byte per token of ``doc``, 1 where one of ``spans`` covers it."""
    mask = bytearray(len(doc))
    for span in spans:
        mask[span.start : span.end] = b"\x01" * len(span)
    return mask


def _name_word(token: Token) -> bool:
    """A word that may stand in a name: capitalised or an acronym, letters only."""
    return token.is_alpha and (token.is_title or token.is_upper)


def _capitalised_word(token: Token) -> bool:
    """A word of a company's name in market news: capitalised, inner capitals and hyphens
    allowed ("BioMarine", "Höegh")."""
    return token.text[:1].isupper() and token.text.replace("-", "").isalpha()


def _split_at_line_breaks(ent: Span) -> list[Span]:
    """A name never runs across blocks: "Voss\n\nTilsette" is the end of one line and the start
    of the next."""
    parts, start = [], ent.start
    for token in ent:
        if token.is_space or ("\n" in token.whitespace_ and token.i + 1 < ent.end):
            end = token.i if token.is_space else token.i + 1
            if end > start:
                parts.append(Span(ent.doc, start, end, label=ent.label_))
            start = token.i + 1
    if ent.end > start:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return parts


def _lemma_is_common_noun(token: Token) -> bool:
    """The lemmatizer gives a capitalised word a lower-case lemma when it reads it as an
    inflected common noun ("Verftet" -> "verft"); names keep their capital."""
    return token.text[:1].isupper() and token.lemma_[:1].islower() and not token.text.isupper()


def place_prepositions(rules: EntityRules) -> list[str]:
    """Every preposition a place name follows (the three lists of the rule file)."""
    return rules.place_prepositions + rules.spatial_prepositions + rules.direction_prepositions


def _is_place_name_text(text: str) -> bool:
    from pipeline.geography import lookup_place

    return lookup_place(text) is not None


def opens_with_other_name(word: str, known_orgs: frozenset[str]) -> bool:
    """True when the first word of a would-be person's name is a listed organisation or (in
    the genitive) a place: "Jyllands-Posten Jon Helt", "Kasakhstans London"."""
    bare = word[:-1] if word.endswith("s") else word
    return word in known_orgs or (
        bare != word and (bare in known_orgs or _is_place_name_text(bare))
    )


def known_organisations(rules: EntityRules) -> frozenset[str]:
    """Every organisation name the rule files list (companies, non-companies, public bodies)."""
    from pipeline.extract.text import rules as org_rules

    listed = {name for names in rules.non_company_organisations.values() for name in names}
    listed |= set(rules.known_companies)
    return frozenset(listed) | frozenset(org_rules()["public_body_names"])


def _is_place_name(token: Token) -> bool:
    from pipeline.geography import lookup_place  # the project's gazetteer (facts, not the model)

    return token.norm_.startswith("gaz_") or lookup_place(token.text) is not None


def name_key(text: str) -> str:
    """A name's identity within one article: case-folded, one space, no genitive s."""
    key = " ".join(text.split()).lower()
    return key[:-1] if key.endswith("s") and len(key) > 3 and not key.endswith("ss") else key


def _winner(counter: Counter) -> str:
    by_group: Counter = Counter()
    for label, n in counter.items():
        by_group[LABEL_GROUP.get(label, label)] += n
    group = max(sorted(by_group), key=lambda g: by_group[g])
    # within the place group keep the most frequent fine label (GPE_LOC, LOC, GPE_ORG)
    fine = [lab for lab in counter if LABEL_GROUP.get(lab, lab) == group]
    return max(sorted(fine), key=lambda lab: counter[lab]) if fine else group


def title_endings(rules: EntityRules, titles: Iterable[str]) -> tuple[str, ...]:
    """Endings that make a compound a title: every title word of five letters or more
    ("kommunaldirektør"), and the short ones the rules name ("økonomisjef")."""
    long = {t for t in titles if len(t) >= 5 and t.isalpha()}
    return tuple(sorted(long | set(rules.title_compound_endings)))


def starts_sentence(token: Token) -> bool:
    """True at a sentence's or a block's first word (after an opening quote or dash too)."""
    if token.is_sent_start or token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    return previous.text in _SENTENCE_OPENERS or previous.is_space or "\n" in previous.whitespace_


def _capitalised_inside_sentences(doc: Doc) -> set[str]:
    """Lower-cased words this article capitalises where a capital means a name."""
    return {
        t.text.lower()
        for t in doc
        if t.text[:1].isupper() and not t.text.isupper() and not starts_sentence(t)
    }


def _missed_mentions(doc: Doc, found: list[Span], labels: dict[str, str]) -> list[Span]:
    """Other occurrences of names found elsewhere in the article, with the same label."""
    taken = _token_mask(doc, found)
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    labels = dict(labels)
    full_names = {s.text for s in found if s.label_ == PERSON and len(s) > 1}
    surnames = Counter(name.split()[-1] for name in full_names)
    for span in found:
        words = tuple(t.text for t in span)
        if words not in by_first[words[0]]:
            by_first[words[0]].append(words)
        # "Myhre forteller": the surname of someone named in full, when only one has it
        surname = span[-1].text
        if span.label_ == PERSON and len(span) > 1 and surnames[surname] == 1:
            labels.setdefault(name_key(surname), PERSON)
            if (surname,) not in by_first[surname]:
                by_first[surname].append((surname,))
    added = []
    for token in doc:
        if taken[token.i] or token.text not in by_first:
            continue
        for words in sorted(by_first[token.text], key=len, reverse=True):
            end = token.i + len(words)
            if end <= len(doc) and tuple(t.text for t in doc[token.i : end]) == words:
                if taken.find(1, token.i, end) >= 0:
                    continue
                label = labels.get(name_key(" ".join(words)))
                if label is None:
                    continue
                added.append(Span(doc, token.i, end, label=label))
                taken[token.i : end] = b"\x01" * len(words)
                break
    return added


def organisation_category(name: str, rules: EntityRules) -> str | None:
    """The kind of non-company an organisation's name says it is (party, media, ...), or None."""
    for category, names in rules.non_company_organisations.items():
        if name in names or name.rstrip("s") in names:
            return category
    words = set(name.replace("-", " ").split())
    lowered = {w.lower() for w in words}
    for word in rules.non_company_name_words:
        if (word in words) if word[:1].isupper() else (word in lowered):
            return "name_word"
    return None


@Language.factory(
    COMPONENT_NAME,
    # reads the model's entities, sentence starts and parts of speech (when the model has them)
    requires=["doc.ents", "token.is_sent_start", "token.pos"],
    assigns=["doc.ents", "doc.spans"],  # span groups person_mentions, org_mentions, place_mentions
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


def spans_of(doc: Doc, key: str) -> Iterable[Span]:
    """A span group, empty when the component did not run (a pipeline built without it)."""
    return doc.spans[key] if key in doc.spans else ()
