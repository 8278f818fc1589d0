//! patients.ndef: every message of a 10,000-patient run decodes with an independent NDEF parser
//! (Python ndeflib) to the summary that was written, the framing splits cleanly, and the plain
//! summary fits an NTAG216 for (almost) every patient of the default scenario.

mod support;

use milmed_core::engine::Generator;
use milmed_core::scenario::Scenario;
use milmed_formats::ndef::{write_summary, write_tag_block, MEDIA_TYPE, NTAG216_USER_BYTES};
use serde_json::Value;
use support::*;

struct Run {
    blocks: Vec<usize>,
    summaries: Vec<Value>,
    file: Vec<u8>,
}

fn write_run(s: Scenario) -> Run {
    let gen = Generator::new(s);
    let mut run = Run {
        blocks: Vec::new(),
        summaries: Vec::new(),
        file: Vec::new(),
    };
    let mut payload = Vec::new();
    for_each_patient(&gen, |p| {
        payload.clear();
        write_summary(&mut payload, p);
        let before = run.file.len();
        write_tag_block(&mut run.file, MEDIA_TYPE, &payload).expect("frame");
        run.blocks.push(run.file.len() - before);
        run.summaries
            .push(serde_json::from_slice(&payload).expect("the summary is JSON"));
    });
    run
}

fn decode(file: &[u8]) -> Vec<Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("patients.ndef");
    std::fs::write(&path, file).expect("write");
    python("ndef_read.py", &[&path])
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON line per message"))
        .collect()
}

fn percentile(sorted: &[usize], q: f64) -> usize {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

#[test]
fn default_run_decodes_independently_and_fits_ntag216() {
    let run = write_run(default_scenario(10_000, 42));
    let decoded = decode(&run.file);
    assert_eq!(decoded.len(), 10_000, "one message per patient");
    for (i, (d, want)) in decoded.iter().zip(&run.summaries).enumerate() {
        assert_eq!(d["type"], MEDIA_TYPE, "message {i}");
        assert_eq!(&d["payload"], want, "message {i}: payload");
        assert_eq!(d["block"], run.blocks[i], "message {i}: block length");
        assert_eq!(d["payload"]["id"], i as u64);
    }
    let mut sizes = run.blocks.clone();
    sizes.sort_unstable();
    let fit = sizes.iter().filter(|&&b| b <= NTAG216_USER_BYTES).count();
    let share = fit as f64 / sizes.len() as f64;
    eprintln!(
        "NDEF tag blocks, default scenario, 10,000 patients: median {} B, p99 {} B, max {} B; {:.2} % fit an NTAG216 ({} B)",
        percentile(&sizes, 0.5),
        percentile(&sizes, 0.99),
        sizes[sizes.len() - 1],
        share * 100.0,
        NTAG216_USER_BYTES
    );
    assert!(
        share >= 0.99,
        "only {:.2} % of tags fit an NTAG216",
        share * 100.0
    );
}

#[test]
fn battle_and_awkward_patients_decode() {
    let mut run = write_run(preset("mass_casualty", 2_000, 4));
    let gen = Generator::new(default_scenario(3, 1));
    let awkward = awkward_patient(&gen);
    let mut payload = Vec::new();
    write_summary(&mut payload, &awkward);
    write_tag_block(&mut run.file, MEDIA_TYPE, &payload).expect("frame");
    let decoded = decode(&run.file);
    assert_eq!(decoded.len(), 2_001);
    let last = &decoded[2_000]["payload"];
    assert_eq!(last["fn"], AWKWARD_FAMILY);
    assert_eq!(last["gn"], AWKWARD_GIVEN);
    for (d, want) in decoded.iter().zip(&run.summaries) {
        assert_eq!(&d["payload"], want);
    }
}

#[test]
fn long_payloads_use_the_long_record_and_three_byte_tlv() {
    // Payloads of 255 bytes and more take the 4-byte length (SR clear); messages of 255 bytes
    // and more take the three-byte TLV length. The independent parser must agree on both.
    let mut file = Vec::new();
    for n in [0usize, 1, 200, 254, 255, 256, 300, 2_000] {
        let text = format!("{{\"pad\":\"{}\"}}", "x".repeat(n));
        write_tag_block(&mut file, MEDIA_TYPE, text.as_bytes()).expect("frame");
    }
    let decoded = decode(&file);
    assert_eq!(decoded.len(), 8);
    assert_eq!(
        decoded[7]["payload"]["pad"].as_str().map(str::len),
        Some(2_000)
    );
}
