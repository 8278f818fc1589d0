//! The AES-256-GCM STREAM envelope (docs/formats/encryption.md).
//!
//! A 65-byte header, then the plaintext in chunks of a fixed size, each sealed with
//! AES-256-GCM under the nonce `prefix (7 bytes) || counter (u32, big-endian) || last (1 byte)`
//! — the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár (2015). The flag on the
//! last chunk makes truncation at a chunk boundary detectable; the counter makes reordering
//! detectable; the whole header is the associated data of every chunk, so no header field can
//! be altered without every chunk failing.

use std::fs::{self, File};
use std::io::{self, BufWriter, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use aes_gcm::aead::consts::U16;
use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce, Tag};
use hmac::{Hmac, Mac};
use rayon::iter::{IndexedParallelIterator, ParallelIterator};
use rayon::slice::{ParallelSlice, ParallelSliceMut};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::{Error, Kdf, Password};

/// The first eight bytes of every encrypted file.
pub const MAGIC: [u8; 8] = *b"MILMDENC";
/// The envelope version written by this build.
pub const VERSION: u8 = 1;
/// Header length in bytes (version 1).
pub const HEADER_LEN: usize = 65;
/// Bytes of the salt.
pub const SALT_LEN: usize = 16;
/// Bytes of the random nonce prefix (96-bit nonce minus 32-bit counter minus flag byte).
pub const NONCE_PREFIX_LEN: usize = 7;
/// Bytes of the GCM tag after each chunk.
pub const TAG_LEN: usize = 16;
/// Bytes of the key check value in the header.
const CHECK_LEN: usize = 16;
/// Plaintext bytes per chunk written by default (64 KiB: small enough to keep memory flat,
/// large enough that the 16-byte tag costs 0.02 %).
pub const DEFAULT_CHUNK_SIZE: u32 = 64 * 1024;
/// Largest chunk size a reader accepts (it allocates one chunk).
pub const MAX_CHUNK_SIZE: u32 = 16 * 1024 * 1024;

/// Chunks sealed together. A batch is sealed on rayon's thread pool, so encryption is not
/// limited to the one thread that writes the file; 16 chunks (1 MiB at the default size) keep
/// the memory per open file small.
const BATCH: usize = 16;

/// Domain-separation labels for the two keys taken from the KDF's master key.
const LABEL_KEY: &[u8] = b"milmed-enc v1 AES-256-GCM key";
const LABEL_CHECK: &[u8] = b"milmed-enc v1 key check";

/// How to encrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncryptOptions {
    /// Key-derivation function and costs.
    pub kdf: Kdf,
    /// Plaintext bytes per chunk (1 ..= [`MAX_CHUNK_SIZE`]).
    pub chunk_size: u32,
}

impl Default for EncryptOptions {
    fn default() -> Self {
        EncryptOptions {
            kdf: Kdf::ARGON2ID_DEFAULT,
            chunk_size: DEFAULT_CHUNK_SIZE,
        }
    }
}

/// The decoded header of an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The key-derivation function and its costs.
    pub kdf: Kdf,
    /// The KDF's salt.
    pub salt: [u8; SALT_LEN],
    /// The nonce prefix of every chunk.
    pub nonce_prefix: [u8; NONCE_PREFIX_LEN],
    /// Plaintext bytes per chunk (the last chunk may be shorter).
    pub chunk_size: u32,
    /// Truncated HMAC of a label under the master key: tells a wrong password apart from a
    /// damaged chunk, and commits the file to one key (GCM alone is not key-committing).
    key_check: [u8; CHECK_LEN],
}

impl Header {
    fn encode(&self) -> [u8; HEADER_LEN] {
        let mut h = [0u8; HEADER_LEN];
        h[0..8].copy_from_slice(&MAGIC);
        h[8] = VERSION;
        let (id, params) = self.kdf.to_header();
        h[9] = id;
        for (i, v) in params.iter().enumerate() {
            h[10 + 4 * i..14 + 4 * i].copy_from_slice(&v.to_be_bytes());
        }
        h[22..38].copy_from_slice(&self.salt);
        h[38..45].copy_from_slice(&self.nonce_prefix);
        h[45..49].copy_from_slice(&self.chunk_size.to_be_bytes());
        h[49..65].copy_from_slice(&self.key_check);
        h
    }

