//! Media pools: the system pools (Free, Import, Unrecognized, one child of each per media type) and
//! application pools nested to any depth, named by paths such as `Backup/Weekly`.

use rusqlite::Connection;

use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::objects::check_name;
use crate::session::Session;

/// What [`Session::create_media_pool`] does when the pool exists already (`NTMS_CREATE_NEW`,
/// `NTMS_OPEN_EXISTING`, `NTMS_OPEN_ALWAYS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CreateMode {
    /// Create it; refuse with `INVALID_PARAMETER` if it exists.
    #[default]
    CreateNew,
    /// Open it; refuse with `OBJECT_NOT_FOUND` if it does not exist.
    OpenExisting,
    /// Open it if it exists, create it otherwise.
    OpenAlways,
}

/// Options of a new application pool.
///
/// ```
/// use openrsm::PoolOptions;
/// let options = PoolOptions::default().create_parents().max_allocations(50);
/// assert!(options.create_parents && options.draw_from_free);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PoolOptions {
    /// The media type of its media (`None`: any; drawing from Free then needs a type).
    pub media_type: Option<ObjectId>,
    /// What to do when it exists.
    pub mode: CreateMode,
    /// Create missing parent pools of the path.
    pub create_parents: bool,
    /// When empty, draw media from the Free pool (default on).
    pub draw_from_free: bool,
    /// Return deallocated media to Free (default on).
    pub return_to_free: bool,
    /// Allocations per side before decommission, 0 = no limit.
    pub max_allocations: u32,
    /// Its description.
    pub description: String,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions {
            media_type: None,
            mode: CreateMode::CreateNew,
            create_parents: false,
            draw_from_free: true,
            return_to_free: true,
            max_allocations: 0,
            description: String::new(),
        }
    }
}

impl PoolOptions {
    /// Set the media type.
    pub fn media_type(mut self, media_type: ObjectId) -> Self {
        self.media_type = Some(media_type);
        self
    }

    /// Set the create mode.
    pub fn mode(mut self, mode: CreateMode) -> Self {
        self.mode = mode;
        self
    }

    /// Create missing parents.
    pub fn create_parents(mut self) -> Self {
        self.create_parents = true;
        self
    }

    /// Set the allocation limit per side.
    pub fn max_allocations(mut self, max: u32) -> Self {
        self.max_allocations = max;
        self
    }
}

/// The system pool of `kind` for `media_type`, or the top one when `media_type` is `None`.
pub(crate) fn system_pool(conn: &Connection, kind: PoolKind, media_type: Option<ObjectId>) -> Result<Object> {
    let found = match media_type {
        None => db::query(conn, ObjectType::MediaPool, "t.kind = ?1 AND t.parent IS NULL", rusqlite::params![kind])?,
        Some(mt) => {
            db::query(conn, ObjectType::MediaPool, "t.kind = ?1 AND t.media_type = ?2", rusqlite::params![kind, mt])?
        }
    };
    found.into_iter().next().ok_or_else(|| Error::not_found(format!("the {kind} pool")))
}

/// The child pool of `parent` (top level when `None`) named `name`.
fn child_pool(conn: &Connection, parent: Option<ObjectId>, name: &str) -> Result<Option<Object>> {
    let found = match parent {
        None => db::query(conn, ObjectType::MediaPool, "t.parent IS NULL AND o.name = ?1", [name])?,
        Some(p) => db::query(conn, ObjectType::MediaPool, "t.parent = ?1 AND o.name = ?2", rusqlite::params![p, name])?,
    };
    Ok(found.into_iter().next())
}

/// Refuse a pool name already used by a sibling (other than `except`).
pub(crate) fn ensure_pool_name_free(
    tx: &Tx<'_>,
    parent: Option<ObjectId>,
    name: &str,
    except: Option<ObjectId>,
) -> Result<()> {
    match child_pool(tx, parent, name)? {
        Some(other) if Some(other.id) != except => {
            Err(Error::invalid(format!("a pool named {name:?} already exists there ({})", other.id)))
        }
        _ => Ok(()),
    }
}

fn split_path(path: &str) -> Result<Vec<&str>> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err(Error::invalid("a pool path cannot be empty"));
    }
    Ok(parts)
}

/// The pool at `path`.
pub(crate) fn pool_by_path(conn: &Connection, path: &str) -> Result<Object> {
    let mut current: Option<Object> = None;
    for name in split_path(path)? {
        let parent = current.as_ref().map(|p| p.id);
        current =
            Some(child_pool(conn, parent, name)?.ok_or_else(|| Error::not_found(format!("media pool {path:?}")))?);
    }
    current.ok_or_else(|| Error::not_found(format!("media pool {path:?}")))
}

pub(crate) fn pool_info(pool: &Object) -> &MediaPoolInfo {
    match &pool.detail {
        Detail::MediaPool(info) => info,
        _ => unreachable!("pool_info on a {}", pool.object_type),
    }
}

