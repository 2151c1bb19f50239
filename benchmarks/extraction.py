"""Main-content extraction benchmark: our parse_html against trafilatura and a floor.

Runs over ../shared/extraction-benchmark (html/<id>.html.gz plus ground-truth.json,
id -> {url, articleBody}) and scores each extractor the way that benchmark's own
evaluation does, so our figures compare with the published ones (trafilatura 0.958,
newspaper4k 0.949, readability-lxml 0.922, whole page text 0.665):

* tokens are the ``\\w+`` runs of the text, case kept (the upstream regex carries an
  IGNORECASE flag, which changes nothing for ``\\w+``, so there is no lowercasing);
* shingles are runs of 4 consecutive tokens, counted as a multiset; a text shorter than
  4 tokens is one shingle of all its tokens;
* per page, true positives / false positives / false negatives are the multiset overlap
  of predicted and true shingles, normalised by their sum so long pages weigh no more;
* precision is averaged over pages that predicted something, recall over pages that
  have a true body, and F1 is computed from the two averages.

Usage, from the project root:
    python -m benchmarks.extraction [--limit N] [--show-worst K] [--no-trafilatura]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from pipeline.encoding import decode_html
from pipeline.errors import PipelineError
from pipeline.html import parse_html

BENCHMARK_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "extraction-benchmark"
SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str], str]


@dataclass(frozen=True)
class PageScore:
    page_id: str
    true_positive: float
    false_positive: float
    false_negative: float

    @property
    def precision(self) -> float | None:
        """None when the extractor predicted nothing (the page is left out of the mean)."""
        if self.true_positive + self.false_positive == 0:
            return None
        return self.true_positive / (self.true_positive + self.false_positive)

    @property
    def recall(self) -> float | None:
        if self.true_positive + self.false_negative == 0:
            return None
        return self.true_positive / (self.true_positive + self.false_negative)


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    seconds_per_page: float


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < size:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_page(page_id: str, true_text: str, predicted_text: str) -> PageScore:
    true_counts, predicted_counts = shingles(true_text), shingles(predicted_text)
    overlap = sum((true_counts & predicted_counts).values())
    false_positive = sum(predicted_counts.values()) - overlap
    false_negative = sum(true_counts.values()) - overlap
    total = overlap + false_positive + false_negative
    if total == 0:
        # Both empty: the page counts in neither mean, as upstream scores it.
        return PageScore(page_id, 0.0, 0.0, 0.0)
    return PageScore(page_id, overlap / total, false_positive / total, false_negative / total)


def summarise(scores: list[PageScore], seconds: float) -> Summary:
    precisions = [s.precision for s in scores if s.precision is not None]
    recalls = [s.recall for s in scores if s.recall is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Summary(precision, recall, f1, seconds / max(1, len(scores)))


def load_pages(limit: int | None = None) -> list[tuple[str, bytes, str]]:
    """(id, raw html bytes, true article body), in a stable order."""
    truth = json.loads((BENCHMARK_DIR / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((BENCHMARK_DIR / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, raw, truth[page_id].get("articleBody") or ""))
    return pages


def ours(raw: bytes) -> str:
    try:
        return parse_html(raw).text
    except PipelineError:
        return ""


def trafilatura_text(raw: bytes) -> str:
    import trafilatura  # optional (the "bench" extra); imported in main() before timing

    return trafilatura.extract(decode_html(raw)) or ""


def whole_page_text(raw: bytes) -> str:
    soup = BeautifulSoup(decode_html(raw), "lxml")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    return soup.get_text(" ")


def run(
    extract: Callable[[bytes], str], pages: Iterable[tuple[str, bytes, str]]
) -> tuple[list[PageScore], float]:
    pages = list(pages)
    if pages:
        extract(pages[0][1])  # warm-up, untimed: lazy imports and caches are not extraction
    scores, seconds = [], 0.0
    for page_id, raw, truth in pages:
        started = time.perf_counter()
        predicted = extract(raw)
        seconds += time.perf_counter() - started
        scores.append(score_page(page_id, truth, predicted))
    return scores, seconds


def _f1(score: PageScore) -> float:
    precision, recall = score.precision or 0.0, score.recall or 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument(
        "--show-worst", type=int, default=0, metavar="K", help="list our K worst pages"
    )
    parser.add_argument(
        "--no-trafilatura", action="store_true", help="skip the trafilatura baseline"
    )
    args = parser.parse_args(argv)
    if not BENCHMARK_DIR.is_dir():
        print(f"benchmark data not found at {BENCHMARK_DIR} (it lives in ../shared); nothing to do")
        return 2
    pages = load_pages(args.limit)
    extractors: dict[str, Callable[[bytes], str]] = {"parse_html (ours)": ours}
    if not args.no_trafilatura:
        import trafilatura  # noqa: F401  (import cost must not count as extraction time)

        extractors["trafilatura"] = trafilatura_text
    extractors["whole page text"] = whole_page_text
    print(f"{len(pages)} pages from {BENCHMARK_DIR}")
    print(f"{'extractor':<20} {'precision':>9} {'recall':>7} {'F1':>6} {'s/page':>8}")
    our_scores: list[PageScore] = []
    for name, extract in extractors.items():
        scores, seconds = run(extract, pages)
        our_scores = our_scores or scores
        summary = summarise(scores, seconds)
        print(
            f"{name:<20} {summary.precision:>9.3f} {summary.recall:>7.3f} "
            f"{summary.f1:>6.3f} {summary.seconds_per_page:>8.4f}"
        )
    for score in sorted(our_scores, key=_f1)[: args.show_worst]:
        print(f"worst: {score.page_id}  P={score.precision or 0:.2f} R={score.recall or 0:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
