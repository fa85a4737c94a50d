//! Sense data: what a device says after CHECK CONDITION, decoded from fixed (70h/71h) or
//! descriptor (72h/73h) format, and turned into RSM errors.
//!
//! ```
//! use openrsm::scsi::sense::{Sense, SenseKey};
//! use openrsm::ErrorKind;
//! // ILLEGAL REQUEST, 3B/0E "medium source element empty", fixed format.
//! let raw = [0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3B, 0x0E, 0, 0, 0, 0];
//! let sense = Sense::parse(&raw).unwrap();
//! assert_eq!(sense.key, SenseKey::IllegalRequest);
//! assert_eq!((sense.asc, sense.ascq), (0x3B, 0x0E));
//! assert_eq!(sense.to_error("MOVE MEDIUM").kind(), ErrorKind::MediumNotAccessible);
//! ```

use std::fmt;

use crate::error::{Error, ErrorKind};

/// The sense key (SPC-4 table 28).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SenseKey {
    /// 0h: no error (or only flags such as filemark, end of medium, incorrect length).
    NoSense,
    /// 1h: the command succeeded after recovery.
    RecoveredError,
    /// 2h: the unit cannot be accessed now.
    NotReady,
    /// 3h: a flaw in the medium.
    MediumError,
    /// 4h: a hardware failure.
    HardwareError,
    /// 5h: the command or its parameters are not valid.
    IllegalRequest,
    /// 6h: something changed (reset, medium changed, mode parameters changed): retry.
    UnitAttention,
    /// 7h: the medium is write protected.
    DataProtect,
    /// 8h: blank medium or end of data.
    BlankCheck,
    /// 9h: vendor specific.
    VendorSpecific,
    /// Ah: a copy command failed.
    CopyAborted,
    /// Bh: the device aborted the command.
    AbortedCommand,
    /// Dh: the medium is full.
    VolumeOverflow,
    /// Eh: verify data does not match.
    Miscompare,
    /// Fh and Ch: reserved or obsolete codes.
    Reserved(u8),
}

impl SenseKey {
    /// The key from its 4-bit code.
    pub fn from_code(code: u8) -> Self {
        match code & 0x0F {
            0x0 => Self::NoSense,
            0x1 => Self::RecoveredError,
            0x2 => Self::NotReady,
            0x3 => Self::MediumError,
            0x4 => Self::HardwareError,
            0x5 => Self::IllegalRequest,
            0x6 => Self::UnitAttention,
            0x7 => Self::DataProtect,
            0x8 => Self::BlankCheck,
            0x9 => Self::VendorSpecific,
            0xA => Self::CopyAborted,
            0xB => Self::AbortedCommand,
            0xD => Self::VolumeOverflow,
            0xE => Self::Miscompare,
            other => Self::Reserved(other),
        }
    }

    /// The 4-bit code.
    pub fn code(self) -> u8 {
        match self {
            Self::NoSense => 0x0,
            Self::RecoveredError => 0x1,
            Self::NotReady => 0x2,
            Self::MediumError => 0x3,
            Self::HardwareError => 0x4,
            Self::IllegalRequest => 0x5,
            Self::UnitAttention => 0x6,
            Self::DataProtect => 0x7,
            Self::BlankCheck => 0x8,
            Self::VendorSpecific => 0x9,
            Self::CopyAborted => 0xA,
            Self::AbortedCommand => 0xB,
            Self::VolumeOverflow => 0xD,
            Self::Miscompare => 0xE,
            Self::Reserved(c) => c,
        }
    }

    /// The SPC name ("ILLEGAL REQUEST").
    pub fn name(self) -> &'static str {
        match self {
            Self::NoSense => "NO SENSE",
            Self::RecoveredError => "RECOVERED ERROR",
            Self::NotReady => "NOT READY",
            Self::MediumError => "MEDIUM ERROR",
            Self::HardwareError => "HARDWARE ERROR",
            Self::IllegalRequest => "ILLEGAL REQUEST",
            Self::UnitAttention => "UNIT ATTENTION",
            Self::DataProtect => "DATA PROTECT",
            Self::BlankCheck => "BLANK CHECK",
            Self::VendorSpecific => "VENDOR SPECIFIC",
            Self::CopyAborted => "COPY ABORTED",
            Self::AbortedCommand => "ABORTED COMMAND",
            Self::VolumeOverflow => "VOLUME OVERFLOW",
            Self::Miscompare => "MISCOMPARE",
            Self::Reserved(_) => "RESERVED",
        }
    }
}

