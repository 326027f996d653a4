"""`pigmeu wp check`: can the configured user publish on the configured WordPress site?"""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("wp", parents=[common], help="WordPress connection")
    wp_sub = p.add_subparsers(dest="wp_command", metavar="WP_COMMAND", required=True)
    check = wp_sub.add_parser("check", parents=[common], help="check the site, the user and its rights")
    check.set_defaults(func=handler_check)


async def handler_check(ctx, args) -> int:
    from pigmeu_desktop.services.wordpress import check_wordpress

    result = await check_wordpress(ctx.services)
    user = result["user"]
    caps = ", ".join(cap for cap, ok in user["capabilities"].items() if ok) or "none"
    lines = [
        f"site:     {result['site_url']} ({result['discovery']['name']})",
        f"user:     {user['username']} ({', '.join(user['roles']) or 'no role'})",
        f"can:      {caps}",
        f"seo:      {result['discovery']['seo_plugin'] or 'none'}",
    ]
    lines += [f"warning:  {w}" for w in result["warnings"]]
    lines += [f"note:     {n}" for n in result["notes"]]
    ctx.emit(result, "\n".join(lines))
    return 0
