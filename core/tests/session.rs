//! Sessions: opening, closing, closed handles, waits woken by a close, and many threads on one session.

mod common;

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use futures::StreamExt;
use openrsm::{
    AllocateOptions, ErrorKind, MediaSpec, MediaTypeSpec, ObjectChanges, ObjectType, PoolKind, PoolOptions, Session,
    SessionOptions, Timeout,
};

#[test]
fn session_is_send_sync_and_clone() {
    fn check<T: Send + Sync + Clone + 'static>() {}
    check::<Session>();
    check::<openrsm::Notification>();
}

#[test]
fn a_server_name_is_refused_until_the_server_exists() {
    let home = tempfile::tempdir().unwrap();
    let err = Session::open(SessionOptions::default().home(home.path()).server("tapehost")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotConnected);
    assert_eq!(err.code(), 2250);
    assert!(err.message().contains("tapehost"), "{}", err.message());
    // An empty server name means this computer.
    let session = Session::open(SessionOptions::default().home(home.path()).server("")).unwrap();
    assert_eq!(session.enumerate(None, ObjectType::Computer).unwrap().len(), 1);
}

#[test]
fn open_creates_the_computer_and_top_system_pools() {
    let (home, session) = fresh();
    assert_eq!(session.application(), "tests");
    assert_eq!(session.home().unwrap(), home.path().canonicalize().unwrap());
    let computers = session.enumerate(None, ObjectType::Computer).unwrap();
    assert_eq!(computers.len(), 1);
    let pools = session.enumerate(None, ObjectType::MediaPool).unwrap();
    let paths: Vec<&str> = pools.iter().map(|p| pool_info(p).path.as_str()).collect();
    assert_eq!(paths, ["Free", "Import", "Unrecognized"]);
    let kinds: Vec<PoolKind> = pools.iter().map(|p| pool_info(p).kind).collect();
    assert_eq!(kinds, [PoolKind::Free, PoolKind::Import, PoolKind::Unrecognized]);
    // Opening again does not create them twice.
    drop(session);
    let again = open(home.path());
    assert_eq!(again.enumerate(None, ObjectType::MediaPool).unwrap().len(), 3);
    assert_eq!(again.enumerate(None, ObjectType::Computer).unwrap().len(), 1);
}

#[test]
fn close_is_idempotent_and_shared_by_clones() {
    let (_home, session) = fresh();
    let clone = session.clone();
    assert!(!session.is_closed());
    clone.close();
    assert!(session.is_closed());
    assert!(clone.is_closed());
    session.close();
    session.close();
    assert!(session.is_closed());
    assert_eq!(kind(session.enumerate(None, ObjectType::MediaPool)), ErrorKind::InvalidHandle);
}

#[test]
fn closing_one_session_leaves_other_sessions_on_the_same_home_working() {
    let (home, first) = fresh();
    let second = open(home.path());
    assert_ne!(first.id(), second.id());
    let watch = second.open_notification(&[ObjectType::MediaPool]).unwrap();
    first.close();
    let pool = second.create_media_pool("StillOpen", PoolOptions::default()).unwrap();
    assert_eq!(watch.wait(SOON).unwrap().object_id, pool.id);
    assert_eq!(kind(first.object(pool.id)), ErrorKind::InvalidHandle);
}

