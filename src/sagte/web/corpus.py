"""The web app's view of the corpus store (:mod:`sagte.store`): a pool of connections, and
the few shapes the pages and the API need on top of the store's own queries.

A store connection is used by one request at a time: requests borrow one from the
:class:`StorePool` (SQLite in WAL mode lets the pooled connections read in parallel).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import HTTPException

from ..document import Document

#: the network page draws at most this many nodes (the most connected); the API returns all
NETWORK_PAGE_NODES = 150
#: statements about an entity returned with it (the rest: /api/statements?about=ID)
ABOUT_LIMIT = 200


class StorePool:
    """Up to ``size`` open stores, each lent to one thread at a time."""

    def __init__(self, opener: Callable[[], Any] | None, *, size: int = 8, first: Any = None):
        self._opener = opener
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._lock = threading.Lock()
        self._all: list[Any] = []
        self.size = size if opener is not None else 1
        if first is not None:
            self._all.append(first)
            self._idle.put(first)

    @contextmanager
    def borrow(self) -> Iterator[Any]:
        store = self._take()
        try:
            yield store
        finally:
            self._idle.put(store)

    def _take(self) -> Any:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._all) < self.size and self._opener is not None:
                store = self._opener()
                self._all.append(store)
                return store
        return self._idle.get(timeout=60)

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                close = getattr(store, "close", None)
                if close is not None:
                    close()
            self._all.clear()


def _pool(state) -> StorePool:
    return state.pool


def _identity(value: str | int) -> str | int:
    """Path ids are identity numbers; anything else is a name the store resolves."""
    if isinstance(value, int):
        return value
    value = value.strip()
    return int(value) if value.isdigit() else value


def add(state, doc: Document) -> bool:
    with _pool(state).borrow() as store:
        return store.add(doc, source="api")


def documents(state, *, limit: int, offset: int) -> list[dict]:
    with _pool(state).borrow() as store:
        return store.documents(limit=limit, offset=offset)


def document(state, doc_id: str) -> Document:
    with _pool(state).borrow() as store:
        doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r} in the corpus: list them with GET /api/documents")
    return doc


def statements(state, **filters) -> list[dict]:
    if filters.get("speaker") is not None:
        filters["speaker"] = _identity(filters["speaker"])
    if filters.get("about") is not None:
        filters["about"] = _identity(filters["about"])
    with _pool(state).borrow() as store:
        return store.statements(**filters)


def entities(state, *, limit: int, offset: int) -> list[dict]:
    with _pool(state).borrow() as store:
        return store.entities(limit=limit, offset=offset)


def entity(state, entity_id: str | int) -> dict:
    """The store's entity, with ``said`` (its statements) and ``about`` (others' about it)."""
    key = _identity(entity_id)
    with _pool(state).borrow() as store:
        ent = store.entity(key)
        if ent is None:
            raise HTTPException(404, f"no entity {entity_id!r} in the corpus: list them with GET /api/entities")
        about = store.statements(about=ent["id"], limit=ABOUT_LIMIT + 1)
    ent = dict(ent)
    ent["said"] = ent.get("statements", [])
    ent["about"] = about[:ABOUT_LIMIT]
    ent["about_more"] = len(about) > ABOUT_LIMIT
    ent["said_more"] = False
    ent["type_label"] = {"PER": "person", "ORG": "organisation", "LOC": "place"}.get(ent.get("type"), "other")
    return ent


def entity_json(ent: dict) -> dict:
    """The API's entity: the store's fields, plus ``about`` (others' statements about it)."""
    out = {k: v for k, v in ent.items() if k not in ("said", "about_more", "said_more", "type_label")}
    out["about"] = ent["about"]
    out["about_truncated"] = ent["about_more"]
    return out


def statement_speakers(state, doc_id: str) -> dict[str, int]:
    """Statement id in the document -> the identity id of its speaker (linked ones only)."""
    with _pool(state).borrow() as store:
        rows = store.statements(document=doc_id, limit=None)
    return {r["statement"]: r["speaker_id"] for r in rows if r.get("speaker_id") is not None}


def network(state, *, min_weight: int = 1, max_nodes: int | None = None) -> dict:
    """``{"nodes", "edges"}`` from the store; with ``max_nodes``, the most connected nodes only."""
    with _pool(state).borrow() as store:
        net = store.network(min_weight=min_weight)
    nodes, edges = net["nodes"], net["edges"]
    about: dict[Any, int] = {}
    for e in edges:
        about[e["target"]] = about.get(e["target"], 0) + e["weight"]
    for n in nodes:
        n["about"] = about.get(n["id"], 0)
    total = len(nodes)
    if max_nodes is not None and total > max_nodes:
        degree: dict[Any, int] = {}
        for e in edges:
            degree[e["source"]] = degree.get(e["source"], 0) + e["weight"]
            degree[e["target"]] = degree.get(e["target"], 0) + e["weight"]
        keep = set(sorted(degree, key=lambda i: (-degree[i], str(i)))[:max_nodes])
        nodes = [n for n in nodes if n["id"] in keep]
        edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    return {"nodes": nodes, "edges": edges, "total_nodes": total}
