//! Command descriptor blocks: one builder per SCSI command OpenRSM sends to changers and tape drives.
//!
//! Each builder returns a [`Command`]: the CDB bytes, the direction and size of the data phase and
//! a default timeout (SMC moves 300 s, inventories 3600 s, everything else a few seconds to
//! minutes). Field layouts follow SPC-4 (INQUIRY, TEST UNIT READY, REQUEST SENSE, MODE SENSE,
//! PREVENT ALLOW MEDIUM REMOVAL), SMC-3 (READ ELEMENT STATUS, MOVE MEDIUM, EXCHANGE MEDIUM,
//! INITIALIZE ELEMENT STATUS) and SSC-3 (LOAD UNLOAD, REWIND, READ(6), WRITE(6), WRITE FILEMARKS,
//! READ POSITION).
//!
//! ```
//! use openrsm::scsi::cdb::{self, ElementTypeCode};
//! let cmd = cdb::read_element_status(ElementTypeCode::Storage, 4096, 20, true, false, 65_536);
//! assert_eq!(cmd.cdb(), &[0xB8, 0x12, 0x10, 0x00, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]);
//! assert_eq!(cmd.data_in_len(), 65_536);
//! ```

use std::fmt;
use std::time::Duration;

/// The longest CDB OpenRSM builds (16 bytes covers every fixed-length command).
pub const MAX_CDB_LEN: usize = 16;

/// Default timeout of commands that do not move anything (INQUIRY, MODE SENSE, TEST UNIT READY, ...).
pub const SHORT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default timeout of a robot move (MOVE MEDIUM, EXCHANGE MEDIUM) and of a drive load or unload.
pub const MOVE_TIMEOUT: Duration = Duration::from_secs(300);
/// Default timeout of an inventory (INITIALIZE ELEMENT STATUS, READ ELEMENT STATUS).
pub const INVENTORY_TIMEOUT: Duration = Duration::from_secs(3600);
/// Default timeout of tape positioning (REWIND) and of reading or writing a block.
pub const TAPE_TIMEOUT: Duration = Duration::from_secs(600);

/// SCSI operation codes used here.
pub mod opcode {
    /// TEST UNIT READY.
    pub const TEST_UNIT_READY: u8 = 0x00;
    /// REWIND (SSC).
    pub const REWIND: u8 = 0x01;
    /// REQUEST SENSE.
    pub const REQUEST_SENSE: u8 = 0x03;
    /// INITIALIZE ELEMENT STATUS (SMC).
    pub const INITIALIZE_ELEMENT_STATUS: u8 = 0x07;
    /// READ(6) (SSC).
    pub const READ_6: u8 = 0x08;
    /// WRITE(6) (SSC).
    pub const WRITE_6: u8 = 0x0A;
    /// WRITE FILEMARKS(6) (SSC).
    pub const WRITE_FILEMARKS_6: u8 = 0x10;
    /// INQUIRY.
    pub const INQUIRY: u8 = 0x12;
    /// MODE SENSE(6).
    pub const MODE_SENSE_6: u8 = 0x1A;
    /// LOAD UNLOAD (SSC).
    pub const LOAD_UNLOAD: u8 = 0x1B;
    /// PREVENT ALLOW MEDIUM REMOVAL.
    pub const PREVENT_ALLOW_MEDIUM_REMOVAL: u8 = 0x1E;
    /// READ POSITION (SSC).
    pub const READ_POSITION: u8 = 0x34;
    /// MODE SENSE(10).
    pub const MODE_SENSE_10: u8 = 0x5A;
    /// MOVE MEDIUM (SMC).
    pub const MOVE_MEDIUM: u8 = 0xA5;
    /// EXCHANGE MEDIUM (SMC).
    pub const EXCHANGE_MEDIUM: u8 = 0xA6;
    /// READ ELEMENT STATUS (SMC).
    pub const READ_ELEMENT_STATUS: u8 = 0xB8;
    /// REPORT LUNS.
    pub const REPORT_LUNS: u8 = 0xA0;
    /// OPEN/CLOSE IMPORT/EXPORT ELEMENT (SMC; shares its code with LOAD UNLOAD of SSC).
    pub const OPEN_CLOSE_IMPORT_EXPORT_ELEMENT: u8 = 0x1B;
}

