"""`pigmeu prompts`: list, show, edit from a file, history, diff, restore, reset; the next draft uses the edit."""

from __future__ import annotations

import json

from tests.services.llm.test_cli_draft import scraped_item
from tests.support.fake_openai import DEFAULT_KEY

PROMPT = "book-review.pt-BR"


def test_list_and_show(run_cli):
    code, out, _ = run_cli("prompts", "list", "--json")
    rows = {r["id"]: r for r in json.loads(out)["documents"]}
    assert code == 0 and rows[PROMPT]["kind"] == "prompt" and rows["book-review"]["kind"] == "schema"
    assert rows[PROMPT]["version"] == 1 and rows[PROMPT]["default"] is True
    code, out, _ = run_cli("prompts", "show", PROMPT, "--field", "user_template")
    assert code == 0 and "{{ book_json }}" in out
    code, out, _ = run_cli("prompts", "show", "book-review", "--json")
    assert code == 0 and json.loads(out)["$schema"].startswith("https://json-schema.org/")
    code, out, _ = run_cli("prompts", "show", "nope", "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "no_such_item"


def test_an_invalid_edit_is_refused_with_its_code_and_nothing_is_saved(run_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("{% if book %}never closed", encoding="utf-8")
    code, out, _ = run_cli(
        "prompts", "edit", PROMPT, "--field", "user_template", "--file", str(bad), "--json"
    )
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "prompt_invalid" and error["next_step"] and error["line"] == 1
    schema = tmp_path / "schema.json"
    schema.write_text(
        json.dumps({"_id": "book-review", "type": "object", "required": "title"}), encoding="utf-8"
    )
    code, out, err = run_cli("prompts", "edit", "book-review", "--file", str(schema))
    assert code == 1 and "[schema_invalid]" in err and "next step:" in err
    code, out, _ = run_cli("prompts", "history", PROMPT, "--json")
    assert [v["version"] for v in json.loads(out)["versions"]] == [1]


def test_edit_history_diff_restore_reset(run_cli, tmp_path):
    code, out, _ = run_cli("prompts", "show", PROMPT, "--json")
    doc = json.loads(out)
    doc["system"] += "\nNunca use emojis."
    whole = tmp_path / "prompt.json"
    whole.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, err = run_cli("prompts", "edit", PROMPT, "--file", str(whole), "--note", "no emojis", "--json")
    assert code == 0, out + err
    assert json.loads(out)["version"] == 2 and json.loads(out)["note"] == "no emojis"
    code, out, _ = run_cli("prompts", "diff", PROMPT, "1", "2")
    assert code == 0 and "+ Nunca use emojis." in out and "@@ system" in out
    code, out, _ = run_cli("prompts", "reset", PROMPT, "--json")
    assert code == 0 and json.loads(out)["version"] == 3
    code, out, _ = run_cli("prompts", "restore", PROMPT, "2", "--json")
    assert code == 0 and json.loads(out)["version"] == 4
    code, out, _ = run_cli("prompts", "history", PROMPT)
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["v4", "v3", "v2", "v1"]
    assert "restored version 2" in lines[0] and "reset to the shipped default" in lines[1]
    code, out, _ = run_cli("prompts", "show", PROMPT, "--version", "1", "--field", "system")
    assert code == 0 and "Nunca use emojis" not in out


def test_the_next_draft_uses_the_edit_and_records_its_versions(
    run_cli, pigmeu_home, fake_openai, monkeypatch, tmp_path
):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", DEFAULT_KEY)
    item = scraped_item(pigmeu_home)
    code, out, _ = run_cli("prompts", "show", PROMPT, "--field", "user_template")
    template = tmp_path / "user.txt"
    template.write_text(out.rstrip("\n") + "\nMARCA-V2", encoding="utf-8")
    assert run_cli("prompts", "edit", PROMPT, "--field", "user_template", "--file", str(template))[0] == 0
    code, out, err = run_cli("draft", item, "--json")
    assert code == 0, out + err
    assert fake_openai.chat_requests[-1].messages[1]["content"].endswith("MARCA-V2")
    code, out, _ = run_cli("show", item, "--json")
    draft = json.loads(out)["draft"]
    assert (draft["prompt_id"], draft["prompt_version"]) == (PROMPT, 2)
    assert (draft["schema_id"], draft["schema_version"]) == ("book-review", 1)
    code, out, _ = run_cli("show", item)
    assert f"prompt {PROMPT} v2, schema book-review v1" in out
