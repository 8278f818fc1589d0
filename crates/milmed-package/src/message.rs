//! Per-message AES-256-GCM sealing: many small, independently readable messages (one NDEF tag
//! per patient) under one key derived once per file (docs/formats/ndef.md).
//!
//! The master key comes from the password with the file's KDF and a random 16-byte salt; the
//! cipher key and a public key-check value are HMAC-SHA256 of labels under the master key (as
//! in the file envelope, with labels of their own). A sealed message is
//! `nonce (12 bytes) || ciphertext || tag (16 bytes)`, the nonce being
//! `nonce prefix (4 random bytes per file) || message index (u64, big-endian)`: unique for every
//! message under the key, without drawing randomness per message.

use aes_gcm::aead::consts::U16;
use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce, Tag};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::{Error, Kdf, Password, SALT_LEN, TAG_LEN};

/// Bytes of the random per-file nonce prefix of a sealed message.
pub const MESSAGE_NONCE_PREFIX_LEN: usize = 4;
/// Bytes of the nonce at the start of every sealed message.
pub const MESSAGE_NONCE_LEN: usize = 12;
/// Bytes a sealed message adds to its plaintext (nonce and tag).
pub const MESSAGE_OVERHEAD: usize = MESSAGE_NONCE_LEN + TAG_LEN;
/// Bytes of the public key-check value.
pub const MESSAGE_CHECK_LEN: usize = 16;

/// Label of the cipher key (HMAC-SHA256 under the master key).
pub const MESSAGE_LABEL_KEY: &[u8] = b"milmed-msg v1 AES-256-GCM key";
/// Label of the key-check value (HMAC-SHA256 under the master key, first 16 bytes).
pub const MESSAGE_LABEL_CHECK: &[u8] = b"milmed-msg v1 key check";

/// The public parameters of a message key: everything a reader needs besides the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageParams {
    /// Key-derivation function and costs.
    pub kdf: Kdf,
    /// The KDF's salt (random per file).
    pub salt: [u8; SALT_LEN],
    /// The first bytes of every nonce (random per file).
    pub nonce_prefix: [u8; MESSAGE_NONCE_PREFIX_LEN],
    /// Truncated HMAC of a label under the master key: tells a wrong password apart from a
    /// damaged message and commits the messages to one key.
    pub key_check: [u8; MESSAGE_CHECK_LEN],
}

/// A key for sealing and opening messages (one per file).
pub struct MessageKey {
    cipher: Aes256Gcm,
    params: MessageParams,
}

impl std::fmt::Debug for MessageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageKey")
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

fn label(master: &[u8; 32], text: &[u8]) -> Result<[u8; 32], Error> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master)
        .map_err(|e| Error::Kdf(format!("HMAC key: {e}")))?;
    mac.update(text);
    Ok(mac.finalize().into_bytes().into())
}

fn random<const N: usize>() -> Result<[u8; N], Error> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| Error::Random(e.to_string()))?;
    Ok(b)
}

impl MessageKey {
    /// A new key for a file: fresh random salt and nonce prefix from the OS, the key derived
    /// from `password` with `kdf` (a deliberate fraction of a second with Argon2id).
    pub fn new(password: &Password, kdf: Kdf) -> Result<Self, Error> {
        Self::with_salt_and_nonce_prefix(password, kdf, random()?, random()?)
    }

    /// A key with the given salt and nonce prefix.
    ///
    /// For known-answer tests only: reusing both with the same password reuses nonces under
    /// the same key. [`MessageKey::new`] draws them from the operating system.
    pub fn with_salt_and_nonce_prefix(
        password: &Password,
        kdf: Kdf,
        salt: [u8; SALT_LEN],
        nonce_prefix: [u8; MESSAGE_NONCE_PREFIX_LEN],
    ) -> Result<Self, Error> {
        let master = kdf.derive(password, &salt)?;
        let mut key_check = [0u8; MESSAGE_CHECK_LEN];
        key_check.copy_from_slice(&label(&master, MESSAGE_LABEL_CHECK)?[..MESSAGE_CHECK_LEN]);
        let params = MessageParams {
            kdf,
            salt,
            nonce_prefix,
            key_check,
        };
        Ok(MessageKey {
            cipher: cipher_from(&master)?,
            params,
        })
    }

    /// Re-derives the key of published parameters from the password; a password that does not
    /// match the key check is refused with [`Error::WrongPassword`].
    pub fn open(password: &Password, params: &MessageParams) -> Result<Self, Error> {
        params.kdf.validate()?;
        let master = params.kdf.derive(password, &params.salt)?;
        let check = label(&master, MESSAGE_LABEL_CHECK)?;
        // Constant-time comparison: the check value must not leak through timing.
        let mut diff = 0u8;
        for (a, b) in check[..MESSAGE_CHECK_LEN].iter().zip(&params.key_check) {
            diff |= a ^ b;
        }
        if diff != 0 {
            return Err(Error::WrongPassword);
        }
        Ok(MessageKey {
            cipher: cipher_from(&master)?,
            params: params.clone(),
        })
    }