/// The name of an operation code, for messages ("MOVE MEDIUM (A5h)").
pub fn opcode_name(op: u8) -> &'static str {
    match op {
        opcode::TEST_UNIT_READY => "TEST UNIT READY",
        opcode::REWIND => "REWIND",
        opcode::REQUEST_SENSE => "REQUEST SENSE",
        opcode::INITIALIZE_ELEMENT_STATUS => "INITIALIZE ELEMENT STATUS",
        opcode::READ_6 => "READ(6)",
        opcode::WRITE_6 => "WRITE(6)",
        opcode::WRITE_FILEMARKS_6 => "WRITE FILEMARKS",
        opcode::INQUIRY => "INQUIRY",
        opcode::MODE_SENSE_6 => "MODE SENSE(6)",
        opcode::LOAD_UNLOAD => "LOAD UNLOAD",
        opcode::PREVENT_ALLOW_MEDIUM_REMOVAL => "PREVENT ALLOW MEDIUM REMOVAL",
        opcode::READ_POSITION => "READ POSITION",
        opcode::MODE_SENSE_10 => "MODE SENSE(10)",
        opcode::MOVE_MEDIUM => "MOVE MEDIUM",
        opcode::EXCHANGE_MEDIUM => "EXCHANGE MEDIUM",
        opcode::READ_ELEMENT_STATUS => "READ ELEMENT STATUS",
        opcode::REPORT_LUNS => "REPORT LUNS",
        _ => "command",
    }
}

/// SMC element type codes as they appear in CDBs and element status pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum ElementTypeCode {
    /// All element types (READ ELEMENT STATUS only; some changers mishandle it).
    All = 0,
    /// Medium transport element (the robot's hand).
    Transport = 1,
    /// Storage element (a slot).
    Storage = 2,
    /// Import/export element (a mail slot).
    ImportExport = 3,
    /// Data transfer element (a drive).
    DataTransfer = 4,
}

impl ElementTypeCode {
    /// The code of a type byte (its low four bits), if it names an element type.
    pub fn from_code(code: u8) -> Option<Self> {
        match code & 0x0F {
            0 => Some(Self::All),
            1 => Some(Self::Transport),
            2 => Some(Self::Storage),
            3 => Some(Self::ImportExport),
            4 => Some(Self::DataTransfer),
            _ => None,
        }
    }

    /// The numeric code.
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// A name for messages.
    pub const fn name(self) -> &'static str {
        match self {
            Self::All => "all elements",
            Self::Transport => "medium transport",
            Self::Storage => "storage",
            Self::ImportExport => "import/export",
            Self::DataTransfer => "data transfer",
        }
    }
}

/// Which way data moves during a command.
#[derive(Clone, PartialEq, Eq)]
pub enum DataTransfer {
    /// No data phase.
    None,
    /// Up to this many bytes come from the device.
    In(usize),
    /// These bytes go to the device.
    Out(Vec<u8>),
}

impl fmt::Debug for DataTransfer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataTransfer::None => f.write_str("None"),
            DataTransfer::In(n) => write!(f, "In({n})"),
            DataTransfer::Out(d) => write!(f, "Out({} bytes)", d.len()),
        }
    }
}

/// A SCSI command ready to send: CDB, data phase and timeout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    cdb: [u8; MAX_CDB_LEN],
    len: u8,
    /// The data phase.
    pub data: DataTransfer,
    /// How long the device may take before the transport gives up (and, for SG_IO, aborts it).
    pub timeout: Duration,
}

impl Command {
    /// A command from raw CDB bytes (1 to 16 of them; more are cut off).
    pub fn new(cdb: &[u8], data: DataTransfer, timeout: Duration) -> Self {
        let len = cdb.len().min(MAX_CDB_LEN);
        let mut bytes = [0u8; MAX_CDB_LEN];
        bytes[..len].copy_from_slice(&cdb[..len]);
        Command { cdb: bytes, len: len as u8, data, timeout }
    }

