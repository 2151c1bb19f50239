"""The theme pre-filter finds exactly what spaCy's Matcher finds, only faster."""

from __future__ import annotations

import json

import spacy

from pipeline.sdg.themes import _default_theme_matcher
from tests.conftest import CORPUS, ROOT


def test_prefiltered_matches_equal_the_plain_matcher():
    nlp = spacy.blank("nb")
    themes = _default_theme_matcher(nlp.vocab)
    assert themes.prefilter is not None  # the packaged rules are all pre-testable
    texts = [p.read_text("utf-8") for p in CORPUS.glob("*.txt")]
    texts += [
        json.loads(line)["text"]
        for line in (ROOT / "benchmarks/data/sdg_eval.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(texts) > 100
    for text in texts:
        doc = nlp(text)
        plain = sorted(themes.matcher(doc), key=lambda m: (m[1], m[2], m[0]))
        assert themes.matches(doc) == plain, text[:80]
