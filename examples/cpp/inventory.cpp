// openrsm-inventory: what an OpenRSM database holds — media types, pools and media — and, with
// --add, a medium put into a pool first; with --library, a virtual library (created when missing)
// is inventoried, a scratch tape is mounted and dismounted, and the library's slot map is shown.
//
//   openrsm-inventory [--home DIR] [--add MEDIA_TYPE BARCODE POOL_PATH] [--library NAME]

#include <openrsm/openrsm.hpp>

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Arguments {
  std::optional<std::string> home;
  std::optional<std::vector<std::string>> add;  // media type, barcode, pool path
  std::optional<std::string> library;            // a virtual library to mount from
};

[[noreturn]] void usage() {
  std::cerr << "usage: openrsm-inventory [--home DIR] [--add MEDIA_TYPE BARCODE POOL_PATH] [--library NAME]\n";
  std::exit(2);
}

Arguments parse(int argc, char** argv) {
  Arguments args;
  const std::vector<std::string> words(argv + 1, argv + argc);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "--home" && i + 1 < words.size()) {
      args.home = words[++i];
    } else if (words[i] == "--add" && i + 3 < words.size()) {
      args.add = std::vector<std::string>(words.begin() + static_cast<long>(i) + 1,
                                          words.begin() + static_cast<long>(i) + 4);
      i += 3;
    } else if (words[i] == "--library" && i + 1 < words.size()) {
      args.library = words[++i];
    } else {
      usage();
    }
  }
  return args;
}

// Put a medium with this barcode into the pool at `path`, creating the media type and the pool
// when missing, and show the notifications these changes published.
void add_media(const openrsm::Session& session, const std::vector<std::string>& add) {
  auto events = session.open_notification({openrsm::ObjectType::MediaPool, openrsm::ObjectType::PhysicalMedia});
  const auto type = session.ensure_media_type(add[0]);
  openrsm::PoolOptions options;
  options.media_type = type.id;
  options.mode = openrsm::CreateMode::OpenAlways;
  options.create_parents = true;
  const auto pool = session.create_media_pool(add[2], options);
  openrsm::MediaSpec spec;
  spec.media_type = type.id;
  spec.barcode = add[1];
  spec.pool = pool.id;
  const auto media = session.create_media(spec);
  std::cout << "added " << media.name << " to " << session.media_pool_name(pool.id) << '\n';
  // Notifications are published when a call commits: by now every one of them is queued.
  while (auto e = events.try_next()) {
    std::cout << "  event #" << e->sequence << ": " << e->operation << ' ' << e->object_type << ' ' << e->object_id
              << '\n';
  }
  std::cout << '\n';
}

// The virtual library with this name, created (2 drives, 10 slots, 1 IE port, 6 LTO-6 tapes) when
// there is none.
openrsm::Object virtual_library(const openrsm::Session& session, const std::string& name) {
  auto found = session.find_by_name(openrsm::ObjectType::Library, name);
  if (!found.empty()) {
    return found.front();
  }
  openrsm::VirtualLibrarySpec spec{2, 10, 1};
  spec.add_media("LTO-6", 6);
  return session.create_virtual_library(name, spec);
}

// Inventory the library, allocate a scratch tape into an application pool, mount it for writing,
// dismount it, and show the requests each step ran.
void mount_demo(const openrsm::Session& session, const openrsm::Object& library) {
  using namespace std::chrono_literals;
  const auto summary = session.inventory(library.id, openrsm::InventoryOptions::fast());
  std::cout << "inventory of " << library.name << ": " << summary.media << " media in " << summary.elements
            << " elements\n";

  openrsm::PoolOptions pool_options;
  pool_options.media_type = session.ensure_media_type("LTO-6").id;
  pool_options.mode = openrsm::CreateMode::OpenAlways;
  pool_options.create_parents = true;
  const auto pool = session.create_media_pool("Demo/Nightly", pool_options);
  const auto side = session.allocate_media(pool.id);

  openrsm::MountOptions mount;
  mount.write = true;
  mount.timeout = 30s;
  for (const auto& mounted : session.mount({side.id}, mount)) {
    const auto drive = session.object(*mounted.drive);
    std::cout << "mounted " << session.object(mounted.physical_media).name << " in " << drive.name << " ("
              << mounted.device_path.value_or("no device path") << ")\n";
  }
  session.dismount({side.id});
  std::cout << "dismounted\n";
  for (const auto& request : session.library_requests(library.id)) {
    const auto& info = request.as<openrsm::LibRequestInfo>();
    std::cout << "  request " << info.operation << ' ' << info.request_state << '\n';
  }
  std::cout << '\n';
}

