"""The public document contract: typed models, its version and its JSON Schema.

Everything `sagte analyze` prints is a :class:`Document`. The field names below are the
contract (``sagte.document/1``): fields may be added, never renamed or removed without a new
version. ``schema/document-1.json`` is generated from these models by
``python -m sagte.document`` and a test checks it is current.

Every span is ``{"start", "end", "text"}`` with ``text == document.text[start:end]``
(Python string indices).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "sagte.document/1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "document-1.json"

StatementKind = Literal["direct", "indirect", "free_indirect", "indirect_free_indirect", "reported"]
Medium = Literal["speech", "writing", "thought"]
EntityType = Literal["PER", "ORG", "LOC", "MISC"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the document's text."""

    start: int = Field(ge=0, description="Start offset (Python string index) into `text`.")
    end: int = Field(ge=0, description="End offset (exclusive).")
    text: str = Field(description="Exactly document.text[start:end].")


class Sentence(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Mention(Span):
    """A span that may refer to an entity of the document."""

    entity: str | None = Field(default=None, description="Id of the entity it refers to, if resolved.")


class Entity(_Model):
    id: str
    name: str = Field(description="The most complete name found in the document.")
    type: EntityType
    mentions: list[Span] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list, description="Titles and roles found in apposition.")


class Statement(_Model):
    id: str
    kind: StatementKind
    medium: Medium | None = None
    content: list[Span] = Field(description="One or more pieces of what was said.")
    cue: list[Span] = Field(default_factory=list, description="The words that mark speech: 'sagte', 'kündigte … an', 'laut'.")
    speaker: Mention | None = None
    addressee: Mention | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    parent: str | None = Field(default=None, description="Id of the statement this one is nested in.")
    date: str | None = Field(default=None, description="When it was said (TIMEX3 value), if the text says.")


class Time(Span):
    type: TimexType
    value: str = Field(description="TIMEX3 value, e.g. 2025-02-12, 2022-02, P3Y, XXXX-WXX-1, PAST_REF.")


class Quantity(Span):
    value: float | None = Field(description="The number, or null where the text gives none exactly.")
    unit: str | None = None
    approximate: bool = Field(default=False, description="'rund', 'mehr als', 'mehrere …'.")
    low: float | None = Field(default=None, description="Lower bound of a range ('zwischen 10 und 20').")
    high: float | None = Field(default=None, description="Upper bound of a range.")


class Document(_Model):
    schema_: Literal["sagte.document/1"] = Field(default=SCHEMA_VERSION, alias="schema")
    id: str
    title: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    language: Literal["de"] = "de"
    text: str
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    warnings: list[str] = Field(
        default_factory=list,
        description="What a stage refused to guess and why (unbalanced quotation marks, relative times without a date).",
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def json_schema() -> dict:
    """The JSON Schema of the contract, as published in ``schema/document-1.json``."""
    schema = Document.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://sagte.invalid/schema/document-1.json"
    schema["title"] = SCHEMA_VERSION
    return schema


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - regenerates the published schema
    write_schema()
    print(f"wrote {SCHEMA_PATH}")
