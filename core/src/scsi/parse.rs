//! Response parsers: INQUIRY, VPD pages 80h/83h, MODE SENSE page 1Dh, READ ELEMENT STATUS and
//! READ POSITION.
//!
//! Every parser takes the bytes a device returned and never reads past them. Devices get lengths
//! wrong (tgt's element status data is 8 bytes shorter than its own headers say, the last
//! descriptor losing its tail), so the parsers decode what is there: a descriptor whose fixed part
//! is present is kept even if its volume tag or device identifier is cut (then reported as absent or
//! marked incomplete). Bytes that cannot be the answer (a page header saying a descriptor is 2 bytes
//! long, an unknown element type) are a typed [`ParseError`].
//!
//! ```
//! use openrsm::scsi::parse::parse_element_address_assignment;
//! // MODE SENSE(6) header + page 1Dh as tgt returns it.
//! let data = [
//!     0x17, 0, 0, 0, 0x1D, 0x12, 0, 1, 0, 1, 0x10, 0, 0, 10, 0, 0x10, 0, 2, 1, 0, 0, 2, 0, 0,
//! ];
//! let page = parse_element_address_assignment(&data, false).unwrap();
//! assert_eq!((page.storage.first, page.storage.count), (0x1000, 10));
//! assert_eq!((page.data_transfer.first, page.data_transfer.count), (0x100, 2));
//! ```

use crate::error::{Error, ErrorKind};

use super::cdb::ElementTypeCode;

/// Why a response could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Fewer bytes than the fixed part of the response.
    #[error("{what}: {got} bytes, at least {need} needed")]
    TooShort {
        /// What was being decoded.
        what: &'static str,
        /// Bytes present.
        got: usize,
        /// Bytes needed.
        need: usize,
    },
    /// A field holds a value that cannot be right.
    #[error("{what}: {detail}")]
    Invalid {
        /// What was being decoded.
        what: &'static str,
        /// What is wrong.
        detail: String,
    },
}

impl From<ParseError> for Error {
    fn from(err: ParseError) -> Self {
        Error::new(ErrorKind::DeviceNotAvailable, format!("the device sent a malformed response: {err}"))
    }
}

fn need(what: &'static str, data: &[u8], n: usize) -> Result<(), ParseError> {
    if data.len() < n {
        Err(ParseError::TooShort { what, got: data.len(), need: n })
    } else {
        Ok(())
    }
}

fn be16(data: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([data[at], data[at + 1]])
}

fn be24(data: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([0, data[at], data[at + 1], data[at + 2]])
}

fn be32(data: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

fn be64(data: &[u8], at: usize) -> u64 {
    u64::from_be_bytes(data[at..at + 8].try_into().expect("eight bytes"))
}

/// ASCII text with trailing (and leading) spaces and NULs removed; other bytes replaced.
pub fn ascii_field(raw: &[u8]) -> String {
    let text: String = raw.iter().map(|&b| if (0x20..0x7F).contains(&b) { char::from(b) } else { '\0' }).collect();
    text.trim_matches(|c: char| c == ' ' || c == '\0').replace('\0', "?")
}

/// Peripheral device types that matter here.
pub mod device_type {
    /// Direct access block device (disk).
    pub const DISK: u8 = 0x00;
    /// Sequential access device (tape drive).
    pub const TAPE: u8 = 0x01;
    /// CD/DVD device.
    pub const OPTICAL: u8 = 0x05;
    /// Medium changer.
    pub const CHANGER: u8 = 0x08;
}

/// Standard INQUIRY data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inquiry {
    /// Peripheral qualifier (0: a device is connected to this LUN).
    pub qualifier: u8,
    /// Peripheral device type ([`device_type`]).
    pub device_type: u8,
    /// Removable medium (RMB).
    pub removable: bool,
    /// Version of the standard.
    pub version: u8,
    /// The device has an attached medium changer (MCHNGR).
    pub media_changer: bool,
    /// T10 vendor identification.
    pub vendor: String,
    /// Product identification.
    pub product: String,
    /// Product revision level.
    pub revision: String,
    /// The vendor-specific bytes 36..56 as text (some libraries put their serial number there).
    pub vendor_specific: String,
}

