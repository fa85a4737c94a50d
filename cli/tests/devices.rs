//! `rsm devices` and `rsm watch --devices`: on this machine, and under umockdev with a fake tape
//! drive, changer and CD-ROM (skipped when umockdev is not installed, unless
//! `OPENRSM_REQUIRE_UMOCKDEV=1`, as `scripts/test-udev.sh` sets).

use std::path::Path;
use std::process::Command;

const RSM: &str = env!("CARGO_BIN_EXE_rsm");

#[test]
fn devices_lists_what_was_found_with_identities() {
    if Command::new("umockdev-run").arg("--help").output().is_err() {
        assert!(std::env::var("OPENRSM_REQUIRE_UMOCKDEV").map_or(true, |v| v != "1"), "umockdev-run is missing");
        eprintln!("skipped: umockdev-run is not installed");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let devices = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/umockdev/devices.umockdev");
    let run = |args: &[&str]| {
        let out = Command::new("umockdev-run")
            .arg("-d")
            .arg(&devices)
            .arg("--")
            .arg(RSM)
            .arg("--home")
            .arg(home.path())
            .args(args)
            .env_remove("OPENRSM_DEVICE_DETECTION")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(run(&["--json", "devices"]).trim()).unwrap();
    let devices = json["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 3, "{json}");
    let tape = devices.iter().find(|d| d["info"]["kind"] == "TAPE_DRIVE").unwrap();
    assert_eq!(tape["info"]["identity"], "serial:IBM:ULT3580-TD5:1013000001");
    assert_eq!(tape["info"]["paths"], serde_json::json!(["/dev/st0", "/dev/nst0"]));
    assert!(devices.iter().any(|d| d["info"]["kind"] == "CHANGER" && d["changer"].is_string()));
    assert!(devices.iter().any(|d| d["info"]["kind"] == "OPTICAL_DRIVE" && d["drive"].is_string()));
    // Opening again finds the same devices: no duplicates, same libraries.
    let again: serde_json::Value = serde_json::from_str(run(&["--json", "devices", "--rescan"]).trim()).unwrap();
    let libraries = |v: &serde_json::Value| {
        let mut l: Vec<String> =
            v["devices"].as_array().unwrap().iter().map(|d| d["library"].as_str().unwrap().to_owned()).collect();
        l.sort();
        l
    };
    assert_eq!(libraries(&json), libraries(&again));
    let human = run(&["devices"]);
    assert!(human.contains("serial:IBM:ULT3580-TD5:1013000001"), "{human}");
    assert!(human.contains("/dev/sch0"), "{human}");
}

#[test]
fn watch_devices_runs_without_hardware() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(RSM)
        .arg("--home")
        .arg(home.path())
        .args(["watch", "--devices", "--timeout", "0.2"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new(RSM).arg("--home").arg(home.path()).args(["--json", "devices"]).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["status"].is_string());
}
