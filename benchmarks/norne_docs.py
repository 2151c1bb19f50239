"""Real newspaper text: profiles of NorNE's bokmål dev articles against human gold entities.

    python benchmarks/norne_docs.py [--model MODEL] [--keep DIR]

Rebuilds the 21 newspaper articles of NorNE's bokmål dev split with ``../shared/tools/
norne_docs.py`` (read by path, written to a temporary folder, never into the repository),
runs them through the production path (``run_batch``, the same code as ``pipeline run``)
and scores the profiles with ``../shared/tools/score_entities.py``: document-level
precision and recall of organisations, people and places. Prints the scorer's line and
the time taken. Exits 0 with a message when ``../shared`` is absent (a user's machine).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT.parent / "shared" / "tools"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped one)")
    parser.add_argument("--keep", type=Path, help="keep the articles and profiles in this folder")
    args = parser.parse_args()
    if not (TOOLS / "norne_docs.py").exists():
        print(f"skipped: {TOOLS} is absent (NorNE is read by path from ../shared)")
        return 0
    from pipeline.options import RunOptions
    from pipeline.run import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(TOOLS / "norne_docs.py"), str(work)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        out = work / "profiles"
        start = time.perf_counter()
        result = run_batch(
            [str(work / "docs")],
            out,
            options=RunOptions(model=args.model, force=True),
            report=lambda line: None,
        )
        seconds = time.perf_counter() - start
        scored = subprocess.run(
            [sys.executable, str(TOOLS / "score_entities.py"), str(out), str(work / "gold.json")],
            check=True,
            capture_output=True,
            text=True,
        )
        print(scored.stdout.strip())
        print(f"{result.written} profiles in {seconds:.1f} s, {len(result.errors)} failed")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
