//! The changer interface: what OpenRSM asks of a library's robot, in the terms of SCSI SMC-3.
//!
//! A changer is a set of *elements*, each with an address: transport elements (the robot's hand),
//! storage elements (slots), import/export elements (IE ports, "mail slots") and data transfer
//! elements (drives). [`Changer::element_status`] is READ ELEMENT STATUS, [`Changer::move_medium`]
//! is MOVE MEDIUM, [`Changer::scan`] is INITIALIZE ELEMENT STATUS, [`Changer::lock_door`] is
//! PREVENT/ALLOW MEDIUM REMOVAL and [`Changer::set_port_extended`] is OPEN/CLOSE IMPORT/EXPORT
//! ELEMENT. Drive operations (load, unload, reading the first bytes of a medium) go to the drive's
//! own device. The virtual library implements this trait; a SCSI driver implements it the same way
//! and is plugged in with [`register_changer_driver`].
//!
//! Every call is async. Dropping a call's future abandons it: the medium may or may not have moved,
//! and the caller finds out by reading the element status again, so an implementation must never
//! leave its own bookkeeping half-updated when dropped. The library layer wraps every call in the
//! timeouts of [`ChangerTimeouts`] (defaults: 300 s per move, 3600 s per inventory).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// The address of an element in a changer (a 16-bit SMC element address).
pub type ElementAddress = u16;

/// The kind of an element, with its SMC element type code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[repr(u8)]
pub enum ElementType {
    /// The robot's hand (medium transport element), code 1.
    Transport = 1,
    /// A storage slot (storage element), code 2.
    Storage = 2,
    /// An IE port (import/export element), code 3.
    ImportExport = 3,
    /// A drive (data transfer element), code 4.
    DataTransfer = 4,
}

impl ElementType {
    /// Every element type, in SMC code order.
    pub const ALL: [ElementType; 4] =
        [ElementType::Transport, ElementType::Storage, ElementType::ImportExport, ElementType::DataTransfer];

    /// The SMC element type code.
    pub const fn code(self) -> u8 {
        self as u8
    }
}

/// A range of element addresses of one type (MODE SENSE element address assignment page 1Dh).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ElementRange {
    /// The first address.
    pub first: ElementAddress,
    /// How many elements.
    pub count: u16,
}

impl ElementRange {
    /// The address of element `index` of the range, if there is one.
    pub fn address(&self, index: u32) -> Option<ElementAddress> {
        (index < u32::from(self.count)).then(|| self.first + index as u16)
    }

    /// The index of `address` in the range, if it is in it.
    pub fn index_of(&self, address: ElementAddress) -> Option<u32> {
        (address >= self.first && address - self.first < self.count).then(|| u32::from(address - self.first))
    }

    /// Every address of the range.
    pub fn addresses(&self) -> impl Iterator<Item = ElementAddress> {
        let first = self.first;
        (0..self.count).map(move |i| first + i)
    }
}

/// Where a changer's elements are (MODE SENSE page 1Dh).
///
/// ```
/// use openrsm::library::{ChangerLayout, ElementRange, ElementType};
/// let layout = ChangerLayout {
///     transport: ElementRange { first: 0, count: 1 },
///     storage: ElementRange { first: 4096, count: 20 },
///     import_export: ElementRange { first: 16, count: 2 },
///     data_transfer: ElementRange { first: 256, count: 2 },
/// };
/// assert_eq!(layout.element_type(4100), Some(ElementType::Storage));
/// assert_eq!(layout.data_transfer.address(1), Some(257));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ChangerLayout {
    /// The robot's hands.
    pub transport: ElementRange,
    /// The storage slots.
    pub storage: ElementRange,
    /// The IE ports.
    pub import_export: ElementRange,
    /// The drives.
    pub data_transfer: ElementRange,
}

impl ChangerLayout {
    /// The range of one element type.
    pub fn range(&self, element_type: ElementType) -> ElementRange {
        match element_type {
            ElementType::Transport => self.transport,
            ElementType::Storage => self.storage,
            ElementType::ImportExport => self.import_export,
            ElementType::DataTransfer => self.data_transfer,
        }
    }

