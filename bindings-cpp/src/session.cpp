// Sessions: open, close, and what a session knows about itself.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "bridge.hpp"
#include "openrsm/openrsm.hpp"
#include "openrsm/session.hpp"

namespace openrsm {

using detail::call;
using detail::str;
using detail::to_ffi;

Session::Session(const SessionOptions& options) {
  handle_ = std::make_unique<Handle>(Handle{call([&] {
    ffi::SessionOptions rs;
    rs.server = to_ffi(options.server);
    rs.application = to_ffi(options.application);
    rs.home = to_ffi(options.home);
    rs.notification_capacity = ffi::OptU64{options.notification_capacity.has_value(),
                                           static_cast<std::uint64_t>(options.notification_capacity.value_or(0))};
    return ffi::session_open(rs);
  })});
}

Session::Session(Session&& other) noexcept = default;

Session& Session::operator=(Session&& other) noexcept {
  if (this != &other) {
    close();
    handle_ = std::move(other.handle_);
  }
  return *this;
}

Session::~Session() { close(); }

const Session::Handle& Session::handle() const {
  if (!handle_) {
    throw InvalidHandleError("the session was moved from");
  }
  return *handle_;
}

void Session::close() noexcept {
  if (handle_) {
    try {
      handle_->rs->close();
    } catch (...) {  // NOLINT(bugprone-empty-catch): closing reports nothing; the session is closed either way.
    }
  }
}

bool Session::is_closed() const noexcept {
  if (!handle_) {
    return true;
  }
  try {
    return handle_->rs->is_closed();
  } catch (...) {
    return true;
  }
}

ObjectId Session::id() const {
  return detail::from_ffi(call([&] { return handle().rs->id(); }));
}

std::string Session::application() const {
  return detail::to_string(call([&] { return handle().rs->application(); }));
}

std::string Session::user() const {
  return detail::to_string(call([&] { return handle().rs->user(); }));
}

std::string Session::home() const {
  return detail::to_string(call([&] { return handle().rs->home(); }));
}

std::uint64_t Session::last_sequence() const {
  return call([&] { return handle().rs->last_sequence(); });
}

std::string version() { return detail::to_string(detail::call([] { return ffi::core_facts(); }).version); }

std::uint32_t schema_version() { return detail::call([] { return ffi::core_facts(); }).schema_version; }

std::string home_env() { return detail::to_string(detail::call([] { return ffi::core_facts(); }).home_env); }

std::string default_home() {
  return detail::to_string(detail::call([] { return ffi::default_home(); }));
}

}  // namespace openrsm
