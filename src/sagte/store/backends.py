"""The two database backends behind :class:`sagte.store.Store`: SQLite and PostgreSQL.

Both offer the same small surface: ``q(sql, params) -> list[tuple]`` (SQL written with ``?``
placeholders), ``transaction()`` (a context manager: everything inside commits together or
not at all, and writers are serialised), ``now()`` and ``close()``. Driver errors become
:class:`sagte.errors.StoreError` with a message that says what to do.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import StoreError

#: key of the PostgreSQL advisory lock that serialises writers (like SQLite's BEGIN IMMEDIATE)
PG_WRITE_LOCK = 0x5A677465
#: seconds a writer waits for another process's transaction before giving up
DEFAULT_TIMEOUT = 30.0
#: pause between tries to open a SQLite store another process is switching to WAL
CONNECT_RETRY_SECONDS = 0.05


class RejectedDocument(StoreError):
    """One article cannot be stored as it is (its id is taken, or it breaks a constraint such as
    two statements with one id); the store is fine and other articles can go on."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def redact(url: str) -> str:
    """``url`` without a password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


class _Transactions:
    """Nested ``transaction()`` blocks join the outermost one, which each backend opens and
    closes in its ``_outermost()``."""

    _depth = 0

    @contextmanager
    def transaction(self):
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        with self._outermost():
            yield self


def _is_busy(err: Exception) -> bool:
    msg = str(err)
    return "locked" in msg or "busy" in msg


class SQLiteDB(_Transactions):
    """One SQLite file in WAL mode; ``BEGIN IMMEDIATE`` serialises writers across processes."""

    dialect = "sqlite"

    def __init__(self, path: str, *, create: bool = False, timeout: float = DEFAULT_TIMEOUT):
        self.path = path
        self.label = f"sqlite:///{path}"
        if path != ":memory:":
            p = Path(path)
            if not p.exists() and not create:
                raise StoreError(f"there is no store at {p}: create one with `sagte ingest FILES --db sqlite:///{path}`.")
            if not p.parent.is_dir():
                raise StoreError(f"cannot create the store {p}: the folder {p.parent} does not exist. Create it first.")
            if p.is_dir():
                raise StoreError(f"{p} is a folder, not a database file: give a file name, e.g. sqlite:///{p}/corpus.db.")
        # switching a new file to WAL takes an exclusive lock, and SQLite answers "locked" at
        # once (no busy wait) while another process does the same: retry until the timeout
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
                self.conn.execute("PRAGMA foreign_keys = ON")
                mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                self.conn.execute("PRAGMA synchronous = FULL")
                break
            except sqlite3.OperationalError as err:
                if _is_busy(err) and time.monotonic() < deadline:
                    if getattr(self, "conn", None) is not None:
                        self.conn.close()
                    time.sleep(CONNECT_RETRY_SECONDS)
                    continue
                raise self._error(err) from None
            except sqlite3.DatabaseError as err:
                raise self._error(err) from None
        if path != ":memory:" and mode.lower() != "wal":
            raise StoreError(f"{path}: could not switch the database to WAL mode ({mode}); is it on a network file system? "
                             "Put the store on a local disk.")
        self._depth = 0

    def _error(self, err: Exception) -> StoreError:
        msg = str(err)
        if _is_busy(err):
            return StoreError(
                f"{self.path} is locked by another process (another `sagte ingest`?) and stayed locked: wait for it to "
                "finish and run the command again; everything already reported as stored is kept."
            )
        if "not a database" in msg or "malformed" in msg or "file is encrypted" in msg:
            return StoreError(f"{self.path} is not a sagte store (SQLite says: {msg}): give another --db path.")
        if "unable to open" in msg or "readonly" in msg or "read-only" in msg:
            return StoreError(f"cannot open {self.path} for writing ({msg}): check the path and its permissions.")
        return StoreError(f"{self.path}: {msg}")

    def q(self, sql: str, params=()) -> list[tuple]:
        try:
            return self.conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.IntegrityError as err:
            raise RejectedDocument(f"cannot store it in {self.path}: {err}") from None
        except sqlite3.OperationalError as err:
            raise self._error(err) from None
        except sqlite3.DatabaseError as err:
            raise self._error(err) from None

    def many(self, sql: str, rows) -> None:
        """Run one statement for each row of parameters."""
        try:
            self.conn.executemany(sql, [tuple(r) for r in rows])
        except sqlite3.IntegrityError as err:
            raise RejectedDocument(f"cannot store it in {self.path}: {err}") from None
        except sqlite3.DatabaseError as err:
            raise self._error(err) from None

    @contextmanager
    def _outermost(self):
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as err:
            raise self._error(err) from None
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as err:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise self._error(err) from None

    def now(self) -> str:
        return _now()

    def size_bytes(self) -> int:
        if self.path == ":memory:":
            return 0
        return sum(Path(self.path + suffix).stat().st_size for suffix in ("", "-wal") if Path(self.path + suffix).exists())

    def close(self) -> None:
        self.conn.close()


class PostgresDB(_Transactions):
    """A PostgreSQL database through psycopg 3; an advisory lock serialises writers."""

    dialect = "postgresql"

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT):
        try:
            import psycopg
        except ImportError:
            raise StoreError("a postgresql:// store needs psycopg 3: pip install 'sagte[postgres]'.") from None
        self._psycopg = psycopg
        self.label = redact(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)), application_name="sagte")
            self.conn.execute(f"SET lock_timeout = '{int(timeout * 1000)}ms'")
        except psycopg.Error as err:
            raise StoreError(
                f"cannot connect to PostgreSQL at {self.label} ({(str(err).strip().splitlines() or [''])[0]}): "
                "check that the server runs, "
                "and the host, port, user and database name in --db."
            ) from None
        self._depth = 0

    def _error(self, err: Exception) -> StoreError:
        psycopg = self._psycopg
        said = (str(err).strip().splitlines() or [type(err).__name__])[0]
        if isinstance(err, psycopg.OperationalError) and self.conn.closed:
            return StoreError(
                f"lost the connection to PostgreSQL at {self.label} ({said}): check the server and run the "
                "command again; every article reported as stored was committed, and a rerun skips them."
            )
        if isinstance(err, psycopg.errors.LockNotAvailable):
            return StoreError(f"{self.label} is locked by another writer and stayed locked: wait for it to finish and run "
                              "the command again.")
        return StoreError(f"PostgreSQL at {self.label}: {said}")

    def q(self, sql: str, params=()) -> list[tuple]:
        try:
            cur = self.conn.execute(sql.replace("?", "%s"), tuple(params))
            return cur.fetchall() if cur.description else []
        except self._psycopg.errors.IntegrityError as err:
            raise RejectedDocument(f"cannot store it in {self.label}: {(str(err).strip().splitlines() or [''])[0]}") from None
        except self._psycopg.Error as err:
            raise self._error(err) from None

    def many(self, sql: str, rows) -> None:
        """Run one statement for each row of parameters (pipelined: one round trip)."""
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        try:
            with self.conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
        except self._psycopg.errors.IntegrityError as err:
            raise RejectedDocument(f"cannot store it in {self.label}: {(str(err).strip().splitlines() or [''])[0]}") from None
        except self._psycopg.Error as err:
            raise self._error(err) from None

    @contextmanager
    def _outermost(self):
        psycopg = self._psycopg
        try:
            tx = self.conn.transaction()
            tx.__enter__()
        except psycopg.Error as err:
            raise self._error(err) from None
        self._depth = 1
        try:
            self.q("SELECT pg_advisory_xact_lock(?)", [PG_WRITE_LOCK])
            yield self
        except BaseException as exc:
            self._depth = 0
            try:
                tx.__exit__(type(exc), exc, exc.__traceback__)
            except psycopg.Error:
                pass  # the connection is gone: the server rolls the transaction back
            raise
        self._depth = 0
        try:
            tx.__exit__(None, None, None)
        except psycopg.Error as err:
            raise self._error(err) from None

    def now(self) -> str:
        return _now()

    def size_bytes(self) -> int:
        """Bytes of the store's tables, indexes and TOAST in its schema (not the whole server)."""
        rows = self.q("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'")
        return int(rows[0][0])

    def close(self) -> None:
        self.conn.close()


def connect(url: str, *, create: bool = False, timeout: float = DEFAULT_TIMEOUT):
    """The backend for a ``--db`` URL: ``sqlite:///path.db`` (or a plain path) or ``postgresql://…``."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresDB(url, timeout=timeout)
    if url.startswith("sqlite:///"):
        return SQLiteDB(url[len("sqlite:///"):], create=create, timeout=timeout)
    if "://" in url:
        raise StoreError(f"unknown store URL {redact(url)!r}: use sqlite:///path.db or postgresql://user@host:port/dbname.")
    return SQLiteDB(url, create=create, timeout=timeout)
