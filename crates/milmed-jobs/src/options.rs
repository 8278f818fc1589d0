//! The runtime's options of a job, stored in `NewJob.options`.

use milmed_package::{Compression, EncryptOptions, Encryption, Kdf, Packaging, Password};
use serde::{Deserialize, Serialize};

use crate::secret::SealedPassword;
use crate::JobsError;

/// How a job packages and shapes its files; stored as the JSON object `NewJob.options`.
/// Every field has a default, so `{}` is a plain job.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct JobOptions {
    /// `gzip` or `zstd`; none when absent.
    pub compression: Option<String>,
    /// The encryption password, sealed with the server's [`crate::SecretKey`]; the files are
    /// encrypted when present.
    pub encryption: Option<SealedPassword>,
    /// `argon2id` (the default) or `pbkdf2`; only with `encryption`.
    pub kdf: Option<String>,
    /// Indented JSON.
    pub pretty: bool,
    /// `patients.json` as a bare array.
    pub array: bool,
    /// FHIR bundles of type `transaction`.
    pub fhir_transaction: bool,
}

impl JobOptions {
    /// Reads the options stored with a job.
    pub fn from_value(value: &serde_json::Value) -> Result<JobOptions, JobsError> {
        serde_json::from_value(value.clone()).map_err(|e| JobsError::Options(e.to_string()))
    }

    /// The JSON object to store as `NewJob.options`.
    pub fn to_value(&self) -> serde_json::Value {
        // Serialising plain strings and booleans cannot fail; an empty object would still be
        // a valid (plain) job.
        serde_json::to_value(self)
            .unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new()))
    }

    /// The compression asked for.
    pub fn compression(&self) -> Result<Compression, JobsError> {
        match self.compression.as_deref() {
            None => Ok(Compression::None),
            Some(name) => match Compression::parse(name) {
                Ok(Compression::None) | Err(_) => Err(JobsError::Options(format!(
                    "unknown compression {name:?}; expected gzip or zstd"
                ))),
                Ok(c) => Ok(c),
            },
        }
    }

    /// The key-derivation function for encryption (Argon2id unless `pbkdf2` is asked for).
    pub fn kdf(&self) -> Result<Kdf, JobsError> {
        match self.kdf.as_deref() {
            None => Ok(Kdf::ARGON2ID_DEFAULT),
            Some(name) => Kdf::parse(name).map_err(|e| JobsError::Options(e.to_string())),
        }
    }

    /// Checks the options as the runtime will read them, so the API can refuse a bad job at
    /// submission instead of it failing later.
    pub fn validate(&self) -> Result<(), JobsError> {
        self.compression()?;
        self.kdf()?;
        if self.kdf.is_some() && self.encryption.is_none() {
            return Err(JobsError::Options(
                "kdf is only used with encryption".into(),
            ));
        }
        Ok(())
    }

    /// The packaging of the job's files; `password` is the opened sealed password, required
    /// exactly when the options ask for encryption.
    pub fn packaging(&self, password: Option<Password>) -> Result<Packaging, JobsError> {
        self.validate()?;
        let compression = self.compression()?;
        let encryption = match (self.encryption.is_some(), password) {
            (false, None) => None,
            (true, Some(password)) => Some(Encryption {
                password,
                options: EncryptOptions {
                    kdf: self.kdf()?,
                    ..EncryptOptions::default()
                },
            }),
            (true, None) => {
                return Err(JobsError::Options("encryption needs a password".into()));
            }
            (false, Some(_)) => {
                return Err(JobsError::Options(
                    "a password was given but encryption was not asked for".into(),
                ));
            }
        };
        Ok(Packaging {
            compression,
            encryption,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_is_a_plain_job() {
        let o = JobOptions::from_value(&serde_json::json!({})).unwrap();
        assert_eq!(o, JobOptions::default());
        let p = o.packaging(None).unwrap();
        assert!(p.is_plain());
    }

    #[test]
    fn round_trip_and_validation() {
        let o = JobOptions {
            compression: Some("zstd".into()),
            pretty: true,
            ..JobOptions::default()
        };
        assert_eq!(JobOptions::from_value(&o.to_value()).unwrap(), o);
        assert_eq!(o.compression().unwrap(), Compression::Zstd);
        let bad = JobOptions {
            compression: Some("rar".into()),
            ..JobOptions::default()
        };
        assert!(matches!(bad.validate(), Err(JobsError::Options(_))));
        let kdf_alone = JobOptions {
            kdf: Some("pbkdf2".into()),
            ..JobOptions::default()
        };
        assert!(kdf_alone.validate().is_err());
        assert!(JobOptions::from_value(&serde_json::json!({"pretty": "yes"})).is_err());
    }

    #[test]
    fn encryption_needs_exactly_a_password() {
        let sealed = SealedPassword {
            nonce: "00".into(),
            ciphertext: "00".into(),
        };
        let o = JobOptions {
            encryption: Some(sealed),
            kdf: Some("pbkdf2".into()),
            ..JobOptions::default()
        };
        assert!(o.packaging(None).is_err());
        let pw = Password::new(b"secret".to_vec()).unwrap();
        let p = o.packaging(Some(pw.clone())).unwrap();
        assert_eq!(
            p.encryption.as_ref().map(|e| e.options.kdf),
            Some(Kdf::PBKDF2_DEFAULT)
        );
        assert!(JobOptions::default().packaging(Some(pw)).is_err());
    }
}
