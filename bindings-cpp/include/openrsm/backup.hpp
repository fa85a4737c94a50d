/// @file
/// @brief Database export and import (`ExportNtmsDatabase` / `ImportNtmsDatabase`):
/// SnapshotInfo, what Session::export_database and Session::import_database report.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "openrsm/object.hpp"

namespace openrsm {

/// What an export file holds.
struct SnapshotInfo {
  std::filesystem::path path;       ///< The export file.
  std::uint32_t format_version = 0; ///< Envelope format version.
  std::uint32_t schema_version = 0; ///< Schema version of the database in it (before any migration on import).
  Timestamp created;                ///< When it was exported.
  std::uint64_t payload_bytes = 0;  ///< Size of the database payload in bytes.
  std::string sha256;               ///< SHA-256 over the header fields and the payload, lowercase hex.
  std::uint64_t objects = 0;        ///< How many objects the database holds.
};

}  // namespace openrsm
