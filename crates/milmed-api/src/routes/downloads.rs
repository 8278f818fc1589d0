//! A completed job's files: the ZIP of everything, one file raw (with Range requests), the
//! patients page by page, and the statistics summary.
//!
//! The ZIP is assembled on disk beside the job's files the first time it is asked for
//! (entries stored, not recompressed: the files are already compressed when the job asked for
//! it, and storing copies at disk speed), then served from disk like any other file. Nothing
//! is built in memory.

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::{Extension, Json};
use milmed_store::{Job, JobStatus};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower::ServiceExt;
use tower_http::services::ServeFile;
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::error::{ApiError, ErrorBody};
use crate::extract::QueryParams;
use crate::routes::jobs::load_job;
use crate::AppState;

/// Name of the assembled archive inside a job's directory (not listed in the manifest).
const ZIP_NAME: &str = ".download.zip";
/// Name of the record index used by `/results`.
const INDEX_NAME: &str = ".results.idx";
/// One index entry per this many records.
const INDEX_STRIDE: u64 = 64;
/// Largest page of `/results`.
const MAX_PER_PAGE: u64 = 500;

/// Loads a job of the caller that has its files: 409 while it is not completed, 410 once the
/// retention policy has removed them.
pub(crate) async fn completed_job(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<Job, ApiError> {
    let job = load_job(state, caller, id).await?;
    if job.files_expired_at.is_some() {
        return Err(ApiError::FilesExpired(format!(
            "the files of job {id} were deleted under the retention policy"
        )));
    }
    if job.status != JobStatus::Completed {
        return Err(ApiError::JobNotCompleted(format!(
            "job {id} is {}; its files exist once it is completed",
            job.status.as_str()
        )));
    }
    Ok(job)
}

/// The job's output files as the worker recorded them.
fn output_files(job: &Job) -> Vec<Value> {
    job.result
        .as_ref()
        .and_then(|r| r.get("output_files"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn file_name(entry: &Value) -> Option<&str> {
    entry.get("name").and_then(Value::as_str)
}

fn job_dir(state: &AppState, id: &str) -> Result<PathBuf, ApiError> {
    state
        .service
        .storage
        .job_dir(id)
        .ok_or_else(|| ApiError::JobNotFound(id.to_string()))
}

/// Keeps letters, digits, `-` and `_` of a scenario name for a file name.
fn sanitise(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let s = s.trim_matches('_').to_string();
    if s.is_empty() {
        "milmed".to_string()
    } else {
        s
    }
}

/// Query of a download.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DownloadQuery {
    /// One format's file raw instead of the ZIP (for csv: `patients.csv`; use `file` for the
    /// other tables).
    pub format: Option<String>,
    /// One file by its manifest name (e.g. `conditions.csv`, `manifest.json`).
    pub file: Option<String>,
}

/// Streams a job's files: the ZIP (files plus `manifest.json`), or one file raw with
/// `?format=` or `?file=`. Range requests are honoured.
#[utoipa::path(get, path = "/api/v1/downloads/{job_id}", tag = "downloads", security(("api_key" = [])),
    params(("job_id" = String, Path, description = "Job id"), DownloadQuery),
    responses(
        (status = 200, description = "application/zip, or the single file", content_type = "application/zip", body = Vec<u8>),
        (status = 206, description = "Part of the file (Range)"),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job (`job_not_found`) or file (`not_found`)", body = ErrorBody),
        (status = 409, description = "The job is not completed (`job_not_completed`)", body = ErrorBody),
        (status = 410, description = "The files expired (`files_expired`)", body = ErrorBody),
    ))]
pub async fn download(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    UrlPath(id): UrlPath<String>,
    QueryParams(q): QueryParams<DownloadQuery>,
    req: Request,
) -> Result<Response, ApiError> {
    let job = completed_job(&state, &caller, &id).await?;
    let dir = job_dir(&state, &id)?;
    let files = output_files(&job);
    let scenario_name = serde_json::from_str::<Value>(&job.scenario_json)
        .ok()
        .and_then(|v| v.get("name").and_then(Value::as_str).map(sanitise))
        .unwrap_or_else(|| "milmed".to_string());
    let (path, download_name, media_type) = match (&q.format, &q.file) {
        (Some(_), Some(_)) => {
            return Err(ApiError::InvalidRequest(
                "format, file: give one of them, not both".to_string(),
            ))
        }
        (Some(format), None) => {
            let entry = files
                .iter()
                .find(|f| f.get("format").and_then(Value::as_str) == Some(format.as_str()))
                .ok_or_else(|| {
                    ApiError::NotFound(format!(
                        "format: job {id} has no {format:?} output (it has {})",
                        job.output_formats.join(", ")
                    ))
                })?;
            single(&dir, entry)?
        }
        (None, Some(name)) => {
            if name == "manifest.json" {
                (
                    dir.join("manifest.json"),
                    name.clone(),
                    "application/json".to_string(),
                )
            } else {
                let entry = files
                    .iter()
                    .find(|f| file_name(f) == Some(name.as_str()))
                    .ok_or_else(|| {
                        ApiError::NotFound(format!("file: job {id} has no file {name:?}"))
                    })?;
                single(&dir, entry)?
            }
        }
        (None, None) => {
            let names: Vec<String> = files
                .iter()
                .filter_map(|f| file_name(f).map(str::to_string))
                .collect();
            let zip = dir.join(ZIP_NAME);
            if !zip.exists() {
                let (d, z) = (dir.clone(), zip.clone());
                tokio::task::spawn_blocking(move || build_zip(&d, &names, &z))
                    .await
                    .map_err(|e| ApiError::Internal(format!("zip task: {e}")))??;
            }
            (
                zip,
                format!("{scenario_name}_{id}.zip"),
                "application/zip".to_string(),
            )
        }
    };
    let mut res = ServeFile::new(&path)
        .oneshot(req)
        .await
        .map_err(|e| ApiError::Internal(format!("serving a file: {e}")))?
        .map(Body::new);
    if res.status() == axum::http::StatusCode::NOT_FOUND {
        return Err(ApiError::Internal(format!(
            "job {id}: a listed file is missing"
        )));
    }
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&media_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{download_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// Path, download name and media type of one listed file.
fn single(dir: &Path, entry: &Value) -> Result<(PathBuf, String, String), ApiError> {
    let name = file_name(entry)
        .filter(|n| !n.is_empty() && !n.contains(['/', '\\']) && !n.starts_with('.'))
        .ok_or_else(|| ApiError::Internal("a listed file has no usable name".to_string()))?;
    let media = entry
        .get("media_type")
        .and_then(Value::as_str)
        .unwrap_or("application/octet-stream");
    let media = if entry.get("encryption").is_some_and(|e| !e.is_null()) || name.ends_with(".enc") {
        "application/octet-stream"
    } else if name.ends_with(".gz") {
        "application/gzip"
    } else if name.ends_with(".zst") {
        "application/zstd"
    } else {
        media
    };
    Ok((dir.join(name), name.to_string(), media.to_string()))
}

/// Writes the archive of `names` plus `manifest.json` to `target` (through a temporary name,
/// so a reader never sees half an archive).
fn build_zip(dir: &Path, names: &[String], target: &Path) -> Result<(), ApiError> {
    let io = |e: std::io::Error| ApiError::Internal(format!("building the zip: {e}"));
    let tmp = target.with_extension(format!("tmp-{}", uuid::Uuid::new_v4()));
    let result = (|| -> Result<(), ApiError> {
        let out = File::create(&tmp).map_err(io)?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, out));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true)
            .unix_permissions(0o644);
        let mut all: Vec<&str> = names.iter().map(String::as_str).collect();
        all.push("manifest.json");
        for name in all {
            let mut f = File::open(dir.join(name)).map_err(io)?;
            zip.start_file(name, options)
                .map_err(|e| ApiError::Internal(format!("building the zip: {e}")))?;
            std::io::copy(&mut f, &mut zip).map_err(io)?;
        }
        let mut w = zip
            .finish()
            .map_err(|e| ApiError::Internal(format!("building the zip: {e}")))?;
        w.flush().map_err(io)?;
        Ok(())
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, target).map_err(io),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Query of `/results`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ResultsQuery {
    /// 1-based page (default 1).
    pub page: Option<u64>,
    /// Patients per page, 1–500 (default 100).
    pub per_page: Option<u64>,
}

/// A page of patients.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultsPage {
    /// The job.
    pub job_id: String,
    /// This page.
    pub page: u64,
    /// Its size.
    pub per_page: u64,
    /// Patients in the job.
    pub total: u64,
    /// Pages in all.
    pub total_pages: u64,
    /// The patient records (docs/formats/record.md).
    #[schema(value_type = Vec<Object>)]
    pub patients: Vec<Value>,
}

/// A completed job's patients, page by page, read through a record index (built once per
/// job) so a page costs a seek and at most one page of reading, whatever its number. Needs
/// the job's `ndjson` or `json` output without compression or encryption.
#[utoipa::path(get, path = "/api/v1/jobs/{id}/results", tag = "jobs", security(("api_key" = [])),
    params(("id" = String, Path, description = "Job id"), ResultsQuery),
    responses(
        (status = 200, description = "A page of patients", body = ResultsPage),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job (`job_not_found`)", body = ErrorBody),
        (status = 409, description = "Not completed (`job_not_completed`), or no plain json/ndjson output (`conflict`)", body = ErrorBody),
        (status = 410, description = "Files expired (`files_expired`)", body = ErrorBody),
        (status = 422, description = "Bad page or per_page", body = ErrorBody),
    ))]
