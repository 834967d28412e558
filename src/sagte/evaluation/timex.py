"""``sagte eval timex``: TempEval-3-style scores of time expressions on TimeML (and TIMEX2) folders.

Gold documents are TimeML files (KRAUTS: ``<DCT>`` holds the document creation time, ``<TEXT>``
the annotated text) or WikiWarsDE ``keyinline`` SGML (``<DATETIME>``, ``<TIMEX2 val=…>``). The
system's text is the text of ``<TEXT>`` with the tags removed, its date the DCT.

Measures, as in TempEval-3 (UzZaman et al. 2013): strict span P/R/F1 (identical offsets after
trimming whitespace), relaxed span P/R/F1 (any overlap, one-to-one), value and type F1 (a relaxed
match whose value/type agrees: P = correct / system, R = correct / gold) and, over the relaxed
matches, value and type accuracy. ``system_dir`` (one folder or several) scores another system's
TimeML output on the same documents (e.g. HeidelTime's), matched by file name.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldDataError
from . import PRF

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str | None
    value: str


@dataclass
class TimemlDoc:
    name: str
    dct: dt.date | None
    text: str
    timexes: list[GoldTimex]


def _strip_tags(body: str, tag: str) -> tuple[str, list[GoldTimex]]:
    """Text of ``body`` without markup, and the ``tag`` elements as offsets into it."""
    out: list[str] = []
    pos = 0
    length = 0
    stack: list[tuple[int, dict]] = []
    found: list[GoldTimex] = []
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name.upper() != tag:
            continue
        if closing:
            if stack:
                start, a = stack.pop()
                found.append(GoldTimex(start, length, a.get("type"), (a.get("value") or a.get("val") or "").strip()))
        elif not selfclosing:
            stack.append((length, {k.lower(): v for k, v in _ATTR.findall(attrs)}))
    out.append(html.unescape(body[pos:]))
    return "".join(out), found


def read_timeml(path: Path) -> TimemlDoc:
    """One TimeML (``<TIMEX3>``) or TIMEX2 SGML file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GoldDataError(f"cannot read {path}: {err}; give TimeML files (*.tml) or WikiWarsDE keyinline files.") from err
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise GoldDataError(f"{path} has no <TEXT> element: give TimeML files (*.tml) or WikiWarsDE keyinline files.")
    tag = "TIMEX3" if "<TIMEX3" in raw else "TIMEX2"
    text, timexes = _strip_tags(body.group(1), tag)
    head = raw[: body.start()]
    dct_m = re.search(r"<(?:DCT|DATETIME)>(.*?)</(?:DCT|DATETIME)>", head, re.S)
    dct = None
    if dct_m:
        d = _DATE.search(re.sub(r"<[^>]+>", " ", dct_m.group(1)) + " " + dct_m.group(1))
        if d:
            try:
                dct = dt.date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
            except ValueError:
                dct = None
    return TimemlDoc(path.name, dct, text, timexes)


def timeml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise GoldDataError(f"{path} does not exist: give a folder of TimeML files, e.g. ../shared/data/timex-de/krauts/Dolomiten-42.")
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in (".tml", ".xml", ".sgm", ".timeml") and not p.name.startswith("."))
    if not files:
        raise GoldDataError(f"{path} holds no TimeML files (*.tml, *.xml, *.sgm).")
    return files


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class TimexScores:
    documents: int = 0
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    type: PRF = field(default_factory=PRF)
    errors: list[dict] = field(default_factory=list)

    def add(self, text: str, gold: list[GoldTimex], pred: list[GoldTimex], *, name: str = "", keep_errors: bool = False) -> None:
        self.documents += 1
        gold = [GoldTimex(*_trim(text, g.start, g.end), g.type, g.value) for g in gold if g.end > g.start]
        pred = [GoldTimex(*_trim(text, p.start, p.end), p.type, p.value) for p in pred if p.end > p.start]
        gold_spans = {(g.start, g.end) for g in gold}
        strict_tp = len({(p.start, p.end) for p in pred} & gold_spans)
        self.strict.add(strict_tp, len(pred), len(gold))
        used: set[int] = set()
        matched = 0
        value_ok = type_ok = 0
        for p in sorted(pred, key=lambda p: p.start):
            best = None
            for gi, g in enumerate(gold):
                if gi in used or not (p.start < g.end and g.start < p.end):
                    continue
                exact = (g.start, g.end) == (p.start, p.end)
                if best is None or exact:
                    best = gi
                    if exact:
                        break
            if best is None:
                if keep_errors:
                    self.errors.append({"doc": name, "kind": "spurious", "text": text[p.start:p.end], "pred": p.value, "type": p.type})
                continue
            used.add(best)
            matched += 1
            g = gold[best]
            if p.value == g.value:
                value_ok += 1
            elif keep_errors:
                self.errors.append({"doc": name, "kind": "value", "text": text[p.start:p.end], "gold_text": text[g.start:g.end],
                                    "pred": p.value, "gold": g.value, "type": p.type, "gold_type": g.type})
            if g.type is None or p.type == g.type:
                type_ok += 1
        if keep_errors:
            for gi, g in enumerate(gold):
                if gi not in used:
                    self.errors.append({"doc": name, "kind": "missed", "text": text[g.start:g.end], "gold": g.value, "type": g.type})
        self.relaxed.add(matched, len(pred), len(gold))
        self.value.add(value_ok, len(pred), len(gold))
        self.type.add(type_ok, len(pred), len(gold))

    def as_dict(self) -> dict:
        m = self.relaxed.tp
        return {
            "documents": self.documents,
            "strict": self.strict.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "value": self.value.as_dict(),
            "type": self.type.as_dict(),
            "value_accuracy": round(self.value.tp / m, 4) if m else 0.0,
            "type_accuracy": round(self.type.tp / m, 4) if m else 0.0,
        }


