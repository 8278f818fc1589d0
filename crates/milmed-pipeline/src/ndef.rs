//! Protected NDEF output (docs/formats/ndef.md): with gzip and/or encryption asked for, every
//! NDEF message is protected on its own — a tag is read one at a time — instead of the file
//! being wrapped as a whole.
//!
//! gzip: the payload is one gzip member of the summary, type `application/x.ips.gzip.v1-0`.
//! Encryption: the payload is `nonce (12) || AES-256-GCM ciphertext and tag` of the (possibly
//! gzipped) summary with the record type name as associated data, type
//! `application/x.ips.aes256.v1-0` or `application/x.ips.gzip.aes256.v1-0`. The key is derived
//! once per file; its salt, KDF parameters, nonce prefix and key check are published in the
//! manifest entry of the file (`encryption`), which [`NdefOpener::from_manifest_entry`] reads.

use milmed_formats::ndef::{
    self, Protect, Record, AES_MEDIA_TYPE, GZIP_AES_MEDIA_TYPE, GZIP_MEDIA_TYPE, MEDIA_TYPE,
};
use milmed_formats::Format;
use milmed_package::{
    gunzip_message, gzip_message, Compression, Error, Kdf, MessageKey, MessageParams, Packaging,
    Password, MESSAGE_CHECK_LEN, MESSAGE_GZIP_LEVEL, MESSAGE_NONCE_PREFIX_LEN, MESSAGE_OVERHEAD,
    SALT_LEN,
};
use serde_json::{json, Value};

/// Largest summary a reader accepts after decompression (a summary is about a kilobyte; the
/// bound keeps a hostile message from making the reader allocate without limit).
pub const MAX_SUMMARY_BYTES: usize = 1 << 20;

/// Name of the per-message scheme in the manifest.
pub const SCHEME: &str = "milmed-ndef-aes256gcm";

/// How the NDEF payloads of a run are protected: gzip, a per-file message key, or both.
#[derive(Debug)]
pub struct NdefProtection {
    gzip: bool,
    key: Option<MessageKey>,
}

impl NdefProtection {
    /// The protection a run's packaging asks for; `None` when the messages stay plain (no
    /// packaging, or zstd alone, which has no NDEF type). With encryption this derives the key
    /// (once for the whole file) with a fresh random salt and nonce prefix.
    pub fn for_packaging(packaging: &Packaging) -> Result<Option<Self>, Error> {
        let gzip = packaging.compression == Compression::Gzip;
        let key = match &packaging.encryption {
            Some(e) => Some(MessageKey::new(&e.password, e.options.kdf)?),
            None => None,
        };
        Ok((gzip || key.is_some()).then_some(NdefProtection { gzip, key }))
    }

    /// What the manifest says about the per-message compression; `None` without gzip.
    pub fn manifest_compression(&self) -> Option<Value> {
        self.gzip.then(|| {
            json!({
                "algorithm": "gzip",
                "level": MESSAGE_GZIP_LEVEL,
                "per_message": true,
            })
        })
    }

    /// What the manifest says about the per-message encryption: the public parameters a
    /// reader needs besides the password (never the password or a key).
    pub fn manifest_encryption(&self) -> Option<Value> {
        let key = self.key.as_ref()?;
        let p = key.params();
        Some(json!({
            "scheme": SCHEME,
            "version": 1,
            "cipher": "AES-256-GCM",
            "per_message": true,
            "kdf": p.kdf.name(),
            "kdf_params": kdf_params(&p.kdf),
            "salt": hex::encode(p.salt),
            "nonce_prefix": hex::encode(p.nonce_prefix),
            "nonce": "nonce_prefix (4 bytes) || patient id (u64, big-endian), at the start of each payload",
            "key_check": hex::encode(p.key_check),
            "associated_data": "the record type name",
            "document": "docs/formats/ndef.md",
        }))
    }
}

fn kdf_params(kdf: &Kdf) -> Value {
    match *kdf {
        Kdf::Argon2id { m_kib, t, p } => json!({"m_kib": m_kib, "t": t, "p": p}),
        Kdf::Pbkdf2Sha256 { iterations } => json!({"iterations": iterations}),
    }
}

impl Protect for NdefProtection {
    fn media_type(&self) -> &'static str {
        match (self.gzip, self.key.is_some()) {
            (false, false) => MEDIA_TYPE,
            (true, false) => GZIP_MEDIA_TYPE,
            (false, true) => AES_MEDIA_TYPE,
            (true, true) => GZIP_AES_MEDIA_TYPE,
        }
    }

    fn protect(
        &self,
        index: u64,
        summary: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<(), milmed_formats::Error> {
        let fail = |e: Error| milmed_formats::Error::Ndef(e.to_string());
        let mut zipped = Vec::new();
        let plain = if self.gzip {
            gzip_message(summary, &mut zipped).map_err(fail)?;
            &zipped[..]
        } else {
            summary
        };
        match &self.key {
            None => out.extend_from_slice(plain),
            Some(key) => {
                out.reserve(plain.len() + MESSAGE_OVERHEAD);
                key.seal(index, self.media_type().as_bytes(), plain, out)
                    .map_err(fail)?;
            }
        }
        Ok(())
    }
}