pub async fn results(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    UrlPath(id): UrlPath<String>,
    QueryParams(q): QueryParams<ResultsQuery>,
) -> Result<Json<ResultsPage>, ApiError> {
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(100);
    if page == 0 {
        return Err(ApiError::InvalidRequest("page: starts at 1".to_string()));
    }
    if per_page == 0 || per_page > MAX_PER_PAGE {
        return Err(ApiError::InvalidRequest(format!(
            "per_page: must be 1–{MAX_PER_PAGE}"
        )));
    }
    let job = completed_job(&state, &caller, &id).await?;
    let total = job.patient_count;
    let first = (page - 1).saturating_mul(per_page);
    let patients = if first >= total {
        Vec::new()
    } else {
        read_records(&state, &job, first, per_page.min(total - first)).await?
    };
    Ok(Json(ResultsPage {
        job_id: id,
        page,
        per_page,
        total,
        total_pages: total.div_ceil(per_page),
        patients,
    }))
}

/// Reads `n` records from record number `first` of a completed job's pageable output.
async fn read_records(
    state: &AppState,
    job: &Job,
    first: u64,
    n: u64,
) -> Result<Vec<Value>, ApiError> {
    let files = output_files(job);
    let source = ["patients.ndjson", "patients.json"]
        .into_iter()
        .find(|name| files.iter().any(|f| file_name(f) == Some(*name)))
        .ok_or_else(|| {
            ApiError::Conflict(format!(
                "job {} has no uncompressed, unencrypted json or ndjson output to read patients from; download its files instead",
                job.id
            ))
        })?;
    let path = job_dir(state, &job.id)?.join(source);
    let lines = source.ends_with(".ndjson");
    tokio::task::spawn_blocking(move || read_page(&path, lines, first, n))
        .await
        .map_err(|e| ApiError::Internal(format!("results task: {e}")))?
}

