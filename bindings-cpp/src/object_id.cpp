// Object ids: parsing with the core's rules, and formatting.

#include <ostream>
#include <string>
#include <string_view>

#include "bridge.hpp"
#include "openrsm/object_id.hpp"

namespace openrsm {

ObjectId ObjectId::parse(std::string_view text) {
  return detail::from_ffi(detail::call([&] { return ffi::object_id_parse(detail::str(text)); }));
}

ObjectId ObjectId::generate() {
  return detail::from_ffi(detail::call([] { return ffi::object_id_new(); }));
}

std::string ObjectId::to_string() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      text.push_back('-');
    }
    text.push_back(kHex[bytes_[i] >> 4]);
    text.push_back(kHex[bytes_[i] & 0x0f]);
  }
  return text;
}

std::ostream& operator<<(std::ostream& out, const ObjectId& id) { return out << id.to_string(); }

}  // namespace openrsm
