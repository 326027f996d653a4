"""One module per `pigmeu` subcommand; each defines register(subparsers, common) and an async handler."""
