//! A SCSI logical unit and the commands OpenRSM sends it: [`ScsiDevice`] wraps a transport with the
//! retry policy and turns each command's bytes into typed answers.
//!
//! Every method blocks (it runs on a blocking thread when called from async code). Device quirks
//! are handled here, once: MODE SENSE(6) falling back to (10), READ ELEMENT STATUS growing its
//! allocation length until the report fits, INITIALIZE ELEMENT STATUS and PREVENT ALLOW MEDIUM
//! REMOVAL reporting "not supported" instead of failing, and tape READ accepting a short block even
//! from a drive that ignores SILI.
//!
//! ```no_run
//! use openrsm::scsi::{cdb::ElementTypeCode, device::ScsiDevice};
//! let changer = ScsiDevice::open("iscsi://127.0.0.1:3260/iqn.2025-01.org.example:vtl/3")?;
//! let layout = changer.element_address_assignment()?;
//! let slots = changer.read_element_status(ElementTypeCode::Storage, layout.storage.first, layout.storage.count, true, false)?;
//! for slot in slots.descriptors {
//!     println!("{} {}", slot.address, if slot.full { "full" } else { "empty" });
//! }
//! # Ok::<(), openrsm::Error>(())
//! ```

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind, Result};

use super::cdb::{self, Command, ElementTypeCode, ReadPositionForm};
use super::parse::{self, Designator, ElementAddressAssignment, ElementStatusData, Inquiry, Position};
use super::sense::{Sense, SenseKey};
use super::transport::{self, Response, RetryPolicy, ScsiStatus, ScsiTransport};

/// The largest allocation length READ ELEMENT STATUS can ask for (24 bits).
const MAX_ALLOCATION: u32 = 0xFF_FFFF;
/// Bytes per descriptor assumed for a first READ ELEMENT STATUS: fixed part, both volume tags and
/// a device identifier of moderate length.
const DESCRIPTOR_ESTIMATE: u32 = 12 + 36 + 36 + 4 + 40;

/// What TEST UNIT READY said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readiness {
    /// GOOD.
    Ready,
    /// NOT READY, medium not present (3A/xx).
    NoMedium,
    /// Another NOT READY or a UNIT ATTENTION that did not clear.
    NotReady(Sense),
}

/// The outcome of reading one tape block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TapeRead {
    /// The bytes read (at most the requested length).
    pub data: Vec<u8>,
    /// The block was longer than requested: `data` holds its beginning only.
    pub truncated: bool,
    /// A filemark was read instead of a block.
    pub filemark: bool,
    /// Blank medium or end of data (BLANK CHECK): there is nothing to read here.
    pub end_of_data: bool,
}

/// Counters of the commands a device has executed, to tell software time from device time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommandStats {
    /// Commands sent (retries included).
    pub commands: u64,
    /// Time spent inside the transport's `execute`: the device and the wire.
    pub device_time: Duration,
}

static TOTAL_COMMANDS: AtomicU64 = AtomicU64::new(0);
static TOTAL_DEVICE_NANOS: AtomicU64 = AtomicU64::new(0);

/// Commands sent by every [`ScsiDevice`] of the process so far and the time their transports took:
/// what a benchmark subtracts from wall time to get OpenRSM's own overhead.
pub fn total_stats() -> CommandStats {
    CommandStats {
        commands: TOTAL_COMMANDS.load(Ordering::Relaxed),
        device_time: Duration::from_nanos(TOTAL_DEVICE_NANOS.load(Ordering::Relaxed)),
    }
}

/// A SCSI logical unit (a changer or a drive) behind a transport.
pub struct ScsiDevice {
    transport: Arc<dyn ScsiTransport>,
    policy: RetryPolicy,
    commands: AtomicU64,
    device_nanos: AtomicU64,
}

impl fmt::Debug for ScsiDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScsiDevice").field("transport", &self.transport.describe()).finish()
    }
}

/// Counts commands and the time the transport took for them.
struct Timed<'a>(&'a ScsiDevice);

