"""Reads for the journal's pages, feeds, sitemap and API."""