    /// The CDB bytes.
    pub fn cdb(&self) -> &[u8] {
        &self.cdb[..usize::from(self.len)]
    }

    /// The operation code.
    pub fn opcode(&self) -> u8 {
        self.cdb[0]
    }

    /// The operation's name, for messages.
    pub fn name(&self) -> &'static str {
        opcode_name(self.opcode())
    }

    /// How many bytes the device may return (0 unless data comes in).
    pub fn data_in_len(&self) -> usize {
        match self.data {
            DataTransfer::In(n) => n,
            _ => 0,
        }
    }

    /// The same command with another timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

fn be16(v: u16) -> [u8; 2] {
    v.to_be_bytes()
}

fn be24(v: u32) -> [u8; 3] {
    let v = v.min(0xFF_FFFF);
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

/// TEST UNIT READY: GOOD when the device (and, for a drive, its medium) is ready.
pub fn test_unit_ready() -> Command {
    Command::new(&[opcode::TEST_UNIT_READY, 0, 0, 0, 0, 0], DataTransfer::None, SHORT_TIMEOUT)
}

/// REQUEST SENSE with `alloc` bytes (at most 255); `descriptor` asks for descriptor-format sense.
pub fn request_sense(alloc: u8, descriptor: bool) -> Command {
    Command::new(
        &[opcode::REQUEST_SENSE, u8::from(descriptor), 0, 0, alloc, 0],
        DataTransfer::In(usize::from(alloc)),
        SHORT_TIMEOUT,
    )
}

/// Standard INQUIRY data (`alloc` bytes; 96 covers the vendor-specific area).
pub fn inquiry(alloc: u16) -> Command {
    let a = be16(alloc);
    Command::new(&[opcode::INQUIRY, 0, 0, a[0], a[1], 0], DataTransfer::In(usize::from(alloc)), SHORT_TIMEOUT)
}

/// INQUIRY of a vital product data page (EVPD = 1).
pub fn inquiry_vpd(page: u8, alloc: u16) -> Command {
    let a = be16(alloc);
    Command::new(&[opcode::INQUIRY, 1, page, a[0], a[1], 0], DataTransfer::In(usize::from(alloc)), SHORT_TIMEOUT)
}

/// VPD page: supported VPD pages.
pub const VPD_SUPPORTED_PAGES: u8 = 0x00;
/// VPD page: unit serial number.
pub const VPD_UNIT_SERIAL: u8 = 0x80;
/// VPD page: device identification.
pub const VPD_DEVICE_ID: u8 = 0x83;

/// Mode page: element address assignment (SMC).
pub const PAGE_ELEMENT_ADDRESS_ASSIGNMENT: u8 = 0x1D;
/// Mode page: transport geometry parameters (SMC).
pub const PAGE_TRANSPORT_GEOMETRY: u8 = 0x1E;
/// Mode page: device capabilities (SMC).
pub const PAGE_DEVICE_CAPABILITIES: u8 = 0x1F;

/// MODE SENSE(6) of the current values of `page`, without block descriptors (DBD = 1).
pub fn mode_sense6(page: u8, alloc: u8) -> Command {
    Command::new(
        &[opcode::MODE_SENSE_6, 0x08, page & 0x3F, 0, alloc, 0],
        DataTransfer::In(usize::from(alloc)),
        SHORT_TIMEOUT,
    )
}

/// MODE SENSE(10) of the current values of `page`, without block descriptors (DBD = 1).
pub fn mode_sense10(page: u8, alloc: u16) -> Command {
    let a = be16(alloc);
    Command::new(
        &[opcode::MODE_SENSE_10, 0x08, page & 0x3F, 0, 0, 0, 0, a[0], a[1], 0],
        DataTransfer::In(usize::from(alloc)),
        SHORT_TIMEOUT,
    )
}

/// READ ELEMENT STATUS (B8h) of up to `count` elements of one type from address `start`.
///
/// `voltag` asks for volume tags (barcodes), `dvcid` for drives' device identifiers (SMC-3;
/// changers that predate it answer ILLEGAL REQUEST). `alloc` is limited to 24 bits.
pub fn read_element_status(
    element_type: ElementTypeCode,
    start: u16,
    count: u16,
    voltag: bool,
    dvcid: bool,
    alloc: u32,
) -> Command {
    let s = be16(start);
    let n = be16(count);
    let a = be24(alloc);
    Command::new(
        &[
            opcode::READ_ELEMENT_STATUS,
            (u8::from(voltag) << 4) | element_type.code(),
            s[0],
            s[1],
            n[0],
            n[1],
            u8::from(dvcid),
            a[0],
            a[1],
            a[2],
            0,
            0,
        ],
        DataTransfer::In(alloc.min(0xFF_FFFF) as usize),
        INVENTORY_TIMEOUT,
    )
}

/// MOVE MEDIUM (A5h): the robot `transport` takes the medium at `source` to `destination`.
/// `invert` turns a two-sided medium over on the way.
pub fn move_medium(transport: u16, source: u16, destination: u16, invert: bool) -> Command {
    let t = be16(transport);
    let s = be16(source);
    let d = be16(destination);
    Command::new(
        &[opcode::MOVE_MEDIUM, 0, t[0], t[1], s[0], s[1], d[0], d[1], 0, 0, u8::from(invert), 0],
        DataTransfer::None,
        MOVE_TIMEOUT,
    )
}

/// EXCHANGE MEDIUM (A6h): the medium at `source` goes to `first`, and the one that was at `first`
/// goes to `second` (which may be `source` itself, for a swap).
pub fn exchange_medium(transport: u16, source: u16, first: u16, second: u16) -> Command {
    let t = be16(transport);
    let s = be16(source);
    let f = be16(first);
    let x = be16(second);
    Command::new(
        &[opcode::EXCHANGE_MEDIUM, 0, t[0], t[1], s[0], s[1], f[0], f[1], x[0], x[1], 0, 0],
        DataTransfer::None,
        MOVE_TIMEOUT,
    )
}

/// INITIALIZE ELEMENT STATUS (07h): the changer checks every element again (barcode scan).
pub fn initialize_element_status() -> Command {
    Command::new(&[opcode::INITIALIZE_ELEMENT_STATUS, 0, 0, 0, 0, 0], DataTransfer::None, INVENTORY_TIMEOUT)
}

/// PREVENT ALLOW MEDIUM REMOVAL (1Eh): lock (`prevent`) or unlock the door or the drive.
pub fn prevent_allow_medium_removal(prevent: bool) -> Command {
    Command::new(
        &[opcode::PREVENT_ALLOW_MEDIUM_REMOVAL, 0, 0, 0, u8::from(prevent), 0],
        DataTransfer::None,
        SHORT_TIMEOUT,
    )
}

/// LOAD UNLOAD (1Bh, SSC): `load` threads the tape; otherwise rewind and eject it so that the
/// robot can take it. `immediate` returns before the operation ends.
pub fn load_unload(load: bool, immediate: bool) -> Command {
    Command::new(&[opcode::LOAD_UNLOAD, u8::from(immediate), 0, 0, u8::from(load), 0], DataTransfer::None, MOVE_TIMEOUT)
}

/// OPEN/CLOSE IMPORT/EXPORT ELEMENT (1Bh, SMC): extend (`open`) an IE port towards the operator or
/// retract it.
pub fn open_close_import_export(address: u16, open: bool) -> Command {
    let a = be16(address);
    Command::new(
        &[opcode::OPEN_CLOSE_IMPORT_EXPORT_ELEMENT, 0, a[0], a[1], u8::from(!open), 0],
        DataTransfer::None,
        MOVE_TIMEOUT,
    )
}

/// REPORT LUNS (A0h) of every logical unit, with `alloc` bytes.
pub fn report_luns(alloc: u32) -> Command {
    let a = alloc.to_be_bytes();
    Command::new(
        &[opcode::REPORT_LUNS, 0, 0, 0, 0, 0, a[0], a[1], a[2], a[3], 0, 0],
        DataTransfer::In(alloc as usize),
        SHORT_TIMEOUT,
    )
}

/// REWIND (01h, SSC).
pub fn rewind(immediate: bool) -> Command {
    Command::new(&[opcode::REWIND, u8::from(immediate), 0, 0, 0, 0], DataTransfer::None, TAPE_TIMEOUT)
}

/// READ(6) (08h, SSC) of the next block.
///
/// Variable-block mode (`block_size` = `None`): one block of up to `len` bytes; the suppress
/// incorrect length indicator is set so that a block shorter than `len` is not an error. Fixed-block
/// mode: `len / block_size` blocks of `block_size` bytes.
pub fn read6(len: u32, block_size: Option<u32>) -> Command {
    let len = len.min(0xFF_FFFF);
    let (flags, count) = match block_size {
        None => (0x02, len),
        Some(size) => (0x01, len / size.max(1)),
    };
    let c = be24(count);
    Command::new(&[opcode::READ_6, flags, c[0], c[1], c[2], 0], DataTransfer::In(len as usize), TAPE_TIMEOUT)
}

/// WRITE(6) (0Ah, SSC) of one variable-length block.
pub fn write6(block: Vec<u8>) -> Command {
    let c = be24(u32::try_from(block.len()).unwrap_or(u32::MAX));
    Command::new(&[opcode::WRITE_6, 0, c[0], c[1], c[2], 0], DataTransfer::Out(block), TAPE_TIMEOUT)
}

/// WRITE FILEMARKS(6) (10h, SSC).
pub fn write_filemarks(count: u32) -> Command {
    let c = be24(count);
    Command::new(&[opcode::WRITE_FILEMARKS_6, 0, c[0], c[1], c[2], 0], DataTransfer::None, TAPE_TIMEOUT)
}

/// READ POSITION service actions (SSC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ReadPositionForm {
    /// Short form, block identifiers (20 bytes).
    Short = 0x00,
    /// Long form (32 bytes).
    Long = 0x06,
}