impl fmt::Debug for Timed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl ScsiTransport for Timed<'_> {
    fn execute(&self, command: &Command) -> Result<Response> {
        let started = Instant::now();
        let result = self.0.transport.execute(command);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.0.commands.fetch_add(1, Ordering::Relaxed);
        self.0.device_nanos.fetch_add(nanos, Ordering::Relaxed);
        TOTAL_COMMANDS.fetch_add(1, Ordering::Relaxed);
        TOTAL_DEVICE_NANOS.fetch_add(nanos, Ordering::Relaxed);
        result
    }

    fn describe(&self) -> String {
        self.0.transport.describe()
    }
}

impl ScsiDevice {
    /// A device behind `transport` with the default retry policy.
    pub fn new(transport: Arc<dyn ScsiTransport>) -> Self {
        ScsiDevice {
            transport,
            policy: RetryPolicy::default(),
            commands: AtomicU64::new(0),
            device_nanos: AtomicU64::new(0),
        }
    }

    /// Open `iscsi://host[:port]/iqn/lun` (when built with iSCSI support) or a device node
    /// (`/dev/sch0`, `/dev/sg3`, `/dev/nst0`).
    pub fn open(spec: &str) -> Result<Self> {
        Ok(Self::new(open_transport(spec)?))
    }

    /// Replace the retry policy.
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The transport.
    pub fn transport(&self) -> &Arc<dyn ScsiTransport> {
        &self.transport
    }

    /// What the device is, for messages.
    pub fn describe(&self) -> String {
        self.transport.describe()
    }

    /// Commands sent so far and the time the transport spent on them.
    pub fn stats(&self) -> CommandStats {
        CommandStats {
            commands: self.commands.load(Ordering::Relaxed),
            device_time: Duration::from_nanos(self.device_nanos.load(Ordering::Relaxed)),
        }
    }

    /// Send a command with retries; the final response may be a CHECK CONDITION.
    pub fn execute(&self, command: &Command) -> Result<Response> {
        transport::execute(&Timed(self), command, &self.policy)
            .map_err(|e| e.with_context(format!("{} on {}", command.name(), self.describe())))
    }

    /// Send a command with retries and return its data, or the RSM error its status means.
    pub fn run(&self, command: &Command) -> Result<Vec<u8>> {
        transport::run(&Timed(self), command, &self.policy)
    }

    fn error(&self, response: &Response, command: &Command) -> Option<Error> {
        response.error(command.name()).map(|e| e.with_context(self.describe()))
    }

    /// Standard INQUIRY.
    pub fn inquiry(&self) -> Result<Inquiry> {
        let data = self.run(&cdb::inquiry(96))?;
        parse::parse_inquiry(&data).map_err(|e| Error::from(e).with_context(self.describe()))
    }

    /// The unit serial number (VPD 80h), or `None` if the device has no such page.
    pub fn unit_serial(&self) -> Result<Option<String>> {
        match self.vpd(cdb::VPD_UNIT_SERIAL)? {
            None => Ok(None),
            Some(data) => Ok(Some(parse::parse_unit_serial(&data).map_err(Error::from)?).filter(|s| !s.is_empty())),
        }
    }

    /// The device identification designators (VPD 83h); empty if the device has no such page.
    pub fn device_identification(&self) -> Result<Vec<Designator>> {
        match self.vpd(cdb::VPD_DEVICE_ID)? {
            None => Ok(Vec::new()),
            Some(data) => Ok(parse::parse_device_identification(&data).map_err(Error::from)?),
        }
    }

    fn vpd(&self, page: u8) -> Result<Option<Vec<u8>>> {
        let command = cdb::inquiry_vpd(page, 255);
        let response = self.execute(&command)?;
        if is_illegal_request(&response) {
            return Ok(None);
        }
        match self.error(&response, &command) {
            Some(err) => Err(err),
            None => Ok(Some(response.data)),
        }
    }

