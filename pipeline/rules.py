"""Which rule files are in force while a Doc becomes a Profile.

The ``pipeline_entities`` component is built from three rule sources (its config:
``rules``, ``org_rules``, ``common_words``; "default" or a user's file) and writes them on
every Doc it makes (``doc._.rule_sources``). ``extract`` puts that Doc's sources in force
for the length of the call, so the profile is made with the same rules as the entities:
a user's rule file given to the component reaches the profile. The word-list getters of
the extraction layer read the sources in force, and their compiled patterns are cached
per rule set, so two pipelines with different rules in one process never mix.

This is a bridge: once the extraction layer is a plain mapping from Doc to Profile, it
reads no rules at all and this module goes away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any, TypeVar

from spacy.tokens import Doc


@dataclass(frozen=True)
class RuleSources:
    """Where each rule file comes from: "default" (the package's) or a path."""

    entity_rules: str = "default"
    org_rules: str = "default"
    common_words: str = "default"

    @classmethod
    def of(cls, doc: Doc) -> RuleSources:
        """The sources the component that made ``doc`` was built from (defaults when none ran)."""
        saved = doc._.rule_sources if Doc.has_extension("rule_sources") else None
        return cls(*saved) if saved else cls()

    def as_list(self) -> list[str]:  # what a Doc carries: plain strings serialise with it
        return [self.entity_rules, self.org_rules, self.common_words]


if not Doc.has_extension("rule_sources"):
    Doc.set_extension("rule_sources", default=None)

# a frozen dataclass: the shared default cannot be changed
_IN_FORCE: ContextVar[RuleSources] = ContextVar("rules_in_force", default=RuleSources())  # noqa: B039


@contextmanager
def rules_in_force(sources: RuleSources) -> Iterator[RuleSources]:
    """Make ``sources`` the rules the extraction layer reads until the block ends."""
    token = _IN_FORCE.set(sources)
    try:
        yield sources
    finally:
        _IN_FORCE.reset(token)


def sources_in_force() -> RuleSources:
    return _IN_FORCE.get()


F = TypeVar("F", bound=Callable[..., Any])


def cached_per_rule_set(maxsize: int = 8) -> Callable[[F], F]:
    """``lru_cache`` for values built from the word lists: one entry per rule set in force."""

    def decorate(function: F) -> F:
        @lru_cache(maxsize=maxsize)
        def cached(sources: RuleSources, *args: Any) -> Any:
            return function(*args)

        @wraps(function)
        def wrapper(*args: Any) -> Any:
            return cached(_IN_FORCE.get(), *args)

        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
