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
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from models.article import Article, BlockKind
from pipeline.boilerplate import is_boilerplate
from pipeline.encoding import decode_html
from pipeline.errors import PipelineError
from pipeline.language import detect_language

STAGE = "parse"

# --- Rules (as data) -------------------------------------------------------------------

#: Elements that never hold article text, removed with everything inside them.
ALWAYS_NOISE_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "input",
    "select", "textarea", "option", "picture", "video", "audio", "object", "embed", "map",
    "dialog", "link", "meta", "head", "title", "img",
)  # fmt: skip

#: Elements that are furniture unless they hold most of the page (see PROTECTED_SHARE).
FURNITURE_TAGS = frozenset(
    {"form", "nav", "aside", "footer", "header", "figure", "figcaption", "menu", "label"}
)

#: Class/id/role words (whole words of the name, split at - _ and spaces) that mark furniture.
NOISE_WORDS = (
    # sharing, comments, related stories
    "share", "sharing", "shares", "sharebar", "social", "socials", "related", "recommended",
    "recommendations", "comment", "comments", "reactions", "rating", "teaser", "teasers",
    "mostread", "trending", "relaterte", "kommentarer", "deling",
    # ads, consent, sign-up
    "ad", "ads", "advert", "adverts", "advertisement", "adslot", "adunit", "banner", "promo",
    "promotion", "outbrain", "taboola", "paywall", "cookie", "cookies", "consent", "gdpr",
    "newsletter", "subscribe", "subscription", "signup", "annonse",
    # navigation and page chrome
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "widget",
    "widgets", "footer", "masthead", "topbar", "toolbar", "pagination", "pager", "skiplink",
    "popup", "modal", "overlay", "complementary", "print", "tags", "disclaimer", "copyright",
    # media and their captions and credits
    "gallery", "slideshow", "carousel", "caption", "captions", "credit", "credits", "embed",
    "embedded", "bildetekst", "fotokreditt",
    # bylines and dates (metadata comes from the page head)
    "byline", "dateline", "timestamp", "author", "bio",
    # hidden
    "hidden", "hide",
)  # fmt: skip

#: Class/id substrings that are unambiguous even inside compound names ("socialShareBar").
NOISE_SUBSTRINGS = (
    "sharebar", "socialshare", "newsletter", "cookie", "advert", "breadcrumb", "sponsor",
    "outbrain", "taboola", "visually-hidden", "sr-only", "screen-reader", "visuallyhidden",
    "caption", "contact", "kontakt",
)  # fmt: skip

#: A heading or short line that opens a list of other stories. It goes, with the run of
#: list items, headings and short lines after it (the teasers), up to the next paragraph.
RELATED_SECTION = re.compile(
    r"^(related\b.*|more (from|in) .{1,40}|more (\w+ ){0,3}stories"
    r"|you (may|might) (also )?like.*|recommended( for you)?|(our )?latest (stories|news)"
    r"|don'?t miss|most (read|popular|viewed)|les også|mer fra .{1,40}|meir frå .{1,40}"
    r"|flere saker.*|fleire saker.*|relaterte saker|siste nytt|mest lest|anbefalte? saker"
    r"|se også|andre saker)\W*$",
    re.IGNORECASE,
)
TEASER_MAX_CHARS = 100  # a longer paragraph after a related-stories line is the story again

#: Class/id words that suggest the article body.
CONTENT_WORDS = (
    "article", "articlebody", "body", "content", "entry", "main", "post", "story", "text",
    "blog", "prose", "richtext", "brodtekst", "brødtekst", "artikkel", "innhold", "tekst",
)  # fmt: skip

#: Class/id words marking the lead paragraph (ingress) on news sites.
LEAD_WORDS = ("ingress", "lead", "lede", "standfirst", "preamble", "intro", "dek", "summary")

#: JSON-LD @type values that describe an article.
ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
     "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "Report", "LiveBlogPosting",
     "TechArticle", "ScholarlyArticle", "SocialMediaPosting"}
)  # fmt: skip

BLOCK_KINDS: dict[str, BlockKind] = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "p": "paragraph", "pre": "paragraph", "li": "list_item",
    "dd": "list_item", "dt": "list_item", "blockquote": "quote",
}  # fmt: skip

#: Block-level elements. Everything else, custom elements included, is inline, as in a
#: browser: its text belongs to the paragraph around it.
BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
     "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
     "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol",
     "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul")
)  # fmt: skip

