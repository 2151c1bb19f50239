"""Command line: ``pipeline run``, ``pipeline schema``. Imports spaCy only when a command needs it."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__, cli_review, cli_sources

if TYPE_CHECKING:  # imported when needed: pipeline.run imports spaCy
    from pipeline.options import RunOptions
    from pipeline.run import BatchResult

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_MAX_ARTICLES = cli_sources.DEFAULT_MAX_ARTICLES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline",
        description="Norwegian news articles in, validated JSON profiles out.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    _add_run_command(commands)
    _add_schema_command(commands)
    cli_review.add_commands(commands)
    _add_registry_command(commands)
    return parser


def _add_run_command(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser(
        "run",
        help="profile articles (files, folders, http(s) URLs, - for stdin)",
        description="Profile articles. OUT receives <article id>.json per article, "
        "profiles.jsonl, manifest.csv (source -> profile), errors.jsonl and profile.schema.json.",
        formatter_class=_DefaultsShown,
    )
    # Added in this order for --help: what goes in and out, how it is processed, the limits
    # of one input, then fetching and language.
    _add_run_io_arguments(run)
    _add_run_processing_arguments(run)
    _add_run_limit_arguments(run)
    _add_run_fetch_and_language_arguments(run)


def _add_run_io_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "inputs", nargs="*", help="files (.html/.htm/.txt), folders, http(s) URLs, or - for stdin"
    )
    run.add_argument("--urls", type=Path, help="a file with one URL (or path) a line")
    run.add_argument(
        "-o", "--out", type=Path, default=Path("output"), help="output folder for the profiles"
    )
    run.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no line per article"
    )
    run.add_argument(
        "-v", "--verbose", action="store_true", help="also print the settings of the run first"
    )


def _add_run_processing_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline: default is the shipped NorNE model; or an installed package "
        "(nb_core_news_md), a path, or blank:nb",
    )

    run.add_argument(
        "--force", action="store_true", help="redo inputs that are unchanged since the last run"
    )
    run.add_argument("--workers", type=_positive_int, default=1, help="processes on this machine")
    run.add_argument(
        "--backend",
        choices=("local", "dask"),
        default="local",
        help="local processes, or a Dask cluster (pip install 'nyhetsprofil[dask]')",
    )
    run.add_argument(
        "--scheduler",
        default=None,
        help="Dask scheduler address (tcp://host:8786); none: a local cluster",
    )
    run.add_argument(
        "--batch-size", type=_positive_int, default=32, help="texts per nlp.pipe batch, at most"
    )
    run.add_argument(
        "--batch-words",
        type=_positive_int,
        default=4_000,
        help="words per nlp.pipe batch, at most: the model's memory grows with the words of a "
        "batch, so long articles go in smaller batches",
    )


def _add_run_limit_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "--max-bytes", type=_positive_int, default=10 * 1024 * 1024, help="per-input size limit"
    )
    run.add_argument(
        "--max-seconds", type=_positive_float, default=60.0, help="per-input time limit"
    )
    run.add_argument(
        "--max-chars",
        type=_positive_int,
        default=400_000,
        help="per-input limit on the mined text (characters)",
    )
    run.add_argument(
        "--max-blocks",
        type=_positive_int,
        default=5_000,
        help="per-input limit on the text's blocks (paragraphs, headings, list items)",
    )


def _add_run_fetch_and_language_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "--host-delay", type=_seconds, default=1.0, help="seconds between requests to one host"
    )
    run.add_argument(
        "--ignore-robots", action="store_true", help="do not read robots.txt (your own sites only)"
    )
    run.add_argument(
        "--lang",
        choices=("nb", "nn"),
        default=None,
        help="treat every article as bokmål or nynorsk; articles detected as English or "
        "Swedish are then mined too (default: detect, and skip those)",
    )

    _add_source_options(run)
    run.add_argument(
        "--registry",
        default=None,
        metavar="DB|online",
        help="link every organisation to Enhetsregisteret: an index made by `pipeline "
        "registry import`, or online (the register's open API; answers cached in "
        "OUT/.cache/registry.sqlite). Default: no look-up",
    )


def _add_schema_command(commands: argparse._SubParsersAction) -> None:
    schema = commands.add_parser("schema", help="print the profile JSON Schema (or another)")
    schema.add_argument(
        "which",
        nargs="?",
        choices=("profile", "company", "decision"),
        default="profile",
        help="profile (one article), company (one item of companies.json) or decision "
        "(one line of a review decisions file)",
    )


def _add_source_options(run: argparse.ArgumentParser) -> None:
    follow = run.add_argument_group(
        "follow a news source",
        "Read feeds and sitemaps and profile the articles they list. Run the same command "
        "again (from cron) and only new or changed articles are fetched: what was fetched "
        "is remembered in OUT/.sources-state.json.",
    )
    follow.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="an RSS or Atom feed (repeatable)",
    )
    follow.add_argument(
        "--sitemap",
        action="append",
        default=[],
        metavar="URL",
        help="a sitemap or sitemap index, gzip and Google News sitemaps too (repeatable)",
    )
    follow.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="URL",
        help="a homepage: discover its feeds (<link rel=alternate>) and sitemaps (robots.txt "
        "Sitemap: lines, else /sitemap.xml) and read them (repeatable)",
    )
    follow.add_argument(
        "--since",
        type=_iso_date,
        default=None,
        metavar="DATE",
        help="only articles dated on or after DATE (2026-11-01); articles without a date are kept",
    )
    follow.add_argument(
        "--max-articles",
        type=_positive_int,
        default=None,
        metavar="N",
        help=f"fetch at most N new articles a run, newest first; the rest wait for the next "
        f"run (default: {DEFAULT_MAX_ARTICLES})",
    )


def _iso_date(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as 2026-11-01, not {value!r}") from None


def _add_registry_command(commands) -> None:
    registry = commands.add_parser(
        "registry", help="organisation numbers: build the offline register index"
    )
    actions = registry.add_subparsers(dest="registry_command", required=True)
    load = actions.add_parser(
        "import",
        help="load the register's bulk download (enheter, JSON array, gzip or plain) into DB",
        description="Load the Central Coordinating Register's bulk file of entities into a "
        "SQLite index for `pipeline run --registry DB`. DB is replaced only when complete.",
    )
    load.add_argument("file", type=Path, help="the entities file (enheter_alle.json.gz)")
    load.add_argument("--db", type=Path, required=True, help="the SQLite index to write")
    load.add_argument("--subunits", type=Path, help="the sub-units file (underenheter), optional")


def _registry(args: argparse.Namespace) -> int:
    """``pipeline registry import``: one line of figures, or one line of error and exit 2."""
    from pipeline.registry import BulkFileError, import_register

    try:
        stats = import_register(args.file, args.db, sub_units=args.subunits)
    except BulkFileError as err:
        print(f"pipeline registry import: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"pipeline registry import: {args.db}: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("pipeline registry import: interrupted; the index was not changed", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(
        f"imported {stats.entities} entities and {stats.sub_units} sub-units into {args.db} "
        f"in {stats.seconds:.1f} s ({stats.rows_per_second:,.0f} rows/s"
        + (f"; {stats.skipped} items without a number or name skipped)" if stats.skipped else ")")
    )
    return EXIT_OK


def _schema(which: str) -> dict:
    from models import CompanyProfile, Profile, ReviewDecision
    from pipeline.aggregate import COMPANY_SCHEMA
    from pipeline.decisions import DECISION_SCHEMA
    from pipeline.write import SCHEMA_FILE

    if which == "company":
        return CompanyProfile.json_schema(COMPANY_SCHEMA)
    if which == "decision":
        return ReviewDecision.json_schema(DECISION_SCHEMA)
    return Profile.json_schema(SCHEMA_FILE)


class _DefaultsShown(argparse.HelpFormatter):
    """--help shows each option's default, where it has a value worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        shown = action.default not in (None, False, [], argparse.SUPPRESS)
        if shown and "%(default)" not in text:
            text += " (default: %(default)s)"
        return text


