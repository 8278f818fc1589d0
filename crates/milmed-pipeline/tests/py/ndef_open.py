"""An independent reader of protected milmed NDEF files (docs/formats/ndef.md).

Written from the format document with ndeflib (the `ndef` module), Python's gzip, hashlib and
hmac, and the `cryptography` package, sharing no code with the Rust implementation. Usage:

    ndef_open.py FILE MANIFEST [PASSWORD_FILE]

Splits FILE into its Type 2 tag blocks (03, length, message, FE), decodes every message with
ndeflib, and recovers the plain summary: gzip-decompresses `application/x.ips.gzip.*`, and for
`*.aes256.*` derives the key from the password and the salt/KDF parameters of the manifest
entry of patients.ndef, checks the key check, and opens `nonce(12) || ciphertext || tag` with
AES-256-GCM and the record type name as associated data. Prints one JSON line per message:
type, payload length, nonce index (or null) and the summary. Exits 1 with a message on any
failure (a wrong password, an altered message).
"""

import gzip
import hashlib
import hmac
import json
import sys

import ndef
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def blocks(data):
    pos = 0
    while pos < len(data):
        if data[pos] != 0x03:
            sys.exit(f"offset {pos}: expected an NDEF Message TLV")
        length = data[pos + 1]
        pos += 2
        if length == 0xFF:
            length = int.from_bytes(data[pos:pos + 2], "big")
            pos += 2
        message = data[pos:pos + length]
        pos += length
        if len(message) != length or pos >= len(data) or data[pos] != 0xFE:
            sys.exit("truncated block or missing Terminator TLV")
        pos += 1
        yield message


def key_from(entry, password_file):
    enc = entry.get("encryption")
    if enc is None:
        return None
    if password_file is None:
        sys.exit("encrypted, a password file is needed")
    password = open(password_file, "rb").read()
    salt = bytes.fromhex(enc["salt"])
    params = enc["kdf_params"]
    if enc["kdf"] == "pbkdf2-hmac-sha256":
        master = hashlib.pbkdf2_hmac("sha256", password, salt, params["iterations"], 32)
    elif enc["kdf"] == "argon2id":
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
        master = Argon2id(salt=salt, length=32, iterations=params["t"], lanes=params["p"],
                          memory_cost=params["m_kib"]).derive(password)
    else:
        sys.exit("unknown kdf")
    label = lambda text: hmac.new(master, text, hashlib.sha256).digest()
    if not hmac.compare_digest(label(b"milmed-msg v1 key check")[:16],
                               bytes.fromhex(enc["key_check"])):
        sys.exit("wrong password")
    return AESGCM(label(b"milmed-msg v1 AES-256-GCM key")), bytes.fromhex(enc["nonce_prefix"])


def main(path, manifest_path, password_file=None):
    manifest = json.load(open(manifest_path, encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["name"] == "patients.ndef")
    key = key_from(entry, password_file)
    out = []
    for message in blocks(open(path, "rb").read()):
        records = list(ndef.message_decoder(message, errors="strict"))
        if len(records) != 1:
            sys.exit(f"{len(records)} records in a message, expected 1")
        rec = records[0]
        data = rec.data
        index = None
        if ".aes256." in rec.type:
            if key is None:
                sys.exit("an encrypted record but no encryption in the manifest")
            aead, prefix = key
            nonce = data[:12]
            if nonce[:4] != prefix:
                sys.exit("nonce prefix does not match the manifest")
            index = int.from_bytes(nonce[4:], "big")
            try:
                data = aead.decrypt(nonce, data[12:], rec.type.encode("ascii"))
            except Exception:
                sys.exit("a message failed authentication")
        if ".gzip." in rec.type:
            data = gzip.decompress(data)
        out.append(json.dumps({
            "type": rec.type,
            "payload_len": len(rec.data),
            "index": index,
            "summary": data.decode("utf-8"),
        }, ensure_ascii=False))
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


if __name__ == "__main__":
    main(*sys.argv[1:])
