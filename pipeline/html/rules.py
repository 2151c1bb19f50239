"""The extraction's rules as data: which elements are furniture, which class names mark
noise, content or the lead, which JSON-LD types are articles, and the thresholds of the
content score. The compiled patterns live beside the code that uses them."""

from __future__ import annotations

import re

from models.article import BlockKind

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
