//! Notifications: what is published, when, in which order, timeouts, lagging subscribers, the async
//! forms and their cancel-safety.

mod common;

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use futures::StreamExt;
use openrsm::{
    ErrorKind, Event, MediaSpec, Notification, ObjectChanges, ObjectType, Operation, PoolOptions, Session,
    SessionOptions, Timeout,
};

/// Everything queued on `n` now.
fn drain(n: &Notification) -> Vec<Event> {
    let mut events = Vec::new();
    while let Some(event) = n.try_next().unwrap() {
        events.push(event);
    }
    events
}

fn describe(s: &Session, id: openrsm::ObjectId, text: &str) -> openrsm::Result<openrsm::Object> {
    s.set_object_info(id, &ObjectChanges { description: Some(text.into()), ..Default::default() })
}

#[test]
fn insert_update_delete_carry_operation_type_and_id() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    assert_eq!(n.object_types(), [ObjectType::MediaPool]);
    let pool = s.create_media_pool("Backup", PoolOptions::default()).unwrap();
    describe(&s, pool.id, "nightly").unwrap();
    s.delete_media_pool(pool.id).unwrap();
    let events = drain(&n);
    let got: Vec<(Operation, ObjectType, openrsm::ObjectId)> =
        events.iter().map(|e| (e.operation, e.object_type, e.object_id)).collect();
    assert_eq!(
        got,
        [
            (Operation::Insert, ObjectType::MediaPool, pool.id),
            (Operation::Update, ObjectType::MediaPool, pool.id),
            (Operation::Delete, ObjectType::MediaPool, pool.id),
        ]
    );
    assert_eq!(events[1].sequence, events[0].sequence + 1);
    assert_eq!(events[2].sequence, events[1].sequence + 1);
    assert_eq!(s.last_sequence().unwrap(), events[2].sequence);
}

#[test]
fn a_subscription_receives_only_its_types_and_an_empty_list_means_all() {
    let (_home, s) = fresh();
    let pools = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let media = s.open_notification(&[ObjectType::PhysicalMedia, ObjectType::Partition]).unwrap();
    let all = s.open_notification(&[]).unwrap();
    let lto = media_type(&s, "LTO-6", 2);
    let m = medium(&s, lto.id, "A00001", None);
    let sides = sides(&s, m.id);

    // A media type brings its three system pools.
    let pool_events = drain(&pools);
    assert_eq!(pool_events.len(), 3);
    assert!(pool_events.iter().all(|e| e.object_type == ObjectType::MediaPool && e.operation == Operation::Insert));

    let media_events: Vec<_> = drain(&media).iter().map(|e| (e.object_type, e.object_id)).collect();
    assert_eq!(
        media_events,
        [(ObjectType::PhysicalMedia, m.id), (ObjectType::Partition, sides[0].id), (ObjectType::Partition, sides[1].id)]
    );

    let all_events = drain(&all);
    // media type + 3 pools + medium + 2 sides, with no gap in the sequence.
    assert_eq!(all_events.len(), 7);
    assert_eq!(all_events[0].object_type, ObjectType::MediaType);
    assert_eq!(all_events[0].object_id, lto.id);
    for pair in all_events.windows(2) {
        assert_eq!(pair[1].sequence, pair[0].sequence + 1);
    }
}

#[test]
fn every_subscriber_gets_every_event_and_clones_share_one_queue() {
    let (_home, s) = fresh();
    let a = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let b = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let a2 = a.clone();
    for i in 0..4 {
        s.create_media_pool(&format!("P{i}"), PoolOptions::default()).unwrap();
    }
    assert_eq!(b.pending(), 4);
    assert_eq!(a.pending(), 4);
    let first = a.wait(SOON).unwrap();
    let second = a2.wait(SOON).unwrap();
    assert_eq!(second.sequence, first.sequence + 1);
    assert_eq!(a.pending(), 2);
    assert_eq!(drain(&b).len(), 4);
    assert_eq!(drain(&a2).len(), 2);
    assert_eq!(a.try_next().unwrap(), None);
}

