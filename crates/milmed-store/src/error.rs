//! The one error type of the store.

/// Everything a store operation can fail with.
///
/// The variants are chosen so that an HTTP layer can map them to statuses without looking
/// inside: `NotFound` → 404, `Conflict` → 409, `Invalid` → 422, `LimitExceeded` → 429,
/// everything else → 500 (and the cause is logged, never shown to the client).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row does not exist, or it belongs to another tenant (the two are deliberately
    /// indistinguishable so that a tenant cannot probe for another tenant's ids).
    #[error("{what} not found")]
    NotFound {
        /// What was looked for: `job`, `api key`, `scenario`, `scenario version`.
        what: &'static str,
    },
    /// The operation does not fit the current state (a finished job cancelled, a lease lost,
    /// a duplicate name).
    #[error("conflict: {detail}")]
    Conflict {
        /// A human-readable explanation with no internal detail.
        detail: String,
    },
    /// An argument is not acceptable; `field` names it.
    #[error("invalid {field}: {reason}")]
    Invalid {
        /// The offending field, as the caller named it (`patient_count`, `scenario_json`…).
        field: &'static str,
        /// Why it was rejected.
        reason: String,
    },
    /// A quota or limit would be exceeded; nothing was reserved.
    #[error("limit {limit} of {value} exceeded")]
    LimitExceeded {
        /// Which limit (`patients_per_day`, `requests_per_minute`, `max_concurrent_jobs`…).
        limit: &'static str,
        /// The limit's configured value.
        value: u64,
    },
    /// The database URL or data directory cannot be used.
    #[error("store configuration: {0}")]
    Config(String),
    /// A stored value could not be interpreted (corrupt row or a newer schema).
    #[error("corrupt stored value in {column}: {reason}")]
    Corrupt {
        /// The column holding the value.
        column: &'static str,
        /// What was wrong with it.
        reason: String,
    },
    /// The database failed or was unreachable.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// Applying the embedded migrations failed.
    #[error("migration error: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Creating the data directory failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        // Unique violations are a caller's problem (a duplicate), not a database failure.
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return StoreError::Conflict {
                    detail: "an entry with the same unique value exists".into(),
                };
            }
            // A reference to a row that does not exist (an unknown key id for usage or a job).
            if db.is_foreign_key_violation() {
                return StoreError::NotFound {
                    what: "referenced row",
                };
            }
        }
        StoreError::Database(e)
    }
}

/// Shorthand for results of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub(crate) fn not_found<T>(what: &'static str) -> Result<T> {
    Err(StoreError::NotFound { what })
}

pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> StoreError {
    StoreError::Invalid {
        field,
        reason: reason.into(),
    }
}

/// Converts an unsigned count to the signed 64-bit integer both backends store.
pub(crate) fn to_i64(field: &'static str, v: u64) -> Result<i64> {
    i64::try_from(v).map_err(|_| invalid(field, "too large"))
}

/// Converts a stored signed integer back; a negative value means a corrupt row.
pub(crate) fn to_u64(column: &'static str, v: i64) -> Result<u64> {
    u64::try_from(v).map_err(|_| StoreError::Corrupt {
        column,
        reason: format!("negative value {v}"),
    })
}
