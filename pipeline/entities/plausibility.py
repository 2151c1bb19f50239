"""Whether a mention is a name at all, checked before and after the vote: names of several
words (no digits, no common words only, no title as a company) and lone words (a person
only as someone's surname, an organisation only when no common word or with a cue)."""

from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.entities.candidates import capitalised_inside_sentences
from pipeline.entities.labels import LABEL_GROUP, ORG, PERSON, PLACE, name_key
from pipeline.entities.lists import lists_of_names, mostly_organisations
from pipeline.entities.words import (
    WEB_DOMAINS,
    is_compound_of_common_word,
    is_place_name,
    is_place_name_text,
    lemma_is_common_noun,
    named_once,
    starts_sentence,
)


class Plausibility:
    """The checks that drop or retype implausible names (a mixin of EntityResolver)."""

    def _plausible_name(self, span: Span) -> bool:
        """Names of several words, checked before they vote: a person's name with a legal
        suffix is a company ("Moss Rakkestad Kornlager SA"); a would-be person whose given
        name is a common noun ("Klimanettverk Romerike") and an organisation made of common
        words only ("Bærekraftig Design") are no names."""
        if any(goals in span.text for goals in self.rules.goal_designations):
            return False  # "Sustainable Development Goal (SDG)": the goals, not their owner
        if span.label_ == PERSON and any(c.isdigit() for c in span.text):
            return False  # "SDG 2", "Nr. 7": no one's name has digits
        if _in_a_label_in_capitals(span) and span.text not in self._known_orgs:
            return False  # "UNIK GAVETRADISJON: ...": in capitals, a word says nothing of names
        if span[-1].text.lower().endswith(WEB_DOMAINS):
            span.label_ = ORG  # "nettbutikken Dyrekassen.no": a web shop, not a person
            return True
        _, hyphen, tail = span[-1].text.rpartition("-")
        if span.label_ == PERSON and hyphen and len(tail) > 3 and tail in self.common_words:
            return False  # "Johan Sverdrup-feltet" is a field; "Kim Jong-il" is a person
        if span.label_ == PERSON and len(span) > 1 and is_place_name_text(span.text):
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
        if span.label_ == ORG and self._a_persons_full_name(span):
            span.label_ = PERSON  # "i Scandic Norge, Tine Birkeland Westby": a given name
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

    def _a_persons_full_name(self, span: Span) -> bool:
        """A given name the entity rules list and two more capitalised words, none of the
        lexicon, a listed organisation's or a legal form ("Tine Birkeland Westby", not "Tine
        Meieriet Vest" or "Kari Traa AS"): a person's full name the model read as a name of
        the company the given name also spells."""
        rest = span[1:]
        return (
            len(span) >= 3
            and span[0].text in self._given_names
            and span.text not in self._known_orgs
            and all(t.is_title and t.lower_ not in self.common_words for t in rest)
            and not any(t.text in self._legal for t in rest)
        )

    def _lone_word_fits(self, span: Span, spans: list[Span]) -> bool:
        """A lone word is a person only as the surname of someone named in full (else a place
        the gazetteer knows is a place, and a common word is nothing), and an organisation
        only when it is no common word ("Samarbeid", "Verftet") or is a known organisation or
        has a cue ("selskapet Reint", "Reint AS")."""
        if len(span) > 1:
            return True
        settled = self._settled_lone_word(span, spans)
        if settled is not None:
            return settled
        if span.label_ == PERSON:
            return self._lone_person_fits(span, spans)
        return self._lone_non_person_fits(span, spans)

    def _settled_lone_word(self, span: Span, spans: list[Span]) -> bool | None:
        """The verdict on a lone word that a bracket after an organisation or the rule files'
        lists settle (an acronym or a place in brackets, a listed organisation, a title), or
        None when they do not."""
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
        if span.label_ == ORG and (
            word.lower() in self._titles or word.lower().endswith(self._title_endings)
        ):
            return False  # "Kronprins Haakon", a heading "Fylkesvaraordførar": a title
        if span.label_ == ORG and _in_brackets_after_an_organisation(span, spans, self._legal):
            span.label_ = PLACE  # "Hornindal Trevare AS (Grodås)"
            return True
        return None

    def _lone_person_fits(self, span: Span, spans: list[Span]) -> bool:
        """A lone would-be person: a surname or given name of someone named in full, a place
        after a place preposition or in a list of places, an organisation in a list of
        organisations, else a person only when it is no common word."""
        word = span.text
        if word.endswith("-"):
            return False  # "Energi- og miljørådgiver": a compound's first part, no one's name
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
        if is_place_name(span[0]) and not any(
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
            and not self._definite_title(lowered)  # "Kyrkjeverja er sekretær for rådet"
            and lowered not in self.common_words
            and not lemma_is_common_noun(span[0])
            and not any(lowered[i:] in self.common_words for i in range(3, len(lowered) - 3))
            and not (starts_sentence(span[0]) and named_once(span))
        )  # "Overskuddsbrød", "Gubben", "Huff!": a common word is no lone first or last
        # name, and a lone word written once, opening a sentence, is no evidence of one

    def _definite_title(self, word: str) -> bool:
        """A title in its definite form ("leiaren", "rektoren", "kyrkjeverja" of
        "kyrkjeverje"): a role the text refers back to, no one's name."""
        stems = [word[: -len(e)] for e in ("en", "n", "et", "a") if word.endswith(e)]
        stems += [stem + "e" for stem in stems if word.endswith("a")]  # "verja" of "verje"
        return any(stem in self._titles for stem in stems)

    def _lone_non_person_fits(self, span: Span, spans: list[Span]) -> bool:
        """A lone organisation or place: no noun that introduces a company's name, no common
        noun or description opening a sentence once, unless listed or cued."""
        word = span.text
        if word.lower() in self._org_before:
            return False  # "Verftet", "Bryggeriet": the nouns that introduce a company's name
        if (
            starts_sentence(span[0])
            and named_once(span)
            and is_compound_of_common_word(word, self.common_words)
            and not is_place_name(span[0])
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
            # "i Skiforeningen", "av Skiforeningens virke": a capital inside a sentence names
            and not {word.lower(), word.lower() + "s"} & capitalised_inside_sentences(span.doc)
        ):
            return False  # "Fiskeforedlingsbedrift", "Kaffebrenneriet": a description
        lowered = word.lower()
        if (
            (lowered.endswith(("et", "en")) or _feminine_definite(lowered, self.common_words))
            and starts_sentence(span[0])
            and named_once(span)
            and not is_place_name(span[0])
            and word not in self._known_orgs
            and self._context_label(span) is None
        ):
            return False  # "Heradet har løyvd", "Ordninga vert støtta": a definite noun, once
        if span.label_ == ORG and (
            word.lower() in self.common_words
            or lemma_is_common_noun(span[0])
            or (
                self._inflected_compound(word.lower())
                and named_once(span)
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

    def _in_a_list_of_organisations(self, span: Span, spans: list[Span]) -> bool:
        """True inside a list that is mostly organisations, not opened by "fra"/"til"."""
        for chain in lists_of_names(spans):
            if span in chain:
                first = chain[0].start
                opener = span.doc[first - 1].lower_ if first > 0 else ""
                n_org = sum(s.label_ == ORG for s in chain)
                return (
                    mostly_organisations(n_org, len(chain))
                    and opener not in self._list_place_openers
                )
        return False


def _part_of_a_full_name(span: Span, spans: list[Span], given_name: bool) -> bool:
    """A lone word that is the surname (or the given name) of a person named in full."""
    key = name_key(span.text)
    return any(
        len(s) > 1
        and s.label_ == PERSON
        and key == name_key(s[0].text if given_name else s[-1].text)
        for s in spans
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


def _listed_with_a_place(span: Span, spans: list[Span], legal: frozenset) -> bool:
    """ "i Rakkestad og Eidsberg", "Hornindal Trevare AS (Grodås)": a lone word coordinated with
    a place, or in brackets right after an organisation, is a place."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ in ("og", ",", "eller"):
        before = doc[span.start - 2]
        if any(s.end == before.i + 1 and LABEL_GROUP.get(s.label_) == PLACE for s in spans):
            return True
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "i" and is_place_name(doc[span.end + 1]):
        return True  # "Moster i Bømlo": a village in its municipality
    return _in_brackets_after_an_organisation(span, spans, legal)


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
        and not is_place_name(span[0])
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


def _feminine_definite(word: str, common_words: frozenset[str]) -> bool:
    """ "ordninga": a common noun of five letters or more and the feminine "-a" ("Rema",
    "Mesta": too short a stem to tell)."""
    return word.endswith("a") and len(word) > 5 and word[:-1] in common_words


def _in_a_label_in_capitals(span: Span) -> bool:
    """Whether the span lies in a line written in capitals ("BÆREKRAFTSMÅL 14 | LIVET I
    HAVET") or in a label in capitals that opens its line ("FISH TECH: Fiskeriministeren
    ..."): where every letter is a capital, the capital tells no name from a word."""
    text = span.doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if not any(c.islower() for c in line):
        return len(re.findall(r"[A-ZÆØÅ]{2,}", line)) >= 2
    label = _LABEL_IN_CAPITALS.match(line)  # of two words or more: "NHO: ..." names
    return (
        label is not None
        and len(label.group().split()) >= 2
        and span.end_char <= line_start + label.end()
    )


_LABEL_IN_CAPITALS = re.compile(r"[^a-zæøå:\n]*[A-ZÆØÅ]{2}[^a-zæøå:\n]*:")
