"""Throughput of the whole pipeline against spaCy's own nlp.pipe, in one run.

    python benchmarks/throughput.py [--articles 2000] [--model MODEL] [--memory 1000,10000] [--no-dask]

Builds a corpus of N articles from the project's own texts (corpus/, each copy made
distinct), then prints:
- the baseline: raw ``nlp.pipe`` over the same mined texts with the same pipeline;
- the full pipeline (read, parse, NLP, extract, validate, write) in one process;
- their ratio, words per second, the speed with 1 and 2 worker processes, and the
  Dask backend on a local cluster (and whether its profiles are byte-identical);
- peak memory (max RSS of a fresh `pipeline run` process) at each --memory size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(folder: Path, count: int) -> list[Path]:
    from pipeline.fetch import read_input
    from pipeline.run import parse_raw

    sources = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in (".txt", ".html"))
    texts = [
        (p.suffix, p.read_text("utf-8"), parse_raw(read_input(str(p))).title or "") for p in sources
    ]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        suffix, text, title = texts[i % len(texts)]
        # a distinct article each time (distinct content, distinct id): number the headline
        # wherever the page states it (title tag, meta tags, JSON-LD, h1)
        text = text.replace(title, f"{title} ({i + 1})") if title else f"({i + 1}) {text}"
        path = folder / f"a{i:06d}{suffix}"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def timed(label: str, func):
    start = time.perf_counter()
    value = func()
    seconds = time.perf_counter() - start
    return seconds, value


def profiles_of(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in folder.glob("*.json") if p.name != "profile.schema.json"
    }


def peak_memory_mb(folder: Path, out: Path, model: str | None) -> float:
    """Max RSS of a fresh `pipeline run` over the folder (measured by a wrapper process)."""
    command = [sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out)]
    if model:
        command += ["--model", model]
    wrapper = (
        "import resource, subprocess, sys; "
        f"subprocess.run({command!r}, stdout=subprocess.DEVNULL, check=False); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper], capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip()) / 1024


def report_memory(tmp: Path, args) -> None:
    sizes = [int(s) for s in args.memory.split(",") if s.strip()]
    peaks = {}
    for size in sizes:
        folder = tmp / f"mem{size}"
        build_corpus(folder, size)
        start = time.perf_counter()
        peaks[size] = peak_memory_mb(folder, tmp / f"memout{size}", args.model)
        seconds = time.perf_counter() - start
        print(
            f"peak memory, {size:6d} articles: {peaks[size]:7.1f} MB  ({seconds:.0f} s, {size / seconds:.1f} articles/s)"
        )
    if len(peaks) >= 2:
        low, high = peaks[min(peaks)], peaks[max(peaks)]
        print(f"peak memory growth {min(peaks)} -> {max(peaks)} articles: {high / low - 1:+.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--memory", default="1000,10000", help="corpus sizes for the peak-memory runs ('' skips)"
    )
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--memory-only", action="store_true", help="only the peak-memory runs")
    args = parser.parse_args()

    from pipeline.fetch import read_input
    from pipeline.nlp import describe, load_pipeline
    from pipeline.options import RunOptions
    from pipeline.run import parse_raw, run_batch

    def quiet(_line):
        return None

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.memory_only:
            report_memory(tmp, args)
            return
        paths = build_corpus(tmp / "in", args.articles)
        nlp = load_pipeline(args.model)
        texts = [parse_raw(read_input(str(p))).text for p in paths]
        words = sum(len(t.split()) for t in texts)
        print(f"model {describe(nlp)}; {len(paths)} articles, {words} words")

        base_s, _ = timed("baseline", lambda: sum(1 for _ in nlp.pipe(texts, batch_size=32)))
        print(
            f"baseline nlp.pipe          {base_s:8.2f} s  {words / base_s:9.0f} words/s  {len(texts) / base_s:7.1f} articles/s"
        )

        options = RunOptions(model=args.model)
        full_s, _ = timed(
            "full", lambda: run_batch([str(tmp / "in")], tmp / "one", options=options, report=quiet)
        )
        print(
            f"full pipeline, 1 process   {full_s:8.2f} s  {words / full_s:9.0f} words/s  {len(texts) / full_s:7.1f} articles/s"
        )
        print(f"full / baseline throughput {base_s / full_s:8.1%}")

        one_s, _ = timed(
            "w1",
            lambda: run_batch(
                [str(tmp / "in")],
                tmp / "w1",
                options=RunOptions(model=args.model, workers=1),
                report=quiet,
            ),
        )
        two_s, _ = timed(
            "w2",
            lambda: run_batch(
                [str(tmp / "in")],
                tmp / "w2",
                options=RunOptions(model=args.model, workers=2),
                report=quiet,
            ),
        )
        print(f"1 worker                   {one_s:8.2f} s  {len(texts) / one_s:7.1f} articles/s")
        print(
            f"2 workers                  {two_s:8.2f} s  {len(texts) / two_s:7.1f} articles/s  speed-up {one_s / two_s:.2f}x"
        )
        same = profiles_of(tmp / "w2") == profiles_of(tmp / "one")
        print(f"2 workers identical to 1 process: {same}")

        if not args.no_dask:
            dask_s, _ = timed(
                "dask",
                lambda: run_batch(
                    [str(tmp / "in")],
                    tmp / "dask",
                    backend="dask",
                    options=RunOptions(model=args.model, workers=2),
                    report=quiet,
                ),
            )
            same = profiles_of(tmp / "dask") == profiles_of(tmp / "one")
            jsonl_same = (tmp / "dask" / "profiles.jsonl").read_bytes() == (
                tmp / "one" / "profiles.jsonl"
            ).read_bytes()
            print(
                f"dask local cluster, 2 proc {dask_s:8.2f} s  {len(texts) / dask_s:7.1f} articles/s; "
                f"profiles byte-identical: {same}, profiles.jsonl identical: {jsonl_same}"
            )

        sizes = [int(s) for s in args.memory.split(",") if s.strip()]
        peaks = {}
        for size in sizes:
            folder = tmp / f"mem{size}"
            build_corpus(folder, size)
            peaks[size] = peak_memory_mb(folder, tmp / f"memout{size}", args.model)
            print(f"peak memory, {size:6d} articles: {peaks[size]:7.1f} MB")
        if len(peaks) >= 2:
            low, high = peaks[min(peaks)], peaks[max(peaks)]
            print(
                f"peak memory growth {min(peaks)} -> {max(peaks)} articles: {high / low - 1:+.1%}"
            )
        print(
            json.dumps(
                {
                    "baseline_s": base_s,
                    "full_s": full_s,
                    "ratio": base_s / full_s,
                    "one_worker_s": one_s,
                    "two_workers_s": two_s,
                }
            )
        )


if __name__ == "__main__":
    main()
