//! API keys, usage counters and the quota check.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{invalid, not_found, to_i64, Result, StoreError};
use crate::rows::RowExt;
use crate::{utc_day, with_pool, with_write_tx, Millis, Store, MINUTE_MS};

/// The public demo key every fresh install has (api.md).
pub const DEMO_KEY: &str = "DEMO_MILMED_2025_50_PATIENTS";
/// The fixed id of the demo key's row, so that ensuring it is idempotent.
pub const DEMO_KEY_ID: &str = "demo";
/// The tenant of the demo key: its jobs are visible only to itself.
pub const DEMO_TENANT: &str = "demo";

/// The demo key's limits from api.md: 50 patients per job, 10 requests a minute, 100 requests
/// a day, one job at a time.
pub fn demo_limits() -> KeyLimits {
    KeyLimits {
        max_patients_per_job: Some(50),
        requests_per_minute: Some(10),
        requests_per_day: Some(100),
        max_concurrent_jobs: Some(1),
        ..KeyLimits::default()
    }
}

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyRole {
    /// Sees only its tenant's jobs and scenarios.
    User,
    /// Sees everything and manages keys.
    Admin,
}

impl KeyRole {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyRole::User => "user",
            KeyRole::Admin => "admin",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<KeyRole> {
        match s {
            "user" => Some(KeyRole::User),
            "admin" => Some(KeyRole::Admin),
            _ => None,
        }
    }
}

/// A key's limits; `None` means unlimited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KeyLimits {
    /// Most patients one job may ask for.
    pub max_patients_per_job: Option<u64>,
    /// Most jobs created per UTC day.
    pub jobs_per_day: Option<u64>,
    /// Most requests per minute (counted in the database, so across nodes).
    pub requests_per_minute: Option<u64>,
    /// Most requests per UTC day.
    pub requests_per_day: Option<u64>,
    /// Most patients generated per UTC day.
    pub patients_per_day: Option<u64>,
    /// Most jobs queued or running at once.
    pub max_concurrent_jobs: Option<u64>,
}

/// A stored API key. It deliberately has no hash field: nothing read from the store can leak
/// the hash into a response or a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKey {
    /// Opaque id (a UUID, or `demo`).
    pub id: String,
    /// A label chosen by the administrator.
    pub name: String,
    /// The first characters of the key, to recognise it in lists.
    pub key_prefix: String,
    /// `user` or `admin`.
    pub role: KeyRole,
    /// The tenant whose jobs and scenarios the key sees.
    pub tenant_id: String,
    /// Its limits.
    pub limits: KeyLimits,
    /// When it was created.
    pub created_at: Millis,
    /// When it stops working, if ever.
    pub expires_at: Option<Millis>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<Millis>,
    /// When it last authenticated a request.
    pub last_used_at: Option<Millis>,
}

/// A key to insert. The caller makes the secret (see [`GeneratedKey`]) and passes only its hash.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// A label.
    pub name: String,
    /// `user` or `admin`.
    pub role: KeyRole,
    /// The tenant; a new tenant is simply a new id.
    pub tenant_id: String,
    /// From [`GeneratedKey::prefix`].
    pub key_prefix: String,
    /// From [`GeneratedKey::hash`] or [`hash_key`].
    pub key_hash: String,
    /// Its limits.
    pub limits: KeyLimits,
    /// When it stops working, if ever.
    pub expires_at: Option<Millis>,
}

/// A freshly drawn key: the plaintext is shown to its owner once and never stored.
#[derive(Debug, Clone)]
pub struct GeneratedKey {
    /// The secret to hand to the user (`mm_` and 48 hex digits, 192 random bits).
    pub plaintext: String,
    /// The first 11 characters, kept for display.
    pub prefix: String,
    /// SHA-256 of the plaintext, hex; what the store keeps.
    pub hash: String,
}

impl GeneratedKey {
    /// Draws a key from the operating system's random number generator.
    pub fn generate() -> Result<GeneratedKey> {
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes)
            .map_err(|e| StoreError::Config(format!("operating system RNG failed: {e}")))?;
        let plaintext = format!("mm_{}", hex::encode(bytes));
        Ok(GeneratedKey {
            prefix: key_prefix(&plaintext),
            hash: hash_key(&plaintext),
            plaintext,
        })
    }
}

/// The stored form of a key: SHA-256, lowercase hex.
///
/// A fast hash is enough because keys are high-entropy random strings (no dictionary to try);
/// a slow password hash would only cost every request time. The demo key is public anyway.
pub fn hash_key(plaintext: &str) -> String {
    hex::encode(Sha256::digest(plaintext.as_bytes()))
}

