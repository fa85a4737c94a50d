//! What the library tests share: a fresh home with a session, a virtual library, and a
//! consistency check of the database against the changer.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use openrsm::library::{ElementType, VirtualLibrary, VirtualLibrarySpec};
use openrsm::{
    Detail, Event, LibRequestState, LocationKind, Notification, Object, ObjectId, ObjectType, Operation, Session,
    SessionOptions, Timeout,
};

/// A session on a fresh home (removed when dropped).
pub struct Home {
    pub dir: tempfile::TempDir,
    pub session: Session,
}

pub fn home() -> Home {
    // Under the build's own temporary directory: creating files there is much faster than in
    // some machines' /tmp, and it is cleaned with the build.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let session =
        Session::open(SessionOptions::default().home(dir.path()).application("library-tests")).expect("open session");
    Home { dir, session }
}

impl Home {
    /// A virtual library named `name`.
    pub fn library(&self, name: &str, spec: VirtualLibrarySpec) -> Library {
        let object = self.session.create_virtual_library(name, spec).expect("create virtual library");
        let vlib = self.session.virtual_library(object.id).expect("virtual library handle");
        Library { id: object.id, vlib, session: self.session.clone() }
    }
}

pub struct Library {
    pub id: ObjectId,
    pub vlib: VirtualLibrary,
    pub session: Session,
}

impl Library {
    pub fn object(&self) -> Object {
        self.session.object(self.id).unwrap()
    }

    pub fn drives(&self) -> Vec<Object> {
        self.session.enumerate(Some(self.id), ObjectType::Drive).unwrap()
    }

    pub fn slots(&self) -> Vec<Object> {
        self.session.enumerate(Some(self.id), ObjectType::StorageSlot).unwrap()
    }

    pub fn ports(&self) -> Vec<Object> {
        self.session.enumerate(Some(self.id), ObjectType::IePort).unwrap()
    }

    pub fn media(&self) -> Vec<Object> {
        self.session.enumerate(Some(self.id), ObjectType::PhysicalMedia).unwrap()
    }

    /// The medium with this barcode.
    pub fn medium(&self, barcode: &str) -> Object {
        self.session.resolve(Some(ObjectType::PhysicalMedia), barcode).unwrap_or_else(|e| panic!("{barcode}: {e}"))
    }

    /// The database and the changer agree, and no medium is in two places.
    pub fn assert_consistent(&self) {
        assert_consistent(&self.session, self.id);
    }
}

/// A physical medium's fields.
pub fn info(media: &Object) -> openrsm::PhysicalMediaInfo {
    match &media.detail {
        Detail::PhysicalMedia(i) => i.clone(),
        other => panic!("not a medium: {other:?}"),
    }
}

pub fn drive(object: &Object) -> openrsm::DriveInfo {
    match &object.detail {
        Detail::Drive(d) => d.clone(),
        other => panic!("not a drive: {other:?}"),
    }
}

pub fn slot(object: &Object) -> openrsm::SlotInfo {
    match &object.detail {
        Detail::StorageSlot(s) => s.clone(),
        other => panic!("not a slot: {other:?}"),
    }
}

pub fn port(object: &Object) -> openrsm::IePortInfo {
    match &object.detail {
        Detail::IePort(p) => p.clone(),
        other => panic!("not a port: {other:?}"),
    }
}

pub fn req_info(object: &Object) -> openrsm::LibRequestInfo {
    match &object.detail {
        Detail::LibRequest(r) => r.clone(),
        other => panic!("not a library request: {other:?}"),
    }
}

pub fn library_info(object: &Object) -> openrsm::LibraryInfo {
    match &object.detail {
        Detail::Library(l) => l.clone(),
        other => panic!("not a library: {other:?}"),
    }
}

/// The pool path of a medium.
pub fn pool_of(session: &Session, media: &Object) -> String {
    session.media_pool_name(info(media).pool).unwrap()
}

/// Check one library against its changer, and every medium against every element: no medium is
/// recorded in two places, every element's medium points back to it, and the changer holds as
/// many cartridges as the database says (no medium lost).
pub fn assert_consistent(session: &Session, library: ObjectId) {
    let problems = session.verify_library(library).expect("verify");
    assert!(
        problems.is_empty(),
        "database and library disagree:\n{}",
        problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
    );
    let media = session.enumerate(None, ObjectType::PhysicalMedia).unwrap();
    let mut holders: HashMap<ObjectId, ObjectId> = HashMap::new();
    for t in [ObjectType::Drive, ObjectType::StorageSlot, ObjectType::IePort] {
        for element in session.enumerate(None, t).unwrap() {
            let held = match &element.detail {
                Detail::Drive(d) => d.media,
                Detail::StorageSlot(s) => s.media,
                Detail::IePort(p) => p.media,
                _ => None,
            };
            if let Some(m) = held {
                assert!(holders.insert(m, element.id).is_none(), "medium {m} is recorded in two elements");
            }
        }
    }
    for m in &media {
        let i = info(m);
        match i.location.kind {
            LocationKind::Offline => {
                assert!(i.library.is_none(), "offline medium {} names a library", m.name);
                assert!(!holders.contains_key(&m.id), "offline medium {} is held by an element", m.name);
            }
            LocationKind::Transport => assert!(!holders.contains_key(&m.id)),
            _ => assert_eq!(holders.get(&m.id), i.location.element.as_ref(), "medium {} location vs holder", m.name),
        }
    }
    // None lost: the changer's cartridges (cleaners and blocked ports aside) are the library's media.
    let vlib = session.virtual_library(library).unwrap();
    let in_changer: HashSet<String> =
        vlib.contents().into_iter().filter_map(|(barcode, _, _)| barcode).filter(|b| !b.starts_with("CLN")).collect();
    let in_db: HashSet<String> = session
        .enumerate(Some(library), ObjectType::PhysicalMedia)
        .unwrap()
        .iter()
        .filter_map(|m| info(m).barcode)
        .collect();
    assert_eq!(in_changer, in_db, "the barcodes in the changer and in the database differ");
}

/// Take every queued event of these operations.
pub fn drain(events: &Notification) -> Vec<Event> {
    let mut out = Vec::new();
    while let Ok(Some(e)) = events.try_next() {
        out.push(e);
    }
    out
}

/// Wait until `check` holds, up to `timeout`.
pub fn eventually(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + timeout;
    while std::time::Instant::now() < deadline {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    check()
}

/// The state of a library request.
pub fn request_state(session: &Session, id: ObjectId) -> LibRequestState {
    req_info(&session.object(id).unwrap()).request_state
}

/// Wait for an event about `id` with operation `op`.
pub fn wait_event(events: &Notification, id: ObjectId, op: Operation) -> Event {
    loop {
        let e = events.wait(Timeout::from_millis(5000)).expect("an event");
        if e.object_id == id && e.operation == op {
            return e;
        }
    }
}

/// Element types for readability in tests.
pub const PORTS: [ElementType; 1] = [ElementType::ImportExport];
