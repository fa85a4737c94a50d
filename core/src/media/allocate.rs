//! Allocation: handing sides of scratch media to applications as logical media, and taking them back.

use std::time::Instant;

use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::notify::Timeout;
use crate::session::Session;

use super::physical::{media_info, media_info_mut, side_info_mut, sides_of};
use super::pools::{pool_info, system_pool};

/// How [`Session::allocate_media`] chooses a side (`AllocateNtmsMedia` options).
///
/// ```
/// use openrsm::AllocateOptions;
/// let options = AllocateOptions::default().new_media().error_if_unavailable();
/// assert!(options.new_media && options.error_if_unavailable);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AllocateOptions {
    /// Take a side of a medium none of whose sides is allocated (`NTMS_ALLOCATE_NEW`).
    pub new_media: bool,
    /// Take the next side of the medium of this logical media or side (`NTMS_ALLOCATE_NEXT`).
    pub next_of: Option<ObjectId>,
    /// Fail at once with `MEDIA_UNAVAILABLE` when nothing is available (`ERROR_IF_UNAVAILABLE`).
    pub error_if_unavailable: bool,
    /// Otherwise, wait this long for a side to become available (default: do not wait).
    pub timeout: Option<Timeout>,
    /// Prefer media with this barcode or name (e.g. the one an operator loaded).
    pub preferred: Option<ObjectId>,
}

impl AllocateOptions {
    /// Ask for a side of an unallocated medium.
    pub fn new_media(mut self) -> Self {
        self.new_media = true;
        self
    }

    /// Ask for the next side of the medium of `logical_media` (or of a side).
    pub fn next_of(mut self, logical_media: ObjectId) -> Self {
        self.next_of = Some(logical_media);
        self
    }

    /// Fail at once when nothing is available.
    pub fn error_if_unavailable(mut self) -> Self {
        self.error_if_unavailable = true;
        self
    }

    /// Wait up to `timeout` for a side.
    pub fn timeout(mut self, timeout: impl Into<Timeout>) -> Self {
        self.timeout = Some(timeout.into());
        self
    }
}

/// A side and its medium, found from a logical media, partition or physical media id.
pub(crate) struct SideRef {
    pub side: Object,
    pub media: Object,
}

/// Find the side an id stands for: a logical media, a partition, or a physical medium with
/// exactly one side that fits `pick` (or one side at all).
pub(crate) fn resolve_side(
    conn: &rusqlite::Connection,
    id: ObjectId,
    pick: fn(&PartitionInfo) -> bool,
) -> Result<SideRef> {
    let object = db::load(conn, id)?;
    let side = match &object.detail {
        Detail::LogicalMedia(l) => db::load_as(conn, l.partition, ObjectType::Partition)?,
        Detail::Partition(_) => object,
        Detail::PhysicalMedia(_) => {
            let sides = sides_of(conn, id)?;
            let mut fitting: Vec<Object> = if sides.len() == 1 {
                sides
            } else {
                sides.into_iter().filter(|s| matches!(&s.detail, Detail::Partition(p) if pick(p))).collect()
            };
            match fitting.len() {
                1 => fitting.remove(0),
                0 => {
                    return Err(Error::new(
                        ErrorKind::InvalidMedia,
                        format!("no side of {} fits this operation", object.name),
                    ))
                }
                n => {
                    return Err(Error::invalid(format!(
                        "{} has {n} sides that fit: name the side or logical media",
                        object.name
                    )))
                }
            }
        }
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidMedia,
                format!("{id} is a {}, not a side, logical media or physical medium", object.object_type),
            ))
        }
    };
    let Detail::Partition(p) = &side.detail else { unreachable!("loaded as a partition") };
    let media = db::load_as(conn, p.physical_media, ObjectType::PhysicalMedia)?;
    Ok(SideRef { side, media })
}

fn is_allocated(p: &PartitionInfo) -> bool {
    p.logical_media.is_some()
}

