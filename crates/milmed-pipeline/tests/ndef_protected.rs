//! Protected NDEF output: with gzip and/or encryption, `patients.ndef` keeps one tag block per
//! patient, each message protected on its own with the matching record type; an independent
//! reader (Python ndeflib, gzip, hashlib/hmac and `cryptography`'s AESGCM, tests/py/ndef_open.py)
//! recovers exactly the plain summaries, and only with the right password.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use milmed_core::engine::Generator;
use milmed_core::scenario::parse_str;
use milmed_formats::ndef::{
    read_tag_block, AES_MEDIA_TYPE, GZIP_AES_MEDIA_TYPE, GZIP_MEDIA_TYPE, MEDIA_TYPE,
};
use milmed_formats::Format;
use milmed_package::{Compression, EncryptOptions, Encryption, Kdf, Packaging, Password};
use milmed_pipeline::ndef::NdefOpener;
use milmed_pipeline::{run, Control, Options};
use serde_json::Value;

const N: u64 = 1_500;
const PASSWORD: &str = "correct horse battery staple";
/// Cheap KDF costs: the tests are about the format, not the cost.
const FAST_PBKDF2: Kdf = Kdf::Pbkdf2Sha256 { iterations: 1_000 };

fn generator() -> Generator {
    let text = format!(r#"{{"total_patients": {N}, "seed": 99}}"#);
    Generator::new(parse_str(&text).expect("scenario parses").scenario)
}

fn out_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("milmed-ndefp-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

fn password() -> Password {
    Password::new(PASSWORD.as_bytes().to_vec()).expect("password")
}

fn packaging(compression: Compression, kdf: Option<Kdf>) -> Packaging {
    Packaging {
        compression,
        encryption: kdf.map(|kdf| Encryption {
            password: password(),
            options: EncryptOptions {
                kdf,
                ..EncryptOptions::default()
            },
        }),
    }
}

/// Runs the generation; returns the output directory and the manifest.
fn generate(label: &str, packaging: Packaging, threads: usize) -> (PathBuf, Value) {
    let dir = out_dir(label);
    let opts = Options {
        formats: vec![Format::Ndjson, Format::Ndef],
        out_dir: dir.clone(),
        threads,
        pretty: false,
        array: false,
        fhir_transaction: false,
        warnings: Vec::new(),
        sync: false,
        packaging,
    };
    run(&generator(), &opts, |_| Control::Continue).expect("generation");
    let manifest: Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).expect("manifest"))
            .expect("manifest JSON");
    (dir, manifest)
}

fn ndef_entry(manifest: &Value) -> &Value {
    manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["name"] == "patients.ndef")
        .expect("patients.ndef is listed, without a packaging suffix")
}

/// (type, payload length, summary) of every block, split and opened by the Rust reader.
fn rust_open(file: &[u8], opener: &NdefOpener) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < file.len() {
        let (record, n) = read_tag_block(&file[pos..]).expect("a tag block");
        let (index, summary) = opener.open(&record).expect("the message opens");
        if let Some(i) = index {
            assert_eq!(i, out.len() as u64, "the nonce carries the patient id");
        }
        out.push((
            record.media_type.to_string(),
            record.payload.len(),
            String::from_utf8(summary).expect("UTF-8 summary"),
        ));
        pos += n;
    }
    out
}

/// The independent Python reader; `Err(stderr)` when it refuses the file.
fn python_open(dir: &Path, password: Option<&str>) -> Result<Vec<Value>, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/ndef_open.py");
    let mut cmd = Command::new("python3");
    cmd.arg(script)
        .arg(dir.join("patients.ndef"))
        .arg(dir.join("manifest.json"));
    if let Some(p) = password {
        let file = dir.join("password.txt");
        fs::write(&file, p).expect("password file");
        cmd.arg(file);
    }
    let out = cmd
        .output()
        .expect("python3 runs (see .ci/run for ndeflib and cryptography)");
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON line per message"))
        .collect())
}

/// The plain summaries of the same run, in id order.
fn plain_summaries() -> (Vec<u8>, Vec<(String, usize, String)>) {
    let (dir, manifest) = generate("plain", Packaging::default(), 2);
    assert_eq!(ndef_entry(&manifest)["ndef_record_type"], MEDIA_TYPE);
    assert!(ndef_entry(&manifest).get("encryption").is_none());
    let file = fs::read(dir.join("patients.ndef")).expect("ndef");
    let opened = rust_open(&file, &NdefOpener::plain());
    let _ = fs::remove_dir_all(&dir);
    (file, opened)
}

fn median(mut v: Vec<usize>) -> usize {
    v.sort_unstable();
    v[v.len() / 2]
}

