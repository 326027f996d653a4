"""GUI start-up: QApplication + qasync loop, services from the composition root, first-run, main window."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Sequence

from pigmeu_desktop import APP_NAME, APP_ORG, __version__

log = logging.getLogger("pigmeu.ui")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pigmeu-desktop", description=APP_NAME)
    parser.add_argument("--data-dir", metavar="DIR", help="keep everything under DIR (env PIGMEU_HOME)")
    parser.add_argument("--env-file", metavar="FILE", help="read environment overrides from a .env file")
    parser.add_argument(
        "--self-test", action="store_true", help="start, check the parts, exit 0 if all is well"
    )
    parser.add_argument(
        "--screenshot", metavar="PNG", help=argparse.SUPPRESS
    )  # used to review the UI under Xvfb
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser.parse_args(list(argv))


def install_excepthook(paths=None) -> None:
    """An exception inside a qasync slot only reaches sys.excepthook: it becomes internal_error, logged
    with its traceback, and one coded line on stderr (never a bare traceback)."""
    from pigmeu_desktop.guard import error_text, internal_error

    def hook(exc_type, exc, tb) -> None:
        if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit: Python's own handling
            sys.__excepthook__(exc_type, exc, tb)
            return
        error = internal_error(exc.with_traceback(tb), paths)
        if sys.stderr is not None:
            sys.stderr.write(error_text(error))

    sys.excepthook = hook


def route_qt_messages() -> None:
    """Send Qt's own warnings to our log (category pigmeu.qt) instead of a console nobody reads."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("pigmeu.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind, context, message) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app. A coded error at start-up (a data folder that cannot be created, a database that
    cannot be opened) is printed with its next step; anything else becomes internal_error with the log path."""
    from pigmeu_desktop.core.errors import PigmeuError
    from pigmeu_desktop.guard import error_text, internal_error

    try:
        return _main(argv)
    except PigmeuError as exc:
        error = exc
    except Exception as exc:  # noqa: BLE001 - the guard: logged by internal_error, never a bare traceback
        error = internal_error(exc)
    if sys.stderr is not None:
        sys.stderr.write(error_text(error))
    return 1


def _main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from pigmeu_desktop.app import Services
    from pigmeu_desktop.logs import configure_logging
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.loader import load_effective

    env = dict(os.environ)
    paths = AppPaths.resolve(args.data_dir, env).ensure()
    # Refused values are shown once the window is up (the app runs on their defaults meanwhile).
    effective = load_effective(paths, env, env_file=args.env_file)
    settings, env = effective.settings, effective.env
    configure_logging(paths, env.get("LOG_LEVEL"), console=True)
    install_excepthook(paths)
    enable_native_crash_log(paths.log_dir)
    route_qt_messages()
    from pigmeu_desktop.app import prefer_responsive_loop

    prefer_responsive_loop()

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ORG)
    app.setApplicationVersion(__version__)
    from PySide6.QtGui import QIcon

    from pigmeu_desktop.paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "pigmeu.svg")))
    app.setDesktopFileName("pigmeu-desktop")
    from pigmeu_desktop.ui.i18n import install_translator

    install_translator(app, settings.language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from pigmeu_desktop.ui.crash_dialog import CrashReporter, show_fatal

    # From here on an unhandled exception in a slot, a loop callback, a task or a thread shows a dialog.
    reporter = CrashReporter(paths.log_dir / "pigmeu.log", app).install(loop)
    services = Services(paths, settings, env)

    async def start_dispatcher(services):
        from pigmeu_desktop.jobs.workers import start_dispatcher as start

        return await start(services)

    async def start() -> int:
        dispatcher = None
        from pigmeu_desktop.jobs.executor import Executor
        from pigmeu_desktop.ui.main_window import MainWindow

        store = await services.store()
        from pigmeu_desktop.app import freeze_startup_heap

        # Team mode can send the steps to the team's Celery workers instead of running them here.
        to_workers = settings.team_mode and settings.send_steps_to_workers
        executor = None if to_workers else Executor(services, after_warm_up=freeze_startup_heap)
        window = MainWindow(services, store, executor)
        from pigmeu_desktop.ui.app_menus import install_app_menus

        menus = install_app_menus(window, services)
        from pigmeu_desktop.ui.team_move import TeamMoveActions
        from pigmeu_desktop.ui.team_presence import attach_team

        TeamMoveActions(window)  # Tools: copy the queue between this computer and the team

        team = await attach_team(window, services, store)  # team mode: presence, claims, offline edits
        window.show()
        from pigmeu_desktop.ui.settings_problems import show_settings_problems

        problems_box = show_settings_problems(window, effective.problems, window.open_settings)
        if not args.self_test and not args.screenshot:
            # Before the warm-up imports too: a full collection they trigger walks only their objects.
            freeze_startup_heap()
            if executor is not None:
                await executor.start()
            else:
                dispatcher = await start_dispatcher(services)
            from pigmeu_desktop.ui.app_menus import browser_check_needed
            from pigmeu_desktop.ui.wizard import needs_first_run, open_first_run_wizard

            def check_browser() -> None:
                if browser_check_needed(services):
                    menus.open_browser_setup()

            if needs_first_run(paths):
                open_first_run_wizard(window, services).finished.connect(lambda _: check_browser())
            else:
                check_browser()
        if args.self_test:
            integrity = await store.check_integrity()
            print(f"self-test: store {integrity}, window {'visible' if window.isVisible() else 'hidden'}")
            from pigmeu_desktop.services.spelling import speller_for

            # The editor's word lists are data files: a bundle that lost them would check nothing.
            speller = await speller_for("pt-BR")
            spelling = (
                "ok"
                if speller is not None and speller.known("livro") and not speller.known("lvro")
                else "FAIL"
            )
            print(f"self-test: spelling {spelling}")
            from pigmeu_desktop.services.cover_fetch import cover_codecs_missing

            # Pillow's codecs are native libraries the bundle must carry: decode every cover format.
            missing_codecs = cover_codecs_missing()
            print(f"self-test: covers {'ok' if not missing_codecs else 'FAIL ' + ', '.join(missing_codecs)}")
            # Refused settings are the user's to fix, not a failed self-test; not saying so would be.
            shown = problems_box is None or problems_box.isVisible()
            refused = len(effective.problems)
            said = f"{refused} refused, shown" if refused else "ok"
            print(f"self-test: settings {said if shown else f'{refused} refused, NOT SHOWN'}")
            window.close()
            return 0 if integrity == "ok" and spelling == "ok" and shown and not missing_codecs else 1
        if args.screenshot:
            await asyncio.sleep(0.5)
            if window.model.rowCount():
                window.table.selectRow(0)
            await asyncio.sleep(0.7)
            window.grab().save(args.screenshot)
            window.close()
            return 0
        closed = asyncio.Event()
        app.lastWindowClosed.connect(closed.set)
        await closed.wait()
        # Items in progress go back to their step's start and are picked up at the next launch.
        if executor is not None:
            await executor.stop()
        if dispatcher is not None:
            await dispatcher.aclose()
        if team is not None:
            await team.aclose()
        return 0

    try:
        with loop:
            try:
                code = loop.run_until_complete(start())
            except Exception as exc:  # noqa: BLE001 - never a silent exit: say what happened, then stop
                show_fatal(exc, paths.log_dir / "pigmeu.log")
                code = 1
            loop.run_until_complete(services.aclose())
    finally:
        reporter.uninstall()
        QTimer.singleShot(0, app.quit)
    return code


def enable_native_crash_log(log_dir) -> None:
    """A crash inside Qt or another C library kills the process before Python can show anything: write the
    Python stacks of every thread to logs/crash.log then, so the next start (and support) can see where."""
    import faulthandler

    with contextlib.suppress(OSError):
        faulthandler.enable(open(log_dir / "crash.log", "a", encoding="utf-8"), all_threads=True)  # noqa: SIM115
