//! Library requests: queue order, priorities, cancel, delete, notifications; operator requests.

mod support;

use std::time::Duration;

use openrsm::library::{VirtualDelays, VirtualLibrarySpec};
use openrsm::{
    DismountOptions, ErrorKind, InventoryOptions, LibRequestOperation, LibRequestState, MountOptions, ObjectType,
    OpRequestKind, OpRequestState, Operation, Timeout,
};
use support::*;

/// A library whose robot is slow enough that requests pile up behind a running one.
fn busy_library(h: &Home) -> Library {
    let lib = h.library("Robot", VirtualLibrarySpec::new(1, 10, 1).media("LTO-6", 8).barcode_prefix("R"));
    lib.vlib.set_delays(VirtualDelays { scan: Duration::from_millis(400), ..Default::default() }).unwrap();
    lib
}

#[test]
fn the_queue_runs_by_priority_then_arrival_and_can_be_reordered() {
    let h = home();
    let lib = busy_library(&h);
    // Occupy the robot.
    let running = h.session.start_inventory(lib.id, &InventoryOptions::fast()).unwrap();
    assert!(eventually(Duration::from_secs(2), || request_state(&h.session, running) == LibRequestState::InProcess));
    let media: Vec<_> = (1..=4).map(|n| lib.medium(&format!("R{n:04}")).id).collect();
    let low = h.session.mount(&[media[0]], &MountOptions::default().nowait().priority(-5)).unwrap()[0].request;
    let normal = h.session.mount(&[media[1]], &MountOptions::default().nowait()).unwrap()[0].request;
    let high = h.session.mount(&[media[2]], &MountOptions::default().nowait().priority(10)).unwrap()[0].request;
    let normal2 = h.session.mount(&[media[3]], &MountOptions::default().nowait()).unwrap()[0].request;
    let queue: Vec<_> = h.session.request_queue(lib.id).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(queue, vec![high, normal, normal2, low]);
    assert_eq!(h.session.request_order(normal2).unwrap(), 3);

    // Move the low one to the front: it takes the priority it needs to be there.
    let events = h.session.open_notification(&[ObjectType::LibRequest]).unwrap();
    h.session.set_request_order(low, 1).unwrap();
    let queue: Vec<_> = h.session.request_queue(lib.id).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(queue, vec![low, high, normal, normal2]);
    assert_eq!(req_info(&h.session.object(low).unwrap()).priority, 10);
    assert!(drain(&events).iter().any(|e| e.object_id == low && e.operation == Operation::Update));
    // Between two of equal priority, priority stays.
    h.session.set_request_order(normal2, 3).unwrap();
    let queue: Vec<_> = h.session.request_queue(lib.id).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(queue, vec![low, high, normal2, normal]);
    assert_eq!(req_info(&h.session.object(normal2).unwrap()).priority, 0);
    assert_eq!(h.session.set_request_order(normal, 0).unwrap_err().kind(), ErrorKind::InvalidParameter);

    // They run in that order: the one drive serves the first; the others wait for it.
    h.session.wait_request(running, Timeout::from_millis(5000)).unwrap();
    h.session.wait_request(low, Timeout::from_millis(5000)).unwrap();
    assert!(eventually(Duration::from_secs(2), || request_state(&h.session, high) == LibRequestState::Waiting));
    for (request, media) in [(high, media[2]), (normal2, media[3]), (normal, media[1])] {
        let in_drive = lib.drives()[0].clone();
        let current = drive(&in_drive).media.unwrap();
        h.session.dismount(&[current], &DismountOptions::immediate()).unwrap();
        h.session.wait_request(request, Timeout::from_millis(5000)).unwrap();
        assert_eq!(drive(&h.session.object(in_drive.id).unwrap()).media, Some(media));
    }
    lib.assert_consistent();
}

#[test]
fn cancel_and_delete_requests() {
    let h = home();
    let lib = busy_library(&h);
    let running = h.session.start_inventory(lib.id, &InventoryOptions::fast()).unwrap();
    let queued = h.session.start_inventory(lib.id, &InventoryOptions::fast()).unwrap();
    assert_eq!(h.session.delete_request(queued).unwrap_err().kind(), ErrorKind::InvalidOperation);
    let events = h.session.open_notification(&[ObjectType::LibRequest]).unwrap();
    h.session.cancel_request(queued).unwrap();
    assert_eq!(request_state(&h.session, queued), LibRequestState::Cancelled);
    wait_event(&events, queued, Operation::EventComplete);
    assert_eq!(h.session.cancel_request(queued).unwrap_err().kind(), ErrorKind::InvalidOperation);
    let err = h.session.wait_request(queued, Timeout::from_millis(100)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RequestRefused);
    h.session.wait_request(running, Timeout::from_millis(5000)).unwrap();
    h.session.delete_request(queued).unwrap();
    assert_eq!(h.session.object(queued).unwrap_err().kind(), ErrorKind::ObjectNotFound);
    wait_event(&events, queued, Operation::Delete);
    // A running request can be waited for with a timeout.
    let again = h.session.start_inventory(lib.id, &InventoryOptions::fast()).unwrap();
    assert_eq!(h.session.wait_request(again, Timeout::from_millis(10)).unwrap_err().kind(), ErrorKind::Timeout);
    let done = h.session.wait_request(again, Timeout::from_millis(5000)).unwrap();
    let r = req_info(&done);
    assert_eq!(r.operation, LibRequestOperation::Inventory);
    assert_eq!(r.application, "library-tests");
    assert!(r.completed.unwrap() >= r.started.unwrap());
}

