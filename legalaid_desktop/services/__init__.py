"""Use cases: verbs that take a unit of work and return frozen DTOs."""
