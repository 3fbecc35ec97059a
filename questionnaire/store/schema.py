"""The intake store's schema, as migrations: one list for SQLite (`PRAGMA user_version` says
which have run) and its twin for PostgreSQL (table `schema_version`).

Apart from intakes.py so the store's code stays readable: this is its history, append-only. Entry
N of both lists is the same change in each engine's words, so a store of version N has the same
tables and columns on both (a test checks that the lists are equally long). A new migration is
added to both lists at once; a branch that adds one renumbers by appending after the others.
The types differ only where the engines do: PostgreSQL's identity columns for SQLite's
AUTOINCREMENT and rowid (named `rowid` there too, so one ORDER BY serves both); JSON and times
are `text` in both, so what is read back is what was written, key order included.
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
        # The audit trail (issue 19): who read, changed, exported or erased which intake, and
        # when. No names or answers: an erased intake's rows stay valid. Append-only, by triggers.
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            intake INTEGER
        )""",
        "CREATE INDEX audit_intake ON audit (intake)",
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
        # The practice's settings that all desks share (the retention period).
        "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
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
        # The audit trail names the code an event concerns (made, revoked, renewed, used).
        "ALTER TABLE audit ADD COLUMN invite INTEGER",
    ),
    (
        # The practitioners' accounts of the web workspace (issue 20): a name (lower case), the
        # password's Argon2 hash (never the password), wrong passwords in a row and the time
        # until which the account is locked after too many. `web_logins`: one row per signed-in
        # browser, keyed by the SHA-256 of its random token (the cookie holds the token only);
        # signing out or removing the account deletes it.
        """CREATE TABLE users (
            name TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
        )""",
        """CREATE TABLE web_logins (
            token_hash TEXT PRIMARY KEY,
            user_name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            seen_at TEXT NOT NULL
        )""",
        # The audit trail names the account an event concerns (added, password set, removed).
        "ALTER TABLE audit ADD COLUMN account TEXT",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# The PostgreSQL twins, entry for entry (see the module's docstring).
PG_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        # BY DEFAULT, not ALWAYS: `store copy` keeps each intake's number (and then moves the
        # sequence past the source's last number, so no number is ever given twice).
        """CREATE TABLE intake (
            number integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            created_at text NOT NULL,
            client text,
            lang text NOT NULL CHECK (lang IN ('nl', 'en')),
            answers text NOT NULL,
            advice text NOT NULL,
            rulebase_version text NOT NULL,
            accepted_at text,
            status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewed')),
            note text,
            reviewed_at text,
            follow_up text NOT NULL
        )""",
        "CREATE INDEX intake_client ON intake (client)",
    ),
    ("CREATE TABLE rulebases (version text PRIMARY KEY, files text NOT NULL)",),
    (
        """CREATE TABLE plans (
            intake integer NOT NULL,
            version integer NOT NULL,
            created_at text NOT NULL,
            plan text NOT NULL,
            PRIMARY KEY (intake, version)
        )""",
    ),
    (
        """CREATE TABLE notes (
            rowid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            intake integer NOT NULL,
            created_at text NOT NULL,
            text text NOT NULL
        )""",
        "CREATE INDEX notes_intake ON notes (intake)",
        """INSERT INTO notes (intake, created_at, text)
           SELECT number, COALESCE(reviewed_at, created_at), note FROM intake WHERE note IS NOT NULL""",
    ),
    (
        "ALTER TABLE intake ADD COLUMN severities text",
        """CREATE TABLE follow_ups (
            intake integer NOT NULL,
            number integer NOT NULL,
            created_at text NOT NULL,
            lang text NOT NULL CHECK (lang IN ('nl', 'en')),
            answers text NOT NULL,
            severities text NOT NULL,
            plan_taken text,
            plan_version integer,
            side_effects text NOT NULL,
            advice text NOT NULL,
            rulebase_version text NOT NULL,
            PRIMARY KEY (intake, number)
        )""",
    ),
    (
        """CREATE TABLE audit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at text NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            intake integer
        )""",
        "CREATE INDEX audit_intake ON audit (intake)",
        """CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql
           AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$""",
        """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit
           FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()""",
        "CREATE TABLE settings (name text PRIMARY KEY, value text NOT NULL)",
    ),
    (
        """CREATE TABLE web_invites (
            number integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            code_hash text NOT NULL UNIQUE,
            created_at text NOT NULL,
            expires_at text NOT NULL,
            lang text NOT NULL CHECK (lang IN ('nl', 'en')),
            revoked_at text,
            used_at text,
            intake integer,
            visit_hash text UNIQUE,
            draft text,
            draft_version integer NOT NULL DEFAULT 0,
            answered_at text
        )""",
        "ALTER TABLE audit ADD COLUMN invite integer",
    ),
    (
        """CREATE TABLE users (
            name text PRIMARY KEY,
            password_hash text NOT NULL,
            created_at text NOT NULL,
            failures integer NOT NULL DEFAULT 0,
            locked_until text
        )""",
        """CREATE TABLE web_logins (
            token_hash text PRIMARY KEY,
            user_name text NOT NULL,
            created_at text NOT NULL,
            seen_at text NOT NULL
        )""",
        "ALTER TABLE audit ADD COLUMN account text",
    ),
)