    /// TEST UNIT READY.
    pub fn test_unit_ready(&self) -> Result<Readiness> {
        let command = cdb::test_unit_ready();
        let response = self.execute(&command)?;
        if response.is_good() {
            return Ok(Readiness::Ready);
        }
        if let Some(sense) = response.sense() {
            if sense.key == SenseKey::NotReady && sense.is_medium_not_present() {
                return Ok(Readiness::NoMedium);
            }
            if matches!(sense.key, SenseKey::NotReady | SenseKey::UnitAttention) {
                return Ok(Readiness::NotReady(sense));
            }
        }
        Err(self.error(&response, &command).expect("not GOOD"))
    }

    /// The element address assignment page (MODE SENSE(6), or MODE SENSE(10) if (6) is refused).
    pub fn element_address_assignment(&self) -> Result<ElementAddressAssignment> {
        let six = cdb::mode_sense6(cdb::PAGE_ELEMENT_ADDRESS_ASSIGNMENT, 255);
        let response = self.execute(&six)?;
        let parsed = if is_illegal_request(&response) {
            let data = self.run(&cdb::mode_sense10(cdb::PAGE_ELEMENT_ADDRESS_ASSIGNMENT, 256))?;
            parse::parse_element_address_assignment(&data, true)
        } else {
            if let Some(err) = self.error(&response, &six) {
                return Err(err);
            }
            parse::parse_element_address_assignment(&response.data, false)
        };
        parsed.map_err(|e| Error::from(e).with_context(self.describe()))
    }

    /// READ ELEMENT STATUS of up to `count` elements of one type from `start`, with volume tags if
    /// `voltag` and device identifiers if `dvcid`. The allocation length grows until the whole
    /// report fits (a changer that sends less than it announces, like tgt, is not asked again).
    pub fn read_element_status(
        &self,
        element_type: ElementTypeCode,
        start: u16,
        count: u16,
        voltag: bool,
        dvcid: bool,
    ) -> Result<ElementStatusData> {
        let mut alloc = (16 + u32::from(count) * DESCRIPTOR_ESTIMATE).clamp(1024, MAX_ALLOCATION);
        loop {
            let command = cdb::read_element_status(element_type, start, count, voltag, dvcid, alloc);
            let data = self.run(&command)?;
            let parsed =
                parse::parse_element_status(&data, dvcid).map_err(|e| Error::from(e).with_context(self.describe()))?;
            let wanted = (8 + u64::from(parsed.report_bytes)).min(u64::from(MAX_ALLOCATION)) as u32;
            if data.len() as u32 >= alloc && wanted > alloc {
                alloc = wanted;
                continue;
            }
            return Ok(parsed);
        }
    }

    /// MOVE MEDIUM with the robot `transport` from `source` to `destination`.
    pub fn move_medium(&self, transport: u16, source: u16, destination: u16) -> Result<()> {
        self.run(&cdb::move_medium(transport, source, destination, false)).map(drop)
    }

    /// EXCHANGE MEDIUM (see [`cdb::exchange_medium`]).
    pub fn exchange_medium(&self, transport: u16, source: u16, first: u16, second: u16) -> Result<()> {
        self.run(&cdb::exchange_medium(transport, source, first, second)).map(drop)
    }

    /// INITIALIZE ELEMENT STATUS; `Ok(false)` when the changer does not implement it.
    pub fn initialize_element_status(&self) -> Result<bool> {
        self.optional(&cdb::initialize_element_status())
    }

    /// PREVENT (`true`) or ALLOW MEDIUM REMOVAL; `Ok(false)` when the device does not implement it.
    pub fn prevent_medium_removal(&self, prevent: bool) -> Result<bool> {
        self.optional(&cdb::prevent_allow_medium_removal(prevent))
    }

    fn optional(&self, command: &Command) -> Result<bool> {
        let response = self.execute(command)?;
        if let Some(sense) = response.sense() {
            if sense.key == SenseKey::IllegalRequest && sense.asc == 0x20 {
                return Ok(false);
            }
        }
        match self.error(&response, command) {
            Some(err) => Err(err),
            None => Ok(true),
        }
    }

    /// LOAD (thread) the tape in a drive.
    pub fn load(&self) -> Result<()> {
        self.run(&cdb::load_unload(true, false)).map(drop)
    }

