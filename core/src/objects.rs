//! Object management: enumerate, get and set information, named attributes, enable and disable,
//! delete (`EnumerateNtmsObject`, `Get/SetNtmsObjectInformation`, `Get/SetNtmsObjectAttribute`,
//! `Enable/DisableNtmsObject`).

use rusqlite::OptionalExtension;

use crate::db;
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::session::Session;

/// The SQL condition that selects the `child` objects of a container of type `container`
/// (`?1` is the container's id), or `None` when such a container holds no such objects.
fn containment(container: ObjectType, child: ObjectType) -> Option<&'static str> {
    use ObjectType::*;
    Some(match (container, child) {
        (Computer, Library | MediaType | OpRequest | LibRequest | DriveType | ChangerType) => "?1 = ?1",
        (Computer, MediaPool) => "t.parent IS NULL AND ?1 = ?1",
        (Library, Drive | StorageSlot | IePort | IeDoor | Changer | PhysicalMedia | LibRequest) => "t.library = ?1",
        (MediaPool, MediaPool) => "t.parent = ?1",
        (MediaPool, PhysicalMedia | LogicalMedia) => "t.pool = ?1",
        (MediaType, MediaPool | PhysicalMedia) => "t.media_type = ?1",
        (PhysicalMedia, Partition) => "t.physical_media = ?1",
        (PhysicalMedia, LogicalMedia) => "t.physical_media = ?1",
        (Partition, LogicalMedia) => "t.partition = ?1",
        (Drive | StorageSlot | IePort, PhysicalMedia) => "t.location = ?1",
        (Drive, LibRequest) => "t.drive = ?1",
        (PhysicalMedia, LibRequest) => "t.media = ?1",
        _ => return None,
    })
}

/// The order objects of a type are listed in.
fn order_of(t: ObjectType) -> &'static str {
    use ObjectType::*;
    match t {
        Drive | StorageSlot | IePort => " ORDER BY t.library, t.number",
        Partition => " ORDER BY t.physical_media, t.side",
        LibRequest => " ORDER BY t.arrival",
        OpRequest => " ORDER BY t.submitted",
        // By id: the order they are stored in, so a full enumeration reads the table straight
        // through (left unordered, SQLite may walk a secondary index and look every row up).
        PhysicalMedia | LogicalMedia => " ORDER BY t.id",
        _ => " ORDER BY o.name",
    }
}

/// Check a name: non-empty, ≤ 64 characters, no `/` (it separates pool paths), no control characters.
pub(crate) fn check_name(name: &str) -> Result<()> {
    let count = name.chars().count();
    if name.trim().is_empty() {
        return Err(Error::invalid("a name cannot be empty"));
    }
    if count > MAX_NAME_LEN {
        return Err(Error::invalid(format!("a name has at most {MAX_NAME_LEN} characters ({count} given)")));
    }
    if name.contains('/') || name.chars().any(char::is_control) {
        return Err(Error::invalid(format!("{name:?}: a name cannot contain '/' or control characters")));
    }
    Ok(())
}

fn check_description(text: &str) -> Result<()> {
    let count = text.chars().count();
    if count > MAX_DESCRIPTION_LEN {
        return Err(Error::invalid(format!(
            "a description has at most {MAX_DESCRIPTION_LEN} characters ({count} given)"
        )));
    }
    Ok(())
}

fn check_attribute_name(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > 256 || name.chars().any(char::is_control) {
        return Err(Error::invalid(format!("{name:?} is not a valid attribute name (1..256 printable characters)")));
    }
    Ok(())
}

impl Session {
    /// The objects of `object_type` inside `container` (`EnumerateNtmsObject`), or every object of
    /// that type when `container` is `None`. A container that cannot hold that type is refused with
    /// `INVALID_PARAMETER`.
    ///
    /// ```
    /// # fn main() -> openrsm::Result<()> {
    /// use openrsm::{ObjectType, Session, SessionOptions};
    /// let home = tempfile::tempdir().unwrap();
    /// let session = Session::open(SessionOptions::default().home(home.path()))?;
    /// let top = session.enumerate(None, ObjectType::MediaPool)?;
    /// let names: Vec<&str> = top.iter().map(|p| p.name.as_str()).collect();
    /// assert_eq!(names, ["Free", "Import", "Unrecognized"]);
    /// # Ok(()) }
    /// ```
    pub fn enumerate(&self, container: Option<ObjectId>, object_type: ObjectType) -> Result<Vec<Object>> {
        self.db()?.read(|conn| {
            let order = order_of(object_type);
            match container {
                None => db::query(conn, object_type, &format!("1 = 1{order}"), []),
                Some(container) => {
                    let container_type = db::type_of(conn, container)?;
                    let filter = containment(container_type, object_type).ok_or_else(|| {
                        Error::invalid(format!("a {container_type} does not contain {object_type} objects"))
                    })?;
                    db::query(conn, object_type, &format!("{filter}{order}"), [container])
                }
            }
        })
    }

