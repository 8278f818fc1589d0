//! The AES-256-GCM STREAM envelope: round trips at the chunk boundaries and at 100 MB, every
//! kind of damage detected, known answers, and an independent reader in Python.

use std::fs;
use std::io::Write;
use std::process::Command;

use milmed_package::{
    decrypt_file, Decryptor, EncryptOptions, Encryptor, Error, Kdf, Password, HEADER_LEN, TAG_LEN,
};

/// Low-cost KDF parameters: the tests exercise the envelope, not the KDF's cost, and run
/// hundreds of derivations. The defaults stay strong (see `defaults_are_strong`).
const FAST_ARGON: Kdf = Kdf::Argon2id {
    m_kib: 8,
    t: 1,
    p: 1,
};
const FAST_PBKDF2: Kdf = Kdf::Pbkdf2Sha256 { iterations: 1000 };

fn password(s: &str) -> Password {
    Password::new(s.as_bytes().to_vec()).expect("non-empty password")
}

fn encrypt(plain: &[u8], kdf: Kdf, chunk_size: u32) -> Vec<u8> {
    let mut enc = Encryptor::new(
        Vec::new(),
        &password("correct horse"),
        EncryptOptions { kdf, chunk_size },
    )
    .expect("encryptor");
    // Uneven writes: chunking must not depend on how the caller splits its writes.
    for piece in plain.chunks(7777) {
        enc.write_all(piece).expect("write");
    }
    enc.finish().expect("finish")
}

fn decrypt(file: &[u8], pw: &str) -> Result<Vec<u8>, Error> {
    let d = Decryptor::new(file, &password(pw))?;
    let mut out = Vec::new();
    d.decrypt_to(&mut out)?;
    Ok(out)
}

