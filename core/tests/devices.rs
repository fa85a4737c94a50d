//! Device detection: under umockdev (a fake sysfs with a tape drive, a changer and a CD-ROM, and
//! live uevents played by `tests/umockdev/testbed.py`), on a loop device where the machine allows
//! it, and on a machine with nothing removable.
//!
//! The umockdev test needs `umockdev-wrapper` and Python's `gi` with UMockdev; `scripts/test-udev.sh`
//! installs them and sets `OPENRSM_REQUIRE_UMOCKDEV=1`, which turns a missing tool into a failure.
//! Without that variable the test skips when the tools are absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use openrsm::library::DetectionTargets;
use openrsm::{ObjectType, OperationalState, Session, SessionOptions};
use serde_json::Value;

fn required() -> bool {
    std::env::var("OPENRSM_REQUIRE_UMOCKDEV").is_ok_and(|v| v == "1")
}

fn skip(why: &str) {
    assert!(!required(), "umockdev test cannot run: {why}");
    eprintln!("skipped: {why}");
}

fn python_with_gi() -> Option<PathBuf> {
    for python in ["/usr/bin/python3", "python3"] {
        let ok = Command::new(python)
            .args(["-c", "import gi; gi.require_version('UMockdev', '1.0'); from gi.repository import UMockdev"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(PathBuf::from(python));
        }
    }
    None
}

/// The `device_probe` example, which `cargo test` builds next to this test.
fn probe() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let probe = dir.join("examples").join("device_probe");
    probe.exists().then_some(probe)
}

fn kind<'a>(lines: &'a [Value], kind: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["kind"] == kind).collect()
}

