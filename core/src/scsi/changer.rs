//! The SCSI changer driver: the library [`Changer`] interface over an SMC-3 media changer and the
//! SSC tape drives it serves, each reached through a [`ScsiTransport`](super::ScsiTransport).
//!
//! Libraries use it through driver strings `scsi:CHANGER[;drive=DRIVE]...`, where each device is an
//! `iscsi://host:port/iqn/lun` URL or a device node (`/dev/sch0`, `/dev/sg3`, `/dev/nst0`) and the
//! drives are listed in element address order. Without drives, they are discovered: the other LUNs
//! of an iSCSI target (REPORT LUNS), or the `/dev/nst*` tape devices, matched to the changer's drive
//! elements by the device identifiers READ ELEMENT STATUS reports (DVCID), and in order otherwise.
//!
//! Device quirks handled here (all seen on tgt): READ ELEMENT STATUS asked one element type at a
//! time (type 0 crashes tgt); descriptors cut short (handled by the parser); a changer that never
//! sets the ACCESS bit (then every element is taken as reachable until the bit is seen set once);
//! INITIALIZE ELEMENT STATUS, PREVENT ALLOW MEDIUM REMOVAL and OPEN/CLOSE IMPORT/EXPORT ELEMENT not
//! implemented (treated as "nothing to do"); DVCID refused by older changers (asked without).
//!
//! ```no_run
//! use openrsm::library::{Changer, ElementType};
//! use openrsm::scsi::changer::ScsiChanger;
//! # async fn demo() -> openrsm::Result<()> {
//! let changer = ScsiChanger::open("iscsi://127.0.0.1:3260/iqn.2025-01.org.example:vtl/3", &[])?;
//! for element in changer.element_status(&[ElementType::Storage]).await? {
//!     println!("{} {:?}", element.address, element.volume_tag);
//! }
//! # Ok(()) }
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use crate::error::{Error, ErrorKind, Result};
use crate::library::{
    Changer, ChangerIdentity, ChangerLayout, DoorStatus, ElementAddress, ElementRange, ElementStatus, ElementType,
};

use super::cdb::{self, ElementTypeCode};
use super::device::{Readiness, ScsiDevice};
use super::parse::{self, device_type, AddressRange, ElementDescriptor};
use super::sense::SenseKey;

/// The driver scheme: libraries whose driver string starts with `scsi:` use this driver.
pub const SCHEME: &str = "scsi";

/// How a SCSI library is reached: the changer and, in element address order, its drives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScsiLibraryConfig {
    /// The changer device.
    pub changer: String,
    /// The drive devices; empty to discover them.
    pub drives: Vec<String>,
}

impl ScsiLibraryConfig {
    /// Parse the part of a driver string after `scsi:`.
    pub fn parse(text: &str) -> Result<ScsiLibraryConfig> {
        let mut parts = text.split(';');
        let changer = parts.next().unwrap_or_default().trim().to_owned();
        if changer.is_empty() {
            return Err(Error::new(ErrorKind::InvalidParameter, "the SCSI driver string names no changer"));
        }
        let mut drives = Vec::new();
        for part in parts {
            let drive = part.trim().strip_prefix("drive=").ok_or_else(|| {
                Error::new(ErrorKind::InvalidParameter, format!("{part:?} in a SCSI driver string is not drive=DEVICE"))
            })?;
            drives.push(drive.to_owned());
        }
        Ok(ScsiLibraryConfig { changer, drives })
    }

    /// The driver string (`scsi:CHANGER;drive=...`).
    pub fn driver_string(&self) -> String {
        let mut text = format!("{SCHEME}:{}", self.changer);
        for d in &self.drives {
            text.push_str(";drive=");
            text.push_str(d);
        }
        text
    }
}

/// Opens `scsi:` libraries for [`open_changer`](crate::library::open_changer).
pub fn open_driver(rest: &str) -> Result<Arc<dyn Changer>> {
    let config = ScsiLibraryConfig::parse(rest)?;
    Ok(Arc::new(ScsiChanger::open(&config.changer, &config.drives)?))
}

