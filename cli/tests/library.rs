//! The library commands of the real `rsm` binary against temporary homes.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

const RSM: &str = env!("CARGO_BIN_EXE_rsm");

struct Rsm {
    dir: tempfile::TempDir,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Rsm {
    fn new() -> Rsm {
        Rsm { dir: tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap() }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn run(&self, args: &[&str]) -> Run {
        let out =
            Command::new(RSM).arg("--home").arg(self.home()).args(args).env_remove("OPENRSM_HOME").output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "rsm {args:?} failed: {}{}", run.stderr, run.stdout);
        run.stdout
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1, "rsm {args:?} printed one JSON line: {out}");
        serde_json::from_str(lines[0]).unwrap()
    }
}

#[test]
fn demo_runs_and_runs_again() {
    let rsm = Rsm::new();
    let first = rsm.ok(&["demo", "--instant"]);
    for step in ["a virtual tape library", "inventory", "allocate", "mount", "eject", "inject", "slot map"] {
        assert!(first.contains(step), "the demo shows {step:?}:\n{first}");
    }
    assert!(first.contains("created library demo"));
    assert!(first.contains("the database matches the library"));
    assert!(first.contains("EVENT_COMPLETE") || first.contains("event_complete"), "notifications are shown:\n{first}");
    let second = rsm.ok(&["demo", "--instant"]);
    assert!(second.contains("reused library demo"));
    // In JSON: one line per step, then the final state.
    let out = rsm.ok(&["--json", "demo", "--instant"]);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert_eq!(lines[0]["step"], "library");
    assert!(lines[3]["notifications"].as_array().unwrap().iter().any(|n| n["object_type"] == "LIBREQUEST"));
    assert_eq!(lines[6]["consistent"], true);
    assert_eq!(lines[6]["media"].as_array().unwrap().len(), 16);
}

#[test]
fn library_commands_with_json() {
    let rsm = Rsm::new();
    let created = rsm.json(&[
        "vlib",
        "create",
        "Robot",
        "--drives",
        "2",
        "--slots",
        "8",
        "--ieports",
        "1",
        "--media",
        "LTO-6:4",
        "--barcode-prefix",
        "R",
        "--cleaner",
        "5",
    ]);
    assert_eq!(created["type"], "LIBRARY");
    let libraries = rsm.json(&["libraries"]);
    assert_eq!(libraries[0]["media"], 4);
    assert_eq!(libraries[0]["slots"], 8);
    assert_eq!(rsm.json(&["drives", "Robot"]).as_array().unwrap().len(), 2);
    assert_eq!(rsm.json(&["slots", "Robot"]).as_array().unwrap().len(), 8);
    assert!(rsm.ok(&["map", "Robot"]).contains("R0001"));
    let map = rsm.json(&["map", "Robot"]);
    assert_eq!(map.as_array().unwrap().len(), 2 + 1 + 8);

    let inventory = rsm.json(&["inventory", "Robot"]);
    assert_eq!(inventory["request"]["detail"]["lib_request"]["request_state"], "PASSED");
    assert_eq!(inventory["media"].as_array().unwrap().len(), 4);
    let full = rsm.json(&["inventory", "Robot", "--full"]);
    assert_eq!(full["request"]["detail"]["lib_request"]["progress_done"], 4);

    let mounted = rsm.json(&["mount", "R0001", "--write"]);
    assert!(mounted[0]["drive"].is_string());
    let run = rsm.run(&["eject", "R0001"]);
    assert_eq!(run.code, 60, "UNABLE_TO_EJECT_MOUNTED_MEDIA: {}", run.stderr);
    rsm.json(&["dismount", "R0001", "--deferred"]);
    rsm.json(&["dismount", "R0001"]);
    rsm.json(&["eject", "R0002"]);
    let run = rsm.run(&["eject", "R0003"]);
    assert_eq!(run.code, 71, "IEPORT_FULL: {}", run.stderr);
    rsm.json(&["vlib", "take", "Robot"]);
    rsm.json(&["detect", "Robot"]);
    rsm.json(&["vlib", "insert", "Robot", "R0002", "--label", "vol1"]);
    let injected = rsm.json(&["inject", "Robot"]);
    assert_eq!(injected["media"][0]["name"], "R0002");
    rsm.json(&["clean", "Robot drive 0"]);
    rsm.json(&["door", "Robot"]);
    rsm.json(&["vlib", "door", "Robot", "open"]);
    let run = rsm.run(&["mount", "R0003"]);
    assert_eq!(run.code, 21, "NOT_READY with the door open: {}", run.stderr);
    let ops = rsm.json(&["oprequests"]);
    assert_eq!(ops[0]["detail"]["op_request"]["kind"], "DEVICESERVICE");
    rsm.json(&["vlib", "door", "Robot", "close"]);
    rsm.json(&["mount", "R0003"]);
    assert!(rsm.json(&["oprequests"]).as_array().unwrap().is_empty());
    let requests = rsm.json(&["requests", "Robot", "--all"]);
    assert!(requests.as_array().unwrap().len() >= 8);
    assert!(rsm.json(&["requests"]).as_array().unwrap().is_empty());
    let verify = rsm.json(&["verify", "Robot"]);
    assert!(verify.as_array().unwrap().is_empty());
    let run = rsm.run(&["vlib", "fault", "Robot", "melt"]);
    assert_eq!(run.code, 87);
    rsm.json(&["vlib", "fault", "Robot", "jam"]);
    let run = rsm.run(&["dismount", "R0003"]);
    assert_eq!(run.code, 21, "the jam: {}", run.stderr);
    rsm.json(&["vlib", "clear-jam", "Robot"]);
    rsm.json(&["inventory", "Robot"]);
    rsm.json(&["verify", "Robot"]);
}
