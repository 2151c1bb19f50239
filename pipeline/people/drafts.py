"""People as the components after ``pipeline_people`` take them: the ``people`` span group as
drafts (``pipeline_person_organisations`` adds quotes and decides whom each speaks for)."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.people import SPAN_KEY, PersonDraft


def person_drafts(doc: Doc) -> list[PersonDraft]:
    """The ``pipeline_people`` span group as drafts, in its order (new lists: the
    extraction layer adds quotes and takes parties off)."""
    return [
        PersonDraft(
            span._.person_name,
            span._.person_title,
            span._.person_organisation,
            tuple(span._.person_mention),
            span._.person_organisation_start,
            [tuple(quote) for quote in span._.person_quotes or []],
            [tuple(mention) for mention in span._.person_mentions or []],
            span._.person_role_rule,
            span.label_,
            _party(span._.person_party),
        )
        for span in doc.spans.get(SPAN_KEY, [])
    ]


def _party(value) -> tuple[str, tuple[int, int]] | None:
    return (value[0], tuple(value[1])) if value else None
