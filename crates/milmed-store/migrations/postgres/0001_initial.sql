-- milmed store, initial schema (PostgreSQL). Append-only: never edit a migration once released;
-- add a new numbered file instead. Keep in step with migrations/sqlite.
-- Times are BIGINT milliseconds since the Unix epoch (UTC); days are whole days since the epoch.

CREATE TABLE api_keys (
    id                   TEXT    PRIMARY KEY,
    name                 TEXT    NOT NULL,
    key_prefix           TEXT    NOT NULL,
    key_hash             TEXT    NOT NULL UNIQUE,
    role                 TEXT    NOT NULL CHECK (role IN ('user', 'admin')),
    tenant_id            TEXT    NOT NULL,
    max_patients_per_job BIGINT,
    jobs_per_day         BIGINT,
    requests_per_minute  BIGINT,
    requests_per_day     BIGINT,
    patients_per_day     BIGINT,
    max_concurrent_jobs  BIGINT,
    created_at           BIGINT  NOT NULL,
    expires_at           BIGINT,
    revoked_at           BIGINT,
    last_used_at         BIGINT
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE usage_daily (
    key_id   TEXT    NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    day      BIGINT  NOT NULL,
    requests BIGINT  NOT NULL DEFAULT 0,
    patients BIGINT  NOT NULL DEFAULT 0,
    jobs     BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, day)
);

CREATE TABLE usage_minute (
    key_id   TEXT    NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    minute   BIGINT  NOT NULL,
    requests BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, minute)
);

CREATE TABLE jobs (
    seq              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    tenant_id        TEXT    NOT NULL,
    owner_key_id     TEXT    REFERENCES api_keys (id),
    status           TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    priority         BIGINT  NOT NULL,
    scenario_json    TEXT    NOT NULL,
    seed             TEXT    NOT NULL,
    patient_count    BIGINT  NOT NULL,
    output_formats   TEXT    NOT NULL,
    options_json     TEXT    NOT NULL,
    attempts         BIGINT  NOT NULL DEFAULT 0,
    max_attempts     BIGINT  NOT NULL,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    heartbeat_at     BIGINT,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    progress_done    BIGINT  NOT NULL DEFAULT 0,
    progress_phase   TEXT,
    bytes_written    BIGINT  NOT NULL DEFAULT 0,
    error_code       TEXT,
    error_message    TEXT,
    result_location  TEXT,
    result_json      TEXT,
    created_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX jobs_claim ON jobs (status, priority DESC, seq);
CREATE INDEX jobs_tenant ON jobs (tenant_id, seq);
CREATE INDEX jobs_owner_active ON jobs (owner_key_id, status);
CREATE INDEX jobs_finished ON jobs (finished_at);

CREATE TABLE job_events (
    seq         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    at          BIGINT  NOT NULL,
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    reason      TEXT
);
CREATE INDEX job_events_job ON job_events (job_id, seq);

CREATE TABLE scenarios (
    id             TEXT    PRIMARY KEY,
    tenant_id      TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    latest_version BIGINT  NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE scenario_versions (
    scenario_id   TEXT    NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    version       BIGINT  NOT NULL,
    scenario_json TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    PRIMARY KEY (scenario_id, version)
);
