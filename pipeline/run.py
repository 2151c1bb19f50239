"""The whole flow: fetch -> parse -> NLP -> extract -> write, for one article or a batch.

``process_one`` shows the flow in one place; ``run_batch`` streams many inputs through
``nlp.pipe`` and never lets one bad input stop the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from models import Article, Profile
from pipeline.errors import PipelineError
from pipeline.extract import extract
from pipeline.fetch import RawInput, expand_inputs, read_input
from pipeline.nlp import describe, load_pipeline
from pipeline.parse import parse_bytes
from pipeline.write import ErrorRecord, rebuild_jsonl, write_errors, write_profile, write_schema

BATCH_SIZE = 32


def process_one(item: str, model: str | None = None) -> Profile:
    """One input through every stage, returned rather than written."""
    raw = read_input(item)
    article = parse_raw(raw)
    nlp = load_pipeline(model)
    return extract(article, nlp(article.text), model=describe(nlp))


def process_text(text: str, model: str | None = None, source: str = "<text>") -> Profile:
    """A plain-text article straight to a profile (for notebooks and evaluation scripts)."""
    from pipeline.parse import parse_text

    article = parse_text(text, source=source)
    nlp = load_pipeline(model)
    return extract(article, nlp(article.text), model=describe(nlp))


def parse_raw(raw: RawInput) -> Article:
    return parse_bytes(raw.data, raw.source, content_type=raw.content_type, url=raw.url)


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def run_batch(
    inputs: Iterable[str],
    out_dir: Path,
    *,
    model: str | None = None,
    report: Callable[[str], None] = lambda line: print(line, flush=True),
) -> BatchResult:
    """Every input to a profile in ``out_dir``; failures are recorded, the rest go on."""
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = load_pipeline(model)
    model_name = describe(nlp)
    result = BatchResult()

    def fail(item: str, stage: str, err: BaseException) -> None:
        record = ErrorRecord(input=item, stage=stage, error_type=type(err).__name__, message=str(err))
        result.errors.append(record)
        report(f"FAILED {item}: {stage}: {record.message}")

    def parsed() -> Iterator[tuple[str, Article]]:
        for item in expand_inputs(inputs):
            try:
                yield item, parse_raw(read_input(item))
            except PipelineError as err:
                fail(item, err.stage, PipelineError(err.stage, err.message))
            except Exception as err:  # noqa: BLE001 - one bad input never stops the batch
                fail(item, "parse", err)

    for batch in _batches(parsed(), BATCH_SIZE):
        for (item, article), doc in zip(batch, _nlp_batch(nlp, [a.text for _, a in batch], fail, batch)):
            if doc is None:
                continue
            try:
                profile = extract(article, doc, model=model_name)
                result.written.append(write_profile(out_dir, profile))
                report(_summary(item, profile))
            except Exception as err:  # noqa: BLE001
                fail(item, "extract", err)
    rebuild_jsonl(out_dir)
    write_errors(out_dir, result.errors)
    write_schema(out_dir)
    report(f"{len(result.written)} profiles written to {out_dir}, {len(result.errors)} failed")
    return result


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _nlp_batch(nlp, texts: list[str], fail, batch) -> list:
    """nlp.pipe for speed; if the batch fails, each text alone so only the bad one is lost."""
    try:
        return list(nlp.pipe(texts))
    except Exception:  # noqa: BLE001
        docs = []
        for (item, _), text in zip(batch, texts):
            try:
                docs.append(nlp(text))
            except Exception as err:  # noqa: BLE001
                fail(item, "nlp", err)
                docs.append(None)
        return docs


def _summary(item: str, profile: Profile) -> str:
    companies = [o.name for o in profile.organisations if o.kind == "company"]
    explicit = sorted({s.number for s in profile.sdgs if s.method == "explicit"})
    return (
        f"ok {profile.article.id} {item}: {len(companies)} companies, {len(profile.people)} people, "
        f"{len(profile.places)} places, SDGs {explicit or '-'}"
    )


def main_exit_code(result: BatchResult) -> int:
    return 0 if result.ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: python -m pipeline run ...")
