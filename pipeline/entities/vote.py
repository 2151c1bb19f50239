"""The document's vote: every mention of a name gets the label most of its mentions and
their context vote for, a lone surname or an organisation's first word follows the full
name, places listed with places stay places, and the mentions the model missed of a name
found elsewhere are added."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from pipeline.entities.labels import LABEL_GROUP, ORG, PERSON, PLACE, name_key
from pipeline.entities.lists import lists_of_names
from pipeline.entities.words import is_place_name, named_once, token_mask

#: NorNE's label of products: a name that is neither person, organisation nor place.
PRODUCT = "PROD"


class DocumentVote:
    """The label each name gets from all its mentions (a mixin of EntityResolver)."""

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
            before = self._before(span)
            if before in self._spatial or (
                before in self._place_prepositions and before not in self._role_prepositions
            ):  # "rundt Mjøsa", "ein filial på Hafslo" (beside "Hafslo Sparebank")
                placed.add(key)
            if len(span) == 1 and is_place_name(span[0]):
                placed.add(key)
        labels = {key: _winner(counter) for key, counter in votes.items()}
        for key, label in labels.items():
            first = key.split()[0]
            if (
                label == PERSON
                and " " in key
                and labels.get(first) == ORG
                and not self._told_as_a_person(key, votes, cued)
            ):  # "Anteo Logifish" beside "Anteo": the organisation's product, no person
                labels[key] = PRODUCT
        # a single word that ends a person's full name is that person ("Røkke"), one that
        # opens an organisation's fuller name is that organisation ("Telenor" of "Telenor ASA")
        surnames = {k.split()[-1] for k, lab in labels.items() if lab == PERSON and " " in k}
        given = {
            k.split()[0]
            for k, lab in labels.items()
            if lab == PERSON and " " in k and self._told_as_a_person(k, votes, cued)
        }
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

    def _told_as_a_person(self, key: str, votes: dict, cued: dict) -> bool:
        """Whether a full name the model read as a person's shows it is one beyond the
        model's reading, so that its first word alone is the person too: a given name
        opens it, its last word stands alone as a surname, or the words around it say
        person. "Anteo Logifish" (a company's product) shows none: "Anteo" alone stays
        the organisation its own mentions say."""
        words = key.split()
        return words[0].title() in self._given_names or words[-1] in votes or PERSON in cued[key]

    @staticmethod
    def _relabel(span: Span, labels: dict[str, str]) -> Span:
        label = labels.get(name_key(span.text), span.label_)
        if LABEL_GROUP.get(label) == LABEL_GROUP.get(span.label_) and label != PERSON:
            label = span.label_  # keep GPE_ORG / LOC apart inside the place group
        return Span(span.doc, span.start, span.end, label=label)

    def _places_listed_with_places(self, spans: list[Span]) -> list[Span]:
        """ "landanleggene Sture, Kollsnes Kårstø og Melkeøya": in a list of three or more
        names that holds a place, the would-be persons the article names once and gives no
        title are places too. A titled or recurring person in a list stays a person."""
        for chain in lists_of_names(spans):
            persons = [s for s in chain if s.label_ == PERSON]
            if (
                len(chain) >= 3
                and persons
                and any(LABEL_GROUP.get(s.label_) == PLACE for s in chain)
                and all(named_once(s) for s in persons)
                and not any(s.start > 0 and self._is_title(s.doc[s.start - 1]) for s in persons)
            ):
                for span in persons:
                    # "Jan Ole Mell, Geno, Geir Heggem, Norsvin": a listed given name and a
                    # surname stay a person's, whatever the list holds beside them
                    if not (len(span) > 1 and span[0].text in self._given_names):
                        span.label_ = PLACE
        return spans


def _winner(counter: Counter) -> str:
    by_group: Counter = Counter()
    for label, n in counter.items():
        by_group[LABEL_GROUP.get(label, label)] += n
    group = max(sorted(by_group), key=lambda g: by_group[g])
    # within the place group keep the most frequent fine label (GPE_LOC, LOC, GPE_ORG)
    fine = [lab for lab in counter if LABEL_GROUP.get(lab, lab) == group]
    return max(sorted(fine), key=lambda lab: counter[lab]) if fine else group


def missed_mentions(doc: Doc, found: list[Span], labels: dict[str, str]) -> list[Span]:
    """Other occurrences of names found elsewhere in the article, with the same label."""
    taken = token_mask(doc, found)
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
