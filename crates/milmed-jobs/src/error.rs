//! The crate's one error type.

use std::io;

/// Errors of the job runtime, its storage and its secret key.
///
/// Messages never contain a password, a key or a server path that a user could see through
/// the API: paths are only named in [`JobsError::Io`] via a short static context.
#[derive(Debug, thiserror::Error)]
pub enum JobsError {
    /// A file or directory operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, e.g. "cannot read the secret key".
        context: &'static str,
        /// The operating system's error.
        source: io::Error,
    },
    /// The store failed (database unreachable, lease lost…).
    #[error(transparent)]
    Store(#[from] milmed_store::StoreError),
    /// A job id that is not a plain UUID (refused before it is used in a path).
    #[error("invalid job id")]
    InvalidJobId,
    /// A file name with a separator, `..` or other characters not allowed in a job's files.
    #[error("invalid file name")]
    InvalidFileName,
    /// The job or file does not exist (or its files expired).
    #[error("no such file")]
    NotFound,
    /// The job's options are malformed or contradictory.
    #[error("invalid job options: {0}")]
    Options(String),
    /// Sealing or opening a password failed (wrong key, damaged ciphertext).
    #[error("password sealing failed: {0}")]
    Crypto(&'static str),
    /// The secret key file is not 32 bytes.
    #[error("the secret key file must hold exactly 32 bytes, found {0}")]
    BadSecretKey(u64),
    /// The runtime configuration is unusable.
    #[error("invalid runtime configuration: {0}")]
    Config(String),
}

impl JobsError {
    /// An [`JobsError::Io`] maker for `map_err`.
    pub(crate) fn io(context: &'static str) -> impl FnOnce(io::Error) -> JobsError {
        move |source| JobsError::Io { context, source }
    }
}
