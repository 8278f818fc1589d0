//! NFC casualty tags: `patients.ndef` (docs/formats/ndef.md).
//!
//! Each patient becomes one NFC Forum NDEF message holding one record (MB and ME set, CF and
//! IL clear, SR set when the payload is shorter than 256 bytes, TNF 0x02 media type) whose
//! type is [`MEDIA_TYPE`] and whose payload is a compact JSON casualty summary
//! ([`write_summary`]). The message is framed as on an NFC Forum Type 2 tag: an NDEF Message
//! TLV (`03`, a one- or three-byte length, the message) followed by a Terminator TLV (`FE`).
//! One block is thus exactly the bytes to write into a tag's data area, and a reader splits
//! the file by walking the TLVs.
//!
//! The packaging layer's gzip and AES variants reuse [`write_tag_block`] with their own payload
//! bytes and type names ([`GZIP_MEDIA_TYPE`] …): it hands the encoder a [`Protect`], which turns
//! each plain summary into the protected payload. [`read_tag_block`] splits a file again.

use milmed_core::nations::NATIONS;
use milmed_core::record::Patient;
use milmed_core::time::write_timestamp;

use crate::json::{push_str, push_tenths, push_u64};
use crate::Error;

/// Media type of the plain summary.
pub const MEDIA_TYPE: &str = "application/x.ips.v1-0";
/// Media type of a gzip-compressed summary (payload produced by the packaging layer).
pub const GZIP_MEDIA_TYPE: &str = "application/x.ips.gzip.v1-0";
/// Media type of an AES-256-GCM-protected summary.
pub const AES_MEDIA_TYPE: &str = "application/x.ips.aes256.v1-0";
/// Media type of a gzip-compressed, then AES-256-GCM-protected summary.
pub const GZIP_AES_MEDIA_TYPE: &str = "application/x.ips.gzip.aes256.v1-0";

/// User memory of an NTAG216 tag in bytes (the data area a block must fit).
pub const NTAG216_USER_BYTES: usize = 888;

/// Version of the summary layout (the `v` key).
pub const SUMMARY_VERSION: u64 = 1;

/// At most this many treatments are listed in a summary (later ones are left out of the
/// list; `txn` always carries the full count). Bounds the payload size.
pub const MAX_TREATMENTS: usize = 24;

const TNF_MEDIA: u8 = 0x02;
const FLAG_MB: u8 = 0x80;
const FLAG_ME: u8 = 0x40;
const FLAG_SR: u8 = 0x10;

/// Largest NDEF message a Type 2 TLV can frame (three-byte length form).
pub const MAX_MESSAGE: usize = 0xFFFE;

/// Appends one NDEF message of a single media-type record.
pub fn write_message(out: &mut Vec<u8>, media_type: &str, payload: &[u8]) -> Result<(), Error> {
    let type_len = u8::try_from(media_type.len())
        .map_err(|_| Error::Ndef(format!("type name of {} bytes", media_type.len())))?;
    if media_type.is_empty() {
        return Err(Error::Ndef("empty type name".into()));
    }
    let payload_len = u32::try_from(payload.len())
        .map_err(|_| Error::Ndef(format!("payload of {} bytes", payload.len())))?;
    let short = payload.len() < 256;
    out.push(FLAG_MB | FLAG_ME | if short { FLAG_SR } else { 0 } | TNF_MEDIA);
    out.push(type_len);
    if short {
        out.push(payload_len as u8);
    } else {
        out.extend_from_slice(&payload_len.to_be_bytes());
    }
    out.extend_from_slice(media_type.as_bytes());
    out.extend_from_slice(payload);
    Ok(())
}

/// Appends the tag block of one message: NDEF Message TLV plus Terminator TLV.
///
/// This is the seam for the packaging layer: pass the (possibly compressed or encrypted)
/// payload bytes and the matching type name.
pub fn write_tag_block(out: &mut Vec<u8>, media_type: &str, payload: &[u8]) -> Result<(), Error> {
    let mut message = Vec::with_capacity(payload.len() + media_type.len() + 6);
    write_message(&mut message, media_type, payload)?;
    if message.len() > MAX_MESSAGE {
        return Err(Error::Ndef(format!(
            "message of {} bytes exceeds the {MAX_MESSAGE} bytes a TLV can frame",
            message.len()
        )));
    }
    out.push(0x03);
    if message.len() < 0xFF {
        out.push(message.len() as u8);
    } else {
        out.push(0xFF);
        out.extend_from_slice(&(message.len() as u16).to_be_bytes());
    }
    out.extend_from_slice(&message);
    out.push(0xFE);
    Ok(())
}