    /// One object by id (`GetNtmsObjectInformation`).
    pub fn object(&self, id: ObjectId) -> Result<Object> {
        self.db()?.read(|conn| db::load(conn, id))
    }

    /// Objects whose name is `name`, of one type or (`None`) of any type.
    pub fn find_by_name(&self, object_type: Option<ObjectType>, name: &str) -> Result<Vec<Object>> {
        self.db()?.read(|conn| {
            let ids: Vec<(ObjectId, ObjectType)> = {
                let mut stmt =
                    conn.prepare_cached("SELECT id, type FROM objects WHERE name = ?1 ORDER BY type, created")?;
                let rows = stmt.query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            ids.into_iter()
                .filter(|(_, t)| object_type.is_none_or(|want| want == *t))
                .map(|(id, t)| db::load_as(conn, id, t))
                .collect()
        })
    }

    /// Resolve an id or a name to one object: a GUID is looked up directly; a name must match
    /// exactly one object (of `object_type` when given), a media pool path is also accepted, and
    /// a physical medium may be named by its barcode.
    pub fn resolve(&self, object_type: Option<ObjectType>, id_or_name: &str) -> Result<Object> {
        if let Ok(id) = id_or_name.parse::<ObjectId>() {
            let object = self.object(id)?;
            if let Some(t) = object_type.filter(|t| *t != object.object_type) {
                return Err(Error::invalid(format!("{id} is a {}, not a {t}", object.object_type)));
            }
            return Ok(object);
        }
        if id_or_name.contains('/') && object_type.is_none_or(|t| t == ObjectType::MediaPool) {
            return self.media_pool_by_path(id_or_name);
        }
        let mut found = self.find_by_name(object_type, id_or_name)?;
        if found.is_empty() && object_type.is_none_or(|t| t == ObjectType::PhysicalMedia) {
            found =
                self.db()?.read(|conn| db::query(conn, ObjectType::PhysicalMedia, "t.barcode = ?1", [id_or_name]))?;
        }
        match found.len() {
            0 => Err(Error::not_found(format!("an object named {id_or_name:?}"))),
            1 => Ok(found.remove(0)),
            n => {
                let kinds: Vec<String> = found.iter().map(|o| format!("{} {}", o.object_type, o.id)).collect();
                Err(Error::invalid(format!("{n} objects are named {id_or_name:?} ({}): use an id", kinds.join(", "))))
            }
        }
    }

    /// Change the writable fields of an object (`SetNtmsObjectInformation`). Validation errors are
    /// `INVALID_PARAMETER` and change nothing.
    pub fn set_object_info(&self, id: ObjectId, changes: &ObjectChanges) -> Result<Object> {
        self.db()?.write(|tx| set_info(tx, id, changes))
    }

    /// Apply several [`set_object_info`](Session::set_object_info) changes in one transaction:
    /// all of them or, if one is refused, none. Their UPDATE notifications are published together,
    /// in this order, once the transaction commits. Returns the changed objects in the same order.
    ///
    /// ```
    /// # fn main() -> openrsm::Result<()> {
    /// use openrsm::{ErrorKind, ObjectChanges, Session, SessionOptions};
    /// let home = tempfile::tempdir().unwrap();
    /// let session = Session::open(SessionOptions::default().home(home.path()))?;
    /// let a = session.create_media_pool("A", Default::default())?;
    /// let b = session.create_media_pool("B", Default::default())?;
    /// let label = |text: &str| ObjectChanges { description: Some(text.into()), ..Default::default() };
    /// let changed = session.set_object_info_batch(&[(a.id, label("first")), (b.id, label("second"))])?;
    /// assert_eq!(changed[1].description, "second");
    /// // One bad change refuses the whole batch.
    /// let bad = ObjectChanges { name: Some("in/valid".into()), ..Default::default() };
    /// let err = session.set_object_info_batch(&[(a.id, label("third")), (b.id, bad)]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    /// assert_eq!(session.object(a.id)?.description, "first");
    /// # Ok(()) }
    /// ```
    pub fn set_object_info_batch(&self, changes: &[(ObjectId, ObjectChanges)]) -> Result<Vec<Object>> {
        self.db()?.write(|tx| changes.iter().map(|(id, c)| set_info(tx, *id, c)).collect())
    }

    /// A named attribute of an object (`GetNtmsObjectAttribute`); `OBJECT_NOT_FOUND` if it has none by that name.
    pub fn attribute(&self, id: ObjectId, name: &str) -> Result<Vec<u8>> {
        self.db()?.read(|conn| {
            db::type_of(conn, id)?;
            conn.prepare_cached("SELECT value FROM attributes WHERE object = ?1 AND name = ?2")?
                .query_row(rusqlite::params![id, name], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::not_found(format!("attribute {name:?} of {id}")))
        })
    }

    /// The names of an object's attributes, sorted.
    pub fn attribute_names(&self, id: ObjectId) -> Result<Vec<String>> {
        self.db()?.read(|conn| {
            db::type_of(conn, id)?;
            let mut stmt = conn.prepare_cached("SELECT name FROM attributes WHERE object = ?1 ORDER BY name")?;
            let names = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            Ok(names)
        })
    }

    /// Set a named attribute (`SetNtmsObjectAttribute`); values over 64 KiB are refused with
    /// `INVALID_PARAMETER`. The object gets an UPDATE notification.
    pub fn set_attribute(&self, id: ObjectId, name: &str, value: &[u8]) -> Result<()> {
        let db = self.db()?;
        check_attribute_name(name)?;
        if value.len() > MAX_ATTRIBUTE_SIZE {
            return Err(Error::invalid(format!(
                "attribute {name:?} is {} bytes; at most {MAX_ATTRIBUTE_SIZE} are allowed",
                value.len()
            )));
        }
        db.write(|tx| {
            let mut object = db::load(tx, id)?;
            tx.prepare_cached(
                "INSERT INTO attributes (object, name, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT(object, name) DO UPDATE SET value = excluded.value",
            )?
            .execute(rusqlite::params![id, name, value])?;
            db::save(tx, &mut object)
        })
    }

    /// Remove a named attribute; `OBJECT_NOT_FOUND` if there is none by that name.
    pub fn delete_attribute(&self, id: ObjectId, name: &str) -> Result<()> {
        self.db()?.write(|tx| {
            let mut object = db::load(tx, id)?;
            let removed = tx
                .prepare_cached("DELETE FROM attributes WHERE object = ?1 AND name = ?2")?
                .execute(rusqlite::params![id, name])?;
            if removed == 0 {
                return Err(Error::not_found(format!("attribute {name:?} of {id}")));
            }
            db::save(tx, &mut object)
        })
    }

    /// Enable an object (`EnableNtmsObject`).
    pub fn enable(&self, id: ObjectId) -> Result<()> {
        self.set_enabled(id, true)
    }

    /// Disable an object (`DisableNtmsObject`): a disabled library, drive, medium or pool is not used.
    pub fn disable(&self, id: ObjectId) -> Result<()> {
        self.set_enabled(id, false)
    }

    fn set_enabled(&self, id: ObjectId, enabled: bool) -> Result<()> {
        self.db()?.write(|tx| {
            let mut object = db::load(tx, id)?;
            if !can_enable(object.object_type) {
                return Err(Error::invalid(format!("{} objects cannot be enabled or disabled", object.object_type)));
            }
            if object.enabled != enabled {
                object.enabled = enabled;
                db::save(tx, &mut object)?;
            }
            Ok(())
        })
    }

    /// Delete an object where the spec allows it: media pools (empty ones, see
    /// [`delete_media_pool`](Session::delete_media_pool)), media types, physical media (see
    /// [`delete_media`](Session::delete_media)), finished library requests, operator requests.
    pub fn delete_object(&self, id: ObjectId) -> Result<()> {
        let t = self.db()?.read(|conn| db::type_of(conn, id))?;
        match t {
            ObjectType::MediaPool => self.delete_media_pool(id),
            ObjectType::MediaType => self.delete_media_type(id),
            ObjectType::PhysicalMedia => self.delete_media(id),
            ObjectType::LibRequest | ObjectType::OpRequest => self.db()?.write(|tx| {
                let object = db::load_as(tx, id, t)?;
                let finished = match &object.detail {
                    Detail::LibRequest(r) => !matches!(
                        r.request_state,
                        LibRequestState::Queued | LibRequestState::InProcess | LibRequestState::Waiting
                    ),
                    Detail::OpRequest(r) => {
                        matches!(r.request_state, OpRequestState::Refused | OpRequestState::Complete)
                    }
                    _ => false,
                };
                if !finished {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!("{t} {id} has not finished: cancel it first"),
                    ));
                }
                db::delete(tx, id, t)
            }),
            _ => Err(Error::new(ErrorKind::InvalidOperation, format!("{t} objects cannot be deleted this way"))),
        }
    }
}

