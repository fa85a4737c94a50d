//! Media label libraries: classify the first bytes of a medium, and write sample labels.

use openrsm::media::label::{self, LabelVerdict};

use crate::bridge::ffi;
use crate::errors::{guard, BridgeResult};

/// `ffi::LabelVerdict::kind` of a blank medium.
const BLANK: u8 = 0;
/// `ffi::LabelVerdict::kind` of a medium a label library claimed.
const CLAIMED: u8 = 1;
/// `ffi::LabelVerdict::kind` of a written medium no label library claimed.
const UNRECOGNIZED: u8 = 2;

/// What the start of a medium says about it.
pub(crate) fn label_classify(bytes: &[u8]) -> BridgeResult<ffi::LabelVerdict> {
    guard(|| {
        Ok(match label::classify(bytes) {
            LabelVerdict::Blank => ffi::LabelVerdict { kind: BLANK, ..Default::default() },
            LabelVerdict::Claimed(omid) => ffi::LabelVerdict {
                kind: CLAIMED,
                label_type: omid.label_type,
                label_id: omid.label_id,
                application: omid.application.into(),
            },
            LabelVerdict::Unrecognized => ffi::LabelVerdict { kind: UNRECOGNIZED, ..Default::default() },
        })
    })
}

/// How many bytes from the start of a medium the built-in libraries need.
pub(crate) fn label_max_size() -> BridgeResult<usize> {
    guard(|| Ok(label::max_label_size()))
}

/// The names of the built-in label libraries, in the order they are consulted.
pub(crate) fn label_library_names() -> BridgeResult<Vec<String>> {
    guard(|| Ok(label::builtin_label_libraries().iter().map(|l| l.name().to_string()).collect()))
}

/// A valid label of a kind, for tests and virtual media.
pub(crate) fn label_sample(kind: &str, id: &str) -> BridgeResult<Vec<u8>> {
    guard(|| label::sample_label(kind, id))
}

/// The label kinds `label_sample` writes.
pub(crate) fn label_sample_types() -> BridgeResult<Vec<String>> {
    guard(|| Ok(label::SAMPLE_LABEL_TYPES.iter().map(|t| t.to_string()).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_claimed_and_zeros_are_blank() {
        let tape = label_sample("AMANDA", "DailySet1-007").unwrap();
        let verdict = label_classify(&tape).unwrap();
        assert_eq!((verdict.kind, verdict.label_type.as_str()), (CLAIMED, "AMANDA"));
        assert_eq!(label_classify(&[0; 512]).unwrap().kind, BLANK);
        assert_eq!(label_classify(b"just some text").unwrap().kind, UNRECOGNIZED);
        assert!(label_max_size().unwrap() >= 32768);
        assert!(label_sample("NOPE", "x").is_err());
        assert!(label_sample_types().unwrap().contains(&"LTFS".to_string()));
        assert!(!label_library_names().unwrap().is_empty());
    }
}