fn key_prefix(plaintext: &str) -> String {
    plaintext.chars().take(11).collect()
}

/// The counters kept per key and UTC day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageCounter {
    /// Requests served.
    Requests,
    /// Patients generated (or reserved for a job).
    Patients,
    /// Jobs created.
    Jobs,
}

impl UsageCounter {
    /// The column; a fixed set, never user input, so it may be spliced into SQL.
    fn column(self) -> &'static str {
        match self {
            UsageCounter::Requests => "requests",
            UsageCounter::Patients => "patients",
            UsageCounter::Jobs => "jobs",
        }
    }

    /// The name of the daily limit guarding this counter.
    fn limit_name(self) -> &'static str {
        match self {
            UsageCounter::Requests => "requests_per_day",
            UsageCounter::Patients => "patients_per_day",
            UsageCounter::Jobs => "jobs_per_day",
        }
    }
}

/// One key's usage on one UTC day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UsageDay {
    /// Days since 1970-01-01 (see [`crate::utc_day`]).
    pub day: i64,
    /// Requests served.
    pub requests: u64,
    /// Patients generated or reserved.
    pub patients: u64,
    /// Jobs created.
    pub jobs: u64,
}

const KEY_COLUMNS: &str = "id, name, key_prefix, role, tenant_id, max_patients_per_job, \
     jobs_per_day, requests_per_minute, requests_per_day, patients_per_day, max_concurrent_jobs, \
     created_at, expires_at, revoked_at, last_used_at";

fn opt_i64(field: &'static str, v: Option<u64>) -> Result<Option<i64>> {
    v.map(|v| to_i64(field, v)).transpose()
}

