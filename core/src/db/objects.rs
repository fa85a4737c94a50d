//! Reading and writing objects: the `objects` row every object has plus the row of its type's table.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};

use super::Tx;
use crate::error::{Error, Result};
use crate::model::*;

/// The columns every object has, in the order `read_object` expects them.
const COMMON: &str = "o.id, o.type, o.name, o.description, o.created, o.modified, o.enabled, o.state";
const COMMON_COUNT: usize = 8;

/// The table of a type and its columns after `id`, in the order `read_detail`/`detail_values` use.
pub(crate) fn table_of(t: ObjectType) -> Result<(&'static str, &'static [&'static str])> {
    use ObjectType::*;
    Ok(match t {
        Computer => ("computers", &["librequest_purge_seconds", "oprequest_purge_seconds"]),
        Library => (
            "libraries",
            &[
                "library_type",
                "cleaner_slot",
                "cleaner_uses_left",
                "barcode_reader",
                "inventory_method",
                "auto_recovery",
                "driver",
            ],
        ),
        Changer => ("changers", &["library", "changer_type", "device_path", "serial"]),
        ChangerType | DriveType => ("device_types", &["vendor", "product", "device_type"]),
        Drive => (
            "drives",
            &[
                "library",
                "number",
                "drive_state",
                "drive_type",
                "device_path",
                "serial",
                "mount_count",
                "last_cleaned",
                "deferred_dismount_seconds",
                "media",
                "element_address",
            ],
        ),
        IeDoor => ("iedoors", &["library", "door_state", "max_open_seconds"]),
        IePort => {
            ("ieports", &["library", "number", "content", "position", "max_extend_seconds", "media", "element_address"])
        }
        StorageSlot => ("slots", &["library", "number", "slot_state", "media", "element_address"]),
        MediaType => ("media_types", &["sides", "read_write"]),
        PhysicalMedia => (
            "physical_media",
            &[
                "library",
                "location_kind",
                "location",
                "home_slot",
                "media_type",
                "pool",
                "barcode",
                "barcode_state",
                "media_state",
                "sides",
                "mounted_side",
            ],
        ),
        Partition => (
            "partitions",
            &[
                "physical_media",
                "side",
                "partition_state",
                "omid_label_type",
                "omid_label_id",
                "omid_application",
                "capacity",
                "mount_count",
                "allocation_count",
                "logical_media",
            ],
        ),
        LogicalMedia => ("logical_media", &["partition", "physical_media", "pool"]),
        MediaPool => {
            ("media_pools", &["kind", "media_type", "parent", "draw_from_free", "return_to_free", "max_allocations"])
        }
        LibRequest => (
            "lib_requests",
            &[
                "operation",
                "request_state",
                "priority",
                "library",
                "drive",
                "media",
                "submitted",
                "started",
                "completed",
                "application",
                "user",
                "error_code",
                "error_message",
                "progress_done",
                "progress_total",
            ],
        ),
        OpRequest => {
            ("op_requests", &["kind", "request_state", "message", "arguments", "submitted", "application", "user"])
        }
        Unknown | Object | UiDestination => {
            return Err(Error::invalid(format!("{t} objects are not stored in the database")))
        }
    })
}

/// `SELECT <common>, <type columns> FROM objects o JOIN <table> t ON t.id = o.id`; add a `WHERE`.
pub(crate) fn select_sql(t: ObjectType) -> Result<String> {
    let (table, columns) = table_of(t)?;
    let mut sql = format!("SELECT {COMMON}");
    for c in columns {
        sql.push_str(", t.");
        sql.push_str(c);
    }
    sql.push_str(&format!(" FROM objects o JOIN {table} t ON t.id = o.id"));
    Ok(sql)
}

fn millis(t: Timestamp) -> i64 {
    t.timestamp_millis()
}

fn opt_time(v: Option<i64>) -> Option<Timestamp> {
    v.map(from_millis)
}

/// Read an object from a row laid out by [`select_sql`].
pub(crate) fn read_object(row: &Row<'_>) -> rusqlite::Result<Object> {
    let object_type: ObjectType = row.get(1)?;
    Ok(Object {
        id: row.get(0)?,
        object_type,
        name: row.get(2)?,
        description: row.get(3)?,
        created: from_millis(row.get(4)?),
        modified: from_millis(row.get(5)?),
        enabled: row.get(6)?,
        state: row.get(7)?,
        detail: read_detail(object_type, row)?,
    })
}

fn read_detail(t: ObjectType, row: &Row<'_>) -> rusqlite::Result<Detail> {
    let b = COMMON_COUNT;
    use ObjectType::*;
    Ok(match t {
        Computer => Detail::Computer(ComputerInfo {
            librequest_purge_seconds: row.get(b)?,
            oprequest_purge_seconds: row.get(b + 1)?,
        }),
        Library => Detail::Library(LibraryInfo {
            library_type: row.get(b)?,
            cleaner_slot: row.get(b + 1)?,
            cleaner_uses_left: row.get(b + 2)?,
            barcode_reader: row.get(b + 3)?,
            inventory_method: row.get(b + 4)?,
            auto_recovery: row.get(b + 5)?,
            driver: row.get(b + 6)?,
        }),
        Changer => Detail::Changer(ChangerInfo {
            library: row.get(b)?,
            changer_type: row.get(b + 1)?,
            device_path: row.get(b + 2)?,
            serial: row.get(b + 3)?,
        }),
        ChangerType | DriveType => {
            let info = DeviceTypeInfo { vendor: row.get(b)?, product: row.get(b + 1)?, device_type: row.get(b + 2)? };
            if t == ChangerType {
                Detail::ChangerType(info)
            } else {
                Detail::DriveType(info)
            }
        }
        Drive => Detail::Drive(DriveInfo {
            library: row.get(b)?,
            number: row.get(b + 1)?,
            drive_state: row.get(b + 2)?,
            drive_type: row.get(b + 3)?,
            device_path: row.get(b + 4)?,
            serial: row.get(b + 5)?,
            mount_count: row.get::<_, i64>(b + 6)? as u64,
            last_cleaned: opt_time(row.get(b + 7)?),
            deferred_dismount_seconds: row.get(b + 8)?,
            media: row.get(b + 9)?,
            element_address: row.get(b + 10)?,
        }),
        IeDoor => Detail::IeDoor(IeDoorInfo {
            library: row.get(b)?,
            door_state: row.get(b + 1)?,
            max_open_seconds: row.get(b + 2)?,
        }),
        IePort => Detail::IePort(IePortInfo {
            library: row.get(b)?,
            number: row.get(b + 1)?,
            content: row.get(b + 2)?,
            position: row.get(b + 3)?,
            max_extend_seconds: row.get(b + 4)?,
            media: row.get(b + 5)?,
            element_address: row.get(b + 6)?,
        }),
        StorageSlot => Detail::StorageSlot(SlotInfo {
            library: row.get(b)?,
            number: row.get(b + 1)?,
            slot_state: row.get(b + 2)?,
            media: row.get(b + 3)?,
            element_address: row.get(b + 4)?,
        }),
        MediaType => Detail::MediaType(MediaTypeInfo { sides: row.get(b)?, read_write: row.get(b + 1)? }),
        PhysicalMedia => Detail::PhysicalMedia(PhysicalMediaInfo {
            library: row.get(b)?,
            location: Location { kind: row.get(b + 1)?, element: row.get(b + 2)? },
            home_slot: row.get(b + 3)?,
            media_type: row.get(b + 4)?,
            pool: row.get(b + 5)?,
            barcode: row.get(b + 6)?,
            barcode_state: row.get(b + 7)?,
            media_state: row.get(b + 8)?,
            sides: row.get(b + 9)?,
            mounted_side: row.get(b + 10)?,
        }),
        Partition => {
            let label_type: Option<String> = row.get(b + 3)?;
            let omid = match label_type {
                Some(label_type) => Some(Omid { label_type, label_id: row.get(b + 4)?, application: row.get(b + 5)? }),
                None => None,
            };
            Detail::Partition(PartitionInfo {
                physical_media: row.get(b)?,
                side: row.get(b + 1)?,
                partition_state: row.get(b + 2)?,
                omid,
                capacity: row.get::<_, i64>(b + 6)? as u64,
                mount_count: row.get::<_, i64>(b + 7)? as u64,
                allocation_count: row.get(b + 8)?,
                logical_media: row.get(b + 9)?,
            })
        }
        LogicalMedia => Detail::LogicalMedia(LogicalMediaInfo {
            partition: row.get(b)?,
            physical_media: row.get(b + 1)?,
            pool: row.get(b + 2)?,
        }),
        MediaPool => Detail::MediaPool(MediaPoolInfo {
            kind: row.get(b)?,
            media_type: row.get(b + 1)?,
            parent: row.get(b + 2)?,
            path: String::new(),
            draw_from_free: row.get(b + 3)?,
            return_to_free: row.get(b + 4)?,
            max_allocations: row.get(b + 5)?,
        }),
        LibRequest => Detail::LibRequest(LibRequestInfo {
            operation: row.get(b)?,
            request_state: row.get(b + 1)?,
            priority: row.get(b + 2)?,
            library: row.get(b + 3)?,
            drive: row.get(b + 4)?,
            media: row.get(b + 5)?,
            submitted: from_millis(row.get(b + 6)?),
            started: opt_time(row.get(b + 7)?),
            completed: opt_time(row.get(b + 8)?),
            application: row.get(b + 9)?,
            user: row.get(b + 10)?,
            error_code: row.get(b + 11)?,
            error_message: row.get(b + 12)?,
            progress_done: row.get::<_, i64>(b + 13)? as u64,
            progress_total: row.get::<_, i64>(b + 14)? as u64,
        }),
        OpRequest => {
            let arguments: String = row.get(b + 3)?;
            Detail::OpRequest(OpRequestInfo {
                kind: row.get(b)?,
                request_state: row.get(b + 1)?,
                message: row.get(b + 2)?,
                arguments: serde_json::from_str(&arguments).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(b + 3, rusqlite::types::Type::Text, e.into())
                })?,
                submitted: from_millis(row.get(b + 4)?),
                application: row.get(b + 5)?,
                user: row.get(b + 6)?,
            })
        }
        Unknown | Object | UiDestination => {
            return Err(rusqlite::Error::InvalidColumnType(1, "type".into(), rusqlite::types::Type::Integer))
        }
    })
}

