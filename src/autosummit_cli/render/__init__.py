"""Writers: the only modules that know about rich, json and csv."""
