// RSM enumerations: parsing with the core's rules.

#include <cstdint>
#include <string_view>

#include "bridge.hpp"
#include "openrsm/enum_traits.hpp"

namespace openrsm::detail {

std::uint32_t parse_enum(std::string_view type_name, std::string_view text) {
  return call([&] { return ffi::enum_parse(str(type_name), str(text)); });
}

}  // namespace openrsm::detail
