"""Page furniture removal: scripts, navigation, share bars, ads, captions and hidden
elements go before the content is looked for, unless an element holds most of the
page's text (a whole page in a <form>, an article wrapper called "has-comments")."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from pipeline.html.rules import (
    ALWAYS_NOISE_TAGS,
    FURNITURE_TAGS,
    NOISE_SUBSTRINGS,
    NOISE_WORDS,
    PROTECTED_SHARE,
)
from pipeline.html.text import chars_found, element_name, text_length, word_pattern

_NOISE_NAME = word_pattern(NOISE_WORDS)
_NOISE_PART = re.compile("|".join(map(re.escape, NOISE_SUBSTRINGS)))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PARAGRAPH_TEXT = etree.XPath("descendant-or-self::p//text()")


def remove_furniture(body: lxml.html.HtmlElement) -> None:
    """Strip everything that is page furniture, in place (tails, the text after an
    element, are kept: they belong to the parent)."""
    etree.strip_elements(body, *ALWAYS_NOISE_TAGS, with_tail=False)
    for line_break in body.iter("br"):
        # So that "kultursjef<br>Telefon" reads as two words wherever the text is taken.
        line_break.tail = "\n" + (line_break.tail or "")
    page = _TextShare(text_length(body), _prose_length(body))
    doomed = [element for element in body.iter() if _is_furniture(element)]
    for element in doomed:
        if not page.held_by(element):
            element.drop_tree()


@dataclass(frozen=True)
class _TextShare:
    """How much text the page has, to tell a wrapper of the whole article (kept, even
    when it is a <form> or its class says "sidebar") from real furniture."""

    chars: int
    prose_chars: int

    def held_by(self, element: lxml.html.HtmlElement) -> bool:
        smallest_share = PROTECTED_SHARE * min(self.chars, self.prose_chars or self.chars)
        if len(element.text_content()) < smallest_share:
            return False  # quick exit for the many small elements (raw length >= either count)
        if text_length(element) >= PROTECTED_SHARE * max(1, self.chars):
            return True
        return self.prose_chars > 0 and _prose_length(element) >= PROTECTED_SHARE * self.prose_chars


# Norwegian stories put company facts in a box ("fakta", "faktaboks", "factbox"): content.
_FACT_BOX_NAME = re.compile(r"(?:^|[\s_-])(?:fakta\w*|fact-?box\w*|facts?)(?:$|[\s_-])")


def _is_furniture(element: lxml.html.HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return True  # entities and other oddities the parser kept
    name = element_name(element)
    if name and _FACT_BOX_NAME.search(name):
        return False  # a fact box ("Fakta", "factbox") inside the story is part of it
    if element.tag in FURNITURE_TAGS:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return bool(name) and bool(_NOISE_NAME.search(name) or _NOISE_PART.search(name))


def _prose_length(element: lxml.html.HtmlElement) -> int:
    """Characters inside <p> elements: article text, unlike menus and link lists."""
    return chars_found(_PARAGRAPH_TEXT, element)
