"""Parse stage: raw HTML or plain text -> ``Article`` with ordered, typed blocks.

Plain text gets the same structure detection as HTML gives for free: title, lead,
headings (short lines without final punctuation, short lines ending in ':'), numbered
and bulleted list items, dash quotes; boilerplate lines never reach the mined text.
"""

from __future__ import annotations

import codecs
import re
from datetime import date
from pathlib import Path

from models import Article, BlockKind
from pipeline.boilerplate import is_boilerplate, without_furniture
from pipeline.errors import PipelineError
from pipeline.html.text import DASH_VARIANTS
from pipeline.language import detect_language
from pipeline.rules import RuleSet, per_rule_set
from pipeline.text import alternation

__all__ = ["parse_bytes", "parse_html", "parse_text"]

_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•·▪])\s+")
# what a list item loses from its text: a bullet; a number stays, it may be content ("13)
# Stoppe klimaendringene" names goal 13)
_BULLET = re.compile(r"^\s*[-*•·▪]\s+")
_ENDS_SENTENCE = re.compile(r"[.!?…»”\")]$")
_KEY_VALUE = re.compile(r"^[A-ZÆØÅ][\wæøå]{1,20}:\s+\S")
_MAX_HEADING_WORDS = 10
_MAX_LABEL_WORDS = 6  # "GKN Aerospace:" or "Bedriftene:" but not a sentence introducing a quote


#: What an Article says about itself besides its text: kept when its blocks are rebuilt.
_METADATA = frozenset(Article.model_fields) - {"id", "blocks", "text"}


def parse_html(
    html: str | bytes,
    url: str | None = None,
    source: str | None = None,
    *,
    rules: RuleSet | None = None,
) -> Article:
    """HTML page -> Article (main content extraction lives in ``pipeline.html``). ``rules``:
    the speech verbs that tell a hyphen quote from a list item (None: the packaged rules)."""
    from pipeline.html import parse_html as _parse_html

    article = _parse_html(html, url=url, source=source)
    return with_title_block(refine_blocks(article, rules or RuleSet.default()))


def with_title_block(article: Article) -> Article:
    """The headline as the first block of the mined text: names, places and goals that stand
    only in the headline count like any other (Article.title keeps it as metadata too)."""
    title = (article.title or "").strip()
    if not title or (article.blocks and article.blocks[0].text == title):
        return article
    blocks: list[tuple[BlockKind, str]] = [("title", title)]
    blocks += [(b.kind, b.text) for b in article.blocks]
    return Article.build(blocks, **article.model_dump(include=_METADATA))


def refine_blocks(article: Article, rules: RuleSet) -> Article:
    """Give HTML paragraphs the structure plain text gets: "Holzweiler:" is a heading,
    "1. Om forventninger: ..." a list item. Pages often write both as plain <p>."""
    blocks: list[tuple[BlockKind, str]] = []
    paragraphs = [b.text if b.kind == "paragraph" else "" for b in article.blocks]
    for index, block in enumerate(article.blocks):
        kind, text = block.kind, block.text
        if kind == "paragraph":
            if _is_hyphen_quote(text, rules) or _lone_hyphen_sentence(paragraphs, index, rules):
                kind, text = "quote", _LIST_MARKER.sub("", text, count=1)
            elif _LIST_MARKER.match(text):
                kind, text = "list_item", _BULLET.sub("", text, count=1)
            elif text.endswith(":") and len(text.split()) <= _MAX_LABEL_WORDS:
                kind = "heading"
        blocks.append((kind, text))
    if [b.kind for b in article.blocks] == [k for k, _ in blocks] and all(
        b.text == t for b, (_, t) in zip(article.blocks, blocks, strict=False)
    ):
        return article
    return Article.build(blocks, **article.model_dump(include=_METADATA))


