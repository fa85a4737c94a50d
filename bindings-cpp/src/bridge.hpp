// The C++ side of the bridge, shared by the sources of the library (not installed): the generated
// declarations, the one place where bridge errors become openrsm::Error subclasses, and the
// conversions between openrsm:: and openrsm::ffi:: types.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "openrsm-cpp/src/bridge.rs.h"
#include "openrsm/detect.hpp"
#include "openrsm/error.hpp"
#include "openrsm/library.hpp"
#include "openrsm/media.hpp"
#include "openrsm/notification.hpp"
#include "openrsm/object.hpp"
#include "openrsm/object_id.hpp"
#include "openrsm/session.hpp"
#include "rust/cxx.h"

namespace openrsm {

/// The bridge handle a Session owns.
struct Session::Handle {
  rust::Box<ffi::SessionHandle> rs;
};

/// The bridge handle a Notification owns.
struct Notification::Handle {
  rust::Box<ffi::NotificationHandle> rs;
};

/// The bridge handle a VirtualLibrary owns.
struct VirtualLibrary::Handle {
  rust::Box<ffi::VirtualLibraryHandle> rs;
};

/// The bridge handle a DeviceChangeDetection owns.
struct DeviceChangeDetection::Handle {
  rust::Box<ffi::DetectionHandle> rs;
};

/// The bridge handle a DeviceEvents owns.
struct DeviceEvents::Handle {
  rust::Box<ffi::DeviceEventsHandle> rs;
};

namespace detail {

/// Throw the openrsm::Error subclass a bridge error stands for (`CODE|MESSAGE`, see the crate's
/// errors.rs).
[[noreturn]] void rethrow(const rust::Error& error);

/// Run a bridge call, turning what it throws into openrsm errors: every call into Rust goes
/// through here.
template <class F>
decltype(auto) call(F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const rust::Error& e) {
    rethrow(e);
  } catch (const std::invalid_argument& e) {
    // rust::Str and rust::String refuse text that is not UTF-8.
    throw InvalidParameterError(std::string("text must be UTF-8: ") + e.what());
  }
}

/// A borrowed string for the bridge (it checks UTF-8 when the call runs, inside call()).
inline rust::Str str(std::string_view text) { return rust::Str(text.data(), text.size()); }

/// Milliseconds since the epoch as a Timestamp, and back.
Timestamp to_time(std::int64_t millis);

ffi::Id to_ffi(const ObjectId& id);
ffi::OptId to_ffi(const std::optional<ObjectId>& id);
ffi::OptString to_ffi(const std::optional<std::string>& text);
ffi::OptU32 to_ffi(const std::optional<std::uint32_t>& value);
ffi::Wait to_wait(std::chrono::milliseconds timeout);

ObjectId from_ffi(const ffi::Id& id);
std::optional<ObjectId> from_ffi(const ffi::OptId& id);
std::optional<std::string> from_ffi(const ffi::OptString& text);
std::optional<std::uint32_t> from_ffi(const ffi::OptU32& value);
std::optional<Timestamp> from_ffi(const ffi::OptTime& time);
Object from_ffi(const ffi::Object& object);
Event from_ffi(const ffi::Event& event);

std::string to_string(const rust::String& text);
std::vector<Object> to_objects(const rust::Vec<ffi::Object>& objects);
std::vector<ObjectId> to_ids(const rust::Vec<ffi::Id>& ids);
rust::Vec<ffi::Id> to_ffi_ids(const std::vector<ObjectId>& ids);

/// An RSM enumeration value from its bridge number.
template <class E>
E to_enum(std::uint32_t number) {
  return static_cast<E>(number);
}

}  // namespace detail
}  // namespace openrsm
