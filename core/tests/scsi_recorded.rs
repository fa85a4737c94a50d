//! The SCSI parsers on responses recorded from tgt (see tests/data/scsi/README.md), and on a few
//! thousand seeded random and mutated buffers (the same functions the fuzz targets exercise).

use openrsm::scsi::cdb::ElementTypeCode;
use openrsm::scsi::parse::{self, device_type};
use openrsm::scsi::{Sense, SenseKey};
use openrsm::ErrorKind;

fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/scsi/{name}.bin", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn tgt_inquiry_and_vpd() {
    let changer = parse::parse_inquiry(&data("tgt-changer-inquiry")).unwrap();
    assert_eq!(changer.device_type, device_type::CHANGER);
    assert_eq!((changer.vendor.as_str(), changer.product.as_str()), ("IET", "VIRTUAL-CHANGER"));
    assert!(changer.removable);
    let tape = parse::parse_inquiry(&data("tgt-tape-inquiry")).unwrap();
    assert_eq!(tape.device_type, device_type::TAPE);
    assert_eq!(tape.product, "VIRTUAL-TAPE");
    assert_eq!(parse::parse_unit_serial(&data("tgt-changer-vpd80")).unwrap(), "beaf13");
    let ids = parse::parse_device_identification(&data("tgt-tape-vpd83")).unwrap();
    assert_eq!(ids.len(), 3);
    assert_eq!((ids[0].designator_type, ids[0].text().as_str()), (1, "IET     00010001"));
    assert_eq!(ids[1].designator_type, 3);
    assert_eq!(ids[1].text(), "3000000100000001");
}

#[test]
fn tgt_element_address_assignment() {
    let six = parse::parse_element_address_assignment(&data("tgt-mode-sense6-1d"), false).unwrap();
    let ten = parse::parse_element_address_assignment(&data("tgt-mode-sense10-1d"), true).unwrap();
    assert_eq!(six, ten);
    assert_eq!((six.transport.first, six.transport.count), (1, 1));
    assert_eq!((six.import_export.first, six.import_export.count), (16, 2));
    assert_eq!((six.data_transfer.first, six.data_transfer.count), (256, 2));
    assert_eq!((six.storage.first, six.storage.count), (4096, 10));
}

#[test]
fn tgt_element_status_per_type() {
    let slots = parse::parse_element_status(&data("tgt-res-storage"), false).unwrap();
    assert_eq!(slots.elements_available, 10);
    assert_eq!(slots.descriptors.len(), 10, "the last, cut descriptor is kept");
    let tags: Vec<String> = slots
        .descriptors
        .iter()
        .filter(|d| d.full)
        .map(|d| d.primary_tag.as_ref().unwrap().identifier.clone())
        .collect();
    assert_eq!(tags, (1..=8).map(|i| format!("OR{i:04}L6")).collect::<Vec<_>>());
    assert!(slots.descriptors.iter().all(|d| d.element_type == ElementTypeCode::Storage));
    assert_eq!(slots.descriptors[9].address, 4105);
    assert!(slots.descriptors[9].truncated && !slots.descriptors[8].truncated);
    assert_eq!(slots.descriptors[9].primary_tag.as_ref().unwrap().identifier, "");
    // tgt's report claims 8 bytes more than it sends.
    assert!(slots.more_available(data("tgt-res-storage").len()));

    let plain = parse::parse_element_status(&data("tgt-res-storage-novoltag"), false).unwrap();
    assert_eq!(plain.descriptors.len(), 10, "the last descriptor keeps 8 of its 16 bytes");
    assert!(plain.descriptors[9].truncated);
    assert!(plain.descriptors.iter().all(|d| d.primary_tag.is_none()));
    assert_eq!(plain.descriptors.iter().filter(|d| d.full).count(), 8);

    let transport = parse::parse_element_status(&data("tgt-res-transport"), false).unwrap();
    assert_eq!(transport.descriptors.len(), 1);
    assert_eq!((transport.descriptors[0].address, transport.descriptors[0].full), (1, false));
    assert_ne!(transport.first_address, 1, "tgt's first element address reported is wrong");

    let ports = parse::parse_element_status(&data("tgt-res-ieport"), false).unwrap();
    assert_eq!(ports.descriptors.iter().map(|d| d.address).collect::<Vec<_>>(), vec![16, 17]);
    assert!(ports.descriptors.iter().all(|d| !d.full && !d.access), "tgt never sets ACCESS");
}

