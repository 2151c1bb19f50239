"""A gate on real newspaper text: NorNE's bokmål dev articles against their human gold entities.

Runs ``benchmarks/norne_docs.py`` (the production path, ``run_batch``) and holds the
document-level figures to floors a little under today's (README, "Real news"); raise them as
the figures rise, never lower them to let a change pass.
"""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT, SHARED, require_shared

FLOORS = {  # (precision, recall)
    "organisations": (0.85, 0.80),  # the bar of issue 13
    "people": (0.90, 0.90),
    "places": (0.89, 0.81),
}


def test_profiles_of_real_newspaper_articles_hold_their_floors():
    require_shared(SHARED / "tools" / "norne_docs.py")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "norne_docs.py")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures = {
        kind: (float(p), float(r))
        for kind, p, r in re.findall(
            r"(organisations|people|places) P ([\d.]+) R ([\d.]+)", done.stdout
        )
    }
    assert set(figures) == set(FLOORS), done.stdout
    low = {
        kind: figures[kind]
        for kind, (p_floor, r_floor) in FLOORS.items()
        if figures[kind][0] < p_floor or figures[kind][1] < r_floor
    }
    assert not low, f"below the floors {FLOORS}: {low}\n{done.stdout}"
