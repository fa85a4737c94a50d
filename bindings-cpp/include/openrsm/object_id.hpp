/// @file
/// @brief ObjectId: the GUID of an RSM object.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace openrsm {

/// The GUID of an RSM object: stable for the object's whole life, never reused. A plain value:
/// copyable, comparable, hashable; a default-constructed id is the nil GUID, which names no object.
///
/// @code
/// auto id = openrsm::ObjectId::parse("{6f1c0a52-8c2e-4d5b-9b0e-3a2f4c1d7e80}");
/// std::cout << id << '\n';   // 6f1c0a52-8c2e-4d5b-9b0e-3a2f4c1d7e80
/// @endcode
class ObjectId {
 public:
  /// The 16 bytes of a GUID, in RFC 4122 order.
  using Bytes = std::array<std::uint8_t, 16>;

  /// The nil id.
  constexpr ObjectId() noexcept = default;
  /// The id with these bytes.
  constexpr explicit ObjectId(const Bytes& bytes) noexcept : bytes_(bytes) {}

  /// Parse a GUID, with or without braces or hyphens, with the core's rules.
  /// @throws InvalidParameterError when `text` is not a GUID.
  static ObjectId parse(std::string_view text);
  /// A new random id.
  static ObjectId generate();

  /// The bytes.
  constexpr const Bytes& bytes() const noexcept { return bytes_; }
  /// Whether this is the nil id.
  bool is_nil() const noexcept { return bytes_ == Bytes{}; }
  /// Lowercase, hyphenated, without braces: `6f1c0a52-8c2e-4d5b-9b0e-3a2f4c1d7e80`.
  std::string to_string() const;

  /// Equal ids.
  friend bool operator==(const ObjectId& a, const ObjectId& b) noexcept { return a.bytes_ == b.bytes_; }
  /// Different ids.
  friend bool operator!=(const ObjectId& a, const ObjectId& b) noexcept { return a.bytes_ != b.bytes_; }
  /// Byte-wise order, as the core orders ids.
  friend bool operator<(const ObjectId& a, const ObjectId& b) noexcept { return a.bytes_ < b.bytes_; }

 private:
  Bytes bytes_{};
};

/// Writes ObjectId::to_string().
std::ostream& operator<<(std::ostream& out, const ObjectId& id);

}  // namespace openrsm

namespace std {

/// Hash of an ObjectId, so that ids can key unordered containers.
template <>
struct hash<openrsm::ObjectId> {
  /// The hash (FNV-1a over the bytes).
  std::size_t operator()(const openrsm::ObjectId& id) const noexcept {
    std::size_t h = 14695981039346656037ULL;
    for (auto b : id.bytes()) {
      h = (h ^ b) * 1099511628211ULL;
    }
    return h;
  }
};

}  // namespace std
