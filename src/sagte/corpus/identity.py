"""Whether two names seen in different articles are the same referent.

:func:`name_key` folds a name to a matching key: case, diacritics, genitive ``-s``/``'``,
name particles ("von der", "al-"), forms of address and the transliteration variants of
``lang/de/names/transliteration.tsv`` ("Selenskyj", "Selensky", "Zelenskyy" → one key).

:func:`same_identity` decides for two :class:`NameRecord` and says why in a sentence a user can
read. It never joins two people on a surname alone when their first names, their gender or their
roles disagree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang import load_list, load_table

__all__ = ["Decision", "NameRecord", "alias_group", "best_match", "is_description", "name_key", "name_parts", "same_identity", "role_head", "role_gender", "given_gender"]

_TYPES = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC", "OTH": "MISC"}
_SPECIAL = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                          "đ": "d", "Đ": "D", "ı": "i", "–": "-", "‐": "-", "‑": "-", "—": "-"})
_APOSTROPHES = "’'`´"
#: a surname alone goes to the person of that surname named this many times more often than all others …
_DOMINANCE = 4
#: … and at least this often
_DOMINANCE_MIN = 3


@dataclass(frozen=True)
class NameRecord:
    """A name as one article gives it: ``type`` is PER/ORG/LOC/MISC, ``roles`` its titles there."""

    name: str
    type: str
    roles: tuple[str, ...] = ()
    count: int = 1  # how many articles name it so (a registry's identity: its number of records)


@dataclass(frozen=True)
class Decision:
    same: bool
    why: str

    def __bool__(self) -> bool:
        return self.same


@dataclass(frozen=True)
class NameParts:
    """A name split for matching: given names (keys, with initials marked) and the surname key."""

    given: tuple[str, ...]
    initials: tuple[bool, ...]
    surname: str
    shown_given: tuple[str, ...] = field(default=())
    shown_surname: str = ""
    first_letters: tuple[str, ...] = field(default=())  # of each given name as written, for initials


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(row["pattern"]), row["replacement"]) for row in load_table("names/transliteration.tsv"))


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(load_list("names/particles.txt"))


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    return frozenset(load_list("names/honorifics.txt"))


def _fold(text: str) -> str:
    """Lower case, no diacritics, special letters spelled out."""
    text = unicodedata.normalize("NFKC", text).translate(_SPECIAL)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.lower()


def _translit(token: str) -> str:
    for pattern, replacement in _rules():
        token = pattern.sub(replacement, token)
    return token


def _adjective(token: str) -> str:
    """Inflected adjectives in names ("Europäischen Union") to one form."""
    return re.sub(r"(isch|lich)(e|en|er|es|em)$", r"\1", token)


def _raw_tokens(name: str) -> list[tuple[str, str]]:
    """(shown token, folded token) pairs with honorifics and particles removed."""
    out = []
    for shown in name.split():
        shown = shown.strip(",;:()[]{}\"„“”«»‚‘")
        if not shown:
            continue
        folded = _fold(shown)
        if folded in _honorifics() or folded.rstrip(".") in _honorifics():
            continue
        parts = [p for p in folded.split("-") if p]
        while len(parts) > 1 and parts[0] in _particles():  # al-Assad, el-Sisi
            parts = parts[1:]
        folded = "-".join(parts)
        if not folded or folded in _particles():
            continue
        out.append((shown, folded))
    # a role in front of the name: "Kreml-Sprecher Peskow", "Bundeskanzlerin Angela Merkel"
    while len(out) > 1 and _is_role_word(out[0][0]):
        out = out[1:]
    return out


def _is_role_word(token: str) -> bool:
    if not token[:1].isupper() or _given_genders().get(_key_token(_fold(token), last=False)):
        return False
    return role_gender(token) is not None or role_head(token) in _role_genders()


def _key_token(folded: str, *, last: bool) -> str:
    if last:
        if folded[-1] in _APOSTROPHES:  # Merz'
            folded = folded[:-1]
        elif len(folded) > 2 and folded[-1] == "s" and folded[-2] in _APOSTROPHES:  # Trump's
            folded = folded[:-2]
        elif len(folded) > 3 and folded.endswith("s") and not folded.endswith(("ss", "'s", "’s")):
            folded = folded[:-1]  # genitive: Trumps, Peskows (a name that ends in -s loses it on both sides)
    pieces = []
    for piece in folded.split("-"):
        piece = re.sub(r"[^a-z]", "", _translit(piece if last else _adjective(piece)))
        if piece:
            pieces.append(piece)
    return "-".join(pieces)


def _key_tokens(name: str) -> list[tuple[str, str]]:
    raw = _raw_tokens(name)
    out = []
    for i, (shown, folded) in enumerate(raw):
        key = _key_token(folded, last=i == len(raw) - 1)
        if key:
            out.append((shown, key))
    return out


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The matching key of a name: equal keys are spellings of the same name.

    >>> name_key("Selenskyj") == name_key("Zelenskyy") == name_key("Selenskijs")
    True
    """
    return " ".join(key for _, key in _key_tokens(name))