/// One patient of a completed job by its record number, if the job has it.
pub(crate) async fn patient_by_index(
    state: &AppState,
    job: &Job,
    index: u64,
) -> Result<Option<Value>, ApiError> {
    if index >= job.patient_count {
        return Ok(None);
    }
    Ok(read_records(state, job, index, 1).await?.pop())
}

/// Scans JSON text for the patient records: the top-level objects of an NDJSON file, or the
/// elements of the `patients` array (or of a bare top-level array) of a JSON document.
/// Strings are tracked, so braces inside them do not count.
struct RecordScanner {
    /// Open containers: `true` for an array.
    stack: Vec<bool>,
    in_string: bool,
    escaped: bool,
    /// Whether the file is NDJSON (records at the top level).
    lines: bool,
}

impl RecordScanner {
    fn new(lines: bool) -> Self {
        RecordScanner {
            stack: Vec::new(),
            in_string: false,
            escaped: false,
            lines,
        }
    }

    /// Feeds one byte; returns whether it opens a record.
    fn feed(&mut self, b: u8) -> bool {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
            return false;
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => {
                let record = b == b'{'
                    && if self.lines {
                        self.stack.is_empty()
                    } else {
                        self.stack == [false, true] || self.stack == [true]
                    };
                self.stack.push(b == b'[');
                return record;
            }
            b'}' | b']' => {
                self.stack.pop();
            }
            _ => {}
        }
        false
    }

    /// Whether the scanner is between records (at the record's container level).
    fn at_record_level(&self) -> bool {
        if self.lines {
            self.stack.is_empty()
        } else {
            self.stack == [false, true] || self.stack == [true]
        }
    }
}

/// Byte offsets of every `INDEX_STRIDE`-th record, built by one scan and cached beside the file.
fn index_of(path: &Path, lines: bool) -> Result<Vec<u64>, ApiError> {
    let io = |e: std::io::Error| ApiError::Internal(format!("results index: {e}"));
    let idx_path = path.with_file_name(INDEX_NAME);
    if let Ok(bytes) = std::fs::read(&idx_path) {
        if bytes.len() % 8 == 0 {
            return Ok(bytes
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect());
        }
    }
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path).map_err(io)?);
    let mut scanner = RecordScanner::new(lines);
    let mut offsets = Vec::new();
    let (mut pos, mut n) = (0u64, 0u64);
    loop {
        let buf = reader.fill_buf().map_err(io)?;
        if buf.is_empty() {
            break;
        }
        for (i, b) in buf.iter().enumerate() {
            if scanner.feed(*b) {
                if n % INDEX_STRIDE == 0 {
                    offsets.push(pos + i as u64);
                }
                n += 1;
            }
        }
        let len = buf.len();
        pos += len as u64;
        reader.consume(len);
    }
    let bytes: Vec<u8> = offsets.iter().flat_map(|o| o.to_le_bytes()).collect();
    let tmp = idx_path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4()));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, &idx_path).map_err(io)?;
    Ok(offsets)
}