/// Find a side to allocate in `pool` (and its Free pool when allowed); `None` when there is none.
fn find_candidate(tx: &Tx<'_>, pool: &Object, options: &AllocateOptions) -> Result<Option<Object>> {
    let info = pool_info(pool);
    if let Some(of) = options.next_of {
        let current = resolve_side(tx, of, is_allocated)?;
        if media_info(&current.media)?.pool != pool.id {
            return Err(Error::new(
                ErrorKind::InvalidMediaPool,
                format!(
                    "{} is not in pool {:?}: its next side is not this pool's to allocate",
                    current.media.name, info.path
                ),
            ));
        }
        let Detail::Partition(cur) = &current.side.detail else { unreachable!() };
        let next = sides_of(tx, cur.physical_media)?.into_iter().find(|s| {
            matches!(&s.detail, Detail::Partition(p) if p.side > cur.side && p.partition_state == PartitionState::Available)
        });
        return Ok(next);
    }
    let mut pools = vec![pool.id];
    if info.draw_from_free {
        if let Some(mt) = info.media_type {
            pools.push(system_pool(tx, PoolKind::Free, Some(mt))?.id);
        }
    }
    let new_clause = if options.new_media {
        " AND NOT EXISTS (SELECT 1 FROM partitions q WHERE q.physical_media = m.id AND q.logical_media IS NOT NULL)"
    } else {
        ""
    };
    // Prefer the pool itself over Free, the preferred medium, online media, least-worn sides.
    let sql = format!(
        "SELECT t.id FROM partitions t
           JOIN objects o ON o.id = t.id
           JOIN physical_media m ON m.id = t.physical_media
           JOIN objects mo ON mo.id = m.id
          WHERE m.pool = ?1 AND t.partition_state = {available} AND t.logical_media IS NULL
            AND o.enabled AND mo.enabled AND mo.state = 0 {new_clause}
          ORDER BY (m.id = ?2) DESC, (m.library IS NULL), t.allocation_count, m.barcode, mo.name, t.side
          LIMIT 1",
        available = PartitionState::Available.value()
    );
    let preferred = options.preferred.unwrap_or_default();
    for pool_id in pools {
        let found: Option<ObjectId> = {
            use rusqlite::OptionalExtension;
            tx.prepare_cached(&sql)?.query_row(rusqlite::params![pool_id, preferred], |r| r.get(0)).optional()?
        };
        if let Some(id) = found {
            return Ok(Some(db::load_as(tx, id, ObjectType::Partition)?));
        }
    }
    Ok(None)
}

fn try_allocate(tx: &mut Tx<'_>, pool_id: ObjectId, options: &AllocateOptions) -> Result<Option<Object>> {
    let pool = db::load_as(tx, pool_id, ObjectType::MediaPool)?;
    let info = pool_info(&pool).clone();
    if info.kind != PoolKind::Application {
        return Err(Error::new(
            ErrorKind::InvalidMediaPool,
            format!("allocate from an application pool, not {:?}", info.path),
        ));
    }
    if !pool.enabled {
        return Err(Error::new(ErrorKind::ResourceDisabled, format!("pool {:?} is disabled", info.path)));
    }
    let Some(mut side) = find_candidate(tx, &pool, options)? else { return Ok(None) };
    let media_id = side_info_mut(&mut side).physical_media;
    let mut media = db::load_as(tx, media_id, ObjectType::PhysicalMedia)?;
    if media_info(&media)?.pool != pool_id {
        media_info_mut(&mut media).pool = pool_id;
        db::save(tx, &mut media)?;
    }
    let logical = db::new_object(
        &side.name,
        Detail::LogicalMedia(LogicalMediaInfo { partition: side.id, physical_media: media_id, pool: pool_id }),
    );
    db::insert(tx, &logical)?;
    let p = side_info_mut(&mut side);
    p.partition_state = PartitionState::Allocated;
    p.allocation_count += 1;
    p.logical_media = Some(logical.id);
    db::save(tx, &mut side)?;
    Ok(Some(logical))
}

