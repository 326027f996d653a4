"""Post status and date: draft, publish, or future at a time given in the site's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pigmeu_desktop.core.errors import ErrorCode, WordPressError
from pigmeu_desktop.services.wordpress.site import Discovery

POST_STATUSES = ("draft", "publish", "future")


def parse_post_date(text: str) -> datetime:
    """A publication time as typed: ISO 8601, with or without an offset; invalid_input otherwise."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise WordPressError(
            f"'{text}' is not an ISO date and time.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Use e.g. 2026-12-24T09:00 or 2026-12-24T09:00-03:00.",
        ) from None


def site_timezone(discovery: Discovery) -> tzinfo:
    """The site's zone: its named zone when set (DST-correct), else its fixed UTC offset."""
    if discovery.timezone_string:
        try:
            return ZoneInfo(discovery.timezone_string)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return timezone(timedelta(hours=discovery.gmt_offset))


def zone_named(name: str | None) -> tzinfo | None:
    """The zone a site's vocabulary names ("America/Sao_Paulo", or "UTC-3" for a fixed offset); None when
    there is none or it is not known here."""
    if not name:
        return None
    if name.startswith("UTC") and name[3:4] in ("+", "-"):
        try:
            return timezone(timedelta(hours=float(name[3:])))
        except ValueError:
            return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def default_schedule_time(zone: tzinfo | None, now: datetime) -> datetime:
    """The time a new schedule starts from: this time tomorrow, at the next whole hour, as the site's
    wall-clock time (naive, as the schedule field shows it; the computer's own zone when the site's is
    unknown). An editor in São Paulo scheduling on a Lisbon blog sees Lisbon's tomorrow, not their own."""
    local = now.astimezone(zone) if zone is not None else now.astimezone()
    tomorrow = local + timedelta(days=1)
    return tomorrow.replace(minute=0, second=0, microsecond=0, tzinfo=None) + timedelta(hours=1)


def schedule_fields(
    status: str, date: str | datetime | None, discovery: Discovery, *, now: datetime | None = None
) -> dict[str, str]:
    """REST fields for the status and date; a date without an offset is read in the site's time zone."""
    if status not in POST_STATUSES:
        raise WordPressError(
            f"Unknown post status '{status}'; use draft, publish or future.", code=ErrorCode.INVALID_INPUT
        )
    fields = {"status": status}
    if date is None or date == "":
        if status == "future":
            raise WordPressError(
                "A scheduled post needs a date.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Give --date, e.g. 2026-12-24T09:00 (site time) or with an offset.",
            )
        return fields
    when = parse_post_date(date) if isinstance(date, str) else date
    if when.tzinfo is None:
        when = when.replace(tzinfo=site_timezone(discovery))
    utc = when.astimezone(UTC)
    current = now or datetime.now(UTC)
    if status == "future" and utc <= current:
        raise WordPressError(
            f"The scheduled time {when.isoformat()} is in the past.", code=ErrorCode.INVALID_INPUT
        )
    # date_gmt is unambiguous; WordPress derives the local `date` from it.
    fields["date_gmt"] = utc.replace(tzinfo=None).isoformat(timespec="seconds")
    return fields
