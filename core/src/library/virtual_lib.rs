//! The virtual library: a changer, drives, storage slots, IE ports, a door and cleaner cartridges
//! kept in a directory, with media as image files. It is the embedded default when there is no
//! hardware, and what tests, demos and notebooks use.
//!
//! The directory holds:
//!
//! ```text
//! state.json              the robot's state: which cartridge is in which element, door, ports, faults
//! media/<key>.img         images of the cartridges the robot holds (slots, drives, hand), made
//!                         when first needed: a medium with no image is blank
//! ieports/<n>/<tag>.img   the cartridge in IE port n: drop a file there to put one in from outside,
//!                         remove it to take one out (a name starting with `_` has no barcode)
//! drives/<n>.img          the device path of drive n: a link to the image of the loaded medium
//! drives/<n>/<tag>.img    standalone libraries only: the medium put in drive n by hand
//! ```
//!
//! `state.json` is written atomically (temporary file, then rename) after every change, so the
//! library survives a restart. Moves, loads and scans take the configured [`VirtualDelays`]
//! (none by default), and [`VirtualFault`]s can be injected to exercise failure paths; faults are
//! persisted with the state.
//!
//! ```
//! # fn main() -> openrsm::Result<()> {
//! use openrsm::library::{CartridgeSpec, VirtualConfig, VirtualFault, VirtualLibrary};
//! let dir = tempfile::tempdir().unwrap();
//! let vlib = VirtualLibrary::create(dir.path(), VirtualConfig::new(2, 10, 1).media("LTO-6", 4))?;
//! vlib.insert_into_port(0, CartridgeSpec::new("NEW001L6"))?;
//! vlib.set_fault(VirtualFault::DoorLeftOpen)?;
//! assert!(vlib.faults().contains(&VirtualFault::DoorLeftOpen));
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};
use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::changer::*;
use crate::error::{Error, ErrorKind, Result};

/// Element address of the robot's hand.
pub const TRANSPORT_ADDRESS: ElementAddress = 0;
/// Element address of IE port 0.
pub const FIRST_PORT_ADDRESS: ElementAddress = 16;
/// Element address of drive 0.
pub const FIRST_DRIVE_ADDRESS: ElementAddress = 256;
/// Element address of storage slot 0.
pub const FIRST_SLOT_ADDRESS: ElementAddress = 4096;

const MAX_PORTS: u32 = (FIRST_DRIVE_ADDRESS - FIRST_PORT_ADDRESS) as u32;
const MAX_DRIVES: u32 = (FIRST_SLOT_ADDRESS - FIRST_DRIVE_ADDRESS) as u32;
const MAX_SLOTS: u32 = (u16::MAX - FIRST_SLOT_ADDRESS) as u32;
const STATE_VERSION: u32 = 1;
/// Barcodes starting with this are cleaning cartridges (the industry convention).
pub const CLEANER_PREFIX: &str = "CLN";
/// Cleaning uses of a cleaner put in from outside with no count given.
pub const DEFAULT_CLEANER_USES: u32 = 25;

/// How long the virtual robot takes. All zero by default (tests); [`VirtualDelays::realistic`]
/// for demos.
///
/// ```
/// use openrsm::library::VirtualDelays;
/// assert!(VirtualDelays::default().move_medium.is_zero());
/// assert!(!VirtualDelays::realistic().move_medium.is_zero());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct VirtualDelays {
    /// One move of a medium between elements.
    #[serde(with = "millis")]
    pub move_medium: Duration,
    /// Loading a medium in a drive (also one cleaning).
    #[serde(with = "millis")]
    pub load: Duration,
    /// Unloading a medium from a drive.
    #[serde(with = "millis")]
    pub unload: Duration,
    /// Looking at every element again (INITIALIZE ELEMENT STATUS).
    #[serde(with = "millis")]
    pub scan: Duration,
    /// Locking or unlocking the door, extending or retracting a port.
    #[serde(with = "millis")]
    pub door: Duration,
}

impl VirtualDelays {
    /// No delays at all.
    pub fn none() -> Self {
        Self::default()
    }

    /// Delays that feel like a small tape library, sped up: a move takes 200 ms.
    pub fn realistic() -> Self {
        VirtualDelays {
            move_medium: Duration::from_millis(200),
            load: Duration::from_millis(150),
            unload: Duration::from_millis(120),
            scan: Duration::from_millis(400),
            door: Duration::from_millis(80),
        }
    }
}

/// A fault the virtual library can be told to have, to exercise failure paths.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "fault", rename_all = "snake_case")]
pub enum VirtualFault {
    /// The next move jams: the medium stays in the robot's hand and the robot refuses to move until
    /// an operator clears it ([`VirtualLibrary::clear_jam`]).
    MoveJam,
    /// This drive (number from 0) fails to load media.
    DriveLoadFailure {
        /// The drive number.
        drive: u32,
    },
    /// The door is left open: the robot does not move and the door does not close until the
    /// fault is cleared.
    DoorLeftOpen,
    /// This IE port (number from 0) is blocked: it reports full and takes no medium.
    IePortFull {
        /// The port number.
        port: u32,
    },
    /// The barcode label of the cartridge with this barcode cannot be read.
    UnreadableBarcode {
        /// The barcode.
        barcode: String,
    },
    /// Every cleaning cartridge is spent, whatever its count of uses said.
    CleanerSpent,
}

/// A cartridge put into the virtual library from outside (through an IE port, or into a
/// standalone drive).
///
/// ```
/// use openrsm::library::CartridgeSpec;
/// let tape = CartridgeSpec::new("ABC001L6").media_type("LTO-6").label(b"VOL1ABC001".to_vec());
/// assert_eq!(tape.barcode.as_deref(), Some("ABC001L6"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CartridgeSpec {
    /// Its barcode label, if it has one.
    pub barcode: Option<String>,
    /// Its media type name; `None` means the library's default media type.
    pub media_type: Option<String>,
    /// Bytes written at the start of the medium (its label), if any.
    pub label: Vec<u8>,
    /// Cleaning uses, for a cleaning cartridge (barcodes starting with `CLN` are cleaners anyway).
    pub cleaner_uses: Option<u32>,
}

impl CartridgeSpec {
    /// A cartridge with this barcode.
    pub fn new(barcode: impl Into<String>) -> Self {
        CartridgeSpec { barcode: Some(barcode.into()), ..Default::default() }
    }