/// READ POSITION (34h, SSC).
pub fn read_position(form: ReadPositionForm) -> Command {
    let alloc: u16 = match form {
        ReadPositionForm::Short => 20,
        ReadPositionForm::Long => 32,
    };
    // The allocation length field exists only for the long and extended forms (must be 0 otherwise).
    let a = if form == ReadPositionForm::Short { [0, 0] } else { be16(alloc) };
    Command::new(
        &[opcode::READ_POSITION, form as u8, 0, 0, 0, 0, 0, a[0], a[1], 0],
        DataTransfer::In(usize::from(alloc)),
        SHORT_TIMEOUT,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_byte_commands() {
        assert_eq!(test_unit_ready().cdb(), &[0, 0, 0, 0, 0, 0]);
        assert_eq!(test_unit_ready().data, DataTransfer::None);
        assert_eq!(request_sense(252, false).cdb(), &[0x03, 0, 0, 0, 252, 0]);
        assert_eq!(request_sense(252, true).cdb()[1], 1);
        assert_eq!(inquiry(96).cdb(), &[0x12, 0, 0, 0, 96, 0]);
        assert_eq!(inquiry_vpd(0x83, 0x1000).cdb(), &[0x12, 1, 0x83, 0x10, 0, 0]);
        assert_eq!(mode_sense6(0x1D, 255).cdb(), &[0x1A, 0x08, 0x1D, 0, 255, 0]);
        assert_eq!(initialize_element_status().cdb(), &[0x07, 0, 0, 0, 0, 0]);
        assert_eq!(initialize_element_status().timeout, INVENTORY_TIMEOUT);
        assert_eq!(prevent_allow_medium_removal(true).cdb(), &[0x1E, 0, 0, 0, 1, 0]);
        assert_eq!(prevent_allow_medium_removal(false).cdb(), &[0x1E, 0, 0, 0, 0, 0]);
        assert_eq!(load_unload(true, false).cdb(), &[0x1B, 0, 0, 0, 1, 0]);
        assert_eq!(load_unload(false, true).cdb(), &[0x1B, 1, 0, 0, 0, 0]);
        assert_eq!(rewind(false).cdb(), &[0x01, 0, 0, 0, 0, 0]);
        assert_eq!(write_filemarks(1).cdb(), &[0x10, 0, 0, 0, 1, 0]);
    }

    #[test]
    fn read6_variable_and_fixed() {
        let v = read6(0x01_0000, None);
        assert_eq!(v.cdb(), &[0x08, 0x02, 0x01, 0x00, 0x00, 0]);
        assert_eq!(v.data_in_len(), 65536);
        let f = read6(2048, Some(512));
        assert_eq!(f.cdb(), &[0x08, 0x01, 0, 0, 4, 0]);
        assert_eq!(f.data_in_len(), 2048);
        // A length beyond 24 bits is clamped rather than wrapped.
        assert_eq!(read6(u32::MAX, None).cdb()[2..5], [0xFF, 0xFF, 0xFF]);
        let w = write6(vec![7; 80]);
        assert_eq!(w.cdb(), &[0x0A, 0, 0, 0, 80, 0]);
        assert_eq!(w.data, DataTransfer::Out(vec![7; 80]));
    }

    #[test]
    fn ten_and_twelve_byte_commands() {
        assert_eq!(mode_sense10(0x1D, 0x0100).cdb(), &[0x5A, 0x08, 0x1D, 0, 0, 0, 0, 1, 0, 0]);
        assert_eq!(move_medium(1, 4096, 256, false).cdb(), &[0xA5, 0, 0, 1, 0x10, 0x00, 0x01, 0x00, 0, 0, 0, 0]);
        assert_eq!(move_medium(1, 2, 3, true).cdb()[10], 1);
        assert_eq!(move_medium(0, 0, 0, false).timeout, MOVE_TIMEOUT);
        assert_eq!(
            exchange_medium(1, 0x1000, 0x0100, 0x1001).cdb(),
            &[0xA6, 0, 0, 1, 0x10, 0x00, 0x01, 0x00, 0x10, 0x01, 0, 0]
        );
        let res = read_element_status(ElementTypeCode::DataTransfer, 256, 4, true, true, 0x12_3456);
        assert_eq!(res.cdb(), &[0xB8, 0x14, 0x01, 0x00, 0, 4, 0x01, 0x12, 0x34, 0x56, 0, 0]);
        assert_eq!(res.timeout, INVENTORY_TIMEOUT);
        let res = read_element_status(ElementTypeCode::All, 0, 0xFFFF, false, false, u32::MAX);
        assert_eq!(res.cdb()[1], 0);
        assert_eq!(res.cdb()[7..10], [0xFF, 0xFF, 0xFF]);
        assert_eq!(res.data_in_len(), 0xFF_FFFF);
        assert_eq!(read_position(ReadPositionForm::Short).cdb(), &[0x34, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(read_position(ReadPositionForm::Long).cdb(), &[0x34, 6, 0, 0, 0, 0, 0, 0, 32, 0]);
        assert_eq!(report_luns(0x1000).cdb(), &[0xA0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0]);
        assert_eq!(open_close_import_export(0x10, true).cdb(), &[0x1B, 0, 0, 0x10, 0, 0]);
        assert_eq!(open_close_import_export(0x10, false).cdb()[4], 1);
    }

    #[test]
    fn names_and_codes() {
        assert_eq!(move_medium(0, 1, 2, false).name(), "MOVE MEDIUM");
        assert_eq!(opcode_name(0xEE), "command");
        for code in 0..=4 {
            assert_eq!(ElementTypeCode::from_code(code).unwrap().code(), code);
        }
        assert_eq!(ElementTypeCode::from_code(5), None);
        let long = Command::new(&[1; 20], DataTransfer::None, SHORT_TIMEOUT);
        assert_eq!(long.cdb().len(), MAX_CDB_LEN);
    }
}