@lru_cache(maxsize=65536)
def name_parts(name: str) -> NameParts | None:
    """Given names and surname of a person's name; ``None`` when nothing of a name is left."""
    tokens = _key_tokens(name)
    if not tokens:
        return None
    given, initials, shown, first = [], [], [], []
    for shown_tok, key in tokens[:-1]:
        bare = shown_tok.replace(".", "")
        if bare.isupper() and 2 <= len(bare) <= 3 and bare.isalpha():  # "JD" = "J. D."
            for letter in _fold(bare):
                given.append(letter)
                initials.append(True)
                shown.append(letter.upper() + ".")
                first.append(letter)
            continue
        given.append(key)
        initials.append(shown_tok.endswith(".") and len(bare) <= 2 or len(bare) == 1)
        shown.append(shown_tok)
        first.append(_fold(bare)[:1])
    return NameParts(tuple(given), tuple(initials), tokens[-1][1], tuple(shown), tokens[-1][0], tuple(first))


# --- given names, roles and gender -------------------------------------------------------------


@lru_cache(maxsize=1)
def _given_variants() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for row in load_table("names/given_name_variants.tsv"):
        a, b = name_key(row["short"]), name_key(row["full"])
        groups.setdefault(a, {a}).add(b)
        groups.setdefault(b, {b}).add(a)
    return {k: frozenset(v) for k, v in groups.items()}


@lru_cache(maxsize=1)
def _given_genders() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in load_table("names/given_names.tsv"):
        key = name_key(row["name"])
        if key in out and out[key] != row["gender"]:
            out[key] = "?"  # the key folds a man's and a woman's name together: trust neither
        else:
            out.setdefault(key, row["gender"])
    return out


@lru_cache(maxsize=1)
def _role_genders() -> dict[str, str]:
    return {row["role"].lower(): row["gender"] for row in load_table("roles.tsv") if row["gender"] in ("m", "f")}


@lru_cache(maxsize=65536)
def given_gender(given: str) -> str | None:
    """'m', 'f' or None for a given name, from ``lang/de/names/given_names.tsv``."""
    gender = _given_genders().get(name_key(given))
    if gender is None and "-" in given.strip("-"):  # "Hans-Joachim": the first part decides
        gender = _given_genders().get(name_key(given.split("-")[0]))
    return gender if gender in ("m", "f") else None


def role_head(role: str) -> str:
    """The head noun of a role, lower case: "ehemaliger US-Präsident" → "präsident",
    "Sprecher des Kremls" → "sprecher"."""
    tokens = [t.strip(",;:()\"„“") for t in role.split()]
    tokens = [t for t in tokens if t]
    head = ""
    for tok in tokens:
        if tok[:1].isupper():
            head = tok
        elif head:
            break
    if not head and tokens:
        head = tokens[-1]
    return head.split("-")[-1].lower()


def role_gender(role: str) -> str | None:
    """'f' for "Ministerin", "Kanzlerin", 'm' for "Minister" where the roles table knows it."""
    head = role_head(role)
    genders = _role_genders()
    if head in genders:
        return genders[head]
    # compounds: "Bundesaußenministerin" ends in a known role
    for n in range(1, len(head) - 3):
        if head[n:] in genders and len(head[n:]) >= 5:
            return genders[head[n:]]
    return None


@lru_cache(maxsize=1)
def _fields() -> tuple[tuple[str, str], ...]:
    return tuple((row["part"], row["field"]) for row in load_table("names/role_fields.tsv"))


