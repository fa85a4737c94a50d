//! Media label libraries: real and hand-built labels of every built-in format, precedence
//! between formats, blank and unrecognized media, and garbage, truncated and random input
//! (which must never panic).

use std::path::Path;
use std::process::Command;

use openrsm::media::label::{
    builtin_label_libraries, classify, classify_with, max_label_size, sample_label, AnsiLabels, LabelLibrary,
    LabelVerdict, SAMPLE_LABEL_TYPES,
};
use openrsm::{ErrorKind, Omid};

fn claimed(bytes: &[u8]) -> Omid {
    match classify(bytes) {
        LabelVerdict::Claimed(omid) => omid,
        other => panic!("expected a claim, got {other:?}"),
    }
}

fn omid(label_type: &str, label_id: &str, application: Option<&str>) -> Omid {
    Omid { label_type: label_type.into(), label_id: label_id.into(), application: application.map(Into::into) }
}

/// A tiny deterministic generator (xorshift64*), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Labels built byte by byte from the formats' descriptions.

#[test]
fn ansi_vol1_record() {
    // VOL1, serial, accessibility, 13 reserved, implementation id (13), owner (14), 28 reserved, version.
    let record = format!("VOL1{:6} {:13}{:13}{:14}{:28}4", "SCR042", "", "ACMETAPE", "FINANCE", "");
    assert_eq!(record.len(), 80);
    assert_eq!(claimed(record.as_bytes()), omid("VOL1", "SCR042", Some("FINANCE")));
    let no_owner = record.replace("FINANCE", "       ");
    assert_eq!(claimed(no_owner.as_bytes()), omid("VOL1", "SCR042", Some("ACMETAPE")));
}

#[test]
fn ltfs_label_construct() {
    let vol1 = format!("VOL1{:6}L{:13}LTFS{:51}4", "LTO123", "", "");
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<ltfslabel version="2.4.0">
    <creator>LTFS 2.4.5.1 - Linux - mkltfs</creator>
    <formattime>2023-11-02T09:30:00.123456789Z</formattime>
    <volumeuuid>6f1b7c64-3d0e-4f55-9a2b-6f0d2c1e9a77</volumeuuid>
    <location><partition>a</partition></location>
    <partitions><index>a</index><data>b</data></partitions>
    <blocksize>524288</blocksize>
    <compression>true</compression>
</ltfslabel>
"#;
    let bytes = [vol1.as_bytes(), xml.as_bytes()].concat();
    // LTFS wins over the plain ANSI reading of the same VOL1 record...
    assert_eq!(claimed(&bytes), omid("LTFS", "LTO123", Some("LTFS 2.4.5.1 - Linux - mkltfs")));
    // ...which the ANSI library alone would give.
    assert_eq!(AnsiLabels.claim(&bytes).unwrap().label_type, "VOL1");
    // With a blank barcode, the volume UUID identifies the volume.
    let blank = [format!("VOL1{:6}L{:13}LTFS{:51}4", "", "", "").as_bytes(), xml.as_bytes()].concat();
    assert_eq!(claimed(&blank).label_id, "6f1b7c64-3d0e-4f55-9a2b-6f0d2c1e9a77");
}

#[test]
fn iso9660_primary_volume_descriptor() {
    let mut disc = vec![0u8; 32768 + 2 * 2048];
    // A hybrid image has an MBR in the system area; it must not matter.
    disc[510..512].copy_from_slice(&[0x55, 0xaa]);
    let pvd = &mut disc[32768..];
    pvd[0] = 1;
    pvd[1..6].copy_from_slice(b"CD001");
    pvd[6] = 1;
    pvd[40..72].copy_from_slice(format!("{:32}", "DEBIAN 12.5.0 AMD64 N").as_bytes());
    pvd[574..702].copy_from_slice(format!("{:128}", "XORRISO-1.5.4").as_bytes());
    pvd[2048] = 255;
    pvd[2049..2054].copy_from_slice(b"CD001");
    pvd[2054] = 1;
    assert_eq!(claimed(&disc), omid("ISO9660", "DEBIAN 12.5.0 AMD64 N", Some("XORRISO-1.5.4")));
}

