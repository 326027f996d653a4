"""The GUI's top-level guard: a start-up failure is a coded error with its next step, and anything that
escapes a slot becomes internal_error with the log path, never a bare traceback."""

from __future__ import annotations

import sys

from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.ui.application import install_excepthook, main


def test_a_data_folder_that_cannot_be_created_is_a_coded_error(capsys):
    assert main(["--data-dir", "/dev/null", "--self-test"]) == 1
    err = capsys.readouterr().err
    assert "error [store_unavailable]" in err and "/dev/null/data" in err and "next step:" in err
    assert "Traceback" not in err


def test_an_uncaught_exception_becomes_internal_error_with_the_log_path(capsys, tmp_path, monkeypatch):
    paths = AppPaths.under(tmp_path / "home").ensure()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    install_excepthook(paths)
    try:
        raise ZeroDivisionError("a bug in a slot")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert "error [internal_error]" in err and str(paths.log_dir / "pigmeu.log") in err
    assert "Traceback" not in err