fn id(v: ObjectId) -> Value {
    Value::Blob(v.as_bytes().to_vec())
}

fn opt_id(v: Option<ObjectId>) -> Value {
    v.map_or(Value::Null, id)
}

fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

fn opt_text(v: &Option<String>) -> Value {
    v.as_deref().map_or(Value::Null, text)
}

fn int(v: impl Into<i64>) -> Value {
    Value::Integer(v.into())
}

fn opt_int<T: Into<i64> + Copy>(v: Option<T>) -> Value {
    v.map_or(Value::Null, |v| Value::Integer(v.into()))
}

fn big(v: u64) -> Value {
    Value::Integer(i64::try_from(v).unwrap_or(i64::MAX))
}

/// The values of a detail, in the column order of [`table_of`].
fn detail_values(detail: &Detail) -> Vec<Value> {
    match detail {
        Detail::Computer(c) => vec![int(c.librequest_purge_seconds), int(c.oprequest_purge_seconds)],
        Detail::Library(l) => vec![
            int(l.library_type.value()),
            opt_id(l.cleaner_slot),
            opt_int(l.cleaner_uses_left),
            int(l.barcode_reader),
            int(l.inventory_method.value()),
            int(l.auto_recovery),
            opt_text(&l.driver),
        ],
        Detail::Changer(c) => {
            vec![id(c.library), opt_id(c.changer_type), opt_text(&c.device_path), opt_text(&c.serial)]
        }
        Detail::ChangerType(d) | Detail::DriveType(d) => vec![text(&d.vendor), text(&d.product), int(d.device_type)],
        Detail::Drive(d) => vec![
            id(d.library),
            int(d.number),
            int(d.drive_state.value()),
            opt_id(d.drive_type),
            opt_text(&d.device_path),
            opt_text(&d.serial),
            big(d.mount_count),
            opt_int(d.last_cleaned.map(millis)),
            int(d.deferred_dismount_seconds),
            opt_id(d.media),
            opt_int(d.element_address),
        ],
        Detail::IeDoor(d) => vec![id(d.library), int(d.door_state.value()), int(d.max_open_seconds)],
        Detail::IePort(p) => vec![
            id(p.library),
            int(p.number),
            int(p.content.value()),
            int(p.position.value()),
            int(p.max_extend_seconds),
            opt_id(p.media),
            opt_int(p.element_address),
        ],
        Detail::StorageSlot(s) => {
            vec![id(s.library), int(s.number), int(s.slot_state.value()), opt_id(s.media), opt_int(s.element_address)]
        }
        Detail::MediaType(m) => vec![int(m.sides), int(m.read_write.value())],
        Detail::PhysicalMedia(m) => vec![
            opt_id(m.library),
            int(m.location.kind.value()),
            opt_id(m.location.element),
            opt_id(m.home_slot),
            id(m.media_type),
            id(m.pool),
            opt_text(&m.barcode),
            int(m.barcode_state.value()),
            int(m.media_state.value()),
            int(m.sides),
            opt_id(m.mounted_side),
        ],
        Detail::Partition(p) => {
            let omid = p.omid.as_ref();
            vec![
                id(p.physical_media),
                int(p.side),
                int(p.partition_state.value()),
                omid.map_or(Value::Null, |o| text(&o.label_type)),
                omid.map_or(Value::Null, |o| text(&o.label_id)),
                omid.map_or(Value::Null, |o| opt_text(&o.application)),
                big(p.capacity),
                big(p.mount_count),
                int(p.allocation_count),
                opt_id(p.logical_media),
            ]
        }
        Detail::LogicalMedia(l) => vec![id(l.partition), id(l.physical_media), id(l.pool)],
        Detail::MediaPool(p) => vec![
            int(p.kind.value()),
            opt_id(p.media_type),
            opt_id(p.parent),
            int(p.draw_from_free),
            int(p.return_to_free),
            int(p.max_allocations),
        ],
        Detail::LibRequest(r) => vec![
            int(r.operation.value()),
            int(r.request_state.value()),
            int(r.priority),
            opt_id(r.library),
            opt_id(r.drive),
            opt_id(r.media),
            int(millis(r.submitted)),
            opt_int(r.started.map(millis)),
            opt_int(r.completed.map(millis)),
            text(&r.application),
            text(&r.user),
            opt_int(r.error_code),
            opt_text(&r.error_message),
            big(r.progress_done),
            big(r.progress_total),
        ],
        Detail::OpRequest(r) => vec![
            int(r.kind.value()),
            int(r.request_state.value()),
            text(&r.message),
            Value::Text(serde_json::to_string(&r.arguments).unwrap_or_else(|_| "[]".into())),
            int(millis(r.submitted)),
            text(&r.application),
            text(&r.user),
        ],
    }
}

