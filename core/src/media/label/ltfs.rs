//! LTFS (Linear Tape File System, ISO/IEC 20919) volume labels.
//!
//! Each LTFS partition starts with a label construct: an 80-byte ANSI `VOL1` record (volume
//! serial = the barcode, accessibility `L`, implementation identifier `LTFS`, label standard
//! version `4`), a filemark, then an XML label:
//! `<ltfslabel version="2.4.0"><creator>..</creator><formattime>..</formattime>
//! <volumeuuid>..</volumeuuid><location><partition>a</partition></location>
//! <partitions><index>a</index><data>b</data></partitions><blocksize>..</blocksize>
//! <compression>..</compression></ltfslabel>`.

use super::{ascii_text, field, non_empty, put, LabelLibrary, Omid, Result, SAMPLE_TIME};

const VOL1_LEN: usize = super::ansi::RECORD;

/// How far past the `VOL1` record the XML label is looked for: the label itself is well under
/// 1 KiB, the rest leaves room for images that pad the `VOL1` block.
const XML_WINDOW: usize = 8192;

/// Recognizes LTFS volumes by their `VOL1` record (implementation identifier `LTFS`) and/or
/// their XML `<ltfslabel>`: label type `LTFS`, label id the volume serial (barcode) of the
/// `VOL1` record or, when that is blank or absent, the volume UUID; application the label's
/// `<creator>`.
#[derive(Debug, Clone, Copy, Default)]
pub struct LtfsLabels;

impl LabelLibrary for LtfsLabels {
    fn name(&self) -> &str {
        "LTFS"
    }

    fn max_label_size(&self) -> usize {
        VOL1_LEN + XML_WINDOW
    }

    fn claim(&self, bytes: &[u8]) -> Option<Omid> {
        let (serial, xml_start) = match field(bytes, 0, VOL1_LEN) {
            Some(vol1) if vol1.starts_with(b"VOL1") && &vol1[24..28] == b"LTFS" => {
                (non_empty(ascii_text(&vol1[4..10])?), VOL1_LEN)
            }
            _ if starts_like_xml(bytes) => (None, 0),
            _ => return None,
        };
        let window = bytes.get(xml_start..bytes.len().min(xml_start + XML_WINDOW)).unwrap_or_default();
        let xml = find(window, b"<ltfslabel").map(|at| &window[at..]);
        let uuid = xml
            .and_then(|xml| element_text(xml, "volumeuuid"))
            .and_then(|text| uuid::Uuid::parse_str(&text).ok())
            .map(|uuid| uuid.hyphenated().to_string());
        let creator = xml.and_then(|xml| element_text(xml, "creator")).and_then(non_empty);
        let label_id = serial.or(uuid)?;
        Some(Omid { label_type: "LTFS".into(), label_id, application: creator })
    }
}

