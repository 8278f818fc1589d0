//! Compressed output read back by independent decoders: the `gzip` and `zstd` command-line
//! programs (installed by .ci/run), and compression followed by encryption.

use std::io::Write;
use std::process::{Command, Stdio};

use milmed_package::{
    CompressWriter, Compression, Decryptor, EncryptOptions, Encryption, Kdf, PackWriter, Packaging,
    Password,
};

fn sample() -> Vec<u8> {
    let mut v = Vec::new();
    for i in 0..20_000u32 {
        writeln!(
            v,
            "{{\"id\":{i},\"triage\":\"T{}\",\"name\":\"x{}\"}}",
            i % 4,
            i * 7919
        )
        .expect("write to Vec");
    }
    v
}

/// Runs `program args…` with `input` on stdin and returns its stdout.
fn decode_with(program: &str, args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs (see .ci/run): {e}"));
    let mut stdin = child.stdin.take().expect("stdin");
    let data = input.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().expect("output");
    feeder.join().expect("feeder").expect("stdin write");
    assert!(
        out.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn compress(data: &[u8], c: Compression) -> Vec<u8> {
    let mut w = CompressWriter::new(Vec::new(), c).expect("writer");
    for piece in data.chunks(10_000) {
        w.write_all(piece).expect("write");
    }
    w.finish().expect("finish")
}

#[test]
fn gzip_is_read_by_the_gzip_program() {
    let data = sample();
    let gz = compress(&data, Compression::Gzip);
    assert!(gz.len() < data.len() / 3, "compresses: {} bytes", gz.len());
    assert_eq!(decode_with("gzip", &["-dc"], &gz), data);
    // Same input, same bytes: no time stamp or name in the header.
    assert_eq!(gz, compress(&data, Compression::Gzip));
    assert_eq!(
        decode_with("gzip", &["-dc"], &compress(b"", Compression::Gzip)),
        b""
    );
}

#[test]
fn zstd_is_read_by_the_zstd_program() {
    let data = sample();
    let zst = compress(&data, Compression::Zstd);
    assert!(
        zst.len() < data.len() / 3,
        "compresses: {} bytes",
        zst.len()
    );
    assert_eq!(decode_with("zstd", &["-dcq"], &zst), data);
    assert_eq!(
        decode_with("zstd", &["-dcq"], &compress(b"", Compression::Zstd)),
        b""
    );
}

#[test]
fn damaged_compressed_streams_are_rejected_by_the_decoders() {
    let data = sample();
    for (c, program, args) in [
        (Compression::Gzip, "gzip", &["-dc"][..]),
        (Compression::Zstd, "zstd", &["-dcq"][..]),
    ] {
        let mut bad = compress(&data, c);
        let at = bad.len() / 2;
        bad[at] ^= 0xff;
        let out = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .and_then(|mut child| {
                if let Some(mut stdin) = child.stdin.take() {
                    let _ = stdin.write_all(&bad);
                }
                child.wait()
            })
            .expect("decoder runs");
        assert!(!out.success(), "{program} accepted a damaged stream");
    }
}

#[test]
fn compressed_then_encrypted_round_trip() {
    let data = sample();
    for c in [Compression::None, Compression::Gzip, Compression::Zstd] {
        let packaging = Packaging {
            compression: c,
            encryption: Some(Encryption {
                password: Password::new(b"pw".to_vec()).expect("password"),
                options: EncryptOptions {
                    kdf: Kdf::Pbkdf2Sha256 { iterations: 1000 },
                    chunk_size: 4096,
                },
            }),
        };
        assert_eq!(packaging.suffix(), format!("{}.enc", c.suffix()), "{c:?}");
        let mut w = PackWriter::new(Vec::new(), &packaging).expect("pack");
        w.write_all(&data).expect("write");
        let sealed = w.finish().expect("finish");
        let mut inner = Vec::new();
        Decryptor::new(
            &sealed[..],
            &Password::new(b"pw".to_vec()).expect("password"),
        )
        .expect("header")
        .decrypt_to(&mut inner)
        .expect("decrypts");
        let plain = match c {
            Compression::None => inner,
            Compression::Gzip => decode_with("gzip", &["-dc"], &inner),
            Compression::Zstd => decode_with("zstd", &["-dcq"], &inner),
        };
        assert!(plain == data, "{c:?}");
    }
    assert!(Packaging::default().is_plain());
    assert_eq!(Packaging::default().suffix(), "");
    assert!(Compression::parse("brotli").is_err());
}

#[test]
fn members_concatenate_into_one_valid_file() {
    let data = sample();
    for (c, program, args) in [
        (Compression::Gzip, "gzip", &["-dc"][..]),
        (Compression::Zstd, "zstd", &["-dcq"][..]),
    ] {
        // Three independent members, one of them empty, form one file.
        let mut file = Vec::new();
        let (a, b) = data.split_at(data.len() / 3);
        milmed_package::compress_member(c, a, &mut file).expect("member");
        milmed_package::compress_member(c, b"", &mut file).expect("member");
        milmed_package::compress_member(c, b, &mut file).expect("member");
        assert!(file.len() < data.len() / 3, "{c:?} compresses");
        assert_eq!(decode_with(program, args, &file), data, "{c:?}");
    }
    let mut plain = Vec::new();
    milmed_package::compress_member(Compression::None, b"abc", &mut plain).expect("none");
    assert_eq!(plain, b"abc");
}
