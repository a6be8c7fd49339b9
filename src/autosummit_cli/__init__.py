"""autosummit: explore the New-Quality Productive Forces Auto Summit from the command line."""

__version__ = "0.2.0"
