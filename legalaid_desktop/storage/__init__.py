"""Storage: SQLAlchemy mapping, migrations, unit of work, read queries and the search index."""