/// Decode standard INQUIRY data (at least the first 36 bytes; 8..36 may be cut short).
pub fn parse_inquiry(data: &[u8]) -> Result<Inquiry, ParseError> {
    need("INQUIRY data", data, 8)?;
    let field = |from: usize, to: usize| ascii_field(data.get(from..to.min(data.len())).unwrap_or(&[]));
    Ok(Inquiry {
        qualifier: data[0] >> 5,
        device_type: data[0] & 0x1F,
        removable: data[1] & 0x80 != 0,
        version: data[2],
        media_changer: data[6] & 0x08 != 0,
        vendor: field(8, 16),
        product: field(16, 32),
        revision: field(32, 36),
        vendor_specific: field(36, 56),
    })
}

/// The page code and the body of a VPD page, checking the page is the one asked for.
fn vpd_body<'a>(data: &'a [u8], page: u8, what: &'static str) -> Result<&'a [u8], ParseError> {
    need(what, data, 4)?;
    if data[1] != page {
        return Err(ParseError::Invalid {
            what,
            detail: format!("page {:#04x} returned instead of {page:#04x}", data[1]),
        });
    }
    let len = usize::from(be16(data, 2));
    Ok(&data[4..data.len().min(4 + len)])
}

/// Decode VPD page 80h: the unit serial number.
pub fn parse_unit_serial(data: &[u8]) -> Result<String, ParseError> {
    Ok(ascii_field(vpd_body(data, 0x80, "unit serial number page")?))
}

/// Decode VPD page 00h: the VPD pages the device supports.
pub fn parse_supported_pages(data: &[u8]) -> Result<Vec<u8>, ParseError> {
    Ok(vpd_body(data, 0x00, "supported VPD pages")?.to_vec())
}

/// One designator of VPD page 83h.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Designator {
    /// Protocol identifier (meaningful when `piv`).
    pub protocol: u8,
    /// Code set: 1 binary, 2 ASCII, 3 UTF-8.
    pub code_set: u8,
    /// The protocol identifier is valid.
    pub piv: bool,
    /// Association: 0 the logical unit, 1 the target port, 2 the target device.
    pub association: u8,
    /// Designator type: 1 T10 vendor id, 2 EUI-64, 3 NAA, 8 SCSI name string, ...
    pub designator_type: u8,
    /// The designator bytes.
    pub value: Vec<u8>,
}

impl Designator {
    /// The designator as text: itself for ASCII/UTF-8 code sets, hex digits for binary ones.
    pub fn text(&self) -> String {
        match self.code_set {
            2 | 3 => ascii_field(&self.value),
            _ => self.value.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// Decode VPD page 83h: device identification designators. A designator cut by the end of the
/// buffer is dropped.
pub fn parse_device_identification(data: &[u8]) -> Result<Vec<Designator>, ParseError> {
    let body = vpd_body(data, 0x83, "device identification page")?;
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 <= body.len() {
        let len = usize::from(body[at + 3]);
        let Some(value) = body.get(at + 4..at + 4 + len) else { break };
        out.push(Designator {
            protocol: body[at] >> 4,
            code_set: body[at] & 0x0F,
            piv: body[at + 1] & 0x80 != 0,
            association: (body[at + 1] >> 4) & 0x03,
            designator_type: body[at + 1] & 0x0F,
            value: value.to_vec(),
        });
        at += 4 + len;
    }
    Ok(out)
}

/// A range of element addresses from page 1Dh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AddressRange {
    /// First address.
    pub first: u16,
    /// Number of elements.
    pub count: u16,
}

impl AddressRange {
    /// Whether `address` is in the range.
    pub fn contains(&self, address: u16) -> bool {
        address >= self.first && u32::from(address) < u32::from(self.first) + u32::from(self.count)
    }
}

/// MODE SENSE page 1Dh: where each type of element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ElementAddressAssignment {
    /// Medium transport elements.
    pub transport: AddressRange,
    /// Storage elements.
    pub storage: AddressRange,
    /// Import/export elements.
    pub import_export: AddressRange,
    /// Data transfer elements.
    pub data_transfer: AddressRange,
}

impl ElementAddressAssignment {
    /// The range of one element type (`All` has none).
    pub fn range(&self, element_type: ElementTypeCode) -> AddressRange {
        match element_type {
            ElementTypeCode::Transport => self.transport,
            ElementTypeCode::Storage => self.storage,
            ElementTypeCode::ImportExport => self.import_export,
            ElementTypeCode::DataTransfer => self.data_transfer,
            ElementTypeCode::All => AddressRange::default(),
        }
    }

