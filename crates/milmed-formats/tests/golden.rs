//! Golden snapshots of the first FHIR bundles, XML records and NDEF messages for a fixed seed.
//! A change in these bytes is a change of the output formats: review it, then regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p milmed-formats --test golden`.

mod support;

use milmed_core::engine::Generator;
use milmed_formats::fhir::{write_bundle, FhirScratch};
use milmed_formats::ndef::{write_summary, write_tag_block, MEDIA_TYPE};
use milmed_formats::xml::write_patient;
use support::*;

const SEED: u64 = 20_260_101;

fn generator() -> Generator {
    Generator::new(preset("nato_article_5", 100, SEED))
}

#[test]
fn first_fhir_bundles() {
    let gen = generator();
    let mut out = Vec::new();
    let mut scratch = FhirScratch::default();
    let mut n = 0;
    for_each_patient(&gen, |p| {
        if n < 2 {
            write_bundle(&mut out, gen.scenario(), p, false, &mut scratch);
            out.push(b'\n');
        }
        n += 1;
    });
    golden("first-bundles.fhir.ndjson", &out);
}

#[test]
fn first_fhir_transaction_bundle() {
    let gen = generator();
    let mut out = Vec::new();
    let mut scratch = FhirScratch::default();
    let mut first = true;
    for_each_patient(&gen, |p| {
        if first {
            write_bundle(&mut out, gen.scenario(), p, true, &mut scratch);
            out.push(b'\n');
            first = false;
        }
    });
    golden("first-bundle.transaction.fhir.ndjson", &out);
}

#[test]
fn first_xml_records() {
    let gen = generator();
    let mut out = Vec::new();
    let mut n = 0;
    for_each_patient(&gen, |p| {
        if n < 3 {
            write_patient(&mut out, gen.scenario(), p);
        }
        n += 1;
    });
    golden("first-records.xml", &out);
}

#[test]
fn first_ndef_messages() {
    let gen = generator();
    let mut out = String::new();
    let mut payload = Vec::new();
    let mut block = Vec::new();
    let mut n = 0;
    for_each_patient(&gen, |p| {
        if n < 5 {
            payload.clear();
            block.clear();
            write_summary(&mut payload, p);
            write_tag_block(&mut block, MEDIA_TYPE, &payload).expect("frame");
            // Hex, 32 bytes a line, one blank line between messages: reviewable in a diff.
            for line in block.chunks(32) {
                for b in line {
                    out.push_str(&format!("{b:02x}"));
                }
                out.push('\n');
            }
            out.push('\n');
        }
        n += 1;
    });
    golden("first-messages.ndef.hex", out.as_bytes());
}
