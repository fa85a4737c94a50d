//! Database export and import (`ExportNtmsDatabase` / `ImportNtmsDatabase`).
//!
//! An export is a consistent copy of the whole database, taken with SQLite's online backup API
//! while the service keeps running, wrapped in a small envelope that says what it is and lets an
//! import prove it is whole before touching anything:
//!
//! | offset | size | field                                                                |
//! |-------:|-----:|----------------------------------------------------------------------|
//! |      0 |    8 | magic [`SNAPSHOT_MAGIC`] (`89 'O' 'R' 'S' 'M' 0D 0A 1A`)             |
//! |      8 |    4 | format version, u32 little-endian ([`SNAPSHOT_FORMAT_VERSION`])      |
//! |     12 |    4 | schema version of the payload, u32 LE ([`SCHEMA_VERSION`]) |
//! |     16 |    8 | creation time, i64 LE, Unix milliseconds                             |
//! |     24 |    8 | payload length in bytes, u64 LE                                      |
//! |     32 |   32 | SHA-256 of bytes 0..32 followed by the payload                       |
//! |     64 |    … | payload: an SQLite 3 database file                                   |
//!
//! The checksum covers the header fields as well as the payload, so a damaged byte anywhere in the
//! file is caught. An import checks, in this order: the magic, the format version, the schema
//! version, the length (truncation), the checksum; then it opens the payload in a scratch
//! directory and runs `PRAGMA integrity_check`, compares its schema with the one this build
//! creates, runs `PRAGMA foreign_key_check` and the referential checks of the OpenRSM schema, and
//! reads every object. Only a file that passes all of that replaces the live database, in one
//! step; every notification subscription is then broken (`NO_DATA`), because a wholesale change
//! cannot be described as events.
//!
//! Refusals: a file that is not an OpenRSM export at all (empty, no magic, another SQLite
//! database, an unsupported format or schema version) is `INVALID_PARAMETER`; an OpenRSM export
//! that is truncated, fails its checksum or holds an inconsistent database is `DATABASE_FAILURE`.
//! Either way the live database is untouched.
//!
//! ```
//! # fn main() -> openrsm::Result<()> {
//! use openrsm::{MediaTypeSpec, ObjectType, Session, SessionOptions};
//! let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
//! let first = Session::open(SessionOptions::default().home(a.path()))?;
//! let lto = first.add_media_type(MediaTypeSpec::new("LTO-6"))?;
//! let file = a.path().join("backup.rsmdb");
//! let info = first.export_database(&file)?;
//! assert_eq!(info.schema_version, openrsm::SCHEMA_VERSION);
//!
//! let second = Session::open(SessionOptions::default().home(b.path()))?;
//! second.import_database(&file)?;
//! assert_eq!(second.object(lto.id)?.name, "LTO-6");
//! # Ok(()) }
//! ```

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::db::{self, SCHEMA_VERSION};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::session::Session;

/// The first eight bytes of every export file. The high first byte catches 7-bit transfers and
/// the CR LF pair catches newline translation, like PNG's signature.
pub const SNAPSHOT_MAGIC: [u8; 8] = [0x89, b'O', b'R', b'S', b'M', b'\r', b'\n', 0x1a];

/// The envelope format version this build writes and reads.
pub const SNAPSHOT_FORMAT_VERSION: u32 = 1;

/// Size of the envelope header in front of the payload.
pub const SNAPSHOT_HEADER_LEN: usize = 64;

/// The part of the header the checksum covers (everything before the checksum itself).
const HASHED_HEADER_LEN: usize = 32;

/// How many times a backup step that finds the database busy is retried before giving up.
const BUSY_RETRIES: u32 = 200;

/// What an export file holds, as written by [`Session::export_database`] or accepted by
/// [`Session::import_database`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    /// The export file.
    pub path: PathBuf,
    /// Envelope format version.
    pub format_version: u32,
    /// Schema version of the database in it (before any migration on import).
    pub schema_version: u32,
    /// When it was exported.
    pub created: Timestamp,
    /// Size of the database payload in bytes.
    pub payload_bytes: u64,
    /// SHA-256 over the header fields and the payload, lowercase hex.
    pub sha256: String,
    /// How many objects the database holds.
    pub objects: u64,
}

