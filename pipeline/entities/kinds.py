"""What kind of name a mention is, from the words around it (a title, an organisation
noun, a legal suffix, a preposition only places follow) and from the name itself (a trade
word, a listed organisation, a publication read rather than acting)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.entities.labels import LABEL_GROUP, ORG, PERSON, PLACE
from pipeline.entities.words import (
    DEFINITE_ENDINGS,
    is_inflected_compound,
    is_place_name,
    named_once,
    starts_sentence,
)

#: A capital after lower-case letters inside one word: "PostNord", "BoKlok".
_INNER_CAPITAL = re.compile(r"[A-ZÆØÅ][a-zæøå]+[A-ZÆØÅ]")


#: Two to five capitals, a genitive s at most: "BKK", "FKRAs"; longer words in capitals
#: are a caption's label ("HOVUDANSVARET:") more often than a name.
_ACRONYM = re.compile(r"[A-ZÆØÅ]{2,5}s?")


class ContextCues:
    """The typing of a mention by its context and its words (a mixin of EntityResolver)."""

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

    def _known_organisation(self, span: Span) -> Span:
        """A listed organisation the model read as something else is an organisation: a
        newspaper or a party as a product ("skrev Dagbladet"), a listed company as a person
        ("sier at Equinor vil"), and a listed organisation's branch named by its place
        ("Fagforbundet Kristiansund") as a person. Listed names are facts; the model's guess
        is not."""
        text = span.text[:-1] if span.text.endswith("s") else span.text
        if span.label_ != ORG and (span.text in self._known_orgs or text in self._known_orgs):
            return Span(span.doc, span.start, span.end, label=ORG)
        if (
            LABEL_GROUP.get(span.label_) == PERSON
            and len(span) > 1
            and span[0].text in self._known_orgs
            and all(t.norm_.startswith("gaz_") for t in span[1:])
        ):
            return Span(span.doc, span.start, span.end, label=ORG)  # "Fagforbundet Alta": a branch
        if (span.label_ in ("EVT", "MISC") and self._names_an_organisation(span)) or (
            span.label_ == "PROD" and len(span) > 1 and self._is_trade_tail(span[-1])
        ):
            return Span(span.doc, span.start, span.end, label=ORG)  # "Stiftelsen X" as EVT
        return span

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

    @staticmethod
    def _before(span: Span) -> str:
        return span.doc[span.start - 1].lower_ if span.start > 0 else ""

    def _holder_after_body(self, span: Span) -> bool:
        """ "Lederen i foreningen Tore Hansen", "styreleiar i laget Kari Lie": a given name
        and a surname after a title, its preposition and a body's noun name the title's
        holder, not the body."""
        doc = span.doc
        if not 2 <= len(span) <= 3 or span[0].text not in self._given_names or span.start < 3:
            return False
        title, preposition = doc[span.start - 3], doc[span.start - 2]
        if preposition.lower_ not in self._role_prepositions:
            return False
        # the definite form too: "Lederen i foreningen", "Leiaren i laget"
        base = re.sub(r"(?:en|a|n)$", "", title.lower_)
        return self._is_title(title) or (title.lower_ != base and base in self._titles)

    def _holder_in_apposition(self, span: Span) -> bool:
        """ "driftssjef i Bunnpris, Ørjan Lie, til avisa": a given name and a surname after a
        comma, with a title the parser hangs on them as their apposition, name the title's
        holder, however the model read them (a title names no organisation's apposition
        there)."""
        if not 2 <= len(span) <= 3 or span.start < 2 or span.doc[span.start - 1].text != ",":
            return False
        if span[0].text not in self._given_names and not self._words_of_a_personal_name(span):
            return False
        return any(
            child.dep_ == "APP" and child.i < span.start and self._is_title(child)
            for token in span
            for child in token.children
        )

    def _words_of_a_personal_name(self, span: Span) -> bool:
        """Capitalised words that are no lexicon word, no trade word and no organisation's
        name: what a given name the list lacks and a surname look like ("Ørjan Skonseng")."""
        return (
            all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in span)
            and not any(t.lower_ in self.common_words for t in span)
            and not self._is_trade_tail(span[-1])
            and span.text not in self._known_orgs
            and not self._names_an_organisation(span)
        )

    def _context_label(self, span: Span) -> str | None:
        """The label the words around a name give it, or None."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end].text if span.end < len(doc) else ""
        if self._holder_after_body(span) or self._holder_in_apposition(span):
            return PERSON  # "Lederen i foreningen Tore Hansen": the title's holder
        if (
            before is not None
            and span.start >= 2
            and doc[span.start - 2].lower_ in self._speech_verbs
            and len(span) > 1
            and after not in self._legal
            and (
                span[0].text in self._given_names
                or (span.label_ == PERSON and self._words_of_a_personal_name(span))
            )
        ):
            return PERSON  # "seier produsent Kim Åge Furuhaug": who speaks, after a title
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
        where = before is not None and before.lower_ in self._place_prepositions
        if len(span) == 1 and self._one_word_name(span[0]):
            # "Vi håper at Oppdalsbanken ...", "frå Oppdalsbankens gåvefond"; a place's
            # preposition that no role takes says the bank is a fishing bank ("på Haltenbanken")
            if not (where and before.lower_ not in self._role_prepositions):
                return ORG
        if len(span) > 1 and span[-1].lower_.endswith(self._body_heads):
            return ORG  # "Haukeland universitetssykehus", "Bergen tingrett": the form of a body
        if (
            self._names_an_organisation(span)
            or self._inner_capital_name(span)
            or self._acronym_of_an_organisation(span)
        ):
            return ORG
        if (
            span.end < len(doc)
            and self._share_move_at(doc, span.end)
            and not (len(span) == 1 and self._may_be_common_noun(span[0]))
        ):  # "Austevoll er opp 2,3 prosent": the company, not the municipality ("Aksjen": no name)
            return ORG
        if (
            before is not None
            and before.lower_ in self._role_prepositions | self._place_prepositions
            and all(t.norm_ == "gaz_land" for t in span)
        ):
            return PLACE  # "ambassadør i Russland", "landsjef i Russland": where, not whom
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
            if span[0].text in self._known_orgs:
                return ORG  # "hovedtillitsvalgt Fagforbundet Alta": a listed body's branch
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

    def _one_word_name(self, token: Token) -> bool:
        """A compound of a definite organisation noun that the text capitalises inside a
        sentence, where only a name is: "Oppdalsbanken", "Oppdalsbankens"."""
        if not token.is_title or starts_sentence(token):
            return False
        word = token.lower_
        return any(
            base.endswith(ending) and len(base) >= len(ending) + 3
            for base in (word, word[:-1] if word.endswith("s") else word)
            for ending in self._one_word_name_endings
        )

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
        if not (token.text[:1].islower() or token.is_upper or starts_sentence(token)):
            return False
        return self._a_title_word(token)

    def _a_title_word(self, token: Token) -> bool:
        """A role word whatever its case ("Rådmann" capitalised inside a sentence, as pages
        write offices): a title of the lexicon, or a word ending in one."""
        lowered = token.lower_
        return lowered in self._titles or lowered.endswith(self._title_endings)

    def _is_title_compound(self, token: Token) -> bool:
        """A compound that ends in a role word, capitalised or not ("Bærekraftsjef" in a
        caption): no first name is built that way, so it is a title before a name."""
        lowered = token.lower_
        if "-" in token.text and not token.text.endswith("-"):  # "Wiersholm-MP", "Kværner-sjef"
            tail = token.text.rsplit("-", 1)[1]
            return (tail.isupper() and 2 <= len(tail) <= 4) or tail.lower() in self._titles
        return token.is_alpha and any(
            lowered.endswith(ending) and len(lowered) >= len(ending) + 4
            for ending in self._title_endings
        )

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

    def _acronym_of_an_organisation(self, span: Span) -> bool:
        """A one-word name in capitals, read as a person or an organisation, in a sentence
        of ordinary case ("sier Tonny Nundal, kommunikasjonsdirektør BKK"): people's names
        are not acronyms, organisations' often are, and a title before one names its
        employer. An acronym read as a place stays one ("USA"), a word of the lexicon is
        no name ("NOK", "PDF")."""
        text = span.text
        if len(span) != 1 or span.label_ not in (PERSON, ORG) or not _ACRONYM.fullmatch(text):
            return False
        if text.lower() in self.common_words or text.lower().removesuffix("s") in self.common_words:
            return False
        words = [t for t in span.sent if t.is_alpha and t.i != span.start]
        return sum(t.is_upper for t in words) < len(words) / 2

    def _inner_capital_name(self, span: Span) -> bool:
        """A one-word name the model read as a person or a place with a capital inside it
        after lower-case letters ("PostNords", "BoKlok"): people's and places' names are not
        written so, except the openings a surname may have ("McDonald", "DiCaprio")."""
        word = span[0].text
        return (
            len(span) == 1
            and LABEL_GROUP.get(span.label_) in (PERSON, PLACE)
            and _INNER_CAPITAL.match(word) is not None
            and not word.startswith(self._inner_capital_people)
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

    def _may_be_common_noun(self, token: Token) -> bool:
        """A word of the lexicon, or a capital only because the sentence starts there on a
        word in a noun's definite form ("Aksjen", "Hovedindeksen", "Oljeprisen": market news
        words that reviews, the lexicon's source, seldom use). The lemmatizer is no help here:
        it reads most unknown names at a sentence start as nouns ("Bakkafrost")."""
        return token.lower_ in self.common_words or (
            starts_sentence(token) and token.lower_.endswith(DEFINITE_ENDINGS)
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
            and named_once(span)
            and span.text not in self._known_orgs
            and self._context_label(span) is None
        )

    def _inflected_compound(self, word: str) -> bool:
        """ "Hodeskaden", "Vegbevilgningene": a common noun in a definite or plural form at the
        end of a compound is a common noun; "Sognekraft" or "Rogalandsforskning" (no
        inflection) may be a name."""
        return is_inflected_compound(word, self.common_words)


def _second_end_of_a_route(span: Span) -> bool:
    """ "mellom Sandefjord og Strømstad": the name after a place the gazetteer knows, in a
    "mellom ... og ..." pair, is a place too. Not "fra X til Y", which also moves people
    between employers ("fra Bergen til Equinor")."""
    doc, i = span.doc, span.start
    return (
        i >= 3
        and doc[i - 3].lower_ == "mellom"
        and is_place_name(doc[i - 2])
        and doc[i - 1].lower_ == "og"
    )
