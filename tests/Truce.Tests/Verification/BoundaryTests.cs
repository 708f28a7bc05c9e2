using System.Globalization;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Tests.TestSupport;
using Truce.Text;
using Truce.Verification;

namespace Truce.Tests.Verification;

/// <summary>
/// Exactly at the edges: distances a millimetre either side of a threshold (probes placed and measured by GeographicLib,
/// tools/reference/threshold-probes.mjs), windows on the day before and after each end, and confidence from the
/// number and grade of sources. Expectations come from the oracle's numbers and the calendar, never from Truce.
/// </summary>
public class BoundaryTests
{
    private static readonly GeoPoint P = new(33.0, 36.0);
    private static readonly Distance Ten = Distance.FromKilometres(10);

    private static readonly GeometryCatalog Catalog = BuildCatalog();

    private static GeometryCatalog BuildCatalog()
    {
        var c = new GeometryCatalog();
        var prov = new FeatureProvenance("probe", null, null, null, false, null, "probes");
        c.TryAdd(ReferenceFeature.OfPoint("point", P, prov));
        c.TryAdd(ReferenceFeature.OfLines("line", [new Polyline([new GeoPoint(32.8, 35.9), new GeoPoint(33.2, 35.95)])], prov));
        return c;
    }

    /// <summary>Probe rows: feature, position, the distance GeographicLib placed it at, and the distance it measures by brute force.</summary>
    public static TheoryData<string, double, double, double> Probes()
    {
        var data = new TheoryData<string, double, double, double>();
        foreach (var line in File.ReadLines(Repo.Path("tests/Truce.Tests/Verification/Reference/threshold-probes.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            data.Add(f[0], D(1), D(2), D(4));
        }

        return data;
    }

    private static Judgement Within(string feature, Distance threshold, GeoPoint p, Distance radius) =>
        CompiledZone.Compile(new WithinExpr(threshold, feature), Catalog).Evaluate(p, radius);

    private static Judgement Beyond(string feature, Distance threshold, GeoPoint p, Distance radius) =>
        CompiledZone.Compile(new BeyondExpr(threshold, feature), Catalog).Evaluate(p, radius);

    public class DistanceThresholds
    {
        [Theory]
        [MemberData(nameof(Probes), MemberType = typeof(BoundaryTests))]
        public void Should_Measure_The_Probe_As_GeographicLib_Does_To_A_Micrometre(string feature, double lat, double lon, double oracle)
        {
            Assert.Equal(oracle, Catalog.Features[feature].DistanceTo(new GeoPoint(lat, lon)).Metres, 1e-6);
        }

        [Theory]
        [MemberData(nameof(Probes), MemberType = typeof(BoundaryTests))]
        public void Should_Put_A_Point_A_Millimetre_Inside_Or_Outside_On_The_Right_Side(string feature, double lat, double lon, double oracle)
        {
            var p = new GeoPoint(lat, lon);
            double offset = oracle - Ten.Metres;
            if (Math.Abs(offset) < 1e-4 || Math.Abs(offset) > 1e-2)
            {
                return; // the exact-threshold and far probes are judged in other tests
            }

            Assert.Equal(offset < 0 ? Judgement.Yes : Judgement.No, Within(feature, Ten, p, Distance.Zero));
            Assert.Equal(offset < 0 ? Judgement.No : Judgement.Yes, Beyond(feature, Ten, p, Distance.Zero));
        }

        [Theory]
        [MemberData(nameof(Probes), MemberType = typeof(BoundaryTests))]
        public void Should_Widen_By_The_Location_Radius_On_Both_Sides(string feature, double lat, double lon, double oracle)
        {
            // With a 1 km radius the disc spans [d - 1 km, d + 1 km]: the 9 km and 11 km probes sit a millimetre
            // either side of the 10 km threshold's inner and outer edges.
            var p = new GeoPoint(lat, lon);
            var radius = Distance.FromKilometres(1);
            double near = oracle - radius.Metres, far = oracle + radius.Metres;
            if (Math.Abs(far - Ten.Metres) is > 1e-4 and < 1e-2)
            {
                Assert.Equal(far < Ten.Metres ? Judgement.Yes : Judgement.Uncertain, Within(feature, Ten, p, radius));
                Assert.Equal(far < Ten.Metres ? Judgement.No : Judgement.Uncertain, Beyond(feature, Ten, p, radius));
            }
            else if (Math.Abs(near - Ten.Metres) is > 1e-4 and < 1e-2)
            {
                Assert.Equal(near > Ten.Metres ? Judgement.No : Judgement.Uncertain, Within(feature, Ten, p, radius));
                Assert.Equal(near > Ten.Metres ? Judgement.Yes : Judgement.Uncertain, Beyond(feature, Ten, p, radius));
            }
        }

        [Theory]
        [MemberData(nameof(Probes), MemberType = typeof(BoundaryTests))]
        public void Should_Count_A_Point_Exactly_At_The_Threshold_As_Inside_Both_Within_And_Beyond(string feature, double lat, double lon, double oracle)
        {
            // "Within d" and "at least d" both include distance d: the threshold is taken from Truce's own measurement
            // so that the comparison, not the geodesy, is what is tested.
            _ = oracle;
            var p = new GeoPoint(lat, lon);
            var d = Catalog.Features[feature].DistanceTo(p);
            var r = Distance.FromKilometres(1);
            Assert.Equal(Judgement.Yes, Within(feature, d, p, Distance.Zero));
            Assert.Equal(Judgement.Yes, Beyond(feature, d, p, Distance.Zero));
            Assert.Equal(Judgement.Yes, Within(feature, d + r, p, r));
            Assert.Equal(Judgement.Yes, Beyond(feature, d - r, p, r));
        }

        [Fact]
        public void Should_Have_Probes_On_Both_Features_And_Both_Sides_Of_Every_Edge()
        {
            var rows = Probes().Select(r => ((string)r[0], (double)r[3])).ToList();
            foreach (var feature in new[] { "point", "line" })
            {
                foreach (var edge in new[] { 9_000.0, 10_000.0, 11_000.0 })
                {
                    Assert.Contains(rows, r => r.Item1 == feature && r.Item2 < edge && edge - r.Item2 < 0.002);
                    Assert.Contains(rows, r => r.Item1 == feature && r.Item2 > edge && r.Item2 - edge < 0.002);
                }
            }
        }
    }

    public class Windows
    {
        private const string Spec = """
            id: w
            title: w
            status: agreed
            in_force: 2018-08-01
            parties: [russia]
            actor_classes:
              - { id: iran-aligned, registry_class: iran-aligned-forces, includes: [militia, combat-units] }
            zones:
              - { id: everywhere, zone: { beyond: 0 km, of: israel-syria-line } }
            obligations:
              - { id: keep-away, who: iran-aligned, must_not: presence, zone: everywhere, grace: 10 days, until: 2018-09-30 }
            """;

        private static Verdict VerdictFor(DateOnly start, DateOnly end)
        {
            var bag = new DiagnosticBag();
            var a = AgreementSpecReader.Read(Spec, "w.yaml", bag)!;
            var v = new Verifier([a], Repo.Geometry(), Repo.Actors());
            v.Observe(new Truce.Evidence.Evidence("reuters:1", new EvidenceOrigin("w.ndjson", 1, "ndjson"), new GeoPoint(33.5, 36.3), LocationPrecision.Within(Distance.FromKilometres(1)),
                TimePrecision.Between(new DateRange(start, end)), Activity.Presence, "presence", [new ActorReport("Hezbollah", ActorRole.Observed, IdentificationBasis.Stated)],
                new SourceAssessment("reuters", "Reuters", Reliability.B, Credibility.ProbablyTrue, true)));
            return v.Verdicts().Single();
        }

        private static DateOnly D(int month, int day) => new(2018, month, day);

        [Theory]
        [InlineData(8, 10, "outside")] // the last day of the 10-day grace (1-10 August)
        [InlineData(8, 11, "confirmed")] // the first enforced day
        [InlineData(9, 30, "confirmed")] // 'until' is the last day it applies
        [InlineData(10, 1, "outside")] // the day after 'until'
        public void Should_Enforce_From_The_Day_After_The_Grace_Period_To_Until_Inclusive(int month, int day, string expected)
        {
            var verdict = VerdictFor(D(month, day), D(month, day));
            var actual = verdict.ConfirmedTotal == 1 ? "confirmed" : verdict.Screening.OutsideWindow == 1 ? "outside" : "other";
            Assert.Equal(expected, actual);
        }

        [Theory]
        [InlineData(8, 10, 8, 11)] // straddles the first enforced day
        [InlineData(9, 30, 10, 1)] // straddles the last
        public void Should_Leave_A_Range_That_Straddles_An_End_Possible(int m1, int d1, int m2, int d2)
        {
            var verdict = VerdictFor(D(m1, d1), D(m2, d2));
            var f = Assert.Single(verdict.Possible);
            Assert.Equal(Judgement.Uncertain, f.Time);
            Assert.Equal(0.5, f.Score.Time);
        }
    }

    public class Confidence
    {
        private const string Spec = """
            id: c
            title: c
            status: agreed
            in_force: 2018-08-01
            parties: [russia]
            actor_classes:
              - { id: iran-aligned, registry_class: iran-aligned-forces, includes: [militia, combat-units] }
            zones:
              - { id: near, zone: { within: 85 km, of: israel-syria-line } }
            obligations:
              - { id: keep-away, who: iran-aligned, must_not: presence, zone: near }
            """;

        private static Verifier NewVerifier()
        {
            var bag = new DiagnosticBag();
            return new Verifier([AgreementSpecReader.Read(Spec, "c.yaml", bag)!], Repo.Geometry(), Repo.Actors());
        }

        private static Truce.Evidence.Evidence Report(string id, string source, Reliability r, Credibility c) =>
            new(id, new EvidenceOrigin("c.ndjson", 1, "ndjson"), new GeoPoint(33.05, 36.0), LocationPrecision.Within(Distance.FromKilometres(1)),
                TimePrecision.Between(new DateRange(new(2018, 9, 12), new(2018, 9, 12))), Activity.Presence, "presence",
                [new ActorReport("Hezbollah", ActorRole.Observed, IdentificationBasis.Stated)], new SourceAssessment(source, source, r, c, true));

        [Fact]
        public void Two_Independent_Adequate_Sources_Give_High_Confidence()
        {
            var v = NewVerifier();
            v.Observe(Report("a:1", "idf-spokesperson", Reliability.C, Credibility.PossiblyTrue));
            v.Observe(Report("b:1", "alma-center", Reliability.C, Credibility.PossiblyTrue));
            var verdict = v.Verdicts().Single();
            Assert.Equal((VerdictStatus.Violated, (Truce.Verification.Confidence?)Truce.Verification.Confidence.High), (verdict.Status, verdict.Confidence));
        }

        [Fact]
        public void One_C3_Source_Alone_Gives_Moderate_Confidence()
        {
            var v = NewVerifier();
            v.Observe(Report("a:1", "idf-spokesperson", Reliability.C, Credibility.PossiblyTrue));
            var verdict = v.Verdicts().Single();
            Assert.Equal((VerdictStatus.Violated, (Truce.Verification.Confidence?)Truce.Verification.Confidence.Moderate), (verdict.Status, verdict.Confidence));
        }

        [Fact]
        public void One_B2_Source_Alone_Gives_High_Confidence()
        {
            var v = NewVerifier();
            v.Observe(Report("a:1", "reuters", Reliability.B, Credibility.ProbablyTrue));
            Assert.Equal(Truce.Verification.Confidence.High, v.Verdicts().Single().Confidence);
        }

        [Fact]
        public void A_Sole_F_Source_Cannot_Confirm_However_Credible_Its_Report()
        {
            var v = NewVerifier();
            v.Observe(Report("a:1", "some blog", Reliability.F, Credibility.Confirmed));
            var verdict = v.Verdicts().Single();
            Assert.Equal(VerdictStatus.Unverifiable, verdict.Status);
            Assert.Contains(verdict.Possible.Single().Doubts, d => d.Contains("too weak to confirm alone", StringComparison.Ordinal));
        }

        [Fact]
        public void Coverage_That_Does_Not_Overlap_The_Zone_Cannot_Support_No_Violation_Found()
        {
            var far = NewVerifier();
            far.Observe(new Coverage("monitor", "m.ndjson", new BoundingBox(36.0, 40.0, 37.0, 41.0), new DateRange(new(2018, 8, 1), new(2018, 12, 31)), [ObligedActivity.Presence], true, null));
            Assert.Equal(VerdictStatus.Unverifiable, far.Verdicts().Single().Status);

            var near = NewVerifier();
            near.Observe(new Coverage("monitor", "m.ndjson", new BoundingBox(32.5, 35.5, 33.5, 36.5), new DateRange(new(2018, 8, 1), new(2018, 12, 31)), [ObligedActivity.Presence], true, null));
            Assert.Equal(VerdictStatus.NoViolationFound, near.Verdicts().Single().Status);
        }
    }
}
