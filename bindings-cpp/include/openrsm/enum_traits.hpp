/// @file
/// @brief What every RSM enumeration offers: its values for range-for, its RSM names, conversion
/// from RSM numbers and parsing with the core's rules.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>
#include <type_traits>
#include <utility>

namespace openrsm {

/// One value of an RSM enumeration and its RSM name (e.g. `PHYSICAL_MEDIA`).
template <class E>
struct EnumEntry {
  E value;                ///< The value; its underlying number is the RSM number.
  std::string_view name;  ///< The RSM name.
};

/// Specialized for every RSM enumeration with `type_name` (the core's name of the type) and
/// `entries` (every value, in the core's order). The library's tests check each table against the
/// core, value for value.
template <class E>
struct EnumTraits;

namespace detail {

template <class E, class = void>
struct is_rsm_enum : std::false_type {};
template <class E>
struct is_rsm_enum<E, std::void_t<decltype(EnumTraits<E>::entries)>> : std::true_type {};

template <class E, std::size_t... I>
constexpr std::array<E, sizeof...(I)> values_of(std::index_sequence<I...> /*unused*/) noexcept {
  return {{EnumTraits<E>::entries[I].value...}};
}

/// Parse through the core; throws InvalidParameterError.
std::uint32_t parse_enum(std::string_view type_name, std::string_view text);

}  // namespace detail

/// True for the RSM enumerations of this library.
template <class E>
inline constexpr bool is_rsm_enum_v = detail::is_rsm_enum<E>::value;

/// Every value of an RSM enumeration, in the core's order:
/// `for (auto type : openrsm::values<openrsm::ObjectType>()) { ... }`.
template <class E, class = std::enable_if_t<is_rsm_enum_v<E>>>
constexpr auto values() noexcept {
  return detail::values_of<E>(std::make_index_sequence<EnumTraits<E>::entries.size()>{});
}

/// The RSM number of a value, e.g. 15 for `ObjectType::PhysicalMedia`.
template <class E, class = std::enable_if_t<is_rsm_enum_v<E>>>
constexpr std::uint32_t value(E e) noexcept {
  return static_cast<std::uint32_t>(e);
}

/// The RSM name of a value (e.g. `"PHYSICAL_MEDIA"`); empty for a number that is no value of `E`.
template <class E, class = std::enable_if_t<is_rsm_enum_v<E>>>
constexpr std::string_view name(E e) noexcept {
  for (const auto& entry : EnumTraits<E>::entries) {
    if (entry.value == e) {
      return entry.name;
    }
  }
  return {};
}

/// The value with this RSM number, if `E` has one.
template <class E, class = std::enable_if_t<is_rsm_enum_v<E>>>
constexpr std::optional<E> from_value(std::uint32_t number) noexcept {
  for (const auto& entry : EnumTraits<E>::entries) {
    if (static_cast<std::uint32_t>(entry.value) == number) {
      return entry.value;
    }
  }
  return std::nullopt;
}

/// Parse an RSM name in any case, with `-` or `_`, or an RSM number, with the core's rules
/// (`"physical-media"`, `"PHYSICAL_MEDIA"` and `"15"` are all `ObjectType::PhysicalMedia`).
/// @throws InvalidParameterError when `text` names no value of `E`.
template <class E, class = std::enable_if_t<is_rsm_enum_v<E>>>
E parse(std::string_view text) {
  return static_cast<E>(detail::parse_enum(EnumTraits<E>::type_name, text));
}

/// Writes the RSM name, or the number for a value `E` does not have.
template <class E, class = std::enable_if_t<is_rsm_enum_v<E>>>
std::ostream& operator<<(std::ostream& out, E e) {
  const auto text = name(e);
  if (text.empty()) {
    return out << static_cast<std::uint32_t>(e);
  }
  return out << text;
}

}  // namespace openrsm
