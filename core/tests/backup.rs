//! Database export and import: round trips, exports under load, and every kind of bad file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use openrsm::backup::{SNAPSHOT_FORMAT_VERSION, SNAPSHOT_HEADER_LEN, SNAPSHOT_MAGIC};
use openrsm::*;
use sha2::{Digest, Sha256};

type Dump = BTreeMap<ObjectId, (Object, BTreeMap<String, Vec<u8>>)>;

fn open(home: &Path) -> Session {
    Session::open(SessionOptions::default().home(home).application("backup-test")).unwrap()
}

/// The types the database stores (the others are wildcards).
fn stored_types() -> impl Iterator<Item = ObjectType> {
    ObjectType::ALL
        .iter()
        .copied()
        .filter(|t| !matches!(t, ObjectType::Unknown | ObjectType::Object | ObjectType::UiDestination))
}

/// Every object of every type with all its attributes.
fn dump(session: &Session) -> Dump {
    let mut all = Dump::new();
    for t in stored_types() {
        for object in session.enumerate(None, t).unwrap() {
            let attributes = session
                .attribute_names(object.id)
                .unwrap()
                .into_iter()
                .map(|name| {
                    let value = session.attribute(object.id, &name).unwrap();
                    (name, value)
                })
                .collect();
            assert!(all.insert(object.id, (object, attributes)).is_none());
        }
    }
    all
}

/// A database with something of everything the media services make.
fn populate(s: &Session) {
    let lto = s.add_media_type(MediaTypeSpec::new("LTO-6").description("LTO-6 tape, 2.5 TB")).unwrap();
    let dvd = s.add_media_type(MediaTypeSpec::new("DVD-RAM").sides(2).read_write(ReadWrite::Rewritable)).unwrap();
    s.add_media_type(MediaTypeSpec::new("BD-R").read_write(ReadWrite::Worm)).unwrap();
    let weekly = s
        .create_media_pool(
            "Backup/Weekly",
            PoolOptions::default().media_type(lto.id).create_parents().max_allocations(3),
        )
        .unwrap();
    let archive = s.create_media_pool("Archive", PoolOptions::default().media_type(dvd.id)).unwrap();
    for i in 0..6 {
        s.create_media(MediaSpec::new(lto.id).barcode(format!("TAPE{i:02}L6"))).unwrap();
    }
    let mut discs = Vec::new();
    for i in 0..3 {
        discs.push(s.create_media(MediaSpec::new(dvd.id).pool(archive.id).name(format!("Disc {i}"))).unwrap());
    }
    let first = s.allocate_media(weekly.id, AllocateOptions::default().new_media()).unwrap();
    let second = s.allocate_media(weekly.id, AllocateOptions::default().new_media()).unwrap();
    s.set_media_complete(first.id).unwrap();
    s.deallocate_media(second.id).unwrap();
    let side_a = s.allocate_media(archive.id, AllocateOptions::default()).unwrap();
    s.allocate_media(archive.id, AllocateOptions::default().next_of(side_a.id)).unwrap();
    let worn_side = s.enumerate(Some(discs[2].id), ObjectType::Partition).unwrap().remove(0);
    s.decommission_media(worn_side.id).unwrap();
    s.disable(discs[1].id).unwrap();
    s.set_object_info(
        archive.id,
        &ObjectChanges { description: Some("discs kept ten years".into()), ..Default::default() },
    )
    .unwrap();
    s.set_attribute(weekly.id, "owner", b"operations").unwrap();
    let blob: Vec<u8> = (0..MAX_ATTRIBUTE_SIZE).map(|i| (i * 7 % 256) as u8).collect();
    s.set_attribute(lto.id, "blob", &blob).unwrap();
    s.set_attribute(first.id, "label", "Wochensicherung – KW 12".as_bytes()).unwrap();
}

