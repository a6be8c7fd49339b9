"""The domain: frozen data, errors, and pure functions from a summit to rows."""
