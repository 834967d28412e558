"""Converters from each NER corpus in ``../shared/data/ner-de`` to one scheme: PER/LOC/ORG/MISC.

Every reader yields :class:`Sentence` objects (words, whether a space follows each word, and
one BIO tag per word in our labels). The mappings from each source's classes to ours are data
(``sagte/lang/de/ner_label_map.tsv``). ``ner-de/germeval2014`` is the dev set and is never read
here.

Entities made of lower-case words only (``deutschen``, ``europäische``) are dropped: GermEval
marks those as ``-deriv``, which the scorer ignores, so they are not entities for us.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import GoldDataError
from ..lang import load_table

LABELS = ("PER", "LOC", "ORG", "MISC")
SENTENCE_END = frozenset({".", "!", "?"})
MAX_SENTENCE_WORDS = 80


@dataclass
class Sentence:
    words: list[str]
    spaces: list[bool]
    tags: list[str]  # BIO over LABELS
    source: str

    def has_entity(self) -> bool:
        return any(t != "O" for t in self.tags)


def label_map(source: str) -> dict[str, str]:
    """The source's class -> our label (``O`` drops it), from ``ner_label_map.tsv``."""
    return {row["class"]: row["label"] for row in load_table("ner_label_map.tsv") if row["source"] == source}


def _map_tags(raw: list[str], mapping: dict[str, str]) -> list[str]:
    """Source BIO tags -> our BIO tags; unknown or malformed classes become ``O``; I- after O starts an entity."""
    out: list[str] = []
    prev = "O"
    for tag in raw:
        if tag == "O" or "-" not in tag:
            out.append("O")
            prev = "O"
            continue
        prefix, cls = tag.split("-", 1)
        label = mapping.get(cls, "O")
        if label == "O" or prefix not in ("B", "I"):
            out.append("O")
            prev = "O"
            continue
        if prefix == "I" and prev == label:
            out.append(f"I-{label}")
        else:
            out.append(f"B-{label}")
        prev = label
    return out


def _drop_lowercase_entities(words: list[str], tags: list[str]) -> list[str]:
    tags = list(tags)
    i = 0
    while i < len(tags):
        if tags[i].startswith("B-"):
            j = i + 1
            while j < len(tags) and tags[j].startswith("I-"):
                j += 1
            if not any(w[:1].isupper() or w[:1].isdigit() for w in words[i:j]):
                for k in range(i, j):
                    tags[k] = "O"
            i = j
        else:
            i += 1
    return tags


def _sentence(words, spaces, tags, mapping, source) -> Sentence:
    mapped = _drop_lowercase_entities(words, _map_tags(tags, mapping))
    return Sentence(list(words), list(spaces), mapped, source)


def _split_long(words: list[str], tags: list[str]) -> Iterator[tuple[list[str], list[str]]]:
    """Cut a token stream without sentence marks at ., ! and ? (and every MAX_SENTENCE_WORDS words)."""
    start = 0
    for i, word in enumerate(words):
        at_end = word in SENTENCE_END and not (i + 1 < len(tags) and tags[i + 1].startswith("I-"))
        if at_end or i - start + 1 >= MAX_SENTENCE_WORDS:
            if not tags[i].startswith(("B-", "I-")) or at_end:
                yield words[start : i + 1], tags[start : i + 1]
                start = i + 1
    if start < len(words):
        yield words[start:], tags[start:]


