"""Articles written for the web tests (fictional people, invented events), annotated by hand.

The annotations are :class:`sagte.Document` objects built from the texts by searching for
the annotated words, so a reader can check every span by eye; they do not depend on the
pipeline's quality, which other tests measure.
"""

from __future__ import annotations

from sagte.document import Document, Entity, Mention, Span, Statement


def span(text: str, needle: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start=start, end=start + len(needle), text=needle)


def build(doc_id: str, date: str, title: str, text: str, entities: list[dict], statements: list[dict]) -> Document:
    """``entities``: ``{"id", "name", "type", "roles", "mentions": [(needle, nth), …]}``;
    ``statements``: ``{"id", "kind", "medium", "content": [(needle, nth)], "cue": [(needle, nth)],
    "speaker": (needle, nth, entity id or None), "parent"?, "date"?}``."""
    ents = [
        Entity(id=e["id"], name=e["name"], type=e["type"], roles=e.get("roles", []),
               mentions=[span(text, n, k) for n, k in e["mentions"]])
        for e in entities
    ]
    sts = []
    for s in statements:
        speaker = None
        if s.get("speaker"):
            needle, nth, eid = s["speaker"]
            sp = span(text, needle, nth)
            speaker = Mention(start=sp.start, end=sp.end, text=sp.text, entity=eid)
        sts.append(Statement(
            id=s["id"], kind=s["kind"], medium=s.get("medium"), confidence=s.get("confidence", 0.9),
            content=[span(text, n, k) for n, k in s["content"]], cue=[span(text, n, k) for n, k in s.get("cue", [])],
            speaker=speaker, parent=s.get("parent"), date=s.get("date"),
        ))
    return Document(id=doc_id, title=title, date=date, text=text, entities=ents, statements=sts)


RADWEG_TEXT = (
    "Bürgermeisterin Anna Beispiel will bis zum Sommer einen Radweg am Fluss bauen. "
    "„Wir haben lange genug gewartet“, sagte Beispiel am Montag im Rathaus. "
    "Verkehrsminister Karl Muster erklärte dagegen, Beispiel habe die Kosten unterschätzt. "
    "Laut Muster fehlen rund drei Millionen Euro.\n\n"
    "Die Initiative Grünes Ufer begrüßte den Plan. Sprecherin Lena Probe schrieb, Muster solle das Geld freigeben."
)

RADWEG = build(
    "radweg", "2025-02-10", "Streit um den Radweg am Fluss", RADWEG_TEXT,
    entities=[
        {"id": "e1", "name": "Anna Beispiel", "type": "PER", "roles": ["Bürgermeisterin"],
         "mentions": [("Anna Beispiel", 0), ("Beispiel", 1), ("Beispiel", 2)]},
        {"id": "e2", "name": "Karl Muster", "type": "PER", "roles": ["Verkehrsminister"],
         "mentions": [("Karl Muster", 0), ("Muster", 1), ("Muster", 2)]},
        {"id": "e3", "name": "Lena Probe", "type": "PER", "roles": ["Sprecherin"], "mentions": [("Lena Probe", 0)]},
        {"id": "e4", "name": "Grünes Ufer", "type": "ORG", "mentions": [("Grünes Ufer", 0)]},
    ],
    statements=[
        {"id": "q1", "kind": "direct", "medium": "speech", "content": [("„Wir haben lange genug gewartet“", 0)],
         "cue": [("sagte", 0)], "speaker": ("Beispiel", 1, "e1")},
        {"id": "q2", "kind": "indirect", "medium": "speech", "content": [("Beispiel habe die Kosten unterschätzt", 0)],
         "cue": [("erklärte", 0)], "speaker": ("Karl Muster", 0, "e2")},
        {"id": "q3", "kind": "reported", "content": [("fehlen rund drei Millionen Euro", 0)],
         "cue": [("Laut", 0)], "speaker": ("Muster", 1, "e2")},
        {"id": "q4", "kind": "indirect", "medium": "writing", "content": [("Muster solle das Geld freigeben", 0)],
         "cue": [("schrieb", 0)], "speaker": ("Lena Probe", 0, "e3")},
    ],
)