struct Drive {
    spec: String,
    device: OnceLock<Arc<ScsiDevice>>,
}

/// A SCSI media changer and its tape drives, with blocking operations (what [`ScsiChanger`] runs
/// on blocking threads).
pub struct BlockingChanger {
    changer: Arc<ScsiDevice>,
    spec: String,
    assignment: parse::ElementAddressAssignment,
    drives: Vec<Drive>,
    /// The changer set ACCESS on some element: the bit means what it says.
    access_reported: AtomicBool,
    /// READ ELEMENT STATUS with DVCID was refused once: do not ask again.
    dvcid_refused: AtomicBool,
    locked: AtomicBool,
    identity: Mutex<Option<ChangerIdentity>>,
}

impl std::fmt::Debug for BlockingChanger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingChanger").field("changer", &self.spec).finish()
    }
}

fn range(r: AddressRange) -> ElementRange {
    ElementRange { first: r.first, count: r.count }
}

fn element_type(code: ElementTypeCode) -> ElementType {
    match code {
        ElementTypeCode::Transport => ElementType::Transport,
        ElementTypeCode::ImportExport => ElementType::ImportExport,
        ElementTypeCode::DataTransfer => ElementType::DataTransfer,
        ElementTypeCode::Storage | ElementTypeCode::All => ElementType::Storage,
    }
}

fn type_code(t: ElementType) -> ElementTypeCode {
    match t {
        ElementType::Transport => ElementTypeCode::Transport,
        ElementType::Storage => ElementTypeCode::Storage,
        ElementType::ImportExport => ElementTypeCode::ImportExport,
        ElementType::DataTransfer => ElementTypeCode::DataTransfer,
    }
}

/// The media type a barcode names by its LTO-style suffix (`...L6` is LTO-6, `CLN...` a cleaner).
pub fn media_type_from_barcode(barcode: &str) -> Option<String> {
    let upper = barcode.trim().to_ascii_uppercase();
    if upper.starts_with("CLN") {
        return Some("LTO cleaning".into());
    }
    let suffix = upper.get(upper.len().checked_sub(2)?..)?;
    let mut chars = suffix.chars();
    match (chars.next()?, chars.next()?) {
        ('L', d @ '1'..='9') => Some(format!("LTO-{d}")),
        ('L', 'T') => Some("LTO-3 WORM".into()),
        ('L', 'U') => Some("LTO-4 WORM".into()),
        ('L', 'V') => Some("LTO-5 WORM".into()),
        ('L', 'W') => Some("LTO-6 WORM".into()),
        ('L', 'X') => Some("LTO-7 WORM".into()),
        ('L', 'Y') => Some("LTO-8 WORM".into()),
        ('L', 'Z') => Some("LTO-9 WORM".into()),
        _ => None,
    }
}

/// A tape drive found while discovering drives: its device and what identifies it.
#[derive(Debug, Clone)]
struct Candidate {
    spec: String,
    /// Vendor (8) + product (16) + serial, as SMC device identifiers usually read.
    t10: String,
    serial: String,
    designators: Vec<String>,
}

fn candidate(spec: String) -> Option<Candidate> {
    let device = ScsiDevice::open(&spec).ok()?;
    let inquiry = device.inquiry().ok()?;
    if inquiry.qualifier != 0 || inquiry.device_type != device_type::TAPE {
        return None;
    }
    let serial = device.unit_serial().ok().flatten().unwrap_or_default();
    let designators = device.device_identification().unwrap_or_default().iter().map(|d| d.text()).collect();
    let t10 = format!("{:<8}{:<16}{}", inquiry.vendor, inquiry.product, serial);
    Some(Candidate { spec, t10, serial, designators })
}