/// The decoded envelope header.
struct Header {
    format_version: u32,
    schema_version: u32,
    created_millis: i64,
    payload_len: u64,
    sha256: [u8; 32],
}

impl Header {
    fn hashed_prefix(&self) -> [u8; HASHED_HEADER_LEN] {
        let mut out = [0u8; HASHED_HEADER_LEN];
        out[0..8].copy_from_slice(&SNAPSHOT_MAGIC);
        out[8..12].copy_from_slice(&self.format_version.to_le_bytes());
        out[12..16].copy_from_slice(&self.schema_version.to_le_bytes());
        out[16..24].copy_from_slice(&self.created_millis.to_le_bytes());
        out[24..32].copy_from_slice(&self.payload_len.to_le_bytes());
        out
    }

    fn encode(&self) -> [u8; SNAPSHOT_HEADER_LEN] {
        let mut out = [0u8; SNAPSHOT_HEADER_LEN];
        out[..HASHED_HEADER_LEN].copy_from_slice(&self.hashed_prefix());
        out[HASHED_HEADER_LEN..].copy_from_slice(&self.sha256);
        out
    }

    fn decode(bytes: &[u8; SNAPSHOT_HEADER_LEN]) -> Header {
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        Header {
            format_version: u32_at(8),
            schema_version: u32_at(12),
            created_millis: u64_at(16) as i64,
            payload_len: u64_at(24),
            sha256: bytes[HASHED_HEADER_LEN..].try_into().expect("32 bytes"),
        }
    }

    fn info(&self, path: &Path, objects: u64) -> SnapshotInfo {
        SnapshotInfo {
            path: path.to_owned(),
            format_version: self.format_version,
            schema_version: self.schema_version,
            created: crate::model::from_millis(self.created_millis),
            payload_bytes: self.payload_len,
            sha256: hex(&self.sha256),
            objects,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file that is not an OpenRSM export at all.
fn foreign(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidParameter, format!("{} is not an OpenRSM database export: {why}", path.display()))
}

/// An OpenRSM export this build cannot read.
fn unsupported(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::InvalidParameter,
        format!("{} is an OpenRSM database export this build cannot read: {why}", path.display()),
    )
}

/// An OpenRSM export that is damaged.
fn damaged(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::DatabaseFailure, format!("the database export {} is damaged: {why}", path.display()))
}

/// The directory a path lives in (for temporary files that must be renamed over it).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Copy the whole `from` database into `to` with the online backup API, in one step so that the
/// copy is one consistent snapshot (one read transaction on the source, one write transaction on
/// the destination, which therefore either receives everything or nothing).
fn copy_database(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let mut busy = 0;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                busy += 1;
                if busy > BUSY_RETRIES {
                    return Err(Error::new(ErrorKind::NotReady, "the database stayed busy: try again"));
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            _ => {}
        }
    }
}

fn count_objects(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row("SELECT count(*) FROM objects", [], |r| r.get::<_, i64>(0))? as u64)
}

