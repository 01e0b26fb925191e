"""Run a per-batch function over a stream of batches, in order, on one process, a pool or Dask.

The per-document work of :mod:`lib.passes.pipeline` is a pure function of one batch
of documents, so where it runs cannot change what it returns. :func:`map_ordered`
yields the results in the order the batches came in, whichever executor ran
them, and keeps only a bounded window of batches in flight, so a corpus larger
than memory streams through:

* ``"serial"``: in this process (what tests and one-document corpora use);
* ``"processes"``: a local pool of worker processes (the default on more than
  one core);
* ``"local"``: a Dask ``LocalCluster`` with ``workers`` single-threaded worker
  processes, driven through ``dask.distributed``;
* any other string: the address of a running Dask scheduler
  (``tcp://10.0.0.5:8786``); its workers must be able to import ``lib`` (the
  same newslens checkout and requirements on their ``PYTHONPATH``).

On Dask, each group of batches becomes a ``dask.bag`` with one partition per
batch; the documents travel to the workers, and only the function's results
(compact aggregates, never token lists) come back.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from multiprocessing import get_context
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Batches in flight per worker: enough to keep every worker busy while the
# parent merges, few enough that memory does not grow with the corpus.
IN_FLIGHT_PER_WORKER = 3
SERIAL, PROCESSES = "serial", "processes"
LOCAL_CLUSTER = "local"


def default_workers() -> int:
    """Cores this process may use (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def executor_name(scheduler: str | None, workers: int) -> str:
    """What :func:`map_ordered` will use for a ``scheduler`` parameter and a worker count.

    >>> executor_name(None, 1), executor_name("", 2), executor_name("local", 2), executor_name("tcp://h:8786", 2)
    ('serial', 'processes', 'local', 'tcp://h:8786')
    """
    if scheduler in (None, "", PROCESSES, SERIAL):
        if scheduler == SERIAL or workers <= 1:
            return SERIAL
        return PROCESSES
    return scheduler


def map_ordered(func: Callable[[T], R], items: Iterable[T], *, scheduler: str | None = None,
                workers: int | None = None) -> Iterator[R]:
    """``map(func, items)``, run by the executor :func:`executor_name` picks, in input order.

    ``func`` must be picklable (a module-level function or a
    ``functools.partial`` of one) for every executor but ``"serial"``.
    """
    workers = workers or default_workers()
    name = executor_name(scheduler, workers)
    if name == SERIAL:
        yield from map(func, items)
    elif name == PROCESSES:
        yield from _pool_map(func, items, workers)
    else:
        yield from _dask_map(func, items, name, workers)


def _pool_map(func: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    # spawn, not fork: a Jupyter kernel has threads, and forking them can deadlock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        window: deque = deque()
        it = iter(items)
        for item in islice(it, workers * IN_FLIGHT_PER_WORKER):
            window.append(pool.submit(func, item))
        while window:
            result = window.popleft().result()
            for item in islice(it, 1):
                window.append(pool.submit(func, item))
            yield result


@contextmanager
def dask_client(scheduler: str, workers: int):
    """A ``dask.distributed.Client`` on a new LocalCluster (``"local"``) or an existing scheduler."""
    from dask.distributed import Client, LocalCluster

    if scheduler == LOCAL_CLUSTER:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    else:
        cluster, client = None, Client(scheduler)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_map(func: Callable[[T], R], items: Iterable[T], scheduler: str, workers: int) -> Iterator[R]:
    import dask.bag as db

    with dask_client(scheduler, workers) as client:
        n = max(workers, sum(client.ncores().values()) or 1) * IN_FLIGHT_PER_WORKER
        it = iter(items)
        while True:
            group = list(islice(it, n))
            if not group:
                break
            bag = db.from_sequence(group, npartitions=len(group)).map(func)
            yield from bag.compute(scheduler=client)