    /// The type of the element at `address`, if any element is there.
    pub fn element_type(&self, address: ElementAddress) -> Option<ElementType> {
        ElementType::ALL.into_iter().find(|t| self.range(*t).index_of(address).is_some())
    }

    /// How many elements in all.
    pub fn len(&self) -> usize {
        ElementType::ALL.iter().map(|t| usize::from(self.range(*t).count)).sum()
    }

    /// Whether the changer has no elements at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The status of one element (one READ ELEMENT STATUS descriptor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementStatus {
    /// Its type.
    pub element_type: ElementType,
    /// Its address.
    pub address: ElementAddress,
    /// Whether it holds a medium (FULL bit).
    pub full: bool,
    /// The barcode of the medium, when the changer read one (primary volume tag).
    pub volume_tag: Option<String>,
    /// The medium has a barcode label but the reader could not read it.
    pub tag_unreadable: bool,
    /// Where the medium came from (source storage element, SVALID), if known.
    pub source: Option<ElementAddress>,
    /// Whether the robot can reach the element now (ACCESS bit: an extended IE port cannot be reached).
    pub accessible: bool,
    /// An operator, not the robot, put the medium there (IMPEXP bit of IE ports).
    pub operator_placed: bool,
    /// The element is in an abnormal state (EXCEPT bit), with the reason.
    pub exception: Option<String>,
    /// The media type of the medium, when the changer knows it (e.g. from the barcode suffix).
    pub media_type: Option<String>,
    /// The drive's serial number (device identifier of a data transfer element).
    pub device_id: Option<String>,
}

impl ElementStatus {
    /// An empty, accessible element.
    pub fn empty(element_type: ElementType, address: ElementAddress) -> Self {
        ElementStatus {
            element_type,
            address,
            full: false,
            volume_tag: None,
            tag_unreadable: false,
            source: None,
            accessible: true,
            operator_placed: false,
            exception: None,
            media_type: None,
            device_id: None,
        }
    }
}

/// Who a changer is (INQUIRY) and what it can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangerIdentity {
    /// Vendor.
    pub vendor: String,
    /// Product.
    pub product: String,
    /// Firmware revision.
    pub revision: String,
    /// Serial number.
    pub serial: String,
    /// Whether it reads barcodes.
    pub barcode_reader: bool,
    /// Whether it is a standalone drive (one drive, no robot: media are put in and taken out by hand).
    pub standalone: bool,
}

/// The state of a library's door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DoorStatus {
    /// The door is open: the robot does not move.
    pub open: bool,
    /// The door is locked (medium removal prevented).
    pub locked: bool,
}

/// How long each changer operation may take before it is abandoned with `TIMEOUT`.
///
/// ```
/// use openrsm::library::ChangerTimeouts;
/// let t = ChangerTimeouts::default();
/// assert_eq!(t.move_medium.as_secs(), 300);
/// assert_eq!(t.inventory.as_secs(), 3600);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangerTimeouts {
    /// One MOVE MEDIUM, drive load or unload, label read, door or port operation.
    #[serde(with = "millis")]
    pub move_medium: Duration,
    /// One INITIALIZE ELEMENT STATUS or READ ELEMENT STATUS of the whole changer.
    #[serde(with = "millis")]
    pub inventory: Duration,
}

impl Default for ChangerTimeouts {
    fn default() -> Self {
        ChangerTimeouts { move_medium: Duration::from_secs(300), inventory: Duration::from_secs(3600) }
    }
}

pub(crate) mod millis {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        Ok(Duration::from_millis(u64::deserialize(d)?))
    }
}

