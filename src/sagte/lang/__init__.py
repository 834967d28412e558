"""Language data as files: every table under ``lang/<code>/`` starts with ``# source: …``.

Code never spells out German words; it loads them from here. :func:`load_table` reads a TSV
with a header row after the comment lines; :func:`load_list` reads one item per line.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError

LANG_DIR = Path(__file__).parent


def data_path(name: str, lang: str = "de") -> Path:
    path = LANG_DIR / lang / name
    if not path.is_file():
        raise DataFileError(f"language data file {path} is missing: reinstall sagte (pip install -e .).")
    return path


def _content_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("# source:"):
        raise DataFileError(f"{path} must start with a '# source: …' line saying where its data came from.")
    return [line for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def load_table(name: str, lang: str = "de") -> tuple[dict[str, str], ...]:
    """Rows of a TSV data file as dicts (header row after the ``#`` comments)."""
    path = data_path(name, lang)
    lines = _content_lines(path)
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for lineno, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(f"{path}: row {lineno} has the wrong number of columns: {row}")
        rows.append(row)
    return tuple(rows)


@lru_cache(maxsize=None)
def load_list(name: str, lang: str = "de") -> tuple[str, ...]:
    """One item per line (comments and blank lines skipped)."""
    return tuple(line.strip() for line in _content_lines(data_path(name, lang)))