    /// A cartridge with no barcode label.
    pub fn unlabeled() -> Self {
        CartridgeSpec::default()
    }

    /// Set its media type.
    pub fn media_type(mut self, name: impl Into<String>) -> Self {
        self.media_type = Some(name.into());
        self
    }

    /// Write these bytes at its start.
    pub fn label(mut self, bytes: Vec<u8>) -> Self {
        self.label = bytes;
        self
    }

    /// Make it a cleaning cartridge with this many uses.
    pub fn cleaner(mut self, uses: u32) -> Self {
        self.cleaner_uses = Some(uses);
        self
    }
}

/// The make-up of a new virtual library, for [`VirtualLibrary::create`].
///
/// ```
/// use openrsm::library::VirtualConfig;
/// let config = VirtualConfig::new(2, 30, 2).media("LTO-6", 20).barcode_prefix("AB").cleaner(10);
/// assert_eq!(config.media, [("LTO-6".to_string(), 20)]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VirtualConfig {
    /// Number of drives.
    pub drives: u32,
    /// Number of storage slots (the cleaner, if any, takes the last one).
    pub slots: u32,
    /// Number of IE ports.
    pub ieports: u32,
    /// Cartridges to put in the slots: (media type name, count), in slot order.
    pub media: Vec<(String, u32)>,
    /// Their barcodes are this prefix and a number, e.g. `VT0001`.
    pub barcode_prefix: String,
    /// A cleaning cartridge with this many uses in the last slot.
    pub cleaner: Option<u32>,
    /// One drive and no robot: media go in and out of the drive by hand.
    pub standalone: bool,
    /// The robot's delays.
    pub delays: VirtualDelays,
    /// Size of each sparse image file, in bytes.
    pub image_size: u64,
    /// The serial number; `None` makes one up.
    pub serial: Option<String>,
}

impl VirtualConfig {
    /// A robotic library with these many drives, slots and IE ports, empty.
    pub fn new(drives: u32, slots: u32, ieports: u32) -> Self {
        VirtualConfig {
            drives,
            slots,
            ieports,
            media: Vec::new(),
            barcode_prefix: "VT".into(),
            cleaner: None,
            standalone: false,
            delays: VirtualDelays::default(),
            image_size: 64 << 20,
            serial: None,
        }
    }

    /// A standalone drive (one drive, no robot, no slots).
    pub fn standalone() -> Self {
        VirtualConfig { standalone: true, ..VirtualConfig::new(1, 0, 0) }
    }

    /// Add `count` cartridges of a media type.
    pub fn media(mut self, media_type: impl Into<String>, count: u32) -> Self {
        self.media.push((media_type.into(), count));
        self
    }

    /// Set the barcode prefix.
    pub fn barcode_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.barcode_prefix = prefix.into();
        self
    }

    /// Put a cleaning cartridge with `uses` uses in the last slot.
    pub fn cleaner(mut self, uses: u32) -> Self {
        self.cleaner = Some(uses);
        self
    }

    /// Set the delays.
    pub fn delays(mut self, delays: VirtualDelays) -> Self {
        self.delays = delays;
        self
    }

    /// The barcodes its cartridges get, in slot order (cleaner excluded).
    pub fn barcodes(&self) -> Vec<String> {
        let total: u32 = self.media.iter().map(|(_, n)| n).sum();
        let width = total.to_string().len().max(4);
        (1..=total).map(|n| format!("{}{:0width$}", self.barcode_prefix, n)).collect()
    }

    fn check(&self) -> Result<()> {
        let media: u64 = self.media.iter().map(|(_, n)| u64::from(*n)).sum();
        let cleaners = u64::from(self.cleaner.is_some());
        if self.standalone {
            if self.drives != 1 || self.slots != 0 || self.ieports != 0 || media + cleaners > 0 {
                return Err(Error::invalid("a standalone virtual drive has one drive, no slots, ports or media"));
            }
            return Ok(());
        }
        if self.drives == 0 || self.drives > MAX_DRIVES {
            return Err(Error::invalid(format!("a virtual library has 1..{MAX_DRIVES} drives")));
        }
        if self.slots > MAX_SLOTS {
            return Err(Error::invalid(format!("a virtual library has at most {MAX_SLOTS} slots")));
        }
        if self.ieports > MAX_PORTS {
            return Err(Error::invalid(format!("a virtual library has at most {MAX_PORTS} IE ports")));
        }
        if media + cleaners > u64::from(self.slots) {
            return Err(Error::invalid(format!("{} cartridges do not fit in {} slots", media + cleaners, self.slots)));
        }
        for (name, _) in &self.media {
            if name.trim().is_empty() {
                return Err(Error::invalid("a media type name cannot be empty"));
            }
        }
        for barcode in self.barcodes().iter().take(1).chain(self.barcodes().last()) {
            crate::media::check_barcode(barcode)?;
        }
        Ok(())
    }
}

/// What the virtual library knows about one cartridge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Cartridge {
    barcode: Option<String>,
    media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cleaner_uses: Option<u32>,
}

impl Cartridge {
    fn is_cleaner(&self) -> bool {
        self.cleaner_uses.is_some()
    }
}

/// A cartridge in an element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Held {
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<ElementAddress>,
    /// For operator-side elements (IE ports, standalone drives): the name of its file there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    loaded: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct State {
    version: u32,
    identity: ChangerIdentity,
    delays: VirtualDelays,
    timeouts: ChangerTimeouts,
    default_media_type: Option<String>,
    image_size: u64,
    door: DoorStatus,
    ports_extended: Vec<bool>,
    next_key: u64,
    cartridges: BTreeMap<String, Cartridge>,
    /// Cartridges that left the library, by barcode, so that they come back as they were.
    shelf: BTreeMap<String, Cartridge>,
    jammed: bool,
    transport: Option<Held>,
    slots: Vec<Option<Held>>,
    drives: Vec<Option<Held>>,
    ports: Vec<Option<Held>>,
    faults: Vec<VirtualFault>,
}

impl State {
    fn layout(&self) -> ChangerLayout {
        let count = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        ChangerLayout {
            transport: ElementRange { first: TRANSPORT_ADDRESS, count: u16::from(!self.identity.standalone) },
            storage: ElementRange { first: FIRST_SLOT_ADDRESS, count: count(self.slots.len()) },
            import_export: ElementRange { first: FIRST_PORT_ADDRESS, count: count(self.ports.len()) },
            data_transfer: ElementRange { first: FIRST_DRIVE_ADDRESS, count: count(self.drives.len()) },
        }
    }