def _column_file(path: Path, word_col: int, tag_col: int, sep: str | None) -> Iterator[tuple[list[str], list[str]]]:
    """Blank-line separated sentences of ``word … tag`` rows (comment lines ``#`` skipped)."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            if line.startswith("#") and (sep == "\t" or line.startswith("# ")):
                continue
            parts = line.split(sep)
            if len(parts) <= max(word_col, tag_col):
                continue
            words.append(parts[word_col])
            tags.append(parts[tag_col])
    if words:
        yield words, tags


def read_wikineural(root: Path) -> Iterator[Sentence]:
    mapping = label_map("wikineural")
    for name in ("val.conllu", "test.conllu"):
        for words, tags in _column_file(root / "wikineural-de" / name, 1, 2, "\t"):
            yield _sentence(words, [True] * len(words), tags, mapping, "wikineural")


def read_ler(root: Path) -> Iterator[Sentence]:
    mapping = label_map("ler")
    for path in sorted((root / "ler-legal-de" / "per_court").glob("*.conll")):
        for words, tags in _column_file(path, 0, -1, " "):
            yield _sentence(words, [True] * len(words), tags, mapping, "ler")


def read_europeana(root: Path) -> Iterator[Sentence]:
    mapping = label_map("europeana")
    for path in sorted((root / "europeana-de").glob("*.bio")):
        words: list[str] = []
        tags: list[str] = []
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                parts = line.split()
                if len(parts) != 2:
                    continue
                words.append(parts[0])
                tags.append(parts[1])
        for w, t in _split_long(words, tags):
            yield _sentence(w, [True] * len(w), t, mapping, "europeana")


def read_hipe(root: Path) -> Iterator[Sentence]:
    mapping = label_map("hipe")
    for path in sorted((root / "hipe2020-de").glob("*-train-de.tsv")) + sorted((root / "hipe2020-de").glob("*-dev-de.tsv")):
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        with path.open(encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#") or line.startswith("TOKEN\t"):
                    continue
                parts = line.split("\t")
                if len(parts) < 10:
                    continue
                words.append(parts[0])
                spaces.append("NoSpaceAfter" not in parts[9])
                tags.append(parts[1])
                if "EndOfSentence" in parts[9] or len(words) >= MAX_SENTENCE_WORDS * 2:
                    yield _sentence(words, spaces, tags, mapping, "hipe")
                    words, spaces, tags = [], [], []
        if words:
            yield _sentence(words, spaces, tags, mapping, "hipe")


def _json_stream(path: Path) -> Iterator[dict]:
    text = gzip.open(path, "rt", encoding="utf-8").read()
    decoder = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        obj, i = decoder.raw_decode(text, i)
        yield obj


_WORD = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]", re.UNICODE)


def read_smartdata(root: Path) -> Iterator[Sentence]:
    """Character-offset mentions over the document text: tokenised here on word characters."""
    mapping = label_map("smartdata")
    for doc in _json_stream(root / "smartdata" / "train.json.gz"):
        text = doc["text"]["string"]
        mentions = []
        for cm in doc["conceptMentions"]["array"]:
            label = mapping.get(cm["type"], "O")
            if label != "O":
                mentions.append((cm["span"]["start"], cm["span"]["end"], label))
        tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        tags = ["O"] * len(tokens)
        for start, end, label in sorted(mentions):
            idx = [k for k, (s, e) in enumerate(tokens) if s >= start and e <= end]
            if not idx or any(tags[k] != "O" for k in idx):
                continue
            for n, k in enumerate(idx):
                tags[k] = ("B-" if n == 0 else "I-") + label
        # sentences: split at ., !, ? and line breaks
        words = [text[s:e] for s, e in tokens]
        spaces = [k + 1 < len(tokens) and tokens[k + 1][0] > e for k, (s, e) in enumerate(tokens)]
        start = 0
        for k, (s, e) in enumerate(tokens):
            newline = k + 1 < len(tokens) and "\n" in text[e : tokens[k + 1][0]]
            if words[k] in SENTENCE_END or newline or k == len(tokens) - 1 or k - start >= MAX_SENTENCE_WORDS:
                if tags[k].startswith(("B-", "I-")) and not (newline or k == len(tokens) - 1):
                    continue
                w, sp, t = words[start : k + 1], spaces[start : k + 1], tags[start : k + 1]
                if t and t[0].startswith("I-"):
                    t[0] = "B-" + t[0][2:]
                yield Sentence(w, sp, _drop_lowercase_entities(w, t), "smartdata")
                start = k + 1


READERS = {
    "wikineural": read_wikineural,
    "smartdata": read_smartdata,
    "ler": read_ler,
    "europeana": read_europeana,
    "hipe": read_hipe,
}


def read_source(name: str, root: Path) -> Iterator[Sentence]:
    if name not in READERS:
        raise GoldDataError(f"unknown NER source {name!r}; choose one of {', '.join(READERS)}.")
    if not (root).is_dir():
        raise GoldDataError(f"{root} is missing: set SAGTE_DATA to the folder holding ner-de/.")
    return READERS[name](root)
