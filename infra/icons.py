"""Render resources/icons/pigmeu.svg into the per-OS icons: PNG sizes (Linux), .ico (Windows), .icns (macOS).

Usage: python infra/icons.py OUT_DIR
Why these tools: Qt's own SVG renderer (QtSvg, in PySide6-Essentials) is the renderer the app shows the
icon with, so the icons match the window's; Pillow writes .ico and .icns on every OS. Both are already
locked dependencies of the app, so the icons build the same on the Linux, Windows and macOS runners
with nothing else to install (rsvg-convert or cairosvg would need a system library on each runner).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "pigmeu.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZE = 1024  # Pillow derives the smaller .icns members from the largest image


def render(size: int):
    """The SVG drawn on a transparent square of `size` pixels, as a Pillow image."""
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_RGBA8888)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SOURCE)).render(painter)
    painter.end()
    return Image.frombuffer(
        "RGBA", (size, size), bytes(image.constBits()), "raw", "RGBA", image.bytesPerLine(), 1
    )


def build(out: Path) -> list[Path]:
    """Write every icon under `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for size in PNG_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / "pigmeu-desktop.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        render(size).save(path)
        written.append(path)
    largest = render(ICO_SIZES[-1])
    largest.save(out / "pigmeu.ico", sizes=[(s, s) for s in ICO_SIZES])
    render(ICNS_SIZE).save(out / "pigmeu.icns")
    written += [out / "pigmeu.ico", out / "pigmeu.icns"]
    scalable = out / "hicolor" / "scalable" / "apps" / "pigmeu-desktop.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(SOURCE.read_bytes())
    written.append(scalable)
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if len(sys.argv) != 2:
        sys.exit(__doc__.splitlines()[2])
    for path in build(Path(sys.argv[1])):
        print(path)
