//! The generation pipeline: plan sequentially, generate and encode chunks in parallel, write
//! them in chunk order. Memory is bounded by the chunks in flight, never by N.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::direct::DirectFile;
use milmed_core::engine::{Generator, Slot};
use milmed_core::nations::NATIONS;
use milmed_core::record::Patient;
use milmed_core::scenario::{to_canonical_json, Scenario};
use milmed_core::stats::{Accumulator, Summary};
use milmed_formats::{
    json_metadata, output_files, ChunkEncoder, Format, HashingWriter, OutputFile,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Patients per chunk (the unit of parallel work).
pub const CHUNK: usize = 512;

/// What to generate and how.
pub struct Options {
    /// Output formats.
    pub formats: Vec<Format>,
    /// Output directory.
    pub out_dir: PathBuf,
    /// Worker threads.
    pub threads: usize,
    /// Indented JSON.
    pub pretty: bool,
    /// JSON as a bare array.
    pub array: bool,
    /// Warnings to record in the manifest.
    pub warnings: Vec<String>,
}

/// What was produced.
pub struct Outcome {
    /// Files with bytes and hashes (manifest entries).
    pub files: Vec<Value>,
    /// Seconds taken.
    pub seconds: f64,
    /// Statistics of the cohort.
    pub stats: Accumulator,
}

/// SHA-256 of the canonical scenario JSON.
pub fn scenario_hash(s: &Scenario) -> String {
    let canonical = to_canonical_json(s).to_string();
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

struct ChunkResult {
    encoder: ChunkEncoder,
    stats: Accumulator,
    patients: u64,
}

/// Encoders are recycled between chunks so their buffers keep their capacity: no allocation
/// (and no fresh pages to fault in) per chunk in the steady state.
type Pool = Mutex<Vec<ChunkEncoder>>;

fn encode_chunk(
    gen: &Generator,
    files: &[OutputFile],
    opts: &Options,
    pool: &Pool,
    slots: &[Slot],
) -> ChunkResult {
    thread_local! {
        static PATIENT: std::cell::RefCell<Patient> = std::cell::RefCell::new(Patient::empty());
    }
    let s = gen.scenario();
    let recycled = pool.lock().ok().and_then(|mut p| p.pop());
    let mut enc = recycled.unwrap_or_else(|| ChunkEncoder::new(files, opts.pretty, opts.array));
    enc.clear();
    let mut stats = Accumulator::default();
    PATIENT.with(|cell| {
        let mut p = cell.borrow_mut();
        for slot in slots {
            gen.fill(slot, &mut p);
            enc.push(s, &p);
            let nation = NATIONS.get(p.person.nation).map(|n| n.code).unwrap_or("");
            stats.add(&Summary::of(&p, nation, &s.fronts[p.front].id));
        }
    });
    ChunkResult {
        encoder: enc,
        stats,
        patients: slots.len() as u64,
    }
}

/// Runs a generation into `opts.out_dir`, calling `progress(done)` after each batch.
pub fn run(gen: &Generator, opts: &Options, mut progress: impl FnMut(u64)) -> Result<Outcome> {
    let started = Instant::now();
    let s = gen.scenario();
    fs::create_dir_all(&opts.out_dir)
        .with_context(|| format!("cannot create output directory {}", opts.out_dir.display()))?;
    let files = output_files(&opts.formats);
    let hash = scenario_hash(s);
    let metadata = json_metadata(s, &hash, env!("CARGO_PKG_VERSION"));
    let probe = ChunkEncoder::new(&files, opts.pretty, opts.array);
    let mut writers: Vec<HashingWriter<DirectFile>> = Vec::new();
    let mut partial_paths = Vec::new();
    for f in &files {
        let partial = opts.out_dir.join(format!("{}.partial", f.name));
        let file = DirectFile::create(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        let mut w = HashingWriter::new(file);
        w.write_all(&probe.prologue(f, &metadata))?;
        writers.push(w);
        partial_paths.push(partial);
    }

    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .context("cannot start worker threads")?;
    // Chunks in flight (being encoded or waiting to be written) are bounded: memory does not
    // grow with N. A dedicated writer thread hashes and writes chunks in chunk order while
    // the pool encodes the next ones.
    let max_in_flight = opts.threads.max(1) * 4;
    let pool: Pool = Mutex::new(Vec::new());
    let written = AtomicU64::new(0);
    let (result_tx, result_rx) = mpsc::channel::<(u64, ChunkResult)>();
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(max_in_flight);
    for _ in 0..max_in_flight {
        token_tx.send(()).ok();
    }
    let mut planner = gen.planner();
    let (writers, stats) = std::thread::scope(|scope| -> Result<_> {
        let pool = &pool;
        let written = &written;
        let writer = scope.spawn(move || -> std::io::Result<_> {
            let mut writers = writers;
            let mut stats = Accumulator::default();
            let mut next: u64 = 0;
            let mut waiting: BTreeMap<u64, ChunkResult> = BTreeMap::new();
            for (idx, chunk) in result_rx {
                waiting.insert(idx, chunk);
                while let Some(chunk) = waiting.remove(&next) {
                    for (w, buf) in writers.iter_mut().zip(&chunk.encoder.buffers) {
                        w.write_all(buf)?;
                    }
                    stats.merge(chunk.stats);
                    if let Ok(mut p) = pool.lock() {
                        p.push(chunk.encoder);
                    }
                    written.fetch_add(chunk.patients, Ordering::Relaxed);
                    next += 1;
                    // The receiver is gone only when planning stopped early; nothing to do.
                    token_tx.send(()).ok();
                }
            }
            Ok((writers, stats))
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
                let tx = result_tx.clone();
                let files = &files;
                rs.spawn(move |_| {
                    let r = encode_chunk(gen, files, opts, pool, &chunk);
                    tx.send((idx, r)).ok();
                });
                idx += 1;
                progress(written.load(Ordering::Relaxed));
            }
        });
        drop(result_tx);
        let (writers, stats) = writer
            .join()
            .map_err(|_| anyhow::anyhow!("writer thread failed"))?
            .context("writing output failed")?;
        Ok((writers, stats))
    })?;
    let done = written.load(Ordering::Relaxed);
    progress(done);
    anyhow::ensure!(
        done == s.total_patients,
        "internal error: planned {done} patients, expected {}",
        s.total_patients
    );

    let mut manifest_files = Vec::new();
    for ((mut w, f), partial) in writers.into_iter().zip(&files).zip(&partial_paths) {
        w.write_all(probe.epilogue(f))?;
        let (inner, bytes, sha) = w.finish()?;
        inner
            .finish()
            .with_context(|| format!("cannot finish {}", partial.display()))?;
        let final_path = opts.out_dir.join(f.name);
        fs::rename(partial, &final_path)
            .with_context(|| format!("cannot rename to {}", final_path.display()))?;
        let records = if f.table.is_some() {
            Value::Null
        } else {
            json!(s.total_patients)
        };
        let mut entry = json!({"name": f.name, "format": f.format.name(), "media_type": f.media_type, "bytes": bytes, "sha256": sha});
        if !records.is_null() {
            entry["records"] = records;
        }
        manifest_files.push(entry);
    }
    let seconds = started.elapsed().as_secs_f64();
    write_manifest(
        &opts.out_dir,
        s,
        &hash,
        &manifest_files,
        &opts.warnings,
        seconds,
    )?;
    Ok(Outcome {
        files: manifest_files,
        seconds,
        stats,
    })
}

fn write_manifest(
    dir: &Path,
    s: &Scenario,
    hash: &str,
    files: &[Value],
    warnings: &[String],
    seconds: f64,
) -> Result<()> {
    let manifest = json!({
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
    });
    let tmp = dir.join("manifest.json.partial");
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, dir.join("manifest.json"))?;
    Ok(())
}
