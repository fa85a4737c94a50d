// Database export and import.

#include <cstdint>
#include <filesystem>
#include <string>

#include "bridge.hpp"
#include "openrsm/backup.hpp"
#include "openrsm/session.hpp"

namespace openrsm {
namespace {

rust::Slice<const std::uint8_t> path_bytes(const std::filesystem::path& path) {
  const auto& native = path.native();
  return rust::Slice<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(native.data()), native.size());
}

SnapshotInfo convert(const ffi::SnapshotInfo& info) {
  SnapshotInfo out;
  out.path = std::filesystem::path(std::string(info.path.begin(), info.path.end()));
  out.format_version = info.format_version;
  out.schema_version = info.schema_version;
  out.created = detail::to_time(info.created);
  out.payload_bytes = info.payload_bytes;
  out.sha256 = detail::to_string(info.sha256);
  out.objects = info.objects;
  return out;
}

}  // namespace

SnapshotInfo Session::export_database(const std::filesystem::path& path) const {
  return convert(detail::call([&] { return handle().rs->export_database(path_bytes(path)); }));
}

SnapshotInfo Session::import_database(const std::filesystem::path& path) const {
  return convert(detail::call([&] { return handle().rs->import_database(path_bytes(path)); }));
}

}  // namespace openrsm