impl Session {
    /// Write a consistent snapshot of the whole database to `path` (`ExportNtmsDatabase`) while
    /// the service keeps running: other sessions keep reading and writing during the export.
    ///
    /// The file (format in the [module documentation](crate::backup)) is written to a temporary
    /// file next to `path` and renamed over it only when complete, so `path` never holds half an
    /// export.
    pub fn export_database(&self, path: impl AsRef<Path>) -> Result<SnapshotInfo> {
        let path = path.as_ref();
        let db = self.db()?;
        let context = |e: Error| e.with_context(format!("cannot export the database to {}", path.display()));
        let dir = parent_dir(path);
        let scratch =
            tempfile::Builder::new().prefix(".openrsm-export-").tempdir_in(dir).map_err(|e| context(Error::from(e)))?;
        let copy_path = scratch.path().join("snapshot.sqlite");

        // A connection of its own: in WAL mode its read transaction sees one committed state
        // while the service's connection goes on committing.
        let source =
            Connection::open_with_flags(db.path(), OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| context(e.into()))?;
        source.busy_timeout(Duration::from_secs(5))?;
        let mut copy = Connection::open(&copy_path).map_err(|e| context(e.into()))?;
        copy_database(&source, &mut copy).map_err(context)?;
        drop(source);
        // The payload is a plain rollback-journal database: a single self-contained file.
        let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        let schema_version = db::schema_version(&copy)?;
        let objects = count_objects(&copy)?;
        copy.close().map_err(|(_, e)| context(e.into()))?;

        let mut payload = File::open(&copy_path).map_err(|e| context(e.into()))?;
        let mut header = Header {
            format_version: SNAPSHOT_FORMAT_VERSION,
            schema_version,
            created_millis: crate::model::now().timestamp_millis(),
            payload_len: payload.metadata()?.len(),
            sha256: [0; 32],
        };
        let mut out = tempfile::Builder::new()
            .prefix(".openrsm-export-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| context(e.into()))?;
        {
            let mut writer = BufWriter::new(out.as_file_mut());
            writer.write_all(&header.encode())?;
            let mut hasher = Sha256::new();
            hasher.update(header.hashed_prefix());
            let copied = copy_hashing(&mut payload, &mut writer, &mut hasher)?;
            if copied != header.payload_len {
                return Err(context(Error::new(ErrorKind::DatabaseFailure, "the snapshot changed while it was read")));
            }
            header.sha256 = hasher.finalize().into();
            writer.seek(SeekFrom::Start(0))?;
            writer.write_all(&header.encode())?;
            writer.flush()?;
        }
        out.as_file().sync_all()?;
        out.persist(path).map_err(|e| context(e.error.into()))?;
        // Make the rename itself durable; a directory that cannot be opened for syncing is not
        // worth failing an export that is already complete.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(header.info(path, objects))
    }

    /// Replace the whole database with an export (`ImportNtmsDatabase`).
    ///
    /// The whole file is validated first (see the [module documentation](crate::backup)); a
    /// damaged, truncated or foreign file is refused with `DATABASE_FAILURE` or
    /// `INVALID_PARAMETER` and a message saying what is wrong, and the live database is left
    /// untouched. After a successful import every notification subscription of this service fails
    /// its next wait with `NO_DATA`: subscribers must re-read state and subscribe again.
    pub fn import_database(&self, path: impl AsRef<Path>) -> Result<SnapshotInfo> {
        let path = path.as_ref();
        let db = self.db()?;
        let home = self.home()?;
        let scratch = tempfile::Builder::new()
            .prefix(".openrsm-import-")
            .tempdir_in(&home)
            .map_err(|e| Error::from(e).with_context("cannot make a scratch directory for the import"))?;
        let copy_path = scratch.path().join("snapshot.sqlite");
        let header = unpack(path, &copy_path)?;
        let mut copy = Connection::open(&copy_path)?;
        let objects = validate(path, &mut copy, header.schema_version)?;
        db.with_connection(|live| {
            align_page_size(&copy, live)?;
            copy_database(&copy, live)
                .map_err(|e| e.with_context(format!("cannot restore {} into the live database", path.display())))?;
            live.flush_prepared_statement_cache();
            Ok(())
        })?;
        db.hub().break_all();
        Ok(header.info(path, objects))
    }
}

/// Stream `from` into `to`, feeding the hasher; the number of bytes copied.
fn copy_hashing(from: &mut impl Read, to: &mut impl Write, hasher: &mut Sha256) -> Result<u64> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        hasher.update(&buf[..n]);
        to.write_all(&buf[..n])?;
        total += n as u64;
    }
}

