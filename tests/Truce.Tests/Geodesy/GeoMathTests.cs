using Truce.Geodesy;

namespace Truce.Tests.Geodesy;

/// <summary>The exact-angle helpers Karney's algorithms rely on; expected values are exact by construction or, where
/// noted, GeographicLib JS 2.2.0's Math functions on the same input.</summary>
public class GeoMathTests
{
    private static void AssertSame(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what}: expected {expected:R}, got {actual:R}");

    public class TheSinCosdMethod
    {
        [Theory]
        [InlineData(0, 0, 1)]
        [InlineData(90, 1, 0)]
        [InlineData(180, 0, -1)]
        [InlineData(270, -1, 0)]
        [InlineData(-90, -1, 0)]
        [InlineData(360, 0, 1)]
        [InlineData(450, 1, 0)]
        [InlineData(-180, -0.0, -1)]
        public void Should_Be_Exact_At_Right_Angles(double degrees, double sin, double cos)
        {
            var (s, c) = GeoMath.SinCosd(degrees);
            AssertSame(sin, s, "sin");
            AssertSame(cos, c, "cos");
        }

        [Fact]
        public void Should_Be_Exact_At_Thirty_And_Forty_Five_Degrees_In_Every_Quadrant()
        {
            double h = Math.Sqrt(0.5), t = Math.Sqrt(0.75);
            foreach (var (deg, sin, cos) in new[]
            {
                (30.0, 0.5, t), (150.0, 0.5, -t), (-30.0, -0.5, t), (390.0, 0.5, t), (60.0, t, 0.5), (-120.0, -t, -0.5),
                (45.0, h, h), (135.0, h, -h), (-45.0, -h, h), (225.0, -h, -h), (-315.0, h, h),
            })
            {
                var (s, c) = GeoMath.SinCosd(deg);
                AssertSame(sin, s, $"sin {deg}");
                AssertSame(cos, c, $"cos {deg}");
            }
        }

        [Fact]
        public void Should_Keep_The_Sign_Of_Zero_And_Give_A_Positive_Zero_Cosine()
        {
            // As GeographicLib JS 2.2.0 Math.sincosd: sin(-0°) is -0, and cos(±90°) is +0.
            AssertSame(-0.0, GeoMath.SinCosd(-0.0).Sin, "sin -0");
            AssertSame(0.0, GeoMath.SinCosd(0.0).Sin, "sin +0");
            AssertSame(0.0, GeoMath.SinCosd(-90).Cos, "cos -90");
            AssertSame(0.0, GeoMath.SinCosd(90).Cos, "cos 90");
        }

        [Fact]
        public void Should_Agree_With_Math_Sin_And_Cos_Elsewhere()
        {
            for (double deg = -720; deg <= 720; deg += 7.3)
            {
                var (s, c) = GeoMath.SinCosd(deg);
                Assert.True(Math.Abs(double.SinPi(deg / 180) - s) < 1e-15, $"sin {deg}: {s:R}");
                Assert.True(Math.Abs(double.CosPi(deg / 180) - c) < 1e-15, $"cos {deg}: {c:R}");
            }
        }

        [Fact]
        public void Should_Add_A_Small_Correction_Before_Reducing_And_Round_Tiny_Angles()
        {
            // sincosde(x, t) is sin and cos of x + t, with the sum rounded like AngRound: 29 + 1 is exactly 30.
            var (s, c) = GeoMath.SinCosde(29, 1);
            AssertSame(0.5, s, "sin");
            AssertSame(Math.Sqrt(0.75), c, "cos");
            var (s2, c2) = GeoMath.SinCosde(89, 1);
            AssertSame(1, s2, "sin 90");
            AssertSame(0, c2, "cos 90");

            // Rounded: 1e-20 degrees reads as 0, with the sign kept.
            AssertSame(0, GeoMath.SinCosde(0, 1e-20).Sin, "sin of a tiny positive angle");
            AssertSame(-0.0, GeoMath.SinCosde(0, -1e-20).Sin, "sin of a tiny negative angle");
            Assert.NotEqual(0, GeoMath.SinCosd(1e-20).Sin);
        }
    }

