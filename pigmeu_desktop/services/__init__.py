"""I/O behind the ports: storage, scraping, LLM drafting, WordPress, secrets, team sync."""
