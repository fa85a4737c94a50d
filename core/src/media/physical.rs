//! Physical media (cartridges, discs, disks) and their sides.

use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::session::Session;

use super::pools::{pool_info, system_pool};

/// A new physical medium, for [`Session::create_media`].
///
/// ```
/// use openrsm::{MediaSpec, ObjectId};
/// let lto = ObjectId::new();
/// let spec = MediaSpec::new(lto).barcode("TAPE01L6");
/// assert_eq!(spec.barcode.as_deref(), Some("TAPE01L6"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MediaSpec {
    /// Its media type.
    pub media_type: ObjectId,
    /// Its pool; `None` means the Free pool of its media type.
    pub pool: Option<ObjectId>,
    /// Its barcode.
    pub barcode: Option<String>,
    /// Its name; `None` means the barcode, or a name made from its id.
    pub name: Option<String>,
    /// Its description.
    pub description: String,
}

impl MediaSpec {
    /// A medium of this type, in the Free pool, with no barcode.
    pub fn new(media_type: ObjectId) -> Self {
        MediaSpec { media_type, pool: None, barcode: None, name: None, description: String::new() }
    }

    /// Set the barcode.
    pub fn barcode(mut self, barcode: impl Into<String>) -> Self {
        self.barcode = Some(barcode.into());
        self
    }

    /// Put it in this pool.
    pub fn pool(mut self, pool: ObjectId) -> Self {
        self.pool = Some(pool);
        self
    }

    /// Name it.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// Check a barcode: ≤ 64 printable ASCII characters.
pub(crate) fn check_barcode(barcode: &str) -> Result<()> {
    if barcode.len() > MAX_BARCODE_LEN || !barcode.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(format!(
            "{barcode:?} is not a barcode (1..{MAX_BARCODE_LEN} printable ASCII characters)"
        )));
    }
    Ok(())
}

/// The partition state a side gets when its medium enters a pool.
pub(crate) fn side_state_in(kind: PoolKind) -> PartitionState {
    match kind {
        PoolKind::Free | PoolKind::Application => PartitionState::Available,
        PoolKind::Import => PartitionState::Import,
        PoolKind::Unrecognized => PartitionState::Foreign,
    }
}

/// The physical-media fields of an object.
pub(crate) fn media_info(media: &Object) -> Result<&PhysicalMediaInfo> {
    match &media.detail {
        Detail::PhysicalMedia(info) => Ok(info),
        _ => Err(Error::new(
            ErrorKind::InvalidMedia,
            format!("{} is a {}, not a physical medium", media.id, media.object_type),
        )),
    }
}

/// Mutable physical-media fields of an object.
pub(crate) fn media_info_mut(media: &mut Object) -> &mut PhysicalMediaInfo {
    match &mut media.detail {
        Detail::PhysicalMedia(info) => info,
        _ => unreachable!("media_info_mut on a {}", media.object_type),
    }
}

/// The partition fields of an object.
pub(crate) fn side_info_mut(side: &mut Object) -> &mut PartitionInfo {
    match &mut side.detail {
        Detail::Partition(info) => info,
        _ => unreachable!("side_info_mut on a {}", side.object_type),
    }
}

/// The sides of a medium, by side number.
pub(crate) fn sides_of(conn: &rusqlite::Connection, media: ObjectId) -> Result<Vec<Object>> {
    db::query(conn, ObjectType::Partition, "t.physical_media = ?1 ORDER BY t.side", [media])
}

/// Where and in what a new medium is put.
pub(crate) struct NewMedia<'a> {
    pub spec: &'a MediaSpec,
    pub library: Option<ObjectId>,
    pub location: Location,
    pub home_slot: Option<ObjectId>,
    pub barcode_state: BarcodeState,
}

