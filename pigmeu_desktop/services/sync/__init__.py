"""Team sync: store changes shared between the editors' apps (Redis pub/sub), presence and edit claims."""

from __future__ import annotations

import socket
from typing import Any


async def create_presence(services: Any):
    """The app's PresenceService on the team's Redis, announced under the editor's name."""
    from pigmeu_desktop.services.secrets.team import REDIS_PASSWORD, team_password
    from pigmeu_desktop.services.sync.presence import PresenceService

    url = services.settings.redis_url
    presence = PresenceService.from_url(
        url,
        team_password(services, REDIS_PASSWORD, url),
        editor=services.settings.editor_name or socket.gethostname(),
    )
    await presence.start()
    return presence