/// Assign candidates to drive elements: exact identifier matches first, then a cut identifier that
/// is the prefix of exactly one candidate, then the rest in order.
fn assign(identifiers: &[Option<(String, bool)>], candidates: Vec<Candidate>) -> Vec<String> {
    let mut free: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    let mut out: Vec<Option<String>> = vec![None; identifiers.len()];
    let exact = |id: &str, c: &Candidate| {
        (!c.serial.is_empty() && id.contains(&c.serial)) || c.designators.iter().any(|d| d == id) || c.t10.trim() == id
    };
    for (i, id) in identifiers.iter().enumerate() {
        if let Some((id, true)) = id {
            if let Some(slot) = free.iter_mut().find(|c| c.as_ref().is_some_and(|c| exact(id, c))) {
                out[i] = slot.take().map(|c| c.spec);
            }
        }
    }
    for (i, id) in identifiers.iter().enumerate() {
        if let (None, Some((id, false))) = (&out[i], id) {
            let matching: Vec<usize> = (0..free.len())
                .filter(|&k| free[k].as_ref().is_some_and(|c| !id.is_empty() && c.t10.starts_with(id.as_str())))
                .collect();
            if let [only] = matching[..] {
                out[i] = free[only].take().map(|c| c.spec);
            }
        }
    }
    let mut rest = free.into_iter().flatten();
    out.into_iter().map(|o| o.or_else(|| rest.next().map(|c| c.spec)).unwrap_or_default()).collect()
}

impl BlockingChanger {
    /// Open the changer at `spec` and its drives (in element address order; discovered if empty).
    pub fn open(spec: &str, drives: &[String]) -> Result<BlockingChanger> {
        let changer = Arc::new(ScsiDevice::open(spec)?);
        let inquiry = changer.inquiry()?;
        if inquiry.device_type != device_type::CHANGER {
            return Err(Error::new(
                ErrorKind::InvalidLibrary,
                format!("{spec} is not a media changer (peripheral device type {:#04x})", inquiry.device_type),
            ));
        }
        let assignment = changer.element_address_assignment()?;
        let mut this = BlockingChanger {
            changer,
            spec: spec.to_owned(),
            assignment,
            drives: Vec::new(),
            access_reported: AtomicBool::new(false),
            dvcid_refused: AtomicBool::new(false),
            locked: AtomicBool::new(false),
            identity: Mutex::new(None),
        };
        let specs = if drives.is_empty() { this.discover_drives()? } else { drives.to_vec() };
        this.drives = specs.into_iter().map(|spec| Drive { spec, device: OnceLock::new() }).collect();
        Ok(this)
    }

    /// The device of each drive element, in address order (empty where none was found).
    pub fn drive_specs(&self) -> Vec<String> {
        self.drives.iter().map(|d| d.spec.clone()).collect()
    }

    /// The changer's device.
    pub fn device(&self) -> &Arc<ScsiDevice> {
        &self.changer
    }

    /// The driver string that reopens this library with the same drives.
    pub fn config(&self) -> ScsiLibraryConfig {
        ScsiLibraryConfig { changer: self.spec.clone(), drives: self.drive_specs() }
    }

