//! Bacula and Bareos volume labels.
//!
//! The storage daemon writes blocks; the first block of a volume holds the volume label record.
//! All integers are big-endian, strings are NUL-terminated.
//!
//! - Block header, `BB02` (`BB01` is older, `BB03` newer Bacula): checksum (in `BB03`: option
//!   bits), block length, block number, the id `BB0n`; then for `BB02`/`BB03` the session id and
//!   time (24 bytes; `BB03` adds a 64-bit checksum when option bit 1 is set).
//! - Record header: file index, stream, data length (12 bytes); a `BB01` record header starts
//!   with the session id and time (20 bytes). A volume label's file index is `PRE_LABEL` (-1,
//!   labelled but never written) or `VOL_LABEL` (-2).
//! - Label data: the id string (`"Bacula 1.0 immortal\n"`, `"Bacula 0.9 mortal\n"`,
//!   `"Bareos 2.0 immortal\n"`), the version number (u32), two timestamps and two float64 (32
//!   bytes), then the volume name, previous volume name, pool name, pool type, media type, host
//!   name, label program, program version and program date.
//!
//! With `Label Type = ANSI` or `IBM`, the volume starts with `VOL1`/`HDR1`/`HDR2` records and
//! the Bacula/Bareos label block follows them.

use super::{ansi, c_string, field, put, LabelLibrary, Omid, Result, SAMPLE_TIME};

const PRE_LABEL: i32 = -1;
const VOL_LABEL: i32 = -2;
/// The storage daemon's sanity limit on a block.
const MAX_BLOCK_LENGTH: usize = 20_000_000;
/// ANSI/IBM label records skipped before the label block.
const MAX_ANSI_RECORDS: usize = 6;
/// Bacula's `MAX_NAME_LENGTH`, with the NUL.
const MAX_NAME: usize = 128;
/// Enough for the headers and a label with every name at its longest.
const LABEL_BLOCK: usize = 4096;

/// Recognizes Bacula and Bareos volumes by their volume label record: label type `BACULA` or
/// `BAREOS` (from the label's id string), label id the volume name, application the label
/// program and its version as recorded on the volume (else `Bacula` or `Bareos`).
#[derive(Debug, Clone, Copy, Default)]
pub struct BaculaLabels;

impl LabelLibrary for BaculaLabels {
    fn name(&self) -> &str {
        "Bacula/Bareos"
    }

    fn max_label_size(&self) -> usize {
        MAX_ANSI_RECORDS * ansi::RECORD + LABEL_BLOCK
    }

    fn claim(&self, bytes: &[u8]) -> Option<Omid> {
        let mut start = 0;
        while start < MAX_ANSI_RECORDS * ansi::RECORD && ansi::is_label_record(bytes.get(start..)?) {
            start += ansi::RECORD;
        }
        let block = bytes.get(start..)?;
        let (block_header, record_header, file_index_at) = match field(block, 12, 4)? {
            b"BB01" => (16, 20, 8),
            b"BB02" => (24, 12, 0),
            b"BB03" if be_u32(block, 0)? & 1 != 0 => (32, 12, 0),
            b"BB03" => (24, 12, 0),
            _ => return None,
        };
        let block_len = be_u32(block, 4)? as usize;
        let file_index = be_u32(block, block_header + file_index_at)? as i32;
        let data_len = be_u32(block, block_header + file_index_at + 8)? as usize;
        let data_start = block_header + record_header;
        if !(data_start..=MAX_BLOCK_LENGTH).contains(&block_len)
            || data_len > block_len - data_start
            || !(file_index == PRE_LABEL || file_index == VOL_LABEL)
        {
            return None;
        }
        // The record may run past the bytes we were given: parse what is there.
        let data = &block[data_start.min(block.len())..block.len().min(data_start + data_len)];
        parse_label(data)
    }
}

