"""The parsed article: what the parse stage hands to the NLP stage."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from models.base import ContractModel

BlockKind = Literal["title", "heading", "paragraph", "list_item", "quote", "caption"]

#: Blocks are joined by this separator in ``Article.text``.
BLOCK_SEPARATOR = "\n\n"


class Block(ContractModel):
    """One structural unit of the article body, in reading order."""

    kind: BlockKind = Field(
        description="title (the headline, mined like the body), heading, paragraph, list_item, quote or caption"
    )
    text: str = Field(description="The block's text, whitespace-normalised")
    start: int = Field(ge=0, description="Offset of the block in Article.text")
    end: int = Field(ge=0, description="End offset (exclusive) in Article.text")


class Article(ContractModel):
    """An article reduced to its mined text plus metadata."""

    id: str = Field(description="Stable id derived from the content (16 hex chars)")
    source: str = Field(description="The path or URL the article came from")
    url: str | None = Field(default=None, description="Canonical URL when known")
    title: str | None = Field(default=None, description="Headline")
    lead: str | None = Field(default=None, description="Lead paragraph (ingress)")
    published: date | None = Field(default=None, description="Publication date when stated")
    authors: list[str] = Field(default_factory=list, description="Bylines when stated")
    publisher: str | None = Field(
        default=None,
        description="Who publishes the page, as it declares (og:site_name, JSON-LD publisher)",
    )
    news_article: bool = Field(
        default=False,
        description="The page declares itself a news article (JSON-LD NewsArticle and kin): "
        "its publisher is a newsroom, not the organisation the page speaks for",
    )
    language: Literal["nb", "nn"] = Field(description="Bokmål (nb) or nynorsk (nn)")
    blocks: list[Block] = Field(description="Ordered body blocks")
    text: str = Field(description="The mined text: the blocks joined by blank lines")

    @model_validator(mode="after")
    def _offsets_match_text(self) -> Article:
        for block in self.blocks:
            if self.text[block.start : block.end] != block.text:
                raise ValueError(f"block offsets do not match text at {block.start}")
        return self

    @classmethod
    def build(
        cls,
        blocks: list[tuple[BlockKind, str]],
        *,
        source: str,
        language: Literal["nb", "nn"],
        url: str | None = None,
        title: str | None = None,
        lead: str | None = None,
        published: date | None = None,
        authors: list[str] | None = None,
        publisher: str | None = None,
        news_article: bool = False,
    ) -> Article:
        """Assemble an article from (kind, text) pairs, computing offsets and id."""
        placed: list[Block] = []
        parts: list[str] = []
        offset = 0
        for kind, text in blocks:
            text = text.strip()
            if not text:
                continue
            if parts:
                offset += len(BLOCK_SEPARATOR)
            placed.append(Block(kind=kind, text=text, start=offset, end=offset + len(text)))
            parts.append(text)
            offset += len(text)
        body = BLOCK_SEPARATOR.join(parts)
        return cls(
            id=content_id(title or "", body),
            source=source,
            url=url,
            title=title,
            lead=lead,
            published=published,
            authors=authors or [],
            publisher=publisher,
            news_article=news_article,
            language=language,
            blocks=placed,
            text=body,
        )


def content_id(title: str, body: str) -> str:
    """Id from the content, so the same article gets the same id wherever it is read."""
    digest = hashlib.sha256(f"{title.strip()}\n{body.strip()}".encode()).hexdigest()
    return digest[:16]
