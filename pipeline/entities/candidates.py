"""Candidate mentions: the model's entities cleaned of the words it ran into them, and the
names it missed where the text shows one (listed organisations, trade-named companies,
organisations after a role, companies whose share moves, names spelled by an acronym,
joined by "&" or "og", opened by a listed opener, or listed among organisations)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from pipeline.doc_text import text_of
from pipeline.entities.labels import LABEL_GROUP, ORG, PERSON, PLACE
from pipeline.entities.lists import listed_names, mostly_organisations, split_across_items
from pipeline.entities.words import (
    NOT_IN_NAMES,
    is_capitalised_word,
    is_name_word,
    is_place_name_text,
    lemma_is_common_noun,
    replacing,
    starts_sentence,
    token_mask,
)


class CandidatePasses:
    """The passes that find and clean mentions before the document votes on their labels
    (a mixin of EntityResolver: the lookups are its attributes)."""

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
            and not self._holds_the_name(doc[start], end)
            and (
                doc[start].lower_ in self._short_openers  # "Da Norge stengte ned"
                or not self._names_an_organisation(doc[start:end])  # "Brekke Transport"
            )
        ):
            start += 1
        while start < end and doc[start].text[:1].islower():
            start += 1  # "natur- og havmiljøene", "denne Michea"
        while (
            ent.label_ == PERSON
            and end - start > 2
            and (self._is_title(doc[start]) or self._is_title_compound(doc[start]))
        ) or (ent.label_ == PERSON and end - start == 2 and self._is_title(doc[start])):
            start += 1  # "Konsernsjef Peter A. Ruzicka har signert": the title opens the sentence
        english = self._english_titles.phrase_starting_at(doc, start) if start < end else None
        if english is not None and ent.label_ == PERSON and english.end < end:
            start = english.end  # "Chief Sustainability Officer Per Holm": an English title
        elif (
            english is not None and english.end < end and doc[english.end].text in self._given_names
        ):
            # "Sustainability Manager Kari Nilsen i Orkla sier": a title, then a person
            return Span(doc, english.end, end, label=PERSON)
        elif english is not None and english.end >= end and _beside_a_person(doc, start, end):
            return None  # "Astrid Vik Aam, Communications Manager i Cermaq": a title, no name
        if (
            end - start > 2
            and doc[start].text[:1].isupper()
            and self._a_title_word(doc[start])
            and (
                doc[start + 1].text in self._given_names
                or (end - start == 3 and self._words_of_a_personal_name(doc[start + 1 : end]))
            )
        ):
            # "saman med Statsforvaltar Gina Lund": a title capitalised inside a sentence, as
            # pages write offices, then a person's name: the person, whatever the model read
            return Span(doc, start + 1, end, label=PERSON)
        if ent.label_ == ORG and end - start > 2 and self._a_role_of(doc[start], doc[start + 1]):
            start += 2  # "Styreformannen i Grieg Seafood": a person's role, then the name
        while end > start and doc[end - 1].text[:1].islower() and doc[end - 1].pos_ in NOT_IN_NAMES:
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

    def _name_the_tree_holds(self, ent: Span) -> Span:
        """ "Fjordmat Vest AS har ...", which the model tagged "Vest AS": at a sentence start
        the capital says nothing, but the parser hangs the rest of the name on the first
        word (FLAT), so the name starts there; not at a title or a noun that introduces a
        name ("Konsernsjef", "Bedriften")."""
        doc = ent.doc
        if ent.label_ != ORG or ent.start == 0:
            return ent
        first = doc[ent.start - 1]
        held = ent[0].dep_ == "FLAT" and ent[0].head.i == first.i
        if not (held and first.is_sent_start and first.is_title):
            return ent
        if not self._may_open_a_name(first.lower_):
            return ent
        return Span(doc, first.i, ent.end, label=ent.label_)

    def _organisation_then_titled_person(self, ent: Span) -> list[Span]:
        """ "Konsernsjef i Fjordgruppen Kari Lund og ...", which the model tagged as one
        organisation: the parser hangs the title on "Kari" (APP) and "Kari" outside the name,
        so the organisation ends before the person the title is in apposition to."""
        if ent.label_ != ORG or len(ent) < 3:
            return self._organisation_then_named_person(ent)
        for cut in range(ent.start + 1, ent.end - 1):
            head = ent.doc[cut]
            rest = ent.doc[cut + 1 : ent.end]
            outside = not ent.start <= head.head.i < ent.end
            titled = any(c.dep_ == "APP" and self._is_title(c) for c in head.children)
            if outside and titled and all(t.dep_ == "FLAT" and t.head.i == cut for t in rest):
                return [
                    Span(ent.doc, ent.start, cut, label=ORG),
                    Span(ent.doc, cut, ent.end, label=PERSON),
                ]
        return self._organisation_then_named_person(ent)

    def _organisation_then_named_person(self, ent: Span) -> list[Span]:
        """ "Direktør i Diku Harald Nybølet er ...", tagged as one name (an organisation's or
        a person's): after a title and its preposition, or a title alone ("styreleiar
        Falkeid Gro Sørensen", when the name opens with no given name), a known given name
        and the capitalised words after it to the name's end are the title's holder, the
        words before it the employer."""
        doc = ent.doc
        if ent.label_ not in (ORG, PERSON) or len(ent) < 3 or ent.start < 1:
            return [ent]
        after_a_role = ent.start >= 2 and self._a_role_of(doc[ent.start - 2], doc[ent.start - 1])
        # "styreleiar Falkeid Gro Sørensen": a title, the employer's name, then the holder's
        after_a_title = self._is_title(doc[ent.start - 1])
        if not (after_a_role or after_a_title):
            return [ent]
        for cut in range(ent.start + 1, ent.end - 1):
            rest = doc[cut : ent.end]
            given = doc[cut].text.split("-")[0]  # "Anne-Britt": a given name's first part
            if (
                after_a_title
                and not after_a_role
                and not _opens_an_organisation(doc[ent.start : cut])
            ):
                continue  # "ordførar Lilly Gunn Nyheim": one person, "Lilly" a given name unlisted
            if given in self._given_names and all(
                t.is_title and t.text.replace("-", "").isalpha() for t in rest
            ):
                return [
                    Span(doc, ent.start, cut, label=ORG),
                    Span(doc, cut, ent.end, label=PERSON),
                ]
        return [ent]

    def _may_open_a_name(self, word: str) -> bool:
        """Not a word of the lexicon, a title, or a noun that introduces a name
        ("Verkstedbedriften X", "Kornmølla X")."""
        if word in self._titles or word in self._org_before or word in self.common_words:
            return False
        if word in self._short_openers or word.endswith(self._business_endings):
            return False
        return not self._inflected_compound(word)

    def _a_role_of(self, word: Token, preposition: Token) -> bool:
        """ "Styreformannen i", "Dagleg leiaren hos": a title, also in its definite form,
        and the preposition that names its employer."""
        if preposition.lower_ not in self._role_prepositions or word.text in self._public_names:
            return False  # "Statsforvalteren i Vestland", "Fylkesmannen i Agder": an office's name
        bare = re.sub(r"(?:en|a|et)$", "", word.lower_)
        return self._is_title(word) or bare in self._titles or bare.endswith(self._title_endings)

    def _holds_the_name(self, token: Token, end: int) -> bool:
        """Whether the parser hangs the next word of the name on this one ("Sirkula" in
        "Sirkula Miljø AS"), and no lexicon knows the word as an ordinary one."""
        following = token.doc[token.i + 1] if token.i + 1 < end else None
        if following is None or following.dep_ != "FLAT" or following.head.i != token.i:
            return False
        return self._may_open_a_name(token.lower_)

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
            or lemma_is_common_noun(token)
            or self._inflected_compound(lowered)
        )

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
        taken = token_mask(doc, [s for s in found if len(s) > 1 or not self._is_trade_tail(s[0])])
        added = []
        for token in doc:
            if taken[token.i] or not self._is_trade_tail(token):
                continue
            start = token.i
            while (
                start > 0
                and token.i - start < 3
                and not taken[start - 1]
                and is_name_word(doc[start - 1])
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
        taken = token_mask(doc, found)
        added = []
        for token in doc[1:-1]:
            start = token.i + 1
            if token.lower_ not in self._role_prepositions or taken[start]:
                continue
            end = start
            while end < len(doc) and end - start < 4 and not taken[end] and is_name_word(doc[end]):
                end += 1
            if end == start or "\n" in doc[start:end].text:
                continue
            span = Span(doc, start, end, label=ORG)
            if self._context_label(span) == ORG and not self._is_title(doc[start]):
                added.append(span)
                taken[start:end] = b"\x01" * (end - start)
        return added

    def _companies_in_market_moves(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Names the model did not tag where market news says how their share moved
        ("Bakkafrost steg 4,4 prosent", "Frontline er ned 1,24 prosent"): only a listed
        company's share moves. Not a common word opening the sentence ("Aksjen steg")."""
        taken = token_mask(doc, found)
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
                and is_capitalised_word(doc[start - 1])
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
        return replacing(spans, added)

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
            if last + 1 < len(doc) and is_capitalised_word(doc[last + 1]):
                continue  # "og Ola Berg", "og Sparebank 1 Nord": another name follows
            before, after = doc[og - 1], doc[last]
            common_pair = before.is_title and {before.lower_, after.lower_} <= self.common_words
            if common_pair or is_place_name_text(f"{before.text} og {after.text}"):
                added.append(Span(doc, span.start, last + 1, label=ORG))
        return replacing(spans, added)

    def _organisations_listed_with_organisations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "De tolv er Elvia, Glitre Nett, Lede, BKK, ... og Elinett": in a list of names
        that is mostly organisations (three or more and at least half, or two of three), every
        name is one, also those the model missed or read as a person; a name the model or
        the gazetteer has as a place keeps that."""
        added: list[Span] = []
        for items in listed_names(doc):
            labels = [
                {s.label_ for s in spans if s.start < end and start < s.end}
                if not self._is_title(doc[start])  # "CEO" between names is no organisation
                else {"TITLE"}
                for start, end in items
            ]
            n_org = sum(ORG in found for found in labels)
            named = {LABEL_GROUP.get(label) for found in labels for label in found}
            if not mostly_organisations(n_org, len(items), PERSON in named or PLACE in named):
                continue
            first = items[0][0]
            if first > 0 and doc[first - 1].lower_ in self._list_place_openers:
                continue  # "fra Romerike, Follo og Vestområdet" lists regions
            for (start, end), found in zip(items, labels, strict=True):
                if ORG in found or is_place_name_text(doc[start:end].text):
                    continue  # a place the gazetteer knows stays one; the model's guess does not
                if doc[start].lower_ in self._function_words or "TITLE" in found:
                    continue
                added.append(Span(doc, start, end, label=ORG))
            added += split_across_items(spans, items)
        return replacing(spans, added)

    def _possessor_not_possession(self, doc: Doc, span: Span) -> Span:
        """ "SINTEFs prosjektportefølje", "Teknas kontordrift": an organisation in the
        genitive and the common noun it owns, read as one name. The organisation is the
        owner, when the text also names it on its own ("SINTEF ...") and it is no place
        ("Bergens næringsråd", "Norges Bank") and not the goals' author ("FNs klimapanel")."""
        if span.label_ != ORG or len(span) < 2:
            return span
        first, rest = span[0], span[1:]
        bare = first.text[:-1]
        if not first.text.endswith("s") or len(bare) < 2 or not bare[:1].isupper():
            return span
        if not all(t.is_lower or t.lower_ in self.common_words for t in rest):
            return span  # "Sparebankens Vest": a name goes on after the genitive
        if is_place_name_text(bare) or first.norm_.startswith("gaz_") or bare in _goal_authors():
            return span
        text = text_of(doc)
        if not re.search(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", text):
            return span  # "Statens vegvesen": the owner is never named on its own
        return Span(doc, span.start, span.start + 1, label=ORG)


@lru_cache(maxsize=1)  # read once: asked for every organisation in the genitive
def _goal_authors() -> frozenset[str]:
    from pipeline.relations import load_relation_rules  # the one list of the goals' authors

    return frozenset(load_relation_rules("default")["goal_authors"])


def _opens_an_organisation(words: Span) -> bool:
    """Whether the model tags an organisation elsewhere in the article that opens with these
    words ("Falkeid" of "Falkeid Idrettslag")."""
    return any(
        e.label_ == ORG
        and e.start != words.start
        and e.text.split()[: len(words)] == words.text.split()
        for e in words.doc.ents
    )


def _beside_a_person(doc: Doc, start: int, end: int) -> bool:
    """Whether the model's name at ``start:end`` stands in apposition after a person's name
    ("Kari Lie, Communications Manager") or right before one."""
    after_a_name = start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == PERSON
    return after_a_name or (end < len(doc) and doc[end].ent_type_ == PERSON)


def split_at_line_breaks(ent: Span) -> list[Span]:
    """A name never runs across blocks: "Voss\n\nTilsette" is the end of one line and the start
    of the next; nor across a label's colon: "Nytt styre i Geno: Inger-Lise Ingdal"."""
    parts, start = [], ent.start
    for token in ent:
        if (
            token.is_space
            or token.text == ":"
            or ("\n" in token.whitespace_ and token.i + 1 < ent.end)
        ):
            end = token.i if token.is_space or token.text == ":" else token.i + 1
            if end > start:
                parts.append(Span(ent.doc, start, end, label=ent.label_))
            start = token.i + 1
    if ent.end > start:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return parts


def capitalised_inside_sentences(doc: Doc) -> set[str]:
    """Lower-cased words this article capitalises where a capital means a name."""
    return {
        t.text.lower()
        for t in doc
        if t.text[:1].isupper() and not t.text.isupper() and not starts_sentence(t)
    }


def hyphen_coordinated_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Norsk Bonde- og Småbrukarlag", which the model ends at "Bonde-": an organisation
    whose last word ends in a hyphen goes on over "og"/"eller" to the word that completes
    it; a name the model began with that word begins after it ("Småbrukarlag Kjersti
    Hoff" is Kjersti Hoff), and one that is only that word is gone."""
    completed = {
        span.end + 1: Span(doc, span.start, span.end + 2, label=ORG)
        for span in spans
        if span.label_ == ORG
        and len(span[-1]) >= 3
        and span[-1].text.endswith("-")
        and span.end + 1 < len(doc)
        and doc[span.end].lower_ in ("og", "eller")
        and doc[span.end + 1].is_alpha
    }
    if not completed:
        return spans
    out = []
    for span in spans:
        if span.end + 1 in completed and span.label_ == ORG:
            out.append(completed[span.end + 1])  # the organisation, completed
        elif span.start in completed:
            if len(span) > 1:  # the name after the completing word
                out.append(Span(doc, span.start + 1, span.end, label=span.label_))
        else:
            out.append(span)
    return out


def adjacent_organisations_joined(
    spans: list[Span], extensions: frozenset[str] = frozenset()
) -> list[Span]:
    """ "KS Bedrifts medlemmer", which the model tagged "KS" + "Bedrifts": two organisations
    with nothing between them on one line are one name; a text that names two writes a
    comma, a word or a line break between them. So is an organisation and a place that
    names a national branch right after it ("Scandic Hotels" + "Norge", ``extensions``)."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        last = out[-1] if out else None
        branch = LABEL_GROUP.get(span.label_) == PLACE and span.text in extensions
        if (
            last is not None
            and last.label_ == ORG
            and (span.label_ == ORG or branch)
            and last.end == span.start
            and "\n" not in last[-1].whitespace_
            and not span[0].is_punct
        ):
            out[-1] = Span(span.doc, last.start, span.end, label=ORG)
        else:
            out.append(span)
    return out


#: The prepositions of a heading about an organisation: "Sustainability in VKT", "Bærekraft i Lyse".
_ABOUT_PREPOSITIONS = {"i", "in", "hos", "at", "ved"}


def headings_about_organisations(spans: list[Span]) -> list[Span]:
    """ "Sustainability in VKT", which the model tagged as one organisation: when the words
    after a lower-case preposition are an organisation the text names on its own elsewhere,
    the words before are what the heading is about, and the organisation is the tail.
    "Universitetet i Bergen" stays whole: "Bergen" is no organisation the text names."""
    named = {s.text for s in spans if s.label_ == ORG}
    out: list[Span] = []
    for span in spans:
        cut = next(
            (
                t.i + 1
                for t in span[1:-1]
                if t.text in _ABOUT_PREPOSITIONS
                and span.doc[t.i + 1 : span.end].text in named - {span.text}
            ),
            None,
        )
        if span.label_ == ORG and cut is not None:
            span = Span(span.doc, cut, span.end, label=ORG)
        out.append(span)
    return out


_ACRONYM_FILLERS = {"og", "i", "for", "av", "-"}


def names_spelled_by_acronyms(doc: Doc, spans: list[Span]) -> list[Span]:
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
    return replacing(spans, added)


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


def _capitalised_words_joined_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """(start, end) of the capitalised words around the joiner at token ``i`` ("&", "/"):
    the word after it, and the words before it back to a sentence's start; None unless
    capitalised words stand on both sides."""
    if not (is_capitalised_word(doc[i - 1]) and is_capitalised_word(doc[i + 1])):
        return None
    start = i - 1
    while start > 0 and is_capitalised_word(doc[start - 1]) and not starts_sentence(doc[start]):
        start -= 1
    return start, i + 2


def names_joined_by_slash(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "daglig leder i Bodø/Glimt" with the model's organisation "Bodø" alone: capitalised
    words joined by a slash with no space are one name where the model read either part as
    an organisation (a club, "Oslo/Akershus" read as places stays two)."""
    added = []
    for token in doc[1:-1]:
        i = token.i
        if token.text != "/" or doc[i - 1].whitespace_ or token.whitespace_:
            continue
        if (joined := _capitalised_words_joined_at(doc, i)) is None:
            continue
        start, end = joined
        if any(s.label_ == ORG and s.start < end and start < s.end for s in spans):
            added.append(Span(doc, start, end, label=ORG))
    return replacing(spans, added)


def names_joined_by_ampersand(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "daglig leder i Christie & Opsahl" with the model's "Christie" alone: capitalised
    words joined by "&" are one organisation's name (law and audit firms, "Procter &
    Gamble"); "R&M" is one token and needs no help."""
    added = []
    for token in doc:
        i = token.i
        if token.text != "&" or i == 0 or i + 1 >= len(doc):
            continue
        if (joined := _capitalised_words_joined_at(doc, i)) is None:
            continue
        start, end = joined
        while (
            end < len(doc)
            and is_capitalised_word(doc[end])
            and "\n" not in doc[end - 1].whitespace_
        ):
            end += 1
        if any(s.start < end and start < s.end for s in spans):
            added.append(Span(doc, start, end, label=ORG))
    return replacing(spans, added)
