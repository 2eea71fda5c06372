"""legalaid-desktop: criminal legal aid case work for people held before trial."""

__version__ = "0.1.0"
