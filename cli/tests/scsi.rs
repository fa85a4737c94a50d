//! `rsm library add` against a tgt library over iSCSI (skipped with a message where tgt cannot
//! run, unless OPENRSM_REQUIRE_TGT=1).

use std::path::Path;
use std::process::Command;

const RSM: &str = env!("CARGO_BIN_EXE_rsm");

fn script() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/tgt-vtl.sh")
}

fn tgt_available() -> Result<(), String> {
    if !openrsm::scsi::ISCSI_SUPPORTED {
        return Err("this build has no iSCSI support".into());
    }
    if !Path::new("/usr/sbin/tgtd").exists() && Command::new("tgtd").arg("--help").output().is_err() {
        return Err("tgtd is not installed (Debian: apt-get install tgt)".into());
    }
    let uid = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    if uid.map_or(true, |u| u != "0") {
        return Err("tgtd needs root".into());
    }
    Ok(())
}

/// A tgt library started for one test; stopped when dropped. `None` (test skipped) where tgt
/// cannot run, unless OPENRSM_REQUIRE_TGT=1.
struct Tgt {
    dir: tempfile::TempDir,
    url: String,
}

impl Tgt {
    fn start() -> Option<Tgt> {
        let required = std::env::var("OPENRSM_REQUIRE_TGT").is_ok_and(|v| v == "1");
        if let Err(why) = tgt_available() {
            assert!(!required, "tgt required: {why}");
            eprintln!("skipped: {why}");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let vtl = dir.path().join("vtl");
        let started =
            Command::new("bash").arg(script()).arg("start").arg(&vtl).args(["--drives", "2"]).output().unwrap();
        if !started.status.success() {
            let why = String::from_utf8_lossy(&started.stderr).into_owned();
            assert!(!required, "tgt required: {why}");
            eprintln!("skipped: tgt did not start: {why}");
            return None;
        }
        let url = String::from_utf8_lossy(&started.stdout).trim().to_owned();
        Some(Tgt { dir, url })
    }

    fn rsm(&self, args: &[&str]) -> std::process::Output {
        let home = self.dir.path().join("home");
        Command::new(RSM).arg("--home").arg(&home).args(args).env_remove("OPENRSM_HOME").output().unwrap()
    }
}

impl Drop for Tgt {
    fn drop(&mut self) {
        let _ = Command::new("bash").arg(script()).arg("stop").arg(self.dir.path().join("vtl")).output();
    }
}

#[test]
fn demo_over_iscsi() {
    let Some(tgt) = Tgt::start() else { return };
    for run in ["first", "second"] {
        let out = tgt.rsm(&["demo", "--iscsi", &tgt.url]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{run} run: {}{}", text, String::from_utf8_lossy(&out.stderr));
        assert!(text.contains("mounted in demo drive"), "{text}");
        assert!(text.contains("is back in demo slot"), "{text}");
        assert!(text.contains("the database matches the library"), "{text}");
    }
    let pool = tgt.rsm(&["media", "--pool", "Demo/Backups", "--json"]);
    let listed: serde_json::Value = serde_json::from_slice(&pool.stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "{listed}");
}

#[test]
fn library_add_over_iscsi() {
    let Some(tgt) = Tgt::start() else { return };
    let url = tgt.url.clone();
    let rsm = |args: &[&str]| tgt.rsm(args);
    let added = rsm(&["library", "add", "Tapes", "--iscsi", &url, "--json"]);
    if !added.status.success() {
        panic!("rsm library add failed: {}", String::from_utf8_lossy(&added.stderr));
    }
    let library: serde_json::Value = serde_json::from_slice(&added.stdout).unwrap();
    assert_eq!(library["name"], "Tapes");
    let media = rsm(&["objects", "physical_media", "--json"]);
    let human = rsm(&["library", "add", "Again", "--iscsi", "iscsi://127.0.0.1:1/iqn.2025-01.org.openrsm:none/0"]);
    let bad = rsm(&["library", "add", "Bad", "--iscsi", "not-a-url"]);
    drop(tgt);
    assert!(media.status.success(), "{}", String::from_utf8_lossy(&media.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&media.stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(8), "{listed}");
    // Unreachable target: DEVICE_NOT_AVAILABLE (4319 -> exit code 49); malformed URL: INVALID_PARAMETER (87).
    assert_eq!(human.status.code(), Some(49), "{}", String::from_utf8_lossy(&human.stderr));
    assert_eq!(bad.status.code(), Some(87), "{}", String::from_utf8_lossy(&bad.stderr));
}