#: Paragraph-like elements whose text scores their containers.
SCORED_TAGS = ("p", "pre", "td", "blockquote", "li", "div", "section")

MIN_SCORED_CHARS = 25  # shorter blocks (labels, buttons) say nothing about the container
MAX_LINK_DENSITY = 0.65  # a block that is mostly links is navigation or a teaser
PROTECTED_SHARE = 0.4  # never remove an element holding this share of the page text
SIBLING_SHARE = 0.2  # a sibling scoring this share of the best container is article too
MAX_WALK_DEPTH = 150  # nesting read block by block; deeper content is read as one block
HEADLINE_FACTOR = 1.5  # containers around the headline score this much more: the story is there


def _word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9æøå])(?:{alternatives})(?![a-z0-9æøå])")


_NOISE_NAME = _word_pattern(NOISE_WORDS)
_NOISE_PART = re.compile("|".join(map(re.escape, NOISE_SUBSTRINGS)))
_CONTENT_NAME = _word_pattern(CONTENT_WORDS)
_LEAD_NAME = _word_pattern(LEAD_WORDS)
_MEDIA_NAME = re.compile(r"image|img|photo|media|video|figure|caption|bilde")
_HAS_MEDIA = etree.XPath(
    "boolean(descendant::img | descendant::figure | descendant::picture | descendant::video)"
)

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_NORWEGIAN_DATE = re.compile(r"\b(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})\b")
_MONTHS = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")
_WRITTEN_DATE = re.compile(
    r"\b(?P<day>\d{1,2})\.\s*(?P<month>(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)[a-z]*)\.?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
_PUBLISHED_LINE = re.compile(
    r"\b(?:publisert|published)\s*:?\s*((?:\d|\w+ \d).{0,30}?\d{4})", re.IGNORECASE
)
_EXCERPT_END = re.compile(r"(…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\bog\b|\band\b)\s*")

_HAS_BLOCK_DESCENDANT = etree.XPath(
    "boolean(descendant::*[" + " or ".join(f"self::{tag}" for tag in sorted(BLOCK_TAGS)) + "])"
)
_LINK_TEXT = etree.XPath("descendant-or-self::a//text()")
_PARAGRAPH_TEXT = etree.XPath("descendant-or-self::p//text()")

# huge_tree: badly closed pages nest deeper than libxml2's default limit of 256 levels.
_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True
)


# --- Public entry point -----------------------------------------------------------------


