//! Media label libraries: recognizers that read the first bytes of a medium and say whose it is
//! (`MaxMediaLabel` / `ClaimMediaLabel` in RSM terms).

use crate::model::Omid;

/// A media label library: recognizes one family of on-media labels.
pub trait LabelLibrary: Send + Sync {
    /// The library's name, e.g. `"ANSI"`.
    fn name(&self) -> &str;
    /// How many bytes from the start of the medium it needs to decide.
    fn max_label_size(&self) -> usize;
    /// The on-media identifier if the bytes carry this library's label, `None` for "not mine".
    fn claim(&self, bytes: &[u8]) -> Option<Omid>;
}

/// The label libraries built into OpenRSM, in the order [`classify`] consults them.
pub fn builtin_label_libraries() -> Vec<Box<dyn LabelLibrary>> {
    Vec::new()
}

/// What the start of a medium says about it.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelVerdict {
    /// Nothing written: empty or all zero bytes.
    Blank,
    /// A label library claimed it.
    Claimed(Omid),
    /// Something is written but no label library claims it.
    Unrecognized,
}

/// Classifies the first bytes of a medium with the built-in label libraries.
pub fn classify(bytes: &[u8]) -> LabelVerdict {
    if bytes.iter().all(|&b| b == 0) {
        return LabelVerdict::Blank;
    }
    builtin_label_libraries()
        .iter()
        .find_map(|library| library.claim(bytes))
        .map_or(LabelVerdict::Unrecognized, LabelVerdict::Claimed)
}

/// The largest label any built-in library needs: read this many bytes before [`classify`].
pub fn max_label_size() -> usize {
    builtin_label_libraries().iter().map(|library| library.max_label_size()).max().unwrap_or(0)
}