/// A Bareos volume label block as `bls -L` describes it.
fn bareos_block(volume: &str) -> Vec<u8> {
    let mut data = b"Bareos 2.0 immortal\n\0".to_vec();
    data.extend_from_slice(&20u32.to_be_bytes());
    data.extend_from_slice(&1_663_079_880_000_000i64.to_be_bytes()); // label time, microseconds
    data.extend_from_slice(&1_663_079_880_000_000i64.to_be_bytes()); // write time
    data.extend_from_slice(&[0u8; 16]); // two float64 zeros
    for text in [volume, "", "Full", "Backup", "File", "76c757a344d8", "bareos-sd", "22.0.0", "13Sep22"] {
        data.extend_from_slice(text.as_bytes());
        data.push(0);
    }
    let mut block = Vec::new();
    block.extend_from_slice(&0u32.to_be_bytes()); // checksum (not checked by the recognizer)
    block.extend_from_slice(&((24 + 12 + data.len()) as u32).to_be_bytes());
    block.extend_from_slice(&0u32.to_be_bytes()); // block number
    block.extend_from_slice(b"BB02");
    block.extend_from_slice(&[0u8; 8]); // session id and time
    block.extend_from_slice(&(-2i32).to_be_bytes()); // VOL_LABEL
    block.extend_from_slice(&0i32.to_be_bytes()); // stream
    block.extend_from_slice(&(data.len() as u32).to_be_bytes());
    block.extend_from_slice(&data);
    block
}

#[test]
fn bareos_volume_label() {
    assert_eq!(claimed(&bareos_block("Full-0001")), omid("BAREOS", "Full-0001", Some("bareos-sd 22.0.0")));
}

#[test]
fn bareos_volume_with_ansi_labels_is_bareos() {
    // "Label Type = ANSI": VOL1, HDR1, HDR2, then the Bareos label block.
    let mut bytes = sample_label("VOL1", "FUL001").unwrap();
    bytes.extend(bareos_block("FUL001"));
    assert_eq!(claimed(&bytes).label_type, "BAREOS");
    assert_eq!(AnsiLabels.claim(&bytes).unwrap().label_id, "FUL001");
}

#[test]
fn amanda_tape_header() {
    let mut header = b"AMANDA: TAPESTART DATE 20240102030405 TAPE DailySet1-03\n\x0c\n".to_vec();
    header.resize(32 * 1024, 0);
    assert_eq!(claimed(&header), omid("AMANDA", "DailySet1-03", Some("Amanda")));
}

// ---------------------------------------------------------------------------------------------
// Labels written by the real programs (kept as fixtures: the programs are not needed to run).

/// The first block of a volume labelled by Bacula 9.6.7 (`bcopy` onto a new file volume).
const BACULA_LABEL: &[u8] = include_bytes!("data/bacula-9.6.7-bcopy-label.vol");
/// Sectors 16 and 17 (primary volume descriptor, terminator) of `genisoimage -V OPENRSM_FIXTURE`.
const GENISOIMAGE_DESCRIPTORS: &[u8] = include_bytes!("data/genisoimage-1.1.11-volume-descriptors.bin");

#[test]
fn label_written_by_bacula() {
    assert_eq!(claimed(BACULA_LABEL), omid("BACULA", "Copy-0001", Some("bcopy Ver. 9.6.7 10 December 2020")));
}

#[test]
fn disc_made_by_genisoimage() {
    let image = [&[0u8; 32768][..], GENISOIMAGE_DESCRIPTORS].concat();
    let omid = claimed(&image);
    assert_eq!((omid.label_type.as_str(), omid.label_id.as_str()), ("ISO9660", "OPENRSM_FIXTURE"));
    assert!(omid.application.unwrap().starts_with("GENISOIMAGE ISO 9660/HFS FILESYSTEM CREATOR"));
}

