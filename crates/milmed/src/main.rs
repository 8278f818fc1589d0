//! `milmed`: synthetic military casualty records for medical exercises.

mod admin;
mod config;
mod report;
mod serve;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use milmed_core::engine::Generator;
use milmed_core::presets::{self, PRESETS};
use milmed_core::scenario::{self, to_canonical_json, Parsed};
use milmed_core::stats::Profile;
use milmed_formats::Format;
use milmed_package::{self as package, Compression, EncryptOptions, Kdf, Packaging, Password};
use milmed_pipeline as pipeline;

/// Exit code for bad input (scenario, flags, files).
const EXIT_INPUT: u8 = 2;

#[derive(Parser)]
#[command(
    name = "milmed",
    version,
    about = "Realistic, reproducible synthetic casualty records for military medical exercises",
    long_about = "milmed generates casualties injured or taken ill over the days of a scenario, flowing from the \
point of injury through NATO Roles 1–4, with people, SNOMED CT-coded conditions, vital signs, triage, \
treatments, evacuation and outcomes.\n\nThe same scenario and seed always give byte-identical output, \
whatever the number of threads.",
    after_help = "Examples:\n  milmed generate -n 1000 --preset nato_article_5 --format json,csv --out exercise\n  \
milmed generate --scenario my-scenario.json --seed 7 --format ndjson\n  \
milmed generate -n 500 --format fhir,xml,xlsx,ndef --fhir-transaction --out tags\n  \
milmed generate -n 1000 --format ndjson --compress gzip --encrypt --password-env MILMED_PASSWORD\n  \
milmed decrypt milmed-output/patients.ndjson.gz.enc --out patients.ndjson.gz --password-env MILMED_PASSWORD\n  \
milmed serve --port 8000\n  \
milmed presets list\n  \
milmed scenario validate my-scenario.json\n  milmed report exercise/patients.json"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP API with a job worker (SQLite in the data directory unless a database URL
    /// is given; the demo key is created on first start).
    Serve(config::ServeFlags),
    /// Run a job worker alone (more workers for a shared PostgreSQL database).
    Worker(config::ServeFlags),
    /// Run one job (started by a worker; reads its specification from stdin).
    #[command(hide = true)]
    JobRun,
    /// Generate casualty records into a directory.
    Generate(GenerateArgs),
    /// List or show the built-in presets.
    Presets {
        #[command(subcommand)]
        action: PresetAction,
    },
    /// Work with scenario files.
    Scenario {
        #[command(subcommand)]
        action: ScenarioAction,
    },
    /// Decrypt a file written with `generate --encrypt` (docs/formats/encryption.md). The
    /// plaintext is written only once the whole file has verified.
    Decrypt {
        /// The encrypted file (`*.enc`).
        input: PathBuf,
        /// Where to write the plaintext (still compressed if the file was compressed).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        password: PasswordArgs,
    },
    /// Print the plain casualty summaries of a `patients.ndef` file, one JSON line per message,
    /// opening gzip and per-message encrypted records (docs/formats/ndef.md). The salt and KDF
    /// parameters come from the file's entry in the manifest.
    NdefDecode {
        /// The NDEF file (`patients.ndef`).
        input: PathBuf,
        /// The manifest listing the file (default: `manifest.json` next to it).
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
        /// Print only the message at this position (the patient id, from 0).
        #[arg(long, value_name = "N")]
        index: Option<u64>,
        #[command(flatten)]
        password: PasswordArgs,
    },
    /// Create the database tables (SQLite in --data-dir, or PostgreSQL); safe to run again.
    Migrate {
        #[command(flatten)]
        store: admin::StoreArgs,
    },
    /// Manage API keys.
    Keys {
        #[command(subcommand)]
        action: admin::KeysAction,
    },
    /// Print the HTTP API's OpenAPI document (JSON).
    Openapi,
    /// Statistics and calibration check of an output file (patients.json or patients.ndjson).
    Report {
        /// The output file to read.
        file: PathBuf,
        /// Print the report as JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Calibration table to judge against (default: inferred from the cohort's mix).
        #[arg(long, value_enum)]
        profile: Option<ProfileArg>,
    },
}

