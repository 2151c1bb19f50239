"""HTML page -> Article: the main text as ordered blocks, plus the page's metadata.

Strategy, cheapest and most reliable evidence first:

1. Metadata from what the publisher declares: JSON-LD (NewsArticle and kin), OpenGraph
   and other <meta> tags, <link rel=canonical>, <time datetime>, <html lang>.
2. Page furniture removed before looking for content: scripts, navigation, asides,
   figures and captions, forms, hidden elements, and elements whose class or id names
   them as share bars, related links, cookie banners, ads and the like. An element
   that holds most of the page's text is never removed that way: some sites put the
   whole page in a <form> or give the article wrapper a "has-comments" class.
3. The main container chosen by a content-density score: long, comma-rich paragraphs
   give points to their parent and grandparent (not past an <article>, so a list of
   teaser cards cannot outscore the story; cut-off "..." excerpts give none); the
   page's markers (itemprop=articleBody, <article>, "article-body"-like class names)
   add a bonus capped by what the text earned; the containers around the headline
   score more; link density discounts. The winner is widened to the publisher's
   itemprop=articleBody around it, to siblings that score close to it, and to
   same-class containers elsewhere (long stories cut into chunks between ads).
4. Blocks read from the containers in document order; a "Les også" / "Related" line
   and the teasers after it go, as do blocks that are mostly links or match the
   boilerplate line rules (pipeline/resources/boilerplate.jsonl).
5. JSON-LD articleBody replaces the DOM's text when the DOM gave far less text, or
   text that does not contain it (the wrong container); otherwise the DOM wins, as
   articleBody is often truncated or flattened.
6. On Norwegian pages the ingress, usually in the article header, opens the text.

The tree is lxml's own (lxml.html), not BeautifulSoup's: building a BeautifulSoup tree
alone costs about 13 ms for an average news page, more than trafilatura needs for the
whole extraction, while lxml parses the same page in about 1 ms and does the tree
searches below in C.

One module a step: ``metadata`` (1), ``furniture`` (2), ``containers`` (3), ``blocks`` (4
and 5), ``lead`` (6); ``rules`` holds the rules as data and ``text`` the text measures
they share. This module runs them in order (``parse_html``) and re-exports their public
names.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from models.article import Article
from pipeline.encoding import decode_html
from pipeline.errors import PipelineError
from pipeline.html.blocks import drop_title, extract_blocks, prefer_json_ld_body
from pipeline.html.containers import find_main_containers, headline_element
from pipeline.html.furniture import remove_furniture
from pipeline.html.lead import choose_lead, find_lead, story_scope, with_lead
from pipeline.html.metadata import (
    PageMetadata,
    article_language,
    declared_norwegian,
    parse_date,
    read_metadata,
)
from pipeline.html.rules import (
    ALWAYS_NOISE_TAGS,
    ARTICLE_TYPES,
    BLOCK_KINDS,
    BLOCK_TAGS,
    CONTENT_WORDS,
    FURNITURE_TAGS,
    HEADLINE_FACTOR,
    LEAD_WORDS,
    MAX_LINK_DENSITY,
    MAX_WALK_DEPTH,
    MIN_SCORED_CHARS,
    NOISE_SUBSTRINGS,
    NOISE_WORDS,
    PROTECTED_SHARE,
    RELATED_SECTION,
    SCORED_TAGS,
    SIBLING_SHARE,
    TEASER_MAX_CHARS,
)

__all__ = [
    "ALWAYS_NOISE_TAGS",
    "ARTICLE_TYPES",
    "BLOCK_KINDS",
    "BLOCK_TAGS",
    "CONTENT_WORDS",
    "FURNITURE_TAGS",
    "HEADLINE_FACTOR",
    "LEAD_WORDS",
    "MAX_LINK_DENSITY",
    "MAX_WALK_DEPTH",
    "MIN_SCORED_CHARS",
    "NOISE_SUBSTRINGS",
    "NOISE_WORDS",
    "PROTECTED_SHARE",
    "RELATED_SECTION",
    "SCORED_TAGS",
    "SIBLING_SHARE",
    "STAGE",
    "TEASER_MAX_CHARS",
    "PageMetadata",
    "extract_blocks",
    "find_main_containers",
    "parse_date",
    "parse_html",
    "read_metadata",
    "remove_furniture",
]

STAGE = "parse"

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")

# huge_tree: badly closed pages nest deeper than libxml2's default limit of 256 levels.
_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True
)


def parse_html(html: str | bytes, url: str | None = None, source: str | None = None) -> Article:
    """Parse one news page into an Article; raise PipelineError("parse") when it has no text."""
    root = _parse_tree(html)
    meta = read_metadata(root, url)
    body = root.find("body")
    body = body if body is not None else root
    headline = headline_element(body, meta.title)
    lead_text = find_lead(story_scope(body, headline))
    remove_furniture(body)
    headline_text = headline.text_content() if headline is not None else None
    blocks = drop_title(extract_blocks(body, headline), [meta.title, headline_text])
    blocks = prefer_json_ld_body(blocks, meta.json_ld_body)
    if declared_norwegian(meta.language):
        blocks = with_lead(blocks, lead_text)
    if not blocks:
        raise PipelineError(STAGE, "no article text found in the page")
    body_text = " ".join(text for _, text in blocks)
    return Article.build(
        blocks,
        source=source or url or "<html>",
        language=article_language(meta.language, body_text),
        url=meta.canonical or url,
        title=meta.title,
        lead=choose_lead(lead_text, meta.description, blocks),
        published=meta.published,
        authors=meta.authors,
        publisher=meta.publisher,
        news_article=meta.news,
    )


def _parse_tree(html: str | bytes) -> lxml.html.HtmlElement:
    text = decode_html(html) if isinstance(html, bytes) else html
    # lxml refuses str input that declares an encoding, and XML-illegal control chars.
    text = _CONTROL_CHARS.sub("", _XML_DECLARATION.sub("", text))
    if not text.strip():
        raise PipelineError(STAGE, "empty page: the HTML has no content")
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise PipelineError(STAGE, f"unparseable HTML: {error}") from error
