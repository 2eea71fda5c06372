"""The domain: entities, vocabularies, invariants and DTOs, in plain Python."""