def sagte_timexes(nlp, doc: TimemlDoc) -> list[GoldTimex]:
    """What ``sagte_times`` finds in one document, as offsets into its text."""
    from ..extensions import SPANS_TIMES

    sdoc = nlp.make_doc(doc.text)
    sdoc._.sagte_date = doc.dct
    sdoc = nlp(sdoc)
    return [GoldTimex(s.start_char, s.end_char, s._.sagte_timex["type"], s._.sagte_timex["value"]) for s in sdoc.spans[SPANS_TIMES]]


def time_pipeline(*, narrative: bool = False):
    """The stages the time tagger needs, as they run in the shipped pipeline: sentences, the
    morphology (the tense of a sentence's verbs points weekdays back or ahead) and the times."""
    import spacy

    from .. import segmentation as _seg  # noqa: F401  (registers the sentencizer)
    from .. import time as _time  # noqa: F401  (registers sagte_times)
    from ..extensions import register_extensions
    from ..morph import component as _morph  # noqa: F401  (registers sagte_morph)
    from ..tokenizer import customize_tokenizer

    register_extensions()
    nlp = customize_tokenizer(spacy.blank("de"))
    nlp.add_pipe("sagte_sentencizer")
    nlp.add_pipe("sagte_morph")
    nlp.add_pipe("sagte_times", config={"narrative": narrative})
    return nlp


def run(
    paths: Iterable[Path],
    *,
    system_dir: Path | list[Path] | None = None,
    nlp=None,
    progress: Callable | None = None,
    keep_errors: bool = False,
    narrative: bool = False,
) -> dict:
    """Scores of sagte (and of ``system_dir``'s output, if given) on the TimeML files under ``paths``."""
    files = [f for p in paths for f in timeml_files(Path(p))]
    nlp = nlp or time_pipeline(narrative=narrative)
    ours = TimexScores()
    system_dirs = [Path(d) for d in ([system_dir] if isinstance(system_dir, (str, Path)) else (system_dir or []))]
    other = TimexScores() if system_dirs else None
    items = progress(files, len(files)) if progress else files
    for f in items:
        gold = read_timeml(f)
        ours.add(gold.text, gold.timexes, sagte_timexes(nlp, gold), name=f.name, keep_errors=keep_errors)
        if other is not None:
            sys_file = next((d / f.name for d in system_dirs if (d / f.name).is_file()), None)
            if sys_file is None:
                raise GoldDataError(f"no {f.name} in {', '.join(map(str, system_dirs))}: --system-dir must hold a file of the same name for every gold file.")
            sys_doc = read_timeml(sys_file)
            if sys_doc.text != gold.text:
                raise GoldDataError(f"{sys_file}: its text differs from the gold file's; the system output must keep the text unchanged.")
            other.add(gold.text, gold.timexes, sys_doc.timexes)
    result = {"files": len(files), "sagte": ours.as_dict()}
    if other is not None:
        result["system"] = {"dir": ", ".join(map(str, system_dirs)), **other.as_dict()}
    if keep_errors:
        result["errors"] = ours.errors
    return result
