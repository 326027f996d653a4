"""Regression guard for PySide6 6.12.0 on Python 3.11: model.data() returning None must not leak a None ref.

6.12.0 drops one reference to None per call; a QTableView calls data() on every paint and the process
dies with `Fatal Python error: none_dealloc`. 6.11.3 (our pin) does not (ARCHITECTURE.md, "Why the pins").
"""

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class _Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_data_returning_none_keeps_none_refcount(qapp):
    model = _Model()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        model.data(index, Qt.ItemDataRole.DecorationRole)
        # Through Qt's C++ side too, which is how a view calls it.
        model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references"


def test_pinned_pyside_version():
    import PySide6

    assert PySide6.__version__ == "6.11.3"
