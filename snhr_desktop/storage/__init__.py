"""Encrypted local storage: opening databases, migrations, records and the operations log (no Qt)."""
