"""Pigmeu Copilot Desktop: queue Amazon book links, draft reviews with an LLM, publish to WordPress."""

APP_NAME = "Pigmeu Copilot Desktop"
APP_ORG = "Pigmeu"
APP_ID = "br.com.pigmeu.copilot-desktop"
APP_SLUG = "pigmeu-desktop"
__version__ = "0.1.0"