    fn decode(h: &[u8; HEADER_LEN]) -> Result<Header, Error> {
        if h[0..8] != MAGIC {
            return Err(Error::NotEncrypted);
        }
        if h[8] != VERSION {
            return Err(Error::UnsupportedVersion(h[8]));
        }
        let word = |at: usize| u32::from_be_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]]);
        let kdf = Kdf::from_header(h[9], [word(10), word(14), word(18)])?;
        let chunk_size = word(45);
        check_chunk_size(chunk_size)?;
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&h[22..38]);
        let mut nonce_prefix = [0u8; NONCE_PREFIX_LEN];
        nonce_prefix.copy_from_slice(&h[38..45]);
        let mut key_check = [0u8; CHECK_LEN];
        key_check.copy_from_slice(&h[49..65]);
        Ok(Header {
            kdf,
            salt,
            nonce_prefix,
            chunk_size,
            key_check,
        })
    }
}

fn check_chunk_size(size: u32) -> Result<(), Error> {
    if size == 0 || size > MAX_CHUNK_SIZE {
        return Err(Error::InvalidParameter(format!(
            "chunk size {size} is outside 1..={MAX_CHUNK_SIZE}"
        )));
    }
    Ok(())
}

/// HMAC-SHA256 of `label` under the master key: separates the cipher key from the check
/// value, so publishing the check reveals nothing about the cipher key.
fn labelled(master: &[u8; 32], label: &[u8]) -> Result<Hmac<Sha256>, Error> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master)
        .map_err(|e| Error::Kdf(format!("HMAC key: {e}")))?;
    mac.update(label);
    Ok(mac)
}

fn cipher_from(master: &[u8; 32]) -> Result<Aes256Gcm, Error> {
    let key = Zeroizing::new(<[u8; 32]>::from(
        labelled(master, LABEL_KEY)?.finalize().into_bytes(),
    ));
    Aes256Gcm::new_from_slice(key.as_ref()).map_err(|e| Error::Kdf(format!("AES key: {e}")))
}

fn nonce(prefix: &[u8; NONCE_PREFIX_LEN], counter: u32, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[..NONCE_PREFIX_LEN].copy_from_slice(prefix);
    n[7..11].copy_from_slice(&counter.to_be_bytes());
    n[11] = u8::from(last);
    n
}

/// Fresh random bytes from the operating system.
fn random<const N: usize>() -> Result<[u8; N], Error> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| Error::Random(e.to_string()))?;
    Ok(b)
}

/// Encrypts everything written to it into an envelope written to `W`.
///
/// The header is written at construction. [`Encryptor::finish`] must be called: it seals the
/// final chunk, without which a reader reports the file as truncated. Memory use is two
/// batches of chunks; the bytes written do not depend on the batching.
pub struct Encryptor<W: Write> {
    out: W,
    cipher: Aes256Gcm,
    header: [u8; HEADER_LEN],
    prefix: [u8; NONCE_PREFIX_LEN],
    /// Counter of the next chunk to seal.
    counter: u32,
    /// Plaintext waiting to be sealed: up to a batch of chunks.
    buf: Vec<u8>,
    /// Ciphertext and tags of the batch being sealed.
    sealed: Vec<u8>,
    chunk: usize,
}

impl<W: Write> Encryptor<W> {
    /// Starts an envelope with a fresh random salt and nonce prefix from the OS.
    pub fn new(out: W, password: &Password, options: EncryptOptions) -> Result<Self, Error> {
        Self::with_salt_and_nonce_prefix(out, password, options, random()?, random()?)
    }

    /// Starts an envelope with the given salt and nonce prefix.
    ///
    /// For known-answer tests only: reusing a salt and prefix with the same password reuses
    /// GCM nonces under the same key, which breaks confidentiality. [`Encryptor::new`] draws
    /// both from the operating system.
    pub fn with_salt_and_nonce_prefix(
        mut out: W,
        password: &Password,
        options: EncryptOptions,
        salt: [u8; SALT_LEN],
        nonce_prefix: [u8; NONCE_PREFIX_LEN],
    ) -> Result<Self, Error> {
        check_chunk_size(options.chunk_size)?;
        let master = options.kdf.derive(password, &salt)?;
        let check = labelled(&master, LABEL_CHECK)?.finalize().into_bytes();
        let mut key_check = [0u8; CHECK_LEN];
        key_check.copy_from_slice(&check[..CHECK_LEN]);
        let header = Header {
            kdf: options.kdf,
            salt,
            nonce_prefix,
            chunk_size: options.chunk_size,
            key_check,
        }
        .encode();
        out.write_all(&header)?;
        let chunk = options.chunk_size as usize;
        Ok(Encryptor {
            out,
            cipher: cipher_from(&master)?,
            header,
            prefix: nonce_prefix,
            counter: 0,
            buf: Vec::new(),
            sealed: Vec::new(),
            chunk,
        })
    }

