"""The whole flow: fetch -> parse -> NLP -> extract -> write, for one article or a batch.

``process_one`` shows the flow for one input. ``run_batch`` streams many: inputs are
expanded lazily, read and parsed a chunk at a time, sent through ``nlp.pipe``, and each
profile is written as soon as it is made, so memory stays flat however long the list.
One bad input never stops the rest; a killed run started again skips what is done.
"""

from __future__ import annotations

import hashlib
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from models import Article, Profile
from pipeline import __version__
from pipeline.errors import PipelineError
from pipeline.fetch import Fetcher, RawInput, expand_inputs
from pipeline.language import LANGUAGE_NAMES, foreign_language
from pipeline.options import FetchOptions, ItemMeta, RunOptions
from pipeline.write import (
    ErrorRecord,
    is_profile_file,
    profile_path,
    read_error_records,
    rebuild_jsonl,
    write_errors,
    write_manifest,
    write_profile,
    write_schema,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

Report = Callable[[str], None]


def code_fingerprint(*roots: Path) -> str:
    """A short hash of every file under ``roots`` (their paths and bytes), skipping the
    shipped model, which ``describe`` names already."""
    from pipeline.nlp import SHIPPED_MODEL  # here: importing it loads spaCy

    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root)
            if (
                relative.parts[:2] == ("resources", SHIPPED_MODEL)
                or "__pycache__" in relative.parts
            ):
                continue
            digest.update(str(relative).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def installed_code() -> str:
    """The fingerprint of this install's code, rules and output contract: a profile made by
    other code or rules is redone on the next run, not skipped as unchanged, even when the
    version number stayed the same (a checkout between releases, an edited rules file)."""
    import models
    import pipeline

    return code_fingerprint(Path(pipeline.__file__).parent, Path(models.__file__).parent)


def process_one(item: str, model: str | None = None) -> Profile:
    """One input through every stage, returned rather than written."""
    from pipeline.nlp import load_pipeline

    return profile_article(parse_raw(Fetcher().read(item)), load_pipeline(model))


def process_text(
    text: str,
    model: str | None = None,
    source: str = "<text>",
    options: RunOptions | None = None,
) -> Profile:
    """A plain-text article straight to a profile (for notebooks and evaluation scripts).

    Raises ``PipelineError`` for a text the pipeline refuses, as a batch would: over a
    limit of ``options.limits``, or in English or Swedish (``ForeignLanguage``) unless
    ``options.language`` is set."""
    from pipeline.nlp import load_pipeline
    from pipeline.parse import parse_text

    options = options or RunOptions(model=model)
    return profile_article(parse_text(text, source=source), load_pipeline(model), options)


def profile_article(article: Article, nlp, options: RunOptions | None = None) -> Profile:
    """A parsed article through the nlp pipeline to its profile: the wiring for one article.
    Batches run the same three steps (``admit`` and ``article_doc`` before ``nlp.pipe``,
    ``profile_doc`` after)."""
    options = options or RunOptions()
    article = admit(article, options)
    with time_limit(options.limits.max_seconds):  # the components decide in nlp
        doc = nlp(article_doc(article, nlp))
    return profile_doc(article, doc, nlp, options)


def article_doc(article: Article, nlp) -> Doc:
    """The Doc an article enters the nlp pipeline as, for one article and for batches: its
    text, tokenised, with its blocks (``Doc._.blocks``: kind, start, end), which the
    components read the article's structure from (``pipeline_org_candidates``: fact boxes,
    headings over question-and-answer items)."""
    import pipeline.org_candidates  # noqa: F401  (the Doc._.blocks extension)

    doc = nlp.make_doc(article.text)
    doc._.blocks = [(block.kind, block.start, block.end) for block in article.blocks]
    doc._.publisher = None if article.news_article else article.publisher
    return doc


class ForeignLanguage(PipelineError):
    """An article in English or Swedish: skipped, not failed, unless a language is forced."""

    def __init__(self, language: str) -> None:
        super().__init__(
            "language",
            f"written in {LANGUAGE_NAMES[language]}, not Norwegian "
            "(--lang nb or --lang nn mines it anyway)",
        )
        self.language = language


def admit(article: Article, options: RunOptions) -> Article:
    """What every article passes before the nlp stage, for one article and for batches:
    Norwegian (or the language the user forced) and within the size limits."""
    if options.language:
        article = article.model_copy(update={"language": options.language})
    elif foreign := foreign_language(article.text):
        raise ForeignLanguage(foreign)
    limits = options.limits
    if len(article.text) > limits.max_chars:
        raise PipelineError(
            "limits",
            f"text is {len(article.text)} characters, over the {limits.max_chars} limit "
            "(raise it with --max-chars)",
        )
    if len(article.blocks) > limits.max_blocks:
        raise PipelineError(
            "limits",
            f"{len(article.blocks)} blocks, over the {limits.max_blocks} limit "
            "(raise it with --max-blocks)",
        )
    return article


def profile_doc(article: Article, doc, nlp, options: RunOptions) -> Profile:
    """The finished Doc of an admitted article as its profile, within the time limit."""
    from pipeline.extract import extract
    from pipeline.nlp import describe

    with time_limit(options.limits.max_seconds):
        profile = extract(article, doc, model=describe(nlp))
    if options.registry is None:
        return profile
    from pipeline.registry.profiles import link_profile, registry_for, registry_name

    cache = str(options.registry_cache) if options.registry_cache else None
    registry = registry_for(options.registry, cache)
    linked = link_profile(profile, registry, registry_name(options.registry))
    return Profile.model_validate_json(linked.model_dump_json())  # checked as written


def with_item_meta(article: Article, meta: ItemMeta | None) -> Article:
    """A feed's title, date and authors for a page that has none of its own. Metadata only:
    the mined text and the id stay the page's, and a page with its own metadata is left as
    it is, so its profile is the same as from a plain URL run."""
    if meta is None:
        return article
    updates: dict = {}
    if not article.title and meta.title:
        updates["title"] = meta.title
    if article.published is None and meta.published:
        updates["published"] = meta.published
    if not article.authors and meta.authors:
        updates["authors"] = list(meta.authors)
    return article.model_copy(update=updates) if updates else article


def parse_raw(raw: RawInput) -> Article:
    from pipeline.parse import parse_bytes

    return parse_bytes(
        raw.data, raw.source, content_type=raw.content_type, url=raw.url, charset=raw.charset
    )


# --- one chunk of inputs, in whatever process runs it ------------------------------------------


@dataclass
class Outcome:
    """What became of one input."""

    item: str
    key: str | None = None  # content hash + pipeline version + model: unchanged means skip
    article_id: str | None = None
    summary: str = ""
    error: ErrorRecord | None = None
    skipped: bool = False
    foreign: str | None = None  # the language of an article that is not Norwegian


def word_batches(pending: list, max_words: int, max_texts: int) -> Iterator[list]:
    """``pending`` (outcome, article) pairs in order, cut into batches of at most
    ``max_texts`` articles and ``max_words`` words (an article longer than that alone)."""
    batch: list = []
    words = 0
    for pair in pending:
        count = len(pair[1].text.split())
        if batch and (words + count > max_words or len(batch) >= max_texts):
            yield batch
            batch, words = [], 0
        batch.append(pair)
        words += count
    if batch:
        yield batch


class Processor:
    """Loads the model once per process and turns chunks of inputs into written profiles."""

    def __init__(self, options: RunOptions, out_dir: Path) -> None:
        from pipeline.nlp import describe, load_pipeline

        self.options = options
        self.out_dir = out_dir
        self.nlp = load_pipeline(options.model)
        self.model_name = describe(self.nlp)
        cache = options.fetch.cache_dir or out_dir / ".cache" / "http"
        self.fetcher = Fetcher(_with_cache(options.fetch, cache))

    def process_chunk(self, items: list[str], done: dict[str, tuple[str, str]]) -> list[Outcome]:
        """``done`` maps inputs of earlier runs to (key, article id)."""
        outcomes: list[Outcome] = []
        pending: list[tuple[Outcome, Article]] = []
        for item in items:
            outcome = Outcome(item)
            outcomes.append(outcome)
            article = self._read_and_parse(outcome, done)
            if article is not None:
                pending.append((outcome, article))
        # One nlp batch at a time, bounded in words as well as in texts: the model's memory
        # grows with the words of a batch, so long articles make smaller batches, and each
        # batch's Docs are written and dropped before the next one is made.
        for batch in word_batches(pending, self.options.batch_words, self.options.batch_size):
            docs = self._nlp([a for _, a in batch], [o for o, _ in batch])
            for (outcome, article), doc in zip(batch, docs, strict=False):
                if doc is not None:
                    self._extract_and_write(outcome, article, doc)
        return outcomes

    def _read_and_parse(self, outcome: Outcome, done: dict[str, tuple[str, str]]) -> Article | None:
        limits = self.options.limits
        stage = "read"
        try:
            raw = self.fetcher.read(outcome.item)
            content = hashlib.sha256(raw.data).hexdigest()
            outcome.key = f"{content}:{__version__}+{installed_code()}:{self.model_name}"
            if self.options.registry:  # linked profiles differ from unlinked ones
                outcome.key += f":{self.options.registry}"
            previous = done.get(outcome.item)
            if (
                not self.options.force
                and previous
                and previous[0] == outcome.key
                and is_profile_file(profile_path(self.out_dir, previous[1]))
            ):
                outcome.skipped, outcome.article_id = True, previous[1]
                outcome.summary = f"skip {previous[1]} {outcome.item}: unchanged since the last run"
                return None
            stage = "parse"
            with time_limit(limits.max_seconds):
                article = parse_raw(raw)
            article = with_item_meta(article, self.options.item_meta.get(outcome.item))
            return admit(article, self.options)
        except ForeignLanguage as foreign:
            outcome.skipped, outcome.foreign = True, foreign.language
            outcome.summary = f"skip {outcome.item}: {foreign.message}"
        except PipelineError as err:
            outcome.error = _error(outcome.item, err.stage, err)
        except Exception as err:  # noqa: BLE001 - one bad input never stops the batch
            outcome.error = _error(outcome.item, stage, err)
        return None

    def _nlp(self, articles: list[Article], outcomes: list[Outcome]) -> list:
        """nlp.pipe for speed; if the batch fails, each article alone (a fresh Doc) so only
        the bad one is lost."""
        limit = self.options.limits.max_seconds
        try:  # the batch may take each article's time; one slow article is found alone
            with time_limit(limit * len(articles)):
                docs = (article_doc(article, self.nlp) for article in articles)
                return list(self.nlp.pipe(docs, batch_size=self.options.batch_size))
        except Exception:  # noqa: BLE001
            docs = []
            for outcome, article in zip(outcomes, articles, strict=False):
                try:
                    with time_limit(limit):
                        docs.append(self.nlp(article_doc(article, self.nlp)))
                except Exception as err:  # noqa: BLE001
                    stage = err.stage if isinstance(err, PipelineError) else "nlp"
                    outcome.error = _error(outcome.item, stage, err)
                    docs.append(None)
            return docs

    def _extract_and_write(self, outcome: Outcome, article: Article, doc) -> None:
        try:
            profile = profile_doc(article, doc, self.nlp, self.options)
            write_profile(self.out_dir, profile)
            outcome.article_id = profile.article.id
            outcome.summary = summary_line(outcome.item, profile)
        except PipelineError as err:
            outcome.error = _error(outcome.item, err.stage, err)
        except Exception as err:  # noqa: BLE001
            outcome.error = _error(outcome.item, "extract", err)


def _with_cache(options: FetchOptions, cache: Path) -> FetchOptions:
    from dataclasses import replace

    return options if options.cache_dir else replace(options, cache_dir=cache)


def _error(item: str, stage: str, err: BaseException) -> ErrorRecord:
    message = err.message if isinstance(err, PipelineError) else (str(err) or type(err).__name__)
    return ErrorRecord(
        input=item,
        stage=stage,
        error_type=type(err).__name__,
        message=message.splitlines()[0][:500],
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PipelineError when the block runs longer than ``seconds``.

    Uses a timer signal, so it works in a process's main thread (the CLI and its worker
    processes); elsewhere (threads of a Dask worker) it only times and checks afterwards.
    """
    start = time.monotonic()
    use_signal = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "setitimer"
    )

    def on_timeout(signum, frame):
        raise PipelineError(
            "limits", f"took longer than {seconds:g} s (raise it with --max-seconds)"
        )

    if use_signal:
        previous = signal.signal(signal.SIGALRM, on_timeout)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if use_signal:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - start > seconds:
        raise PipelineError(
            "limits",
            f"took {time.monotonic() - start:.1f} s, over the {seconds:g} s limit "
            "(raise it with --max-seconds)",
        )


def summary_line(item: str, profile: Profile) -> str:
    companies = [o.name for o in profile.organisations if o.kind == "company"]
    explicit = sorted({s.number for s in profile.sdgs if s.method == "explicit"})
    return (
        f"ok {profile.article.id} {item}: {len(companies)} companies, {len(profile.people)} people, "
        f"{len(profile.places)} places, SDGs {explicit or '-'}"
    )


# --- the batch: state, scheduling, summary ---------------------------------------------------


def _source_name(item: str, article_id: str) -> str:
    """The manifest's name of an input: its path or URL; for standard input, the profile's
    source name with the article's id, so each article piped in keeps its own row."""
    from pipeline.fetch import STDIN

    return f"<stdin> {article_id}" if item == STDIN else item


STATE_FILE = ".run-state.jsonl"


class RunState:
    """Which inputs are done, as (key, article id), in an append-only log.

    Appends are single lines flushed one at a time by the parent process only; a line cut
    short by a kill is ignored on reading, so the worst case is redoing one input.
    """

    def __init__(self, out_dir: Path) -> None:
        import json

        self.path = out_dir / STATE_FILE
        self.done: dict[str, tuple[str, str]] = {}
        if self.path.exists():
            for line in self.path.read_text("utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    self.done[entry["input"]] = (entry["key"], entry["article_id"])
                except (ValueError, KeyError, TypeError):
                    continue
        self._handle = None

    def for_items(self, items: list[str]) -> dict[str, tuple[str, str]]:
        return {item: self.done[item] for item in items if item in self.done}

    def record(self, outcome: Outcome) -> None:
        import json

        if outcome.skipped or outcome.error or not outcome.key or not outcome.article_id:
            return
        if self._handle is None:
            self._handle = self.path.open("a", encoding="utf-8")
        source = _source_name(outcome.item, outcome.article_id)
        entry = {"input": source, "key": outcome.key, "article_id": outcome.article_id}
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()
        self.done[source] = (outcome.key, outcome.article_id)

    def close(self) -> None:
        if self._handle:
            self._handle.close()
            self._handle = None


@dataclass
class BatchResult:
    written: int = 0
    skipped: int = 0
    duplicates: int = 0  # inputs with the same content as another input of this run
    not_articles: int = 0  # files in a folder that are not articles (.json, .md, binary)
    foreign: int = 0  # articles not in Norwegian, skipped
    errors: list[ErrorRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def chunks(items: Iterator[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    inputs: Iterable[str],
    out_dir: Path,
    *,
    model: str | None = None,
    options: RunOptions | None = None,
    report: Report = lambda line: print(line, flush=True),
    backend: str = "local",
    scheduler: str | None = None,
    source_errors: Iterable[ErrorRecord] = (),
    sources_read: Iterable[str] = (),
) -> BatchResult:
    """Every input to a profile in ``out_dir``; failures are recorded, the rest go on.
    ``source_errors`` are feeds or sitemaps that could not be read (recorded like failed
    inputs); ``sources_read`` are those read, whose earlier failures are cleared."""
    options = options or RunOptions(model=model)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(".*.tmp"):  # half-written files of a run that was killed
        stale.unlink(missing_ok=True)
    state = RunState(out_dir)
    result = BatchResult(errors=list(source_errors))
    run = RunLog(id=uuid.uuid4().hex[:12], time=datetime.now(UTC).isoformat(timespec="seconds"))

    def not_an_article(item: str, why: str) -> None:
        result.not_articles += 1
        report(f"skip {item}: {why}")

    work = (
        (chunk, state.for_items(chunk))
        for chunk in chunks(expand_inputs(inputs, skipped=not_an_article), options.batch_size)
    )
    try:
        for outcomes in _outcome_lists(work, out_dir, options, backend, scheduler):
            for outcome in outcomes:
                _account(outcome, result, state, report, run)
    finally:
        state.close()
        _write_run_files(out_dir, state, result, run, sources_read)
    _report_summary(result, out_dir, report)
    return result


def _outcome_lists(work, out_dir: Path, options: RunOptions, backend: str, scheduler):
    """The chunks' outcomes from the backend chosen: Dask, local processes, or this one."""
    if backend == "dask":
        from pipeline.distributed import run_chunks_dask

        return run_chunks_dask(work, out_dir, options, scheduler)
    if options.workers > 1:
        from pipeline.distributed import run_chunks_pool

        return run_chunks_pool(work, out_dir, options)
    return _run_chunks_here(work, out_dir, options)


def _write_run_files(out_dir: Path, state, result, run, sources_read) -> None:
    """What a run leaves beside the profiles, also after Ctrl-C or a crash."""
    rebuild_jsonl(out_dir)
    for record in result.errors:
        record.run_id, record.time = run.id, run.time
    write_errors(out_dir, result.errors, succeeded=[*run.sources, *sources_read])
    write_manifest(out_dir, _manifest_rows(out_dir, state, result))
    write_schema(out_dir)


def _report_summary(result, out_dir: Path, report: Report) -> None:
    duplicates = f", {result.duplicates} duplicates" if result.duplicates else ""
    others = f", {result.not_articles} not articles" if result.not_articles else ""
    others += f", {result.foreign} not in Norwegian" if result.foreign else ""
    report(
        f"{result.written} profiles written, {result.skipped} unchanged{duplicates}{others}, "
        f"{len(result.errors)} failed -> {out_dir} (manifest.csv maps each source to its profile)"
    )
    for record in result.errors:
        report(f"  failed: {record.input} ({record.stage}: {record.message})")


@dataclass
class RunLog:
    """This run's id and start time, and which source first gave each article id."""

    id: str
    time: str
    sources: dict[str, str] = field(default_factory=dict)  # source -> article id
    first_source: dict[str, str] = field(default_factory=dict)  # article id -> source


def _account(
    outcome: Outcome, result: BatchResult, state: RunState, report: Report, run: RunLog
) -> None:
    if outcome.error:
        result.errors.append(outcome.error)
        report(f"FAILED {outcome.item}: {outcome.error.stage}: {outcome.error.message}")
        return
    if outcome.foreign:
        result.foreign += 1
        report(outcome.summary)
        return
    run.sources[outcome.item] = outcome.article_id or ""
    first = run.first_source.setdefault(outcome.article_id or "", outcome.item)
    if first != outcome.item:
        result.duplicates += 1
        state.record(outcome)
        report(f"skip {outcome.item}: same content as {first} (profile {outcome.article_id})")
        return
    if outcome.skipped:
        result.skipped += 1
    else:
        result.written += 1
        state.record(outcome)
    report(outcome.summary)


def _manifest_rows(out_dir: Path, state: RunState, result: BatchResult):
    """One row per input this folder has seen: done ones from the run log, failed ones from
    errors.jsonl (which keeps earlier runs' failures)."""
    failed = {e.input: e for e in read_error_records(out_dir / "errors.jsonl")}
    for source, (_, article_id) in state.done.items():
        if source not in failed:
            yield (source, "ok", profile_path(out_dir, article_id).name, "")
    for source, record in failed.items():
        yield (source, "failed", "", f"{record.stage}: {record.message}")


def _run_chunks_here(work, out_dir: Path, options: RunOptions) -> Iterator[list[Outcome]]:
    """In this process; the model loads with the first chunk (a run of followed feeds that
    found only failed sources loads none)."""
    processor = None
    for chunk, done in work:
        processor = processor or Processor(options, out_dir)
        yield processor.process_chunk(chunk, done)
