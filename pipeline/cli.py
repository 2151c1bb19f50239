"""Command line: ``pipeline run``, ``pipeline schema``. Imports spaCy only when a command needs it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline import __version__

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline",
        description="Norwegian news articles in, validated JSON profiles out.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="profile articles (files, folders, http(s) URLs)")
    run.add_argument("inputs", nargs="*", help="files (.html/.htm/.txt), folders, or http(s) URLs")
    run.add_argument("--urls", type=Path, help="a file with one URL (or path) a line")
    run.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    run.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline: default is the shipped NorNE model; or an installed package "
        "(nb_core_news_md), a path, or blank:nb",
    )

    commands.add_parser("schema", help="print the profile JSON Schema")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if args.command == "schema":
        from models import Profile

        print(json.dumps(Profile.model_json_schema(), indent=2, ensure_ascii=False))
        return EXIT_OK
    return _run(args, parser)


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    inputs = list(args.inputs)
    if args.urls:
        try:
            lines = args.urls.read_text("utf-8").splitlines()
        except OSError as err:
            print(f"pipeline: cannot read --urls file: {err}", file=sys.stderr)
            return EXIT_USAGE
        inputs += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not inputs:
        parser.print_usage(sys.stderr)
        print("pipeline run: give at least one input or --urls FILE", file=sys.stderr)
        return EXIT_USAGE
    from pipeline.errors import PipelineError
    from pipeline.run import run_batch

    try:
        result = run_batch(inputs, args.out, model=args.model)
    except PipelineError as err:
        print(f"pipeline: {err}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if result.ok else EXIT_FAILED_INPUTS


if __name__ == "__main__":
    sys.exit(main())
