// Row comparison of two attention maps: Jensen-Shannon divergence worked by
// hand, its bounds and symmetry, and the difference matrix.
#include "attention/divergence.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ap {
namespace {

TEST(JensenShannon, HandWorked) {
    const float same[] = {0.25f, 0.75f};
    EXPECT_DOUBLE_EQ(jensenShannon(same, same, 2), 0.0);
    const float a[] = {1.0f, 0.0f}, b[] = {0.0f, 1.0f};
    EXPECT_DOUBLE_EQ(jensenShannon(a, b, 2), 1.0);  // disjoint supports
    // p = (1, 0), q = (½, ½): m = (¾, ¼);
    // ½·1·log2(4/3) + ½·(½ log2(2/3) + ½ log2(2)) = 0.311278...
    const float h[] = {0.5f, 0.5f};
    const double expected = 0.5 * std::log2(4.0 / 3.0) + 0.25 * std::log2(2.0 / 3.0) + 0.25;
    EXPECT_NEAR(jensenShannon(a, h, 2), expected, 1e-12);
    EXPECT_NEAR(jensenShannon(h, a, 2), expected, 1e-12);  // symmetric
}

TEST(JensenShannon, CompareRows) {
    Matrix x(2, 3), y(2, 3);
    x << 0.2f, 0.3f, 0.5f, 1.0f, 0.0f, 0.0f;
    y << 0.2f, 0.3f, 0.5f, 0.0f, 0.0f, 1.0f;
    RowDifferences d;
    ASSERT_TRUE(compareRows(x, y, d));
    EXPECT_DOUBLE_EQ(d.jensenShannon[0], 0.0);
    EXPECT_DOUBLE_EQ(d.jensenShannon[1], 1.0);
    EXPECT_DOUBLE_EQ(d.maxAbsDifference[0], 0.0);
    EXPECT_DOUBLE_EQ(d.maxAbsDifference[1], 1.0);
    EXPECT_EQ(d.difference(1, 0), -1.0f);
    EXPECT_EQ(d.difference(1, 2), 1.0f);
    Matrix z(3, 3);
    EXPECT_FALSE(compareRows(x, z, d));
}

}  // namespace
}  // namespace ap
