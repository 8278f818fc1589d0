-- milmed store, initial schema (SQLite). Append-only: never edit a migration once released;
-- add a new numbered file instead. Keep in step with migrations/postgres.
-- Times are INTEGER milliseconds since the Unix epoch (UTC); days are whole days since the epoch.

CREATE TABLE api_keys (
    id                   TEXT    PRIMARY KEY,
    name                 TEXT    NOT NULL,
    key_prefix           TEXT    NOT NULL,
    key_hash             TEXT    NOT NULL UNIQUE,
    role                 TEXT    NOT NULL CHECK (role IN ('user', 'admin')),
    tenant_id            TEXT    NOT NULL,
    max_patients_per_job INTEGER,
    jobs_per_day         INTEGER,
    requests_per_minute  INTEGER,
    requests_per_day     INTEGER,
    patients_per_day     INTEGER,
    max_concurrent_jobs  INTEGER,
    created_at           INTEGER NOT NULL,
    expires_at           INTEGER,
    revoked_at           INTEGER,
    last_used_at         INTEGER
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE usage_daily (
    key_id   TEXT    NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    day      INTEGER NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0,
    patients INTEGER NOT NULL DEFAULT 0,
    jobs     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, day)
);

CREATE TABLE usage_minute (
    key_id   TEXT    NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    minute   INTEGER NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, minute)
);

CREATE TABLE jobs (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT    NOT NULL UNIQUE,
    tenant_id        TEXT    NOT NULL,
    owner_key_id     TEXT    REFERENCES api_keys (id),
    status           TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    priority         INTEGER NOT NULL,
    scenario_json    TEXT    NOT NULL,
    seed             TEXT    NOT NULL,
    patient_count    INTEGER NOT NULL,
    output_formats   TEXT    NOT NULL,
    options_json     TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    heartbeat_at     INTEGER,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    progress_done    INTEGER NOT NULL DEFAULT 0,
    progress_phase   TEXT,
    bytes_written    INTEGER NOT NULL DEFAULT 0,
    error_code       TEXT,
    error_message    TEXT,
    result_location  TEXT,
    result_json      TEXT,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX jobs_claim ON jobs (status, priority DESC, seq);
CREATE INDEX jobs_tenant ON jobs (tenant_id, seq);
CREATE INDEX jobs_owner_active ON jobs (owner_key_id, status);
CREATE INDEX jobs_finished ON jobs (finished_at);

CREATE TABLE job_events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id      TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    reason      TEXT
);
CREATE INDEX job_events_job ON job_events (job_id, seq);

CREATE TABLE scenarios (
    id             TEXT    PRIMARY KEY,
    tenant_id      TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    latest_version INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE scenario_versions (
    scenario_id   TEXT    NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    scenario_json TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (scenario_id, version)
);
