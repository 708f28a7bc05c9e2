using CsCheck;
using Truce.Agreements;
using Truce.Cli;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Places;
using Truce.Tests.Geodesy;
using Truce.Tests.TestSupport;
using Truce.Verification;

namespace Truce.Tests.Verification;

/// <summary>
/// Each shortcut of the fast path against the exact computation it stands in for: a bound may only rule out what the
/// exact test rules out, a bounded search must find what the full search finds, and a cache must answer what a cold
/// computation answers.
/// </summary>
/// <remarks>
/// The oracle is always Truce's exact path (geodesic distances, ray casting), which is tested on its own against
/// GeographicLib (see the Geodesy tests); these tests prove that the shortcuts never change its answer. Points are
/// drawn over the Levant and, mostly, near the shipped features at their thresholds, disc radii and near-miss margin.
/// </remarks>
public class FastPathBoundsTests
{
    private static readonly Lazy<ZoneWorld> Shared = new(ZoneWorld.Load);

    private static ZoneWorld World => Shared.Value;

    private static readonly Gen<Distance> Radius = Gen.Frequency(
        (1, Gen.Const(Distance.Zero)),
        (3, Gen.Int[1, 5].Select(code => LocationPrecision.Ucdp(code)!.Radius)),
        (1, Gen.Const(Distance.Unbounded)),
        (2, Gen.Double[0, 200_000].Select(Distance.FromMetres)));

    private static Gen<AdminUnit?> Unit => Gen.Frequency(
        (2, Gen.Const((AdminUnit?)null)),
        (3, Gen.Int[0, World.Units.Length - 1].Select(i => (AdminUnit?)World.Units[i])));

    public class TheLowerBound
    {
        [Fact]
        public void Should_Never_Exceed_The_Exact_Distance_To_A_Shipped_Feature()
        {
            Gen.Select(Gen.Int[0, World.Features.Length - 1], World.Points).Sample((i, p) =>
            {
                var f = World.Features[i];
                return f.LowerBound(p) <= f.DistanceTo(p);
            }, iter: 400);
        }

        [Fact]
        public void Should_Never_Exceed_The_Exact_Distance_To_A_Generated_Line()
        {
            Generators.LineWithProbe.Sample(c => c.Line.LowerBound(c.Probe) <= c.Line.DistanceTo(c.Probe), iter: 150);
        }
    }

    public class TheBoundedDistance
    {
        /// <summary>Bounds to start a search with: the exact distance itself, a hair or a metre either side, the distance to a vertex of the line (a true upper bound), or none.</summary>
        private static double[] Bounds(double exact, double toVertex) =>
            [exact, Math.BitIncrement(exact), Math.Max(0, Math.BitDecrement(exact)), exact + 1, Math.Max(0, exact - 1), exact * 1.5, toVertex, double.PositiveInfinity];

        [Fact]
        public void Should_Be_The_Smaller_Of_The_Exact_Distance_And_The_Bound_On_Generated_Lines()
        {
            Gen.Select(Generators.LineWithProbe, Gen.Int[0, int.MaxValue]).Sample((c, seed) =>
            {
                double exact = c.Line.DistanceTo(c.Probe).Metres;
                var vertex = c.Line.Vertices[seed % c.Line.Vertices.Count];
                return Bounds(exact, Geodesic.Wgs84.DistanceBetween(c.Probe, vertex).Metres)
                    .All(b => c.Line.DistanceTo(c.Probe, Distance.FromMetres(b)).Metres == Math.Min(exact, b));
            }, iter: 100);
        }