impl Session {
    /// Allocate a side from an application pool (`AllocateNtmsMedia`) and return its new logical
    /// media. Sides come from the pool itself, then — if the pool's policy allows — from the Free
    /// pool of its media type. When none is available: `MEDIA_UNAVAILABLE` at once with
    /// `error_if_unavailable` or no timeout, else after waiting up to the timeout for one.
    pub fn allocate_media(&self, pool: ObjectId, options: AllocateOptions) -> Result<Object> {
        let deadline = options.timeout.and_then(Timeout::deadline);
        let waits = options.timeout.is_some() && !options.error_if_unavailable;
        let watch = if waits {
            Some(self.open_notification(&[ObjectType::Partition, ObjectType::PhysicalMedia])?)
        } else {
            None
        };
        loop {
            if let Some(logical) = self.db()?.write(|tx| try_allocate(tx, pool, &options))? {
                return Ok(logical);
            }
            let Some(watch) = &watch else {
                return Err(Error::new(ErrorKind::MediaUnavailable, "no side is available to allocate in this pool"));
            };
            let left = match deadline {
                None => Timeout::Infinite,
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(Error::new(ErrorKind::MediaUnavailable, "no side became available in time"));
                    }
                    Timeout::After(left)
                }
            };
            match watch.wait(left) {
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::Timeout => {
                    return Err(Error::new(ErrorKind::MediaUnavailable, "no side became available in time"))
                }
                Err(e) if e.kind() == ErrorKind::NoData => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Give an allocated side back (`DeallocateNtmsMedia`): its logical media is deleted, the side
    /// becomes available — or decommissioned once it reached its pool's allocation limit — and the
    /// medium returns to Free when the pool says so and none of its sides is still allocated.
    pub fn deallocate_media(&self, logical_media: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            let SideRef { mut side, mut media } = resolve_side(tx, logical_media, is_allocated)?;
            let p = side_info_mut(&mut side);
            let Some(lmid) = p.logical_media else {
                return Err(Error::new(ErrorKind::InvalidMedia, format!("side {} is not allocated", side.name)));
            };
            let logical = db::load_as(tx, lmid, ObjectType::LogicalMedia)?;
            let Detail::LogicalMedia(l) = &logical.detail else { unreachable!() };
            let pool = db::load_as(tx, l.pool, ObjectType::MediaPool)?;
            let pool = pool_info(&pool).clone();
            let p = side_info_mut(&mut side);
            p.logical_media = None;
            let worn = pool.max_allocations > 0 && p.allocation_count >= pool.max_allocations;
            p.partition_state = if worn { PartitionState::Decommissioned } else { PartitionState::Available };
            db::save(tx, &mut side)?;
            db::delete(tx, lmid, ObjectType::LogicalMedia)?;
            let still_allocated = sides_of(tx, media.id)?
                .iter()
                .any(|s| matches!(&s.detail, Detail::Partition(p) if p.logical_media.is_some()));
            if pool.return_to_free && !still_allocated {
                let info = media_info_mut(&mut media);
                info.pool = system_pool(tx, PoolKind::Free, Some(info.media_type))?.id;
                db::save(tx, &mut media)?;
            }
            Ok(())
        })
    }

    /// Retire a side (`DecommissionNtmsMedia`): it will never be allocated again. Allocated sides
    /// must be deallocated first (`INVALID_OPERATION`).
    pub fn decommission_media(&self, side: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            let SideRef { mut side, .. } =
                resolve_side(tx, side, |p| p.partition_state != PartitionState::Decommissioned)?;
            let name = side.name.clone();
            let p = side_info_mut(&mut side);
            match p.partition_state {
                PartitionState::Allocated | PartitionState::Complete | PartitionState::Reserved => Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("side {name} is {}: deallocate it first", p.partition_state),
                )),
                PartitionState::Decommissioned => Ok(()),
                _ => {
                    p.partition_state = PartitionState::Decommissioned;
                    db::save(tx, &mut side)
                }
            }
        })
    }

    /// Mark an allocated side complete (`SetNtmsMediaComplete`): no more writes; it can still be
    /// mounted for reading.
    pub fn set_media_complete(&self, logical_media: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            let SideRef { mut side, .. } = resolve_side(tx, logical_media, is_allocated)?;
            let p = side_info_mut(&mut side);
            match p.partition_state {
                PartitionState::Allocated => {
                    p.partition_state = PartitionState::Complete;
                    db::save(tx, &mut side)
                }
                PartitionState::Complete => Ok(()),
                other => Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("side {} is {other}; only allocated sides can be completed", side.name),
                )),
            }
        })
    }

    /// Swap the sides behind two logical media (`SwapNtmsMedia`), e.g. after copying a failing
    /// cartridge to a new one: each logical media then stands for the other's side, and the
    /// media move pools with them.
    pub fn swap_media(&self, first: ObjectId, second: ObjectId) -> Result<()> {
        let db = self.db()?;
        if first == second {
            return Err(Error::invalid("cannot swap a logical media with itself"));
        }
        db.write(|tx| {
            let mut a = db::load_as(tx, first, ObjectType::LogicalMedia)?;
            let mut b = db::load_as(tx, second, ObjectType::LogicalMedia)?;
            let (Detail::LogicalMedia(la), Detail::LogicalMedia(lb)) = (&mut a.detail, &mut b.detail) else {
                unreachable!()
            };
            std::mem::swap(&mut la.partition, &mut lb.partition);
            std::mem::swap(&mut la.physical_media, &mut lb.physical_media);
            let moves =
                [(la.partition, first, la.physical_media, la.pool), (lb.partition, second, lb.physical_media, lb.pool)];
            db::save(tx, &mut a)?;
            db::save(tx, &mut b)?;
            for (partition, lmid, media, pool) in moves {
                let mut side = db::load_as(tx, partition, ObjectType::Partition)?;
                side_info_mut(&mut side).logical_media = Some(lmid);
                db::save(tx, &mut side)?;
                let mut m = db::load_as(tx, media, ObjectType::PhysicalMedia)?;
                if media_info(&m)?.pool != pool {
                    media_info_mut(&mut m).pool = pool;
                    db::save(tx, &mut m)?;
                }
            }
            Ok(())
        })
    }
}
