"""Scoring statements against the quotes-de gold (GermEval 2023 SpkAtt task 2 data).

Predicted and gold statements of a document are aligned one-to-one, greedily by the Jaccard
similarity of their content tokens (gold tokens; a predicted span covers every gold token it
overlaps). Then, micro-averaged over the corpus:

- role scores: token overlap precision/recall/F1 for content, speaker, cue and addressee (an
  unaligned prediction's tokens are false positives, an unaligned gold's are misses), and
  ``joint`` over all four roles together;
- ``unit``: a statement counts when its aligned gold has content Jaccard ≥ 0.5;
- ``attributed``: a unit match whose speaker spans share a token (or both have none);
- recall and attributed recall per gold kind;
- precision at confidence ≥ 0.8: the share of confident statements that are attributed units.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldDataError
from . import PRF

ROLES = ("content", "speaker", "cue", "addressee")
GOLD_ROLE = {"content": "quote", "speaker": "speaker", "cue": "cue", "addressee": "addressee"}
KIND_OF_GOLD = {
    "Direct": "direct",
    "Indirect": "indirect",
    "FreeIndirect": "free_indirect",
    "IndirectFreeIndirect": "indirect_free_indirect",
    "Reported": "reported",
}
UNIT_JACCARD = 0.5


@dataclass
class GoldStatement:
    kind: str
    roles: dict[str, frozenset[int]]
    nested: bool
    medium: str


@dataclass
class GoldDocument:
    id: str
    text: str
    date: str | None
    token_starts: list[int]
    token_ends: list[int]
    statements: list[GoldStatement]


def read_gold(path: Path, *, top_level_only: bool = False) -> list[GoldDocument]:
    """Read a quotes-de JSONL file (one original document per line)."""
    if not path.is_file():
        raise GoldDataError(f"{path} not found: point `sagte eval quotes` at ../shared/data/quotes-de/dev.jsonl.")
    docs = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            try:
                raw = json.loads(line)
                tokens = sorted(raw["tokens"], key=lambda t: t["id"])
                statements = []
                for ann in raw["annotations"]:
                    if top_level_only and ann.get("isNested"):
                        continue
                    roles = {role: frozenset(ann[GOLD_ROLE[role]]["tokenIds"]) if ann.get(GOLD_ROLE[role]) else frozenset()
                             for role in ROLES}
                    statements.append(GoldStatement(KIND_OF_GOLD[ann["type"]], roles, bool(ann.get("isNested")), ann.get("medium", "")))
                docs.append(GoldDocument(
                    id=raw.get("file") or raw.get("documentName") or str(lineno),
                    text=raw["originalText"],
                    date=raw.get("date"),
                    token_starts=[t["charBegin"] for t in tokens],
                    token_ends=[t["charEnd"] for t in tokens],
                    statements=statements,
                ))
            except (KeyError, TypeError, json.JSONDecodeError) as err:
                raise GoldDataError(f"{path}:{lineno} is not a quotes-de document ({err!r}).") from None
    return docs


def read_gepade(folder: Path) -> list[GoldDocument]:
    """Read GePaDe (GermEval 2023 SpkAtt task 1, Bundestag speeches): one JSON per speech.

    The text is rebuilt from the tokens (joined by spaces, sentences by newlines); speech
    events with a message become statements (Message → content, Source → speaker, Cue → cue,
    Addr → addressee). GePaDe has no kinds: every statement counts as ``indirect``.
    """
    files = sorted(folder.glob("*.json"))
    if not files:
        raise GoldDataError(f"{folder} holds no GePaDe .json files: point at ../shared/data/speech-de/gepade/dev/task1.")
    docs = []
    for path in files:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            starts, ends, pieces, where = [], [], [], {}
            pos = 0
            for sent in raw["Sentences"]:
                for k, tok in enumerate(sent["Tokens"]):
                    if pieces:
                        pieces.append("\n" if k == 0 else " ")
                        pos += 1
                    where[f"{sent['SentenceId']}:{k}"] = len(starts)
                    starts.append(pos)
                    pieces.append(tok)
                    pos += len(tok)
                    ends.append(pos)
            statements = []
            for ann in raw["Annotations"]:
                if not ann.get("Message"):
                    continue
                roles = {role: frozenset(where[t] for t in ann.get(key, []) if t in where)
                         for role, key in (("content", "Message"), ("speaker", "Source"), ("cue", "Cue"), ("addressee", "Addr"))}
                statements.append(GoldStatement("indirect", roles, False, ",".join(ann.get("Medium", []))))
            docs.append(GoldDocument(id=path.stem, text="".join(pieces), date=None, token_starts=starts,
                                     token_ends=ends, statements=statements))
        except (KeyError, TypeError, json.JSONDecodeError) as err:
            raise GoldDataError(f"{path} is not a GePaDe task 1 document ({err!r}).") from None
    return docs


class TokenIndex:
    """Maps character spans onto the gold tokens they overlap."""

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts, self.ends = starts, ends

    def tokens(self, start: int, end: int) -> frozenset[int]:
        import bisect

        lo = bisect.bisect_right(self.ends, start)
        hi = bisect.bisect_left(self.starts, end)
        return frozenset(range(lo, hi))


@dataclass
class PredStatement:
    kind: str
    roles: dict[str, frozenset[int]]
    confidence: float


def predicted_statements(doc: dict, index: TokenIndex, *, top_level_only: bool = False) -> list[PredStatement]:
    """Our document (contract dict) as gold-token sets per role (nested ones left out with
    ``top_level_only``, as the gold then leaves out its nested ones)."""
    out = []
    for st in doc["statements"]:
        if top_level_only and st.get("parent"):
            continue
        def toks(spans):
            result = frozenset()
            for s in spans:
                result |= index.tokens(s["start"], s["end"])
            return result

        roles = {
            "content": toks(st["content"]),
            "cue": toks(st["cue"]),
            "speaker": toks([st["speaker"]] if st.get("speaker") else []),
            "addressee": toks([st["addressee"]] if st.get("addressee") else []),
        }
        out.append(PredStatement(st["kind"], roles, st["confidence"]))
    return out


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def align(pred: list[PredStatement], gold: list[GoldStatement]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one alignment by content Jaccard (highest first); pairs with Jaccard > 0."""
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            jac = jaccard(p.roles["content"], g.roles["content"])
            if jac > 0:
                candidates.append((jac, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p, used_g, pairs = set(), set(), []
    for jac, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j, jac))
    return pairs