fn parse_label(data: &[u8]) -> Option<Omid> {
    let (id, after_id) = c_string(data, 0, 64)?;
    let (label_type, product) = match id {
        b"Bacula 1.0 immortal\n" | b"Bacula 0.9 mortal\n" => ("BACULA", "Bacula"),
        b"Bareos 2.0 immortal\n" => ("BAREOS", "Bareos"),
        _ => return None,
    };
    // Version number (u32), then label and write times: 32 bytes in every version.
    let mut at = after_id + 4 + 32;
    field(data, after_id, 4 + 32)?;
    let mut strings = Vec::with_capacity(9);
    while strings.len() < 9 {
        let Some((text, next)) = c_string(data, at, MAX_NAME) else { break };
        strings.push(String::from_utf8_lossy(text).trim().to_string());
        at = next;
    }
    let volume = strings.first().filter(|name| !name.is_empty())?.clone();
    let program = strings.get(6).filter(|p| !p.is_empty()).map(|program| match strings.get(7) {
        Some(version) if !version.is_empty() => format!("{program} {version}"),
        _ => program.clone(),
    });
    Some(Omid {
        label_type: label_type.into(),
        label_id: volume,
        application: Some(program.unwrap_or_else(|| product.to_string())),
    })
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(field(bytes, at, 4)?.try_into().ok()?))
}

/// Which program's label to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavor {
    Bacula,
    Bareos,
}

/// The first block of a volume labelled by the storage daemon's `label` command: a `BB02` block
/// holding the `PRE_LABEL` volume label record, with a correct block checksum.
pub(super) fn sample(flavor: Flavor, id: &str) -> Result<Vec<u8>> {
    let kind = if flavor == Flavor::Bacula { "BACULA" } else { "BAREOS" };
    super::check_sample_id(
        kind,
        id,
        MAX_NAME - 1,
        |c| c.is_ascii_alphanumeric() || "-_.:".contains(c),
        "characters A-Z a-z 0-9 - _ . :",
    )?;
    let (id_string, version): (&[u8], u32) = match flavor {
        Flavor::Bacula => (b"Bacula 1.0 immortal\n", 11),
        Flavor::Bareos => (b"Bareos 2.0 immortal\n", 20),
    };
    let microseconds = SAMPLE_TIME * 1_000_000;
    let mut data = Vec::new();
    let string = |data: &mut Vec<u8>, text: &[u8]| {
        data.extend_from_slice(text);
        data.push(0);
    };
    string(&mut data, id_string);
    data.extend_from_slice(&version.to_be_bytes());
    data.extend_from_slice(&microseconds.to_be_bytes()); // label time
    data.extend_from_slice(&microseconds.to_be_bytes()); // write time
    data.extend_from_slice(&0f64.to_be_bytes()); // write date, unused since version 11
    data.extend_from_slice(&0f64.to_be_bytes()); // write time of day, unused since version 11
    let version_text = env!("CARGO_PKG_VERSION");
    for text in [id, "", "Default", "Backup", "Tape", "openrsm", "openrsm", version_text, ""] {
        string(&mut data, text.as_bytes());
    }

    let block_len = 24 + 12 + data.len();
    let mut block = vec![0u8; block_len];
    put(&mut block, 4, &(block_len as u32).to_be_bytes());
    put(&mut block, 8, &0u32.to_be_bytes()); // block number
    put(&mut block, 12, b"BB02");
    // Session id and time stay 0: no job wrote this block.
    put(&mut block, 24, &PRE_LABEL.to_be_bytes());
    put(&mut block, 28, &0i32.to_be_bytes()); // stream
    put(&mut block, 32, &(data.len() as u32).to_be_bytes());
    put(&mut block, 36, &data);
    let checksum = crc32(&block[4..]);
    put(&mut block, 0, &checksum.to_be_bytes());
    Ok(block)
}