        [Fact]
        public void Should_Be_The_Smaller_Of_The_Exact_Distance_And_The_Bound_On_Shipped_Features()
        {
            Gen.Select(Gen.Int[0, World.Features.Length - 1], World.Points, Gen.Int[0, int.MaxValue]).Sample((i, p, seed) =>
            {
                var f = World.Features[i];
                double exact = f.DistanceTo(p).Metres;
                var (nearest, foot) = f.DistanceAndNearest(p);
                var someVertex = f.Kind == FeatureKind.Line ? f.Lines[0].Vertices[seed % f.Lines[0].Vertices.Count] : p;
                return nearest.Metres == exact
                    && (foot is not { } n || Geodesic.Wgs84.DistanceBetween(p, n).Metres <= exact + 1e-6)
                    && Bounds(exact, Geodesic.Wgs84.DistanceBetween(p, someVertex).Metres)
                        .All(b => f.DistanceTo(p, Distance.FromMetres(b)).Metres == Math.Min(exact, b));
            }, iter: 300);
        }
    }

    public class TheWithinTests
    {
        private static double[] Limits(double exact) =>
            [exact, Math.BitIncrement(exact), Math.Max(0, Math.BitDecrement(exact)), exact + 1e-3, Math.Max(0, exact - 1e-3), exact * 2, exact / 2, 0];

        [Fact]
        public void Should_Say_A_Line_Is_Within_A_Limit_Exactly_When_Its_Distance_Is_At_Most_The_Limit()
        {
            Generators.LineWithProbe.Sample(c =>
            {
                double exact = c.Line.DistanceTo(c.Probe).Metres;
                return Limits(exact).All(l => c.Line.IsWithin(c.Probe, Distance.FromMetres(l)) == (exact <= l));
            }, iter: 100);
        }

        [Fact]
        public void Should_Say_A_Boundary_Is_Within_A_Limit_Exactly_When_Its_Distance_Is_At_Most_The_Limit()
        {
            var areas = World.Features.Where(f => f.Kind == FeatureKind.Area).ToArray();
            Gen.Select(Gen.Int[0, areas.Length - 1], World.Points).Sample((i, p) =>
            {
                var area = areas[i].Area!;
                double exact = area.DistanceToBoundary(p).Metres;
                return Limits(exact).All(l => area.IsBoundaryWithin(p, Distance.FromMetres(l)) == (exact <= l));
            }, iter: 200);
        }
    }

    public class TheCertainlyOutsideTest
    {
        [Fact]
        public void Should_Rule_Out_Only_What_The_Exact_Test_Rules_Out_With_No_Distance_Near_A_Threshold()
        {
            int ruledOut = 0;
            Gen.Select(Gen.Int[0, World.Zones.Length - 1], World.Points, Radius, Unit).Sample((z, p, r, unit) =>
            {
                var zone = World.Zones[z].Zone;
                if (!zone.CertainlyOutside(p, r, unit))
                {
                    return true;
                }

                Interlocked.Increment(ref ruledOut);

                // As the verifier builds the clue: the unit the source names, coherent when the disc reaches it.
                var clue = unit is null ? null : new LocationClue(unit, () => unit.Reaches(p, r, CompiledZone.BoundaryTolerance));
                var measures = new List<ZoneMeasure>();
                var exact = zone.Evaluate(p, r, new DistanceCache(), measures, clue);
                return exact == Judgement.No && !measures.Any(m => m.Threshold is { } t && Math.Abs(m.Distance.Metres - t.Metres) < Verifier.ThresholdMargin.Metres);
            }, iter: 800);

            // Not vacuous: a fair share of the draws must reach the shortcut.
            Assert.True(ruledOut >= 80, $"only {ruledOut} of 800 draws were ruled out by bounds");
        }

        [Fact]
        public void Should_Leave_A_Distance_Term_Open_Unless_The_Whole_Disc_Is_Beyond_The_Threshold_And_The_Margin()
        {
            var terms = World.Zones.Where(z => z.Expression is WithinExpr).ToArray();
            Gen.Select(Gen.Int[0, terms.Length - 1], World.Points, Radius).Sample((z, p, r) =>
            {
                var (_, expr, zone) = terms[z];
                var w = (WithinExpr)expr;
                return !zone.CertainlyOutside(p, r, null)
                    || World.Catalog.Features[w.Of].DistanceTo(p).Metres - r.Metres > w.Distance.Metres + Verifier.ThresholdMargin.Metres;
            }, iter: 600);
        }
    }

