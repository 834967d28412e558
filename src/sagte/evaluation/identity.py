"""``sagte eval identity``: precision and recall of cross-article identity merges.

The gold set (``data/identity_pairs.tsv``, described in ``data/identity_pairs.md``) holds pairs of
article-level name records (name, type, roles in apposition, a pointer into ../shared/data) and
whether they name the same referent. Each pair is decided by
:func:`sagte.corpus.identity.same_identity`, once with every other record of the set as the
names already known (``others``, as a registry would see them) and once alone.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.identity import NameRecord, same_identity
from ..errors import GoldDataError
from . import PRF

PAIRS_PATH = Path(__file__).parent / "data" / "identity_pairs.tsv"
COLUMNS = ("pair", "a_name", "a_type", "a_roles", "a_source", "a_referent",
           "b_name", "b_type", "b_roles", "b_source", "b_referent", "same")


@dataclass(frozen=True)
class GoldRecord:
    record: NameRecord
    source: str
    referent: str


@dataclass(frozen=True)
class GoldPair:
    id: str
    a: GoldRecord
    b: GoldRecord
    same: bool


@dataclass
class IdentityScores:
    pairs: int = 0
    with_registry: PRF = field(default_factory=PRF)
    pairwise: PRF = field(default_factory=PRF)
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"pairs": self.pairs, "merges": self.with_registry.as_dict(), "merges_pairwise_only": self.pairwise.as_dict(),
                "errors": self.errors}


def load_pairs(path: Path = PAIRS_PATH) -> list[GoldPair]:
    if not path.is_file():
        raise GoldDataError(f"{path} does not exist: give the identity pairs TSV (default {PAIRS_PATH}).")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise GoldDataError(f"{path}: the header must be {' '.join(COLUMNS)}")
    out = []
    for n, row in enumerate(reader, start=1):
        if None in row or row["same"] not in ("0", "1"):
            raise GoldDataError(f"{path}: pair {n} is malformed (12 tab-separated columns, same = 0 or 1): {row}")

        def rec(side: str) -> GoldRecord:
            roles = tuple(r.strip() for r in row[f"{side}_roles"].split("|") if r.strip())
            return GoldRecord(NameRecord(row[f"{side}_name"], row[f"{side}_type"], roles), row[f"{side}_source"], row[f"{side}_referent"])

        out.append(GoldPair(row["pair"], rec("a"), rec("b"), row["same"] == "1"))
    return out


def score(pairs: list[GoldPair]) -> IdentityScores:
    """Merges as decided by ``same_identity``; a merge is correct where gold says same."""
    known: dict[tuple, NameRecord] = {}
    for p in pairs:
        for g in (p.a, p.b):
            known[(g.source, g.record)] = g.record
    registry = list(known.values())
    scores = IdentityScores(pairs=len(pairs))
    for p in pairs:
        others = [r for r in registry if r is not p.a.record and r is not p.b.record and r != p.a.record and r != p.b.record]
        decision = same_identity(p.a.record, p.b.record, others=others)
        alone = same_identity(p.a.record, p.b.record)
        scores.with_registry.add(tp=float(decision.same and p.same), pred=float(decision.same), gold=float(p.same))
        scores.pairwise.add(tp=float(alone.same and p.same), pred=float(alone.same), gold=float(p.same))
        if decision.same != p.same:
            scores.errors.append({"pair": p.id, "a": p.a.record.name, "a_roles": list(p.a.record.roles), "b": p.b.record.name,
                                  "b_roles": list(p.b.record.roles), "gold": p.same, "why": decision.why})
    return scores


def run(path: Path = PAIRS_PATH) -> IdentityScores:
    return score(load_pairs(path))


# --- pointers back into the corpora (checked by a test where ../shared/data exists) -----------


def resolve_source(source: str, data_dir: Path, _cache: dict | None = None) -> str:
    """The text a pointer names: ``quotes-de/<split>.jsonl:doc=<n>#c<start>-<end>`` (characters of
    the article's text), ``raw-de/10kgnad-test.csv:line=<n>#c<start>-<end>`` (characters of line n
    after its first ';') or ``<conll file>:s<sentence>#t<start>-<end>`` (tokens joined by spaces)."""
    cache = _cache if _cache is not None else {}
    where, _, span = source.partition("#")
    rel, _, doc = where.partition(":")
    path = data_dir / rel
    if rel.startswith("quotes-de/"):
        if rel not in cache:
            docs = {}
            with path.open(encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    docs["doc=" + d["file"].split(" - ")[0]] = d["originalText"]
            cache[rel] = docs
        start, end = (int(x) for x in span[1:].split("-"))
        return cache[rel][doc][start:end]
    if rel.startswith("raw-de/"):
        if rel not in cache:
            cache[rel] = [line.rstrip("\n").partition(";")[2] for line in path.open(encoding="utf-8")]
        start, end = (int(x) for x in span[1:].split("-"))
        return cache[rel][int(doc.split("=")[1])][start:end]
    if rel not in cache:
        sentences, current = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                if current:
                    sentences.append(current)
                current = []
                continue
            current.append(cols[1])
        if current:
            sentences.append(current)
        cache[rel] = sentences
    start, end = (int(x) for x in span[1:].split("-"))
    return " ".join(cache[rel][int(doc[1:])][start:end])
