//! JSON, NDJSON and CSV read back with independent parsers (Python's json and csv modules),
//! including a patient whose names hold commas, quotes, markup and non-ASCII letters.

mod support;

use milmed_core::engine::Generator;
use milmed_formats::Format;
use serde_json::Value;
use support::*;

#[test]
fn awkward_names_survive_json_ndjson_and_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gen = Generator::new(preset("urban_assault", 800, 21));
    write_outputs(
        dir.path(),
        &gen,
        &[Format::Json, Format::Ndjson, Format::Csv],
        128,
        |_| {},
    );
    let out = python("csv_json_read.py", &[dir.path()]);
    let v: Value = serde_json::from_str(out.trim()).expect("summary JSON");
    let awkward = serde_json::json!([0, AWKWARD_GIVEN, AWKWARD_FAMILY, "A&B \"Coy\", 1st <Bn>"]);
    for source in ["json", "ndjson", "csv"] {
        let rows = v[source].as_array().expect(source);
        assert_eq!(rows.len(), 800, "{source}: every patient");
        assert_eq!(rows[0], awkward, "{source}: the awkward patient survives");
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r[0], i as u64, "{source}: ids in order");
        }
    }
    assert_eq!(v["json"], v["ndjson"], "JSON and NDJSON agree");
    assert_eq!(v["json"], v["csv"], "JSON and CSV agree");
    assert_eq!(v["json_metadata_seed"], 21);

    // The related tables hold as many rows as the records have items.
    let text = std::fs::read_to_string(dir.path().join("patients.ndjson")).expect("read");
    let (mut conditions, mut treatments, mut events, mut vitals) = (0u64, 0u64, 0u64, 0u64);
    for line in text.lines() {
        let r: Value = serde_json::from_str(line).expect("record");
        let n = |k: &str| r[k].as_array().map_or(0, |a| a.len() as u64);
        conditions += n("conditions") + n("additional_conditions");
        treatments += n("treatments");
        events += n("movement_timeline");
        vitals += n("vitals");
    }
    let rows = &v["csv_rows"];
    assert_eq!(rows["patients"], 800);
    assert_eq!(rows["conditions"], conditions);
    assert_eq!(rows["treatments"], treatments);
    assert_eq!(rows["events"], events);
    assert_eq!(rows["vitals"], vitals);
}
