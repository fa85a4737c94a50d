//! Bringing the database in line with what the backend reports: devices become libraries, drives
//! and changers under a stable identity; media in standalone drives become physical media.

use serde::{Deserialize, Serialize};

use super::backend::{DeviceInfo, DeviceKind, MediaPresence};
use crate::db::{self, Db, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::media::label::{self, LabelVerdict};
use crate::model::*;

/// The object attribute (on the library, drive and changer of a device) holding its identity.
pub const DEVICE_IDENTITY_ATTRIBUTE: &str = "openrsm.device.identity";
/// The object attribute (on the library of a device) holding its [`DeviceInfo`] as JSON.
pub const DEVICE_INFO_ATTRIBUTE: &str = "openrsm.device.info";

/// A device as the database knows it: what [`Session::devices`](crate::Session::devices) lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceRecord {
    /// Its library (ONLINE for a changer, STANDALONE for a drive).
    pub library: ObjectId,
    /// Its drive object, for a drive.
    pub drive: Option<ObjectId>,
    /// Its changer object, for a changer.
    pub changer: Option<ObjectId>,
    /// READY while present, NOT_PRESENT once it went away.
    pub state: OperationalState,
    /// The medium in the drive, if any.
    pub media: Option<ObjectId>,
    /// What the backend last said about it.
    pub info: DeviceInfo,
}

fn set_attr(tx: &Tx<'_>, object: ObjectId, name: &str, value: &[u8]) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO attributes (object, name, value) VALUES (?1, ?2, ?3)
         ON CONFLICT(object, name) DO UPDATE SET value = excluded.value",
    )?
    .execute(rusqlite::params![object, name, value])?;
    Ok(())
}

fn get_attr(conn: &rusqlite::Connection, object: ObjectId, name: &str) -> Result<Option<Vec<u8>>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT value FROM attributes WHERE object = ?1 AND name = ?2")?
        .query_row(rusqlite::params![object, name], |r| r.get(0))
        .optional()?)
}

/// The library of the device with this identity.
fn library_by_identity(conn: &rusqlite::Connection, identity: &str) -> Result<Option<Object>> {
    use rusqlite::OptionalExtension;
    let id: Option<ObjectId> = conn
        .prepare_cached(
            "SELECT a.object FROM attributes a JOIN objects o ON o.id = a.object
             WHERE a.name = ?1 AND a.value = ?2 AND o.type = ?3",
        )?
        .query_row(rusqlite::params![DEVICE_IDENTITY_ATTRIBUTE, identity.as_bytes(), ObjectType::Library], |r| r.get(0))
        .optional()?;
    id.map(|id| db::load_as(conn, id, ObjectType::Library)).transpose()
}

/// Every device library with its stored info.
pub(crate) fn device_libraries(conn: &rusqlite::Connection) -> Result<Vec<(Object, DeviceInfo)>> {
    let ids: Vec<ObjectId> = conn
        .prepare_cached(
            "SELECT a.object FROM attributes a JOIN objects o ON o.id = a.object
             WHERE a.name = ?1 AND o.type = ?2 ORDER BY o.name",
        )?
        .query_map(rusqlite::params![DEVICE_INFO_ATTRIBUTE, ObjectType::Library], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        let library = db::load_as(conn, id, ObjectType::Library)?;
        let Some(raw) = get_attr(conn, id, DEVICE_INFO_ATTRIBUTE)? else { continue };
        if let Ok(info) = serde_json::from_slice::<DeviceInfo>(&raw) {
            out.push((library, info));
        }
    }
    Ok(out)
}