def _bounded(convert, what: str, fits, rule: str):
    """An argparse type: ``convert`` the value, then check it, with messages a person reads
    ("--max-bytes: expected a whole number, not 'abc'")."""

    def parse(value: str):
        try:
            number = convert(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, not {value!r}") from None
        if not fits(number):
            raise argparse.ArgumentTypeError(f"{rule}, not {value}")
        return number

    return parse


_positive_int = _bounded(int, "a whole number", lambda n: n >= 1, "must be at least 1")
_positive_float = _bounded(float, "a number of seconds", lambda n: n > 0, "must be more than 0")
_seconds = _bounded(float, "a number of seconds", lambda n: n >= 0, "must be 0 or more")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if (code := cli_review.dispatch(args)) is not None:
        return code
    if args.command == "registry":
        return _registry(args)
    if args.command == "schema":
        print(json.dumps(_schema(args.which), indent=2, ensure_ascii=False))
        return EXIT_OK
    return _run(args, parser)


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    following = bool(args.feed or args.sitemap or args.site)
    inputs = _inputs(args, parser, following)
    if inputs is None:
        return EXIT_USAGE
    if not following and (args.since or args.max_articles):
        print(
            "pipeline run: --since and --max-articles apply to --feed, --sitemap and --site",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from pipeline.errors import PipelineError
    from pipeline.run import run_batch

    options = _run_options(args)
    if (problem := _path_problem(args)) is not None:
        print(f"pipeline run: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.verbose:
        _print_settings(args)
    followed = None
    if following:
        followed = cli_sources.read_sources(args, options)
        if isinstance(followed, int):
            return followed  # an exit code: the sources could not be read
        inputs += followed.urls
        options = replace(options, item_meta=followed.item_meta)
        if not inputs and not followed.errors:
            return EXIT_OK  # nothing new: no model to load, nothing to rewrite
    bar = _progress_bar(args.quiet, inputs)
    started = time.time()
    try:
        result = run_batch(
            inputs,
            args.out,
            options=options,
            report=_line_printer(args.quiet, bar),
            backend=args.backend,
            scheduler=args.scheduler,
            source_errors=followed.errors if followed else (),
            sources_read=followed.read if followed else (),
        )
    except PipelineError as err:
        print(f"pipeline: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return _interrupted(args, options, followed, started)
    finally:
        if bar is not None:
            bar.close()
    if followed:
        cli_sources.remember_fetched(
            args.out, options, followed, failed={e.input for e in result.errors}
        )
    return _exit_code(result)


def _inputs(
    args: argparse.Namespace, parser: argparse.ArgumentParser, following: bool
) -> list[str] | None:
    """The inputs on the command line, then the lines of the --urls file; None (the problem
    printed) when that file cannot be read or there is nothing to do (no inputs and no feed,
    sitemap or site to follow)."""
    inputs = list(args.inputs)
    if args.urls:
        try:
            lines = args.urls.read_text("utf-8").splitlines()
        except OSError as err:
            print(f"pipeline: cannot read --urls file: {err}", file=sys.stderr)
            return None
        inputs += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not inputs and not following:
        parser.print_usage(sys.stderr)
        print(
            "pipeline run: give at least one input, --urls FILE, --feed, --sitemap or --site",
            file=sys.stderr,
        )
        return None
    return inputs


def _run_options(args: argparse.Namespace) -> RunOptions:
    from pipeline.options import FetchOptions, Limits, RunOptions

    return RunOptions(
        model=args.model,
        force=args.force,
        workers=args.workers,
        batch_size=args.batch_size,
        batch_words=args.batch_words,
        fetch=FetchOptions(
            max_bytes=args.max_bytes,
            host_delay=args.host_delay,
            respect_robots=not args.ignore_robots,
        ),
        limits=Limits(
            max_bytes=args.max_bytes,
            max_chars=args.max_chars,
            max_blocks=args.max_blocks,
            max_seconds=args.max_seconds,
        ),
        language=args.lang,
        registry=args.registry,
        registry_cache=args.out / ".cache" / "registry.sqlite" if args.registry else None,
    )


def _path_problem(args: argparse.Namespace) -> str | None:
    """Why the run cannot start (a local input that does not exist, or an output folder that
    cannot take the profiles), checked before any work; None when it can."""
    if missing := _missing_inputs(list(args.inputs)):  # a --urls list's lines fail one by one
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        return f"no such file or folder: {', '.join(missing[:3])}{more}"
    return _unusable_output_folder(args.out) or _unusable_registry(args)


def _unusable_registry(args: argparse.Namespace) -> str | None:
    """Why --registry cannot be used (a missing or unfinished index), before any work."""
    if not args.registry or args.registry == "online":
        return None
    from pipeline.registry import RegistryError, open_registry

    try:
        open_registry(args.registry).close()
    except RegistryError as err:
        return f"--registry {args.registry}: {err}"
    return None


def _print_settings(args: argparse.Namespace) -> None:
    print(
        f"pipeline run: model {args.model or 'shipped (nb_norne_sm)'}, out {args.out}, "
        f"batch {args.batch_size}, workers {args.workers}, max {args.max_bytes} bytes and "
        f"{args.max_seconds:g} s an input, language {args.lang or 'detected'}",
        file=sys.stderr,
    )


def _line_printer(quiet: bool, bar):
    """What the run reports, line by line: progress to the bar (when there is one), problems
    to stderr, the rest to stdout; quiet keeps only the failures listed at the end."""

    def report(line: str) -> None:
        per_input = line.startswith(("ok ", "skip ", "FAILED "))
        if bar is not None and per_input:
            bar.update(1)
        problem = line.startswith(("FAILED", "  failed:", "skip "))
        if quiet and not line.startswith("  failed:"):
            return  # quiet: nothing on success; the failures once, at the end
        if bar is not None:
            bar.write(line, file=sys.stderr if problem else sys.stdout)
        else:
            print(line, file=sys.stderr if problem else sys.stdout, flush=True)

    return report


def _exit_code(result: BatchResult) -> int:
    """Failed inputs exit 1; a run that found no article at all is a usage error (exit 2)."""
    accounted = result.written + result.skipped + result.duplicates + result.foreign
    if accounted + len(result.errors) == 0:
        print(
            "pipeline run: no articles in the inputs given (folders are searched for .html, "
            ".htm and .txt files)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return EXIT_OK if result.ok else EXIT_FAILED_INPUTS


def _interrupted(args: argparse.Namespace, options, followed, started: float) -> int:
    """Ctrl-C: one line saying how many profiles were written; the fetched articles that
    finished are remembered for the next run."""
    from pipeline.run import RunState

    if followed:
        cli_sources.remember_fetched(args.out, options, followed, done=RunState(args.out).done)
    print(
        f"pipeline run: interrupted after {_written_since(args.out, started)} profiles "
        f"written to {args.out}; "
        "run the same command again to resume (finished inputs are skipped)",
        file=sys.stderr,
    )
    return EXIT_INTERRUPTED


def _written_since(out: Path, started: float) -> int:
    """Profiles this run put on disk (a chunk's profiles are written before they are
    reported, so the report's count lags behind after Ctrl-C)."""
    from pipeline.write import is_profile_file

    return sum(
        1
        for path in out.glob("*.json")
        if path.stat().st_mtime >= started - 1 and is_profile_file(path)
    )


def _missing_inputs(inputs: list[str]) -> list[str]:
    """Local paths on the command line that do not exist: a usage error (a typo), caught
    before any work is done and before the output folder is made. URLs and stdin are
    checked when read, and a --urls list's lines fail one by one, as inputs of a batch."""
    from pipeline.fetch import STDIN, is_url

    return [i for i in inputs if i != STDIN and not is_url(i) and not Path(i).exists()]


def _progress_bar(quiet: bool, inputs: list[str]):
    """A progress bar on stderr when it is a terminal (a log file or a pipe gets none), with
    the number of inputs counted first, so it shows a total and the time left."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    from pipeline.fetch import expand_inputs

    skipped = [0]

    def count_skip(item: str, why: str) -> None:
        skipped[0] += 1

    total = sum(1 for _ in expand_inputs(inputs, skipped=count_skip)) + skipped[0]
    return tqdm(total=total, unit=" inputs", file=sys.stderr, dynamic_ncols=True, leave=False)


def _unusable_output_folder(out: Path) -> str | None:
    """Why ``--out`` cannot take the profiles (checked before any work), or None."""
    import tempfile

    if out.exists() and not out.is_dir():
        return f"--out {out} is a file, not a folder"
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-"):
            pass
    except OSError as err:
        return f"cannot write to --out {out}: {err.strerror or err}"
    return None


if __name__ == "__main__":
    sys.exit(main())