/// The calibration tables of the report.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ProfileArg {
    /// Table A: conventional high-intensity warfare.
    HighIntensity,
    /// Table B: counter-insurgency and stabilisation.
    CounterInsurgency,
    /// Section C only: CBRN and mass-casualty scenarios.
    Special,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Profile {
        match p {
            ProfileArg::HighIntensity => Profile::HighIntensity,
            ProfileArg::CounterInsurgency => Profile::CounterInsurgency,
            ProfileArg::Special => Profile::Special,
        }
    }
}

#[derive(Subcommand)]
enum PresetAction {
    /// List the presets with their rationale.
    List,
    /// Print a preset's complete scenario (normalised JSON).
    Show {
        /// Preset id, e.g. nato_article_5.
        id: String,
    },
}

#[derive(Subcommand)]
enum ScenarioAction {
    /// Validate a scenario file and print its normalised form.
    Validate {
        /// The scenario JSON file.
        file: PathBuf,
    },
}

#[derive(Args)]
struct GenerateArgs {
    /// Number of patients (overrides the scenario's total_patients).
    #[arg(
        short = 'n',
        long = "count",
        allow_negative_numbers = true,
        value_name = "N"
    )]
    count: Option<String>,
    /// Start from a built-in preset (see `milmed presets list`).
    #[arg(long, conflicts_with = "scenario")]
    preset: Option<String>,
    /// Start from a scenario JSON file.
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// Random seed (overrides the scenario's seed; default 42).
    #[arg(long)]
    seed: Option<u64>,
    /// Output formats, comma-separated: json, ndjson, csv, xml, xlsx, fhir (FHIR R4 NDJSON,
    /// one Bundle a line), fhir-json (a JSON array of Bundles), ndef (NFC tag images).
    /// Aliases: jsonl = ndjson, fhir-ndjson = fhir.
    #[arg(long, default_value = "json", value_delimiter = ',')]
    format: Vec<String>,
    /// Write FHIR bundles of type `transaction` (entries with PUT requests) instead of
    /// `collection`.
    #[arg(long)]
    fhir_transaction: bool,
    /// Output directory.
    #[arg(long, default_value = "milmed-output", value_name = "DIR")]
    out: PathBuf,
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(long)]
    threads: Option<usize>,
    /// Indent JSON for humans.
    #[arg(long)]
    pretty: bool,
    /// Write patients.json as a bare array (the predecessor's shape) instead of {metadata, patients}.
    #[arg(long)]
    array: bool,
    /// No progress bar or summary.
    #[arg(short, long)]
    quiet: bool,
    /// Compress each file: gzip (suffix .gz) or zstd (suffix .zst), level 1.
    #[arg(long, value_name = "ALGO")]
    compress: Option<String>,
    /// Encrypt each file with AES-256-GCM (suffix .enc, after compression); the password comes
    /// from --password-env or --password-file.
    #[arg(long)]
    encrypt: bool,
    /// Key derivation for --encrypt: argon2id (default; 64 MiB, 3 passes) or pbkdf2
    /// (HMAC-SHA256, 600,000 iterations).
    #[arg(long, value_name = "KDF")]
    kdf: Option<String>,
    #[command(flatten)]
    password: PasswordArgs,
}

/// Where a password comes from. Never the command line itself: other users can read a
/// process's arguments.
#[derive(Args)]
struct PasswordArgs {
    /// Read the password from this environment variable.
    #[arg(long, value_name = "NAME")]
    password_env: Option<String>,
    /// Read the password from this file (one trailing line break is ignored).
    #[arg(long, value_name = "PATH")]
    password_file: Option<PathBuf>,
}

impl PasswordArgs {
    fn given(&self) -> bool {
        self.password_env.is_some() || self.password_file.is_some()
    }