impl fmt::Display for SenseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Decoded sense data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sense {
    /// The response code: 70h/71h fixed, 72h/73h descriptor format.
    pub response_code: u8,
    /// The error is deferred (an earlier command failed: 71h/73h).
    pub deferred: bool,
    /// The sense key.
    pub key: SenseKey,
    /// Additional sense code.
    pub asc: u8,
    /// Additional sense code qualifier.
    pub ascq: u8,
    /// The information field, when valid (e.g. the residue of a tape READ).
    pub information: Option<u64>,
    /// Command-specific information (0 when absent).
    pub command_specific: u64,
    /// Field replaceable unit code (0 when absent).
    pub fru: u8,
    /// Sense-key specific bytes, when valid (SKSV): e.g. the field pointer of ILLEGAL REQUEST.
    pub key_specific: Option<[u8; 3]>,
    /// Tape: a filemark was read.
    pub filemark: bool,
    /// Tape: end of medium (or beginning, after a backward motion).
    pub end_of_medium: bool,
    /// Tape: the block length did not match the requested length.
    pub incorrect_length: bool,
}

/// Why bytes are not sense data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SenseError {
    /// No bytes at all.
    #[error("no sense data")]
    Empty,
    /// The response code is not 70h-73h.
    #[error("unknown sense response code {0:#04x}")]
    UnknownFormat(u8),
    /// Too short for the format's fixed part.
    #[error("sense data too short: {0} bytes")]
    TooShort(usize),
}

impl Sense {
    /// Decode sense data. Truncated sense (a transport may deliver only the first 8 bytes, or
    /// the device may claim more than it sent) is decoded as far as it goes: missing fields are 0.
    pub fn parse(raw: &[u8]) -> Result<Sense, SenseError> {
        let first = *raw.first().ok_or(SenseError::Empty)?;
        let response_code = first & 0x7F;
        match response_code {
            0x70 | 0x71 => Self::parse_fixed(raw, response_code),
            0x72 | 0x73 => Self::parse_descriptor(raw, response_code),
            other => Err(SenseError::UnknownFormat(other)),
        }
    }

    fn parse_fixed(raw: &[u8], response_code: u8) -> Result<Sense, SenseError> {
        if raw.len() < 3 {
            return Err(SenseError::TooShort(raw.len()));
        }
        // Only trust what both the buffer and the additional sense length cover.
        let declared = raw.get(7).map_or(raw.len(), |n| 8 + usize::from(*n));
        let raw = &raw[..raw.len().min(declared.max(8))];
        let byte = |i: usize| raw.get(i).copied().unwrap_or(0);
        let be32 = |i: usize| u64::from(u32::from_be_bytes([byte(i), byte(i + 1), byte(i + 2), byte(i + 3)]));
        let valid = raw[0] & 0x80 != 0;
        let flags = raw[2];
        let sks = [byte(15), byte(16), byte(17)];
        Ok(Sense {
            response_code,
            deferred: response_code == 0x71,
            key: SenseKey::from_code(flags),
            asc: byte(12),
            ascq: byte(13),
            information: valid.then(|| be32(3)),
            command_specific: be32(8),
            fru: byte(14),
            key_specific: (sks[0] & 0x80 != 0).then_some(sks),
            filemark: flags & 0x80 != 0,
            end_of_medium: flags & 0x40 != 0,
            incorrect_length: flags & 0x20 != 0,
        })
    }

