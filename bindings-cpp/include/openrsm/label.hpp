/// @file
/// @brief Media label libraries: what the first bytes of a medium say about it (blank, claimed by
/// a label library with its on-media identifier, or unrecognized), and sample labels.
///
/// @code
/// auto image = openrsm::label::sample_label("AMANDA", "DailySet1-007");
/// auto verdict = openrsm::label::classify(image);
/// // verdict.kind == openrsm::label::Verdict::Claimed, verdict.omid->label_id == "DailySet1-007"
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openrsm/object.hpp"

namespace openrsm::label {

/// What the start of a medium says about it.
enum class Verdict : std::uint8_t {
  Blank = 0,         ///< Nothing written (empty or all zero bytes): such media go to the Free pool.
  Claimed = 1,       ///< A label library claimed it: LabelVerdict::omid says what it read.
  Unrecognized = 2,  ///< Something is written but no label library claims it.
};

/// The verdict on a medium, with the on-media identifier when a library claimed it.
struct LabelVerdict {
  Verdict kind = Verdict::Blank;  ///< Blank, claimed or unrecognized.
  std::optional<Omid> omid;       ///< What the claiming library read.
};

/// Classify the first bytes of a medium with the built-in label libraries: read max_label_size()
/// bytes from the start of the side (all of it if shorter) and pass them here.
LabelVerdict classify(const std::uint8_t* data, std::size_t size);
/// Classify the first bytes of a medium.
LabelVerdict classify(const std::vector<std::uint8_t>& bytes);
/// How many bytes from the start of a medium the built-in libraries need.
std::size_t max_label_size();
/// The names of the built-in label libraries, in the order classify() consults them.
std::vector<std::string> builtin_library_names();
/// A valid label of a kind (`"VOL1"`, `"LTFS"`, `"ISO9660"`, `"TAR"`, `"BACULA"`, `"BAREOS"`,
/// `"AMANDA"`, any case) with this id, for tests, demos and virtual media.
/// @throws InvalidParameterError for an unknown kind or an id the kind cannot hold.
std::vector<std::uint8_t> sample_label(std::string_view kind, std::string_view id);
/// The kinds sample_label() writes.
std::vector<std::string> sample_label_types();

}  // namespace openrsm::label