fn set_info(tx: &mut db::Tx<'_>, id: ObjectId, changes: &ObjectChanges) -> Result<Object> {
    let mut object = db::load(tx, id)?;
    apply_changes(&mut object, changes)?;
    if object.object_type == ObjectType::MediaPool && changes.name.is_some() {
        let parent = match &object.detail {
            Detail::MediaPool(p) => p.parent,
            _ => None,
        };
        crate::media::ensure_pool_name_free(tx, parent, &object.name, Some(id))?;
    }
    if object.object_type == ObjectType::MediaType && changes.name.is_some() {
        crate::media::rename_system_pools(tx, id, &object.name)?;
    }
    db::save(tx, &mut object)?;
    if let Detail::MediaPool(pool) = &mut object.detail {
        pool.path = db::pool_path(tx, id)?;
    }
    Ok(object)
}

fn can_enable(t: ObjectType) -> bool {
    use ObjectType::*;
    matches!(
        t,
        Library | Drive | Changer | PhysicalMedia | Partition | MediaPool | StorageSlot | IePort | IeDoor | MediaType
    )
}

fn not_applicable(field: &str, t: ObjectType) -> Error {
    Error::invalid(format!("{field} does not apply to {t} objects"))
}

fn apply_changes(object: &mut Object, c: &ObjectChanges) -> Result<()> {
    let t = object.object_type;
    if let Some(name) = &c.name {
        check_name(name)?;
        object.name = name.clone();
    }
    if let Some(description) = &c.description {
        check_description(description)?;
        object.description = description.clone();
    }
    macro_rules! set {
        ($field:ident, $variant:ident) => {
            if let Some(v) = c.$field.clone() {
                match &mut object.detail {
                    Detail::$variant(d) => d.$field = v.into(),
                    _ => return Err(not_applicable(stringify!($field), t)),
                }
            }
        };
    }
    set!(inventory_method, Library);
    set!(auto_recovery, Library);
    set!(deferred_dismount_seconds, Drive);
    set!(max_open_seconds, IeDoor);
    set!(max_extend_seconds, IePort);
    set!(draw_from_free, MediaPool);
    set!(return_to_free, MediaPool);
    set!(max_allocations, MediaPool);
    set!(librequest_purge_seconds, Computer);
    set!(oprequest_purge_seconds, Computer);
    if let Some(barcode) = &c.barcode {
        crate::media::check_barcode(barcode)?;
        match &mut object.detail {
            Detail::PhysicalMedia(m) => {
                m.barcode = Some(barcode.clone()).filter(|b| !b.is_empty());
                m.barcode_state = BarcodeState::Ok;
            }
            _ => return Err(not_applicable("barcode", t)),
        }
    }
    if let Some(priority) = c.priority {
        if !(-15..=15).contains(&priority) {
            return Err(Error::invalid(format!("priority {priority} is outside -15..15")));
        }
        match &mut object.detail {
            Detail::LibRequest(r) => r.priority = priority,
            _ => return Err(not_applicable("priority", t)),
        }
    }
    if let Detail::MediaPool(p) = &object.detail {
        if p.kind != PoolKind::Application && c.name.is_some() {
            return Err(Error::new(ErrorKind::InvalidOperation, "system pools cannot be renamed"));
        }
    }
    Ok(())
}
