"""The catalog: one SQLite file per set of data files, and the corpus over it."""
