"""Dask backend: partitions of the inputs processed on a cluster's workers.

Each worker process loads the model once (a module-level ``Processor`` per process and
options) and writes profiles straight into the output folder, which must therefore be on
a filesystem every worker sees (the same machine, or a shared mount). The parent keeps
the run state, the error list and ``profiles.jsonl``, exactly as in a local run, so the
output is the same.
"""

from __future__ import annotations

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