    public class TheDistanceCache
    {
        /// <summary>The triangle inequality and the distance to the centre's foot bound a nearby point's distance in exact arithmetic; computed, they hold to round-off (a nanometre or less), which is allowed here.</summary>
        /// <remarks>Whether that round-off can change an answer at a threshold is <see cref="TheZoneShareEstimate"/>'s question.</remarks>
        private const double RoundOff = 1e-6;

        [Fact]
        public void Should_Answer_As_The_Feature_Does_However_Often_And_In_Whatever_Order_It_Is_Asked()
        {
            var features = World.Features;
            Gen.Select(World.Points, Gen.Int[0, int.MaxValue]).Sample((p, seed) =>
            {
                var cache = new DistanceCache();
                var order = Enumerable.Range(0, features.Length * 2).Select(k => (k + seed) % features.Length);
                return order.All(i =>
                {
                    var f = features[i];
                    return cache.DistanceTo(f, p) == f.DistanceTo(p) && (f.Kind != FeatureKind.Area || cache.Contains(f, p) == f.Area!.Contains(p));
                });
            }, iter: 40);
        }

        [Fact]
        public void Should_Bound_And_Measure_A_Nearby_Point_As_If_Measured_Afresh()
        {
            var features = World.Features.Where(f => f.Kind != FeatureKind.Area).ToArray();
            Gen.Select(Gen.Int[0, features.Length - 1], World.Points, Gen.Double[0, 360], Gen.Double[0, 150_000]).Sample((i, c, azimuth, offset) =>
            {
                var f = features[i];
                var centre = new DistanceCache();
                centre.DistanceTo(f, c);
                var q = Geodesic.Wgs84.Direct(c, azimuth, Distance.FromMetres(offset));
                var sample = new DistanceCache(centre, Distance.FromMetres(offset));
                double exact = f.DistanceTo(q).Metres;
                bool bounded = sample.TryBound(f, out var near, out var far) && near - RoundOff <= exact && exact <= far + RoundOff;
                bool upper = sample.TryUpperBound(f, q, out var atMost) && exact <= atMost + RoundOff;
                return bounded && upper && Math.Abs(sample.DistanceTo(f, q).Metres - exact) <= RoundOff;
            }, iter: 300);
        }
    }

    public class TheZoneShareEstimate
    {
        [Fact]
        public void Should_Be_The_Same_With_The_Centres_Distances_As_Measured_Afresh()
        {
            var radii = new[] { 1, 2, 3 }.Select(code => LocationPrecision.Ucdp(code)!.Radius).ToArray();
            Gen.Select(Gen.Int[0, World.Zones.Length - 1], World.Points, Gen.Int[0, radii.Length - 1], Unit).Sample((z, c, ri, unit) =>
            {
                var zone = World.Zones[z].Zone;
                var r = radii[ri];

                // As the verifier does: the centre is judged first, which fills its cache.
                var cache = new DistanceCache();
                zone.Evaluate(c, r, cache, []);
                return ZoneShare.Estimate(zone, c, r, unit, cache) == ZoneShare.Estimate(zone, c, r, unit, null);
            }, iter: 150);
        }

