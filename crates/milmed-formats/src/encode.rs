//! Output formats, their files, and the per-chunk encoder.

use std::sync::Arc;

use milmed_core::record::Patient;
use milmed_core::scenario::Scenario;
use serde_json::{json, Value};

use crate::csv_tables::{self, Table};
use crate::fhir::{self, FhirScratch};
use crate::xlsx::XlsxChunk;
use crate::{json as record_json, ndef, xml, Error};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `patients.json`: `{"metadata": …, "patients": […]}` (or a bare array).
    Json,
    /// `patients.ndjson`: one record per line.
    Ndjson,
    /// `patients.csv` and the related tables.
    Csv,
    /// `patients.xml`: one document, validated by docs/formats/patients.xsd.
    Xml,
    /// `patients.xlsx`: the CSV tables as sheets of one workbook.
    Xlsx,
    /// `patients.fhir.ndjson`: one FHIR R4 Bundle per line (Bulk Data style).
    Fhir,
    /// `patients.fhir.json`: a JSON array of FHIR R4 Bundles.
    FhirJson,
    /// `patients.ndef`: one NDEF message per patient in Type 2 tag TLV framing.
    Ndef,
}

impl Format {
    /// Every format, in file order.
    pub const ALL: [Format; 8] = [
        Format::Json,
        Format::Ndjson,
        Format::Csv,
        Format::Xml,
        Format::Xlsx,
        Format::Fhir,
        Format::FhirJson,
        Format::Ndef,
    ];

    /// Parses a format name (case-insensitive; aliases: `jsonl`, `fhir-ndjson`, `fhir_json`).
    pub fn parse(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "ndjson" | "jsonl" => Ok(Format::Ndjson),
            "csv" => Ok(Format::Csv),
            "xml" => Ok(Format::Xml),
            "xlsx" => Ok(Format::Xlsx),
            "fhir" | "fhir-ndjson" | "fhir_ndjson" => Ok(Format::Fhir),
            "fhir-json" | "fhir_json" => Ok(Format::FhirJson),
            "ndef" => Ok(Format::Ndef),
            other => Err(Error::UnknownFormat(other.to_string())),
        }
    }

    /// Name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Xml => "xml",
            Format::Xlsx => "xlsx",
            Format::Fhir => "fhir",
            Format::FhirJson => "fhir-json",
            Format::Ndef => "ndef",
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

impl OutputFile {
    fn single(format: Format, name: &'static str, media_type: &'static str) -> Self {
        OutputFile {
            format,
            name,
            media_type,
            table: None,
        }
    }
}

