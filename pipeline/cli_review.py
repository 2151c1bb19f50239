"""Command line for reviewing and reusing an output folder: ``review``, ``evaluate``,
``export``, ``aggregate``.

``pipeline.cli`` adds these subcommands with ``add_commands`` and hands parsed arguments to
``dispatch``. Nothing here imports spaCy: the commands only read finished profiles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
COMMANDS = ("review", "export", "aggregate", "evaluate")
EXPORT_FORMATS = ("csv", "jsonl", "sqlite", "parquet")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add these subcommands to the ``pipeline`` parser's subparsers (in this order in its
    --help)."""
    _add_review_command(commands)
    _add_evaluate_command(commands)
    _add_export_command(commands)
    _add_aggregate_command(commands)


def _add_output_dir(command: argparse.ArgumentParser) -> None:
    """The folder every one of these commands reads."""
    command.add_argument(
        "output_dir",
        type=Path,
        metavar="OUTPUT_DIR",
        help="the folder a pipeline run wrote (profiles.jsonl and one JSON profile per article)",
    )


def _add_review_command(commands: argparse._SubParsersAction) -> None:
    review = commands.add_parser(
        "review", help="write one self-contained HTML report of an output folder"
    )
    _add_output_dir(review)
    review.add_argument(
        "--html", type=Path, default=None, help="report file (default: OUTPUT_DIR/report.html)"
    )
    review.add_argument(
        "--apply",
        type=Path,
        default=None,
        metavar="DECISIONS",
        help="instead of a report: apply a decisions file saved from the report and write the "
        "corrected profiles to --reviewed (the originals are never changed)",
    )
    review.add_argument(
        "--reviewed",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder for the corrected profiles (default: OUTPUT_DIR/reviewed)",
    )


def _add_evaluate_command(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser(
        "evaluate",
        help="precision and recall per field from a decisions file saved from the report",
    )
    _add_output_dir(evaluate)
    evaluate.add_argument(
        "--decisions",
        type=Path,
        required=True,
        metavar="DECISIONS",
        help="the decisions file saved from the review report (JSON lines, one verdict a line)",
    )


def _add_export_command(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="export the profiles as CSV, JSONL, one SQLite database or Parquet tables",
    )
    _add_output_dir(export)
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        required=True,
        help="csv: one row per organisation, plus the long tables as CSV in a 'tables' folder "
        "beside it; jsonl: one profile a line; sqlite: the tables in one database with keys "
        "and views; parquet: the tables as Parquet files (needs pyarrow)",
    )
    export.add_argument(
        "--dest",
        type=Path,
        default=None,
        help="file to write, a folder for parquet (default: OUTPUT_DIR/export/profiles.FORMAT, "
        "OUTPUT_DIR/export/parquet/)",
    )
    export.add_argument(
        "--excel",
        action="store_true",
        help="CSV for Excel with a Norwegian locale: UTF-8 with BOM, ';' between fields, CRLF",
    )


def _add_aggregate_command(commands: argparse._SubParsersAction) -> None:
    aggregate = commands.add_parser(
        "aggregate",
        help="merge organisations across articles: companies.json(l) (companies) and "
        "organisations.json(l) (every organisation)",
    )
    _add_output_dir(aggregate)


def dispatch(args: argparse.Namespace) -> int | None:
    """Run the command if it is one of these; None when it is not (the caller goes on)."""
    if getattr(args, "command", None) not in COMMANDS:
        return None
    if not args.output_dir.is_dir():
        print(f"pipeline {args.command}: {args.output_dir} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    from pipeline.write import profile_files

    if not profile_files(args.output_dir):
        print(
            f"pipeline {args.command}: no profiles in {args.output_dir} "
            f"(write some first: pipeline run ARTICLES --out {args.output_dir})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    command = {
        "review": _review,
        "export": _export,
        "aggregate": _aggregate,
        "evaluate": _evaluate,
    }[args.command]
    try:
        return command(args)
    except (OSError, ValueError) as err:  # an unreadable folder or a profile that fails validation
        print(f"pipeline {args.command}: {err}", file=sys.stderr)
        return EXIT_FAILED


def _review(args: argparse.Namespace) -> int:
    if args.apply is not None and args.html is not None:
        print("pipeline review: --html and --apply do not go together", file=sys.stderr)
        return EXIT_USAGE
    if args.apply is not None:
        return _apply(args)
    if args.reviewed is not None:
        print("pipeline review: --reviewed goes with --apply DECISIONS", file=sys.stderr)
        return EXIT_USAGE
    from pipeline.review import write_report

    path = write_report(args.output_dir, args.html or args.output_dir / "report.html")
    print(f"report written to {path}")
    return EXIT_OK


def _apply(args: argparse.Namespace) -> int:
    """Corrected copies of the profiles; a missing decisions file or a folder that cannot be
    written is one line and exit 2, a bad line of the file is named and the rest applied."""
    from pipeline.decisions import REVIEWED_DIR, apply_decisions

    dest = args.reviewed or args.output_dir / REVIEWED_DIR
    try:
        result = apply_decisions(args.output_dir, args.apply, dest)
    except OSError as err:
        print(f"pipeline review: {_plain(err)}", file=sys.stderr)
        return EXIT_USAGE
    for error in result.errors:
        print(f"pipeline review: {error}", file=sys.stderr)
    print(
        f"{result.applied} decision(s) applied, {result.changed} profile(s) changed, "
        f"{len(result.stale)} stale; {result.profiles} reviewed profile(s) written to {dest}"
    )
    for stale in result.stale:
        print(f"  stale: {stale}")
    return EXIT_FAILED if result.errors else EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.decisions import evaluate, format_evaluation

    try:
        result = evaluate(args.output_dir, args.decisions)
    except OSError as err:
        print(f"pipeline evaluate: {_plain(err)}", file=sys.stderr)
        return EXIT_USAGE
    for error in result.errors:
        print(f"pipeline evaluate: {error}", file=sys.stderr)
    print(format_evaluation(result))
    return EXIT_FAILED if result.errors else EXIT_OK


def _plain(err: OSError) -> str:
    """``cannot read decisions.jsonl: No such file or directory``, not the errno repr."""
    if err.filename is not None and err.strerror:
        return f"{err.filename}: {err.strerror}"
    return str(err)


def _export(args: argparse.Namespace) -> int:
    from pipeline import export

    if args.excel and args.format != "csv":
        raise ValueError("--excel applies to --format csv only")
    default = export.PARQUET_DIR if args.format == "parquet" else f"profiles.{args.format}"
    dest = args.dest or args.output_dir / "export" / default
    if args.format == "csv":
        written = export.export_csv(args.output_dir, dest, excel=args.excel)
        tables = dest.parent / export.CSV_TABLES_DIR
        print(f"csv written to {written}, its long tables to {tables}")
        return EXIT_OK
    if args.format == "parquet":
        try:
            written = export.export_parquet(args.output_dir, dest)
        except export.ParquetUnavailable as err:  # the environment, not the data: nothing written
            print(f"pipeline export: {err}", file=sys.stderr)
            return EXIT_USAGE
    elif args.format == "sqlite":
        written = export.export_sqlite(args.output_dir, dest)
    else:
        written = export.export_jsonl(args.output_dir, dest)
    print(f"{args.format} written to {written}")
    return EXIT_OK


def _aggregate(args: argparse.Namespace) -> int:
    from pipeline.aggregate import COMPANIES_JSON, aggregate

    companies = aggregate(args.output_dir)
    print(f"{len(companies)} organisations written to {args.output_dir / COMPANIES_JSON}")
    return EXIT_OK
