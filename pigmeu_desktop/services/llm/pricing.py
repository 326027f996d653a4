"""Estimated cost of a generation from the editable price table (resources/llm_prices.json)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("pigmeu.llm")


@dataclass(frozen=True)
class Rate:
    input: float  # USD per million input tokens
    output: float  # USD per million output tokens


class PriceTable:
    """Rates by `provider/model`; a bare model name matches any provider; dated variants use the longest
    matching prefix (gpt-4o-mini-2024-07-18 → gpt-4o-mini). Unknown models cost 0 (local servers are free)."""

    def __init__(self, rates: dict[str, Rate]) -> None:
        self.rates = {k.lower(): v for k, v in rates.items()}

    @classmethod
    def load(cls, *paths: Path | None) -> PriceTable:
        """Later files override earlier ones (shipped table, then the user's copy in the config dir)."""
        rates: dict[str, Rate] = {}
        for path in paths:
            if path is None or not Path(path).is_file():
                continue
            try:
                doc = json.loads(Path(path).read_text(encoding="utf-8"))
                for key, value in (doc.get("models") or {}).items():
                    rates[key] = Rate(float(value["input"]), float(value["output"]))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                log.warning("price table %s unreadable (%s); its prices are ignored", path, exc)
        return cls(rates)

    def rate(self, provider: str, model: str) -> Rate | None:
        provider, model = provider.lower(), model.lower()
        for key in (f"{provider}/{model}", model):
            if key in self.rates:
                return self.rates[key]
        best: tuple[int, Rate] | None = None
        for key, rate in self.rates.items():
            prov, _, name = key.rpartition("/")
            if prov and prov != provider:
                continue
            if model.startswith(name) and (best is None or len(name) > best[0]):
                best = (len(name), rate)
        return best[1] if best else None

    def cost(self, provider: str, model: str, input_tokens: int, output_tokens: int) -> float:
        rate = self.rate(provider, model)
        if rate is None:
            return 0.0
        return round((input_tokens * rate.input + output_tokens * rate.output) / 1_000_000, 8)
