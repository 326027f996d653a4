"""Tracebacks logged from any thread never parse Python source (CPython 3.11's AST counter is shared)."""

from __future__ import annotations

import ast
import io
import logging
import threading

from pigmeu_desktop.logs import plain_traceback, use_plain_tracebacks


def _fail_deeply() -> None:
    try:
        {}["missing"]
    except KeyError as exc:
        raise RuntimeError("the step broke") from exc


def test_an_exception_logged_in_a_worker_thread_is_formatted_without_parsing_source(monkeypatch):
    use_plain_tracebacks()
    parsed: list[str] = []
    real_parse = ast.parse
    monkeypatch.setattr(ast, "parse", lambda *a, **k: parsed.append("parse") or real_parse(*a, **k))
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger = logging.getLogger("pigmeu.test.threads")
    logger.addHandler(handler)
    try:

        def work() -> None:
            try:
                _fail_deeply()
            except RuntimeError:
                logger.exception("drafting failed")

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    finally:
        logger.removeHandler(handler)
    text = out.getvalue()
    assert parsed == []
    # Still a whole traceback: the message, both exceptions of the chain, the functions and lines.
    assert "drafting failed" in text and "RuntimeError: the step broke" in text
    assert "KeyError: 'missing'" in text and "_fail_deeply" in text and "line " in text
    assert "^^^" not in text


def test_plain_traceback_of_an_exception_group_lists_its_members():
    try:
        raise ExceptionGroup("two", [ValueError("first"), TypeError("second")])
    except ExceptionGroup as group:
        text = plain_traceback((type(group), group, group.__traceback__))
    assert "ValueError: first" in text and "TypeError: second" in text
