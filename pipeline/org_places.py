"""The ``pipeline_org_places`` component: where an organisation is, read from the sentence's
dependency tree (issue 25).

"Hareid Aluminiumsbåtar AS held til i Brandal", "Stranda Interiør AS har fabrikk i Stranda",
"Lierstranda Logistikk AS, med terminaler i Lier og Drammen, ..." tie a place to an
organisation through the clause, not through the words right after the name. The patterns
are data (``resources/place_rules.json``, rule records with examples that
``tests/test_rule_examples.py`` runs with and without each rule); the prepositions they
test are the entity rules' ``place_prepositions`` (marked ``Token._.place_preposition``).

Writes ``Doc._.org_places``: (organisation start, end, place start, end, rule) in
characters, one per place (a place coordinated with it, "i Lier og Drammen", too). The
extraction layer adds them to the organisation's described places. Without a parser it
changes nothing.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.entities import ORG_SPANS, PLACE_SPANS
from pipeline.rules import RuleSet, TreeRuleFile, dependency_matcher

COMPONENT_NAME = "pipeline_org_places"
RULES_FILE = "place_rules.json"

for _name in ("in_org", "in_place", "place_preposition"):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=False)
if not Doc.has_extension("org_places"):
    Doc.set_extension("org_places", default=None)


class OrganisationPlaces(TreeRuleFile):
    rules_file = RULES_FILE

    def __init__(self, nlp: Language, name: str = COMPONENT_NAME, *, rules: str = "default"):
        self.name = name
        self.vocab = nlp.vocab
        self._load_rules(rules)

    def _use(self, source: str) -> None:
        self.matcher, self.node_names = dependency_matcher(self.vocab, self._records(source))

    def __call__(self, doc: Doc) -> Doc:
        self._require_rules()
        # the place prepositions of the rules the Doc was made with (a user's entity rules too)
        self.prepositions = frozenset(RuleSet.of(doc).entity.place_prepositions)
        doc._.org_places = []
        orgs = list(doc.spans.get(ORG_SPANS, []))
        places = list(doc.spans.get(PLACE_SPANS, []))
        if not orgs or not places or not doc.has_annotation("DEP"):
            return doc
        _mark(orgs, "in_org")
        _mark(places, "in_place")
        for token in doc:
            token._.place_preposition = token.lower_ in self.prepositions
        seen = set()
        for match_id, tokens in self.matcher(doc):
            rule = self.vocab.strings[match_id]
            named = dict(zip(self.node_names[rule], tokens, strict=True))
            org = _span_at(orgs, named["org"])
            if org is None:
                continue
            for place in _with_conjuncts(doc, places, named["place"]):
                key = (org.start_char, org.end_char, place.start_char, place.end_char)
                if key not in seen and not _other_organisation_between(orgs, org, place):
                    seen.add(key)
                    doc._.org_places.append((*key, rule))
        return doc


def _mark(spans: list[Span], flag: str) -> None:
    for span in spans:
        for token in span:
            token._.set(flag, True)


def _span_at(spans: list[Span], i: int) -> Span | None:
    return next((s for s in spans if s.start <= i < s.end), None)


def _other_organisation_between(orgs: list[Span], org: Span, place: Span) -> bool:
    """Whether another organisation is named between the two: in a long sentence that lists
    several ("X fikk med seg Y og Z AS på Hansnes") the place is the nearer one's, whatever
    a parse that joins the list to the first verb says."""
    low, high = sorted((org.end, place.start))
    return any(o is not org and low <= o.start < high for o in orgs)


def _with_conjuncts(doc: Doc, places: list[Span], i: int) -> list[Span]:
    """The place at token ``i`` and the places coordinated with it ("i Lier og Drammen")."""
    found = [s for s in [_span_at(places, i)] if s is not None]
    for child in doc[i].children:
        if child.dep_ == "KOORD" and (place := _span_at(places, child.i)) is not None:
            found.append(place)
    return found


@Language.factory(
    COMPONENT_NAME,
    requires=["token.dep", "doc.spans"],
    assigns=["doc._.org_places"],
    default_config={"rules": "default"},
)
def make_org_places(nlp: Language, name: str, rules: str) -> OrganisationPlaces:
    return OrganisationPlaces(nlp, name, rules=rules)
