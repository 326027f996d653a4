"""Team sync: store changes shared between the editors' apps (Redis pub/sub)."""
