"""Post HTML: sanitised by allow-list, Amazon links canonical + tagged + rel=sponsored, disclosure and marker."""

from __future__ import annotations

import pytest

from pigmeu_desktop.services.wordpress.affiliate import parse_amazon_link
from pigmeu_desktop.services.wordpress.content import marker_for, render_post_html, sanitize_text

PRODUCT = "https://www.amazon.com.br/dp/8535914846"
TAGS = {"amazon.com.br": "blog-20", "amazon.co.uk": "blog-21"}


def render(body: str, **kw):
    args = {
        "submission_id": "abc123",
        "product_url": PRODUCT,
        "affiliate_tags": TAGS,
        "disclosure_text": "Aviso.",
    }
    args.update(kw)
    return render_post_html(body, **args)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="https://x.test/a.png" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<iframe src="https://evil.test"></iframe>',
        '<p onclick="steal()" style="x">p</p>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
        "<svg><script>alert(1)</script></svg>",
    ],
)
def test_hostile_markup_does_not_survive(hostile):
    html = render(f"Texto antes.\n\n{hostile}\n\nTexto depois.").html.lower()
    for needle in ("<script", "onerror", "onclick", "javascript:", "<iframe", "data:text", "style=", "<svg"):
        assert needle not in html
    assert "texto antes." in html and "texto depois." in html


def test_amazon_links_become_canonical_tagged_and_sponsored():
    body = (
        "[a](https://www.amazon.com.br/Livro-Qualquer/dp/8535914846/ref=sr_1_1?keywords=x&qid=1) "
        "[b](https://amazon.co.uk/gp/product/B00TEST123?psc=1) "
        "[c](https://example.com/dp/8535914846)"
    )
    r = render(body)
    assert (
        '<a href="https://www.amazon.com.br/dp/8535914846?tag=blog-20" rel="sponsored nofollow">a</a>'
        in r.html
    )
    assert (
        '<a href="https://www.amazon.co.uk/dp/B00TEST123?tag=blog-21" rel="sponsored nofollow">b</a>'
        in r.html
    )
    # not Amazon: untouched and without the sponsored rel
    assert '<a href="https://example.com/dp/8535914846">c</a>' in r.html
    assert "Veja o livro na Amazon" not in r.html  # the product is already linked


def test_lookalike_hosts_are_not_rewritten():
    for url in ("https://amazon.com.br.evil.com/dp/8535914846", "https://www.amaz0n.com.br/dp/8535914846"):
        assert parse_amazon_link(url) is None


def test_missing_product_link_is_added_and_untagged_marketplace_noted():
    r = render("Sem link.", affiliate_tags={})
    assert '<a href="https://www.amazon.com.br/dp/8535914846" rel="sponsored nofollow">' in r.html
    assert any("No affiliate tag" in n for n in r.notes)


def test_editor_rel_is_replaced_not_kept():
    r = render('<a href="https://www.amazon.com.br/dp/8535914846" rel="dofollow">x</a>')
    assert "dofollow" not in r.html and 'rel="sponsored nofollow"' in r.html


def test_disclosure_is_escaped_and_carries_the_marker():
    r = render("Corpo.", disclosure_text="Como associado <b>Amazon</b>, recebo.")
    first_line = r.html.splitlines()[0]
    assert "Como associado &lt;b&gt;Amazon&lt;/b&gt;, recebo." in first_line
    assert marker_for("abc123") in first_line


def test_editor_comments_are_stripped_so_no_foreign_marker_survives():
    r = render("<!-- pigmeu:submission=other -->\n\nCorpo.")
    assert "submission=other" not in r.html
    assert r.html.count("pigmeu:submission=") == 1


def test_tables_and_headings_render():
    r = render("## Ficha\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<h2>Ficha</h2>" in r.html and "<td>1</td>" in r.html


def test_sanitize_text_escapes_text_and_never_decodes_it():
    # A title that reads "<script>" as text is shown as text on the blog, never run.
    assert (
        sanitize_text("Siddhartha <script>alert(1)</script>")
        == "Siddhartha &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert sanitize_text("A &lt;b&gt; \x1b[31m  \u202etitle") == "A &amp;lt;b&amp;gt; [31m title"
    assert sanitize_text('Tom & "Jerry"') == "Tom &amp; &quot;Jerry&quot;"
