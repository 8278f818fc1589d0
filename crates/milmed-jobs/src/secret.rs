//! The server's secret key and the sealed job passwords.
//!
//! A job that encrypts its files needs its password when a worker runs it, possibly on another
//! node and after a restart, so the password must be stored with the job. It is stored sealed
//! (AES-256-GCM under a 32-byte key kept in the data directory, not in the database): a copy
//! of the database alone — a backup, a replica, a `SELECT` by an operator — reveals no
//! password.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use milmed_package::Password;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::JobsError;

/// The file name of the key inside the data directory.
pub const SECRET_KEY_FILE: &str = "secret.key";

/// Binds the ciphertext to its purpose: a sealed password cannot be passed off as anything
/// else sealed under the same key.
const AAD: &[u8] = b"milmed job password v1";

/// A password sealed with the server's [`SecretKey`]: AES-256-GCM, hex-encoded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SealedPassword {
    /// The 12-byte nonce, hex (random per sealing).
    pub nonce: String,
    /// Ciphertext with the 16-byte tag appended, hex.
    pub ciphertext: String,
}

/// The server's 32-byte secret key; zeroed when dropped, never printed.
pub struct SecretKey(Zeroizing<[u8; 32]>);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl SecretKey {
    /// Reads `<data_dir>/secret.key` (32 random bytes), creating it with mode 0600 when
    /// missing. Several processes starting at once agree on one key: the new key is written
    /// to a temporary file and hard-linked into place, which fails if another process won.
    pub fn load_or_create(data_dir: &Path) -> Result<SecretKey, JobsError> {
        fs::create_dir_all(data_dir).map_err(JobsError::io("cannot create the data directory"))?;
        let path = data_dir.join(SECRET_KEY_FILE);
        match read_key(&path) {
            Err(JobsError::Io { source, .. }) if source.kind() == ErrorKind::NotFound => {}
            other => return other,
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut()).map_err(|_| JobsError::Crypto("no system randomness"))?;
        let tmp = data_dir.join(format!(".{SECRET_KEY_FILE}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut f = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&tmp)?;
            f.write_all(bytes.as_ref())?;
            f.sync_all()?;
            match fs::hard_link(&tmp, &path) {
                Ok(()) => Ok(true),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
                Err(e) => Err(e),
            }
        })();
        let _ = fs::remove_file(&tmp);
        match written.map_err(JobsError::io("cannot write the secret key"))? {
            true => Ok(SecretKey(bytes)),
            // Another process created the key first: use its key.
            false => read_key(&path),
        }
    }

    /// A key from its bytes (tests, or a key managed elsewhere).
    pub fn from_bytes(b: [u8; 32]) -> SecretKey {
        SecretKey(Zeroizing::new(b))
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(self.0.as_ref()))
    }

    /// Seals a password for storage with a job.
    pub fn seal(&self, password: &[u8]) -> Result<SealedPassword, JobsError> {
        if password.is_empty() {
            return Err(JobsError::Crypto("the password is empty"));
        }
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|_| JobsError::Crypto("no system randomness"))?;
        let ciphertext = self
            .cipher()
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: password,
                    aad: AAD,
                },
            )
            .map_err(|_| JobsError::Crypto("encryption failed"))?;
        Ok(SealedPassword {
            nonce: hex::encode(nonce),
            ciphertext: hex::encode(ciphertext),
        })
    }

    /// Opens a sealed password.
    pub fn open(&self, sealed: &SealedPassword) -> Result<Password, JobsError> {
        let bytes = self.open_bytes(sealed)?;
        Password::new(bytes.to_vec()).map_err(|_| JobsError::Crypto("the password is empty"))
    }

    /// Opens a sealed password to its bytes (for the child process's stdin).
    pub(crate) fn open_bytes(
        &self,
        sealed: &SealedPassword,
    ) -> Result<Zeroizing<Vec<u8>>, JobsError> {
        let nonce = hex::decode(&sealed.nonce).map_err(|_| JobsError::Crypto("malformed nonce"))?;
        if nonce.len() != 12 {
            return Err(JobsError::Crypto("malformed nonce"));
        }
        let ciphertext = hex::decode(&sealed.ciphertext)
            .map_err(|_| JobsError::Crypto("malformed ciphertext"))?;
        let plain = self
            .cipher()
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: AAD,
                },
            )
            .map_err(|_| JobsError::Crypto("wrong key or damaged sealed password"))?;
        Ok(Zeroizing::new(plain))
    }
}

fn read_key(path: &Path) -> Result<SecretKey, JobsError> {
    let mut f = fs::File::open(path).map_err(JobsError::io("cannot read the secret key"))?;
    let meta = f
        .metadata()
        .map_err(JobsError::io("cannot read the secret key"))?;
    if meta.len() != 32 {
        return Err(JobsError::BadSecretKey(meta.len()));
    }
    if meta.permissions().mode() & 0o077 != 0 {
        tracing::warn!("the secret key file is readable by other users; chmod 600 it");
    }
    let mut bytes = Zeroizing::new([0u8; 32]);
    f.read_exact(bytes.as_mut())
        .map_err(JobsError::io("cannot read the secret key"))?;
    Ok(SecretKey(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip_and_tamper() {
        let k = SecretKey::from_bytes([7; 32]);
        let s = k.seal(b"correct horse").unwrap();
        assert_eq!(&*k.open_bytes(&s).unwrap(), b"correct horse");
        assert_ne!(
            k.seal(b"correct horse").unwrap(),
            s,
            "fresh nonce each time"
        );
        let mut bad = s.clone();
        bad.ciphertext.replace_range(
            0..2,
            if &s.ciphertext[0..2] == "00" {
                "01"
            } else {
                "00"
            },
        );
        assert!(k.open(&bad).is_err());
        assert!(SecretKey::from_bytes([8; 32]).open(&s).is_err());
        assert!(k.seal(b"").is_err());
        assert!(format!("{k:?}").contains("redacted"));
    }

    #[test]
    fn key_file_is_created_once_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let a = SecretKey::load_or_create(dir.path()).unwrap();
        let mode = fs::metadata(dir.path().join(SECRET_KEY_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let b = SecretKey::load_or_create(dir.path()).unwrap();
        let s = a.seal(b"pw").unwrap();
        assert_eq!(&*b.open_bytes(&s).unwrap(), b"pw");
        fs::write(dir.path().join(SECRET_KEY_FILE), b"short").unwrap();
        assert!(matches!(
            SecretKey::load_or_create(dir.path()),
            Err(JobsError::BadSecretKey(5))
        ));
    }
}
