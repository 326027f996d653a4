"""What goes into the frozen app: data files, excluded modules, and the Qt/Playwright parts the app never uses.

pigmeu.spec imports this module; the rules live here so a test can check them without running PyInstaller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

# resources/ entries that ship, as glob patterns relative to resources/ (sources like .ts and build.py stay out).
RESOURCE_PATTERNS = (
    "icons/*.svg",
    "translations/*.qm",
    "prompts/*.json",
    "schemas/*.json",
    "pipelines/*.json",
    "llm_prices.json",
)

# Pillow's image formats no cover comes in (see EXCLUDED_MODULES).
_UNUSED_PILLOW_FORMATS = [
    "Blp",
    "BufrStub",
    "Cur",
    "Dcx",
    "Dds",
    "Eps",
    "Fits",
    "Fli",
    "Fpx",
    "Ftex",
    "Gbr",
    "GribStub",
    "Hdf5Stub",
    "Icns",
    "Ico",
    "Im",
    "Imt",
    "Iptc",
    "McIdas",
    "Mic",
    "Mpeg",
    "Msp",
    "Palm",
    "Pcd",
    "Pcx",
    "Pdf",
    "Pixar",
    "Psd",
    "Qoi",
    "Sgi",
    "Spider",
    "Sun",
    "Tga",
    "Wmf",
    "XVThumb",
    "Xbm",
    "Xpm",
]

# Python modules the analyser would follow but the app never runs: GUI toolkits we do not use, test
# frameworks, the build tool itself, and Pillow codecs covers never need (AVIF, Tk, FreeType text).
EXCLUDED_MODULES = (
    "tkinter",
    "unittest",
    "pydoc",
    "doctest",
    "pytest",
    "_pytest",
    "hypothesis",
    "pytestqt",
    "mongomock",
    "pymongo_async_mock",
    "keyrings.alt",
    "setuptools",
    "pip",
    "PyInstaller",
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL._imagingft",
    "PIL.ImageFont",
    "PIL._imagingcms",
    "lxml.objectify",
    "lxml.isoschematron",
    "PIL.ImageCms",
    # lxml's HTML diff (htmldiff and its command line): the parser needs lxml.html, never the differ.
    "lxml.html.diff",
    "lxml.html._difflib",
    "lxml.html._diffcommand",
    # wcwidth's optional C accelerator (1.4 MB): wcwidth falls back to its pure-Python tables; it is
    # only there for prompt_toolkit, which Celery's command line imports and the app never shows.
    "wcwidth._wcwidth_c",
    # Only cffi's build-time helpers import distutils; the bundle compiles nothing.
    "distutils",
    # Celery's command line (`celery worker`, `celery shell`, `celery amqp`...) and the interactive REPL
    # and terminal libraries only it imports: jobs/worker_main.py starts Celery's worker class directly.
    "celery.bin",
    "celery.events.cursesmon",
    "click_repl",
    "click_didyoumean",
    "click_plugins",
    "prompt_toolkit",
    "wcwidth",
    "curses",
    "_curses",
    "readline",  # only for interactive prompts (pdb, code, site's REPL), which a frozen app never shows
    # pydantic's v1 API: the app and its libraries use v2 models only (pydantic reads v1 only to warn
    # about a v1 model mixed into a v2 one).
    "pydantic.v1",
    # decimal's pure-Python fallback: the C implementation (_decimal) is always there.
    "_pydecimal",
    # cffi's Python side and its C parser (for compiling or parsing C declarations at run time): nothing
    # in the bundle does (billiard prefers cffi to ctypes for one prctl call only when it is importable).
    # The compiled backend, _cffi_backend, stays: cryptography's Rust bindings import it.
    "cffi",
    "pycparser",
    # Pillow's readers of formats covers never come in (covers are JPEG, PNG, WebP or GIF; JPEG needs
    # the MPO and TIFF modules for multi-picture files and EXIF). Pillow imports its plugins inside
    # `except ImportError`, so an odd format is just "not an image" (a coded error), as before.
    *(f"PIL.{name}ImagePlugin" for name in _UNUSED_PILLOW_FORMATS),
    "PIL.PdfParser",
    "PIL.ImageQt",  # Qt reads covers itself; Pillow's bridge to Qt is never used
    "PIL.ImageShow",  # opens an external viewer: never
    "PySide6.QtDBus",  # the D-Bus bindings for Python; Qt's own D-Bus library stays (QtGui links it)
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtOpenGL",
    "PySide6.QtPdf",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtPrintSupport",
    "PySide6.QtXml",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
)

# Qt plugins kept (folder/file stem); everything else under plugins/ goes. The window needs a platform
# (xcb, wayland, Windows, Cocoa; offscreen for --self-test on servers), the SVG icon engine and image
# readers for icons and covers, the desktop theme and input-method plugins, and xcb's GL integration.
QT_PLUGINS_KEPT = {
    "platforms": {
        "libqxcb",
        "libqwayland",
        "libqoffscreen",
        "libqminimal",
        "qwindows",
        "qoffscreen",
        "qminimal",
        "libqcocoa",
        "libqwayland-generic",
        "libqwayland-egl",
    },
    # The desktop portal gives native file dialogs on GNOME and KDE; the GTK 3 theme would pull in the
    # whole GTK stack (~25 MB of system libraries) for the same dialogs.
    "platformthemes": {"libqxdgdesktopportal"},
    "platforminputcontexts": None,
    "iconengines": None,
    "imageformats": {
        "libqsvg",
        "libqjpeg",
        "libqgif",
        "libqico",
        "libqwebp",
        "libqicns",
        "qsvg",
        "qjpeg",
        "qgif",
        "qico",
        "qwebp",
        "qicns",
    },
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    # xdg-shell is what desktop compositors speak (wl-shell: older ones). ivi-shell (cars), qt-shell and
    # fullscreen-shell (Qt's own compositors, kiosks) never host this app.
    "wayland-shell-integration": {"libxdg-shell", "libwl-shell-plugin"},
    # wayland-egl is the client side of OpenGL on Wayland; the *-server plugins share buffers for a Qt
    # Wayland *compositor*, which this app is not.
    "wayland-graphics-integration-client": {"libqt-plugin-wayland-egl"},
    "styles": None,
}

# Qt libraries no kept module or plugin links against (Quick/QML, PDF, Designer, Wayland compositor, the
# EGLFS full-screen platform's KMS support...).
_UNUSED_QT_LIB = re.compile(
    r"(Qt6?|qt6)(Qml|Quick|Labs|Lottie|Pdf|Designer|Help|Test|Sql|Concurrent|PrintSupport|UiTools|"
    r"Xml|Network|OpenGLWidgets|WaylandCompositor|WaylandEgl|WlShell|EglFS|VirtualKeyboard|ShaderTools|"
    r"SerialPort|Bluetooth|Nfc|Positioning|Sensors|Multimedia|WebSockets|WebChannel|HttpServer|EglFsKms|"
    r"StateMachine|Scxml|RemoteObjects|TextToSpeech|3D|Charts|DataVisualization|Graphs|SpatialAudio)"
)

# Qt's own translations: only the languages the app speaks (qtbase carries the standard buttons' words).
QT_TRANSLATIONS_KEPT = re.compile(r"qtbase_(pt_BR|en)\.qm$")

# Playwright's Node package: the driver needs lib/, cli.js, package.json and browsers.json; the type
# declarations are for TypeScript editors, lib/vite holds the trace viewer, HTML report, recorder and
# dashboard web apps (developer tools the app never opens). webp_codec.wasm is read only to encode a
# screenshot as WebP (or compare WebP screenshots in Playwright's test runner): the app takes no page
# screenshots. lib/tools/skills is Markdown for AI coding agents. lib/entry stays: the browser download
# of the first-run dialog runs lib/entry/oopBrowserDownload.js.
_PLAYWRIGHT_DROPPED = (
    "playwright/driver/package/types/",
    "playwright/driver/package/index.d.ts",
    "playwright/driver/package/lib/vite/",
    "playwright/driver/package/lib/webp_codec.",
    "playwright/driver/package/lib/tools/skills/",
)

# System libraries every Linux desktop has (glib, X11, xcb, fontconfig, D-Bus...) and those only the GTK
# theme plugin wanted: the .deb declares the packages instead (infra/packaging/deb-control). The xcb
# helpers Qt needs but distributions often leave out (xcb-cursor, icccm, keysyms, image, render-util,
# xkbcommon-x11) stay in the bundle. Pillow's own copies (hashed names like libxcb-9065bb12.so) stay too.
# The C++ runtime and expat come from the system as well: the build machine's copies would raise the
# glibc the package needs (2.36 here) above what the bundle's Python needs (2.35, Ubuntu 22.04).
# libjpeg, libpng and brotli came in only as dependencies of the system's FreeType and gdk-pixbuf, which
# stay out: nothing left in the bundle links them (Qt's JPEG plugin and Pillow carry their own codecs).
_SYSTEM_LIB = re.compile(
    r"^lib(gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|cairo|cairo-gobject|pango-1\.0|"
    r"pangocairo-1\.0|pangoft2-1\.0|epoxy|pixman-1|thai|datrie|fribidi|graphite2|harfbuzz|X11|X11-xcb|Xau|"
    r"Xdmcp|Xext|Xcomposite|Xdamage|Xi|Xinerama|Xrandr|Xcursor|Xfixes|Xrender|krb5|k5crypto|gssapi_krb5|"
    r"krb5support|com_err|keyutils|systemd|gcrypt|gpg-error|lz4|cap|selinux|mount|blkid|bsd|md|uuid|"
    r"gio-2\.0|gobject-2\.0|glib-2\.0|gmodule-2\.0|gthread-2\.0|pcre2-8|fontconfig|freetype|dbus-1|xcb|"
    r"xcb-(xkb|render|shm|sync|xfixes|randr|shape|glx|util)|xkbcommon|readline|tinfo|EGL|GL|GLX|GLdispatch|"
    r"wayland-client|wayland-cursor|wayland-egl|drm|gbm|stdc\+\+|gcc_s|expat|jpeg|png16|brotlidec|"
    r"brotlicommon)\.so(\.\d+)*$"
)


def _spelling_languages() -> frozenset[str]:
    """The word lists the editor's spell check can load (services/spelling.py's table)."""
    from pigmeu_desktop.services.spelling import LIST_OF_LANGUAGE

    return frozenset(LIST_OF_LANGUAGE.values())


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) for every resource the app reads at run time."""
    resources = root / "resources"
    found: list[tuple[str, str]] = []
    for pattern in RESOURCE_PATTERNS:
        found.extend(
            (str(path), str(PurePosixPath("resources") / path.parent.relative_to(resources)))
            for path in sorted(resources.glob(pattern))
        )
    return found


