//! The embedded database: one SQLite file in WAL mode, schema migrations, and one transaction per
//! API operation whose notifications are published only after it commits.

mod objects;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{ObjectId, ObjectType, Operation};
use crate::notify::Hub;

pub(crate) use objects::*;

/// The migrations, in order; the schema version is how many have been applied (`PRAGMA user_version`).
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_media_tables_without_rowid.sql"),
    include_str!("migrations/0003_library.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The database of one home, shared by every session of this process that opened that home.
pub(crate) struct Db {
    conn: Mutex<Connection>,
    hub: Arc<Hub>,
    #[allow(dead_code)] // for database export and import
    path: PathBuf,
}

/// A write transaction: the SQLite transaction plus the notifications it will publish if it commits.
pub(crate) struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    events: Vec<(Operation, ObjectType, ObjectId)>,
}

impl<'c> Tx<'c> {
    /// Queue a notification; it is published only if the transaction commits.
    pub fn notify(&mut self, operation: Operation, object_type: ObjectType, id: ObjectId) {
        self.events.push((operation, object_type, id));
    }
}

impl<'c> std::ops::Deref for Tx<'c> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Db {
    /// Open (creating if needed) the database file and bring its schema up to date.
    pub fn open(path: &Path, hub: Arc<Hub>) -> Result<Db> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::from(e).with_context(format!("cannot open database {}", path.display())))?;
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(Db { conn: Mutex::new(conn), hub, path: path.to_owned() })
    }

    /// The database file.
    #[allow(dead_code)] // for database export and import
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The notification hub this database publishes to.
    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the transaction rolls back on
        // drop), so the poison flag carries no information worth failing on.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run `f` on the connection without a write transaction.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        f(&conn)
    }

    /// Run `f` in one write transaction. If `f` fails nothing changes and nothing is published; if it
    /// succeeds the transaction commits and its notifications are published in commit order.
    pub fn write<T>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut tx = Tx { tx, events: Vec::new() };
        let value = f(&mut tx)?;
        let Tx { tx, events } = tx;
        tx.commit()?;
        // Publishing while still holding the connection lock keeps publication in commit order.
        self.hub.publish(&events);
        Ok(value)
    }

    /// Run `f` with exclusive use of the raw connection (backup and restore).
    #[allow(dead_code)] // for database export and import
    pub fn with_connection<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        f(&mut conn)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Without the query planner stability guarantee SQLite marks statements whose plan could
    // depend on a bound value, and `sqlite3_clear_bindings` (which the statement cache calls on
    // every reuse) then forces them to be compiled again: the cache would save nothing.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::new(ErrorKind::DatabaseFailure, format!("cannot use WAL mode (got {mode})")));
    }
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
    // Library requests alone use a few dozen distinct statements; rusqlite keeps 16 by default.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

/// The schema version of an open database.
pub(crate) fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Bring a database's schema up to [`SCHEMA_VERSION`]; a newer schema is refused with `DATABASE_FAILURE`.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Apply the migrations a database lacks up to schema version `target` (≤ [`SCHEMA_VERSION`]).
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let current = schema_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::new(
            ErrorKind::DatabaseFailure,
            format!("the database has schema version {current}, newer than this build's {SCHEMA_VERSION}"),
        ));
    }
    if current >= target {
        return Ok(());
    }
    // A migration may rebuild a table (create, copy, drop, rename), which dropping a table that
    // others reference would turn into cascading deletes: foreign keys are off while migrations
    // run (the pragma has no effect inside a transaction) and checked before each commits.
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = apply_migrations(conn, current, target);
    conn.pragma_update(None, "foreign_keys", true)?;
    result
}

