"""The intake store's schema, as migrations (`PRAGMA user_version` says which have run).

Apart from store.py so the store's code stays readable: this is its history, append-only.
"""
from __future__ import annotations

# Migrations: entry N brings the schema from version N to N + 1. Append only, never edit one
# that has been released: files made by every earlier release must keep opening.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE intake (
            number INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            client TEXT,
            lang TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
            answers TEXT NOT NULL,
            advice TEXT NOT NULL,
            rulebase_version TEXT NOT NULL,
            accepted_at TEXT,
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewed')),
            note TEXT,
            reviewed_at TEXT,
            follow_up TEXT NOT NULL
        )""",
        "CREATE INDEX intake_client ON intake (client)",
    ),
    (
        # The rule files of every rule-base version an intake was advised with, once per version
        # (content-addressed: the version is a hash of the files), so an old advice can be
        # shown, explained and compared with the rules of its day.
        """CREATE TABLE rulebases (
            version TEXT PRIMARY KEY,
            files TEXT NOT NULL
        )""",
    ),
    (
        # The practitioner's plans of an intake: a revision is a new version, the old ones are
        # kept (what the client was told, and when, stays on record).
        """CREATE TABLE plans (
            intake INTEGER NOT NULL,
            version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            plan TEXT NOT NULL,
            PRIMARY KEY (intake, version)
        )""",
    ),
    (
        # The practitioner's notes add up, each with its time; a note of an earlier release
        # is kept as the first one, dated when the intake was reviewed (else when it was made).
        """CREATE TABLE notes (
            intake INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            text TEXT NOT NULL
        )""",
        "CREATE INDEX notes_intake ON notes (intake)",
        """INSERT INTO notes (intake, created_at, text)
           SELECT number, COALESCE(reviewed_at, created_at), note FROM intake WHERE note IS NOT NULL""",
    ),
    (
        # The follow-up (issue 10): how much trouble each complaint gave at the intake (0-10, intake
        # data beside the contract answers: {complaint: severity}, NULL for an intake of an earlier
        # release) ...
        "ALTER TABLE intake ADD COLUMN severities TEXT",
        # ... and each follow-up of an intake: its contract answers (the intake's, with what was
        # asked again), the severities now, whether the plan was taken (which version), the side
        # effects, and the advice made for it with its rule-base version.
        """CREATE TABLE follow_ups (
            intake INTEGER NOT NULL,
            number INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            lang TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
            answers TEXT NOT NULL,
            severities TEXT NOT NULL,
            plan_taken TEXT,
            plan_version INTEGER,
            side_effects TEXT NOT NULL,
            advice TEXT NOT NULL,
            rulebase_version TEXT NOT NULL,
            PRIMARY KEY (intake, number)
        )""",
    ),
    (
        # The web intake (issue 18): one row per client code. The code itself is never kept, only
        # its SHA-256 (`code_hash`); `visit_hash` is the one browser that may carry on (the latest
        # to give the code). `draft` holds the answers so far as JSON, in the resume file's shape,
        # until the intake is saved (`intake`, `used_at`: the draft is erased, the intake holds
        # the answers) or the code is revoked (erased too); `draft_version` counts its saves.
        """CREATE TABLE web_invites (
            number INTEGER PRIMARY KEY AUTOINCREMENT,
            code_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            lang TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
            revoked_at TEXT,
            used_at TEXT,
            intake INTEGER,
            visit_hash TEXT UNIQUE,
            draft TEXT,
            draft_version INTEGER NOT NULL DEFAULT 0,
            answered_at TEXT
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
