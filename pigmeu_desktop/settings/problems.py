"""Settings values that were refused when read (file, .env, environment): kept to be shown, never dropped quietly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError


@dataclass(frozen=True)
class SettingProblem:
    """One refused value. `origin` says where it was written (a file path, or an environment name);
    `reason` never repeats a value that came from the environment (it may be a secret pasted there)."""

    setting: str  # the settings field, or "" when the whole file could not be read
    origin: str
    reason: str

    def line(self) -> str:
        what = self.setting or "the file"
        return f"{self.origin}: {what}: {self.reason}"

    def to_json(self) -> dict[str, Any]:
        return {"setting": self.setting, "origin": self.origin, "reason": self.reason}


class SettingsInvalid(PigmeuError):
    """Some settings could not be used; the command stops rather than act on a value it was not given."""

    default_code = ErrorCode.INVALID_INPUT

    def __init__(self, problems: list[SettingProblem], settings_file: str) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p.line()}" for p in self.problems)
        super().__init__(
            f"{len(self.problems)} setting(s) cannot be used:\n{lines}",
            next_step=(
                f"Fix them in Settings (or edit {settings_file}), or correct or unset the environment "
                "variable named; `pigmeu doctor` lists them too."
            ),
            problems=[p.to_json() for p in self.problems],
        )