def role_field(role: str) -> str | None:
    """The field of public life of a role ("Finanzministerin" → politics), or None."""
    text = role.lower()
    for part, field_ in _fields():
        if part in text:
            return field_
    return None


def _roles_match(a: str, b: str) -> bool:
    ha, hb = role_head(a), role_head(b)
    if not ha or not hb:
        return False
    if ha == hb:
        return True
    short, long_ = sorted((ha, hb), key=len)
    return len(short) >= 5 and long_.endswith(short)  # Kanzler / Bundeskanzler


def _gender_of(parts: NameParts, roles: tuple[str, ...]) -> tuple[str | None, str]:
    """(gender, what says so) from the first given name, else from a gendered role."""
    for g, init in zip(parts.given, parts.initials):
        if not init:
            gender = _given_genders().get(g)
            if gender in ("m", "f"):
                return gender, f"the first name {parts.shown_given[parts.given.index(g)]!r}"
            break
    for role in roles:
        gender = role_gender(role)
        if gender:
            return gender, f"the role {role!r}"
    return None, ""


def _goes_by(short: NameParts, long_: NameParts) -> bool:
    """One full first name that is a later first name of the other: "Tayyip Erdoğan" /
    "Recep Tayyip Erdoğan" (the name a person goes by)."""
    return (len(short.given) == 1 and len(long_.given) >= 2 and not short.initials[0]
            and short.given[0] in long_.given[1:])


def _given_match(pa: NameParts, pb: NameParts, i: int) -> bool:
    a, b = pa.given[i], pb.given[i]
    if pa.initials[i] or pb.initials[i]:
        return pa.first_letters[i] == pb.first_letters[i]
    if a == b:
        return True
    return b in _given_variants().get(a, ()) or a in _given_variants().get(b, ())


def _type(t: str) -> str:
    return _TYPES.get((t or "").upper(), (t or "").upper())


def _acronym(short: str, long_: str) -> bool:
    """"EU" for "Europäische Union", "UN" for "Vereinte Nationen"."""
    bare = short.replace(".", "")
    if not (bare.isupper() and 2 <= len(bare) <= 6 and " " not in short):
        return False
    words = [w for w in re.split(r"[\s-]+", long_) if w[:1].isupper()]
    return len(words) >= 2 and "".join(w[0] for w in words).upper() == bare.upper()


def _people(names: list[str]) -> str:
    return " and ".join(repr(n) for n in names)


def same_identity(a: NameRecord, b: NameRecord, *, others: Iterable[NameRecord] | None = None) -> Decision:
    """Whether ``a`` and ``b`` name the same referent, with the reason.

    A surname alone ("Obama") is joined to a full name ("Barack Obama") only when a role they share
    confirms it, or when ``others`` (the other names already known, e.g. a registry's people of
    that surname) hold no other person it could be. Without ``others`` (None) such pairs are kept apart;
    ``others=[]`` means no other person of any name is known.
    """
    ta, tb = _type(a.type), _type(b.type)
    if ta and tb and ta != tb:
        return Decision(False, f"{a.name!r} is a {ta} and {b.name!r} a {tb}: different kinds of thing.")
    ka, kb = name_key(a.name), name_key(b.name)
    if not ka or not kb:
        return Decision(False, f"{a.name!r} or {b.name!r} has nothing left of a name to compare.")
    kind = ta or tb
    if kind != "PER":
        if ka == kb:
            return Decision(True, _spelling_why(a.name, b.name))
        if _acronym(a.name, b.name) or _acronym(b.name, a.name):
            return Decision(True, f"{_people([a.name, b.name])}: one is the abbreviation of the other.")
        ga, gb = alias_group(a.name, kind), alias_group(b.name, kind)
        if ga is not None and ga == gb:
            return Decision(True, f"{_people([a.name, b.name])} are names of the same {'organisation' if kind == 'ORG' else 'place'} "
                                  f"(lang/de/names/aliases.tsv).")
        return Decision(False, f"{_people([a.name, b.name])} are different names.")
    return _same_person(a, b, None if others is None else tuple(others))