/// Fill the fields that are derived rather than stored (a pool's full path).
fn complete(conn: &Connection, object: &mut Object) -> Result<()> {
    if let Detail::MediaPool(pool) = &mut object.detail {
        pool.path = pool_path(conn, object.id)?;
    }
    Ok(())
}

/// The full path of a pool: the names from the top pool down, joined by `/`.
pub(crate) fn pool_path(conn: &Connection, pool: ObjectId) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE up(id, depth) AS (
             SELECT ?1, 0
             UNION ALL
             SELECT p.parent, up.depth + 1 FROM up JOIN media_pools p ON p.id = up.id
             WHERE p.parent IS NOT NULL AND up.depth < 64)
         SELECT o.name FROM up JOIN objects o ON o.id = up.id ORDER BY up.depth DESC",
    )?;
    let names: Vec<String> = stmt.query_map([pool], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names.join("/"))
}

/// The type of the object with this id.
pub(crate) fn type_of(conn: &Connection, object: ObjectId) -> Result<ObjectType> {
    conn.prepare_cached("SELECT type FROM objects WHERE id = ?1")?
        .query_row([object], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(format!("object {object}")))
}

/// Load one object of any type.
pub(crate) fn load(conn: &Connection, object: ObjectId) -> Result<Object> {
    let t = type_of(conn, object)?;
    load_as(conn, object, t)
}

