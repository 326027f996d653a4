"""The checks panel's rules: lengths from the schema, focus keyword places, link, disclosure, blockers."""

from pigmeu_desktop.core.checks import blocking, first_paragraph, limits_from_schema, run_checks, word_count
from pigmeu_desktop.core.models import Draft

LIMITS = limits_from_schema(
    {
        "properties": {
            "title": {"minLength": 3, "maxLength": 20},
            "meta_description": {"minLength": 20, "maxLength": 160},
        }
    }
)
BODY = "## Introdução\n\nSidarta é um livro. [Compre](https://www.amazon.com.br/dp/8535914846)\n\n## Veredito\n\nLeia."


def draft(**kw) -> Draft:
    values = {
        "title": "Resenha: Sidarta",
        "slug": "resenha-sidarta",
        "focus_keyword": "Sidarta",
        "meta_description": "Resenha de Sidarta, de Hermann Hesse.",
        "body_markdown": BODY,
    }
    values.update(kw)
    return Draft(**values)


def by_key(checks):
    return {(c.key, c.params.get("place") or c.params.get("field")): c for c in checks}


def test_a_good_draft_passes_every_check():
    checks = run_checks(draft(), limits=LIMITS, affiliate_tag="pigmeu-20", disclosure_text="Como associado…")
    assert [c for c in checks if c.level != "ok"] == []
    keys = by_key(checks)
    assert {("keyword_in", p) for p in ("title", "slug", "first_paragraph", "meta_description")} <= set(keys)
    link = keys[("amazon_link_present", None)]
    assert BODY[link.target.start : link.target.end] == "https://www.amazon.com.br/dp/8535914846"


def test_problems_are_reported_with_where_they_are():
    d = draft(
        title="x" * 25,
        slug="outro",
        meta_description="curta",
        body_markdown="## A\n\nTexto sem link. ESCREVER: aqui",
    )
    checks = run_checks(
        d, limits=LIMITS, affiliate_tag=None, disclosure_text="", placeholders=["ESCREVER"], unbacked=["1987"]
    )
    keys = by_key(checks)
    assert keys[("too_long", "title")].params == {"field": "title", "size": 25, "max": 20}
    assert keys[("too_short", "meta_description")].level == "warning"
    assert ("keyword_not_in", "slug") in keys and ("keyword_not_in", "first_paragraph") in keys
    assert ("amazon_link_missing", None) in keys and ("affiliate_tag_missing", None) in keys
    assert ("disclosure_missing", None) in keys
    stop = blocking(checks)
    assert [c.key for c in stop] == ["placeholder_left"] and checks[0] is stop[0]
    assert d.body_markdown[stop[0].target.start : stop[0].target.end] == "ESCREVER"
    fact = keys[("unbacked_fact", None)]
    assert fact.params["count"] == 0 and fact.target is None


def test_first_paragraph_and_word_count():
    start, end = first_paragraph(BODY)
    assert BODY[start:end].startswith("Sidarta é um livro.")
    assert word_count("Um livro — de Hermann Hesse, 1922; guarda-chuva") == 7