#[test]
fn amanda_sample_matches_amlabel_byte_for_byte() {
    // `amlabel CONFIG TEST-07 slot 1` (Amanda 3.5.1) on a virtual tape writes exactly this,
    // followed by NUL bytes up to 32 KiB.
    let mut written = b"AMANDA: TAPESTART DATE X TAPE TEST-07\n\x0c\n".to_vec();
    written.resize(32 * 1024, 0);
    assert_eq!(sample_label("AMANDA", "TEST-07").unwrap(), written);
}

/// Runs `program` in `dir`; `None` (the check is then skipped) if it is not installed.
fn run(program: &str, dir: &Path, args: &[&str]) -> Option<std::process::Output> {
    match Command::new(program).args(args).current_dir(dir).output() {
        Ok(output) => Some(output),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("{program} is not installed: check skipped");
            None
        }
        Err(err) => panic!("cannot run {program}: {err}"),
    }
}

/// Bacula's own reader accepts the sample label (block checksum included), where installed.
#[test]
fn bls_reads_the_bacula_sample() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    std::fs::write(store.join("Vol-0042"), sample_label("BACULA", "Vol-0042").unwrap()).unwrap();
    let config = format!(
        "Storage {{\n Name = check-sd\n WorkingDirectory = {dir}\n Pid Directory = {dir}\n}}\n\
         Director {{\n Name = check-dir\n Password = \"unused\"\n}}\n\
         Device {{\n Name = Files\n Media Type = File\n Archive Device = {store}\n Random Access = yes\n \
         RemovableMedia = no\n}}\nMessages {{\n Name = Standard\n console = all\n}}\n",
        dir = dir.path().display(),
        store = store.display()
    );
    let config_path = dir.path().join("sd.conf");
    std::fs::write(&config_path, config).unwrap();
    let volume = store.join("Vol-0042");
    let args = ["-c", config_path.to_str().unwrap(), "-L", volume.to_str().unwrap()];
    let Some(output) = run("bls", dir.path(), &args) else { return };
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("VolName           : Vol-0042"), "{text}");
    assert!(text.contains("Id                : Bacula 1.0 immortal"), "{text}");
    assert!(!text.to_lowercase().contains("checksum"), "{text}");
}

/// ISO 9660 tools read the sample disc, and discs they make are claimed, where installed.
#[test]
fn iso_tools_agree() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sample.iso"), sample_label("ISO9660", "SAMPLE_DISC").unwrap()).unwrap();
    if let Some(output) = run("isoinfo", dir.path(), &["-d", "-i", "sample.iso"]) {
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success() && text.contains("Volume id: SAMPLE_DISC"), "{text}");
        assert!(text.contains("Volume size is: 21") && text.contains("Application id: OPENRSM"), "{text}");
    }
    write_file(dir.path(), "content/readme.txt");
    let made = run(
        "xorriso",
        dir.path(),
        &["-as", "mkisofs", "-V", "MADE_BY_XORRISO", "-A", "CHECK", "-o", "x.iso", "content"],
    );
    if made.is_some_and(|output| output.status.success()) {
        let image = std::fs::read(dir.path().join("x.iso")).unwrap();
        assert_eq!(claimed(&image[..max_label_size()]), omid("ISO9660", "MADE_BY_XORRISO", Some("CHECK")));
    }
}

// ---------------------------------------------------------------------------------------------
// tar archives made by the real `tar`.

/// Runs `tar` in `dir` and returns its stdout; `None` (the test is then skipped) if this system
/// has no `tar`.
fn tar(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = match Command::new("tar").args(args).current_dir(dir).output() {
        Ok(output) => output,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("no tar on this system: skipped");
            return None;
        }
        Err(err) => panic!("cannot run tar: {err}"),
    };
    assert!(output.status.success(), "tar {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    Some(output.stdout)
}

