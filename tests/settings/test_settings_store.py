"""Settings file: defaults, atomic versioned writes, upgrades from older versions, bad values tolerated."""

from __future__ import annotations

import json

from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import (
    SETTINGS_VERSION,
    load_settings,
    load_settings_checked,
    load_window_state,
    save_settings,
    stored_values,
)


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "nope.json") == Settings()


def test_save_then_load_round_trips_with_version(tmp_path):
    path = tmp_path / "settings.json"
    settings = Settings(language="en", wordpress_url="https://blog.example", scrape_concurrency=4)
    save_settings(path, settings)
    raw = json.loads(path.read_text())
    assert raw["version"] == SETTINGS_VERSION
    assert raw["values"]["wordpress_url"] == "https://blog.example"
    assert load_settings(path) == settings
    # Atomic write leaves no temp files behind.
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_every_field_has_a_description():
    missing = [name for name, f in Settings.model_fields.items() if not f.description]
    assert missing == []


def test_v0_flat_file_is_upgraded_in_place_with_backup_and_window_state_moved(tmp_path):
    paths = AppPaths.under(tmp_path)
    paths.config_dir.mkdir(parents=True)
    old = {
        "language": "pt-BR",
        "default_marketplace": "www.Amazon.com.br/",
        "llm_fallback": "groq, mistral",
        "wordpress_url": "https://blog.example",
        "window_geometry": "AAAA",
        "splitter_sizes": [300, 700],
    }
    paths.settings_file.write_text(json.dumps(old))
    settings = load_settings(paths.settings_file, paths.window_state_file)
    assert settings.language == "pt_BR"
    assert settings.default_marketplace == "amazon.com.br"
    assert settings.llm_fallback == ["groq", "mistral"]
    assert settings.wordpress_url == "https://blog.example"
    upgraded = json.loads(paths.settings_file.read_text())
    assert upgraded["version"] == SETTINGS_VERSION
    assert "window_geometry" not in upgraded["values"]
    assert load_window_state(paths.window_state_file) == {
        "window_geometry": "AAAA",
        "splitter_sizes": [300, 700],
    }
    backup = paths.config_dir / "settings.json.v0.bak"
    assert json.loads(backup.read_text()) == old
    # A second load is a no-op: already current.
    assert load_settings(paths.settings_file, paths.window_state_file) == settings


def test_v1_file_is_upgraded(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"version": 1, "values": {"language": "en-US", "last_tab": 2, "team_mode": True}})
    )
    settings = load_settings(path)
    assert settings.language == "en" and settings.team_mode is True
    assert json.loads(path.read_text())["version"] == SETTINGS_VERSION
    assert load_window_state(tmp_path / "window-state.json") == {"last_tab": 2}


def test_one_bad_value_keeps_the_other_preferences(tmp_path, caplog):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"version": SETTINGS_VERSION, "values": {"scrape_concurrency": 999, "editor_name": "Ana"}})
    )
    settings, problems = load_settings_checked(path)
    assert settings.editor_name == "Ana"
    assert settings.scrape_concurrency == Settings().scrape_concurrency
    assert [(p.setting, p.origin) for p in problems] == [("scrape_concurrency", str(path))]
    assert "less than or equal to 8" in problems[0].reason
    assert "scrape_concurrency" in caplog.text


def test_corrupt_file_gives_defaults_not_a_crash(tmp_path, caplog):
    path = tmp_path / "settings.json"
    path.write_text('{not json, "editor_name": "Ana"')
    settings, problems = load_settings_checked(path)
    assert settings == Settings()
    assert "unreadable" in caplog.text
    # Said, and the hand-edited file survives the next save (which rewrites settings.json).
    (problem,) = problems
    assert problem.setting == "" and "not valid JSON" in problem.reason
    save_settings(path, settings)
    assert (tmp_path / "settings.json.unreadable").read_text() == '{not json, "editor_name": "Ana"'


def test_a_file_that_is_json_but_not_settings_is_a_problem(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("[1, 2]")
    settings, problems = load_settings_checked(path)
    assert settings == Settings() and "no JSON object" in problems[0].reason


def test_newer_version_is_read_without_downgrading(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"version": SETTINGS_VERSION + 5, "values": {"editor_name": "Bia", "future": 1}})
    )
    assert load_settings(path).editor_name == "Bia"
    assert json.loads(path.read_text())["version"] == SETTINGS_VERSION + 5
    assert stored_values(path) == {"editor_name": "Bia", "future": 1}


def test_a_form_naming_an_unknown_setting_or_secret_is_refused_at_once():
    """A misspelt key used to be dropped silently on save; a value of the wrong type is a form's bug."""
    import pytest

    from pigmeu_desktop.ui.settings_controller import Candidate

    assert Candidate({"scrape_concurrency": 2}, {"OPENAI_API_KEY": "k"}).updates == {"scrape_concurrency": 2}
    with pytest.raises(KeyError, match="scrape_concurency"):
        Candidate({"scrape_concurency": 2})
    with pytest.raises(KeyError, match="OPENAI_KEY"):
        Candidate(secrets={"OPENAI_KEY": "k"})
    with pytest.raises(TypeError, match="scrape_concurrency"):
        Candidate({"scrape_concurrency": "two"})  # a form handing text where the schema wants a number
    assert Candidate(
        {"scrape_concurrency": 50}
    ).updates  # out of bounds: the editor's to fix, refused at save
