//! Errors of the writers.

/// Errors of the format writers.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An output format name that is not supported.
    #[error(
        "unknown output format {0:?}; expected json, ndjson, csv, xml, xlsx, fhir, fhir-json or ndef"
    )]
    UnknownFormat(String),
    /// An NDEF message that cannot be framed (type name or payload too long).
    #[error("NDEF: {0}")]
    Ndef(String),
    /// A CSV row could not be re-read while building a spreadsheet row (a bug).
    #[error("spreadsheet row: {0}")]
    Sheet(String),
    /// Writing failed.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
}
