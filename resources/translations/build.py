"""Rebuild the pt_BR catalog: lupdate collects tr() strings from pigmeu_desktop/ui, lrelease compiles the .qm.

Usage: python resources/translations/build.py [--no-update]
Existing translations in the .ts are kept; new strings arrive marked unfinished for a translator
(Qt Linguist: `pyside6-linguist resources/translations/pigmeu_pt_BR.ts`). Commit the .ts and the .qm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = ROOT / "pigmeu_desktop" / "ui"
LANGUAGES = ("pt_BR",)


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: pip install PySide6-Essentials")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files (no lupdate)")
    args = parser.parse_args(argv)
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.glob("*.py"))
    for language in LANGUAGES:
        ts = HERE / f"pigmeu_{language}.ts"
        if not args.no_update:
            subprocess.run(
                [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts)],
                cwd=ROOT,
                check=True,
            )
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
