//! Libraries: creating a virtual library or registering a SCSI one, deleting libraries and
//! drives, and the `VirtualLibrary` handle for what happens outside the robot (operators at the
//! IE ports and the door) and for fault injection.

use std::time::Duration;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use openrsm::library::{CartridgeSpec, VirtualDelays, VirtualFault};

use crate::blocking::run;
use crate::errors::invalid;
use crate::model::{parse_id, RsmObject};
use crate::session::Session;

/// Cartridges of one media type, for `VirtualLibrarySpec.media`.
#[napi(object)]
pub struct MediaCount {
    /// The media type's name (created if needed), e.g. `LTO-6`.
    pub media_type: String,
    /// How many cartridges.
    pub count: u32,
}

/// The robot's delays in milliseconds, for `VirtualLibrarySpec.delays`; absent fields are 0.
#[napi(object)]
#[derive(Default)]
pub struct VirtualDelaysMs {
    /// Moving a medium between elements.
    pub move_medium: Option<u32>,
    /// Loading a medium in a drive.
    pub load: Option<u32>,
    /// Unloading a medium from a drive.
    pub unload: Option<u32>,
    /// Scanning one element's barcode.
    pub scan: Option<u32>,
    /// Locking or unlocking the door.
    pub door: Option<u32>,
}

impl From<VirtualDelaysMs> for VirtualDelays {
    fn from(d: VirtualDelaysMs) -> Self {
        let ms = |v: Option<u32>| Duration::from_millis(u64::from(v.unwrap_or(0)));
        VirtualDelays {
            move_medium: ms(d.move_medium),
            load: ms(d.load),
            unload: ms(d.unload),
            scan: ms(d.scan),
            door: ms(d.door),
        }
    }
}

/// A new virtual library, for `Session.createVirtualLibrary`.
#[napi(object)]
#[derive(Default)]
pub struct VirtualLibrarySpec {
    /// Number of drives (default 1).
    pub drives: Option<u32>,
    /// Number of storage slots (default 0).
    pub slots: Option<u32>,
    /// Number of IE ports (default 0).
    pub ieports: Option<u32>,
    /// Cartridges in the first slots, by media type.
    pub media: Option<Vec<MediaCount>>,
    /// Barcode prefix; absent: one made from the library's name.
    pub barcode_prefix: Option<String>,
    /// A cleaning cartridge with this many uses in the last slot, which becomes the cleaner slot.
    pub cleaner: Option<u32>,
    /// A standalone drive (one drive, no robot) rather than a robotic library.
    pub standalone: Option<bool>,
    /// The robot's delays: milliseconds per step, or `'realistic'` (none by default).
    #[napi(ts_type = "VirtualDelaysMs | 'realistic'")]
    pub delays: Option<Either<VirtualDelaysMs, String>>,
    /// Its directory; absent: `<home>/libraries/<name>`.
    pub dir: Option<String>,
}

fn delays(value: Either<VirtualDelaysMs, String>) -> Result<VirtualDelays> {
    match value {
        Either::A(ms) => Ok(ms.into()),
        Either::B(name) if name == "realistic" => Ok(VirtualDelays::realistic()),
        Either::B(name) => Err(invalid(format!("delays are milliseconds per step or 'realistic', not '{name}'"))),
    }
}

impl VirtualLibrarySpec {
    fn into_core(self) -> Result<openrsm::VirtualLibrarySpec> {
        let mut spec = if self.standalone.unwrap_or(false) {
            openrsm::VirtualLibrarySpec::standalone()
        } else {
            openrsm::VirtualLibrarySpec::new(
                self.drives.unwrap_or(1),
                self.slots.unwrap_or(0),
                self.ieports.unwrap_or(0),
            )
        };
        for m in self.media.unwrap_or_default() {
            spec = spec.media(m.media_type, m.count);
        }
        spec.barcode_prefix = self.barcode_prefix;
        spec.cleaner = self.cleaner;
        if let Some(d) = self.delays {
            spec.delays = delays(d)?;
        }
        spec.dir = self.dir.map(Into::into);
        Ok(spec)
    }
}

/// A SCSI library to register, for `Session.addScsiLibrary`.
#[napi(object)]
pub struct ScsiLibrarySpec {
    /// The changer: `iscsi://host:port/iqn/lun` or a device such as `/dev/sch0`.
    pub changer: String,
    /// Its drives' devices (`/dev/nst0`, `iscsi://...`), in element address order.
    pub drives: Option<Vec<String>>,
    /// Inventory it once registered (default true).
    pub inventory: Option<bool>,
}