/// Deterministic test data that does not repeat with the chunk size.
fn data(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

fn expected_len(plain: usize, chunk: usize) -> usize {
    let chunks = if plain == 0 { 1 } else { plain.div_ceil(chunk) };
    HEADER_LEN + plain + TAG_LEN * chunks
}

#[test]
fn round_trip_at_chunk_boundaries() {
    for chunk in [16u32, 1000, milmed_package::DEFAULT_CHUNK_SIZE] {
        let c = chunk as usize;
        // The encryptor seals batches of 16 chunks in parallel: cover their boundaries too.
        let batch = 16 * c;
        for len in [
            0,
            1,
            c - 1,
            c,
            c + 1,
            2 * c,
            3 * c + 5,
            batch - 1,
            batch,
            batch + 1,
            5 * batch + c / 2,
        ] {
            let plain = data(len);
            let file = encrypt(&plain, FAST_ARGON, chunk);
            assert_eq!(file.len(), expected_len(len, c), "len {len} chunk {chunk}");
            assert_eq!(decrypt(&file, "correct horse").expect("decrypts"), plain);
        }
    }
}

#[test]
fn round_trip_with_pbkdf2() {
    let plain = data(5000);
    let file = encrypt(&plain, FAST_PBKDF2, 1024);
    assert_eq!(decrypt(&file, "correct horse").expect("decrypts"), plain);
}

#[test]
fn round_trip_100_mb_streaming() {
    let len = 100 * 1000 * 1000;
    let plain = data(len);
    let file = encrypt(&plain, FAST_ARGON, milmed_package::DEFAULT_CHUNK_SIZE);
    assert_eq!(
        file.len(),
        expected_len(len, milmed_package::DEFAULT_CHUNK_SIZE as usize)
    );
    let back = decrypt(&file, "correct horse").expect("decrypts");
    assert!(back == plain, "100 MB round trip differs");
}

#[test]
fn two_encryptions_differ_but_both_decrypt() {
    let plain = data(3000);
    let a = encrypt(&plain, FAST_ARGON, 1024);
    let b = encrypt(&plain, FAST_ARGON, 1024);
    assert_ne!(a, b, "salt and nonce prefix must be fresh per file");
    assert_eq!(decrypt(&a, "correct horse").expect("a"), plain);
    assert_eq!(decrypt(&b, "correct horse").expect("b"), plain);
}

#[test]
fn wrong_password_is_reported_as_such() {
    let file = encrypt(&data(100), FAST_ARGON, 64);
    let e = decrypt(&file, "correct horsf").expect_err("wrong password");
    assert!(matches!(e, Error::WrongPassword), "{e}");
    assert!(e.to_string().contains("wrong password"));
}

#[test]
fn every_flipped_byte_of_a_small_file_is_detected() {
    // Four chunks of 32 bytes (the last one short), so every field and every chunk is hit.
    let plain = data(110);
    for kdf in [FAST_ARGON, FAST_PBKDF2] {
        let file = encrypt(&plain, kdf, 32);
        assert_eq!(decrypt(&file, "correct horse").expect("intact"), plain);
        for pos in 0..file.len() {
            for mask in [0x01u8, 0x80] {
                let mut bad = file.clone();
                bad[pos] ^= mask;
                match decrypt(&bad, "correct horse") {
                    Ok(_) => panic!("flip {mask:#04x} at byte {pos} went undetected"),
                    Err(e) => {
                        let expected_kind = match pos {
                            0..=7 => matches!(e, Error::NotEncrypted),
                            8 => matches!(e, Error::UnsupportedVersion(_)),
                            9 => matches!(e, Error::UnknownKdf(_)),
                            // KDF parameters, salt, key check: another key or a refused value.
                            10..=37 | 49..=64 => {
                                matches!(e, Error::WrongPassword | Error::InvalidParameter(_))
                            }
                            // The nonce prefix and chunk size are authenticated by the chunks.
                            38..=48 => matches!(
                                e,
                                Error::Authentication { chunk: 0 }
                                    | Error::InvalidParameter(_)
                                    | Error::Truncated
                            ),
                            _ => matches!(e, Error::Authentication { .. }),
                        };
                        assert!(
                            expected_kind,
                            "byte {pos} mask {mask:#04x}: unexpected {e:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn sampled_flipped_bytes_of_a_multi_chunk_file_are_detected() {
    let chunk = 4096u32;
    let plain = data(50_000);
    let file = encrypt(&plain, FAST_ARGON, chunk);
    let record = chunk as usize + TAG_LEN;
    for pos in (HEADER_LEN..file.len())
        .step_by(997)
        .chain([file.len() - 1])
    {
        let mut bad = file.clone();
        bad[pos] ^= 0x20;
        let e = decrypt(&bad, "correct horse").expect_err("flip detected");
        let chunk_index = ((pos - HEADER_LEN) / record) as u64;
        assert!(
            matches!(e, Error::Authentication { chunk } if chunk == chunk_index),
            "byte {pos}: {e:?}"
        );
    }
}

#[test]
fn truncation_and_extension_are_detected() {
    let chunk = 256usize;
    let record = chunk + TAG_LEN;
    // Three full chunks: the last one is the final chunk and has full size.
    let plain = data(3 * chunk);
    let file = encrypt(&plain, FAST_ARGON, chunk as u32);
    // Cut at each chunk boundary: the final chunk is missing.
    for keep in [1, 2] {
        let cut = &file[..HEADER_LEN + keep * record];
        assert!(
            matches!(decrypt(cut, "correct horse"), Err(Error::Truncated)),
            "cut after {keep} chunks"
        );
    }
    // Nothing after the header, a cut inside the header, a cut inside a chunk.
    assert!(matches!(
        decrypt(&file[..HEADER_LEN], "correct horse"),
        Err(Error::Truncated)
    ));
    assert!(matches!(
        decrypt(&file[..HEADER_LEN - 1], "correct horse"),
        Err(Error::Truncated)
    ));
    assert!(decrypt(&file[..file.len() - 1], "correct horse").is_err());
    assert!(decrypt(&file[..HEADER_LEN + record + 5], "correct horse").is_err());
    // Extra bytes after a full final chunk, and after a short one.
    for extra in [&b"x"[..], &[0u8; 16][..], &[0u8; 300][..]] {
        let mut longer = file.clone();
        longer.extend_from_slice(extra);
        assert!(
            matches!(decrypt(&longer, "correct horse"), Err(Error::TrailingData)),
            "{} extra bytes",
            extra.len()
        );
    }
    let short = encrypt(&data(100), FAST_ARGON, chunk as u32);
    let mut longer = short.clone();
    longer.push(0);
    assert!(decrypt(&longer, "correct horse").is_err());
    // Swapped chunks fail: the counter is part of the nonce.
    let mut swapped = file.clone();
    let (a, b) = (HEADER_LEN, HEADER_LEN + record);
    let first: Vec<u8> = swapped[a..a + record].to_vec();
    swapped.copy_within(b..b + record, a);
    swapped[b..b + record].copy_from_slice(&first);
    assert!(matches!(
        decrypt(&swapped, "correct horse"),
        Err(Error::Authentication { chunk: 0 })
    ));
    // Not an envelope at all.
    assert!(matches!(
        decrypt(b"{\"patients\": []}", "correct horse"),
        Err(Error::NotEncrypted)
    ));
}

#[test]
fn decrypt_file_leaves_no_plaintext_on_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = data(10_000);
    let file = encrypt(&plain, FAST_ARGON, 1024);
    let enc = dir.path().join("p.enc");
    let out = dir.path().join("p.txt");
    // Damage the last chunk: the first chunks verify and would be written, then the error.
    let mut bad = file.clone();
    let last = bad.len() - 3;
    bad[last] ^= 1;
    fs::write(&enc, &bad).expect("write");
    assert!(decrypt_file(&enc, &out, &password("correct horse")).is_err());
    assert_eq!(
        fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "only the input remains"
    );
    // Truncated: same.
    fs::write(&enc, &file[..HEADER_LEN + 2 * (1024 + TAG_LEN)]).expect("write");
    assert!(matches!(
        decrypt_file(&enc, &out, &password("correct horse")),
        Err(Error::Truncated)
    ));
    assert!(!out.exists());
    // An existing output file is left untouched by a failed decryption.
    fs::write(&out, b"keep me").expect("write");
    assert!(decrypt_file(&enc, &out, &password("wrong")).is_err());
    assert_eq!(fs::read(&out).expect("read"), b"keep me");
    // Intact: the plaintext arrives.
    fs::write(&enc, &file).expect("write");
    let n = decrypt_file(&enc, &out, &password("correct horse")).expect("decrypts");
    assert_eq!(n, plain.len() as u64);
    assert_eq!(fs::read(&out).expect("read"), plain);
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 2);
}

#[test]
fn known_answer() {
    // Fixed password, salt, nonce prefix and plaintext: the bytes of a version-1 envelope are
    // fixed. A change here is a change of the file format.
    let salt: [u8; 16] = core::array::from_fn(|i| i as u8);
    let prefix = [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6];
    let plain = b"milmed known-answer test: STREAM";
    let mut enc = Encryptor::with_salt_and_nonce_prefix(
        Vec::new(),
        &password("password"),
        EncryptOptions {
            kdf: Kdf::Pbkdf2Sha256 { iterations: 1000 },
            chunk_size: 16,
        },
        salt,
        prefix,
    )
    .expect("encryptor");
    enc.write_all(plain).expect("write");
    let file = enc.finish().expect("finish");
    assert_eq!(hex(&file), KAT_PBKDF2);
    assert_eq!(decrypt(&file, "password").expect("decrypts"), plain);

    let mut enc = Encryptor::with_salt_and_nonce_prefix(
        Vec::new(),
        &password("password"),
        EncryptOptions {
            kdf: Kdf::Argon2id {
                m_kib: 64,
                t: 2,
                p: 1,
            },
            chunk_size: 1024,
        },
        salt,
        prefix,
    )
    .expect("encryptor");
    enc.write_all(plain).expect("write");
    let file = enc.finish().expect("finish");
    assert_eq!(hex(&file), KAT_ARGON2ID);
}

// Both computed independently from docs/formats/encryption.md with Python's hashlib, hmac and
// the `cryptography` package (AESGCM, Argon2id), not by this crate.
const KAT_PBKDF2: &str = concat!(
    "4d494c4d44454e430102000003e80000000000000000000102030405060708090a0b0c0d0e0fa0a1a2a3a4a5a6",
    "00000010165d6839db85d1b5f24c1186d6184825ecf032c3065141309e337c7ea9c7114adfe7c279a72fbc02ef",
    "0bf09f0245e0c900b440f2273a2bdc3f5369339535d2d2cbb308d1ec247aae124b24934041abc2",
);
const KAT_ARGON2ID: &str = concat!(
    "4d494c4d44454e430101000000400000000200000001000102030405060708090a0b0c0d0e0fa0a1a2a3a4a5a6",
    "0000040056e01ed270f80879af85caa9853b5bd7b3b4713bce87028c6aab6a3373a18c3c11da228d7e5a06c1ff",
    "b5fcf2ba280141b573e46079843847c5b2a933c2aaca8f",
);

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn kdf_vectors() {
    // RFC 7914 section 11, PBKDF2-HMAC-SHA256 (the first 32 bytes of the 64-byte outputs:
    // PBKDF2's first block does not depend on the output length).
    let k = Kdf::Pbkdf2Sha256 { iterations: 1 }
        .derive(&password("passwd"), b"salt")
        .expect("pbkdf2");
    assert_eq!(
        hex(k.as_ref()),
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
    );
    let k = Kdf::Pbkdf2Sha256 { iterations: 80000 }
        .derive(&password("Password"), b"NaCl")
        .expect("pbkdf2");
    assert_eq!(
        hex(k.as_ref()),
        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
    );
    // RFC 9106 section 5.3, Argon2id (with secret and associated data, which the envelope does
    // not use, so the crate is called directly with the same Params construction).
    let params = argon2::ParamsBuilder::new()
        .m_cost(32)
        .t_cost(3)
        .p_cost(4)
        .data(argon2::AssociatedData::new(&[4u8; 12]).expect("ad"))
        .output_len(32)
        .build()
        .expect("params");
    let a = argon2::Argon2::new_with_secret(
        &[3u8; 8],
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        params,
    )
    .expect("argon2");
    let mut out = [0u8; 32];
    a.hash_password_into(&[1u8; 32], &[2u8; 16], &mut out)
        .expect("hash");
    assert_eq!(
        hex(&out),
        "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
    );
}

#[test]
fn aes_gcm_vectors() {
    // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14 (AES-256,
    // zero key and IV).
    use aes_gcm::aead::{AeadInPlace, KeyInit};
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(&[0u8; 32]).expect("key");
    let nonce = aes_gcm::Nonce::from_slice(&[0u8; 12]);
    let tag = cipher
        .encrypt_in_place_detached(nonce, b"", &mut [])
        .expect("seal");
    assert_eq!(hex(&tag), "530f8afbc74536b9a963b4f1c4cb738b");
    let mut block = [0u8; 16];
    let tag = cipher
        .encrypt_in_place_detached(nonce, b"", &mut block)
        .expect("seal");
    assert_eq!(hex(&block), "cea7403d4d606b6e074ec5d3baf39d18");
    assert_eq!(hex(&tag), "d0d1c8a799996bf0265b98b5d48ab919");
}

#[test]
fn defaults_are_strong() {
    assert_eq!(
        EncryptOptions::default().kdf,
        Kdf::Argon2id {
            m_kib: 65536,
            t: 3,
            p: 1
        }
    );
    assert_eq!(
        Kdf::parse("pbkdf2").expect("pbkdf2"),
        Kdf::Pbkdf2Sha256 {
            iterations: 600_000
        }
    );
    assert!(Kdf::parse("scrypt").is_err());
}

#[test]
fn passwords_are_not_printed() {
    let p = password("hunter2-secret");
    assert!(!format!("{p:?}").contains("hunter2"));
    assert!(Password::new(Vec::new()).is_err());
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("pw");
    fs::write(&f, b"s3cret\n").expect("write");
    let from_file = Password::from_file(&f).expect("password file");
    // The trailing newline is not part of the password.
    let mut enc = Encryptor::new(
        Vec::new(),
        &from_file,
        EncryptOptions {
            kdf: FAST_PBKDF2,
            chunk_size: 16,
        },
    )
    .expect("encryptor");
    enc.write_all(b"abc").expect("write");
    let sealed = enc.finish().expect("finish");
    assert_eq!(decrypt(&sealed, "s3cret").expect("decrypts"), b"abc");
    let e = decrypt(&sealed, "s3cret\n").expect_err("newline is not part of it");
    assert!(!e.to_string().contains("s3cret"));
}

#[test]
fn an_independent_reader_decrypts_the_envelope() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pw = dir.path().join("pw");
    fs::write(&pw, b"correct horse").expect("write");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/py/decrypt_envelope.py");
    for (kdf, len, chunk) in [
        (FAST_PBKDF2, 0usize, 64u32),
        (FAST_PBKDF2, 10_000, 100),
        (FAST_PBKDF2, 200_000, 65536),
        (FAST_ARGON, 131_072, 65536),
        (Kdf::ARGON2ID_DEFAULT, 1000, 100),
    ] {
        let plain = data(len);
        let enc = dir.path().join("in.enc");
        let out = dir.path().join("out.bin");
        fs::write(&enc, encrypt(&plain, kdf, chunk)).expect("write");
        let o = Command::new("python3")
            .arg(script)
            .arg(&enc)
            .arg(&out)
            .arg(&pw)
            .output()
            .expect("python3 runs (see .ci/run for the packages it needs)");
        assert!(
            o.status.success(),
            "python reader failed for {kdf:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(fs::read(&out).expect("output") == plain, "{kdf:?} {len}");
    }
}