def best_match(record: NameRecord, candidates: list[NameRecord]) -> tuple[int | None, Decision]:
    """The one candidate ``record`` names, deciding with all candidates known (a registry's people
    of that surname): (index, decision), or (None, why none or several fit)."""
    fits = []
    for n, cand in enumerate(candidates):
        decision = same_identity(record, cand, others=[c for m, c in enumerate(candidates) if m != n])
        if decision.same:
            fits.append((n, decision))
    if len(fits) == 1:
        return fits[0]
    if not fits:
        return None, Decision(False, f"No known identity matches {record.name!r}.")
    names = ", ".join(repr(candidates[n].name) for n, _ in fits)
    return None, Decision(False, f"{record.name!r} fits several identities ({names}): not joined.")


def _rivals(bare: NameRecord, full: NameRecord, surname: str, others: tuple[NameRecord, ...]) -> list[NameRecord]:
    """Other people with a first name and this surname that ``bare`` could also be."""
    out = []
    for other in others:
        if _type(other.type) not in ("PER", ""):
            continue
        parts = name_parts(other.name)
        if parts is None or not parts.given or parts.surname != surname:
            continue
        if _same_person(other, full).same:
            continue  # another spelling of the same person
        pb = name_parts(bare.name)
        assert pb is not None
        if _conflict(pb, bare, parts, other):
            continue  # bare cannot be that one (gender, role field)
        out.append(other)
    return out


def _conflict(pa: NameParts, a: NameRecord, pb: NameParts, b: NameRecord) -> bool:
    ga, _ = _gender_of(pa, a.roles)
    gb, _ = _gender_of(pb, b.roles)
    if ga and gb and ga != gb:
        return True
    if a.roles and b.roles and not any(_roles_match(x, y) for x in a.roles for y in b.roles):
        fa = {f for f in map(role_field, a.roles) if f}
        fb = {f for f in map(role_field, b.roles) if f}
        return bool(fa and fb and not fa & fb)
    return False


def _with_name_roles(rec: NameRecord) -> NameRecord:
    """Roles written in front of the name ("Kreml-Sprecher Peskow") count as roles of the record."""
    words = rec.name.split()
    lead = []
    for w in words[:-1]:
        if not _is_role_word(w):
            break
        lead.append(w)
    extra = tuple(w for w in lead if w not in rec.roles)
    return NameRecord(rec.name, rec.type, rec.roles + extra) if extra else rec


@lru_cache(maxsize=1)
def _aliases() -> dict[tuple[str, str], int]:
    """(type, name key) -> alias group number, from ``lang/de/names/aliases.tsv``."""
    out: dict[tuple[str, str], int] = {}
    for n, row in enumerate(load_table("names/aliases.tsv")):
        for name in row["names"].split("|"):
            out[(_type(row["type"]), _case_free(name_key(name)))] = n
    return out


def _case_free(key: str) -> str:
    """Adjective endings of all but the last word to one form ("vereinten nationen" → "vereinte nationen")."""
    words = key.split()
    return " ".join([re.sub(r"(?<=[a-z]{3})(en|er|es|em)$", "e", w) for w in words[:-1]] + words[-1:])


def alias_group(name: str, type_: str) -> int | None:
    """The alias group of a name ("UNO" and "Vereinten Nationen" share one), or None."""
    return _aliases().get((_type(type_), _case_free(name_key(name))))


def _spelling_why(x: str, y: str) -> str:
    if x.strip() == y.strip():
        return f"Both are named {x!r}."
    return f"{x!r} and {y!r} are the same name in another spelling (case, accents, genitive or transliteration)."


@lru_cache(maxsize=1)
def _person_nouns() -> tuple[str, ...]:
    return tuple(row["ending"] for row in load_table("entities/head_nouns.tsv") if row["type"] == "PER")


def is_description(name: str) -> bool:
    """A phrase that describes rather than names someone: "Sprecher der Polizei", "Augenzeuge"."""
    words = name.split()
    if not words:
        return False
    first = words[0].lower()
    if not _is_role_word(words[0]) and not first.endswith(_person_nouns()) and not re.fullmatch(r"[a-zäöüß].*", words[0]):
        return False
    rest = words[1:]
    return not rest or rest[0].lower() in _particles() | {"von", "vom", "aus", "im", "in", "bei"} or all(_is_role_word(w) for w in rest)


