//! Support shared by the integration tests: homes in temporary directories, error-kind helpers,
//! and direct SQL for objects the core creates only through library control (libraries, drives,
//! slots, ports, doors, changers, device types, requests).
#![allow(dead_code)] // each test file uses a different part of this module

use std::path::Path;
use std::time::Duration;

use openrsm::{ErrorKind, MediaSpec, MediaTypeSpec, Object, ObjectId, ObjectType, PoolOptions, Result, Session};
use openrsm::{SessionOptions, Timeout};

/// A session on a fresh home; the directory lives as long as the returned guard.
pub fn fresh() -> (tempfile::TempDir, Session) {
    let home = tempfile::tempdir().expect("temp dir");
    let session = open(home.path());
    (home, session)
}

/// A session on `home`.
pub fn open(home: &Path) -> Session {
    Session::open(SessionOptions::default().home(home).application("tests")).expect("open session")
}

/// The error kind of a result that must be an error.
#[track_caller]
pub fn kind<T: std::fmt::Debug>(result: Result<T>) -> ErrorKind {
    match result {
        Ok(value) => panic!("expected an error, got Ok({value:?})"),
        Err(e) => e.kind(),
    }
}

/// A short timeout for waits that must succeed at once.
pub const SOON: Timeout = Timeout::After(Duration::from_secs(5));

/// A media type with `sides` sides.
pub fn media_type(session: &Session, name: &str, sides: u32) -> Object {
    session.add_media_type(MediaTypeSpec::new(name).sides(sides)).expect("add media type")
}

/// A medium of `media_type` with `barcode`, in `pool` (None: Free of its type).
pub fn medium(session: &Session, media_type: ObjectId, barcode: &str, pool: Option<ObjectId>) -> Object {
    let mut spec = MediaSpec::new(media_type).barcode(barcode);
    spec.pool = pool;
    session.create_media(spec).expect("create media")
}

/// An application pool at `path` for `media_type`, with the default policies.
pub fn pool(session: &Session, path: &str, media_type: ObjectId) -> Object {
    session
        .create_media_pool(path, PoolOptions::default().media_type(media_type).create_parents())
        .expect("create pool")
}

/// The ids of a list of objects, in order.
pub fn ids(objects: &[Object]) -> Vec<ObjectId> {
    objects.iter().map(|o| o.id).collect()
}

/// The sides of a medium, by side number.
pub fn sides(session: &Session, media: ObjectId) -> Vec<Object> {
    session.enumerate(Some(media), ObjectType::Partition).expect("sides")
}

/// The partition fields of a side.
pub fn side_info(side: &Object) -> &openrsm::PartitionInfo {
    match &side.detail {
        openrsm::Detail::Partition(p) => p,
        other => panic!("not a side: {other:?}"),
    }
}

/// The physical-media fields of a medium.
pub fn media_info(media: &Object) -> &openrsm::PhysicalMediaInfo {
    match &media.detail {
        openrsm::Detail::PhysicalMedia(m) => m,
        other => panic!("not a medium: {other:?}"),
    }
}

/// The logical-media fields of an allocated side.
pub fn logical_info(logical: &Object) -> &openrsm::LogicalMediaInfo {
    match &logical.detail {
        openrsm::Detail::LogicalMedia(l) => l,
        other => panic!("not a logical media: {other:?}"),
    }
}

/// The pool fields of a pool.
pub fn pool_info(pool: &Object) -> &openrsm::MediaPoolInfo {
    match &pool.detail {
        openrsm::Detail::MediaPool(p) => p,
        other => panic!("not a pool: {other:?}"),
    }
}

/// A second connection to a home's database, for objects that only library control creates.
pub struct Raw {
    conn: rusqlite::Connection,
}

impl Raw {
    /// Open the database of `home` (a session must have created it).
    pub fn open(home: &Path) -> Raw {
        let conn = rusqlite::Connection::open(home.join("openrsm.db")).expect("open database");
        conn.busy_timeout(Duration::from_secs(5)).unwrap();
        Raw { conn }
    }

    /// The raw connection.
    pub fn conn(&self) -> &rusqlite::Connection {
        &self.conn
    }

    fn object(&self, t: ObjectType, name: &str) -> ObjectId {
        let id = ObjectId::new();
        self.conn
            .execute(
                "INSERT INTO objects (id, type, name, description, created, modified, enabled, state)
                 VALUES (?1, ?2, ?3, '', 0, 0, 1, 0)",
                rusqlite::params![id, t.value(), name],
            )
            .unwrap();
        id
    }

