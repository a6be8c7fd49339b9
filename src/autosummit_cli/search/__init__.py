"""Search: the FTS5 index of each summit, and the search that asks it."""
