"""Identities across articles: the persistent registry inside a store.

The *matching* (are two names the same person?) comes from :mod:`sagte.corpus.identity`
(``name_key`` and ``same_identity``, given the registry's other people of that surname).

The *registry* (this module's :class:`Registry`) keeps, in the store's tables:

- ``identities``: one row per real-world referent (``merged_into`` set once merged away);
- ``variants``: every spelling seen for it, with a count and ``why`` it was joined;
- ``identity_roles``: titles and roles seen in apposition, with counts;
- ``merges``: the log of joins and splits, automatic and by the user, each with its ``why``;
- ``overrides``: the user's decisions ("these keys are the same" / "different"), consulted
  before the matcher, so a split stays split on the next ingest and a merge stays merged.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..corpus.identity import Decision, NameRecord, best_match, name_key, same_identity

#: where the matching logic comes from (reported by ``Store.stats()``)
MATCHER = "sagte.corpus.identity"


def spelling(name: str) -> str:
    """A name as written, up to case, diacritics and spacing: what the user's overrides and
    :meth:`Registry.split` act on (finer than ``name_key``, which joins transliterations)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def last_key(name: str) -> str:
    """Key of the last word of ``name`` (the surname of a person)."""
    words = name_key(name).split()
    return words[-1] if words else ""


@dataclass
class Resolution:
    identity_id: int
    why: str
    created: bool = False
    name: str | None = None  # the identity's name before this resolution


