"""Exports of a store: statements as JSON Lines or CSV, the speaker network as GraphML.

GraphML follows http://graphml.graphdrawing.org/ (read by networkx ``read_graphml`` and by
Gephi): nodes are identities (``label``, ``type``, ``statements``), directed edges go from a
speaker to an identity mentioned in the content of its statements, ``weight`` = how many.
"""

from __future__ import annotations

import csv
import json
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from .core import Store

STATEMENT_COLUMNS = ("id", "document", "statement", "title", "date", "kind", "medium", "speaker", "speaker_id",
                     "speaker_name", "addressee", "cue", "content", "confidence", "about")


def _all_statements(store: Store):
    return store.statements(limit=None)


def write_statements_jsonl(store: Store, out: TextIO) -> int:
    n = 0
    for row in _all_statements(store):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def write_statements_csv(store: Store, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(STATEMENT_COLUMNS)
    n = 0
    for row in _all_statements(store):
        writer.writerow([csv_value(row.get(c)) for c in STATEMENT_COLUMNS])
        n += 1
    return n


def write_graphml(store: Store, out: TextIO, *, min_weight: int = 1) -> tuple[int, int]:
    """The network of who speaks about whom; returns (nodes, edges)."""
    net = store.network(min_weight=min_weight)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
              'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    out.write('  <key id="label" for="node" attr.name="label" attr.type="string"/>\n')
    out.write('  <key id="type" for="node" attr.name="type" attr.type="string"/>\n')
    out.write('  <key id="statements" for="node" attr.name="statements" attr.type="int"/>\n')
    out.write('  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n')
    out.write('  <graph id="sagte" edgedefault="directed">\n')
    for node in net["nodes"]:
        out.write(f'    <node id="i{node["id"]}"><data key="label">{escape(node["name"])}</data>'
                  f'<data key="type">{escape(node["type"])}</data><data key="statements">{node["statements"]}</data></node>\n')
    for n, edge in enumerate(net["edges"]):
        out.write(f'    <edge id="e{n}" source={quoteattr("i" + str(edge["source"]))} target={quoteattr("i" + str(edge["target"]))}>'
                  f'<data key="weight">{edge["weight"]}</data></edge>\n')
    out.write("  </graph>\n</graphml>\n")
    return len(net["nodes"]), len(net["edges"])
