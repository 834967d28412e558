"""Grouping entity mentions of one article (the entity stage, :mod:`.resolve`, refines this)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span


@dataclass
class EntityCluster:
    """One referent of the article: its most complete name, type (PER/ORG/LOC/MISC), every
    mention (names, surnames, genitives, role phrases, pronouns that name a speaker) and the
    roles found in apposition."""

    name: str
    label: str
    mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None  # 'm' / 'f' where a first name or a role says so


def clusters_from_ents(doc: Doc) -> list[EntityCluster]:
    """One cluster per distinct (label, text) of ``doc.ents``, in order of first mention."""
    clusters: dict[tuple[str, str], EntityCluster] = {}
    for ent in doc.ents:
        key = (ent.label_, ent.text)
        if key not in clusters:
            clusters[key] = EntityCluster(name=ent.text, label=ent.label_)
        clusters[key].mentions.append(ent)
    return list(clusters.values())