/// A cartridge put into a virtual library from outside, for `VirtualLibrary.insertIntoPort` and
/// `insertIntoDrive`.
#[napi(object)]
#[derive(Default)]
pub struct Cartridge {
    /// Its barcode label; absent: none.
    pub barcode: Option<String>,
    /// The name of its media type; absent: the library's first.
    pub media_type: Option<String>,
    /// The first bytes on the medium (its label), e.g. from `sampleLabel`.
    pub label: Option<Uint8Array>,
    /// A cleaning cartridge with this many uses.
    pub cleaner_uses: Option<u32>,
}

impl From<Cartridge> for CartridgeSpec {
    fn from(c: Cartridge) -> Self {
        CartridgeSpec {
            barcode: c.barcode,
            media_type: c.media_type,
            label: c.label.map(|l| l.to_vec()).unwrap_or_default(),
            cleaner_uses: c.cleaner_uses,
        }
    }
}

/// The kinds of fault a virtual library can be told to have.
#[napi(string_enum)]
pub enum FaultKind {
    /// The next move jams: the medium stays in the robot's hand until `clearJam()`.
    #[napi(value = "moveJam")]
    MoveJam,
    /// Drive `drive` (number from 0) fails to load media.
    #[napi(value = "driveLoadFailure")]
    DriveLoadFailure,
    /// The door is left open: the robot does not move until the fault is cleared.
    #[napi(value = "doorLeftOpen")]
    DoorLeftOpen,
    /// IE port `port` (number from 0) is blocked: it reports full and takes no medium.
    #[napi(value = "iePortFull")]
    IePortFull,
    /// The barcode label of the cartridge `barcode` cannot be read.
    #[napi(value = "unreadableBarcode")]
    UnreadableBarcode,
    /// Every cleaning cartridge is spent.
    #[napi(value = "cleanerSpent")]
    CleanerSpent,
}

/// A fault of a virtual library: its kind, and the drive, port or barcode it concerns.
#[napi(object)]
pub struct Fault {
    /// Which fault.
    pub kind: FaultKind,
    /// The drive number, for `driveLoadFailure`.
    pub drive: Option<u32>,
    /// The IE port number, for `iePortFull`.
    pub port: Option<u32>,
    /// The barcode, for `unreadableBarcode`.
    pub barcode: Option<String>,
}

impl TryFrom<Fault> for VirtualFault {
    type Error = napi::Error;
    fn try_from(f: Fault) -> Result<Self> {
        let missing = |field: &str, kind: &str| invalid(format!("a {kind} fault names its {field}"));
        Ok(match f.kind {
            FaultKind::MoveJam => VirtualFault::MoveJam,
            FaultKind::DriveLoadFailure => {
                VirtualFault::DriveLoadFailure { drive: f.drive.ok_or_else(|| missing("drive", "driveLoadFailure"))? }
            }
            FaultKind::DoorLeftOpen => VirtualFault::DoorLeftOpen,
            FaultKind::IePortFull => {
                VirtualFault::IePortFull { port: f.port.ok_or_else(|| missing("port", "iePortFull"))? }
            }
            FaultKind::UnreadableBarcode => VirtualFault::UnreadableBarcode {
                barcode: f.barcode.ok_or_else(|| missing("barcode", "unreadableBarcode"))?,
            },
            FaultKind::CleanerSpent => VirtualFault::CleanerSpent,
        })
    }
}

impl From<VirtualFault> for Fault {
    fn from(f: VirtualFault) -> Self {
        let plain = |kind| Fault { kind, drive: None, port: None, barcode: None };
        match f {
            VirtualFault::MoveJam => plain(FaultKind::MoveJam),
            VirtualFault::DriveLoadFailure { drive } => {
                Fault { drive: Some(drive), ..plain(FaultKind::DriveLoadFailure) }
            }
            VirtualFault::DoorLeftOpen => plain(FaultKind::DoorLeftOpen),
            VirtualFault::IePortFull { port } => Fault { port: Some(port), ..plain(FaultKind::IePortFull) },
            VirtualFault::UnreadableBarcode { barcode } => {
                Fault { barcode: Some(barcode), ..plain(FaultKind::UnreadableBarcode) }
            }
            VirtualFault::CleanerSpent => plain(FaultKind::CleanerSpent),
        }
    }
}

/// The kind of a changer element (SCSI SMC element type codes).
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum ElementType {
    /// The robot's hand.
    Transport = 1,
    /// A storage slot.
    Storage = 2,
    /// An IE port.
    ImportExport = 3,
    /// A drive.
    DataTransfer = 4,
}