    /// The type of the element at `address`.
    pub fn type_of(&self, address: u16) -> Option<ElementTypeCode> {
        [
            ElementTypeCode::Transport,
            ElementTypeCode::Storage,
            ElementTypeCode::ImportExport,
            ElementTypeCode::DataTransfer,
        ]
        .into_iter()
        .find(|t| self.range(*t).contains(address))
    }
}

/// Decode MODE SENSE(6) (`ten` = false) or MODE SENSE(10) data holding page 1Dh.
pub fn parse_element_address_assignment(data: &[u8], ten: bool) -> Result<ElementAddressAssignment, ParseError> {
    const WHAT: &str = "element address assignment page";
    let (header, block_desc) = if ten {
        need(WHAT, data, 8)?;
        (8, usize::from(be16(data, 6)))
    } else {
        need(WHAT, data, 4)?;
        (4, usize::from(data[3]))
    };
    let page = header + block_desc;
    need(WHAT, data, page + 2)?;
    if data[page] & 0x3F != 0x1D {
        return Err(ParseError::Invalid { what: WHAT, detail: format!("page {:#04x} returned", data[page] & 0x3F) });
    }
    need(WHAT, data, page + 18)?;
    let range = |at: usize| AddressRange { first: be16(data, page + at), count: be16(data, page + at + 2) };
    Ok(ElementAddressAssignment {
        transport: range(2),
        storage: range(6),
        import_export: range(10),
        data_transfer: range(14),
    })
}

/// A volume tag (barcode) from an element descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeTag {
    /// The volume identifier with its padding removed (empty: the changer read no label).
    pub identifier: String,
    /// The volume sequence number (0 when cut off).
    pub sequence: u16,
}

/// The device identifier of a data transfer element (DVCID, SMC-3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceIdentifier {
    /// Code set: 1 binary, 2 ASCII.
    pub code_set: u8,
    /// Identifier type (as in VPD 83h designators).
    pub identifier_type: u8,
    /// The identifier bytes that were present.
    pub value: Vec<u8>,
    /// Whether all of it was present (false: the response was cut inside it).
    pub complete: bool,
}

