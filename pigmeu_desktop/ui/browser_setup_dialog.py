"""First run without a browser: say so plainly, offer to download Chromium (progress, cancel) or pick Chrome/Edge."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.services.scraping.browser_setup import ChromiumDownload
from pigmeu_desktop.services.scraping.discovery import _usable
from pigmeu_desktop.settings.store import load_settings, save_settings
from pigmeu_desktop.ui.errors import describe

log = logging.getLogger("pigmeu.ui")

ChooseFile = Callable[[QWidget], str]


def choose_browser_file(parent: QWidget) -> str:
    title = QCoreApplication.translate("BrowserSetupDialog", "Choose Chrome, Edge or Chromium")
    path, _ = QFileDialog.getOpenFileName(parent, title)
    return path


class BrowserSetupDialog(QDialog):
    """Shown at start when no Chromium-family browser is found; also Help → Set up the browser…"""

    browser_ready = Signal(str)  # "downloaded", or the chosen executable's path

    def __init__(
        self,
        services,
        parent: QWidget | None = None,
        *,
        env: Mapping[str, str] | None = None,
        choose_file: ChooseFile = choose_browser_file,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("browser-setup-dialog")
        self.services = services
        self.env = env
        self.choose_file = choose_file
        self.download: ChromiumDownload | None = None
        self.task: asyncio.Task | None = None
        self.setWindowTitle(self.tr("A browser is needed"))
        self.setMinimumWidth(520)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setText(
            self.tr(
                "Pigmeu reads Amazon's book pages in a browser of the Chromium family (Chromium, Google Chrome or "
                "Microsoft Edge), and none was found on this computer.\n\n"
                "You can download Chromium now (about 170 MB, only once), or choose a Chrome or Edge that is "
                "already installed. Until then you can add links and write drafts, but not read pages from Amazon."
            )
        )
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_button = QPushButton(self.tr("Download Chromium"), self)
        self.download_button.setToolTip(self.tr("Download Playwright's Chromium into your user folder"))
        self.download_button.clicked.connect(self.start_download)
        self.cancel_button = QPushButton(self.tr("Cancel download"), self)
        self.cancel_button.clicked.connect(self.cancel_download)
        self.cancel_button.hide()
        self.choose_button = QPushButton(self.tr("Choose a browser…"), self)
        self.choose_button.setToolTip(self.tr("Point at an installed Chrome, Edge or Chromium"))
        self.choose_button.clicked.connect(self.choose_browser)
        self.later_button = QPushButton(self.tr("Later"), self)
        self.later_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with the status text
        layout.addWidget(self.explanation)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    # -- download ------------------------------------------------------------------------------------

    def start_download(self) -> None:
        self.download = ChromiumDownload(self.env)
        self._busy(True)
        self.progress.setRange(0, 0)  # busy until the installer reports a percentage
        self._say(self.tr("Connecting…"))
        self.task = asyncio.ensure_future(self._download(self.download))

    async def _download(self, download: ChromiumDownload) -> None:
        try:
            await download.run(self._progressed)
        except PigmeuError as error:
            self._busy(False)
            self.progress.hide()
            if error.code is ErrorCode.CANCELLED:
                self._say(self.tr("Download cancelled. Nothing was installed."))
                return
            title, message, step = describe(error)
            self._say(f"{title}: {message}\n{step}")
            log.warning("Chromium download failed: %s", "; ".join(download.lines[-3:]))
            return
        self._busy(False)
        self._say(self.tr("Chromium is ready."))
        self.browser_ready.emit("downloaded")
        self.accept()

    def _progressed(self, percent: int | None, text: str) -> None:
        if percent is None:
            return
        self.progress.setRange(0, 100)
        self.progress.setValue(percent)
        self._say(self.tr("Downloading Chromium: %1% of %2").replace("%1", str(percent)).replace("%2", text))

    def _say(self, text: str) -> None:
        """Show a status line; the dialog grows to fit it (word-wrapped labels do not ask for that)."""
        self.status.setText(text)
        self.adjustSize()

    def cancel_download(self) -> None:
        if self.download is not None:
            self.download.cancel()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.download_button.setVisible(not busy)
        self.cancel_button.setVisible(busy)
        self.choose_button.setEnabled(not busy)
        self.choose_button.setToolTip(
            self.tr("Wait for the download to finish or cancel it")
            if busy
            else self.tr("Point at an installed Chrome, Edge or Chromium")
        )

    # -- an installed browser --------------------------------------------------------------------------

    def choose_browser(self) -> None:
        path = self.choose_file(self)
        if not path:
            return
        if not _usable(path):
            self._say(
                self.tr(
                    "%1 is not a program this computer can run. Choose the browser's "
                    "executable (chrome, msedge or chromium)."
                ).replace("%1", path)
            )
            return
        paths = self.services.paths
        save_settings(
            paths.settings_file, load_settings(paths.settings_file).model_copy(update={"browser_path": path})
        )
        self.services.apply_settings(self.services.settings.model_copy(update={"browser_path": path}))
        self.browser_ready.emit(path)
        self.accept()

    def reject(self) -> None:
        self.cancel_download()
        super().reject()


def open_browser_setup(parent: QWidget | None, services, **kwargs) -> BrowserSetupDialog:
    dialog = BrowserSetupDialog(services, parent, **kwargs)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
