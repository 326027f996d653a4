"""`pigmeu secrets set|list|delete`: secrets into the OS keyring; values from a hidden prompt or stdin only."""

from __future__ import annotations

import argparse
import getpass
import sys

from pigmeu_desktop.cli.context import EXIT_OK, CliContext, add_command
from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.services.secrets import SECRET_NAMES, WORDPRESS_PASSWORD
from pigmeu_desktop.services.secrets.store import check_name
from pigmeu_desktop.services.text_input import read_stdin_line


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        sub,
        common,
        "secrets",
        "store, list or delete API keys and passwords in the OS keyring",
        description="Secrets live in the OS keyring. Environment variables with the same names override them.",
    )
    actions = parser.add_subparsers(dest="secrets_action", metavar="ACTION", required=True)
    names = ", ".join(SECRET_NAMES)
    site_help = "WordPress site (default: the configured site)"
    user_help = "WordPress user (default: the configured user)"

    p_set = actions.add_parser(
        "set", parents=[common], help="store a secret (value from a hidden prompt, or piped on stdin)"
    )
    p_set.add_argument("name", metavar="NAME", help=names)
    p_set.add_argument("--site", help=site_help)
    p_set.add_argument("--user", help=user_help)
    p_set.set_defaults(func=handle_set)

    p_list = actions.add_parser(
        "list", parents=[common], help="names and where each comes from (never values)"
    )
    p_list.set_defaults(func=handle_list)

    p_del = actions.add_parser("delete", parents=[common], help="remove a secret from the keyring")
    p_del.add_argument("name", metavar="NAME", help=names)
    p_del.add_argument("--site", help=site_help)
    p_del.add_argument("--user", help=user_help)
    p_del.set_defaults(func=handle_delete)


def _read_value(ctx: CliContext, name: str) -> str:
    """A hidden prompt on a terminal; otherwise the first line of stdin (so scripts can pipe it in)."""
    stdin = sys.stdin
    value = getpass.getpass(f"{name}: ") if stdin is not None and stdin.isatty() else read_stdin_line(stdin)
    if not value.strip():
        raise PigmeuError(
            f"No value given for {name}.",
            code=ErrorCode.INVALID_INPUT,
            next_step=f'Type it at the prompt, or pipe it: printf %s "$VALUE" | pigmeu secrets set {name}',
        )
    return value


def _site_user(ctx: CliContext, args: argparse.Namespace) -> tuple[str, str]:
    settings = ctx.services.settings
    site = args.site or settings.wordpress_url
    user = args.user or settings.wordpress_username
    if not site or not user:
        raise PigmeuError(
            "The WordPress password belongs to a site and a user.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Pass --site URL --user NAME, or set them in Settings → WordPress.",
        )
    return site, user


async def handle_set(ctx: CliContext, args: argparse.Namespace) -> int:
    name = args.name.strip().upper()
    secrets = ctx.services.secrets
    check_name(name)  # before the prompt: a typo must not cost the user a paste
    if name == WORDPRESS_PASSWORD:
        site, user = _site_user(ctx, args)
        secrets.set_wordpress_password(site, user, _read_value(ctx, name))
        where = f" for {user} at {site}"
    else:
        secrets.set(name, _read_value(ctx, name))
        where = ""
    overridden = bool(ctx.services.env.get(name))
    note = f" (note: the environment variable {name} is set and wins over the keyring)" if overridden else ""
    ctx.emit(
        {"name": name, "stored": True, "source": "keyring", "overridden_by_environment": overridden},
        f"{name} stored in the keyring{where}.{note}",
    )
    return EXIT_OK


async def handle_list(ctx: CliContext, args: argparse.Namespace) -> int:
    names = ctx.services.secrets.list_names()
    lines = []
    for item in names:
        extra = f"  ({item['username']} at {item['site_url']})" if item.get("site_url") else ""
        lines.append(f"{item['name']:<20} {item['source']}{extra}")
    ctx.emit(
        {"secrets": names}, "\n".join(lines) if lines else "No secrets stored or set in the environment."
    )
    return EXIT_OK


async def handle_delete(ctx: CliContext, args: argparse.Namespace) -> int:
    name = check_name(args.name.strip().upper())
    secrets = ctx.services.secrets
    if name == WORDPRESS_PASSWORD:
        site, user = _site_user(ctx, args)
        removed = secrets.delete_wordpress_password(site, user)
    else:
        removed = secrets.delete(name)
    text = (
        f"{name} deleted from the keyring." if removed else f"{name} was not in the keyring; nothing to do."
    )
    if ctx.services.env.get(name):
        text += f" The environment variable {name} is still set."
    ctx.emit({"name": name, "deleted": removed}, text)
    return EXIT_OK