    fn discover_drives(&self) -> Result<Vec<String>> {
        let dt = self.assignment.data_transfer;
        if dt.count == 0 {
            return Ok(Vec::new());
        }
        let mut specs = Vec::new();
        #[cfg(openrsm_iscsi)]
        if self.spec.starts_with("iscsi://") {
            let url = super::iscsi::IscsiUrl::parse(&self.spec)?;
            let data = self.changer.run(&cdb::report_luns(4096))?;
            for lun in parse::parse_report_luns(&data).map_err(Error::from)? {
                if lun != url.lun {
                    specs.push(url.with_lun(lun).to_string());
                }
            }
        }
        if self.spec.starts_with('/') {
            let mut nodes: Vec<String> = std::fs::read_dir("/dev")
                .map(|dir| {
                    dir.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|n| {
                            n.strip_prefix("nst")
                                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
                        })
                        .map(|n| format!("/dev/{n}"))
                        .collect()
                })
                .unwrap_or_default();
            nodes.sort_by_key(|n| n[8..].parse::<u32>().unwrap_or(u32::MAX));
            specs = nodes;
        }
        let candidates: Vec<Candidate> = specs.into_iter().filter_map(candidate).collect();
        let descriptors = self.read_type(ElementTypeCode::DataTransfer)?;
        let identifiers: Vec<Option<(String, bool)>> = (0..dt.count)
            .map(|i| {
                let address = dt.first + i;
                descriptors
                    .iter()
                    .find(|d| d.address == address)
                    .and_then(|d| d.device_id.as_ref())
                    .map(|id| (id.text(), id.complete))
            })
            .collect();
        Ok(assign(&identifiers, candidates))
    }

    fn read_type(&self, code: ElementTypeCode) -> Result<Vec<ElementDescriptor>> {
        let r = self.assignment.range(code);
        if r.count == 0 {
            return Ok(Vec::new());
        }
        let dvcid = code == ElementTypeCode::DataTransfer && !self.dvcid_refused.load(Ordering::Relaxed);
        let result = self.changer.read_element_status(code, r.first, r.count, true, dvcid);
        let data = match result {
            Err(e) if dvcid && e.kind() == ErrorKind::InvalidParameter => {
                self.dvcid_refused.store(true, Ordering::Relaxed);
                self.changer.read_element_status(code, r.first, r.count, true, false)?
            }
            other => other?,
        };
        // Only this type's elements, within its range (a changer may report more than asked).
        Ok(data.descriptors.into_iter().filter(|d| d.element_type == code && r.contains(d.address)).collect())
    }

    fn status_of(&self, d: &ElementDescriptor) -> ElementStatus {
        let t = element_type(d.element_type);
        let tag = d.primary_tag.as_ref().map(|t| t.identifier.clone()).filter(|t| !t.is_empty());
        let accessible = d.access || !self.access_reported.load(Ordering::Relaxed) || t == ElementType::Transport;
        ElementStatus {
            element_type: t,
            address: d.address,
            full: d.full,
            tag_unreadable: d.full && d.primary_tag.is_some() && tag.is_none() && !d.truncated,
            media_type: tag.as_deref().and_then(media_type_from_barcode),
            volume_tag: tag,
            source: d.source.filter(|_| d.full),
            accessible,
            operator_placed: d.impexp,
            exception: d.except.then(|| {
                let text = super::sense::asc_description(d.asc, d.ascq).unwrap_or("element exception");
                format!("{} (ASC/ASCQ {:02X}/{:02X})", text.to_ascii_lowercase(), d.asc, d.ascq)
            }),
            device_id: d.device_id.as_ref().filter(|i| i.complete).map(|i| i.text()),
        }
    }

    /// READ ELEMENT STATUS of these types (all for an empty slice), blocking.
    pub fn element_status_blocking(&self, types: &[ElementType]) -> Result<Vec<ElementStatus>> {
        let types: Vec<ElementType> = if types.is_empty() { ElementType::ALL.to_vec() } else { types.to_vec() };
        let mut descriptors = Vec::new();
        for t in types {
            descriptors.extend(self.read_type(type_code(t))?);
        }
        if descriptors.iter().any(|d| d.access) {
            self.access_reported.store(true, Ordering::Relaxed);
        }
        let mut out: Vec<ElementStatus> = descriptors.iter().map(|d| self.status_of(d)).collect();
        out.sort_by_key(|s| s.address);
        out.dedup_by_key(|s| s.address);
        Ok(out)
    }

    fn transport_address(&self) -> u16 {
        // SMC allows 0 for "the default transport" when the changer reports none.
        if self.assignment.transport.count > 0 {
            self.assignment.transport.first
        } else {
            0
        }
    }

    /// MOVE MEDIUM, blocking, with the error refined by the destination's type.
    pub fn move_blocking(&self, source: ElementAddress, destination: ElementAddress) -> Result<()> {
        match self.changer.move_medium(self.transport_address(), source, destination) {
            Err(e) if e.kind() == ErrorKind::NotEmpty => {
                let kind = match self.assignment.type_of(destination) {
                    Some(ElementTypeCode::ImportExport) => ErrorKind::IeportFull,
                    Some(ElementTypeCode::Transport) => ErrorKind::TransportFull,
                    _ => ErrorKind::NotEmpty,
                };
                Err(Error::new(kind, e.message().to_owned()))
            }
            other => other,
        }
    }

    fn drive(&self, address: ElementAddress) -> Result<Arc<ScsiDevice>> {
        let dt = self.assignment.data_transfer;
        if !dt.contains(address) {
            return Err(Error::new(
                ErrorKind::InvalidDriveObject,
                format!("element {address} of {} is not a drive", self.spec),
            ));
        }
        let drive =
            &self.drives.get(usize::from(address - dt.first)).filter(|d| !d.spec.is_empty()).ok_or_else(|| {
                Error::new(
                    ErrorKind::DeviceNotAvailable,
                    format!("no device is known for drive element {address} of {}", self.spec),
                )
            })?;
        if let Some(device) = drive.device.get() {
            return Ok(device.clone());
        }
        let device = Arc::new(ScsiDevice::open(&drive.spec)?);
        Ok(drive.device.get_or_init(|| device).clone())
    }

    /// Wait until the drive reports ready, up to `limit` (a drive that says it holds no medium
    /// gets only a short grace: waiting longer will not put one in).
    fn wait_ready(&self, drive: &ScsiDevice, limit: Duration) -> Result<Readiness> {
        const NO_MEDIUM_GRACE: Duration = Duration::from_secs(2);
        let started = Instant::now();
        loop {
            let state = drive.test_unit_ready()?;
            let elapsed = started.elapsed();
            let give_up = match state {
                Readiness::Ready => true,
                Readiness::NoMedium => elapsed >= NO_MEDIUM_GRACE.min(limit),
                Readiness::NotReady(_) => elapsed >= limit,
            };
            if give_up {
                return Ok(state);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Load the medium in a drive, blocking.
    pub fn load_blocking(&self, address: ElementAddress) -> Result<()> {
        let drive = self.drive(address)?;
        if let Err(e) = drive.load() {
            // A drive that loads by itself when the robot inserts the tape may refuse LOAD; what
            // counts is that it becomes ready.
            if e.kind() != ErrorKind::InvalidOperation && e.kind() != ErrorKind::InvalidParameter {
                return Err(Error::new(ErrorKind::UnableToLoadMedium, e.message().to_owned()));
            }
        }
        match self.wait_ready(&drive, Duration::from_secs(120))? {
            Readiness::Ready => Ok(()),
            Readiness::NoMedium => Err(Error::new(
                ErrorKind::UnableToLoadMedium,
                format!("drive {address} reports no medium after loading"),
            )),
            Readiness::NotReady(sense) => {
                Err(Error::new(ErrorKind::UnableToLoadMedium, format!("drive {address} did not become ready: {sense}")))
            }
        }
    }

    /// Unload the medium in a drive (nothing to do if it holds none), blocking.
    pub fn unload_blocking(&self, address: ElementAddress) -> Result<()> {
        let drive = self.drive(address)?;
        match drive.test_unit_ready()? {
            Readiness::NoMedium => return Ok(()),
            Readiness::Ready | Readiness::NotReady(_) => {}
        }
        match drive.unload() {
            Err(e) if e.kind() == ErrorKind::Empty => Ok(()),
            other => other,
        }
    }

    /// Read up to `len` bytes from the start of the loaded medium, blocking: rewind, read blocks
    /// until `len` bytes, a filemark or the end of data, rewind again.
    pub fn read_medium_blocking(&self, address: ElementAddress, len: usize) -> Result<Vec<u8>> {
        let drive = self.drive(address)?;
        if let Readiness::NoMedium = self.wait_ready(&drive, Duration::from_secs(10))? {
            return Err(Error::new(ErrorKind::Empty, format!("drive {address} holds no medium")));
        }
        drive.rewind()?;
        let mut out = Vec::new();
        while out.len() < len {
            // Labels live in the first block or two; ask for a generous block so none is cut.
            let block = drive.read_block(len.saturating_sub(out.len()).clamp(64 * 1024, 0xFF_FFFF) as u32, None)?;
            let stop = block.filemark || block.end_of_data || block.data.is_empty();
            out.extend_from_slice(&block.data);
            if stop {
                break;
            }
        }
        out.truncate(len);
        drive.rewind()?;
        Ok(out)
    }

    /// Lock or unlock the door, blocking (a changer without PREVENT ALLOW has no lock to set).
    pub fn lock_blocking(&self, locked: bool) -> Result<()> {
        self.changer.prevent_medium_removal(locked)?;
        self.locked.store(locked, Ordering::Relaxed);
        Ok(())
    }

    /// Extend or retract an IE port, blocking (ports operated by hand: nothing to do).
    pub fn port_blocking(&self, port: ElementAddress, extended: bool) -> Result<()> {
        if !self.assignment.import_export.contains(port) {
            return Err(Error::new(ErrorKind::ResourceNotPresent, format!("element {port} is not an IE port")));
        }
        let command = cdb::open_close_import_export(port, extended);
        let response = self.changer.execute(&command)?;
        match response.sense() {
            Some(s) if s.key == SenseKey::IllegalRequest && matches!(s.asc, 0x20 | 0x24) => Ok(()),
            _ => response.into_data(command.name()).map(drop),
        }
    }

    /// INQUIRY and unit serial number as a changer identity, blocking (read once, then cached).
    pub fn identity_blocking(&self) -> Result<ChangerIdentity> {
        if let Some(identity) = self.identity.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Ok(identity);
        }
        let inquiry = self.changer.inquiry()?;
        let serial = match self.changer.unit_serial()? {
            Some(s) => s,
            None => inquiry.vendor_specific.clone(),
        };
        let identity = ChangerIdentity {
            vendor: inquiry.vendor,
            product: inquiry.product,
            revision: inquiry.revision,
            serial,
            barcode_reader: true,
            standalone: false,
        };
        *self.identity.lock().unwrap_or_else(|p| p.into_inner()) = Some(identity.clone());
        Ok(identity)
    }
}

/// A SCSI changer for the library layer: every operation runs on a blocking thread.
#[derive(Debug, Clone)]
pub struct ScsiChanger(Arc<BlockingChanger>);

impl ScsiChanger {
    /// Open the changer at `spec` and its drives (in element address order; discovered if empty).
    /// Blocks for the device I/O.
    pub fn open(spec: &str, drives: &[String]) -> Result<ScsiChanger> {
        Ok(ScsiChanger(Arc::new(BlockingChanger::open(spec, drives)?)))
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&BlockingChanger) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || f(&inner))
            .await
            .map_err(|e| Error::new(ErrorKind::DeviceNotAvailable, format!("SCSI I/O thread failed: {e}")))?
    }
}

