//! The home directory: state that survives reopening, one owning process per home, and what a
//! second process sees.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::*;
use openrsm::{
    AllocateOptions, ErrorKind, MediaSpec, Object, ObjectChanges, ObjectType, PoolOptions, Session, SessionOptions,
    SCHEMA_VERSION,
};

/// An attribute: its object, name and value.
type Attribute = (String, String, Vec<u8>);

/// Every stored object of every type, and every attribute, in a stable order.
fn snapshot(s: &Session) -> (Vec<Object>, Vec<Attribute>) {
    let mut objects = Vec::new();
    for t in ObjectType::ALL {
        if let Ok(mut of_type) = s.enumerate(None, *t) {
            of_type.sort_by_key(|o| o.id);
            objects.extend(of_type);
        }
    }
    let mut attributes = Vec::new();
    for o in &objects {
        for name in s.attribute_names(o.id).unwrap() {
            let value = s.attribute(o.id, &name).unwrap();
            attributes.push((o.id.to_string(), name, value));
        }
    }
    (objects, attributes)
}

/// A home with some of everything the core can create.
fn populate(s: &Session) {
    let lto = media_type(s, "LTO-6", 1);
    let dvd = media_type(s, "DVD-RAM", 2);
    let weekly = pool(s, "Backup/Weekly", lto.id);
    let discs = pool(s, "Discs", dvd.id);
    for i in 0..5 {
        medium(s, lto.id, &format!("P{i:05}"), None);
    }
    let disc = medium(s, dvd.id, "D00001", Some(discs.id));
    s.allocate_media(weekly.id, AllocateOptions::default()).unwrap();
    let a = s.allocate_media(discs.id, AllocateOptions::default().new_media()).unwrap();
    s.set_media_complete(a.id).unwrap();
    s.set_attribute(weekly.id, "retention", b"35 days").unwrap();
    s.set_attribute(disc.id, "label", &vec![7u8; 64 * 1024]).unwrap();
    s.set_object_info(weekly.id, &ObjectChanges { description: Some("Sunday fulls".into()), ..Default::default() })
        .unwrap();
    s.disable(discs.id).unwrap();
    s.create_media(MediaSpec::new(lto.id).name("Unlabelled")).unwrap();
}

#[test]
fn state_survives_reopening_the_home() {
    let home = tempfile::tempdir().unwrap();
    let before = {
        let s = open(home.path());
        populate(&s);
        let n = s.open_notification(&[]).unwrap();
        let snapshot = snapshot(&s);
        drop(n);
        snapshot
    };
    assert!(before.0.len() > 20);
    assert_eq!(before.1.len(), 2);
    // Dropping the last session released the home: its lock is free.
    let lock = std::fs::File::open(home.path().join("openrsm.lock")).unwrap();
    lock.try_lock().expect("the home is still locked after the last session was dropped");
    lock.unlock().unwrap();
    drop(lock);

    let s = open(home.path());
    let after = snapshot(&s);
    assert_eq!(after, before);
    let pool = s.media_pool_by_path("Backup/Weekly").unwrap();
    assert_eq!(pool.description, "Sunday fulls");
    assert_eq!(s.attribute(pool.id, "retention").unwrap(), b"35 days");
    // The reopened database is fully usable.
    s.create_media_pool("Backup/Monthly", PoolOptions::default()).unwrap();
    assert_eq!(s.enumerate(Some(pool_info(&pool).parent.unwrap()), ObjectType::MediaPool).unwrap().len(), 2);
}

#[test]
fn the_database_is_versioned_and_in_wal_mode() {
    let (home, s) = fresh();
    let raw = Raw::open(home.path());
    let version: u32 = raw.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = raw.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(s);
    // A database from a newer build is refused, not used.
    raw.conn().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    drop(raw);
    let err = Session::open(SessionOptions::default().home(home.path())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DatabaseFailure);
    assert!(err.message().contains("newer"), "{}", err.message());
}

#[test]
fn sessions_of_one_process_share_the_home() {
    let (home, first) = fresh();
    let second = open(home.path());
    let watch = second.open_notification(&[ObjectType::MediaPool]).unwrap();
    let pool = first.create_media_pool("Shared", PoolOptions::default()).unwrap();
    assert_eq!(watch.wait(SOON).unwrap().object_id, pool.id);
    assert_eq!(second.object(pool.id).unwrap(), first.object(pool.id).unwrap());
    // The same home through another spelling of its path.
    let dotted = home.path().join(".").join("..").join(home.path().file_name().unwrap());
    let third = open(&dotted);
    assert_eq!(third.home().unwrap(), first.home().unwrap());
    assert_eq!(third.object(pool.id).unwrap().name, "Shared");
}

