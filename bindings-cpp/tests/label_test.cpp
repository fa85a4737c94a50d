// Media label libraries.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

TEST(Labels, SampleLabelsAreClaimedByTheirOwnLibrary) {
  const auto types = label::sample_label_types();
  ASSERT_FALSE(types.empty());
  for (const auto& type : types) {
    SCOPED_TRACE(type);
    const auto image = label::sample_label(type, "VOL001");
    const auto verdict = label::classify(image);
    ASSERT_EQ(verdict.kind, label::Verdict::Claimed);
    ASSERT_TRUE(verdict.omid.has_value());
    EXPECT_EQ(verdict.omid->label_type, type);
    EXPECT_EQ(verdict.omid->label_id, "VOL001");
  }
}

TEST(Labels, BlankAndUnrecognizedMedia) {
  const auto zeros = std::vector<std::uint8_t>(label::max_label_size(), 0);
  EXPECT_EQ(label::classify(zeros).kind, label::Verdict::Blank);
  EXPECT_EQ(label::classify(nullptr, 0).kind, label::Verdict::Blank);
  const std::string text = "just some text";
  const auto verdict = label::classify(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  EXPECT_EQ(verdict.kind, label::Verdict::Unrecognized);
  EXPECT_FALSE(verdict.omid.has_value());
}

TEST(Labels, LibrariesAndLimits) {
  EXPECT_GE(label::max_label_size(), 32768u + 2048u);
  const auto names = label::builtin_library_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "LTFS"), names.end());
  EXPECT_THROW(label::sample_label("NOPE", "x"), InvalidParameterError);
  EXPECT_THROW(label::sample_label("VOL1", "TOO-LONG-SERIAL"), InvalidParameterError);
}

}  // namespace
}  // namespace openrsm
