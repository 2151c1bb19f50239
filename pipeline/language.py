"""Tell bokmål (nb) from nynorsk (nn) by counting marker words of each standard."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Literal

_WORD = re.compile(r"[a-zæøåéèòôü]+")


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
