"""The `legalaid` command line."""
