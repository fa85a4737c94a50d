//! INQUIRY data, VPD pages 80h/83h, REPORT LUNS and READ POSITION on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openrsm::scsi::parse;

fuzz_target!(|data: &[u8]| {
    let _ = parse::parse_inquiry(data);
    let _ = parse::parse_unit_serial(data);
    let _ = parse::parse_device_identification(data).map(|ids| ids.iter().map(|d| d.text().len()).sum::<usize>());
    let _ = parse::parse_report_luns(data);
    let _ = parse::parse_position(data, false);
    let _ = parse::parse_position(data, true);
});