def _same_person(a: NameRecord, b: NameRecord, others: tuple[NameRecord, ...] | None = None) -> Decision:
    for rec in (a, b):
        if is_description(rec.name):
            return Decision(False, f"{rec.name!r} describes someone without naming them: not joined to anyone across articles.")
    a, b = _with_name_roles(a), _with_name_roles(b)
    pa, pb = name_parts(a.name), name_parts(b.name)
    assert pa is not None and pb is not None  # keys were non-empty
    if pa.surname != pb.surname:
        return Decision(False, f"{_people([a.name, b.name])} have different surnames ({pa.shown_surname!r}, {pb.shown_surname!r}).")
    surname = pa.shown_surname
    # first names: where both give them, they must agree
    if pa.given and pb.given and not _goes_by(pa, pb) and not _goes_by(pb, pa):
        for i in range(min(len(pa.given), len(pb.given), 2)):
            if not _given_match(pa, pb, i):
                return Decision(False, f"Same surname {surname!r}, but different first names: "
                                       f"{' '.join(pa.shown_given)!r} and {' '.join(pb.shown_given)!r}.")
    # gender: from a first name or a role of each side
    ga, why_a = _gender_of(pa, a.roles)
    gb, why_b = _gender_of(pb, b.roles)
    if ga and gb and ga != gb:
        return Decision(False, f"Same surname {surname!r}, but {why_a} of {a.name!r} names a "
                               f"{'woman' if ga == 'f' else 'man'} and {why_b} of {b.name!r} a {'woman' if gb == 'f' else 'man'}.")
    if pa.given and pb.given:
        if name_key(a.name) == name_key(b.name):
            return Decision(True, _spelling_why(a.name, b.name))
        return Decision(True, f"Same surname {surname!r} and matching first names "
                              f"({' '.join(pa.shown_given)!r}, {' '.join(pb.shown_given)!r}).")
    # at least one side is a surname alone: roles must not disagree
    if a.roles and b.roles:
        shared = [(x, y) for x in a.roles for y in b.roles if _roles_match(x, y)]
        if shared:
            return Decision(True, f"Same surname {surname!r} and a matching role ({shared[0][0]!r} / {shared[0][1]!r}).")
        fa = {f for f in map(role_field, a.roles) if f}
        fb = {f for f in map(role_field, b.roles) if f}
        if fa and fb and not fa & fb:
            return Decision(False, f"Only the surname {surname!r} is shared, and the roles belong to different fields "
                                   f"({', '.join(a.roles)!r}: {', '.join(sorted(fa))}; {', '.join(b.roles)!r}: "
                                   f"{', '.join(sorted(fb))}); no first name confirms it.")
        if fa & fb:
            bare, full = (a, b) if not pa.given else (b, a)
            for other in others or ():
                po = name_parts(other.name)
                if po is None or po.surname != pa.surname or not other.roles or _same_person(other, full).same:
                    continue
                if any(_roles_match(x, y) for x in bare.roles for y in other.roles):
                    return Decision(False, f"{bare.name!r} ({', '.join(bare.roles)}) matches the role of "
                                           f"{other.name!r} ({', '.join(other.roles)}) better than {full.name!r}.")
            return Decision(True, f"Same surname {surname!r} and roles in the same field ({', '.join(sorted(fa & fb))}): "
                                  f"{', '.join(a.roles)!r} / {', '.join(b.roles)!r}.")
    if pa.given or pb.given:
        full, bare = (a, b) if pa.given else (b, a)
        if others is None:
            return Decision(False, f"{bare.name!r} may be the surname of {full.name!r}, but without a first name or a shared "
                                   f"role nothing confirms it: kept apart.")
        rivals = _rivals(bare, full, pa.surname, others)
        if rivals:
            own = full.count + sum(o.count for o in others if o.type == full.type and _same_person(o, full).same)
            theirs = sum(r.count for r in rivals)
            if own >= _DOMINANCE * theirs and own >= _DOMINANCE_MIN:
                return Decision(True, f"{bare.name!r} is the surname of {full.name!r}, who is named {own} times among the "
                                      f"names known against {theirs} for other people of that surname ({rivals[0].name!r}).")
            return Decision(False, f"{bare.name!r} may be {full.name!r}, but also {rivals[0].name!r}: a surname alone does "
                                   f"not tell them apart.")
        return Decision(True, f"{bare.name!r} is the surname of {full.name!r}, the only person of that surname among the "
                              f"names known, and no gender or role contradicts it.")
    return Decision(True, _spelling_why(a.name, b.name) + " No role or gender contradicts it.")