    fn has_fault(&self, fault: &VirtualFault) -> bool {
        self.faults.contains(fault)
    }

    fn door_open(&self) -> bool {
        self.door.open || self.has_fault(&VirtualFault::DoorLeftOpen)
    }

    fn port_blocked(&self, port: usize) -> bool {
        self.has_fault(&VirtualFault::IePortFull { port: port as u32 })
    }

    fn new_key(&mut self) -> String {
        self.next_key += 1;
        format!("c{}", self.next_key)
    }

    /// The element at `address`, as (type, index).
    fn locate(&self, address: ElementAddress) -> Result<(ElementType, usize)> {
        let layout = self.layout();
        let t = layout.element_type(address).ok_or_else(|| {
            Error::new(ErrorKind::ResourceNotPresent, format!("the virtual library has no element {address}"))
        })?;
        Ok((t, layout.range(t).index_of(address).unwrap_or(0) as usize))
    }

    fn element(&mut self, t: ElementType, index: usize) -> &mut Option<Held> {
        match t {
            ElementType::Transport => &mut self.transport,
            ElementType::Storage => &mut self.slots[index],
            ElementType::ImportExport => &mut self.ports[index],
            ElementType::DataTransfer => &mut self.drives[index],
        }
    }

    fn status_of(&self, t: ElementType, index: usize, held: Option<&Held>) -> ElementStatus {
        let layout = self.layout();
        let address = layout.range(t).address(index as u32).unwrap_or(0);
        let mut status = ElementStatus::empty(t, address);
        if t == ElementType::ImportExport {
            status.accessible = !self.ports_extended.get(index).copied().unwrap_or(false);
            if self.port_blocked(index) && held.is_none() {
                status.full = true;
                status.exception = Some("the port is blocked".into());
                return status;
            }
        }
        if t == ElementType::DataTransfer {
            status.device_id = Some(format!("{}-D{index}", self.identity.serial));
        }
        let Some(held) = held else { return status };
        status.full = true;
        status.source = held.source;
        status.operator_placed = held.file.is_some() && t == ElementType::ImportExport && held.source.is_none();
        if let Some(cartridge) = self.cartridges.get(&held.key) {
            status.media_type = cartridge.media_type.clone();
            if let Some(barcode) = cartridge.barcode.as_ref().filter(|_| self.identity.barcode_reader) {
                if self.has_fault(&VirtualFault::UnreadableBarcode { barcode: barcode.clone() }) {
                    status.tag_unreadable = true;
                } else {
                    status.volume_tag = Some(barcode.clone());
                }
            }
        }
        status
    }
}

/// Paths inside a virtual library's directory.
#[derive(Debug, Clone)]
struct Paths {
    dir: PathBuf,
}

impl Paths {
    fn state(&self) -> PathBuf {
        self.dir.join("state.json")
    }
    fn media(&self, key: &str) -> PathBuf {
        self.dir.join("media").join(format!("{key}.img"))
    }
    fn port_dir(&self, port: usize) -> PathBuf {
        self.dir.join("ieports").join(port.to_string())
    }
    fn drive_dir(&self, drive: usize) -> PathBuf {
        self.dir.join("drives").join(drive.to_string())
    }
    fn device(&self, drive: usize) -> PathBuf {
        self.dir.join("drives").join(format!("{drive}.img"))
    }
}

/// A virtual library, opened from its directory. Cheap to clone; every handle on one directory in
/// a process shares one state.
///
/// It implements [`Changer`] (the robot's side), and offers what happens outside the robot: an
/// operator putting cartridges into IE ports or taking them out, opening and closing the door,
/// clearing a jam; and fault injection.
#[derive(Clone)]
pub struct VirtualLibrary {
    inner: Arc<Inner>,
}

struct Inner {
    paths: Paths,
    state: Mutex<State>,
    _lock: File,
}

impl std::fmt::Debug for VirtualLibrary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VirtualLibrary").field("dir", &self.inner.paths.dir).finish()
    }
}

fn registry() -> &'static Mutex<HashMap<PathBuf, Weak<Inner>>> {
    static OPEN: OnceLock<Mutex<HashMap<PathBuf, Weak<Inner>>>> = OnceLock::new();
    OPEN.get_or_init(Default::default)
}

pub(crate) fn open_driver(dir: &str) -> Result<Arc<dyn Changer>> {
    Ok(Arc::new(VirtualLibrary::open(dir)?))
}

fn io_context(e: std::io::Error, what: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::DeviceNotAvailable, format!("virtual library: {what}")).with_source(e)
}

fn is_image_name(name: &str) -> bool {
    !name.starts_with('.') && !name.ends_with(".tmp")
}

/// The barcode a file dropped into an IE port or standalone drive stands for.
fn barcode_of_file(name: &str) -> Option<String> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    (!stem.starts_with('_') && crate::media::check_barcode(stem).is_ok() && !stem.is_empty()).then(|| stem.to_owned())
}

fn write_label(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).create(true).truncate(false).open(path)?;
    file.write_all(bytes)?;
    file.sync_data()
}

fn create_image(path: &Path, size: u64, label: &[u8]) -> std::io::Result<()> {
    let file = File::create(path)?;
    file.set_len(size.max(label.len() as u64))?;
    drop(file);
    if !label.is_empty() {
        write_label(path, label)?;
    }
    Ok(())
}

fn list_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_image_name(n))
        .collect();
    names.sort();
    names
}