    /// The public parameters (to be published next to the messages).
    pub fn params(&self) -> &MessageParams {
        &self.params
    }

    /// The nonce of message `index`.
    pub fn nonce(&self, index: u64) -> [u8; MESSAGE_NONCE_LEN] {
        let mut n = [0u8; MESSAGE_NONCE_LEN];
        n[..MESSAGE_NONCE_PREFIX_LEN].copy_from_slice(&self.params.nonce_prefix);
        n[MESSAGE_NONCE_PREFIX_LEN..].copy_from_slice(&index.to_be_bytes());
        n
    }

    /// Appends `nonce || ciphertext || tag` of message `index` to `out`, with `aad` as the
    /// associated data. Each index must be sealed at most once per key.
    pub fn seal(
        &self,
        index: u64,
        aad: &[u8],
        plaintext: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let nonce = self.nonce(index);
        let start = out.len();
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        let body = &mut out[start + MESSAGE_NONCE_LEN..];
        let tag = match self
            .cipher
            .encrypt_in_place_detached(Nonce::from_slice(&nonce), aad, body)
        {
            Ok(tag) => tag,
            Err(_) => {
                out.truncate(start);
                return Err(Error::TooLarge);
            }
        };
        out.extend_from_slice(&tag);
        Ok(())
    }

    /// Opens a sealed message (`nonce || ciphertext || tag`) with `aad`; returns the plaintext
    /// and the message index its nonce carries. Fails with
    /// [`Error::MessageAuthentication`] when the message was altered, the associated data
    /// differs, or the nonce does not belong to this key.
    pub fn open_message(&self, aad: &[u8], sealed: &[u8]) -> Result<(u64, Vec<u8>), Error> {
        if sealed.len() < MESSAGE_OVERHEAD {
            return Err(Error::MessageAuthentication);
        }
        let (nonce, body) = sealed.split_at(MESSAGE_NONCE_LEN);
        if nonce[..MESSAGE_NONCE_PREFIX_LEN] != self.params.nonce_prefix {
            return Err(Error::MessageAuthentication);
        }
        let mut index = [0u8; 8];
        index.copy_from_slice(&nonce[MESSAGE_NONCE_PREFIX_LEN..]);
        let (ciphertext, tag) = body.split_at(body.len() - TAG_LEN);
        let mut plain = ciphertext.to_vec();
        self.cipher
            .decrypt_in_place_detached(
                Nonce::from_slice(nonce),
                aad,
                &mut plain,
                Tag::<U16>::from_slice(tag),
            )
            .map_err(|_| Error::MessageAuthentication)?;
        Ok((u64::from_be_bytes(index), plain))
    }
}

fn cipher_from(master: &[u8; 32]) -> Result<Aes256Gcm, Error> {
    let key = Zeroizing::new(label(master, MESSAGE_LABEL_KEY)?);
    Aes256Gcm::new_from_slice(key.as_ref()).map_err(|e| Error::Kdf(format!("AES key: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(s: &str) -> Password {
        Password::new(s.as_bytes().to_vec()).expect("non-empty")
    }

    const FAST: Kdf = Kdf::Pbkdf2Sha256 { iterations: 10 };

    #[test]
    fn seal_open_round_trip_and_failures() {
        let key = MessageKey::new(&pw("secret"), FAST).expect("key");
        let mut sealed = Vec::new();
        key.seal(7, b"type", b"hello", &mut sealed).expect("seal");
        assert_eq!(sealed.len(), 5 + MESSAGE_OVERHEAD);
        assert_eq!(&sealed[..4], &key.params().nonce_prefix);
        assert_eq!(&sealed[4..12], &7u64.to_be_bytes());

        let reader = MessageKey::open(&pw("secret"), key.params()).expect("right password");
        let (i, plain) = reader.open_message(b"type", &sealed).expect("opens");
        assert_eq!((i, plain.as_slice()), (7, &b"hello"[..]));

        assert!(matches!(
            MessageKey::open(&pw("wrong"), key.params()),
            Err(Error::WrongPassword)
        ));
        assert!(matches!(
            reader.open_message(b"other type", &sealed),
            Err(Error::MessageAuthentication)
        ));
        let mut bad = sealed.clone();
        bad[20] ^= 1;
        assert!(reader.open_message(b"type", &bad).is_err());
        assert!(reader.open_message(b"type", &sealed[..10]).is_err());
    }

    #[test]
    fn every_file_gets_its_own_salt_and_prefix() {
        let a = MessageKey::new(&pw("secret"), FAST).expect("key");
        let b = MessageKey::new(&pw("secret"), FAST).expect("key");
        assert_ne!(a.params().salt, b.params().salt);
        assert_ne!(a.params().key_check, b.params().key_check);
    }
}
