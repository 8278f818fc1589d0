//! The generation pipeline: plan sequentially, generate and encode chunks in parallel, write
//! them in chunk order. Memory is bounded by the chunks in flight, never by the number of
//! patients.
//!
//! Used by the CLI (`milmed generate`) and by the job runtime's child process, so a job and a
//! command-line run of the same scenario and seed write the same bytes.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod direct;
pub mod ndef;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;

use direct::DirectFile;
use milmed_core::engine::{Generator, Slot};
use milmed_core::record::Patient;
use milmed_core::scenario::{to_canonical_json, Scenario};
use milmed_core::stats::Accumulator;
use milmed_formats::csv_tables::Table;
use milmed_formats::ndef::Protect;
use milmed_formats::xlsx::{XlsxWriter, DATA_ROWS_PER_SHEET};
use milmed_formats::{
    json_metadata, output_files, ChunkEncoder, EncodeOptions, Format, HashingWriter, OutputFile,
};
use milmed_package::{compress_member, Compression, Kdf, PackWriter, Packaging};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Patients per chunk (the unit of parallel work). Output does not depend on it.
pub const CHUNK: usize = 512;

/// Bytes buffered per output file before a write to the operating system.
const FILE_BUFFER: usize = 1 << 20;

/// Errors of the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be created, written or renamed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done ("cannot create", "cannot write" …).
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// The caller asked the pipeline to stop; partial files were removed.
    #[error("generation cancelled")]
    Cancelled,
    /// The worker threads could not be started.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    /// An invariant of the pipeline failed (a bug, reported rather than hidden).
    #[error("internal error: {0}")]
    Internal(String),
    /// Compression or encryption of a file failed.
    #[error("cannot package {path}: {source}")]
    Package {
        /// The file concerned.
        path: PathBuf,
        /// What went wrong.
        source: milmed_package::Error,
    },
}

impl Error {
    fn package<'a>(path: &'a Path) -> impl FnOnce(milmed_package::Error) -> Error + 'a {
        move |source| match source {
            milmed_package::Error::Io(e) => Error::Io {
                action: "cannot write",
                path: path.to_path_buf(),
                source: e,
            },
            source => Error::Package {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
        move |source| Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What to generate and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Output formats.
    pub formats: Vec<Format>,
    /// Output directory (created when missing).
    pub out_dir: PathBuf,
    /// Worker threads (at least 1). Output is identical for any value.
    pub threads: usize,
    /// Indented JSON.
    pub pretty: bool,
    /// JSON as a bare array (the predecessor's shape).
    pub array: bool,
    /// FHIR bundles of type `transaction` instead of `collection`.
    pub fhir_transaction: bool,
    /// Warnings to record in the manifest.
    pub warnings: Vec<String>,
    /// Flush every file to stable storage before it is renamed to its final name, and the
    /// manifest and the directory's entries (the renames) before [`run`] returns.
    pub sync: bool,
    /// Per-file compression and encryption (default: neither, files written as they are).
    pub packaging: Packaging,
}

/// Progress reported while generating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Patients written so far.
    pub patients: u64,
    /// Bytes written so far, over all files.
    pub bytes: u64,
}

/// The caller's answer to a progress report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Go on.
    Continue,
    /// Stop as soon as possible, remove partial files and return [`Error::Cancelled`].
    Stop,
}

/// One produced file, as listed in `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileEntry {
    /// File name inside the output directory.
    pub name: String,
    /// Output format it belongs to.
    pub format: String,
    /// Media type.
    pub media_type: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// Patient records in the file (absent for the related CSV tables, whose rows per patient
    /// vary).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<u64>,
    /// Compression applied (`{"algorithm": "gzip", "level": 1}`); absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<Value>,
    /// Encryption envelope and its public parameters (never the password or a key); absent
    /// when the file is not encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<Value>,
    /// The NDEF record type of every message (`application/x.ips.v1-0` or a protected
    /// variant); present for `patients.ndef` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ndef_record_type: Option<String>,
}

/// What the manifest says about a file's compression.
fn compression_info(p: &Packaging) -> Option<Value> {
    match p.compression {
        Compression::None => None,
        c => Some(json!({"algorithm": c.name(), "level": c.level()})),
    }
}

