"""Domain model: records, vocabularies, gazetteer, methodology and text rules (no Qt)."""
