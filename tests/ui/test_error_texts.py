"""Every error code has a title and a next step, in English (core/errors.py) and in pt-BR (the catalog)."""

import pytest

from pigmeu_desktop.core.errors import ERROR_TEXTS, ErrorCode, PigmeuError
from pigmeu_desktop.ui.errors import describe, next_step_for, title_for
from pigmeu_desktop.ui.i18n import install_translator


@pytest.fixture
def language(qapp):
    installed: list = []

    def use(code: str) -> None:
        for translator in installed:
            qapp.removeTranslator(translator)
        installed[:] = install_translator(qapp, code)

    yield use
    for translator in installed:
        qapp.removeTranslator(translator)


def test_every_code_has_english_words(language):
    language("en")
    assert set(ERROR_TEXTS) == set(ErrorCode)
    for code in ErrorCode:
        assert title_for(code) == ERROR_TEXTS[code].title != ""
        assert next_step_for(code) == ERROR_TEXTS[code].next_step != ""
        assert PigmeuError("x", code=code).next_step == ERROR_TEXTS[code].next_step  # what the CLI prints


def test_every_code_has_portuguese_words(language):
    language("pt_BR")
    for code in ErrorCode:
        english = ERROR_TEXTS[code]
        assert title_for(code) not in ("", english.title), code
        assert next_step_for(code) not in ("", english.next_step), code
    title, _, step = describe(PigmeuError("O link não abre.", code=ErrorCode.NOT_AMAZON))
    assert (title, step) == (title_for("not_amazon"), next_step_for("not_amazon"))
