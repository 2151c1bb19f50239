"""Write stage: validated profiles to disk, atomically.

Each profile goes to ``<article id>.json`` (temporary file, then rename, so a reader or a
killed run never sees half a file). ``profiles.jsonl`` is derived from those files at the
end of every run and replaced in one rename: it can never hold a half line or a duplicate.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from pydantic import BaseModel, ConfigDict

from models import Profile

PROFILES_JSONL = "profiles.jsonl"
ERRORS_JSONL = "errors.jsonl"
SCHEMA_FILE = "profile.schema.json"
_NOT_PROFILES = {
    PROFILES_JSONL,
    ERRORS_JSONL,
    SCHEMA_FILE,
    "companies.json",
    "organisations.json",  # pipeline aggregate: every organisation, companies.json the companies
    "company.schema.json",
    "decision.schema.json",  # beside reviewed profiles (pipeline.decisions)
    ".sources-state.json",  # what followed feeds and sitemaps gave (pipeline.sources)
}


def _file_mode() -> int:
    # mkstemp creates 0600 files; published outputs get the usual mode the umask allows
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


class ErrorRecord(BaseModel):
    """One input the run could not turn into a profile."""

    model_config = ConfigDict(extra="forbid")
    input: str
    stage: str
    error_type: str
    message: str
    run_id: str = ""  # the run it failed in (older records have none)
    time: str = ""  # when, ISO 8601 UTC


@contextmanager
def _atomic(path: Path, mode: str, durable: bool = True) -> Iterator[IO]:
    """A temporary file next to ``path`` that replaces it only when the block succeeds.

    The rename makes the write all-or-nothing for readers and for a killed run; ``durable``
    also forces the bytes to disk first (fsync), which only a power cut needs. Per-article
    profiles skip it (about 2 ms each); the files a run ends with keep it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_paths(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary files next to ``paths``, for writers that need a file name (SQLite, Parquet)
    or write several files that belong together: when the block succeeds each replaces its
    path (after fsync), when it fails they are removed (with the folders made for them), so
    the old files (or none) stay and a reader never sees a half file."""
    temps: list[Path] = []
    made: list[Path] = []  # folders this call created, parents first
    try:
        for path in paths:
            missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            made += reversed(missing)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            os.close(fd)
            temps.append(Path(tmp))
        yield list(temps)
        for tmp in temps:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(tmp, _FILE_MODE)
        for tmp, path in zip(temps, paths, strict=True):
            os.replace(tmp, path)
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()  # only when still empty
            except OSError:
                pass
        raise


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    with _atomic(path, "w", durable) as handle:
        handle.write(text)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with _atomic(path, "wb") as handle:
        handle.write(data)


def atomic_write_lines(path: Path, lines: Iterable[str]) -> None:
    """Stream lines into a temporary file, then rename: flat memory, all-or-nothing."""
    with _atomic(path, "w") as handle:
        for line in lines:
            handle.write(line.rstrip("\n") + "\n")


def profile_path(out_dir: Path, article_id: str) -> Path:
    return out_dir / f"{article_id}.json"


def write_profile(out_dir: Path, profile: Profile) -> Path:
    """Validate (again: the contract is checked at the door) and write one profile.

    The same article read from two sources (one story at two URLs) has one id and one
    profile; the source that sorts first keeps it, so the output does not depend on the
    order in which processes finish.
    """
    # ``profile`` was validated when it was built (strict models, evidence checked against the
    # text); tests/test_models.py proves the JSON form reads back equal.
    document = profile.model_dump_json(indent=2) + "\n"
    path = profile_path(out_dir, profile.article.id)
    if path.exists() and _existing_source(path) < profile.article.source:
        return path
    atomic_write_text(path, document, durable=False)
    return path


def _existing_source(path: Path) -> str:
    try:
        return json.loads(path.read_text("utf-8"))["article"]["source"]
    except (OSError, ValueError, KeyError, TypeError):
        return "\uffff"  # unreadable: let the new profile replace it


def profile_files(out_dir: Path) -> list[Path]:
    return sorted(p for p in out_dir.glob("*.json") if p.name not in _NOT_PROFILES)


Skipped = Callable[[Path, str], None]


def warn_skipped(path: Path, reason: str) -> None:
    """The default for a file in the output folder that is not a readable profile: one line on
    stderr naming it; the command goes on with the others."""
    print(f"pipeline: skipping {path}: {reason}", file=sys.stderr)


def iter_profiles(out_dir: Path, skipped: Skipped = warn_skipped) -> Iterator[Profile]:
    """The profiles of an output folder; a file that is not one (a note, a half-edited or
    foreign JSON file) is reported through ``skipped`` and left out, never fatal."""
    for path in profile_files(out_dir):
        try:
            yield Profile.model_validate_json(path.read_text("utf-8"))
        except (OSError, ValueError) as err:  # pydantic's ValidationError is a ValueError
            skipped(path, f"not a readable profile ({_first_line(err)})")


def is_profile_file(path: Path) -> bool:
    """A cheap check that a file holds a profile's JSON (for skipping unchanged inputs)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "article" in data and "schema_version" in data


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return (text[0] if text else type(err).__name__)[:200]


def rebuild_jsonl(out_dir: Path, skipped: Skipped = warn_skipped) -> Path:
    """profiles.jsonl: one profile a line, in id order, rebuilt from the per-article files;
    a file there that is not a profile is reported and left out."""
    path = out_dir / PROFILES_JSONL

    def lines() -> Iterator[str]:
        for file in profile_files(out_dir):
            if is_profile_file(file):
                yield json.dumps(json.loads(file.read_text("utf-8")), ensure_ascii=False)
            else:
                skipped(file, "not a readable profile (left out of profiles.jsonl)")

    atomic_write_lines(path, lines())
    return path


def write_errors(out_dir: Path, errors: list[ErrorRecord], succeeded: Iterable[str] = ()) -> Path:
    """errors.jsonl: every input whose last attempt failed, this run's and earlier runs'
    (each with its run id and time); an input that has since succeeded leaves the file."""
    path = out_dir / ERRORS_JSONL
    done = set(succeeded) | {e.input for e in errors}
    kept = [e for e in read_error_records(path) if e.input not in done]
    atomic_write_lines(path, (e.model_dump_json() for e in [*kept, *errors]))
    return path


def read_error_records(path: Path) -> list[ErrorRecord]:
    """The records of an errors.jsonl; lines that are not records are left out."""
    if not path.exists():
        return []
    records = []
    for line in path.read_text("utf-8").splitlines():
        try:
            records.append(ErrorRecord.model_validate_json(line))
        except ValueError:
            continue
    return records


MANIFEST = "manifest.csv"


def write_manifest(out_dir: Path, rows: Iterable[tuple[str, str, str, str]]) -> Path:
    """manifest.csv: source, status (ok, failed), profile file, note: where each input went."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", "status", "profile", "note"])
    writer.writerows(sorted(rows))
    path = out_dir / MANIFEST
    atomic_write_text(path, buffer.getvalue())
    return path


def write_schema(out_dir: Path) -> Path:
    path = out_dir / SCHEMA_FILE
    atomic_write_text(
        path, json.dumps(Profile.json_schema(SCHEMA_FILE), indent=2, ensure_ascii=False) + "\n"
    )
    return path