/// The records of every known device.
pub(crate) fn records(conn: &rusqlite::Connection) -> Result<Vec<DeviceRecord>> {
    let mut out = Vec::new();
    for (library, info) in device_libraries(conn)? {
        let drive = db::query(conn, ObjectType::Drive, "t.library = ?1", [library.id])?.into_iter().next();
        let changer = db::query(conn, ObjectType::Changer, "t.library = ?1", [library.id])?.into_iter().next();
        let media = drive.as_ref().and_then(|d| match &d.detail {
            Detail::Drive(i) => i.media,
            _ => None,
        });
        out.push(DeviceRecord {
            library: library.id,
            drive: drive.map(|d| d.id),
            changer: changer.map(|c| c.id),
            state: library.state,
            media,
            info,
        });
    }
    Ok(out)
}

fn device_type(tx: &mut Tx<'_>, info: &DeviceInfo) -> Result<ObjectId> {
    let t = if info.kind == DeviceKind::Changer { ObjectType::ChangerType } else { ObjectType::DriveType };
    crate::library::device_type(tx, t, &info.vendor, &info.model, info.kind.scsi_type())
}

fn truncate(s: &str) -> String {
    s.chars().take(MAX_NAME_LEN).collect()
}

fn library_name(info: &DeviceInfo) -> String {
    let what = format!("{} {}", info.vendor, info.model);
    let what = what.trim();
    let what = if what.is_empty() { info.kind.media_type_name() } else { what };
    truncate(&format!("{what} {}", info.serial.as_deref().unwrap_or(&info.sysname)))
}

/// Record a device that is present: create its objects the first time, update them (paths, kernel
/// name, READY) when it comes back. Returns its library and whether anything changed.
pub(crate) fn upsert(db: &Db, info: &DeviceInfo) -> Result<(ObjectId, bool)> {
    let json = serde_json::to_vec(info).map_err(|e| Error::new(ErrorKind::DatabaseFailure, e.to_string()))?;
    db.write(|tx| {
        if let Some(mut library) = library_by_identity(tx, &info.identity)? {
            let same = get_attr(tx, library.id, DEVICE_INFO_ATTRIBUTE)?.as_deref() == Some(&json[..]);
            if same && library.state == OperationalState::Ready {
                return Ok((library.id, false));
            }
            set_attr(tx, library.id, DEVICE_INFO_ATTRIBUTE, &json)?;
            library.state = OperationalState::Ready;
            library.description =
                format!("{} at {}", info.kind.media_type_name(), info.devnode.as_deref().unwrap_or("?"));
            db::save(tx, &mut library)?;
            let path = info.devnode.clone();
            for mut drive in db::query(tx, ObjectType::Drive, "t.library = ?1", [library.id])? {
                if let Detail::Drive(d) = &mut drive.detail {
                    d.device_path = path.clone();
                    d.serial = info.serial.clone().or_else(|| info.wwn.clone());
                }
                drive.state = OperationalState::Ready;
                db::save(tx, &mut drive)?;
            }
            for mut changer in db::query(tx, ObjectType::Changer, "t.library = ?1", [library.id])? {
                if let Detail::Changer(c) = &mut changer.detail {
                    c.device_path = path.clone();
                    c.serial = info.serial.clone().or_else(|| info.wwn.clone());
                }
                changer.state = OperationalState::Ready;
                db::save(tx, &mut changer)?;
            }
            return Ok((library.id, true));
        }
        let type_id = device_type(tx, info)?;
        let name = library_name(info);
        let mut library = db::new_object(
            &name,
            Detail::Library(LibraryInfo {
                library_type: if info.kind.is_drive() { LibraryType::Standalone } else { LibraryType::Online },
                cleaner_slot: None,
                cleaner_uses_left: None,
                barcode_reader: false,
                inventory_method: if info.kind.is_drive() { InventoryMethod::None } else { InventoryMethod::Fast },
                auto_recovery: true,
                driver: None,
            }),
        );
        library.description = format!("{} at {}", info.kind.media_type_name(), info.devnode.as_deref().unwrap_or("?"));
        db::insert(tx, &library)?;
        set_attr(tx, library.id, DEVICE_IDENTITY_ATTRIBUTE, info.identity.as_bytes())?;
        set_attr(tx, library.id, DEVICE_INFO_ATTRIBUTE, &json)?;
        let serial = info.serial.clone().or_else(|| info.wwn.clone());
        let element = if info.kind.is_drive() {
            db::new_object(
                truncate(&format!("{name} drive")),
                Detail::Drive(DriveInfo {
                    library: library.id,
                    number: 0,
                    drive_state: DriveState::Dismounted,
                    drive_type: Some(type_id),
                    device_path: info.devnode.clone(),
                    serial,
                    mount_count: 0,
                    last_cleaned: None,
                    deferred_dismount_seconds: 60,
                    media: None,
                    element_address: None,
                }),
            )
        } else {
            db::new_object(
                truncate(&format!("{name} changer")),
                Detail::Changer(ChangerInfo {
                    library: library.id,
                    changer_type: Some(type_id),
                    device_path: info.devnode.clone(),
                    serial,
                }),
            )
        };
        db::insert(tx, &element)?;
        set_attr(tx, element.id, DEVICE_IDENTITY_ATTRIBUTE, info.identity.as_bytes())?;
        Ok((library.id, true))
    })
}