/// What the manifest says about a file's encryption: the envelope's public parameters only.
fn encryption_info(p: &Packaging) -> Option<Value> {
    let e = p.encryption.as_ref()?;
    let params = match e.options.kdf {
        Kdf::Argon2id { m_kib, t, p } => json!({"m_kib": m_kib, "t": t, "p": p}),
        Kdf::Pbkdf2Sha256 { iterations } => json!({"iterations": iterations}),
    };
    Some(json!({
        "envelope": "milmed-enc",
        "version": milmed_package::VERSION,
        "cipher": "AES-256-GCM",
        "construction": "STREAM",
        "kdf": e.options.kdf.name(),
        "kdf_params": params,
        "chunk_size": e.options.chunk_size,
        "document": "docs/formats/encryption.md",
    }))
}

/// What was produced.
pub struct Outcome {
    /// The files written, in a fixed order.
    pub files: Vec<FileEntry>,
    /// Seconds taken.
    pub seconds: f64,
    /// Statistics of the cohort.
    pub stats: Accumulator,
}

/// Hex SHA-256 of the scenario's canonical JSON (recorded in every output).
pub fn scenario_hash(s: &Scenario) -> String {
    let canonical = to_canonical_json(s).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

struct ChunkResult {
    /// The encoder; with compression its buffers hold the compressed bytes of the chunk.
    encoder: ChunkEncoder,
    /// Spare buffers, one per file, recycled with the encoder (compression swaps them in).
    spare: Vec<Vec<u8>>,
    /// Why encoding stopped early, if it did.
    error: Option<milmed_formats::Error>,
    stats: Accumulator,
    patients: u64,
}

/// Encoders (and their spare buffers) are recycled between chunks so their buffers keep their
/// capacity: no allocation per chunk in the steady state.
type Pool = Mutex<Vec<(ChunkEncoder, Vec<Vec<u8>>)>>;

/// A chunk of work: slots to fill (independent patients, filled in parallel) or patients
/// already filled by the sequential shared-capacity stage.
enum Work {
    Slots(Vec<Slot>),
    Patients(Vec<Patient>),
}

/// Recycled patient buffers of the shared-capacity stage.
type PatientPool = Mutex<Vec<Vec<Patient>>>;

fn encode_chunk(
    gen: &Generator,
    files: &[OutputFile],
    opts: &Options,
    protect: &Option<Arc<dyn Protect>>,
    pool: &Pool,
    work: &Work,
) -> ChunkResult {
    thread_local! {
        static PATIENT: std::cell::RefCell<Patient> = std::cell::RefCell::new(Patient::empty());
    }
    let s = gen.scenario();
    let recycled = pool.lock().ok().and_then(|mut p| p.pop());
    let (mut enc, mut spare) = recycled.unwrap_or_else(|| {
        let mut enc = ChunkEncoder::new(files, encode_options(opts));
        enc.set_ndef_protection(protect.clone());
        (enc, vec![Vec::new(); files.len()])
    });
    enc.clear();
    let mut stats = Accumulator::default();
    let mut error = None;
    let mut push = |p: &Patient| -> bool {
        if let Err(e) = enc.push(s, p) {
            error = Some(e);
            return false;
        }
        stats.add_generated(s, p);
        true
    };
    let patients = match work {
        Work::Slots(slots) => {
            PATIENT.with(|cell| {
                let mut p = cell.borrow_mut();
                for slot in slots {
                    gen.fill(slot, &mut p);
                    if !push(&p) {
                        return;
                    }
                }
            });
            slots.len()
        }
        Work::Patients(list) => {
            for p in list {
                if !push(p) {
                    break;
                }
            }
            list.len()
        }
    };
    // Compression happens here, in parallel, one gzip member / zstd frame per chunk and file;
    // the writer thread only encrypts, hashes and writes (docs/packaging-bench.md).
    let compression = opts.packaging.compression;
    if error.is_none() && compression != Compression::None {
        for ((buf, out), f) in enc.buffers.iter_mut().zip(spare.iter_mut()).zip(files) {
            out.clear();
            // NDEF messages are protected one by one, never wrapped as a whole.
            if buf.is_empty() || f.format == Format::Ndef {
                continue;
            }
            if let Err(e) = compress_member(compression, buf, out) {
                error = Some(milmed_formats::Error::Io(e.into()));
                break;
            }
            std::mem::swap(buf, out);
        }
    }
    ChunkResult {
        encoder: enc,
        spare,
        error,
        stats,
        patients: patients as u64,
    }
}

fn encode_options(opts: &Options) -> EncodeOptions {
    EncodeOptions {
        pretty: opts.pretty,
        array: opts.array,
        fhir_transaction: opts.fhir_transaction,
    }
}

/// A file's bytes on their way to disk: compressed and/or encrypted (or passed through), then
/// hashed, so the manifest's SHA-256 is that of the bytes on disk.
type Packed = PackWriter<HashingWriter<DirectFile>>;

/// Creates `path` and opens the packaging chain over it. With `sync` the data reaches stable
/// storage before [`finish_packed`] returns.
fn packed(path: &Path, packaging: &Packaging, sync: bool) -> Result<Packed, Error> {
    let file = DirectFile::create(path, true, sync).map_err(Error::io("cannot create", path))?;
    PackWriter::new(HashingWriter::new(file), packaging).map_err(Error::package(path))
}

/// Completes the packaging chain: trailers, final chunk, the file's last block.
/// Returns the size and SHA-256 of the bytes on disk.
fn finish_packed(w: Packed, path: &Path) -> Result<(u64, String), Error> {
    let hashed = w.finish().map_err(Error::package(path))?;
    let (inner, bytes, sha256) = hashed.finish().map_err(Error::io("cannot write", path))?;
    inner.finish().map_err(Error::io("cannot write", path))?;
    Ok((bytes, sha256))
}

/// Writes `data` (a prologue or epilogue) as its own compressed member; nothing when empty.
fn write_member(
    w: &mut Packed,
    compression: Compression,
    data: &[u8],
    path: &Path,
) -> Result<(), Error> {
    if data.is_empty() {
        return Ok(());
    }
    let mut member = Vec::new();
    compress_member(compression, data, &mut member).map_err(Error::package(path))?;
    w.write_all(&member)
        .map_err(Error::io("cannot write", path))
}

/// Where an output file's bytes go while it is produced.
enum Sink {
    /// Straight into the (packaged) file, hashed on the way.
    Stream(Box<Packed>),
    /// Rows spooled per sheet; the workbook is assembled (and hashed) at the end.
    Workbook(XlsxWriter),
}

/// An output file being written under its temporary name.
struct PartialFile {
    /// Whether any compressed member was written (a compressed file needs at least one).
    members: bool,
    /// The file-level compression of this file's members.
    compression: Compression,
    sink: Sink,
    partial: PathBuf,
    /// The file's final name (its format's name plus the packaging suffix).
    name: String,
    file: OutputFile,
}

/// Size and hex SHA-256 of a finished file, read back in bounded memory.
fn hash_file(path: &Path) -> io::Result<(u64, String)> {
    let mut f = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = io::Read::read(&mut f, &mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((total, hex::encode(hasher.finalize())))
}

/// Removes the temporary files unless disarmed: a failed or cancelled run leaves nothing that
/// looks like output.
struct Cleanup(Vec<PathBuf>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = fs::remove_file(p);
        }
    }
}

