"""The main container: content-density scoring of the page's elements, the headline's
surroundings and the page's own markers, widened to the publisher's articleBody, to
like-scoring siblings and to same-class chunks elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from pipeline.html.rules import (
    CONTENT_WORDS,
    HEADLINE_FACTOR,
    MAX_LINK_DENSITY,
    MIN_SCORED_CHARS,
    SCORED_TAGS,
    SIBLING_SHARE,
)
from pipeline.html.text import (
    LINK_TEXT,
    chars_found,
    comparable,
    element_name,
    normalise,
    text_length,
    word_pattern,
)

_CONTENT_NAME = word_pattern(CONTENT_WORDS)
_EXCERPT_END = re.compile(r"(…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")


def headline_element(
    body: lxml.html.HtmlElement, title: str | None
) -> lxml.html.HtmlElement | None:
    """The heading that carries the article's title (the first <h1> when none matches)."""
    key = comparable(title or "")
    headings = list(body.iter("h1", "h2"))
    for heading in headings:
        if key and comparable(heading.text_content()) == key:
            return heading
    return next((heading for heading in headings if heading.tag == "h1"), None)


def find_main_containers(
    body: lxml.html.HtmlElement, headline: lxml.html.HtmlElement | None = None
) -> list[lxml.html.HtmlElement]:
    scores = _score_containers(body, _holders_of(headline, body))
    if not scores:
        return [body]
    top = max(scores, key=scores.__getitem__)
    best = _declared_body_around(top)
    threshold = max(10.0, scores[top] * SIBLING_SHARE)
    chosen = _with_like_siblings(best, scores, threshold) + _same_class_elsewhere(
        best, body, scores, threshold
    )
    return _outermost_in_document_order(chosen, body)


def _declared_body_around(best: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The publisher's itemprop=articleBody element when it encloses the best container:
    it also holds the paragraphs the density score split off (leads, text between embeds)."""
    for ancestor in best.iterancestors():
        if (ancestor.get("itemprop") or "").lower() == "articlebody" and _link_density(
            ancestor
        ) < MAX_LINK_DENSITY:
            return ancestor
    return best


def _same_class_elsewhere(
    best: lxml.html.HtmlElement,
    body: lxml.html.HtmlElement,
    scores: dict[lxml.html.HtmlElement, float],
    threshold: float,
) -> list[lxml.html.HtmlElement]:
    """Containers shaped like the best one (same tag and class) elsewhere on the page: a
    long article is often cut into chunks, each in its own wrapper, between ads."""
    name = best.get("class")
    if not name:
        return []
    return [
        element
        for element in body.iter(best.tag)
        if element.get("class") == name
        and element is not best
        and scores.get(element, 0.0) >= threshold
    ]


def _outermost_in_document_order(
    elements: list[lxml.html.HtmlElement], body: lxml.html.HtmlElement
) -> list[lxml.html.HtmlElement]:
    """Drop elements inside another chosen one, so no text is read twice."""
    chosen = set(elements)
    ordered = [element for element in body.iter() if element in chosen]
    return [
        element
        for element in ordered
        if not any(ancestor in chosen for ancestor in element.iterancestors())
    ]


def _holders_of(
    headline: lxml.html.HtmlElement | None, body: lxml.html.HtmlElement
) -> set[lxml.html.HtmlElement]:
    """The elements around the headline, if it is still in the page."""
    if headline is None:
        return set()
    holders = set(headline.iterancestors())
    return holders if body in holders else set()


def _score_containers(
    body: lxml.html.HtmlElement, headline_holders: set[lxml.html.HtmlElement]
) -> dict[lxml.html.HtmlElement, float]:
    """Readability-style: each text block gives points to its parent and, less, to the
    grandparent and great-grandparent. The page's own markers (itemprop=articleBody, a
    "story-body" class) add a bonus, at most doubling what the text earned: a marker
    without prose behind it (a teaser card called "post") must not win. Last, each
    container's score is discounted by its link density."""
    points: dict[lxml.html.HtmlElement, float] = {}
    for block in body.iter(SCORED_TAGS):
        if block.tag in ("div", "section") and not _has_own_text(block):
            continue
        text = normalise(block.text_content())
        if len(text) < MIN_SCORED_CHARS or _EXCERPT_END.search(text):
            continue  # too short to tell, or a teaser's cut-off excerpt
        earned = 1 + text.count(",") + min(len(text) / 100, 3)
        for level, ancestor in enumerate(_ancestors(block, 3)):
            points[ancestor] = points.get(ancestor, 0.0) + earned / (1 if level == 0 else level * 2)
    return {
        element: (earned + min(earned, _marker_bonus(element)))
        * (HEADLINE_FACTOR if element in headline_holders else 1.0)
        * (1 - _link_density(element))
        for element, earned in points.items()
    }


def _ancestors(element: lxml.html.HtmlElement, levels: int) -> Iterator[lxml.html.HtmlElement]:
    """Up to ``levels`` ancestors, stopping at an <article>: an article is a self-contained
    unit, so its text says nothing about the container around it (a list of teaser
    cards must not outscore the story)."""
    parent = element.getparent()
    for _ in range(levels):
        if parent is None or parent.tag == "html":
            return
        yield parent
        if parent.tag == "article":
            return
        parent = parent.getparent()


def _marker_bonus(element: lxml.html.HtmlElement) -> float:
    """Points for what the page says about the element: its tag, itemprop and class name."""
    bonus = {"article": 10.0, "main": 5.0, "div": 3.0, "section": 3.0, "td": 2.0}.get(
        element.tag, 0.0
    )
    if (element.get("itemprop") or "").lower() == "articlebody":
        bonus += 40
    if _CONTENT_NAME.search(element_name(element)):
        bonus += 15
    return bonus


def _has_own_text(element: lxml.html.HtmlElement) -> bool:
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def _link_density(element: lxml.html.HtmlElement) -> float:
    text_chars = text_length(element)
    if not text_chars:
        return 0.0
    link_chars = chars_found(LINK_TEXT, element)
    return min(1.0, link_chars / text_chars)


def _with_like_siblings(
    best: lxml.html.HtmlElement, scores: dict[lxml.html.HtmlElement, float], threshold: float
) -> list[lxml.html.HtmlElement]:
    """The best container plus siblings that score close to it, or are plain paragraphs
    of prose: articles interrupted by an ad often continue in a sibling container."""
    parent = best.getparent()
    if parent is None:
        return [best]
    return [
        sibling
        for sibling in parent
        if sibling is best or scores.get(sibling, 0.0) >= threshold or _is_prose_paragraph(sibling)
    ]


def _is_prose_paragraph(element: lxml.html.HtmlElement) -> bool:
    if element.tag != "p":
        return False
    text = normalise(element.text_content())
    return len(text) >= 80 and _link_density(element) < 0.25 and bool(re.search(r"[.!?]", text))