/// Turns the plain summary of a patient into the payload of a protected record (gzip and/or
/// AES-256-GCM, implemented by the packaging layer).
pub trait Protect: Send + Sync {
    /// The record type name of the protected payloads ([`GZIP_MEDIA_TYPE`] …).
    fn media_type(&self) -> &'static str;
    /// Appends the protected payload of the summary of patient `index` to `out`.
    fn protect(&self, index: u64, summary: &[u8], out: &mut Vec<u8>) -> Result<(), Error>;
}

/// One record read back from a tag block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record<'a> {
    /// The record type name.
    pub media_type: &'a str,
    /// The payload bytes.
    pub payload: &'a [u8],
}

/// Reads the tag block at the start of `data` (as written by [`write_tag_block`]): returns its
/// single media-type record and the block's length in bytes. Anything else — another TLV, a
/// chunked or multi-record message, a missing terminator — is an error.
pub fn read_tag_block(data: &[u8]) -> Result<(Record<'_>, usize), Error> {
    let bad = |m: &str| Error::Ndef(m.to_string());
    let byte = |i: usize| data.get(i).copied().ok_or_else(|| bad("truncated block"));
    if byte(0)? != 0x03 {
        return Err(bad("expected an NDEF Message TLV (0x03)"));
    }
    let (len, start) = match byte(1)? {
        0xFF => (usize::from(u16::from_be_bytes([byte(2)?, byte(3)?])), 4),
        n => (usize::from(n), 2),
    };
    let end = start + len;
    let message = data
        .get(start..end)
        .ok_or_else(|| bad("truncated message"))?;
    if byte(end)? != 0xFE {
        return Err(bad("no Terminator TLV after the message"));
    }
    let header = *message.first().ok_or_else(|| bad("empty message"))?;
    if header & !FLAG_SR != FLAG_MB | FLAG_ME | TNF_MEDIA {
        return Err(bad("not a single, unchunked media-type record without id"));
    }
    let type_len = usize::from(*message.get(1).ok_or_else(|| bad("truncated record"))?);
    let (payload_len, at) = if header & FLAG_SR != 0 {
        let n = *message.get(2).ok_or_else(|| bad("truncated record"))?;
        (usize::from(n), 3)
    } else {
        let b = message.get(2..6).ok_or_else(|| bad("truncated record"))?;
        (u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize, 6)
    };
    if at + type_len + payload_len != message.len() {
        return Err(bad("record lengths do not match the message length"));
    }
    let media_type = std::str::from_utf8(&message[at..at + type_len])
        .map_err(|_| bad("type name is not UTF-8"))?;
    Ok((
        Record {
            media_type,
            payload: &message[at + type_len..],
        },
        end + 1,
    ))
}

/// Minutes from `from` to `to`, rounded down, never negative.
fn minutes(from: i64, to: i64) -> u64 {
    u64::try_from((to - from).max(0) / 60).unwrap_or(0)
}