/// The files written for a set of formats, in a fixed order.
pub fn output_files(formats: &[Format]) -> Vec<OutputFile> {
    let mut fs: Vec<Format> = formats.to_vec();
    fs.sort();
    fs.dedup();
    let mut out = Vec::new();
    for f in fs {
        match f {
            Format::Json => out.push(OutputFile::single(f, "patients.json", "application/json")),
            Format::Ndjson => out.push(OutputFile::single(
                f,
                "patients.ndjson",
                "application/x-ndjson",
            )),
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
            Format::Xml => out.push(OutputFile::single(f, "patients.xml", "application/xml")),
            Format::Xlsx => out.push(OutputFile::single(
                f,
                "patients.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )),
            Format::Fhir => out.push(OutputFile::single(
                f,
                "patients.fhir.ndjson",
                "application/fhir+ndjson",
            )),
            Format::FhirJson => out.push(OutputFile::single(
                f,
                "patients.fhir.json",
                "application/fhir+json",
            )),
            Format::Ndef => out.push(OutputFile::single(
                f,
                "patients.ndef",
                "application/octet-stream",
            )),
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

/// How records are encoded (beyond the choice of formats).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EncodeOptions {
    /// Indented JSON.
    pub pretty: bool,
    /// `patients.json` as a bare array.
    pub array: bool,
    /// FHIR bundles of type `transaction` (entries with `request`) instead of `collection`.
    pub fhir_transaction: bool,
}

/// Encodes chunks of patients into the bytes of every output file.
pub struct ChunkEncoder {
    files: Vec<OutputFile>,
    opts: EncodeOptions,
    /// One buffer per output file (empty for the XLSX file, whose rows are in [`Self::xlsx`]).
    pub buffers: Vec<Vec<u8>>,
    /// The spreadsheet rows of the chunk, when an XLSX file is produced.
    pub xlsx: Option<XlsxChunk>,
    csv: [Vec<u8>; 5],
    scratch: Vec<u8>,
    record: Vec<u8>,
    fhir: FhirScratch,
    /// Protection of the NDEF payloads (none: plain summaries).
    ndef_protect: Option<Arc<dyn ndef::Protect>>,
    ndef_payload: Vec<u8>,
}

impl ChunkEncoder {
    /// An encoder for these files.
    pub fn new(files: &[OutputFile], opts: EncodeOptions) -> Self {
        let xlsx = files
            .iter()
            .any(|f| f.format == Format::Xlsx)
            .then(XlsxChunk::default);
        ChunkEncoder {
            files: files.to_vec(),
            opts,
            buffers: files.iter().map(|_| Vec::with_capacity(1 << 16)).collect(),
            xlsx,
            csv: Default::default(),
            scratch: Vec::new(),
            record: Vec::with_capacity(4096),
            fhir: FhirScratch::default(),
            ndef_protect: None,
            ndef_payload: Vec::new(),
        }
    }

    /// Protects every NDEF payload with `protect` (gzip and/or AES, by the packaging layer):
    /// the records get its type name and payloads. Without it the summaries are written plain.
    pub fn set_ndef_protection(&mut self, protect: Option<Arc<dyn ndef::Protect>>) {
        self.ndef_protect = protect;
    }

    /// Clears the buffers for the next chunk.
    pub fn clear(&mut self) {
        for b in &mut self.buffers {
            b.clear();
        }
        if let Some(x) = &mut self.xlsx {
            x.clear();
        }
    }

    /// The bytes each file starts with.
    pub fn prologue(&self, file: &OutputFile, metadata: &Value) -> Vec<u8> {
        match (file.format, file.table) {
            (Format::Json, _) if self.opts.array => b"[".to_vec(),
            (Format::Json, _) => {
                let meta = if self.opts.pretty {
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
            (Format::Xml, _) => xml::prologue(metadata),
            (Format::FhirJson, _) => b"[".to_vec(),
            _ => Vec::new(),
        }
    }

    /// The bytes each file ends with.
    pub fn epilogue(&self, file: &OutputFile) -> &'static [u8] {
        match file.format {
            Format::Json if self.opts.array => b"]\n",
            Format::Json => b"]}\n",
            Format::FhirJson => b"]\n",
            Format::Xml => xml::EPILOGUE,
            _ => b"",
        }
    }

    /// Encodes one patient into every file's buffer.
    pub fn push(&mut self, s: &Scenario, p: &Patient) -> Result<(), Error> {
        let mut csv_done = false;
        for (i, f) in self.files.iter().enumerate() {
            match f.format {
                Format::Json => {
                    let buf = &mut self.buffers[i];
                    if p.id > 0 {
                        buf.push(b',');
                    }
                    if self.opts.pretty {
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
                Format::Csv | Format::Xlsx => {
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
                    } else if let Some(x) = &mut self.xlsx {
                        x.push_csv(&self.csv)?;
                    }
                }
                Format::Xml => xml::write_patient(&mut self.buffers[i], s, p),
                Format::Fhir => {
                    let buf = &mut self.buffers[i];
                    fhir::write_bundle(buf, s, p, self.opts.fhir_transaction, &mut self.fhir);
                    buf.push(b'\n');
                }
                Format::FhirJson => {
                    let buf = &mut self.buffers[i];
                    if p.id > 0 {
                        buf.push(b',');
                    }
                    buf.push(b'\n');
                    fhir::write_bundle(buf, s, p, self.opts.fhir_transaction, &mut self.fhir);
                }
                Format::Ndef => {
                    self.record.clear();
                    ndef::write_summary(&mut self.record, p);
                    match &self.ndef_protect {
                        None => ndef::write_tag_block(
                            &mut self.buffers[i],
                            ndef::MEDIA_TYPE,
                            &self.record,
                        )?,
                        Some(protect) => {
                            self.ndef_payload.clear();
                            protect.protect(p.id, &self.record, &mut self.ndef_payload)?;
                            ndef::write_tag_block(
                                &mut self.buffers[i],
                                protect.media_type(),
                                &self.ndef_payload,
                            )?;
                        }
                    }
                }
            }
        }
        Ok(())
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
