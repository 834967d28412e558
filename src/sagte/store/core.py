"""The corpus store: documents in, the queries users ask out. Same API on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

from ..analyze import parse_date
from ..document import Document
from ..errors import StoreError
from .backends import DEFAULT_TIMEOUT, RejectedDocument, connect
from ..corpus.identity import is_description
from .identity import MATCHER, Registry, last_key, name_key, spelling
from .migrations import MIGRATIONS

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"\w+", re.UNICODE)


class DocumentIdTaken(RejectedDocument):
    """An article's id is already used by a different text in the store."""


def content_hash(text: str) -> str:
    """What makes two articles the same for ``ingest``: the SHA-256 of their text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _day(value: str | None) -> str | None:
    if value and _FULL_DATE.match(value):
        return value
    return None


class Store:
    """A corpus of analysed articles with a registry of identities across them.

    Open one with :func:`sagte.store.open_store`. Every method that reads returns plain,
    JSON-ready values (dicts and lists; ``[]`` for nothing found); :meth:`add`, :meth:`merge`
    and :meth:`split` each run in one transaction.
    """

    def __init__(self, db):
        self.db = db
        self.registry = Registry(db)

    # -- life cycle --------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return self.db.label

    @property
    def dialect(self) -> str:
        return self.db.dialect

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> list[int]:
        """Apply the registered migrations this database lacks, each in its own transaction."""
        applied = []
        self._refuse_foreign()
        with self.db.transaction():
            self.db.q("CREATE TABLE IF NOT EXISTS sagte_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                      "applied_at TEXT NOT NULL)")
        for version in sorted(MIGRATIONS):
            with self.db.transaction():
                if self.db.q("SELECT 1 FROM sagte_migrations WHERE version = ?", [version]):
                    continue
                MIGRATIONS[version].apply(self.db)
                self.db.q("INSERT INTO sagte_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                          [version, MIGRATIONS[version].name, self.db.now()])
                applied.append(version)
        return applied

    def _refuse_foreign(self) -> None:
        """Never write our schema into a database that holds someone else's tables."""
        if self.dialect == "sqlite":
            tables = {r[0] for r in self.db.q("SELECT name FROM sqlite_master WHERE type = 'table'")}
        else:
            tables = {r[0] for r in self.db.q("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        foreign = tables - {"sagte_migrations"} if self.dialect == "sqlite" else tables & {"documents", "statements"}
        if foreign and "sagte_migrations" not in tables:
            raise StoreError(f"{self.url} already holds other tables ({', '.join(sorted(foreign)[:3])}) and is not a sagte "
                             "store: give a new file or an empty database (or schema) with --db.")

    def migrations(self) -> list[dict]:
        """The migrations recorded in the database."""
        return [{"version": v, "name": n, "applied_at": a}
                for v, n, a in self.db.q("SELECT version, name, applied_at FROM sagte_migrations ORDER BY version")]

    def check_schema(self) -> None:
        try:
            have = {r[0] for r in self.db.q("SELECT version FROM sagte_migrations")}
        except StoreError:
            raise StoreError(f"{self.url} is not a sagte store (no sagte_migrations table): give another --db, "
                             "or create a store with `sagte ingest`.") from None
        newer = have - set(MIGRATIONS)
        if newer:
            raise StoreError(f"{self.url} was written by a newer sagte (schema {max(newer)}): upgrade sagte.")

    # -- writing -----------------------------------------------------------------------------
    def known_hashes(self) -> set[str]:
        """Content hashes of every stored article."""
        return {r[0] for r in self.db.q("SELECT hash FROM documents")}

    def add(self, document: Document, *, source: str | None = None) -> bool:
        """Store one analysed article, its statements, entities, times and quantities, and link
        its entities to identities — all in one transaction. Returns ``False`` (and changes
        nothing) when an article with the same text is already stored.
        """
        digest = content_hash(document.text)
        with self.db.transaction():
            if self.db.q("SELECT 1 FROM documents WHERE hash = ?", [digest]):
                return False
            if self.db.q("SELECT 1 FROM documents WHERE id = ?", [document.id]):
                raise DocumentIdTaken(f"document id {document.id!r} is already used by another text in {self.url}: "
                                      "give this article another id.")
            self._insert(document, digest, source)
        return True

    def _insert(self, doc: Document, digest: str, source: str | None) -> None:
        q = self.db.q
        q("INSERT INTO documents (id, hash, title, date, source, n_statements, n_entities, added_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          [doc.id, digest, doc.title, doc.date, source, len(doc.statements), len(doc.entities), self.db.now()])
        q("INSERT INTO document_bodies (doc_id, body) VALUES (?, ?)", [doc.id, doc.to_json()])
        mentions_of: dict[str, list[tuple[int, int]]] = {}
        for ent in doc.entities:
            identity_id = None  # a description ("Sprecher der Polizei") is nobody's identity
            if not (ent.type == "PER" and is_description(ent.name)):
                res = self.registry.resolve(ent.name, ent.type, tuple(ent.roles))
                identity_id = res.identity_id
                current = self.registry.attach(identity_id, ent.name, res.why, roles=ent.roles, new=res.created, current=res.name)
                for variant in _mention_variants(ent.name, [m.text for m in ent.mentions]):
                    # within one article: shown with its why among the variants, not logged as a join
                    current = self.registry.attach(identity_id, variant, f"mention of {ent.name!r} in document {doc.id}",
                                                   current=current, log=False)
            q("INSERT INTO doc_entities (doc_id, eid, name, type, roles, identity_id) VALUES (?, ?, ?, ?, ?, ?)",
              [doc.id, ent.id, ent.name, ent.type, json.dumps(ent.roles, ensure_ascii=False), identity_id])
            self.db.many("INSERT INTO mentions (doc_id, eid, start_char, end_char, text) VALUES (?, ?, ?, ?, ?)",
                         [(doc.id, ent.id, m.start, m.end, m.text) for m in ent.mentions])
            mentions_of[ent.id] = [(m.start, m.end) for m in ent.mentions]
        for st in doc.statements:
            content = " […] ".join(c.text for c in st.content)
            sp, ad = st.speaker, st.addressee
            rows = q(
                "INSERT INTO statements (doc_id, sid, kind, medium, content, content_spans, cue, cue_spans, speaker, "
                "speaker_key, speaker_start, speaker_end, speaker_eid, addressee, addressee_start, addressee_end, "
                "addressee_eid, said, day, confidence, parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING id",
                [doc.id, st.id, st.kind, st.medium, content, json.dumps([c.model_dump() for c in st.content], ensure_ascii=False),
                 " … ".join(c.text for c in st.cue), json.dumps([c.model_dump() for c in st.cue], ensure_ascii=False),
                 sp.text if sp else None, name_key(sp.text) if sp else None, sp.start if sp else None, sp.end if sp else None,
                 sp.entity if sp else None, ad.text if ad else None, ad.start if ad else None, ad.end if ad else None,
                 ad.entity if ad else None, st.date, _day(st.date) or doc.date, st.confidence, st.parent],
            )
            sid = rows[0][0]
            if self.db.dialect == "sqlite":
                q("INSERT INTO statements_fts (rowid, content) VALUES (?, ?)", [sid, content])
            about = set()
            for eid, spans in mentions_of.items():
                if sp is not None and eid == sp.entity:
                    continue
                if any(c.start <= s and e <= c.end for s, e in spans for c in st.content):
                    about.add(eid)
            self.db.many("INSERT INTO statement_about (statement_id, doc_id, eid) VALUES (?, ?, ?)",
                         [(sid, doc.id, eid) for eid in sorted(about)])
        self.db.many("INSERT INTO times (doc_id, start_char, end_char, text, type, value) VALUES (?, ?, ?, ?, ?, ?)",
                     [(doc.id, t.start, t.end, t.text, t.type, t.value) for t in doc.times])
        self.db.many("INSERT INTO quantities (doc_id, start_char, end_char, text, value, unit, approximate, low, high) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(doc.id, n.start, n.end, n.text, n.value, n.unit, int(n.approximate), n.low, n.high) for n in doc.quantities])

    # -- identities ------------------------------------------------------------------------
    def find_identities(self, name: str | int) -> list[int]:
        """Identity ids a user's NAME refers to: an id; else identities with a variant written
        so (case and diacritics folded); else with a variant of the same ``name_key``
        (transliterations: 'Peskov' finds 'Peskow'); else with that surname. Most-quoted
        first; ``[]`` if none."""
        if isinstance(name, int) or (isinstance(name, str) and name.strip().isdigit()):
            rows = self.db.q("SELECT id, merged_into FROM identities WHERE id = ?", [int(name)])
            return [rows[0][1] or rows[0][0]] if rows else []
        key = name_key(name)
        ids = [r[0] for r in self.db.q("SELECT DISTINCT identity_id FROM variants WHERE spelling = ?", [spelling(name)])]
        if not ids:
            ids = [r[0] for r in self.db.q("SELECT DISTINCT identity_id FROM variants WHERE key = ?", [key])]
        if not ids and " " not in key:
            ids = [r[0] for r in self.db.q("SELECT DISTINCT identity_id FROM variants WHERE last_key = ?", [key])]
        if len(ids) > 1:
            counts = dict(self._statement_counts(ids))
            ids.sort(key=lambda i: (-counts.get(i, 0), i))
        return ids

    def _statement_counts(self, ids: list[int]) -> list[tuple[int, int]]:
        marks = ",".join("?" for _ in ids)
        return self.db.q(
            "SELECT e.identity_id, COUNT(*) FROM statements s JOIN doc_entities e ON e.doc_id = s.doc_id AND e.eid = s.speaker_eid "
            f"WHERE e.identity_id IN ({marks}) GROUP BY e.identity_id", ids)

    def _one_identity(self, name: str | int) -> int:
        ids = self.find_identities(name)
        if not ids:
            raise StoreError(f"no identity called {name!r} in {self.url}: list them with `sagte speakers --db …`.")
        return ids[0]

    def merge(self, keep: str | int, other: str | int, *, why: str = "merged by the user") -> dict:
        """Join identity ``other`` into ``keep`` (names or ids); recorded, and undone by :meth:`split`."""
        with self.db.transaction():
            a, b = self._one_identity(keep), self._one_identity(other)
            if a == b:
                raise StoreError(f"{keep!r} and {other!r} are already the same identity ({a}).")
            self.registry.merge(a, b, why)
        return self.entity(a)

    def split(self, identity: str | int, variant: str, *, why: str = "split by the user") -> dict:
        """Take ``variant`` (and its spellings up to case and diacritics) out of an identity into a
        new one, and remember the decision for later ingests. Returns the new identity."""
        with self.db.transaction():
            iid = self._one_identity(identity)
            try:
                new = self.registry.split(iid, variant, why)
            except KeyError:
                raise StoreError(f"{variant!r} is not a name of identity {iid}: see `sagte entity {iid} --db …`.") from None
            except ValueError as err:
                raise StoreError(str(err)) from None
        return self.entity(new)

    # -- queries ---------------------------------------------------------------------------
    def statements(self, *, speaker: str | int | None = None, about: str | int | None = None, since: str | None = None,
                   until: str | None = None, q: str | None = None, document: str | None = None,
                   limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Statements, oldest first, filtered by any of:

        - ``speaker``: a name (every variant of its identity matches, and speakers without an
          identity — "die Ministerin", "Sprecher der Polizei" — written the same way) or an
          identity id;
        - ``about``: a name or id mentioned in the statement's content;
        - ``since`` / ``until``: ``YYYY-MM-DD`` (or a ``datetime.date``), inclusive, on the day
          it was said (the statement's own date where the text gives one, else the article's);
          anything else raises :class:`sagte.errors.DateError`;
        - ``q``: full-text search in the content (SQLite FTS5 with diacritics folded, each word
          a prefix; PostgreSQL ``websearch_to_tsquery('german', q)``, stemmed);
        - ``document``: one article's id.

        Each result: ``id, document, statement, title, date, kind, medium, speaker,
        speaker_id, speaker_name, addressee, cue, content, confidence, about`` (names).
        """
        where, params = self._filters(speaker=speaker, about=about, since=since, until=until, q=q, document=document)
        if where is None:
            return []
        sql = (
            "SELECT s.id, s.doc_id, s.sid, d.title, s.day, s.kind, s.medium, s.speaker, i.id, i.name, s.addressee, s.cue, "
            "s.content, s.confidence FROM statements s JOIN documents d ON d.id = s.doc_id "
            "LEFT JOIN doc_entities e ON e.doc_id = s.doc_id AND e.eid = s.speaker_eid "
            "LEFT JOIN identities i ON i.id = e.identity_id "
            f"WHERE {' AND '.join(where) or '1 = 1'} ORDER BY s.day IS NULL, s.day, s.doc_id, s.id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        elif offset:
            sql += f" LIMIT -1 OFFSET {int(offset)}" if self.dialect == "sqlite" else f" OFFSET {int(offset)}"
        rows = self.db.q(sql, params)
        about_names = self._about_names([r[0] for r in rows])
        keys = ("id", "document", "statement", "title", "date", "kind", "medium", "speaker", "speaker_id", "speaker_name",
                "addressee", "cue", "content", "confidence")
        out = []
        for r in rows:
            item = dict(zip(keys, r))
            item["confidence"] = float(item["confidence"])
            item["about"] = about_names.get(r[0], [])
            out.append(item)
        return out

    def count_statements(self, **filters) -> int:
        """How many statements :meth:`statements` would return without ``limit``."""
        where, params = self._filters(**filters)
        if where is None:
            return 0
        return int(self.db.q(
            "SELECT COUNT(*) FROM statements s LEFT JOIN doc_entities e ON e.doc_id = s.doc_id AND e.eid = s.speaker_eid "
            f"WHERE {' AND '.join(where) or '1 = 1'}", params)[0][0])

    def _filters(self, *, speaker=None, about=None, since=None, until=None, q=None, document=None):
        where: list[str] = []
        params: list = []
        if speaker is not None:
            ids = self.find_identities(speaker)
            key = None if isinstance(speaker, int) else name_key(str(speaker))
            alts = []
            if ids:
                alts.append(f"e.identity_id IN ({','.join('?' for _ in ids)})")
                params += ids
            if key:
                alts.append("(e.identity_id IS NULL AND s.speaker_key = ?)")
                params.append(key)
            if not alts:
                return None, []
            where.append("(" + " OR ".join(alts) + ")")
        if about is not None:
            ids = self.find_identities(about)
            if not ids:
                return None, []
            where.append(
                "EXISTS (SELECT 1 FROM statement_about a JOIN doc_entities ae ON ae.doc_id = a.doc_id AND ae.eid = a.eid "
                f"WHERE a.statement_id = s.id AND ae.identity_id IN ({','.join('?' for _ in ids)}))")
            params += ids
        if since:
            where.append("s.day >= ?")
            params.append(parse_date(since).isoformat())
        if until:
            where.append("s.day <= ?")
            params.append(parse_date(until).isoformat())
        if document is not None:
            where.append("s.doc_id = ?")
            params.append(document)
        if q:
            if self.dialect == "sqlite":
                words = _WORD.findall(q)
                if not words:
                    return None, []
                where.append("s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)")
                params.append(" ".join(f'"{w}"*' for w in words))
            else:
                where.append("s.tsv @@ websearch_to_tsquery('german', ?)")
                params.append(q)
        return where, params

    def _about_names(self, statement_ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for chunk in (statement_ids[i:i + 500] for i in range(0, len(statement_ids), 500)):
            marks = ",".join("?" for _ in chunk)
            for sid, name in self.db.q(
                "SELECT a.statement_id, i.name FROM statement_about a JOIN doc_entities e ON e.doc_id = a.doc_id AND e.eid = a.eid "
                f"JOIN identities i ON i.id = e.identity_id WHERE a.statement_id IN ({marks}) ORDER BY a.statement_id, a.eid",
                chunk,
            ):
                out.setdefault(sid, []).append(name)
        return out

    def speakers(self, *, type: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:  # noqa: A002
        """Identities that speak (of one ``type``: PER, ORG, LOC, MISC, if given), with their
        statement counts, most-quoted first: ``id, name, type, statements, documents, first, last``."""
        where, params = ("WHERE i.type = ? ", [type]) if type else ("", [])
        sql = (
            "SELECT i.id, i.name, i.type, COUNT(*), COUNT(DISTINCT s.doc_id), MIN(s.day), MAX(s.day) FROM statements s "
            "JOIN doc_entities e ON e.doc_id = s.doc_id AND e.eid = s.speaker_eid JOIN identities i ON i.id = e.identity_id "
            f"{where}GROUP BY i.id, i.name, i.type ORDER BY COUNT(*) DESC, i.name"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        keys = ("id", "name", "type", "statements", "documents", "first", "last")
        return [dict(zip(keys, r)) for r in self.db.q(sql, params)]

    def entities(self, *, type: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:  # noqa: A002
        """Every identity (not merged away), by name: ``id, name, type, documents, variants, statements``."""
        params: list = []
        cond = "i.merged_into IS NULL"
        if type:
            cond += " AND i.type = ?"
            params.append(type)
        sql = (
            "SELECT i.id, i.name, i.type, COALESCE(d.n, 0), COALESCE(v.n, 0), COALESCE(st.n, 0) FROM identities i "
            "LEFT JOIN (SELECT identity_id, COUNT(*) AS n FROM doc_entities GROUP BY identity_id) d ON d.identity_id = i.id "
            "LEFT JOIN (SELECT identity_id, COUNT(*) AS n FROM variants GROUP BY identity_id) v ON v.identity_id = i.id "
            "LEFT JOIN (SELECT e.identity_id, COUNT(*) AS n FROM statements s JOIN doc_entities e "
            "ON e.doc_id = s.doc_id AND e.eid = s.speaker_eid GROUP BY e.identity_id) st ON st.identity_id = i.id "
            f"WHERE {cond} ORDER BY i.name, i.id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        keys = ("id", "name", "type", "documents", "variants", "statements")
        return [dict(zip(keys, (r[0], r[1], r[2], int(r[3]), int(r[4]), int(r[5])))) for r in self.db.q(sql, params)]

    def entity(self, name: str | int) -> dict | None:
        """One identity by id or name: its variants (with why each was joined), roles, the log
        of merges and splits, its statements over time (``timeline`` per month) and its
        statements. ``None`` if no identity has that name."""
        ids = self.find_identities(name)
        if not ids:
            return None
        iid = ids[0]
        iid_, iname, itype = self.db.q("SELECT id, name, type FROM identities WHERE id = ?", [iid])[0]
        variants = [{"name": n, "count": c, "why": w} for n, c, w in
                    self.db.q("SELECT name, count, why FROM variants WHERE identity_id = ? ORDER BY count DESC, name", [iid])]
        roles = [{"role": r, "count": c} for r, c in
                 self.db.q("SELECT role, count FROM identity_roles WHERE identity_id = ? ORDER BY count DESC, role", [iid])]
        log = [{"kind": k, "identity": a, "other": b, "name": n, "why": w, "at": t} for k, a, b, n, w, t in self.db.q(
            "SELECT kind, identity_id, other_id, name, why, created_at FROM merges WHERE identity_id = ? OR other_id = ? "
            "ORDER BY id", [iid, iid])]
        statements = self.statements(speaker=iid, limit=None)
        timeline = Counter((s["date"] or "")[:7] or "undated" for s in statements)
        return {
            "id": iid_, "name": iname, "type": itype, "variants": variants, "roles": roles, "merges": log,
            "documents": int(self.db.q("SELECT COUNT(*) FROM doc_entities WHERE identity_id = ?", [iid])[0][0]),
            "timeline": [{"month": m, "statements": n} for m, n in sorted(timeline.items())],
            "statements": statements,
            "also": ids[1:],
        }

    def document(self, doc_id: str) -> Document | None:
        """The stored article as the contract's :class:`~sagte.document.Document`, or ``None``."""
        rows = self.db.q("SELECT body FROM document_bodies WHERE doc_id = ?", [doc_id])
        return Document.model_validate_json(rows[0][0]) if rows else None

    def documents(self, *, limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Stored articles, newest first: ``id, title, date, source, statements, entities, added_at``."""
        sql = ("SELECT id, title, date, source, n_statements, n_entities, added_at FROM documents "
               "ORDER BY date IS NULL, date DESC, id")
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        keys = ("id", "title", "date", "source", "statements", "entities", "added_at")
        return [dict(zip(keys, r)) for r in self.db.q(sql)]

    def network(self, *, min_weight: int = 1) -> dict:
        """Who speaks about whom: ``{"nodes": [{id, name, type, statements}], "edges":
        [{source, target, weight}]}`` — an edge for each speaker identity and identity mentioned
        in the content of its statements, weighted by the number of statements."""
        edges = [{"source": a, "target": b, "weight": int(w)} for a, b, w in self.db.q(
            "SELECT se.identity_id, ae.identity_id, COUNT(DISTINCT s.id) FROM statements s "
            "JOIN doc_entities se ON se.doc_id = s.doc_id AND se.eid = s.speaker_eid "
            "JOIN statement_about a ON a.statement_id = s.id "
            "JOIN doc_entities ae ON ae.doc_id = a.doc_id AND ae.eid = a.eid "
            "WHERE se.identity_id <> ae.identity_id GROUP BY se.identity_id, ae.identity_id "
            "HAVING COUNT(DISTINCT s.id) >= ? ORDER BY 3 DESC, 1, 2", [int(min_weight)])]
        ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = []
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" for _ in chunk)
            counts = dict(self._statement_counts(chunk))
            for iid, name, type_ in self.db.q(f"SELECT id, name, type FROM identities WHERE id IN ({marks})", chunk):
                nodes.append({"id": iid, "name": name, "type": type_, "statements": int(counts.get(iid, 0))})
        nodes.sort(key=lambda n: n["id"])
        return {"nodes": nodes, "edges": edges}

    def stats(self) -> dict:
        """Counts of what is stored, and the database size in bytes."""
        def n(table: str) -> int:
            return int(self.db.q(f"SELECT COUNT(*) FROM {table}")[0][0])

        return {"documents": n("documents"), "statements": n("statements"), "entities": n("doc_entities"),
                "identities": int(self.db.q("SELECT COUNT(*) FROM identities WHERE merged_into IS NULL")[0][0]),
                "bytes": self.db.size_bytes(), "matcher": MATCHER}


def _mention_variants(name: str, mentions: list[str]) -> list[str]:
    """Mention texts that are other spellings of ``name`` ('Peskow', 'Peskows' of 'Dmitrij
    Peskow'), not pronouns or role nouns: capitalised, sharing a word with the name."""
    name_words = set(name_key(name).split())
    out = []
    for text in dict.fromkeys(mentions):
        if not text or not text[0].isupper() or name_key(text) == name_key(name):
            continue
        words = name_key(text).split()
        if any(w in name_words or (w.endswith("s") and w[:-1] in name_words) for w in words):
            out.append(text)
    return out


def open_store(url: str, *, create: bool = False, timeout: float = DEFAULT_TIMEOUT) -> Store:
    """Open the store at ``url`` (``sqlite:///path.db``, a plain path, or ``postgresql://…``).

    ``create=True`` creates the database file (SQLite) and applies missing migrations;
    otherwise the store must exist. Raises :class:`sagte.errors.StoreError` saying what to do.
    """
    db = connect(url, create=create, timeout=timeout)
    store = Store(db)
    try:
        if create:
            store.migrate()
        store.check_schema()
    except BaseException:
        db.close()
        raise
    return store


__all__ = ["Store", "open_store", "content_hash", "last_key"]
