"""The checks panel's sentences: each check's parameters land in their places, in both languages."""

import pytest

from pigmeu_desktop.core.checks import Check
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.review.check_words import describe

CHECKS = [
    (
        Check("too_long", "warning", {"field": "title", "size": 80, "max": 60}),
        "Title is too long: 80 characters, at most 60",
        "Título",
    ),
    (
        Check("too_short", "warning", {"field": "excerpt", "size": 3, "min": 50}),
        "Excerpt is too short: 3 characters, at least 50",
        "50",
    ),
    (Check("length_ok", "ok", {"field": "slug", "size": 12}), "Slug: length fine (12)", "12"),
    (
        Check("placeholder_left", "blocking", {"text": "[VERDICT]", "field": "body_markdown"}),
        "Placeholder left: “[VERDICT]” (Body) — write the text before approving",
        "[VERDICT]",
    ),
    (
        Check("keyword_in", "ok", {"place": "first_paragraph"}),
        "Focus keyword in the first paragraph",
        "parágrafo",
    ),
    (Check("affiliate_tag_set", "ok", {"tag": "blog-20"}), "Affiliate tag: blog-20", "blog-20"),
]


@pytest.mark.parametrize(("check", "english", "in_portuguese"), CHECKS, ids=[c[0].key for c in CHECKS])
def test_each_check_reads_as_a_sentence_with_its_values(qapp, check, english, in_portuguese):
    install_translator(qapp, "en")
    assert describe(check) == english
    install_translator(qapp, "pt-BR")
    try:
        translated = describe(check)
        assert translated != english and in_portuguese in translated and "%" not in translated
    finally:
        install_translator(qapp, "en")
