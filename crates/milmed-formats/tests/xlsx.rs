//! patients.xlsx opens in an independent spreadsheet library (Python openpyxl) and holds exactly
//! the CSV tables, cell by cell; large tables continue on numbered sheets; the workbook is
//! byte-identical whatever the chunking.

mod support;

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use milmed_core::engine::Generator;
use milmed_formats::xlsx::{XlsxWriter, DATA_ROWS_PER_SHEET};
use milmed_formats::Format;
use serde_json::Value;
use support::*;

/// Writes the CSV tables and the workbook of `gen` into `dir` (with `rows` data rows per
/// sheet); returns the sheet names the writer reports.
fn write_book(dir: &Path, gen: &Generator, rows: u64, chunk: usize) -> Vec<String> {
    let mut book = XlsxWriter::new(dir, "patients.xlsx", rows).expect("spool");
    let mut failed = None;
    write_outputs(dir, gen, &[Format::Csv, Format::Xlsx], chunk, |x| {
        if let Err(e) = book.write_chunk(x) {
            failed = Some(e);
        }
    });
    assert!(failed.is_none(), "spooling failed: {failed:?}");
    let names = book.sheet_names();
    let file = File::create(dir.join("patients.xlsx")).expect("create");
    book.finish(BufWriter::new(file))
        .expect("assemble workbook");
    names
}

fn read_back(dir: &Path, rows: u64) -> Value {
    let book = dir.join("patients.xlsx");
    let max = rows.to_string();
    let out = python("xlsx_read.py", &[&book, dir, Path::new(&max)]);
    serde_json::from_str(out.trim()).expect("summary JSON")
}

#[test]
fn workbook_matches_the_csv_tables_and_splits_long_tables() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gen = Generator::new(default_scenario(1_500, 42));
    // A small sheet limit so the split rule is exercised without millions of rows.
    let limit = 4_000;
    let names = write_book(dir.path(), &gen, limit, 256);
    let summary = read_back(dir.path(), limit);
    let sheets: Vec<String> = summary["sheets"]
        .as_array()
        .expect("sheets")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    assert_eq!(
        sheets, names,
        "openpyxl sees the sheets the writer made, in order"
    );
    assert_eq!(&sheets[0], "patients");
    assert!(
        sheets.contains(&"events (2)".to_string()),
        "events continue: {sheets:?}"
    );
    let events = summary["rows"]["events"].as_u64().expect("events rows");
    let event_sheets = sheets.iter().filter(|s| s.starts_with("events")).count() as u64;
    assert_eq!(
        event_sheets,
        events.div_ceil(limit),
        "sheets = ceil(rows / limit)"
    );
    assert_eq!(summary["rows"]["patients"], 1_500);
    // No spool files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "spool files left: {leftovers:?}");
}

#[test]
fn default_sheet_limit_keeps_small_tables_on_one_sheet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gen = Generator::new(preset("urban_assault", 400, 3));
    let names = write_book(dir.path(), &gen, DATA_ROWS_PER_SHEET, 512);
    assert_eq!(
        names,
        ["patients", "conditions", "treatments", "events", "vitals"]
    );
    let summary = read_back(dir.path(), DATA_ROWS_PER_SHEET);
    assert_eq!(summary["rows"]["patients"], 400);
}

#[test]
fn workbook_bytes_do_not_depend_on_chunking() {
    let gen = Generator::new(default_scenario(700, 8));
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    write_book(a.path(), &gen, 1_000, 100);
    write_book(b.path(), &gen, 1_000, 333);
    let read = |d: &Path| std::fs::read(d.join("patients.xlsx")).expect("read");
    assert_eq!(read(a.path()), read(b.path()));
}
