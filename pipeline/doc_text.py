"""The text of a Doc, built once: spaCy's ``Doc.text`` joins every token on each call, so
a component that asks for it per block, token or mention spends quadratic time on a long
article (most of the components' time on the throughput corpus, before this)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEY = ("nyhetsprofil", "text")


def text_of(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data`` after the first call (a Doc's text never
    changes once it is made: the retokenizer merges and splits tokens, not characters)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def head_of(span: Span) -> Token:
    """The span's word whose head lies outside it (or is itself), read from the heads alone:
    ``Span.root`` (and ``Token.children``) on an odd page's sentence crashed the interpreter."""
    return next(
        (t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end), span[0]
    )


def line_at(doc: Doc, position: int) -> str:
    """The line of the Doc's text that holds the character at ``position``."""
    text = text_of(doc)
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)]