#[test]
fn umockdev_devices_and_media_become_objects_and_notifications() {
    if Command::new("umockdev-wrapper").arg("--help").output().is_err() {
        return skip("umockdev-wrapper is not installed");
    }
    let Some(python) = python_with_gi() else { return skip("python3 with gi and UMockdev is not installed") };
    let Some(probe) = probe() else { return skip("the device_probe example is not built") };
    let home = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/umockdev/testbed.py");
    let output = Command::new("umockdev-wrapper")
        .arg(&python)
        .arg(&script)
        .arg(&probe)
        .arg(home.path())
        .env_remove("OPENRSM_DEVICE_DETECTION")
        .output()
        .expect("run the testbed");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "testbed failed: {}\n{stdout}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<Value> = stdout.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let script = kind(&lines, "script")[0];
    assert_eq!(script["probe_exit"], 0);

    // Found at start: the tape drive, the changer, the CD-ROM, with identities from serial / WWN.
    let at_start = kind(&lines, "device");
    let identities: Vec<&str> = at_start.iter().map(|d| d["device"]["info"]["identity"].as_str().unwrap()).collect();
    assert_eq!(at_start.len(), 3, "{identities:?}");
    assert!(identities.contains(&"serial:IBM:ULT3580-TD5:1013000001"));
    assert!(identities.contains(&"wwn:naa.5000e11156304001"));
    assert!(identities.contains(&"serial:HL-DT-ST:DVDRAM GH24NSD1:K1234567"));
    assert!(kind(&lines, "status")[0]["status"].as_str().unwrap().starts_with("udev: watching"));

    // Every event of the burst arrived, and the monitor lived on to see what came after it.
    let events = kind(&lines, "device_event");
    let burst = script["burst"].as_u64().unwrap() as usize;
    let tape_changes =
        events.iter().filter(|e| e["event"]["event"] == "changed" && e["event"]["sysname"] == "st0").count();
    assert_eq!(tape_changes, burst);
    let last = events.last().unwrap();
    assert_eq!(last["event"]["sysname"], "sr0");
    assert_eq!(last["event"]["media"], "ABSENT");
    assert!(!events.iter().any(|e| e["event"]["event"] == "rescan"));

    let finals = kind(&lines, "final_device");
    let by_identity = |id: &str| *finals.iter().find(|d| d["device"]["info"]["identity"] == id).unwrap();
    // The changer went away: NOT_PRESENT, its record kept.
    let changer = by_identity("wwn:naa.5000e11156304001");
    assert_eq!(changer["device"]["state"], "NOT_PRESENT");
    // The tape drive came back as st3: the same library and drive, new paths, READY.
    let tape = by_identity("serial:IBM:ULT3580-TD5:1013000001");
    let tape_at_start = at_start.iter().find(|d| d["device"]["info"]["sysname"] == "st0").unwrap();
    assert_eq!(tape["device"]["library"], tape_at_start["device"]["library"]);
    assert_eq!(tape["device"]["drive"], tape_at_start["device"]["drive"]);
    assert_eq!(tape["device"]["state"], "READY");
    assert_eq!(tape["device"]["info"]["paths"], serde_json::json!(["/dev/st3", "/dev/nst3"]));
    // The USB stick was plugged in with a blank medium: a new STANDALONE library holding it.
    let stick = by_identity("serial:SanDisk:Cruzer:4C530001");
    assert_eq!(stick["volumes"], serde_json::json!(["/dev/sdb"]));
    assert_eq!(finals.len(), 4);

    let media = kind(&lines, "media");
    assert_eq!(media.len(), 2);
    // The disc had something written that no label library claims: Unrecognized; taken out: offline.
    let disc = media.iter().find(|m| m["pool"] == "Unrecognized/Optical disc").expect("disc in Unrecognized");
    assert_eq!(disc["location"], "OFFLINE");
    assert!(disc["library"].is_null());
    assert_eq!(disc["capacity"], 1_376_256u64 * 512);
    // The stick is blank: Free, loaded in its drive.
    let blank = media.iter().find(|m| m["pool"] == "Free/Removable disk").expect("stick in Free");
    assert_eq!(blank["location"], "DRIVE");
    assert_eq!(blank["library"], stick["device"]["library"]);
    assert_eq!(stick["device"]["media"], blank["id"]);

    // Notifications: the disc and stick media were inserted, the disc updated (offline), the
    // changer's library updated (NOT_PRESENT); nothing was deleted.
    let notes = kind(&lines, "notification");
    let has = |op: &str, t: &str, id: &Value| {
        notes.iter().any(|n| n["operation"] == op && n["object_type"] == t && &n["object_id"] == id)
    };
    assert!(has("INSERT", "PHYSICAL_MEDIA", &disc["id"]));
    assert!(has("UPDATE", "PHYSICAL_MEDIA", &disc["id"]));
    assert!(has("INSERT", "PHYSICAL_MEDIA", &blank["id"]));
    assert!(has("INSERT", "LIBRARY", &stick["device"]["library"]));
    assert!(has("UPDATE", "LIBRARY", &changer["device"]["library"]));
    assert!(has("UPDATE", "DRIVE", &tape["device"]["drive"]));
    assert!(notes.iter().any(|n| n["operation"] == "INSERT" && n["object_type"] == "PARTITION"));
    assert!(!notes.iter().any(|n| n["operation"] == "DELETE"));
}

