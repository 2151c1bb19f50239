"""Text measures shared by the extraction steps: whitespace normalisation, comparable
keys for matching headlines, and how much (link) text an element holds."""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.html
from lxml import etree

SPACE = re.compile(r"\s+")
WORD = re.compile(r"\w+")
LINK_TEXT = etree.XPath("descendant-or-self::a//text()")


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of the words, as a whole word of a lowercased class/id name ("share-bar")."""
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9æøå])(?:{alternatives})(?![a-z0-9æøå])")


#: Rare dashes written as quote dashes ("‒ Det var i pinsa, fortel han."): the figure dash
#: and the horizontal bar read as the en and em dash the rules know, one character for one.
DASH_VARIANTS = str.maketrans({"\u2012": "\u2013", "\u2015": "\u2014"})


def normalise(text: str) -> str:
    return SPACE.sub(" ", text.replace("\xad", "").translate(DASH_VARIANTS)).strip()


def comparable(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def element_name(element: lxml.html.HtmlElement) -> str:
    """class, id and role, lowercased: what the page calls the element."""
    parts = [element.get("class"), element.get("id"), element.get("role")]
    return " ".join(part for part in parts if part).lower()


def chars_found(text_query: etree.XPath, element: lxml.html.HtmlElement) -> int:
    """Non-space characters of the text nodes an XPath query selects under the element."""
    found = text_query(element)
    texts = found if isinstance(found, list) else []
    return len(SPACE.sub("", "".join(str(text) for text in texts)))


def text_length(element: lxml.html.HtmlElement) -> int:
    return len(SPACE.sub("", element.text_content()))