// Same numbers as the core's SMC element type codes.
const _: () = {
    use openrsm::library::ElementType as Core;
    assert!(ElementType::Transport as u8 == Core::Transport.code());
    assert!(ElementType::Storage as u8 == Core::Storage.code());
    assert!(ElementType::ImportExport as u8 == Core::ImportExport.code());
    assert!(ElementType::DataTransfer as u8 == Core::DataTransfer.code());
};

impl From<openrsm::library::ElementType> for ElementType {
    fn from(t: openrsm::library::ElementType) -> Self {
        use openrsm::library::ElementType as Core;
        match t {
            Core::Transport => ElementType::Transport,
            Core::Storage => ElementType::Storage,
            Core::ImportExport => ElementType::ImportExport,
            Core::DataTransfer => ElementType::DataTransfer,
        }
    }
}

/// A cartridge in a virtual library, as `VirtualLibrary.contents()` lists it.
#[napi(object)]
pub struct ElementContent {
    /// Its barcode, if it has one.
    pub barcode: Option<String>,
    /// The kind of element it is in.
    pub element_type: ElementType,
    /// The element's address.
    pub address: u32,
}

fn address(value: u32) -> Result<openrsm::library::ElementAddress> {
    u16::try_from(value).map_err(|_| invalid(format!("element address {value} is not a 16-bit SMC address")))
}

/// A virtual library's outside (`session.virtualLibrary(id)`): what operators do at its IE ports
/// and door, and fault injection. Every method returns a Promise.
#[napi]
pub struct VirtualLibrary {
    inner: openrsm::library::VirtualLibrary,
}

#[napi]
impl VirtualLibrary {
    /// Its directory (state and media images).
    #[napi(getter)]
    pub fn dir(&self) -> String {
        self.inner.dir().to_string_lossy().into_owned()
    }

    /// An operator puts a cartridge into IE port `port` (number from 0).
    #[napi]
    pub async fn insert_into_port(&self, port: u32, cartridge: Cartridge) -> Result<()> {
        let (lib, cartridge) = (self.inner.clone(), CartridgeSpec::from(cartridge));
        run(move || lib.insert_into_port(port, cartridge)).await
    }

    /// An operator takes the cartridge out of IE port `port`; its barcode (`null` for none or an
    /// unlabelled one).
    #[napi]
    pub async fn take_from_port(&self, port: u32) -> Result<Option<String>> {
        let lib = self.inner.clone();
        run(move || lib.take_from_port(port)).await
    }

    /// An operator puts a cartridge straight into drive `drive` (a standalone drive, mostly).
    #[napi]
    pub async fn insert_into_drive(&self, drive: u32, cartridge: Cartridge) -> Result<()> {
        let (lib, cartridge) = (self.inner.clone(), CartridgeSpec::from(cartridge));
        run(move || lib.insert_into_drive(drive, cartridge)).await
    }

    /// An operator takes the cartridge out of drive `drive`; its barcode.
    #[napi]
    pub async fn remove_from_drive(&self, drive: u32) -> Result<Option<String>> {
        let lib = self.inner.clone();
        run(move || lib.remove_from_drive(drive)).await
    }

    /// An operator opens the door.
    #[napi]
    pub async fn open_door(&self) -> Result<()> {
        let lib = self.inner.clone();
        run(move || lib.open_door()).await
    }

    /// An operator closes the door.
    #[napi]
    pub async fn close_door(&self) -> Result<()> {
        let lib = self.inner.clone();
        run(move || lib.close_door()).await
    }

    /// An operator moves a cartridge by hand, door open, between element addresses.
    #[napi]
    pub async fn operator_move(&self, source: u32, destination: u32) -> Result<()> {
        let (lib, source, destination) = (self.inner.clone(), address(source)?, address(destination)?);
        run(move || lib.operator_move(source, destination)).await
    }

    /// An operator clears a jam: the cartridge in the robot's hand goes back to its source.
    #[napi]
    pub async fn clear_jam(&self) -> Result<()> {
        let lib = self.inner.clone();
        run(move || lib.clear_jam()).await
    }

    /// Whether the robot is jammed.
    #[napi]
    pub async fn is_jammed(&self) -> Result<bool> {
        let lib = self.inner.clone();
        run(move || Ok(lib.is_jammed())).await
    }

    /// Write bytes at the start of the medium with this barcode (as an application would).
    #[napi]
    pub async fn write_medium(&self, barcode: String, bytes: Uint8Array) -> Result<()> {
        let (lib, bytes) = (self.inner.clone(), bytes.to_vec());
        run(move || lib.write_medium(&barcode, &bytes)).await
    }