#[test]
fn wait_times_out_after_the_time() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let start = Instant::now();
    let err = n.wait(Timeout::from_millis(150)).unwrap_err();
    let elapsed = start.elapsed();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.code(), 1460);
    assert!(elapsed >= Duration::from_millis(150), "timed out early: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "timed out late: {elapsed:?}");
    // A zero timeout polls: TIMEOUT when empty, the event when one is queued.
    assert_eq!(kind(n.wait(Duration::ZERO)), ErrorKind::Timeout);
    let pool = s.create_media_pool("Now", PoolOptions::default()).unwrap();
    assert_eq!(n.wait(Duration::ZERO).unwrap().object_id, pool.id);
    // An event from another thread ends an infinite wait (on a thread of its own, so that a
    // wait that is never woken fails the test instead of hanging it).
    let writer = {
        let s = s.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(100));
            s.create_media_pool("Later", PoolOptions::default()).unwrap()
        })
    };
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || tx.send(n.wait(Timeout::Infinite)).unwrap());
    let event = rx.recv_timeout(Duration::from_secs(10)).expect("the waiter was woken").unwrap();
    assert_eq!(event.object_id, writer.join().unwrap().id);
}

#[test]
fn async_next_timeout_times_out_and_delivers() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let start = Instant::now();
        let err = n.next_timeout(Duration::from_millis(120)).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Timeout);
        assert!(start.elapsed() >= Duration::from_millis(120));

        let writer = {
            let s = s.clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(50));
                s.create_media_pool("Async", PoolOptions::default()).unwrap()
            })
        };
        let event = n.next_timeout(Timeout::After(Duration::from_secs(5))).await.unwrap();
        assert_eq!(event.object_id, writer.join().unwrap().id);
        assert_eq!(event.operation, Operation::Insert);
        // Infinite waits until something comes.
        let pool = s.create_media_pool("Queued", PoolOptions::default()).unwrap();
        assert_eq!(n.next_timeout(Timeout::Infinite).await.unwrap().object_id, pool.id);
    });
}

#[tokio::test]
async fn async_next_under_a_caller_runtime() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let waiter = tokio::spawn({
        let n = n.clone();
        async move { n.next().await }
    });
    tokio::task::yield_now().await;
    // Database calls are synchronous: an async application makes them from a blocking task.
    let pool = tokio::task::spawn_blocking(move || s.create_media_pool("FromTask", PoolOptions::default()).unwrap())
        .await
        .unwrap();
    let event = tokio::time::timeout(Duration::from_secs(5), waiter).await.unwrap().unwrap().unwrap();
    assert_eq!(event.object_id, pool.id);
}

#[test]
fn a_lagging_subscriber_gets_no_data_until_it_subscribes_again() {
    let home = tempfile::tempdir().unwrap();
    let s = Session::open(SessionOptions::default().home(home.path()).notification_capacity(4)).unwrap();
    let slow = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let exact = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    for i in 0..4 {
        s.create_media_pool(&format!("P{i}"), PoolOptions::default()).unwrap();
    }
    // Exactly the capacity: nothing lost.
    assert_eq!(drain(&exact).len(), 4);
    s.create_media_pool("P4", PoolOptions::default()).unwrap();
    let err = slow.wait(SOON).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoData);
    assert_eq!(err.code(), 232);
    // It stays broken: no silent gap, and the queued events are gone.
    assert_eq!(kind(slow.wait(Duration::ZERO)), ErrorKind::NoData);
    assert_eq!(kind(slow.try_next()), ErrorKind::NoData);
    assert_eq!(slow.pending(), 0);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    assert_eq!(kind(rt.block_on(slow.next())), ErrorKind::NoData);
    // The subscriber that kept up is fine.
    assert_eq!(exact.wait(SOON).unwrap().sequence, s.last_sequence().unwrap());
    // Re-reading and subscribing again works.
    let fresh_sub = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    assert_eq!(s.enumerate(None, ObjectType::MediaPool).unwrap().len(), 3 + 5);
    let pool = s.create_media_pool("P5", PoolOptions::default()).unwrap();
    let event = fresh_sub.wait(SOON).unwrap();
    assert_eq!((event.operation, event.object_id), (Operation::Insert, pool.id));
}

