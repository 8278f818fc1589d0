//! Streaming per-file compression: gzip (RFC 1952) or zstd (RFC 8878).

use std::io::{self, Write};

use crate::Error;

/// The gzip level. Level 1 (fastest): at generation speed (hundreds of MB/s of NDJSON) higher
/// levels make compression the bottleneck while gaining little in size on this very repetitive
/// text (docs/packaging-bench.md). Members ([`compress_member`]) are compressed with libdeflate,
/// the streaming [`CompressWriter`] with flate2; both are standard gzip.
pub const GZIP_LEVEL: u32 = 1;
/// The zstd level. Level 1: faster than gzip level 1 and still smaller.
pub const ZSTD_LEVEL: i32 = 1;

/// A per-file compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compression {
    /// No compression.
    #[default]
    None,
    /// gzip (DEFLATE), suffix `.gz`.
    Gzip,
    /// Zstandard, suffix `.zst`.
    Zstd,
}

impl Compression {
    /// Parses `gzip` (or `gz`) or `zstd` (or `zst`).
    pub fn parse(name: &str) -> Result<Compression, Error> {
        match name.trim().to_ascii_lowercase().as_str() {
            "gzip" | "gz" => Ok(Compression::Gzip),
            "zstd" | "zst" => Ok(Compression::Zstd),
            "none" => Ok(Compression::None),
            other => Err(Error::Unknown(format!(
                "unknown compression {other:?}; expected gzip or zstd"
            ))),
        }
    }

    /// The name used in manifests (`none`, `gzip`, `zstd`).
    pub fn name(&self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }

    /// The file-name suffix it adds (`""`, `.gz`, `.zst`).
    pub fn suffix(&self) -> &'static str {
        match self {
            Compression::None => "",
            Compression::Gzip => ".gz",
            Compression::Zstd => ".zst",
        }
    }

    /// The compression level used.
    pub fn level(&self) -> Option<i32> {
        match self {
            Compression::None => None,
            Compression::Gzip => Some(GZIP_LEVEL as i32),
            Compression::Zstd => Some(ZSTD_LEVEL),
        }
    }
}

/// Compresses `input` as one complete, independent gzip member or zstd frame appended to
/// `out` (with [`Compression::None`], appends `input` as it is).
///
/// A gzip file may be a sequence of members and a zstd file a sequence of frames; both
/// decompress to the concatenation of their parts (RFC 1952 section 2.2, RFC 8878 section 3).
/// That lets the pipeline compress its chunks in parallel and still write one valid file.
pub fn compress_member(
    compression: Compression,
    input: &[u8],
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    match compression {
        Compression::None => {
            out.extend_from_slice(input);
            return Ok(());
        }
        Compression::Gzip => return gzip_member(input, out),
        Compression::Zstd => {}
    }
    let mut w = CompressWriter::new(out, compression)?;
    w.write_all(input)?;
    w.finish()?;
    Ok(())
}

/// One gzip member with libdeflate (mtime 0, no name: the bytes depend only on the input).
fn gzip_member(input: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
    thread_local! {
        // A compressor holds ~1 MB of tables: one per worker thread, reused for every chunk.
        static GZIP: std::cell::RefCell<Option<libdeflater::Compressor>> =
            const { std::cell::RefCell::new(None) };
    }
    GZIP.with(|cell| {
        let mut slot = cell.borrow_mut();
        let compressor = match slot.as_mut() {
            Some(c) => c,
            None => {
                let level = libdeflater::CompressionLvl::new(GZIP_LEVEL as i32)
                    .map_err(|e| Error::Unknown(format!("gzip level {GZIP_LEVEL}: {e:?}")))?;
                slot.insert(libdeflater::Compressor::new(level))
            }
        };
        let start = out.len();
        out.resize(start + compressor.gzip_compress_bound(input.len()), 0);
        let n = compressor
            .gzip_compress(input, &mut out[start..])
            .map_err(|e| Error::Io(io::Error::other(format!("gzip: {e:?}"))))?;
        out.truncate(start + n);
        Ok(())
    })
}

