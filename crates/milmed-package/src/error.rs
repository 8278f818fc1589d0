//! The one error type of the crate.

use std::io;

/// Everything that can go wrong while packing or unpacking a file.
///
/// The messages are meant for a person: each says what is wrong with the file or the input,
/// never the password or a key.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the input or writing the output failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The input does not start with the envelope's magic bytes.
    #[error("not a milmed encrypted file (the magic bytes are missing)")]
    NotEncrypted,
    /// The envelope has a version this build cannot read.
    #[error("unsupported envelope version {0} (this build reads version 1)")]
    UnsupportedVersion(u8),
    /// The header names a key-derivation function this build does not know.
    #[error("unknown key-derivation function id {0}")]
    UnknownKdf(u8),
    /// A parameter (KDF costs, chunk size) is outside the accepted range.
    #[error("invalid envelope parameter: {0}")]
    InvalidParameter(String),
    /// The password does not open the file (or the header's key check was altered).
    #[error("wrong password (or the file's header was altered)")]
    WrongPassword,
    /// A chunk's authentication tag did not verify: the file was altered or damaged.
    #[error("chunk {chunk} failed authentication: the file was altered or damaged")]
    Authentication {
        /// Index of the chunk, from 0.
        chunk: u64,
    },
    /// A sealed message (one NDEF record) failed authentication: it was altered, damaged, or
    /// sealed under another key.
    #[error(
        "the message failed authentication: it was altered, damaged or sealed under another key"
    )]
    MessageAuthentication,
    /// A compressed message is malformed or decompresses to more than the accepted size.
    #[error("cannot decompress the message: {0}")]
    Decompress(String),
    /// The file ends before its final chunk.
    #[error("the file is truncated: its final chunk is missing")]
    Truncated,
    /// Bytes follow the final chunk.
    #[error("the file has extra bytes after its final chunk")]
    TrailingData,
    /// More data than the 32-bit chunk counter can address.
    #[error("the input is too large for one envelope (2^32 chunks)")]
    TooLarge,
    /// The key-derivation function failed (invalid parameters for the underlying crate).
    #[error("key derivation failed: {0}")]
    Kdf(String),
    /// The operating system's random number generator failed.
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
    /// The password could not be obtained or is unusable (empty, missing variable …).
    #[error("{0}")]
    Password(String),
    /// An unknown compression or KDF name was given.
    #[error("{0}")]
    Unknown(String),
}

impl From<Error> for io::Error {
    /// Lets the envelope's errors travel through `std::io::Write` implementations.
    fn from(e: Error) -> Self {
        match e {
            Error::Io(inner) => inner,
            other => io::Error::other(other),
        }
    }
}