/// With no removable hardware (or detection off), a session opens quietly and the rest works.
#[test]
fn without_removable_hardware_detection_is_quiet_and_nothing_changes() {
    let home = tempfile::tempdir().unwrap();
    let session = Session::open(SessionOptions::default().home(home.path())).unwrap();
    let status = session.device_detection_status().unwrap();
    assert!(!status.is_empty());
    let devices = session.devices().unwrap();
    // Whatever this machine has is listed READY; a CI machine has nothing.
    assert!(devices.iter().all(|d| d.state == OperationalState::Ready));
    let lto = session.add_media_type(openrsm::MediaTypeSpec::new("LTO-6")).unwrap();
    let media = session.create_media(openrsm::MediaSpec::new(lto.id).barcode("T00001")).unwrap();
    assert_eq!(session.object(media.id).unwrap().name, "T00001");
    // A one-shot poll and a detection on media types work with or without devices.
    let changed = session.detect_device_changes(&DetectionTargets::MediaTypes(vec![lto.id])).unwrap();
    assert_eq!(changed, 0);
    let detection = session.begin_device_change_detection().unwrap();
    detection.set_targets(DetectionTargets::MediaTypes(vec![lto.id])).unwrap();
    detection.end();
    assert_eq!(session.rescan_devices().unwrap(), devices.len());
    assert_eq!(session.devices().unwrap().len(), devices.len());
    // A drive that is not a detected device cannot be ejected from here.
    let library = session.create_virtual_library("V", openrsm::VirtualLibrarySpec::standalone()).unwrap();
    let drive = session.enumerate(Some(library.id), ObjectType::Drive).unwrap()[0].id;
    assert_eq!(session.eject_disk_from_sa_drive(drive).unwrap_err().kind(), openrsm::ErrorKind::InvalidDriveObject);
    session.close();
    assert_eq!(session.devices().unwrap_err().kind(), openrsm::ErrorKind::InvalidHandle);
}

/// A loop device as real kernel media: attaching a file is a medium inserted, detaching it a
/// medium removed. Needs root and a kernel that allows losetup; skips cleanly elsewhere.
#[test]
fn loop_device_media_end_to_end() {
    use std::io::BufRead;
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if !is_root || Command::new("losetup").arg("--version").output().is_err() {
        eprintln!("skipped: needs root and losetup");
        return;
    }
    let Some(probe) = probe() else {
        eprintln!("skipped: the device_probe example is not built");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("medium.img");
    let mut bytes = vec![0u8; 1 << 20];
    bytes[..12].copy_from_slice(b"not a label!");
    std::fs::write(&image, &bytes).unwrap();
    let mut child = Command::new(&probe)
        .arg(dir.path().join("home"))
        .env("OPENRSM_DEVICE_LOOP", "1")
        .env_remove("OPENRSM_DEVICE_DETECTION")
        .env_remove("UMOCKDEV_DIR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(|l| l.ok()) {
            let _ = tx.send(line);
        }
    });
    let mut lines = Vec::new();
    for line in rx.iter() {
        let ready = line.contains("\"kind\":\"ready\"");
        lines.push(line);
        if ready {
            break;
        }
    }
    let attached = Command::new("losetup").arg("-f").arg("--show").arg(&image).output().unwrap();
    if !attached.status.success() {
        drop(child.stdin.take());
        let _ = child.wait();
        eprintln!("skipped: losetup is not permitted here ({})", String::from_utf8_lossy(&attached.stderr).trim());
        return;
    }
    let device = String::from_utf8(attached.stdout).unwrap().trim().to_owned();
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let detached = Command::new("losetup").arg("-d").arg(&device).status().unwrap();
    assert!(detached.success());
    std::thread::sleep(std::time::Duration::from_millis(1000));
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    let lines: Vec<Value> = lines.iter().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let name = device.rsplit('/').next().unwrap();
    let events = kind(&lines, "device_event");
    let of_device: Vec<&&Value> = events.iter().filter(|e| e["event"]["sysname"] == name).collect();
    assert!(of_device.iter().any(|e| e["event"]["media"] == "PRESENT"), "{of_device:?}");
    assert!(of_device.iter().any(|e| e["event"]["media"] == "ABSENT"), "{of_device:?}");
    let media = kind(&lines, "media");
    let medium = media.iter().find(|m| m["capacity"] == 1u64 << 20).expect("a medium of the image's size");
    // Written, but no label library claims it; taken out: offline.
    assert_eq!(medium["pool"], "Unrecognized/Removable disk");
    assert_eq!(medium["location"], "OFFLINE");
    let notes = kind(&lines, "notification");
    assert!(notes.iter().any(|n| n["operation"] == "INSERT" && n["object_id"] == medium["id"]));
    assert!(notes.iter().any(|n| n["operation"] == "UPDATE" && n["object_id"] == medium["id"]));
}
