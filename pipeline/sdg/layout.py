"""Sentences and paragraphs of a plain text as (start, end) character offsets: the scopes
in which the SDG detectors look for cues."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? before a capital or an opening quote/dash, or at a line end.
# Not before a digit, so "nr. 6" and "kl. 12.30" stay whole.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[ \t]+(?=[«\"–—\-A-ZÆØÅ])|\n")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _segments(text: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in breaks.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _enclosing(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in bounds:
        if start <= offset < end:
            return start, end
    return offset, offset


@dataclass(frozen=True)
class TextLayout:
    """The text with its sentence and paragraph bounds, computed once per call."""

    text: str
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> TextLayout:
        return cls(text, _segments(text, _SENTENCE_BREAK), _segments(text, _PARAGRAPH_BREAK))

    def sentence_at(self, offset: int) -> tuple[int, int]:
        return _enclosing(self.sentences, offset)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        return _enclosing(self.paragraphs, offset)

    def paragraph_text(self, offset: int) -> str:
        start, end = _enclosing(self.paragraphs, offset)
        return self.text[start:end]

    def previous_paragraph_text(self, offset: int) -> str:
        current = _enclosing(self.paragraphs, offset)
        earlier = [p for p in self.paragraphs if p[1] <= current[0]]
        return self.text[slice(*earlier[-1])] if earlier else ""

    def cue_scope(self, offset: int) -> tuple[int, int]:
        """The sentence, widened to the previous one when that is a question or a lead-in
        ("Hvilke bærekraftsmål jobber dere med?" / "Svar: 12 og 14.")."""
        start, end = self.sentence_at(offset)
        index = self.sentences.index((start, end)) if (start, end) in self.sentences else -1
        if index > 0:
            prev_start, prev_end = self.sentences[index - 1]
            if self.text[prev_start:prev_end].rstrip().endswith(("?", ":")):
                return prev_start, end
        return start, end