impl VirtualLibrary {
    /// Create a virtual library in `dir` (created if missing; it must not hold one already), with
    /// its cartridges in the first slots and their images blank.
    pub fn create(dir: impl AsRef<Path>, config: VirtualConfig) -> Result<VirtualLibrary> {
        config.check()?;
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| io_context(e, format!("cannot create {}", dir.display())))?;
        let dir = dir.canonicalize()?;
        let paths = Paths { dir: dir.clone() };
        if paths.state().exists() {
            return Err(Error::new(ErrorKind::NotEmpty, format!("{} already holds a virtual library", dir.display())));
        }
        for sub in ["media", "ieports", "drives"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        for port in 0..config.ieports as usize {
            std::fs::create_dir_all(paths.port_dir(port))?;
        }
        if config.standalone {
            std::fs::create_dir_all(paths.drive_dir(0))?;
        }
        let serial = config.serial.clone().unwrap_or_else(|| {
            let id = crate::model::ObjectId::new().to_string();
            format!("VL{}", id[..8].to_ascii_uppercase())
        });
        let mut state = State {
            version: STATE_VERSION,
            identity: ChangerIdentity {
                vendor: "OPENRSM".into(),
                product: if config.standalone { "VIRTUAL-DRIVE".into() } else { "VIRTUAL-LIBRARY".into() },
                revision: "0001".into(),
                serial,
                barcode_reader: !config.standalone,
                standalone: config.standalone,
            },
            delays: config.delays,
            timeouts: ChangerTimeouts::default(),
            default_media_type: config.media.first().map(|(t, _)| t.clone()),
            image_size: config.image_size,
            door: DoorStatus { open: false, locked: true },
            ports_extended: vec![false; config.ieports as usize],
            next_key: 0,
            cartridges: BTreeMap::new(),
            shelf: BTreeMap::new(),
            jammed: false,
            transport: None,
            slots: vec![None; config.slots as usize],
            drives: vec![None; config.drives as usize],
            ports: vec![None; config.ieports as usize],
            faults: Vec::new(),
        };
        let barcodes = config.barcodes();
        let types = config.media.iter().flat_map(|(t, n)| std::iter::repeat_n(t.clone(), *n as usize));
        for (index, (barcode, media_type)) in barcodes.into_iter().zip(types).enumerate() {
            // Images are made when first needed (loaded, written or carried out): a blank medium
            // needs no file.
            let key = state.new_key();
            state.cartridges.insert(
                key.clone(),
                Cartridge { barcode: Some(barcode), media_type: Some(media_type), cleaner_uses: None },
            );
            state.slots[index] = Some(Held { key, source: None, file: None, loaded: false });
        }
        if let Some(uses) = config.cleaner {
            let key = state.new_key();
            let barcode = format!("{CLEANER_PREFIX}001");
            state
                .cartridges
                .insert(key.clone(), Cartridge { barcode: Some(barcode), media_type: None, cleaner_uses: Some(uses) });
            let last = state.slots.len() - 1;
            state.slots[last] = Some(Held { key, source: None, file: None, loaded: false });
        }
        persist(&paths, &state)?;
        Self::open(&dir)
    }

    /// Open the virtual library in `dir`; the same directory opened twice in a process gives the
    /// same library. Another process holding it is refused with `NOT_READY`.
    pub fn open(dir: impl AsRef<Path>) -> Result<VirtualLibrary> {
        let dir = dir.as_ref();
        let dir = dir.canonicalize().map_err(|e| {
            Error::new(ErrorKind::ResourceNotPresent, format!("no virtual library at {}", dir.display())).with_source(e)
        })?;
        let mut open = registry().lock().unwrap_or_else(|p| p.into_inner());
        open.retain(|_, v| v.strong_count() > 0);
        if let Some(inner) = open.get(&dir).and_then(Weak::upgrade) {
            return Ok(VirtualLibrary { inner });
        }
        let paths = Paths { dir: dir.clone() };
        let text = std::fs::read_to_string(paths.state()).map_err(|e| {
            Error::new(ErrorKind::ResourceNotPresent, format!("no virtual library at {}", dir.display())).with_source(e)
        })?;
        let state: State = serde_json::from_str(&text).map_err(|e| {
            Error::new(
                ErrorKind::DeviceNotAvailable,
                format!("the virtual library state in {} is damaged", dir.display()),
            )
            .with_source(e)
        })?;
        if state.version != STATE_VERSION {
            return Err(Error::new(
                ErrorKind::DeviceNotAvailable,
                format!("the virtual library in {} has state version {}", dir.display(), state.version),
            ));
        }
        let lock =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(dir.join("virtual.lock"))?;
        if lock.try_lock().is_err() {
            return Err(Error::new(
                ErrorKind::NotReady,
                format!("the virtual library in {} is in use by another process", dir.display()),
            ));
        }
        let inner = Arc::new(Inner { paths, state: Mutex::new(state), _lock: lock });
        open.insert(dir, Arc::downgrade(&inner));
        Ok(VirtualLibrary { inner })
    }

    /// Its directory.
    pub fn dir(&self) -> &Path {
        &self.inner.paths.dir
    }

    /// Where its elements are.
    pub fn element_layout(&self) -> ChangerLayout {
        self.lock().layout()
    }