/// Reads `n` records starting with record number `first`.
fn read_page(path: &Path, lines: bool, first: u64, n: u64) -> Result<Vec<Value>, ApiError> {
    let io = |e: std::io::Error| ApiError::Internal(format!("reading results: {e}"));
    let index = index_of(path, lines)?;
    let slot = (first / INDEX_STRIDE) as usize;
    let Some(&offset) = index.get(slot) else {
        return Ok(Vec::new());
    };
    let mut file = File::open(path).map_err(io)?;
    file.seek(SeekFrom::Start(offset)).map_err(io)?;
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    // From a record's first byte the records are top-level objects, as in NDJSON.
    let mut scanner = RecordScanner::new(true);
    let mut skip = first % INDEX_STRIDE;
    let mut out = Vec::with_capacity(n as usize);
    let mut record: Vec<u8> = Vec::new();
    let mut inside = false;
    'read: loop {
        let buf = reader.fill_buf().map_err(io)?;
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        for b in buf {
            let opens = scanner.feed(*b);
            if opens {
                inside = true;
            } else if !inside && matches!(b, b']') {
                break 'read;
            }
            if inside {
                record.push(*b);
                if scanner.at_record_level() {
                    inside = false;
                    if skip > 0 {
                        skip -= 1;
                    } else {
                        out.push(serde_json::from_slice(&record).map_err(|e| {
                            ApiError::Internal(format!("a stored record does not parse: {e}"))
                        })?);
                        if out.len() as u64 >= n {
                            break 'read;
                        }
                    }
                    record.clear();
                }
            }
        }
        reader.consume(len);
    }
    Ok(out)
}

/// A completed job's statistics report: counts by front, nationality, category, triage,
/// outcome and role, evacuation and treatment times, and the calibration figures against
/// their published ranges.
#[utoipa::path(get, path = "/api/v1/jobs/{id}/summary", tag = "jobs", security(("api_key" = [])),
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "The report", body = Object),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job (`job_not_found`)", body = ErrorBody),
        (status = 409, description = "Not completed (`job_not_completed`)", body = ErrorBody),
    ))]
pub async fn summary(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    UrlPath(id): UrlPath<String>,
) -> Result<Json<Value>, ApiError> {
    let job = load_job(&state, &caller, &id).await?;
    if job.status != JobStatus::Completed {
        return Err(ApiError::JobNotCompleted(format!(
            "job {id} is {}; its summary exists once it is completed",
            job.status.as_str()
        )));
    }
    let summary = job
        .result
        .as_ref()
        .and_then(|r| r.get("summary"))
        .cloned()
        .unwrap_or(Value::Null);
    Ok(Json(serde_json::json!({
        "job_id": id,
        "total_patients": job.patient_count,
        "seed": job.seed,
        "summary": summary,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sanitised() {
        assert_eq!(
            sanitise("Exercise: Cold Response 2026"),
            "Exercise__Cold_Response_2026"
        );
        assert_eq!(sanitise("../../etc"), "etc");
        assert_eq!(sanitise("ÅÅÅ"), "milmed");
    }

    fn starts(text: &str, lines: bool) -> Vec<usize> {
        let mut s = RecordScanner::new(lines);
        text.bytes()
            .enumerate()
            .filter_map(|(i, b)| s.feed(b).then_some(i))
            .collect()
    }

    #[test]
    fn records_are_found_in_both_layouts() {
        let doc = r#"{"metadata":{"a":[{"x":1}],"s":"{["},"patients":[{"id":0,"t":"}"},{"id":1,"n":{"k":[1]}}]}"#;
        let found = starts(doc, false);
        assert_eq!(found.len(), 2);
        assert!(doc[found[0]..].starts_with(r#"{"id":0"#));
        assert!(doc[found[1]..].starts_with(r#"{"id":1"#));
        let nd = "{\"id\":0,\"s\":\"\\\"{\"}\n{\"id\":1}\n";
        assert_eq!(starts(nd, true).len(), 2);
    }
}
