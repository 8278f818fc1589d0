"""Splits a milmed patients.ndef file into its Type 2 tag blocks and decodes every NDEF
message with ndeflib (the `ndef` module), independently of the writer.

Usage: ndef_read.py FILE

Each block is an NDEF Message TLV (0x03, a one-byte length or 0xFF and a two-byte length, the
message) followed by a Terminator TLV (0xFE). The first record header is also checked bit by
bit: MB and ME set, CF and IL clear, SR set exactly when the payload is shorter than 256
bytes, TNF 2 (media type). Prints one JSON line per message: block length, type and the
payload parsed as JSON.
"""

import json
import sys

import ndef


def main():
    data = open(sys.argv[1], "rb").read()
    pos = 0
    n = 0
    out = []
    while pos < len(data):
        start = pos
        if data[pos] != 0x03:
            sys.exit(f"offset {pos}: expected an NDEF Message TLV (0x03), got {data[pos]:#04x}")
        length = data[pos + 1]
        pos += 2
        if length == 0xFF:
            length = int.from_bytes(data[pos:pos + 2], "big")
            pos += 2
        message = data[pos:pos + length]
        if len(message) != length:
            sys.exit(f"message {n}: truncated")
        pos += length
        if pos >= len(data) or data[pos] != 0xFE:
            sys.exit(f"message {n}: no Terminator TLV after the message")
        pos += 1
        header = message[0]
        payload_len_field = message[2] if header & 0x10 else int.from_bytes(message[2:6], "big")
        checks = {
            "MB": bool(header & 0x80),
            "ME": bool(header & 0x40),
            "CF clear": not header & 0x20,
            "IL clear": not header & 0x08,
            "TNF media": header & 0x07 == 0x02,
            "SR iff short": bool(header & 0x10) == (payload_len_field < 256),
        }
        bad = [k for k, ok in checks.items() if not ok]
        if bad:
            sys.exit(f"message {n}: header {header:#04x} fails {bad}")
        records = list(ndef.message_decoder(message, errors="strict"))
        if len(records) != 1:
            sys.exit(f"message {n}: {len(records)} records, expected 1")
        rec = records[0]
        out.append(json.dumps({
            "block": pos - start,
            "type": rec.type,
            "payload": json.loads(rec.data.decode("utf-8")),
        }, ensure_ascii=False))
        n += 1
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


if __name__ == "__main__":
    main()
