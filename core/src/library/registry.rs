//! Libraries in the database: registering a virtual library with all its objects, and deleting
//! libraries and drives (`DeleteNtmsLibrary`, `DeleteNtmsDrive`).

use std::path::PathBuf;

use super::changer::*;
use super::elements::*;
use super::register::{device_type, insert_library, NewDrive, NewLibrary};
use super::runtime::is_unfinished;
use super::virtual_lib::{VirtualConfig, VirtualDelays, VirtualLibrary};
use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::objects::check_name;
use crate::session::Session;

/// A new virtual library, for [`Session::create_virtual_library`].
///
/// ```
/// use openrsm::library::{VirtualDelays, VirtualLibrarySpec};
/// let spec = VirtualLibrarySpec::new(2, 40, 2).media("LTO-6", 30).barcode_prefix("DEMO").delays(VirtualDelays::realistic());
/// assert_eq!(spec.slots, 40);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VirtualLibrarySpec {
    /// Number of drives.
    pub drives: u32,
    /// Number of storage slots.
    pub slots: u32,
    /// Number of IE ports.
    pub ieports: u32,
    /// Cartridges in the first slots: (media type name, count); the media types are created if
    /// needed.
    pub media: Vec<(String, u32)>,
    /// Barcode prefix; `None` makes one from the library's name.
    pub barcode_prefix: Option<String>,
    /// A cleaning cartridge with this many uses in the last slot, which becomes the cleaner slot.
    pub cleaner: Option<u32>,
    /// A standalone drive (one drive, no robot) rather than a robotic library.
    pub standalone: bool,
    /// The robot's delays (none by default).
    pub delays: VirtualDelays,
    /// Where its directory goes; `None`: `<home>/libraries/<name>`.
    pub dir: Option<PathBuf>,
}

impl VirtualLibrarySpec {
    /// A robotic library with these many drives, slots and IE ports.
    pub fn new(drives: u32, slots: u32, ieports: u32) -> Self {
        VirtualLibrarySpec {
            drives,
            slots,
            ieports,
            media: Vec::new(),
            barcode_prefix: None,
            cleaner: None,
            standalone: false,
            delays: VirtualDelays::default(),
            dir: None,
        }
    }

    /// A standalone drive.
    pub fn standalone() -> Self {
        VirtualLibrarySpec { standalone: true, ..VirtualLibrarySpec::new(1, 0, 0) }
    }

    /// Add `count` cartridges of a media type.
    pub fn media(mut self, media_type: impl Into<String>, count: u32) -> Self {
        self.media.push((media_type.into(), count));
        self
    }

    /// Set the barcode prefix.
    pub fn barcode_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.barcode_prefix = Some(prefix.into());
        self
    }

    /// Add a cleaner with `uses` uses.
    pub fn cleaner(mut self, uses: u32) -> Self {
        self.cleaner = Some(uses);
        self
    }

    /// Set the delays.
    pub fn delays(mut self, delays: VirtualDelays) -> Self {
        self.delays = delays;
        self
    }

    /// Put its directory here.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }
}

/// A barcode prefix made from a library name: its first three letters or digits, upper case.
fn prefix_from(name: &str) -> String {
    let prefix: String =
        name.chars().filter(char::is_ascii_alphanumeric).take(3).collect::<String>().to_ascii_uppercase();
    if prefix.is_empty() {
        "VT".into()
    } else {
        prefix
    }
}

