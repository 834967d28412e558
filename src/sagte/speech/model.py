"""What the speech stage finds, as ``Span`` objects on the ``Doc``."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

KINDS = ("direct", "indirect", "free_indirect", "indirect_free_indirect", "reported")
MEDIA = ("speech", "writing", "thought")


@dataclass
class Statement:
    kind: str
    content: list[Span]
    cue: list[Span] = field(default_factory=list)
    speaker: Span | None = None
    addressee: Span | None = None
    medium: str | None = None
    confidence: float = 0.5
    parent: int | None = None  # index of the enclosing statement in doc._.sagte_statements
    date: str | None = None
    #: index into doc._.sagte_entities of the entity the speaker refers to (set by the
    #: entity stage: pronouns, roles, inherited speakers); None = resolve by token overlap
    speaker_cluster: int | None = None
    addressee_cluster: int | None = None
    #: the cue of the frame a continuation goes on from (not its own: quotes-de gives
    #: continuations none), passed on to the quotations nested in it
    frame_cue: list[Span] = field(default_factory=list)
    #: how the statement was found (rule names), for debugging and confidence
    evidence: tuple[str, ...] = ()

    @property
    def start(self) -> int:
        return min(s.start_char for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end_char for s in self.content)