/// Check the envelope of `path` — magic, versions, length, checksum — and write its payload to `to`.
fn unpack(path: &Path, to: &Path) -> Result<Header> {
    let file = File::open(path).map_err(|e| Error::from(e).with_context(format!("cannot read {}", path.display())))?;
    let len = file.metadata()?.len();
    if len == 0 {
        return Err(foreign(path, "the file is empty"));
    }
    let mut reader = BufReader::new(file);
    let mut bytes = [0u8; SNAPSHOT_HEADER_LEN];
    let have = read_up_to(&mut reader, &mut bytes)?;
    let magic_len = SNAPSHOT_MAGIC.len().min(have);
    if have < SNAPSHOT_MAGIC.len() && bytes[..magic_len] == SNAPSHOT_MAGIC[..magic_len] {
        return Err(damaged(path, format!("truncated: only {have} bytes, the header alone has {SNAPSHOT_HEADER_LEN}")));
    }
    if bytes[..SNAPSHOT_MAGIC.len()] != SNAPSHOT_MAGIC {
        let what = if bytes.starts_with(b"SQLite format 3\0") {
            "it is a bare SQLite database, not an export (no OpenRSM header)"
        } else {
            "it does not start with the OpenRSM export signature"
        };
        return Err(foreign(path, what));
    }
    if have < SNAPSHOT_HEADER_LEN {
        return Err(damaged(path, format!("truncated: only {have} bytes, the header alone has {SNAPSHOT_HEADER_LEN}")));
    }
    let header = Header::decode(&bytes);
    if header.format_version != SNAPSHOT_FORMAT_VERSION {
        return Err(unsupported(
            path,
            format!(
                "format version {} is not supported (this build reads version {SNAPSHOT_FORMAT_VERSION})",
                header.format_version
            ),
        ));
    }
    if header.schema_version == 0 || header.schema_version > SCHEMA_VERSION {
        return Err(unsupported(
            path,
            format!(
                "it holds schema version {}, and this build understands schema versions 1 to {SCHEMA_VERSION}",
                header.schema_version
            ),
        ));
    }
    let actual = len - SNAPSHOT_HEADER_LEN as u64;
    if actual < header.payload_len {
        return Err(damaged(
            path,
            format!("truncated: the header announces {} payload bytes, the file holds {actual}", header.payload_len),
        ));
    }
    if actual > header.payload_len {
        return Err(damaged(
            path,
            format!("{} unexpected bytes follow the {}-byte payload", actual - header.payload_len, header.payload_len),
        ));
    }
    let mut hasher = Sha256::new();
    hasher.update(header.hashed_prefix());
    let mut out = BufWriter::new(File::create(to)?);
    let copied = copy_hashing(&mut reader, &mut out, &mut hasher)?;
    out.flush()?;
    out.into_inner().map_err(|e| Error::from(e.into_error()))?.sync_all()?;
    if copied != header.payload_len {
        return Err(damaged(path, "the file changed while it was read"));
    }
    let computed: [u8; 32] = hasher.finalize().into();
    if computed != header.sha256 {
        return Err(damaged(
            path,
            format!("checksum mismatch (recorded {}, computed {})", hex(&header.sha256), hex(&computed)),
        ));
    }
    Ok(header)
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut have = 0;
    while have < buf.len() {
        match reader.read(&mut buf[have..]) {
            Ok(0) => break,
            Ok(n) => have += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(have)
}

/// Prove that the unpacked payload is a whole, consistent OpenRSM database of this build's
/// schema (migrating an older one); the number of objects in it.
fn validate(path: &Path, copy: &mut Connection, schema_version: u32) -> Result<u64> {
    let unreadable = |e: rusqlite::Error| damaged(path, format!("the payload is not a readable SQLite database ({e})"));
    let problems: Vec<String> = {
        let mut stmt = copy.prepare("PRAGMA integrity_check").map_err(unreadable)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(unreadable)?;
        rows.collect::<rusqlite::Result<_>>().map_err(unreadable)?
    };
    if problems != ["ok"] {
        return Err(damaged(path, format!("SQLite integrity check failed: {}", summarize(&problems))));
    }
    let inner = db::schema_version(copy)?;
    if inner != schema_version {
        return Err(damaged(
            path,
            format!("the header says schema version {schema_version} but the database has {inner}"),
        ));
    }
    let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    copy.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA trusted_schema = OFF;")?;
    if schema_version < SCHEMA_VERSION {
        compare_schema(path, copy, schema_version)?;
        db::migrate(copy).map_err(|e| e.with_context(format!("cannot migrate {}", path.display())))?;
    }
    compare_schema(path, copy, SCHEMA_VERSION)?;

    let violations: Vec<(String, i64, String)> = {
        let mut stmt = copy.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if let Some((table, _, parent)) = violations.first() {
        return Err(damaged(
            path,
            format!(
                "{} foreign key violation(s), e.g. a row of {table} refers to a missing row of {parent}",
                violations.len()
            ),
        ));
    }
    check_references(copy).map_err(|why| damaged(path, why))?;
    check_objects(copy).map_err(|why| damaged(path, why))?;
    count_objects(copy)
}

fn summarize(lines: &[String]) -> String {
    let shown: Vec<&str> = lines.iter().take(3).map(String::as_str).collect();
    if lines.len() > shown.len() {
        format!("{} (and {} more)", shown.join("; "), lines.len() - shown.len())
    } else {
        shown.join("; ")
    }
}

/// The schema (tables, indexes, triggers, views) a database has, by `(type, name, sql)`.
fn schema_of(conn: &Connection) -> Result<BTreeSet<(String, String, Option<String>)>> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The schema this build's migrations create up to `version`.
fn reference_schema(version: u32) -> Result<BTreeSet<(String, String, Option<String>)>> {
    let mut conn = Connection::open_in_memory()?;
    db::migrate_to(&mut conn, version)?;
    schema_of(&conn)
}

/// Refuse a payload whose schema is not exactly the OpenRSM schema of `version`: a foreign
/// database, or one with extra tables or triggers that would act on the live database.
fn compare_schema(path: &Path, conn: &Connection, version: u32) -> Result<()> {
    let have = schema_of(conn)?;
    let want = reference_schema(version)?;
    if have == want {
        return Ok(());
    }
    let names = |set: &BTreeSet<(String, String, Option<String>)>| -> BTreeSet<(String, String)> {
        set.iter().map(|(t, n, _)| (t.clone(), n.clone())).collect()
    };
    let (have_names, want_names) = (names(&have), names(&want));
    let missing: Vec<String> = want_names.difference(&have_names).map(|(t, n)| format!("{t} {n}")).collect();
    let extra: Vec<String> = have_names.difference(&want_names).map(|(t, n)| format!("{t} {n}")).collect();
    let why = if have_names.is_disjoint(&want_names) {
        "it holds an SQLite database without the OpenRSM schema".to_owned()
    } else if !missing.is_empty() {
        format!("its database lacks the OpenRSM {}", summarize(&missing))
    } else if !extra.is_empty() {
        format!("its database has what the OpenRSM schema does not: {}", summarize(&extra))
    } else {
        let changed: Vec<String> = have.difference(&want).map(|(t, n, _)| format!("{t} {n}")).collect();
        format!("its database defines these differently from the OpenRSM schema: {}", summarize(&changed))
    };
    Err(foreign(path, format!("{why} (schema version {version})")))
}

/// Columns that must refer to an existing row: `(table, column, target table, what it is)`.
/// Foreign keys declared in the schema are checked by `PRAGMA foreign_key_check`; these are the
/// references the schema does not declare.
const REFERENCES: &[(&str, &str, &str, &str)] = &[
    ("physical_media", "location", "objects", "location"),
    ("physical_media", "home_slot", "slots", "home slot"),
    ("physical_media", "mounted_side", "partitions", "mounted side"),
    ("partitions", "logical_media", "logical_media", "logical media"),
    ("drives", "media", "physical_media", "medium"),
    ("slots", "media", "physical_media", "medium"),
    ("ieports", "media", "physical_media", "medium"),
    ("libraries", "cleaner_slot", "slots", "cleaner slot"),
];

/// The OpenRSM invariants beyond SQLite's own checks; `Err` says what is wrong.
fn check_references(conn: &Connection) -> std::result::Result<(), String> {
    let count = |sql: &str| -> std::result::Result<i64, String> {
        conn.query_row(sql, [], |r| r.get(0)).map_err(|e| format!("cannot check ({e})"))
    };
    // Every id is a GUID.
    let bad_ids = count("SELECT count(*) FROM objects WHERE typeof(id) <> 'blob' OR length(id) <> 16")?;
    if bad_ids > 0 {
        return Err(format!("{bad_ids} object(s) have an id that is not a 16-byte GUID"));
    }
    // Every object has a stored type, and a row in that type's table; every type row has an
    // objects row of its type.
    let stored: Vec<(ObjectType, &str)> =
        ObjectType::ALL.iter().filter_map(|&t| db::table_of(t).ok().map(|(table, _)| (t, table))).collect();
    let values: Vec<String> = stored.iter().map(|(t, _)| t.value().to_string()).collect();
    let unknown = count(&format!("SELECT count(*) FROM objects WHERE type NOT IN ({})", values.join(", ")))?;
    if unknown > 0 {
        return Err(format!("{unknown} object(s) have an unknown object type"));
    }
    for &(t, table) in &stored {
        let missing = count(&format!(
            "SELECT count(*) FROM objects o WHERE o.type = {} AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = o.id)",
            t.value()
        ))?;
        if missing > 0 {
            return Err(format!("{missing} {t} object(s) have no row in {table}"));
        }
        let types: Vec<String> =
            stored.iter().filter(|(_, other)| *other == table).map(|(t, _)| t.value().to_string()).collect();
        let orphans = count(&format!(
            "SELECT count(*) FROM {table} t WHERE NOT EXISTS
                (SELECT 1 FROM objects o WHERE o.id = t.id AND o.type IN ({}))",
            types.join(", ")
        ))?;
        if orphans > 0 {
            return Err(format!("{orphans} row(s) of {table} have no object of a matching type"));
        }
    }
    for (table, column, target, what) in REFERENCES {
        let dangling = count(&format!(
            "SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM {target} x WHERE x.id = t.{column})"
        ))?;
        if dangling > 0 {
            return Err(format!("{dangling} row(s) of {table} refer to a missing {what}"));
        }
    }
    // Logical media and sides agree on each other.
    let mismatched = count(
        "SELECT count(*) FROM logical_media l JOIN partitions p ON p.id = l.partition
          WHERE p.logical_media IS NOT l.id OR p.physical_media IS NOT l.physical_media",
    )?;
    if mismatched > 0 {
        return Err(format!("{mismatched} logical media disagree with their side"));
    }
    // The pool tree has a root for every pool (no cycles).
    let cyclic = count(
        "WITH RECURSIVE up(start, id, depth) AS (
             SELECT id, parent, 0 FROM media_pools
             UNION ALL
             SELECT up.start, p.parent, up.depth + 1 FROM up JOIN media_pools p ON p.id = up.id
              WHERE up.id IS NOT NULL AND up.depth < 256)
         SELECT count(DISTINCT start) FROM up WHERE depth >= 256",
    )?;
    if cyclic > 0 {
        return Err(format!("{cyclic} media pool(s) are in a cycle of parents"));
    }
    // What every database has: one computer and the top system pools.
    let computers = count(&format!("SELECT count(*) FROM objects WHERE type = {}", ObjectType::Computer.value()))?;
    if computers != 1 {
        return Err(format!("it has {computers} computer objects instead of one"));
    }
    for (name, kind) in crate::service::SYSTEM_POOLS {
        let found =
            count(&format!("SELECT count(*) FROM media_pools WHERE parent IS NULL AND kind = {}", kind.value()))?;
        if found != 1 {
            return Err(format!("it has {found} top-level {name} pools instead of one"));
        }
    }
    Ok(())
}

/// Read every object of every stored type, as the service would: values out of range, bad ids
/// or mistyped columns show up here.
fn check_objects(conn: &Connection) -> std::result::Result<(), String> {
    for &t in ObjectType::ALL {
        if db::table_of(t).is_err() {
            continue;
        }
        db::query(conn, t, "", []).map_err(|e| format!("its {t} objects cannot be read ({})", e.full_message()))?;
    }
    Ok(())
}

/// Make the validated copy's page size match the live database's: SQLite cannot restore a
/// backup into a WAL database with a different page size.
fn align_page_size(copy: &Connection, live: &Connection) -> Result<()> {
    let page = |c: &Connection| -> Result<i64> { Ok(c.query_row("PRAGMA page_size", [], |r| r.get(0))?) };
    let want = page(live)?;
    if page(copy)? != want {
        copy.execute_batch(&format!("PRAGMA page_size = {want}; VACUUM;"))?;
    }
    Ok(())
}
