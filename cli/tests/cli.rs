//! The real `rsm` binary against temporary homes: every command's happy path and error paths.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const RSM: &str = env!("CARGO_BIN_EXE_rsm");

/// Exit codes from the README's table.
const INVALID_PARAMETER: i32 = 87;
const NOT_READY: i32 = 21;
const TIMEOUT: i32 = 92;
const NOT_EMPTY: i32 = 37;
const MEDIA_UNAVAILABLE: i32 = 38;
const RESOURCE_DISABLED: i32 = 39;
const OBJECT_NOT_FOUND: i32 = 42;
const DATABASE_FAILURE: i32 = 43;
const INVALID_OPERATION: i32 = 47;
const USAGE: i32 = 2;

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
        Rsm { dir: tempfile::tempdir().unwrap() }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(RSM);
        cmd.arg("--home").arg(self.home()).args(args).env_remove("OPENRSM_HOME");
        cmd
    }

    fn run_with(&self, args: &[&str], stdin: &[u8]) -> Run {
        let mut child =
            self.command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        finished(child.wait_with_output().unwrap())
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, b"")
    }

    /// Run and expect success; the standard output.
    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "rsm {args:?} failed: {}", run.stderr);
        run.stdout
    }

    /// Run with `--json` and expect success and exactly one JSON document.
    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1, "rsm {args:?} printed one JSON line: {out}");
        serde_json::from_str(lines[0]).unwrap_or_else(|e| panic!("rsm {args:?}: {e}: {out}"))
    }

    /// Run and expect failure with `code` and an `error: NAME (rsm code): ...` line; the message.
    fn fail(&self, args: &[&str], code: i32, name: &str) -> String {
        let run = self.run(args);
        assert_eq!(run.code, code, "rsm {args:?}: stderr {}", run.stderr);
        assert!(run.stderr.starts_with(&format!("error: {name} (")), "rsm {args:?}: stderr {:?}", run.stderr);
        assert!(run.stdout.is_empty(), "rsm {args:?} printed {:?} before failing", run.stdout);
        run.stderr
    }
}

fn finished(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn id_of(object: &Value) -> String {
    object["id"].as_str().expect("an object with an id").to_owned()
}

fn names(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_owned()).collect()
}

fn paths(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|o| o["detail"]["media_pool"]["path"].as_str().unwrap().to_owned()).collect()
}

/// A home with an LTO-6 media type, a pool `Backup/Weekly` for it and three tapes in Free.
fn with_tapes() -> Rsm {
    let rsm = Rsm::new();
    rsm.json(&["media-type", "add", "LTO-6"]);
    rsm.json(&["pool", "create", "Backup/Weekly", "--media-type", "LTO-6", "--parents"]);
    rsm.json(&["media", "create", "--type", "LTO-6", "--barcode", "TAPE##L6", "--count", "3"]);
    rsm
}