/// Wrap a payload in an export envelope exactly as the module documentation describes it.
fn wrap(payload: &[u8], schema_version: u32) -> Vec<u8> {
    let mut header = Vec::with_capacity(SNAPSHOT_HEADER_LEN);
    header.extend_from_slice(&SNAPSHOT_MAGIC);
    header.extend_from_slice(&SNAPSHOT_FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&schema_version.to_le_bytes());
    header.extend_from_slice(&1_700_000_000_000i64.to_le_bytes());
    header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    let mut hasher = Sha256::new();
    hasher.update(&header);
    hasher.update(payload);
    header.extend_from_slice(&hasher.finalize());
    assert_eq!(header.len(), SNAPSHOT_HEADER_LEN);
    header.extend_from_slice(payload);
    header
}

/// A pseudo-random byte string (xorshift), reproducible.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

struct Fixture {
    _dir: tempfile::TempDir,
    home: PathBuf,
    files: PathBuf,
    session: Session,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let session = open(&home);
    populate(&session);
    Fixture { _dir: dir, home, files, session }
}

impl Fixture {
    fn export(&self, name: &str) -> (PathBuf, Vec<u8>) {
        let path = self.files.join(name);
        self.session.export_database(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        (path, bytes)
    }

    /// Import `bytes` and expect a refusal of `kind` whose message contains `needle`; the live
    /// database and its subscriptions must be untouched.
    fn expect_refused(&self, name: &str, bytes: &[u8], kind: ErrorKind, needle: &str) {
        let path = self.files.join(name);
        std::fs::write(&path, bytes).unwrap();
        let before = dump(&self.session);
        let watch = self.session.open_notification(&[]).unwrap();
        let err = self.session.import_database(&path).expect_err(name);
        assert_eq!(err.kind(), kind, "{name}: {err}");
        assert!(err.message().contains(needle), "{name}: {:?} should mention {needle:?}", err.message());
        assert!(err.message().contains(&path.display().to_string()), "{name}: the message names the file");
        assert_eq!(dump(&self.session), before, "{name}: the live database changed");
        assert_eq!(watch.try_next().unwrap(), None, "{name}: a refused import must not break subscriptions");
        let leftovers: Vec<_> = std::fs::read_dir(&self.home)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".openrsm-import"))
            .collect();
        assert!(leftovers.is_empty(), "{name}: scratch files left in the home");
    }
}

#[test]
fn round_trip_preserves_every_object_attribute_and_id() {
    let fx = fixture();
    let original = dump(&fx.session);
    assert!(original.len() > 40, "the fixture should be rich ({} objects)", original.len());
    let (path, bytes) = fx.export("full.rsmdb");
    assert_eq!(&bytes[..8], &SNAPSHOT_MAGIC);

    // Into a fresh home: everything arrives, ids included.
    let other_dir = tempfile::tempdir().unwrap();
    let other = open(other_dir.path());
    assert_ne!(dump(&other), original);
    let info = other.import_database(&path).unwrap();
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    assert_eq!(info.format_version, SNAPSHOT_FORMAT_VERSION);
    assert_eq!(info.objects as usize, original.len());
    assert_eq!(info.payload_bytes as usize, bytes.len() - SNAPSHOT_HEADER_LEN);
    assert_eq!(dump(&other), original);
    // The live database keeps its write-ahead log after a restore into it.
    let peek = rusqlite::Connection::open(other_dir.path().join("openrsm.db")).unwrap();
    let mode: String = peek.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(peek);

    // The imported database is live: it takes new changes and keeps them across a reopen.
    let lto = other.resolve(Some(ObjectType::MediaType), "LTO-6").unwrap();
    let extra = other.create_media(MediaSpec::new(lto.id).barcode("NEW001L6")).unwrap();
    other.close();
    drop(other);
    let reopened = open(other_dir.path());
    let mut after = dump(&reopened);
    assert!(after.remove(&extra.id).is_some());
    after.retain(|_, (o, _)| !matches!(&o.detail, Detail::Partition(p) if p.physical_media == extra.id));
    assert_eq!(after, original);

    // Back into the original home after changing it: the changes are undone.
    let weekly = fx.session.media_pool_by_path("Backup/Weekly").unwrap();
    fx.session.set_attribute(weekly.id, "owner", b"someone else").unwrap();
    fx.session.create_media_pool("Scratch", PoolOptions::default()).unwrap();
    assert_ne!(dump(&fx.session), original);
    fx.session.import_database(&path).unwrap();
    assert_eq!(dump(&fx.session), original);
}

