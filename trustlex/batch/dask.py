"""Dask: folder units on a Dask cluster, and :func:`score_dask` for Dask collections of texts.

Dask is an optional extra (``trustlex[dask]``): it is imported only where a
Dask function runs, so that trustlex works without it.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Mapping
from itertools import islice
from typing import Any
from uuid import uuid4

import pandas as pd

from trustlex.batch.dask_parts import (
    fallback_language,
    id_dtype,
    probe,
    same_setup,
    score_named,
    score_pairs,
    score_part,
)
from trustlex.batch.options import referent_paths
from trustlex.batch.units import Unit, load_model
from trustlex.concepts import language_code
from trustlex.errors import TrustlexError
from trustlex.frame import MODEL_DTYPES, set_dtypes
from trustlex.matching.names import column_names, known_referents

_NO_DASK = "Dask is not installed: pip install 'trustlex[dask]'"


def run_dask(
    units: list[Unit],
    client: Any,
    work: Callable[[Unit], Any],
    done: Callable[[Any], None],
    paused_after: float | None = None,
) -> None:
    """Run ``work`` on every unit on the cluster of ``client``, a bounded window at a time.

    ``work`` (with a model in it, megabytes) goes to the workers once, not
    with every unit. A worker that dies is replaced by Dask, its units run
    again elsewhere; when no worker holding ``work`` is left (a cluster of
    one, or all killed at once) or one unit has killed worker after worker
    (:class:`~distributed.KilledWorker`), :class:`WorkersLostError` is raised:
    the run stops as when a ``--workers`` process dies. A worker that Dask
    has paused for memory (at 80 % of its ``--memory-limit``) for longer than
    ``paused_after`` seconds (default :func:`paused_timeout`) while no unit
    finished raises :class:`WorkersPausedError`: such a run would wait forever.
    """
    from concurrent.futures import CancelledError  # a Dask future whose input was lost

    from distributed import KilledWorker, wait  # optional: see the module docstring

    limit = paused_timeout() if paused_after is None else paused_after
    watch = _PausedWatch(client, limit)
    shared = _scatter(client, work, watch)
    window = max(4, 2 * len(client.scheduler_info().get("workers", {})))
    todo = iter(units)
    pending = {client.submit(_apply, shared, u, pure=False) for u in islice(todo, window)}
    while pending:
        try:
            finished, _ = wait(list(pending), timeout=min(_POLL, limit), return_when="FIRST_COMPLETED")
        except TimeoutError:  # nothing finished in this while: are the workers paused?
            watch.check()
            continue
        except CancelledError as exc:  # wait() raises for futures whose worker (and input) were lost
            raise WorkersLostError(str(exc)) from exc
        for future in finished:
            pending.discard(future)
            try:
                result = future.result()
            except (CancelledError, KilledWorker) as exc:
                raise WorkersLostError(str(exc)) from exc
            done(result)
            future.release()
            pending.update(client.submit(_apply, shared, u, pure=False) for u in islice(todo, 1))
        watch.progressed()


_POLL = 5.0  # seconds between looks at the workers while no unit finishes
_PAUSED_ENV = "TRUSTLEX_DASK_PAUSED_TIMEOUT"


def _scatter(client: Any, work: Any, watch: _PausedWatch) -> Any:
    """Send ``work`` to every worker once; while the workers are paused for memory, wait as for units.

    Dask scatters to running workers only: with every worker paused from the start (its memory limit
    filled before the run), its scheduler gave up after 30 s with its own ``No valid workers found``.
    A worker paused over the limit raises :class:`WorkersPausedError`, as mid-run; with none paused
    (no worker yet), Dask's own wait and error stand.
    """
    import time

    while True:
        paused, workers = watch.check()  # raises once a worker has stayed paused over the limit
        if workers and len(paused) == workers:  # all paused: Dask's scatter would only wait and log
            time.sleep(min(_POLL, watch.limit))
            continue
        try:
            return client.scatter(work, broadcast=True, hash=False, timeout=min(_POLL, watch.limit))
        except (TimeoutError, ValueError):  # all paused meanwhile; or one while it copied ("replicate")
            if not watch.check()[0]:
                return client.scatter(work, broadcast=True, hash=False)


def paused_timeout() -> float:
    """Return how long a Dask worker may stay paused for memory while no unit finishes: 300 s.

    ``TRUSTLEX_DASK_PAUSED_TIMEOUT`` (seconds) in the environment changes it; a value that is no
    positive number is an error naming the variable.
    """
    import os

    value = os.environ.get(_PAUSED_ENV, "").strip()
    if not value:
        return 300.0
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        msg = f"{_PAUSED_ENV} is {value!r}; give the seconds a paused Dask worker may wait, such as 300"
        raise TrustlexError(msg)
    return seconds


class _PausedWatch:
    """Since when each worker has been paused for memory, and since when no unit finished."""

    def __init__(self, client: Any, limit: float) -> None:
        import time

        self.client, self.limit, self.clock = client, limit, time.monotonic
        self.last = self.clock()
        self.since: dict[str, float] = {}

    def progressed(self) -> None:
        self.last = self.clock()

    def check(self) -> tuple[set[str], int]:
        """Raise WorkersPausedError if a worker has been paused over the limit and nothing finished.

        Return the workers paused now, and how many workers there are.
        """
        now = self.clock()
        workers = self.client.scheduler_info().get("workers", {})
        paused = {a for a, w in workers.items() if w.get("status") == "paused"}
        self.since = {a: self.since.get(a, now) for a in paused}
        stuck = [a for a, t in self.since.items() if now - t >= self.limit and now - self.last >= self.limit]
        if stuck:
            worker = sorted(stuck)[0]
            limit = workers[worker].get("memory_limit")
            raise WorkersPausedError(worker, now - self.since[worker], limit)
        return paused, len(workers)


class WorkersLostError(TrustlexError):
    """The Dask cluster failed under a run: a unit killed its workers, or none holding the work is left."""


class WorkersPausedError(WorkersLostError):
    """A Dask worker stayed paused for memory while no unit finished: the run would wait forever."""

    def __init__(self, worker: str, seconds: float, memory_limit: int | None) -> None:
        self.worker, self.seconds, self.memory_limit = worker, seconds, memory_limit
        limit = f"{memory_limit / 2**20:,.0f} MiB" if memory_limit else "no limit given"
        super().__init__(f"Dask worker {worker} paused for memory for {seconds:.0f} s (memory limit {limit})")


def _apply(work: Callable[[Unit], Any], unit: Unit) -> Any:
    return work(unit)


def dask_client(address: str | Any, workers: int = 2) -> tuple[Any, Callable[[], None]]:
    """Return (client, close) for ``address``: a scheduler address, ``"local"``, or a Client.

    ``"local"`` starts a :class:`distributed.LocalCluster` of ``workers``
    processes on this machine; an address such as ``tcp://10.0.0.5:8786``
    connects to a running cluster, whose workers must see the input files
    at the same paths (a shared file system).

    The local cluster's workers start from a fork server where the platform
    has one (Linux, macOS), unless the Dask configuration chose a start
    method other than the default ``spawn``: a spawned worker that has
    loaded spaCy pipelines ends by tearing its interpreter down, freeing
    every vocabulary and lookup table (seconds on a busy machine), so that
    the nanny gave up after 4 s, killed it and logged ``Worker process
    still alive after 4.0 seconds, killing`` under trustlex's output. A
    worker forked from the server ends at once (``os._exit``), as
    multiprocessing ends every forked process.
    """
    try:  # optional: see the module docstring
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise TrustlexError(_NO_DASK) from exc
    if not isinstance(address, str):
        return address, lambda: None
    check_dask_address(address)
    if address == "local":
        with dask.config.set({_METHOD: _local_start_method(dask.config.get(_METHOD))}):
            # no dashboard; the scheduler's HTTP server (health, metrics) on a free port: at its
            # default, 8787, another cluster on this machine made Dask warn "Port 8787 is already in use"
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",
                scheduler_kwargs={"dashboard": False},
            )
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()

        return client, close
    client = Client(address)
    return client, client.close


_METHOD = "distributed.worker.multiprocessing-method"


def _local_start_method(configured: str) -> str:
    """Return how the local cluster starts its workers: ``forkserver`` for Dask's default ``spawn``.

    See :func:`dask_client`; a method the user configured (``fork``) is kept,
    and so is ``spawn`` where there is no fork server (Windows).
    """
    if configured == "spawn" and "forkserver" in mp.get_all_start_methods():
        return "forkserver"
    return configured


def check_dask_address(address: str) -> None:
    """Raise TrustlexError unless ``address`` is ``"local"`` or a scheduler address Dask can parse.

    Dask's own error for "nonsense" or "tcp://10.0.0.5" (no port) is a bare
    ValueError deep in its client; this one names the option and the forms
    it takes, before anything is started.
    """
    if address == "local":
        return
    try:  # optional: see the module docstring
        from distributed.comm.addressing import parse_address, parse_host_port
        from distributed.comm.registry import backends
    except ImportError as exc:
        raise TrustlexError(_NO_DASK) from exc
    try:
        scheme, location = parse_address(address)
        if scheme not in backends:
            msg = f"unknown protocol {scheme!r}"
            raise ValueError(msg)
        if scheme in ("tcp", "tls", "ws", "wss"):
            parse_host_port(location)
    except ValueError as exc:
        msg = (
            f"dask address {address!r} is not 'local' or a scheduler address such as tcp://HOST:8786 ({exc})"
        )
        raise TrustlexError(msg) from None


def score_dask(
    data: Any,
    lang: str = "auto",
    level: str = "doc",
    *,
    text_column: str = "text",
    lexicons: list[str] | None = None,
    context: str | None = None,
    model: Any = None,
    name_columns: Mapping[str, str] | None = None,
    referents: str | list[str] | None = None,
) -> Any:
    """Score a Dask DataFrame (its ``text_column``), Series, or Bag of ``(id, text)`` pairs, lazily.

    Parameters
    ----------
    data
        A Dask DataFrame, Series or Bag of ``(id, text)`` pairs.
    lang, level, lexicons, context, referents
        As for :func:`trustlex.score_texts` (referent files as absolute
        paths, which each worker reads: they must be there on every worker).
    text_column
        The column of a Dask DataFrame that holds the texts.
    model
        As for :func:`trustlex.score_texts` (``"default"``, a saved model's
        folder, or a :class:`~trustlex.models.TrustClassifier`), at
        ``level="sentence"``; it is loaded here and sent to each worker once.
    name_columns
        Referent id -> a column of a Dask DataFrame naming each row's party,
        such as ``{"organisation": "company"}`` (see :func:`trustlex.score_texts`'s ``names``).

    Returns
    -------
    dask.dataframe.DataFrame
        :func:`trustlex.score_texts` rows, one partition per input
        partition, with ``doc_id`` taken from the index, with its dtype (a
        Bag declares no types: its first pair is read at once, and ``doc_id``
        has the type of its id, ``int64`` for integers, ``string`` for text;
        ids of another type in a later pair are refused when computed).
        Call ``.compute()`` or write it with ``.to_parquet``, which reads
        back with the same dtypes.

    Raises
    ------
    RunError
        When a Dask worker runs another trustlex or reads other lexicon files than this process
        (as ``score_folder(dask=...)`` refuses them): the workers of the Dask client in use are
        asked here, and each task asks its own worker again when the frame is computed.

    Examples
    --------
    Nothing runs until ``.compute()`` (here on the synchronous scheduler; a
    ``distributed.Client`` runs it on a cluster):

    >>> import dask
    >>> import dask.bag
    >>> import dask.dataframe
    >>> import pandas as pd
    >>> import trustlex
    >>> texts = pd.DataFrame(
    ...     {"text": ["Ik vertrouw mijn manager.", "We trust our manager.", "Nobody takes responsibility."]},
    ...     index=["a", "b", "c"],
    ... )
    >>> lazy = trustlex.score_dask(dask.dataframe.from_pandas(texts, npartitions=2), level="sentence")
    >>> lazy.npartitions
    2
    >>> with dask.config.set(scheduler="synchronous"):
    ...     rows = lazy.compute()
    >>> print(rows[["doc_id", "lang", "concept", "valence"]].to_string(index=False))
    doc_id lang        concept valence
         a   nl          trust       +
         b   en          trust       +
         c   en responsibility       -
    >>> pairs = dask.bag.from_sequence([("x", "Er is geen communicatie.")], npartitions=1)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     docs = trustlex.score_dask(pairs, lang="nl", level="doc").compute()
    >>> docs[["doc_id", "communication_net"]].values.tolist()
    [['x', -1.0]]
    """
    lang = language_code(lang)  # "EN" is "en", as in score_texts (the probe below needs the code)
    kw: dict[str, Any] = {"lang": lang, "level": level, "lexicons": lexicons, "context": context}
    kw["referents"] = list(referent_paths(referents) or ()) or None
    meta = probe(kw).iloc[:0]
    if model is not None:
        model = load_model(model)
        probe(kw, model)  # refuses a level or lexicons the model cannot score
        # the types of the rows the model adds to; a probe the model adds nothing to has none
        meta = set_dtypes(
            meta.assign(source=pd.Series(dtype=object), probability=pd.Series(dtype=float)), MODEL_DTYPES
        )
    try:  # optional: see the module docstring
        import dask.bag as db
        import dask.dataframe as dd
        from dask import delayed
    except ImportError as exc:
        raise TrustlexError(_NO_DASK) from exc
    # doc_id has the type of the ids: an object column would leave to_parquet no type to write
    meta = meta.astype({"doc_id": id_dtype(data, dd, db)})
    # every partition gets the declared types: an empty one or a model's rows (object columns
    # where it added to nothing) would otherwise differ from the meta
    dtypes = meta.dtypes.to_dict() if model is not None else {"doc_id": meta["doc_id"].dtype}
    # one copy of the model in the graph, which every partition's task depends on
    shared = (
        delayed(model, name=f"trustlex-model-{uuid4().hex}", traverse=False) if model is not None else None
    )
    setup = same_setup(kw)
    pairs = column_names(name_columns, known_referents(referents))
    # with lang="auto", a text without language evidence takes the language most texts of the whole
    # input have, as in score_texts: counted over all partitions first, so the partitioning changes nothing
    fallback = fallback_language(data, text_column, dd, db, delayed) if lang == "auto" else None
    if isinstance(data, dd.DataFrame):
        cols = [text_column, *(c for _, c in pairs)]
        for col in cols:
            if col not in data.columns:
                msg = f"no column {col!r}; columns are {', '.join(map(str, data.columns))}"
                raise TrustlexError(msg)
        if pairs:
            return data[cols].map_partitions(
                score_named, kw, shared, dtypes, text_column, pairs, fallback, setup, meta=meta
            )
        data = data[text_column]
    elif pairs:
        msg = "name_columns needs a Dask DataFrame that holds those columns"
        raise TrustlexError(msg)
    if isinstance(data, dd.Series):
        return data.map_partitions(score_part, kw, shared, dtypes, fallback, setup, meta=meta)
    if isinstance(data, db.Bag):
        parts = data.map_partitions(score_pairs, kw, shared, dtypes, fallback, setup).to_delayed()
        return dd.from_delayed(list(parts), meta=meta, verify_meta=False)
    msg = f"score_dask expects a Dask DataFrame, Series or Bag, got {type(data).__name__}"
    raise TrustlexError(msg)