impl DeviceIdentifier {
    /// The identifier as text (ASCII code set) or hex digits (binary).
    pub fn text(&self) -> String {
        match self.code_set {
            2 | 3 => ascii_field(&self.value),
            _ => self.value.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// One element status descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementDescriptor {
    /// The element's type (from its page header).
    pub element_type: ElementTypeCode,
    /// Its address.
    pub address: u16,
    /// FULL: it holds a medium.
    pub full: bool,
    /// IMPEXP (import/export elements): an operator put the medium in.
    pub impexp: bool,
    /// EXCEPT: the element is in an abnormal state (see `asc`/`ascq`).
    pub except: bool,
    /// ACCESS: the robot may reach the element.
    pub access: bool,
    /// EXENAB (import/export elements): it can export.
    pub export_enabled: bool,
    /// INENAB (import/export elements): it can import.
    pub import_enabled: bool,
    /// The additional sense code of an exception.
    pub asc: u8,
    /// Its qualifier.
    pub ascq: u8,
    /// SCSI bus address of a drive, when the changer reports it (ID VALID).
    pub scsi_id: Option<u8>,
    /// LUN of a drive, when the changer reports it (LU VALID).
    pub lun: Option<u8>,
    /// The medium was turned over (INVERT).
    pub invert: bool,
    /// The medium's last storage element (SVALID).
    pub source: Option<u16>,
    /// Medium type code (0 unspecified, 1 data, 2 cleaning, 3 diagnostic, 4 WORM).
    pub medium_type: u8,
    /// Primary volume tag, when the page carries tags and the field is present.
    pub primary_tag: Option<VolumeTag>,
    /// Alternate volume tag.
    pub alternate_tag: Option<VolumeTag>,
    /// Device identifier of a drive (READ ELEMENT STATUS with DVCID).
    pub device_id: Option<DeviceIdentifier>,
    /// The descriptor was shorter than its page header says (the response was cut inside it).
    pub truncated: bool,
}

/// Decoded READ ELEMENT STATUS data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementStatusData {
    /// "First element address reported" (not trustworthy: tgt gets it wrong).
    pub first_address: u16,
    /// Number of elements available (what the changer could report from the starting address).
    pub elements_available: u16,
    /// Byte count of report available: the bytes after the 8-byte header the changer had to send.
    pub report_bytes: u32,
    /// The descriptors, in the order received.
    pub descriptors: Vec<ElementDescriptor>,
}

impl ElementStatusData {
    /// Whether the changer had more data than `received` bytes (the whole buffer including the
    /// header): ask again with a larger allocation length if `received` filled the allocation.
    pub fn more_available(&self, received: usize) -> bool {
        8 + self.report_bytes as usize > received
    }
}

const VOLUME_TAG_LEN: usize = 36;
/// The least of a descriptor worth keeping: its address and flags (FULL, ACCESS, EXCEPT, ...).
const MIN_DESCRIPTOR: usize = 3;

fn volume_tag(raw: &[u8]) -> Option<VolumeTag> {
    // A tag cut inside its 32-byte identifier is not trusted; the sequence number may be missing.
    let id = raw.get(..32)?;
    let sequence = raw.get(34..36).map_or(0, |s| u16::from_be_bytes([s[0], s[1]]));
    Some(VolumeTag { identifier: ascii_field(id), sequence })
}

/// Decode READ ELEMENT STATUS data with `dvcid` telling whether device identifiers were asked for.
///
/// Walks the element status pages inside the buffer: a page's descriptors run to the end of its
/// declared byte count or of the buffer, whichever comes first; a descriptor cut short keeps what
/// is there (address and flags at least; a missing source address or tag reads as absent).
pub fn parse_element_status(data: &[u8], dvcid: bool) -> Result<ElementStatusData, ParseError> {
    const WHAT: &str = "element status data";
    need(WHAT, data, 8)?;
    let mut out = ElementStatusData {
        first_address: be16(data, 0),
        elements_available: be16(data, 2),
        report_bytes: be24(data, 5),
        descriptors: Vec::new(),
    };
    let end = data.len().min(8 + out.report_bytes as usize);
    let mut at = 8;
    while at + 8 <= end {
        let code = data[at] & 0x0F;
        let element_type = match ElementTypeCode::from_code(code) {
            Some(ElementTypeCode::All) | None => {
                return Err(ParseError::Invalid {
                    what: WHAT,
                    detail: format!("element type code {code} at byte {at}"),
                })
            }
            Some(t) => t,
        };
        let pvoltag = data[at + 1] & 0x80 != 0;
        let avoltag = data[at + 1] & 0x40 != 0;
        let desc_len = usize::from(be16(data, at + 2));
        let page_bytes = be24(data, at + 5) as usize;
        if desc_len < 12 {
            return Err(ParseError::Invalid {
                what: WHAT,
                detail: format!("descriptor length {desc_len} at byte {at} (at least 12)"),
            });
        }
        let page_end = end.min(at + 8 + page_bytes);
        let mut d = at + 8;
        while d + MIN_DESCRIPTOR <= page_end {
            let raw = &data[d..page_end.min(d + desc_len)];
            out.descriptors.push(descriptor(element_type, raw, desc_len, pvoltag, avoltag, dvcid));
            d += desc_len;
        }
        if page_bytes == 0 {
            // An empty page: step over its header only (never loop in place).
            at += 8;
        } else {
            at = at + 8 + page_bytes;
        }
    }
    Ok(out)
}

fn descriptor(
    element_type: ElementTypeCode,
    raw: &[u8],
    declared: usize,
    pvoltag: bool,
    avoltag: bool,
    dvcid: bool,
) -> ElementDescriptor {
    let byte = |i: usize| raw.get(i).copied().unwrap_or(0);
    let flags = raw[2];
    let ie = element_type == ElementTypeCode::ImportExport;
    let dt = element_type == ElementTypeCode::DataTransfer;
    let mut tags = 12;
    let primary_tag = if pvoltag {
        tags += VOLUME_TAG_LEN;
        raw.get(12..).and_then(volume_tag)
    } else {
        None
    };
    let alternate_tag = if avoltag {
        let from = tags;
        tags += VOLUME_TAG_LEN;
        raw.get(from..).and_then(volume_tag)
    } else {
        None
    };
    let device_id = if dvcid && tags + 4 <= raw.len() {
        let len = usize::from(raw[tags + 3]);
        let start = tags + 4;
        let stop = raw.len().min(start + len);
        (len > 0).then(|| DeviceIdentifier {
            code_set: raw[tags] & 0x0F,
            identifier_type: raw[tags + 1] & 0x0F,
            value: raw[start..stop].to_vec(),
            complete: stop == start + len && start + len <= declared,
        })
    } else {
        None
    };
    ElementDescriptor {
        element_type,
        address: be16(raw, 0),
        full: flags & 0x01 != 0,
        impexp: ie && flags & 0x02 != 0,
        except: flags & 0x04 != 0,
        access: flags & 0x08 != 0,
        export_enabled: ie && flags & 0x10 != 0,
        import_enabled: ie && flags & 0x20 != 0,
        asc: byte(4),
        ascq: byte(5),
        scsi_id: (dt && byte(6) & 0x20 != 0).then_some(byte(7)),
        lun: (dt && byte(6) & 0x10 != 0).then_some(byte(6) & 0x07),
        invert: byte(9) & 0x40 != 0,
        source: (byte(9) & 0x80 != 0 && raw.len() >= 12).then(|| be16(raw, 10)),
        medium_type: byte(9) & 0x07,
        primary_tag,
        alternate_tag,
        device_id,
        truncated: raw.len() < declared,
    }
}

/// Decode REPORT LUNS data into LUN numbers (peripheral and flat addressing; other address
/// methods are skipped).
pub fn parse_report_luns(data: &[u8]) -> Result<Vec<u16>, ParseError> {
    need("REPORT LUNS data", data, 8)?;
    let len = be32(data, 0) as usize;
    let end = data.len().min(8usize.saturating_add(len));
    Ok(data[8..end]
        .chunks_exact(8)
        .filter_map(|e| match e[0] >> 6 {
            0 if e[0] == 0 => Some(u16::from(e[1])),
            1 => Some((u16::from(e[0] & 0x3F) << 8) | u16::from(e[1])),
            _ => None,
        })
        .collect())
}

/// READ POSITION data (short or long form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// At the beginning of the partition (BOP).
    pub beginning: bool,
    /// Between early warning and the end of the partition (EOP).
    pub end: bool,
    /// Past the programmable early warning (BPEW).
    pub early_warning: bool,
    /// The partition.
    pub partition: u32,
    /// The logical block (object) number, when known.
    pub block: Option<u64>,
    /// The file number (long form), when known.
    pub file: Option<u64>,
}

