//! ISO 9660 (ECMA-119) disc file systems.
//!
//! Sectors 0 to 15 (2048 bytes each) are the system area; the volume descriptor set starts at
//! sector 16 (byte 32768) and ends with a terminator (type 255). Each descriptor starts with its
//! type, the standard identifier `CD001` and version 1. The primary volume descriptor (type 1)
//! holds the volume identifier at offset 40 (32 d-characters) and the application identifier
//! at offset 574 (128 a-characters).

use super::{field, non_empty, put, LabelLibrary, Omid, Result, SAMPLE_TIME};

const SECTOR: usize = 2048;
const FIRST_DESCRIPTOR: usize = 16 * SECTOR;
/// Descriptors looked at before giving up: a boot record (El Torito) or a supplementary
/// descriptor (Joliet) may come before the primary one.
const DESCRIPTORS: usize = 4;

const PRIMARY: u8 = 1;
const TERMINATOR: u8 = 255;

/// Recognizes ISO 9660 discs and images by their primary volume descriptor: label type
/// `ISO9660`, label id the volume identifier (possibly empty), application the application
/// identifier.
#[derive(Debug, Clone, Copy, Default)]
pub struct Iso9660Labels;

impl LabelLibrary for Iso9660Labels {
    fn name(&self) -> &str {
        "ISO 9660"
    }

    fn max_label_size(&self) -> usize {
        FIRST_DESCRIPTOR + DESCRIPTORS * SECTOR
    }

    fn claim(&self, bytes: &[u8]) -> Option<Omid> {
        for index in 0..DESCRIPTORS {
            let descriptor = field(bytes, FIRST_DESCRIPTOR + index * SECTOR, SECTOR)?;
            if &descriptor[1..6] != b"CD001" || descriptor[6] != 1 {
                return None;
            }
            match descriptor[0] {
                PRIMARY => {
                    return Some(Omid {
                        label_type: "ISO9660".into(),
                        label_id: text(&descriptor[40..72]),
                        application: non_empty(text(&descriptor[574..702])),
                    })
                }
                TERMINATOR => return None,
                _ => continue,
            }
        }
        None
    }
}

/// A descriptor text field: space padded by the standard, NUL padded by some writers, and not
/// always restricted to the allowed characters.
fn text(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).trim_matches(|c| c == ' ' || c == '\0').to_string()
}

/// An empty ISO 9660 file system: system area, primary volume descriptor (sector 16),
/// terminator (17), little- and big-endian path tables (18, 19) and the root directory (20).
pub(super) fn sample(id: &str) -> Result<Vec<u8>> {
    super::check_sample_id(
        "ISO9660",
        id,
        32,
        |c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_',
        "d-characters (A-Z 0-9 _)",
    )?;
    const PVD: usize = 16;
    const L_PATH_TABLE: u32 = 18;
    const M_PATH_TABLE: u32 = 19;
    const ROOT: u32 = 20;
    const SECTORS: u32 = 21;
    let mut image = vec![0u8; SECTORS as usize * SECTOR];
    let when = chrono::DateTime::from_timestamp(SAMPLE_TIME, 0).unwrap_or_default();

    let pvd = &mut image[PVD * SECTOR..(PVD + 1) * SECTOR];
    pvd[0] = PRIMARY;
    put(pvd, 1, b"CD001");
    pvd[6] = 1;
    put(pvd, 8, &padded("", 32)); // system identifier
    put(pvd, 40, &padded(id, 32));
    put(pvd, 80, &both_u32(SECTORS));
    put(pvd, 120, &both_u16(1)); // volume set size
    put(pvd, 124, &both_u16(1)); // volume sequence number
    put(pvd, 128, &both_u16(SECTOR as u16));
    put(pvd, 132, &both_u32(10)); // path table size: the root's entry only
    put(pvd, 140, &L_PATH_TABLE.to_le_bytes());
    put(pvd, 148, &M_PATH_TABLE.to_be_bytes());
    put(pvd, 156, &directory_record(ROOT, 0, when));
    put(pvd, 190, &padded("", 128)); // volume set
    put(pvd, 318, &padded("", 128)); // publisher
    put(pvd, 446, &padded("", 128)); // data preparer
    put(pvd, 574, &padded("OPENRSM", 128)); // application
    put(pvd, 702, &padded("", 3 * 37)); // copyright, abstract, bibliographic files
    let stamp = format!("{}00", when.format("%Y%m%d%H%M%S"));
    put(pvd, 813, stamp.as_bytes()); // creation, GMT offset 0
    put(pvd, 830, stamp.as_bytes()); // modification
    put(pvd, 847, b"0000000000000000"); // no expiration
    put(pvd, 864, b"0000000000000000"); // effective now
    pvd[881] = 1; // file structure version

    let terminator = &mut image[(PVD + 1) * SECTOR..];
    terminator[0] = TERMINATOR;
    put(terminator, 1, b"CD001");
    terminator[6] = 1;

    // Path table entry: identifier length, extended attributes, extent, parent, identifier, pad.
    let l_entry = [&[1u8, 0][..], &ROOT.to_le_bytes(), &1u16.to_le_bytes(), &[0, 0]].concat();
    let m_entry = [&[1u8, 0][..], &ROOT.to_be_bytes(), &1u16.to_be_bytes(), &[0, 0]].concat();
    put(&mut image, L_PATH_TABLE as usize * SECTOR, &l_entry);
    put(&mut image, M_PATH_TABLE as usize * SECTOR, &m_entry);

    let root = ROOT as usize * SECTOR;
    put(&mut image, root, &directory_record(ROOT, 0, when)); // "."
    put(&mut image, root + 34, &directory_record(ROOT, 1, when)); // ".."
    Ok(image)
}

