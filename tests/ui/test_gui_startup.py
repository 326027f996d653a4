"""The GUI entry point starts, opens the store and the window, and exits cleanly (--self-test)."""

import os
import subprocess
import sys


def self_test(home, **env: str) -> subprocess.CompletedProcess:
    """`pigmeu-desktop --self-test` offscreen with PIGMEU_HOME=`home` (and `env`), in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "pigmeu_desktop", "--self-test"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PIGMEU_HOME": str(home), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_gui_self_test_starts_and_exits_zero(tmp_path):
    result = self_test(tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "self-test: store ok, window visible" in result.stdout
    assert "self-test: spelling ok" in result.stdout
    assert "self-test: settings ok" in result.stdout
    assert (tmp_path / "home" / "data" / "pigmeu.sqlite3").is_file()
    assert (tmp_path / "home" / "logs" / "pigmeu.log").is_file()


def test_refused_settings_are_shown_at_start_and_the_app_still_opens(tmp_path):
    """A bad value in settings.json and one in the environment: the window opens on the defaults and a
    warning lists both (the value from the environment is not repeated: it may be a secret)."""
    config = tmp_path / "home" / "config"
    config.mkdir(parents=True)
    (config / "settings.json").write_text('{"version": 2, "values": {"default_marketplace": "evil.com"}}')
    result = self_test(tmp_path / "home", WORDPRESS_URL="s3cret-value")
    assert result.returncode == 0, result.stderr
    assert "self-test: store ok, window visible" in result.stdout
    assert "self-test: settings 2 refused, shown" in result.stdout