    /// Seals the buffered plaintext as the next chunks (the last of them final when `last`)
    /// and writes them with their tags.
    fn seal(&mut self, last: bool) -> Result<(), Error> {
        let chunk = self.chunk;
        // An empty final chunk still exists: it marks the end.
        let pieces = self.buf.len().div_ceil(chunk).max(usize::from(last));
        // Every non-final chunk needs a successor counter; the final one may use u32::MAX.
        let needed = u64::try_from(pieces).map_err(|_| Error::TooLarge)?;
        let first = u64::from(self.counter);
        let top = first + needed - u64::from(last);
        if top > u64::from(u32::MAX) {
            return Err(Error::TooLarge);
        }
        self.sealed.clear();
        self.sealed.resize(self.buf.len() + pieces * TAG_LEN, 0);
        let (cipher, header, prefix) = (&self.cipher, &self.header, &self.prefix);
        let seal_one = |i: usize, dst: &mut [u8], src: &[u8]| -> Result<(), Error> {
            // `top` fits in u32 (checked above), so every counter below it does too.
            let counter = self.counter + i as u32;
            let is_last = last && i + 1 == pieces;
            let (body, tag) = dst.split_at_mut(src.len());
            body.copy_from_slice(src);
            let t = cipher
                .encrypt_in_place_detached(
                    Nonce::from_slice(&nonce(prefix, counter, is_last)),
                    header,
                    body,
                )
                .map_err(|_| Error::TooLarge)?;
            tag.copy_from_slice(&t);
            Ok(())
        };
        if self.buf.is_empty() {
            seal_one(0, &mut self.sealed, &[])?;
        } else {
            self.sealed
                .par_chunks_mut(chunk + TAG_LEN)
                .zip(self.buf.par_chunks(chunk))
                .enumerate()
                .try_for_each(|(i, (dst, src))| seal_one(i, dst, src))?;
        }
        self.out.write_all(&self.sealed)?;
        self.buf.clear();
        if !last {
            self.counter += pieces as u32;
        }
        Ok(())
    }

    /// Seals the final chunk (possibly empty), flushes, and returns the inner writer.
    pub fn finish(mut self) -> Result<W, Error> {
        self.seal(true)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for Encryptor<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if data.is_empty() {
            return Ok(0);
        }
        // A full batch is sealed only once more data arrives: until then its last chunk may be
        // the final one.
        let batch = self.chunk * BATCH;
        if self.buf.len() == batch {
            self.seal(false)?;
        }
        let n = data.len().min(batch - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        // Buffered plaintext cannot be sealed early (a chunk has a fixed size); flush what
        // has been sealed.
        self.out.flush()
    }
}

/// Reads `buf.len()` bytes unless the input ends first; returns how many were read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut have = 0;
    while have < buf.len() {
        match input.read(&mut buf[have..]) {
            Ok(0) => break,
            Ok(n) => have += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(have)
}

/// Reads an envelope: checks the header and the password, then decrypts chunk by chunk.
///
/// Each chunk is written out only after its tag verifies; a failure further on (a later chunk
/// altered, the final chunk missing) is reported as an error after the verified chunks were
/// written, so a caller writing to a file must discard it on error — [`decrypt_file`] does.
pub struct Decryptor<R: Read> {
    input: R,
    cipher: Aes256Gcm,
    header_bytes: [u8; HEADER_LEN],
    header: Header,
}

impl<R: Read> Decryptor<R> {
    /// Reads and checks the header, derives the key and checks the password.
    pub fn new(mut input: R, password: &Password) -> Result<Self, Error> {
        let mut header_bytes = [0u8; HEADER_LEN];
        let n = read_full(&mut input, &mut header_bytes)?;
        if n < MAGIC.len() || header_bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::NotEncrypted);
        }
        if n < HEADER_LEN {
            return Err(Error::Truncated);
        }
        let header = Header::decode(&header_bytes)?;
        let master = header.kdf.derive(password, &header.salt)?;
        // Constant-time comparison: the check value must not leak through timing.
        labelled(&master, LABEL_CHECK)?
            .verify_truncated_left(&header.key_check)
            .map_err(|_| Error::WrongPassword)?;
        Ok(Decryptor {
            input,
            cipher: cipher_from(&master)?,
            header_bytes,
            header,
        })
    }