fn dir_name(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

impl Session {
    /// Create a virtual library and register it (`rsm vlib create`): its directory (under the
    /// home unless the spec says where), and in the database an ONLINE (or STANDALONE) library
    /// with driver `virtual:<dir>`, its changer, door, drives, slots and IE ports with their element
    /// addresses, and its cartridges as media in the Free pools of their types.
    pub fn create_virtual_library(&self, name: &str, spec: VirtualLibrarySpec) -> Result<Object> {
        check_name(name)?;
        let home = self.home()?;
        let taken =
            self.db()?.read(|conn| Ok(!db::query(conn, ObjectType::Library, "o.name = ?1", [name])?.is_empty()))?;
        if taken {
            return Err(Error::invalid(format!("a library named {name:?} exists already")));
        }
        let dir = spec.dir.clone().unwrap_or_else(|| home.join("libraries").join(dir_name(name)));
        let config = VirtualConfig {
            drives: spec.drives,
            slots: spec.slots,
            ieports: spec.ieports,
            media: spec.media.clone(),
            barcode_prefix: spec.barcode_prefix.clone().unwrap_or_else(|| prefix_from(name)),
            cleaner: spec.cleaner,
            standalone: spec.standalone,
            delays: spec.delays,
            ..VirtualConfig::new(spec.drives, spec.slots, spec.ieports)
        };
        let created_dir = !dir.exists();
        let vlib = VirtualLibrary::create(&dir, config.clone())?;
        let registered = self.register_virtual(name, &vlib, &config);
        if registered.is_err() {
            drop(vlib);
            if created_dir {
                let _ = std::fs::remove_dir_all(&dir);
            } else {
                let _ = std::fs::remove_file(dir.join("state.json"));
            }
        }
        registered
    }

    fn register_virtual(&self, name: &str, vlib: &VirtualLibrary, config: &VirtualConfig) -> Result<Object> {
        let layout = vlib.element_layout();
        let identity = vlib.changer_identity();
        let contents = vlib.contents();
        let dir = vlib.dir().to_path_buf();
        self.db()?.write(|tx| {
            let mut types = Vec::new();
            for (type_name, count) in &config.media {
                let id = match crate::media::media_type_by_name(tx, type_name)? {
                    Some(t) => t.id,
                    None => crate::media::add_media_type(tx, &crate::MediaTypeSpec::new(type_name))?.id,
                };
                types.extend(std::iter::repeat_n(id, *count as usize));
            }
            let changer_type = device_type(tx, ObjectType::ChangerType, &identity.vendor, &identity.product, 8)?;
            let drive_type = device_type(tx, ObjectType::DriveType, &identity.vendor, "VIRTUAL-DRIVE", 1)?;
            let new = NewLibrary {
                name,
                description: format!("virtual library in {}", dir.display()),
                info: LibraryInfo {
                    library_type: if identity.standalone { LibraryType::Standalone } else { LibraryType::Online },
                    cleaner_slot: None,
                    cleaner_uses_left: None,
                    barcode_reader: identity.barcode_reader,
                    inventory_method: InventoryMethod::Fast,
                    auto_recovery: true,
                    driver: Some(format!("virtual:{}", dir.display())),
                },
                changer: ChangerInfo {
                    library: ObjectId::default(),
                    changer_type: Some(changer_type),
                    device_path: Some(dir.display().to_string()),
                    serial: Some(identity.serial.clone()),
                },
                layout,
            };
            let drive = |_: &mut Tx<'_>, number: usize| {
                Ok(NewDrive {
                    drive_type: Some(drive_type),
                    device_path: Some(dir.join("drives").join(format!("{number}.img")).display().to_string()),
                    serial: Some(format!("{}-D{number}", identity.serial)),
                })
            };
            let mut next_type = types.into_iter();
            let cleaner_slot = config.cleaner.map(|_| layout.storage.address(u32::from(layout.storage.count) - 1));
            let fill_slot = |tx: &mut Tx<'_>, library: ObjectId, slot: &mut Object, address| {
                let holds = contents.iter().find(|(_, t, a)| *t == ElementType::Storage && *a == address);
                let Some((barcode, _, _)) = holds else { return Ok(()) };
                if cleaner_slot == Some(Some(address)) {
                    set_element_media(slot, None, true);
                    return Ok(());
                }
                let media_type = next_type
                    .next()
                    .ok_or_else(|| Error::new(ErrorKind::DatabaseFailure, "more cartridges than media listed"))?;
                let mut spec = crate::MediaSpec::new(media_type);
                spec.barcode = barcode.clone();
                let media = crate::media::new_physical_media(
                    tx,
                    crate::media::NewMedia {
                        spec: &spec,
                        library: Some(library),
                        location: Location { kind: LocationKind::Slot, element: Some(slot.id) },
                        home_slot: Some(slot.id),
                        barcode_state: BarcodeState::Ok,
                    },
                )?;
                set_element_media(slot, Some(media.id), true);
                Ok(())
            };
            let (mut library, slot_ids) = insert_library(tx, new, drive, fill_slot)?;
            if let Some(uses) = config.cleaner {
                let info = library_info_mut(&mut library);
                info.cleaner_slot = slot_ids.last().copied();
                info.cleaner_uses_left = Some(uses);
                db::save(tx, &mut library)?;
            }
            Ok(library)
        })
    }

    /// The virtual library behind a library object: the handle for what happens outside the robot
    /// (operators at IE ports and the door) and for fault injection.
    pub fn virtual_library(&self, library: ObjectId) -> Result<VirtualLibrary> {
        let lib = self.db()?.read(|conn| db::load_as(conn, library, ObjectType::Library))?;
        let driver = library_info(&lib)?.driver.clone().unwrap_or_default();
        let dir = driver.strip_prefix("virtual:").ok_or_else(|| {
            Error::new(ErrorKind::InvalidLibrary, format!("library {} is not a virtual library", lib.name))
        })?;
        VirtualLibrary::open(dir)
    }

    /// Delete a library (`DeleteNtmsLibrary`) with its changer, door, drives, slots and IE ports.
    /// Its media go offline, records kept. Refused with `INVALID_OPERATION` while it has unfinished
    /// requests, and with `MEDIA_NOT_AVAILABLE` while a medium is mounted in it. A virtual library's
    /// directory under the home goes too.
    pub fn delete_library(&self, library: ObjectId) -> Result<()> {
        let lib = self.db()?.read(|conn| db::load_as(conn, library, ObjectType::Library))?;
        let info = library_info(&lib)?.clone();
        let busy = self.db()?.read(|conn| {
            let requests =
                db::query(conn, ObjectType::LibRequest, "t.library = ?1 AND t.request_state IN (0, 1, 5)", [library])?;
            Ok(requests.len())
        })?;
        let pending = self.inner.service.libraries.get(library).map_or(0, |rt| rt.pending_count());
        if busy + pending > 0 {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("library {} has unfinished requests: cancel them first", lib.name),
            ));
        }
        self.db()?.write(|tx| {
            let mounted = db::query(tx, ObjectType::Drive, "t.library = ?1 AND t.drive_state = 1", [library])?;
            if let Some(drive) = mounted.first() {
                return Err(Error::new(ErrorKind::MediaNotAvailable, format!("a medium is mounted in {}", drive.name)));
            }
            Ok(())
        })?;
        self.inner.service.libraries.remove(library);
        self.db()?.write(|tx| {
            for mut m in db::query(tx, ObjectType::PhysicalMedia, "t.library = ?1", [library])? {
                let mi = crate::media::media_info_mut(&mut m);
                mi.library = None;
                mi.location = Location::OFFLINE;
                mi.home_slot = None;
                mi.media_state = MediaState::Idle;
                mi.mounted_side = None;
                db::save(tx, &mut m)?;
            }
            for t in [
                ObjectType::Drive,
                ObjectType::StorageSlot,
                ObjectType::IePort,
                ObjectType::IeDoor,
                ObjectType::Changer,
            ] {
                for element in db::query(tx, t, "t.library = ?1", [library])? {
                    db::delete(tx, element.id, t)?;
                }
            }
            db::delete(tx, library, ObjectType::Library)
        })?;
        if let Some(dir) = info.driver.as_deref().and_then(|d| d.strip_prefix("virtual:")) {
            let dir = PathBuf::from(dir);
            let under_home = self.home().is_ok_and(|h| dir.starts_with(h.join("libraries")));
            if under_home && dir.join("state.json").exists() {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
        Ok(())
    }

    /// Delete a drive (`DeleteNtmsDrive`), e.g. one taken out of its library. Refused with
    /// `NOT_EMPTY` while it holds a medium and `INVALID_OPERATION` while requests use it.
    pub fn delete_drive(&self, drive: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            let object = db::load(tx, drive)?;
            let info = drive_info(&object)?;
            if info.media.is_some() || info.drive_state != DriveState::Dismounted {
                return Err(Error::new(ErrorKind::NotEmpty, format!("drive {} holds a medium", object.name)));
            }
            let requests = db::query(tx, ObjectType::LibRequest, "t.drive = ?1", [drive])?;
            if requests.iter().any(|r| matches!(&r.detail, Detail::LibRequest(i) if is_unfinished(i.request_state))) {
                return Err(Error::new(ErrorKind::InvalidOperation, format!("requests use drive {}", object.name)));
            }
            db::delete(tx, drive, ObjectType::Drive)
        })
    }
}
