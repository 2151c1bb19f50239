"""NLP stage: load the spaCy pipeline once and run texts through it.

The default is the project's own Norwegian pipeline shipped in ``pipeline/resources``: a
plain spaCy directory whose config holds the news tokenizer and every component, so
``spacy.load(path)`` in any process gives the same pipeline as ``load_pipeline()`` (the
factories are entry points of this package). ``model`` names another pipeline instead:
an installed package (``nb_core_news_md``), a path, or ``blank:nb``; the project's
components are added to those in code, the same way :func:`assemble` adds them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.lang.nb import Norwegian
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from pipeline.errors import PipelineError

SHIPPED_MODEL = "nb_norne_sm"
BLANK = "blank:nb"
TOKENIZER = "nyhetsprofil.news_tokenizer.v1"
LINE_BREAKS = "pipeline_line_breaks"
PROJECT_COMPONENTS = (
    "pipeline_entities",
    "pipeline_org_candidates",
    "pipeline_sdgs",
    "pipeline_goal_owners",
    "pipeline_person_roles",
    "pipeline_people",
    "pipeline_org_places",
    "pipeline_organisations",
    "pipeline_person_organisations",
    "pipeline_goal_attribution",
    "pipeline_places",
)


def shipped_model_path() -> Path | None:
    """Where the shipped model lives, or None when this install has none."""
    path = Path(str(resources.files("pipeline").joinpath(f"resources/{SHIPPED_MODEL}")))
    return path if (path / "meta.json").exists() else None


def load_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline with the project's components.

    ``model``: None for the shipped pipeline, "blank:nb", an installed package name such
    as "nb_core_news_md", or a path to a saved pipeline. A model that cannot be loaded is
    a ``PipelineError`` of stage "nlp" (the CLI prints it as one line and exits 2).
    """
    return _load_cached(model)


@lru_cache(maxsize=4)
def _load_cached(model: str | None) -> Language:
    if model is None:
        shipped = shipped_model_path()
        if shipped is None:
            raise PipelineError(
                "nlp",
                f"the shipped model resources/{SHIPPED_MODEL} is missing from this install: "
                "reinstall the package, or choose one with --model (a path, a package, blank:nb)",
            )
        return _spacy_load(shipped)
    if model == BLANK:
        return assemble(spacy.blank("nb"))
    return assemble(_spacy_load(model))


def _spacy_load(model: str | Path) -> Language:
    import pipeline.attribution  # noqa: F401
    import pipeline.entities  # noqa: F401  (registers the factories when not installed as a package)
    import pipeline.lines  # noqa: F401
    import pipeline.org_candidates  # noqa: F401
    import pipeline.org_places  # noqa: F401
    import pipeline.organisations.component  # noqa: F401
    import pipeline.people  # noqa: F401
    import pipeline.people.employers  # noqa: F401
    import pipeline.places  # noqa: F401
    import pipeline.relations  # noqa: F401
    import pipeline.roles  # noqa: F401
    import pipeline.sdg  # noqa: F401

    try:
        return spacy.load(model)
    except OSError as err:
        raise PipelineError(
            "nlp",
            f"cannot load spaCy model {str(model)!r}: install it (pip) or give a path to a saved pipeline",
        ) from err


def assemble(nlp: Language) -> Language:
    """Give any Norwegian pipeline the news tokenizer rules, sentence boundaries and the
    project's components (in place; a pipeline that has them is left as it is). The
    shipped pipeline was written by this function (``python -m pipeline.nlp``)."""
    import pipeline.attribution  # noqa: F401  (registers the pipeline_goal_attribution factory)
    import pipeline.entities  # noqa: F401  (registers the pipeline_entities factory)
    import pipeline.lines  # noqa: F401  (registers the pipeline_line_breaks component)
    import pipeline.org_candidates  # noqa: F401  (registers the pipeline_org_candidates factory)
    import pipeline.org_places  # noqa: F401  (registers the pipeline_org_places factory)
    import pipeline.organisations.component  # noqa: F401  (the pipeline_organisations factory)
    import pipeline.people  # noqa: F401  (registers the pipeline_people factory)
    import pipeline.people.employers  # noqa: F401  (the pipeline_person_organisations factory)
    import pipeline.places  # noqa: F401  (registers the pipeline_places factory)
    import pipeline.relations  # noqa: F401  (registers the pipeline_goal_owners factory)
    import pipeline.roles  # noqa: F401  (registers the pipeline_person_roles factory)
    import pipeline.sdg  # noqa: F401  (registers the pipeline_sdgs factory)

    adapt_tokenizer(nlp.tokenizer)
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer")
    if LINE_BREAKS not in nlp.pipe_names:  # lines end sentences, for the parser too
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"last": True}
        nlp.add_pipe(LINE_BREAKS, **where)
    for name in PROJECT_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)  # after the sentence boundaries are set
    return nlp


