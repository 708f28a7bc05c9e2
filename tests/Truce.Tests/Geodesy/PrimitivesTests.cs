using CsCheck;
using Truce.Geodesy;

namespace Truce.Tests.Geodesy;

public class GeoPointTests
{
    public class TheConstructor
    {
        [Theory]
        [InlineData(91, 0)]
        [InlineData(-90.0001, 0)]
        [InlineData(double.NaN, 0)]
        [InlineData(0, double.NaN)]
        [InlineData(0, double.PositiveInfinity)]
        [InlineData(0, double.NegativeInfinity)]
        public void Should_Reject_Impossible_Coordinates(double lat, double lon)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(lat, lon));
        }

        [Theory]
        [InlineData(190, -170)]
        [InlineData(-190, 170)]
        [InlineData(540, 180)]
        [InlineData(-540, -180)]
        [InlineData(360, 0)]
        [InlineData(180, 180)]
        [InlineData(-180, -180)]
        [InlineData(179.5, 179.5)]
        public void Should_Wrap_Longitude_Into_The_Range_And_Keep_Both_Spellings_Of_The_Antimeridian(double given, double expected)
        {
            Assert.Equal(expected, new GeoPoint(0, given).Longitude, 12);
        }

        [Fact]
        public void Should_Accept_The_Poles()
        {
            Assert.Equal(90, new GeoPoint(90, 0).Latitude);
            Assert.Equal(-90, new GeoPoint(-90, 0).Latitude);
        }
    }

    public class TheToStringMethod
    {
        [Fact]
        public void Should_Write_Hemispheres_And_Six_Decimals()
        {
            Assert.Equal("33.123457N 35.678900E", new GeoPoint(33.1234567, 35.6789).ToString());
            Assert.Equal("12.500000S 70.250000W", new GeoPoint(-12.5, -70.25).ToString());
            Assert.Equal("0.000000N 0.000000E", default(GeoPoint).ToString());
        }
    }
}

public class DistanceTests
{
    [Fact]
    public void Should_Convert_Miles_And_Kilometres_And_Reject_Negatives()
    {
        Assert.Equal(24140.16, Distance.FromMiles(15).Metres, 6);
        Assert.Equal(85_000, Distance.FromKilometres(85).Metres);
        Assert.Equal(1.5, Distance.FromMetres(1500).Kilometres);
        Assert.Throws<ArgumentOutOfRangeException>(() => Distance.FromKilometres(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distance.FromMetres(-1e-300));
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => Distance.FromMetres(double.NaN));
        Assert.StartsWith("a distance must be a non-negative number", nan.Message, StringComparison.Ordinal);
        Assert.Equal(0, Distance.FromMetres(0).Metres);
    }

    [Fact]
    public void Should_Print_Kilometres_With_Metre_Resolution_Or_Unbounded()
    {
        Assert.Equal("85.000 km", Distance.FromKilometres(85).ToString());
        Assert.Equal("0.432 km", Distance.FromMetres(431.6).ToString());
        Assert.Equal("unbounded", Distance.Unbounded.ToString());
    }

    [Fact]
    public void Should_Add_Subtract_At_Least_Zero_And_Compare()
    {
        var one = Distance.FromMetres(1);
        var two = Distance.FromMetres(2);
        Assert.Equal(3, (one + two).Metres);
        Assert.Equal(1, (two - one).Metres);
        Assert.Equal(0, (one - two).Metres);
        var alsoOne = Distance.FromMetres(1);
        Assert.True(one < two && two > one && one <= alsoOne && one >= alsoOne && one <= two && two >= one);
        Assert.False(two < one || one > two || two <= one || one >= two);
        Assert.False(one < alsoOne || one > alsoOne);
        Assert.True(one == Distance.FromMetres(1) && one != two);
        Assert.Equal(one, Distance.Min(one, two));
        Assert.Equal(one, Distance.Min(two, one));
        Assert.Equal(-1, one.CompareTo(two));
        Assert.Equal(1, two.CompareTo(one));
        Assert.Equal(0, one.CompareTo(Distance.FromMetres(1)));
        Assert.True(one.Equals((object)Distance.FromMetres(1)));
        Assert.False(one.Equals((object)1.0));
        Assert.Equal(Distance.FromMetres(1).GetHashCode(), one.GetHashCode());
        Assert.Equal(Distance.Zero, default);
        Assert.True(Distance.Unbounded > Distance.FromKilometres(40_000));
        Assert.False(Distance.Unbounded.IsFinite);
        Assert.True(Distance.Zero.IsFinite);
    }
}

