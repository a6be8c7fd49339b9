"""The commands, a module per group; each is imported only when one of its commands runs."""
