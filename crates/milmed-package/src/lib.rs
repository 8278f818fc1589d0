//! Packaging of milmed output files: streaming per-file compression (gzip, zstd) and an
//! AES-256-GCM envelope with the STREAM construction, keyed from a password with Argon2id
//! (default) or PBKDF2-HMAC-SHA256 (docs/formats/encryption.md).
//!
//! Everything streams over `std::io::Write`/`Read` with memory bounded by a few chunks, so files
//! of any size are packed and unpacked without being held in memory.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod compress;
mod envelope;
mod error;
mod kdf;
mod message;
mod pack;
mod password;

pub use compress::{
    compress_member, gunzip_message, gzip_message, CompressWriter, Compression, GZIP_LEVEL,
    MESSAGE_GZIP_LEVEL, ZSTD_LEVEL,
};
pub use envelope::{
    decrypt_file, Decryptor, EncryptOptions, Encryptor, Header, DEFAULT_CHUNK_SIZE, HEADER_LEN,
    MAGIC, MAX_CHUNK_SIZE, NONCE_PREFIX_LEN, SALT_LEN, TAG_LEN, VERSION,
};
pub use error::Error;
pub use kdf::{Kdf, KDF_ARGON2ID, KDF_PBKDF2_SHA256};
pub use message::{
    MessageKey, MessageParams, MESSAGE_CHECK_LEN, MESSAGE_LABEL_CHECK, MESSAGE_LABEL_KEY,
    MESSAGE_NONCE_LEN, MESSAGE_NONCE_PREFIX_LEN, MESSAGE_OVERHEAD,
};
pub use pack::{Encryption, PackWriter, Packaging};
pub use password::Password;
