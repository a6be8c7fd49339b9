"""Every writer: terminal views (rich), TSV/CSV/JSON/Markdown, HTML, SVG, the SQLite export,
the tour; all over the same rows and blocks."""
