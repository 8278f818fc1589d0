//! The milmed store: API keys, usage counters and quotas, the persistent job queue with its
//! status history, and saved scenarios with versions — on SQLite (the embedded default) or
//! PostgreSQL (several nodes sharing one database).
//!
//! All SQL of the project lives in this crate. Every operation is an async method on
//! [`Store`]. Times are passed in by the caller as milliseconds since the Unix epoch (UTC), so
//! the store never reads the clock and tests are deterministic (see `docs/store.md`).

mod error;
mod jobs;
mod keys;
mod marks;
mod migrations;
mod rows;
mod scenarios;
mod waker;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use error::{Result, StoreError};
pub use jobs::{
    FinishedJobRef, Heartbeat, Job, JobEvent, JobFilter, JobPage, JobStatus, NewJob, Priority,
    Progress, Recovery, ATTEMPTS_EXHAUSTED,
};
pub use keys::{
    demo_limits, hash_key, ApiKey, GeneratedKey, KeyLimits, KeyRole, NewKey, UsageCounter,
    UsageDay, DEMO_KEY, DEMO_KEY_ID, DEMO_TENANT,
};
pub use marks::JobMark;
use marks::WriteMarks;
pub use scenarios::{SavedScenario, ScenarioVersion, MAX_SCENARIO_NAME};
pub use waker::{JobWaker, JOB_CHANNEL};

/// Milliseconds since the Unix epoch, UTC. Every time the store keeps has this unit.
pub type Millis = i64;

/// The file name of the SQLite database inside a data directory.
pub const SQLITE_FILE_NAME: &str = "milmed.db";

const DAY_MS: i64 = 86_400_000;
const MINUTE_MS: i64 = 60_000;

/// The UTC day number (days since 1970-01-01) that contains `at`; usage is counted per such day.
pub fn utc_day(at: Millis) -> i64 {
    at.div_euclid(DAY_MS)
}

/// Which tenant's rows an operation may see.
///
/// A `user` key passes its own tenant; only `admin` keys pass [`Scope::All`]. Rows of other
/// tenants are reported as [`StoreError::NotFound`], never as forbidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Only this tenant's rows.
    Tenant(&'a str),
    /// Every tenant's rows (administrators).
    All,
}

impl<'a> Scope<'a> {
    /// The tenant to filter on, or `None` for no filter; bound as a nullable SQL parameter.
    fn tenant(self) -> Option<&'a str> {
        match self {
            Scope::Tenant(t) => Some(t),
            Scope::All => None,
        }
    }
}

/// The database engine behind a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file (one node).
    Sqlite,
    /// A PostgreSQL server (one or several nodes).
    Postgres,
}

impl Backend {
    /// A short name for health checks and logs.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        }
    }
}

/// Tuning for opening a store; the defaults suit a single service process.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Largest number of pooled connections.
    pub max_connections: u32,
    /// How long an SQLite writer waits for the write lock before failing.
    pub busy_timeout: Duration,
    /// How long to wait for a pooled connection.
    pub acquire_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            max_connections: 8,
            busy_timeout: Duration::from_secs(10),
            acquire_timeout: Duration::from_secs(30),
        }
    }
}

#[derive(Debug, Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A handle on the database; cheap to clone (the pool is shared).
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
    /// Shared by the clones: which jobs this process has written (see [`Store::job_mark`]).
    marks: Arc<WriteMarks>,
}

