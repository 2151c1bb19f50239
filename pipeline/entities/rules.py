"""The rule files of ``pipeline_entities``: ``entity_rules.json`` validated by EntityRules
(unknown keys are an error), the common-word lexicon, and the word lists read from them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.rules import RuleSet, per_rule_set, rule_words
from pipeline.sdg import read_resource


class EntityRules(BaseModel):
    """resources/entity_rules.json; unknown keys are an error (a typo never switches a rule off)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    comment: str = Field(default="", alias="_comment")
    person_titles: list[str] = Field(
        description="Lower-case words that stand before a person's name"
    )
    goal_designations: list[str] = Field(
        default_factory=list,
        description="What the UN goals are called in English ('Sustainable Development Goals'): "
        "a name holding one of these is the goals', never an organisation or a person",
    )
    female_given_names: list[str] = Field(
        default_factory=list,
        description="Given names of women ('Kari'): the quote rules' 'ho'/'hun' for the person",
    )
    male_given_names: list[str] = Field(
        default_factory=list,
        description="Given names of men ('Per'): the quote rules' 'han' for the person",
    )
    english_title_words: dict[str, list[str]] = Field(
        default_factory=dict,
        description="English job titles: 'heads' end one ('manager', 'officer'), 'openers' "
        "go before a head ('chief', 'communications'); see pipeline/entities/english_titles.py",
    )
    respective_markers: list[str] = Field(
        default_factory=list,
        description="'A og B, henholdsvis T1 og T2': the word that gives coordinated people "
        "their titles in order",
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
    education_words: list[str] = Field(
        default_factory=list,
        description="Words that make the title after them a training, not a role ('utdannet sykepleier')",
    )
    former_title_words: list[str] = Field(
        default_factory=list,
        description="Words that make the title after them a post once held ('tidlegare ordførar')",
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
    inner_capital_person_openings: list[str] = Field(
        default_factory=list,
        description="How a person's one-word name may open before a capital inside it "
        "('Mc'Donald, 'Di'Caprio); any other one-word name with an inner capital "
        "('PostNord', 'BoKlok') is an organisation's",
    )
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


@lru_cache(maxsize=4)
def load_entity_rules(source: str | Path) -> EntityRules:
    """The packaged rules ("default") or a user's JSON file with the same fields."""
    return EntityRules.model_validate(rule_words(read_resource(source, "entity_rules.json")))


@lru_cache(maxsize=2)
def load_common_words(source: str = "default") -> frozenset[str]:
    """Lower-case word forms that are common words, not names (one a line, '#' comments)."""
    raw = read_resource(source, "common_words.txt")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


def place_prepositions(rules: EntityRules) -> list[str]:
    """Every preposition a place name follows (the three lists of the rule file)."""
    return rules.place_prepositions + rules.spatial_prepositions + rules.direction_prepositions


@per_rule_set
def known_organisations(rules: RuleSet) -> frozenset[str]:
    """Every organisation name the rule files list (companies, non-companies, public bodies)."""
    entity = rules.entity
    listed = {name for names in entity.non_company_organisations.values() for name in names}
    listed |= set(entity.known_companies)
    return frozenset(listed) | frozenset(rules.org["public_body_names"])


def title_endings(rules: EntityRules, titles: Iterable[str]) -> tuple[str, ...]:
    """Endings that make a compound a title: every title word of five letters or more
    ("kommunaldirektør"), and the short ones the rules name ("økonomisjef")."""
    long = {t for t in titles if len(t) >= 5 and t.isalpha()}
    return tuple(sorted(long | set(rules.title_compound_endings)))


def organisation_category(name: str, rules: EntityRules) -> str | None:
    """The kind of non-company an organisation's name says it is (party, media, ...), or None."""
    for category, names in rules.non_company_organisations.items():
        if name in names or name.rstrip("s") in names:
            return category
    parties = rules.non_company_organisations.get("party", [])
    first, *_, last = name.split() if " " in name else ("", "")
    if first[:1].isupper() and len(last) > 1 and last in parties:
        return "party"  # "Volda Venstre", "Stord Høgre": a party's local branch
    words = set(name.replace("-", " ").split())
    lowered = {w.lower() for w in words}
    for word in rules.non_company_name_words:
        if (word in words) if word[:1].isupper() else (word in lowered):
            return "name_word"
    return None
