"""The entity stage against PCC 2.0 coreference gold: name clusters and "er"/"sie" resolution.

Names: every pair of proper-name markables (np_form "ne", coordinations left out) of one text
that the stage found as mentions is scored: same gold chain and same entity is a correct link;
pairwise precision and recall of links, and how many name markables were found at all (without
an NER stage in the pipeline only persons with a known first name or a role are found). PCC
does not chain every repeated name, so some "wrong" links are right.

For every personal pronoun "er"/"sie" of the Potsdam Commentary Corpus whose gold coreference
chain holds a proper name before it, the pronoun is made the speaker of a statement (as if it
said something) and resolved by ``sagte.entities.resolve``; it is right when the entity chosen
has a name mention inside a markable of that gold chain. A baseline takes the closest preceding
person of any gender. Prints accuracy and coverage.

    python benchmarks/entities_pcc.py [--limit N] [--verbose]

Reads ../shared/data/coref-de/pcc-2.0 (CC BY-NC-SA 4.0); writes nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from sagte.corpus.identity import given_gender
from sagte.entities.resolve import build_entities, is_role_word
from sagte.evaluation import data_dir
from sagte.pipeline import create_pipeline
from sagte.speech.model import Statement

TARGETS = {"er", "sie"}
VERBOSE = False


def _words(path: Path) -> list[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return [(w.get("id"), w.text or "") for w in root.iter() if w.tag.endswith("word")]


def _span_ids(span: str) -> list[str]:
    out = []
    for part in span.split(","):
        if ".." in part:
            a, b = part.split("..")
            pa, na = a.rsplit("_", 1)
            _, nb = b.rsplit("_", 1)
            out += [f"{pa}_{n}" for n in range(int(na), int(nb) + 1)]
        else:
            out.append(part)
    return out


def _markables(path: Path) -> list[dict]:
    root = ET.parse(path).getroot()
    return [dict(m.attrib) for m in root.iter() if m.tag.endswith("markable")]


def _chains(markables: list[dict]) -> dict[str, str]:
    parent = {m["id"]: m["id"] for m in markables}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in markables:
        ante = m.get("anaphor_antecedent", "empty")
        if ante and ante != "empty" and ante in parent:
            parent[find(m["id"])] = find(ante)
    return {m: find(m) for m in parent}


def load_doc(base: Path, name: str):
    words = _words(base / "basedata" / f"{name}_words.xml")
    text, offsets = "", {}
    for wid, w in words:
        if text:
            text += " "
        offsets[wid] = (len(text), len(text) + len(w))
        text += w
    markables = _markables(base / "markables" / f"{name}_primmark_level.xml")
    return text, offsets, markables


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N texts")
    ap.add_argument("--verbose", action="store_true", help="list the misses on person chains")
    args = ap.parse_args(argv)
    global VERBOSE
    VERBOSE = args.verbose
    base = data_dir() / "coref-de" / "pcc-2.0" / "coreference"
    if not base.is_dir():
        print(f"{base} is missing: set SAGTE_DATA", file=sys.stderr)
        return 3
    nlp = create_pipeline(disable=("sagte_entities",))
    names = sorted(p.name[: -len(".mmax")] for p in base.glob("*.mmax"))
    if args.limit:
        names = names[: args.limit]
    total = resolved = right = base_right = 0
    name_markables = name_found = 0
    links = {"tp": 0, "pred": 0, "gold": 0}
    person = {"total": 0, "resolved": 0, "right": 0, "base": 0}
    started = time.perf_counter()
    for name in names:
        text, offsets, markables = load_doc(base, name)
        doc = nlp(text)
        chain_of = _chains(markables)
        spans = {}
        for m in markables:
            ids = [i for i in _span_ids(m["span"]) if i in offsets]
            if ids:
                spans[m["id"]] = (offsets[ids[0]][0], offsets[ids[-1]][1])
        names_in_chain: dict[str, list[tuple[int, int]]] = {}
        for m in markables:
            if m.get("np_form", "").lower() == "ne" and m["id"] in spans:
                names_in_chain.setdefault(chain_of[m["id"]], []).append(spans[m["id"]])
        targets = []
        for m in markables:
            if m.get("np_form", "").lower() != "pper" or m["id"] not in spans:
                continue
            start, end = spans[m["id"]]
            if text[start:end].lower() not in TARGETS:
                continue
            chain = chain_of[m["id"]]
            if not any(e <= start for _, e in names_in_chain.get(chain, [])):
                continue  # no name before it in its chain
            span = doc.char_span(start, end)
            if span is not None:
                targets.append((span, chain))
        # a chain is a person's when one of its names has a first name or a role we know
        person_chains = {ch for ch, spans_ in names_in_chain.items()
                         if any(given_gender(w) or is_role_word(w) for s, e in spans_ for w in text[s:e].split())}
        # names: which entity holds each proper-name markable (by its last token)
        entity_of_markable = {}
        chains_of_markable = {}
        ents_now = build_entities(doc)  # with the speech stage's statements, as in the pipeline
        token_entity = {}
        for n, c in enumerate(ents_now):
            for m in c.mentions:
                if m.text.lower() in TARGETS:
                    continue
                for i in range(m.start, m.end):
                    token_entity.setdefault(i, n)
        for m in markables:
            if m.get("np_form", "").lower() != "ne" or m["id"] not in spans:
                continue
            s_, e_ = spans[m["id"]]
            if re.search(r" (und|oder|sowie|,) ", text[s_:e_]):
                continue  # a coordination of names is a group, not one referent
            span = doc.char_span(s_, e_, alignment_mode="expand")
            if span is None:
                continue
            name_markables += 1
            chains_of_markable[m["id"]] = chain_of[m["id"]]
            found = token_entity.get(span.end - 1)
            if found is not None:
                name_found += 1
                entity_of_markable[m["id"]] = found
        ids = sorted(entity_of_markable)
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = ids[x], ids[y]
                same_gold = chains_of_markable[a] == chains_of_markable[b]
                same_pred = entity_of_markable[a] == entity_of_markable[b]
                if VERBOSE and same_pred != same_gold:
                    what = "wrong link" if same_pred else "missed link"
                    print(f"  {what} {name}: {text[slice(*spans[a])]!r} / {text[slice(*spans[b])]!r}")
                links["tp"] += same_gold and same_pred
                links["pred"] += same_pred
                links["gold"] += same_gold
        if not targets:
            continue
        targets.sort(key=lambda t: t[0].start)
        doc._.sagte_statements = [Statement(kind="indirect", content=[span], speaker=span) for span, _ in targets]
        entities = build_entities(doc)
        for st, (span, chain) in zip(doc._.sagte_statements, targets):
            total += 1
            gold = names_in_chain[chain]

            def hits(cluster) -> bool:
                return any(gs <= m.start_char and m.end_char <= ge for m in cluster.mentions
                           if m.text.lower() not in TARGETS for gs, ge in gold)

            ok = st.speaker_cluster is not None and hits(entities[st.speaker_cluster])
            if st.speaker_cluster is not None:
                resolved += 1
                right += ok
            # baseline: the person mentioned last before the pronoun, any gender
            persons = [c for c in entities if c.label == "PER"]
            last = max(persons, key=lambda c: max((m.end for m in c.mentions if m.end <= span.start and m.text.lower() not in TARGETS), default=-1), default=None)
            base_ok = last is not None and any(m.end <= span.start for m in last.mentions) and hits(last)
            base_right += base_ok
            if chain in person_chains and VERBOSE and not ok:
                got = entities[st.speaker_cluster].name if st.speaker_cluster is not None else None
                print(f"  miss {name} {span.text!r} at {span.start}: gold {[text[s:e] for s, e in gold]}, got {got!r}, "
                      f"baseline {'right' if base_ok else 'wrong'}")
            if chain in person_chains:
                person["total"] += 1
                person["resolved"] += st.speaker_cluster is not None
                person["right"] += ok
                person["base"] += base_ok
    secs = time.perf_counter() - started
    lp = links["tp"] / max(links["pred"], 1)
    lr = links["tp"] / max(links["gold"], 1)
    print(f"names: {name_found} of {name_markables} proper-name markables found as mentions ({name_found / max(name_markables, 1):.3f}); "
          f"links between found names: precision {lp:.3f}, recall {lr:.3f} ({links['tp']} of {links['pred']} predicted, "
          f"{links['gold']} gold)")
    print(f"PCC 2.0: {len(names)} texts, {total} pronouns er/sie with a named antecedent in their gold chain ({secs:.0f} s)")
    if total:
        print(f"sagte_entities: resolved {resolved} ({resolved / total:.3f}), right {right} "
              f"(accuracy {right / total:.3f}; precision of resolved {right / max(resolved, 1):.3f})")
        print(f"baseline (closest preceding person, any gender): right {base_right} (accuracy {base_right / total:.3f})")
    if person["total"]:
        n = person["total"]
        print(f"of these, {n} whose chain names a person (a known first name or role in the name): sagte_entities "
              f"resolved {person['resolved'] / n:.3f}, accuracy {person['right'] / n:.3f}; baseline accuracy {person['base'] / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
