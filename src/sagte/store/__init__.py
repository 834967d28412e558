"""The corpus store: analysed articles, their statements, and identities across articles.

>>> from sagte.store import open_store
>>> store = open_store("sqlite:///corpus.db", create=True)     # doctest: +SKIP
>>> store.add(sagte.analyze(text, date="2025-02-12"))            # doctest: +SKIP
>>> store.statements(speaker="Peskow", since="2025-02-01")      # doctest: +SKIP

One interface (:class:`Store`), two backends chosen by URL: SQLite (``sqlite:///path.db``,
the default: one file, WAL, FTS5) and PostgreSQL (``postgresql://…``, psycopg 3, extra
``postgres``; ``tsvector`` with the German configuration). Query methods:
:meth:`Store.statements`, :meth:`Store.count_statements`, :meth:`Store.speakers`,
:meth:`Store.entities`, :meth:`Store.entity`, :meth:`Store.document`,
:meth:`Store.documents`, :meth:`Store.network`, :meth:`Store.stats`; writing:
:meth:`Store.add`, :meth:`Store.merge`, :meth:`Store.split`.
"""

from __future__ import annotations

from .core import Store, content_hash, open_store

__all__ = ["Store", "open_store", "content_hash"]
