using CsCheck;
using Truce.Geodesy;

namespace Truce.Tests.Geodesy;

public class PolylineTests
{
    public class TheDistanceToMethod
    {
        [Fact]
        public void Should_Match_A_Brute_Force_GeographicLib_Reference_To_Better_Than_A_Millimetre()
        {
            int rows = 0;
            double worst = 0;
            foreach (var r in ReferenceData.Rows("point-to-segment.csv"))
            {
                var line = new Polyline([new GeoPoint(r[0], r[1]), new GeoPoint(r[2], r[3])]);
                double got = line.DistanceTo(new GeoPoint(r[4], r[5])).Metres;
                worst = Math.Max(worst, Math.Abs(got - r[6]));
                rows++;
            }

            Assert.Equal(120, rows);
            Assert.True(worst < 1e-3, $"worst error {worst} m");
        }

        [Fact]
        public void Should_Be_Zero_At_Every_Vertex_And_On_The_Segments()
        {
            var vertices = new[] { new GeoPoint(33.0, 35.8), new GeoPoint(33.2, 35.85), new GeoPoint(33.4, 35.7) };
            var line = new Polyline(vertices);
            foreach (var v in vertices)
            {
                Assert.True(line.DistanceTo(v).Metres < 1e-6);
            }

            var midway = Geodesic.Wgs84.Line(vertices[0], vertices[1]).Position(5000).Point;
            Assert.True(line.DistanceTo(midway).Metres < 1e-6);
        }

        [Fact]
        public void Should_Never_Exceed_The_Distance_To_The_Nearest_Vertex()
        {
            var line = new Polyline([new GeoPoint(32.7, 35.8), new GeoPoint(33.0, 35.85), new GeoPoint(33.4, 35.75), new GeoPoint(33.6, 35.9)]);
            Generators.Levant.Sample(p =>
            {
                double toLine = line.DistanceTo(p).Metres;
                double toVertex = line.Vertices.Min(v => Geodesic.Wgs84.DistanceBetween(p, v).Metres);
                return toLine <= toVertex + 1e-6;
            });
        }

        [Fact]
        public void Should_Agree_With_Dense_Sampling_Of_A_Long_Line()
        {
            // A line of 40 segments exercises the branch-and-bound pruning; sampling each segment every 20 m bounds the truth from above.
            var vertices = Enumerable.Range(0, 41).Select(i => new GeoPoint(32.5 + (i * 0.025), 35.7 + (0.1 * Math.Sin(i)))).ToArray();
            var line = new Polyline(vertices);
            var probe = new GeoPoint(33.05, 36.3);
            double exact = line.DistanceTo(probe).Metres;
            double sampled = double.PositiveInfinity;
            for (int i = 0; i + 1 < vertices.Length; i++)
            {
                var seg = Geodesic.Wgs84.Line(vertices[i], vertices[i + 1]);
                for (double s = 0; s <= seg.Length.Metres; s += 20)
                {
                    sampled = Math.Min(sampled, Geodesic.Wgs84.DistanceBetween(seg.Position(s).Point, probe).Metres);
                }
            }

            Assert.True(exact <= sampled + 1e-6, $"exact {exact} > sampled {sampled}");
            Assert.True(sampled - exact < 0.01, $"exact {exact} far below sampled {sampled}");
        }

        [Fact]
        public void IsWithin_Should_Agree_With_DistanceTo()
        {
            var line = new Polyline([new GeoPoint(32.7, 35.8), new GeoPoint(33.0, 35.85), new GeoPoint(33.4, 35.75)]);
            Gen.Select(Generators.Levant, Gen.Double[0, 300_000]).Sample((p, limit) =>
                line.IsWithin(p, Distance.FromMetres(limit)) == (line.DistanceTo(p).Metres <= limit));
        }
    }

    public class TheSideOfMethod
    {
        [Fact]
        public void Should_Put_East_On_The_Right_Of_A_Northbound_Line()
        {
            var line = new Polyline([new GeoPoint(32.7, 35.8), new GeoPoint(33.4, 35.8)]);
            Assert.Equal(1, line.SideOf(new GeoPoint(33.0, 36.2)));
            Assert.Equal(-1, line.SideOf(new GeoPoint(33.0, 35.4)));
            Assert.Equal(0, line.SideOf(new GeoPoint(33.0, 35.8)));
        }
    }
}

public class PolygonSetTests
{
    private static readonly GeoPoint[] Square =
        [new(32, 35), new(32, 37), new(34, 37), new(34, 35), new(32, 35)];

    private static readonly GeoPoint[] Hole =
        [new(32.5, 35.5), new(32.5, 36), new(33, 36), new(33, 35.5), new(32.5, 35.5)];

    [Fact]
    public void Contains_Should_Exclude_Holes_And_Include_Edges()
    {
        var area = new PolygonSet([[Square, Hole]]);
        Assert.True(area.Contains(new GeoPoint(33.5, 36.5)));
        Assert.False(area.Contains(new GeoPoint(32.75, 35.75)));
        Assert.True(area.Contains(new GeoPoint(32, 36)));
        Assert.False(area.Contains(new GeoPoint(31.9, 36)));
    }

    [Fact]
    public void DistanceToBoundary_Should_Follow_The_Straight_LonLat_Edge()
    {
        // The northern edge runs along the parallel 34N (RFC 7946 straight line), not the geodesic that bulges north of it.
        var area = new PolygonSet([[Square]]);
        var d = area.DistanceToBoundary(new GeoPoint(34, 36)).Metres;
        Assert.True(d < 0.02, $"point on the parallel edge is {d} m from the boundary");
    }

    [Fact]
    public void Polygons_Should_Keep_Each_Exterior_With_Its_Holes()
    {
        var area = new PolygonSet([[Square, Hole], [Hole]]);
        Assert.Equal([2, 1], area.Polygons.Select(p => p.Count));
        Assert.Equal(Hole, area.Polygons[0][1]);
    }

    [Fact]
    public void Should_Reject_An_Unclosed_Ring()
    {
        GeoPoint[] open = [new(32, 35), new(32, 37), new(34, 37), new(34, 35)];
        Assert.Throws<ArgumentException>(() => new PolygonSet([[open]]));
    }
}

public class DistanceAndPointTests
{
    [Theory]
    [InlineData(91, 0)]
    [InlineData(-90.0001, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.NaN)]
    [InlineData(0, double.PositiveInfinity)]
    public void GeoPoint_Should_Reject_Impossible_Coordinates(double lat, double lon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(lat, lon));
    }

    [Fact]
    public void GeoPoint_Should_Wrap_Longitude()
    {
        Assert.Equal(-170, new GeoPoint(0, 190).Longitude, 12);
    }

    [Fact]
    public void Distance_Should_Convert_Miles_And_Reject_Negatives()
    {
        Assert.Equal(24140.16, Distance.FromMiles(15).Metres, 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => Distance.FromKilometres(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distance.FromMetres(double.NaN));
        Assert.Equal("85.000 km", Distance.FromKilometres(85).ToString());
    }
}