@dataclass
class QuoteScores:
    roles: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in (*ROLES, "joint")})
    unit: PRF = field(default_factory=PRF)
    attributed: PRF = field(default_factory=PRF)
    kind_recall: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    kind_attributed: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    kind_predicted: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    confident: PRF = field(default_factory=PRF)  # attributed precision at confidence >= 0.8
    documents: int = 0

    def add_document(self, pred: list[PredStatement], gold: list[GoldStatement]) -> None:
        self.documents += 1
        pairs = align(pred, gold)
        matched_p = {i: (j, jac) for i, j, jac in pairs}
        for role in ROLES:
            prf = self.roles[role]
            for i, p in enumerate(pred):
                tp = len(p.roles[role] & gold[matched_p[i][0]].roles[role]) if i in matched_p else 0
                prf.add(tp, len(p.roles[role]), 0)
                self.roles["joint"].add(tp, len(p.roles[role]), 0)
            for g in gold:
                prf.add(0, 0, len(g.roles[role]))
                self.roles["joint"].add(0, 0, len(g.roles[role]))
        units = {i: j for i, (j, jac) in matched_p.items() if jac >= UNIT_JACCARD}
        attributed = {i: j for i, j in units.items() if _same_speaker(pred[i], gold[j])}
        self.unit.add(len(units), len(pred), len(gold))
        self.attributed.add(len(attributed), len(pred), len(gold))
        unit_gold = set(units.values())
        attr_gold = set(attributed.values())
        for j, g in enumerate(gold):
            self.kind_recall[g.kind].add(j in unit_gold, 0, 1)
            self.kind_attributed[g.kind].add(j in attr_gold, 0, 1)
        for i, p in enumerate(pred):
            self.kind_predicted[p.kind].add(i in units, 1, 0)
            if p.confidence >= 0.8:
                self.confident.add(i in attributed, 1, 0)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "roles": {r: prf.as_dict() for r, prf in self.roles.items()},
            "unit": self.unit.as_dict(),
            "attributed": self.attributed.as_dict(),
            "recall_by_kind": {k: round(v.recall, 4) for k, v in sorted(self.kind_recall.items())},
            "attributed_recall_by_kind": {k: round(v.recall, 4) for k, v in sorted(self.kind_attributed.items())},
            "gold_by_kind": {k: int(v.gold) for k, v in sorted(self.kind_recall.items())},
            "precision_by_predicted_kind": {k: round(v.precision, 4) for k, v in sorted(self.kind_predicted.items())},
            "precision_at_confidence_0.8": self.confident.as_dict(),
        }


def _same_speaker(p: PredStatement, g: GoldStatement) -> bool:
    if not g.roles["speaker"]:
        return not p.roles["speaker"]
    return bool(p.roles["speaker"] & g.roles["speaker"])


def evaluate(gold_docs: Iterable[GoldDocument], documents: Iterable[dict], *, top_level_only: bool = False) -> QuoteScores:
    """Score our documents (contract dicts, same order) against the gold."""
    scores = QuoteScores()
    for gold, doc in zip(gold_docs, documents, strict=True):
        if doc["text"] != gold.text:
            raise GoldDataError(f"document {gold.id}: analysed text differs from the gold text; offsets cannot be compared.")
        index = TokenIndex(gold.token_starts, gold.token_ends)
        scores.add_document(predicted_statements(doc, index, top_level_only=top_level_only), gold.statements)
    return scores


def run(path: Path, *, top_level_only: bool = False, nlp=None, progress=None) -> QuoteScores:
    """Analyse every gold document with our pipeline and score it."""
    from ..analyze import analyze_many

    gold = read_gepade(path) if path.is_dir() else read_gold(path, top_level_only=top_level_only)
    records = ({"id": g.id, "text": g.text, "date": g.date} for g in gold)
    docs = (d.to_dict() for d in analyze_many(records, nlp=nlp))
    if progress is not None:
        docs = progress(docs, len(gold))
    return evaluate(gold, docs, top_level_only=top_level_only)