/// Warnings about how the NDEF file honours the packaging asked for (recorded in the manifest
/// and printed by the CLI).
pub fn packaging_warnings(formats: &[Format], packaging: &Packaging) -> Vec<String> {
    let mut w = Vec::new();
    if formats.contains(&Format::Ndef) && packaging.compression == Compression::Zstd {
        w.push(
            "patients.ndef: zstd has no NDEF record type, so the NDEF messages are not \
             compressed (use gzip for application/x.ips.gzip.v1-0)"
                .to_string(),
        );
    }
    w
}

/// Recovers plain summaries from the messages of a (possibly protected) `patients.ndef`.
#[derive(Debug, Default)]
pub struct NdefOpener {
    key: Option<MessageKey>,
}

fn invalid(what: &str) -> Error {
    Error::InvalidParameter(format!("manifest entry of patients.ndef: {what}"))
}

fn hex_field<const N: usize>(enc: &Value, name: &str) -> Result<[u8; N], Error> {
    let text = enc[name]
        .as_str()
        .ok_or_else(|| invalid(&format!("encryption.{name} is missing")))?;
    let bytes = hex::decode(text).map_err(|_| invalid(&format!("encryption.{name} is not hex")))?;
    <[u8; N]>::try_from(bytes.as_slice())
        .map_err(|_| invalid(&format!("encryption.{name} is not {N} bytes")))
}

fn u32_field(v: &Value, name: &str) -> Result<u32, Error> {
    v[name]
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| invalid(&format!("encryption.kdf_params.{name} is missing")))
}

impl NdefOpener {
    /// An opener of plain and gzip messages only.
    pub fn plain() -> Self {
        NdefOpener { key: None }
    }

    /// An opener for the file described by `entry` (its object in the manifest's `files`).
    /// With per-message encryption the password is needed; it is checked against the key
    /// check ([`Error::WrongPassword`]) before any message is opened.
    pub fn from_manifest_entry(entry: &Value, password: Option<&Password>) -> Result<Self, Error> {
        let enc = &entry["encryption"];
        if enc.is_null() {
            return Ok(NdefOpener::plain());
        }
        if enc["scheme"].as_str() != Some(SCHEME) {
            return Err(invalid(
                "the file is not encrypted per message (decrypt it with `milmed decrypt` first)",
            ));
        }
        let params = &enc["kdf_params"];
        let kdf = match enc["kdf"].as_str() {
            Some("argon2id") => Kdf::Argon2id {
                m_kib: u32_field(params, "m_kib")?,
                t: u32_field(params, "t")?,
                p: u32_field(params, "p")?,
            },
            Some("pbkdf2-hmac-sha256") => Kdf::Pbkdf2Sha256 {
                iterations: u32_field(params, "iterations")?,
            },
            _ => return Err(invalid("encryption.kdf is unknown")),
        };
        let params = MessageParams {
            kdf,
            salt: hex_field::<SALT_LEN>(enc, "salt")?,
            nonce_prefix: hex_field::<MESSAGE_NONCE_PREFIX_LEN>(enc, "nonce_prefix")?,
            key_check: hex_field::<MESSAGE_CHECK_LEN>(enc, "key_check")?,
        };
        let password = password.ok_or_else(|| {
            Error::Password("the NDEF messages are encrypted: a password is needed".into())
        })?;
        Ok(NdefOpener {
            key: Some(MessageKey::open(password, &params)?),
        })
    }

    /// The plain summary in `record`, whatever its type; with encryption, also the patient id
    /// its nonce carries.
    pub fn open(&self, record: &Record<'_>) -> Result<(Option<u64>, Vec<u8>), Error> {
        let aes = |payload: &[u8]| -> Result<(u64, Vec<u8>), Error> {
            let key = self.key.as_ref().ok_or_else(|| {
                Error::Password("the NDEF messages are encrypted: a password is needed".into())
            })?;
            key.open_message(record.media_type.as_bytes(), payload)
        };
        match record.media_type {
            ndef::MEDIA_TYPE => Ok((None, record.payload.to_vec())),
            ndef::GZIP_MEDIA_TYPE => Ok((None, gunzip_message(record.payload, MAX_SUMMARY_BYTES)?)),
            ndef::AES_MEDIA_TYPE => aes(record.payload).map(|(i, p)| (Some(i), p)),
            ndef::GZIP_AES_MEDIA_TYPE => {
                let (i, zipped) = aes(record.payload)?;
                Ok((Some(i), gunzip_message(&zipped, MAX_SUMMARY_BYTES)?))
            }
            other => Err(Error::Unknown(format!(
                "unknown NDEF record type {other:?}"
            ))),
        }
    }
}