fn apply_migrations(conn: &mut Connection, current: u32, target: u32) -> Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(current as usize) {
        let version = index as u32 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        tx.execute_batch(sql)
            .map_err(|e| Error::from(e).with_context(format!("cannot migrate the database to version {version}")))?;
        let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(Error::new(
                ErrorKind::DatabaseFailure,
                format!("migrating the database to version {version} left {broken} broken references"),
            ));
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn a_version_1_database_migrates_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let ids: Vec<ObjectId> = (0..5).map(|_| ObjectId::new()).collect();
        let (media_type, pool, medium, side, logical) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            let object = |id: ObjectId, t: ObjectType, name: &str| {
                conn.execute(
                    "INSERT INTO objects (id, type, name, created, modified) VALUES (?1, ?2, ?3, 0, 0)",
                    rusqlite::params![id, t, name],
                )
                .unwrap();
            };
            object(media_type, ObjectType::MediaType, "LTO-6");
            object(pool, ObjectType::MediaPool, "Backup");
            object(medium, ObjectType::PhysicalMedia, "T00001");
            object(side, ObjectType::Partition, "T00001:A");
            object(logical, ObjectType::LogicalMedia, "T00001:A");
            conn.execute_batch(&format!(
                "INSERT INTO media_types VALUES (x'{mt}', 1, 1);
                 INSERT INTO media_pools VALUES (x'{pool}', 1000, x'{mt}', NULL, 1, 1, 0);
                 INSERT INTO physical_media VALUES (x'{m}', NULL, 0, NULL, NULL, x'{mt}', x'{pool}', 'T00001', 1, 0, 1, NULL);
                 INSERT INTO partitions VALUES (x'{p}', x'{m}', 0, 5, 'LTFS', 'T00001', NULL, 2500, 3, 1, x'{l}');
                 INSERT INTO logical_media VALUES (x'{l}', x'{p}', x'{m}', x'{pool}');",
                mt = hex(media_type),
                pool = hex(pool),
                m = hex(medium),
                p = hex(side),
                l = hex(logical),
            ))
            .unwrap();
        }
        let db = Db::open(&path, Arc::new(Hub::new())).unwrap();
        db.read(|c| {
            assert_eq!(schema_version(c)?, SCHEMA_VERSION);
            let foreign_keys: bool = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
            assert!(foreign_keys);
            let m = load(c, medium)?;
            assert!(matches!(&m.detail, Detail::PhysicalMedia(i) if i.pool == pool && i.barcode.as_deref() == Some("T00001")));
            let p = load(c, side)?;
            assert!(matches!(&p.detail, Detail::Partition(i)
                if i.capacity == 2500 && i.allocation_count == 1 && i.logical_media == Some(logical)
                    && i.omid.as_ref().is_some_and(|o| o.label_type == "LTFS")));
            assert!(matches!(&load(c, logical)?.detail, Detail::LogicalMedia(i) if i.partition == side));
            // Stored by id now: no rowid.
            assert!(c.prepare("SELECT rowid FROM physical_media").is_err());
            Ok(())
        })
        .unwrap();
        // The references still hold: deleting the medium's objects row takes its side along.
        db.write(|tx| {
            tx.execute("DELETE FROM logical_media", [])?;
            tx.execute("DELETE FROM objects WHERE id = ?1", [medium])?;
            let sides: i64 = tx.query_row("SELECT count(*) FROM partitions", [], |r| r.get(0))?;
            assert_eq!(sides, 0);
            // `pool` is an object, so only the missing medium can refuse this side.
            let refused = tx.execute(
                "INSERT INTO partitions (id, physical_media, side, partition_state) VALUES (?1, x'01', 0, 0)",
                [pool],
            );
            assert!(refused.is_err(), "a side of a medium that does not exist is refused");
            Ok(())
        })
        .unwrap();
    }

    fn hex(id: ObjectId) -> String {
        id.as_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The statement cache only pays off if a cached statement is not compiled again on reuse;
    /// SQLite recompiles statements whose plan depends on bound values unless the query planner
    /// stability guarantee is on.
    #[test]
    fn cached_statements_are_not_prepared_again() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db"), Arc::new(Hub::new())).unwrap();
        crate::service::bootstrap(&db).unwrap();
        let pools = db.read(|c| query(c, ObjectType::MediaPool, "", [])).unwrap();
        db.read(|c| {
            for _ in 0..3 {
                for pool in &pools {
                    load_as(c, pool.id, ObjectType::MediaPool)?;
                    query(c, ObjectType::MediaPool, "t.kind = ?1 AND t.parent IS NULL", [PoolKind::Free])?;
                }
            }
            // The very statements `load_as` and `query` used above, from the cache.
            let stmt = c.prepare_cached(&format!("{} WHERE t.id = ?1", select_sql(ObjectType::MediaPool)?))?;
            assert!(stmt.get_status(rusqlite::StatementStatus::Run) >= 3);
            assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
            let sql = format!("{} WHERE t.kind = ?1 AND t.parent IS NULL", select_sql(ObjectType::MediaPool)?);
            let stmt = c.prepare_cached(&sql)?;
            assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
            Ok(())
        })
        .unwrap();
    }
}