    /// Who it says it is.
    pub fn changer_identity(&self) -> ChangerIdentity {
        self.lock().identity.clone()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run `f` on the state, after picking up what operators did in the port and drive
    /// directories, and write the state back. `f` checks before it changes anything, except where
    /// a failure itself changes the library (a jam).
    fn update<T>(&self, f: impl FnOnce(&mut State, &Paths) -> Result<T>) -> Result<T> {
        let mut state = self.lock();
        let paths = &self.inner.paths;
        sync_operator_side(&mut state, paths);
        let result = f(&mut state, paths);
        persist(paths, &state)?;
        result
    }

    /// Run `f` on the state after picking up what operators did, writing the state back only if
    /// they did something.
    fn read<T>(&self, f: impl FnOnce(&State, &Paths) -> Result<T>) -> Result<T> {
        let mut state = self.lock();
        let paths = &self.inner.paths;
        if sync_operator_side(&mut state, paths) {
            persist(paths, &state)?;
        }
        f(&state, paths)
    }

    fn delays(&self) -> VirtualDelays {
        self.lock().delays
    }

    /// Set the robot's delays (persisted).
    pub fn set_delays(&self, delays: VirtualDelays) -> Result<()> {
        self.update(|s, _| {
            s.delays = delays;
            Ok(())
        })
    }

    /// Set the time limits the library layer applies to this changer's operations (persisted).
    pub fn set_timeouts(&self, timeouts: ChangerTimeouts) -> Result<()> {
        self.update(|s, _| {
            s.timeouts = timeouts;
            Ok(())
        })
    }

    /// Make the library have a fault (persisted); having it already is not an error.
    pub fn set_fault(&self, fault: VirtualFault) -> Result<()> {
        self.update(|s, _| {
            if !s.faults.contains(&fault) {
                s.faults.push(fault);
            }
            Ok(())
        })
    }

    /// Repair one fault.
    pub fn clear_fault(&self, fault: &VirtualFault) -> Result<()> {
        self.update(|s, _| {
            s.faults.retain(|f| f != fault);
            Ok(())
        })
    }

    /// Repair every fault (a jammed robot stays jammed until [`clear_jam`](Self::clear_jam)).
    pub fn clear_faults(&self) -> Result<()> {
        self.update(|s, _| {
            s.faults.clear();
            Ok(())
        })
    }

    /// The faults the library has now.
    pub fn faults(&self) -> Vec<VirtualFault> {
        self.lock().faults.clone()
    }

    /// Whether the robot is jammed.
    pub fn is_jammed(&self) -> bool {
        self.lock().jammed
    }

    /// An operator clears a jam: the medium in the robot's hand goes back to where it came from
    /// (or to the first free slot) and the robot works again.
    pub fn clear_jam(&self) -> Result<()> {
        self.update(|s, _| {
            if let Some(mut held) = s.transport.take() {
                let back = held
                    .source
                    .and_then(|a| s.locate(a).ok())
                    .filter(|(t, i)| *t == ElementType::Storage && s.slots[*i].is_none());
                let index = match back {
                    Some((_, i)) => i,
                    None => s.slots.iter().position(Option::is_none).ok_or_else(|| {
                        Error::new(ErrorKind::LibraryFull, "no free slot to put the jammed medium in")
                    })?,
                };
                held.loaded = false;
                s.slots[index] = Some(held);
            }
            s.jammed = false;
            Ok(())
        })
    }

    /// An operator opens the door. Refused with `NOT_READY` while it is locked.
    pub fn open_door(&self) -> Result<()> {
        self.update(|s, _| {
            if s.door.locked {
                return Err(Error::new(ErrorKind::NotReady, "the door is locked: ask for door access first"));
            }
            s.door.open = true;
            Ok(())
        })
    }

    /// An operator closes the door; refused with `NOT_READY` while the door is left open by a fault.
    pub fn close_door(&self) -> Result<()> {
        self.update(|s, _| {
            if s.has_fault(&VirtualFault::DoorLeftOpen) {
                return Err(Error::new(ErrorKind::NotReady, "the door does not close"));
            }
            s.door.open = false;
            Ok(())
        })
    }

    /// An operator moves a cartridge by hand, through the open door, from one element to another
    /// (slots, drives, IE ports, the robot's hand). Refused with `NOT_READY` while the door is
    /// closed.
    pub fn operator_move(&self, source: ElementAddress, destination: ElementAddress) -> Result<()> {
        self.update(|s, paths| {
            if !s.door_open() {
                return Err(Error::new(ErrorKind::NotReady, "open the door before moving media by hand"));
            }
            let (st, si) = s.locate(source)?;
            let (dt, di) = s.locate(destination)?;
            let mut held = s
                .element(st, si)
                .clone()
                .ok_or_else(|| Error::new(ErrorKind::Empty, format!("element {source} is empty")))?;
            if s.element(dt, di).is_some() {
                return Err(Error::new(ErrorKind::NotEmpty, format!("element {destination} is full")));
            }
            let from_file = image_path(s, paths, &held.key);
            if dt == ElementType::ImportExport {
                let name = match s.cartridges.get(&held.key).and_then(|c| c.barcode.clone()) {
                    Some(b) => format!("{b}.img"),
                    None => format!("_{}.img", held.key),
                };
                let dir = paths.port_dir(di);
                std::fs::create_dir_all(&dir)?;
                carry_image(&from_file, &dir.join(&name), s.image_size)?;
                held.file = Some(name);
            } else if st == ElementType::ImportExport {
                carry_image(&from_file, &paths.media(&held.key), s.image_size)?;
                held.file = None;
            }
            if st == ElementType::DataTransfer {
                let _ = std::fs::remove_file(paths.device(si));
            }
            if st == ElementType::Transport {
                s.jammed = false;
            }
            held.loaded = false;
            *s.element(st, si) = None;
            *s.element(dt, di) = Some(held);
            Ok(())
        })
    }

    /// An operator puts a cartridge into an IE port: its image appears in the port's directory.
    /// `IEPORT_FULL` if the port holds one already or is blocked.
    pub fn insert_into_port(&self, port: u32, cartridge: CartridgeSpec) -> Result<()> {
        self.update(|s, paths| {
            let index = port as usize;
            if index >= s.ports.len() {
                return Err(Error::new(ErrorKind::ResourceNotPresent, format!("there is no IE port {port}")));
            }
            if s.ports[index].is_some() || s.port_blocked(index) {
                return Err(Error::new(ErrorKind::IeportFull, format!("IE port {port} is full")));
            }
            let held = new_outside_cartridge(s, &cartridge, &paths.port_dir(index))?;
            s.ports[index] = Some(held);
            Ok(())
        })
    }

    /// An operator takes the cartridge out of an IE port; returns its barcode (`EMPTY` if the port
    /// is empty).
    pub fn take_from_port(&self, port: u32) -> Result<Option<String>> {
        self.update(|s, paths| {
            let index = port as usize;
            let slot = s
                .ports
                .get_mut(index)
                .ok_or_else(|| Error::new(ErrorKind::ResourceNotPresent, format!("there is no IE port {port}")))?;
            let held = slot.take().ok_or_else(|| Error::new(ErrorKind::Empty, format!("IE port {port} is empty")))?;
            let file = paths.port_dir(index).join(held.file.as_deref().unwrap_or_default());
            let _ = std::fs::remove_file(file);
            Ok(to_shelf(s, &held.key))
        })
    }

    /// An operator puts a medium into a standalone drive.
    pub fn insert_into_drive(&self, drive: u32, cartridge: CartridgeSpec) -> Result<()> {
        self.update(|s, paths| {
            let index = drive as usize;
            if !s.identity.standalone || index >= s.drives.len() {
                return Err(Error::new(ErrorKind::InvalidOperation, "media go by hand only into standalone drives"));
            }
            if s.drives[index].is_some() {
                return Err(Error::new(ErrorKind::NotEmpty, format!("drive {drive} holds a medium")));
            }
            let mut held = new_outside_cartridge(s, &cartridge, &paths.drive_dir(index))?;
            held.loaded = true;
            link_device(paths, index, &paths.drive_dir(index).join(held.file.as_deref().unwrap_or_default()));
            s.drives[index] = Some(held);
            Ok(())
        })
    }

    /// An operator takes the medium out of a standalone drive; returns its barcode.
    pub fn remove_from_drive(&self, drive: u32) -> Result<Option<String>> {
        self.update(|s, paths| {
            let index = drive as usize;
            if !s.identity.standalone || index >= s.drives.len() {
                return Err(Error::new(ErrorKind::InvalidOperation, "media go by hand only out of standalone drives"));
            }
            let held = s.drives[index].take().ok_or_else(|| Error::new(ErrorKind::Empty, "the drive is empty"))?;
            let _ = std::fs::remove_file(paths.drive_dir(index).join(held.file.as_deref().unwrap_or_default()));
            let _ = std::fs::remove_file(paths.device(index));
            Ok(to_shelf(s, &held.key))
        })
    }

    /// Write bytes at the start of the medium with this barcode, wherever it is in the library.
    pub fn write_medium(&self, barcode: &str, bytes: &[u8]) -> Result<()> {
        let path = self.image_of(barcode)?;
        write_label(&path, bytes).map_err(|e| io_context(e, format!("cannot write {}", path.display())))
    }

    /// Read up to `len` bytes from the start of the medium with this barcode.
    pub fn read_medium_bytes(&self, barcode: &str, len: usize) -> Result<Vec<u8>> {
        let path = self.image_of(barcode)?;
        read_start(&path, len)
    }

    fn image_of(&self, barcode: &str) -> Result<PathBuf> {
        self.read(|state, paths| {
            let key = state
                .cartridges
                .iter()
                .find(|(_, c)| c.barcode.as_deref() == Some(barcode))
                .map(|(k, _)| k.clone())
                .ok_or_else(|| {
                    Error::not_found(format!("a cartridge with barcode {barcode:?} in the virtual library"))
                })?;
            Ok(image_path(state, paths, &key))
        })
    }

    /// Where each cartridge is: (barcode, element type, element address), in address order.
    pub fn contents(&self) -> Vec<(Option<String>, ElementType, ElementAddress)> {
        let mut state = self.lock();
        sync_operator_side(&mut state, &self.inner.paths);
        let layout = state.layout();
        let mut out = Vec::new();
        for t in ElementType::ALL {
            let range = layout.range(t);
            for (i, address) in range.addresses().enumerate() {
                let held = match t {
                    ElementType::Transport => state.transport.as_ref(),
                    ElementType::Storage => state.slots[i].as_ref(),
                    ElementType::ImportExport => state.ports[i].as_ref(),
                    ElementType::DataTransfer => state.drives[i].as_ref(),
                };
                if let Some(held) = held {
                    let barcode = state.cartridges.get(&held.key).and_then(|c| c.barcode.clone());
                    out.push((barcode, t, address));
                }
            }
        }
        out.sort_by_key(|(_, _, a)| *a);
        out
    }

    /// Cleaning uses left on the cleaner with this barcode, if it is one.
    pub fn cleaner_uses(&self, barcode: &str) -> Option<u32> {
        let state = self.lock();
        state.cartridges.values().find(|c| c.barcode.as_deref() == Some(barcode)).and_then(|c| c.cleaner_uses)
    }

    fn check_robot(s: &State) -> Result<()> {
        if s.identity.standalone {
            return Err(Error::new(ErrorKind::InvalidOperation, "a standalone drive has no robot"));
        }
        if s.door_open() {
            return Err(Error::new(ErrorKind::NotReady, "the library door is open: the robot does not move"));
        }
        if s.jammed {
            return Err(Error::new(
                ErrorKind::NotReady,
                "the robot is jammed with a medium in its hand and needs service",
            ));
        }
        Ok(())
    }
}

fn to_shelf(s: &mut State, key: &str) -> Option<String> {
    let cartridge = s.cartridges.remove(key)?;
    let barcode = cartridge.barcode.clone();
    if let Some(b) = &barcode {
        s.shelf.insert(b.clone(), cartridge);
    }
    barcode
}

fn new_outside_cartridge(s: &mut State, spec: &CartridgeSpec, dir: &Path) -> Result<Held> {
    if let Some(b) = &spec.barcode {
        crate::media::check_barcode(b)?;
        if b.is_empty() {
            return Err(Error::invalid("an empty barcode: use CartridgeSpec::unlabeled"));
        }
        if s.cartridges.values().any(|c| c.barcode.as_deref() == Some(b)) {
            return Err(Error::invalid(format!("a cartridge with barcode {b:?} is in the library already")));
        }
    }
    std::fs::create_dir_all(dir)?;
    let key = s.new_key();
    let file = match &spec.barcode {
        Some(b) => format!("{b}.img"),
        None => format!("_{key}.img"),
    };
    let shelved = spec.barcode.as_ref().and_then(|b| s.shelf.remove(b));
    let cleaner_uses = spec
        .cleaner_uses
        .or_else(|| spec.barcode.as_deref().filter(|b| b.starts_with(CLEANER_PREFIX)).map(|_| DEFAULT_CLEANER_USES));
    let cartridge = Cartridge {
        barcode: spec.barcode.clone(),
        media_type: spec
            .media_type
            .clone()
            .or_else(|| shelved.as_ref().and_then(|c| c.media_type.clone()))
            .or_else(|| if cleaner_uses.is_some() { None } else { s.default_media_type.clone() }),
        cleaner_uses,
    };
    let size = if cartridge.is_cleaner() { 0 } else { s.image_size };
    create_image(&dir.join(&file), size, &spec.label).map_err(|e| io_context(e, "cannot create a medium image"))?;
    s.cartridges.insert(key.clone(), cartridge);
    Ok(Held { key, source: None, file: Some(file), loaded: false })
}

/// Pick up what operators did from outside: files that appeared in or vanished from IE port
/// directories (and standalone drive directories). Returns whether anything changed.
fn sync_operator_side(s: &mut State, paths: &Paths) -> bool {
    let mut changed = false;
    for index in 0..s.ports.len() {
        changed |= sync_element(s, paths, ElementType::ImportExport, index);
    }
    if s.identity.standalone {
        for index in 0..s.drives.len() {
            changed |= sync_element(s, paths, ElementType::DataTransfer, index);
        }
    }
    changed
}

fn sync_element(s: &mut State, paths: &Paths, t: ElementType, index: usize) -> bool {
    let is_drive = t == ElementType::DataTransfer;
    let dir = if is_drive { paths.drive_dir(index) } else { paths.port_dir(index) };
    let files = list_files(&dir);
    let mut changed = false;
    if let Some(held) = s.element(t, index).clone() {
        let gone = held.file.as_ref().is_some_and(|f| !files.contains(f));
        if gone {
            *s.element(t, index) = None;
            to_shelf(s, &held.key);
            if is_drive {
                let _ = std::fs::remove_file(paths.device(index));
            }
            changed = true;
        }
    }
    if s.element(t, index).is_none() {
        if let Some(file) = files.into_iter().next() {
            let barcode = barcode_of_file(&file);
            let key = s.new_key();
            let cleaner = barcode.as_deref().is_some_and(|b| b.starts_with(CLEANER_PREFIX));
            let shelved = barcode.as_ref().and_then(|b| s.shelf.remove(b));
            let cartridge = shelved.unwrap_or_else(|| Cartridge {
                barcode: barcode.clone(),
                media_type: if cleaner { None } else { s.default_media_type.clone() },
                cleaner_uses: cleaner.then_some(DEFAULT_CLEANER_USES),
            });
            s.cartridges.insert(key.clone(), Cartridge { barcode, ..cartridge });
            if is_drive {
                link_device(paths, index, &dir.join(&file));
            }
            *s.element(t, index) = Some(Held { key, source: None, file: Some(file), loaded: is_drive });
            changed = true;
        }
    }
    changed
}

fn link_device(paths: &Paths, drive: usize, target: &Path) {
    let device = paths.device(drive);
    let _ = std::fs::remove_file(&device);
    let _ = std::os::unix::fs::symlink(target, &device);
}

/// Where the image of a cartridge is now.
fn image_path(s: &State, paths: &Paths, key: &str) -> PathBuf {
    for (i, held) in s.ports.iter().enumerate() {
        if let Some(h) = held.as_ref().filter(|h| h.key == key) {
            return paths.port_dir(i).join(h.file.as_deref().unwrap_or_default());
        }
    }
    if s.identity.standalone {
        for (i, held) in s.drives.iter().enumerate() {
            if let Some(h) = held.as_ref().filter(|h| h.key == key) {
                return paths.drive_dir(i).join(h.file.as_deref().unwrap_or_default());
            }
        }
    }
    paths.media(key)
}

/// Move a cartridge's image between the robot's side and an operator's side; a medium that never
/// had an image (blank, never loaded) gets a blank one where it arrives.
fn carry_image(from: &Path, to: &Path, size: u64) -> Result<()> {
    let moved = match std::fs::rename(from, to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_image(to, size, &[]),
        other => other,
    };
    moved.map_err(|e| io_context(e, "cannot move a medium image"))
}

/// The first `len` bytes of an image; a medium with no image yet is blank.
fn read_start(path: &Path, len: usize) -> Result<Vec<u8>> {
    let file = match File::open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        other => other.map_err(|e| io_context(e, format!("cannot read {}", path.display())))?,
    };
    let mut buf = Vec::with_capacity(len.min(1 << 20));
    file.take(len as u64).read_to_end(&mut buf).map_err(|e| io_context(e, "cannot read the medium"))?;
    Ok(buf)
}