def parse_text(
    text: str, source: str | None = None, url: str | None = None, *, rules: RuleSet | None = None
) -> Article:
    """Plain text article -> Article. A label line ("PRESSEMELDING") and a dateline
    ("Lillehammer, 2. september 2025") before the story are metadata; the first line is the
    title when it reads as a headline (short, no full stop, or set apart by a blank line
    above a longer paragraph), else the text has no title and every paragraph is body. The
    first paragraph after the title is the lead; the headline is mined like the body.
    ``rules``: the speech verbs that tell a hyphen quote from a list item (None: the
    packaged rules; parsing comes before any pipeline)."""
    rules = rules or RuleSet.default()
    content = _content_lines(text, rules)
    content, dated = _without_labels_and_datelines(content)
    title = content[0][0] if _is_headline(content, text) else None
    rest = content[1:] if title is not None else content
    body = [(_classify(clean, raw, rules), _strip_marker(clean, raw)) for clean, raw in rest]
    raws = [raw for _, raw in rest]
    body = [
        ("quote", text)
        if kind == "list_item" and _lone_hyphen_sentence(raws, i, rules)
        else (kind, text)
        for i, (kind, text) in enumerate(body)
    ]
    lead = next((text for kind, text in body if kind == "paragraph"), None)
    if lead is not None and body and body[0][1] != lead:
        lead = None  # a lead is the first block, not a paragraph further down
    blocks: list[tuple[BlockKind, str]] = [("title", title)] if title else []
    blocks += body
    language = detect_language(" ".join(clean for clean, _ in content))
    published, authors = _dateline_and_byline(text, rules)
    published = published or dated
    return Article.build(
        blocks,
        source=source or "<text>",
        url=url,
        language=language,
        title=title,
        lead=lead,
        published=published,
        authors=authors,
    )


_LABEL_LINE = re.compile(
    r"^(?:pressemelding|pressemeddelelse|pressemelding fra .{1,60}|nyhet|nyheit|melding|børsmelding)\s*:?$",
    re.IGNORECASE,
)
# "Lillehammer, 2. september 2025", "2. sep. 2025", "02.09.2025", "Bergen 2.9.2025:"
_DATE_ONLY_LINE = re.compile(
    r"^(?:[A-ZÆØÅ][\wæøåÆØÅ .-]{1,40}[,:]?\s+)?(?:\d{1,2}\.\s*[A-Za-zæøå]{3,9}\.?\s+\d{4}"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\s*[.:]?$"
)
_MAX_HEADLINE_WORDS = 20


def _without_labels_and_datelines(
    content: list[tuple[str, str]],
) -> tuple[list[tuple[str, str]], date | None]:
    """Drop a press-release label and a dateline among the first lines; the date is kept."""
    from pipeline.html import parse_date

    kept, published = [], None
    for index, (clean, raw) in enumerate(content):
        if index < 4 and _LABEL_LINE.match(clean):
            continue
        if index < 4 and _DATE_ONLY_LINE.match(clean) and (date_ := parse_date(clean)):
            published = published or date_
            continue
        kept.append((clean, raw))
    if not kept:
        raise PipelineError("parse", "no text left after removing labels and datelines")
    return kept, published


def _is_headline(content: list[tuple[str, str]], text: str) -> bool:
    """A short first line without a full stop, or one set apart by a blank line above a longer
    paragraph; a text that opens with an ordinary paragraph has no headline."""
    first = content[0][0]
    if len(content) == 1:
        return False
    words = len(first.split())
    if words <= _MAX_HEADLINE_WORDS and not re.search(r"[.!…]$", first):
        return True
    following = content[1][0]
    set_apart = re.search(rf"{re.escape(content[0][1].strip())}[ \t]*\r?\n[ \t]*\r?\n", text)
    return bool(set_apart) and words <= _MAX_HEADLINE_WORDS and len(following) > 2 * len(first)


# Copied web pages keep their date and byline lines ("Publisert 03.11.2026 kl. 14:20",
# "Av Kari Nordmann"): boilerplate for the mined text, metadata for the article.
_DATELINE = re.compile(r"^(?:publisert|publ\.|oppdatert|sist oppdatert)\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:av|tekst|tekst og foto|skrevet av)\s*:?\s+(?P<names>[A-ZÆØÅ][\wæøåé.-]+(?:\s+[A-ZÆØÅ][\wæøåé.-]+){1,3}"
    r"(?:\s*(?:,|og)\s*[A-ZÆØÅ][\wæøåé.-]+(?:\s+[A-ZÆØÅ][\wæøåé.-]+){1,3})*)\s*(?:[|·,-].*)?$",
    re.IGNORECASE,
)