        /// <summary>Fails on the fast path as of this commit: see <see cref="ThresholdSamples"/> and the report-level case in <see cref="ReferenceEquivalenceTests"/>.</summary>
        [Fact]
        public void Should_Be_The_Same_When_A_Disc_Sample_Lies_Exactly_On_The_Threshold()
        {
            var r = LocationPrecision.Ucdp(1)!.Radius;
            var cases = ThresholdSamples.For(World.Catalog.Features["al-qusayr"], 5_000, r.Metres)
                .Concat(ThresholdSamples.For(World.Catalog.Features["israel-syria-line"], 20_000, r.Metres).Where((_, i) => i % 3 == 1));
            var differ = new List<string>();
            int count = 0;
            foreach (var c in cases)
            {
                count++;
                var zone = CompiledZone.Compile(new WithinExpr(Distance.FromMetres(c.Threshold), c.Feature), World.Catalog);
                var cache = new DistanceCache();
                zone.Evaluate(c.Centre, r, cache, []);
                var fast = ZoneShare.Estimate(zone, c.Centre, r, null, cache);
                var exact = ZoneShare.Estimate(zone, c.Centre, r, null, null);
                if (fast != exact)
                {
                    differ.Add($"{c.Feature} {c.Threshold} m, sample {c.Sample} {(c.Outward ? "beyond" : "before")} ({c.Centre.Latitude:R}, {c.Centre.Longitude:R}): {fast} with the centre's distances, {exact} measured afresh");
                }
            }

            Assert.True(count > 100, $"only {count} cases were constructed");
            Assert.True(differ.Count == 0, $"{differ.Count} of {count} estimates differ:\n" + string.Join("\n", differ.Take(10)));
        }
    }

    public class TheUnitCaches
    {
        [Fact]
        public void Should_Judge_Every_Unit_Against_Every_Zone_Alike_Whatever_Was_Asked_Before()
        {
            // A second world, with cold caches, asked in the opposite order.
            var cold = ZoneWorld.Load();
            var warm = World;
            var pairs = Enumerable.Range(0, warm.Zones.Length).SelectMany(z => Enumerable.Range(0, warm.Units.Length).Select(u => (z, u))).ToList();
            var forward = pairs.Select(x => warm.Zones[x.z].Zone.EvaluateUnit(warm.Units[x.u])).ToList();
            var backward = Enumerable.Reverse(pairs).Select(x => cold.Zones[x.z].Zone.EvaluateUnit(cold.Units[x.u])).Reverse().ToList();
            var again = pairs.Select(x => warm.Zones[x.z].Zone.EvaluateUnit(warm.Units[x.u])).ToList();
            var differ = pairs.Where((x, k) => forward[k] != backward[k] || forward[k] != again[k])
                .Select(x => $"{warm.Zones[x.z].Name} / {warm.Units[x.u].Id}").ToList();
            Assert.True(differ.Count == 0, "unit judgements depend on what was asked before: " + string.Join("; ", differ));
        }

        [Fact]
        public void Should_Remember_The_Distance_Range_Of_Each_Level_As_Measured_Sample_By_Sample()
        {
            // The features of the shipped zones, at the levels most judgements stop at (the governorates one level finer).
            var features = World.Zones.Where(z => !z.Name.Contains(' ', StringComparison.Ordinal)).SelectMany(z => z.Expression.GeometryIds()).Distinct()
                .Select(id => World.Catalog.Features[id]).Where(f => f.Kind != FeatureKind.Area).ToArray();
            foreach (var unit in World.Units)
            {
                foreach (var f in features)
                {
                    for (int level = 0; level < (unit.Level == AdminLevel.Country ? 1 : 2); level++)
                    {
                        var distances = unit.SamplesCoarseToFine.ElementAt(level).Points.Select(p => f.DistanceTo(p).Metres).ToList();
                        var expected = distances.Count == 0 ? (double.PositiveInfinity, 0) : (distances.Min(), distances.Max());
                        Assert.Equal(expected, unit.DistanceRange(f, level));
                        Assert.Equal(expected, unit.DistanceRange(f, level));
                    }
                }
            }
        }

        [Fact]
        public void Should_Estimate_A_Units_Share_Of_A_Zone_As_A_Zone_Compiled_Afresh_Does()
        {
            var units = World.Units.Where((u, k) => k % 2 == 0).ToArray();
            foreach (var (name, expr, zone) in World.Zones.Where(z => !z.Name.Contains(' ', StringComparison.Ordinal)))
            {
                var fresh = CompiledZone.Compile(expr, World.Catalog);
                foreach (var unit in units)
                {
                    // A location known only to the unit: the centre is irrelevant, so a warm zone asked about another centre must give the cold estimate.
                    var cold = ZoneShare.Estimate(fresh, new GeoPoint(33, 36), Distance.Unbounded, unit);
                    var cached = ZoneShare.Estimate(zone, new GeoPoint(35, 38), Distance.Unbounded, unit);
                    Assert.True(cold == cached, $"{name} / {unit.Id}: cold {cold}, cached {cached}");
                }
            }
        }

