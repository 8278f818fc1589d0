//! Passwords, held so that they are wiped from memory when dropped and never printed.

use std::ffi::OsString;
use std::fmt;
use std::path::Path;

use zeroize::Zeroizing;

use crate::Error;

/// A password. Its bytes are zeroed when it is dropped, and `Debug` prints no part of it, so
/// it cannot leak into logs or error messages by accident.
#[derive(Clone)]
pub struct Password(Zeroizing<Vec<u8>>);

impl Password {
    /// Takes ownership of the password's bytes. An empty password is refused: it would
    /// protect nothing.
    pub fn new(bytes: Vec<u8>) -> Result<Self, Error> {
        let bytes = Zeroizing::new(bytes);
        if bytes.is_empty() {
            return Err(Error::Password("the password is empty".into()));
        }
        Ok(Password(bytes))
    }

    /// Reads the password from the environment variable `name`.
    ///
    /// The variable itself stays in the process environment (it cannot be wiped portably);
    /// the copy held here is zeroed on drop.
    pub fn from_env(name: &str) -> Result<Self, Error> {
        let value: OsString = std::env::var_os(name).ok_or_else(|| {
            Error::Password(format!("the environment variable {name} is not set"))
        })?;
        Password::new(value.into_encoded_bytes())
            .map_err(|_| Error::Password(format!("the environment variable {name} is empty")))
    }

    /// Reads the password from a file: its whole content, without one trailing line break
    /// (files written by editors and `echo` end with one, and it is never meant as part of
    /// the password).
    pub fn from_file(path: &Path) -> Result<Self, Error> {
        let mut bytes = Zeroizing::new(std::fs::read(path).map_err(|e| {
            Error::Password(format!("cannot read password file {}: {e}", path.display()))
        })?);
        let keep = if bytes.ends_with(b"\r\n") {
            bytes.len() - 2
        } else if bytes.ends_with(b"\n") {
            bytes.len() - 1
        } else {
            bytes.len()
        };
        bytes.truncate(keep);
        if bytes.is_empty() {
            return Err(Error::Password(format!(
                "password file {} is empty",
                path.display()
            )));
        }
        Ok(Password(bytes))
    }

    /// The password's bytes, for the key-derivation function.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}
