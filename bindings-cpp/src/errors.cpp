// Errors: openrsm::Error, and the one place where a bridge error becomes the subclass of its kind.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "bridge.hpp"
#include "openrsm/error.hpp"

namespace openrsm {
namespace {

std::string prefix_of(ErrorKind kind) {
  return std::string(name(kind)) + " (" + std::to_string(static_cast<std::uint32_t>(kind)) + "): ";
}

using Thrower = void (*)(const std::string&);

template <ErrorKind K>
[[noreturn]] void throw_kind(const std::string& message) {
  throw KindError<K>(message);
}

// One thrower per kind, in the order of EnumTraits<ErrorKind>::entries, so that every kind is
// thrown as its own class without a hand-written switch.
template <std::size_t... I>
constexpr std::array<Thrower, sizeof...(I)> throwers(std::index_sequence<I...> /*unused*/) {
  return {{&throw_kind<EnumTraits<ErrorKind>::entries[I].value>...}};
}

constexpr auto kThrowers = throwers(std::make_index_sequence<EnumTraits<ErrorKind>::entries.size()>{});

}  // namespace

Error::Error(ErrorKind kind, const std::string& message)
    : std::runtime_error(prefix_of(kind) + message), kind_(kind), prefix_(prefix_of(kind).size()) {}

std::string_view Error::kind_name() const noexcept { return name(kind_); }

void throw_error(ErrorKind kind, const std::string& message) {
  const auto& entries = EnumTraits<ErrorKind>::entries;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].value == kind) {
      kThrowers[i](message);
    }
  }
  throw InternalError("unknown error code " + std::to_string(static_cast<std::uint32_t>(kind)) + ": " + message);
}

namespace detail {

void rethrow(const rust::Error& error) {
  const std::string_view text = error.what();
  const auto bar = text.find('|');
  std::uint32_t code = 0;
  bool numeric = bar != std::string_view::npos && bar > 0;
  for (std::size_t i = 0; numeric && i < bar; ++i) {
    const char c = text[i];
    numeric = c >= '0' && c <= '9' && code < 100000000;
    code = code * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (!numeric) {
    throw InternalError("malformed error from the core: " + std::string(text));
  }
  throw_error(static_cast<ErrorKind>(code), std::string(text.substr(bar + 1)));
}

}  // namespace detail
}  // namespace openrsm