impl std::ops::Deref for ScsiChanger {
    type Target = BlockingChanger;

    fn deref(&self) -> &BlockingChanger {
        &self.0
    }
}

#[async_trait]
impl Changer for ScsiChanger {
    async fn identity(&self) -> Result<ChangerIdentity> {
        self.run(|c| c.identity_blocking()).await
    }

    async fn layout(&self) -> Result<ChangerLayout> {
        let a = &self.0.assignment;
        Ok(ChangerLayout {
            transport: range(a.transport),
            storage: range(a.storage),
            import_export: range(a.import_export),
            data_transfer: range(a.data_transfer),
        })
    }

    async fn element_status(&self, types: &[ElementType]) -> Result<Vec<ElementStatus>> {
        let types = types.to_vec();
        self.run(move |c| c.element_status_blocking(&types)).await
    }

    async fn scan(&self) -> Result<()> {
        self.run(|c| c.changer.initialize_element_status().map(drop)).await
    }

    async fn move_medium(&self, source: ElementAddress, destination: ElementAddress) -> Result<()> {
        self.run(move |c| c.move_blocking(source, destination)).await
    }

    async fn load(&self, drive: ElementAddress) -> Result<()> {
        self.run(move |c| c.load_blocking(drive)).await
    }

    async fn unload(&self, drive: ElementAddress) -> Result<()> {
        self.run(move |c| c.unload_blocking(drive)).await
    }

