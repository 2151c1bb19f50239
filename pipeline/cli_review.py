"""Command line for reviewing and reusing an output folder: ``review``, ``export``, ``aggregate``.

``pipeline.cli`` adds these subcommands with ``add_commands`` and hands parsed arguments to
``dispatch``. Nothing here imports spaCy: the commands only read finished profiles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
COMMANDS = ("review", "export", "aggregate")
EXPORT_FORMATS = ("csv", "jsonl")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the three subcommands to the ``pipeline`` parser's subparsers."""
    review = commands.add_parser(
        "review", help="write one self-contained HTML report of an output folder"
    )
    review.add_argument("output_dir", type=Path, metavar="OUTPUT_DIR")
    review.add_argument(
        "--html", type=Path, default=None, help="report file (default: OUTPUT_DIR/report.html)"
    )

    export = commands.add_parser(
        "export", help="export the profiles as CSV (one row per organisation) or JSONL"
    )
    export.add_argument("output_dir", type=Path, metavar="OUTPUT_DIR")
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument(
        "--dest",
        type=Path,
        default=None,
        help="file to write (default: OUTPUT_DIR/export/profiles.FORMAT)",
    )
    export.add_argument(
        "--excel",
        action="store_true",
        help="CSV for Excel with a Norwegian locale: UTF-8 with BOM, ';' between fields, CRLF",
    )

    aggregate = commands.add_parser(
        "aggregate", help="merge organisations across articles into companies.json(l)"
    )
    aggregate.add_argument("output_dir", type=Path, metavar="OUTPUT_DIR")


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
    command = {"review": _review, "export": _export, "aggregate": _aggregate}[args.command]
    try:
        return command(args)
    except (OSError, ValueError) as err:  # an unreadable folder or a profile that fails validation
        print(f"pipeline {args.command}: {err}", file=sys.stderr)
        return EXIT_FAILED


def _review(args: argparse.Namespace) -> int:
    from pipeline.review import write_report

    path = write_report(args.output_dir, args.html or args.output_dir / "report.html")
    print(f"report written to {path}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from pipeline.export import export_csv, export_jsonl

    dest = args.dest or args.output_dir / "export" / f"profiles.{args.format}"
    if args.format == "csv":
        written = export_csv(args.output_dir, dest, excel=args.excel)
    elif args.excel:
        raise ValueError("--excel applies to --format csv only")
    else:
        written = export_jsonl(args.output_dir, dest)
    print(f"{args.format} written to {written}")
    return EXIT_OK


def _aggregate(args: argparse.Namespace) -> int:
    from pipeline.aggregate import COMPANIES_JSON, aggregate

    companies = aggregate(args.output_dir)
    print(f"{len(companies)} organisations written to {args.output_dir / COMPANIES_JSON}")
    return EXIT_OK
