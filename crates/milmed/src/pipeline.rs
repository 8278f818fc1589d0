//! The generation pipeline: plan sequentially, generate and encode chunks in parallel, write
//! them in chunk order. Memory is bounded by the chunks in flight, never by N.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use milmed_core::engine::{Generator, Slot};
use milmed_core::nations::NATIONS;
use milmed_core::record::Patient;
use milmed_core::scenario::{to_canonical_json, Scenario};
use milmed_core::stats::{Accumulator, Summary};
use milmed_formats::{
    json_metadata, output_files, ChunkEncoder, Format, HashingWriter, OutputFile,
};
use rayon::prelude::*;
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
    buffers: Vec<Vec<u8>>,
    stats: Accumulator,
}

fn encode_chunk(
    gen: &Generator,
    files: &[OutputFile],
    opts: &Options,
    slots: &[Slot],
) -> ChunkResult {
    thread_local! {
        static PATIENT: std::cell::RefCell<Patient> = std::cell::RefCell::new(Patient::empty());
    }
    let s = gen.scenario();
    let mut enc = ChunkEncoder::new(files, opts.pretty, opts.array);
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
        buffers: enc.buffers,
        stats,
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
    let mut writers = Vec::new();
    let mut partial_paths = Vec::new();
    for f in &files {
        let partial = opts.out_dir.join(format!("{}.partial", f.name));
        let file = File::create(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        let mut w = HashingWriter::new(BufWriter::with_capacity(1 << 20, file));
        w.write_all(&probe.prologue(f, &metadata))?;
        writers.push(w);
        partial_paths.push(partial);
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .context("cannot start worker threads")?;
    let mut planner = gen.planner();
    let batch_chunks = opts.threads.max(1) * 4;
    let mut stats = Accumulator::default();
    let mut done: u64 = 0;
    let mut pending: Option<Vec<ChunkResult>> = None;
    let write_batch = |writers: &mut Vec<HashingWriter<BufWriter<File>>>,
                       batch: Vec<ChunkResult>,
                       stats: &mut Accumulator|
     -> std::io::Result<()> {
        for chunk in batch {
            for (w, buf) in writers.iter_mut().zip(&chunk.buffers) {
                w.write_all(buf)?;
            }
            stats.merge(chunk.stats);
        }
        Ok(())
    };
    loop {
        let mut batch: Vec<Vec<Slot>> = Vec::with_capacity(batch_chunks);
        for _ in 0..batch_chunks {
            let chunk: Vec<Slot> = planner.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            batch.push(chunk);
        }
        if batch.is_empty() {
            break;
        }
        let n: u64 = batch.iter().map(|c| c.len() as u64).sum();
        // Encode this batch while the previous one is written.
        let prev = pending.take();
        let (encoded, written) = pool.install(|| {
            rayon::join(
                || {
                    batch
                        .par_iter()
                        .map(|c| encode_chunk(gen, &files, opts, c))
                        .collect::<Vec<_>>()
                },
                || match prev {
                    Some(b) => write_batch(&mut writers, b, &mut stats),
                    None => Ok(()),
                },
            )
        });
        written.context("writing output failed")?;
        pending = Some(encoded);
        done += n;
        progress(done);
    }
    if let Some(b) = pending.take() {
        write_batch(&mut writers, b, &mut stats).context("writing output failed")?;
    }
    anyhow::ensure!(
        done == s.total_patients,
        "internal error: planned {done} patients, expected {}",
        s.total_patients
    );

    let mut manifest_files = Vec::new();
    for ((mut w, f), partial) in writers.into_iter().zip(&files).zip(&partial_paths) {
        w.write_all(probe.epilogue(f))?;
        let (inner, bytes, sha) = w.finish()?;
        let file = inner.into_inner().map_err(|e| e.into_error())?;
        file.sync_all().ok();
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