#[test]
fn gzip_messages_are_smaller_deterministic_and_decode_independently() {
    let (_, plain) = plain_summaries();
    let (dir, manifest) = generate("gzip1", packaging(Compression::Gzip, None), 1);
    let entry = ndef_entry(&manifest);
    assert_eq!(entry["ndef_record_type"], GZIP_MEDIA_TYPE);
    assert_eq!(entry["compression"]["per_message"], true);
    assert!(entry.get("encryption").is_none());
    assert!(
        dir.join("patients.ndjson.gz").is_file(),
        "other files are still gzipped as a whole"
    );
    let file = fs::read(dir.join("patients.ndef")).expect("ndef");

    let decoded = python_open(&dir, None).expect("the independent reader opens every message");
    assert_eq!(decoded.len() as u64, N, "one message per patient");
    for (i, (d, p)) in decoded.iter().zip(&plain).enumerate() {
        assert_eq!(d["type"], GZIP_MEDIA_TYPE, "message {i}");
        assert_eq!(d["summary"].as_str(), Some(p.2.as_str()), "message {i}");
    }
    let rust = rust_open(&file, &NdefOpener::plain());
    assert!(rust.iter().zip(&plain).all(|(r, p)| r.2 == p.2));

    let plain_median = median(plain.iter().map(|p| p.1).collect());
    let gzip_median = median(rust.iter().map(|r| r.1).collect());
    let smaller = rust.iter().zip(&plain).filter(|(r, p)| r.1 < p.1).count();
    eprintln!(
        "NDEF payloads, {N} patients: plain median {plain_median} B, gzip median {gzip_median} B; \
         {smaller} of {N} smaller"
    );
    assert!(gzip_median < plain_median);
    assert!(
        smaller as u64 * 100 >= N * 95,
        "a typical message is smaller"
    );

    // No encryption: the same bytes for any number of threads.
    let (dir4, _) = generate("gzip4", packaging(Compression::Gzip, None), 4);
    assert_eq!(
        fs::read(dir4.join("patients.ndef")).expect("ndef"),
        file,
        "gzip NDEF output does not depend on the thread count"
    );
    let _ = fs::remove_dir_all(&dir);
    let _ = fs::remove_dir_all(&dir4);
}

#[test]
fn encrypted_messages_open_independently_with_the_password_only() {
    let (_, plain) = plain_summaries();
    for (label, compression, ty) in [
        ("gzip-aes", Compression::Gzip, GZIP_AES_MEDIA_TYPE),
        ("aes", Compression::None, AES_MEDIA_TYPE),
    ] {
        let (dir, manifest) = generate(label, packaging(compression, Some(FAST_PBKDF2)), 3);
        let entry = ndef_entry(&manifest);
        assert_eq!(entry["ndef_record_type"], ty);
        let enc = &entry["encryption"];
        assert_eq!(enc["kdf"], "pbkdf2-hmac-sha256");
        assert_eq!(enc["salt"].as_str().map(str::len), Some(32));
        let text = fs::read_to_string(dir.join("manifest.json")).expect("manifest");
        assert!(
            !text.contains(PASSWORD),
            "the manifest never holds the password"
        );
        assert!(
            dir.join("patients.ndjson")
                .with_extension(format!(
                    "ndjson{}",
                    packaging(compression, Some(FAST_PBKDF2)).suffix()
                ))
                .is_file(),
            "other files keep the file envelope"
        );

        let decoded = python_open(&dir, Some(PASSWORD)).expect("the right password opens");
        assert_eq!(decoded.len() as u64, N, "{label}: one message per patient");
        for (i, (d, p)) in decoded.iter().zip(&plain).enumerate() {
            assert_eq!(d["type"], ty, "{label} message {i}");
            assert_eq!(d["index"], i as u64, "{label} message {i}: nonce index");
            assert_eq!(
                d["summary"].as_str(),
                Some(p.2.as_str()),
                "{label} message {i}"
            );
        }
        let err = python_open(&dir, Some("wrong password")).expect_err("a wrong password fails");
        assert!(err.contains("wrong password"), "{err}");

        let file = fs::read(dir.join("patients.ndef")).expect("ndef");
        let opener =
            NdefOpener::from_manifest_entry(entry, Some(&password())).expect("right password");
        let rust = rust_open(&file, &opener);
        assert!(rust.iter().zip(&plain).all(|(r, p)| r.2 == p.2));
        let wrong = Password::new(b"nope".to_vec()).expect("password");
        assert!(matches!(
            NdefOpener::from_manifest_entry(entry, Some(&wrong)),
            Err(milmed_package::Error::WrongPassword)
        ));
        // An altered message fails authentication (flip the last tag byte of the first block,
        // just before its terminator).
        let (_, block_len) = read_tag_block(&file).expect("block");
        let mut altered = file.clone();
        altered[block_len - 2] ^= 0x01;
        let (record, _) = read_tag_block(&altered).expect("block");
        assert!(matches!(
            opener.open(&record),
            Err(milmed_package::Error::MessageAuthentication)
        ));
        let _ = fs::remove_dir_all(&dir);
    }
}

#[test]
fn argon2id_parameters_from_the_manifest_open_independently() {
    let kdf = Kdf::Argon2id {
        m_kib: 256,
        t: 1,
        p: 1,
    };
    let (dir, manifest) = generate("argon", packaging(Compression::Gzip, Some(kdf)), 2);
    let entry = ndef_entry(&manifest);
    assert_eq!(entry["encryption"]["kdf"], "argon2id");
    assert_eq!(entry["encryption"]["kdf_params"]["m_kib"], 256);
    let decoded = python_open(&dir, Some(PASSWORD)).expect("opens");
    assert_eq!(decoded.len() as u64, N);
    assert_eq!(decoded[0]["type"], GZIP_AES_MEDIA_TYPE);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn zstd_leaves_ndef_messages_plain_with_a_warning() {
    let (plain_file, _) = plain_summaries();
    let (dir, manifest) = generate("zstd", packaging(Compression::Zstd, None), 2);
    assert_eq!(
        fs::read(dir.join("patients.ndef")).expect("ndef"),
        plain_file,
        "zstd has no NDEF type: the messages stay plain, byte for byte"
    );
    let entry = ndef_entry(&manifest);
    assert_eq!(entry["ndef_record_type"], MEDIA_TYPE);
    assert!(entry.get("compression").is_none());
    let warnings = manifest["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("zstd has no NDEF"))),
        "{warnings:?}"
    );
    assert!(dir.join("patients.ndjson.zst").is_file());
    let _ = fs::remove_dir_all(&dir);
}