#[test]
fn export_replaces_the_file_atomically_and_leaves_no_scratch_files() {
    let fx = fixture();
    let path = fx.files.join("backup.rsmdb");
    std::fs::write(&path, b"previous contents").unwrap();
    let info = fx.session.export_database(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.len() as u64, SNAPSHOT_HEADER_LEN as u64 + info.payload_bytes);
    assert_eq!(info.sha256.len(), 64);
    let names: Vec<String> =
        std::fs::read_dir(&fx.files).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["backup.rsmdb"]);

    let missing_dir = fx.files.join("no/such/dir/backup.rsmdb");
    let err = fx.session.export_database(&missing_dir).unwrap_err();
    assert!(err.message().contains("cannot export"), "{err}");
    assert!(!missing_dir.exists());
}

#[test]
fn export_while_another_thread_writes_gives_consistent_snapshots() {
    let fx = fixture();
    let lto = fx.session.resolve(Some(ObjectType::MediaType), "DVD-RAM").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicU64::new(0));
    let writer = {
        let (session, stop, written) = (fx.session.clone(), stop.clone(), written.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                // Each medium and its two sides are one transaction: a torn snapshot would show
                // a medium without its sides.
                session.create_media(MediaSpec::new(lto.id)).unwrap();
                written.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let mut exports = Vec::new();
    for i in 0..5 {
        let seen = written.load(Ordering::SeqCst);
        let deadline = Instant::now() + Duration::from_secs(10);
        while written.load(Ordering::SeqCst) == seen {
            assert!(Instant::now() < deadline, "the writer is stuck");
            std::thread::yield_now();
        }
        let path = fx.files.join(format!("live-{i}.rsmdb"));
        let info = fx.session.export_database(&path).unwrap();
        exports.push((path, info));
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    for pair in exports.windows(2) {
        assert!(pair[1].1.objects > pair[0].1.objects, "the writer kept writing during the exports");
    }

    let check_dir = tempfile::tempdir().unwrap();
    let check = open(check_dir.path());
    for (path, info) in &exports {
        let imported = check.import_database(path).unwrap();
        assert_eq!(imported.objects, info.objects);
        for media in check.enumerate(None, ObjectType::PhysicalMedia).unwrap() {
            let Detail::PhysicalMedia(m) = &media.detail else { unreachable!() };
            let sides = check.enumerate(Some(media.id), ObjectType::Partition).unwrap();
            assert_eq!(sides.len() as u32, m.sides, "{} has all its sides", media.name);
        }
    }
}

#[test]
fn a_corrupt_byte_anywhere_is_refused() {
    let fx = fixture();
    let (_, bytes) = fx.export("good.rsmdb");
    // In the payload (a page in the middle), at its last byte, and in a header field the
    // checks before the checksum do not look at (the creation time).
    for (at, label) in [(bytes.len() / 2, "middle"), (bytes.len() - 1, "last"), (20, "header time")] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x40;
        fx.expect_refused(&format!("corrupt-{label}.rsmdb"), &bad, ErrorKind::DatabaseFailure, "checksum mismatch");
    }
    // A damaged checksum itself.
    let mut bad = bytes.clone();
    bad[40] ^= 1;
    fx.expect_refused("corrupt-sum.rsmdb", &bad, ErrorKind::DatabaseFailure, "checksum mismatch");
}

#[test]
fn a_truncated_file_is_refused() {
    let fx = fixture();
    let (_, bytes) = fx.export("good.rsmdb");
    fx.expect_refused("cut-tail.rsmdb", &bytes[..bytes.len() - 100], ErrorKind::DatabaseFailure, "truncated");
    fx.expect_refused("cut-payload.rsmdb", &bytes[..SNAPSHOT_HEADER_LEN], ErrorKind::DatabaseFailure, "truncated");
    fx.expect_refused("cut-header.rsmdb", &bytes[..40], ErrorKind::DatabaseFailure, "truncated");
    fx.expect_refused("cut-magic.rsmdb", &bytes[..5], ErrorKind::DatabaseFailure, "truncated");
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"trailing garbage");
    fx.expect_refused("trailing.rsmdb", &longer, ErrorKind::DatabaseFailure, "unexpected bytes");
}

