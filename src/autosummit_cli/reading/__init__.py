"""Reading data files: which files, safe YAML, validation, verdicts."""