/// Appends the compact JSON casualty summary of a patient (the plain payload).
pub fn write_summary(out: &mut Vec<u8>, p: &Patient) {
    let d = &p.person;
    out.extend_from_slice(b"{\"v\":");
    push_u64(out, SUMMARY_VERSION);
    out.extend_from_slice(b",\"id\":");
    push_u64(out, p.id);
    out.extend_from_slice(b",\"fn\":");
    push_str(out, &d.family_name);
    out.extend_from_slice(b",\"gn\":");
    push_str(out, d.given_name);
    out.extend_from_slice(b",\"sex\":\"");
    out.push(if d.female { b'F' } else { b'M' });
    out.extend_from_slice(b"\",\"dob\":\"");
    d.birth_date.write_iso(out);
    out.extend_from_slice(b"\",\"nat\":\"");
    out.extend_from_slice(
        NATIONS
            .get(d.nation)
            .map(|n| n.code)
            .unwrap_or("")
            .as_bytes(),
    );
    out.extend_from_slice(b"\",\"nid\":");
    push_str(out, &d.id_number);
    out.extend_from_slice(b",\"svc\":");
    push_str(out, &d.service_number);
    out.extend_from_slice(b",\"rank\":");
    push_str(out, d.rank);
    out.extend_from_slice(b",\"bt\":\"");
    out.extend_from_slice(d.blood_group.label().as_bytes());
    out.extend_from_slice(b"\",\"inj\":\"");
    write_timestamp(p.injury_time, out);
    out.extend_from_slice(b"\",\"cat\":\"");
    out.extend_from_slice(p.category.short().as_bytes());
    out.extend_from_slice(b"\",\"tri\":\"");
    out.extend_from_slice(p.triage.code().as_bytes());
    out.extend_from_slice(b"\",\"iss\":");
    push_u64(out, u64::from(p.iss));
    out.extend_from_slice(b",\"dx\":[");
    for (i, c) in p.conditions.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"[\"");
        out.extend_from_slice(c.def.code.as_bytes());
        out.extend_from_slice(b"\",\"");
        out.extend_from_slice(c.region.key().as_bytes());
        out.extend_from_slice(b"\"]");
    }
    out.push(b']');
    if let Some(v) = p.vitals.last() {
        out.extend_from_slice(b",\"vs\":{\"min\":");
        push_u64(out, minutes(p.injury_time, v.time));
        out.extend_from_slice(b",\"hr\":");
        push_u64(out, u64::from(v.heart_rate));
        out.extend_from_slice(b",\"rr\":");
        push_u64(out, u64::from(v.respiratory_rate));
        out.extend_from_slice(b",\"bp\":[");
        push_u64(out, u64::from(v.systolic));
        out.push(b',');
        push_u64(out, u64::from(v.diastolic));
        out.extend_from_slice(b"],\"spo2\":");
        push_u64(out, u64::from(v.spo2));
        out.extend_from_slice(b",\"temp\":");
        push_tenths(out, i64::from(v.temperature_dc));
        out.extend_from_slice(b",\"gcs\":");
        push_u64(out, u64::from(v.gcs));
        out.extend_from_slice(b",\"pain\":");
        push_u64(out, u64::from(v.pain));
        out.push(b'}');
    }
    out.extend_from_slice(b",\"tx\":[");
    for (i, t) in p.treatments.iter().take(MAX_TREATMENTS).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"[\"");
        out.extend_from_slice(t.def.code.as_bytes());
        out.extend_from_slice(b"\",\"");
        out.extend_from_slice(t.place.role.code().as_bytes());
        out.extend_from_slice(b"\",");
        push_u64(out, minutes(p.injury_time, t.time));
        out.push(b']');
    }
    out.extend_from_slice(b"],\"txn\":");
    push_u64(out, p.treatments.len() as u64);
    out.extend_from_slice(b",\"out\":\"");
    out.extend_from_slice(p.outcome.code().as_bytes());
    out.extend_from_slice(b"\",\"at\":\"");
    out.extend_from_slice(p.last_place.role.code().as_bytes());
    out.extend_from_slice(b"\"}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_record_header() {
        let mut out = Vec::new();
        write_tag_block(&mut out, MEDIA_TYPE, b"{}").expect("small block");
        // TLV 03, length, header D2 (MB|ME|SR|TNF=2), type length 22, payload length 2.
        assert_eq!(&out[..5], &[0x03, 3 + 22 + 2, 0xD2, 22, 2]);
        assert_eq!(&out[5..27], MEDIA_TYPE.as_bytes());
        assert_eq!(&out[27..29], b"{}");
        assert_eq!(out[29], 0xFE);
        assert_eq!(out.len(), 30);
    }

    #[test]
    fn long_record_header_and_three_byte_tlv_length() {
        let payload = vec![b'x'; 300];
        let mut out = Vec::new();
        write_tag_block(&mut out, MEDIA_TYPE, &payload).expect("block");
        let message_len = 6 + 22 + 300;
        assert_eq!(out[0], 0x03);
        assert_eq!(out[1], 0xFF);
        assert_eq!(u16::from_be_bytes([out[2], out[3]]) as usize, message_len);
        assert_eq!(out[4], 0xC2, "MB|ME, SR clear, TNF media");
        assert_eq!(out[5], 22);
        assert_eq!(u32::from_be_bytes([out[6], out[7], out[8], out[9]]), 300);
        assert_eq!(out.len(), 4 + message_len + 1);
        assert_eq!(out.last(), Some(&0xFE));
    }

    #[test]
    fn blocks_read_back() {
        let mut out = Vec::new();
        write_tag_block(&mut out, MEDIA_TYPE, b"{}").expect("block");
        write_tag_block(&mut out, GZIP_MEDIA_TYPE, &[7u8; 400]).expect("block");
        let (r, n) = read_tag_block(&out).expect("first");
        assert_eq!((r.media_type, r.payload), (MEDIA_TYPE, &b"{}"[..]));
        let (r, m) = read_tag_block(&out[n..]).expect("second");
        assert_eq!((r.media_type, r.payload.len()), (GZIP_MEDIA_TYPE, 400));
        assert_eq!(n + m, out.len());
        assert!(read_tag_block(&out[..n - 1]).is_err());
        assert!(read_tag_block(&out[1..]).is_err());
    }

    #[test]
    fn rejects_what_a_tlv_cannot_frame() {
        let mut out = Vec::new();
        let huge = vec![0u8; MAX_MESSAGE];
        assert!(write_tag_block(&mut out, MEDIA_TYPE, &huge).is_err());
        assert!(write_tag_block(&mut out, "", b"x").is_err());
        assert!(write_tag_block(&mut out, &"t".repeat(300), b"x").is_err());
        assert!(out.is_empty(), "nothing is written on error");
    }
}
