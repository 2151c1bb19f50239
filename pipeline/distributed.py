"""The backends that run chunks of inputs in other processes: local processes on this
machine (``--workers N``), or the partitions of a Dask cluster (``--backend dask``).

Each worker process loads the model once (a ``Processor`` per process and options) and
writes profiles straight into the output folder, which for Dask must therefore be on a
filesystem every worker sees (the same machine, or a shared mount). The parent keeps the
run state, the error list and ``profiles.jsonl``, exactly as in a local run, so the output
is the same.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.options import RunOptions

_PROCESSORS: dict[tuple, object] = {}


def _dask_chunk(chunk: list[str], done: dict, options: RunOptions, out_dir: str):
    from pipeline.run import Processor

    key = (repr(options), out_dir)
    processor = _PROCESSORS.get(key)
    if processor is None:
        processor = _PROCESSORS[key] = Processor(options, Path(out_dir))
    return processor.process_chunk(chunk, done)  # type: ignore[attr-defined]


def run_chunks_dask(
    work: Iterable[tuple[list[str], dict]],
    out_dir: Path,
    options: RunOptions,
    scheduler: str | None,
) -> Iterator[list]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as err:
        raise PipelineError(
            "dask", "the Dask backend needs: pip install 'nyhetsprofil[dask]'"
        ) from err
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(options.workers, 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        pending = as_completed()
        in_flight = 0
        limit = max(options.workers, 1) * 2 + 2  # bounded: memory stays flat on long input lists
        for chunk, done in work:
            pending.add(
                client.submit(_dask_chunk, chunk, done, options, str(out_dir.resolve()), pure=False)
            )
            in_flight += 1
            if in_flight >= limit:
                yield next(pending).result()
                in_flight -= 1
        for future in pending:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- several processes on one machine ----------------------------------------------------------

_WORKER = None  # this worker process's Processor


def _init_worker(options: RunOptions, out_dir: Path) -> None:
    from pipeline.run import Processor

    global _WORKER
    # Ctrl-C reaches every process of the terminal's group: the parent stops the run and
    # reports once; workers ignore it rather than each printing a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Processor(options, out_dir)


def _worker_chunk(chunk: list[str], done: dict[str, tuple[str, str]]) -> list:
    assert _WORKER is not None
    return _WORKER.process_chunk(chunk, done)


def run_chunks_pool(work, out_dir: Path, options: RunOptions) -> Iterator[list]:
    """N processes, each loading the model once; a bounded number of chunks in flight keeps
    memory flat however many inputs there are."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("spawn")  # no forked copies of a loaded model's threads
    with ProcessPoolExecutor(
        options.workers, mp_context=context, initializer=_init_worker, initargs=(options, out_dir)
    ) as pool:
        in_flight = set()
        for chunk, done in work:
            in_flight.add(pool.submit(_worker_chunk, chunk, done))
            if len(in_flight) >= options.workers * 2:
                finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        for future in in_flight:
            yield future.result()