fn drive_of(conn: &rusqlite::Connection, library: ObjectId) -> Result<Option<Object>> {
    Ok(db::query(conn, ObjectType::Drive, "t.library = ?1", [library])?.into_iter().next())
}

/// Take the medium out of a drive in the database: it goes offline (shelf), records kept.
fn take_out(tx: &mut Tx<'_>, drive: &mut Object) -> Result<bool> {
    let Detail::Drive(d) = &mut drive.detail else { return Ok(false) };
    let Some(media_id) = d.media.take() else { return Ok(false) };
    d.drive_state = DriveState::Dismounted;
    db::save(tx, drive)?;
    if let Ok(mut media) = db::load_as(tx, media_id, ObjectType::PhysicalMedia) {
        let mi = crate::media::media_info_mut(&mut media);
        mi.library = None;
        mi.location = Location::OFFLINE;
        mi.media_state = MediaState::Idle;
        mi.mounted_side = None;
        db::save(tx, &mut media)?;
    }
    Ok(true)
}

/// Mark the device at this sysfs path (or every device whose identity is not in `present`, after
/// a full scan) NOT_PRESENT, with the medium it held offline. Returns the libraries changed.
pub(crate) fn mark_gone(db: &Db, gone: impl Fn(&DeviceInfo) -> bool) -> Result<Vec<ObjectId>> {
    db.write(|tx| {
        let mut changed = Vec::new();
        for (mut library, info) in device_libraries(tx)? {
            if library.state == OperationalState::NotPresent || !gone(&info) {
                continue;
            }
            library.state = OperationalState::NotPresent;
            db::save(tx, &mut library)?;
            for t in [ObjectType::Drive, ObjectType::Changer] {
                for mut element in db::query(tx, t, "t.library = ?1", [library.id])? {
                    take_out(tx, &mut element)?;
                    element.state = OperationalState::NotPresent;
                    db::save(tx, &mut element)?;
                }
            }
            changed.push(library.id);
        }
        Ok(changed)
    })
}

/// The first bytes of the medium in a device, if they can be read.
fn read_label(devnode: &str) -> Option<Vec<u8>> {
    use std::io::Read;
    let want = crate::library::label_bytes();
    let file = std::fs::OpenOptions::new().read(true).open(devnode).ok()?;
    let mut bytes = Vec::with_capacity(want);
    file.take(want as u64).read_to_end(&mut bytes).ok()?;
    (!bytes.is_empty()).then_some(bytes)
}