/// Load one object that must be of type `t` (`OBJECT_NOT_FOUND` otherwise).
pub(crate) fn load_as(conn: &Connection, object: ObjectId, t: ObjectType) -> Result<Object> {
    let sql = format!("{} WHERE o.id = ?1", select_sql(t)?);
    let found = conn.prepare_cached(&sql)?.query_row([object], read_object).optional()?;
    let mut found = found.ok_or_else(|| Error::not_found(format!("{t} {object}")))?;
    complete(conn, &mut found)?;
    Ok(found)
}

/// Load every object of type `t` matching `filter` (an SQL condition on `o` and `t`, or "" for all).
pub(crate) fn query(
    conn: &Connection,
    t: ObjectType,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Object>> {
    let mut sql = select_sql(t)?;
    if !filter.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(filter);
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut objects: Vec<Object> = stmt.query_map(params, read_object)?.collect::<rusqlite::Result<_>>()?;
    if t == ObjectType::MediaPool {
        for o in &mut objects {
            complete(conn, o)?;
        }
    }
    Ok(objects)
}

/// Insert a new object and queue its INSERT notification.
pub(crate) fn insert(tx: &mut Tx<'_>, object: &Object) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO objects (id, type, name, description, created, modified, enabled, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        object.id,
        object.object_type,
        object.name,
        object.description,
        millis(object.created),
        millis(object.modified),
        object.enabled,
        object.state,
    ])?;
    write_detail(tx, object)?;
    tx.notify(Operation::Insert, object.object_type, object.id);
    Ok(())
}

