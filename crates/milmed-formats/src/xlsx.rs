//! The workbook `patients.xlsx` (docs/formats/xlsx.md): the five CSV tables, one sheet each,
//! written in constant memory.
//!
//! Rows are produced per chunk, in parallel, as SpreadsheetML `<row>` elements (cells without
//! `r` references, so a row does not need to know its global number). The single writer
//! appends them to one spool file per sheet; a sheet holds a header row and at most
//! [`DATA_ROWS_PER_SHEET`] data rows, after which the table continues on a new sheet named
//! `events (2)`, `events (3)` …. [`XlsxWriter::finish`] then assembles the ZIP package
//! (deflate) from the spool files and removes them. Memory is bounded by one chunk plus the
//! writers' buffers, whatever the number of patients.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::csv_tables::Table;
use crate::xml::push_text;
use crate::Error;

/// Rows of an Excel worksheet (header included).
pub const MAX_SHEET_ROWS: u64 = 1_048_576;
/// Data rows per sheet: the limit less the header row.
pub const DATA_ROWS_PER_SHEET: u64 = MAX_SHEET_ROWS - 1;

const SHEET_HEAD: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>";
const SHEET_TAIL: &[u8] = b"</sheetData></worksheet>";

/// Columns written as numbers; every other column is text, exactly as in the CSV.
fn numeric_column(name: &str) -> bool {
    matches!(
        name,
        "patient_id"
            | "seq"
            | "age"
            | "total_timeline_events"
            | "weight_kg"
            | "height_cm"
            | "day"
            | "severity"
            | "hours_since_injury"
            | "heart_rate"
            | "respiratory_rate"
            | "systolic_bp"
            | "diastolic_bp"
            | "spo2"
            | "temperature"
            | "gcs"
            | "pain"
    )
}

fn looks_numeric(field: &[u8]) -> bool {
    !field.is_empty()
        && field
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b'.' || *b == b'-')
        && field.iter().any(u8::is_ascii_digit)
}

