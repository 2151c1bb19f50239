"""English job titles inside Norwegian text: "Communications Manager", "Chief
Sustainability Officer", "brand sustainability manager", "Head of Sustainability".

Norwegian business pages write many titles in English. The shipped model learned neither
their words nor their syntax from NorNE: it reads "Communications Manager" as a company,
runs "Chief Sustainability Officer" into the name after it, and hangs the words anywhere
in the tree. So an English title is read as a phrase of the rule words
(``english_title_words`` in the entity rules): words that may open it, then a word that
ends it ("manager", "officer"), then, after a head word's "of", the field in capitals
("Head of Sustainability Strategy & Advisory"). The words are all capitalised or all
lower case, as English titles are written; acronyms ("ESG", "HR") fit either way.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.rules import RuleSet, per_rule_set

#: How many words may open a title before its last word ("Senior Vice President").
_LONGEST_OPENING = 4
#: How many words of a field may follow "of" ("Head of Investor Relations & ESG").
_LONGEST_FIELD = 5
_JOINERS = frozenset({"&", "and", "og"})


class EnglishTitleWords:
    """The rule words, split by what they do in a title."""

    def __init__(self, words: dict[str, list[str]]) -> None:
        self.heads = frozenset(w.lower() for w in words.get("heads", []))
        self.openers = frozenset(w.lower() for w in words.get("openers", []))

    def phrase_ending_at(self, doc: Doc, last: int) -> Span | None:
        """The title whose last word is ``doc[last]`` ("Communications Manager"), with the
        field after "of" when that word takes one; None when ``doc[last]`` ends none."""
        head = doc[last]
        if head.lower_ not in self.heads:
            return None
        start = last
        while start > 0 and last - start < _LONGEST_OPENING and self._opens(doc[start - 1], head):
            start -= 1
        return Span(doc, start, self._field_end(doc, last))

    def phrase_starting_at(self, doc: Doc, first: int) -> Span | None:
        """The title that holds ``doc[first]`` and every word after it through its last
        word; it may open before ``doc[first]`` ("Sustainability" of "Sustainability
        Manager", where a pattern cut the name at "Manager")."""
        last = first
        while last < len(doc) and last - first <= _LONGEST_OPENING:
            if doc[last].lower_ in self.heads and self._same_case(doc[last], doc[first]):
                phrase = self.phrase_ending_at(doc, last)
                if phrase is not None and phrase.start <= first:
                    return phrase
            if not self._opens(doc[last], doc[first]):
                return None
            last += 1
        return None

    def _opens(self, word, head) -> bool:
        return word.lower_ in self.openers and self._same_case(word, head)

    def _field_end(self, doc: Doc, head: int) -> int:
        """ "Head of Sustainability Strategy & Advisory": the capitalised words after "of"."""
        if head + 2 >= len(doc) or doc[head + 1].lower_ != "of":
            return head + 1
        end = head + 2
        while end < len(doc) and end - head - 2 < _LONGEST_FIELD:
            word = doc[end]
            if not (word.text[:1].isupper() or word.lower_ in _JOINERS):
                break
            end += 1
        while end > head + 2 and doc[end - 1].lower_ in _JOINERS:
            end -= 1
        return end if end > head + 2 else head + 1

    @staticmethod
    def _same_case(word, head) -> bool:
        """ "Chief Sustainability Officer", "brand sustainability manager": one case through
        the title; an acronym ("ESG Manager", "HR manager") fits either."""
        if word.is_upper and len(word) > 1:
            return True
        return word.text[:1].isupper() == head.text[:1].isupper()


@per_rule_set
def english_title_words(rules: RuleSet) -> EnglishTitleWords:
    return EnglishTitleWords(rules.entity.english_title_words)
