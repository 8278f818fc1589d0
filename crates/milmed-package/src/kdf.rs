//! Key derivation: from a password and a salt to the 32-byte master key of an envelope.

use zeroize::Zeroizing;

use crate::{Error, Password};

/// Header id of Argon2id (version 0x13, RFC 9106).
pub const KDF_ARGON2ID: u8 = 1;
/// Header id of PBKDF2-HMAC-SHA256 (RFC 8018).
pub const KDF_PBKDF2_SHA256: u8 = 2;

/// Largest Argon2id memory cost a reader accepts, in KiB (2 GiB). Writers use far less; the
/// bound keeps a damaged or hostile header from making the reader allocate without limit.
pub const MAX_ARGON2_M_KIB: u32 = 2 * 1024 * 1024;
/// Largest Argon2id time cost a reader accepts.
pub const MAX_ARGON2_T: u32 = 64;
/// Largest Argon2id parallelism a reader accepts.
pub const MAX_ARGON2_P: u32 = 16;
/// Largest PBKDF2 iteration count a reader accepts (bounds the time a damaged header costs).
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// A key-derivation function with its cost parameters, as recorded in the envelope header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kdf {
    /// Argon2id, version 0x13.
    Argon2id {
        /// Memory in KiB.
        m_kib: u32,
        /// Passes over the memory.
        t: u32,
        /// Lanes.
        p: u32,
    },
    /// PBKDF2 with HMAC-SHA256.
    Pbkdf2Sha256 {
        /// Iterations.
        iterations: u32,
    },
}

impl Kdf {
    /// The default: Argon2id with 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended
    /// option, memory-hard against GPU guessing, ~0.1–0.3 s on a current core).
    pub const ARGON2ID_DEFAULT: Kdf = Kdf::Argon2id {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };

    /// The PBKDF2 option: HMAC-SHA256 with 600,000 iterations (OWASP's figure for
    /// PBKDF2-HMAC-SHA256), for environments that require a FIPS-approved KDF.
    pub const PBKDF2_DEFAULT: Kdf = Kdf::Pbkdf2Sha256 {
        iterations: 600_000,
    };

    /// The strong default parameters of a KDF named `argon2id` or `pbkdf2`.
    pub fn parse(name: &str) -> Result<Kdf, Error> {
        match name.trim().to_ascii_lowercase().as_str() {
            "argon2id" | "argon2" => Ok(Kdf::ARGON2ID_DEFAULT),
            "pbkdf2" | "pbkdf2-sha256" | "pbkdf2-hmac-sha256" => Ok(Kdf::PBKDF2_DEFAULT),
            other => Err(Error::Unknown(format!(
                "unknown KDF {other:?}; expected argon2id or pbkdf2"
            ))),
        }
    }

    /// The name used in manifests: `argon2id` or `pbkdf2-hmac-sha256`.
    pub fn name(&self) -> &'static str {
        match self {
            Kdf::Argon2id { .. } => "argon2id",
            Kdf::Pbkdf2Sha256 { .. } => "pbkdf2-hmac-sha256",
        }
    }

    /// The id byte and the three 32-bit parameter fields of the header.
    pub(crate) fn to_header(self) -> (u8, [u32; 3]) {
        match self {
            Kdf::Argon2id { m_kib, t, p } => (KDF_ARGON2ID, [m_kib, t, p]),
            Kdf::Pbkdf2Sha256 { iterations } => (KDF_PBKDF2_SHA256, [iterations, 0, 0]),
        }
    }

    /// Reads the id byte and parameter fields of a header, refusing values outside the
    /// accepted ranges before any work is done.
    pub(crate) fn from_header(id: u8, params: [u32; 3]) -> Result<Kdf, Error> {
        let kdf = match id {
            KDF_ARGON2ID => Kdf::Argon2id {
                m_kib: params[0],
                t: params[1],
                p: params[2],
            },
            KDF_PBKDF2_SHA256 => {
                if params[1] != 0 || params[2] != 0 {
                    return Err(Error::InvalidParameter(
                        "PBKDF2's unused parameter fields must be zero".into(),
                    ));
                }
                Kdf::Pbkdf2Sha256 {
                    iterations: params[0],
                }
            }
            other => return Err(Error::UnknownKdf(other)),
        };
        kdf.validate()?;
        Ok(kdf)
    }

    /// Checks the parameters against the accepted ranges (the same for writing and reading,
    /// so that whatever is written can be read back).
    pub fn validate(&self) -> Result<(), Error> {
        match *self {
            Kdf::Argon2id { m_kib, t, p } => {
                if !(1..=MAX_ARGON2_P).contains(&p) {
                    return Err(Error::InvalidParameter(format!(
                        "Argon2id parallelism {p} is outside 1..={MAX_ARGON2_P}"
                    )));
                }
                if !(1..=MAX_ARGON2_T).contains(&t) {
                    return Err(Error::InvalidParameter(format!(
                        "Argon2id time cost {t} is outside 1..={MAX_ARGON2_T}"
                    )));
                }
                if m_kib < 8 * p || m_kib > MAX_ARGON2_M_KIB {
                    return Err(Error::InvalidParameter(format!(
                        "Argon2id memory {m_kib} KiB is outside {}..={MAX_ARGON2_M_KIB}",
                        8 * p
                    )));
                }
            }
            Kdf::Pbkdf2Sha256 { iterations } => {
                if !(1..=MAX_PBKDF2_ITERATIONS).contains(&iterations) {
                    return Err(Error::InvalidParameter(format!(
                        "PBKDF2 iterations {iterations} are outside 1..={MAX_PBKDF2_ITERATIONS}"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Derives the 32-byte master key from `password` and `salt`.
    pub fn derive(&self, password: &Password, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, Error> {
        self.validate()?;
        let mut key = Zeroizing::new([0u8; 32]);
        match *self {
            Kdf::Argon2id { m_kib, t, p } => {
                let params = argon2::Params::new(m_kib, t, p, Some(32))
                    .map_err(|e| Error::Kdf(e.to_string()))?;
                argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
                    .hash_password_into(password.bytes(), salt, key.as_mut())
                    .map_err(|e| Error::Kdf(e.to_string()))?;
            }
            Kdf::Pbkdf2Sha256 { iterations } => {
                pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
                    password.bytes(),
                    salt,
                    iterations,
                    key.as_mut(),
                );
            }
        }
        Ok(key)
    }
}
