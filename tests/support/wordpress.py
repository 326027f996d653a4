"""A real local WordPress for tests: started once per session from wp-local.sh, plus users and switches.

Reusable outside this package: `LocalWordPress.start(dir, port)` / `.stop()`, `.user(login, role)`,
`.app_passwords(enabled)`, `.max_body(size)`, `.eval(php)`; the pytest fixtures live in
tests/services/wordpress/conftest.py (import them from there into another conftest to reuse).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("wp-local.sh")
APT_HINT = (
    "apt-get install -y --no-install-recommends wordpress wordpress-theme-twentytwentythree "
    "mariadb-server php-cli php-mysql php-gd php-xml php-mbstring php-curl"
)


def missing_packages() -> list[str]:
    """What wp-local.sh would miss here (empty list = a WordPress can be started)."""
    missing = []
    if shutil.which("php") is None:
        missing.append("php-cli")
    if shutil.which("mariadb-install-db") is None or not (
        Path("/usr/sbin/mariadbd").exists() or shutil.which("mariadbd")
    ):
        missing.append("mariadb-server")
    if not Path("/usr/share/wordpress/wp-load.php").exists():
        missing.append("wordpress")
    if shutil.which("flock") is None:
        missing.append("util-linux")
    return missing


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class WpUser:
    login: str
    role: str
    app_password: str
    id: int

    @property
    def auth(self) -> tuple[str, str]:
        return (self.login, self.app_password)


@dataclass
class LocalWordPress:
    """One running site: MariaDB on a private socket + `php -S` on 127.0.0.1:port, in `dir`."""

    dir: Path
    info: dict[str, Any]
    _users: dict[str, WpUser] = field(default_factory=dict)
    # Switch states, so a fixture resets only what a test changed (each switch costs ~0.3 s of PHP).
    _app_passwords_off: bool = False
    _max_body: str | None = None

    # -------------------------------------------------------------- lifecycle
    @classmethod
    def start(
        cls,
        directory: Path,
        port: int | None = None,
        *,
        env: dict[str, str] | None = None,
        timeout: float = 120.0,
    ) -> LocalWordPress:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        out = _run([str(SCRIPT), "start", str(directory), str(port or free_port())], env=env, timeout=timeout)
        return cls(directory, json.loads(out.strip().splitlines()[-1]))

    def stop(self, *, purge: bool = True) -> None:
        args = [str(SCRIPT), "stop", str(self.dir)] + (["--purge"] if purge else [])
        _run(args, timeout=120)

    # -------------------------------------------------------------- facts
    @property
    def url(self) -> str:
        return self.info["url"]

    @property
    def admin(self) -> WpUser:
        return WpUser(self.info["user"], "administrator", self.info["app_password"], 1)

    @property
    def php_log(self) -> Path:
        return self.dir / "logs" / "php-error.log"

    # -------------------------------------------------------------- helpers
    def user(self, login: str, role: str = "subscriber") -> WpUser:
        """A user with `role` and a fresh app password; created once per session and cached."""
        cached = self._users.get(login)
        if cached is not None and cached.role == role:
            return cached
        data = json.loads(_run([str(SCRIPT), "user", str(self.dir), login, role]).strip().splitlines()[-1])
        user = WpUser(data["user"], role, data["app_password"], int(data["id"]))
        self._users[login] = user
        return user

    def eval(self, php: str) -> str:
        """Run PHP with WordPress loaded (as the CLI, no HTTP)."""
        return _run([str(SCRIPT), "eval", str(self.dir), php])

    def app_passwords(self, enabled: bool) -> None:
        """Switch application passwords off/on, like a host or security plugin does (no restart)."""
        if enabled:
            self.eval("delete_option('wp_local_app_passwords_off');")
        else:
            self.eval("update_option('wp_local_app_passwords_off', 1);")
        self._app_passwords_off = not enabled

    def max_body(self, size: str | int | None) -> None:
        """Emulate a proxy's body limit (HTML 413 like nginx), e.g. '200K'; None/0 switches it off."""
        _run([str(SCRIPT), "max-body", str(self.dir), str(size or 0)])
        self._max_body = str(size) if size else None

    def reset_switches(self) -> None:
        """Undo app_passwords(False) and max_body(...) if a test used them."""
        if self._max_body:
            self.max_body(None)
        if self._app_passwords_off:
            self.app_passwords(True)

    def mu_plugin(self, name: str, php: str | None) -> None:
        """Install (or, with None, remove) a must-use plugin: stand-ins for SEO plugins and the like."""
        path = self.dir / "wp-content" / "mu-plugins" / f"{name}.php"
        if php is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text("<?php\n" + php + "\n", encoding="utf-8")

    def posts_with(self, text: str) -> list[int]:
        """Ids of non-trashed posts whose raw content contains `text` (read from the database)."""
        php = (
            "global $wpdb; echo json_encode(array_map('intval', $wpdb->get_col($wpdb->prepare("
            "\"SELECT ID FROM {$wpdb->posts} WHERE post_type='post' AND post_status NOT IN ('trash','auto-draft') "
            "AND post_content LIKE %s ORDER BY ID\", '%' . $wpdb->esc_like("
            + json.dumps(text)
            + ") . '%'))));"
        )
        return json.loads(self.eval(php).strip() or "[]")


def _run(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 120.0) -> str:
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=full_env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return proc.stdout