#[test]
fn tgt_drive_status_after_a_move() {
    let drives = parse::parse_element_status(&data("tgt-res-drive-full"), false).unwrap();
    let d = &drives.descriptors[0];
    assert_eq!((d.address, d.full, d.source), (256, true, Some(4096)));
    assert_eq!(d.primary_tag.as_ref().unwrap().identifier, "OR0001L6");
    assert!(!drives.descriptors[1].full);

    let with_ids = parse::parse_element_status(&data("tgt-res-drive-full-dvcid"), true).unwrap();
    let first = with_ids.descriptors[0].device_id.as_ref().unwrap();
    assert!(first.complete);
    assert_eq!(first.text(), "IET     VIRTUAL-TAPE    beaf11");
    // The second identifier is cut by tgt's short response: present but marked incomplete.
    let second = with_ids.descriptors[1].device_id.as_ref().unwrap();
    assert!(!second.complete);
    assert!("IET     VIRTUAL-TAPE    beaf12".starts_with(&second.text()));
}

#[test]
fn tgt_sense_data() {
    let sense = |name: &str| Sense::parse(&data(name)).unwrap();
    let s = sense("tgt-sense-source-empty");
    assert_eq!((s.key, s.asc, s.ascq), (SenseKey::IllegalRequest, 0x3B, 0x0E));
    assert_eq!(s.error_kind(), ErrorKind::MediumNotAccessible);
    let s = sense("tgt-sense-destination-full");
    assert_eq!((s.asc, s.ascq), (0x3B, 0x0D));
    assert_eq!(s.to_string(), "ILLEGAL REQUEST, ASC/ASCQ 3B/0D (medium destination element full)");
    assert_eq!(sense("tgt-sense-invalid-field").error_kind(), ErrorKind::InvalidParameter);
    assert_eq!(sense("tgt-sense-invalid-opcode").error_kind(), ErrorKind::InvalidOperation);
    assert!(sense("tgt-sense-unit-attention").is_unit_attention());
    let s = sense("tgt-sense-medium-not-present");
    assert!(s.is_medium_not_present() && s.key == SenseKey::NotReady);
    let s = sense("tgt-sense-tape-blank");
    assert_eq!(s.key, SenseKey::BlankCheck);
    assert!(s.end_of_medium);
    let s = sense("tgt-sense-tape-short-block");
    assert_eq!((s.key, s.incorrect_length, s.information), (SenseKey::NoSense, true, Some(176)));
    let s = sense("tgt-sense-tape-filemark");
    assert!(s.filemark);
    let s = sense("tgt-sense-tape-long-block");
    assert!(s.incorrect_length);
    assert_eq!(s.information.map(|i| i as u32 as i32), Some(-40));
}

#[test]
fn tgt_read_position() {
    for name in ["tgt-read-position-bop", "tgt-read-position-after-write"] {
        let p = parse::parse_position(&data(name), false).unwrap();
        assert_eq!(p.block, None, "tgt reports block position unknown");
    }
}

/// xorshift64*: a small deterministic generator, so a failure reproduces from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn parse_everything(buf: &[u8]) {
    let _ = Sense::parse(buf).map(|s| (s.to_string(), s.error_kind(), s.field_pointer()));
    let _ = parse::parse_inquiry(buf);
    let _ = parse::parse_unit_serial(buf);
    let _ = parse::parse_device_identification(buf).map(|ids| ids.iter().map(|d| d.text().len()).sum::<usize>());
    let _ = parse::parse_element_address_assignment(buf, false);
    let _ = parse::parse_element_address_assignment(buf, true);
    for dvcid in [false, true] {
        if let Ok(status) = parse::parse_element_status(buf, dvcid) {
            assert!(status.descriptors.len() <= buf.len() / 3);
            for d in &status.descriptors {
                let _ = d.device_id.as_ref().map(|i| i.text());
            }
        }
    }
    let _ = parse::parse_position(buf, false);
    let _ = parse::parse_position(buf, true);
    let _ = parse::parse_report_luns(buf);
}

#[test]
fn parsers_survive_random_and_mutated_buffers() {
    let seeds: Vec<Vec<u8>> = std::fs::read_dir(format!("{}/tests/data/scsi", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    assert!(seeds.len() > 20);
    let mut rng = Rng(0x0DD5_EED5_CA11_AB1E);
    for round in 0..4000 {
        let buf = if round % 2 == 0 {
            // Random bytes, with a plausible first byte half the time.
            let len = rng.below(600);
            let mut b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            if !b.is_empty() && rng.below(2) == 0 {
                b[0] = [0x70, 0x71, 0x72, 0x73, 0x08, 0x01][rng.below(6)];
            }
            b
        } else {
            // A recorded response with a few bytes changed and possibly cut or extended.
            let mut b = seeds[rng.below(seeds.len())].clone();
            for _ in 0..=rng.below(6) {
                if !b.is_empty() {
                    let at = rng.below(b.len());
                    b[at] = rng.next() as u8;
                }
            }
            match rng.below(3) {
                0 => b.truncate(rng.below(b.len() + 1)),
                1 => b.extend((0..rng.below(64)).map(|_| rng.next() as u8)),
                _ => {}
            }
            b
        };
        parse_everything(&buf);
    }
}
