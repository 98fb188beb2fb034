"""Schema steps, applied in order with sqlite-utils ``Migrations``; the count is the schema version."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("snhr_desktop")

RECORD_COLUMNS = """
    deleted INTEGER NOT NULL DEFAULT 0,
    head TEXT
"""


@migrations()
def m001_records(db: Database) -> None:
    db.executescript(
        f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE incidents (
            id TEXT PRIMARY KEY,
            created_at TEXT, updated_at TEXT,
            date_precision TEXT NOT NULL,
            date TEXT NOT NULL,
            governorate TEXT NOT NULL, district TEXT, subdistrict TEXT, community TEXT,
            place_ar TEXT, place_en TEXT,
            perpetrator TEXT NOT NULL, attack_type TEXT NOT NULL, acknowledged TEXT NOT NULL,
            description_ar TEXT, description_en TEXT, sources TEXT, researcher TEXT,
            {RECORD_COLUMNS}
        );
        CREATE INDEX incidents_date ON incidents(date);
        CREATE INDEX incidents_perpetrator ON incidents(perpetrator, date);
        CREATE INDEX incidents_governorate ON incidents(governorate);

        CREATE TABLE victims (
            id TEXT PRIMARY KEY,
            created_at TEXT, updated_at TEXT,
            incident_id TEXT NOT NULL,
            name_ar TEXT, name_en TEXT, father_name TEXT, family_name TEXT, mother_name TEXT,
            sex TEXT NOT NULL, age INTEGER, age_group TEXT NOT NULL,
            status TEXT NOT NULL, category TEXT NOT NULL,
            date_of_death TEXT, governorate TEXT, place_ar TEXT, place_en TEXT,
            origin_governorate TEXT, notes TEXT,
            -- Derived keys (normalised names), rewritten with every change of the row.
            sort_name TEXT NOT NULL DEFAULT '',
            name_key TEXT NOT NULL DEFAULT '',
            {RECORD_COLUMNS}
        );
        CREATE INDEX victims_incident ON victims(incident_id);
        CREATE INDEX victims_sort ON victims(deleted, sort_name);
        CREATE INDEX victims_name_key ON victims(name_key, date_of_death);
        CREATE INDEX victims_date ON victims(date_of_death);
        CREATE INDEX victims_governorate ON victims(governorate);

        CREATE TABLE facility_attacks (
            id TEXT PRIMARY KEY,
            created_at TEXT, updated_at TEXT,
            incident_id TEXT NOT NULL,
            category TEXT NOT NULL, name_ar TEXT, name_en TEXT,
            damage TEXT NOT NULL, out_of_service TEXT NOT NULL,
            date TEXT, governorate TEXT,
            {RECORD_COLUMNS}
        );
        CREATE INDEX facility_attacks_incident ON facility_attacks(incident_id);

        -- The operations log: immutable, append-only. Audit trail and what bundles carry.
        CREATE TABLE operations (
            op_id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            record_id TEXT NOT NULL,
            record_kind TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
            author TEXT NOT NULL,
            hlc TEXT NOT NULL,
            parents TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            UNIQUE (device_id, seq)
        );

        -- Unsaved form contents, kept so a crash loses nothing (encrypted like everything else).
        CREATE TABLE drafts (
            draft_key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE INDEX operations_record ON operations(record_id, hlc);
        CREATE TRIGGER operations_immutable_update BEFORE UPDATE ON operations
            BEGIN SELECT RAISE(ABORT, 'operations are immutable'); END;
        CREATE TRIGGER operations_immutable_delete BEFORE DELETE ON operations
            BEGIN SELECT RAISE(ABORT, 'operations are immutable'); END;

        -- Normalised names of living victims (rowid = victims.rowid), for search in either script.
        CREATE VIRTUAL TABLE victim_search USING fts5(
            names, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
        );
        """
    )


SCHEMA_VERSION = len(migrations._migrations)
