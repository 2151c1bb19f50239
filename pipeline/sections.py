"""Article structure: sections under headings, and question-and-answer items in them.

The genre introduces each organisation under a heading with its (short) name
("Holzweiler:") and lets it answer numbered questions ("Om forventninger: ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models import Article, Block, StatementTopic

# "Om hovedformålet med å delta i nettverket: answer" / "Hovedformålet: answer" / "Om berekraftsmål: answer"
_QA_LABEL = re.compile(
    # a numbered item keeps its number in the text ("2. Om forventningar: ...")
    r"^(?:\d{1,2}[.)]\s+)?(?P<label>(?:Om|Kva|Hva|Hvorfor|Kvifor|Hvordan|Korleis)\b[^:]{0,80}|[A-ZÆØÅ][\wæøå-]{2,30}):\s+(?P<answer>\S.*)$",
    re.DOTALL,
)
_ANSWER_DASH = re.compile(r"^[–—-]\s*")

_TOPIC_KEYWORDS: tuple[tuple[StatementTopic, tuple[str, ...]], ...] = (
    # purpose first: "hovedformålet" contains "mål"
    (
        "purpose",
        ("formål", "føremål", "hvorfor", "kvifor", "motivasjon", "bli med", "ble med", "vart med"),
    ),
    ("expectations", ("forventning", "forventing", "forvent", "ønske", "håp", "venta", "få ut av")),
    ("sdgs", ("bærekraftsmål", "berekraftsmål", "fns mål", "sdg", "bærekraft mål", "mål")),
)


@dataclass
class QaItem:
    topic: StatementTopic
    label: str
    answer_start: int  # offsets in article text
    answer_end: int


@dataclass
class Section:
    heading: Block
    blocks: list[Block] = field(default_factory=list)
    preamble: bool = False  # the blocks before the first heading; ``heading`` is its first block

    @property
    def title(self) -> str:
        return "" if self.preamble else self.heading.text.rstrip(":").strip()

    @property
    def start(self) -> int:
        return self.heading.start

    @property
    def end(self) -> int:
        return self.blocks[-1].end if self.blocks else self.heading.end

    def qa_items(self) -> list[QaItem]:
        """'Label: answer' blocks, and question blocks ('Hvorfor ble dere med?') with the
        answer blocks that follow them."""
        items: list[QaItem] = []
        question: Block | None = None
        answers: list[Block] = []
        for block in [*self.blocks, None]:
            if block is None or is_question(block):
                if question is not None and answers:
                    items.append(_answered(question, answers))
                question, answers = block, []
            elif question is not None:
                answers.append(block)
            elif (item := qa_item(block)) is not None:
                items.append(item)
        return items


def is_question(block: Block) -> bool:
    """A short block ending in '?' that asks a question, e.g. 'Hva forventer dere?'."""
    return (
        block.text.endswith("?")
        and len(block.text.split()) <= 16
        and not block.text.startswith(("–", "-", "«"))
    )


def _answered(question: Block, answers: list[Block]) -> QaItem:
    start = answers[0].start
    dash = _ANSWER_DASH.match(answers[0].text)
    if dash:
        start += dash.end()
    return QaItem(
        topic=topic_of(question.text),
        label=question.text,
        answer_start=start,
        answer_end=answers[-1].end,
    )


def split_sections(article: Article) -> list[Section]:
    """Each heading with the blocks up to the next heading (a question heading stays inside)."""
    return sections_of(article.blocks)


def sections_of(blocks: list[Block]) -> list[Section]:
    """The sections of an article's blocks (``split_sections``)."""
    sections: list[Section] = []
    first = blocks[0] if blocks else None
    if first is not None and first.kind != "heading":
        sections.append(Section(heading=first, preamble=True))
    for block in blocks:
        if block.kind == "heading" and not (sections and is_question(block)):
            sections.append(Section(heading=block))
        elif sections:
            sections[-1].blocks.append(block)
    return sections


def topic_of(label: str) -> StatementTopic:
    lowered = label.lower()
    for topic, keywords in _TOPIC_KEYWORDS:
        if any(word in lowered for word in keywords):
            return topic
    return "other"


# "Hva er formålet med å delta? Vi vil bli bedre ..." (a bold question and its answer in one block)
_INLINE_QUESTION = re.compile(
    r"^(?:\d{1,2}[.)]\s+)?(?P<label>(?:Hva|Hvilke|Hvilken|Hvorfor|Hvordan|Kva|Kvifor|Korleis|Kvar|Når|Om)\b[^?]{3,120}\?)\s+(?P<answer>\S.*)$",
    re.S,
)


def qa_item(block: Block) -> QaItem | None:
    """A block of the form 'Question label: answer' or 'Question? answer', or None."""
    match = _QA_LABEL.match(block.text) or _INLINE_QUESTION.match(block.text)
    if not match:
        return None
    label = match.group("label")
    topic = topic_of(label)
    if topic == "other" and not label.startswith(
        ("Om ", "Hva", "Kva", "Hvorfor", "Kvifor", "Hvordan", "Korleis")
    ):
        return None
    answer_offset = match.start("answer")
    dash = _ANSWER_DASH.match(block.text[answer_offset:])
    if dash:
        answer_offset += dash.end()
    return QaItem(
        topic=topic,
        label=label.strip(),
        answer_start=block.start + answer_offset,
        answer_end=block.end,
    )
