//! Media types: what kind of media a pool holds and a drive takes.

use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::objects::check_name;
use crate::service::SYSTEM_POOLS;
use crate::session::Session;

/// A new media type, for [`Session::add_media_type`].
///
/// ```
/// use openrsm::{MediaTypeSpec, ReadWrite};
/// let dvd = MediaTypeSpec::new("DVD-R").sides(2).read_write(ReadWrite::Worm);
/// assert_eq!(dvd.sides, 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MediaTypeSpec {
    /// Its name, unique among media types (e.g. `LTO-6`).
    pub name: String,
    /// Sides per medium (1 for tape, 2 for double-sided optical).
    pub sides: u32,
    /// Rewritable, WORM or read-only.
    pub read_write: ReadWrite,
    /// Its description.
    pub description: String,
}

impl MediaTypeSpec {
    /// A one-sided rewritable media type.
    pub fn new(name: impl Into<String>) -> Self {
        MediaTypeSpec { name: name.into(), sides: 1, read_write: ReadWrite::Rewritable, description: String::new() }
    }

    /// Set the number of sides.
    pub fn sides(mut self, sides: u32) -> Self {
        self.sides = sides;
        self
    }

    /// Set the read/write kind.
    pub fn read_write(mut self, read_write: ReadWrite) -> Self {
        self.read_write = read_write;
        self
    }

    /// Set the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }
}

/// Changes to a media type, for [`Session::change_media_type`]; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MediaTypeChanges {
    /// New name.
    pub name: Option<String>,
    /// New number of sides (only while no media of the type exist).
    pub sides: Option<u32>,
    /// New read/write kind.
    pub read_write: Option<ReadWrite>,
}

const MAX_SIDES: u32 = 64;

fn check_sides(sides: u32) -> Result<()> {
    if sides == 0 || sides > MAX_SIDES {
        return Err(Error::invalid(format!("a medium has 1..{MAX_SIDES} sides ({sides} given)")));
    }
    Ok(())
}

pub(crate) fn media_type_by_name(conn: &rusqlite::Connection, name: &str) -> Result<Option<Object>> {
    Ok(db::query(conn, ObjectType::MediaType, "o.name = ?1", [name])?.into_iter().next())
}

fn count(conn: &rusqlite::Connection, sql: &str, id: ObjectId) -> Result<i64> {
    Ok(conn.prepare_cached(sql)?.query_row([id], |r| r.get(0))?)
}

/// Create a media type and its system pools (`Free/<name>`, `Import/<name>`, `Unrecognized/<name>`).
pub(crate) fn add_media_type(tx: &mut Tx<'_>, spec: &MediaTypeSpec) -> Result<Object> {
    check_name(&spec.name)?;
    check_sides(spec.sides)?;
    if media_type_by_name(tx, &spec.name)?.is_some() {
        return Err(Error::invalid(format!("a media type named {:?} already exists", spec.name)));
    }
    let mut media_type =
        db::new_object(&spec.name, Detail::MediaType(MediaTypeInfo { sides: spec.sides, read_write: spec.read_write }));
    media_type.description = spec.description.clone();
    db::insert(tx, &media_type)?;
    for (top, kind) in SYSTEM_POOLS {
        let parent = crate::media::system_pool(tx, kind, None)?;
        let pool = db::new_object(
            &spec.name,
            Detail::MediaPool(MediaPoolInfo {
                kind,
                media_type: Some(media_type.id),
                parent: Some(parent.id),
                path: format!("{top}/{}", spec.name),
                draw_from_free: false,
                return_to_free: false,
                max_allocations: 0,
            }),
        );
        db::insert(tx, &pool)?;
    }
    Ok(media_type)
}

impl Session {
    /// Add a media type (`AddNtmsMediaType`) with its system pools; a name in use is refused with
    /// `INVALID_PARAMETER`.
    pub fn add_media_type(&self, spec: MediaTypeSpec) -> Result<Object> {
        self.db()?.write(|tx| add_media_type(tx, &spec))
    }

    /// The media type with this name, creating it (one-sided, rewritable) if there is none.
    pub fn ensure_media_type(&self, name: &str) -> Result<Object> {
        self.db()?.write(|tx| match media_type_by_name(tx, name)? {
            Some(existing) => Ok(existing),
            None => add_media_type(tx, &MediaTypeSpec::new(name)),
        })
    }

    /// Change a media type (`ChangeNtmsMediaType`). Its sides can change only while no media of
    /// the type exist (`NOT_EMPTY` otherwise). Renaming renames its system pools too.
    pub fn change_media_type(&self, id: ObjectId, changes: MediaTypeChanges) -> Result<Object> {
        self.db()?.write(|tx| {
            let mut media_type = db::load_as(tx, id, ObjectType::MediaType)?;
            if let Some(name) = &changes.name {
                check_name(name)?;
                rename_system_pools(tx, id, name)?;
                media_type.name = name.clone();
            }
            let Detail::MediaType(info) = &mut media_type.detail else { unreachable!("loaded as a media type") };
            if let Some(sides) = changes.sides {
                check_sides(sides)?;
                let media = count(tx, "SELECT count(*) FROM physical_media WHERE media_type = ?1", id)?;
                if sides != info.sides && media > 0 {
                    return Err(Error::new(
                        ErrorKind::NotEmpty,
                        format!("{media} media of this type exist: their sides cannot change"),
                    ));
                }
                info.sides = sides;
            }
            if let Some(rw) = changes.read_write {
                info.read_write = rw;
            }
            db::save(tx, &mut media_type)?;
            Ok(media_type)
        })
    }

    /// Delete a media type (`DeleteNtmsMediaType`) and its system pools. Refused with `NOT_EMPTY`
    /// while media or application pools of the type exist.
    pub fn delete_media_type(&self, id: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            db::load_as(tx, id, ObjectType::MediaType)?;
            let media = count(tx, "SELECT count(*) FROM physical_media WHERE media_type = ?1", id)?;
            if media > 0 {
                return Err(Error::new(ErrorKind::NotEmpty, format!("{media} media of this type exist")));
            }
            let pools = count(tx, "SELECT count(*) FROM media_pools WHERE media_type = ?1 AND kind = 1000", id)?;
            if pools > 0 {
                return Err(Error::new(ErrorKind::NotEmpty, format!("{pools} application pools use this media type")));
            }
            for pool in system_pools_of(tx, id)? {
                db::delete(tx, pool.id, ObjectType::MediaPool)?;
            }
            db::delete(tx, id, ObjectType::MediaType)
        })
    }
}

/// Give a media type's system pools its new name, refusing a name another media type has.
pub(crate) fn rename_system_pools(tx: &mut Tx<'_>, media_type: ObjectId, name: &str) -> Result<()> {
    if let Some(other) = media_type_by_name(tx, name)?.filter(|o| o.id != media_type) {
        return Err(Error::invalid(format!("media type {} is already named {name:?}", other.id)));
    }
    for mut pool in system_pools_of(tx, media_type)? {
        if pool.name != name {
            pool.name = name.to_owned();
            db::save(tx, &mut pool)?;
        }
    }
    Ok(())
}

fn system_pools_of(conn: &rusqlite::Connection, media_type: ObjectId) -> Result<Vec<Object>> {
    db::query(conn, ObjectType::MediaPool, "t.media_type = ?1 AND t.kind <> 1000", [media_type])
}