fn write_file(dir: &Path, name: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, b"payload\n").unwrap();
}

#[test]
fn real_tar_archives_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let short = "notes.txt";
    // 150 characters split over directories: ustar stores it as prefix + name.
    let split = format!("{}/{}/data.bin", "a".repeat(70), "b".repeat(67));
    // One 120-character component: needs a GNU long name or a pax path.
    let long = format!("{}.log", "c".repeat(116));
    for name in [short, &split, &long] {
        write_file(dir.path(), name);
    }
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["-cf", "-", short], short),
        (vec!["--format=gnu", "-cf", "-", short], short),
        (vec!["--format=ustar", "-cf", "-", &split], &split),
        (vec!["--format=posix", "-cf", "-", &long], &long),
        (vec!["--format=gnu", "-cf", "-", &long], &long),
        (vec!["--format=gnu", "-V", "Weekly backup 12", "-cf", "-", short], "Weekly backup 12"),
    ];
    for (args, expected) in cases {
        let Some(archive) = tar(dir.path(), &args) else { return };
        let head = &archive[..archive.len().min(max_label_size())];
        assert_eq!(claimed(head), omid("TAR", expected, None), "tar {args:?}");
    }
}

#[test]
fn sample_tar_is_read_by_real_tar() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("sample.tar");
    std::fs::write(&archive, sample_label("TAR", "backup/manifest.txt").unwrap()).unwrap();
    let Some(listing) = tar(dir.path(), &["-tvf", "sample.tar"]) else { return };
    let listing = String::from_utf8(listing).unwrap();
    assert!(listing.contains("root/root") && listing.trim_end().ends_with("backup/manifest.txt"), "{listing}");
    let Some(content) = tar(dir.path(), &["-xOf", "sample.tar"]) else { return };
    assert_eq!(content, b"OpenRSM sample medium backup/manifest.txt\n");
}

// ---------------------------------------------------------------------------------------------
// Samples, blank and unrecognized media.

#[test]
fn samples_of_every_kind_are_claimed_by_their_library() {
    let ids = [("VOL1", "VLB001"), ("LTFS", "LT0001"), ("ISO9660", "PHOTOS_2024"), ("TAR", "etc/fstab")];
    let more = [("BACULA", "Daily-0001"), ("BAREOS", "Full-0002"), ("AMANDA", "DailySet1-01")];
    for (kind, id) in ids.into_iter().chain(more) {
        let bytes = sample_label(kind, id).unwrap();
        let omid = claimed(&bytes);
        assert_eq!((omid.label_type.as_str(), omid.label_id.as_str()), (kind, id));
        assert!(omid.application.is_some() || kind == "TAR", "{kind} sample names its application");
        // A medium is read up to max_label_size(): the label must be within it.
        assert_eq!(classify(&bytes[..bytes.len().min(max_label_size())]), LabelVerdict::Claimed(omid));
    }
    assert_eq!(SAMPLE_LABEL_TYPES.len(), 7);
}

#[test]
fn sample_kinds_are_case_insensitive_with_aliases() {
    assert_eq!(sample_label("ansi", "A1").unwrap(), sample_label("VOL1", "A1").unwrap());
    assert_eq!(sample_label("iso", "A1").unwrap(), sample_label("ISO9660", "A1").unwrap());
    assert_eq!(sample_label("Bareos", "A1").unwrap(), sample_label("BAREOS", "A1").unwrap());
}

#[test]
fn sample_ids_the_format_cannot_hold_are_refused() {
    let refused = [
        ("VOL1", ""),
        ("VOL1", "SEVENCH"),
        ("LTFS", "lt0001"),
        ("ISO9660", "has-dash"),
        ("TAR", "dir/"),
        ("BACULA", "two words"),
        ("AMANDA", "two words"),
        ("MTF", "X"),
    ];
    for (kind, id) in refused {
        let err = sample_label(kind, id).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidParameter, "{kind} {id:?}");
    }
}