HAUSHALT_TEXT = (
    "Im Streit um den Haushalt hat Karl Muster nachgelegt. Beispiel verschwende Geld für Prestigeprojekte, "
    "sagte der Verkehrsminister am Mittwoch. Anna Beispiel wies das zurück: „Muster kennt die Zahlen nicht.“"
)
HAUSHALT = build(
    "haushalt", "2025-03-05", "Muster legt im Haushaltsstreit nach", HAUSHALT_TEXT,
    entities=[
        {"id": "e1", "name": "Karl Muster", "type": "PER", "roles": ["Verkehrsminister"],
         "mentions": [("Karl Muster", 0), ("der Verkehrsminister", 0), ("Muster", 1)]},
        {"id": "e2", "name": "Anna Beispiel", "type": "PER", "mentions": [("Beispiel", 0), ("Anna Beispiel", 0)]},
    ],
    statements=[
        {"id": "q1", "kind": "indirect", "medium": "speech", "content": [("Beispiel verschwende Geld für Prestigeprojekte", 0)],
         "cue": [("sagte", 0)], "speaker": ("der Verkehrsminister", 0, "e1")},
        {"id": "q2", "kind": "direct", "medium": "speech", "content": [("„Muster kennt die Zahlen nicht.“", 0)],
         "cue": [("wies das zurück", 0)], "speaker": ("Anna Beispiel", 0, "e2")},
    ],
)

SOMMER_TEXT = (
    "Zum Baubeginn am Fluss zeigte sich Anna Beispiel zufrieden. „Der Radweg ist ein Versprechen, "
    "das wir halten“, sagte sie. Ein Anwohner meinte, der Lärm sei erträglich."
)
SOMMER = build(
    "sommer", "2025-06-02", "Baubeginn am Fluss", SOMMER_TEXT,
    entities=[{"id": "e1", "name": "Anna Beispiel", "type": "PER", "mentions": [("Anna Beispiel", 0), ("sie", 0)]}],
    statements=[
        {"id": "q1", "kind": "direct", "medium": "speech",
         "content": [("„Der Radweg ist ein Versprechen, das wir halten“", 0)], "cue": [("sagte", 0)], "speaker": ("sie", 0, "e1")},
        {"id": "q2", "kind": "indirect", "medium": "speech", "content": [("der Lärm sei erträglich", 0)],
         "cue": [("meinte", 0)], "speaker": ("Ein Anwohner", 0, None)},
    ],
)

#: an article whose text, title and names carry markup that would run if not escaped
HOSTILE_TEXT = (
    "Der Hacker <script>window.__xss = 1</script> Otto Beispielmann schrieb in einem Forum, "
    "Bilder wie <img src=x onerror=\"window.__xss = 2\"> seien harmlos. "
    "„Ein Test </span><b onmouseover=window.__xss=3>hier</b>“, sagte Beispielmann."
)
HOSTILE = build(
    "hostile", "2025-04-01", "<img src=x onerror=\"window.__xss = 4\"> Titel", HOSTILE_TEXT,
    entities=[{"id": "e1", "name": "Otto <script>window.__xss = 5</script>Beispielmann", "type": "PER",
               "roles": ["<i onmouseover=window.__xss=6>Hacker</i>"],
               "mentions": [("Otto Beispielmann", 0), ("Beispielmann", 1)]}],
    statements=[
        {"id": "q1", "kind": "indirect", "medium": "writing",
         "content": [("Bilder wie <img src=x onerror=\"window.__xss = 2\"> seien harmlos", 0)],
         "cue": [("schrieb", 0)], "speaker": ("Otto Beispielmann", 0, "e1")},
        {"id": "q2", "kind": "direct", "medium": "speech",
         "content": [("„Ein Test </span><b onmouseover=window.__xss=3>hier</b>“", 0)],
         "cue": [("sagte", 0)], "speaker": ("Beispielmann", 1, "e1")},
    ],
)

CORPUS = [RADWEG, HAUSHALT, SOMMER]