/// Make the medium recorded in a standalone drive match what the device says: a new medium
/// (with its sides, label read and classified, in the right pool) when one was inserted, offline
/// when it was taken out. Returns how many objects changed hands (0 when nothing did).
pub(crate) fn reconcile_media(db: &Db, library: ObjectId, info: &DeviceInfo) -> Result<u32> {
    if !info.kind.is_drive() || info.media == MediaPresence::Unknown {
        return Ok(0);
    }
    let Some(drive) = db.read(|conn| drive_of(conn, library))? else { return Ok(0) };
    let held = match &drive.detail {
        Detail::Drive(d) => d.media,
        _ => None,
    };
    match (info.media, held) {
        (MediaPresence::Absent, Some(_)) => {
            db.write(|tx| {
                let mut drive = db::load_as(tx, drive.id, ObjectType::Drive)?;
                take_out(tx, &mut drive)
            })?;
            Ok(1)
        }
        (MediaPresence::Present, Some(media)) => {
            // Same medium still in (or a size change): keep the capacity current.
            db.write(|tx| {
                for mut side in crate::media::sides_of(tx, media)? {
                    let p = crate::media::side_info_mut(&mut side);
                    if info.media_size > 0 && p.capacity != info.media_size {
                        p.capacity = info.media_size;
                        db::save(tx, &mut side)?;
                    }
                }
                Ok(0)
            })
        }
        (MediaPresence::Present, None) => {
            let bytes = info.devnode.as_deref().and_then(read_label);
            db.write(|tx| {
                let type_name = info.kind.media_type_name();
                let media_type = match crate::media::media_type_by_name(tx, type_name)? {
                    Some(t) => t.id,
                    None => crate::media::add_media_type(tx, &crate::MediaTypeSpec::new(type_name))?.id,
                };
                let mut drive = db::load_as(tx, drive.id, ObjectType::Drive)?;
                let spec = crate::MediaSpec::new(media_type);
                let media = crate::media::new_physical_media(
                    tx,
                    crate::media::NewMedia {
                        spec: &spec,
                        library: Some(library),
                        location: Location { kind: LocationKind::Drive, element: Some(drive.id) },
                        home_slot: None,
                        barcode_state: BarcodeState::Unreadable,
                    },
                )?;
                let mut media = db::load_as(tx, media.id, ObjectType::PhysicalMedia)?;
                crate::media::media_info_mut(&mut media).media_state = MediaState::Loaded;
                db::save(tx, &mut media)?;
                if info.media_size > 0 {
                    for mut side in crate::media::sides_of(tx, media.id)? {
                        crate::media::side_info_mut(&mut side).capacity = info.media_size;
                        db::save(tx, &mut side)?;
                    }
                }
                if let Detail::Drive(d) = &mut drive.detail {
                    d.media = Some(media.id);
                    d.drive_state = DriveState::Loaded;
                }
                db::save(tx, &mut drive)?;
                if let Some(bytes) = &bytes {
                    let verdict: LabelVerdict = label::classify(bytes);
                    crate::library::apply_label(tx, media.id, &verdict)?;
                }
                Ok(1)
            })
        }
        (_, None) | (MediaPresence::Unknown, _) => Ok(0),
    }
}

/// The drive library a drive object belongs to, with its device info; `INVALID_DRIVE_OBJECT` when
/// the drive is not a detected device.
pub(crate) fn drive_device(conn: &rusqlite::Connection, drive: ObjectId) -> Result<(Object, Object, DeviceInfo)> {
    let drive = db::load_as(conn, drive, ObjectType::Drive)?;
    let Detail::Drive(d) = &drive.detail else { unreachable!("loaded as a drive") };
    let library = db::load_as(conn, d.library, ObjectType::Library)?;
    let info = get_attr(conn, library.id, DEVICE_INFO_ATTRIBUTE)?
        .and_then(|raw| serde_json::from_slice::<DeviceInfo>(&raw).ok())
        .ok_or_else(|| {
            Error::new(ErrorKind::InvalidDriveObject, format!("{} is not a detected standalone device", drive.name))
        })?;
    Ok((drive, library, info))
}