public class BoundingBoxTests
{
    [Fact]
    public void Should_Reject_Inverted_Or_Out_Of_Range_Edges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundingBox(34, 35, 33, 36));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundingBox(33, 36, 34, 35));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundingBox(-91, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundingBox(0, -181, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundingBox(0, 0, 91, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundingBox(0, 0, 0, 181));
    }

    [Fact]
    public void Around_Should_Be_The_Smallest_Box_Holding_The_Points()
    {
        var box = BoundingBox.Around([new GeoPoint(33, 36), new GeoPoint(32, 37), new GeoPoint(34, 35.5)]);
        Assert.Equal(new BoundingBox(32, 35.5, 34, 37), box);
        Assert.Equal(new BoundingBox(-90, -180, -90, -180), BoundingBox.Around([new GeoPoint(-90, -180)]));
        Assert.Equal(new BoundingBox(90, 180, 90, 180), BoundingBox.Around([new GeoPoint(90, 180)]));
        var empty = Assert.Throws<ArgumentException>(() => BoundingBox.Around([]));
        Assert.StartsWith("a bounding box needs at least one point", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_Should_Include_The_Edges()
    {
        var box = new BoundingBox(32, 35, 34, 37);
        Assert.True(box.Contains(new GeoPoint(32, 35)));
        Assert.True(box.Contains(new GeoPoint(34, 37)));
        Assert.True(box.Contains(new GeoPoint(33, 36)));
        Assert.False(box.Contains(new GeoPoint(31.999, 36)));
        Assert.False(box.Contains(new GeoPoint(34.001, 36)));
        Assert.False(box.Contains(new GeoPoint(33, 34.999)));
        Assert.False(box.Contains(new GeoPoint(33, 37.001)));
    }

    [Fact]
    public void Intersect_And_Union_Should_Combine_Boxes()
    {
        var a = new BoundingBox(32, 35, 34, 37);
        var b = new BoundingBox(33, 36, 35, 38);
        Assert.Equal(new BoundingBox(33, 36, 34, 37), a.Intersect(b));
        Assert.Equal(new BoundingBox(32, 35, 35, 38), a.Union(b));
        Assert.Equal(new BoundingBox(34, 37, 34, 37), a.Intersect(new BoundingBox(34, 37, 36, 39)));
        Assert.Equal(new BoundingBox(32, 35, 32, 35), a.Intersect(new BoundingBox(30, 33, 32, 35)));
        Assert.Null(a.Intersect(new BoundingBox(34.1, 35, 36, 37)));
        Assert.Null(a.Intersect(new BoundingBox(30, 35, 31.9, 37)));
        Assert.Null(a.Intersect(new BoundingBox(32, 37.1, 34, 39)));
        Assert.Null(a.Intersect(new BoundingBox(32, 30, 34, 34.9)));
        Assert.Equal(new BoundingBox(-90, -180, 90, 180), BoundingBox.World);
    }

    [Fact]
    public void Expand_Should_Hold_Every_Point_Within_The_Margin_Of_The_Box()
    {
        // Soundness for pruning: walk from any point of the box, any way, up to the margin, and stay in the expanded box
        // (grown by a further millimetre, so that round-off in the walk's end cannot step over an unexpanded edge).
        // Starts are often on an edge or corner of the box, and headings often due north, east, south or west.
        var boxes = Gen.Select(Generators.Latitude, Gen.Double[0, 5], Gen.Double[-175, 170], Gen.Double[0, 5])
            .Select(t => new BoundingBox(Math.Min(t.Item1, 90 - t.Item2), t.Item3, Math.Min(t.Item1, 90 - t.Item2) + t.Item2, t.Item3 + t.Item4));
        var fraction = Gen.Frequency((2, Gen.Double[0, 1]), (1, Gen.Const(0.0)), (1, Gen.Const(1.0)));
        var heading = Gen.Frequency((2, Gen.Double[-180, 180]), (1, Gen.Int[-1, 2].Select(q => q * 90.0)));
        Gen.Select(boxes, fraction, fraction, heading, Gen.Double[0, 500_000]).Sample((box, u, v, azimuth, margin) =>
        {
            var start = new GeoPoint(box.South + (u * (box.North - box.South)), box.West + (v * (box.East - box.West)));
            var end = Geodesic.Wgs84.Direct(start, azimuth, Distance.FromMetres(margin));
            return box.Expand(Distance.FromMetres(margin + 1e-3)).Contains(end);
        });
    }

    [Fact]
    public void Expand_Should_Grow_By_About_The_Margin_And_No_More_Than_Needed()
    {
        var box = new BoundingBox(33, 35, 34, 36).Expand(Distance.FromKilometres(100));
        Assert.InRange(box.South, 33 - 0.91, 33 - 0.89);
        Assert.InRange(box.North, 34 + 0.89, 34 + 0.91);
        Assert.InRange(box.West, 35 - 1.2, 35 - 1.08);
        Assert.InRange(box.East, 36 + 1.08, 36 + 1.2);
        Assert.Equal(BoundingBox.World, box.Expand(Distance.Unbounded));

        // Near a pole, or when the margin spans half the world, every longitude is within reach.
        var polar = new BoundingBox(89.0, 10, 89.1, 20).Expand(Distance.FromKilometres(10));
        Assert.Equal((-180.0, 180.0), (polar.West, polar.East));
        var huge = new BoundingBox(0, 10, 1, 20).Expand(Distance.FromKilometres(20_000));
        Assert.Equal(new BoundingBox(-90, -180, 90, 180), huge);
        var clamped = new BoundingBox(-89.95, 170, 60, 179.9).Expand(Distance.FromKilometres(50));
        Assert.Equal(-90, clamped.South);

        // On the equator a degree of longitude is 111.32 km: walking due east 100 km from the edge stays inside.
        var equator = new BoundingBox(0, 0, 0, 0).Expand(Distance.FromKilometres(100));
        Assert.True(equator.Contains(Geodesic.Wgs84.Direct(new GeoPoint(0, 0), 90, Distance.FromKilometres(100))));
    }
}