def parse_html(html: str | bytes, url: str | None = None, source: str | None = None) -> Article:
    """Parse one news page into an Article; raise PipelineError("parse") when it has no text."""
    root = _parse_tree(html)
    meta = read_metadata(root, url)
    body = root.find("body")
    body = body if body is not None else root
    headline = _headline_element(body, meta.title)
    lead_text = _find_lead(_story_scope(body, headline))
    remove_furniture(body)
    headline_text = headline.text_content() if headline is not None else None
    blocks = _drop_title(extract_blocks(body, headline), [meta.title, headline_text])
    blocks = _prefer_json_ld_body(blocks, meta.json_ld_body)
    if _declared_norwegian(meta.language):
        blocks = _with_lead(blocks, lead_text)
    if not blocks:
        raise PipelineError(STAGE, "no article text found in the page")
    body_text = " ".join(text for _, text in blocks)
    return Article.build(
        blocks,
        source=source or url or "<html>",
        language=_language(meta.language, body_text),
        url=meta.canonical or url,
        title=meta.title,
        lead=_choose_lead(lead_text, meta.description, blocks),
        published=meta.published,
        authors=meta.authors,
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


# --- Metadata ---------------------------------------------------------------------------


@dataclass
class PageMetadata:
    title: str | None = None
    description: str | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    canonical: str | None = None
    language: str | None = None
    json_ld_body: str | None = None


def read_metadata(root: lxml.html.HtmlElement, url: str | None) -> PageMetadata:
    """Everything the page declares about itself, JSON-LD first, then meta tags."""
    ld = _json_ld_article(root)
    metas = _meta_values(root)
    return PageMetadata(
        title=_title(ld, metas, root),
        description=_first_text(
            metas.get("og:description"), metas.get("description"), ld.get("description")
        ),
        published=_first_date(
            ld.get("datePublished"),
            metas.get("article:published_time"),
            metas.get("og:published_time"),
            metas.get("datepublished"),
            metas.get("pubdate"),
            metas.get("publishdate"),
            metas.get("date"),
            metas.get("dc.date"),
            metas.get("dc.date.issued"),
            metas.get("sailthru.date"),
            metas.get("parsely-pub-date"),
            _time_element(root),
            ld.get("dateCreated"),
        )
        or parse_date(_published_in_text(root)),
        authors=_authors(ld.get("author"), metas, root),
        canonical=_canonical(root, metas, url),
        language=_html_language(root, ld),
        json_ld_body=_clean_json_ld_body(ld.get("articleBody")),
    )


def _json_ld_article(root: lxml.html.HtmlElement) -> dict:
    """The first JSON-LD item typed as an article, preferring one that has articleBody."""
    found: list[dict] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
            found.extend(
                item for item in _json_ld_items(data) if _is_article_type(item.get("@type"))
            )
        except (ValueError, RecursionError):
            continue  # broken (or absurdly nested) JSON-LD is common; the DOM has the article
    with_body = [item for item in found if isinstance(item.get("articleBody"), str)]
    return (with_body or found or [{}])[0]


def _json_ld_items(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_items(data["@graph"])
        if isinstance(data.get("mainEntity"), dict):
            yield data["mainEntity"]


def _is_article_type(value: object) -> bool:
    types = value if isinstance(value, list) else [value]
    return any(isinstance(kind, str) and kind.split("/")[-1] in ARTICLE_TYPES for kind in types)


def _meta_values(root: lxml.html.HtmlElement) -> dict[str, str]:
    """<meta name|property|itemprop=key content=value>, first value per lowercased key."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if content and key and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _first_text(*candidates: object) -> str | None:
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            return _normalise(html_lib.unescape(candidate))
    return None


def _title(ld: dict, metas: dict[str, str], root: lxml.html.HtmlElement) -> str | None:
    """The headline; the page's <h1> wins over a declared title that is the same words
    plus a site name ("Headline - Avisa")."""
    declared = _first_text(ld.get("headline"), metas.get("og:title"), metas.get("twitter:title"))
    h1 = _first_text(_h1_text(root))
    if declared and h1 and _comparable(declared).startswith(_comparable(h1)):
        return h1
    return declared or h1 or _first_text(_title_tag(root))


def _h1_text(root: lxml.html.HtmlElement) -> str | None:
    h1 = next(root.iter("h1"), None)
    return h1.text_content() if h1 is not None else None


def _title_tag(root: lxml.html.HtmlElement) -> str | None:
    title = root.find(".//title")
    if title is None or not title.text:
        return None
    # "Headline - Site name" / "Headline | Site": keep the headline.
    return _TITLE_SEPARATOR.split(title.text.strip())[0]


def _first_date(*candidates: object) -> date | None:
    for candidate in candidates:
        parsed = parse_date(candidate)
        if parsed:
            return parsed
    return None


def parse_date(value: object) -> date | None:
    """ISO dates (2024-02-14T07:12), Norwegian numeric (14.02.2024) and written
    (14. feb. 2024, 14. februar 2024) dates."""
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str):
        return None
    for pattern in (_ISO_DATE, _NORWEGIAN_DATE, _WRITTEN_DATE):
        match = pattern.search(value)
        if match:
            parsed = _date_from_match(match)
            if parsed:
                return parsed
    return None


def _date_from_match(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = parts["month"]
    number = _MONTHS.index(month[:3].lower()) + 1 if month.isalpha() else int(month)
    try:
        return date(int(parts["year"]), number, int(parts["day"]))
    except ValueError:
        return None


def _published_in_text(root: lxml.html.HtmlElement) -> str | None:
    """A "Publisert 14.02.2024" line, for pages without date metadata (municipal sites)."""
    body = root.find("body")
    match = _PUBLISHED_LINE.search(body.text_content()) if body is not None else None
    return match.group(1) if match else None


def _time_element(root: lxml.html.HtmlElement) -> str | None:
    for element in root.xpath('//*[@itemprop="datePublished"]'):
        return element.get("datetime") or element.get("content") or element.text_content()
    for element in root.xpath("//time[@datetime]"):
        return element.get("datetime")
    return None


def _authors(ld_author: object, metas: dict[str, str], root: lxml.html.HtmlElement) -> list[str]:
    names = list(_json_ld_names(ld_author))
    if not names:
        names = [
            metas.get("author", ""),
            metas.get("article:author", ""),
            metas.get("dc.creator", ""),
        ]
    if not any(names):
        names = [
            e.text_content()
            for e in root.xpath('//*[@itemprop="author"]//*[@itemprop="name"] | //a[@rel="author"]')
        ]
    return _unique_names(names)


def _json_ld_names(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _json_ld_names(item)
    elif isinstance(value, dict) and isinstance(value.get("name"), str):
        yield value["name"]


def _unique_names(names: list[str]) -> list[str]:
    unique: list[str] = []
    for raw in names:
        for name in _NAME_SEPARATOR.split(raw or ""):
            name = _normalise(html_lib.unescape(name))
            # URLs (article:author often is one) and long strings are not names.
            if name and "://" not in name and len(name) <= 80 and name not in unique:
                unique.append(name)
    return unique


def _canonical(root: lxml.html.HtmlElement, metas: dict[str, str], url: str | None) -> str | None:
    links = root.xpath(
        '//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href'
    )
    href = links[0] if links else metas.get("og:url")
    if href and href.strip():
        return urljoin(url or "", href.strip())
    return url


def _html_language(root: lxml.html.HtmlElement, ld: dict) -> str | None:
    lang = root.get("lang") or root.get("xml:lang")
    if not lang and isinstance(ld.get("inLanguage"), str):
        lang = ld["inLanguage"]
    return lang.strip().lower() if lang else None


def _language_code(declared: str | None) -> str:
    """ "nb-NO" -> "nb", "no_NO" -> "no"."""
    return (declared or "").replace("_", "-").split("-")[0]


def _declared_norwegian(declared: str | None) -> bool:
    return _language_code(declared) in ("no", "nb", "nn")


def _language(declared: str | None, body_text: str) -> Literal["nb", "nn"]:
    """nn and nb are trusted as declared. "no" (Norwegian, either written standard) and a
    missing or foreign tag are settled by the text."""
    code = _language_code(declared)
    if code in ("nb", "nn"):
        return "nn" if code == "nn" else "nb"
    return detect_language(body_text)


def _clean_json_ld_body(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = html_lib.unescape(value)
    if "<" in text and ">" in text:  # some CMSes put HTML in articleBody
        try:
            text = "\n".join(str(part) for part in lxml.html.fromstring(text).itertext())
        except (etree.ParserError, ValueError):
            pass
    return text.strip() or None


# --- Furniture removal ------------------------------------------------------------------


def remove_furniture(body: lxml.html.HtmlElement) -> None:
    """Strip everything that is page furniture, in place (tails, the text after an
    element, are kept: they belong to the parent)."""
    etree.strip_elements(body, *ALWAYS_NOISE_TAGS, with_tail=False)
    for line_break in body.iter("br"):
        # So that "kultursjef<br>Telefon" reads as two words wherever the text is taken.
        line_break.tail = "\n" + (line_break.tail or "")
    page = _TextShare(_text_length(body), _prose_length(body))
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
        if _text_length(element) >= PROTECTED_SHARE * max(1, self.chars):
            return True
        return self.prose_chars > 0 and _prose_length(element) >= PROTECTED_SHARE * self.prose_chars


# Norwegian stories put company facts in a box ("fakta", "faktaboks", "factbox"): content.
_FACT_BOX_NAME = re.compile(r"(?:^|[\s_-])(?:fakta\w*|fact-?box\w*|facts?)(?:$|[\s_-])")


def _is_furniture(element: lxml.html.HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return True  # entities and other oddities the parser kept
    name = _element_name(element)
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


def _element_name(element: lxml.html.HtmlElement) -> str:
    """class, id and role, lowercased: what the page calls the element."""
    parts = [element.get("class"), element.get("id"), element.get("role")]
    return " ".join(part for part in parts if part).lower()


def _prose_length(element: lxml.html.HtmlElement) -> int:
    """Characters inside <p> elements: article text, unlike menus and link lists."""
    return _chars_found(_PARAGRAPH_TEXT, element)


def _chars_found(text_query: etree.XPath, element: lxml.html.HtmlElement) -> int:
    """Non-space characters of the text nodes an XPath query selects under the element."""
    found = text_query(element)
    texts = found if isinstance(found, list) else []
    return len(_SPACE.sub("", "".join(str(text) for text in texts)))


def _text_length(element: lxml.html.HtmlElement) -> int:
    return len(_SPACE.sub("", element.text_content()))


# --- Lead -------------------------------------------------------------------------------


def _story_scope(
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


def _find_lead(scope: lxml.html.HtmlElement) -> str | None:
    """Text of an element named as the ingress, read before furniture removal (the lead
    often sits in the article <header>). "lead-image" and the like are not the lead."""
    for element in scope.iter("p", "div", "section", "span"):
        name = (element.get("class") or "").lower()
        if not _LEAD_NAME.search(name) or _MEDIA_NAME.search(name) or _HAS_MEDIA(element):
            continue
        text = _normalise(element.text_content())
        if 40 <= len(text) <= 600:
            return text
    return None


def _choose_lead(
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


def _with_lead(
    blocks: list[tuple[BlockKind, str]], lead_text: str | None
) -> list[tuple[BlockKind, str]]:
    """Norwegian papers print the ingress as the opening of the story (it names the main
    actors), but usually in the article header, outside the body container: put it first."""
    if not lead_text or not blocks:
        return blocks
    key = _comparable(lead_text)
    if any(key in _comparable(text) for _, text in blocks[:5]):
        return blocks
    return [("paragraph", lead_text), *blocks]


def _similar_start(a: str, b: str) -> bool:
    words_a, words_b = _WORD.findall(a.lower())[:8], _WORD.findall(b.lower())[:8]
    return bool(words_a) and words_a == words_b[: len(words_a)]


# --- Main container ---------------------------------------------------------------------


def _headline_element(
    body: lxml.html.HtmlElement, title: str | None
) -> lxml.html.HtmlElement | None:
    """The heading that carries the article's title (the first <h1> when none matches)."""
    key = _comparable(title or "")
    headings = list(body.iter("h1", "h2"))
    for heading in headings:
        if key and _comparable(heading.text_content()) == key:
            return heading
    return next((heading for heading in headings if heading.tag == "h1"), None)


def extract_blocks(
    body: lxml.html.HtmlElement, headline: lxml.html.HtmlElement | None = None
) -> list[tuple[BlockKind, str]]:
    """The article's blocks: from the best-scoring container and its like siblings."""
    blocks: list[_RawBlock] = []
    for container in find_main_containers(body, headline):
        blocks.extend(_read_blocks(container))
    blocks = _drop_related_sections(blocks)
    return [(block.kind, block.text) for block in blocks if _is_article_text(block)]


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
        text = _normalise(block.text_content())
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
    if _CONTENT_NAME.search(_element_name(element)):
        bonus += 15
    return bonus


def _has_own_text(element: lxml.html.HtmlElement) -> bool:
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def _link_density(element: lxml.html.HtmlElement) -> float:
    text_chars = _text_length(element)
    if not text_chars:
        return 0.0
    link_chars = _chars_found(_LINK_TEXT, element)
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
    text = _normalise(element.text_content())
    return len(text) >= 80 and _link_density(element) < 0.25 and bool(re.search(r"[.!?]", text))


# --- Blocks -----------------------------------------------------------------------------


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
        self.link_chars += _chars_found(_LINK_TEXT, element)


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
    text = _normalise("".join(pending.parts))
    if text:
        density = min(1.0, pending.link_chars / max(1, len(_SPACE.sub("", text))))
        blocks.append(_RawBlock(kind, text, density))


def _is_article_text(block: _RawBlock) -> bool:
    if block.link_density > MAX_LINK_DENSITY or not _WORD.search(block.text):
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


def _drop_title(
    blocks: list[tuple[BlockKind, str]], titles: list[str | None]
) -> list[tuple[BlockKind, str]]:
    """The headline is Article.title, not body text."""
    keys = {_comparable(title) for title in titles if title}
    return [
        (kind, text)
        for kind, text in blocks
        if not (kind == "heading" and _comparable(text) in keys)
    ]


def _prefer_json_ld_body(
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
    paragraphs = (_normalise(line) for line in json_ld_body.splitlines())
    return [("paragraph", text) for text in paragraphs if text]


def _share_contained(part: str, whole: str) -> float:
    """Share of ``part``'s word 4-grams that also occur in ``whole``."""
    part_grams, whole_grams = _word_4grams(part), _word_4grams(whole)
    if not part_grams:
        return 1.0
    return len(part_grams & whole_grams) / len(part_grams)


def _word_4grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}


# --- Text helpers -----------------------------------------------------------------------


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\xad", "")).strip()


def _comparable(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