fn text_cell(out: &mut Vec<u8>, text: &str, style: Option<&str>) {
    out.extend_from_slice(b"<c t=\"inlineStr\"");
    if let Some(s) = style {
        out.extend_from_slice(b" s=\"");
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
    let edge_space = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    out.extend_from_slice(if edge_space {
        b"><is><t xml:space=\"preserve\">".as_slice()
    } else {
        b"><is><t>".as_slice()
    });
    push_text(out, text);
    out.extend_from_slice(b"</t></is></c>");
}

/// The header row of a table's sheet (bold).
fn header_row(table: Table) -> Vec<u8> {
    let mut out = b"<row>".to_vec();
    for name in table.header() {
        text_cell(&mut out, name, Some("1"));
    }
    out.extend_from_slice(b"</row>");
    out
}

/// The spreadsheet rows of one chunk, per table, with the end offset of every row so the
/// writer can split a chunk across sheets.
#[derive(Debug, Default)]
pub struct XlsxChunk {
    rows: [Vec<u8>; 5],
    ends: [Vec<usize>; 5],
}

impl XlsxChunk {
    /// Empties the chunk, keeping capacity.
    pub fn clear(&mut self) {
        for t in 0..5 {
            self.rows[t].clear();
            self.ends[t].clear();
        }
    }

    /// Bytes of sheet XML in the chunk.
    pub fn bytes(&self) -> u64 {
        self.rows.iter().map(|r| r.len() as u64).sum()
    }

    /// Number of rows of `table` in the chunk.
    pub fn row_count(&self, table: Table) -> usize {
        self.ends[table_index(table)].len()
    }

    /// Converts one patient's CSV rows (the five table buffers of
    /// [`crate::csv_tables::write_rows`]) into spreadsheet rows, so both formats carry the
    /// same values in the same columns.
    pub fn push_csv(&mut self, csv: &[Vec<u8>; 5]) -> Result<(), Error> {
        for (t, table) in Table::ALL.into_iter().enumerate() {
            let header = table.header();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(csv[t].as_slice());
            let mut record = csv::ByteRecord::new();
            let out = &mut self.rows[t];
            while reader
                .read_byte_record(&mut record)
                .map_err(|e| Error::Sheet(e.to_string()))?
            {
                out.extend_from_slice(b"<row>");
                for (i, field) in record.iter().enumerate() {
                    let numeric = header.get(i).is_some_and(|h| numeric_column(h));
                    if field.is_empty() {
                        // Cells carry no references, so an empty field still needs its
                        // (empty) cell to keep the next one in its column.
                        out.extend_from_slice(b"<c/>");
                    } else if numeric && looks_numeric(field) {
                        out.extend_from_slice(b"<c><v>");
                        out.extend_from_slice(field);
                        out.extend_from_slice(b"</v></c>");
                    } else {
                        let text = std::str::from_utf8(field).map_err(|e| {
                            Error::Sheet(format!("{} column {i}: {e}", table.file_name()))
                        })?;
                        text_cell(out, text, None);
                    }
                }
                out.extend_from_slice(b"</row>");
                self.ends[t].push(out.len());
            }
        }
        Ok(())
    }
}

fn table_index(table: Table) -> usize {
    Table::ALL.iter().position(|t| *t == table).unwrap_or(0)
}

/// Name of a table's sheet: the table name, then `name (2)`, `name (3)` … for continuations.
pub fn sheet_name(table: Table, part: u32) -> String {
    let base = table.file_name().trim_end_matches(".csv");
    if part <= 1 {
        base.to_string()
    } else {
        format!("{base} ({part})")
    }
}

struct Part {
    table: Table,
    number: u32,
    path: PathBuf,
    rows: u64,
}

struct Spool {
    writer: BufWriter<File>,
    part: usize,
}

/// Streams chunks of rows to per-sheet spool files and assembles the workbook at the end.
pub struct XlsxWriter {
    dir: PathBuf,
    stem: String,
    rows_per_sheet: u64,
    parts: Vec<Part>,
    open: Vec<Spool>,
    finished: bool,
}

impl XlsxWriter {
    /// A writer spooling into `dir`, naming its temporary files after `stem`, with at most
    /// `rows_per_sheet` data rows per sheet (use [`DATA_ROWS_PER_SHEET`]; smaller values are for
    /// tests). Every table gets its first sheet even when it stays empty.
    pub fn new(dir: &Path, stem: &str, rows_per_sheet: u64) -> io::Result<Self> {
        let mut w = XlsxWriter {
            dir: dir.to_path_buf(),
            stem: stem.to_string(),
            rows_per_sheet: rows_per_sheet.clamp(1, DATA_ROWS_PER_SHEET),
            parts: Vec::new(),
            open: Vec::new(),
            finished: false,
        };
        for table in Table::ALL {
            let spool = w.new_part(table, 1)?;
            w.open.push(spool);
        }
        Ok(w)
    }

    fn new_part(&mut self, table: Table, number: u32) -> io::Result<Spool> {
        let path = self.dir.join(format!(
            "{}.sheet{}.partial",
            self.stem,
            self.parts.len() + 1
        ));
        let file = File::create(&path)?;
        self.parts.push(Part {
            table,
            number,
            path,
            rows: 0,
        });
        Ok(Spool {
            writer: BufWriter::with_capacity(1 << 18, file),
            part: self.parts.len() - 1,
        })
    }

    /// Appends a chunk's rows, opening continuation sheets where a sheet is full.
    pub fn write_chunk(&mut self, chunk: &XlsxChunk) -> io::Result<()> {
        for (t, table) in Table::ALL.into_iter().enumerate() {
            let rows = &chunk.rows[t];
            let ends = &chunk.ends[t];
            let mut start_row = 0usize;
            while start_row < ends.len() {
                let part = self.open[t].part;
                let room = self.rows_per_sheet - self.parts[part].rows;
                if room == 0 {
                    let number = self.parts[part].number + 1;
                    self.open[t].writer.flush()?;
                    let spool = self.new_part(table, number)?;
                    self.open[t] = spool;
                    continue;
                }
                let take =
                    (ends.len() - start_row).min(usize::try_from(room).unwrap_or(usize::MAX));
                let from = if start_row == 0 {
                    0
                } else {
                    ends[start_row - 1]
                };
                let to = ends[start_row + take - 1];
                self.open[t].writer.write_all(&rows[from..to])?;
                self.parts[part].rows += take as u64;
                start_row += take;
            }
        }
        Ok(())
    }

    /// Names of the sheets in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.ordered()
            .map(|p| sheet_name(p.table, p.number))
            .collect()
    }

    fn ordered(&self) -> impl Iterator<Item = &Part> {
        let mut order: Vec<&Part> = self.parts.iter().collect();
        order.sort_by_key(|p| (table_index(p.table), p.number));
        order.into_iter()
    }

    /// Writes the complete workbook to `out` and removes the spool files.
    pub fn finish<W: Write + Seek>(mut self, out: W) -> io::Result<W> {
        for s in &mut self.open {
            s.writer.flush()?;
        }
        self.open.clear();
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(1))
            .last_modified_time(DateTime::default());
        let mut zip = ZipWriter::new(out);
        let parts: Vec<(String, Table, PathBuf)> = self
            .ordered()
            .map(|p| (sheet_name(p.table, p.number), p.table, p.path.clone()))
            .collect();
        let n = parts.len();

        let mut ct = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for i in 1..=n {
            ct.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        }
        ct.push_str("</Types>");
        zip.start_file("[Content_Types].xml", opts)?;
        zip.write_all(ct.as_bytes())?;

        zip.start_file("_rels/.rels", opts)?;
        zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")?;

        let mut wb = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
        let mut rels = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (i, (name, _, _)) in parts.iter().enumerate() {
            let id = i + 1;
            wb.push_str(&format!(
                "<sheet name=\"{name}\" sheetId=\"{id}\" r:id=\"rId{id}\"/>"
            ));
            rels.push_str(&format!("<Relationship Id=\"rId{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{id}.xml\"/>"));
        }
        wb.push_str("</sheets></workbook>");
        rels.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>", n + 1));
        zip.start_file("xl/workbook.xml", opts)?;
        zip.write_all(wb.as_bytes())?;
        zip.start_file("xl/_rels/workbook.xml.rels", opts)?;
        zip.write_all(rels.as_bytes())?;
        zip.start_file("xl/styles.xml", opts)?;
        zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>")?;

        for (i, (_, table, path)) in parts.iter().enumerate() {
            zip.start_file(format!("xl/worksheets/sheet{}.xml", i + 1), opts)?;
            zip.write_all(SHEET_HEAD)?;
            zip.write_all(&header_row(*table))?;
            let mut spool = BufReader::with_capacity(1 << 18, File::open(path)?);
            copy(&mut spool, &mut zip)?;
            zip.write_all(SHEET_TAIL)?;
        }
        let out = zip.finish().map_err(io::Error::other)?;
        self.finished = true;
        for p in &self.parts {
            fs::remove_file(&p.path)?;
        }
        Ok(out)
    }
}

fn copy(from: &mut impl Read, to: &mut impl Write) -> io::Result<()> {
    io::copy(from, to).map(|_| ())
}

impl Drop for XlsxWriter {
    /// A failed or abandoned workbook leaves no spool files behind.
    fn drop(&mut self) {
        if !self.finished {
            self.open.clear();
            for p in &self.parts {
                let _ = fs::remove_file(&p.path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_continue_with_numbers() {
        assert_eq!(sheet_name(Table::Events, 1), "events");
        assert_eq!(sheet_name(Table::Events, 2), "events (2)");
        assert_eq!(sheet_name(Table::Patients, 1), "patients");
    }

    #[test]
    fn numbers_only_in_numeric_columns() {
        assert!(looks_numeric(b"12.50"));
        assert!(looks_numeric(b"-3"));
        assert!(!looks_numeric(b""));
        assert!(!looks_numeric(b"-"));
        assert!(!looks_numeric(b"2025-06-01T00:00:00Z"));
        assert!(numeric_column("heart_rate"));
        assert!(!numeric_column("id_number"));
    }
}