#[test]
fn a_waiter_is_woken_with_no_data_when_one_transaction_overflows_its_queue() {
    let home = tempfile::tempdir().unwrap();
    let s = Session::open(SessionOptions::default().home(home.path()).notification_capacity(2)).unwrap();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        tx.send(()).unwrap();
        n.wait(Timeout::Infinite).map_err(|e| e.kind())
    });
    rx.recv().unwrap();
    thread::sleep(Duration::from_millis(50));
    // A media type inserts its three system pools in one transaction: one more than the queue holds.
    let lto = media_type(&s, "LTO-6", 1);
    assert_eq!(s.enumerate(Some(lto.id), ObjectType::MediaPool).unwrap().len(), 3);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !waiter.is_finished() {
        assert!(Instant::now() < deadline, "the waiter was not woken");
        thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(waiter.join().unwrap(), Err(ErrorKind::NoData));
}

#[test]
fn a_failed_operation_publishes_nothing_and_changes_nothing() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[]).unwrap();
    let before = s.last_sequence().unwrap();
    let pools_before = s.enumerate(None, ObjectType::MediaPool).unwrap();
    // The parents are created inside the transaction before the bad last name fails it.
    let err = s.create_media_pool("Parent/Child/bad\u{1}name", PoolOptions::default().create_parents()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    // A media type publishes itself and its three system pools; a duplicate name publishes nothing.
    let lto = media_type(&s, "LTO-6", 1);
    let after_type = s.last_sequence().unwrap();
    assert_eq!(after_type, before + 4);
    assert_eq!(kind(s.add_media_type(openrsm::MediaTypeSpec::new("LTO-6"))), ErrorKind::InvalidParameter);
    // A medium whose pool holds another type fails after loading its type and pool.
    let dlt = media_type(&s, "DLT", 1);
    let dlt_pool = pool(&s, "DLT-Pool", dlt.id);
    let after_setup = s.last_sequence().unwrap();
    assert_eq!(kind(s.create_media(MediaSpec::new(lto.id).pool(dlt_pool.id))), ErrorKind::MediaIncompatible);
    assert_eq!(s.last_sequence().unwrap(), after_setup);
    assert_eq!(s.enumerate(None, ObjectType::PhysicalMedia).unwrap().len(), 0);
    assert_eq!(s.enumerate(None, ObjectType::Partition).unwrap().len(), 0);

    let events = drain(&n);
    assert_eq!(events.len() as u64, after_setup - before);
    assert!(events.iter().all(|e| e.operation == Operation::Insert));
    assert!(s.media_pool_by_path("Parent").is_err());
    let pools_after = s.enumerate(None, ObjectType::MediaPool).unwrap();
    // Only the pools of the two media types and DLT-Pool are new.
    assert_eq!(pools_after.len(), pools_before.len() + 3 + 3 + 1);
}

#[test]
fn a_notified_change_is_already_visible() {
    let (_home, s) = fresh();
    let pool = s.create_media_pool("Seen", PoolOptions::default()).unwrap();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let reader = {
        let s = s.clone();
        thread::spawn(move || {
            let mut seen = Vec::new();
            for _ in 0..50 {
                let event = n.wait(SOON).unwrap();
                seen.push(s.object(event.object_id).unwrap().description);
            }
            seen
        })
    };
    for i in 0..50 {
        describe(&s, pool.id, &format!("v{i}")).unwrap();
    }
    let seen = reader.join().unwrap();
    // The reader may see a later value than the event's own, never an earlier one.
    for (i, text) in seen.iter().enumerate() {
        let v: usize = text.trim_start_matches('v').parse().unwrap();
        assert!(v >= i, "event {i} was delivered before its change was visible ({text})");
    }
    assert_eq!(seen.last().unwrap(), "v49");
}

