//! READ ELEMENT STATUS data, with and without device identifiers, and page 1Dh, on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openrsm::scsi::parse;

fuzz_target!(|data: &[u8]| {
    for dvcid in [false, true] {
        if let Ok(status) = parse::parse_element_status(data, dvcid) {
            assert!(status.descriptors.len() <= data.len() / 3);
            for d in &status.descriptors {
                let _ = d.device_id.as_ref().map(|i| i.text());
            }
        }
    }
    let _ = parse::parse_element_address_assignment(data, false);
    let _ = parse::parse_element_address_assignment(data, true);
});
