"""The ``pipeline_line_breaks`` component: every line of the text starts a sentence.

The parser reads a headline, a fact-box line or a list item as part of the next line's
sentence when no full stop ends it ("Nytt frå Vestkyst" + "Me i Havbruk Vest AS ..."), and
the tree then links words across lines that have nothing to do with each other. A line
break in the mined text always ends a block (pipeline/parse.py), so it ends a sentence too.
Set before the parser, which keeps the boundaries it is given.

A number's full stop is part of the number's token ("13." is also an ordinal, "13. juni"),
so "... mål 7 og 13. Kommunen har ..." read as one sentence and the second clause's goal
went to the first clause's subject. A capitalised word right after such a token starts a
sentence: the months, which the ordinal goes with, are written in lower case.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT_NAME = "pipeline_line_breaks"


_NUMBER_AND_FULL_STOP = re.compile(r"\d{1,4}\.")


def line_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or "\n" in previous.text:
            token.is_sent_start = True
        elif (
            _NUMBER_AND_FULL_STOP.fullmatch(previous.text)
            and previous.whitespace_
            and token.is_alpha
            and token.text[:1].isupper()
        ):
            token.is_sent_start = True  # "... mål 7 og 13. Kommunen har ..."
    return doc


@Language.factory(COMPONENT_NAME, requires=["token.is_sent_start"], assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str):
    return line_breaks