# "over Fjord1. Konkurransetilsynet": Norwegian tokenizer rules keep a full stop on a
# token that ends in a digit (ordinals: "17. mai"), which also glues it to names such as
# "Fjord1" or "E39" and hides the sentence end, so a model may run one name into the
# next sentence's. A letter before the digits marks a name, not an ordinal.
_FULL_STOP_AFTER_ALPHANUMERIC = [rf"(?<=[^\W\d_]\d{{{n}}})\." for n in (1, 2, 3)]

# "Larsnes Mek. Verksted": abbreviations inside company names keep their full stop, which
# would otherwise end the sentence inside the name.
_ABBREVIATIONS_IN_NAMES = ("Mek.", "mek.")


# "Adm. dir. i Fjordverft, Karl Sæbø": a title the entity rules write with its stop keeps
# it, in lower case and capitalised, so the stop neither ends the sentence nor leaves the
# title a word the tree cannot read.
def _abbreviated_titles() -> list[str]:
    from pipeline.rules import RuleSet  # the one list of title words

    words = RuleSet.default().entity
    dotted = [w for w in (*words.title_modifiers, *words.person_titles) if w.endswith(".")]
    return sorted({form for w in dotted for form in (w, w[:1].upper() + w[1:])})


# "(Frp).Han understreker": pages often lose the space after a sentence that ends in a
# bracket or a closing quote. spaCy splits "snora.Opninga" (a letter before the stop) but
# not ")." or "»."; the glued token then hides the sentence end and reads as a name.
_FULL_STOP_AFTER_CLOSING_MARK = [
    r"[)\]»”\"](?=\.[A-ZÆØÅ][a-zæøå])",  # the mark, then
    r"(?<=[)\]»”\"])\.(?=[A-ZÆØÅ][a-zæøå])",  # the stop, each a token of its own
]

# Parties are written without a full stop today, so "... stemte på Frp." ends a sentence;
# spaCy's nb exceptions would keep the stop on the party's name (the model recipe drops
# them too, training/README.md).
_PARTY_EXCEPTIONS = ("Ap.", "Frp.", "Sp.")


def adapt_tokenizer(tokenizer: Tokenizer) -> Tokenizer:
    """The news rules on top of spaCy's nb tokenizer; applying them twice changes nothing."""
    suffixes = list(Norwegian.Defaults.suffixes or []) + _FULL_STOP_AFTER_ALPHANUMERIC
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    infixes = list(Norwegian.Defaults.infixes or []) + _FULL_STOP_AFTER_CLOSING_MARK
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    tokenizer.rules = {
        k: v for k, v in (tokenizer.rules or {}).items() if k not in _PARTY_EXCEPTIONS
    }
    for abbreviation in (*_ABBREVIATIONS_IN_NAMES, *_abbreviated_titles()):
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    return tokenizer


@spacy.registry.tokenizers(TOKENIZER)
def create_news_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer for the language with the news rules above: named in the shipped
    config's ``[nlp.tokenizer]``, so the rules are part of the pipeline, not of our code."""
    default = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language) -> Tokenizer:
        return adapt_tokenizer(default(nlp))

    return make


def write_shipped_pipeline(base: Path, out: Path) -> None:
    """A trained model (``training/``'s ship step) plus the news tokenizer and the
    project's components, written as one pipeline ``spacy.load`` reads."""
    nlp = assemble(spacy.load(base))
    nlp.config["nlp"]["tokenizer"] = {"@tokenizers": TOKENIZER}
    nlp.to_disk(out)


def describe(nlp: Language) -> str:
    """Name and version of a pipeline, for the profile's provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3:
        sys.exit("usage: python -m pipeline.nlp TRAINED_MODEL_DIR OUT_DIR")
    write_shipped_pipeline(Path(sys.argv[1]), Path(sys.argv[2]))
