"""The ingress (lead paragraph): found by its class name before furniture removal, and
put first in the text of Norwegian pages, where it usually sits outside the body."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from models.article import BlockKind
from pipeline.html.rules import LEAD_WORDS
from pipeline.html.text import WORD, comparable, normalise, word_pattern

_LEAD_NAME = word_pattern(LEAD_WORDS)
_MEDIA_NAME = re.compile(r"image|img|photo|media|video|figure|caption|bilde")
_HAS_MEDIA = etree.XPath(
    "boolean(descendant::img | descendant::figure | descendant::picture | descendant::video)"
)


def story_scope(
    body: lxml.html.HtmlElement, headline: lxml.html.HtmlElement | None
) -> lxml.html.HtmlElement:
    """The <article> (or <main>) around the headline: where the story's own lead is, as
    opposed to the "intro" of a teaser elsewhere on the page."""
    if headline is not None:
        for tag in ("article", "main"):
            scope = next(headline.iterancestors(tag), None)
            if scope is not None:
                return scope
    return body


def find_lead(scope: lxml.html.HtmlElement) -> str | None:
    """Text of an element named as the ingress, read before furniture removal (the lead
    often sits in the article <header>). "lead-image" and the like are not the lead."""
    for element in scope.iter("p", "div", "section", "span"):
        name = (element.get("class") or "").lower()
        if not _LEAD_NAME.search(name) or _MEDIA_NAME.search(name) or _HAS_MEDIA(element):
            continue
        text = normalise(element.text_content())
        if 40 <= len(text) <= 600:
            return text
    return None


def choose_lead(
    lead_text: str | None, description: str | None, blocks: list[tuple[BlockKind, str]]
) -> str | None:
    if lead_text:
        return lead_text
    paragraphs = [text for kind, text in blocks if kind == "paragraph"]
    if description and paragraphs and _similar_start(description, paragraphs[0]):
        return paragraphs[0]
    if description and len(description) >= 40:
        return description
    return paragraphs[0] if paragraphs else None


def with_lead(
    blocks: list[tuple[BlockKind, str]], lead_text: str | None
) -> list[tuple[BlockKind, str]]:
    """Norwegian papers print the ingress as the opening of the story (it names the main
    actors), but usually in the article header, outside the body container: put it first."""
    if not lead_text or not blocks:
        return blocks
    key = comparable(lead_text)
    if any(key in comparable(text) for _, text in blocks[:5]):
        return blocks
    return [("paragraph", lead_text), *blocks]


def _similar_start(a: str, b: str) -> bool:
    words_a, words_b = WORD.findall(a.lower())[:8], WORD.findall(b.lower())[:8]
    return bool(words_a) and words_a == words_b[: len(words_a)]