/// The `hold_home` example, built next to this test (`cargo test` builds examples); built on
/// demand when only this test target was built.
fn holder_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>/deps/<test>");
    let binary = profile_dir.join("examples").join(format!("hold_home{}", std::env::consts::EXE_SUFFIX));
    if !binary.exists() {
        let target_dir = profile_dir.parent().expect("target dir");
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--quiet", "-p", "openrsm", "--example", "hold_home"])
            .env("CARGO_TARGET_DIR", target_dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") => {}
            Some("release") => {
                cargo.arg("--release");
            }
            Some(other) => {
                cargo.args(["--profile", other]);
            }
            None => {}
        }
        let status = cargo.status().expect("run cargo to build the hold_home example");
        assert!(status.success(), "cargo could not build the hold_home example");
    }
    binary
}

/// A `hold_home` process and its pipes.
struct Holder {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Holder {
    fn spawn(home: Option<&Path>, env_home: Option<&Path>) -> Holder {
        let mut command = Command::new(holder_binary());
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::inherit());
        if let Some(home) = home {
            command.arg(home);
        }
        match env_home {
            Some(home) => command.env("OPENRSM_HOME", home),
            None => command.env_remove("OPENRSM_HOME"),
        };
        let mut child = command.spawn().expect("start hold_home");
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Holder { child, stdin, stdout }
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("read from hold_home");
        line.trim_end().to_owned()
    }

    fn send(&mut self, command: &str) -> String {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{command}").unwrap();
        stdin.flush().unwrap();
        self.line()
    }

    /// Close its input and wait (bounded) for it to exit successfully; its last line.
    fn finish(mut self) -> String {
        drop(self.stdin.take());
        let last = self.line();
        let status = self.wait();
        assert!(status.success(), "hold_home failed: {status}");
        last
    }

    /// Wait (bounded) for it to exit.
    fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("hold_home did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn a_second_process_on_the_same_home_is_refused_with_the_owner_pid() {
    let home = tempfile::tempdir().unwrap();
    let before = {
        let s = open(home.path());
        populate(&s);
        snapshot(&s)
    };

    let mut holder = Holder::spawn(Some(home.path()), None);
    let ready = holder.line();
    let pid = holder.child.id();
    assert_eq!(ready, format!("ready {pid} {}", home.path().canonicalize().unwrap().display()));

    let err = Session::open(SessionOptions::default().home(home.path())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotReady);
    assert_eq!(err.code(), 21);
    assert!(err.message().contains(&format!("process {pid}")), "{}", err.message());
    // Refused again, and the owner is not disturbed by the attempts.
    assert_eq!(kind(Session::open(SessionOptions::default().home(home.path()))), ErrorKind::NotReady);
    let wrote = holder.send("write");
    let held_pool = wrote.strip_prefix("wrote ").unwrap_or_else(|| panic!("{wrote}")).to_owned();
    assert_eq!(holder.finish(), "closed");

    // The owner is gone: the home opens, with its state and the owner's write, intact.
    let s = open(home.path());
    let raw = Raw::open(home.path());
    let check: String = raw.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let (objects, attributes) = snapshot(&s);
    assert_eq!(attributes, before.1);
    let pool = s.media_pool_by_path("Held-1").unwrap();
    assert_eq!(pool.id.to_string(), held_pool);
    let without_held: Vec<Object> = objects.into_iter().filter(|o| o.id != pool.id).collect();
    assert_eq!(without_held, before.0);
    // Now this process owns it: a new holder is refused, naming this process.
    drop(raw);
    let mut refused = Holder::spawn(Some(home.path()), None);
    let line = refused.line();
    assert!(line.starts_with("error 21 NOT_READY"), "{line}");
    assert!(line.contains(&format!("process {}", std::process::id())), "{line}");
    assert_eq!(refused.wait().code(), Some(1));
}

#[test]
fn a_killed_owner_leaves_a_home_that_opens_intact() {
    let home = tempfile::tempdir().unwrap();
    {
        let s = open(home.path());
        populate(&s);
    }
    let mut holder = Holder::spawn(Some(home.path()), None);
    assert!(holder.line().starts_with("ready "));
    assert!(holder.send("write").starts_with("wrote "));
    assert_eq!(kind(Session::open(SessionOptions::default().home(home.path()))), ErrorKind::NotReady);
    holder.child.kill().unwrap();
    assert!(!holder.wait().success());
    // The lock died with its owner; the committed write survived it.
    let s = open(home.path());
    assert!(s.media_pool_by_path("Held-1").is_ok());
    assert_eq!(s.enumerate(None, ObjectType::MediaType).unwrap().len(), 2);
    let check: String = Raw::open(home.path()).conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn the_home_can_come_from_the_environment() {
    let home = tempfile::tempdir().unwrap();
    let holder = {
        let mut holder = Holder::spawn(None, Some(home.path()));
        let ready = holder.line();
        assert!(ready.ends_with(&home.path().canonicalize().unwrap().display().to_string()), "{ready}");
        holder
    };
    assert_eq!(kind(Session::open(SessionOptions::default().home(home.path()))), ErrorKind::NotReady);
    assert_eq!(holder.finish(), "closed");
    assert!(home.path().join("openrsm.db").exists());
    let s = open(home.path());
    assert_eq!(s.enumerate(None, ObjectType::Computer).unwrap().len(), 1);
}