/// Create a physical medium and its sides in one transaction (shared by `create_media`,
/// inventories and injections).
pub(crate) fn new_physical_media(tx: &mut Tx<'_>, new: NewMedia<'_>) -> Result<Object> {
    let spec = new.spec;
    let media_type = db::load_as(tx, spec.media_type, ObjectType::MediaType)?;
    let Detail::MediaType(type_info) = &media_type.detail else { unreachable!("loaded as a media type") };
    let sides = type_info.sides;
    let pool = match spec.pool {
        Some(pool) => db::load_as(tx, pool, ObjectType::MediaPool)?,
        None => system_pool(tx, PoolKind::Free, Some(media_type.id))?,
    };
    let info = pool_info(&pool);
    if info.kind != PoolKind::Application && info.media_type.is_none() {
        return Err(Error::new(
            ErrorKind::InvalidMediaPool,
            format!("{:?} is a top system pool: media go in its pool for their media type", info.path),
        ));
    }
    if info.media_type.is_some_and(|mt| mt != media_type.id) {
        return Err(Error::new(
            ErrorKind::MediaIncompatible,
            format!("pool {:?} holds another media type than {}", info.path, media_type.name),
        ));
    }
    if let Some(barcode) = &spec.barcode {
        check_barcode(barcode)?;
    }
    let id = ObjectId::new();
    let name = match (&spec.name, &spec.barcode) {
        (Some(name), _) => name.clone(),
        (None, Some(barcode)) => barcode.clone(),
        (None, None) => format!("Media-{}", &id.to_string()[..8]),
    };
    crate::objects::check_name(&name)?;
    let mut media = db::new_object(
        &name,
        Detail::PhysicalMedia(PhysicalMediaInfo {
            library: new.library,
            location: new.location,
            home_slot: new.home_slot,
            media_type: media_type.id,
            pool: pool.id,
            barcode: spec.barcode.clone(),
            barcode_state: new.barcode_state,
            media_state: MediaState::Idle,
            sides,
            mounted_side: None,
        }),
    );
    media.id = id;
    media.description = spec.description.clone();
    db::insert(tx, &media)?;
    let state = side_state_in(info.kind);
    for side in 0..sides {
        let partition = db::new_object(
            side_name(&name, side),
            Detail::Partition(PartitionInfo {
                physical_media: id,
                side,
                partition_state: state,
                omid: None,
                capacity: 0,
                mount_count: 0,
                allocation_count: 0,
                logical_media: None,
            }),
        );
        db::insert(tx, &partition)?;
    }
    Ok(media)
}

/// The name of side `side` of a medium: `NAME:A`, `NAME:B`, ...
pub(crate) fn side_name(media_name: &str, side: u32) -> String {
    let letter = char::from_u32('A' as u32 + side % 26).unwrap_or('A');
    let mut name = format!("{media_name}:{letter}");
    if name.chars().count() > MAX_NAME_LEN {
        name = format!("{}:{letter}", media_name.chars().take(MAX_NAME_LEN - 2).collect::<String>());
    }
    name
}

/// Move a medium to a pool, applying the side-state rules of the pool kinds.
pub(crate) fn move_media_to_pool(tx: &mut Tx<'_>, media_id: ObjectId, pool_id: ObjectId) -> Result<Object> {
    let mut media = db::load_as(tx, media_id, ObjectType::PhysicalMedia)?;
    let pool = db::load_as(tx, pool_id, ObjectType::MediaPool)?;
    let pool_info = pool_info(&pool);
    let info = media_info(&media)?;
    if info.pool == pool_id {
        return Ok(media);
    }
    if pool_info.media_type.is_some_and(|mt| mt != info.media_type) {
        return Err(Error::new(
            ErrorKind::MediaIncompatible,
            format!("pool {:?} holds another media type", pool_info.path),
        ));
    }
    if pool_info.kind != PoolKind::Application && pool_info.media_type.is_none() {
        return Err(Error::new(
            ErrorKind::InvalidMediaPool,
            format!("{:?} is a top system pool: move media to its pool for their media type", pool_info.path),
        ));
    }
    let sides = sides_of(tx, media_id)?;
    let allocated = sides.iter().any(|s| match &s.detail {
        Detail::Partition(p) => p.logical_media.is_some(),
        _ => false,
    });
    if allocated && pool_info.kind != PoolKind::Application {
        return Err(Error::new(
            ErrorKind::MediaNotAvailable,
            format!("{} has allocated sides: deallocate them before moving it to {:?}", media.name, pool_info.path),
        ));
    }
    let new_state = side_state_in(pool_info.kind);
    for mut side in sides {
        let p = side_info_mut(&mut side);
        let keep = p.logical_media.is_some() || p.partition_state == PartitionState::Decommissioned;
        if !keep && p.partition_state != new_state {
            p.partition_state = new_state;
            db::save(tx, &mut side)?;
        }
    }
    media_info_mut(&mut media).pool = pool_id;
    db::save(tx, &mut media)?;
    Ok(media)
}

