"""Review diffs are data: hunks rebuild both texts, only changed fields are listed, source facts are checked."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pigmeu_desktop.core.models import Author, Book, Draft, Revision, Submission
from pigmeu_desktop.core.review import diff_drafts, diff_text, revision_diff, source_facts


def rebuild(hunks, side):
    return "".join(piece for h in hunks for piece in getattr(h, side))


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.sampled_from(["word", "line"]))
def test_hunks_rebuild_both_texts_exactly(old, new, by):
    hunks = diff_text(old, new, by=by)
    assert rebuild(hunks, "old") == old and rebuild(hunks, "new") == new


def test_word_diff_points_at_the_changed_words():
    hunks = diff_text("Um livro bom", "Um livro excelente", by="word")
    changed = [h for h in hunks if h.kind != "equal"]
    assert [(h.kind, h.old, h.new) for h in changed] == [("replace", ("bom",), ("excelente",))]


def test_draft_diff_lists_only_changed_fields_in_reading_order():
    old = Draft(
        title="Resenha",
        excerpt="Curto.",
        body_markdown="## Introdução\nA\n## Veredito\nB\n",
        tags=["história", "guerra"],
    )
    new = old.model_copy(
        update={
            "excerpt": "Curto e bom.",
            "body_markdown": "## Introdução\nA\n## Veredito\nC\n",
            "tags": ["guerra", "box"],
            "provider": "openai",
        }
    )
    changes = diff_drafts(old, new)
    assert [c.field for c in changes] == ["excerpt", "body_markdown", "tags"]
    body = changes[1]
    assert [(h.old, h.new) for h in body.hunks if h.kind != "equal"] == [(("B\n",), ("C\n",))]
    assert changes[2].added == ("box",) and changes[2].removed == ("história",)
    assert diff_drafts(old, old.model_copy(update={"model": "x"})) == ()  # non-published fields do not count


def test_revision_diff_compares_two_revisions_of_an_item():
    first, second = Draft(title="A"), Draft(title="B")
    sub = Submission(
        amazon_url="https://www.amazon.com.br/dp/8565042472",
        asin="8565042472",
        marketplace="amazon.com.br",
        revisions=[Revision(n=1, author="ai:gpt", draft=first), Revision(n=2, author="Ana", draft=second)],
    )
    (change,) = revision_diff(sub, 1, 2)
    assert change.field == "title"


def test_source_facts_say_which_book_facts_the_draft_states():
    book = Book(
        title="Sidarta",
        authors=[Author(name="Hermann Hesse"), Author(name="Ana Tradutora")],
        publisher="Companhia das Letras",
        publication_date=date(2009, 5, 12),
        pages=200,
    )
    draft = Draft(title="Resenha: Sidarta", body_markdown="O clássico de hermann   HESSE, publicado em 2009.")
    facts = {(f.field, f.value): f.in_draft for f in source_facts(book, draft)}
    assert facts == {
        ("title", "Sidarta"): True,
        ("author", "Hermann Hesse"): True,
        ("author", "Ana Tradutora"): False,
        ("publisher", "Companhia das Letras"): False,
        ("year", "2009"): True,
        ("pages", "200"): False,
    }