        [Fact]
        public void Should_Resolve_A_Reported_Unit_As_A_Table_Asked_For_The_First_Time()
        {
            string[] countries = ["Syria", "syria", "Israel", "Jordan", "Lebanon", "Atlantis", string.Empty];
            string[] names = ["Daraa Governorate", "daraa governorate", "Dar'a", "Quneitra Governorate", "Damascus", "Rif Dimashq Governorate", "Golan", "Irbid", string.Empty];
            var warm = World.Places;
            int k = 0;
            foreach (var scheme in new[] { "ucdp", "acled" })
            {
                foreach (var country in countries)
                {
                    foreach (var name in names.Where(_ => k++ % 3 == 0))
                    {
                        var admin = AdminAttribution.Of(scheme, country, name, string.Empty);
                        var first = Repo.Places().Resolve(admin);
                        var cached = warm.Resolve(admin);
                        var again = warm.Resolve(admin);
                        Assert.Equal((first?.Unit.Id, first?.Clue), (cached?.Unit.Id, cached?.Clue));
                        Assert.Equal((first?.Unit.Id, first?.Clue), (again?.Unit.Id, again?.Clue));
                    }
                }
            }
        }

        [Fact]
        public void Should_Say_A_Disc_Reaches_A_Unit_Exactly_When_The_Exact_Test_Does()
        {
            Gen.Select(Gen.Int[0, World.Units.Length - 1], World.Points, Radius).Sample((u, p, r) =>
            {
                var unit = World.Units[u];
                var tolerance = CompiledZone.BoundaryTolerance;
                bool exact = !r.IsFinite || unit.Contains(p) || unit.Areas.Any(a => a.Area!.IsBoundaryWithin(p, r + tolerance));
                return unit.Reaches(p, r, tolerance) == exact;
            }, iter: 400);
        }
    }
}

/// <summary>The shipped agreements' zones bound to their own freshly loaded geometry and places, with a few expressions the specs do not use (beyond, side, difference, a union that is not of areas).</summary>
internal sealed class ZoneWorld
{
    private ZoneWorld(GeometryCatalog catalog, AdminUnitTable places, (string Name, ZoneExpr Expression, CompiledZone Zone)[] zones)
    {
        Catalog = catalog;
        Places = places;
        Zones = zones;
        Units = [.. places.All.Where(u => u.Level == AdminLevel.Country || u.Id.StartsWith("syria-", StringComparison.Ordinal)).OrderBy(u => u.Id, StringComparer.Ordinal)];
        string[] areas = ["syria", "israel", "syria-daraa", "syria-quneitra", "syria-undof", "syria-damascus"];
        Features = [.. catalog.Features.Values.Where(f => f.Kind != FeatureKind.Area || areas.Contains(f.Id)).OrderBy(f => f.Id, StringComparer.Ordinal)];

        // Anchors near which most points are drawn: every vertex of the lines and the point, every tenth of the areas'.
        var anchors = Features.SelectMany(f => f.Kind switch
        {
            FeatureKind.Point => [f.Point!.Value],
            FeatureKind.Line => f.Lines.SelectMany(l => l.Vertices),
            _ => f.Area!.Rings.SelectMany(r => r.Where((_, k) => k % 10 == 0)),
        }).ToArray();
        var thresholds = zones.SelectMany(z => Thresholds(z.Expression)).Distinct().ToArray();
        double[] radii = [0, .. Enumerable.Range(1, 5).Select(c => LocationPrecision.Ucdp(c)!.Radius.Metres)];
        var offset = Gen.Frequency(
            (2, Gen.Double[0, 300_000]),
            (2, Gen.Select(Gen.Int[0, thresholds.Length - 1], Gen.Double[-3_000, 3_000], (t, d) => thresholds[t] + d)),
            (2, Gen.Select(Gen.Int[0, thresholds.Length - 1], Gen.Int[0, radii.Length - 1], Gen.Double[-3_000, 3_000], (t, r, d) => thresholds[t] + radii[r] + Verifier.ThresholdMargin.Metres + d)),
            (1, Gen.Double[0, 3]));
        var near = Gen.Select(Gen.Int[0, anchors.Length - 1], Gen.Double[0, 360], offset, (a, azimuth, d) => Geodesic.Wgs84.Direct(anchors[a], azimuth, Distance.FromMetres(Math.Max(0, d))));
        Points = Gen.Frequency((1, Generators.Levant), (4, near));
    }

