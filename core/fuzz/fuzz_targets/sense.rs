//! Sense data decoding and its RSM error mapping on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openrsm::scsi::Sense;

fuzz_target!(|data: &[u8]| {
    if let Ok(sense) = Sense::parse(data) {
        let _ = sense.to_error("MOVE MEDIUM");
        let _ = sense.field_pointer();
        let _ = sense.to_string();
    }
});
