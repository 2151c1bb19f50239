"""``Span._`` values of one span group, stored in ``doc.user_data`` under the group's key, the
name, the span's offsets, label and id: two groups (or two spans of one group with other
labels) at the same words never share a value, and the values serialise with the Doc
(plain data only: str, int, tuples, lists)."""

from __future__ import annotations

from functools import partial
from typing import Any

from spacy.tokens import Span


def _value_key(group: str, name: str, span: Span) -> tuple:
    return (group, name, span.start_char, span.end_char, span.label, span.id)


def _get(group: str, name: str, span: Span) -> Any:
    return span.doc.user_data.get(_value_key(group, name, span))


def _set(group: str, name: str, span: Span, value: Any) -> None:
    span.doc.user_data[_value_key(group, name, span)] = value


def register_span_values(group: str, names: tuple[str, ...]) -> None:
    """Register ``Span._.<name>`` for each name, keyed by ``group`` (once per process)."""
    for name in names:
        if not Span.has_extension(name):
            Span.set_extension(
                name, getter=partial(_get, group, name), setter=partial(_set, group, name)
            )
