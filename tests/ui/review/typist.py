"""A stand-in editor for the kill test: opens the review window on an item and types forever.

`python -m tests.ui.review.typist HOME ITEM_ID LOG` types one character every 20 ms at the end of the
body and appends "<monotonic time> <characters typed>" to LOG after each, flushed, so the test knows
what was on screen when it killed this process.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from pigmeu_desktop.app import Services
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings
    from pigmeu_desktop.ui.review.window import ReviewWindow

    home, item_id, log_path = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    log = open(log_path, "a", buffering=1)  # noqa: SIM115 - open for the life of the process

    async def start() -> None:
        services = Services(AppPaths.under(home).ensure(), Settings(editor_name="Typist"), env={})
        store = await services.store()
        window = ReviewWindow(services, store)
        window.show()
        await window.open_item(item_id)
        typed = 0
        text = "abcdefghij" * 1000

        def type_one() -> None:
            nonlocal typed
            cursor = window.body.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(text[typed])  # as a key press does: through the document, with undo
            typed += 1
            log.write(f"{time.monotonic()} {typed}\n")

        timer = QTimer(window, interval=20)
        timer.timeout.connect(type_one)
        timer.start()
        print("typing", flush=True)
        window._typist_timer = timer

    with loop:
        loop.create_task(start())
        loop.run_forever()


if __name__ == "__main__":
    main()