    /// The envelope's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    fn open(&self, counter: u32, last: bool, body: &mut [u8], tag: &[u8]) -> bool {
        let n = nonce(&self.header.nonce_prefix, counter, last);
        self.cipher
            .decrypt_in_place_detached(
                Nonce::from_slice(&n),
                &self.header_bytes,
                body,
                Tag::<U16>::from_slice(tag),
            )
            .is_ok()
    }

    /// Decrypts the rest of the input into `out`; returns the plaintext bytes written.
    pub fn decrypt_to<W: Write>(mut self, out: &mut W) -> Result<u64, Error> {
        let chunk = self.header.chunk_size as usize;
        let record = chunk + TAG_LEN;
        // One byte more than a record: whether more input follows decides whether the record
        // in hand must be a middle chunk or the final one.
        let mut buf = vec![0u8; record + 1];
        let mut have = 0usize;
        let mut counter: u32 = 0;
        let mut total: u64 = 0;
        loop {
            have += read_full(&mut self.input, &mut buf[have..])?;
            if have > record {
                let (body, rest) = buf.split_at_mut(chunk);
                let tag = &rest[..TAG_LEN];
                if !self.open(counter, false, body, tag) {
                    // Failed decryption leaves the buffer untouched (aes-gcm checks the tag
                    // before decrypting), so the record can be tried as the final chunk: if it
                    // is one, the file was extended after it.
                    if self.open(counter, true, body, tag) {
                        return Err(Error::TrailingData);
                    }
                    return Err(Error::Authentication {
                        chunk: u64::from(counter),
                    });
                }
                out.write_all(body)?;
                total += chunk as u64;
                counter = counter.checked_add(1).ok_or(Error::TooLarge)?;
                buf.copy_within(record..have, 0);
                have -= record;
            } else {
                if have < TAG_LEN {
                    return Err(Error::Truncated);
                }
                let (body, tag) = buf[..have].split_at_mut(have - TAG_LEN);
                if !self.open(counter, true, body, tag) {
                    // A complete middle chunk at the end: the file was cut at a chunk
                    // boundary.
                    if body.len() == chunk && self.open(counter, false, body, tag) {
                        return Err(Error::Truncated);
                    }
                    return Err(Error::Authentication {
                        chunk: u64::from(counter),
                    });
                }
                out.write_all(body)?;
                total += body.len() as u64;
                out.flush()?;
                return Ok(total);
            }
        }
    }
}

/// Removes a file when dropped unless disarmed: no partial plaintext survives an error.
struct RemoveOnDrop(Option<PathBuf>);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_file(p);
        }
    }
}

/// Decrypts the envelope at `input` into the file `output`; returns the plaintext bytes.
///
/// The plaintext is written to a temporary file next to `output` and renamed only after the
/// final chunk verified. On any error the temporary file is removed and `output` is not
/// touched: no unauthenticated or partial plaintext is ever left behind.
pub fn decrypt_file(input: &Path, output: &Path, password: &Password) -> Result<u64, Error> {
    let source = File::open(input)?;
    let decryptor = Decryptor::new(io::BufReader::with_capacity(1 << 20, source), password)?;
    let mut name = output
        .file_name()
        .ok_or_else(|| {
            Error::Io(io::Error::new(
                ErrorKind::InvalidInput,
                format!("{} is not a file name", output.display()),
            ))
        })?
        .to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    let tmp = output.with_file_name(name);
    let mut guard = RemoveOnDrop(Some(tmp.clone()));
    let mut writer = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
    let total = decryptor.decrypt_to(&mut writer)?;
    let file = writer.into_inner().map_err(|e| Error::Io(e.into_error()))?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, output)?;
    guard.0 = None;
    Ok(total)
}
