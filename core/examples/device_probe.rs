//! Open a session with device change detection on and print what happens as JSON lines, until
//! standard input closes; then print the final devices and media.
//!
//! `cargo run -p openrsm --example device_probe -- HOME` — run it under `umockdev-wrapper` (see
//! `core/tests/umockdev/`) to watch a fake device tree, or as is to watch this computer.
//!
//! Lines: `{"kind":"status"}`, `{"kind":"device"}` (found at start), `{"kind":"ready"}`,
//! `{"kind":"notification"}`, `{"kind":"device_event"}`, and at the end `{"kind":"final_device"}`,
//! `{"kind":"media"}`, `{"kind":"done"}`.

use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use openrsm::library::DetectionTargets;
use openrsm::{Detail, ObjectType, Session, SessionOptions};
use serde_json::json;

fn emit(value: serde_json::Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{value}");
    let _ = out.flush();
}

fn main() -> openrsm::Result<()> {
    let home = std::env::args().nth(1).expect("usage: device_probe HOME");
    let session = Session::open(SessionOptions::default().home(home).application("device_probe"))?;
    emit(json!({"kind": "status", "status": session.device_detection_status()?}));
    for device in session.devices()? {
        emit(json!({"kind": "device", "device": device}));
    }
    let notification = session.open_notification(&[])?;
    let mut events = session.device_events()?;
    let types = ["Optical disc", "Removable disk"]
        .iter()
        .map(|name| session.ensure_media_type(name).map(|t| t.id))
        .collect::<openrsm::Result<Vec<_>>>()?;
    let detection = session.begin_device_change_detection()?;
    detection.set_targets(DetectionTargets::MediaTypes(types))?;
    emit(json!({"kind": "ready"}));

    let done = Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    std::thread::spawn(move || {
        for _ in std::io::stdin().lock().lines() {}
        flag.store(true, Ordering::SeqCst);
    });
    let print_notifications = |session: &Session| -> openrsm::Result<()> {
        while let Some(event) = notification.try_next()? {
            let name = session.object(event.object_id).map(|o| o.name).unwrap_or_default();
            emit(json!({"kind": "notification", "operation": event.operation, "object_type": event.object_type,
                        "object_id": event.object_id, "name": name}));
        }
        Ok(())
    };
    while !done.load(Ordering::SeqCst) {
        if let Some(event) = events.next_timeout(Duration::from_millis(50))? {
            emit(json!({"kind": "device_event", "event": event}));
        }
        print_notifications(&session)?;
    }
    // Let what is in flight land.
    std::thread::sleep(Duration::from_millis(300));
    while let Some(event) = events.next_timeout(Duration::from_millis(10))? {
        emit(json!({"kind": "device_event", "event": event}));
    }
    print_notifications(&session)?;
    for device in session.devices()? {
        let volumes = device.drive.map(|d| session.volumes_from_drive(d).unwrap_or_default());
        emit(json!({"kind": "final_device", "device": device, "volumes": volumes}));
    }
    for media in session.enumerate(None, ObjectType::PhysicalMedia)? {
        let Detail::PhysicalMedia(info) = &media.detail else { continue };
        let pool = session.media_pool_name(info.pool)?;
        let sides = session.enumerate(Some(media.id), ObjectType::Partition)?;
        let capacity = sides.iter().find_map(|s| match &s.detail {
            Detail::Partition(p) => Some(p.capacity),
            _ => None,
        });
        emit(json!({"kind": "media", "id": media.id, "name": media.name, "pool": pool, "library": info.library,
                    "location": info.location.kind, "state": info.media_state, "capacity": capacity}));
    }
    detection.end();
    emit(json!({"kind": "done"}));
    session.close();
    Ok(())
}