class Registry:
    """Finds or creates the identity of a document's entity, inside the caller's transaction.

    ``db`` is the store's backend (``db.q(sql, params)`` runs one statement and returns rows).
    """

    def __init__(self, db):
        self.db = db

    # -- overrides -------------------------------------------------------------------------
    def _override(self, key: str, keys: set[str]) -> str | None:
        """The user's decision between spelling ``key`` and any of ``keys``, if any."""
        if not keys:
            return None
        marks = ",".join("?" for _ in keys)
        rows = self.db.q(
            f"SELECT kind FROM overrides WHERE (key_a = ? AND key_b IN ({marks})) OR (key_b = ? AND key_a IN ({marks}))",
            [key, *keys, key, *keys],
        )
        kinds = {r[0] for r in rows}
        if "different" in kinds:
            return "different"
        if "same" in kinds:
            return "same"
        return None

    # -- resolution ------------------------------------------------------------------------
    def candidates(self, name: str, type_: str) -> list[dict]:
        """Identities of ``type_`` with a variant of this name's key, or of its surname."""
        key, lk = name_key(name), last_key(name)
        rows = self.db.q(
            "SELECT DISTINCT i.id, i.name, i.type FROM variants v JOIN identities i ON i.id = v.identity_id "
            "WHERE i.merged_into IS NULL AND i.type = ? AND (v.key = ? OR v.last_key = ? OR v.key = ?)",
            [type_, key, lk, lk],
        )
        if not rows:
            return []
        ids = [r[0] for r in rows]
        marks = ",".join("?" for _ in ids)
        out = {iid: {"id": iid, "name": iname, "type": itype, "keys": set(), "spellings": set(), "roles": (), "count": 0}
               for iid, iname, itype in rows}
        for iid, vkey, vspelling, count in self.db.q(
                f"SELECT identity_id, key, spelling, count FROM variants WHERE identity_id IN ({marks})", ids):
            out[iid]["keys"].add(vkey)
            out[iid]["spellings"].add(vspelling)
            out[iid]["count"] += count
        for iid, role in self.db.q(f"SELECT identity_id, role FROM identity_roles WHERE identity_id IN ({marks})", ids):
            out[iid]["roles"] += (role,)
        # the same spelling first, then the same key, then the most frequent
        sp = spelling(name)
        return sorted(out.values(), key=lambda c: (sp not in c["spellings"], key not in c["keys"], -c["count"], c["id"]))

    def resolve(self, name: str, type_: str, roles: tuple[str, ...] = ()) -> Resolution:
        """The identity ``name`` belongs to (created if none fits), and why.

        The user's overrides come first. Otherwise :func:`sagte.corpus.identity.best_match`
        decides among the identities known with this name or surname (so a bare surname joins
        only when no other person could be meant); where several fit, the one whose name is
        exactly this name wins, else a new identity is made rather than a guess.
        """
        key = name_key(name)
        record = NameRecord(name=name, type=type_, roles=tuple(roles))
        live: list[dict] = []
        for cand in self.candidates(name, type_):
            override = self._override(spelling(name), cand["spellings"])
            if override == "same":
                return Resolution(cand["id"], "the user merged these names", name=cand["name"])
            if override != "different":
                live.append(cand)
        why_new = "first seen"
        if live:
            records = [NameRecord(name=c["name"], type=c["type"], roles=c["roles"]) for c in live]
            idx, decision = best_match(record, records)
            if idx is None:
                exact = [n for n, c in enumerate(live) if name_key(c["name"]) == key]
                if len(exact) == 1:
                    n = exact[0]
                    d = same_identity(record, records[n], others=[r for m, r in enumerate(records) if m != n])
                    if d.same:
                        idx, decision = n, Decision(True, f"{d.why} (the one known identity named exactly so)")
            if idx is not None:
                return Resolution(live[idx]["id"], decision.why, name=live[idx]["name"])
            why_new = f"first seen: {decision.why}"
        rows = self.db.q(
            "INSERT INTO identities (name, type, key, created_at) VALUES (?, ?, ?, ?) RETURNING id",
            [name, type_, key, self.db.now()],
        )
        return Resolution(rows[0][0], why_new, created=True, name=name)

    def attach(self, identity_id: int, name: str, why: str, *, roles=(), count: int = 1, new: bool = False,
               current: str | None = None, log: bool = True) -> str:
        """Record ``name`` as a variant of the identity (and its roles); log a new spelling joined
        to an existing identity (``log``). ``new``: the identity was just created (no variants
        yet); ``current``: its name, if known. Returns the identity's name afterwards."""
        if new or not self.db.q("UPDATE variants SET count = count + ? WHERE identity_id = ? AND name = ? RETURNING id",
                                [count, identity_id, name]):
            self.db.q(
                "INSERT INTO variants (identity_id, name, key, spelling, last_key, count, why) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [identity_id, name, name_key(name), spelling(name), last_key(name), count, why],
            )
            if log and not new:
                self.db.q(
                    "INSERT INTO merges (kind, identity_id, other_id, name, why, created_at) VALUES ('auto', ?, NULL, ?, ?, ?)",
                    [identity_id, name, why, self.db.now()],
                )
        for role in dict.fromkeys(roles):
            if new or not self.db.q(
                "UPDATE identity_roles SET count = count + 1 WHERE identity_id = ? AND role = ? RETURNING role", [identity_id, role]
            ):
                self.db.q("INSERT INTO identity_roles (identity_id, role, count) VALUES (?, ?, 1)", [identity_id, role])
        if new:
            return name
        if current is not None and (name == current or len(name.split()) < len(current.split())):
            return current  # cannot change which name is the most complete
        return self.rename(identity_id)

    def rename(self, identity_id: int) -> str:
        """Name the identity by its most complete spelling (most words), not a genitive of
        another ('Barack Obamas'), the most frequent, the first seen on a tie."""
        rows = self.db.q("SELECT v.name, v.count, v.id, i.name FROM variants v JOIN identities i ON i.id = v.identity_id "
                         "WHERE v.identity_id = ?", [identity_id])
        if not rows:
            return self.db.q("SELECT name FROM identities WHERE id = ?", [identity_id])[0][0]
        variants = [r[:3] for r in rows]
        current = rows[0][3]
        names = {v[0] for v in variants}

        def genitive(name: str) -> bool:
            return name[-1:] in ("s", "'", "’") and name[:-1] in names

        best = max(variants, key=lambda v: (len(v[0].split()), not genitive(v[0]), v[1], -v[2]))[0]
        if best != current:
            self.db.q("UPDATE identities SET name = ?, key = ? WHERE id = ?", [best, name_key(best), identity_id])
        return best

    # -- user decisions --------------------------------------------------------------------
    def merge(self, keep: int, other: int, why: str) -> None:
        """Join identity ``other`` into ``keep``: its variants, roles and mentions move over."""
        if keep == other:
            raise ValueError("an identity cannot be merged with itself")
        keys_keep = {r[0] for r in self.db.q("SELECT spelling FROM variants WHERE identity_id = ?", [keep])}
        keys_other = {r[0] for r in self.db.q("SELECT spelling FROM variants WHERE identity_id = ?", [other])}
        for a in keys_keep:
            for b in keys_other:
                if a != b:
                    self._set_override("same", a, b, why)
        for vid, name, count in self.db.q("SELECT id, name, count FROM variants WHERE identity_id = ?", [other]):
            if self.db.q("UPDATE variants SET count = count + ? WHERE identity_id = ? AND name = ? RETURNING id",
                         [count, keep, name]):
                continue
            self.db.q("UPDATE variants SET identity_id = ?, why = ? WHERE id = ?", [keep, f"user merge: {why}", vid])
        for role, count in self.db.q("SELECT role, count FROM identity_roles WHERE identity_id = ?", [other]):
            self.attach_role(keep, role, count)
        self.db.q("DELETE FROM variants WHERE identity_id = ?", [other])
        self.db.q("DELETE FROM identity_roles WHERE identity_id = ?", [other])
        self.rename(keep)
        self.db.q("UPDATE doc_entities SET identity_id = ? WHERE identity_id = ?", [keep, other])
        self.db.q("UPDATE identities SET merged_into = ? WHERE id = ?", [keep, other])
        self.db.q(
            "INSERT INTO merges (kind, identity_id, other_id, name, why, created_at) VALUES ('user_merge', ?, ?, NULL, ?, ?)",
            [keep, other, why, self.db.now()],
        )

    def attach_role(self, identity_id: int, role: str, count: int) -> None:
        done = self.db.q(
            "UPDATE identity_roles SET count = count + ? WHERE identity_id = ? AND role = ? RETURNING role", [count, identity_id, role]
        )
        if not done:
            self.db.q("INSERT INTO identity_roles (identity_id, role, count) VALUES (?, ?, ?)", [identity_id, role, count])

    def split(self, identity_id: int, variant: str, why: str) -> int:
        """Move the variant written ``variant`` (up to case and diacritics) and the document
        entities so named to a new identity; remember that it differs from what stays."""
        sp = spelling(variant)
        moving = self.db.q("SELECT name, count FROM variants WHERE identity_id = ? AND spelling = ?", [identity_id, sp])
        if not moving:
            raise KeyError(variant)
        staying = {r[0] for r in self.db.q("SELECT spelling FROM variants WHERE identity_id = ? AND spelling <> ?",
                                             [identity_id, sp])}
        if not staying:
            raise ValueError(f"'{variant}' is the only name of this identity; there is nothing to split it from")
        type_ = self.db.q("SELECT type FROM identities WHERE id = ?", [identity_id])[0][0]
        name = max((r[0] for r in moving), key=lambda n: (len(n.split()), len(n)))
        new_id = self.db.q(
            "INSERT INTO identities (name, type, key, created_at) VALUES (?, ?, ?, ?) RETURNING id",
            [name, type_, name_key(name), self.db.now()],
        )[0][0]
        self.db.q("UPDATE variants SET identity_id = ?, why = ? WHERE identity_id = ? AND spelling = ?",
                  [new_id, f"user split: {why}", identity_id, sp])
        # the document entities with that name follow it
        for doc_id, eid, ename in self.db.q("SELECT doc_id, eid, name FROM doc_entities WHERE identity_id = ?", [identity_id]):
            if spelling(ename) == sp:
                self.db.q("UPDATE doc_entities SET identity_id = ? WHERE doc_id = ? AND eid = ?", [new_id, doc_id, eid])
        for other in staying:
            self._set_override("different", sp, other, why)
        # the canonical name of what stays must be one of its names
        self.rename(identity_id)
        self.rename(new_id)
        self.db.q(
            "INSERT INTO merges (kind, identity_id, other_id, name, why, created_at) VALUES ('user_split', ?, ?, ?, ?, ?)",
            [identity_id, new_id, variant, why, self.db.now()],
        )
        return new_id

    def _set_override(self, kind: str, a: str, b: str, why: str) -> None:
        a, b = sorted((a, b))
        self.db.q("DELETE FROM overrides WHERE key_a = ? AND key_b = ?", [a, b])
        self.db.q("INSERT INTO overrides (kind, key_a, key_b, why, created_at) VALUES (?, ?, ?, ?, ?)", [kind, a, b, why, self.db.now()])

