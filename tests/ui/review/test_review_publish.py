"""Click-through Approve and Publish from the editor against the real local WordPress, then Update post."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pigmeu_desktop.core.models import new_id
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.services.wordpress.content import render_post_html
from pigmeu_desktop.ui.review.window import ReviewWindow
from tests.services.wordpress.wp_helpers import SiteReader, cover_file
from tests.ui.review.conftest import add_drafted, discard, make_book, make_draft

pytestmark = [pytest.mark.gui, pytest.mark.wordpress, pytest.mark.slow]


def click_publish(qtbot, window, radio: str):
    window.publish_action.trigger()
    dialog = window.publish_dialog
    qtbot.waitUntil(dialog.isVisible)
    getattr(dialog, radio).setChecked(True)
    summary = dialog.summary.toPlainText()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(window.publish_did_finish, timeout=60000) as done:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return summary, ok.text(), done.args[0]


def test_publish_then_edit_and_update_the_same_post(qtbot, run_async, services, wordpress_site, tmp_path):
    env = {
        "WORDPRESS_URL": wordpress_site.url,
        "WORDPRESS_USERNAME": wordpress_site.admin.login,
        "WORDPRESS_PASSWORD": wordpress_site.admin.app_password,
    }
    s = services(env)
    store = run_async(s.store())
    book = make_book().model_copy(update={"cover_path": str(cover_file(tmp_path / "cover.jpg"))})
    slug = f"resenha-sidarta-{new_id()[-6:]}"
    sub = run_async(add_drafted(store, make_draft(slug=slug), book=book))
    window = ReviewWindow(s, store)
    window.show()
    reader = SiteReader(wordpress_site.url, wordpress_site.admin.auth)
    try:
        run_async(window.open_item(sub.id))
        # Categories and tags complete from the site's own terms; the schedule reads in the site's zone.
        qtbot.waitUntil(lambda: window.vocabulary is not None, timeout=20000)
        assert "Uncategorized" in window.categories_edit.known_terms()
        assert not window.publish_action.isEnabled()
        assert "Only an approved item can be published" in window.publish_action.toolTip()
        window.approve_action.trigger()
        qtbot.waitUntil(lambda: window.sub.status is Status.APPROVED)
        assert window.publish_action.isEnabled() and window.publish_action.text() == "Publish…"

        window.publish_action.trigger()
        assert window.vocabulary.zone in window.publish_dialog.zone_label.text()
        window.publish_dialog.future_radio.setChecked(True)
        assert window.publish_dialog.date() and "scheduled for" in window.publish_dialog.summary.toPlainText()
        window.publish_dialog.reject()
        summary, button, saved = click_publish(qtbot, window, "publish_radio")
        assert "Resenha: Sidarta" in summary and "Resenhas" in summary and "the book's cover" in summary
        assert button == "Publish"
        assert not isinstance(saved, Exception), saved
        ref = saved.wordpress
        post = run_async(reader.post(ref.post_id))
        assert post["status"] == "publish" and post["slug"] == slug
        assert post["featured_media"] == ref.media_id and ref.media_id
        expected = render_post_html(
            window.body.toPlainText(),
            submission_id=sub.id,
            product_url=sub.amazon_url,
            affiliate_tags={"amazon.com.br": "pigmeu-20"},
            disclosure_text=s.settings.disclosure_text,
        )
        assert post["content"]["raw"] == expected.html  # the text is the editor's, as the preview showed it
        assert ref.link in window.post_link.text()

        # Edit again: the item reads "changed since publish" and the button becomes Update post.
        window.body.setPlainText(
            window.body.toPlainText().replace("A prosa é simples.", "A prosa é límpida.")
        )
        qtbot.waitUntil(lambda: "Changed since publish" in window.status_line.text(), timeout=5000)
        assert window.publish_action.text() == "Update post"
        _, button, updated = click_publish(qtbot, window, "publish_radio")
        assert button == "Update post" and not isinstance(updated, Exception), updated
        assert updated.wordpress.post_id == ref.post_id
        post = run_async(reader.post(ref.post_id))
        assert "A prosa é límpida." in post["content"]["raw"] and "simples" not in post["content"]["raw"]
        assert "Changed since publish" not in window.status_line.text()
    finally:
        run_async(reader.aclose())
        discard(window)