#[test]
fn requests_left_by_an_earlier_process_are_cancelled_on_start() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let library;
    let request;
    {
        let session = openrsm::Session::open(openrsm::SessionOptions::default().home(dir.path())).unwrap();
        library =
            session.create_virtual_library("Robot", VirtualLibrarySpec::new(1, 4, 1).media("LTO-6", 2)).unwrap().id;
        session
            .virtual_library(library)
            .unwrap()
            .set_delays(VirtualDelays { scan: Duration::from_millis(300), ..Default::default() })
            .unwrap();
        session.start_inventory(library, &InventoryOptions::fast()).unwrap();
        request = session.start_inventory(library, &InventoryOptions::fast()).unwrap();
        session.close();
    }
    // The home is free again once the sessions and the scheduler let go of it.
    let session = loop {
        match openrsm::Session::open(openrsm::SessionOptions::default().home(dir.path())) {
            Ok(s) => break s,
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    session.virtual_library(library).unwrap().set_delays(VirtualDelays::none()).unwrap();
    session.inventory(library, &InventoryOptions::fast()).unwrap();
    let state = req_info(&session.object(request).unwrap()).request_state;
    assert_eq!(state, LibRequestState::Cancelled);
    assert_consistent(&session, library);
}

#[test]
fn operator_requests_submit_wait_satisfy_cancel() {
    let h = home();
    let lib = busy_library(&h);
    let events = h.session.open_notification(&[ObjectType::OpRequest]).unwrap();
    let op = h.session.submit_operator_request(OpRequestKind::NewMedia, "add ten LTO-6 tapes", &[lib.id]).unwrap();
    wait_event(&events, op.id, Operation::Insert);
    assert_eq!(h.session.operator_requests(true).unwrap().len(), 1);
    let waiter = {
        let session = h.session.clone();
        let id = op.id;
        std::thread::spawn(move || session.wait_operator_request(id, Timeout::from_millis(5000)))
    };
    std::thread::sleep(Duration::from_millis(50));
    h.session.satisfy_operator_request(op.id).unwrap();
    let done = waiter.join().unwrap().unwrap();
    match &done.detail {
        openrsm::Detail::OpRequest(i) => assert_eq!(i.request_state, OpRequestState::Complete),
        _ => unreachable!(),
    }
    assert_eq!(h.session.satisfy_operator_request(op.id).unwrap_err().kind(), ErrorKind::InvalidOperation);

    let op = h.session.submit_operator_request(OpRequestKind::Message, "check the labels", &[]).unwrap();
    h.session.cancel_operator_request(op.id).unwrap();
    assert_eq!(
        h.session.wait_operator_request(op.id, Timeout::from_millis(10)).unwrap_err().kind(),
        ErrorKind::RequestRefused
    );
    let long = "x".repeat(300);
    assert_eq!(
        h.session.submit_operator_request(OpRequestKind::Message, &long, &[]).unwrap_err().kind(),
        ErrorKind::MessageExceedsMaxSize
    );
    let missing = openrsm::ObjectId::new();
    assert_eq!(
        h.session.submit_operator_request(OpRequestKind::Message, "x", &[missing]).unwrap_err().kind(),
        ErrorKind::ObjectNotFound
    );
    // Answered requests can be deleted; open ones cannot.
    let open = h.session.submit_operator_request(OpRequestKind::Message, "still open", &[]).unwrap();
    assert_eq!(h.session.delete_object(open.id).unwrap_err().kind(), ErrorKind::InvalidOperation);
    h.session.delete_object(op.id).unwrap();
}

#[test]
fn statistics_count_requests_and_robot_time() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(1, 4, 1).media("LTO-6", 2).barcode_prefix("S"));
    assert_eq!(h.session.library_statistics(lib.id).unwrap(), Default::default());
    let tape = lib.medium("S0001");
    h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    h.session.dismount(&[tape.id], &DismountOptions::immediate()).unwrap();
    let stats = h.session.library_statistics(lib.id).unwrap();
    assert_eq!(stats.requests, 2);
    assert_eq!(stats.pending, 0);
    assert!(stats.changer_calls >= 4, "{stats:?}");
}