def _dateline_and_byline(text: str, rules: RuleSet) -> tuple[date | None, list[str]]:
    from pipeline.html import parse_date

    published, authors = None, []
    for line in text.splitlines()[:40]:
        line = " ".join(line.split())
        if published is None and (_DATELINE.match(line) or _DATE_ONLY_LINE.match(line)):
            published = parse_date(line)
        byline = _BYLINE.match(line)
        if not authors and byline and is_boilerplate(line, rules):
            names = re.split(r"\s*,\s*|\s+og\s+", byline.group("names"))
            authors = [name.strip() for name in names if name.strip()]
    return published, authors


def parse_body(text: str, source: str | None = None, *, rules: RuleSet | None = None) -> Article:
    """A text without a title line (a paragraph or an excerpt) -> Article with the same blocks
    (``rules`` as for ``parse_text``)."""
    rules = rules or RuleSet.default()
    content = _content_lines(text, rules)
    blocks = [(_classify(clean, raw, rules), _strip_marker(clean, raw)) for clean, raw in content]
    language = detect_language(" ".join(clean for clean, _ in content))
    return Article.build(blocks, source=source or "<text>", language=language)


#: The gap between two columns of a text table: a tab, or four spaces or more, inside a line.
#: A dash or a bullet before the gap opens a quote or an item ("–      Vi skal ..."): no cell.
_COLUMN_GAP = re.compile(r"(?<=[^\s–—\-•·*▪])(?:[^\S\n]*\t[^\S\n]*| {4,})(?=\S)")


def _content_lines(text: str, rules: RuleSet) -> list[tuple[str, str]]:
    """(whitespace-normalised, raw) lines that are neither empty nor boilerplate."""
    text = text.translate(DASH_VARIANTS)  # "‒ Det var ...": a quote's dash
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # a table's columns laid out with spaces or tabs ("Kari Lie        Per Dal") are cells of
    # their own: joined into one line, the names would run together
    raw_lines = [cell for raw in raw_lines for cell in _COLUMN_GAP.split(raw)]
    # a caption keeps its words and loses its photo credit ("... Foto: Per Hansen")
    raw_lines = [without_furniture(raw, rules) for raw in raw_lines]
    content = [(" ".join(raw.split()), raw) for raw in raw_lines]
    content = [(clean, raw) for clean, raw in content if clean and not is_boilerplate(clean, rules)]
    if not content:
        raise PipelineError("parse", "no text left after removing empty and boilerplate lines")
    return content


def parse_bytes(
    data: bytes,
    source: str,
    *,
    content_type: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    rules: RuleSet | None = None,
) -> Article:
    """Bytes of a file or HTTP body -> Article, choosing HTML or text by type and content.

    ``charset`` is the HTTP header's declaration: a hint, checked like any other. ``rules``
    as for ``parse_text``.
    """
    from pipeline.encoding import decode_html

    data, charset = _without_wide_bom(data, charset)
    if not data.strip():
        raise PipelineError("parse", "the input is empty")
    if _looks_binary(data):
        raise PipelineError("parse", "the input is binary, not HTML or text")
    text = decode_html(data, declared=charset)
    if _is_html(data, source, content_type):
        return parse_html(text, url=url, source=source, rules=rules)
    return parse_text(text, source=source, url=url, rules=rules)


_WIDE_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _without_wide_bom(data: bytes, charset: str | None) -> tuple[bytes, str | None]:
    """UTF-16 and UTF-32 files (Windows Notepad's "Unicode") start with a byte-order mark and
    are full of NUL bytes: decode them here, so they are read, not refused as binary."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).encode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                return data, charset
    return data, charset


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    control = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return control > len(head) * 0.05


def _is_html(data: bytes, source: str, content_type: str | None) -> bool:
    if content_type:
        return "html" in content_type
    suffix = Path(source).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return True
    if suffix == ".txt":
        return False
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _is_hyphen_quote(line: str, rules: RuleSet) -> bool:
    """ "- Vi bidrar til mål 7, sier Kari Hansen.": a hyphen typed for the dash of a quote,
    told from a list item's marker by the attribution (a speech verb after a comma)."""
    if not line.lstrip().startswith("- "):
        return False
    return _attribution(rules).search(line) is not None


