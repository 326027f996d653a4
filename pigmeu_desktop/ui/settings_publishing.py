"""The Settings dialog's Publishing section: affiliate tag per Amazon store, disclosure, post status."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop.ui.settings_controller import Candidate, SettingsController
from pigmeu_desktop.core.marketplaces import MARKETPLACES
from pigmeu_desktop.ui.settings_sections import Section

POST_STATUSES = ("draft", "publish", "future")
# Amazon Associates tracking ids: letters, digits, hyphens, ending in a two-digit store suffix (blog-20).
AFFILIATE_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*-\d{2}")
VISIBLE_TAG_ROWS = 6  # the rest scroll: a tall table would push the other fields off small screens


class PublishingSection(Section):
    """What every post carries: the affiliate tag of the book's store, the disclosure, its WordPress status."""

    MARKET, TAG = 0, 1

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        tags: dict[str, str] = dict(controller.value("affiliate_tags"))
        markets = list(MARKETPLACES) + sorted(m for m in tags if m not in MARKETPLACES)  # Brazil first
        self.tags = QTableWidget(len(markets), 2, self)
        for row, market in enumerate(markets):
            name = QTableWidgetItem(market)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)  # not editable
            self.tags.setItem(row, self.MARKET, name)
            self.tags.setItem(row, self.TAG, QTableWidgetItem(tags.get(market, "")))
        self.tags.verticalHeader().setVisible(False)
        header = self.tags.horizontalHeader()
        header.setSectionResizeMode(self.MARKET, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)  # a bold header for the current cell looked like a glitch
        self.tags.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab leaves the table (arrows move between cells), so keyboard users are not trapped in it.
        self.tags.setTabKeyNavigation(False)
        self.tags.setCurrentCell(0, self.TAG)
        self.disclosure = QPlainTextEdit(controller.value("disclosure_text"), self)
        self.disclosure.setTabChangesFocus(True)
        self.status = QComboBox(self)
        for code in POST_STATUSES:
            self.status.addItem("", code)
        self.status.setCurrentIndex(max(0, self.status.findData(controller.value("default_post_status"))))
        self.add_row("tags", self.tags, "affiliate_tags")
        self.add_row("disclosure", self.disclosure, "disclosure_text")
        self.add_row("status", self.status, "default_post_status")
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self._fit_heights()
        self.tags.itemChanged.connect(self.changed)
        self.disclosure.textChanged.connect(self.changed)
        self.status.currentIndexChanged.connect(self.changed)
        self.retranslate()

    def _fit_heights(self) -> None:
        rows = min(VISIBLE_TAG_ROWS, self.tags.rowCount())
        frame = 2 * self.tags.frameWidth()
        self.tags.setFixedHeight(
            self.tags.horizontalHeader().sizeHint().height()
            + rows * self.tags.verticalHeader().defaultSectionSize()
            + frame
        )
        lines = self.disclosure.fontMetrics().lineSpacing() * 4
        margins = self.disclosure.contentsMargins()
        self.disclosure.setFixedHeight(
            lines + margins.top() + margins.bottom() + 2 * int(self.disclosure.document().documentMargin())
        )

    def typed_tags(self) -> dict[str, str]:
        """Marketplace → tag for the rows with one (an empty row: that store's links carry no tag)."""
        found: dict[str, str] = {}
        for row in range(self.tags.rowCount()):
            tag = self.tags.item(row, self.TAG).text().strip()
            if tag:
                found[self.tags.item(row, self.MARKET).text()] = tag
        return found

    def candidate(self) -> Candidate:
        return Candidate(
            {
                "affiliate_tags": self.typed_tags(),
                "disclosure_text": self.disclosure.toPlainText().strip(),
                "default_post_status": self.status.currentData(),
            }
        )

    def problem(self) -> tuple[QWidget, str] | None:
        for row in range(self.tags.rowCount()):
            tag = self.tags.item(row, self.TAG).text().strip()
            if tag and not AFFILIATE_TAG.fullmatch(tag):
                self.tags.setCurrentCell(row, self.TAG)  # the field focused is the cell to fix
                market = self.tags.item(row, self.MARKET).text()
                return self.tags, self.tr(
                    "The affiliate tag for %1 is not valid: “%2”. Use letters, digits and hyphens, "
                    "ending in the store's number, e.g. blog-20."
                ).replace("%1", market).replace("%2", tag)
        return None

    def retranslate(self) -> None:
        super().retranslate()
        self.set_label("tags", self.tr("Affiliate &tags:"))
        self.set_label("disclosure", self.tr("&Disclosure:"))
        self.set_label("status", self.tr("Post &status:"))
        self.tags.setHorizontalHeaderLabels([self.tr("Amazon store"), self.tr("Tag")])
        self.set_tip(
            self.tags,
            self.tr(
                "Your Amazon Associates tag for each store, e.g. blog-20. Links to a store without a "
                "tag are published without one."
            ),
        )
        self.disclosure.setPlaceholderText(self.tr("Empty: posts carry no disclosure"))
        self.set_tip(
            self.disclosure,
            self.tr("Added at the end of every post. Amazon requires associates to show one."),
        )
        names = {
            "draft": self.tr("Draft (publish it yourself in WordPress)"),
            "publish": self.tr("Published right away"),
            "future": self.tr("Scheduled"),
        }
        for i in range(self.status.count()):
            self.status.setItemText(i, names[self.status.itemData(i)])
        self.set_tip(self.status, self.tr("The WordPress status of a post when an approved review is sent."))
