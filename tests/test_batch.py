"""Batch runs: bad inputs lose nothing else, exit codes, resume after a kill, workers and Dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.options import RunOptions
from pipeline.run import run_batch
from tests.conftest import CORPUS

GOOD = sorted(str(p) for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))[:3]


def _bad_inputs(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "picture.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    unreadable = tmp_path / "locked.txt"
    unreadable.write_text("Tittel\n\nTekst.")
    unreadable.chmod(0)
    return {
        "empty": str(empty),
        "binary": str(binary),
        "missing": str(tmp_path / "does-not-exist.txt"),
        "unreadable": str(unreadable),
        "url": "http://127.0.0.1:9/unreachable",  # the discard port: connection refused
    }


def test_bad_inputs_get_one_line_errors_and_the_rest_is_written(tmp_path, capsys):
    bad = _bad_inputs(tmp_path)
    out = tmp_path / "out"
    listing = tmp_path / "inputs.txt"  # a list's bad lines fail one by one, the rest is done
    listing.write_text("\n".join([*bad.values(), *GOOD]) + "\n", "utf-8")
    code = main(
        [
            "run",
            "--urls",
            str(listing),
            "--out",
            str(out),
            "--model",
            "blank:nb",
            "--host-delay",
            "0",
        ]
    )
    captured = capsys.readouterr()
    printed = captured.err  # failures go to stderr, progress to stdout
    assert code == 1
    assert "FAILED" not in captured.out
    readable_anyway = 1 if os.geteuid() == 0 else 0  # root reads a chmod-0 file
    assert len((out / "profiles.jsonl").read_text().splitlines()) == len(GOOD) + readable_anyway
    errors = {
        json.loads(line)["input"]: json.loads(line)
        for line in (out / "errors.jsonl").read_text().splitlines()
    }
    expected_failures = set(bad.values())
    if readable_anyway:
        expected_failures.discard(bad["unreadable"])
    assert expected_failures <= set(errors)
    assert "empty" in errors[bad["empty"]]["message"]
    assert "binary" in errors[bad["binary"]]["message"]
    assert "no such file" in errors[bad["missing"]]["message"]
    assert errors[bad["url"]]["stage"] == "fetch"
    for item in expected_failures:
        line = next(line for line in printed.splitlines() if line.startswith(f"FAILED {item}"))
        assert "\n" not in line


def test_exit_codes(tmp_path):
    assert main(["run", *GOOD, "--out", str(tmp_path / "a"), "--model", "blank:nb"]) == 0
    assert main(["run", "--out", str(tmp_path / "b")]) == 2  # no inputs: usage error
    assert main(["run", GOOD[0], "--workers", "0"]) == 2
    assert main(["frobnicate"]) == 2


def test_rerun_skips_unchanged_and_force_redoes(tmp_path):
    out = tmp_path / "out"
    first = run_batch(GOOD, out, options=RunOptions(model="blank:nb"), report=lambda _: None)
    again = run_batch(GOOD, out, options=RunOptions(model="blank:nb"), report=lambda _: None)
    forced = run_batch(
        GOOD, out, options=RunOptions(model="blank:nb", force=True), report=lambda _: None
    )
    assert (first.written, again.written, again.skipped, forced.written) == (
        len(GOOD),
        0,
        len(GOOD),
        len(GOOD),
    )
    assert len((out / "profiles.jsonl").read_text().splitlines()) == len(GOOD)


def _many_articles(folder: Path, count: int) -> list[Path]:
    """Distinct articles (distinct content, so distinct ids) made from the corpus texts."""
    folder.mkdir()
    texts = [p.read_text("utf-8") for p in CORPUS.glob("*.txt")]
    paths = []
    for i in range(count):
        path = folder / f"article-{i:04d}.txt"
        path.write_text(
            texts[i % len(texts)] + f"\n\nSaken ble oppdatert for {i}. gang.\n", "utf-8"
        )
        paths.append(path)
    return paths


def test_killed_run_resumes_and_every_profile_is_there_once(tmp_path):
    inputs = _many_articles(tmp_path / "in", 80)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "run",
        str(tmp_path / "in"),
        "--out",
        str(out),
        "--batch-size",
        "2",
        "--model",
        "blank:nb",
    ]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = out / ".run-state.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if state.exists() and len(state.read_text().splitlines()) >= 10:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = len(state.read_text().splitlines())
    assert 10 <= done_before < len(inputs), "the kill should land part way"

    finished = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr
    assert "unchanged" in finished.stdout
    lines = (out / "profiles.jsonl").read_text().splitlines()
    ids = [json.loads(line)["article"]["id"] for line in lines]
    assert len(ids) == len(inputs) == len(set(ids))
    sources = {json.loads(line)["article"]["source"] for line in lines}
    assert sources == {str(p) for p in inputs}
    assert not list(out.glob(".*.tmp"))


def _profiles(out: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(out.glob("*.json"))
        if p.name != "profile.schema.json"
    }


def test_workers_and_dask_write_the_same_profiles_as_one_process(tmp_path):
    pytest.importorskip("dask.distributed")
    inputs = [str(p) for p in _many_articles(tmp_path / "in", 12)] + GOOD

    def quiet(_):
        return None

    run_batch(
        inputs, tmp_path / "one", options=RunOptions(model="blank:nb", batch_size=4), report=quiet
    )
    run_batch(
        inputs,
        tmp_path / "two",
        options=RunOptions(model="blank:nb", batch_size=4, workers=2),
        report=quiet,
    )
    run_batch(
        inputs,
        tmp_path / "dask",
        options=RunOptions(model="blank:nb", batch_size=4, workers=2),
        report=quiet,
        backend="dask",
    )
    one = _profiles(tmp_path / "one")
    assert len(one) == len(inputs)
    assert _profiles(tmp_path / "two") == one
    assert _profiles(tmp_path / "dask") == one
    assert (tmp_path / "dask" / "profiles.jsonl").read_bytes() == (
        tmp_path / "one" / "profiles.jsonl"
    ).read_bytes()


def test_help_does_not_import_spacy():
    code = (
        "import sys; from pipeline.cli import main; main(['schema']); print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().endswith("False")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "run" in result.stdout


def test_urls_file_next_to_plain_arguments(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# one input a line\n{GOOD[0]}\n\n{GOOD[1]}\n", "utf-8")
    out = tmp_path / "out"
    assert (
        main(["run", GOOD[2], "--urls", str(listing), "--out", str(out), "--model", "blank:nb"])
        == 0
    )
    sources = {
        json.loads(line)["article"]["source"]
        for line in (out / "profiles.jsonl").read_text().splitlines()
    }
    assert sources == set(GOOD)
    assert main(["run", "--urls", str(tmp_path / "missing.txt"), "--out", str(out)]) == 2


def test_every_input_is_accounted_for(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Ny avtale i fjorden\n\nFjordlys Energi AS i Molde har signert en avtale med kommunen."
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")  # the same article twice
    (folder / "notes.md").write_text("# mine", encoding="utf-8")
    (folder / "data.json").write_text("{}", encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    out = tmp_path / "out"
    code = main(
        [
            "run",
            str(folder),
            "--out",
            str(out),
            "--model",
            "blank:nb",
        ]
    )
    assert code == 0  # skips and duplicates are accounted for, not failures
    err = capsys.readouterr().err
    assert "notes.md: not an article file (.md" in err
    assert "data.json: not an article file (.json" in err
    assert "gone.txt: a broken link" in err
    assert f"b.txt: same content as {folder / 'a.txt'}" in err
    manifest = (out / "manifest.csv").read_text(encoding="utf-8").splitlines()
    rows = {line.split(",")[0]: line.split(",")[1:] for line in manifest[1:]}
    assert rows[str(folder / "a.txt")][:2] == rows[str(folder / "b.txt")][:2]  # ok, same profile
    assert rows[str(folder / "a.txt")][0] == "ok"


def test_errors_of_earlier_runs_are_kept_until_the_input_succeeds(tmp_path, capsys):
    out = tmp_path / "out"
    article = tmp_path / "late.txt"
    listing = tmp_path / "urls.txt"  # a list's missing line fails as an input of the batch
    listing.write_text(f"{article}\n", "utf-8")
    main(["run", "--urls", str(listing), "--out", str(out), "--model", "blank:nb"])
    main(["run", *GOOD, "--out", str(out), "--model", "blank:nb"])
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [r["input"] for r in records] == [str(article)]  # kept through a run without it
    assert records[0]["run_id"] and records[0]["time"]
    article.write_text("Sent, men godt\n\nArtikkelen kom til slutt fram til redaksjonen.", "utf-8")
    assert main(["run", str(article), "--out", str(out), "--model", "blank:nb"]) == 0
    assert (out / "errors.jsonl").read_text() == ""


def test_a_profile_made_by_other_code_or_rules_is_redone_not_skipped(tmp_path, monkeypatch):
    import pipeline.run as run_module

    out = tmp_path / "out"
    options = RunOptions(model="blank:nb")
    first = run_batch(GOOD, out, options=options, report=lambda _: None)
    monkeypatch.setattr(run_module, "installed_code", lambda: "edited-rules")
    again = run_batch(GOOD, out, options=options, report=lambda _: None)
    assert (first.written, again.written, again.skipped) == (len(GOOD), len(GOOD), 0)


def test_the_code_fingerprint_follows_the_bytes_of_every_rules_file(tmp_path):
    from pipeline.run import code_fingerprint

    (tmp_path / "resources").mkdir()
    rules = tmp_path / "resources" / "org_rules.json"
    rules.write_text('{"legal_suffixes": ["AS"]}', "utf-8")
    before = code_fingerprint(tmp_path)
    assert code_fingerprint(tmp_path) == before
    rules.write_text('{"legal_suffixes": ["AS", "ASA"]}', "utf-8")
    assert code_fingerprint(tmp_path) != before


def test_nlp_batches_are_bounded_in_words_and_in_texts():
    from types import SimpleNamespace

    from pipeline.run import word_batches

    def pair(words: int):
        return (None, SimpleNamespace(text=" ".join(["ord"] * words)))

    sizes = [
        [len(a.text.split()) for _, a in b]
        for b in word_batches(
            [pair(300), pair(300), pair(500), pair(2000), pair(10), pair(10), pair(10)],
            max_words=1000,
            max_texts=2,
        )
    ]
    # 300+300 fits; 500 would not fit with a third text; 2000 is over the bound alone
    assert sizes == [[300, 300], [500], [2000], [10, 10], [10]]


def _pipeline_slow_on(word: str):
    """A blank pipeline with a component that takes two seconds on a text holding ``word``."""
    import spacy
    from spacy.language import Language

    name = f"slow_on_{word}"
    if name not in Language.factories:

        @Language.component(name)
        def slow(doc):
            if word in doc.text:
                time.sleep(2)
            return doc

    nlp = spacy.blank("nb")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(name)
    return nlp


def test_the_time_limit_covers_the_components_in_one_article_and_in_a_batch(tmp_path):
    """The components decide in the nlp stage, so the limit holds there: one slow article
    fails with stage "limits", the others of its batch are still written."""
    from pipeline.errors import PipelineError
    from pipeline.options import Limits
    from pipeline.parse import parse_text
    from pipeline.run import Processor, profile_article

    options = RunOptions(limits=Limits(max_seconds=0.5), language="nb")
    nlp = _pipeline_slow_on("sakte")
    with pytest.raises(PipelineError) as err:
        profile_article(parse_text("Ei sakte sak.\n\nNoko tekst her."), nlp, options)
    assert err.value.stage == "limits"
    processor = Processor(options, tmp_path)
    processor.nlp = nlp
    articles = [parse_text(t) for t in ("Ei sakte sak.\n\nTekst.", "Ei rask sak.\n\nTekst.")]
    outcomes = [type("O", (), {"item": f"a{i}", "error": None})() for i in range(2)]
    docs = processor._nlp(articles, outcomes)
    assert docs[0] is None and outcomes[0].error.stage == "limits"
    assert docs[1] is not None and outcomes[1].error is None
