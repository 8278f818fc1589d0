//! Output formats, their files, and the per-chunk encoder.

use milmed_core::record::Patient;
use milmed_core::scenario::Scenario;
use serde_json::{json, Value};

use crate::csv_tables::{self, Table};
use crate::{json as record_json, Error};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `patients.json`: `{"metadata": …, "patients": […]}` (or a bare array).
    Json,
    /// `patients.ndjson`: one record per line.
    Ndjson,
    /// `patients.csv` and the related tables.
    Csv,
}

impl Format {
    /// Parses a format name.
    pub fn parse(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "ndjson" | "jsonl" => Ok(Format::Ndjson),
            "csv" => Ok(Format::Csv),
            other => Err(Error::UnknownFormat(other.to_string())),
        }
    }

    /// Name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
        }
    }
}

/// One file of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputFile {
    /// Format it belongs to.
    pub format: Format,
    /// File name.
    pub name: &'static str,
    /// Media type.
    pub media_type: &'static str,
    /// CSV table, for CSV files.
    pub table: Option<Table>,
}

/// The files written for a set of formats, in a fixed order.
pub fn output_files(formats: &[Format]) -> Vec<OutputFile> {
    let mut fs: Vec<Format> = formats.to_vec();
    fs.sort();
    fs.dedup();
    let mut out = Vec::new();
    for f in fs {
        match f {
            Format::Json => out.push(OutputFile {
                format: f,
                name: "patients.json",
                media_type: "application/json",
                table: None,
            }),
            Format::Ndjson => out.push(OutputFile {
                format: f,
                name: "patients.ndjson",
                media_type: "application/x-ndjson",
                table: None,
            }),
            Format::Csv => {
                for t in Table::ALL {
                    out.push(OutputFile {
                        format: f,
                        name: t.file_name(),
                        media_type: "text/csv",
                        table: Some(t),
                    });
                }
            }
        }
    }
    out
}

/// The `metadata` object of a JSON file (also the core of manifest.json).
pub fn json_metadata(s: &Scenario, scenario_hash: &str, generator_version: &str) -> Value {
    json!({
        "schema_version": record_json::SCHEMA_VERSION,
        "generator": "milmed",
        "generator_version": generator_version,
        "seed": s.seed,
        "scenario_hash": scenario_hash,
        "scenario_name": s.name,
        "total_patients": s.total_patients,
        "base_date": s.base_date.to_string(),
        "days": s.days,
    })
}

/// Encodes chunks of patients into the bytes of every output file.
pub struct ChunkEncoder {
    files: Vec<OutputFile>,
    pretty: bool,
    array_only: bool,
    /// One buffer per output file.
    pub buffers: Vec<Vec<u8>>,
    csv: [Vec<u8>; 5],
    scratch: Vec<u8>,
    record: Vec<u8>,
}

impl ChunkEncoder {
    /// An encoder for these files. `array_only` writes the JSON file as a bare array.
    pub fn new(files: &[OutputFile], pretty: bool, array_only: bool) -> Self {
        ChunkEncoder {
            files: files.to_vec(),
            pretty,
            array_only,
            buffers: files.iter().map(|_| Vec::with_capacity(1 << 16)).collect(),
            csv: Default::default(),
            scratch: Vec::new(),
            record: Vec::with_capacity(4096),
        }
    }

    /// Clears the buffers for the next chunk.
    pub fn clear(&mut self) {
        for b in &mut self.buffers {
            b.clear();
        }
    }

    /// The bytes each file starts with.
    pub fn prologue(&self, file: &OutputFile, metadata: &Value) -> Vec<u8> {
        match (file.format, file.table) {
            (Format::Json, _) if self.array_only => b"[".to_vec(),
            (Format::Json, _) => {
                let meta = if self.pretty {
                    serde_json::to_string_pretty(metadata).unwrap_or_default()
                } else {
                    metadata.to_string()
                };
                let mut v = b"{\"metadata\":".to_vec();
                v.extend_from_slice(meta.as_bytes());
                v.extend_from_slice(b",\"patients\":[");
                v
            }
            (Format::Csv, Some(t)) => {
                let mut v = Vec::new();
                csv_tables::write_header(t, &mut v);
                v
            }
            _ => Vec::new(),
        }
    }

    /// The bytes each file ends with.
    pub fn epilogue(&self, file: &OutputFile) -> &'static [u8] {
        match file.format {
            Format::Json if self.array_only => b"]\n",
            Format::Json => b"]}\n",
            _ => b"",
        }
    }

    /// Encodes one patient into every file's buffer.
    pub fn push(&mut self, s: &Scenario, p: &Patient) {
        let mut csv_done = false;
        for (i, f) in self.files.iter().enumerate() {
            match f.format {
                Format::Json => {
                    let buf = &mut self.buffers[i];
                    if p.id > 0 {
                        buf.push(b',');
                    }
                    if self.pretty {
                        self.record.clear();
                        record_json::write_record(&mut self.record, s, p);
                        buf.push(b'\n');
                        pretty_into(&self.record, buf, 1);
                    } else {
                        record_json::write_record(buf, s, p);
                    }
                }
                Format::Ndjson => {
                    let buf = &mut self.buffers[i];
                    record_json::write_record(buf, s, p);
                    buf.push(b'\n');
                }
                Format::Csv => {
                    if !csv_done {
                        for b in &mut self.csv {
                            b.clear();
                        }
                        csv_tables::write_rows(s, p, &mut self.csv, &mut self.scratch);
                        csv_done = true;
                    }
                    if let Some(t) = f.table {
                        let idx = Table::ALL.iter().position(|x| *x == t).unwrap_or(0);
                        self.buffers[i].extend_from_slice(&self.csv[idx]);
                    }
                }
            }
        }
    }
}

/// Re-indents compact JSON (two spaces, starting at `level`).
pub fn pretty_into(compact: &[u8], out: &mut Vec<u8>, level: usize) {
    let indent = |out: &mut Vec<u8>, n: usize| {
        out.push(b'\n');
        for _ in 0..n {
            out.extend_from_slice(b"  ");
        }
    };
    for _ in 0..level {
        out.extend_from_slice(b"  ");
    }
    let mut depth = level;
    let mut in_str = false;
    let mut esc = false;
    let mut i = 0;
    while i < compact.len() {
        let b = compact[i];
        if in_str {
            out.push(b);
            if esc {
                esc = false;
            } else if b == b'\\' {
                esc = true;
            } else if b == b'"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                in_str = true;
                out.push(b);
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                if compact.get(i + 1) == Some(&close) {
                    out.push(b);
                    out.push(close);
                    i += 2;
                    continue;
                }
                out.push(b);
                depth += 1;
                indent(out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                indent(out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                indent(out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
        i += 1;
    }
}