/// Write back every field of an existing object, stamp it modified now, and queue its UPDATE notification.
pub(crate) fn save(tx: &mut Tx<'_>, object: &mut Object) -> Result<()> {
    object.modified = now();
    let changed = tx
        .prepare_cached(
            "UPDATE objects SET name = ?2, description = ?3, modified = ?4, enabled = ?5, state = ?6 WHERE id = ?1",
        )?
        .execute(rusqlite::params![
            object.id,
            object.name,
            object.description,
            millis(object.modified),
            object.enabled,
            object.state,
        ])?;
    if changed == 0 {
        return Err(Error::not_found(format!("{} {}", object.object_type, object.id)));
    }
    write_detail(tx, object)?;
    tx.notify(Operation::Update, object.object_type, object.id);
    Ok(())
}

fn write_detail(tx: &Tx<'_>, object: &Object) -> Result<()> {
    let (table, columns) = table_of(object.object_type)?;
    let values = detail_values(&object.detail);
    debug_assert_eq!(values.len(), columns.len());
    let names = columns.join(", ");
    let marks: Vec<String> = (2..=columns.len() + 1).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = columns.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let sql = format!(
        "INSERT INTO {table} (id, {names}) VALUES (?1, {}) ON CONFLICT(id) DO UPDATE SET {}",
        marks.join(", "),
        updates.join(", ")
    );
    let params = std::iter::once(id(object.id)).chain(values);
    tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(params))?;
    Ok(())
}

/// Delete an object (its attributes and type row go with it) and queue its DELETE notification.
pub(crate) fn delete(tx: &mut Tx<'_>, object: ObjectId, t: ObjectType) -> Result<()> {
    tx.prepare_cached("DELETE FROM objects WHERE id = ?1")?.execute([object])?;
    tx.notify(Operation::Delete, t, object);
    Ok(())
}

/// Build a new object with the common fields set to their defaults.
pub(crate) fn new_object(name: impl Into<String>, detail: Detail) -> Object {
    let at = now();
    Object {
        id: ObjectId::new(),
        object_type: type_of_detail(&detail),
        name: name.into(),
        description: String::new(),
        created: at,
        modified: at,
        enabled: true,
        state: OperationalState::Ready,
        detail,
    }
}

/// The object type a detail belongs to.
pub(crate) fn type_of_detail(detail: &Detail) -> ObjectType {
    match detail {
        Detail::Computer(_) => ObjectType::Computer,
        Detail::Library(_) => ObjectType::Library,
        Detail::Changer(_) => ObjectType::Changer,
        Detail::ChangerType(_) => ObjectType::ChangerType,
        Detail::Drive(_) => ObjectType::Drive,
        Detail::DriveType(_) => ObjectType::DriveType,
        Detail::IeDoor(_) => ObjectType::IeDoor,
        Detail::IePort(_) => ObjectType::IePort,
        Detail::StorageSlot(_) => ObjectType::StorageSlot,
        Detail::MediaType(_) => ObjectType::MediaType,
        Detail::PhysicalMedia(_) => ObjectType::PhysicalMedia,
        Detail::Partition(_) => ObjectType::Partition,
        Detail::LogicalMedia(_) => ObjectType::LogicalMedia,
        Detail::MediaPool(_) => ObjectType::MediaPool,
        Detail::LibRequest(_) => ObjectType::LibRequest,
        Detail::OpRequest(_) => ObjectType::OpRequest,
    }
}
