//! A tgt virtual tape library for tests and benchmarks: starts `scripts/tgt-vtl.sh` in a temporary
//! directory and stops it on drop.
//!
//! When tgt cannot run here (tgtd not installed, not root, or OpenRSM built without libiscsi),
//! [`Vtl::start`] prints why and returns `None` so the test passes as skipped, unless
//! `OPENRSM_REQUIRE_TGT=1` (set by scripts/test-scsi.sh) makes that a failure.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running tgt library.
pub struct Vtl {
    dir: tempfile::TempDir,
    /// `iscsi://` URL of the changer LUN.
    pub url: String,
    /// `host:port` of the portal.
    pub portal: String,
    /// Target IQN.
    pub iqn: String,
    /// Number of drives (LUNs 1..=drives, element addresses 256..).
    pub drives: u16,
    /// Number of storage slots (addresses 4096..).
    pub slots: u16,
    /// How many of the first slots hold tapes (barcodes OR0001L6, ...).
    pub media: u16,
    /// Number of IE ports (addresses 16..).
    pub ieports: u16,
}

/// First IE port address in the script's layout.
pub const IE_FIRST: u16 = 16;
/// First drive address.
pub const DRIVE_FIRST: u16 = 256;
/// First slot address.
pub const SLOT_FIRST: u16 = 4096;
/// The transport element.
pub const TRANSPORT: u16 = 1;

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/tgt-vtl.sh")
}

fn skip(why: &str) -> Option<Vtl> {
    if std::env::var("OPENRSM_REQUIRE_TGT").is_ok_and(|v| v == "1") {
        panic!("tgt is required (OPENRSM_REQUIRE_TGT=1) but cannot run: {why}");
    }
    eprintln!("skipped: {why}");
    None
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        || Path::new("/usr/sbin").join(program).is_file()
}

impl Vtl {
    /// Start a library; `None` (test skipped) when tgt cannot run here.
    pub fn start(drives: u16, slots: u16, media: u16, ieports: u16) -> Option<Vtl> {
        if !openrsm::scsi::ISCSI_SUPPORTED {
            return skip("this build has no iSCSI support (install libiscsi-dev and rebuild)");
        }
        if !on_path("tgtd") || !on_path("tgtadm") {
            return skip("tgtd is not installed (Debian: apt-get install tgt)");
        }
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return skip("tgtd needs root");
        }
        let dir = tempfile::Builder::new().prefix("openrsm-tgt-").tempdir().expect("temp dir");
        let out = Command::new("bash")
            .arg(script())
            .arg("start")
            .arg(dir.path())
            .args(["--drives", &drives.to_string(), "--slots", &slots.to_string()])
            .args(["--media", &media.to_string(), "--ieports", &ieports.to_string()])
            .output()
            .expect("run scripts/tgt-vtl.sh");
        assert!(out.status.success(), "tgt-vtl.sh start failed: {}", String::from_utf8_lossy(&out.stderr));
        let env = std::fs::read_to_string(dir.path().join("env")).expect("env file");
        let get = |key: &str| {
            env.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .unwrap_or_else(|| panic!("{key} missing from env"))
                .to_owned()
        };
        Some(Vtl {
            url: get("OPENRSM_TGT_URL"),
            portal: get("OPENRSM_TGT_PORTAL"),
            iqn: get("OPENRSM_TGT_IQN"),
            dir,
            drives,
            slots,
            media,
            ieports,
        })
    }

    /// The URL of drive `n` (1-based).
    pub fn drive_url(&self, n: u16) -> String {
        format!("iscsi://{}/{}/{}", self.portal, self.iqn, n)
    }

    /// The library's directory (media images in `media/`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The control number of its tgtd (for tgtadm -C).
    pub fn control(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("tgtd.ctl")).unwrap_or_default().trim().to_owned()
    }
}

impl Drop for Vtl {
    fn drop(&mut self) {
        let _ = Command::new("bash").arg(script()).arg("stop").arg(self.dir.path()).output();
    }
}