/// A library's robot and drives, addressed by element.
///
/// Errors carry RSM kinds: `NOT_READY` (door open, changer busy), `MEDIUM_NOT_ACCESSIBLE` (nothing
/// at the source, or the robot cannot reach it), `TRANSPORT_FULL`, `IEPORT_FULL`, `LIBRARY_FULL`
/// (destination occupied), `UNABLE_TO_LOAD_MEDIUM`, `CLEANER_CARTRIDGE_SPENT`, `RESOURCE_NOT_PRESENT`
/// (no such element).
#[async_trait]
pub trait Changer: Send + Sync + 'static {
    /// Who the changer is (INQUIRY).
    async fn identity(&self) -> Result<ChangerIdentity>;

    /// Where its elements are (MODE SENSE page 1Dh).
    async fn layout(&self) -> Result<ChangerLayout>;

    /// How long its operations may take.
    fn timeouts(&self) -> ChangerTimeouts {
        ChangerTimeouts::default()
    }

    /// The status of every element of these types, or of all types for an empty slice (READ
    /// ELEMENT STATUS with volume tags), in address order. This reports what the changer knows; a
    /// [`scan`](Changer::scan) first makes it look again.
    async fn element_status(&self, types: &[ElementType]) -> Result<Vec<ElementStatus>>;

    /// Look at every element again (INITIALIZE ELEMENT STATUS): slow on real hardware.
    async fn scan(&self) -> Result<()>;

    /// Move the medium at `source` to `destination` (MOVE MEDIUM). A drive must have been
    /// [unloaded](Changer::unload) before its medium is moved out.
    async fn move_medium(&self, source: ElementAddress, destination: ElementAddress) -> Result<()>;

    /// Load (thread) the medium in a drive so that it can be read and written.
    async fn load(&self, drive: ElementAddress) -> Result<()>;

    /// Unload (rewind and eject) the medium in a drive so that the robot can take it.
    async fn unload(&self, drive: ElementAddress) -> Result<()>;

    /// Read up to `len` bytes from the start of the medium loaded in a drive (to read its label).
    async fn read_medium(&self, drive: ElementAddress, len: usize) -> Result<Vec<u8>>;

    /// Whether the door is open and whether it is locked.
    async fn door_status(&self) -> Result<DoorStatus>;

    /// Lock or unlock the door (PREVENT/ALLOW MEDIUM REMOVAL). Unlocking lets an operator open it.
    async fn lock_door(&self, locked: bool) -> Result<()>;

    /// Extend an IE port towards the operator, or retract it towards the robot.
    async fn set_port_extended(&self, port: ElementAddress, extended: bool) -> Result<()>;

    /// The device path of a drive (where applications read and write the mounted medium).
    async fn device_path(&self, drive: ElementAddress) -> Result<Option<String>>;
}

/// Opens the changer of a library from the rest of its driver string (what follows `scheme:`).
pub type ChangerOpener = fn(&str) -> Result<Arc<dyn Changer>>;

fn drivers() -> &'static Mutex<HashMap<String, ChangerOpener>> {
    static DRIVERS: OnceLock<Mutex<HashMap<String, ChangerOpener>>> = OnceLock::new();
    DRIVERS.get_or_init(|| {
        let mut map: HashMap<String, ChangerOpener> = HashMap::new();
        map.insert("virtual".into(), super::virtual_lib::open_driver);
        map.insert(crate::scsi::changer::SCHEME.into(), crate::scsi::changer::open_driver);
        Mutex::new(map)
    })
}

/// Register the driver for libraries whose driver string starts with `scheme:` (e.g. `"scsi"`).
/// The built-in `virtual` driver is always there; registering a scheme again replaces it.
pub fn register_changer_driver(scheme: &str, open: ChangerOpener) {
    drivers().lock().unwrap_or_else(|p| p.into_inner()).insert(scheme.to_owned(), open);
}

/// Open the changer a driver string names (`virtual:/path/to/dir`, ...).
pub fn open_changer(driver: &str) -> Result<Arc<dyn Changer>> {
    let (scheme, rest) = driver.split_once(':').ok_or_else(|| {
        Error::new(ErrorKind::InvalidLibrary, format!("{driver:?} is not a driver string (scheme:...)"))
    })?;
    let open = drivers().lock().unwrap_or_else(|p| p.into_inner()).get(scheme).copied();
    let open = open.ok_or_else(|| {
        Error::new(ErrorKind::InvalidLibrary, format!("no changer driver for {scheme:?} is available in this build"))
    })?;
    open(rest)
}