/// Every call on a closed session fails with INVALID_HANDLE, whatever its arguments — even ones
/// that would otherwise be refused as invalid.
#[test]
fn every_call_on_a_closed_session_is_an_invalid_handle() {
    let (home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let pool = pool(&s, "Backup", lto.id);
    let m = medium(&s, lto.id, "T00001", None);
    let m2 = medium(&s, lto.id, "T00002", None);
    let logical = s.allocate_media(pool.id, AllocateOptions::default()).unwrap();
    let side = sides(&s, m.id)[0].id;
    s.set_attribute(pool.id, "owner", b"ops").unwrap();
    s.close();

    let big = vec![0u8; 64 * 1024 + 1];
    let changes = ObjectChanges { description: Some("x".into()), ..Default::default() };
    let bad_name = ObjectChanges { name: Some(String::new()), ..Default::default() };
    let calls: Vec<(&str, openrsm::Result<()>)> = vec![
        ("home", s.home().map(drop)),
        ("last_sequence", s.last_sequence().map(drop)),
        ("open_notification", s.open_notification(&[]).map(drop)),
        ("enumerate", s.enumerate(None, ObjectType::PhysicalMedia).map(drop)),
        ("enumerate in", s.enumerate(Some(pool.id), ObjectType::PhysicalMedia).map(drop)),
        ("object", s.object(m.id).map(drop)),
        ("find_by_name", s.find_by_name(None, "T00001").map(drop)),
        ("resolve id", s.resolve(None, &m.id.to_string()).map(drop)),
        ("resolve name", s.resolve(None, "T00001").map(drop)),
        ("resolve path", s.resolve(None, "Free/LTO-6").map(drop)),
        ("set_object_info", s.set_object_info(pool.id, &changes).map(drop)),
        ("set_object_info invalid", s.set_object_info(pool.id, &bad_name).map(drop)),
        ("set_object_info_batch", s.set_object_info_batch(&[(pool.id, changes.clone())]).map(drop)),
        ("set_object_info_batch empty", s.set_object_info_batch(&[]).map(drop)),
        ("attribute", s.attribute(pool.id, "owner").map(drop)),
        ("attribute_names", s.attribute_names(pool.id).map(drop)),
        ("set_attribute", s.set_attribute(pool.id, "owner", b"x")),
        ("set_attribute oversized", s.set_attribute(pool.id, "owner", &big)),
        ("set_attribute bad name", s.set_attribute(pool.id, "", b"x")),
        ("delete_attribute", s.delete_attribute(pool.id, "owner")),
        ("enable", s.enable(pool.id)),
        ("disable", s.disable(pool.id)),
        ("delete_object", s.delete_object(pool.id)),
        ("add_media_type", s.add_media_type(MediaTypeSpec::new("DLT")).map(drop)),
        ("add_media_type invalid", s.add_media_type(MediaTypeSpec::new("DLT").sides(0)).map(drop)),
        ("ensure_media_type", s.ensure_media_type("LTO-6").map(drop)),
        ("change_media_type", s.change_media_type(lto.id, Default::default()).map(drop)),
        ("delete_media_type", s.delete_media_type(lto.id)),
        ("create_media_pool", s.create_media_pool("Other", PoolOptions::default()).map(drop)),
        ("create_media_pool invalid", s.create_media_pool("", PoolOptions::default()).map(drop)),
        ("delete_media_pool", s.delete_media_pool(pool.id)),
        ("media_pool_name", s.media_pool_name(pool.id).map(drop)),
        ("media_pool_by_path", s.media_pool_by_path("Backup").map(drop)),
        ("system_pool", s.system_pool(PoolKind::Free, Some(lto.id)).map(drop)),
        ("move_to_pool", s.move_to_pool(m2.id, pool.id).map(drop)),
        ("create_media", s.create_media(MediaSpec::new(lto.id)).map(drop)),
        ("create_media invalid", s.create_media(MediaSpec::new(lto.id).barcode("bad barcode")).map(drop)),
        ("create_media_batch", s.create_media_batch(&[MediaSpec::new(lto.id)]).map(drop)),
        ("delete_media", s.delete_media(m2.id)),
        ("allocate_media", s.allocate_media(pool.id, AllocateOptions::default()).map(drop)),
        (
            "allocate_media waiting",
            s.allocate_media(pool.id, AllocateOptions::default().timeout(Duration::from_secs(5))).map(drop),
        ),
        ("deallocate_media", s.deallocate_media(logical.id)),
        ("decommission_media", s.decommission_media(side)),
        ("set_media_complete", s.set_media_complete(logical.id)),
        ("swap_media", s.swap_media(logical.id, logical.id)),
    ];
    for (name, result) in calls {
        match result {
            Err(e) => assert_eq!(e.kind(), ErrorKind::InvalidHandle, "{name}: {e}"),
            Ok(()) => panic!("{name} succeeded on a closed session"),
        }
    }
    // Nothing changed: a new session sees the state as it was before the close.
    let s = open(home.path());
    assert_eq!(s.attribute(pool.id, "owner").unwrap(), b"ops");
    assert_eq!(s.object(pool.id).unwrap().description, "");
    assert!(s.object(pool.id).unwrap().enabled);
    assert_eq!(s.enumerate(None, ObjectType::PhysicalMedia).unwrap().len(), 2);
    assert_eq!(media_info(&s.object(m2.id).unwrap()).pool, s.system_pool(PoolKind::Free, Some(lto.id)).unwrap().id);
    assert_eq!(ids(&s.enumerate(None, ObjectType::LogicalMedia).unwrap()), [logical.id]);
    assert_eq!(s.enumerate(None, ObjectType::MediaType).unwrap().len(), 1);
}

#[test]
fn notification_handles_made_before_close_are_invalid_after_it() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let clone = n.clone();
    s.create_media_pool("Queued", PoolOptions::default()).unwrap();
    assert_eq!(n.pending(), 1);
    s.close();
    assert!(n.is_closed());
    assert_eq!(kind(n.wait(Timeout::Infinite)), ErrorKind::InvalidHandle);
    assert_eq!(kind(n.wait(Timeout::from_millis(10))), ErrorKind::InvalidHandle);
    assert_eq!(kind(clone.try_next()), ErrorKind::InvalidHandle);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        assert_eq!(kind(n.next().await), ErrorKind::InvalidHandle);
        assert_eq!(kind(n.next_timeout(Duration::from_millis(10)).await), ErrorKind::InvalidHandle);
        let mut stream = n.stream();
        assert_eq!(kind(stream.next().await.expect("one error")), ErrorKind::InvalidHandle);
        assert!(stream.next().await.is_none(), "the stream ends after its error");
    });
    // Closing the notification too is harmless.
    n.close();
    n.close();
}