/// A partition read without its `VOL1` record: the XML label comes first.
fn starts_like_xml(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    let text = &text[start..];
    text.starts_with(b"<?xml") || text.starts_with(b"<ltfslabel")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The unescaped, trimmed text of the first complete `<tag>...</tag>` element.
fn element_text(xml: &[u8], tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = find(xml, open.as_bytes())? + open.len();
    let len = find(&xml[start..], close.as_bytes())?;
    let text = std::str::from_utf8(&xml[start..start + len]).ok()?;
    Some(
        text.trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// The `VOL1` record and the XML label of partition `a`, as `mkltfs` writes them.
pub(super) fn sample(id: &str) -> Result<Vec<u8>> {
    // LTFS itself refuses barcodes that are not upper-case letters and digits.
    super::check_sample_id("LTFS", id, 6, |c| c.is_ascii_uppercase() || c.is_ascii_digit(), "characters A-Z 0-9")?;
    let mut vol1 = vec![b' '; VOL1_LEN];
    put(&mut vol1, 0, b"VOL1");
    put(&mut vol1, 4, id.as_bytes());
    vol1[10] = b'L';
    put(&mut vol1, 24, b"LTFS");
    vol1[79] = b'4';

    let format_time = chrono::DateTime::from_timestamp(SAMPLE_TIME, 0).unwrap_or_default();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ltfslabel version="2.4.0">
    <creator>OpenRSM {version} - sample label</creator>
    <formattime>{time}</formattime>
    <volumeuuid>{uuid}</volumeuuid>
    <location>
        <partition>a</partition>
    </location>
    <partitions>
        <index>a</index>
        <data>b</data>
    </partitions>
    <blocksize>524288</blocksize>
    <compression>true</compression>
</ltfslabel>
"#,
        version = env!("CARGO_PKG_VERSION"),
        time = format_time.format("%Y-%m-%dT%H:%M:%S.000000000Z"),
        uuid = sample_uuid(id),
    );
    vol1.extend_from_slice(xml.as_bytes());
    Ok(vol1)
}

/// A version-4-shaped UUID derived from the barcode, so that sample labels are reproducible.
fn sample_uuid(id: &str) -> uuid::Uuid {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(format!("openrsm ltfs sample {id}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ltfslabel version="2.4.0">
    <creator>IBM LTFS 2.4.0 - Linux - mkltfs &amp; co</creator>
    <formattime>2023-05-04T10:11:12.000000000Z</formattime>
    <volumeuuid>0c0ffee0-1234-4abc-8def-0123456789ab</volumeuuid>
    <location><partition>b</partition></location>
</ltfslabel>
"#;

    fn vol1(serial: &str) -> Vec<u8> {
        let mut record = format!("VOL1{serial:6}L{:13}LTFS{:51}4", "", "").into_bytes();
        record.truncate(VOL1_LEN);
        record
    }

    #[test]
    fn vol1_and_xml_label() {
        let mut bytes = vol1("LT0001");
        bytes.extend_from_slice(XML.as_bytes());
        let omid = LtfsLabels.claim(&bytes).unwrap();
        assert_eq!(omid.label_type, "LTFS");
        assert_eq!(omid.label_id, "LT0001");
        assert_eq!(omid.application.as_deref(), Some("IBM LTFS 2.4.0 - Linux - mkltfs & co"));
    }

    #[test]
    fn blank_barcode_falls_back_to_the_volume_uuid() {
        let mut bytes = vol1("");
        bytes.extend_from_slice(XML.as_bytes());
        assert_eq!(LtfsLabels.claim(&bytes).unwrap().label_id, "0c0ffee0-1234-4abc-8def-0123456789ab");
    }

    #[test]
    fn xml_label_alone() {
        let omid = LtfsLabels.claim(XML.as_bytes()).unwrap();
        assert_eq!(omid.label_id, "0c0ffee0-1234-4abc-8def-0123456789ab");
    }

    #[test]
    fn vol1_alone_is_enough_with_a_barcode() {
        let omid = LtfsLabels.claim(&vol1("LT0002")).unwrap();
        assert_eq!((omid.label_id.as_str(), omid.application), ("LT0002", None));
        assert!(LtfsLabels.claim(&vol1("")).is_none(), "neither barcode nor UUID");
    }

    #[test]
    fn truncated_uuid_is_not_taken() {
        let cut = XML.find("-4abc").unwrap();
        assert!(LtfsLabels.claim(&XML.as_bytes()[..cut]).is_none());
        let bad = XML.replace("0c0ffee0-1234", "not-a-uuid-1234");
        assert!(LtfsLabels.claim(bad.as_bytes()).is_none());
    }

    #[test]
    fn plain_vol1_and_other_xml_are_not_ltfs() {
        let mut ansi = vol1("ABC");
        ansi[24..28].copy_from_slice(b"ACME");
        assert!(LtfsLabels.claim(&ansi).is_none());
        assert!(LtfsLabels.claim(b"<?xml version=\"1.0\"?><svg/>").is_none());
    }

    #[test]
    fn sample_is_reproducible_and_round_trips() {
        let bytes = sample("LT0042").unwrap();
        assert_eq!(bytes, sample("LT0042").unwrap());
        assert_eq!(bytes[10], b'L');
        let omid = LtfsLabels.claim(&bytes).unwrap();
        assert_eq!(omid.label_id, "LT0042");
        assert!(omid.application.unwrap().starts_with("OpenRSM "));
        let uuid = element_text(&bytes[VOL1_LEN..], "volumeuuid").unwrap();
        assert_eq!(uuid::Uuid::parse_str(&uuid).unwrap().get_version_num(), 4);
        assert_ne!(uuid, element_text(&sample("LT0043").unwrap()[VOL1_LEN..], "volumeuuid").unwrap());
        assert!(sample("lt0042").is_err());
        assert!(sample("LT00420").is_err());
    }
}
