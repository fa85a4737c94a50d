//! ANSI X3.27 / ISO 1001 magnetic tape labels, and IBM standard labels (the same `VOL1` record
//! in EBCDIC).
//!
//! A labelled tape starts with 80-byte label records: `VOL1` (volume label), then `HDR1`,
//! `HDR2`, ... before the first file. `VOL1`, in ASCII (0-based offsets):
//!
//! | bytes | field |
//! |---|---|
//! | 0..4 | `VOL1` |
//! | 4..10 | volume identifier (serial) |
//! | 10 | volume accessibility |
//! | 24..37 | implementation identifier |
//! | 37..51 | owner identifier |
//! | 79 | label standard version (`1`..`4`) |
//!
//! The IBM layout has the owner at 41..51 and no version byte. `HDR1` carries the system code
//! (the program that wrote the file) at 60..73.

use super::{ascii_text, field, non_empty, put, LabelLibrary, Omid, Result, SAMPLE_TIME};

/// Length of every ANSI/IBM label record.
pub(super) const RECORD: usize = 80;

/// Recognizes ANSI/ISO (ASCII) and IBM (EBCDIC) `VOL1` tape labels: label type `VOL1`, label id
/// the volume serial, application the owner identifier (or else the implementation identifier,
/// or else the system code of the `HDR1` record that follows).
#[derive(Debug, Clone, Copy, Default)]
pub struct AnsiLabels;

impl LabelLibrary for AnsiLabels {
    fn name(&self) -> &str {
        "ANSI"
    }

    fn max_label_size(&self) -> usize {
        2 * RECORD
    }

    fn claim(&self, bytes: &[u8]) -> Option<Omid> {
        let vol1 = parse_vol1(bytes)?;
        let application = vol1.owner.or(vol1.implementation).or_else(|| hdr1_system_code(bytes, vol1.ebcdic));
        Some(Omid { label_type: "VOL1".into(), label_id: vol1.serial, application })
    }
}

struct Vol1 {
    serial: String,
    implementation: Option<String>,
    owner: Option<String>,
    ebcdic: bool,
}

fn parse_vol1(bytes: &[u8]) -> Option<Vol1> {
    let record = field(bytes, 0, RECORD)?;
    if record.starts_with(b"VOL1") {
        // The version byte rules out text that merely starts with "VOL1".
        if !b" 1234".contains(&record[79]) {
            return None;
        }
        let serial = non_empty(ascii_text(&record[4..10])?)?;
        let implementation = ascii_text(&record[24..37]).and_then(non_empty);
        let owner = ascii_text(&record[37..51]).and_then(non_empty);
        Some(Vol1 { serial, implementation, owner, ebcdic: false })
    } else if record.starts_with(&EBCDIC_VOL1) {
        // An IBM label is EBCDIC text from end to end.
        let text = ebcdic_text(record)?;
        let serial = non_empty(text[4..10].trim_matches(' ').to_string())?;
        let owner = non_empty(text[41..51].trim_matches(' ').to_string());
        Some(Vol1 { serial, implementation: None, owner, ebcdic: true })
    } else {
        None
    }
}

/// The system code of an `HDR1` record right after `VOL1`, if there is one.
fn hdr1_system_code(bytes: &[u8], ebcdic: bool) -> Option<String> {
    let record = field(bytes, RECORD, RECORD)?;
    let code = if ebcdic {
        if !record.starts_with(&EBCDIC_HDR1) {
            return None;
        }
        ebcdic_text(&record[60..73])?.trim_matches(' ').to_string()
    } else {
        if !record.starts_with(b"HDR1") {
            return None;
        }
        ascii_text(&record[60..73])?
    };
    non_empty(code)
}

/// Whether `bytes` starts with an 80-byte ANSI or IBM label record of any kind (`VOL1`, `HDR1`,
/// `UHL1`, ...), as some applications write before their own label.
pub(super) fn is_label_record(bytes: &[u8]) -> bool {
    const ASCII: [&[u8; 3]; 5] = [b"VOL", b"HDR", b"UVL", b"UHL", b"UTL"];
    let Some(record) = field(bytes, 0, RECORD) else { return false };
    let ascii = ASCII.iter().any(|id| record.starts_with(*id)) && record[3].is_ascii_digit();
    let ebcdic =
        [EBCDIC_VOL1, EBCDIC_HDR1].iter().any(|id| record[..3] == id[..3]) && (0xf1..=0xf9).contains(&record[3]);
    ascii || ebcdic
}