    /// An online library.
    pub fn library(&self, name: &str) -> ObjectId {
        let id = self.object(ObjectType::Library, name);
        self.conn
            .execute(
                "INSERT INTO libraries (id, library_type, barcode_reader, inventory_method, auto_recovery)
                 VALUES (?1, 2, 1, 1, 0)",
                [id],
            )
            .unwrap();
        id
    }

    /// A drive or changer model.
    pub fn device_type(&self, t: ObjectType, name: &str) -> ObjectId {
        let id = self.object(t, name);
        self.conn
            .execute(
                "INSERT INTO device_types (id, vendor, product, device_type) VALUES (?1, 'VENDOR', ?2, 1)",
                rusqlite::params![id, name],
            )
            .unwrap();
        id
    }

    /// Drive `number` of `library`.
    pub fn drive(&self, library: ObjectId, number: u32) -> ObjectId {
        let id = self.object(ObjectType::Drive, &format!("Drive {number}"));
        self.conn
            .execute(
                "INSERT INTO drives (id, library, number, drive_state, deferred_dismount_seconds)
                 VALUES (?1, ?2, ?3, 0, 300)",
                rusqlite::params![id, library, number],
            )
            .unwrap();
        id
    }

    /// Storage slot `number` of `library`.
    pub fn slot(&self, library: ObjectId, number: u32) -> ObjectId {
        let id = self.object(ObjectType::StorageSlot, &format!("Slot {number}"));
        self.conn
            .execute(
                "INSERT INTO slots (id, library, number, slot_state) VALUES (?1, ?2, ?3, 2)",
                rusqlite::params![id, library, number],
            )
            .unwrap();
        id
    }

    /// IE port `number` of `library`.
    pub fn ieport(&self, library: ObjectId, number: u32) -> ObjectId {
        let id = self.object(ObjectType::IePort, &format!("Port {number}"));
        self.conn
            .execute(
                "INSERT INTO ieports (id, library, number, content, position, max_extend_seconds)
                 VALUES (?1, ?2, ?3, 2, 2, 60)",
                rusqlite::params![id, library, number],
            )
            .unwrap();
        id
    }

    /// The door of `library`.
    pub fn iedoor(&self, library: ObjectId) -> ObjectId {
        let id = self.object(ObjectType::IeDoor, "Door");
        self.conn
            .execute(
                "INSERT INTO iedoors (id, library, door_state, max_open_seconds) VALUES (?1, ?2, 1, 300)",
                rusqlite::params![id, library],
            )
            .unwrap();
        id
    }

    /// The changer of `library`.
    pub fn changer(&self, library: ObjectId, changer_type: ObjectId) -> ObjectId {
        let id = self.object(ObjectType::Changer, "Changer");
        self.conn
            .execute(
                "INSERT INTO changers (id, library, changer_type) VALUES (?1, ?2, ?3)",
                rusqlite::params![id, library, changer_type],
            )
            .unwrap();
        id
    }

    /// A queued library request (`arrival` orders the queue).
    pub fn lib_request(
        &self,
        library: ObjectId,
        drive: Option<ObjectId>,
        media: Option<ObjectId>,
        arrival: i64,
        state: u32,
    ) -> ObjectId {
        let id = self.object(ObjectType::LibRequest, &format!("Request {arrival}"));
        self.conn
            .execute(
                "INSERT INTO lib_requests (id, arrival, operation, request_state, priority, library, drive, media,
                                           submitted, application, user)
                 VALUES (?1, ?2, 17, ?3, 0, ?4, ?5, ?6, 0, 'tests', 'tester')",
                rusqlite::params![id, arrival, state, library, drive, media],
            )
            .unwrap();
        id
    }

    /// An operator request.
    pub fn op_request(&self, message: &str, submitted: i64) -> ObjectId {
        let id = self.object(ObjectType::OpRequest, message);
        self.conn
            .execute(
                "INSERT INTO op_requests (id, kind, request_state, message, arguments, submitted, application, user)
                 VALUES (?1, 5, 1, ?2, '[]', ?3, 'tests', 'tester')",
                rusqlite::params![id, message, submitted],
            )
            .unwrap();
        id
    }

    /// Put a medium in `element` (a slot, drive or IE port) of `library`.
    pub fn place(&self, media: ObjectId, library: ObjectId, kind: openrsm::LocationKind, element: ObjectId) {
        let changed = self
            .conn
            .execute(
                "UPDATE physical_media SET library = ?2, location_kind = ?3, location = ?4 WHERE id = ?1",
                rusqlite::params![media, library, kind.value(), element],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }

    /// How many rows a query counts.
    pub fn count(&self, sql: &str) -> i64 {
        self.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}