/// Runs a generation into `opts.out_dir`, calling `progress` after each chunk is queued.
///
/// Files are written as `NAME.partial` and renamed when complete, then `manifest.json` is
/// written the same way. On error or [`Control::Stop`] the partial files are removed.
pub fn run(
    gen: &Generator,
    opts: &Options,
    mut progress: impl FnMut(Progress) -> Control,
) -> Result<Outcome, Error> {
    let started = Instant::now();
    let s = gen.scenario();
    fs::create_dir_all(&opts.out_dir).map_err(Error::io("cannot create", &opts.out_dir))?;
    let files = output_files(&opts.formats);
    let hash = scenario_hash(s);
    let metadata = json_metadata(s, &hash, env!("CARGO_PKG_VERSION"));
    let probe = ChunkEncoder::new(&files, encode_options(opts));
    let mut cleanup = Cleanup(Vec::new());
    let mut outputs: Vec<PartialFile> = Vec::new();
    let suffix = opts.packaging.suffix();
    // Streamed files arrive compressed from the chunk stage; their sink only encrypts.
    let compression = opts.packaging.compression;
    let stream_packaging = Packaging {
        compression: Compression::None,
        encryption: opts.packaging.encryption.clone(),
    };
    // The NDEF file is never wrapped: with gzip or encryption each message is protected on its
    // own (ndef.rs), under one key derived here for the whole file.
    let ndef_protection = if files.iter().any(|f| f.format == Format::Ndef) {
        ndef::NdefProtection::for_packaging(&opts.packaging)
            .map_err(Error::package(&opts.out_dir))?
            .map(Arc::new)
    } else {
        None
    };
    let protect: Option<Arc<dyn Protect>> = ndef_protection.clone().map(|p| p as Arc<dyn Protect>);
    let protect = &protect;
    let mut warnings = opts.warnings.clone();
    warnings.extend(ndef::packaging_warnings(&opts.formats, &opts.packaging));
    for f in &files {
        let unwrapped = f.format == Format::Ndef;
        let name = if unwrapped {
            f.name.to_string()
        } else {
            format!("{}{suffix}", f.name)
        };
        let compression = if unwrapped {
            Compression::None
        } else {
            compression
        };
        let partial = opts.out_dir.join(format!("{name}.partial"));
        cleanup.0.push(partial.clone());
        let mut members = false;
        let sink = if f.format == Format::Xlsx {
            File::create(&partial).map_err(Error::io("cannot create", &partial))?;
            let spool = XlsxWriter::new(&opts.out_dir, f.name, DATA_ROWS_PER_SHEET)
                .map_err(Error::io("cannot create", &partial))?;
            Sink::Workbook(spool)
        } else {
            let plain = Packaging::default();
            let file_packaging = if unwrapped { &plain } else { &stream_packaging };
            let mut writer = packed(&partial, file_packaging, opts.sync)?;
            let prologue = probe.prologue(f, &metadata);
            write_member(&mut writer, compression, &prologue, &partial)?;
            members = !prologue.is_empty();
            Sink::Stream(Box::new(writer))
        };
        outputs.push(PartialFile {
            members,
            compression,
            sink,
            partial,
            name,
            file: *f,
        });
    }

    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .map_err(|e| Error::Threads(e.to_string()))?;
    // Chunks in flight (being encoded or waiting to be written) are bounded: memory does not
    // grow with N. A dedicated writer thread hashes and writes chunks in chunk order while
    // the pool encodes the next ones.
    // FHIR bundles are ~20 KB a patient (ten times a JSON record): fewer of their chunks in
    // flight keep the peak memory near that of the other formats.
    let heavy = opts
        .formats
        .iter()
        .any(|f| matches!(f, Format::Fhir | Format::FhirJson));
    let max_in_flight = opts.threads.max(1) * if heavy { 2 } else { 4 };
    let pool: Pool = Mutex::new(Vec::new());
    let written = AtomicU64::new(0);
    let bytes_written = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let (result_tx, result_rx) = mpsc::channel::<(u64, ChunkResult)>();
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(max_in_flight);
    for _ in 0..max_in_flight {
        token_tx.send(()).ok();
    }
    let mut planner = gen.planner();
    // Limited capacity couples the patients: they are filled here, one after another in
    // planner order with one set of calendars, and only encoded in parallel.
    let mut capacity = gen.capacity();
    let patient_pool: PatientPool = Mutex::new(Vec::new());
    let (outputs, stats) = std::thread::scope(|scope| -> Result<_, Error> {
        let pool = &pool;
        let patient_pool = &patient_pool;
        let written = &written;
        let bytes_written = &bytes_written;
        let writer = scope.spawn(move || -> Result<_, Error> {
            let mut outputs = outputs;
            let mut stats = Accumulator::default();
            let mut next: u64 = 0;
            let mut waiting: BTreeMap<u64, ChunkResult> = BTreeMap::new();
            for (idx, chunk) in result_rx {
                waiting.insert(idx, chunk);
                while let Some(chunk) = waiting.remove(&next) {
                    if let Some(e) = &chunk.error {
                        return Err(Error::Internal(format!("encoding failed: {e}")));
                    }
                    let mut bytes = 0u64;
                    for (out, buf) in outputs.iter_mut().zip(&chunk.encoder.buffers) {
                        match (&mut out.sink, &chunk.encoder.xlsx) {
                            (Sink::Workbook(w), Some(rows)) => {
                                w.write_chunk(rows)
                                    .map_err(Error::io("cannot write", &out.partial))?;
                                bytes += rows.bytes();
                            }
                            (Sink::Workbook(_), None) => {
                                return Err(Error::Internal(
                                    "workbook output without spreadsheet rows".into(),
                                ))
                            }
                            (Sink::Stream(w), _) => {
                                w.write_all(buf)
                                    .map_err(Error::io("cannot write", &out.partial))?;
                                out.members |= !buf.is_empty();
                                bytes += buf.len() as u64;
                            }
                        }
                    }
                    stats.merge(chunk.stats);
                    if let Ok(mut p) = pool.lock() {
                        p.push((chunk.encoder, chunk.spare));
                    }
                    written.fetch_add(chunk.patients, Ordering::Relaxed);
                    bytes_written.fetch_add(bytes, Ordering::Relaxed);
                    next += 1;
                    // The receiver is gone only when planning stopped early; nothing to do.
                    token_tx.send(()).ok();
                }
            }
            Ok((outputs, stats))
        });
        threads.in_place_scope(|rs| {
            let mut idx: u64 = 0;
            loop {
                let chunk: Vec<Slot> = planner.by_ref().take(CHUNK).collect();
                if chunk.is_empty() {
                    break;
                }
                // Wait for room; an error means the writer stopped (it reports why below).
                if token_rx.recv().is_err() {
                    break;
                }
                let work = match capacity.as_mut() {
                    None => Work::Slots(chunk),
                    Some(cap) => {
                        let mut list = patient_pool
                            .lock()
                            .ok()
                            .and_then(|mut p| p.pop())
                            .unwrap_or_default();
                        list.resize_with(chunk.len(), Patient::empty);
                        for (slot, p) in chunk.iter().zip(list.iter_mut()) {
                            gen.fill_shared(slot, p, cap);
                        }
                        Work::Patients(list)
                    }
                };
                let tx = result_tx.clone();
                let files = &files;
                rs.spawn(move |_| {
                    let r = encode_chunk(gen, files, opts, protect, pool, &work);
                    if let (Work::Patients(list), Ok(mut p)) = (work, patient_pool.lock()) {
                        p.push(list);
                    }
                    tx.send((idx, r)).ok();
                });
                idx += 1;
                let report = Progress {
                    patients: written.load(Ordering::Relaxed),
                    bytes: bytes_written.load(Ordering::Relaxed),
                };
                if progress(report) == Control::Stop {
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            }
        });
        drop(result_tx);
        let joined = writer
            .join()
            .map_err(|_| Error::Internal("writer thread panicked".into()))??;
        Ok(joined)
    })?;
    if stop.load(Ordering::Relaxed) {
        return Err(Error::Cancelled);
    }
    let done = written.load(Ordering::Relaxed);
    progress(Progress {
        patients: done,
        bytes: bytes_written.load(Ordering::Relaxed),
    });
    if done != s.total_patients {
        return Err(Error::Internal(format!(
            "planned {done} patients, expected {}",
            s.total_patients
        )));
    }

    let mut entries = Vec::new();
    let mut finished = Vec::new();
    for out in outputs {
        let PartialFile {
            sink,
            partial,
            name,
            file,
            members,
            compression,
        } = out;
        let (bytes, sha256) = match sink {
            Sink::Stream(mut writer) => {
                let epilogue = probe.epilogue(&file);
                if compression != Compression::None && !members && epilogue.is_empty() {
                    // Nothing at all was written: a compressed file still needs one member.
                    let mut empty = Vec::new();
                    compress_member(compression, b"", &mut empty)
                        .map_err(Error::package(&partial))?;
                    writer
                        .write_all(&empty)
                        .map_err(Error::io("cannot write", &partial))?;
                }
                write_member(&mut writer, compression, epilogue, &partial)?;
                finish_packed(*writer, &partial)?
            }
            Sink::Workbook(spool) if !opts.packaging.is_plain() => {
                // A ZIP package needs to seek while it is assembled: assemble it in a plain
                // staging file, then stream that through compression/encryption.
                let staging = opts.out_dir.join(format!("{}.partial", file.name));
                cleanup.0.push(staging.clone());
                let target =
                    File::create(&staging).map_err(Error::io("cannot create", &staging))?;
                let written = spool
                    .finish(BufWriter::with_capacity(FILE_BUFFER, target))
                    .map_err(Error::io("cannot write", &staging))?;
                drop(
                    written
                        .into_inner()
                        .map_err(|e| Error::io("cannot write", &staging)(e.into_error()))?,
                );
                let mut source =
                    File::open(&staging).map_err(Error::io("cannot read", &staging))?;
                let mut writer = packed(&partial, &opts.packaging, opts.sync)?;
                io::copy(&mut source, &mut writer).map_err(Error::io("cannot write", &partial))?;
                let done = finish_packed(writer, &partial)?;
                drop(source);
                fs::remove_file(&staging).map_err(Error::io("cannot remove", &staging))?;
                done
            }
            Sink::Workbook(spool) => {
                let target =
                    File::create(&partial).map_err(Error::io("cannot create", &partial))?;
                let written = spool
                    .finish(BufWriter::with_capacity(FILE_BUFFER, target))
                    .map_err(Error::io("cannot write", &partial))?;
                let handle = written
                    .into_inner()
                    .map_err(|e| Error::io("cannot write", &partial)(e.into_error()))?;
                if opts.sync {
                    handle
                        .sync_all()
                        .map_err(Error::io("cannot sync", &partial))?;
                }
                drop(handle);
                hash_file(&partial).map_err(Error::io("cannot read", &partial))?
            }
        };
        finished.push((partial, opts.out_dir.join(&name)));
        let (file_compression, file_encryption, ndef_record_type) = if file.format == Format::Ndef {
            match &ndef_protection {
                Some(p) => (
                    p.manifest_compression(),
                    p.manifest_encryption(),
                    Some(p.media_type().to_string()),
                ),
                None => (
                    None,
                    None,
                    Some(milmed_formats::ndef::MEDIA_TYPE.to_string()),
                ),
            }
        } else {
            (
                compression_info(&opts.packaging),
                encryption_info(&opts.packaging),
                None,
            )
        };
        entries.push(FileEntry {
            name,
            format: file.format.name().to_string(),
            media_type: file.media_type.to_string(),
            bytes,
            sha256,
            // patients.csv has a row per patient; the related tables have a varying number.
            records: matches!(file.table, None | Some(Table::Patients)).then_some(s.total_patients),
            compression: file_compression,
            encryption: file_encryption,
            ndef_record_type,
        });
    }
    // Only now that every file is complete do any of them get their final names.
    for (partial, final_path) in &finished {
        fs::rename(partial, final_path).map_err(Error::io("cannot rename", partial))?;
    }
    cleanup.0.clear();
    let seconds = started.elapsed().as_secs_f64();
    write_manifest(opts, &warnings, s, &hash, &entries, seconds)?;
    Ok(Outcome {
        files: entries,
        seconds,
        stats,
    })
}

/// The manifest of a generation: files, seed, scenario and its hash, generator version.
pub fn manifest(
    s: &Scenario,
    hash: &str,
    files: &[FileEntry],
    warnings: &[String],
    seconds: f64,
) -> Value {
    json!({
        "generator": "milmed",
        "generator_version": env!("CARGO_PKG_VERSION"),
        "schema_version": milmed_formats::json::SCHEMA_VERSION,
        "seed": s.seed,
        "scenario_hash": hash,
        "scenario": to_canonical_json(s),
        "total_patients": s.total_patients,
        "files": files,
        "warnings": warnings,
        "timings": {"generation_seconds": (seconds * 1000.0).round() / 1000.0},
    })
}

fn write_manifest(
    opts: &Options,
    warnings: &[String],
    s: &Scenario,
    hash: &str,
    files: &[FileEntry],
    seconds: f64,
) -> Result<(), Error> {
    let value = manifest(s, hash, files, warnings, seconds);
    let tmp = opts.out_dir.join("manifest.json.partial");
    let mut text = serde_json::to_string_pretty(&value)
        .map_err(|e| Error::Internal(format!("manifest: {e}")))?;
    text.push('\n');
    let mut file = File::create(&tmp).map_err(Error::io("cannot create", &tmp))?;
    file.write_all(text.as_bytes())
        .map_err(Error::io("cannot write", &tmp))?;
    if opts.sync {
        file.sync_all().map_err(Error::io("cannot sync", &tmp))?;
    }
    drop(file);
    let target = opts.out_dir.join("manifest.json");
    fs::rename(&tmp, &target).map_err(Error::io("cannot rename", &tmp))?;
    if opts.sync {
        // The renames of the data files and the manifest are entries of the directory: they
        // are durable only once the directory itself is.
        sync_dir(&opts.out_dir)?;
    }
    Ok(())
}

/// Flushes the entries of directory `dir` (names created or renamed in it) to stable storage.
pub fn sync_dir(dir: &Path) -> Result<(), Error> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io("cannot sync", dir))
}