    /// The first `length` bytes of the medium with this barcode.
    #[napi]
    pub async fn read_medium_bytes(&self, barcode: String, length: u32) -> Result<Buffer> {
        let lib = self.inner.clone();
        run(move || lib.read_medium_bytes(&barcode, length as usize)).await.map(Into::into)
    }

    /// Where each cartridge is, in address order.
    #[napi]
    pub async fn contents(&self) -> Result<Vec<ElementContent>> {
        let lib = self.inner.clone();
        let list = run(move || Ok(lib.contents())).await?;
        Ok(list
            .into_iter()
            .map(|(barcode, t, a)| ElementContent { barcode, element_type: t.into(), address: u32::from(a) })
            .collect())
    }

    /// Cleaning uses left on the cleaner with this barcode; `null` when it is not a cleaner.
    #[napi]
    pub async fn cleaner_uses(&self, barcode: String) -> Result<Option<u32>> {
        let lib = self.inner.clone();
        run(move || Ok(lib.cleaner_uses(&barcode))).await
    }

    /// Change the robot's delays (milliseconds per step, or `'realistic'`).
    #[napi]
    pub async fn set_delays(
        &self,
        #[napi(ts_arg_type = "VirtualDelaysMs | 'realistic'")] delays_ms: Either<VirtualDelaysMs, String>,
    ) -> Result<()> {
        let (lib, delays) = (self.inner.clone(), delays(delays_ms)?);
        run(move || lib.set_delays(delays)).await
    }

    /// Make the library have a fault from now on.
    #[napi]
    pub async fn set_fault(&self, fault: Fault) -> Result<()> {
        let (lib, fault) = (self.inner.clone(), VirtualFault::try_from(fault)?);
        run(move || lib.set_fault(fault)).await
    }

    /// Clear one fault.
    #[napi]
    pub async fn clear_fault(&self, fault: Fault) -> Result<()> {
        let (lib, fault) = (self.inner.clone(), VirtualFault::try_from(fault)?);
        run(move || lib.clear_fault(&fault)).await
    }

    /// Clear every fault.
    #[napi]
    pub async fn clear_faults(&self) -> Result<()> {
        let lib = self.inner.clone();
        run(move || lib.clear_faults()).await
    }

    /// The faults it has now.
    #[napi]
    pub async fn faults(&self) -> Result<Vec<Fault>> {
        let lib = self.inner.clone();
        Ok(run(move || Ok(lib.faults())).await?.into_iter().map(Into::into).collect())
    }
}

#[napi]
impl Session {
    /// Create a virtual library and register it as an ONLINE library (a standalone drive with
    /// `standalone: true`), with its drives, slots, IE ports, door and cartridges; the library.
    #[napi]
    pub async fn create_virtual_library(&self, name: String, spec: Option<VirtualLibrarySpec>) -> Result<RsmObject> {
        let (session, spec) = (self.inner.clone(), spec.unwrap_or_default().into_core()?);
        run(move || session.create_virtual_library(&name, spec)).await.map(Into::into)
    }

    /// The outside of the virtual library behind a library object.
    #[napi]
    pub async fn virtual_library(&self, library: String) -> Result<VirtualLibrary> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        let inner = run(move || session.virtual_library(id)).await?;
        Ok(VirtualLibrary { inner })
    }

    /// Register a SCSI library: its changer (and drives) are asked for their identity and
    /// elements, and it is inventoried unless `inventory: false`; the library.
    #[napi]
    pub async fn add_scsi_library(&self, name: String, spec: ScsiLibrarySpec) -> Result<RsmObject> {
        let session = self.inner.clone();
        let mut core = openrsm::scsi::ScsiLibrarySpec::new(spec.changer);
        for drive in spec.drives.unwrap_or_default() {
            core = core.drive(drive);
        }
        if !spec.inventory.unwrap_or(true) {
            core = core.without_inventory();
        }
        run(move || session.add_scsi_library(&name, &core)).await.map(Into::into)
    }

    /// Delete a library (`DeleteNtmsLibrary`) with its changer, door, drives, slots and IE ports;
    /// its media go offline, records kept. Refused while it has unfinished requests
    /// (`InvalidOperationError`) or a mounted medium (`MediaNotAvailableError`).
    #[napi]
    pub async fn delete_library(&self, library: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        run(move || session.delete_library(id)).await
    }

    /// Delete a drive (`DeleteNtmsDrive`).
    #[napi]
    pub async fn delete_drive(&self, drive: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&drive)?);
        run(move || session.delete_drive(id)).await
    }
}
