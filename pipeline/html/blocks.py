"""The article's blocks read from the chosen containers in document order, without the
related-stories sections, link lists, boilerplate lines and the headline; and the
choice between these blocks and the JSON-LD articleBody."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from models.article import BlockKind
from pipeline.boilerplate import is_boilerplate
from pipeline.html.containers import find_main_containers
from pipeline.html.rules import (
    BLOCK_KINDS,
    BLOCK_TAGS,
    MAX_LINK_DENSITY,
    MAX_WALK_DEPTH,
    RELATED_SECTION,
    TEASER_MAX_CHARS,
)
from pipeline.html.text import LINK_TEXT, SPACE, WORD, chars_found, comparable, normalise

_HAS_BLOCK_DESCENDANT = etree.XPath(
    "boolean(descendant::*[" + " or ".join(f"self::{tag}" for tag in sorted(BLOCK_TAGS)) + "])"
)


def extract_blocks(
    body: lxml.html.HtmlElement, headline: lxml.html.HtmlElement | None = None
) -> list[tuple[BlockKind, str]]:
    """The article's blocks: from the best-scoring container and its like siblings."""
    blocks: list[_RawBlock] = []
    for container in find_main_containers(body, headline):
        blocks.extend(_read_blocks(container))
    blocks = _drop_related_sections(blocks)
    return [(block.kind, block.text) for block in blocks if _is_article_text(block)]


@dataclass
class _RawBlock:
    kind: BlockKind
    text: str
    link_density: float


@dataclass
class _Inline:
    """Text collected from inline content, with how much of it sits inside links."""

    parts: list[str] = field(default_factory=list)
    link_chars: int = 0

    def add_text(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def add_element(self, element: lxml.html.HtmlElement) -> None:
        self.parts.append(element.text_content())
        self.link_chars += chars_found(LINK_TEXT, element)


def _read_blocks(container: lxml.html.HtmlElement) -> list[_RawBlock]:
    """Blocks under the container, in reading order."""
    blocks: list[_RawBlock] = []
    if container.tag in BLOCK_KINDS and not _HAS_BLOCK_DESCENDANT(container):
        _append_block(blocks, BLOCK_KINDS[container.tag], _inline_of(container))
    else:
        _walk(container, blocks)
    return blocks


def _walk(node: lxml.html.HtmlElement, blocks: list[_RawBlock], depth: int = 0) -> None:
    """Turn a node's content into blocks: runs of inline content become paragraphs,
    block elements their own kind, nested containers are walked in turn."""
    if depth > MAX_WALK_DEPTH:
        # Broken pages nest thousands of unclosed tags; read what is that deep as one block.
        _append_block(blocks, "paragraph", _inline_of(node))
        return
    pending = _Inline()
    pending.add_text(node.text)
    for child in node:
        if not isinstance(child.tag, str):
            pending.add_text(child.tail)
            continue
        if child.tag == "br":
            pending = _flush(blocks, pending)
        elif child.tag not in BLOCK_TAGS and not _HAS_BLOCK_DESCENDANT(child):
            pending.add_element(child)
        else:
            pending = _flush(blocks, pending)
            if child.tag in BLOCK_KINDS and not _HAS_BLOCK_DESCENDANT(child):
                _append_block(blocks, BLOCK_KINDS[child.tag], _inline_of(child))
            else:
                _walk_nested(child, blocks, depth + 1)
        pending.add_text(child.tail)
    _flush(blocks, pending)


def _walk_nested(element: lxml.html.HtmlElement, blocks: list[_RawBlock], depth: int) -> None:
    """A block element with block children; quotes and list items keep their kind."""
    start = len(blocks)
    _walk(element, blocks, depth)
    kind = BLOCK_KINDS.get(element.tag)
    if kind in ("quote", "list_item"):
        for block in blocks[start:]:
            block.kind = kind


def _inline_of(element: lxml.html.HtmlElement) -> _Inline:
    pending = _Inline()
    pending.add_element(element)
    return pending


def _flush(blocks: list[_RawBlock], pending: _Inline) -> _Inline:
    _append_block(blocks, "paragraph", pending)
    return _Inline()


def _append_block(blocks: list[_RawBlock], kind: BlockKind, pending: _Inline) -> None:
    text = normalise("".join(pending.parts))
    if text:
        density = min(1.0, pending.link_chars / max(1, len(SPACE.sub("", text))))
        blocks.append(_RawBlock(kind, text, density))


def _is_article_text(block: _RawBlock) -> bool:
    if block.link_density > MAX_LINK_DENSITY or not WORD.search(block.text):
        return False
    return not is_boilerplate(block.text)


def _drop_related_sections(blocks: list[_RawBlock]) -> list[_RawBlock]:
    """Drop a "Les også" / "More from ..." line and the teaser run after it: list items,
    headings and short lines, up to the next real paragraph."""
    kept: list[_RawBlock] = []
    in_related = False
    for block in blocks:
        if len(block.text) <= 60 and RELATED_SECTION.match(block.text):
            in_related = True
            continue
        if in_related and (block.kind != "paragraph" or len(block.text) < TEASER_MAX_CHARS):
            continue
        in_related = False
        kept.append(block)
    return kept


def drop_title(
    blocks: list[tuple[BlockKind, str]], titles: list[str | None]
) -> list[tuple[BlockKind, str]]:
    """The headline is Article.title, not body text."""
    keys = {comparable(title) for title in titles if title}
    return [
        (kind, text)
        for kind, text in blocks
        if not (kind == "heading" and comparable(text) in keys)
    ]


def prefer_json_ld_body(
    blocks: list[tuple[BlockKind, str]], json_ld_body: str | None
) -> list[tuple[BlockKind, str]]:
    """The DOM's blocks when they agree with the JSON-LD articleBody, else articleBody.

    articleBody is often cut short or flattened to one paragraph, so the DOM wins when it
    has most of it; when the DOM has far less text, or text that does not contain the
    declared body (a wrong container), the publisher's articleBody is the better bet.
    """
    if not json_ld_body:
        return blocks
    dom_text = " ".join(text for _, text in blocks)
    if len(dom_text) >= 0.5 * len(json_ld_body) and _share_contained(json_ld_body, dom_text) >= 0.5:
        return blocks
    paragraphs = (normalise(line) for line in json_ld_body.splitlines())
    return [("paragraph", text) for text in paragraphs if text]


def _share_contained(part: str, whole: str) -> float:
    """Share of ``part``'s word 4-grams that also occur in ``whole``."""
    part_grams, whole_grams = _word_4grams(part), _word_4grams(whole)
    if not part_grams:
        return 1.0
    return len(part_grams & whole_grams) / len(part_grams)


def _word_4grams(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}
