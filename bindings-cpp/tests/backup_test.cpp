// Database export and import.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "helpers.hpp"
#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

using namespace std::chrono_literals;
using testing::options_for;
using testing::SessionTest;
using testing::TempDir;

TEST_F(SessionTest, ExportThenImportIntoAnotherHome) {
  const auto lto = session.ensure_media_type("LTO-6");
  const auto pool = session.create_media_pool("Backup");
  session.set_attribute(pool.id, "owner", "ops");
  const auto file = home.path() / "backup.rsmdb";
  const auto exported = session.export_database(file);
  EXPECT_EQ(exported.path, file);
  EXPECT_EQ(exported.schema_version, schema_version());
  EXPECT_GE(exported.format_version, 1u);
  EXPECT_GT(exported.payload_bytes, 0u);
  EXPECT_EQ(exported.sha256.size(), 64u);
  EXPECT_GT(exported.objects, 5u);
  EXPECT_GT(exported.created, std::chrono::system_clock::now() - 1min);
  EXPECT_TRUE(std::filesystem::exists(file));

  TempDir other_home;
  Session other(options_for(other_home));
  auto events = other.open_notification();
  const auto imported = other.import_database(file);
  EXPECT_EQ(imported.sha256, exported.sha256);
  EXPECT_EQ(imported.objects, exported.objects);
  EXPECT_EQ(other.object(lto.id).name, "LTO-6");
  EXPECT_EQ(other.media_pool_by_path("Backup").id, pool.id);
  const auto owner = other.attribute(pool.id, "owner");
  EXPECT_EQ(std::string(owner.begin(), owner.end()), "ops");
  // A wholesale change cannot be told as events: subscribers must re-read.
  EXPECT_THROW(events.wait(1s), NoDataError);
}

TEST_F(SessionTest, ImportRefusesFilesThatAreNotWholeExports) {
  const auto pool = session.create_media_pool("Keep");
  const auto foreign = home.path() / "foreign.bin";
  std::ofstream(foreign) << "this is not an OpenRSM export";
  EXPECT_THROW(session.import_database(foreign), InvalidParameterError);

  const auto file = home.path() / "full.rsmdb";
  session.export_database(file);
  std::filesystem::resize_file(file, std::filesystem::file_size(file) - 100);
  EXPECT_THROW(session.import_database(file), DatabaseFailureError);
  EXPECT_EQ(session.object(pool.id).name, "Keep");
}

}  // namespace
}  // namespace openrsm