/// Compresses everything written to it into `W`. [`CompressWriter::finish`] must be called to
/// write the stream's trailer.
pub struct CompressWriter<W: Write>(Inner<W>);

enum Inner<W: Write> {
    Plain(W),
    Gzip(flate2::write::GzEncoder<W>),
    Zstd(zstd::stream::write::Encoder<'static, W>),
}

impl<W: Write> CompressWriter<W> {
    /// Starts a compressed stream over `out`.
    pub fn new(out: W, compression: Compression) -> Result<Self, Error> {
        Ok(CompressWriter(match compression {
            Compression::None => Inner::Plain(out),
            // GzBuilder writes a zero modification time and no file name: the output depends
            // only on the input bytes.
            Compression::Gzip => Inner::Gzip(
                flate2::GzBuilder::new().write(out, flate2::Compression::new(GZIP_LEVEL)),
            ),
            Compression::Zstd => {
                let mut enc = zstd::stream::write::Encoder::new(out, ZSTD_LEVEL)?;
                // A checksum lets any decoder detect a damaged file.
                enc.include_checksum(true)?;
                Inner::Zstd(enc)
            }
        }))
    }

    /// Writes the trailer, flushes and returns the inner writer.
    pub fn finish(self) -> Result<W, Error> {
        let mut out = match self.0 {
            Inner::Plain(w) => w,
            Inner::Gzip(g) => g.finish()?,
            Inner::Zstd(z) => z.finish()?,
        };
        out.flush()?;
        Ok(out)
    }
}

impl<W: Write> Write for CompressWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.0 {
            Inner::Plain(w) => w.write(buf),
            Inner::Gzip(g) => g.write(buf),
            Inner::Zstd(z) => z.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.0 {
            Inner::Plain(w) => w.write_all(buf),
            Inner::Gzip(g) => g.write_all(buf),
            Inner::Zstd(z) => z.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.0 {
            Inner::Plain(w) => w.flush(),
            Inner::Gzip(g) => g.flush(),
            Inner::Zstd(z) => z.flush(),
        }
    }
}

/// The gzip level of single small messages (NDEF payloads): libdeflate's strongest. A message
/// is a few hundred bytes and must fit a tag, so size matters more than the microseconds.
pub const MESSAGE_GZIP_LEVEL: i32 = 12;

/// Appends one gzip member of a small message to `out`, at [`MESSAGE_GZIP_LEVEL`] (mtime 0,
/// no name: the bytes depend only on the input).
pub fn gzip_message(input: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
    thread_local! {
        static GZIP: std::cell::RefCell<Option<libdeflater::Compressor>> =
            const { std::cell::RefCell::new(None) };
    }
    GZIP.with(|cell| {
        let mut slot = cell.borrow_mut();
        let compressor = match slot.as_mut() {
            Some(c) => c,
            None => {
                let level = libdeflater::CompressionLvl::new(MESSAGE_GZIP_LEVEL).map_err(|e| {
                    Error::Unknown(format!("gzip level {MESSAGE_GZIP_LEVEL}: {e:?}"))
                })?;
                slot.insert(libdeflater::Compressor::new(level))
            }
        };
        let start = out.len();
        out.resize(start + compressor.gzip_compress_bound(input.len()), 0);
        let n = compressor
            .gzip_compress(input, &mut out[start..])
            .map_err(|e| Error::Io(io::Error::other(format!("gzip: {e:?}"))))?;
        out.truncate(start + n);
        Ok(())
    })
}

/// Decompresses one gzip message, refusing output larger than `limit` bytes (a damaged or
/// hostile message cannot make the reader allocate without bound).
pub fn gunzip_message(input: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut decoder = flate2::read::GzDecoder::new(input).take(limit as u64 + 1);
    decoder
        .read_to_end(&mut out)
        .map_err(|e| Error::Decompress(e.to_string()))?;
    if out.len() > limit {
        return Err(Error::Decompress(format!(
            "it decompresses to more than {limit} bytes"
        )));
    }
    Ok(out)
}
