"""Inputs as people have them (issue 15): UTF-16/32 files with a byte-order mark, an article
piped to ``pipeline run -``, and articles that are not Norwegian (reported and skipped unless
``--lang`` says otherwise). The CLI tests run the console script in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.language import foreign_language
from pipeline.parse import parse_bytes

SCRIPT = shutil.which("pipeline", path=str(Path(sys.executable).parent)) or "pipeline"
NORWEGIAN = (
    "Ny avtale i fjorden\n\nFjordlys Energi AS i Molde har signert en avtale med kommunen om "
    "levering av strøm. Daglig leder Kari Lie sier at avtalen er viktig for selskapet."
)
ENGLISH = (
    "New deal in the fjord\n\nThe company has signed an agreement with the municipality. It was "
    "the first time that the council and the firm have worked together, and they would like to "
    "continue with this work, which is good for the region and its people."
)
SWEDISH = (
    "Nytt avtal i fjorden\n\nFöretaget har skrivit ett avtal med kommunen. Det är första gången "
    "som de samarbetar, och de vill också fortsätta med detta arbete efter sommaren, säger hon. "
    "Det var inte lätt att komma överens, men nu är det klart att de ska bygga något nytt här."
)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_wide_unicode_files_with_a_byte_order_mark_are_read(codec):
    data = NORWEGIAN.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    article = parse_bytes(data, "sak.txt")
    assert article.title == "Ny avtale i fjorden"
    assert "Fjordlys Energi AS" in article.text


def test_language_detection_tells_norwegian_from_english_and_swedish():
    assert foreign_language(NORWEGIAN) is None
    assert foreign_language(ENGLISH) == "en"
    assert foreign_language(SWEDISH) == "sv"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_an_article_piped_to_stdin(tmp_path):
    out = tmp_path / "out"
    done = _run("run", "-", "--out", str(out), "--model", "blank:nb", stdin=NORWEGIAN)
    assert done.returncode == 0, done.stderr
    profile = json.loads((out / "profiles.jsonl").read_text(encoding="utf-8"))
    assert profile["article"]["source"] == "<stdin>"
    assert "Fjordlys Energi AS" in {o["name"] for o in profile["organisations"]}


def test_foreign_articles_are_reported_and_skipped_unless_forced(tmp_path):
    for name, text in (("en.txt", ENGLISH), ("sv.txt", SWEDISH), ("no.txt", NORWEGIAN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = [str(tmp_path / n) for n in ("en.txt", "sv.txt", "no.txt")]
    done = _run("run", *files, "--out", str(tmp_path / "a"), "--model", "blank:nb")
    assert done.returncode == 0
    assert "en.txt: written in English, not Norwegian" in done.stderr
    assert "sv.txt: written in Swedish, not Norwegian" in done.stderr
    assert len((tmp_path / "a" / "profiles.jsonl").read_text().splitlines()) == 1
    forced = _run(
        "run", *files, "--out", str(tmp_path / "b"), "--model", "blank:nb", "--lang", "nb"
    )
    assert forced.returncode == 0
    lines = (tmp_path / "b" / "profiles.jsonl").read_text().splitlines()
    assert len(lines) == 3
    assert {json.loads(line)["article"]["language"] for line in lines} == {"nb"}


def test_articles_piped_in_one_after_another_keep_their_own_manifest_rows(tmp_path):
    out = tmp_path / "out"
    other = NORWEGIAN.replace("Fjordlys Energi AS", "Havlys Kraft AS")
    for text in (NORWEGIAN, other):
        done = _run("run", "-", "--out", str(out), "--model", "blank:nb", stdin=text)
        assert done.returncode == 0, done.stderr
    rows = (out / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]
    sources = sorted(row.split(",")[0] for row in rows)
    ids = sorted(
        json.loads(line)["article"]["id"]
        for line in (out / "profiles.jsonl").read_text().splitlines()
    )
    assert len(ids) == 2
    assert sources == [f"<stdin> {i}" for i in ids]  # the profile's name, one row each
