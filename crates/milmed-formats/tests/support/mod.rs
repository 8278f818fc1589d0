//! Helpers shared by the format tests: scenarios, generation, a crafted patient with awkward
//! names, and running the independent Python readers (which must be installed: a missing
//! interpreter or module fails the test, it never skips it).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use milmed_core::engine::Generator;
use milmed_core::presets;
use milmed_core::record::Patient;
use milmed_core::scenario::{parse_str, Scenario};

/// The default scenario (`{}`) with a count and a seed.
pub fn default_scenario(n: u64, seed: u64) -> Scenario {
    let mut s = parse_str("{}")
        .expect("the empty scenario is valid")
        .scenario;
    s.total_patients = n;
    s.seed = seed;
    s
}

/// A preset with a count and a seed.
pub fn preset(id: &str, n: u64, seed: u64) -> Scenario {
    let mut s = presets::get(id)
        .expect("preset exists")
        .parse()
        .expect("preset parses")
        .scenario;
    s.total_patients = n;
    s.seed = seed;
    s
}

/// Calls `f` with every patient of the scenario, in id order.
pub fn for_each_patient(gen: &Generator, mut f: impl FnMut(&Patient)) {
    let mut p = Patient::empty();
    for slot in gen.planner() {
        gen.fill(&slot, &mut p);
        f(&p);
    }
}

/// Given name of the crafted patient: quotes, a comma and non-ASCII letters.
pub const AWKWARD_GIVEN: &str = "Zoë \"Zee\", Ådne";
/// Family name of the crafted patient: markup characters, an apostrophe, a comma, non-ASCII.
pub const AWKWARD_FAMILY: &str = "O'Brien-Łukasiewicz, <Jr> & Søn «Ünal» 山田";

/// The first patient of a default run, renamed with names that need escaping or quoting in
/// every format.
pub fn awkward_patient(gen: &Generator) -> Patient {
    let mut p = Patient::empty();
    let slot = gen.planner().next().expect("at least one patient");
    gen.fill(&slot, &mut p);
    p.person.given_name = AWKWARD_GIVEN;
    p.person.family_name = AWKWARD_FAMILY.to_string();
    p.person.unit = "A&B \"Coy\", 1st <Bn>".to_string();
    p
}

/// Path of a Python helper script in tests/py.
pub fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/py")
        .join(name)
}

/// Runs `python3 tests/py/<name> args…` and returns its standard output; any failure to run or
/// a non-zero exit fails the calling test with the script's error output.
pub fn python(name: &str, args: &[&Path]) -> String {
    let out = Command::new("python3")
        .arg(script(name))
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 is required for this test (install it; see .ci/run): {e}")
        });
    assert!(
        out.status.success(),
        "python3 {name} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("python output is UTF-8")
}

/// Compares `actual` with the golden file `tests/golden/<name>`; with `UPDATE_GOLDEN=1` the
/// file is rewritten instead.
pub fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "golden file {} missing ({e}); run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let at = expected
            .iter()
            .zip(actual)
            .position(|(a, b)| a != b)
            .unwrap_or(expected.len().min(actual.len()));
        let lo = at.saturating_sub(80);
        panic!(
            "{name} differs from the golden file at byte {at}:\n expected …{}…\n actual   …{}…",
            String::from_utf8_lossy(&expected[lo..(at + 80).min(expected.len())]),
            String::from_utf8_lossy(&actual[lo..(at + 80).min(actual.len())]),
        );
    }
}

/// Encodes the awkward patient (as id 0) and then every other patient of `gen` with the real
/// chunk encoder, the way the pipeline does, and writes the streamed files into `dir`.
/// Returns the workbook rows of every chunk when an XLSX file is among the outputs (the
/// caller assembles it), in chunk order.
pub fn write_outputs(
    dir: &Path,
    gen: &Generator,
    formats: &[milmed_formats::Format],
    chunk: usize,
    mut on_xlsx: impl FnMut(&milmed_formats::xlsx::XlsxChunk),
) {
    use milmed_formats::{json_metadata, output_files, ChunkEncoder, EncodeOptions, Format};
    let files = output_files(formats);
    let s = gen.scenario();
    let meta = json_metadata(s, &"0".repeat(64), "test");
    let mut enc = ChunkEncoder::new(&files, EncodeOptions::default());
    let mut outputs: Vec<Vec<u8>> = files.iter().map(|f| enc.prologue(f, &meta)).collect();
    let mut flush = |enc: &mut ChunkEncoder, outputs: &mut Vec<Vec<u8>>| {
        for (o, b) in outputs.iter_mut().zip(&enc.buffers) {
            o.extend_from_slice(b);
        }
        if let Some(x) = &enc.xlsx {
            on_xlsx(x);
        }
        enc.clear();
    };
    let awkward = awkward_patient(gen);
    enc.push(s, &awkward).expect("encode");
    let mut in_chunk = 1;
    let mut p = Patient::empty();
    for slot in gen.planner().skip(1) {
        gen.fill(&slot, &mut p);
        enc.push(s, &p).expect("encode");
        in_chunk += 1;
        if in_chunk == chunk {
            flush(&mut enc, &mut outputs);
            in_chunk = 0;
        }
    }
    flush(&mut enc, &mut outputs);
    for (f, mut bytes) in files.iter().zip(outputs) {
        if f.format == Format::Xlsx {
            continue;
        }
        bytes.extend_from_slice(enc.epilogue(f));
        std::fs::write(dir.join(f.name), bytes).expect("write output");
    }
}

/// Runs a command that a test depends on; a missing program fails the test.
pub fn run_tool(program: &str, args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is required for this test (install it; see .ci/run): {e}")
        })
}
