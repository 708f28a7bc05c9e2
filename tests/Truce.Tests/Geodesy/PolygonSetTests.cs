using CsCheck;
using Truce.Geodesy;

namespace Truce.Tests.Geodesy;

public class PolygonSetTests
{
    // Boundaries are measured to the RFC 7946 straight lon/lat edges through geodesic pieces short enough to stay
    // within 2 cm of the edge (GeoJsonLines.Densify); the reference is exact to well under a millimetre.
    private static double BoundaryTolerance(GeoPoint p) => p.Latitude > 90 ? double.NaN : 0.021;

    private const double ThresholdMargin = 1e-3;

    private static readonly GeoPoint[] Square =
        [new(32, 35), new(32, 37), new(34, 37), new(34, 35), new(32, 35)];

    private static readonly GeoPoint[] Hole =
        [new(32.5, 35.5), new(32.5, 36), new(33, 36), new(33, 35.5), new(32.5, 35.5)];

    public class TheContainsMethod
    {
        [Fact]
        public void Should_Agree_With_The_Reference_Even_Odd_Test_On_Every_Probe()
        {
            var areas = ReferenceShapes.Areas();
            var failures = new List<string>();
            foreach (var probe in ReferenceShapes.AreaProbes.Where(p => p.Inside >= 0))
            {
                bool got = areas[probe.Area].Contains(probe.Point);
                if (got != (probe.Inside == 1))
                {
                    failures.Add($"{probe}: Contains says {got}");
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.Contains(ReferenceShapes.AreaProbes, p => p.Kind == "hole" && p.Inside == 0);
            Assert.Contains(ReferenceShapes.AreaProbes, p => p.Kind == "on-edge" && p.Inside == 1);
        }

        [Fact]
        public void Should_Exclude_Holes_And_Include_Edges()
        {
            var area = new PolygonSet([[Square, Hole]]);
            Assert.True(area.Contains(new GeoPoint(33.5, 36.5)));
            Assert.False(area.Contains(new GeoPoint(32.75, 35.75)));
            Assert.True(area.Contains(new GeoPoint(32, 36)));
            Assert.False(area.Contains(new GeoPoint(31.9, 36)));

            // The hole's own edge is the area's boundary, so it belongs to the area.
            Assert.True(area.Contains(new GeoPoint(32.5, 35.75)));
            Assert.True(area.Contains(new GeoPoint(33, 36)));
        }

        [Fact]
        public void Should_Contain_A_Point_In_Any_Part_Of_A_MultiPolygon()
        {
            GeoPoint[] east = [new(32, 40), new(32, 41), new(33, 41), new(33, 40), new(32, 40)];
            var area = new PolygonSet([[Square, Hole], [east]]);
            Assert.True(area.Contains(new GeoPoint(32.5, 40.5)));
            Assert.True(area.Contains(new GeoPoint(33.5, 35.2)));
            Assert.False(area.Contains(new GeoPoint(32.5, 38.5)));
            Assert.False(area.Contains(new GeoPoint(32.75, 35.75)));

            // A hole given twice is still a hole.
            var twice = new PolygonSet([[Square, Hole, Hole]]);
            Assert.False(twice.Contains(new GeoPoint(32.75, 35.75)));
            Assert.True(twice.Contains(new GeoPoint(33.5, 36.5)));

            // A hole of one part does not cut another part that overlaps it.
            var overlapping = new PolygonSet([[Square, Hole], [Hole]]);
            Assert.True(overlapping.Contains(new GeoPoint(32.75, 35.75)));
        }

        [Fact]
        public void Should_Treat_Edges_As_Straight_In_Longitude_And_Latitude()
        {
            // The long northern edge runs along the parallel 55°N (RFC 7946). The geodesic between its corners bulges
            // some 300 km north of it, so a point 10 km north of the parallel is outside, and 10 km south is inside.
            var area = new PolygonSet([[[new(40, -10), new(40, 30), new(55, 30), new(55, -10), new(40, -10)]]]);
            Assert.False(area.Contains(new GeoPoint(55.09, 10)));
            Assert.True(area.Contains(new GeoPoint(54.91, 10)));
        }

        [Fact]
        public void Should_Be_Inside_Exactly_When_The_Boundary_Distance_Says_So_Off_The_Edges()
        {
            // Every point of the square's box is either inside (distance to the boundary is then up to 111 km) or
            // outside; a point more than a metre inside stays inside when moved by less than its boundary distance.
            var area = new PolygonSet([[Square, Hole]]);
            Gen.Select(Gen.Double[32, 34], Gen.Double[35, 37], Gen.Double[0, 360], Gen.Double[0, 0.99]).Sample((lat, lon, azimuth, fraction) =>
            {
                var p = new GeoPoint(lat, lon);
                double d = area.DistanceToBoundary(p).Metres;
                var q = Geodesic.Wgs84.Direct(p, azimuth, Distance.FromMetres(Math.Max(0, (d * fraction) - 1)));
                return d < 1 || area.Contains(p) == area.Contains(q);
            });
        }
    }

    public class TheDistanceToBoundaryMethod
    {
        [Fact]
        public void Should_Match_GeographicLib_Brute_Force_Along_The_Straight_Edges()
        {
            var areas = ReferenceShapes.Areas();
            var failures = new List<string>();
            double worst = 0;
            foreach (var probe in ReferenceShapes.AreaProbes)
            {
                double got = areas[probe.Area].DistanceToBoundary(probe.Point).Metres;
                double error = Math.Abs(got - probe.BoundaryMetres);
                worst = Math.Max(worst, error);
                if (!(error <= BoundaryTolerance(probe.Point)))
                {
                    failures.Add($"{probe}: got {got} m (tolerance {BoundaryTolerance(probe.Point)} m)");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {ReferenceShapes.AreaProbes.Count} probes out of tolerance (worst {worst} m):\n" + string.Join("\n", failures.Take(20)));
        }

        [Fact]
        public void Should_Follow_The_Straight_LonLat_Edge()
        {
            // The northern edge runs along the parallel 34N (RFC 7946 straight line), not the geodesic that bulges north of it.
            var area = new PolygonSet([[Square]]);
            var d = area.DistanceToBoundary(new GeoPoint(34, 36)).Metres;
            Assert.True(d < 0.02, $"point on the parallel edge is {d} m from the boundary");
        }

        [Fact]
        public void Should_Measure_To_The_Nearest_Ring_Including_Holes()
        {
            var area = new PolygonSet([[Square, Hole]]);
            var outer = new PolygonSet([[Square]]);
            var inner = new PolygonSet([[Hole]]);

            // From the hole's centre the hole is nearer than the outer ring; from a corner of the square, the outer ring is.
            foreach (var p in new[] { new GeoPoint(32.75, 35.75), new GeoPoint(33.9, 36.9), new GeoPoint(31, 38) })
            {
                double expected = Math.Min(outer.DistanceToBoundary(p).Metres, inner.DistanceToBoundary(p).Metres);
                Assert.Equal(expected, area.DistanceToBoundary(p).Metres, 9);
            }

            Assert.True(inner.DistanceToBoundary(new GeoPoint(32.75, 35.75)) < outer.DistanceToBoundary(new GeoPoint(32.75, 35.75)));
        }
    }

    public class TheIsBoundaryWithinMethod
    {
        [Fact]
        public void Should_Agree_With_The_GeographicLib_Oracle_Either_Side_Of_The_Distance()
        {
            var areas = ReferenceShapes.Areas();
            var failures = new List<string>();
            foreach (var probe in ReferenceShapes.AreaProbes)
            {
                var area = areas[probe.Area];
                double margin = BoundaryTolerance(probe.Point) + ThresholdMargin;
                if (!area.IsBoundaryWithin(probe.Point, Distance.FromMetres(probe.BoundaryMetres + margin)))
                {
                    failures.Add($"{probe}: boundary not within {probe.BoundaryMetres + margin} m");
                }

                if (probe.BoundaryMetres > margin && area.IsBoundaryWithin(probe.Point, Distance.FromMetres(probe.BoundaryMetres - margin)))
                {
                    failures.Add($"{probe}: boundary within {probe.BoundaryMetres - margin} m");
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        }
    }

    public class TheConstructor
    {
        [Fact]
        public void Should_Keep_Each_Exterior_With_Its_Holes()
        {
            var area = new PolygonSet([[Square, Hole], [Hole]]);
            Assert.Equal(2, area.PolygonCount);
            Assert.Equal([2, 1], area.Polygons.Select(p => p.Count));
            Assert.Equal(Hole, area.Polygons[0][1]);
            Assert.Equal(new IReadOnlyList<GeoPoint>[] { Square, Hole, Hole }, area.Rings);
            Assert.Equal(new BoundingBox(32, 35, 34, 37), area.Bounds);
        }

        [Fact]
        public void Should_Reject_An_Unclosed_Ring()
        {
            GeoPoint[] open = [new(32, 35), new(32, 37), new(34, 37), new(34, 35)];
            Assert.Throws<ArgumentException>(() => new PolygonSet([[open]]));
        }

        [Fact]
        public void Should_Reject_Rings_Of_Fewer_Than_Four_Positions_Polygons_Without_Rings_And_Empty_Sets()
        {
            GeoPoint[] triangleWithoutClosure = [new(32, 35), new(32, 37), new(32, 35)];
            var tooShort = Assert.Throws<ArgumentException>(() => new PolygonSet([[Square, triangleWithoutClosure]]));
            Assert.StartsWith("polygon 0 ring 1 must be closed with at least four positions", tooShort.Message, StringComparison.Ordinal);
            var noRings = Assert.Throws<ArgumentException>(() => new PolygonSet([[Square], []]));
            Assert.StartsWith("polygon 1 has no rings", noRings.Message, StringComparison.Ordinal);
            var nothing = Assert.Throws<ArgumentException>(() => new PolygonSet([]));
            Assert.StartsWith("an area needs at least one polygon", nothing.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentNullException>(() => new PolygonSet(null!));
        }
    }
}

public class GeoJsonLinesTests
{
    public class TheDensifyMethod
    {
        [Fact]
        public void Should_Split_Long_Edges_Evenly_Along_The_Straight_LonLat_Line_And_Keep_The_Vertices()
        {
            GeoPoint a = new(33, 35), b = new(33, 35.1), c = new(33.001, 35.1);
            var dense = GeoJsonLines.Densify([a, b, c], GeoJsonLines.MaxEdge);

            // 9.34 km from a to b: 10 pieces of 934 m, so 9 points between; the 111 m edge b–c is left alone.
            Assert.Equal(12, dense.Count);
            Assert.Equal(a, dense[0]);
            Assert.Equal(b, dense[10]);
            Assert.Equal(c, dense[11]);
            for (int k = 1; k < 10; k++)
            {
                Assert.Equal(33, dense[k].Latitude, 12);
                Assert.Equal(35 + (k / 100.0), dense[k].Longitude, 12);
            }
        }

        [Fact]
        public void Should_Shorten_Pieces_Near_A_Pole_And_Not_Along_A_Meridian()
        {
            // 1 km chords along the parallel 60°N would sag 3.4 cm; the pieces are cut to keep within 2 cm.
            var parallel = GeoJsonLines.Densify([new GeoPoint(60, 0), new GeoPoint(60, 1)], GeoJsonLines.MaxEdge);
            double longest = parallel.Zip(parallel.Skip(1)).Max(s => Geodesic.Wgs84.DistanceBetween(s.First, s.Second).Metres);
            Assert.InRange(longest, 700, 770);

            // A meridian is itself a geodesic: 1 km pieces, even next to the pole.
            var meridian = GeoJsonLines.Densify([new GeoPoint(89, 10), new GeoPoint(90, 10)], GeoJsonLines.MaxEdge);
            Assert.Equal(113, meridian.Count);

            // An "edge" along the pole itself has no length at all.
            Assert.Equal(2, GeoJsonLines.Densify([new GeoPoint(90, -10), new GeoPoint(90, 10)], GeoJsonLines.MaxEdge).Count);
        }

        // Edges anywhere but across the antimeridian (RFC 7946 edges do not cross it), often at or near a pole.
        private static readonly Gen<(GeoPoint A, GeoPoint B)> Edges =
            Gen.Select(Generators.Latitude, Gen.Double[-180, 180], Gen.Double[-3, 3], Gen.Double[-40, 40], (lat, lon, dLat, dLon) =>
                (new GeoPoint(lat, lon), new GeoPoint(Math.Clamp(lat + dLat, -90, 90), Math.Clamp(lon + dLon, -180, 180))));

        [Fact]
        public void Should_Leave_No_Piece_Longer_Than_The_Spacing()
        {
            // The straight lon/lat edge is longer than the geodesic between its ends; pieces are measured on the ground.
            Gen.Select(Edges, Gen.Double[5_000, 50_000]).Sample((edge, spacing) =>
            {
                var dense = GeoJsonLines.Densify([edge.A, edge.B], Distance.FromMetres(spacing));
                return dense[0] == edge.A && dense[^1] == edge.B
                    && dense.Zip(dense.Skip(1)).All(s => Geodesic.Wgs84.DistanceBetween(s.First, s.Second).Metres <= spacing * (1 + 1e-9))
                    && dense.Count >= 1 + (Geodesic.Wgs84.DistanceBetween(edge.A, edge.B).Metres / spacing);
            });
        }

        [Fact]
        public void Should_Measure_Pieces_Along_The_Edge_Not_Between_Its_Ends()
        {
            // Below 45° 1 km pieces sag less than 2 cm, so the spacing alone limits them; a straight lon/lat edge
            // along a parallel is longer than the geodesic between its ends, and every piece must still fit.
            var edges = Gen.Select(Gen.Double[-44, 44], Gen.Double[-180, 170], Gen.Double[-0.5, 0.5], Gen.Double[0.5, 8], (lat, lon, dLat, dLon) =>
                (new GeoPoint(lat, lon), new GeoPoint(lat + dLat, lon + dLon)));
            Gen.Select(edges, Gen.Double[300, 1000]).Sample((edge, spacing) =>
            {
                var dense = GeoJsonLines.Densify([edge.Item1, edge.Item2], Distance.FromMetres(spacing));
                return dense.Zip(dense.Skip(1)).All(s => Geodesic.Wgs84.DistanceBetween(s.First, s.Second).Metres <= spacing * (1 + 1e-9));
            }, iter: 40);

            // 40° of the parallel 40°N: about 25 km longer than the geodesic between its ends.
            var parallel = GeoJsonLines.Densify([new GeoPoint(40, -10), new GeoPoint(40, 30)], GeoJsonLines.MaxEdge);
            Assert.True(parallel.Zip(parallel.Skip(1)).All(s => Geodesic.Wgs84.DistanceBetween(s.First, s.Second).Metres <= 1000));
        }

        [Theory]
        [InlineData(60, 0, 59, -2)] // slope² equals cos²φ at the poleward end (both exactly 1/4)
        [InlineData(55, -10, 55, 30)] // along a parallel: 1 km chords would sag 2.8 cm
        [InlineData(89.6, 150, 89.6, -150)]
        [InlineData(-80, 10, -79, 12)]
        public void Should_Keep_Pieces_Of_These_Edges_Within_Two_Centimetres(double lat1, double lon1, double lat2, double lon2)
        {
            var dense = GeoJsonLines.Densify([new GeoPoint(lat1, lon1), new GeoPoint(lat2, lon2)], GeoJsonLines.MaxEdge);
            Assert.All(dense.Zip(dense.Skip(1)), s =>
            {
                var edgeMiddle = new GeoPoint((s.First.Latitude + s.Second.Latitude) / 2, (s.First.Longitude + s.Second.Longitude) / 2);
                Assert.InRange(new Polyline([s.First, s.Second]).DistanceTo(edgeMiddle).Metres, 0, 0.021);
            });
        }

        [Fact]
        public void Should_Keep_Every_Piece_Within_Two_Centimetres_Of_The_Straight_Edge()
        {
            // The middle of each piece of the straight lon/lat edge is measured from the geodesic chord standing for it.
            Edges.Sample(edge =>
            {
                var dense = GeoJsonLines.Densify([edge.A, edge.B], GeoJsonLines.MaxEdge);
                return dense.Zip(dense.Skip(1)).All(s =>
                {
                    var edgeMiddle = new GeoPoint((s.First.Latitude + s.Second.Latitude) / 2, (s.First.Longitude + s.Second.Longitude) / 2);
                    return s.First == s.Second || new Polyline([s.First, s.Second]).DistanceTo(edgeMiddle).Metres <= 0.021;
                });
            }, iter: 40);
        }

        [Fact]
        public void Should_Reject_A_Spacing_That_Is_Not_A_Positive_Finite_Distance()
        {
            GeoPoint[] points = [new(33, 35), new(33, 36)];
            var zero = Assert.Throws<ArgumentOutOfRangeException>(() => GeoJsonLines.Densify(points, Distance.Zero));
            Assert.StartsWith("the densification spacing must be a positive finite distance", zero.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => GeoJsonLines.Densify(points, Distance.Unbounded));
            Assert.Throws<ArgumentNullException>(() => GeoJsonLines.Densify(null!, Distance.FromKilometres(1)));
        }
    }
}