    /// The password, or a one-line input error naming the flags; `for_what` names the flag
    /// that needs it.
    fn password(&self, for_what: &str) -> Result<Password> {
        let p = match (&self.password_env, &self.password_file) {
            (Some(_), Some(_)) => {
                return Err(input_err(
                    "--password-env and --password-file cannot be used together",
                ))
            }
            (Some(name), None) => Password::from_env(name),
            (None, Some(path)) => Password::from_file(path),
            (None, None) => {
                return Err(input_err(format!(
                    "{for_what} needs a password: give --password-env NAME or --password-file PATH"
                )))
            }
        };
        p.map_err(|e| input_err(e.to_string()))
    }
}

/// An error caused by the user's input: printed as one line, exit code 2.
#[derive(Debug)]
struct InputError(String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

fn input_err(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(InputError(msg.into()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(input) = e.downcast_ref::<InputError>() {
                eprintln!("error: {input}");
                ExitCode::from(EXIT_INPUT)
            } else {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve(flags) => serve::serve(flags),
        Command::Worker(flags) => serve::worker(flags),
        Command::JobRun => {
            let code = milmed_jobs::run_child();
            std::process::exit(code);
        }
        Command::Generate(args) => generate(args),
        Command::Migrate { store } => admin::migrate(&store),
        Command::Keys { action } => admin::keys(action),
        Command::Openapi => {
            admin::openapi();
            Ok(())
        }
        Command::Presets {
            action: PresetAction::List,
        } => {
            for p in PRESETS {
                println!("{:<20} {:<16} {}", p.id, p.category, p.rationale);
            }
            Ok(())
        }
        Command::Presets {
            action: PresetAction::Show { id },
        } => {
            let preset = presets::get(&id)
                .map_err(|e| input_err(format!("{e}; see `milmed presets list`")))?;
            let parsed = preset.parse().map_err(|e| input_err(e.to_string()))?;
            let out = serde_json::json!({
                "id": preset.id,
                "name": preset.name,
                "category": preset.category,
                "rationale": preset.rationale,
                "sources": preset.sources,
                "configuration": to_canonical_json(&parsed.scenario),
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
            Ok(())
        }
        Command::Scenario {
            action: ScenarioAction::Validate { file },
        } => {
            let parsed = load_scenario_file(&file)?;
            for w in &parsed.warnings {
                eprintln!("warning: {w}");
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&to_canonical_json(&parsed.scenario))?
            );
            eprintln!("{}: valid", file.display());
            Ok(())
        }
        Command::Decrypt {
            input,
            out,
            password,
        } => decrypt(&input, &out, &password),
        Command::NdefDecode {
            input,
            manifest,
            index,
            password,
        } => ndef_decode(&input, manifest.as_deref(), index, &password),
        Command::Report {
            file,
            json,
            profile,
        } => {
            let acc = report::read(&file).map_err(|e| input_err(format!("{e:#}")))?;
            let r = acc.report(profile.map(Profile::from));
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                print!("{}", report::render(&r));
            }
            Ok(())
        }
    }
}

fn decrypt(input: &std::path::Path, out: &std::path::Path, password: &PasswordArgs) -> Result<()> {
    let password = password.password("decrypt")?;
    if !input.is_file() {
        return Err(input_err(format!("{}: no such file", input.display())));
    }
    // Renaming the plaintext over its own envelope would destroy the only encrypted copy.
    if let (Ok(a), Ok(b)) = (input.canonicalize(), out.canonicalize()) {
        if a == b {
            return Err(input_err("--out must not be the encrypted file itself"));
        }
    }
    match package::decrypt_file(input, out, &password) {
        Ok(bytes) => {
            eprintln!("{} → {} ({bytes} bytes)", input.display(), out.display());
            Ok(())
        }
        // Reading or writing failed: an environment problem, exit 1.
        Err(package::Error::Io(e)) => Err(anyhow::Error::new(e).context(format!(
            "cannot decrypt {} to {}",
            input.display(),
            out.display()
        ))),
        // Wrong password, damaged or truncated file: bad input, exit 2. No output was written.
        Err(e) => Err(input_err(format!("{}: {e}", input.display()))),
    }
}

/// `milmed ndef-decode`: splits the file into tag blocks and prints each plain summary.
fn ndef_decode(
    input: &std::path::Path,
    manifest: Option<&std::path::Path>,
    index: Option<u64>,
    password: &PasswordArgs,
) -> Result<()> {
    use std::io::Write;
    let data = std::fs::read(input)
        .map_err(|e| input_err(format!("cannot read {}: {e}", input.display())))?;
    let manifest_path = match manifest {
        Some(p) => p.to_path_buf(),
        None => input.with_file_name("manifest.json"),
    };
    let entry = match std::fs::read(&manifest_path) {
        Ok(bytes) => {
            let value: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| input_err(format!("{}: not JSON: {e}", manifest_path.display())))?;
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            value["files"]
                .as_array()
                .and_then(|files| files.iter().find(|f| f["name"] == name.as_str()).cloned())
                .ok_or_else(|| {
                    input_err(format!("{} does not list {name}", manifest_path.display()))
                })?
        }
        // Without a manifest only plain and gzip messages can be opened.
        Err(_) if manifest.is_none() && !password.given() => serde_json::Value::Null,
        Err(e) => {
            return Err(input_err(format!(
                "cannot read {}: {e}",
                manifest_path.display()
            )))
        }
    };
    let encrypted = !entry["encryption"].is_null();
    let pw = if encrypted {
        Some(password.password("an encrypted NDEF file")?)
    } else if password.given() {
        return Err(input_err(
            "the NDEF messages are not encrypted: --password-env/--password-file are not used",
        ));
    } else {
        None
    };
    let opener = pipeline::ndef::NdefOpener::from_manifest_entry(&entry, pw.as_ref())
        .map_err(|e| input_err(format!("{}: {e}", input.display())))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut pos = 0usize;
    let mut n = 0u64;
    let mut found = false;
    while pos < data.len() {
        let (record, len) = milmed_formats::ndef::read_tag_block(&data[pos..])
            .map_err(|e| input_err(format!("{}: message {n}: {e}", input.display())))?;
        if index.is_none_or(|i| i == n) {
            let (_, summary) = opener
                .open(&record)
                .map_err(|e| input_err(format!("{}: message {n}: {e}", input.display())))?;
            out.write_all(&summary)?;
            out.write_all(b"\n")?;
            found = true;
        }
        pos += len;
        n += 1;
    }
    out.flush()?;
    if let Some(i) = index {
        if !found {
            return Err(input_err(format!(
                "{}: no message {i} (the file holds {n})",
                input.display()
            )));
        }
    }
    Ok(())
}

/// The packaging asked for on the command line, checked: `--encrypt` needs a password source,
/// and a password source or `--kdf` without `--encrypt` is refused rather than ignored.
fn packaging(args: &GenerateArgs) -> Result<Packaging> {
    let compression = match &args.compress {
        None => Compression::None,
        Some(name) => match Compression::parse(name) {
            Ok(Compression::None) | Err(_) => {
                return Err(input_err(format!(
                    "--compress: unknown algorithm {name:?}; expected gzip or zstd"
                )))
            }
            Ok(c) => c,
        },
    };
    if !args.encrypt {
        if args.password.given() {
            return Err(input_err(
                "--password-env/--password-file are only used with --encrypt",
            ));
        }
        if args.kdf.is_some() {
            return Err(input_err("--kdf is only used with --encrypt"));
        }
        return Ok(Packaging {
            compression,
            encryption: None,
        });
    }
    let kdf = match &args.kdf {
        None => Kdf::ARGON2ID_DEFAULT,
        Some(name) => Kdf::parse(name).map_err(|e| input_err(format!("--kdf: {e}")))?,
    };
    let password = args.password.password("--encrypt")?;
    Ok(Packaging {
        compression,
        encryption: Some(package::Encryption {
            password,
            options: EncryptOptions {
                kdf,
                ..EncryptOptions::default()
            },
        }),
    })
}

fn load_scenario_file(path: &PathBuf) -> Result<Parsed> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| input_err(format!("cannot read {}: {e}", path.display())))?;
    scenario::parse_str(&text).map_err(|e| {
        let errors = e.field_errors();
        let detail = if errors.is_empty() {
            e.to_string()
        } else {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        input_err(format!("{}: {detail}", path.display()))
    })
}

fn parse_count(s: &str) -> Result<u64> {
    match s.trim().parse::<i128>() {
        Ok(n) if n >= 1 && n <= i128::from(u64::MAX) => Ok(n as u64),
        Ok(n) => Err(input_err(format!("--count must be at least 1, got {n}"))),
        Err(_) => Err(input_err(format!(
            "--count must be a whole number, got {s:?}"
        ))),
    }
}

fn generate(args: GenerateArgs) -> Result<()> {
    // A preset declares the calibration table it is judged by; other scenarios are inferred.
    let mut profile = None;
    let mut parsed = match (&args.preset, &args.scenario) {
        (Some(id), _) => {
            let preset = presets::get(id)
                .map_err(|e| input_err(format!("{e}; see `milmed presets list`")))?;
            profile = Some(preset.profile);
            preset.parse().map_err(|e| input_err(e.to_string()))?
        }
        (None, Some(path)) => load_scenario_file(path)?,
        (None, None) => scenario::parse_str("{}").map_err(|e| input_err(e.to_string()))?,
    };
    if let Some(c) = &args.count {
        let n = parse_count(c)?;
        let explicit: u64 = parsed
            .scenario
            .special_events
            .explicit
            .iter()
            .map(|e| e.size)
            .sum();
        if explicit > n {
            return Err(input_err(format!("--count {n} is smaller than the scenario's explicit special events ({explicit} casualties)")));
        }
        parsed.scenario.total_patients = n;
    }
    if let Some(seed) = args.seed {
        parsed.scenario.seed = seed;
    }
    let packaging = packaging(&args)?;
    let mut formats = Vec::new();
    for f in &args.format {
        if f.trim().is_empty() {
            continue;
        }
        formats.push(Format::parse(f).map_err(|e| input_err(format!("--format: {e}")))?);
    }
    if formats.is_empty() {
        return Err(input_err("--format: at least one format is needed"));
    }
    let threads = match args.threads {
        Some(0) => return Err(input_err("--threads must be at least 1")),
        Some(t) => t,
        None => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    };
    // The pipeline records the packaging warnings in the manifest itself; they are printed here.
    let packaging_warnings = pipeline::ndef::packaging_warnings(&formats, &packaging);
    for w in parsed.warnings.iter().chain(&packaging_warnings) {
        if !args.quiet {
            eprintln!("warning: {w}");
        }
    }
    let total = parsed.scenario.total_patients;
    let gen = Generator::new(parsed.scenario);
    let opts = pipeline::Options {
        formats,
        out_dir: args.out.clone(),
        threads,
        pretty: args.pretty,
        array: args.array,
        fhir_transaction: args.fhir_transaction,
        warnings: parsed.warnings,
        sync: false,
        packaging,
    };
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} patients  {per_sec}  ETA {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let outcome = pipeline::run(&gen, &opts, |done| {
        if let Some(b) = &bar {
            b.set_position(done.patients);
        }
        pipeline::Control::Continue
    })
    .context("generation failed")?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if !args.quiet {
        let rate = total as f64 / outcome.seconds.max(1e-9);
        eprintln!(
            "{total} patients in {:.2} s ({:.0} patients/s) → {}",
            outcome.seconds,
            rate,
            args.out.display()
        );
        for f in &outcome.files {
            eprintln!("  {:<20} {:>14} bytes", f.name, f.bytes);
        }
        let r = outcome.stats.report(profile);
        let f = &r.figures;
        if f.hits > 0 {
            eprintln!(
                "  battle casualties {}: %KIA {:.1}, %DOW {:.1}, CFR {:.1}; verdict: {}",
                f.hits,
                f.pct_kia.unwrap_or(0.0),
                f.pct_dow.unwrap_or(0.0),
                f.case_fatality_rate.unwrap_or(0.0),
                if r.plausible {
                    "plausible"
                } else {
                    "outside some published ranges (see milmed report)"
                }
            );
        }
    }
    Ok(())
}