/// `VOL1` and `HDR1` in EBCDIC.
const EBCDIC_VOL1: [u8; 4] = [0xe5, 0xd6, 0xd3, 0xf1];
const EBCDIC_HDR1: [u8; 4] = [0xc8, 0xc4, 0xd9, 0xf1];

/// EBCDIC (code page 037) text made of the characters labels use; `None` for any other byte.
fn ebcdic_text(raw: &[u8]) -> Option<String> {
    raw.iter().map(|&b| ebcdic_char(b)).collect()
}

fn ebcdic_char(b: u8) -> Option<char> {
    let c = match b {
        0x40 => ' ',
        0xc1..=0xc9 => (b'A' + (b - 0xc1)) as char,
        0xd1..=0xd9 => (b'J' + (b - 0xd1)) as char,
        0xe2..=0xe9 => (b'S' + (b - 0xe2)) as char,
        0x81..=0x89 => (b'a' + (b - 0x81)) as char,
        0x91..=0x99 => (b'j' + (b - 0x91)) as char,
        0xa2..=0xa9 => (b's' + (b - 0xa2)) as char,
        0xf0..=0xf9 => (b'0' + (b - 0xf0)) as char,
        0x4b => '.',
        0x4c => '<',
        0x4d => '(',
        0x4e => '+',
        0x50 => '&',
        0x5b => '$',
        0x5c => '*',
        0x5d => ')',
        0x5e => ';',
        0x60 => '-',
        0x61 => '/',
        0x6b => ',',
        0x6c => '%',
        0x6d => '_',
        0x6e => '>',
        0x6f => '?',
        0x7a => ':',
        0x7b => '#',
        0x7c => '@',
        0x7d => '\'',
        0x7e => '=',
        0x7f => '"',
        _ => return None,
    };
    Some(c)
}

/// ANSI "a-characters": what a volume serial may hold.
fn is_a_character(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || " !\"%&'()*+,-./:;<=>?_".contains(c)
}

