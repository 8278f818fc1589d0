//! Errors of the writers.

/// Errors of the format writers.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An output format name that is not supported.
    #[error("unknown output format {0:?}; expected json, ndjson or csv")]
    UnknownFormat(String),
    /// Writing failed.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
}
