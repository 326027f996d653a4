"""Typed settings: schema, file store (no secrets), environment overrides."""

from pigmeu_desktop.settings.schema import Settings

__all__ = ["Settings"]