/// CRC-32 (IEEE 802.3, reflected), the block checksum of the storage daemon.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, &byte| {
        (0..8).fold(crc ^ u32::from(byte), |crc, _| if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A label block laid out field by field, independent of `sample`.
    fn block(id: &str, block_id: &[u8; 4], file_index: i32, names: &[&str]) -> Vec<u8> {
        let mut data = format!("{id}\0").into_bytes();
        data.extend_from_slice(&10u32.to_be_bytes());
        data.extend_from_slice(&[0u8; 32]);
        for name in names {
            data.extend_from_slice(name.as_bytes());
            data.push(0);
        }
        let bb01 = block_id == b"BB01";
        let header_len = if bb01 { 16 } else { 24 };
        let mut out = Vec::new();
        out.extend_from_slice(&0u32.to_be_bytes());
        let record_len = if bb01 { 20 } else { 12 };
        out.extend_from_slice(&((header_len + record_len + data.len()) as u32).to_be_bytes());
        out.extend_from_slice(&0u32.to_be_bytes());
        out.extend_from_slice(block_id);
        // Session id and time: in the block header of BB02, in the record header of BB01.
        out.extend_from_slice(&[0u8; 8]);
        out.extend_from_slice(&file_index.to_be_bytes());
        out.extend_from_slice(&0i32.to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(&data);
        out
    }

    const NAMES: [&str; 9] = ["Full-0001", "", "Full", "Backup", "File", "host", "bareos-sd", "23.0.1", "01Jan24"];

    #[test]
    fn bareos_label() {
        let omid = BaculaLabels.claim(&block("Bareos 2.0 immortal\n", b"BB02", VOL_LABEL, &NAMES)).unwrap();
        assert_eq!(omid.label_type, "BAREOS");
        assert_eq!(omid.label_id, "Full-0001");
        assert_eq!(omid.application.as_deref(), Some("bareos-sd 23.0.1"));
    }

    #[test]
    fn old_bacula_bb01_label() {
        let omid = BaculaLabels.claim(&block("Bacula 0.9 mortal\n", b"BB01", PRE_LABEL, &NAMES[..3])).unwrap();
        assert_eq!((omid.label_type.as_str(), omid.label_id.as_str()), ("BACULA", "Full-0001"));
        assert_eq!(omid.application.as_deref(), Some("Bacula"));
    }

    #[test]
    fn after_ansi_label_records() {
        let mut bytes = super::super::ansi::sample("VOL001").unwrap();
        bytes.extend(block("Bacula 1.0 immortal\n", b"BB02", VOL_LABEL, &["VOL001"]));
        assert_eq!(BaculaLabels.claim(&bytes).unwrap().label_id, "VOL001");
    }

    #[test]
    fn other_records_are_not_labels() {
        for file_index in [-4, 0, 1] {
            assert!(BaculaLabels.claim(&block("Bareos 2.0 immortal\n", b"BB02", file_index, &NAMES)).is_none());
        }
        assert!(BaculaLabels.claim(&block("Bareos 9.9 whatever\n", b"BB02", VOL_LABEL, &NAMES)).is_none());
        assert!(BaculaLabels.claim(&block("Bareos 2.0 immortal\n", b"BB04", VOL_LABEL, &NAMES)).is_none());
        assert!(BaculaLabels.claim(&block("Bareos 2.0 immortal\n", b"BB02", VOL_LABEL, &[""])).is_none(), "no name");
    }

    #[test]
    fn truncated_name_is_not_taken() {
        let bytes = block("Bareos 2.0 immortal\n", b"BB02", VOL_LABEL, &NAMES);
        let name_end = bytes.windows(9).position(|w| w == b"Full-0001").unwrap() + 9;
        assert!(BaculaLabels.claim(&bytes[..name_end]).is_none());
        assert_eq!(BaculaLabels.claim(&bytes[..name_end + 1]).unwrap().label_id, "Full-0001");
    }

    #[test]
    fn inconsistent_lengths_are_refused() {
        let mut bytes = block("Bareos 2.0 immortal\n", b"BB02", VOL_LABEL, &NAMES);
        put(&mut bytes, 4, &10u32.to_be_bytes()); // block shorter than its headers
        assert!(BaculaLabels.claim(&bytes).is_none());
        let mut bytes = block("Bareos 2.0 immortal\n", b"BB02", VOL_LABEL, &NAMES);
        put(&mut bytes, 32, &u32::MAX.to_be_bytes()); // record longer than the block
        assert!(BaculaLabels.claim(&bytes).is_none());
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn samples_round_trip_with_a_valid_checksum() {
        for (flavor, label_type) in [(Flavor::Bacula, "BACULA"), (Flavor::Bareos, "BAREOS")] {
            let bytes = sample(flavor, "Vol-0042").unwrap();
            assert_eq!(be_u32(&bytes, 4), Some(bytes.len() as u32));
            assert_eq!(be_u32(&bytes, 0), Some(crc32(&bytes[4..])));
            let omid = BaculaLabels.claim(&bytes).unwrap();
            assert_eq!((omid.label_type.as_str(), omid.label_id.as_str()), (label_type, "Vol-0042"));
        }
        assert!(sample(Flavor::Bareos, "has space").is_err());
        assert!(sample(Flavor::Bareos, &"v".repeat(128)).is_err());
    }
}
