"""The lint gate: ruff's checks (pyproject.toml [tool.ruff.lint]) pass on the whole tree."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_ruff_passes():
    if (
        shutil.which("ruff") is None
        and subprocess.run(
            [sys.executable, "-m", "ruff", "--version"], capture_output=True, check=False
        ).returncode
    ):
        pytest.skip("ruff is not installed (pip install -e '.[test]' installs it)")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "pipeline",
            "models",
            "benchmarks",
            "tests",
            "training/scripts",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
