from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "article.txt"
CORPUS = ROOT / "corpus"


def require_shared(path: Path) -> Path:
    """Skip (with the reason) when the shared data is absent, as on a user's machine."""
    if not path.exists():
        pytest.skip(
            f"{path} is absent: shared data is only present in the development checkout and CI"
        )
    return path


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def blank_nlp():
    from pipeline.nlp import load_pipeline

    return load_pipeline("blank:nb")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return require_shared(SEED).read_text("utf-8")