#[test]
fn concurrent_writers_publish_in_commit_order_with_consecutive_sequences() {
    const WRITERS: usize = 4;
    const EACH: usize = 100;
    let (_home, s) = fresh();
    let targets: Vec<_> =
        (0..WRITERS).map(|w| s.create_media_pool(&format!("W{w}"), PoolOptions::default()).unwrap()).collect();
    let n = s.open_notification(&[]).unwrap();
    let start = s.last_sequence().unwrap();
    let writers: Vec<_> = targets
        .iter()
        .map(|pool| {
            let s = s.clone();
            let id = pool.id;
            thread::spawn(move || {
                for i in 0..EACH {
                    describe(&s, id, &format!("{i}")).unwrap();
                }
            })
        })
        .collect();
    let mut events = Vec::new();
    while events.len() < WRITERS * EACH {
        events.push(n.wait(SOON).unwrap());
    }
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(n.try_next().unwrap(), None);
    let sequences: Vec<u64> = events.iter().map(|e| e.sequence).collect();
    let expected: Vec<u64> = (start + 1..=start + (WRITERS * EACH) as u64).collect();
    assert_eq!(sequences, expected);
    for pool in &targets {
        assert_eq!(events.iter().filter(|e| e.object_id == pool.id).count(), EACH);
        assert_eq!(s.object(pool.id).unwrap().description, (EACH - 1).to_string());
    }
}

#[test]
fn dropping_a_pending_next_loses_no_event() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        // A future that is pending when dropped.
        let dropped = tokio::time::timeout(Duration::from_millis(50), n.next()).await;
        assert!(dropped.is_err(), "nothing was published yet");
        let first = s.create_media_pool("First", PoolOptions::default()).unwrap();
        assert_eq!(n.next().await.unwrap().object_id, first.id);

        // A future that was woken by an event but dropped before it was polled again.
        let mut pending = Box::pin(n.next());
        assert!(futures::poll!(pending.as_mut()).is_pending());
        let second = s.create_media_pool("Second", PoolOptions::default()).unwrap();
        drop(pending);
        assert_eq!(n.pending(), 1);
        assert_eq!(n.next().await.unwrap().object_id, second.id);

        // A future polled once while an event is queued either completes with it or, if it is
        // still pending, leaves it queued: an event is never taken by a future that is dropped.
        let queued = s.create_media_pool("Queued", PoolOptions::default()).unwrap();
        let mut once = Box::pin(n.next());
        match futures::poll!(once.as_mut()) {
            std::task::Poll::Ready(event) => {
                assert_eq!(event.unwrap().object_id, queued.id);
                assert_eq!(n.pending(), 0);
            }
            std::task::Poll::Pending => {
                drop(once);
                assert_eq!(n.pending(), 1, "a dropped future took the event");
                assert_eq!(n.next().await.unwrap().object_id, queued.id);
            }
        }

        // select! between next() and something else that wins.
        let third = s.create_media_pool("Third", PoolOptions::default()).unwrap();
        tokio::select! {
            biased;
            _ = std::future::ready(()) => {}
            _ = n.next() => panic!("the ready branch is polled first"),
        }
        assert_eq!(n.next().await.unwrap().object_id, third.id);
    });
}

#[test]
fn the_stream_yields_the_events_in_order() {
    let (_home, s) = fresh();
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let writer = {
        let s = s.clone();
        thread::spawn(move || {
            (0..5)
                .map(|i| s.create_media_pool(&format!("S{i}"), PoolOptions::default()).unwrap().id)
                .collect::<Vec<_>>()
        })
    };
    let got: Vec<_> = rt.block_on(async {
        let stream = n.stream().take(5);
        let events: Vec<_> = tokio::time::timeout(Duration::from_secs(5), stream.collect::<Vec<_>>()).await.unwrap();
        events.into_iter().map(|e| e.unwrap()).collect::<Vec<_>>()
    });
    let expected = writer.join().unwrap();
    assert_eq!(got.iter().map(|e| e.object_id).collect::<Vec<_>>(), expected);
    assert!(got.windows(2).all(|w| w[1].sequence == w[0].sequence + 1));

    // Closing the subscription ends a stream after one INVALID_HANDLE.
    let (tx, rx) = mpsc::channel();
    let mut stream = n.stream();
    let reader = rt.spawn(async move {
        let first = stream.next().await;
        let second = stream.next().await;
        tx.send((first.map(|r| r.map_err(|e| e.kind())), second.is_none())).unwrap();
    });
    thread::sleep(Duration::from_millis(50));
    n.close();
    let (first, ended) = rx.recv_timeout(Duration::from_secs(5)).expect("the stream ended");
    assert_eq!(first, Some(Err(ErrorKind::InvalidHandle)));
    assert!(ended);
    rt.block_on(reader).unwrap();
}
