"""Before a folder run on Dask: every worker must run the client's trustlex, with the same lexicon files.

A worker with another trustlex installed, or another copy of a lexicon (an edited shipped file, an
own file that differs on that machine), scores its share differently, and the output would mix the
two without a word. :func:`check_workers` asks each worker for :func:`setup_fingerprint` (a
``client.run`` of one small function) and refuses the run, naming the worker and what differs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from trustlex.errors import RunError

__all__ = ["check_this_worker", "check_workers", "setup_fingerprint"]

_SHOWN = 3  # differing files named in the message


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        found.extend(sorted(path.rglob("*.toml")) if path.is_dir() else [path])
    return found


def setup_fingerprint(own_files: list[str]) -> dict[str, Any]:
    """Return this process's trustlex version and the SHA-256 of each lexicon file it would read.

    The shipped lexicon folder's files are keyed by their place in it (``en/trust.toml``), so that
    two installations at different paths compare; ``own_files`` (the run's lexicon, context and
    referent files or folders, absolute paths) by their path. A file that cannot be read is
    ``"missing"``. Runs on each Dask worker: it imports only what it needs.
    """
    from trustlex._version import __version__
    from trustlex.lexicon.resources import lexicon_dir

    digests: dict[str, str] = {}
    try:
        root = lexicon_dir()
        for path in sorted(root.rglob("*.toml")):
            digests[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    except Exception as exc:  # a broken installation is a difference too
        digests["(shipped lexicons)"] = f"missing: {exc}"
    for path in _files(own_files):
        try:
            digests[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digests[str(path)] = "missing"
    return {"trustlex": __version__, "lexicons": digests}


def own_files(options: Any) -> list[str]:
    """Return the run's own lexicon, context and referent files and folders (shipped names left out).

    ``options`` has ``lexicons``, ``context`` and ``referents`` (:class:`~trustlex.batch.units.Options`,
    or the arguments of :func:`~trustlex.batch.dask.score_dask` in a namespace).
    """
    referents = options.referents
    given = [
        *(options.lexicons or ()),
        *([options.context] if options.context else []),
        *([referents] if isinstance(referents, str | Path) else referents or ()),
    ]
    return [str(Path(g).resolve()) for g in given if Path(g).exists()]


def _short(digest: str) -> str:
    return digest if digest.startswith("missing") else digest[:12]


def differences(worker: str, here: dict[str, Any], there: dict[str, Any]) -> str | None:
    """Return what differs between this client's fingerprint and a worker's, in one line; None if nothing."""
    if there.get("trustlex") != here["trustlex"]:
        return (
            f"Dask worker {worker} runs trustlex {there.get('trustlex')}, this client {here['trustlex']}: "
            "their scores would differ; install the same trustlex on every worker and on this machine, "
            "then run the command again"
        )
    ours, theirs = here["lexicons"], there.get("lexicons") or {}
    differ = [name for name in sorted(set(ours) | set(theirs)) if ours.get(name) != theirs.get(name)]
    if not differ:
        return None
    said = "; ".join(
        f"{name} ({_short(theirs.get(name, 'missing'))} there, {_short(ours.get(name, 'missing'))} here)"
        for name in differ[:_SHOWN]
    )
    more = f"; and {len(differ) - _SHOWN} more" if len(differ) > _SHOWN else ""
    return (
        f"Dask worker {worker} runs trustlex {here['trustlex']} as this client does, but reads other "
        f"lexicon files: {said}{more}; their scores would differ: give every worker the same files "
        "(the same installation, and your own files at the same paths), then run the command again"
    )


def check_this_worker(here: dict[str, Any], files: list[str]) -> None:
    """Refuse to score on a Dask worker whose trustlex or lexicon files differ from the client's ``here``.

    Runs inside each task of :func:`~trustlex.batch.dask.score_dask`, whose lazy frame may be computed on
    any cluster, later: the same comparison and message as :func:`check_workers`, made where the work
    runs. Outside a Dask worker (the threaded, synchronous or local process schedulers) the task runs
    with this client's installation: nothing to compare.

    Raises
    ------
    RunError
        Naming this worker and both versions (or the files that differ).
    """
    try:
        from distributed import get_worker

        worker = get_worker().address
    except (ImportError, ValueError):  # not on a Dask worker
        return
    said = differences(worker, here, setup_fingerprint(files))
    if said is not None:
        raise RunError(said)


def check_workers(client: Any, options: Any) -> None:
    """Refuse a Dask run whose workers differ from this client in trustlex version or lexicon files.

    Raises
    ------
    RunError
        Naming the first worker that differs and both versions (or the files that differ); a worker
        whose check fails (a trustlex without this function, say) is named with its error.
    """
    files = own_files(options)
    here = setup_fingerprint(files)
    try:
        found = client.run(setup_fingerprint, files, on_error="return")
    except Exception as exc:  # the cluster could not be asked at all
        msg = f"could not ask the Dask workers which trustlex they run: {type(exc).__name__}: {exc}"
        raise RunError(msg) from exc
    for worker in sorted(found):
        there = found[worker]
        if isinstance(there, BaseException) or not isinstance(there, dict):
            msg = (
                f"Dask worker {worker} could not say which trustlex it runs "
                f"({type(there).__name__}: {there}); "
                f"this client runs trustlex {here['trustlex']}: install the same trustlex on every worker, "
                "then run the command again"
            )
            raise RunError(msg)
        said = differences(worker, here, there)
        if said is not None:
            raise RunError(said)