#[test]
fn foreign_files_are_refused() {
    let fx = fixture();
    fx.expect_refused("empty.rsmdb", b"", ErrorKind::InvalidParameter, "empty");
    fx.expect_refused("noise.rsmdb", &noise(10_000, 42), ErrorKind::InvalidParameter, "signature");
    fx.expect_refused("text.rsmdb", b"just some text\n", ErrorKind::InvalidParameter, "signature");

    // A plain SQLite database, bare and wrapped in a valid envelope.
    let plain = fx.files.join("plain.sqlite");
    {
        let conn = rusqlite::Connection::open(&plain).unwrap();
        conn.execute_batch(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO customers (name) VALUES ('someone');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let plain = std::fs::read(plain).unwrap();
    fx.expect_refused("plain.sqlite", &plain, ErrorKind::InvalidParameter, "bare SQLite database");
    fx.expect_refused("wrapped-plain.rsmdb", &wrap(&plain, 1), ErrorKind::InvalidParameter, "OpenRSM schema");

    // Noise in a valid envelope: the checksum holds, the payload is no database.
    fx.expect_refused("wrapped-noise.rsmdb", &wrap(&noise(8192, 7), 1), ErrorKind::DatabaseFailure, "SQLite");
}

#[test]
fn wrong_versions_are_refused() {
    let fx = fixture();
    let (_, bytes) = fx.export("good.rsmdb");
    let mut bad = bytes.clone();
    bad[8..12].copy_from_slice(&(SNAPSHOT_FORMAT_VERSION + 1).to_le_bytes());
    fx.expect_refused("format.rsmdb", &bad, ErrorKind::InvalidParameter, "format version 2 is not supported");
    let mut bad = bytes.clone();
    bad[12..16].copy_from_slice(&(SCHEMA_VERSION + 1).to_le_bytes());
    fx.expect_refused("newer.rsmdb", &bad, ErrorKind::InvalidParameter, "schema version");
    let mut bad = bytes.clone();
    bad[12..16].copy_from_slice(&0u32.to_le_bytes());
    fx.expect_refused("zero.rsmdb", &bad, ErrorKind::InvalidParameter, "schema version 0");
}

/// Take the payload of a good export, change it with `sql` (foreign keys off), and re-wrap it
/// with a valid checksum: only the database checks can catch what `sql` broke.
fn tampered(fx: &Fixture, name: &str, sql: &str) -> Vec<u8> {
    let (_, bytes) = fx.export(&format!("{name}-source.rsmdb"));
    let db = fx.files.join(format!("{name}.sqlite"));
    std::fs::write(&db, &bytes[SNAPSHOT_HEADER_LEN..]).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
        conn.execute_batch(sql).unwrap();
    }
    wrap(&std::fs::read(&db).unwrap(), SCHEMA_VERSION)
}

#[test]
fn inconsistent_databases_are_refused() {
    let fx = fixture();
    let type_value = |t: ObjectType| t.value();

    // A medium whose pool is gone (a declared foreign key).
    let bad = tampered(&fx, "no-pool", "DELETE FROM media_pools WHERE id = (SELECT pool FROM physical_media LIMIT 1);");
    fx.expect_refused("no-pool.rsmdb", &bad, ErrorKind::DatabaseFailure, "foreign key");

    // A side whose type row is gone while its objects row stays (no foreign key can see it).
    let bad = tampered(
        &fx,
        "no-side-row",
        "DELETE FROM partitions WHERE id = (SELECT id FROM partitions WHERE logical_media IS NULL LIMIT 1);",
    );
    fx.expect_refused("no-side-row.rsmdb", &bad, ErrorKind::DatabaseFailure, "no row in partitions");

    // An object of an unknown type.
    let bad = tampered(
        &fx,
        "bad-type",
        &format!("UPDATE objects SET type = 99 WHERE type = {};", type_value(ObjectType::Computer)),
    );
    fx.expect_refused("bad-type.rsmdb", &bad, ErrorKind::DatabaseFailure, "unknown object type");

    // A value out of range for its enumeration.
    let bad = tampered(&fx, "bad-state", "UPDATE partitions SET partition_state = 77;");
    fx.expect_refused("bad-state.rsmdb", &bad, ErrorKind::DatabaseFailure, "PARTITION objects cannot be read");

    // A dangling reference the schema does not declare.
    let bad = tampered(
        &fx,
        "dangling",
        "UPDATE slots SET media = NULL; UPDATE physical_media SET home_slot = x'00112233445566778899aabbccddeeff';",
    );
    fx.expect_refused("dangling.rsmdb", &bad, ErrorKind::DatabaseFailure, "missing home slot");

    // A trigger smuggled in: it would run on the live database after the import.
    let bad =
        tampered(&fx, "trigger", "CREATE TRIGGER sneaky AFTER INSERT ON objects BEGIN DELETE FROM attributes; END;");
    fx.expect_refused("trigger.rsmdb", &bad, ErrorKind::InvalidParameter, "trigger sneaky");

    // A cycle in the pool tree.
    let bad = tampered(
        &fx,
        "cycle",
        "UPDATE media_pools SET parent = (SELECT p.id FROM media_pools p JOIN objects o ON o.id = p.id WHERE o.name = 'Weekly')
          WHERE id = (SELECT p.id FROM media_pools p JOIN objects o ON o.id = p.id WHERE o.name = 'Backup');",
    );
    fx.expect_refused("cycle.rsmdb", &bad, ErrorKind::DatabaseFailure, "cycle");

    // The untouched payload re-wrapped the same way is accepted: the checks above are not
    // refusing every hand-wrapped file.
    let good = tampered(&fx, "untouched", "SELECT 1;");
    let path = fx.files.join("untouched.rsmdb");
    std::fs::write(&path, good).unwrap();
    fx.session.import_database(&path).unwrap();
}

#[test]
fn subscribers_get_no_data_after_an_import() {
    let fx = fixture();
    let (path, _) = fx.export("good.rsmdb");
    let all = fx.session.open_notification(&[]).unwrap();
    let pools = fx.session.open_notification(&[ObjectType::MediaPool]).unwrap();
    let other_session = Session::open(SessionOptions::default().home(&fx.home)).unwrap();
    let elsewhere = other_session.open_notification(&[ObjectType::PhysicalMedia]).unwrap();
    fx.session.create_media_pool("Queued", PoolOptions::default()).unwrap();
    assert_eq!(pools.pending(), 1);

    // A waiter blocked when the import happens is woken with NO_DATA too.
    let blocked = {
        let elsewhere = elsewhere.clone();
        std::thread::spawn(move || elsewhere.wait(Timeout::from_millis(10_000)))
    };
    std::thread::sleep(Duration::from_millis(50));
    fx.session.import_database(&path).unwrap();

    for watch in [&all, &pools] {
        let err = watch.wait(Timeout::from_millis(100)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NoData, "{err}");
    }
    assert_eq!(blocked.join().unwrap().unwrap_err().kind(), ErrorKind::NoData);

    // Subscribing again works and sees what follows.
    let again = fx.session.open_notification(&[ObjectType::MediaPool]).unwrap();
    let created = fx.session.create_media_pool("After", PoolOptions::default()).unwrap();
    let event = again.wait(Timeout::from_millis(1000)).unwrap();
    assert_eq!((event.operation, event.object_id), (Operation::Insert, created.id));
}

#[test]
fn a_closed_session_cannot_export_or_import() {
    let fx = fixture();
    let (path, _) = fx.export("good.rsmdb");
    let other = Session::open(SessionOptions::default().home(&fx.home)).unwrap();
    other.close();
    assert_eq!(other.export_database(fx.files.join("x.rsmdb")).unwrap_err().kind(), ErrorKind::InvalidHandle);
    assert_eq!(other.import_database(&path).unwrap_err().kind(), ErrorKind::InvalidHandle);
    let missing = fx.session.import_database(fx.files.join("missing.rsmdb")).unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::ObjectNotFound, "{missing}");
}
