// The RSM enumerations: every C++ table matches the core's, value for value and name for name.

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "bridge.hpp"
#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

std::vector<std::pair<std::uint32_t, std::string>> core_entries(std::string_view type_name) {
  std::vector<std::pair<std::uint32_t, std::string>> out;
  for (const auto& e : detail::call([&] { return ffi::enum_entries(detail::str(type_name)); })) {
    out.emplace_back(e.value, detail::to_string(e.name));
  }
  return out;
}

template <class E>
void expect_matches_core() {
  SCOPED_TRACE(std::string(EnumTraits<E>::type_name));
  std::vector<std::pair<std::uint32_t, std::string>> cpp;
  for (E e : values<E>()) {
    cpp.emplace_back(value(e), std::string(name(e)));
  }
  EXPECT_EQ(cpp, core_entries(EnumTraits<E>::type_name));
  for (E e : values<E>()) {
    EXPECT_EQ(from_value<E>(value(e)), e);
    EXPECT_EQ(parse<E>(name(e)), e);
    EXPECT_EQ(parse<E>(std::to_string(value(e))), e);
  }
}

template <class... E>
void expect_all_match_core() {
  (expect_matches_core<E>(), ...);
}

TEST(Enums, EveryTableMatchesTheCore) {
  expect_all_match_core<ObjectType, OperationalState, LibraryType, InventoryMethod, DriveState, SlotState, DoorState,
                        PortContent, PortPosition, ReadWrite, BarcodeState, MediaState, PartitionState, PoolKind,
                        LibRequestOperation, LibRequestState, OpRequestKind, OpRequestState, Operation,
                        LocationKind>();
}

TEST(Enums, TheBindingsOwnTablesMatchTheCoreTypes) {
  // Numbered by the binding; the Rust side matches the core's types exhaustively.
  expect_all_match_core<EjectMode, FaultKind, ElementType, DetectionTargetKind, DeviceKind, MediaPresence,
                        DeviceEventKind>();
  EXPECT_EQ(parse<DeviceKind>("optical-drive"), DeviceKind::OpticalDrive);
  EXPECT_THROW(parse<EjectMode>("later"), InvalidParameterError);
  std::ostringstream text;
  text << FaultKind::DoorLeftOpen << ' ' << ElementType::ImportExport;
  EXPECT_EQ(text.str(), "DOOR_LEFT_OPEN IMPORT_EXPORT");
}

TEST(Enums, KeepRsmNumbers) {
  EXPECT_EQ(value(ObjectType::PhysicalMedia), 15u);
  EXPECT_EQ(static_cast<std::uint32_t>(ObjectType::OpRequest), 17u);
  EXPECT_EQ(value(PoolKind::Application), 1000u);
  EXPECT_EQ(value(DriveState::Dismountable), 7u);
  static_assert(value(Operation::EventComplete) == 5u);
  static_assert(name(ObjectType::MediaPool) == "MEDIA_POOL");
  static_assert(values<ObjectType>().size() == 19);
}

TEST(Enums, RangeForVisitsEachValueOnce) {
  std::set<ObjectType> seen;
  for (auto type : values<ObjectType>()) {
    EXPECT_TRUE(seen.insert(type).second);
  }
  EXPECT_EQ(seen.size(), values<ObjectType>().size());
  EXPECT_EQ(*values<ObjectType>().begin(), ObjectType::Unknown);
}

TEST(Enums, ParseFollowsTheCoreRules) {
  EXPECT_EQ(parse<ObjectType>("physical-media"), ObjectType::PhysicalMedia);
  EXPECT_EQ(parse<ObjectType>(" Media_Pool "), ObjectType::MediaPool);
  EXPECT_EQ(parse<PoolKind>("1000"), PoolKind::Application);
  try {
    parse<ObjectType>("tape");
    FAIL() << "parsed";
  } catch (const InvalidParameterError& e) {
    EXPECT_NE(e.message().find("PHYSICAL_MEDIA"), std::string_view::npos) << e.what();
  }
}

TEST(Enums, UnknownNumbersHaveNoNameAndPrintAsNumbers) {
  EXPECT_EQ(from_value<ObjectType>(999), std::nullopt);
  const auto odd = static_cast<ObjectType>(999);
  EXPECT_TRUE(name(odd).empty());
  std::ostringstream out;
  out << ObjectType::LogicalMedia << ' ' << odd;
  EXPECT_EQ(out.str(), "LOGICAL_MEDIA 999");
}

}  // namespace
}  // namespace openrsm
