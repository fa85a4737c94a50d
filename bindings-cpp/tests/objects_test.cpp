// Object management: enumerate, get, find, resolve, change, attributes, enable/disable, delete.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

using testing::SessionTest;

std::vector<std::string> names(const std::vector<Object>& objects) {
  std::vector<std::string> out;
  for (const auto& o : objects) {
    out.push_back(o.name);
  }
  return out;
}

TEST_F(SessionTest, EnumeratesTopPoolsAndTheComputer) {
  EXPECT_EQ(names(session.enumerate(ObjectType::MediaPool)), (std::vector<std::string>{"Free", "Import", "Unrecognized"}));
  const auto computers = session.enumerate(ObjectType::Computer);
  ASSERT_EQ(computers.size(), 1u);
  const auto* computer = computers[0].get_if<ComputerInfo>();
  ASSERT_NE(computer, nullptr);
  EXPECT_GT(computer->librequest_purge_seconds, 0u);
  EXPECT_EQ(computers[0].type, ObjectType::Computer);
}

TEST_F(SessionTest, EnumeratesInsideContainers) {
  const auto lto = session.ensure_media_type("LTO-6");
  PoolOptions options;
  options.media_type = lto.id;
  options.create_parents = true;
  const auto weekly = session.create_media_pool("Backup/Weekly", options);
  const auto backup = session.media_pool_by_path("Backup");
  EXPECT_EQ(names(session.enumerate(backup.id, ObjectType::MediaPool)), std::vector<std::string>{"Weekly"});
  MediaSpec spec;
  spec.media_type = lto.id;
  spec.pool = weekly.id;
  spec.barcode = "TAPE01L6";
  const auto tape = session.create_media(spec);
  const auto in_pool = session.enumerate(weekly.id, ObjectType::PhysicalMedia);
  ASSERT_EQ(in_pool.size(), 1u);
  EXPECT_EQ(in_pool[0].id, tape.id);
  const auto sides = session.enumerate(tape.id, ObjectType::Partition);
  ASSERT_EQ(sides.size(), 1u);
  EXPECT_EQ(sides[0].as<PartitionInfo>().physical_media, tape.id);
  EXPECT_EQ(sides[0].as<PartitionInfo>().partition_state, PartitionState::Available);
  EXPECT_THROW(session.enumerate(tape.id, ObjectType::Drive), InvalidParameterError);
}

TEST_F(SessionTest, GetsFindsAndResolves) {
  const auto lto = session.ensure_media_type("LTO-6");
  MediaSpec spec;
  spec.media_type = lto.id;
  spec.barcode = "ABC123";
  spec.name = "Monday";
  const auto tape = session.create_media(spec);

  const auto again = session.object(tape.id);
  EXPECT_EQ(again.name, "Monday");
  EXPECT_EQ(again.type, ObjectType::PhysicalMedia);
  EXPECT_EQ(again.created, tape.created);
  EXPECT_LE(again.created, std::chrono::system_clock::now());
  EXPECT_GT(again.created, std::chrono::system_clock::now() - std::chrono::minutes(1));
  const auto& info = again.as<PhysicalMediaInfo>();
  EXPECT_EQ(info.barcode, "ABC123");
  EXPECT_EQ(info.media_type, lto.id);
  EXPECT_EQ(info.location.kind, LocationKind::Offline);
  EXPECT_FALSE(info.library.has_value());
  EXPECT_EQ(info.pool, session.system_pool(PoolKind::Free, lto.id).id);
  EXPECT_EQ(again.get_if<MediaPoolInfo>(), nullptr);
  EXPECT_THROW(again.as<MediaPoolInfo>(), std::bad_variant_access);

  EXPECT_EQ(session.find_by_name("Monday").size(), 1u);
  EXPECT_EQ(session.find_by_name(ObjectType::MediaPool, "Monday").size(), 0u);
  EXPECT_EQ(session.resolve("ABC123").id, tape.id);
  EXPECT_EQ(session.resolve(ObjectType::PhysicalMedia, tape.id.to_string()).id, tape.id);
  EXPECT_EQ(session.resolve("Free/LTO-6").as<MediaPoolInfo>().kind, PoolKind::Free);
  EXPECT_THROW(session.resolve(ObjectType::MediaPool, tape.id.to_string()), InvalidParameterError);
  EXPECT_THROW(session.resolve("nothing by this name"), ObjectNotFoundError);
}

TEST_F(SessionTest, ChangesWritableFields) {
  const auto pool = session.create_media_pool("Archive");
  ObjectChanges changes;
  changes.description = "kept for ten years";
  changes.max_allocations = 5;
  changes.return_to_free = false;
  const auto changed = session.set_object_info(pool.id, changes);
  EXPECT_EQ(changed.description, "kept for ten years");
  EXPECT_EQ(changed.as<MediaPoolInfo>().max_allocations, 5u);
  EXPECT_FALSE(changed.as<MediaPoolInfo>().return_to_free);
  EXPECT_EQ(session.object(pool.id).description, "kept for ten years");

  ObjectChanges wrong;
  wrong.barcode = "X";
  EXPECT_THROW(session.set_object_info(pool.id, wrong), InvalidParameterError);
  ObjectChanges too_long;
  too_long.name = std::string(max_name_length + 1, 'n');
  EXPECT_THROW(session.set_object_info(pool.id, too_long), InvalidParameterError);
  ObjectChanges bad_enum;
  bad_enum.inventory_method = static_cast<InventoryMethod>(99);
  EXPECT_THROW(session.set_object_info(pool.id, bad_enum), InvalidParameterError);
}

TEST_F(SessionTest, KeepsNamedAttributes) {
  const auto pool = session.create_media_pool("Tagged");
  const std::vector<std::uint8_t> blob{0, 1, 2, 255};
  session.set_attribute(pool.id, "blob", blob);
  session.set_attribute(pool.id, "owner", "backup team");
  EXPECT_EQ(session.attribute(pool.id, "blob"), blob);
  const auto owner = session.attribute(pool.id, "owner");
  EXPECT_EQ(std::string(owner.begin(), owner.end()), "backup team");
  EXPECT_EQ(session.attribute_names(pool.id), (std::vector<std::string>{"blob", "owner"}));
  session.set_attribute(pool.id, "empty", std::vector<std::uint8_t>{});
  EXPECT_TRUE(session.attribute(pool.id, "empty").empty());
  session.delete_attribute(pool.id, "blob");
  EXPECT_THROW(session.attribute(pool.id, "blob"), ObjectNotFoundError);
  EXPECT_THROW(session.delete_attribute(pool.id, "blob"), ObjectNotFoundError);
  EXPECT_THROW(session.set_attribute(pool.id, "big", std::vector<std::uint8_t>(max_attribute_size + 1)),
               InvalidParameterError);
}

TEST_F(SessionTest, EnablesDisablesAndDeletes) {
  const auto pool = session.create_media_pool("Temporary");
  session.disable(pool.id);
  EXPECT_FALSE(session.object(pool.id).enabled);
  session.enable(pool.id);
  EXPECT_TRUE(session.object(pool.id).enabled);
  const auto computer = session.enumerate(ObjectType::Computer).at(0);
  EXPECT_THROW(session.disable(computer.id), InvalidParameterError);
  session.delete_object(pool.id);
  EXPECT_THROW(session.object(pool.id), ObjectNotFoundError);
  EXPECT_THROW(session.delete_object(computer.id), InvalidOperationError);
}

}  // namespace
}  // namespace openrsm
