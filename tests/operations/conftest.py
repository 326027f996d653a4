"""The window's side of these tests needs the GUI tests' qasync loop fixtures."""

from tests.ui.conftest import qloop, run_async

__all__ = ["qloop", "run_async"]
