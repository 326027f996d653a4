"""Editor changes as data: book corrections apart from scraped values, session revisions, restore."""

from datetime import date

import pytest

from pigmeu_desktop.core.editing import (
    KIND_EDIT,
    KIND_RESTORE,
    book_field_text,
    effective_book,
    reset_book_edit,
    same_text,
    set_book_edit,
    with_editor_draft,
    with_restored_revision,
)
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.core.models import Author, Book, Draft, Revision, Submission


def sub(**kw) -> Submission:
    book = Book(
        title="Sidarta", authors=[Author(name="Hermann Hesse")], pages=200, publication_date=date(2009, 5, 12)
    )
    values = {
        "amazon_url": "https://www.amazon.com.br/dp/8535914846",
        "asin": "8535914846",
        "marketplace": "amazon.com.br",
        "book": book,
    }
    values.update(kw)
    return Submission(**values)


def test_a_book_correction_is_kept_apart_and_survives_a_rescrape():
    s = set_book_edit(sub(), "pages", "208")
    s = set_book_edit(s, "authors", "Hermann Hesse; Herbert Caro")
    assert s.book.pages == 200  # the scraped value is untouched
    assert s.book_edits == {"pages": 208, "authors": [{"name": "Hermann Hesse"}, {"name": "Herbert Caro"}]}
    book = effective_book(s)
    assert book.pages == 208 and [a.name for a in book.authors] == ["Hermann Hesse", "Herbert Caro"]
    # A re-scrape replaces `book`; the corrections stay and still win.
    rescraped = s.model_copy(update={"book": Book(title="Sidarta", pages=201)})
    assert effective_book(rescraped).pages == 208
    assert book_field_text(effective_book(rescraped), "authors") == "Hermann Hesse; Herbert Caro"
    assert effective_book(reset_book_edit(rescraped, "pages")).pages == 201


def test_typing_the_scraped_value_back_is_not_an_edit_and_bad_values_are_refused():
    s = set_book_edit(set_book_edit(sub(), "pages", "208"), "pages", "200")
    assert s.book_edits == {}
    with pytest.raises(PigmeuError) as bad:
        set_book_edit(sub(), "publication_date", "31/03/2024")
    assert bad.value.code == "invalid_input" and bad.value.details["field"] == "publication_date"
    assert effective_book(set_book_edit(sub(), "publication_date", "2010-01-02")).publication_date == date(
        2010, 1, 2
    )


def test_autosaves_of_one_session_update_its_revision_and_a_new_session_adds_one():
    ai = Draft(title="T", body_markdown="AI text", provider="openai", model="m")
    s = sub(draft=ai, revisions=[Revision(n=1, author="ai:m", draft=ai, kind="ai")])
    s = with_editor_draft(s, Draft(title="T", body_markdown="edited"), author="Ana", session="s1")
    s = with_editor_draft(s, Draft(title="T", body_markdown="edited more"), author="Ana", session="s1")
    assert [(r.n, r.kind) for r in s.revisions] == [(1, "ai"), (2, KIND_EDIT)]
    assert s.revisions[1].draft.body_markdown == "edited more" and s.revisions[1].author == "Ana"
    assert s.draft.provider == "openai"  # provenance stays the generation's
    assert s.revisions[0].draft.body_markdown == "AI text"  # never overwritten
    s = with_editor_draft(s, Draft(title="T", body_markdown="next day"), author="Bia", session="s2")
    assert [r.n for r in s.revisions] == [1, 2, 3] and s.revisions[2].author == "Bia"


def test_restore_adds_a_revision_with_the_old_text():
    first = Draft(title="One", body_markdown="first")
    second = Draft(title="Two", body_markdown="second")
    s = sub(
        draft=second,
        revisions=[Revision(n=1, author="ai:m", draft=first), Revision(n=2, author="Ana", draft=second)],
    )
    restored = with_restored_revision(s, 1, author="Ana")
    assert same_text(restored.draft, first)
    assert [(r.n, r.kind, r.restored_from) for r in restored.revisions][-1] == (3, KIND_RESTORE, 1)
    assert restored.revisions[1].draft.body_markdown == "second"
    with pytest.raises(PigmeuError):
        with_restored_revision(s, 9, author="Ana")