fn persist(paths: &Paths, state: &State) -> Result<()> {
    let tmp = paths.dir.join("state.json.tmp");
    let text = serde_json::to_vec(state).map_err(|e| Error::new(ErrorKind::DeviceNotAvailable, e.to_string()))?;
    let write = || -> std::io::Result<()> {
        let mut file = File::create(&tmp)?;
        file.write_all(&text)?;
        file.sync_data()?;
        std::fs::rename(&tmp, paths.state())
    };
    write().map_err(|e| io_context(e, "cannot save the library state"))
}

async fn pause(delay: Duration) {
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
}

#[async_trait]
impl Changer for VirtualLibrary {
    async fn identity(&self) -> Result<ChangerIdentity> {
        Ok(self.lock().identity.clone())
    }

    async fn layout(&self) -> Result<ChangerLayout> {
        Ok(self.lock().layout())
    }

    fn timeouts(&self) -> ChangerTimeouts {
        self.lock().timeouts
    }

    async fn element_status(&self, types: &[ElementType]) -> Result<Vec<ElementStatus>> {
        self.read(|s, _| {
            let layout = s.layout();
            let mut out = Vec::new();
            for t in ElementType::ALL {
                if !types.is_empty() && !types.contains(&t) {
                    continue;
                }
                for index in 0..layout.range(t).count as usize {
                    let held = match t {
                        ElementType::Transport => s.transport.as_ref(),
                        ElementType::Storage => s.slots[index].as_ref(),
                        ElementType::ImportExport => s.ports[index].as_ref(),
                        ElementType::DataTransfer => s.drives[index].as_ref(),
                    };
                    out.push(s.status_of(t, index, held));
                }
            }
            out.sort_by_key(|e| e.address);
            Ok(out)
        })
    }