#[test]
fn blank_media() {
    assert_eq!(classify(&[]), LabelVerdict::Blank);
    assert_eq!(classify(&[0]), LabelVerdict::Blank);
    assert_eq!(classify(&vec![0u8; max_label_size()]), LabelVerdict::Blank);
    assert_eq!(classify(&vec![0u8; 1 << 20]), LabelVerdict::Blank);
}

#[test]
fn unrecognized_media() {
    let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
    elf.resize(4096, 0);
    let mut rng = Rng(7);
    let inputs: Vec<Vec<u8>> = vec![
        b"hello, world\n".to_vec(),
        elf,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
        vec![0xff; 65536],
        rng.bytes(max_label_size()),
        // Almost labels.
        b"VOL1".to_vec(),
        b"AMANDA: TAPESTART DATE X TAPE".to_vec(),
        format!("VOL1ABC{:72}9", "").into_bytes(),
        [&[0u8; 12][..], b"BB02"].concat(),
    ];
    for input in inputs {
        assert_eq!(classify(&input), LabelVerdict::Unrecognized, "{:?}", &input[..input.len().min(16)]);
    }
}

#[test]
fn libraries_have_distinct_names_and_sizes_within_the_maximum() {
    let libraries = builtin_label_libraries();
    let mut names: Vec<&str> = libraries.iter().map(|l| l.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), libraries.len());
    assert!(max_label_size() >= 32768 + 2048);
    assert_eq!(max_label_size(), libraries.iter().map(|l| l.max_label_size()).max().unwrap());
    for library in &libraries {
        assert_eq!(library.claim(&[]), None, "{}", library.name());
        assert_eq!(library.claim(&vec![0u8; max_label_size()]), None, "{}", library.name());
    }
}

#[test]
fn each_library_claims_only_its_own_samples() {
    let samples: Vec<(&str, Vec<u8>)> =
        SAMPLE_LABEL_TYPES.iter().map(|kind| (*kind, sample_label(kind, "ID0001").unwrap())).collect();
    for library in builtin_label_libraries() {
        for (kind, bytes) in &samples {
            let claim = library.claim(bytes);
            let own = match library.name() {
                "LTFS" => *kind == "LTFS",
                "Bacula/Bareos" => *kind == "BACULA" || *kind == "BAREOS",
                "Amanda" => *kind == "AMANDA",
                "tar" => *kind == "TAR",
                // An LTFS volume starts with a genuine VOL1 record.
                "ANSI" => *kind == "VOL1" || *kind == "LTFS",
                "ISO 9660" => *kind == "ISO9660",
                other => panic!("unexpected library {other}"),
            };
            assert_eq!(claim.is_some(), own, "{} on a {kind} sample: {claim:?}", library.name());
        }
    }
}

#[test]
fn an_application_library_can_come_first() {
    struct Mtf;
    impl LabelLibrary for Mtf {
        fn name(&self) -> &str {
            "MTF"
        }
        fn max_label_size(&self) -> usize {
            4
        }
        fn claim(&self, bytes: &[u8]) -> Option<Omid> {
            bytes.starts_with(b"TAPE").then(|| omid("MTF", "media-1", Some("NTBackup")))
        }
    }
    let mut libraries: Vec<Box<dyn LabelLibrary>> = vec![Box::new(Mtf)];
    libraries.extend(builtin_label_libraries());
    assert_eq!(
        classify_with(&libraries, b"TAPE\x00\x01"),
        LabelVerdict::Claimed(omid("MTF", "media-1", Some("NTBackup")))
    );
    assert_eq!(classify(b"TAPE\x00\x01"), LabelVerdict::Unrecognized);
    let tape = sample_label("AMANDA", "A-1").unwrap();
    assert_eq!(classify_with(&libraries, &tape), classify(&tape));
    assert_eq!(classify_with(&[], &tape), LabelVerdict::Unrecognized);
    assert_eq!(classify_with(&[], &[0; 10]), LabelVerdict::Blank);
}

