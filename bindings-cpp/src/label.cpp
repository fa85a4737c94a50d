// Media label libraries.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bridge.hpp"
#include "openrsm/label.hpp"

namespace openrsm::label {

using detail::call;

LabelVerdict classify(const std::uint8_t* data, std::size_t size) {
  const auto verdict = call([&] { return ffi::label_classify(rust::Slice<const std::uint8_t>(data, size)); });
  LabelVerdict out;
  out.kind = static_cast<Verdict>(verdict.kind);
  if (out.kind == Verdict::Claimed) {
    out.omid = Omid{detail::to_string(verdict.label_type), detail::to_string(verdict.label_id),
                    detail::from_ffi(verdict.application)};
  }
  return out;
}

LabelVerdict classify(const std::vector<std::uint8_t>& bytes) { return classify(bytes.data(), bytes.size()); }

std::size_t max_label_size() {
  return call([] { return ffi::label_max_size(); });
}

namespace {

std::vector<std::string> strings(const rust::Vec<rust::String>& list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (const auto& s : list) {
    out.push_back(detail::to_string(s));
  }
  return out;
}

}  // namespace

std::vector<std::string> builtin_library_names() {
  return strings(call([] { return ffi::label_library_names(); }));
}

std::vector<std::uint8_t> sample_label(std::string_view kind, std::string_view id) {
  const auto bytes = call([&] { return ffi::label_sample(detail::str(kind), detail::str(id)); });
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

std::vector<std::string> sample_label_types() {
  return strings(call([] { return ffi::label_sample_types(); }));
}

}  // namespace openrsm::label
