"""Facts declared once: how a value of an organisation or a person travels downstream.

A fact is a field of a contract model annotated with a ``Fact``::

    industry: Annotated[str | None, Fact(column="industry", label="Bransje", ...)] = Field(...)

From that one declaration the rest of the product derives what it needs, so a new fact
touches the model and the code that fills it, not every consumer:

- the long table's and the wide CSV's column (``pipeline.tables``, ``pipeline.export``),
  with the field's description as the column's documentation;
- the span that backs it (``evidence``: another field of the same model, else the owner's
  first mention), which the review report links and the tables give as offsets;
- whether a reviewer can judge it, and what "wrong" and a correction do
  (``pipeline.decisions``, ``pipeline.review``, ``models.review.ReviewField``);
- the field that says which rule gave the value (``rule``), shown next to it in review;
- how ``pipeline aggregate`` merges it across articles (``merge``), and whether equal values
  mean the same organisation (``identifies``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import NoneType, UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

#: What a reviewer's verdict does to the value: "required" values are only ever corrected
#: (an organisation always has a kind); "clearable" ones are removed when judged wrong.
Review = Literal["required", "clearable"]
#: How values from several articles become one: "sorted_set" keeps each distinct value once,
#: sorted; "unique_casefold" keeps the first spelling of each value ignoring case, in order.
Merge = Literal["sorted_set", "unique_casefold"]


@dataclass(frozen=True)
class Fact:
    column: str
    label: str
    evidence: str | None = None  # field holding its Evidence; None: the owner's first mention
    evidence_doc: str = ""  # what that span shows, for the table's offset columns
    review: Review | None = None  # None: shown, not judged
    choices: tuple[str, ...] = ()  # the only values a correction may give
    merge: Merge | None = None
    merged_as: str | None = None  # the CompanyProfile field that holds the merged values
    identifies: bool = False  # equal values across articles are one organisation
    # A fact whose value is a model: its fields as columns (field -> column; ``column``
    # is then the key one) and the field shown and merged as its value.
    columns: dict[str, str] | None = None
    shown: str | None = None
    rule: str | None = None  # field naming the rule (or the model) that gave the value


@dataclass(frozen=True)
class DeclaredFact:
    """A fact with the field it annotates."""

    name: str
    fact: Fact
    info: FieldInfo

    @property
    def doc(self) -> str:
        return self.info.description or ""

    def value(self, owner: BaseModel) -> Any:
        """The fact's value: for a model-valued fact, its ``shown`` field."""
        value = getattr(owner, self.name)
        if self.fact.shown is not None:
            return getattr(value, self.fact.shown) if value is not None else None
        return value

    def cells(self, owner: BaseModel) -> dict[str, Any]:
        """The fact's table cells: one column, or one per field of a model-valued fact."""
        if self.fact.columns is None:
            return {self.fact.column: self.value(owner)}
        value = getattr(owner, self.name)
        return {
            column: getattr(value, field) if value is not None else None
            for field, column in self.fact.columns.items()
        }

    def column_docs(self) -> dict[str, str]:
        """Each column's meaning: the field's description (a model-valued fact: its fields')."""
        if self.fact.columns is None:
            return {self.fact.column: self.doc}
        fields = _without_none(self.info.annotation).model_fields
        return {
            column: fields[field].description or "" for field, column in self.fact.columns.items()
        }

    def evidence_of(self, owner: BaseModel) -> Any:
        """The span that backs the value: its own evidence field, else the first mention."""
        if self.fact.evidence:
            return getattr(owner, self.fact.evidence)
        mentions = getattr(owner, "mentions", None)
        return mentions[0] if mentions else None


def facts(model: type[BaseModel]) -> Iterator[DeclaredFact]:
    """The model's facts, in field order."""
    for name, info in model.model_fields.items():
        for meta in info.metadata:
            if isinstance(meta, Fact):
                yield DeclaredFact(name, meta, info)


def review_field(owner: str, fact: DeclaredFact) -> str:
    """The name a review decision gives the value: 'organisation.industry'."""
    return f"{owner}.{fact.name}"


#: What each merge rule keeps, for the merged field's description.
MERGE_DOCS: dict[str, str] = {
    "sorted_set": "each distinct value once, sorted",
    "unique_casefold": "each value once ignoring case, first spelling seen, in order",
}


def merged_fields(model: type[BaseModel]) -> dict[str, Any]:
    """The fields of the cross-article profile that hold the model's merged facts, for
    ``pydantic.create_model``: a list of the fact's values, at least one when every
    organisation has the fact."""
    fields: dict[str, Any] = {}
    for fact in facts(model):
        rule, name = fact.fact.merge, fact.fact.merged_as
        if rule is None or name is None:
            continue
        item = _without_none(fact.info.annotation)
        if fact.fact.shown is not None:
            item = _without_none(item.model_fields[fact.fact.shown].annotation)
        what = fact.fact.shown or fact.name
        doc = f"Its {what} across articles: {MERGE_DOCS[rule]}"
        if fact.info.is_required():
            fields[name] = (list[item], Field(min_length=1, description=doc))
        else:
            fields[name] = (list[item], Field(default_factory=list, description=doc))
    return fields


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, UnionType):
        kept = [a for a in get_args(annotation) if a is not NoneType]
        return kept[0] if len(kept) == 1 else Union[tuple(kept)]  # noqa: UP007
    return annotation
