"""The one rule for text crossing a boundary: cleaned where it enters, escaped for where it goes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pigmeu_desktop.core.text_boundary import (
    clean_scraped_text,
    html_text,
    markdown_text,
    strip_unsafe_chars,
    terminal_text,
)
from pigmeu_desktop.services.wordpress.content import _markdown


def test_scraped_text_loses_controls_bidi_and_zero_width_but_keeps_entities_as_text():
    assert (
        clean_scraped_text(" Siddhartha\x1b]0;owned\x07 \u202eevil\u200b\r\n x\x9b ")
        == "Siddhartha]0;owned evil x"
    )
    # Entities were decoded once by the HTML parser; a text that reads "&lt;" keeps reading "&lt;".
    assert clean_scraped_text("A &lt;b&gt;") == "A &lt;b&gt;"
    assert strip_unsafe_chars("a\r\nb\rc\u2028d\te\U000e0041") == "a\nb\nc\nd\te"


def test_html_text_escapes_and_is_never_decoded():
    assert (
        html_text("Siddhartha <script>alert(1)</script>")
        == "Siddhartha &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert html_text("A &lt;b&gt;") == "A &amp;lt;b&amp;gt;"  # shows "&lt;b&gt;", as the page did
    assert html_text('x" onmouseover="y') == "x&quot; onmouseover=&quot;y"


def test_markdown_text_keeps_links_images_and_html_as_words():
    data = "Read [click](https://evil.example/phish) ![](https://evil.example/pixel.png) <b>x</b> &amp;\n- no list\n1. no list\n    no code\n# no heading"
    html = _markdown().render(markdown_text(data))
    for forbidden in ("<a", "<img", "<b>", "<ul", "<ol", "<pre", "<h1"):
        assert forbidden not in html, forbidden
    assert "[click](https://evil.example/phish)" in html and "&lt;b&gt;" in html and "&amp;amp;" in html


@given(st.text())
def test_markdown_text_never_makes_markup_from_any_text(text):
    html = _markdown().render(markdown_text(text))
    # Only paragraphs and line breaks come out of escaped data; never a link, image, HTML or a block.
    stripped = html.replace("<p>", "").replace("</p>", "").replace("<br />", "")
    assert "<" not in stripped.replace("&lt;", "")


def test_terminal_text_shows_controls_and_keeps_json_valid():
    assert terminal_text("a\x1b]0;x\x07\u202eb\n\tc") == "a\\u001b]0;x\\u0007\\u202eb\n\tc"
    doc = {"title": "x\x9b31m\u202e\U000e0041\x1b"}
    out = terminal_text(json.dumps(doc, ensure_ascii=False))
    assert json.loads(out) == doc and "\x9b" not in out and "\u202e" not in out


@given(st.text())
def test_terminal_text_leaves_no_control_character(text):
    out = terminal_text(text)
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in out)
    assert json.loads(terminal_text(json.dumps(text, ensure_ascii=False))) == text
