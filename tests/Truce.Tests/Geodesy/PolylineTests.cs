using CsCheck;
using Truce.Geodesy;

namespace Truce.Tests.Geodesy;

public class PolylineTests
{
    // The reference distances are minimised over GeographicLib samples refined to 1e-7 m along each segment;
    // the Newton foot-point search stops when its step is under 10 µm. 1 mm is a thousandth of the 1 m requirement.
    private const double ReferenceTolerance = 1e-3;

    // For thresholds: a limit this far beyond the oracle's distance must be met, this far short of it must not.
    private const double ThresholdMargin = 1e-3;

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
        public void Should_Match_GeographicLib_Brute_Force_On_Multi_Segment_Lines_Within_A_Millimetre()
        {
            var lines = ReferenceShapes.Lines();
            var failures = new List<string>();
            double worst = 0;
            foreach (var probe in ReferenceShapes.LineProbes)
            {
                double got = lines[probe.Line].DistanceTo(probe.Point).Metres;
                double error = Math.Abs(got - probe.Metres);
                worst = Math.Max(worst, error);
                if (!(error <= ReferenceTolerance))
                {
                    failures.Add($"{probe}: got {got} m");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {ReferenceShapes.LineProbes.Count} probes off by more than {ReferenceTolerance} m (worst {worst} m):\n" + string.Join("\n", failures.Take(20)));
        }

        [Fact]
        public void Should_Cover_Long_Lines_Poles_And_The_Antimeridian_In_Its_Reference_Data()
        {
            // Guards the reference data itself: the cases the pruning and the foot-point search can get wrong must be there.
            var segments = ReferenceShapes.Vertices.Select(v => v.Length - 1).ToArray();
            Assert.Contains(segments, n => n == 17);
            Assert.Contains(segments, n => n == 200);
            Assert.All(segments, n => Assert.InRange(n, 17, 200));
            Assert.Contains(ReferenceShapes.Vertices.SelectMany(v => v), p => p.Latitude == 90);
            Assert.Contains(ReferenceShapes.Vertices.SelectMany(v => v), p => p.Longitude == 180);
            Assert.Contains(ReferenceShapes.Vertices.SelectMany(v => v), p => p.Longitude == -180);
            Assert.Contains(ReferenceShapes.Lines(), l => l.Vertices.Zip(l.Vertices.Skip(1)).Any(s => Geodesic.Wgs84.DistanceBetween(s.First, s.Second).Kilometres > 2000));
            var kinds = ReferenceShapes.LineProbes.Select(p => p.Kind).ToHashSet();
            Assert.Superset(new HashSet<string> { "vertex", "on-segment", "near", "far-chunk", "beyond-end", "random", "pole", "antimeridian", "antipodal" }, kinds);
        }

        [Fact]
        public void Should_Find_The_Far_End_Of_A_Long_Segment_When_The_Distance_Peaks_Inside_It()
        {
            // Along the equator from 0° to 170°, seen from 100°W: 100° to the start, rising to 180° at 80°E, and
            // falling to 90° at the end. The answer is the end, a quarter of the equator away: a·π/2.
            var line = new Polyline([new GeoPoint(0, 0), new GeoPoint(0, 170)]);
            var nearest = line.Nearest(new GeoPoint(0, -100));
            Assert.Equal(6_378_137 * Math.PI / 2, nearest.Distance.Metres, 5);
            Assert.Equal(new GeoPoint(0, 170), nearest.Foot);
            Assert.Equal(line.Length.Metres, nearest.Along);
            Assert.Equal(90, nearest.AzimuthToPoint, 9);
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
        public void Should_Agree_With_An_In_Test_Dense_Sampling_Oracle_On_Random_Lines_Of_17_To_200_Segments()
        {
            // The oracle visits every segment (no pruning); CsCheck shrinks any disagreement to a small line.
            Generators.LineWithProbe.Sample(c =>
            {
                double exact = c.Line.DistanceTo(c.Probe).Metres;
                double truth = BruteForce.DistanceToLine(c.Line.Vertices, c.Probe);
                return Math.Abs(exact - truth) <= ReferenceTolerance;
            }, iter: 60);
        }
    }

    public class TheIsWithinMethod
    {
        [Fact]
        public void Should_Agree_With_The_GeographicLib_Oracle_A_Millimetre_Either_Side_Of_The_Distance()
        {
            var lines = ReferenceShapes.Lines();
            // Checked against the brute-force reference, not against DistanceTo (which runs the same search).
            var failures = new List<string>();
            foreach (var probe in ReferenceShapes.LineProbes)
            {
                var line = lines[probe.Line];
                if (!line.IsWithin(probe.Point, Distance.FromMetres(probe.Metres + ThresholdMargin)))
                {
                    failures.Add($"{probe}: not within {probe.Metres + ThresholdMargin} m");
                }

                if (probe.Metres > ThresholdMargin && line.IsWithin(probe.Point, Distance.FromMetres(probe.Metres - ThresholdMargin)))
                {
                    failures.Add($"{probe}: within {probe.Metres - ThresholdMargin} m");
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        }

        [Fact]
        public void Should_Hold_Within_A_Nanometre_For_Every_Vertex()
        {
            var lines = ReferenceShapes.Lines();
            // A segment's start is its first foot candidate, so a vertex is found at exactly 0 m; the last vertex is
            // reached by walking its segment, which lands within round-off (about 1e-11 m) of it.
            foreach (var (line, vertices) in lines.Zip(ReferenceShapes.Vertices))
            {
                Assert.All(vertices[..^1], v => Assert.True(line.IsWithin(v, Distance.Zero), $"vertex {v} is not within 0 m of its own line ({line.DistanceTo(v).Metres} m)"));
                Assert.True(line.IsWithin(vertices[^1], Distance.FromMetres(1e-9)), $"last vertex is {line.DistanceTo(vertices[^1]).Metres} m from its own line");
            }
        }

        [Fact]
        public void Should_Find_Points_A_Hair_From_Segments_Only_Metres_Long()
        {
            // The pruning bounds must stay below the true distance even for segments shorter than their own safety
            // margins: every vertex of a line of 2 m to 300 m legs is within a millimetre, and so is a point half a
            // metre beyond the last vertex within 0.501 m, but not within 0.499 m.
            var vertices = new List<GeoPoint> { new(33.0, 35.8) };
            for (int i = 0; i < 40; i++)
            {
                vertices.Add(Geodesic.Wgs84.Direct(vertices[^1], 40 + (i * 17 % 90), Distance.FromMetres(2 + (i * 37 % 300))));
            }

            var line = new Polyline(vertices);
            Assert.All(vertices, v => Assert.True(line.IsWithin(v, Distance.FromMetres(1e-3)), $"vertex {v}"));
            var last = Geodesic.Wgs84.Inverse(vertices[^2], vertices[^1]);
            var beyond = Geodesic.Wgs84.Direct(vertices[^1], last.Azimuth2, Distance.FromMetres(0.5));
            Assert.True(line.IsWithin(beyond, Distance.FromMetres(0.501)));
            Assert.False(line.IsWithin(beyond, Distance.FromMetres(0.499)));
            Assert.Equal(0.5, line.DistanceTo(beyond).Metres, 6);
        }

        [Fact]
        public void Should_Hold_For_Any_Point_With_An_Unbounded_Limit()
        {
            var lines = ReferenceShapes.Lines();
            var line = lines[0];
            Generators.EdgePoint.Sample(p => line.IsWithin(p, Distance.Unbounded));
        }

        [Fact]
        public void Should_Agree_With_An_In_Test_Dense_Sampling_Oracle_A_Millimetre_Either_Side()
        {
            Generators.LineWithProbe.Sample(c =>
            {
                double truth = BruteForce.DistanceToLine(c.Line.Vertices, c.Probe);
                return c.Line.IsWithin(c.Probe, Distance.FromMetres(truth + ThresholdMargin))
                    && (truth <= ThresholdMargin || !c.Line.IsWithin(c.Probe, Distance.FromMetres(truth - ThresholdMargin)));
            }, iter: 40);
        }
    }

    public class TheNearestMethod
    {
        [Fact]
        public void Should_Return_A_Foot_On_The_Named_Segment_At_The_Reported_Distance()
        {
            var lines = ReferenceShapes.Lines();
            foreach (var probe in ReferenceShapes.LineProbes.Where((_, i) => i % 4 == 0))
            {
                var line = lines[probe.Line];
                var nearest = line.Nearest(probe.Point);

                // The foot is Along metres down the named segment, and the distance and azimuth are measured from it.
                var segment = Geodesic.Wgs84.Line(line.Vertices[nearest.SegmentIndex], line.Vertices[nearest.SegmentIndex + 1]);
                Assert.InRange(nearest.Along, 0, segment.Length.Metres + 1e-6);
                var foot = segment.Position(nearest.Along).Point;
                Assert.True(Geodesic.Wgs84.DistanceBetween(foot, nearest.Foot).Metres < 1e-3, $"{probe}: foot {nearest.Foot} is not {nearest.Along} m along segment {nearest.SegmentIndex}");
                var toPoint = Geodesic.Wgs84.Inverse(nearest.Foot, probe.Point);
                Assert.Equal(toPoint.Length.Metres, nearest.Distance.Metres, 6);
                Assert.True(Math.Abs(nearest.Distance.Metres - probe.Metres) <= ReferenceTolerance, $"{probe}: nearest at {nearest.Distance.Metres} m");
                if (toPoint.Length.Metres > 1)
                {
                    Assert.True(GeodesicTests.AngleDiff(toPoint.Azimuth1, nearest.AzimuthToPoint) < 1e-6, $"{probe}: azimuth {nearest.AzimuthToPoint} vs {toPoint.Azimuth1}");
                }
            }
        }

        [Fact]
        public void Should_Meet_An_Interior_Foot_At_Right_Angles()
        {
            // A point 5 km east of the middle of a northbound segment: the foot is the middle, and the way to the point is due east.
            var line = new Polyline([new GeoPoint(32.0, 35.0), new GeoPoint(33.0, 35.0), new GeoPoint(34.0, 35.0)]);
            var middle = Geodesic.Wgs84.Line(line.Vertices[0], line.Vertices[1]).Position(50_000).Point;
            var probe = Geodesic.Wgs84.Direct(middle, 90, Distance.FromKilometres(5));
            var nearest = line.Nearest(probe);
            Assert.Equal(0, nearest.SegmentIndex);
            Assert.Equal(50_000, nearest.Along, 2);
            Assert.Equal(5000, nearest.Distance.Metres, 3);
            Assert.Equal(90, nearest.AzimuthToPoint, 4);
        }

        [Fact]
        public void Should_Clamp_To_The_Last_Vertex_Beyond_The_End()
        {
            var line = new Polyline([new GeoPoint(32.0, 35.0), new GeoPoint(33.0, 35.0), new GeoPoint(34.0, 35.0)]);
            var probe = new GeoPoint(34.5, 35.1);
            var nearest = line.Nearest(probe);
            Assert.Equal(1, nearest.SegmentIndex);
            Assert.Equal(Geodesic.Wgs84.DistanceBetween(line.Vertices[1], line.Vertices[2]).Metres, nearest.Along, 4);
            Assert.Equal(line.Vertices[2], nearest.Foot);
            Assert.Equal(Geodesic.Wgs84.DistanceBetween(line.Vertices[2], probe).Metres, nearest.Distance.Metres, 6);
        }
    }

    public class TheConstructor
    {
        [Fact]
        public void Should_Drop_Consecutive_Duplicates_And_Sum_Segment_Lengths()
        {
            GeoPoint a = new(32, 35), b = new(33, 35), c = new(33, 36);
            var line = new Polyline([a, a, b, b, b, c]);
            Assert.Equal([a, b, c], line.Vertices);
            double expected = Geodesic.Wgs84.DistanceBetween(a, b).Metres + Geodesic.Wgs84.DistanceBetween(b, c).Metres;
            Assert.Equal(expected, line.Length.Metres, 6);
            Assert.Equal(new BoundingBox(32, 35, 33, 36), line.Bounds);
        }

        [Fact]
        public void Should_Reject_A_Line_Without_Two_Distinct_Vertices()
        {
            var one = Assert.Throws<ArgumentException>(() => new Polyline([new GeoPoint(32, 35), new GeoPoint(32, 35)]));
            Assert.StartsWith("a line needs at least two distinct vertices", one.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => new Polyline([]));
            Assert.Throws<ArgumentNullException>(() => new Polyline(null!));
            Assert.Throws<ArgumentNullException>(() => new Polyline([new GeoPoint(32, 35), new GeoPoint(33, 35)], null!));
        }

        [Fact]
        public void Should_Measure_On_The_Ellipsoid_It_Is_Given()
        {
            // On a sphere of radius R, the distance from the pole to the equator is R·π/2, whatever the longitude.
            var sphere = new Geodesic(6_371_000, 0);
            var equator = new Polyline([new GeoPoint(0, -10), new GeoPoint(0, 10)], sphere);
            Assert.Equal(6_371_000 * Math.PI / 2, equator.DistanceTo(new GeoPoint(90, 0)).Metres, 3);
            Assert.Equal(6_371_000 * 20 * Math.PI / 180, equator.Length.Metres, 3);
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

            // Behind the start and beyond the end, the nearest point is a vertex and the side is that of its segment.
            Assert.Equal(-1, line.SideOf(new GeoPoint(32.6, 35.7)));
            Assert.Equal(1, line.SideOf(new GeoPoint(33.5, 35.9)));
        }

        [Fact]
        public void Should_Judge_A_Point_Off_A_Corner_By_The_Segment_It_Is_Beside()
        {
            // North, then a right turn to east-south-east: right of the first leg is east, right of the second is south-west.
            var line = new Polyline([new GeoPoint(32.0, 35.0), new GeoPoint(33.0, 35.0), new GeoPoint(32.95, 35.1)]);
            Assert.Equal(1, line.SideOf(new GeoPoint(32.8, 35.05)));
            Assert.Equal(-1, line.SideOf(new GeoPoint(33.3, 34.7)));

            // Straight on past the corner: the first leg's own test is nearly degenerate (the point is on its
            // continuation, a hair to the right); the second leg says clearly that the point is on the left.
            var ahead = Geodesic.Wgs84.Direct(line.Vertices[1], 0.1, Distance.FromKilometres(3));
            Assert.Equal(0, line.Nearest(ahead).SegmentIndex);
            Assert.Equal(-1, line.SideOf(ahead));

            // Behind the second leg's start, a hair to its right: now the first leg is decisive (left) and the
            // second leg's nearly degenerate test must not overrule it.
            double second = Geodesic.Wgs84.Inverse(line.Vertices[1], line.Vertices[2]).Azimuth1;
            var behind = Geodesic.Wgs84.Direct(line.Vertices[1], second + 180 - 0.1, Distance.FromKilometres(3));
            Assert.Equal(0, line.Nearest(behind).SegmentIndex);
            Assert.Equal(-1, line.SideOf(behind));
        }

        [Fact]
        public void Should_Judge_A_Corner_At_A_Chunk_Boundary_By_The_Segment_It_Is_Beside()
        {
            // Sixteen 110 m legs north (one chunk), then one 1000 km leg east-south-east (the next chunk). The probe is
            // on that long leg's continuation behind the corner, a hair to its right; the long leg's chunk has the
            // lower bound, so the corner is found first as its start. Only the northbound leg can then tell that the
            // probe is on the left.
            var vertices = Enumerable.Range(0, 17).Select(i => new GeoPoint(33.0 + (0.001 * i), 35.0)).ToList();
            vertices.Add(Geodesic.Wgs84.Direct(vertices[16], 120, Distance.FromKilometres(1000)));
            var line = new Polyline(vertices);
            var behind = Geodesic.Wgs84.Direct(vertices[16], 120 + 180 - 0.1, Distance.FromKilometres(3));
            var nearest = line.Nearest(behind);
            Assert.Equal((16, 0.0), (nearest.SegmentIndex, nearest.Along));
            Assert.Equal(-1, line.SideOf(behind));

            // Straight on past the corner, a hair to the right of the northbound leg: the long leg (found first)
            // says clearly that the probe is on its left, and the northbound leg's degenerate test must not overrule it.
            var ahead = Geodesic.Wgs84.Direct(vertices[16], 0.1, Distance.FromKilometres(3));
            Assert.Equal((16, 0.0), (line.Nearest(ahead).SegmentIndex, line.Nearest(ahead).Along));
            Assert.Equal(-1, line.SideOf(ahead));
        }

        [Fact]
        public void Should_Flip_When_The_Line_Is_Walked_The_Other_Way()
        {
            var vertices = ReferenceShapes.Vertices[0];
            var forward = new Polyline(vertices);
            var backward = new Polyline(vertices.Reverse());
            foreach (var probe in ReferenceShapes.LineProbes.Where(p => p.Line == 0 && p.Metres > 1))
            {
                Assert.Equal(-forward.SideOf(probe.Point), backward.SideOf(probe.Point));
            }
        }
    }
}
