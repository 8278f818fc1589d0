//! `generate --compress/--encrypt` and `decrypt`, run as real processes: the packaged files
//! unpack (with the independent `gzip`/`zstd` programs) to exactly the bytes of a plain run,
//! the manifest describes the bytes on disk, and passwords never show.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sha2::{Digest, Sha256};

const PASSWORD: &str = "Tr1age-Kilo-Echo-7";
const PW_VAR: &str = "MILMED_TEST_PASSWORD";

fn milmed(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_milmed"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the milmed binary runs")
}

fn temp_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("milmed-pkg-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn generate(dir: &Path, extra: &[&str]) -> Output {
    let out = dir.to_str().expect("utf-8 path");
    let mut args = vec![
        "generate",
        "-n",
        "3000",
        "--seed",
        "7",
        "--format",
        "ndjson,csv",
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    milmed(&args, &[(PW_VAR, PASSWORD)])
}

const FILES: [&str; 6] = [
    "patients.ndjson",
    "patients.csv",
    "conditions.csv",
    "treatments.csv",
    "events.csv",
    "vitals.csv",
];

/// Runs an independent decompressor over a file.
fn decompress(program: &str, path: &Path) -> Vec<u8> {
    let o = Command::new(program)
        .arg("-dc")
        .arg(path)
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (see .ci/run): {e}"));
    assert!(
        o.status.success(),
        "{program} -dc {}: {}",
        path.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// The manifest lists exactly the files on disk, with their on-disk size and SHA-256, and
/// no temporary file is left.
fn check_manifest(dir: &Path, suffix: &str) -> serde_json::Value {
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).expect("manifest"))
            .expect("manifest is JSON");
    let files = m["files"].as_array().expect("files");
    assert_eq!(files.len(), FILES.len());
    for (entry, plain) in files.iter().zip(FILES) {
        let name = format!("{plain}{suffix}");
        assert_eq!(entry["name"], name.as_str());
        let bytes = fs::read(dir.join(&name)).expect("listed file exists");
        assert_eq!(entry["bytes"], bytes.len() as u64, "{name}");
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(entry["sha256"], sha.as_str(), "{name}");
    }
    let on_disk = fs::read_dir(dir).expect("dir").count();
    assert_eq!(on_disk, FILES.len() + 1, "only the files and the manifest");
    m
}

#[test]
fn compressed_output_decompresses_to_the_plain_bytes() {
    let plain = temp_dir("plain");
    let o = generate(&plain, &["--quiet"]);
    assert!(o.status.success(), "{}", text(&o));
    let m = check_manifest(&plain, "");
    assert!(m["files"][0].get("compression").is_none());
    assert!(m["files"][0].get("encryption").is_none());
    for (algo, suffix, program) in [("gzip", ".gz", "gzip"), ("zstd", ".zst", "zstd")] {
        let mut previous: Option<Vec<u8>> = None;
        for threads in ["1", "2"] {
            let dir = temp_dir(&format!("{algo}-{threads}"));
            let o = generate(&dir, &["--quiet", "--compress", algo, "--threads", threads]);
            assert!(o.status.success(), "{}", text(&o));
            let m = check_manifest(&dir, suffix);
            assert_eq!(m["files"][0]["compression"]["algorithm"], algo);
            for name in FILES {
                let packed = dir.join(format!("{name}{suffix}"));
                let bytes = decompress(program, &packed);
                let expected = fs::read(plain.join(name)).expect("plain file");
                assert!(
                    bytes == expected,
                    "{algo} {name} differs from the plain run"
                );
            }
            // Compression is deterministic: same bytes for any number of threads.
            let first = fs::read(dir.join(format!("patients.ndjson{suffix}"))).expect("file");
            if let Some(p) = &previous {
                assert!(p == &first, "{algo} output depends on the thread count");
            }
            previous = Some(first);
            fs::remove_dir_all(dir).ok();
        }
    }
    fs::remove_dir_all(plain).ok();
}

#[test]
fn encrypted_output_decrypts_to_the_plain_bytes() {
    let plain = temp_dir("eplain");
    assert!(generate(&plain, &["--quiet"]).status.success());
    let dir = temp_dir("enc");
    // Not quiet: the summary must not show the password either.
    let o = generate(
        &dir,
        &["--compress", "gzip", "--encrypt", "--password-env", PW_VAR],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(!text(&o).contains(PASSWORD), "password printed");
    let m = check_manifest(&dir, ".gz.enc");
    let manifest_text = fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    assert!(
        !manifest_text.contains(PASSWORD),
        "password in the manifest"
    );
    assert_eq!(m["files"][0]["encryption"]["kdf"], "argon2id");
    assert_eq!(m["files"][0]["encryption"]["cipher"], "AES-256-GCM");
    let out = temp_dir("dec");
    for name in FILES {
        let target = out.join(format!("{name}.gz"));
        let o = milmed(
            &[
                "decrypt",
                dir.join(format!("{name}.gz.enc")).to_str().expect("utf-8"),
                "--out",
                target.to_str().expect("utf-8"),
                "--password-env",
                PW_VAR,
            ],
            &[(PW_VAR, PASSWORD)],
        );
        assert!(o.status.success(), "{}", text(&o));
        assert!(!text(&o).contains(PASSWORD));
        let bytes = decompress("gzip", &target);
        assert!(
            bytes == fs::read(plain.join(name)).expect("plain"),
            "{name} differs from the plain run"
        );
    }
    // Encryption only, PBKDF2, password from a file.
    let pwfile = out.join("password.txt");
    fs::write(&pwfile, format!("{PASSWORD}\n")).expect("write");
    let dir2 = temp_dir("enc2");
    let pw = pwfile.to_str().expect("utf-8");
    let o = generate(
        &dir2,
        &[
            "--quiet",
            "--encrypt",
            "--kdf",
            "pbkdf2",
            "--password-file",
            pw,
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let m = check_manifest(&dir2, ".enc");
    assert_eq!(m["files"][0]["encryption"]["kdf"], "pbkdf2-hmac-sha256");
    assert_eq!(
        m["files"][0]["encryption"]["kdf_params"]["iterations"],
        600_000
    );
    let target = out.join("p.ndjson");
    let o = milmed(
        &[
            "decrypt",
            dir2.join("patients.ndjson.enc").to_str().expect("utf-8"),
            "--out",
            target.to_str().expect("utf-8"),
            "--password-file",
            pw,
        ],
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        fs::read(&target).expect("out") == fs::read(plain.join("patients.ndjson")).expect("plain")
    );
    // Salt and nonce prefix are fresh: two runs differ on disk, not after decryption.
    let a = fs::read(dir.join("patients.ndjson.gz.enc")).expect("a");
    let b = fs::read(dir2.join("patients.ndjson.enc")).expect("b");
    assert_ne!(a[..60], b[..60]);
    for d in [plain, dir, dir2, out] {
        fs::remove_dir_all(d).ok();
    }
}

/// Asserts a one-line input error with exit code 2 that names `needle`.
fn assert_input_error(o: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "exit code for {needle:?}: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "{needle:?} not named in {err:?}");
}

#[test]
fn bad_packaging_flags_are_input_errors() {
    let dir = temp_dir("flags");
    let o = generate(&dir, &["--encrypt"]);
    assert_input_error(&o, "--encrypt");
    assert!(String::from_utf8_lossy(&o.stderr).contains("--password-env"));
    assert_eq!(
        fs::read_dir(&dir).expect("dir").count(),
        0,
        "nothing written"
    );
    assert_input_error(&generate(&dir, &["--compress", "rar"]), "--compress");
    assert_input_error(
        &generate(
            &dir,
            &["--encrypt", "--kdf", "md5", "--password-env", PW_VAR],
        ),
        "--kdf",
    );
    assert_input_error(&generate(&dir, &["--password-env", PW_VAR]), "--encrypt");
    assert_input_error(
        &generate(
            &dir,
            &["--encrypt", "--password-env", "MILMED_NO_SUCH_VARIABLE"],
        ),
        "MILMED_NO_SUCH_VARIABLE",
    );
    let o = milmed(&["decrypt", "x.enc", "--out", "y"], &[]);
    assert_input_error(&o, "--password-env");
    fs::remove_dir_all(dir).ok();
}

#[test]
fn wrong_password_or_damage_writes_no_output() {
    let dir = temp_dir("wrong");
    let o = generate(&dir, &["--quiet", "--encrypt", "--password-env", PW_VAR]);
    assert!(o.status.success(), "{}", text(&o));
    let enc = dir.join("patients.ndjson.enc");
    let out = dir.join("plain.ndjson");
    let decrypt = |password: &str| {
        milmed(
            &[
                "decrypt",
                enc.to_str().expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
                "--password-env",
                PW_VAR,
            ],
            &[(PW_VAR, password)],
        )
    };
    let o = milmed(
        &[
            "decrypt",
            enc.to_str().expect("utf-8"),
            "--out",
            enc.to_str().expect("utf-8"),
            "--password-env",
            PW_VAR,
        ],
        &[(PW_VAR, PASSWORD)],
    );
    assert_input_error(&o, "--out");
    let o = decrypt("not-the-password");
    assert!(!o.status.success());
    assert!(text(&o).contains("wrong password"), "{}", text(&o));
    assert!(!text(&o).contains("not-the-password"));
    // A byte flipped near the end: the earlier chunks verify, yet nothing may be left.
    let mut bytes = fs::read(&enc).expect("read");
    let at = bytes.len() - 100;
    bytes[at] ^= 0x04;
    fs::write(&enc, &bytes).expect("write");
    let o = decrypt(PASSWORD);
    assert!(!o.status.success());
    assert!(text(&o).contains("failed authentication"), "{}", text(&o));
    // Truncated: the final chunk missing.
    bytes[at] ^= 0x04;
    fs::write(&enc, &bytes[..65 + 2 * (65536 + 16)]).expect("write");
    let o = decrypt(PASSWORD);
    assert!(!o.status.success());
    assert!(text(&o).contains("truncated"), "{}", text(&o));
    let names: Vec<String> = fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!out.exists(), "plaintext left: {names:?}");
    assert_eq!(
        names.len(),
        FILES.len() + 1,
        "only the envelopes and the manifest: {names:?}"
    );
    fs::remove_dir_all(dir).ok();
}

#[test]
fn every_format_packs_and_unpacks() {
    let formats = "json,xml,xlsx,fhir,ndef";
    // patients.ndef is never wrapped as a whole: its messages are protected one by one
    // (checked after the loop and in ndef_messages_are_protected_one_by_one).
    let names = [
        "patients.json",
        "patients.xml",
        "patients.fhir.ndjson",
        "patients.xlsx",
    ];
    let plain = temp_dir("fplain");
    let packed = temp_dir("fpacked");
    let gz = temp_dir("fgz");
    let base = ["-n", "300", "--seed", "3", "--quiet", "--format", formats];
    let run = |dir: &Path, extra: &[&str]| {
        let mut args = vec!["generate", "--out", dir.to_str().expect("utf-8")];
        args.extend_from_slice(&base);
        args.extend_from_slice(extra);
        let o = milmed(&args, &[(PW_VAR, PASSWORD)]);
        assert!(o.status.success(), "{}", text(&o));
    };
    run(&plain, &[]);
    run(
        &packed,
        &["--compress", "zstd", "--encrypt", "--password-env", PW_VAR],
    );
    run(&gz, &["--compress", "gzip"]);
    for name in names {
        let expected = fs::read(plain.join(name)).expect("plain");
        let target = packed.join(format!("{name}.zst"));
        let o = milmed(
            &[
                "decrypt",
                packed
                    .join(format!("{name}.zst.enc"))
                    .to_str()
                    .expect("utf-8"),
                "--out",
                target.to_str().expect("utf-8"),
                "--password-env",
                PW_VAR,
            ],
            &[(PW_VAR, PASSWORD)],
        );
        assert!(o.status.success(), "{}", text(&o));
        assert!(
            decompress("zstd", &target) == expected,
            "{name} (zstd, encrypted)"
        );
        // A second, independent gzip reader: Python's gzip module.
        let o = Command::new("python3")
            .args([
                "-c",
                "import gzip, sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())",
            ])
            .arg(gz.join(format!("{name}.gz")))
            .output()
            .expect("python3 runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(o.stdout == expected, "{name} (gzip via Python)");
    }
    // zstd has no NDEF type: the messages are only encrypted (per message), with a warning.
    let summaries = |dir: &Path, pw: bool| {
        let file = dir.join("patients.ndef");
        let mut args = vec!["ndef-decode", file.to_str().expect("utf-8")];
        if pw {
            args.extend_from_slice(&["--password-env", PW_VAR]);
        }
        let o = milmed(&args, &[(PW_VAR, PASSWORD)]);
        assert!(o.status.success(), "{}", text(&o));
        o.stdout
    };
    let expected = summaries(&plain, false);
    assert_eq!(expected.iter().filter(|&&b| b == b'\n').count(), 300);
    assert!(!packed.join("patients.ndef.zst.enc").exists());
    assert_eq!(summaries(&packed, true), expected, "ndef (zstd, encrypted)");
    assert_eq!(summaries(&gz, false), expected, "ndef (gzip)");
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(packed.join("manifest.json")).expect("manifest"))
            .expect("manifest is JSON");
    assert!(m["warnings"].to_string().contains("zstd has no NDEF"));
    for d in [plain, packed, gz] {
        fs::remove_dir_all(d).ok();
    }
}

#[test]
fn ndef_messages_are_protected_one_by_one() {
    let dir = temp_dir("ndef");
    let out = dir.join("out");
    let o = milmed(
        &[
            "generate",
            "-n",
            "50",
            "--seed",
            "5",
            "--quiet",
            "--format",
            "ndef",
            "--out",
            out.to_str().expect("utf-8"),
            "--compress",
            "gzip",
            "--encrypt",
            "--kdf",
            "pbkdf2",
            "--password-env",
            PW_VAR,
        ],
        &[(PW_VAR, PASSWORD)],
    );
    assert!(o.status.success(), "{}", text(&o));
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("manifest is JSON");
    let entry = &m["files"][0];
    assert_eq!(entry["name"], "patients.ndef");
    assert_eq!(
        entry["ndef_record_type"],
        "application/x.ips.gzip.aes256.v1-0"
    );
    assert_eq!(entry["encryption"]["kdf"], "pbkdf2-hmac-sha256");
    assert!(!m.to_string().contains(PASSWORD));
    let file = out.join("patients.ndef");
    let decode = |extra: &[&str], pw: &str| {
        let mut args = vec!["ndef-decode", file.to_str().expect("utf-8")];
        args.extend_from_slice(extra);
        milmed(&args, &[(PW_VAR, pw)])
    };
    let o = decode(&["--password-env", PW_VAR, "--index", "7"], PASSWORD);
    assert!(o.status.success(), "{}", text(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one summary");
    assert_eq!(summary["id"], 7);
    let o = decode(&["--password-env", PW_VAR], "not the password");
    assert_input_error(&o, "wrong password");
    let o = decode(&[], PASSWORD);
    assert_input_error(&o, "needs a password");
    fs::remove_dir_all(dir).ok();
}
