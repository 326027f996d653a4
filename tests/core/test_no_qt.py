"""core/ must stay free of Qt: importing every core module must not import PySide6."""

import pkgutil
import subprocess
import sys

import pigmeu_desktop.core as core


def test_core_modules_import_without_pyside6():
    names = [f"pigmeu_desktop.core.{m.name}" for m in pkgutil.iter_modules(core.__path__)]
    assert "pigmeu_desktop.core.links" in names and "pigmeu_desktop.core.states" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"core imported Qt: {result.stdout} {result.stderr}"
