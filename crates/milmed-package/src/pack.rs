//! Compression then encryption, as one writer: what the pipeline wraps around each file.

use std::io::{self, Write};

use crate::{CompressWriter, Compression, EncryptOptions, Encryptor, Error, Password};

/// Encryption settings of a run: the password and the envelope options.
#[derive(Debug, Clone)]
pub struct Encryption {
    /// The password (never printed: its `Debug` is redacted).
    pub password: Password,
    /// KDF and chunk size.
    pub options: EncryptOptions,
}

/// How each output file is packaged.
#[derive(Debug, Clone, Default)]
pub struct Packaging {
    /// Compression applied first.
    pub compression: Compression,
    /// Encryption applied to the compressed bytes (compressing ciphertext would gain
    /// nothing).
    pub encryption: Option<Encryption>,
}

impl Packaging {
    /// No compression, no encryption: files are written as they are.
    pub fn is_plain(&self) -> bool {
        self.compression == Compression::None && self.encryption.is_none()
    }

    /// The suffix appended to a file name: `.gz`/`.zst` for compression, then `.enc`.
    pub fn suffix(&self) -> String {
        let mut s = self.compression.suffix().to_string();
        if self.encryption.is_some() {
            s.push_str(".enc");
        }
        s
    }
}

/// The encryption stage: either passes bytes through or encrypts them.
enum Seal<W: Write> {
    Plain(W),
    // Boxed: the cipher state is ~1 KB and the plain variant should stay small.
    Encrypted(Box<Encryptor<W>>),
}

impl<W: Write> Write for Seal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Seal::Plain(w) => w.write(buf),
            Seal::Encrypted(e) => e.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Seal::Plain(w) => w.flush(),
            Seal::Encrypted(e) => e.flush(),
        }
    }
}

/// Compresses and/or encrypts everything written to it into `W`.
/// [`PackWriter::finish`] must be called to complete both streams.
pub struct PackWriter<W: Write>(CompressWriter<Seal<W>>);

impl<W: Write> PackWriter<W> {
    /// Starts packaging into `out` (with encryption, this derives the key: Argon2id by
    /// default, a deliberate fraction of a second).
    pub fn new(out: W, packaging: &Packaging) -> Result<Self, Error> {
        let seal = match &packaging.encryption {
            None => Seal::Plain(out),
            Some(e) => Seal::Encrypted(Box::new(Encryptor::new(out, &e.password, e.options)?)),
        };
        Ok(PackWriter(CompressWriter::new(
            seal,
            packaging.compression,
        )?))
    }

    /// Completes compression and encryption and returns the inner writer.
    pub fn finish(self) -> Result<W, Error> {
        match self.0.finish()? {
            Seal::Plain(w) => Ok(w),
            Seal::Encrypted(e) => e.finish(),
        }
    }
}

impl<W: Write> Write for PackWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
