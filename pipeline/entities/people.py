"""People's names the model cut or ran together: a name across particles ("Ursula von der
Leyen"), a given name it read as something else, a surname run into a company's name, a
newspaper's or a country's name opening a person's."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.doc_text import text_of
from pipeline.entities.labels import LABEL_GROUP, ORG, PERSON, PLACE
from pipeline.entities.words import (
    NOT_NAME_LABELS,
    is_place_name,
    opens_with_other_name,
    replacing,
    starts_sentence,
)


class PersonNamePasses:
    """The passes that mend people's names (a mixin of EntityResolver)."""

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
        return replacing(spans, added)

    def _given_names_the_model_missed(self, targets: list[Span], kept: list[Span]) -> list[Span]:
        """ "sonen Gustav Magnar Witzøe" tagged as an event "Gustav" and a person "Magnar
        Witzøe": a capitalised word inside the sentence that the model gave a label no name
        of a person's kind has (event, product, misc) joins the person right after it."""
        odd = {s.end: s for s in kept if s.label_ in NOT_NAME_LABELS and len(s) == 1}
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
                and not self._a_title_word(before[0])  # "Rådmann Ove Sæbø": a capitalised title
            ):
                span = Span(span.doc, before.start, span.end, label=PERSON)
            out.append(span)
        return out

    def _given_name_before_a_place(self, targets: list[Span], kept: list[Span]) -> list[Span]:
        """ "festivalsjef for Malakoff, Arnt-Ivar Naustdal", tagged as a place "Naustdal"
        alone: a surname that is also a place's name, after a given name the model left
        untagged (or read as a word of another kind: "Arnt-Ivar" as derived), is a
        person's name with that given name ("Arnt-Ivar": one part known)."""
        odd = {s.start for s in kept if s.label_ in NOT_NAME_LABELS and len(s) == 1}
        taken = {i for s in kept for i in range(s.start, s.end) if s.start not in odd}
        out = []
        for span in targets:
            before = span.doc[span.start - 1] if span.start else None
            if (
                LABEL_GROUP.get(span.label_) == PLACE
                and len(span) == 1
                and before is not None
                and before.i not in taken
                and self._a_given_name(before)
            ):
                span = Span(span.doc, before.i, span.end, label=PERSON)
            out.append(span)
        return out

    def _a_given_name(self, token: Token) -> bool:
        """A capitalised given name of the lists, or a hyphenated one with a part of them
        ("Arnt-Ivar"), not a sentence's first word (a place may open a sentence)."""
        parts = token.text.split("-")
        return (
            not starts_sentence(token)
            and all(p[:1].isupper() and p[1:].islower() and p.isalpha() for p in parts)
            and any(p in self._given_names for p in parts)
        )

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

    def _person_then_organisation(self, span: Span, spans: list[Span]) -> list[Span]:
        """ "Kjell Rusti Sopra Steria" (a caption under a photo): a person the text names on
        their own, then the opening words of an organisation it names elsewhere ("Sopra
        Steria Skandinavia"), read as one name: the person and the organisation."""
        if span.label_ != PERSON or len(span) < 3:
            return [span]
        others = [s for s in spans if s is not span]
        # the organisation's words are two at least: one word after a name is a surname as
        # often as a company ("Marit Krohn Ulstein" of the Ulstein family, beside Ulstein Group)
        for cut in range(span.start + 2, span.end - 1):
            person, rest = span.doc[span.start : cut], span.doc[cut : span.end].text
            named_alone = any(s.label_ == PERSON and s.text == person.text for s in others)
            organisation = any(
                s.label_ == ORG and (s.text == rest or s.text.startswith(rest + " "))
                for s in others
            )
            if named_alone and organisation:
                return [
                    Span(span.doc, span.start, cut, label=PERSON),
                    Span(span.doc, cut, span.end, label=ORG),
                ]
        return [span]

    def _without_leading_other_name(self, span: Span) -> list[Span]:
        """ "Jyllands-Posten Jon Helt", "Kasakhstans London": a person's name does not open
        with a newspaper's or a country's name, nor an organisation's end with a person's;
        the model ran two names together."""
        if span.label_ in (PERSON, ORG) and len(span) > 1 and span[0].text in self._companies:
            return [Span(span.doc, span.start, span.end, label=ORG)]  # "Mowi Market Norway"
        if span.label_ != PERSON and len(span) > 2 and self._ends_with_a_person(span):
            # "i Vålerenga Erik Espeseth og ...": one word, then a person the text names on
            # their own; the model ran two names together
            return [
                Span(span.doc, span.start, span.start + 1, label=span.label_),
                Span(span.doc, span.start + 1, span.end, label=PERSON),
            ]
        if (
            span.label_ == PERSON
            and len(span) > 2
            and span[0].text not in self._given_names  # "Hans Ola Røksund" beside "Han"
            and span[0].text[:-1].lower() not in self.common_words
            and _genitive_of_a_word_written_alone(span[0])
        ):
            # "Norinnovas Therese Lein" where the article writes "Norinnova" alone: the
            # organisation's genitive, then its person
            return [Span(span.doc, span.start + 1, span.end, label=PERSON)]
        if span.label_ == PERSON and len(span) > 1 and self._other_name(span[0]):
            person = Span(span.doc, span.start + 1, span.end, label=PERSON)
            first = span[0].text
            if first in self._known_orgs or first.rstrip("s") in self._known_orgs:
                return [Span(span.doc, span.start, span.start + 1, label=ORG), person]
            return [person]
        return [span]

    def _ends_with_a_person(self, span: Span) -> bool:
        """Whether the words after the first are a person's name the text gives elsewhere to
        someone who speaks or holds a title, and the first word stands alone elsewhere too
        ("Vålerenga")."""
        person = span.doc[span.start + 1 : span.end]
        # named elsewhere as someone who speaks or holds a title ("sier Erik Espeseth")
        speaking = any(
            e.text == person.text
            and e.start > 0
            and (
                e.doc[e.start - 1].lower_ in self._speech_verbs
                or self._is_title(e.doc[e.start - 1])
            )
            for e in span.doc.ents
            if e.label_ == PERSON
        )
        return (
            speaking and self._reads_as_a_name(person) and _named_alone(span.doc, span[:1], person)
        )

    def _reads_as_a_name(self, words: Span) -> bool:
        """A person's name, not a place's ("Hallingdal Valdres") or words of the lexicon
        ("Global Compact")."""
        return not any(
            is_place_name(t) or t.lower_ in self.common_words or not t.is_title for t in words
        )

    def _other_name(self, first: Token) -> bool:
        return first.norm_ in ("gaz_land", "gaz_fylke") or opens_with_other_name(
            first.text, self._known_orgs
        )

    def _common_noun_as_given_name(self, token: Token) -> bool:
        if token.text in self._given_names:
            return False  # "Kristoffer" is no "stoffer" compound: a given name of the rules
        word = token.lower_
        if len(word) >= 6 and word in self.common_words:
            return True
        return any(word[i:] in self.common_words for i in range(3, len(word) - 5))


def _genitive_of_a_word_written_alone(first: Token) -> bool:
    """Whether a capitalised word ending in s is the genitive of a word the text writes on
    its own, capitalised, elsewhere ("Norinnovas" beside "Norinnova"); a given name such as
    "Mons" or "Klaus" has no such form beside it."""
    word = first.text
    if not (word.endswith("s") and len(word) > 3 and word[:1].isupper()):
        return False
    bare = word[:-1]
    return any(t.text == bare for t in first.doc if t.i != first.i)


def _named_alone(doc: Doc, name: Span, not_before: Span) -> bool:
    """Whether the text writes ``name`` elsewhere without ``not_before`` after it ("Vålerenga"
    on its own, not only "Vålerenga Erik Espeseth")."""
    text = text_of(doc)
    at = re.compile(rf"(?<![\w-]){re.escape(name.text)}(?![\w-])")
    return any(not text.startswith(not_before.text, m.end() + 1) for m in at.finditer(text))