    fn parse_descriptor(raw: &[u8], response_code: u8) -> Result<Sense, SenseError> {
        if raw.len() < 4 {
            return Err(SenseError::TooShort(raw.len()));
        }
        let mut sense = Sense {
            response_code,
            deferred: response_code == 0x73,
            key: SenseKey::from_code(raw[1]),
            asc: raw[2],
            ascq: raw[3],
            information: None,
            command_specific: 0,
            fru: 0,
            key_specific: None,
            filemark: false,
            end_of_medium: false,
            incorrect_length: false,
        };
        let declared = raw.get(7).map_or(8, |n| 8 + usize::from(*n));
        let end = raw.len().min(declared);
        let mut at = 8;
        while at + 2 <= end {
            let kind = raw[at];
            let len = usize::from(raw[at + 1]);
            let body = &raw[at..end.min(at + 2 + len)];
            let be64 = |i: usize| body.get(i..i + 8).map(|b| u64::from_be_bytes(b.try_into().expect("eight bytes")));
            match kind {
                0x00 if body.len() >= 12 && body[2] & 0x80 != 0 => sense.information = be64(4),
                0x01 if body.len() >= 12 => sense.command_specific = be64(4).unwrap_or(0),
                0x02 if body.len() >= 7 && body[4] & 0x80 != 0 => {
                    sense.key_specific = Some([body[4], body[5], body[6]]);
                }
                0x03 if body.len() >= 4 => sense.fru = body[3],
                0x04 if body.len() >= 4 => {
                    sense.filemark = body[3] & 0x80 != 0;
                    sense.end_of_medium = body[3] & 0x40 != 0;
                    sense.incorrect_length = body[3] & 0x20 != 0;
                }
                0x05 if body.len() >= 4 => sense.incorrect_length = body[3] & 0x20 != 0,
                _ => {}
            }
            at += 2 + len;
        }
        Ok(sense)
    }

    /// The ASC/ASCQ description, if known ("MEDIUM SOURCE ELEMENT EMPTY").
    pub fn description(&self) -> Option<&'static str> {
        asc_description(self.asc, self.ascq)
    }

    /// The ILLEGAL REQUEST field pointer, when the device gave one: (in the CDB rather than the
    /// parameter data, byte, bit).
    pub fn field_pointer(&self) -> Option<(bool, u16, Option<u8>)> {
        let sks = self.key_specific?;
        if self.key != SenseKey::IllegalRequest {
            return None;
        }
        let bit = (sks[0] & 0x08 != 0).then_some(sks[0] & 0x07);
        Some((sks[0] & 0x40 != 0, u16::from_be_bytes([sks[1], sks[2]]), bit))
    }

    /// Whether the condition is UNIT ATTENTION (the command was not executed: send it again).
    pub fn is_unit_attention(&self) -> bool {
        self.key == SenseKey::UnitAttention
    }

    /// Whether the device is becoming ready (04/01) or busy with an operation (04/07): worth waiting.
    pub fn is_becoming_ready(&self) -> bool {
        self.key == SenseKey::NotReady && self.asc == 0x04 && matches!(self.ascq, 0x01 | 0x07)
    }

    /// Whether a drive reports that it holds no medium (3A/xx).
    pub fn is_medium_not_present(&self) -> bool {
        self.asc == 0x3A
    }

    /// The RSM error kind this condition means. Commands whose meaning depends on the element
    /// (which destination was full) refine it in the changer driver.
    pub fn error_kind(&self) -> ErrorKind {
        match (self.key, self.asc, self.ascq) {
            // Robot moves (SMC).
            (_, 0x3B, 0x0E) => ErrorKind::MediumNotAccessible,
            (_, 0x3B, 0x0D) => ErrorKind::NotEmpty,
            (_, 0x3B, 0x11) | (_, 0x3B, 0x12) => ErrorKind::NotReady,
            (_, 0x3B, 0x90..=0xFF) => ErrorKind::MediumNotAccessible,
            (_, 0x21, 0x01) => ErrorKind::ResourceNotPresent,
            (_, 0x53, 0x02) => ErrorKind::InvalidOperation,
            (_, 0x53, 0x00) | (_, 0x53, 0x01) => ErrorKind::UnableToLoadMedium,
            (_, 0x30, _) => ErrorKind::MediaIncompatible,
            (_, 0x3A, _) => ErrorKind::Empty,
            // Generic by key.
            (SenseKey::NotReady, 0x04, 0x03) => ErrorKind::DeviceNotAvailable,
            (SenseKey::NotReady, _, _) => ErrorKind::NotReady,
            (SenseKey::UnitAttention, _, _) => ErrorKind::NotReady,
            (SenseKey::IllegalRequest, 0x20, _) => ErrorKind::InvalidOperation,
            (SenseKey::IllegalRequest, _, _) => ErrorKind::InvalidParameter,
            (SenseKey::DataProtect, _, _) => ErrorKind::MediaNotAvailable,
            (SenseKey::BlankCheck, _, _) => ErrorKind::NoData,
            (SenseKey::MediumError, _, _) => ErrorKind::InvalidMedia,
            (SenseKey::VolumeOverflow, _, _) => ErrorKind::MediaUnavailable,
            (SenseKey::AbortedCommand, _, _) => ErrorKind::RequestRefused,
            _ => ErrorKind::DeviceNotAvailable,
        }
    }

    /// An RSM error for this condition after `command` ("MOVE MEDIUM"), naming the sense key and
    /// ASC/ASCQ: `MOVE MEDIUM failed: ILLEGAL REQUEST, ASC/ASCQ 3B/0E (medium source element empty)`.
    pub fn to_error(&self, command: &str) -> Error {
        Error::new(self.error_kind(), format!("{command} failed: {self}"))
    }
}

