// Device detection: device change detection on libraries, devices and their raw events.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bridge.hpp"
#include "openrsm/detect.hpp"
#include "openrsm/session.hpp"

namespace openrsm {

using detail::call;
using detail::from_ffi;
using detail::to_ffi;

namespace {

ffi::DetectionTargets to_ffi_targets(const DetectionTargets& targets) {
  return {value(targets.kind), detail::to_ffi_ids(targets.ids)};
}

std::vector<std::string> to_strings(const rust::Vec<rust::String>& texts) {
  std::vector<std::string> out;
  out.reserve(texts.size());
  for (const auto& text : texts) {
    out.push_back(detail::to_string(text));
  }
  return out;
}

DeviceInfo from_ffi_info(const ffi::DeviceInfo& d) {
  DeviceInfo out;
  out.kind = detail::to_enum<DeviceKind>(d.kind);
  out.identity = detail::to_string(d.identity);
  out.vendor = detail::to_string(d.vendor);
  out.model = detail::to_string(d.model);
  out.serial = from_ffi(d.serial);
  out.wwn = from_ffi(d.wwn);
  out.devnode = from_ffi(d.devnode);
  out.paths = to_strings(d.paths);
  out.sysname = detail::to_string(d.sysname);
  out.syspath = detail::to_string(d.syspath);
  out.media = detail::to_enum<MediaPresence>(d.media);
  out.media_size = d.media_size;
  return out;
}

}  // namespace

// ---- Session ----

DeviceChangeDetection Session::begin_device_change_detection() const {
  auto rs = call([&] { return handle().rs->begin_device_change_detection(); });
  return DeviceChangeDetection(
      std::make_unique<DeviceChangeDetection::Handle>(DeviceChangeDetection::Handle{std::move(rs)}));
}

std::uint32_t Session::detect_device_changes(const DetectionTargets& targets) const {
  return call([&] { return handle().rs->detect_device_changes(to_ffi_targets(targets)); });
}

std::vector<DeviceRecord> Session::devices() const {
  const auto rows = call([&] { return handle().rs->devices(); });
  std::vector<DeviceRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back(DeviceRecord{from_ffi(r.library), from_ffi(r.drive), from_ffi(r.changer),
                               detail::to_enum<OperationalState>(r.state), from_ffi(r.media),
                               from_ffi_info(r.info)});
  }
  return out;
}

std::string Session::device_detection_status() const {
  return detail::to_string(call([&] { return handle().rs->device_detection_status(); }));
}

std::size_t Session::rescan_devices() const {
  return call([&] { return handle().rs->rescan_devices(); });
}

DeviceEvents Session::device_events() const {
  auto rs = call([&] { return handle().rs->device_events(); });
  return DeviceEvents(std::make_unique<DeviceEvents::Handle>(DeviceEvents::Handle{std::move(rs)}));
}

void Session::eject_disk_from_sa_drive(const ObjectId& drive) const {
  call([&] { handle().rs->eject_disk_from_sa_drive(to_ffi(drive)); });
}

std::vector<std::string> Session::volumes_from_drive(const ObjectId& drive) const {
  return to_strings(call([&] { return handle().rs->volumes_from_drive(to_ffi(drive)); }));
}

// ---- DeviceChangeDetection ----

DeviceChangeDetection::DeviceChangeDetection(std::unique_ptr<Handle> handle) noexcept : handle_(std::move(handle)) {}

DeviceChangeDetection::DeviceChangeDetection(DeviceChangeDetection&& other) noexcept = default;

DeviceChangeDetection& DeviceChangeDetection::operator=(DeviceChangeDetection&& other) noexcept {
  if (this != &other) {
    end();
    handle_ = std::move(other.handle_);
  }
  return *this;
}

DeviceChangeDetection::~DeviceChangeDetection() { end(); }

const DeviceChangeDetection::Handle& DeviceChangeDetection::handle() const {
  if (!handle_) {
    throw InvalidHandleError("the device change detection was moved from");
  }
  return *handle_;
}

void DeviceChangeDetection::set_targets(const DetectionTargets& targets) const {
  call([&] { handle().rs->set_targets(to_ffi_targets(targets)); });
}

DetectionTargets DeviceChangeDetection::targets() const {
  const auto rs = call([&] { return handle().rs->targets(); });
  return DetectionTargets{detail::to_enum<DetectionTargetKind>(rs.kind), detail::to_ids(rs.ids)};
}

void DeviceChangeDetection::set_interval(std::chrono::milliseconds interval) const {
  const auto millis = interval.count() < 0 ? 0 : static_cast<std::uint64_t>(interval.count());
  call([&] { handle().rs->set_interval(millis); });
}

void DeviceChangeDetection::end() noexcept {
  if (handle_) {
    try {
      handle_->rs->end();
    } catch (...) {
      // Ending cannot fail in the core; a caught panic must not escape a destructor.
    }
  }
}

bool DeviceChangeDetection::is_ended() const noexcept {
  if (!handle_) {
    return true;
  }
  try {
    return handle_->rs->is_ended();
  } catch (...) {
    return true;
  }
}

// ---- DeviceEvents ----

DeviceEvents::DeviceEvents(std::unique_ptr<Handle> handle) noexcept : handle_(std::move(handle)) {}
DeviceEvents::DeviceEvents(DeviceEvents&& other) noexcept = default;
DeviceEvents& DeviceEvents::operator=(DeviceEvents&& other) noexcept = default;
DeviceEvents::~DeviceEvents() = default;

const DeviceEvents::Handle& DeviceEvents::handle() const {
  if (!handle_) {
    throw InvalidHandleError("the device events were moved from");
  }
  return *handle_;
}

std::optional<DeviceEvent> DeviceEvents::next(std::chrono::milliseconds timeout) const {
  const auto e = call([&] { return handle().rs->next(detail::to_wait(timeout)); });
  if (!e.present) {
    return std::nullopt;
  }
  DeviceEvent out;
  out.kind = detail::to_enum<DeviceEventKind>(e.kind);
  out.info = from_ffi_info(e.info);
  out.syspath = detail::to_string(e.syspath);
  out.sysname = detail::to_string(e.sysname);
  out.reason = detail::to_string(e.reason);
  return out;
}

}  // namespace openrsm
