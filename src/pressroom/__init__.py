"""Pressroom: messy PDF text exports to canonical Markdown, then PDF, EPUB 3 and HTML editions."""

__version__ = "0.1.0"
