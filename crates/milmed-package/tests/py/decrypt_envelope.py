"""An independent reader of the milmed encryption envelope (docs/formats/encryption.md).

Written from the format document with Python's hashlib/hmac and the `cryptography` package,
sharing no code with the Rust implementation. Usage:

    python3 decrypt_envelope.py IN OUT PASSWORD_FILE

Exits 0 after writing the plaintext, 1 with a message on any failure.
"""
import hashlib
import hmac
import struct
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


def main(src, dst, password_file):
    password = open(password_file, "rb").read()
    data = open(src, "rb").read()
    header = data[:65]
    if len(header) != 65 or header[:8] != b"MILMDENC" or header[8] != 1:
        sys.exit("bad header")
    kdf_id = header[9]
    p1, p2, p3 = struct.unpack(">III", header[10:22])
    salt, prefix = header[22:38], header[38:45]
    (chunk,) = struct.unpack(">I", header[45:49])
    check = header[49:65]
    if kdf_id == 1:
        master = Argon2id(salt=salt, length=32, iterations=p2, lanes=p3,
                          memory_cost=p1).derive(password)
    elif kdf_id == 2:
        master = hashlib.pbkdf2_hmac("sha256", password, salt, p1, 32)
    else:
        sys.exit("unknown kdf")
    label = lambda text: hmac.new(master, text, hashlib.sha256).digest()
    if not hmac.compare_digest(label(b"milmed-enc v1 key check")[:16], check):
        sys.exit("wrong password")
    aead = AESGCM(label(b"milmed-enc v1 AES-256-GCM key"))
    body = data[65:]
    record = chunk + 16
    out = bytearray()
    counter = 0
    pos = 0
    while True:
        last = len(body) - pos <= record
        piece = body[pos:pos + record]
        nonce = prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")
        out += aead.decrypt(nonce, piece, header)
        if last:
            break
        pos += record
        counter += 1
    open(dst, "wb").write(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