/// `VOL1`, `HDR1`, `HDR2` of a volume labelled by OpenRSM (label standard version 4).
pub(super) fn sample(id: &str) -> Result<Vec<u8>> {
    super::check_sample_id("VOL1", id, 6, is_a_character, "ANSI a-characters (A-Z 0-9 and specials)")?;
    if id.starts_with(' ') || id.ends_with(' ') {
        return Err(crate::Error::invalid(format!("VOL1 label id {id:?} may not start or end with a space")));
    }
    let mut out = vec![b' '; 3 * RECORD];
    let (vol1, rest) = out.split_at_mut(RECORD);
    let (hdr1, hdr2) = rest.split_at_mut(RECORD);

    put(vol1, 0, b"VOL1");
    put(vol1, 4, id.as_bytes());
    put(vol1, 24, b"OPENRSM");
    vol1[79] = b'4';

    // Creation date "cyyddd": c is '0' for the years 2000-2099 in version 4 labels.
    let date = chrono::DateTime::from_timestamp(SAMPLE_TIME, 0).unwrap_or_default();
    let created = format!("0{}", date.format("%y%j"));
    put(hdr1, 0, b"HDR1");
    put(hdr1, 4, b"OPENRSM.LABEL");
    put(hdr1, 21, id.as_bytes()); // file set identifier: the volume serial
    put(hdr1, 27, b"00010001000100"); // section, sequence, generation, generation version
    put(hdr1, 41, created.as_bytes());
    put(hdr1, 47, b" 00000"); // no expiration
    put(hdr1, 54, b"000000"); // block count
    put(hdr1, 60, b"OPENRSM");

    put(hdr2, 0, b"HDR2");
    put(hdr2, 4, b"F"); // fixed-length records
    put(hdr2, 5, b"0208000080"); // block length 2080, record length 80
    put(hdr2, 50, b"00"); // buffer offset length
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vol1(serial: &str, owner: &str, version: u8) -> Vec<u8> {
        let mut record = vec![b' '; RECORD];
        put(&mut record, 0, b"VOL1");
        put(&mut record, 4, serial.as_bytes());
        put(&mut record, 37, owner.as_bytes());
        record[79] = version;
        record
    }

    fn to_ebcdic(text: &str) -> Vec<u8> {
        text.chars().map(|c| (0..=255u8).find(|&b| ebcdic_char(b) == Some(c)).expect("label character")).collect()
    }

    #[test]
    fn ansi_vol1_gives_serial_and_owner() {
        let omid = AnsiLabels.claim(&vol1("A00042", "OPERATIONS", b'3')).unwrap();
        assert_eq!(
            omid,
            Omid { label_type: "VOL1".into(), label_id: "A00042".into(), application: Some("OPERATIONS".into()) }
        );
    }

    #[test]
    fn short_serial_is_trimmed_and_missing_owner_is_none() {
        let omid = AnsiLabels.claim(&vol1("T1", "", b' ')).unwrap();
        assert_eq!(omid.label_id, "T1");
        assert_eq!(omid.application, None);
    }

    #[test]
    fn hdr1_system_code_is_the_fallback_application() {
        // What Bareos writes with "Label Type = ANSI": no owner, HDR1 system code "Bareos".
        let mut bytes = vol1("VOL001", "", b'3');
        let mut hdr1 = vec![b' '; RECORD];
        put(&mut hdr1, 0, b"HDR1BAREOS.DATA");
        put(&mut hdr1, 53, b" 000000Bareos");
        bytes.extend(hdr1);
        assert_eq!(AnsiLabels.claim(&bytes).unwrap().application.as_deref(), Some("Bareos"));
    }

    #[test]
    fn ibm_ebcdic_label_is_claimed() {
        let text = format!("VOL1IBM001{:31}{:10}{:29}", "", "SYSPROG", "");
        assert_eq!(text.len(), RECORD);
        let omid = AnsiLabels.claim(&to_ebcdic(&text)).unwrap();
        assert_eq!(omid.label_id, "IBM001");
        assert_eq!(omid.application.as_deref(), Some("SYSPROG"));
    }

    #[test]
    fn not_a_label() {
        assert!(AnsiLabels.claim(&vol1("", "X", b'3')).is_none(), "blank serial");
        assert!(AnsiLabels.claim(&vol1("ABC", "X", b'Z')).is_none(), "bad version byte");
        assert!(AnsiLabels.claim(&vol1("ABC", "X", b'3')[..79]).is_none(), "short record");
        let mut bad = vol1("AB\x01CD", "", b'3');
        assert!(AnsiLabels.claim(&bad).is_none(), "control character in the serial");
        bad[0] = b'H';
        assert!(AnsiLabels.claim(&bad).is_none());
    }

    #[test]
    fn label_records_are_recognized() {
        assert!(is_label_record(&vol1("A", "", b'3')));
        assert!(is_label_record(&to_ebcdic(&format!("HDR1{:76}", ""))));
        assert!(!is_label_record(&format!("HDRX{:76}", "").into_bytes()));
        assert!(!is_label_record(b"VOL1"));
    }

    #[test]
    fn sample_has_three_records_and_round_trips() {
        let bytes = sample("XY1234").unwrap();
        assert_eq!(bytes.len(), 240);
        assert!(bytes.iter().all(|b| (0x20..=0x7e).contains(b)));
        assert_eq!(&bytes[80..84], b"HDR1");
        assert_eq!(&bytes[121..127], b"024001");
        assert_eq!(&bytes[160..164], b"HDR2");
        let omid = AnsiLabels.claim(&bytes).unwrap();
        assert_eq!(omid.label_id, "XY1234");
        assert_eq!(omid.application.as_deref(), Some("OPENRSM"));
        assert!(sample("lower").is_err());
        assert!(sample("1234567").is_err());
        assert!(sample(" AB").is_err());
    }
}
