"""Bad input gets a clear error and loses nothing."""

from __future__ import annotations

import pytest

from sagte.errors import DateError, InputError
from sagte.textio import check_text, decode_bytes


@pytest.mark.parametrize(
    "data,expected",
    [
        ("Er sagte: „Ja.“".encode("utf-8"), "Er sagte: „Ja.“"),
        (b"\xef\xbb\xbfMit BOM.", "Mit BOM."),
        ("Gr\xfc\xdfe aus K\xf6ln".encode("latin-1"), "Grüße aus Köln"),
        ("\x84Zitat\x93, sagte sie.".encode("latin-1"), "„Zitat“, sagte sie."),  # Windows-1252 quotes
        (b"Zeile eins\r\nZeile zwei", "Zeile eins\nZeile zwei"),
        (b"Ein Steuer\x07zeichen mitten im Text", "Ein Steuer zeichen mitten im Text"),
    ],
)
def test_decode(data, expected):
    assert decode_bytes(data).text == expected


def test_invalid_utf8_warns():
    decoded = decode_bytes("Gr\xfc\xdfe".encode("latin-1"))
    assert decoded.encoding == "cp1252"
    assert "Windows-1252" in decoded.warnings[0]


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00", bytes(range(256)) * 4])
def test_binary_is_refused(data):
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_is_refused(text):
    with pytest.raises(InputError, match="empty"):
        check_text(text)


def test_bad_date_says_what_to_do(analyze):
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        analyze("Er sagte nichts.", date="12.02.2025")


def test_control_characters_keep_offsets(analyze):
    doc = analyze("„Wir\x0bprüfen das genau“, sagte\x00 Peter Müller.")
    assert "\x00" not in doc.text
    assert len(doc.text) == len("„Wir\x0bprüfen das genau“, sagte\x00 Peter Müller.")


def test_html_with_scripts_is_reduced_to_text(tmp_path):
    pytest.importorskip("trafilatura", reason="reading HTML needs the html extra")
    from sagte.htmltext import html_to_text

    html = ("<html><head><script>alert('x')</script></head><body><article><h1>Titel</h1>"
            "<p>„Wir prüfen das sehr genau und werden bald entscheiden“, sagte die Ministerin am Dienstag in Berlin.</p>"
            "<p>Die Opposition kritisierte das Vorgehen scharf und verlangte eine schnelle Aufklärung.</p>"
            "</article></body></html>")
    text = html_to_text(html)
    assert "alert" not in text
    assert "sagte die Ministerin" in text
