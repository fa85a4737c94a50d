//! Media label libraries: which program's label the first bytes of a medium carry.
//!
//! Pure computations on bytes the caller already has, so these are plain (synchronous) functions.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use openrsm::media::label::{self, LabelVerdict};

use crate::errors::to_napi;
use crate::model::Omid;

/// What the start of a medium says about it, from `classifyLabel`.
#[napi(object)]
pub struct LabelClassification {
    /// `blank` (nothing written: goes to the Free pool), `claimed` (a label library recognised
    /// it) or `unrecognized` (written by nobody known: goes to Unrecognized).
    #[napi(ts_type = "'blank' | 'claimed' | 'unrecognized'")]
    pub verdict: String,
    /// The on-media identifier, when `claimed`.
    pub omid: Option<Omid>,
}

/// Classify the first bytes of a medium (read `maxLabelSize()` of them) with the built-in label
/// libraries: LTFS, Bacula/Bareos, Amanda, tar, ANSI VOL1, ISO 9660.
#[napi]
pub fn classify_label(bytes: Uint8Array) -> LabelClassification {
    match label::classify(&bytes) {
        LabelVerdict::Blank => LabelClassification { verdict: "blank".into(), omid: None },
        LabelVerdict::Unrecognized => LabelClassification { verdict: "unrecognized".into(), omid: None },
        LabelVerdict::Claimed(omid) => LabelClassification { verdict: "claimed".into(), omid: Some(omid.into()) },
    }
}

/// How many bytes from the start of a medium `classifyLabel` needs.
#[napi]
pub fn max_label_size() -> u32 {
    u32::try_from(label::max_label_size()).unwrap_or(u32::MAX)
}

/// A valid label of `kind` (one of `sampleLabelTypes()`) with label id `id`, for tests, demos and
/// virtual media; an unknown kind or an id the format cannot hold is `InvalidParameterError`.
#[napi]
pub fn sample_label(kind: String, id: String) -> Result<Buffer> {
    label::sample_label(&kind, &id).map(Buffer::from).map_err(to_napi)
}

/// The label types `sampleLabel` can write.
#[napi]
pub fn sample_label_types() -> Vec<String> {
    label::SAMPLE_LABEL_TYPES.iter().map(|s| s.to_string()).collect()
}