/// A 34-byte directory record for the one-sector root directory; `name` 0 is ".", 1 is "..".
fn directory_record(extent: u32, name: u8, when: chrono::DateTime<chrono::Utc>) -> [u8; 34] {
    use chrono::{Datelike, Timelike};
    let mut record = [0u8; 34];
    record[0] = 34;
    put(&mut record, 2, &both_u32(extent));
    put(&mut record, 10, &both_u32(SECTOR as u32));
    let date = [
        (when.year() - 1900).clamp(0, 255) as u8,
        when.month() as u8,
        when.day() as u8,
        when.hour() as u8,
        when.minute() as u8,
        when.second() as u8,
        0,
    ];
    put(&mut record, 18, &date);
    record[25] = 0x02; // directory
    put(&mut record, 28, &both_u16(1));
    record[32] = 1;
    record[33] = name;
    record
}

fn padded(text: &str, width: usize) -> Vec<u8> {
    let mut out = text.as_bytes().to_vec();
    out.resize(width, b' ');
    out
}

/// ECMA-119 "both-byte orders" fields: little-endian then big-endian.
fn both_u32(value: u32) -> [u8; 8] {
    let mut out = [0u8; 8];
    out[..4].copy_from_slice(&value.to_le_bytes());
    out[4..].copy_from_slice(&value.to_be_bytes());
    out
}

fn both_u16(value: u16) -> [u8; 4] {
    let mut out = [0u8; 4];
    out[..2].copy_from_slice(&value.to_le_bytes());
    out[2..].copy_from_slice(&value.to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn descriptor(kind: u8, volume: &str, application: &str) -> Vec<u8> {
        let mut sector = vec![0u8; SECTOR];
        sector[0] = kind;
        put(&mut sector, 1, b"CD001");
        sector[6] = 1;
        put(&mut sector, 40, &padded(volume, 32));
        put(&mut sector, 574, &padded(application, 128));
        sector
    }

    fn disc(descriptors: &[Vec<u8>]) -> Vec<u8> {
        let mut bytes = vec![0u8; FIRST_DESCRIPTOR];
        descriptors.iter().for_each(|d| bytes.extend_from_slice(d));
        bytes
    }

    #[test]
    fn primary_descriptor_at_sector_16() {
        let bytes = disc(&[descriptor(PRIMARY, "DEBIAN_12", "XORRISO"), descriptor(TERMINATOR, "", "")]);
        let omid = Iso9660Labels.claim(&bytes).unwrap();
        assert_eq!(omid.label_type, "ISO9660");
        assert_eq!(omid.label_id, "DEBIAN_12");
        assert_eq!(omid.application.as_deref(), Some("XORRISO"));
    }

    #[test]
    fn boot_record_before_the_primary_descriptor() {
        let bytes = disc(&[descriptor(0, "", ""), descriptor(PRIMARY, "BOOTABLE", "")]);
        let omid = Iso9660Labels.claim(&bytes).unwrap();
        assert_eq!((omid.label_id.as_str(), omid.application), ("BOOTABLE", None));
    }

    #[test]
    fn terminator_or_wrong_identifier_is_not_claimed() {
        assert!(Iso9660Labels.claim(&disc(&[descriptor(TERMINATOR, "", "")])).is_none());
        let mut bad = descriptor(PRIMARY, "X", "");
        bad[6] = 2;
        assert!(Iso9660Labels.claim(&disc(&[bad])).is_none());
        let mut udf = descriptor(PRIMARY, "X", "");
        put(&mut udf, 1, b"BEA01");
        assert!(Iso9660Labels.claim(&disc(&[udf])).is_none());
    }

    #[test]
    fn truncated_descriptor_is_not_claimed() {
        let bytes = disc(&[descriptor(PRIMARY, "CUT", "")]);
        assert!(Iso9660Labels.claim(&bytes[..bytes.len() - 1]).is_none());
        assert!(Iso9660Labels.claim(&bytes[..100]).is_none());
    }

    #[test]
    fn sample_is_a_consistent_file_system() {
        let image = sample("BACKUP_2024").unwrap();
        assert_eq!(image.len(), 21 * SECTOR);
        let pvd = &image[FIRST_DESCRIPTOR..FIRST_DESCRIPTOR + SECTOR];
        assert_eq!(u32::from_le_bytes(pvd[80..84].try_into().unwrap()) as usize * SECTOR, image.len());
        assert_eq!(&pvd[80..84], &[21, 0, 0, 0]);
        assert_eq!(&pvd[84..88], &[0, 0, 0, 21]);
        assert_eq!(&pvd[813..829], b"2024010100000000");
        // The root directory record points at a sector whose first record is "." pointing back.
        let root = u32::from_le_bytes(pvd[158..162].try_into().unwrap()) as usize;
        assert_eq!(&image[root * SECTOR + 2..root * SECTOR + 6], &pvd[158..162]);
        assert_eq!(image[root * SECTOR + 34 + 33], 1, "second record is ..");
        assert_eq!(image[17 * SECTOR], TERMINATOR);
        let omid = Iso9660Labels.claim(&image).unwrap();
        assert_eq!((omid.label_id.as_str(), omid.application.as_deref()), ("BACKUP_2024", Some("OPENRSM")));
        assert!(sample("lower").is_err());
        assert!(sample(&"A".repeat(33)).is_err());
    }
}
