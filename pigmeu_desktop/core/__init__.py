"""Pure domain code: models, status machine, links, errors, ports. No Qt and no I/O here."""