    async fn read_medium(&self, drive: ElementAddress, len: usize) -> Result<Vec<u8>> {
        self.run(move |c| c.read_medium_blocking(drive, len)).await
    }

    async fn door_status(&self) -> Result<DoorStatus> {
        Ok(DoorStatus { open: false, locked: self.0.locked.load(Ordering::Relaxed) })
    }

    async fn lock_door(&self, locked: bool) -> Result<()> {
        self.run(move |c| c.lock_blocking(locked)).await
    }

    async fn set_port_extended(&self, port: ElementAddress, extended: bool) -> Result<()> {
        self.run(move |c| c.port_blocking(port, extended)).await
    }

    async fn device_path(&self, drive: ElementAddress) -> Result<Option<String>> {
        let dt = self.0.assignment.data_transfer;
        if !dt.contains(drive) {
            return Err(Error::new(ErrorKind::InvalidDriveObject, format!("element {drive} is not a drive")));
        }
        Ok(self.0.drives.get(usize::from(drive - dt.first)).map(|d| d.spec.clone()).filter(|s| !s.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(spec: &str, serial: &str) -> Candidate {
        Candidate {
            spec: spec.into(),
            t10: format!("{:<8}{:<16}{serial}", "IET", "VIRTUAL-TAPE"),
            serial: serial.into(),
            designators: vec![],
        }
    }

    #[test]
    fn drives_are_matched_by_identifier_then_prefix_then_order() {
        let ids = vec![
            Some(("IET     VIRTUAL-TAPE    beaf12".to_string(), true)),
            Some(("IET     VIRTUAL-TAPE    be".to_string(), false)),
            None,
        ];
        let got = assign(&ids, vec![cand("lun1", "beaf11"), cand("lun2", "beaf12"), cand("lun3", "zz")]);
        assert_eq!(got, ["lun2", "lun1", "lun3"]);
        // A cut identifier that fits two candidates decides nothing: order does.
        let ids = vec![Some(("IET     VIRTUAL-TAPE    be".to_string(), false)), None];
        assert_eq!(assign(&ids, vec![cand("a", "beaf11"), cand("b", "beaf12")]), ["a", "b"]);
        // Fewer devices than elements: the last element has none.
        assert_eq!(assign(&[None, None], vec![cand("a", "1")]), ["a", ""]);
    }

    #[test]
    fn driver_strings_round_trip() {
        let c = ScsiLibraryConfig::parse("iscsi://h:1/iqn.x:y/3;drive=iscsi://h:1/iqn.x:y/1;drive=/dev/nst1").unwrap();
        assert_eq!(c.changer, "iscsi://h:1/iqn.x:y/3");
        assert_eq!(c.drives, ["iscsi://h:1/iqn.x:y/1", "/dev/nst1"]);
        assert_eq!(ScsiLibraryConfig::parse(&c.driver_string()[5..]).unwrap(), c);
        assert_eq!(ScsiLibraryConfig::parse("").unwrap_err().kind(), ErrorKind::InvalidParameter);
        assert_eq!(ScsiLibraryConfig::parse("/dev/sch0;nst0").unwrap_err().kind(), ErrorKind::InvalidParameter);
    }

    #[test]
    fn barcode_suffixes() {
        assert_eq!(media_type_from_barcode("OR0001L6").as_deref(), Some("LTO-6"));
        assert_eq!(media_type_from_barcode("ABC123LW").as_deref(), Some("LTO-6 WORM"));
        assert_eq!(media_type_from_barcode("CLN001L1").as_deref(), Some("LTO cleaning"));
        assert_eq!(media_type_from_barcode("X"), None);
        assert_eq!(media_type_from_barcode("VOL001"), None);
    }
}
