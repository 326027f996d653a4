"""Three-way merge for "merge by hand": one-sided changes apply, clashes are marked like git."""

from pigmeu_desktop.core.merge import MINE_MARK, THEIRS_MARK, merge_drafts, merge_text
from pigmeu_desktop.core.models import Draft


def test_changes_to_different_lines_both_apply():
    base = "a\nb\nc\nd\n"
    mine = "a\nB mine\nc\nd\n"
    theirs = "a\nb\nc\nD theirs\n"
    assert merge_text(base, mine, theirs) == ("a\nB mine\nc\nD theirs\n", False)


def test_a_clash_is_marked_with_both_sides():
    text, clash = merge_text("a\nb\nc", "a\nmine\nc", "a\ntheirs\nc")
    assert clash
    assert text == f"a\n{MINE_MARK}\nmine\n=======\ntheirs\n{THEIRS_MARK}\nc"


def test_one_sided_or_identical_changes_need_no_merge():
    assert merge_text("x", "y", "x") == ("y", False)
    assert merge_text("x", "x", "z") == ("z", False)
    assert merge_text("x", "q", "q") == ("q", False)


def test_draft_merge_reports_clashing_fields_and_merges_lists():
    base = Draft(title="T", excerpt="E", body_markdown="one\nmid\ntwo\n", tags=["a", "b"])
    mine = Draft(title="T mine", excerpt="E", body_markdown="one!\nmid\ntwo\n", tags=["a", "b", "m"])
    theirs = Draft(title="T theirs", excerpt="E theirs", body_markdown="one\nmid\ntwo?\n", tags=["b", "t"])
    merged = merge_drafts(base, mine, theirs)
    assert merged.conflicts == ("title",)
    assert merged.draft.title == "T mine" and merged.draft.excerpt == "E theirs"
    assert merged.draft.body_markdown == "one!\nmid\ntwo?\n"
    assert merged.draft.tags == ["b", "t", "m"]
