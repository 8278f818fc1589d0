//! The job process: `milmed job-run` reads a [`ChildSpec`] on standard input, runs the
//! pipeline into its attempt directory and reports on standard output, one JSON object a line.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use milmed_core::engine::Generator;
use milmed_core::scenario;
use milmed_formats::Format;
use milmed_package::Password;
use milmed_pipeline as pipeline;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::options::JobOptions;
use crate::procfs;

/// Exit codes of the job process (`milmed job-run`).
pub mod exit_codes {
    /// The files and `manifest.json` are written and the `done` line was printed.
    pub const OK: i32 = 0;
    /// The specification on stdin was unreadable or invalid (a bug of the supervisor, or a
    /// job whose stored scenario or options no longer parse).
    pub const BAD_SPEC: i32 = 2;
    /// Generation failed; the last `error: …` line on stderr says why (without server paths).
    pub const GENERATION_FAILED: i32 = 3;
    /// Memory ran out where the process could still report it (worker threads could not
    /// start). An allocation failure aborts instead (`SIGABRT`).
    pub const OUT_OF_MEMORY: i32 = 4;
    /// A write failed with `EFBIG` (the file-size limit), when `SIGXFSZ` is ignored.
    pub const OUTPUT_LIMIT: i32 = 5;
    /// Rust's exit code after a panic.
    pub const PANIC: i32 = 101;
}

/// What the supervisor sends the job process on stdin, as one JSON object. It carries the
/// opened password, so it never goes on the command line or in the environment, where other
/// users of the machine could read it.
#[derive(Serialize, Deserialize)]
pub struct ChildSpec {
    /// The scenario as canonical JSON (as stored with the job).
    pub scenario_json: String,
    /// The seed (overrides the scenario's).
    pub seed: u64,
    /// Patients to generate (overrides the scenario's total).
    pub count: u64,
    /// Output format names.
    pub formats: Vec<String>,
    /// The job's options.
    pub options: JobOptions,
    /// The opened encryption password, hex; present exactly when the options encrypt.
    pub password_hex: Option<String>,
    /// The attempt directory to write into.
    pub out_dir: PathBuf,
    /// Worker threads.
    pub threads: usize,
}

impl Drop for ChildSpec {
    fn drop(&mut self) {
        if let Some(p) = &mut self.password_hex {
            p.zeroize();
        }
    }
}

/// One output file of a completed job (from its manifest entry).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OutputFileInfo {
    /// File name inside the job directory (open it with [`crate::Storage::open_file`]).
    pub name: String,
    /// Output format it belongs to.
    pub format: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Hex SHA-256 of the file.
    pub sha256: String,
    /// Patient records in the file, when it has one per patient.
    pub records: Option<u64>,
}

/// What the runtime stores with `complete_job` as the job's result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobResult {
    /// The data files (not `manifest.json` or `summary.json`), in manifest order.
    pub output_files: Vec<OutputFileInfo>,
    /// The statistics report, as `milmed report --json` prints it.
    pub summary: serde_json::Value,
    /// Seconds the pipeline took.
    pub generation_seconds: f64,
    /// Peak resident memory of the job process, when it could be measured.
    pub peak_memory_bytes: Option<u64>,
}

/// A line the job process prints on stdout.
#[derive(Debug, Clone, PartialEq)]
pub enum ChildMessage {
    /// `{"patients": N, "bytes": B}`: progress so far.
    Progress {
        /// Patients written.
        patients: u64,
        /// Bytes written over all files.
        bytes: u64,
    },
    /// `{"done": JobResult}`: the files are complete.
    Done(JobResult),
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Line {
    Done { done: JobResult },
    Progress { patients: u64, bytes: u64 },
}

impl ChildMessage {
    /// Parses one stdout line; `None` for anything else (ignored by the supervisor).
    pub fn parse(line: &str) -> Option<ChildMessage> {
        match serde_json::from_str::<Line>(line).ok()? {
            Line::Done { done } => Some(ChildMessage::Done(done)),
            Line::Progress { patients, bytes } => Some(ChildMessage::Progress { patients, bytes }),
        }
    }

