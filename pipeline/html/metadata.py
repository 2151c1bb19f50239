"""What a page declares about itself: title, description, publication date, authors,
canonical URL, language and the JSON-LD articleBody, JSON-LD first, then <meta> tags
and the DOM."""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from pipeline.html.rules import ARTICLE_TYPES
from pipeline.html.text import comparable, normalise
from pipeline.language import detect_language

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
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\bog\b|\band\b)\s*")


@dataclass
class PageMetadata:
    title: str | None = None
    description: str | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    canonical: str | None = None
    language: str | None = None
    json_ld_body: str | None = None
    news: bool = False  # JSON-LD NewsArticle and kin: the publisher is a newsroom


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
        publisher=_first_text(_name_of(ld.get("publisher")), metas.get("og:site_name")),
        canonical=_canonical(root, metas, url),
        language=_html_language(root, ld),
        json_ld_body=_clean_json_ld_body(ld.get("articleBody")),
        news=_is_news_type(ld.get("@type")),
    )


def _name_of(value: object) -> str | None:
    """The name of a JSON-LD Organization (or the first of a list of them)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


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


def _is_news_type(value: object) -> bool:
    """NewsArticle and its kinds (ReportageNewsArticle, OpinionNewsArticle, ...)."""
    types = value if isinstance(value, list) else [value]
    return any(isinstance(kind, str) and kind.endswith("NewsArticle") for kind in types)


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
            return normalise(html_lib.unescape(candidate))
    return None


def _title(ld: dict, metas: dict[str, str], root: lxml.html.HtmlElement) -> str | None:
    """The headline, chosen by evidence: each way a Norwegian news page marks it (JSON-LD
    headline, og:title, twitter:title, the <h1> of the <article>, the page's first <h1>,
    the <title> without its site name) is a witness. The shortest text that other
    witnesses repeat, alone or with a site name after it ("Headline - Avisa"), wins: a
    site's logo in an <h1> or a site name glued to og:title is repeated by no one. With
    no agreement, the first witness in that order."""
    witnesses = [
        text
        for text in (
            _first_text(ld.get("headline")),
            _first_text(metas.get("og:title")),
            _first_text(metas.get("twitter:title")),
            _first_text(_h1_text(root, inside_article=True)),
            _first_text(_h1_text(root, outside_article=True)),
            _first_text(_title_tag(root)),
        )
        if text
    ]
    if not witnesses:
        return None

    def repeats(other: str, candidate: str) -> bool:
        """``other`` is ``candidate``, or it with a site name after a separator."""
        if comparable(other) == comparable(candidate):
            return True
        head = _TITLE_SEPARATOR.split(other)[0]
        return head != other and comparable(head) == comparable(candidate)

    def support(candidate: str) -> int:
        return sum(1 for other in witnesses if repeats(other, candidate))

    best = max(support(w) for w in witnesses)
    if best < 2:
        return witnesses[0]
    backed = [w for w in witnesses if support(w) == best]
    return min(backed, key=lambda w: (len(w), witnesses.index(w)))


def _h1_text(
    root: lxml.html.HtmlElement, inside_article: bool = False, outside_article: bool = False
) -> str | None:
    """The first <h1> in an <article> or <main> (where the story's headline stands), or
    the first one outside them (a site's logo, or the headline of a page without them)."""
    scopes = [*root.iter("article"), *root.iter("main")]
    in_scope = {id(h) for scope in scopes for h in scope.iter("h1")}
    if inside_article:
        h1 = next((h for h in root.iter("h1") if id(h) in in_scope), None)
    elif outside_article:
        h1 = next((h for h in root.iter("h1") if id(h) not in in_scope), None)
    else:
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
            name = normalise(html_lib.unescape(name))
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


def declared_norwegian(declared: str | None) -> bool:
    return _language_code(declared) in ("no", "nb", "nn")


def article_language(declared: str | None, body_text: str) -> Literal["nb", "nn"]:
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
