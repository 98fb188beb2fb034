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



@migrations()
def m002_summary_indexes(db: Database) -> None:
    """Covering, partial indexes for the summary figures (services/summary.py).

    Every figure is an aggregate over living records; with these indexes the summary reads only
    narrow index pages, never the wide record rows (a full scan of the rows of a million victims
    means decrypting gigabytes). The two victim indexes hold living civilians only: one in
    incident order (joins from incidents, massacres), one in order of the date of death (periods),
    and a small one of those in a special category (medical, media…); facility attacks likewise.
    (SQLite counts a partial index as covering only when its condition is made of equalities, so
    the small one carries ``status`` and ``deleted`` as columns too.)
    """
    db.executescript(
        """
        CREATE INDEX victims_civilian_incident
            ON victims(incident_id, date_of_death, governorate, sex, age, age_group, category)
            WHERE deleted = 0 AND status = 'civilian';
        CREATE INDEX victims_civilian_date
            ON victims(date_of_death, incident_id, governorate, sex, age, age_group, category)
            WHERE deleted = 0 AND status = 'civilian';
        CREATE INDEX victims_civilian_special
            ON victims(category, incident_id, date_of_death, governorate, status, deleted)
            WHERE deleted = 0 AND status = 'civilian' AND category <> 'none';
        CREATE INDEX incidents_live
            ON incidents(id, perpetrator, date, governorate) WHERE deleted = 0;
        CREATE INDEX incidents_live_perpetrator
            ON incidents(perpetrator, date, governorate, id) WHERE deleted = 0;
        CREATE INDEX incidents_live_date
            ON incidents(date, perpetrator, governorate, id) WHERE deleted = 0;
        CREATE INDEX incidents_acknowledged
            ON incidents(perpetrator, date, governorate, id)
            WHERE deleted = 0 AND acknowledged = 'yes';
        CREATE INDEX facility_attacks_live
            ON facility_attacks(incident_id, date, governorate, category) WHERE deleted = 0;
        CREATE INDEX facility_attacks_live_date
            ON facility_attacks(date, incident_id, governorate, category) WHERE deleted = 0;
        """
    )



@migrations()
def m003_sync(db: Database) -> None:
    """Bundles: keys, trust, the export and import logs, and what merging derives (conflicts)."""
    db.executescript(
        """
        -- This installation's secret keys: its Ed25519 signing key ('signing', base64 raw key) and,
        -- on a coordinator's installation, age identities ('age', AGE-SECRET-KEY-1...).
        CREATE TABLE own_keys (
            kind TEXT NOT NULL CHECK (kind IN ('signing', 'age')),
            public TEXT NOT NULL,
            secret TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (kind, public)
        );

        -- Researchers' signing keys this database accepts bundles from, each bound to its device.
        CREATE TABLE trusted_signers (
            public TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            name TEXT NOT NULL,
            added_at TEXT NOT NULL
        );

        -- Coordinators' age recipients that bundles made here are encrypted to.
        CREATE TABLE recipients (
            recipient TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            added_at TEXT NOT NULL
        );

        -- Bundles made here (for incremental exports and the chain of previous-bundle hashes).
        CREATE TABLE bundles_sent (
            manifest_sha256 TEXT PRIMARY KEY,
            bundle_id TEXT NOT NULL,
            recipients_key TEXT NOT NULL,
            seq_from INTEGER NOT NULL,
            seq_to INTEGER NOT NULL,
            scope TEXT NOT NULL,
            file_name TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX bundles_sent_recipients ON bundles_sent(recipients_key, seq_to);

        -- Bundles merged here, once each (a renamed copy has the same manifest hash).
        CREATE TABLE bundles_received (
            manifest_sha256 TEXT PRIMARY KEY,
            bundle_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            seq_from INTEGER NOT NULL,
            seq_to INTEGER NOT NULL,
            previous_bundle TEXT,
            file_name TEXT NOT NULL,
            new_operations INTEGER NOT NULL,
            imported_at TEXT NOT NULL
        );

        -- Derived from the operations held, re-derived whenever a record's operations change:
        -- one row per record and field that concurrent operations changed differently. A row is
        -- open while the record's heads are still the ones it was derived from.
        CREATE TABLE conflicts (
            record_id TEXT NOT NULL,
            field TEXT NOT NULL,
            record_kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            heads TEXT NOT NULL,
            base TEXT,
            candidates TEXT NOT NULL,
            provisional TEXT NOT NULL,
            PRIMARY KEY (record_id, field)
        );

        -- Operations named as parents by operations held, but not held themselves (yet).
        CREATE TABLE missing_parents (
            op_id TEXT PRIMARY KEY,
            record_id TEXT NOT NULL
        );
        """
    )


@migrations()
def m004_pair_decisions(db: Database) -> None:
    """Reviewers' decisions on probable duplicate victims, and what "same person" links derive.

    ``person_id`` is set on victims linked as one person: the id of the record the person is
    counted by (the smallest id of the linked living records); ``linked`` is 1 on the others,
    which every figure leaves out. Both are re-derived whenever a decision or a linked victim
    changes (``storage/links.py``). ``duplicate_candidates`` holds the last scan's pairs for the
    review queue: derived, local, never carried by bundles.
    """
    db.executescript(
        f"""
        CREATE TABLE pair_decisions (
            id TEXT PRIMARY KEY,
            created_at TEXT, updated_at TEXT,
            victim_a TEXT NOT NULL, victim_b TEXT NOT NULL,
            decision TEXT NOT NULL, note TEXT, weight REAL,
            {RECORD_COLUMNS}
        );
        CREATE INDEX pair_decisions_a ON pair_decisions(victim_a, victim_b);
        CREATE INDEX pair_decisions_b ON pair_decisions(victim_b, victim_a);

        ALTER TABLE victims ADD COLUMN person_id TEXT;
        ALTER TABLE victims ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX victims_person ON victims(person_id) WHERE person_id IS NOT NULL;

        CREATE TABLE duplicate_candidates (
            victim_a TEXT NOT NULL,
            victim_b TEXT NOT NULL,
            weight REAL NOT NULL,
            -- The evidence in words: a JSON list of [message code, weight, arguments] (matching.Reason).
            reasons TEXT NOT NULL,
            -- 'match' when the matcher would take the two for one person, else 'review'.
            suggestion TEXT NOT NULL,
            PRIMARY KEY (victim_a, victim_b)
        );
        CREATE INDEX duplicate_candidates_weight ON duplicate_candidates(weight DESC);
        """
    )


@migrations()
def m005_summary_tallies(db: Database) -> None:
    """Summary tallies kept exact by triggers, counted here from the records already held.

    Small derived tables of living civilians (counted and linked), facility attacks and each
    incident's civilians, by day and month, place and party (``storage/tallies.py``), so that a
    summary of a million victims sums a few thousand rows.
    """
    from snhr_desktop.storage import tallies

    tallies.install(db)


SCHEMA_VERSION = len(migrations._migrations)