impl Session {
    /// Create a physical medium with its sides (`CreateNtmsMedia`), offline (on the shelf) until a
    /// library takes it in.
    pub fn create_media(&self, spec: MediaSpec) -> Result<Object> {
        self.db()?.write(|tx| {
            new_physical_media(
                tx,
                NewMedia {
                    spec: &spec,
                    library: None,
                    location: Location::OFFLINE,
                    home_slot: None,
                    barcode_state: BarcodeState::Ok,
                },
            )
        })
    }

    /// Create several media, as [`create_media`](Session::create_media) does, in one
    /// transaction: all of them or, if one is refused, none (e.g. registering a box of new
    /// cartridges). Their INSERT notifications are published together once it commits.
    ///
    /// ```
    /// # fn main() -> openrsm::Result<()> {
    /// use openrsm::{MediaSpec, ObjectType, Session, SessionOptions};
    /// let home = tempfile::tempdir().unwrap();
    /// let session = Session::open(SessionOptions::default().home(home.path()))?;
    /// let lto = session.ensure_media_type("LTO-6")?;
    /// let specs: Vec<MediaSpec> = (1..=20).map(|i| MediaSpec::new(lto.id).barcode(format!("A{i:05}L6"))).collect();
    /// let media = session.create_media_batch(&specs)?;
    /// assert_eq!(media.len(), 20);
    /// assert_eq!(session.enumerate(None, ObjectType::PhysicalMedia)?.len(), 20);
    /// # Ok(()) }
    /// ```
    pub fn create_media_batch(&self, specs: &[MediaSpec]) -> Result<Vec<Object>> {
        self.db()?.write(|tx| {
            specs
                .iter()
                .map(|spec| {
                    new_physical_media(
                        tx,
                        NewMedia {
                            spec,
                            library: None,
                            location: Location::OFFLINE,
                            home_slot: None,
                            barcode_state: BarcodeState::Ok,
                        },
                    )
                })
                .collect()
        })
    }

    /// Delete a physical medium and its sides (`DeleteNtmsMedia`). Only offline media with no
    /// allocated side can be deleted (`INVALID_OPERATION` / `MEDIA_NOT_AVAILABLE` otherwise).
    pub fn delete_media(&self, media: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            let object = db::load_as(tx, media, ObjectType::PhysicalMedia)?;
            let info = media_info(&object)?;
            if info.location.kind != LocationKind::Offline {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("{} is in a library: eject it before deleting it", object.name),
                ));
            }
            let sides = sides_of(tx, media)?;
            for side in &sides {
                if let Detail::Partition(p) = &side.detail {
                    if p.logical_media.is_some() {
                        return Err(Error::new(
                            ErrorKind::MediaNotAvailable,
                            format!("side {} is allocated: deallocate it first", side.name),
                        ));
                    }
                }
            }
            for side in sides {
                db::delete(tx, side.id, ObjectType::Partition)?;
            }
            db::delete(tx, media, ObjectType::PhysicalMedia)
        })
    }
}