// ---------------------------------------------------------------------------------------------
// Truncated, damaged and random input.

/// Every prefix of every sample is blank, unrecognized, or claimed with the right type and id:
/// a cut label is never misread.
#[test]
fn truncated_labels_are_never_misread() {
    for kind in SAMPLE_LABEL_TYPES {
        let id = "CUT001";
        let bytes = sample_label(kind, id).unwrap();
        let mut claimed_from = None;
        let lengths = (0..bytes.len().min(2048)).chain((2048..bytes.len()).step_by(61)).chain([bytes.len()]);
        for len in lengths {
            match classify(&bytes[..len]) {
                LabelVerdict::Claimed(omid) => {
                    assert_eq!((omid.label_type.as_str(), omid.label_id.as_str()), (*kind, id), "{kind} cut at {len}");
                    claimed_from.get_or_insert(len);
                }
                LabelVerdict::Blank | LabelVerdict::Unrecognized => {}
            }
        }
        assert!(claimed_from.is_some(), "{kind} never claimed");
    }
}

#[test]
fn damaged_labels_do_not_panic() {
    let mut rng = Rng(0x5eed_1abe);
    for kind in SAMPLE_LABEL_TYPES {
        let sample = sample_label(kind, "DMG001").unwrap();
        for _ in 0..300 {
            let mut bytes = sample.clone();
            // Damage a few bytes, mostly in the first kilobyte where the fields are.
            for _ in 0..1 + rng.below(4) {
                let region = if rng.below(4) == 0 { bytes.len() } else { bytes.len().min(1024) };
                let at =
                    if *kind == "ISO9660" && rng.below(2) == 0 { 32768 + rng.below(1024) } else { rng.below(region) };
                bytes[at] = rng.next() as u8;
            }
            let cut = if rng.below(3) == 0 { rng.below(bytes.len() + 1) } else { bytes.len() };
            let verdict = classify(&bytes[..cut]);
            if let LabelVerdict::Claimed(omid) = verdict {
                assert!(!omid.label_type.is_empty());
            }
            for library in builtin_label_libraries() {
                library.claim(&bytes[..cut]);
            }
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let libraries = builtin_label_libraries();
    // Magic numbers planted at the offsets the recognizers look at, to get past the first checks.
    let plants: [(usize, &[u8]); 9] = [
        (0, b"VOL1"),
        (0, b"\xe5\xd6\xd3\xf1"),
        (0, b"AMANDA: TAPESTART DATE X TAPE "),
        (0, b"<?xml version=\"1.0\"?><ltfslabel><volumeuuid>"),
        (12, b"BB02"),
        (12, b"BB01"),
        (257, b"ustar\0"),
        (257, b"ustar  \0"),
        (32768, b"\x01CD001\x01"),
    ];
    for round in 0..1500 {
        let len = match round % 4 {
            0 => rng.below(100),
            1 => rng.below(1100),
            2 => rng.below(6000),
            _ => rng.below(max_label_size() + 512),
        };
        let mut bytes = rng.bytes(len);
        if round % 2 == 0 {
            let (at, magic) = plants[rng.below(plants.len())];
            if at + magic.len() <= bytes.len() {
                bytes[at..at + magic.len()].copy_from_slice(magic);
            }
            if rng.below(2) == 0 {
                // Small numbers where lengths and indexes live make deeper paths reachable.
                for at in [4usize, 24, 28, 32, 124, 148] {
                    if at + 4 <= bytes.len() {
                        bytes[at..at + 4].copy_from_slice(&(rng.below(300) as u32).to_be_bytes());
                    }
                }
            }
        }
        let verdict = classify(&bytes);
        if bytes.iter().all(|&b| b == 0) {
            assert_eq!(verdict, LabelVerdict::Blank);
        }
        for library in &libraries {
            library.claim(&bytes);
        }
    }
}