#[test]
fn pools_are_listed_created_and_deleted() {
    let rsm = Rsm::new();
    let pools = rsm.json(&["pools"]);
    assert_eq!(paths(&pools), ["Free", "Import", "Unrecognized"]);
    assert!(pools.as_array().unwrap().iter().all(|p| p["type"] == "MEDIA_POOL"));

    rsm.json(&["media-type", "add", "LTO-6"]);
    let weekly = rsm.json(&[
        "pool",
        "create",
        "Backup/Weekly",
        "--media-type",
        "LTO-6",
        "--parents",
        "--max-allocations",
        "7",
        "--description",
        "weekly fulls",
    ]);
    assert_eq!(weekly["detail"]["media_pool"]["path"], "Backup/Weekly");
    assert_eq!(weekly["detail"]["media_pool"]["max_allocations"], 7);
    assert_eq!(weekly["detail"]["media_pool"]["kind"], "APPLICATION");
    assert_eq!(weekly["description"], "weekly fulls");
    assert!(paths(&rsm.json(&["pools"])).contains(&"Free/LTO-6".to_owned()));

    // The human table lists the paths, aligned, with a header and no trailing blanks.
    let table = rsm.ok(&["pools"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("ID ") && lines[0].contains("PATH") && lines[0].contains("MEDIA TYPE"));
    assert!(lines.iter().any(|l| l.contains("Backup/Weekly") && l.contains("LTO-6")));
    assert!(lines.iter().all(|l| l == &l.trim_end()));
    let path_column = lines[0].find("PATH").unwrap();
    assert!(
        lines[1..].iter().all(|l| !l[path_column..].starts_with(' ') && l[..path_column].ends_with("  ")),
        "aligned:\n{table}"
    );

    // Errors: no parent, an existing pool, a pool inside a system pool.
    rsm.fail(&["pool", "create", "Nightly/Full"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    rsm.fail(&["pool", "create", "Backup/Weekly"], INVALID_PARAMETER, "INVALID_PARAMETER");
    rsm.json(&["pool", "create", "Backup/Weekly", "--exist-ok"]);
    rsm.fail(&["pool", "create", "Free/Mine"], 32, "INVALID_MEDIA_POOL");

    // A pool with a child is not empty; a system pool cannot go.
    let message = rsm.fail(&["pool", "delete", "Backup"], NOT_EMPTY, "NOT_EMPTY");
    assert!(message.contains("(4307)") && message.contains("child pools"), "{message}");
    rsm.fail(&["pool", "delete", "Free"], INVALID_OPERATION, "INVALID_OPERATION");

    let ack = rsm.json(&["pool", "delete", &id_of(&weekly)]);
    assert_eq!(ack, serde_json::json!({"ok": true, "action": "pool delete", "ids": [id_of(&weekly)]}));
    assert!(rsm.ok(&["pool", "delete", "Backup"]).starts_with("deleted pool Backup"));
    rsm.fail(&["pool", "delete", "Backup"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    assert_eq!(
        paths(&rsm.json(&["pool", "list"])),
        ["Free", "Free/LTO-6", "Import", "Import/LTO-6", "Unrecognized", "Unrecognized/LTO-6"]
    );
}

#[test]
fn a_pool_holding_media_is_not_empty() {
    let rsm = with_tapes();
    rsm.json(&["media", "move", "TAPE01L6", "Backup/Weekly"]);
    let message = rsm.fail(&["pool", "delete", "Backup/Weekly"], NOT_EMPTY, "NOT_EMPTY");
    assert!(message.contains("1 media"), "{message}");
    rsm.json(&["media", "move", "TAPE01L6", "Free/LTO-6"]);
    rsm.json(&["pool", "delete", "Backup/Weekly"]);
}

#[test]
fn media_are_created_listed_and_filtered() {
    let rsm = with_tapes();
    let all = rsm.json(&["media"]);
    assert_eq!(names(&all), ["TAPE01L6", "TAPE02L6", "TAPE03L6"]);
    let first = &all[0];
    assert_eq!(first["type"], "PHYSICAL_MEDIA");
    assert_eq!(first["detail"]["physical_media"]["barcode"], "TAPE01L6");
    assert_eq!(first["detail"]["physical_media"]["location"]["kind"], "OFFLINE");

    rsm.json(&["media-type", "add", "DVD", "--sides", "2", "--rw", "worm"]);
    rsm.json(&["pool", "create", "Archive", "--media-type", "DVD"]);
    let discs = rsm.json(&[
        "media", "create", "--type", "DVD", "--pool", "Archive", "--name", "Disc #", "--count", "2", "--first", "5",
    ]);
    assert_eq!(names(&discs), ["Disc 5", "Disc 6"]);
    assert_eq!(names(&rsm.json(&["media", "--pool", "Archive"])), ["Disc 5", "Disc 6"]);
    assert_eq!(names(&rsm.json(&["media", "list", "--pool", "Free/LTO-6"])).len(), 3);
    assert_eq!(names(&rsm.json(&["media", "--media-type", "DVD"])), ["Disc 5", "Disc 6"]);
    let sides = rsm.json(&["objects", "partition", "--in", "Disc 5"]);
    assert_eq!(names(&sides), ["Disc 5:A", "Disc 5:B"]);

    let table = rsm.ok(&["media"]);
    assert!(table.lines().next().unwrap().contains("BARCODE"));
    assert!(table.contains("TAPE02L6") && table.contains("Free/LTO-6") && table.contains("Archive"));

    rsm.fail(
        &["media", "create", "--type", "LTO-6", "--barcode", "X", "--count", "2"],
        INVALID_PARAMETER,
        "INVALID_PARAMETER",
    );
    rsm.fail(&["media", "create", "--type", "NoSuchType"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    rsm.fail(&["media", "create", "--type", "LTO-6", "--pool", "Archive"], 4315 - 4300 + 30, "MEDIA_INCOMPATIBLE");
    rsm.fail(&["media", "--pool", "Nowhere"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    rsm.fail(&["media", "--library", "Nowhere"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
}

#[test]
fn media_are_allocated_completed_swapped_deallocated_and_retired() {
    let rsm = with_tapes();
    let first = rsm.json(&["media", "allocate", "Backup/Weekly", "--new"]);
    assert_eq!(first["type"], "LOGICAL_MEDIA");
    assert_eq!(first["name"], "TAPE01L6:A");
    let second = rsm.json(&["media", "allocate", "Backup/Weekly"]);
    assert_eq!(second["name"], "TAPE02L6:A");
    let weekly = rsm.json(&["media", "--pool", "Backup/Weekly"]);
    assert_eq!(names(&weekly), ["TAPE01L6", "TAPE02L6"]);
    assert_eq!(names(&rsm.json(&["objects", "logical_media", "--in", "Backup/Weekly"])).len(), 2);

    // Complete, then swap the two logical media: each now stands for the other's side.
    rsm.json(&["media", "complete", &id_of(&first)]);
    let side = rsm.json(&["info", "--type", "partition", "TAPE01L6:A"]);
    assert_eq!(side["detail"]["partition"]["partition_state"], "COMPLETE");
    let ack = rsm.json(&["media", "swap", &id_of(&first), &id_of(&second)]);
    assert_eq!(ack["ids"].as_array().unwrap().len(), 2);
    let swapped = rsm.json(&["info", &id_of(&first)]);
    assert_eq!(swapped["detail"]["logical_media"]["physical_media"], id_of(&rsm.json(&["info", "TAPE02L6"])));

    // Deallocate both (by id and by name); the tapes go back to Free.
    rsm.json(&["media", "deallocate", &id_of(&first)]);
    assert!(rsm.ok(&["media", "deallocate", "TAPE01L6:A"]).starts_with("deallocated TAPE01L6:A"));
    assert_eq!(names(&rsm.json(&["media", "--pool", "Free/LTO-6"])).len(), 3);
    rsm.fail(&["media", "deallocate", &id_of(&second)], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");

    // Decommission a tape: it is never allocated again.
    rsm.json(&["media", "decommission", "TAPE03L6"]);
    let side = rsm.json(&["info", "--type", "partition", "TAPE03L6:A"]);
    assert_eq!(side["detail"]["partition"]["partition_state"], "DECOMMISSIONED");

    // Nothing left for a new allocation once the other two are taken.
    rsm.json(&["media", "allocate", "Backup/Weekly"]);
    rsm.json(&["media", "allocate", "Backup/Weekly"]);
    rsm.fail(&["media", "allocate", "Backup/Weekly"], MEDIA_UNAVAILABLE, "MEDIA_UNAVAILABLE");
    let started = Instant::now();
    rsm.fail(&["media", "allocate", "Backup/Weekly", "--wait", "0.3"], MEDIA_UNAVAILABLE, "MEDIA_UNAVAILABLE");
    assert!(started.elapsed() >= Duration::from_millis(300));
    rsm.fail(&["media", "allocate", "Free/LTO-6"], 32, "INVALID_MEDIA_POOL");
    assert_eq!(rsm.run(&["media", "allocate", "Backup/Weekly", "--new", "--next", "x"]).code, USAGE);
    rsm.fail(&["media", "allocate", "Backup/Weekly", "--wait", "-1"], INVALID_PARAMETER, "INVALID_PARAMETER");

    // A tape with an allocated side cannot be deleted; a free one can.
    rsm.fail(&["media", "delete", "TAPE01L6"], 4318 - 4300 + 30, "MEDIA_NOT_AVAILABLE");
    let ack = rsm.json(&["media", "delete", "TAPE03L6"]);
    assert_eq!(ack["action"], "media delete");
    rsm.fail(&["info", "TAPE03L6"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
}

#[test]
fn media_types_are_added_listed_and_deleted() {
    let rsm = Rsm::new();
    assert_eq!(rsm.json(&["media-types"]), serde_json::json!([]));
    assert_eq!(rsm.ok(&["media-types"]).trim(), "(none)");
    let dvd = rsm.json(&["media-type", "add", "DVD-R", "--sides", "2", "--rw", "WORM", "--description", "discs"]);
    assert_eq!(dvd["detail"]["media_type"], serde_json::json!({"sides": 2, "read_write": "WORM"}));
    assert_eq!(names(&rsm.json(&["media-type", "list"])), ["DVD-R"]);
    assert!(rsm.ok(&["media-types"]).contains("WORM"));

    rsm.fail(&["media-type", "add", "DVD-R"], INVALID_PARAMETER, "INVALID_PARAMETER");
    rsm.fail(&["media-type", "add", "Bad", "--sides", "0"], INVALID_PARAMETER, "INVALID_PARAMETER");
    let usage = rsm.run(&["media-type", "add", "X", "--rw", "sometimes"]);
    assert_eq!(usage.code, USAGE);
    assert!(usage.stderr.contains("REWRITABLE, WORM, READONLY"), "{}", usage.stderr);

    rsm.json(&["media", "create", "--type", "DVD-R"]);
    rsm.fail(&["media-type", "delete", "DVD-R"], NOT_EMPTY, "NOT_EMPTY");
    let media = rsm.json(&["media"]);
    rsm.json(&["media", "delete", &id_of(&media[0])]);
    rsm.json(&["media-type", "delete", "DVD-R"]);
    rsm.fail(&["media-type", "delete", "DVD-R"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
}

#[test]
fn objects_and_info_find_things_by_id_name_path_and_barcode() {
    let rsm = with_tapes();
    let computers = rsm.json(&["objects", "COMPUTER"]);
    assert_eq!(computers.as_array().unwrap().len(), 1);
    let by_number = rsm.json(&["objects", "15"]);
    assert_eq!(names(&by_number).len(), 3);
    let children = rsm.json(&["objects", "media-pool", "--in", "Backup"]);
    assert_eq!(names(&children), ["Weekly"]);

    let weekly = rsm.json(&["info", "Backup/Weekly"]);
    assert_eq!(rsm.json(&["info", &id_of(&weekly)]), weekly);
    assert_eq!(rsm.json(&["info", &format!("{{{}}}", id_of(&weekly))]), weekly);
    assert_eq!(rsm.json(&["info", "TAPE02L6"])["name"], "TAPE02L6");
    let text = rsm.ok(&["info", "Backup/Weekly"]);
    assert!(text.lines().any(|l| l.starts_with("path") && l.ends_with("Backup/Weekly")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("media_type") && l.contains("LTO-6 (")), "{text}");

    // A GUID nobody has, a name nobody has, a name many have.
    let message = rsm.fail(&["info", "8f0b9a54-0000-4000-8000-000000000000"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    assert!(message.contains("(4312)") && message.contains("8f0b9a54-0000-4000-8000-000000000000"), "{message}");
    rsm.fail(&["info", "no such thing"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    let message = rsm.fail(&["info", "LTO-6"], INVALID_PARAMETER, "INVALID_PARAMETER");
    assert!(message.contains("use an id"), "{message}");
    assert_eq!(rsm.json(&["info", "LTO-6", "--type", "MEDIA_TYPE"])["type"], "MEDIA_TYPE");

    let usage = rsm.run(&["objects", "GADGET"]);
    assert_eq!(usage.code, USAGE, "{}", usage.stderr);
    rsm.fail(&["objects", "drive", "--in", "Backup/Weekly"], INVALID_PARAMETER, "INVALID_PARAMETER");
    rsm.fail(&["objects", "partition", "--in", "nothing"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
}

#[test]
fn set_changes_writable_fields_only() {
    let rsm = with_tapes();
    let changed = rsm.json(&[
        "set",
        "Backup/Weekly",
        "--description",
        "weekly",
        "--max-allocations",
        "9",
        "--draw-from-free",
        "false",
    ]);
    assert_eq!(changed["description"], "weekly");
    assert_eq!(changed["detail"]["media_pool"]["max_allocations"], 9);
    assert_eq!(changed["detail"]["media_pool"]["draw_from_free"], false);
    let renamed = rsm.json(&["set", "TAPE01L6", "--name", "Tape one", "--barcode", "T1"]);
    assert_eq!(
        (renamed["name"].as_str(), renamed["detail"]["physical_media"]["barcode"].as_str()),
        (Some("Tape one"), Some("T1"))
    );
    assert!(rsm
        .ok(&["set", "T1", "--description", "first"])
        .lines()
        .any(|l| l.starts_with("description") && l.ends_with("first")));

    rsm.fail(&["set", "Backup/Weekly", "--barcode", "X"], INVALID_PARAMETER, "INVALID_PARAMETER");
    rsm.fail(&["set", "Backup/Weekly"], INVALID_PARAMETER, "INVALID_PARAMETER");
    rsm.fail(&["set", "Free", "--name", "Scratch"], INVALID_OPERATION, "INVALID_OPERATION");
    rsm.fail(&["set", "T1", "--name", &"x".repeat(65)], INVALID_PARAMETER, "INVALID_PARAMETER");
    rsm.fail(&["set", "nobody", "--name", "x"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
}

#[test]
fn attributes_are_set_read_listed_and_deleted() {
    let rsm = with_tapes();
    let ack = rsm.json(&["attr", "set", "Backup/Weekly", "owner", "operations"]);
    assert_eq!(ack["action"], "attr set");
    assert_eq!(rsm.ok(&["attr", "get", "Backup/Weekly", "owner"]), "operations");
    let value = rsm.json(&["attr", "get", "Backup/Weekly", "owner"]);
    assert_eq!(value["text"], "operations");
    assert_eq!(value["hex"], "6f7065726174696f6e73");
    assert_eq!(value["size"], 10);

    // Binary values from a file come back byte for byte; stdin works too.
    let blob: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    std::fs::write(rsm.file("blob.bin"), &blob).unwrap();
    rsm.json(&["attr", "set", "TAPE01L6", "blob", "--file", rsm.file("blob.bin").to_str().unwrap()]);
    let raw = rsm.command(&["attr", "get", "TAPE01L6", "blob"]).output().unwrap();
    assert_eq!(raw.stdout, blob);
    assert_eq!(rsm.json(&["attr", "get", "TAPE01L6", "blob"])["text"], Value::Null);
    let run = rsm.run_with(&["attr", "set", "TAPE01L6", "note", "-"], b"from stdin\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(rsm.ok(&["attr", "get", "TAPE01L6", "note"]), "from stdin\n");

    let list = rsm.json(&["attr", "list", "TAPE01L6"]);
    assert_eq!(list, serde_json::json!([{"name": "blob", "size": 4096}, {"name": "note", "size": 11}]));
    assert!(rsm.ok(&["info", "TAPE01L6"]).contains("blob (4096 bytes)"));

    // Too big, missing, on a missing object.
    std::fs::write(rsm.file("big.bin"), vec![0u8; 64 * 1024 + 1]).unwrap();
    let message = rsm.fail(
        &["attr", "set", "TAPE01L6", "big", "--file", rsm.file("big.bin").to_str().unwrap()],
        INVALID_PARAMETER,
        "INVALID_PARAMETER",
    );
    assert!(message.contains("65537 bytes"), "{message}");
    rsm.fail(&["attr", "get", "TAPE01L6", "missing"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    rsm.fail(
        &["attr", "set", "TAPE01L6", "x", "--file", rsm.file("nope.bin").to_str().unwrap()],
        OBJECT_NOT_FOUND,
        "OBJECT_NOT_FOUND",
    );

    rsm.json(&["attr", "delete", "TAPE01L6", "note"]);
    rsm.fail(&["attr", "delete", "TAPE01L6", "note"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    assert_eq!(names_of_attrs(&rsm.json(&["attr", "list", "TAPE01L6"])), ["blob"]);
}

fn names_of_attrs(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn disabled_objects_are_not_used() {
    let rsm = with_tapes();
    let ack = rsm.json(&["disable", "Backup/Weekly"]);
    assert_eq!(ack["action"], "disable");
    assert_eq!(rsm.json(&["info", "Backup/Weekly"])["enabled"], false);
    rsm.fail(&["media", "allocate", "Backup/Weekly"], RESOURCE_DISABLED, "RESOURCE_DISABLED");
    assert!(rsm.ok(&["enable", "Backup/Weekly"]).starts_with("enabled MEDIA_POOL Weekly"));
    rsm.json(&["media", "allocate", "Backup/Weekly"]);
    let computer = rsm.json(&["objects", "computer"]);
    rsm.fail(&["disable", &id_of(&computer[0])], INVALID_PARAMETER, "INVALID_PARAMETER");
    rsm.fail(&["enable", "nobody"], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
}

/// Start `rsm watch` and wait until it holds the home (it says so on stderr).
fn start_watch(rsm: &Rsm, args: &[&str]) -> (std::process::Child, BufReader<std::process::ChildStderr>) {
    let mut child = rsm.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.starts_with("watching notifications of"), "{line}");
    (child, stderr)
}

#[test]
fn watch_times_out_and_owns_the_home_while_it_runs() {
    let rsm = Rsm::new();
    rsm.ok(&["pools"]);
    let (child, mut stderr) = start_watch(&rsm, &["watch", "MEDIA_POOL", "--count", "1", "--timeout", "2"]);
    let pid = child.id();

    // A second process on the same home is refused, naming the owner.
    let message = rsm.fail(&["pools"], NOT_READY, "NOT_READY");
    assert!(message.contains(&format!("process {pid}")), "{message}");
    assert!(message.contains("(21)"));

    let out = child.wait_with_output().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert_eq!(out.status.code(), Some(TIMEOUT), "{rest}");
    assert!(rest.starts_with("error: TIMEOUT (1460): 0 of 1 notifications arrived within 2 s"), "{rest}");
    assert!(out.stdout.is_empty());

    // Without --count the time running out is the normal end.
    let run = rsm.run(&["watch", "--timeout", "0.2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    rsm.fail(&["watch", "--timeout", "-1"], INVALID_PARAMETER, "INVALID_PARAMETER");
    rsm.fail(&["watch", "--count", "0"], INVALID_PARAMETER, "INVALID_PARAMETER");
    assert_eq!(rsm.run(&["watch", "NOT_A_TYPE"]).code, USAGE);
}

/// The JSON lines of a batch: events (they have an `operation`) and everything else.
fn split_events(stdout: &str) -> (Vec<Value>, Vec<Value>) {
    let docs: Vec<Value> =
        stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    docs.into_iter().partition(|d| d.get("operation").is_some())
}

#[test]
fn watch_in_a_batch_prints_the_notifications_of_the_following_commands() {
    let rsm = Rsm::new();
    let script = "# pools come and go\n\
                  watch MEDIA_POOL --count 2 --timeout 10\n\
                  pool create Backup\n\
                  pool delete Backup\n";
    let run = rsm.run_with(&["--json", "batch"], script.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (events, results) = split_events(&run.stdout);
    assert_eq!(results.len(), 2, "{}", run.stdout);
    let pool_id = id_of(&results[0]);
    assert_eq!(results[1]["action"], "pool delete");
    assert_eq!(events.len(), 2, "{}", run.stdout);
    assert_eq!(
        (events[0]["operation"].as_str(), events[0]["object_type"].as_str()),
        (Some("INSERT"), Some("MEDIA_POOL"))
    );
    assert_eq!(events[1]["operation"], "DELETE");
    for event in &events {
        assert_eq!(event["object_id"], pool_id.as_str());
        assert_eq!(event.as_object().unwrap().len(), 4, "operation, object_type, object_id, sequence: {event}");
    }
    assert_eq!(events[1]["sequence"].as_u64().unwrap(), events[0]["sequence"].as_u64().unwrap() + 1);

    // Every type, without limits: it ends with the batch, after printing everything.
    let run = rsm.run_with(&["--json", "batch"], b"watch\nmedia-type add LTO-6\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (events, _) = split_events(&run.stdout);
    let types: Vec<&str> = events.iter().map(|e| e["object_type"].as_str().unwrap()).collect();
    assert_eq!(types, ["MEDIA_TYPE", "MEDIA_POOL", "MEDIA_POOL", "MEDIA_POOL"]);

    // Human lines name the object, `-` once it is gone.
    let run = rsm.run_with(&["batch"], b"watch media_pool\npool create Tmp\npool delete Tmp\n");
    let lines: Vec<&str> = run.stdout.lines().filter(|l| l.contains("MEDIA_POOL")).collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines.iter().any(|l| l.contains("INSERT") && l.ends_with("-"))
            || lines.iter().any(|l| l.contains("INSERT") && l.ends_with("Tmp"))
    );
    assert!(lines.iter().any(|l| l.contains("DELETE") && l.ends_with("  -")), "{}", run.stdout);

    // A watch that wants more than comes fails the batch with TIMEOUT.
    let run = rsm.run_with(&["batch"], b"watch MEDIA_TYPE --count 1 --timeout 0.2\npools\n");
    assert_eq!(run.code, TIMEOUT, "{}", run.stderr);
    assert!(run.stderr.contains("error: TIMEOUT (1460): line 1 (watch): 0 of 1"), "{}", run.stderr);
}

#[test]
fn a_batch_stops_at_the_first_error_unless_told_to_go_on() {
    let rsm = Rsm::new();
    let run = rsm.run_with(&["batch"], b"pool create A\npool delete Nope\npool create B\n");
    assert_eq!(run.code, OBJECT_NOT_FOUND);
    assert!(run.stderr.starts_with("error: OBJECT_NOT_FOUND (4312): line 2: "), "{}", run.stderr);
    assert_eq!(paths(&rsm.json(&["pools"])), ["A", "Free", "Import", "Unrecognized"]);

    let run = rsm.run_with(&["batch", "--keep-going"], b"bogus\npool create 'C D'\npool delete Nope\n");
    assert_eq!(run.code, INVALID_PARAMETER, "the first failure decides the code");
    assert!(run.stderr.contains("line 1: unrecognized subcommand 'bogus'"), "{}", run.stderr);
    assert!(run.stderr.contains("error: OBJECT_NOT_FOUND (4312): line 3:"), "{}", run.stderr);
    assert!(run.stderr.contains("2 command(s) failed; the first, on line 1"), "{}", run.stderr);
    assert!(paths(&rsm.json(&["pools"])).contains(&"C D".to_owned()));

    std::fs::write(rsm.file("script.rsm"), "pool create FromFile\nbatch\n").unwrap();
    let run = rsm.run(&["batch", rsm.file("script.rsm").to_str().unwrap()]);
    assert_eq!(run.code, INVALID_PARAMETER);
    assert!(run.stderr.contains("line 2: a batch cannot run another batch"), "{}", run.stderr);
    rsm.fail(&["batch", rsm.file("missing.rsm").to_str().unwrap()], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
    let run = rsm.run_with(&["batch"], b"pool create 'unclosed\n");
    assert!(run.stderr.contains("line 1: a ' quote is not closed"), "{}", run.stderr);
}

#[test]
fn export_and_import_round_trip_and_refuse_bad_files() {
    let rsm = with_tapes();
    rsm.json(&["media", "allocate", "Backup/Weekly"]);
    rsm.json(&["attr", "set", "Backup/Weekly", "owner", "ops"]);
    let kinds = ["media-pool", "physical-media", "partition", "logical-media", "media-type", "computer"];
    let snapshot = |rsm: &Rsm| -> Vec<Value> { kinds.iter().map(|k| rsm.json(&["objects", k])).collect() };
    let before = snapshot(&rsm);

    let file = rsm.file("backup.rsmdb");
    let info = rsm.json(&["export", file.to_str().unwrap()]);
    assert_eq!(info["format_version"], 1);
    assert_eq!(info["schema_version"], openrsm::SCHEMA_VERSION);
    assert_eq!(info["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(info["payload_bytes"].as_u64().unwrap() + 64, std::fs::metadata(&file).unwrap().len());
    assert!(info["objects"].as_u64().unwrap() > 10);
    assert!(rsm.ok(&["export", rsm.file("second.rsmdb").to_str().unwrap()]).starts_with("exported to "));

    // Change things, then import: everything is as it was, ids included.
    rsm.json(&["pool", "create", "Scratch"]);
    rsm.json(&["media", "delete", "TAPE03L6"]);
    rsm.json(&["attr", "set", "Backup/Weekly", "owner", "someone else"]);
    assert_ne!(snapshot(&rsm), before);
    let imported = rsm.json(&["import", file.to_str().unwrap()]);
    assert_eq!(imported["sha256"], info["sha256"]);
    assert_eq!(snapshot(&rsm), before);
    assert_eq!(rsm.ok(&["attr", "get", "Backup/Weekly", "owner"]), "ops");

    // Into another home.
    let other = Rsm::new();
    other.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(snapshot(&other), before);

    // Damaged, truncated and foreign files are refused and change nothing.
    let bytes = std::fs::read(&file).unwrap();
    let mut corrupt = bytes.clone();
    let middle = corrupt.len() / 2;
    corrupt[middle] ^= 0xff;
    std::fs::write(rsm.file("corrupt.rsmdb"), corrupt).unwrap();
    std::fs::write(rsm.file("short.rsmdb"), &bytes[..bytes.len() - 10]).unwrap();
    std::fs::write(rsm.file("foreign.rsmdb"), b"hello, world\n").unwrap();
    std::fs::write(rsm.file("empty.rsmdb"), b"").unwrap();
    rsm.json(&["pool", "create", "After"]);
    let current = snapshot(&rsm);
    for (name, code, kind, needle) in [
        ("corrupt.rsmdb", DATABASE_FAILURE, "DATABASE_FAILURE", "checksum mismatch"),
        ("short.rsmdb", DATABASE_FAILURE, "DATABASE_FAILURE", "truncated"),
        ("foreign.rsmdb", INVALID_PARAMETER, "INVALID_PARAMETER", "not an OpenRSM database export"),
        ("empty.rsmdb", INVALID_PARAMETER, "INVALID_PARAMETER", "empty"),
        ("missing.rsmdb", OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND", "cannot read"),
    ] {
        let message = rsm.fail(&["import", rsm.file(name).to_str().unwrap()], code, kind);
        assert!(message.contains(needle), "{name}: {message}");
        assert_eq!(snapshot(&rsm), current, "{name} changed the database");
    }
    rsm.fail(&["export", rsm.file("no/such/dir/x.rsmdb").to_str().unwrap()], OBJECT_NOT_FOUND, "OBJECT_NOT_FOUND");
}

#[test]
fn the_home_comes_from_the_option_then_the_environment() {
    let rsm = Rsm::new();
    let env_home = rsm.file("env-home");
    let run = |args: &[&str], env: Option<&Path>| {
        let mut cmd = Command::new(RSM);
        cmd.args(args).env_remove("OPENRSM_HOME");
        if let Some(home) = env {
            cmd.env("OPENRSM_HOME", home);
        }
        finished(cmd.output().unwrap())
    };
    let created = run(&["--json", "pool", "create", "InEnv"], Some(&env_home));
    assert_eq!(created.code, 0, "{}", created.stderr);
    assert!(env_home.join("openrsm.db").exists());
    // --home wins over the environment, and works after the subcommand too.
    let home = rsm.home();
    let listed = run(&["--json", "pools", "--home", home.to_str().unwrap()], Some(&env_home));
    assert!(!listed.stdout.contains("InEnv"));
    let listed = run(&["pools", "--json"], Some(&env_home));
    assert!(listed.stdout.contains("InEnv"));
}

#[test]
fn usage_errors_exit_with_two() {
    let rsm = Rsm::new();
    assert_eq!(rsm.run(&[]).code, USAGE);
    assert_eq!(rsm.run(&["frobnicate"]).code, USAGE);
    assert_eq!(rsm.run(&["media", "allocate"]).code, USAGE);
    let help = rsm.run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Exit codes"));
    assert!(!rsm.home().exists(), "parsing alone does not create a home");
}
