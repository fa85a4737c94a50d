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
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_initial.sql"), include_str!("migrations/0002_library.sql")];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The database of one home, shared by every session of this process that opened that home.
pub(crate) struct Db {
    conn: Mutex<Connection>,
    hub: Arc<Hub>,
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
    pub fn with_connection<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        f(&mut conn)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::new(ErrorKind::DatabaseFailure, format!("cannot use WAL mode (got {mode})")));
    }
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
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
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
