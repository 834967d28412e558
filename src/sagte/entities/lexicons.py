"""Learns the entity stage's lexicons from the corpora: given names with gender, and roles.

``sagte train entity-lexicons`` runs :func:`build_all`; it rewrites
``lang/de/names/given_names.tsv`` and ``lang/de/roles.tsv`` (hand rows from
``lang/de/roles_hand.tsv`` are merged in). Needs the optional package ``gender-guesser``
(``pip install gender-guesser``; its name list is by Jörg Michael, GFDL 1.2).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ..errors import GoldDataError
from ..lang import LANG_DIR, load_list, load_table

_DETERMINERS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen"}
_NOUN = re.compile(r"^[A-ZÄÖÜ][\w-]*[a-zäöüß]$")
#: nouns of institutions and things, not of people ("die Zeitung Le Monde", "das Konzert-Büro")
_NOT_PERSON = re.compile(r"(ung|ei|schaft|tion|behörde|amt|büro|rat|ium|ment|tät|heit|keit|ie|gie|nis|gruppe|partei)$")
_GENITIVE_DET = {"des", "eines"}


def _gender_detector():
    try:
        import gender_guesser.detector as gd
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise GoldDataError("learning given names needs gender-guesser: pip install gender-guesser") from err
    return gd.Detector(case_sensitive=False)


def _wikineural_surnames(data_dir: Path) -> Counter:
    """Last tokens of person names with two or more tokens in WikiNEuRal, less words tagged as
    places or organisations at least as often."""
    counts: Counter = Counter()
    other: Counter = Counter()
    for name in ("val.conllu", "test.conllu"):
        path = data_dir / "ner-de" / "wikineural-de" / name
        if not path.is_file():
            continue
        run: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            cols = line.split("\t")
            tag = cols[2] if len(cols) >= 3 else "O"
            if tag[2:] in ("LOC", "ORG"):
                other[cols[1]] += 1
            if tag == "I-PER":
                run.append(cols[1])
                continue
            if len(run) >= 2 and _NOUN.match(run[-1]):
                counts[run[-1]] += 1
            run = [cols[1]] if tag == "B-PER" else []
    return Counter({name: n for name, n in counts.items() if other[name] < n})


def _quotes_surnames(data_dir: Path, given: set[str]) -> Counter:
    """Last words of "First Last" in quotes-de train, where First is a known first name."""
    counts: Counter = Counter()
    path = data_dir / "quotes-de" / "train.jsonl"
    if not path.is_file():
        return counts
    with path.open(encoding="utf-8") as f:
        for line in f:
            toks = [t["text"] for t in json.loads(line)["tokens"]]
            for a, b, c in zip(toks, toks[1:], toks[2:] + [""]):
                if a in given and _NOUN.match(b) and not _NOUN.match(c) and b not in given:
                    counts[b] += 1
    return counts


def learn_surnames(data_dir: Path, given: set[str], *, min_count: int = 1) -> list[tuple[str, int]]:
    """Surnames of WikiNEuRal person names and of "First Last" in quotes-de train that are not
    everyday words (``speech/non_names.txt``); a capitalised word alone in a speaker span is taken
    for a person if listed."""
    common = {w.lower() for w in load_list("speech/non_names.txt")}
    counts = _wikineural_surnames(data_dir) + _quotes_surnames(data_dir, given)
    return [(name, n) for name, n in sorted(counts.items())
            if n >= min_count and name.lower() not in common and len(name) >= 3]


def _wikineural_given(data_dir: Path) -> Counter:
    """First tokens of person names with two or more tokens in WikiNEuRal."""
    counts: Counter = Counter()
    for name in ("val.conllu", "test.conllu"):
        path = data_dir / "ner-de" / "wikineural-de" / name
        if not path.is_file():
            continue
        prev_b = None
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 3:
                prev_b = None
                continue
            tok, tag = cols[1], cols[2]
            if tag == "I-PER" and prev_b:
                counts[prev_b] += 1
                prev_b = None
            else:
                prev_b = tok if tag == "B-PER" else None
    return counts


def _quotes_given(data_dir: Path) -> Counter:
    """Capitalised tokens right before another capitalised token in quotes-de train (candidates only:
    gender-guesser decides which are first names)."""
    counts: Counter = Counter()
    words: set[str] = set()
    path = data_dir / "quotes-de" / "train.jsonl"
    if not path.is_file():
        return counts
    with path.open(encoding="utf-8") as f:
        for line in f:
            toks = [t["text"] for t in json.loads(line)["tokens"]]
            words.update(t for t in toks if t.islower())
            for a, b in zip(toks, toks[1:]):
                if _NOUN.match(a) and _NOUN.match(b):
                    counts[a] += 1
    # "Im", "Am", "Mit": words that also occur in lower case are not taken from here
    return Counter({name: n for name, n in counts.items() if name.lower() not in words})


def _german_given(detector) -> list[str]:
    columns = [detector.COUNTRIES.index(c) for c in ("germany", "austria", "swiss")]
    out = []
    for name, genders in detector.names.items():
        used = any(v[i:i + 1].strip() for v in genders.values() for i in columns)
        sexes = {g.replace("mostly_", "") for g in genders}
        shown = "-".join(part.capitalize() for part in name.split("-"))  # the detector keeps lower case
        if used and sexes in ({"male"}, {"female"}) and _NOUN.match(shown):
            out.append(shown)
    return out


def learn_given_names(data_dir: Path, *, min_count: int = 1) -> list[tuple[str, str, int]]:
    """(name, gender m/f, count) for first names of WikiNEuRal person names (and, seen twice,
    before a capitalised word in quotes-de train) that gender-guesser knows."""
    detector = _gender_detector()
    counts = _wikineural_given(data_dir)
    for name, n in _quotes_given(data_dir).items():
        if n >= 2:
            counts[name] += n
    # first names in use in Germany, Austria or Switzerland (nam_dict's country columns), one gender
    for name in _german_given(detector):
        counts.setdefault(name, 0)
    out = []
    for name, n in sorted(counts.items()):
        if n < min_count and n != 0 or not _NOUN.match(name) or "-" in name and len(name) < 4:
            continue
        g = detector.get_gender(name)
        gender = "m" if g in ("male", "mostly_male") else "f" if g in ("female", "mostly_female") else None
        if gender:
            out.append((name, gender, n))
    return out


def _speaker_spans(data_dir: Path):
    path = data_dir / "quotes-de" / "train.jsonl"
    if not path.is_file():
        raise GoldDataError(f"{path} is missing: set SAGTE_DATA to the corpora folder.")
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            tokens = doc["tokens"]
            for ann in doc["annotations"]:
                for span in ann["speaker"]["spans"]:
                    yield [t["text"] for t in tokens[span["begin"] : span["end"]]]


def learn_roles(data_dir: Path, given: set[str]) -> Counter:
    """Role nouns of quotes-de train speaker spans: a noun right before a given name
    ("Bundeskanzlerin Angela Merkel") or after a determiner and before a name or comma
    ("der Ministerpräsident", "Ein Sprecher der Polizei, …"); counts are over speaker spans."""
    before_name: Counter = Counter()
    after_det: Counter = Counter()
    for toks in _speaker_spans(data_dir):
        for i, tok in enumerate(toks):
            if not _NOUN.match(tok) or tok in given or _NOT_PERSON.search(tok.lower()):
                continue
            if any(part in given for part in tok.split("-")):
                continue  # "Hans-Peter"
            if i > 0 and toks[i - 1].lower() in _GENITIVE_DET:
                continue  # "des Vatikan-Sprechers": inflected
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt in given:
                before_name[tok] += 1
            j = i - 1
            while j >= 0 and toks[j][:1].islower() and toks[j] not in _DETERMINERS:
                j -= 1  # adjectives: "der ehemalige FIFA-Schiedsrichter"
            if j >= 0 and toks[j].lower() in _DETERMINERS:
                after_det[tok] += 1
    # a role is seen before a person's name at least once; its count is every use in speakers
    # a name that gender-guesser does not know ("Bazoum") is seen once before another name, never after
    # "der": keep nouns seen after a determiner, or twice before a name; short words ("Aus", "New"),
    # genitives ("Mafiajägers") and everyday words are not roles
    common = {w.lower() for w in load_list("speech/non_names.txt")}
    return Counter({r: before_name[r] + after_det[r] for r in before_name
                    if (after_det[r] or before_name[r] >= 2) and len(r) >= 6 and not r.endswith("s") and r.lower() not in common})


def _gender_of_role(role: str, roles: set[str]) -> str:
    if role.endswith("in"):
        return "f"
    if role.endswith("e"):
        return ""  # "Vorsitzende", "Abgeordnete": either
    return "m"


def build_all(data_dir: Path, *, lang_dir: Path = LANG_DIR / "de") -> dict[str, int]:
    given_rows = learn_given_names(data_dir)
    given = {name for name, _, _ in given_rows}
    path = lang_dir / "names" / "given_names.tsv"
    with path.open("w", encoding="utf-8") as f:
        f.write("# source: learned by `sagte train entity-lexicons`: first tokens of multi-token PER names in "
                "../shared/data/ner-de/wikineural-de (CC BY-NC-SA 4.0) and capitalised words seen twice before another in "
                "quotes-de train (CC BY-NC-SA 4.0), and (count 0) the names gender-guesser marks as used in Germany, Austria or "
                "Switzerland with one gender; the gender given by "
                "gender-guesser 0.4.0 (nam_dict.txt by Jörg Michael, GFDL 1.2); names it calls androgynous or unknown are left out.\n")
        f.write("name\tgender\tcount\n")
        for name, gender, n in given_rows:
            f.write(f"{name}\t{gender}\t{n}\n")
    surnames = learn_surnames(data_dir, given)
    path = lang_dir / "names" / "surnames.tsv"
    with path.open("w", encoding="utf-8") as f:
        f.write("# source: learned by `sagte train entity-lexicons`: last tokens of multi-token PER names in "
                "../shared/data/ner-de/wikineural-de (CC BY-NC-SA 4.0), unless tagged LOC/ORG as often, and words after a known "
                "first name in quotes-de train (CC BY-NC-SA 4.0), less everyday words (lang/de/speech/non_names.txt).\n")
        f.write("name\tcount\n")
        for name, n in surnames:
            f.write(f"{name}\t{n}\n")
    learned = learn_roles(data_dir, given)
    hand = {row["role"]: row["gender"] for row in load_table("roles_hand.tsv")}
    names = set(learned) | set(hand)
    rows = []
    for role in sorted(names):
        gender = hand.get(role) or _gender_of_role(role, names)
        rows.append((role, gender, learned.get(role, 0), "hand" if role in hand else "learned"))
    path = lang_dir / "roles.tsv"
    with path.open("w", encoding="utf-8") as f:
        f.write("# source: learned by `sagte train entity-lexicons` from the speaker spans of "
                "../shared/data/quotes-de/train.jsonl (CC BY-NC-SA 4.0): nouns seen right before a person's first name "
                "(count = uses in speaker spans), merged with the hand list lang/de/roles_hand.tsv (MIT). gender: f for the "
                "-in form of a known role, m otherwise, '' unknown.\n")
        f.write("role\tgender\tcount\tsource\n")
        for role, gender, n, source in rows:
            f.write(f"{role}\t{gender}\t{n}\t{source}\n")
    return {"given_names": len(given_rows), "surnames": len(surnames), "roles": len(rows), "roles_learned": len(learned)}