impl Store {
    /// Inserts a key. A duplicate hash is a [`StoreError::Conflict`].
    pub async fn create_key(&self, key: &NewKey, now: Millis) -> Result<ApiKey> {
        if key.name.trim().is_empty() {
            return Err(invalid("name", "must not be empty"));
        }
        if key.tenant_id.trim().is_empty() {
            return Err(invalid("tenant_id", "must not be empty"));
        }
        if key.key_hash.len() != 64 || !key.key_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid("key_hash", "must be a hex SHA-256 digest"));
        }
        let id = uuid::Uuid::new_v4().to_string();
        self.insert_key(&id, key, now, false).await?;
        self.get_key(&id).await
    }

    /// Inserts the key row; with `ignore_existing` an existing id is left untouched.
    async fn insert_key(
        &self,
        id: &str,
        key: &NewKey,
        now: Millis,
        ignore_existing: bool,
    ) -> Result<()> {
        let l = &key.limits;
        let sql = if ignore_existing {
            "INSERT INTO api_keys (id, name, key_prefix, key_hash, role, tenant_id, \
             max_patients_per_job, jobs_per_day, requests_per_minute, requests_per_day, \
             patients_per_day, max_concurrent_jobs, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
             ON CONFLICT (id) DO NOTHING"
        } else {
            "INSERT INTO api_keys (id, name, key_prefix, key_hash, role, tenant_id, \
             max_patients_per_job, jobs_per_day, requests_per_minute, requests_per_day, \
             patients_per_day, max_concurrent_jobs, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        };
        let limits = [
            opt_i64("max_patients_per_job", l.max_patients_per_job)?,
            opt_i64("jobs_per_day", l.jobs_per_day)?,
            opt_i64("requests_per_minute", l.requests_per_minute)?,
            opt_i64("requests_per_day", l.requests_per_day)?,
            opt_i64("patients_per_day", l.patients_per_day)?,
            opt_i64("max_concurrent_jobs", l.max_concurrent_jobs)?,
        ];
        with_pool!(self, pool => {
            sqlx::query(sql)
                .bind(id)
                .bind(&key.name)
                .bind(&key.key_prefix)
                .bind(&key.key_hash)
                .bind(key.role.as_str())
                .bind(&key.tenant_id)
                .bind(limits[0])
                .bind(limits[1])
                .bind(limits[2])
                .bind(limits[3])
                .bind(limits[4])
                .bind(limits[5])
                .bind(now)
                .bind(key.expires_at)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Makes sure the public demo key exists with the demo limits. Idempotent: an existing
    /// demo row is left as it is, so an administrator's revocation or changed limits stick.
    pub async fn ensure_demo_key(&self, now: Millis) -> Result<ApiKey> {
        let key = NewKey {
            name: "Public demo key".into(),
            role: KeyRole::User,
            tenant_id: DEMO_TENANT.into(),
            key_prefix: key_prefix(DEMO_KEY),
            key_hash: hash_key(DEMO_KEY),
            limits: demo_limits(),
            expires_at: None,
        };
        self.insert_key(DEMO_KEY_ID, &key, now, true).await?;
        self.get_key(DEMO_KEY_ID).await
    }

    /// One key by id, revoked or not.
    pub async fn get_key(&self, id: &str) -> Result<ApiKey> {
        let sql = format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = $1");
        let row = with_pool!(self, pool => {
            match sqlx::query(&sql).bind(id).fetch_optional(pool).await? {
                Some(r) => r.to_api_key()?,
                None => return not_found("api key"),
            }
        });
        Ok(row)
    }

    /// The key whose hash is `key_hash`, if it is neither revoked nor expired at `now`.
    ///
    /// The lookup compares hashes, not secrets: timing differences reveal nothing about a key
    /// because an attacker cannot choose the hash of a guess.
    pub async fn find_active_key_by_hash(
        &self,
        key_hash: &str,
        now: Millis,
    ) -> Result<Option<ApiKey>> {
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL \
             AND (expires_at IS NULL OR expires_at > $2)"
        );
        let key = with_pool!(self, pool => {
            match sqlx::query(&sql).bind(key_hash).bind(now).fetch_optional(pool).await? {
                Some(r) => Some(r.to_api_key()?),
                None => None,
            }
        });
        Ok(key)
    }

    /// Hashes `plaintext` and finds the active key it belongs to.
    pub async fn authenticate(&self, plaintext: &str, now: Millis) -> Result<Option<ApiKey>> {
        self.find_active_key_by_hash(&hash_key(plaintext), now)
            .await
    }

    /// Records that the key authenticated a request at `now`.
    pub async fn touch_key(&self, id: &str, now: Millis) -> Result<()> {
        let n = with_pool!(self, pool => {
            sqlx::query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1")
                .bind(id)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return not_found("api key");
        }
        Ok(())
    }

    /// Every key, oldest first, optionally only those of one tenant. Never includes hashes.
    pub async fn list_keys(&self, tenant: Option<&str>) -> Result<Vec<ApiKey>> {
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM api_keys WHERE ($1 IS NULL OR tenant_id = $1) \
             ORDER BY created_at, id"
        );
        let keys = with_pool!(self, pool => {
            let rows = sqlx::query(&sql).bind(tenant).fetch_all(pool).await?;
            rows.iter().map(|r| r.to_api_key()).collect::<Result<Vec<_>>>()?
        });
        Ok(keys)
    }

    /// Revokes a key at `now`. Revoking a revoked key keeps the first revocation time.
    pub async fn revoke_key(&self, id: &str, now: Millis) -> Result<ApiKey> {
        with_pool!(self, pool => {
            sqlx::query("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                .bind(id)
                .bind(now)
                .execute(pool)
                .await?;
        });
        self.get_key(id).await
    }

    /// Adds to a key's counters for the UTC day of `now`, unconditionally (negative amounts
    /// give back a reservation that was not used).
    pub async fn record_usage(
        &self,
        key_id: &str,
        now: Millis,
        requests: i64,
        patients: i64,
        jobs: i64,
    ) -> Result<UsageDay> {
        let day = utc_day(now);
        // One upsert statement: atomic on both backends without an explicit lock.
        let usage = with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO usage_daily (key_id, day, requests, patients, jobs) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (key_id, day) DO UPDATE SET \
                 requests = usage_daily.requests + excluded.requests, \
                 patients = usage_daily.patients + excluded.patients, \
                 jobs = usage_daily.jobs + excluded.jobs \
                 RETURNING day, requests, patients, jobs",
            )
            .bind(key_id)
            .bind(day)
            .bind(requests)
            .bind(patients)
            .bind(jobs)
            .fetch_one(pool)
            .await?
            .to_usage_day()?
        });
        Ok(usage)
    }

    /// Adds `amount` to one daily counter if the result stays within `limit`, atomically;
    /// returns the new total. Over the limit nothing changes and the error is
    /// [`StoreError::LimitExceeded`]. `limit: None` always succeeds.
    ///
    /// Race-free on both backends: the check is the `WHERE` of the single `UPDATE` that adds,
    /// which PostgreSQL re-evaluates on the locked row and SQLite runs under its write lock.
    pub async fn reserve_usage(
        &self,
        key_id: &str,
        now: Millis,
        counter: UsageCounter,
        amount: u64,
        limit: Option<u64>,
    ) -> Result<u64> {
        let day = utc_day(now);
        let amount_i = to_i64("amount", amount)?;
        let limit_i = opt_i64("limit", limit)?;
        let col = counter.column();
        let update = format!(
            "UPDATE usage_daily SET {col} = {col} + $3 \
             WHERE key_id = $1 AND day = $2 AND ($4 IS NULL OR {col} + $3 <= $4) \
             RETURNING {col}"
        );
        let total: Option<i64> = with_pool!(self, pool => {
            // Make sure the day's row exists; the conflict case is the common one.
            sqlx::query(
                "INSERT INTO usage_daily (key_id, day) VALUES ($1, $2) \
                 ON CONFLICT (key_id, day) DO NOTHING",
            )
            .bind(key_id)
            .bind(day)
            .execute(pool)
            .await?;
            sqlx::query_scalar::<_, i64>(&update)
                .bind(key_id)
                .bind(day)
                .bind(amount_i)
                .bind(limit_i)
                .fetch_optional(pool)
                .await?
        });
        match (total, limit) {
            (Some(t), _) => crate::error::to_u64(col, t),
            (None, Some(value)) => Err(StoreError::LimitExceeded {
                limit: counter.limit_name(),
                value,
            }),
            // No row updated without a limit means the key row vanished.
            (None, None) => not_found("api key"),
        }
    }

    /// Counts one request in the minute of `now` if that stays within `limit`, atomically
    /// (across nodes, since the count is in the database); returns the minute's new count.
    pub async fn reserve_request_minute(
        &self,
        key_id: &str,
        now: Millis,
        limit: Option<u64>,
    ) -> Result<u64> {
        let minute = now.div_euclid(MINUTE_MS);
        let limit_i = opt_i64("limit", limit)?;
        let total: Option<i64> = with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO usage_minute (key_id, minute) VALUES ($1, $2) \
                 ON CONFLICT (key_id, minute) DO NOTHING",
            )
            .bind(key_id)
            .bind(minute)
            .execute(pool)
            .await?;
            sqlx::query_scalar::<_, i64>(
                "UPDATE usage_minute SET requests = requests + 1 \
                 WHERE key_id = $1 AND minute = $2 AND ($3 IS NULL OR requests + 1 <= $3) \
                 RETURNING requests",
            )
            .bind(key_id)
            .bind(minute)
            .bind(limit_i)
            .fetch_optional(pool)
            .await?
        });
        match (total, limit) {
            (Some(t), _) => crate::error::to_u64("requests", t),
            (None, Some(value)) => Err(StoreError::LimitExceeded {
                limit: "requests_per_minute",
                value,
            }),
            (None, None) => not_found("api key"),
        }
    }

    /// Deletes per-minute counters older than `before` (they only matter for their minute).
    pub async fn prune_minute_counters(&self, before: Millis) -> Result<u64> {
        let minute = before.div_euclid(MINUTE_MS);
        let n = with_write_tx!(self, tx => {
            sqlx::query("DELETE FROM usage_minute WHERE minute < $1")
                .bind(minute)
                .execute(&mut *tx)
                .await?
                .rows_affected()
        });
        Ok(n)
    }

    /// A key's usage on the UTC day of `at` (zeros when nothing was counted).
    pub async fn usage_on(&self, key_id: &str, at: Millis) -> Result<UsageDay> {
        let day = utc_day(at);
        let usage = with_pool!(self, pool => {
            match sqlx::query(
                "SELECT day, requests, patients, jobs FROM usage_daily \
                 WHERE key_id = $1 AND day = $2",
            )
            .bind(key_id)
            .bind(day)
            .fetch_optional(pool)
            .await?
            {
                Some(r) => r.to_usage_day()?,
                None => UsageDay {
                    day,
                    ..UsageDay::default()
                },
            }
        });
        Ok(usage)
    }

    /// A key's usage over the last `days` UTC days up to the day of `at`, oldest first; days
    /// without usage are left out.
    pub async fn usage_history(
        &self,
        key_id: &str,
        at: Millis,
        days: u32,
    ) -> Result<Vec<UsageDay>> {
        let last = utc_day(at);
        let first = last - i64::from(days) + 1;
        let list = with_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT day, requests, patients, jobs FROM usage_daily \
                 WHERE key_id = $1 AND day >= $2 AND day <= $3 ORDER BY day",
            )
            .bind(key_id)
            .bind(first)
            .bind(last)
            .fetch_all(pool)
            .await?;
            rows.iter().map(|r| r.to_usage_day()).collect::<Result<Vec<_>>>()?
        });
        Ok(list)
    }
}
