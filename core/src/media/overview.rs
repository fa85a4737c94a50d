//! An overview of every physical medium in one call: what it is, where it is and which pool holds
//! it, with the names of the objects it refers to already resolved — what an inventory report, a
//! table in a notebook or a CLI listing shows people.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::db;
use crate::error::Result;
use crate::model::*;
use crate::session::Session;

/// One physical medium as an inventory lists it (see [`Session::media_overview`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaOverview {
    /// The medium's id.
    pub id: ObjectId,
    /// Its name.
    pub name: String,
    /// Its barcode, if it has one.
    pub barcode: Option<String>,
    /// The name of its media type.
    pub media_type: String,
    /// The path of the pool that holds it, e.g. `Free/LTO-6` or `Backup/Weekly`.
    pub pool: String,
    /// The name of its library; `None` when it is offline (on a shelf).
    pub library: Option<String>,
    /// Whether it is in a slot, a drive, an IE port, the transport, or offline.
    pub location_kind: LocationKind,
    /// The number of the slot, drive or IE port it is in; `None` offline or in the transport.
    pub element: Option<u32>,
    /// Idle, mounted, ...
    pub media_state: MediaState,
    /// Whether it is enabled.
    pub enabled: bool,
    /// How many sides it has.
    pub sides: u32,
    /// How many of its sides are allocated.
    pub allocated_sides: u32,
}

fn element_number(conn: &Connection, element: ObjectId) -> Result<Option<u32>> {
    Ok(conn
        .prepare_cached(
            "SELECT number FROM slots WHERE id = ?1
             UNION ALL SELECT number FROM drives WHERE id = ?1
             UNION ALL SELECT number FROM ieports WHERE id = ?1",
        )?
        .query_row([element], |r| r.get(0))
        .optional()?)
}

fn name_of(conn: &Connection, cache: &mut HashMap<ObjectId, String>, id: ObjectId) -> Result<String> {
    if let Some(name) = cache.get(&id) {
        return Ok(name.clone());
    }
    let name: String = conn.prepare_cached("SELECT name FROM objects WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    cache.insert(id, name.clone());
    Ok(name)
}

impl Session {
    /// Every physical medium with its type, pool path, library and place in it, ordered by library
    /// (offline media last), location and element number.
    ///
    /// ```
    /// # fn main() -> openrsm::Result<()> {
    /// use openrsm::{LocationKind, MediaSpec, Session, SessionOptions};
    /// let home = tempfile::tempdir().unwrap();
    /// let session = Session::open(SessionOptions::default().home(home.path()))?;
    /// let lto = session.add_media_type(openrsm::MediaTypeSpec::new("LTO-6"))?;
    /// session.create_media(MediaSpec::new(lto.id).barcode("TAPE01L6"))?;
    /// let media = session.media_overview()?;
    /// assert_eq!(media[0].barcode.as_deref(), Some("TAPE01L6"));
    /// assert_eq!(media[0].pool, "Free/LTO-6");
    /// assert_eq!(media[0].location_kind, LocationKind::Offline);
    /// # Ok(()) }
    /// ```
    pub fn media_overview(&self) -> Result<Vec<MediaOverview>> {
        self.db()?.read(|conn| {
            let mut names = HashMap::new();
            let mut pools = HashMap::new();
            let mut rows = Vec::new();
            for media in db::query(conn, ObjectType::PhysicalMedia, "1 = 1", [])? {
                let Detail::PhysicalMedia(info) = &media.detail else { continue };
                let pool = match pools.get(&info.pool) {
                    Some(path) => String::clone(path),
                    None => {
                        let path = db::pool_path(conn, info.pool)?;
                        pools.insert(info.pool, path.clone());
                        path
                    }
                };
                let library = info.library.map(|l| name_of(conn, &mut names, l)).transpose()?;
                let element = match info.location.element {
                    Some(e) => element_number(conn, e)?,
                    None => None,
                };
                let allocated: u32 = conn
                    .prepare_cached(
                        "SELECT count(*) FROM partitions WHERE physical_media = ?1 AND logical_media IS NOT NULL",
                    )?
                    .query_row([media.id], |r| r.get(0))?;
                rows.push(MediaOverview {
                    id: media.id,
                    name: media.name.clone(),
                    barcode: info.barcode.clone(),
                    media_type: name_of(conn, &mut names, info.media_type)?,
                    pool,
                    library,
                    location_kind: info.location.kind,
                    element,
                    media_state: info.media_state,
                    enabled: media.enabled,
                    sides: info.sides,
                    allocated_sides: allocated,
                });
            }
            rows.sort_by(|a, b| {
                (a.library.is_none(), &a.library, a.location_kind, a.element, &a.barcode, &a.name).cmp(&(
                    b.library.is_none(),
                    &b.library,
                    b.location_kind,
                    b.element,
                    &b.barcode,
                    &b.name,
                ))
            });
            Ok(rows)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{AllocateOptions, MediaSpec, MediaTypeSpec, PoolOptions, Session, SessionOptions};

    #[test]
    fn lists_media_with_names_resolved_and_allocation_counted() {
        let home = tempfile::tempdir().unwrap();
        let session = Session::open(SessionOptions::default().home(home.path())).unwrap();
        assert!(session.media_overview().unwrap().is_empty());
        let dvd = session.add_media_type(MediaTypeSpec::new("DVD-RAM").sides(2)).unwrap();
        let pool = session.create_media_pool("Archive", PoolOptions::default().media_type(dvd.id)).unwrap();
        session.create_media(MediaSpec::new(dvd.id).barcode("B002")).unwrap();
        session.create_media(MediaSpec::new(dvd.id).barcode("B001")).unwrap();
        session.allocate_media(pool.id, AllocateOptions::default()).unwrap();

        let rows = session.media_overview().unwrap();
        let barcodes: Vec<_> = rows.iter().map(|r| r.barcode.as_deref().unwrap()).collect();
        assert_eq!(barcodes, ["B001", "B002"]);
        for row in &rows {
            assert_eq!(row.media_type, "DVD-RAM");
            assert_eq!(row.sides, 2);
            assert_eq!(row.library, None);
            assert_eq!(row.element, None);
        }
        let allocated: Vec<_> = rows.iter().filter(|r| r.allocated_sides == 1).collect();
        assert_eq!(allocated.len(), 1);
        assert_eq!(allocated[0].pool, "Archive");
        assert!(rows.iter().any(|r| r.allocated_sides == 0 && r.pool == "Free/DVD-RAM"));

        session.close();
        assert_eq!(session.media_overview().unwrap_err().kind(), crate::ErrorKind::InvalidHandle);
    }
}