def keep(dest: str) -> bool:
    """Whether a file collected by the analyser (destination path inside the bundle) stays in it."""
    dest = dest.replace("\\", "/")
    name = dest.rsplit("/", 1)[-1]
    if "PySide6/" in dest and "/plugins/" in dest:
        folder = dest.split("/plugins/", 1)[1].split("/", 1)[0]
        if folder not in QT_PLUGINS_KEPT:
            return False
        stems = QT_PLUGINS_KEPT[folder]
        return stems is None or name.split(".", 1)[0] in stems
    if "/translations/" in dest and "PySide6" in dest:
        return bool(QT_TRANSLATIONS_KEPT.search(name))
    if ("PySide6" in dest or name.startswith(("libQt6", "Qt6"))) and _UNUSED_QT_LIB.search(name):
        return False
    if "PySide6/" in dest and ("/qml/" in dest or "/metatypes/" in dest):
        return False
    if "/" not in dest and _SYSTEM_LIB.match(name):
        return False
    if dest.startswith("jsonschema/benchmarks/"):
        return False  # jsonschema's benchmark inputs, collected with its data files
    if ".dist-info/" in dest and name == "RECORD":
        return False  # the installed-files list: version lookups read METADATA, nothing reads RECORD
    if dest.startswith("spellchecker/resources/") and name.endswith(".json.gz"):
        return name.removesuffix(".json.gz") in _spelling_languages()
    return not any(part in dest for part in _PLAYWRIGHT_DROPPED)


def prune(entries: Iterable[tuple]) -> list[tuple]:
    """An analyser TOC (dest, source, kind) without the entries `keep` drops."""
    return [entry for entry in entries if keep(entry[0])]


def metadata_headers(text: str) -> str:
    """A dist-info METADATA without its long description (the project's README, after the first blank
    line): version lookups (`pigmeu doctor`, the About dialog, libraries checking each other) read only
    the header fields."""
    head, _, _ = text.partition("\n\n")
    return head + "\n"
