"""The text of a Doc, built once: spaCy's ``Doc.text`` joins every token on each call, so
a component that asks for it per block, token or mention spends quadratic time on a long
article (most of the components' time on the throughput corpus, before this)."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = ("nyhetsprofil", "text")


def text_of(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data`` after the first call (a Doc's text never
    changes once it is made: the retokenizer merges and splits tokens, not characters)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
