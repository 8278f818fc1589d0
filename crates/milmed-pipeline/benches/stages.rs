//! Per-stage cost of one patient on one thread: the engine alone, then with each encoder.
//! `cargo bench -p milmed-pipeline --bench stages`

use milmed_core::engine::{Generator, Slot};
use milmed_core::presets;
use milmed_core::record::Patient;
use milmed_formats::{output_files, ChunkEncoder, EncodeOptions, Format};

fn generator() -> Generator {
    let mut s = presets::get("nato_article_5")
        .and_then(|p| p.parse())
        .map(|p| p.scenario)
        .unwrap_or_else(|e| panic!("preset: {e}"));
    s.total_patients = 20_000;
    Generator::new(s)
}

fn slots(gen: &Generator) -> Vec<Slot> {
    gen.planner().collect()
}

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn plan(bencher: divan::Bencher) {
    let gen = generator();
    bencher
        .counter(divan::counter::ItemsCount::new(20_000usize))
        .bench_local(|| gen.planner().count());
}

#[divan::bench(sample_count = 10)]
fn engine(bencher: divan::Bencher) {
    let gen = generator();
    let slots = slots(&gen);
    let mut p = Patient::empty();
    bencher
        .counter(divan::counter::ItemsCount::new(slots.len()))
        .bench_local(|| {
            for s in &slots {
                gen.fill(s, &mut p);
            }
            p.id
        });
}

#[divan::bench(sample_count = 10, args = ["ndjson", "json", "csv", "fhir", "xml"])]
fn engine_and_encoder(bencher: divan::Bencher, format: &str) {
    let gen = generator();
    let slots = slots(&gen);
    let mut p = Patient::empty();
    let files = output_files(&[Format::parse(format).unwrap_or(Format::Ndjson)]);
    let mut enc = ChunkEncoder::new(&files, EncodeOptions::default());
    bencher
        .counter(divan::counter::ItemsCount::new(slots.len()))
        .bench_local(|| {
            for chunk in slots.chunks(512) {
                enc.clear();
                for s in chunk {
                    gen.fill(s, &mut p);
                    enc.push(gen.scenario(), &p)
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            }
            enc.buffers.len()
        });
}
