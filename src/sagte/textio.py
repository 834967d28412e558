"""Reading article text: bytes to a clean ``str`` whose offsets stay valid.

Rules (the contract's ``text`` is the result):
- UTF-8, with a byte-order mark removed;
- invalid UTF-8 falls back to Windows-1252 (a superset of Latin-1 for printable text), with a
  warning returned to the caller;
- binary input (NUL bytes, or mostly non-text) is refused with :class:`InputError`;
- ``\\r\\n`` and ``\\r`` become ``\\n``; other control characters become a space, one for one, so
  they never shift or break offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import InputError

MAX_CHARS = 5_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_NEWLINES = re.compile(r"\r\n?")


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many C0 control bytes."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def decode_bytes(data: bytes, *, source: str = "input") -> DecodedText:
    """Decode article bytes as UTF-8, else Windows-1252; refuse binary data."""
    if looks_binary(data):
        raise InputError(f"{source} looks like binary data, not text: give a UTF-8 text, HTML or JSONL file.")
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        encoding = "cp1252"
        warnings.append(
            f"{source} is not valid UTF-8 (byte {err.start}); read it as Windows-1252. "
            "Convert it to UTF-8 to silence this warning."
        )
    return DecodedText(clean_text(text), encoding, warnings)


def clean_text(text: str) -> str:
    """Normalise newlines and blank out control characters (length-preserving except CRLF)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _NEWLINES.sub("\n", text)
    return _CONTROL.sub(" ", text)


def check_text(text: str, *, source: str = "input") -> str:
    """Clean ``text`` and refuse what cannot be analysed, saying why."""
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{source} is empty: give an article's text.")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"{source} has {len(text):,} characters, more than the limit of {MAX_CHARS:,}: "
            "split it into articles (one per JSONL line)."
        )
    return text
