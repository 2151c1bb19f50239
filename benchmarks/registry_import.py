"""Import speed and memory of `pipeline registry import` on a register-sized bulk file.

    python benchmarks/registry_import.py [--entities 1100000] [--subunits 0] [--keep DIR]

Writes an invented entities file of the register's shape (a gzip JSON array, as the
download is) into a temporary folder, then runs `pipeline registry import FILE --db DB` in
a fresh process and prints the file size, seconds, rows per second and the import's peak
memory (max RSS of that process). The issue's bar: 1.1 million entities in under 5 minutes
with under 1 GB of memory.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.registry.synthetic import MUNICIPALITIES, random_entities, sub_unit, write_bulk_file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=1_100_000)
    parser.add_argument("--subunits", type=int, default=0, help="also a sub-units file this long")
    parser.add_argument(
        "--keep", type=Path, help="write the files and the index here, and keep them"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        return run(folder, args.entities, args.subunits)


def run(folder: Path, n_entities: int, n_subunits: int) -> int:
    entities_file = folder / "enheter_alle.json.gz"
    started = time.perf_counter()
    write_bulk_file(entities_file, random_entities(n_entities))
    command = [sys.executable, "-m", "pipeline", "registry", "import", str(entities_file)]
    command += ["--db", str(folder / "register.db")]
    if n_subunits:
        subunits_file = folder / "underenheter_alle.json.gz"
        write_bulk_file(subunits_file, _sub_units(n_subunits))
        command += ["--subunits", str(subunits_file)]
    print(
        f"wrote {n_entities:,} entities ({entities_file.stat().st_size / 1e6:,.0f} MB gzip) "
        f"in {time.perf_counter() - started:.0f} s"
    )
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    print(done.stdout.strip() or done.stderr.strip())
    rows = n_entities + n_subunits
    print(
        f"import: {seconds:.1f} s wall, {rows / seconds:,.0f} rows/s, peak RSS {peak_mb:,.0f} MB, "
        f"index {(folder / 'register.db').stat().st_size / 1e6:,.0f} MB"
        if done.returncode == 0
        else f"import failed (exit {done.returncode})"
    )
    if done.returncode == 0:
        verdict = seconds < 300 and peak_mb < 1024
        print(f"bar (< 300 s, < 1024 MB): {'met' if verdict else 'NOT met'}")
    return done.returncode


def _sub_units(count: int):
    # branches of the first entities of random_entities (same numbers: same seed and start)
    from pipeline.registry.synthetic import org_numbers

    parents = org_numbers(81_000_000)
    own = org_numbers(70_000_000)
    for n in range(count):
        parent = next(parents)
        town = MUNICIPALITIES[n % len(MUNICIPALITIES)]
        yield sub_unit(next(own), f"AVDELING {town[0]} {n}", parent, town)


if __name__ == "__main__":
    sys.exit(main())
