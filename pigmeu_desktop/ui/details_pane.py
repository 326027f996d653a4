"""The details pane: one item as the editor reads it (book data, the draft as the post will read, history)."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QTextBrowser, QWidget

from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.ports import ActivityEntry
from pigmeu_desktop.core.review import source_facts
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.services.wordpress.content import render_post_html
from pigmeu_desktop.services.wordpress.hashing import changed_since_publish
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.book_notices import book_notices_html
from pigmeu_desktop.ui.errors import next_step_for, title_for
from pigmeu_desktop.ui.formatting import format_date, format_price
from pigmeu_desktop.ui.history import history_lines
from pigmeu_desktop.ui.prompt_provenance import draft_provenance_html


async def render_preview(sub: Submission, settings: Settings) -> str | None:
    """The draft's body rendered and sanitised exactly as publishing will send it (affiliate links,
    disclosure), in a worker thread: a long review takes tens of milliseconds to render."""
    if sub.draft is None or not sub.draft.body_markdown:
        return None
    rendered = await asyncio.to_thread(
        render_post_html,
        sub.draft.body_markdown,
        submission_id=sub.id,
        product_url=sub.amazon_url,
        affiliate_tags=dict(settings.affiliate_tags),
        disclosure_text=settings.disclosure_text,
    )
    return demote_headings(rendered.html)


_HEADING = re.compile(r"(</?)h([1-6])\b", re.IGNORECASE)


def demote_headings(post_html: str) -> str:
    """The post's own headings sit under the item's title in the details pane: h1-h2 → h4, h3 → h5, rest h6."""
    return _HEADING.sub(lambda m: f"{m.group(1)}h{min(6, max(4, int(m.group(2)) + 2))}", post_html)


class DetailsPane(QTextBrowser):
    """Shows one item; an update of the item being read keeps the reading position."""

    def __init__(self, status_label: Callable[[Status], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self._status_label = status_label
        self._shown: tuple[Submission, Sequence[ActivityEntry], str | None] | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Item details"))
        self.setPlaceholderText(self.tr("Select an item to see what was read from Amazon and its draft."))
        if self._shown is not None:
            self.setHtml(self.details_html(*self._shown))

    def show_item(self, sub: Submission, activity: Sequence[ActivityEntry], preview_html: str | None) -> None:
        same_item = self._shown is not None and self._shown[0].id == sub.id
        self._shown = (sub, activity, preview_html)
        scroll = self.verticalScrollBar()
        position = scroll.value()
        self.setHtml(self.details_html(sub, activity, preview_html))
        if same_item:  # an update of the item being read: stay where the editor was reading
            scroll.setValue(position)

    def show_nothing(self) -> None:
        self._shown = None
        self.clear()

    def details_html(
        self, sub: Submission, activity: Sequence[ActivityEntry] = (), preview_html: str | None = None
    ) -> str:
        e = html.escape
        parts = [f"<h2>{e(sub.title or sub.asin)}</h2>"]
        # tr() outside f-strings: lupdate does not look inside them.
        status_word, post_word, draft_word = self.tr("Status"), self.tr("WordPress post"), self.tr("Draft")
        changed_word, changed_hint = (
            self.tr("Changed since publish"),
            self.tr("approve it again to update the post"),
        )
        parts.append(f"<p><b>{e(status_word)}:</b> {e(self._status_label(sub.status))}<br>")
        parts.append(f"<a href='{e(sub.amazon_url)}'>{e(sub.amazon_url)}</a></p>")
        if sub.error:
            parts.append(
                f"<p><b>{e(title_for(sub.error.code))}</b> ({e(sub.error.code)})<br>{e(sub.error.message)}<br>"
                f"<i>{e(next_step_for(sub.error.code, sub.error.next_step))}</i></p>"
            )
        if sub.book:
            b = sub.book
            rows = [
                (
                    self.tr("Authors"),
                    ", ".join(a.name + (f" ({a.role})" if a.role else "") for a in b.authors),
                ),
                (self.tr("Publisher"), b.publisher),
                (self.tr("Published"), format_date(b.publication_date) if b.publication_date else None),
                (self.tr("Pages"), b.pages),
                (self.tr("ISBN-13"), b.isbn13),
                (self.tr("Price"), format_price(b.price.amount, b.price.currency) if b.price else None),
            ]
            parts.append("<table>")
            parts += [f"<tr><td><b>{e(k)}</b></td><td>{e(str(v))}</td></tr>" for k, v in rows if v]
            parts.append("</table>")
            parts.append(book_notices_html(sub))
        if sub.wordpress and sub.wordpress.link:
            link = e(sub.wordpress.link)
            parts.append(f"<p><b>{e(post_word)}:</b> <a href='{link}'>{link}</a>")
            if changed_since_publish(sub):
                parts.append(f"<br><b>{e(changed_word)}</b> — {e(changed_hint)}")
            parts.append("</p>")
        if sub.draft and (sub.draft.excerpt or preview_html):
            parts.append(f"<h3>{e(draft_word)}</h3>")
            if sub.draft.excerpt:
                parts.append(f"<p><i>{e(sub.draft.excerpt)}</i></p>")
            if preview_html:
                parts.append(f"<div>{preview_html}</div>")  # sanitised by the post renderer's allow-list
            labels = ((self.tr("Tags"), sub.draft.tags), (self.tr("Categories"), sub.draft.categories))
            parts += [
                f"<p><b>{e(label)}:</b> {e(', '.join(values))}</p>" for label, values in labels if values
            ]
            parts.append(draft_provenance_html(sub.draft))
        if sub.draft and sub.book:
            covered_word, check_word = (
                self.tr("From the page, in the draft"),
                self.tr("To check (not in the page data)"),
            )
            facts = source_facts(sub.book, sub.draft)
            marks = " · ".join(f"{e(f.value)} {'✓' if f.in_draft else '✗'}" for f in facts)
            parts.append(f"<p><b>{e(covered_word)}:</b> {marks}</p>")
            if sub.draft.ungrounded:
                parts.append(f"<p><b>{e(check_word)}:</b> {e(', '.join(sub.draft.ungrounded))}</p>")
        if activity:
            history_word = self.tr("History")
            parts.append(f"<h3>{e(history_word)}</h3><table>")
            parts += [
                f"<tr><td>{e(when)}&nbsp;&nbsp;</td><td>{e(what)}</td></tr>"
                for when, what in history_lines(activity)
            ]
            parts.append("</table>")
        return "".join(parts)
