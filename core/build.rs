//! Finds libiscsi for the iSCSI transport.
//!
//! With the `iscsi` feature, libiscsi is required (the build fails with an install hint without
//! it). Without the feature, it is used when found, so that a plain build on a machine without
//! libiscsi-dev still works; `OPENRSM_NO_ISCSI=1` turns the probe off.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(openrsm_iscsi)");
    println!("cargo::rerun-if-env-changed=OPENRSM_NO_ISCSI");
    println!("cargo::rerun-if-changed=build.rs");
    let required = std::env::var_os("CARGO_FEATURE_ISCSI").is_some();
    if !required && std::env::var_os("OPENRSM_NO_ISCSI").is_some_and(|v| v != "0") {
        return;
    }
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") && !required {
        return;
    }
    let found = match pkg_config::Config::new().atleast_version("1.9").cargo_metadata(true).probe("libiscsi") {
        Ok(_) => true,
        // No pkg-config (or no .pc file): look where Debian and most distributions install it.
        Err(_) => {
            ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"]
                .iter()
                .any(|dir| Path::new(dir).join("libiscsi.so").exists())
                && Path::new("/usr/include/iscsi/iscsi.h").exists()
        }
    };
    if found {
        println!("cargo::rustc-cfg=openrsm_iscsi");
    } else if required {
        panic!(
            "the `iscsi` feature needs libiscsi (Debian/Ubuntu: apt-get install libiscsi-dev; \
             Fedora: dnf install libiscsi-devel)"
        );
    }
}