def _lone_hyphen_sentence(lines: list[str], index: int, rules: RuleSet) -> bool:
    """ "- Dette skal vi få til i lag!" between paragraphs: a hyphen typed for a quote's dash
    on a sentence that stands alone, told from a list's item by having no item beside it."""
    line = lines[index].strip()
    if not line.startswith("- ") or not _ENDS_SENTENCE.search(line):
        return False
    if len(line.split()) < _MIN_QUOTE_WORDS:
        return False
    beside = lines[max(index - 1, 0) : index] + lines[index + 1 : index + 2]
    if not any(
        _LIST_MARKER.match(other) and not _is_hyphen_quote(other, rules) for other in beside
    ):
        return True  # a hyphen quote beside it ("- ..., seier ho.") makes no list
    return _in_a_run_with_a_quote(lines, index, rules)


def _in_a_run_with_a_quote(lines: list[str], index: int, rules: RuleSet) -> bool:
    """ "- ..., sa direktøren." then "- Verdikjedene må ..." and "- Når det gjelder ...":
    hyphen sentences in one run with a hyphen quote are that speaker's quotes going on, not
    a list; a list's items are no sentences of their own."""
    run = [index]
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(lines) and lines[at].strip().startswith("- "):
            run.append(at)
            at += step
    run.sort()
    if len(run) > 1 and _a_subheading(lines[run[-1]]):
        run.pop()  # "- Ikkje berre tenkje på oss sjølve": the quote's words as the next subheading
    sentences = all(
        _is_hyphen_quote(lines[i], rules)  # "..., seier Ulstein og legg til:" hands on
        or (_ENDS_SENTENCE.search(lines[i].strip()) and len(lines[i].split()) >= _MIN_QUOTE_WORDS)
        for i in run
    )
    return index in run and sentences and any(_is_hyphen_quote(lines[i], rules) for i in run)


def _a_subheading(line: str) -> bool:
    """A short hyphen line with no full stop: news sets a quote's words as a subheading."""
    line = line.strip()
    return not _ENDS_SENTENCE.search(line) and len(line.split()) <= _MAX_SUBHEADING_WORDS


_MIN_QUOTE_WORDS = 5  # "- Stort, sa Skølt." has its attribution; alone a quote says more
_MAX_SUBHEADING_WORDS = 8


@per_rule_set
def _attribution(rules: RuleSet) -> re.Pattern[str]:
    """A speech verb after a comma or a closing quote: ", sier", "» seier"."""
    return re.compile(rf"[,»\"”]\s+(?:{alternation(rules.org['speech_verbs'])})\b")


def _classify(line: str, raw: str, rules: RuleSet) -> BlockKind:
    if _is_hyphen_quote(raw, rules):
        return "quote"
    if _LIST_MARKER.match(raw):
        return "list_item"
    if line.startswith(("–", "—", "«")) or (line.startswith("- ") and len(line.split()) > 4):
        return "quote"
    words = line.split()
    if line.endswith(":") and len(words) <= _MAX_LABEL_WORDS:
        return "heading"
    if _KEY_VALUE.match(line):
        return "paragraph"  # a fact-box line ("Bransje: Verkstad"), not a heading
    if (
        len(words) <= _MAX_HEADING_WORDS
        and not _ENDS_SENTENCE.search(line)
        and not line.endswith((",", ":", ";"))
    ):
        return "heading"
    return "paragraph"


def _strip_marker(line: str, raw: str) -> str:
    if _LIST_MARKER.match(raw):  # a hyphen quote loses its hyphen too: the block says quote
        return _BULLET.sub("", line, count=1)
    return line