// One line per element of the library: drives, slots and IE ports with what they hold.
void print_slot_map(const openrsm::Session& session, const openrsm::Object& library) {
  const auto holding = [&](const std::optional<openrsm::ObjectId>& media) {
    return media ? session.object(*media).name : std::string("-");
  };
  std::cout << "Slot map of " << library.name << '\n';
  for (const auto& drive : session.enumerate(library.id, openrsm::ObjectType::Drive)) {
    const auto& info = drive.as<openrsm::DriveInfo>();
    std::cout << "  drive  " << std::setw(3) << info.number << "  " << holding(info.media) << '\n';
  }
  for (const auto& slot : session.enumerate(library.id, openrsm::ObjectType::StorageSlot)) {
    const auto& info = slot.as<openrsm::SlotInfo>();
    std::cout << "  slot   " << std::setw(3) << info.number << "  " << holding(info.media) << '\n';
  }
  for (const auto& port : session.enumerate(library.id, openrsm::ObjectType::IePort)) {
    const auto& info = port.as<openrsm::IePortInfo>();
    std::cout << "  ieport " << std::setw(3) << info.number << "  " << holding(info.media) << '\n';
  }
  std::cout << '\n';
}

void print_inventory(const openrsm::Session& session) {
  std::cout << "Media types\n";
  for (const auto& type : session.enumerate(openrsm::ObjectType::MediaType)) {
    const auto& info = type.as<openrsm::MediaTypeInfo>();
    std::cout << "  " << std::left << std::setw(16) << type.name << info.sides << " side(s), " << info.read_write
              << '\n';
  }

  std::cout << "Media pools                   kind          media\n";
  std::map<std::string, openrsm::Object> by_path;  // every pool, sorted by path
  for (auto& pool : session.enumerate(openrsm::ObjectType::MediaPool)) {
    by_path.emplace(pool.as<openrsm::MediaPoolInfo>().path, std::move(pool));
  }
  for (const auto& [path, pool] : by_path) {
    const auto media = session.enumerate(pool.id, openrsm::ObjectType::PhysicalMedia).size();
    std::cout << "  " << std::left << std::setw(28) << path << std::setw(14) << pool.as<openrsm::MediaPoolInfo>().kind
              << media << '\n';
  }

  std::cout << "Physical media (barcode, type, pool, where, allocated sides)\n";
  const auto media = session.media_overview();
  for (const auto& m : media) {
    std::ostringstream where;
    if (m.library) {
      where << *m.library << ' ';
    }
    where << m.location_kind;
    if (m.element) {
      where << ' ' << *m.element;
    }
    std::cout << "  " << std::left << std::setw(12) << m.barcode.value_or("(none)") << std::setw(10) << m.media_type
              << std::setw(28) << m.pool << std::setw(16) << where.str() << m.allocated_sides << '/' << m.sides
              << '\n';
  }
  std::cout << media.size() << " physical media\n";
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = parse(argc, argv);
  try {
    openrsm::SessionOptions options;
    options.application = "openrsm-inventory";
    options.home = args.home;
    openrsm::Session session(options);
    std::cout << "OpenRSM " << openrsm::version() << ", home " << session.home() << "\n\n";
    if (args.add) {
      add_media(session, *args.add);
    }
    if (args.library) {
      const auto library = virtual_library(session, *args.library);
      mount_demo(session, library);
      print_slot_map(session, library);
    }
    print_inventory(session);
  } catch (const openrsm::Error& e) {
    std::cerr << "openrsm-inventory: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
