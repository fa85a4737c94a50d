// Object ids: parsing, formatting, comparison and hashing.

#include <gtest/gtest.h>

#include <sstream>
#include <unordered_set>

#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

TEST(ObjectId, ParsesWithTheCoreRulesAndFormatsHyphenated) {
  const auto id = ObjectId::parse("{6F1C0A52-8C2E-4D5B-9B0E-3A2F4C1D7E80}");
  EXPECT_EQ(id.to_string(), "6f1c0a52-8c2e-4d5b-9b0e-3a2f4c1d7e80");
  EXPECT_EQ(ObjectId::parse("6f1c0a528c2e4d5b9b0e3a2f4c1d7e80"), id);
  EXPECT_EQ(id.bytes()[0], 0x6f);
  EXPECT_EQ(id.bytes()[15], 0x80);
  std::ostringstream out;
  out << id;
  EXPECT_EQ(out.str(), id.to_string());
  EXPECT_THROW(ObjectId::parse("not-a-guid"), InvalidParameterError);
}

TEST(ObjectId, DefaultIsNilAndGeneratedAreDistinct) {
  EXPECT_TRUE(ObjectId().is_nil());
  EXPECT_EQ(ObjectId().to_string(), "00000000-0000-0000-0000-000000000000");
  std::unordered_set<ObjectId> ids;
  for (int i = 0; i < 100; ++i) {
    const auto id = ObjectId::generate();
    EXPECT_FALSE(id.is_nil());
    EXPECT_EQ(ObjectId::parse(id.to_string()), id);
    EXPECT_TRUE(ids.insert(id).second);
  }
}

TEST(ObjectId, OrdersByBytes) {
  ObjectId::Bytes low{};
  ObjectId::Bytes high{};
  high[0] = 1;
  EXPECT_LT(ObjectId(low), ObjectId(high));
  EXPECT_NE(ObjectId(low), ObjectId(high));
  EXPECT_FALSE(ObjectId(high) < ObjectId(low));
}

}  // namespace
}  // namespace openrsm
