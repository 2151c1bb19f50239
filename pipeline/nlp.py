"""NLP stage: load the spaCy pipeline once and run texts through it.

The default is the project's own Norwegian model shipped in ``pipeline/resources``;
``model`` names an installed package (``nb_core_news_md``) or a path. Without a shipped
model (a stripped checkout) a blank ``nb`` pipeline with a sentencizer gives the same
interface, and the rules still work.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.errors import PipelineError

SHIPPED_MODEL = "nb_norne_sm"
BLANK = "blank:nb"


def shipped_model_path() -> Path | None:
    """Where the shipped model lives, or None when this install has none."""
    path = Path(str(resources.files("pipeline").joinpath(f"resources/{SHIPPED_MODEL}")))
    return path if (path / "meta.json").exists() else None


def load_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline with the project's components added.

    ``model``: None for the default (the shipped model, else blank nb), "blank:nb",
    an installed package name such as "nb_core_news_md", or a path to a saved pipeline.
    """
    return _load_cached(model)


@lru_cache(maxsize=4)
def _load_cached(model: str | None) -> Language:
    nlp = _load_base(model)
    _tokenize_names_with_digits_and_abbreviations(nlp)
    if (
        "parser" not in nlp.pipe_names
        and "senter" not in nlp.pipe_names
        and "sentencizer" not in nlp.pipe_names
    ):
        nlp.add_pipe("sentencizer")
    import pipeline.entities  # noqa: F401  (registers the pipeline_entities factory)
    import pipeline.sdg  # noqa: F401  (registers the pipeline_sdgs factory)

    if "pipeline_entities" not in nlp.pipe_names:
        nlp.add_pipe("pipeline_entities", last=True)  # after the sentence boundaries are set
    if "pipeline_sdgs" not in nlp.pipe_names:
        nlp.add_pipe("pipeline_sdgs", last=True)
    return nlp


# "over Fjord1. Konkurransetilsynet": Norwegian tokenizer rules keep a full stop on a
# token that ends in a digit (ordinals: "17. mai"), which also glues it to names such as
# "Fjord1" or "E39" and hides the sentence end, so a model may run one name into the
# next sentence's. A letter before the digits marks a name, not an ordinal.
_FULL_STOP_AFTER_ALPHANUMERIC = [rf"(?<=[^\W\d_]\d{{{n}}})\." for n in (1, 2, 3)]


# "Larsnes Mek. Verksted": abbreviations inside company names keep their full stop, which
# would otherwise end the sentence inside the name.
_ABBREVIATIONS_IN_NAMES = ("Mek.", "mek.")


def _tokenize_names_with_digits_and_abbreviations(nlp: Language) -> None:
    suffixes = list(nlp.Defaults.suffixes or []) + _FULL_STOP_AFTER_ALPHANUMERIC
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    for abbreviation in _ABBREVIATIONS_IN_NAMES:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])


def _load_base(model: str | None) -> Language:
    if model is None:
        shipped = shipped_model_path()
        return spacy.load(shipped) if shipped else spacy.blank("nb")
    if model == BLANK:
        return spacy.blank("nb")
    try:
        return spacy.load(model)
    except OSError as err:
        raise PipelineError(
            "nlp",
            f"cannot load spaCy model {model!r}: install it (pip) or give a path to a saved pipeline",
        ) from err


def describe(nlp: Language) -> str:
    """Name and version of a pipeline, for the profile's provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