    async fn scan(&self) -> Result<()> {
        pause(self.delays().scan).await;
        self.read(|_, _| Ok(()))
    }

    async fn move_medium(&self, source: ElementAddress, destination: ElementAddress) -> Result<()> {
        pause(self.delays().move_medium).await;
        self.update(|s, paths| {
            Self::check_robot(s)?;
            let (st, si) = s.locate(source)?;
            let (dt, di) = s.locate(destination)?;
            if source == destination {
                return Err(Error::invalid("a medium cannot move to where it is"));
            }
            let held = s.element(st, si).clone().ok_or_else(|| {
                Error::new(
                    ErrorKind::MediumNotAccessible,
                    format!("element {source} is empty: there is nothing to move"),
                )
            })?;
            if st == ElementType::ImportExport && s.ports_extended[si] {
                return Err(Error::new(
                    ErrorKind::MediumNotAccessible,
                    format!("IE port {si} is extended: the robot cannot reach it"),
                ));
            }
            if st == ElementType::DataTransfer && held.loaded {
                return Err(Error::new(
                    ErrorKind::NotReady,
                    format!("drive {si} still has its medium loaded: unload it first"),
                ));
            }
            let full = s.element(dt, di).is_some() || (dt == ElementType::ImportExport && s.port_blocked(di));
            if full {
                return Err(match dt {
                    ElementType::ImportExport => Error::new(ErrorKind::IeportFull, format!("IE port {di} is full")),
                    ElementType::Transport => Error::new(ErrorKind::TransportFull, "the robot's hand is full"),
                    _ => Error::new(ErrorKind::NotEmpty, format!("element {destination} is full")),
                });
            }
            if dt == ElementType::ImportExport && s.ports_extended[di] {
                return Err(Error::new(
                    ErrorKind::MediumNotAccessible,
                    format!("IE port {di} is extended: the robot cannot reach it"),
                ));
            }
            let cartridge = s.cartridges.get(&held.key).cloned();
            let barcode = cartridge.as_ref().and_then(|c| c.barcode.clone());
            // Files follow the cartridge between the robot's side and the operator's side.
            let from_file = image_path(s, paths, &held.key);
            let mut moved = held.clone();
            moved.loaded = false;
            if st == ElementType::Storage {
                moved.source = Some(source);
            }
            let jam = s.has_fault(&VirtualFault::MoveJam);
            if jam {
                s.faults.retain(|f| *f != VirtualFault::MoveJam);
                s.jammed = true;
                if st == ElementType::ImportExport {
                    let _ = carry_image(&from_file, &paths.media(&held.key), s.image_size);
                    moved.file = None;
                }
                *s.element(st, si) = None;
                s.transport = Some(moved);
                let what = barcode.unwrap_or_else(|| "a medium".into());
                return Err(Error::new(
                    ErrorKind::NotReady,
                    format!("the robot jammed moving {what} from element {source} to {destination}: it needs service"),
                ));
            }
            if dt == ElementType::ImportExport {
                let name = match &barcode {
                    Some(b) => format!("{b}.img"),
                    None => format!("_{}.img", held.key),
                };
                let dir = paths.port_dir(di);
                std::fs::create_dir_all(&dir)?;
                carry_image(&from_file, &dir.join(&name), s.image_size)?;
                moved.file = Some(name);
            } else if st == ElementType::ImportExport {
                carry_image(&from_file, &paths.media(&held.key), s.image_size)?;
                moved.file = None;
            }
            *s.element(st, si) = None;
            *s.element(dt, di) = Some(moved);
            Ok(())
        })
    }

