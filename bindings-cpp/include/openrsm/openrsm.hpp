/// @file
/// @brief OpenRSM for C++: include this one header.
///
/// @code
/// #include <openrsm/openrsm.hpp>
///
/// openrsm::Session session({{}, "inventory", "/tmp/rsm-home"});
/// for (const auto& media : session.enumerate(openrsm::ObjectType::PhysicalMedia)) {
///   std::cout << media.name << '\n';
/// }
/// @endcode
#pragma once

#include <cstdint>
#include <string>

#include "openrsm/backup.hpp"
#include "openrsm/detect.hpp"
#include "openrsm/enum_traits.hpp"
#include "openrsm/enums.hpp"
#include "openrsm/error.hpp"
#include "openrsm/label.hpp"
#include "openrsm/library.hpp"
#include "openrsm/media.hpp"
#include "openrsm/notification.hpp"
#include "openrsm/object.hpp"
#include "openrsm/object_id.hpp"
#include "openrsm/session.hpp"

namespace openrsm {

/// The version of OpenRSM this library was built from, e.g. `"0.1.0"`.
std::string version();
/// The version of the database schema this library writes.
std::uint32_t schema_version();
/// The environment variable that names the default home (`OPENRSM_HOME`).
std::string home_env();
/// The home a Session uses when SessionOptions::home is empty: `$OPENRSM_HOME`, else
/// `$XDG_DATA_HOME/openrsm`, else `~/.local/share/openrsm`.
std::string default_home();

}  // namespace openrsm