/// Decode READ POSITION data: the 20-byte short form or the 32-byte long form.
pub fn parse_position(data: &[u8], long: bool) -> Result<Position, ParseError> {
    let flags = *data.first().ok_or(ParseError::TooShort { what: "READ POSITION data", got: 0, need: 20 })?;
    let mut pos = Position {
        beginning: flags & 0x80 != 0,
        end: flags & 0x40 != 0,
        early_warning: flags & 0x01 != 0,
        ..Position::default()
    };
    if long {
        need("READ POSITION long form", data, 32)?;
        pos.partition = be32(data, 4);
        // MPU: position unknown; LONU: logical object number unknown.
        if flags & 0x0C == 0 {
            pos.block = Some(be64(data, 8));
            pos.file = Some(be64(data, 16));
        }
    } else {
        need("READ POSITION short form", data, 20)?;
        pos.partition = u32::from(data[1]);
        // BPU: block position unknown.
        if flags & 0x04 == 0 {
            pos.block = Some(u64::from(be32(data, 4)));
        }
    }
    Ok(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn descriptor_bytes(address: u16, flags: u8, source: Option<u16>, tag: &str) -> Vec<u8> {
        let mut d = vec![0u8; 52];
        d[..2].copy_from_slice(&address.to_be_bytes());
        d[2] = flags;
        if let Some(s) = source {
            d[9] = 0x80;
            d[10..12].copy_from_slice(&s.to_be_bytes());
        }
        d[12..44].fill(b' ');
        d[12..12 + tag.len()].copy_from_slice(tag.as_bytes());
        d
    }

    fn status_data(code: u8, descriptors: &[Vec<u8>], cut: usize) -> Vec<u8> {
        let body: Vec<u8> = descriptors.concat();
        let mut out = vec![0, 0, 0, descriptors.len() as u8, 0];
        out.extend_from_slice(&((body.len() + 8) as u32).to_be_bytes()[1..]);
        out.extend_from_slice(&[code, 0x80, 0, 52, 0]);
        out.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
        out.extend_from_slice(&body);
        out.truncate(out.len() - cut);
        out
    }

    #[test]
    fn element_status_with_tags_and_source() {
        let data = status_data(
            2,
            &[descriptor_bytes(0x1000, 0x09, None, "ABC123L6"), descriptor_bytes(0x1001, 0x08, Some(0x100), "")],
            0,
        );
        let parsed = parse_element_status(&data, false).unwrap();
        assert_eq!(parsed.descriptors.len(), 2);
        let a = &parsed.descriptors[0];
        assert_eq!((a.address, a.full, a.access, a.source), (0x1000, true, true, None));
        assert_eq!(a.primary_tag.as_ref().unwrap().identifier, "ABC123L6");
        let b = &parsed.descriptors[1];
        assert_eq!((b.full, b.source), (false, Some(0x100)));
        assert_eq!(b.primary_tag.as_ref().unwrap().identifier, "");
        assert!(!parsed.more_available(data.len()));
    }

    #[test]
    fn element_status_cut_like_tgt() {
        // tgt sends 8 bytes less than it declares: the last descriptor loses the end of its tag area.
        let data = status_data(
            2,
            &[descriptor_bytes(0x1000, 0x01, None, "T1"), descriptor_bytes(0x1001, 0x01, None, "T2")],
            8,
        );
        let parsed = parse_element_status(&data, false).unwrap();
        assert_eq!(parsed.descriptors.len(), 2);
        let last = &parsed.descriptors[1];
        assert!(last.truncated);
        assert_eq!(last.primary_tag.as_ref().unwrap().identifier, "T2");
        // Cut inside the identifier: the tag is not trusted.
        let data = status_data(2, &[descriptor_bytes(0x1000, 0x01, None, "T1")], 30);
        let parsed = parse_element_status(&data, false).unwrap();
        assert_eq!(parsed.descriptors[0].primary_tag, None);
        // Cut inside the fixed part: address and flags are kept, the rest reads as absent.
        let data = status_data(2, &[descriptor_bytes(0x1000, 0x01, Some(0x100), "T1")], 45);
        let d = &parse_element_status(&data, false).unwrap().descriptors[0];
        assert_eq!((d.address, d.full, d.source, d.truncated), (0x1000, true, None, true));
        // Fewer than three bytes: nothing to keep.
        let data = status_data(2, &[descriptor_bytes(0x1000, 0x01, None, "T1")], 50);
        assert!(parse_element_status(&data, false).unwrap().descriptors.is_empty());
    }

    #[test]
    fn element_status_garbage() {
        assert!(matches!(parse_element_status(&[0; 4], false), Err(ParseError::TooShort { .. })));
        let mut data = status_data(2, &[descriptor_bytes(1, 0, None, "")], 0);
        data[8] = 9;
        assert!(matches!(parse_element_status(&data, false), Err(ParseError::Invalid { .. })));
        let mut data = status_data(2, &[descriptor_bytes(1, 0, None, "")], 0);
        data[11] = 2;
        assert!(matches!(parse_element_status(&data, false), Err(ParseError::Invalid { .. })));
        // A header claiming megabytes over an empty buffer yields no descriptors and no panic.
        let parsed = parse_element_status(&[0, 0, 0, 5, 0, 0xFF, 0xFF, 0xFF], false).unwrap();
        assert!(parsed.descriptors.is_empty() && parsed.more_available(8));
    }

    #[test]
    fn device_identifier_complete_and_cut() {
        let mut d = descriptor_bytes(0x100, 0x01, Some(0x1000), "X");
        d.truncate(48);
        let id = b"VENDOR  PRODUCT         SERIAL01";
        d.extend_from_slice(&[2, 1, 0, id.len() as u8]);
        d.extend_from_slice(id);
        let len = d.len() as u16;
        let mut data = vec![0, 0, 0, 1, 0];
        data.extend_from_slice(&((d.len() + 8) as u32).to_be_bytes()[1..]);
        data.extend_from_slice(&[4, 0x80]);
        data.extend_from_slice(&len.to_be_bytes());
        data.push(0);
        data.extend_from_slice(&(d.len() as u32).to_be_bytes()[1..]);
        data.extend_from_slice(&d);
        let full = parse_element_status(&data, true).unwrap();
        let dev = full.descriptors[0].device_id.as_ref().unwrap();
        assert!(dev.complete);
        assert_eq!(dev.text(), "VENDOR  PRODUCT         SERIAL01");
        let cut = parse_element_status(&data[..data.len() - 8], true).unwrap();
        let dev = cut.descriptors[0].device_id.as_ref().unwrap();
        assert!(!dev.complete);
        assert_eq!(dev.text(), "VENDOR  PRODUCT");
        // Without DVCID the same bytes are not an identifier.
        assert_eq!(parse_element_status(&data, false).unwrap().descriptors[0].device_id, None);
    }

    #[test]
    fn inquiry_and_vpd() {
        let mut inq = vec![0x08, 0x80, 0x05, 0x12, 0x3D, 0, 0x08, 0x02];
        inq.extend_from_slice(b"IET     VIRTUAL-CHANGER 0001");
        let i = parse_inquiry(&inq).unwrap();
        assert_eq!((i.device_type, i.removable, i.media_changer), (device_type::CHANGER, true, true));
        assert_eq!((i.vendor.as_str(), i.product.as_str(), i.revision.as_str()), ("IET", "VIRTUAL-CHANGER", "0001"));
        assert!(parse_inquiry(&inq[..5]).is_err());
        let serial = [0x08, 0x80, 0, 8, b' ', b' ', b'b', b'e', b'a', b'f', b'1', b'3'];
        assert_eq!(parse_unit_serial(&serial).unwrap(), "beaf13");
        assert!(parse_unit_serial(&[0x08, 0x83, 0, 0]).is_err());
        let page = [0x01, 0x83, 0, 12, 0x02, 0x01, 0, 4, b'A', b'B', b'C', b'D', 0x01, 0x03, 0, 8];
        let ids = parse_device_identification(&page).unwrap();
        assert_eq!(ids.len(), 1, "the second designator is cut and dropped");
        assert_eq!(ids[0].text(), "ABCD");
        assert_eq!(ids[0].designator_type, 1);
    }

    #[test]
    fn mode_sense_10_and_wrong_page() {
        let mut data = vec![0, 0x1A, 0, 0, 0, 0, 0, 0, 0x1D, 0x12, 0, 1, 0, 1, 0x10, 0, 0, 10, 0, 0x10, 0, 2];
        data.extend_from_slice(&[1, 0, 0, 2, 0, 0]);
        let page = parse_element_address_assignment(&data, true).unwrap();
        assert_eq!(page.transport, AddressRange { first: 1, count: 1 });
        assert_eq!(page.import_export, AddressRange { first: 0x10, count: 2 });
        assert_eq!(page.type_of(0x1009), Some(ElementTypeCode::Storage));
        assert_eq!(page.type_of(0x100A), None);
        data[8] = 0x1F;
        assert!(parse_element_address_assignment(&data, true).is_err());
        assert!(parse_element_address_assignment(&data[..12], true).is_err());
        // A block descriptor length pointing past the buffer.
        assert!(parse_element_address_assignment(&[0x17, 0, 0, 0xFF, 0x1D, 0x12], false).is_err());
    }

    #[test]
    fn report_luns() {
        let mut data = vec![0, 0, 0, 24, 0, 0, 0, 0];
        data.extend_from_slice(&[0, 3, 0, 0, 0, 0, 0, 0, 0x41, 0x02, 0, 0, 0, 0, 0, 0, 0x80, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(parse_report_luns(&data).unwrap(), vec![3, 0x102]);
        assert_eq!(parse_report_luns(&data[..12]).unwrap(), Vec::<u16>::new());
        assert!(parse_report_luns(&data[..4]).is_err());
    }

    #[test]
    fn positions() {
        let mut short = [0u8; 20];
        short[0] = 0x80;
        short[4..8].copy_from_slice(&7u32.to_be_bytes());
        let p = parse_position(&short, false).unwrap();
        assert!(p.beginning);
        assert_eq!(p.block, Some(7));
        short[0] = 0x04;
        assert_eq!(parse_position(&short, false).unwrap().block, None);
        let mut long = [0u8; 32];
        long[8..16].copy_from_slice(&42u64.to_be_bytes());
        long[16..24].copy_from_slice(&3u64.to_be_bytes());
        let p = parse_position(&long, true).unwrap();
        assert_eq!((p.block, p.file), (Some(42), Some(3)));
        assert!(parse_position(&long[..20], true).is_err());
        assert!(parse_position(&[], false).is_err());
    }
}