fn create_pool(tx: &mut Tx<'_>, path: &str, options: &PoolOptions) -> Result<Object> {
    let parts = split_path(path)?;
    if let Some(mt) = options.media_type {
        db::load_as(tx, mt, ObjectType::MediaType)?;
    }
    let mut parent: Option<Object> = None;
    for (i, name) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let parent_id = parent.as_ref().map(|p| p.id);
        if let Some(existing) = child_pool(tx, parent_id, name)? {
            if pool_info(&existing).kind != PoolKind::Application {
                return Err(Error::new(
                    ErrorKind::InvalidMediaPool,
                    format!(
                        "{:?} is a system pool: application pools cannot be created in it",
                        pool_info(&existing).path
                    ),
                ));
            }
            if last {
                return match options.mode {
                    CreateMode::CreateNew => Err(Error::invalid(format!("media pool {path:?} already exists"))),
                    _ => Ok(existing),
                };
            }
            parent = Some(existing);
            continue;
        }
        if options.mode == CreateMode::OpenExisting && last {
            return Err(Error::not_found(format!("media pool {path:?}")));
        }
        if !last && !options.create_parents {
            return Err(Error::not_found(format!(
                "parent pool {:?} of {path:?} (create it first, or ask to create parents)",
                parts[..=i].join("/")
            )));
        }
        check_name(name)?;
        let mut pool = db::new_object(
            *name,
            Detail::MediaPool(MediaPoolInfo {
                kind: PoolKind::Application,
                media_type: if last { options.media_type } else { None },
                parent: parent_id,
                path: parts[..=i].join("/"),
                draw_from_free: options.draw_from_free,
                return_to_free: options.return_to_free,
                max_allocations: options.max_allocations,
            }),
        );
        if last {
            pool.description = options.description.clone();
        }
        db::insert(tx, &pool)?;
        parent = Some(pool);
    }
    parent.ok_or_else(|| Error::invalid("a pool path cannot be empty"))
}

impl Session {
    /// Create (or open, per [`CreateMode`]) an application pool (`CreateNtmsMediaPool`) at a path
    /// such as `Backup/Weekly`. Parents must exist unless [`PoolOptions::create_parents`] is set;
    /// pools cannot be created inside the system pools.
    pub fn create_media_pool(&self, path: &str, options: PoolOptions) -> Result<Object> {
        self.db()?.write(|tx| create_pool(tx, path, &options))
    }

    /// Delete a pool (`DeleteNtmsMediaPool`). System pools are refused with `INVALID_OPERATION`;
    /// a pool holding media or child pools is refused with `NOT_EMPTY`.
    pub fn delete_media_pool(&self, pool: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            let object = db::load_as(tx, pool, ObjectType::MediaPool)?;
            let info = pool_info(&object);
            if info.kind != PoolKind::Application {
                return Err(Error::new(ErrorKind::InvalidOperation, format!("{:?} is a system pool", info.path)));
            }
            let (media, logical, children): (i64, i64, i64) = tx.query_row(
                "SELECT (SELECT count(*) FROM physical_media WHERE pool = ?1),
                        (SELECT count(*) FROM logical_media WHERE pool = ?1),
                        (SELECT count(*) FROM media_pools WHERE parent = ?1)",
                [pool],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            if media + logical + children > 0 {
                return Err(Error::new(
                    ErrorKind::NotEmpty,
                    format!(
                        "pool {:?} holds {media} media, {logical} allocated sides and {children} child pools",
                        info.path
                    ),
                ));
            }
            db::delete(tx, pool, ObjectType::MediaPool)
        })
    }

    /// The full path of a pool (`GetNtmsMediaPoolName`), e.g. `Backup/Weekly` or `Free/LTO-6`.
    pub fn media_pool_name(&self, pool: ObjectId) -> Result<String> {
        self.db()?.read(|conn| {
            db::load_as(conn, pool, ObjectType::MediaPool)?;
            db::pool_path(conn, pool)
        })
    }

    /// The pool at a path.
    pub fn media_pool_by_path(&self, path: &str) -> Result<Object> {
        self.db()?.read(|conn| pool_by_path(conn, path))
    }

    /// The system pool of a kind for a media type (`Free/LTO-6`), or the top one (`Free`) for `None`.
    pub fn system_pool(&self, kind: PoolKind, media_type: Option<ObjectId>) -> Result<Object> {
        self.db()?.read(|conn| system_pool(conn, kind, media_type))
    }

    /// Move a physical medium to another pool (`MoveToNtmsMediaPool`). The pool's media type must
    /// match (`MEDIA_INCOMPATIBLE`); a medium with allocated sides cannot go to a system pool
    /// (`MEDIA_NOT_AVAILABLE`). Moving into Free makes its sides available for allocation.
    pub fn move_to_pool(&self, media: ObjectId, pool: ObjectId) -> Result<Object> {
        self.db()?.write(|tx| crate::media::move_media_to_pool(tx, media, pool))
    }
}
