"""Tell bokmål (nb) from nynorsk (nn), and Norwegian from English and Swedish, by counting
marker words (resources/language_markers.json)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Literal

_WORD = re.compile(r"[a-zæøåäöéèòôü]+")
LANGUAGE_NAMES = {"en": "English", "sv": "Swedish"}


@lru_cache(maxsize=1)
def _markers() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(
        resources.files("pipeline").joinpath("resources/language_markers.json").read_text("utf-8")
    )
    return frozenset(data["nb"]), frozenset(data["nn"])


def detect_language(text: str) -> Literal["nb", "nn"]:
    """Return "nn" when nynorsk markers clearly outnumber bokmål ones, else "nb".

    Bokmål is the default because it is what most Norwegian news is written in;
    a text needs a clear nynorsk majority to be labelled nn.
    """
    nb_words, nn_words = _markers()
    nb = nn = 0
    for word in _WORD.findall(text.lower()):
        if word in nb_words:
            nb += 1
        elif word in nn_words:
            nn += 1
    return "nn" if nn > max(2, nb * 1.2) else "nb"


@lru_cache(maxsize=1)
def _foreign_markers() -> dict[str, frozenset[str]]:
    data = json.loads(
        resources.files("pipeline").joinpath("resources/language_markers.json").read_text("utf-8")
    )
    return {key: frozenset(data[key]) for key in ("no", "en", "sv")}


def foreign_language(text: str) -> str | None:
    """ "en" or "sv" when the text is clearly English or Swedish rather than Norwegian, else
    None (short or mixed texts count as Norwegian: the pipeline is for Norwegian news)."""
    markers = _foreign_markers()
    counts = dict.fromkeys(markers, 0)
    for word in _WORD.findall(text.lower()):
        for key, words in markers.items():
            if word in words:
                counts[key] += 1
    foreign = max(("en", "sv"), key=lambda key: counts[key])
    if counts[foreign] >= 8 and counts[foreign] > 2 * counts["no"]:
        return foreign
    return None