/// Runs `$body` with `$pool` bound to the backend's pool. The body is expanded once per
/// backend, so the same code is type-checked against both drivers' row and argument types.
macro_rules! with_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            $crate::Pool::Sqlite($pool) => $body,
            $crate::Pool::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` inside a write transaction bound to `$tx` and commits if the body finishes;
/// an early `return` or `?` drops the transaction, which rolls it back.
///
/// On SQLite the transaction starts with `BEGIN IMMEDIATE`: it takes the write lock up front,
/// so two writers queue on the busy timeout instead of one failing when it upgrades a read
/// snapshot that another writer has made stale.
macro_rules! with_write_tx {
    ($store:expr, $tx:ident => $body:expr) => {
        match &$store.pool {
            $crate::Pool::Sqlite(pool) => {
                #[allow(unused_mut)]
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::Pool::Postgres(pool) => {
                #[allow(unused_mut)]
                let mut $tx = pool.begin().await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}

pub(crate) use {with_pool, with_write_tx};

impl Store {
    /// Opens the store named by `url`: `postgres://…` or `postgresql://…` for PostgreSQL,
    /// `sqlite:PATH` (or `sqlite://PATH`) for an SQLite file, created if missing.
    ///
    /// Does not run migrations; call [`Store::migrate`].
    pub async fn open(url: &str) -> Result<Store> {
        Store::open_with(url, &StoreOptions::default()).await
    }

    /// [`Store::open`] with explicit options.
    pub async fn open_with(url: &str, options: &StoreOptions) -> Result<Store> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let connect = PgConnectOptions::from_str(url)
                .map_err(|_| StoreError::Config("malformed PostgreSQL URL".into()))?;
            let pool = PgPoolOptions::new()
                .max_connections(options.max_connections)
                .acquire_timeout(options.acquire_timeout)
                .connect_with(connect)
                .await?;
            Ok(Store {
                pool: Pool::Postgres(pool),
                marks: Arc::new(WriteMarks::new()),
            })
        } else if url.starts_with("sqlite:") {
            let connect = SqliteConnectOptions::from_str(url)
                .map_err(|_| StoreError::Config("malformed SQLite URL".into()))?;
            Store::open_sqlite(connect, options).await
        } else {
            // Do not echo the URL: it may hold a password.
            Err(StoreError::Config(
                "database URL must start with postgres://, postgresql:// or sqlite:".into(),
            ))
        }
    }

    /// Opens (creating if needed) the SQLite database `milmed.db` in `data_dir`, creating the
    /// directory too. This is the default store of a single node.
    pub async fn open_data_dir(data_dir: &Path, options: &StoreOptions) -> Result<Store> {
        std::fs::create_dir_all(data_dir)?;
        let connect = SqliteConnectOptions::new().filename(data_dir.join(SQLITE_FILE_NAME));
        Store::open_sqlite(connect, options).await
    }

    /// The service's rule (operations.md): a `DATABASE_URL` selects the store; without one,
    /// the SQLite file in `data_dir`.
    pub async fn open_configured(
        database_url: Option<&str>,
        data_dir: &Path,
        options: &StoreOptions,
    ) -> Result<Store> {
        match database_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => Store::open_with(url, options).await,
            None => Store::open_data_dir(data_dir, options).await,
        }
    }

    async fn open_sqlite(connect: SqliteConnectOptions, options: &StoreOptions) -> Result<Store> {
        // WAL lets readers run beside the one writer; NORMAL synchronous is durable in WAL mode
        // except for the last transactions on power loss, which a job queue can redo.
        let connect = connect
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(options.busy_timeout)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(options.max_connections)
            .acquire_timeout(options.acquire_timeout)
            .connect_with(connect)
            .await?;
        Ok(Store {
            pool: Pool::Sqlite(pool),
            marks: Arc::new(WriteMarks::new()),
        })
    }

    /// Which engine this store runs on.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend that are not applied yet. Idempotent,
    /// and safe to run from several nodes at once on PostgreSQL (sqlx takes an advisory lock).
    pub async fn migrate(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite(pool) => {
                migrations::migrator(Backend::Sqlite)
                    .await?
                    .run(pool)
                    .await?
            }
            Pool::Postgres(pool) => {
                migrations::migrator(Backend::Postgres)
                    .await?
                    .run(pool)
                    .await?
            }
        }
        Ok(())
    }

    /// Whether the database answers and every embedded migration is applied (for `/ready`).
    pub async fn is_ready(&self) -> Result<bool> {
        let expected = migrations::latest_version(self.backend());
        let applied: Option<i64> = with_pool!(self, pool => {
            let r = sqlx::query_scalar::<_, Option<i64>>(
                "SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE",
            )
            .fetch_one(pool)
            .await;
            match r {
                Ok(v) => v,
                // No migrations table yet: reachable but not migrated.
                Err(sqlx::Error::Database(_)) => None,
                Err(e) => return Err(e.into()),
            }
        });
        Ok(applied == Some(expected))
    }

    /// Pooled connections currently lent out (for the `db_connections_active` gauge).
    pub fn connections_in_use(&self) -> u64 {
        let (size, idle) = match &self.pool {
            Pool::Sqlite(p) => (p.size(), p.num_idle()),
            Pool::Postgres(p) => (p.size(), p.num_idle()),
        };
        u64::from(size).saturating_sub(idle as u64)
    }

    /// Closes every pooled connection; waits for connections in use to be returned.
    pub async fn close(&self) {
        with_pool!(self, pool => pool.close().await)
    }
}