    /// The line for this message, without the line break.
    pub fn to_line(&self) -> String {
        let line = match self {
            ChildMessage::Done(r) => Line::Done { done: r.clone() },
            ChildMessage::Progress { patients, bytes } => Line::Progress {
                patients: *patients,
                bytes: *bytes,
            },
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

/// The largest specification accepted on stdin (a scenario is a few KiB).
const MAX_SPEC_BYTES: u64 = 16 << 20;

/// How often progress is printed at most.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// A failure of the job process, with its exit code and a message for stderr.
struct Fail(i32, String);

/// Entry point of `milmed job-run`: reads a [`ChildSpec`] JSON from stdin, runs the pipeline,
/// prints progress lines and finally a `done` line on stdout. Returns the process exit code
/// (see [`exit_codes`]); errors are printed as one `error: …` line on stderr.
pub fn run_child() -> i32 {
    match child_main() {
        Ok(()) => exit_codes::OK,
        Err(Fail(code, message)) => {
            eprintln!("error: {message}");
            code
        }
    }
}

fn child_main() -> Result<(), Fail> {
    let mut text = Zeroizing::new(String::new());
    io::stdin()
        .lock()
        .take(MAX_SPEC_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| {
            Fail(
                exit_codes::BAD_SPEC,
                format!("cannot read the job specification: {e}"),
            )
        })?;
    let spec: ChildSpec = serde_json::from_str(&text).map_err(|e| {
        Fail(
            exit_codes::BAD_SPEC,
            format!("malformed job specification: {e}"),
        )
    })?;
    drop(text);
    let bad = |m: String| Fail(exit_codes::BAD_SPEC, m);
    let value: serde_json::Value = serde_json::from_str(&spec.scenario_json)
        .map_err(|e| bad(format!("the stored scenario is not JSON: {e}")))?;
    let mut parsed =
        scenario::parse_value(&value).map_err(|e| bad(format!("invalid scenario: {e}")))?;
    parsed.scenario.seed = spec.seed;
    parsed.scenario.total_patients = spec.count;
    let mut formats = Vec::new();
    for f in &spec.formats {
        formats.push(Format::parse(f).map_err(|e| bad(e.to_string()))?);
    }
    if formats.is_empty() {
        return Err(bad("no output format".into()));
    }
    let password = match &spec.password_hex {
        Some(h) => {
            let bytes =
                Zeroizing::new(hex::decode(h).map_err(|_| bad("malformed password".into()))?);
            Some(Password::new(bytes.to_vec()).map_err(|e| bad(e.to_string()))?)
        }
        None => None,
    };
    let packaging = spec
        .options
        .packaging(password)
        .map_err(|e| bad(e.to_string()))?;
    let gen = Generator::new(parsed.scenario);
    let opts = pipeline::Options {
        formats,
        out_dir: spec.out_dir.clone(),
        threads: spec.threads.max(1),
        pretty: spec.options.pretty,
        array: spec.options.array,
        fhir_transaction: spec.options.fhir_transaction,
        warnings: parsed.warnings,
        // The attempt directory is renamed into place after exit: its files must be on disk.
        sync: true,
        packaging,
    };
    let stdout = io::stdout();
    let mut last: Option<Instant> = None;
    let outcome = pipeline::run(&gen, &opts, |p| {
        if last.is_some_and(|t| t.elapsed() < PROGRESS_EVERY) {
            return pipeline::Control::Continue;
        }
        last = Some(Instant::now());
        let line = ChildMessage::Progress {
            patients: p.patients,
            bytes: p.bytes,
        }
        .to_line();
        let mut out = stdout.lock();
        // The supervisor is gone (or closed the pipe): nobody will use the files.
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            return pipeline::Control::Stop;
        }
        pipeline::Control::Continue
    })
    .map_err(|e| pipeline_failure(&e, &spec.out_dir))?;

    let summary = serde_json::to_value(outcome.stats.report(None))
        .map_err(|e| Fail(exit_codes::GENERATION_FAILED, format!("summary: {e}")))?;
    write_summary(&spec.out_dir, &summary)?;
    let result = JobResult {
        output_files: outcome
            .files
            .iter()
            .map(|f| OutputFileInfo {
                name: f.name.clone(),
                format: f.format.clone(),
                bytes: f.bytes,
                sha256: f.sha256.clone(),
                records: f.records,
            })
            .collect(),
        summary,
        generation_seconds: outcome.seconds,
        peak_memory_bytes: procfs::peak_memory("self"),
    };
    let mut out = stdout.lock();
    writeln!(out, "{}", ChildMessage::Done(result).to_line())
        .and_then(|()| out.flush())
        .map_err(|e| {
            Fail(
                exit_codes::GENERATION_FAILED,
                format!("cannot report the result: {e}"),
            )
        })?;
    Ok(())
}

/// `summary.json` beside the manifest (written as `.partial`, then renamed).
fn write_summary(dir: &Path, summary: &serde_json::Value) -> Result<(), Fail> {
    let fail = |e: io::Error| {
        Fail(
            exit_codes::GENERATION_FAILED,
            format!("cannot write summary.json: {e}"),
        )
    };
    let mut text = serde_json::to_string_pretty(summary)
        .map_err(|e| Fail(exit_codes::GENERATION_FAILED, format!("summary: {e}")))?;
    text.push('\n');
    let tmp = dir.join("summary.json.partial");
    let mut f = std::fs::File::create(&tmp).map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)?;
    f.sync_all().map_err(fail)?;
    std::fs::rename(&tmp, dir.join("summary.json")).map_err(fail)?;
    // The rename is durable once the directory is; the supervisor renames the directory itself
    // into place only after this process has exited.
    pipeline::sync_dir(dir).map_err(|_| {
        Fail(
            exit_codes::GENERATION_FAILED,
            "cannot sync the job directory".to_string(),
        )
    })
}

/// The exit code and a message without server paths for a pipeline error.
fn pipeline_failure(e: &pipeline::Error, out_dir: &Path) -> Fail {
    let name = |p: &Path| {
        p.strip_prefix(out_dir)
            .ok()
            .and_then(|r| r.to_str())
            .filter(|r| !r.is_empty())
            .or_else(|| p.file_name().and_then(|n| n.to_str()))
            .unwrap_or("the job directory")
            .to_string()
    };
    match e {
        pipeline::Error::Io {
            action,
            path,
            source,
        } => {
            let code = if source.raw_os_error() == Some(libc::EFBIG) {
                exit_codes::OUTPUT_LIMIT
            } else if source.kind() == io::ErrorKind::OutOfMemory
                || source.raw_os_error() == Some(libc::ENOMEM)
            {
                exit_codes::OUT_OF_MEMORY
            } else {
                exit_codes::GENERATION_FAILED
            };
            Fail(code, format!("{action} {}: {source}", name(path)))
        }
        // Thread creation fails with EAGAIN or ENOMEM when their stacks do not fit in the
        // address-space limit.
        pipeline::Error::Threads(m) => Fail(
            exit_codes::OUT_OF_MEMORY,
            format!("cannot start worker threads: {m}"),
        ),
        pipeline::Error::Package { path, source } => Fail(
            exit_codes::GENERATION_FAILED,
            format!("cannot package {}: {source}", name(path)),
        ),
        other => Fail(exit_codes::GENERATION_FAILED, other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::io::BufRead;

    use super::*;

    fn read_messages(r: impl BufRead) -> Vec<ChildMessage> {
        r.lines()
            .map_while(Result::ok)
            .filter_map(|l| ChildMessage::parse(&l))
            .collect()
    }

    #[test]
    fn message_lines_round_trip() {
        let p = ChildMessage::Progress {
            patients: 512,
            bytes: 1 << 20,
        };
        assert_eq!(p.to_line(), r#"{"patients":512,"bytes":1048576}"#);
        assert_eq!(ChildMessage::parse(&p.to_line()), Some(p.clone()));
        let d = ChildMessage::Done(JobResult {
            output_files: vec![OutputFileInfo {
                name: "patients.json".into(),
                format: "json".into(),
                bytes: 10,
                sha256: "ab".into(),
                records: Some(3),
            }],
            summary: serde_json::json!({"total_patients": 3}),
            generation_seconds: 0.5,
            peak_memory_bytes: Some(1000),
        });
        assert!(d.to_line().starts_with(r#"{"done":"#));
        let text = format!("{}\nnoise\n{}\n", p.to_line(), d.to_line());
        assert_eq!(read_messages(text.as_bytes()), vec![p, d]);
        assert_eq!(ChildMessage::parse("{}"), None);
    }

    #[test]
    fn pipeline_errors_name_no_server_path() {
        let dir = Path::new("/srv/milmed/jobs/x.attempt-1");
        let e = pipeline::Error::Io {
            action: "cannot write",
            path: dir.join("patients.json.partial"),
            source: io::Error::from_raw_os_error(libc::ENOSPC),
        };
        let Fail(code, msg) = pipeline_failure(&e, dir);
        assert_eq!(code, exit_codes::GENERATION_FAILED);
        assert!(
            msg.starts_with("cannot write patients.json.partial: "),
            "{msg}"
        );
        assert!(!msg.contains("/srv"));
        let e = pipeline::Error::Io {
            action: "cannot write",
            path: dir.join("a.csv"),
            source: io::Error::from_raw_os_error(libc::EFBIG),
        };
        assert_eq!(pipeline_failure(&e, dir).0, exit_codes::OUTPUT_LIMIT);
        let e = pipeline::Error::Threads("Resource temporarily unavailable".into());
        assert_eq!(pipeline_failure(&e, dir).0, exit_codes::OUT_OF_MEMORY);
    }
}
