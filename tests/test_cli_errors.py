"""The command line as a user meets it (issue 15, errors and the output folder): environment
problems are one plain line and exit 2 before any work, Ctrl-C stops cleanly with exit 130 and
says how to resume, a stray or broken JSON file in the output folder is named and skipped.
Each test runs the real console script in a subprocess."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS

SCRIPT = shutil.which("pipeline", path=str(Path(sys.executable).parent)) or "pipeline"
ARTICLE = str(CORPUS / "agder-gront-skifte.txt")


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=timeout)


def _one_plain_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


def test_out_naming_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    done = _run("run", ARTICLE, "--out", str(target), "--model", "blank:nb")
    assert done.returncode == 2
    assert "is a file, not a folder" in _one_plain_line(done.stderr)
    assert target.read_text(encoding="utf-8") == "mine"


def test_out_that_cannot_be_created_is_a_usage_error():
    done = _run("run", ARTICLE, "--out", "/proc/no-such-place/out", "--model", "blank:nb")
    assert done.returncode == 2
    assert "cannot write to --out" in _one_plain_line(done.stderr)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--max-bytes", "abc", "expected a whole number, not 'abc'"),
        ("--max-seconds", "0", "must be more than 0"),
        ("--host-delay", "-1", "must be 0 or more"),
    ],
)
def test_bad_option_values_say_what_is_wrong(tmp_path, option, value, message):
    done = _run("run", ARTICLE, "--out", str(tmp_path / "out"), option, value)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()  # nothing was done


def test_a_broken_or_foreign_json_file_in_the_output_folder_is_named_and_skipped(tmp_path):
    out = tmp_path / "out"
    assert _run("run", ARTICLE, "--out", str(out), "--model", "blank:nb").returncode == 0
    profile = next(p for p in out.glob("*.json") if p.name != "profile.schema.json")
    profile.write_text("{broken", encoding="utf-8")  # e.g. a half-finished hand edit
    (out / "notes.json").write_text("{not json", encoding="utf-8")
    again = _run("run", ARTICLE, "--out", str(out), "--model", "blank:nb")
    assert again.returncode == 0, again.stderr
    assert "notes.json" in again.stderr and "Traceback" not in again.stderr
    assert profile.read_text(encoding="utf-8").startswith("{\n")  # the broken one was redone
    for command in (
        ["review", str(out)],
        ["export", str(out), "--format", "csv"],
        ["aggregate", str(out)],
    ):
        done = _run(*command)
        assert done.returncode == 0, done.stderr
        assert "notes.json" in done.stderr


def test_review_export_aggregate_refuse_a_folder_without_profiles(tmp_path):
    for command in (["review"], ["export", "--format", "jsonl"], ["aggregate"]):
        done = _run(command[0], str(tmp_path), *command[1:])
        assert done.returncode == 2
        assert "no profiles in" in _one_plain_line(done.stderr)
    assert list(tmp_path.iterdir()) == []  # nothing written into it


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    text = Path(ARTICLE).read_text(encoding="utf-8")
    for i in range(40):
        (articles / f"a{i:02d}.txt").write_text(f"{text}\n\nNummer {i}.", encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [SCRIPT, "run", str(articles), "--out", str(out), "--batch-size", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a shell starts background jobs with Ctrl-C ignored, and Python keeps an ignored
        # SIGINT ignored: give the run the terminal's default, as a user's shell does
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    for line in process.stdout:
        if line.startswith("ok "):
            process.send_signal(signal.SIGINT)
            break
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert "run the same command again to resume" in stderr
    said = int(re.search(r"interrupted after (\d+) profiles", stderr).group(1))
    assert said == len([p for p in out.glob("*.json") if p.name != "profile.schema.json"])
    resumed = _run("run", str(articles), "--out", str(out), "--batch-size", "2")
    assert resumed.returncode == 0
    assert "unchanged since the last run" in resumed.stderr  # finished inputs were kept


def test_help_shows_defaults_and_what_out_receives():
    done = _run("run", "--help")
    assert done.returncode == 0
    assert "(default: 32)" in done.stdout and "(default: output)" in done.stdout
    assert "manifest.csv" in done.stdout and "-o OUT" in done.stdout


def test_short_out_and_quiet(tmp_path):
    done = _run("run", ARTICLE, "-o", str(tmp_path / "out"), "-q", "--model", "blank:nb")
    assert done.returncode == 0
    assert (done.stdout, done.stderr) == ("", "")  # quiet: nothing on success
    assert (tmp_path / "out" / "manifest.csv").exists()


def test_progress_bar_only_on_a_terminal(tmp_path):
    import fcntl
    import os
    import pty
    import struct
    import termios

    piped = _run("run", ARTICLE, "-o", str(tmp_path / "a"), "--model", "blank:nb")
    assert " inputs" not in piped.stderr  # a log file gets no bar
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    process = subprocess.Popen(
        [SCRIPT, "run", ARTICLE, "-o", str(tmp_path / "b"), "--model", "blank:nb"],
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    assert b" inputs" in seen  # tqdm's counter on the terminal
    assert b"1/1" in seen  # with the total, counted before the run


def test_a_folder_without_articles_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("# mine", encoding="utf-8")
    done = _run("run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--model", "blank:nb")
    assert done.returncode == 2
    assert "no articles in the inputs given" in done.stderr
    assert "notes.md: not an article file" in done.stderr


def test_the_character_limit_can_be_set(tmp_path):
    done = _run(
        "run", ARTICLE, "-o", str(tmp_path / "out"), "--max-chars", "100", "--model", "blank:nb"
    )
    assert done.returncode == 1
    assert "over the 100 limit" in done.stderr


def test_a_mistyped_input_is_exit_2_before_any_work(tmp_path):
    out = tmp_path / "out"
    done = _run(
        "run", ARTICLE, str(tmp_path / "artikel.txt"), "-o", str(out), "--model", "blank:nb"
    )
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr and "artikel.txt" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not out.exists()  # nothing made, not even the output folder


def test_quiet_prints_nothing_on_success(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(Path(ARTICLE).read_text("utf-8"), "utf-8")
    (folder / "expected.json").write_text("{}", "utf-8")  # not an article: no line either
    done = _run("run", str(folder), "-o", str(tmp_path / "out"), "-q", "--model", "blank:nb")
    assert done.returncode == 0
    assert (done.stdout, done.stderr) == ("", "")


def test_every_limit_names_its_option(tmp_path):
    for option, value in (("--max-chars", "100"), ("--max-blocks", "2")):
        done = _run(
            "run", ARTICLE, "-o", str(tmp_path / option), option, value, "--model", "blank:nb"
        )
        assert done.returncode == 1
        assert f"(raise it with {option})" in done.stderr


@pytest.mark.parametrize("command", ["review", "evaluate", "export", "aggregate"])
def test_every_argument_has_help(command):
    done = _run(command, "--help")
    assert done.returncode == 0
    assert "the folder a pipeline run wrote" in done.stdout
    if command == "evaluate":
        assert "the decisions file saved from the review report" in done.stdout