    public class TheAtan2dMethod
    {
        [Theory]
        [InlineData(0, 1, 0)]
        [InlineData(1, 1, 45)]
        [InlineData(1, 0, 90)]
        [InlineData(1, -1, 135)]
        [InlineData(0, -1, 180)]
        [InlineData(-0.0, -1, -180)]
        [InlineData(-1, -1, -135)]
        [InlineData(-1, 0, -90)]
        [InlineData(-1, 1, -45)]
        [InlineData(2, 1, 63.43494882292201)]
        [InlineData(-2, -1, -116.56505117707799)]
        [InlineData(1, -2, 153.43494882292202)]
        public void Should_Return_Degrees_In_The_Right_Quadrant(double y, double x, double expected)
        {
            Assert.Equal(expected, GeoMath.Atan2d(y, x), 12);
            Assert.Equal(Math.Sign(expected), Math.Sign(GeoMath.Atan2d(y, x)));
        }
    }

    public class TheAngDiffMethod
    {
        [Theory]
        // Expected d and e from GeographicLib JS 2.2.0 Math.AngDiff.
        [InlineData(1.0, 2.5, 1.5, 0.0)]
        [InlineData(179.0, -179.0, 2.0, 0.0)]
        [InlineData(-179.0, 179.0, -2.0, 0.0)]
        [InlineData(0.0, 180.0, 180.0, 0.0)]
        [InlineData(0.0, -180.0, -180.0, 0.0)]
        [InlineData(180.0, -180.0, -0.0, 0.0)]
        [InlineData(-180.0, 180.0, 0.0, 0.0)]
        [InlineData(0.1, 180.2, -179.9, -5.689893001203927e-15)]
        [InlineData(1e-15, -179.99999999999997, -179.99999999999997, -1e-15)]
        [InlineData(370.0, -350.0, -0.0, 0.0)]
        [InlineData(5.0, 5.0, 0.0, 0.0)]
        [InlineData(-0.0, 0.0, 0.0, 0.0)]
        [InlineData(100.00000000000001, -80.0, 180.0, -1.4210854715202004e-14)]
        public void Should_Give_The_Exact_Difference_And_Its_Rounding_Error(double x, double y, double d, double e)
        {
            var r = GeoMath.AngDiff(x, y);
            AssertSame(d, r.D, "d");
            AssertSame(e, r.E, "e");
        }
    }

    public class TheAngleReductionMethods
    {
        [Theory]
        // Expected values from GeographicLib JS 2.2.0 Math.AngNormalize.
        [InlineData(190.0, -170.0)]
        [InlineData(-190.0, 170.0)]
        [InlineData(540.0, 180.0)]
        [InlineData(-540.0, -180.0)]
        [InlineData(180.0, 180.0)]
        [InlineData(-180.0, -180.0)]
        [InlineData(360.0, 0.0)]
        [InlineData(-360.0, -0.0)]
        [InlineData(-0.0, -0.0)]
        [InlineData(1e-300, 1e-300)]
        public void AngNormalize_Should_Reduce_To_The_Range_Keeping_The_Side_Of_180(double x, double expected)
        {
            AssertSame(expected, GeoMath.AngNormalize(x), $"AngNormalize({x})");
        }

        [Theory]
        // Expected values from GeographicLib JS 2.2.0 Math.AngRound: angles under 1/16° keep only 57 bits after the point.
        [InlineData(1e-20, 0.0)]
        [InlineData(-1e-20, -0.0)]
        [InlineData(0.06, 0.06)]
        [InlineData(0.0625, 0.0625)]
        [InlineData(-0.0624, -0.0624)]
        [InlineData(-0.0, -0.0)]
        [InlineData(1e-17, 6.938893903907228e-18)]
        public void AngRound_Should_Coarsen_Only_Tiny_Angles(double x, double expected)
        {
            AssertSame(expected, GeoMath.AngRound(x), $"AngRound({x})");
        }

        [Fact]
        public void LatFix_Should_Reject_Latitudes_Beyond_The_Poles()
        {
            Assert.True(double.IsNaN(GeoMath.LatFix(90.0000001)));
            Assert.True(double.IsNaN(GeoMath.LatFix(-91)));
            Assert.Equal(90, GeoMath.LatFix(90));
            Assert.Equal(-90, GeoMath.LatFix(-90));
        }

        [Fact]
        public void Sum_Should_Return_The_Rounded_Sum_And_Its_Exact_Error()
        {
            var (s, t) = GeoMath.Sum(1, 1e-20);
            Assert.Equal(1, s);
            Assert.Equal(1e-20, t);
            var (s2, t2) = GeoMath.Sum(0.1, 0.2);
            Assert.Equal(0.30000000000000004, s2);
            Assert.Equal(-2.7755575615628914e-17, t2);
            AssertSame(0.0, GeoMath.Sum(-0.0, 0.0).T, "error of a zero sum");
        }
    }
}