    async fn load(&self, drive: ElementAddress) -> Result<()> {
        pause(self.delays().load).await;
        self.update(|s, paths| {
            let (t, index) = s.locate(drive)?;
            if t != ElementType::DataTransfer {
                return Err(Error::new(ErrorKind::InvalidDriveObject, format!("element {drive} is not a drive")));
            }
            if s.has_fault(&VirtualFault::DriveLoadFailure { drive: index as u32 }) {
                return Err(Error::new(
                    ErrorKind::UnableToLoadMedium,
                    format!("drive {index} failed to load the medium"),
                ));
            }
            let spent = s.has_fault(&VirtualFault::CleanerSpent);
            let held = s.drives[index]
                .clone()
                .ok_or_else(|| Error::new(ErrorKind::Empty, format!("drive {index} is empty")))?;
            if held.loaded {
                return Ok(());
            }
            let cartridge = s.cartridges.get_mut(&held.key);
            if let Some(c) = cartridge.filter(|c| c.is_cleaner()) {
                let uses = c.cleaner_uses.unwrap_or(0);
                if uses == 0 || spent {
                    return Err(Error::new(ErrorKind::CleanerCartridgeSpent, "the cleaning cartridge is spent"));
                }
                // A cleaning pass happens while the cleaner is loaded; the drive then unloads it.
                c.cleaner_uses = Some(uses - 1);
                return Ok(());
            }
            let image = image_path(s, paths, &held.key);
            if !image.exists() {
                create_image(&image, s.image_size, &[]).map_err(|e| io_context(e, "cannot create a medium image"))?;
            }
            link_device(paths, index, &image);
            if let Some(h) = s.drives[index].as_mut() {
                h.loaded = true;
            }
            Ok(())
        })
    }

    async fn unload(&self, drive: ElementAddress) -> Result<()> {
        pause(self.delays().unload).await;
        self.update(|s, paths| {
            let (t, index) = s.locate(drive)?;
            if t != ElementType::DataTransfer {
                return Err(Error::new(ErrorKind::InvalidDriveObject, format!("element {drive} is not a drive")));
            }
            if s.identity.standalone {
                return Ok(());
            }
            if let Some(h) = s.drives[index].as_mut() {
                h.loaded = false;
                let _ = std::fs::remove_file(paths.device(index));
            }
            Ok(())
        })
    }

    async fn read_medium(&self, drive: ElementAddress, len: usize) -> Result<Vec<u8>> {
        let path = self.read(|s, paths| {
            let (t, index) = s.locate(drive)?;
            if t != ElementType::DataTransfer {
                return Err(Error::new(ErrorKind::InvalidDriveObject, format!("element {drive} is not a drive")));
            }
            let held = s.drives[index]
                .as_ref()
                .ok_or_else(|| Error::new(ErrorKind::Empty, format!("drive {index} is empty")))?;
            if !held.loaded {
                return Err(Error::new(ErrorKind::NotReady, format!("the medium in drive {index} is not loaded")));
            }
            Ok(image_path(s, paths, &held.key))
        })?;
        tokio::task::spawn_blocking(move || read_start(&path, len))
            .await
            .map_err(|e| Error::new(ErrorKind::DeviceNotAvailable, format!("reading the medium failed: {e}")))?
    }

    async fn door_status(&self) -> Result<DoorStatus> {
        let s = self.lock();
        Ok(DoorStatus { open: s.door_open(), locked: s.door.locked })
    }

    async fn lock_door(&self, locked: bool) -> Result<()> {
        pause(self.delays().door).await;
        self.update(|s, _| {
            if locked && s.door_open() {
                return Err(Error::new(ErrorKind::NotReady, "an open door cannot be locked"));
            }
            s.door.locked = locked;
            Ok(())
        })
    }

    async fn set_port_extended(&self, port: ElementAddress, extended: bool) -> Result<()> {
        pause(self.delays().door).await;
        self.update(|s, _| {
            let (t, index) = s.locate(port)?;
            if t != ElementType::ImportExport {
                return Err(Error::invalid(format!("element {port} is not an IE port")));
            }
            s.ports_extended[index] = extended;
            Ok(())
        })
    }

    async fn device_path(&self, drive: ElementAddress) -> Result<Option<String>> {
        let s = self.lock();
        let (_, index) = s.locate(drive)?;
        Ok(Some(self.inner.paths.device(index).to_string_lossy().into_owned()))
    }
}