    /// UNLOAD (rewind and eject) the tape in a drive.
    pub fn unload(&self) -> Result<()> {
        self.run(&cdb::load_unload(false, false)).map(drop)
    }

    /// REWIND.
    pub fn rewind(&self) -> Result<()> {
        self.run(&cdb::rewind(false)).map(drop)
    }

    /// READ POSITION (short form).
    pub fn read_position(&self) -> Result<Position> {
        let data = self.run(&cdb::read_position(ReadPositionForm::Short))?;
        parse::parse_position(&data, false).map_err(|e| Error::from(e).with_context(self.describe()))
    }

    /// Read the next block of up to `len` bytes (variable-block mode when `block_size` is `None`).
    pub fn read_block(&self, len: u32, block_size: Option<u32>) -> Result<TapeRead> {
        let command = cdb::read6(len, block_size);
        let response = self.execute(&command)?;
        if response.is_good() {
            return Ok(TapeRead { data: response.data, ..TapeRead::default() });
        }
        let requested = command.data_in_len();
        let Some(sense) = response.sense().filter(|_| response.status == ScsiStatus::CheckCondition) else {
            return Err(self.error(&response, &command).expect("not GOOD"));
        };
        match sense.key {
            SenseKey::BlankCheck => Ok(TapeRead { end_of_data: true, ..TapeRead::default() }),
            SenseKey::NoSense | SenseKey::RecoveredError if sense.filemark => {
                Ok(TapeRead { filemark: true, ..TapeRead::default() })
            }
            SenseKey::NoSense | SenseKey::RecoveredError if sense.incorrect_length => {
                // The information field is the residue: requested minus actual block length, negative
                // (two's complement) when the block was longer than requested.
                let residue = sense.information.map(|i| i as u32 as i32).unwrap_or(0);
                let mut data = response.data;
                if residue > 0 && block_size.is_none() {
                    data.truncate(requested.saturating_sub(residue as usize));
                }
                Ok(TapeRead { data, truncated: residue < 0, ..TapeRead::default() })
            }
            SenseKey::NoSense | SenseKey::RecoveredError if sense.end_of_medium => {
                Ok(TapeRead { data: response.data, end_of_data: true, ..TapeRead::default() })
            }
            _ => Err(sense.to_error(command.name()).with_context(self.describe())),
        }
    }

    /// Write one variable-length block.
    pub fn write_block(&self, block: &[u8]) -> Result<()> {
        self.run(&cdb::write6(block.to_vec())).map(drop)
    }

    /// Write `count` filemarks.
    pub fn write_filemarks(&self, count: u32) -> Result<()> {
        self.run(&cdb::write_filemarks(count)).map(drop)
    }
}

fn is_illegal_request(response: &Response) -> bool {
    response.status == ScsiStatus::CheckCondition && response.sense().is_some_and(|s| s.key == SenseKey::IllegalRequest)
}

/// Whether this build can reach iSCSI targets (libiscsi was found when it was built).
pub const ISCSI_SUPPORTED: bool = cfg!(openrsm_iscsi);

/// Open the transport a device string names: an `iscsi://` URL or a device node path.
pub fn open_transport(spec: &str) -> Result<Arc<dyn ScsiTransport>> {
    if spec.starts_with("iscsi://") {
        #[cfg(openrsm_iscsi)]
        {
            return Ok(Arc::new(super::iscsi::IscsiTransport::connect(spec)?));
        }
        #[cfg(not(openrsm_iscsi))]
        {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("{spec}: this build of OpenRSM has no iSCSI support (build it where libiscsi is installed, or with the `iscsi` feature)"),
            ));
        }
    }
    if spec.starts_with('/') {
        #[cfg(target_os = "linux")]
        {
            return Ok(Arc::new(super::sg::SgTransport::open(spec)?));
        }
    }
    Err(Error::new(
        ErrorKind::InvalidParameter,
        format!("{spec:?} is neither an iscsi:// URL nor a SCSI device path (/dev/sch0, /dev/sg3, /dev/nst0)"),
    ))
}