impl fmt::Display for Sense {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, ASC/ASCQ {:02X}/{:02X}", self.key, self.asc, self.ascq)?;
        if let Some(text) = self.description() {
            write!(f, " ({})", text.to_ascii_lowercase())?;
        }
        if self.deferred {
            f.write_str(" [deferred]")?;
        }
        Ok(())
    }
}

/// The SPC description of an ASC/ASCQ pair, for the codes changers and tape drives report.
pub fn asc_description(asc: u8, ascq: u8) -> Option<&'static str> {
    Some(match (asc, ascq) {
        (0x00, 0x00) => "NO ADDITIONAL SENSE INFORMATION",
        (0x00, 0x01) => "FILEMARK DETECTED",
        (0x00, 0x02) => "END-OF-PARTITION/MEDIUM DETECTED",
        (0x00, 0x04) => "BEGINNING-OF-PARTITION/MEDIUM DETECTED",
        (0x00, 0x05) => "END-OF-DATA DETECTED",
        (0x04, 0x00) => "LOGICAL UNIT NOT READY, CAUSE NOT REPORTABLE",
        (0x04, 0x01) => "LOGICAL UNIT IS IN PROCESS OF BECOMING READY",
        (0x04, 0x02) => "LOGICAL UNIT NOT READY, INITIALIZING COMMAND REQUIRED",
        (0x04, 0x03) => "LOGICAL UNIT NOT READY, MANUAL INTERVENTION REQUIRED",
        (0x04, 0x07) => "LOGICAL UNIT NOT READY, OPERATION IN PROGRESS",
        (0x04, 0x12) => "LOGICAL UNIT NOT READY, OFFLINE",
        (0x04, _) => "LOGICAL UNIT NOT READY",
        (0x08, 0x00) => "LOGICAL UNIT COMMUNICATION FAILURE",
        (0x14, 0x00) => "RECORDED ENTITY NOT FOUND",
        (0x15, 0x01) => "MECHANICAL POSITIONING ERROR",
        (0x1A, 0x00) => "PARAMETER LIST LENGTH ERROR",
        (0x20, 0x00) => "INVALID COMMAND OPERATION CODE",
        (0x21, 0x01) => "INVALID ELEMENT ADDRESS",
        (0x24, 0x00) => "INVALID FIELD IN CDB",
        (0x25, 0x00) => "LOGICAL UNIT NOT SUPPORTED",
        (0x26, 0x00) => "INVALID FIELD IN PARAMETER LIST",
        (0x27, 0x00) => "WRITE PROTECTED",
        (0x28, 0x00) => "NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED",
        (0x28, 0x01) => "IMPORT OR EXPORT ELEMENT ACCESSED",
        (0x29, 0x00) => "POWER ON, RESET, OR BUS DEVICE RESET OCCURRED",
        (0x29, 0x01) => "POWER ON OCCURRED",
        (0x29, 0x02) => "SCSI BUS RESET OCCURRED",
        (0x29, 0x03) => "BUS DEVICE RESET FUNCTION OCCURRED",
        (0x29, 0x04) => "DEVICE INTERNAL RESET",
        (0x29, _) => "POWER ON OR RESET OCCURRED",
        (0x2A, 0x01) => "MODE PARAMETERS CHANGED",
        (0x2F, 0x00) => "COMMANDS CLEARED BY ANOTHER INITIATOR",
        (0x30, 0x00) => "INCOMPATIBLE MEDIUM INSTALLED",
        (0x30, 0x03) => "CLEANING CARTRIDGE INSTALLED",
        (0x30, _) => "INCOMPATIBLE MEDIUM",
        (0x3A, 0x00) => "MEDIUM NOT PRESENT",
        (0x3A, 0x01) => "MEDIUM NOT PRESENT - TRAY CLOSED",
        (0x3A, 0x02) => "MEDIUM NOT PRESENT - TRAY OPEN",
        (0x3A, _) => "MEDIUM NOT PRESENT",
        (0x3B, 0x00) => "SEQUENTIAL POSITIONING ERROR",
        (0x3B, 0x0D) => "MEDIUM DESTINATION ELEMENT FULL",
        (0x3B, 0x0E) => "MEDIUM SOURCE ELEMENT EMPTY",
        (0x3B, 0x11) => "MEDIUM MAGAZINE NOT ACCESSIBLE",
        (0x3B, 0x12) => "MEDIUM MAGAZINE REMOVED",
        (0x3B, 0x13) => "MEDIUM MAGAZINE INSERTED",
        (0x3B, 0x14) => "MEDIUM MAGAZINE LOCKED",
        (0x3B, 0x15) => "MEDIUM MAGAZINE UNLOCKED",
        (0x3B, 0x16) => "MECHANICAL POSITIONING OR CHANGER ERROR",
        (0x3B, 0x1A) => "DATA TRANSFER DEVICE REMOVED",
        (0x3B, 0x1B) => "DATA TRANSFER DEVICE INSERTED",
        (0x3E, 0x00) => "LOGICAL UNIT HAS NOT SELF-CONFIGURED YET",
        (0x3F, 0x01) => "MICROCODE HAS BEEN CHANGED",
        (0x3F, 0x0E) => "REPORTED LUNS DATA HAS CHANGED",
        (0x40, _) => "DIAGNOSTIC FAILURE",
        (0x44, 0x00) => "INTERNAL TARGET FAILURE",
        (0x47, 0x00) => "SCSI PARITY ERROR",
        (0x4E, 0x00) => "OVERLAPPED COMMANDS ATTEMPTED",
        (0x50, 0x00) => "WRITE APPEND ERROR",
        (0x51, 0x00) => "ERASE FAILURE",
        (0x52, 0x00) => "CARTRIDGE FAULT",
        (0x53, 0x00) => "MEDIA LOAD OR EJECT FAILED",
        (0x53, 0x01) => "UNLOAD TAPE FAILURE",
        (0x53, 0x02) => "MEDIUM REMOVAL PREVENTED",
        (0x5A, 0x01) => "OPERATOR MEDIUM REMOVAL REQUEST",
        (0x5B, 0x01) => "THRESHOLD CONDITION MET",
        (0x5D, 0x00) => "FAILURE PREDICTION THRESHOLD EXCEEDED",
        (0x80..=0xFF, _) | (_, 0x80..=0xFF) => "VENDOR SPECIFIC",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(key: u8, asc: u8, ascq: u8) -> Vec<u8> {
        vec![0x70, 0, key, 0, 0, 0, 0, 10, 0, 0, 0, 0, asc, ascq, 0, 0, 0, 0]
    }

    #[test]
    fn fixed_format_fields() {
        // Deferred, VALID with information 0x00010203, filemark + ILI, SKSV with a field pointer.
        let raw =
            [0xF1, 0, 0xA5, 0x00, 0x01, 0x02, 0x03, 10, 0xDE, 0xAD, 0xBE, 0xEF, 0x24, 0x00, 0x07, 0xCA, 0x00, 0x02];
        let s = Sense::parse(&raw).unwrap();
        assert!(s.deferred);
        assert_eq!(s.key, SenseKey::IllegalRequest);
        assert_eq!(s.information, Some(0x0001_0203));
        assert_eq!(s.command_specific, 0xDEAD_BEEF);
        assert_eq!(s.fru, 7);
        assert!(s.filemark && s.incorrect_length && !s.end_of_medium);
        assert_eq!(s.field_pointer(), Some((true, 2, Some(2))));
        assert_eq!(s.error_kind(), ErrorKind::InvalidParameter);
        assert_eq!(s.to_string(), "ILLEGAL REQUEST, ASC/ASCQ 24/00 (invalid field in cdb) [deferred]");
    }

    #[test]
    fn fixed_format_truncated_and_lying_lengths() {
        // Only 8 bytes delivered: key known, ASC/ASCQ 0.
        let s = Sense::parse(&[0x70, 0, 0x06, 0, 0, 0, 0, 10]).unwrap();
        assert_eq!((s.key, s.asc, s.ascq), (SenseKey::UnitAttention, 0, 0));
        // The additional length says 0: bytes beyond 8 are ignored even though present.
        let mut raw = fixed(0x02, 0x3A, 0x00);
        raw[7] = 0;
        let s = Sense::parse(&raw).unwrap();
        assert_eq!((s.asc, s.ascq), (0, 0));
        assert_eq!(Sense::parse(&[0x70, 0]), Err(SenseError::TooShort(2)));
        assert_eq!(Sense::parse(&[]), Err(SenseError::Empty));
        assert_eq!(Sense::parse(&[0x7F, 0, 0, 0]), Err(SenseError::UnknownFormat(0x7F)));
    }

    #[test]
    fn descriptor_format() {
        let raw = [
            0x72, 0x03, 0x11, 0x00, 0, 0, 0, 28, // header: MEDIUM ERROR 11/00
            0x00, 0x0A, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, // information, valid
            0x04, 0x02, 0, 0xE0, // stream commands: filemark, EOM, ILI
            0x03, 0x02, 0, 0x42, // FRU
            0x02, 0x06, 0, 0, 0x80, 0x00, 0x10, 0, // sense key specific
        ];
        let s = Sense::parse(&raw).unwrap();
        assert_eq!(s.key, SenseKey::MediumError);
        assert_eq!(s.information, Some(0x1234));
        assert!(s.filemark && s.end_of_medium && s.incorrect_length);
        assert_eq!(s.fru, 0x42);
        assert_eq!(s.key_specific, Some([0x80, 0x00, 0x10]));
        assert_eq!(s.error_kind(), ErrorKind::InvalidMedia);
        // Descriptor lengths that run past the buffer are cut, never followed.
        let s = Sense::parse(&[0x73, 0x06, 0x29, 0x00, 0, 0, 0, 200, 0x00, 0xFF, 0x80]).unwrap();
        assert!(s.deferred && s.is_unit_attention());
        assert_eq!(s.information, None);
        assert_eq!(Sense::parse(&[0x72, 0x05, 0x24]), Err(SenseError::TooShort(3)));
    }

    #[test]
    fn conditions_map_to_rsm_errors() {
        let kind = |key, asc, ascq| Sense::parse(&fixed(key, asc, ascq)).unwrap().error_kind();
        assert_eq!(kind(0x05, 0x3B, 0x0E), ErrorKind::MediumNotAccessible);
        assert_eq!(kind(0x05, 0x3B, 0x0D), ErrorKind::NotEmpty);
        assert_eq!(kind(0x02, 0x3A, 0x00), ErrorKind::Empty);
        assert_eq!(kind(0x02, 0x04, 0x01), ErrorKind::NotReady);
        assert_eq!(kind(0x02, 0x04, 0x03), ErrorKind::DeviceNotAvailable);
        assert_eq!(kind(0x06, 0x28, 0x00), ErrorKind::NotReady);
        assert_eq!(kind(0x06, 0x29, 0x00), ErrorKind::NotReady);
        assert_eq!(kind(0x05, 0x53, 0x02), ErrorKind::InvalidOperation);
        assert_eq!(kind(0x05, 0x24, 0x00), ErrorKind::InvalidParameter);
        assert_eq!(kind(0x05, 0x20, 0x00), ErrorKind::InvalidOperation);
        assert_eq!(kind(0x05, 0x21, 0x01), ErrorKind::ResourceNotPresent);
        assert_eq!(kind(0x04, 0x44, 0x00), ErrorKind::DeviceNotAvailable);
        assert_eq!(kind(0x08, 0x00, 0x05), ErrorKind::NoData);
        let s = Sense::parse(&fixed(0x02, 0x04, 0x01)).unwrap();
        assert!(s.is_becoming_ready());
        let err = Sense::parse(&fixed(0x05, 0x3B, 0x0D)).unwrap().to_error("MOVE MEDIUM");
        assert_eq!(
            err.message(),
            "MOVE MEDIUM failed: ILLEGAL REQUEST, ASC/ASCQ 3B/0D (medium destination element full)"
        );
        let unknown = Sense::parse(&fixed(0x05, 0x7E, 0x7E)).unwrap();
        assert_eq!(unknown.to_string(), "ILLEGAL REQUEST, ASC/ASCQ 7E/7E");
    }

    #[test]
    fn every_key_round_trips() {
        for code in 0..16u8 {
            assert_eq!(SenseKey::from_code(code).code(), code);
        }
    }
}