/// Run `f` on a thread and return what it returned, failing if it takes longer than `limit`.
fn bounded<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> (T, Duration) {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    let handle = thread::spawn(move || {
        let _ = tx.send(f());
    });
    let value = rx.recv_timeout(limit).expect("the thread did not finish in time");
    handle.join().unwrap();
    (value, start.elapsed())
}

#[test]
fn closing_the_session_wakes_a_thread_blocked_in_an_infinite_wait() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let (started_tx, started_rx) = mpsc::channel();
    let closer = {
        let s = s.clone();
        thread::spawn(move || {
            started_rx.recv().unwrap();
            thread::sleep(Duration::from_millis(200));
            s.close();
        })
    };
    let (result, elapsed) = bounded(Duration::from_secs(10), move || {
        started_tx.send(()).unwrap();
        n.wait(Timeout::Infinite)
    });
    closer.join().unwrap();
    assert_eq!(kind(result), ErrorKind::InvalidHandle);
    assert!(elapsed >= Duration::from_millis(200), "woke before the close: {elapsed:?}");
}

#[test]
fn closing_the_notification_wakes_a_thread_blocked_in_an_infinite_wait() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[]).unwrap();
    let waiter = n.clone();
    let (started_tx, started_rx) = mpsc::channel();
    let closer = thread::spawn(move || {
        started_rx.recv().unwrap();
        thread::sleep(Duration::from_millis(200));
        n.close();
    });
    let (result, elapsed) = bounded(Duration::from_secs(10), move || {
        started_tx.send(()).unwrap();
        waiter.wait(Timeout::Infinite)
    });
    closer.join().unwrap();
    assert_eq!(kind(result), ErrorKind::InvalidHandle);
    assert!(elapsed >= Duration::from_millis(200), "woke before the close: {elapsed:?}");
    // The session itself stays open.
    assert!(!s.is_closed());
    s.create_media_pool("After", PoolOptions::default()).unwrap();
}

#[test]
fn closing_the_session_wakes_an_async_waiter() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[]).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let waiter = tokio::spawn(async move { n.next().await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!waiter.is_finished());
        s.close();
        let result = tokio::time::timeout(Duration::from_secs(5), waiter).await.expect("woken").unwrap();
        assert_eq!(kind(result), ErrorKind::InvalidHandle);
    });
}

#[test]
fn many_threads_share_one_session() {
    const THREADS: usize = 8;
    const EACH: usize = 25;
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let watch = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let start = s.last_sequence().unwrap();
    let workers: Vec<_> = (0..THREADS)
        .map(|t| {
            let s = s.clone();
            thread::spawn(move || {
                let pool = s
                    .create_media_pool(
                        &format!("Thread{t}"),
                        PoolOptions::default().media_type(lto.id).max_allocations(0),
                    )
                    .unwrap();
                for i in 0..EACH {
                    s.create_media(MediaSpec::new(lto.id).barcode(format!("T{t:02}{i:04}")).pool(pool.id)).unwrap();
                    s.set_attribute(pool.id, &format!("a{i}"), format!("{t}:{i}").as_bytes()).unwrap();
                    assert_eq!(s.enumerate(Some(pool.id), ObjectType::PhysicalMedia).unwrap().len(), i + 1);
                }
                for _ in 0..EACH {
                    s.allocate_media(pool.id, AllocateOptions::default()).unwrap();
                }
                pool.id
            })
        })
        .collect();
    let pools: Vec<_> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    assert_eq!(s.enumerate(None, ObjectType::PhysicalMedia).unwrap().len(), THREADS * EACH);
    assert_eq!(s.enumerate(None, ObjectType::LogicalMedia).unwrap().len(), THREADS * EACH);
    for (t, pool) in pools.iter().enumerate() {
        assert_eq!(s.attribute_names(*pool).unwrap().len(), EACH);
        assert_eq!(s.attribute(*pool, "a3").unwrap(), format!("{t}:3").as_bytes());
        assert_eq!(s.enumerate(Some(*pool), ObjectType::LogicalMedia).unwrap().len(), EACH);
    }
    // Every write published its events once, with no gaps in the service-wide sequence.
    let mut pool_events = Vec::new();
    while let Some(event) = watch.try_next().unwrap() {
        pool_events.push(event);
    }
    // One INSERT per pool, one UPDATE per attribute set.
    assert_eq!(pool_events.len(), THREADS * (1 + EACH));
    assert!(pool_events.windows(2).all(|w| w[0].sequence < w[1].sequence));
    assert!(pool_events.iter().all(|e| e.sequence > start));
}