    public GeometryCatalog Catalog { get; }

    public AdminUnitTable Places { get; }

    public (string Name, ZoneExpr Expression, CompiledZone Zone)[] Zones { get; }

    /// <summary>The countries and Syria's governorates (the units the UCDP Syria release names), by id.</summary>
    public AdminUnit[] Units { get; }

    /// <summary>Lines, points and a few areas (large and small) of the catalog.</summary>
    public ReferenceFeature[] Features { get; }

    /// <summary>Points over the Levant, mostly near a feature at a threshold, a threshold plus a disc radius and the near-miss margin, or on it.</summary>
    public Gen<GeoPoint> Points { get; }

    public static ZoneWorld Load()
    {
        var ws = Workspace.Load([Repo.Path("examples/agreements")], new LoadOptions(null, null, AllowOutside: false));
        Assert.False(ws.Diagnostics.HasErrors, string.Join("\n", ws.Diagnostics.Items));
        var shipped = ws.Agreements.SelectMany(a => a.Zones.SelectMany(z => z.Variants.Select(v => ($"{a.Id}/{z.Id}/{v.Id}", v.Expression))));
        (string, ZoneExpr)[] extra =
        [
            ("beyond 20 km of israel-syria-line", new BeyondExpr(Distance.FromKilometres(20), "israel-syria-line")),
            ("left of israel-syria-line", new SideExpr("israel-syria-line", LineSide.Left)),
            ("85 km minus quneitra", new DifferenceExpr(new WithinExpr(Distance.FromKilometres(85), "israel-syria-line"), new AreaExpr("syria-quneitra"))),
            ("syria minus 20 km of jordan", new DifferenceExpr(new AreaExpr("syria"), new WithinExpr(Distance.FromKilometres(20), "jordan-syria-border"))),
            ("5 km of al-qusayr or damascus", new AnyExpr([new WithinExpr(Distance.FromKilometres(5), "al-qusayr"), new AreaExpr("syria-damascus")])),
            ("syria beyond 10 km of lebanon", new AllExpr([new AreaExpr("syria"), new BeyondExpr(Distance.FromKilometres(10), "lebanon-syria-border")])),
            ("within 24 km of israel-syria-line", new WithinExpr(Distance.FromMiles(15), "israel-syria-line")),
        ];
        var zones = shipped.Concat(extra).DistinctBy(z => z.Item2.Describe())
            .Select(z => (z.Item1, z.Item2, CompiledZone.Compile(z.Item2, ws.Catalog))).ToArray();
        return new ZoneWorld(ws.Catalog, ws.Places, zones);
    }

    private static IEnumerable<double> Thresholds(ZoneExpr e) => e switch
    {
        WithinExpr w => [w.Distance.Metres],
        BeyondExpr b => [b.Distance.Metres],
        AllExpr all => all.Parts.SelectMany(Thresholds),
        AnyExpr any => any.Parts.SelectMany(Thresholds),
        DifferenceExpr d => Thresholds(d.Base).Concat(Thresholds(d.Minus)),
        _ => [],
    };
}
