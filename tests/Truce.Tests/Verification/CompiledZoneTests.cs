using CsCheck;
using Truce.Agreements;
using Truce.Geodesy;
using Truce.Tests.Geodesy;
using Truce.Tests.TestSupport;
using Truce.Verification;

namespace Truce.Tests.Verification;

public class CompiledZoneTests
{
    private static readonly GeometryCatalog Catalog = Repo.Geometry();

    private static CompiledZone Within(double km) => CompiledZone.Compile(new WithinExpr(Distance.FromKilometres(km), "israel-syria-line"), Catalog);

    private static readonly Gen<Distance> Radius = Gen.Double[0, 60_000].Select(Distance.FromMetres);

    [Fact]
    public void Within_85_Km_Contains_Within_24_Km_For_Any_Point_And_Precision()
    {
        var z24 = Within(24);
        var z85 = Within(85);
        Gen.Select(Generators.Levant, Radius).Sample((p, r) =>
        {
            var small = z24.Evaluate(p, r);
            var large = z85.Evaluate(p, r);
            return (small != Judgement.Yes || large == Judgement.Yes) && (large != Judgement.No || small == Judgement.No);
        }, iter: 300);
    }

    [Fact]
    public void A_Coarser_Location_Never_Turns_Uncertain_Into_Certain()
    {
        var zone = CompiledZone.Compile(new AllExpr([new WithinExpr(Distance.FromKilometres(85), "israel-syria-line"), new AreaExpr("syria")]), Catalog);
        Gen.Select(Generators.Levant, Radius, Radius).Sample((p, a, b) =>
        {
            var (fine, coarse) = a <= b ? (a, b) : (b, a);
            var j1 = zone.Evaluate(p, fine);
            var j2 = zone.Evaluate(p, coarse);
            return j2 == Judgement.Uncertain || j2 == j1;
        }, iter: 200);
    }

    [Fact]
    public void Beyond_Is_The_Complement_Of_Within_For_Exact_Points()
    {
        var within = Within(30);
        var beyond = CompiledZone.Compile(new BeyondExpr(Distance.FromKilometres(30), "israel-syria-line"), Catalog);
        Generators.Levant.Sample(p =>
        {
            var w = within.Evaluate(p, Distance.Zero);
            var b = beyond.Evaluate(p, Distance.Zero);

            // Exactly on the threshold both hold ("within" and "at least"); anywhere else exactly one does.
            return w != b || w == Judgement.Yes;
        }, iter: 300);
    }

    [Fact]
    public void A_Point_13_Km_From_The_Line_Known_To_2_Km_Is_Inside_85_Km_And_15_Miles()
    {
        var p = new GeoPoint(33.05, 36.0);
        var measures = new List<ZoneMeasure>();
        Assert.Equal(Judgement.Yes, Within(85).Evaluate(p, Distance.FromKilometres(2), new DistanceCache(), measures));
        Assert.Equal(Judgement.Yes, Within(24.14016).Evaluate(p, Distance.FromKilometres(2)));
        Assert.InRange(Assert.Single(measures).Distance.Kilometres, 13, 15);
    }

    [Fact]
    public void A_Location_Known_Only_To_The_Country_Is_Always_Uncertain()
    {
        Assert.Equal(Judgement.Uncertain, Within(85).Evaluate(new GeoPoint(33.05, 36.0), Distance.Unbounded));
        Assert.Equal(Judgement.Uncertain, CompiledZone.Compile(new AreaExpr("syria"), Catalog).Evaluate(new GeoPoint(35, 38), Distance.Unbounded));
    }

    [Fact]
    public void An_Uncertainty_Disc_Across_The_Threshold_Is_Uncertain()
    {
        // Damascus is ~44 km from the line: known to 5 km it is inside 85 km, but not decidable against 45 km.
        var damascus = new GeoPoint(33.5138, 36.2765);
        Assert.Equal(Judgement.Yes, Within(85).Evaluate(damascus, Distance.FromKilometres(5)));
        Assert.Equal(Judgement.Uncertain, Within(45).Evaluate(damascus, Distance.FromKilometres(5)));
        Assert.Equal(Judgement.No, Within(30).Evaluate(damascus, Distance.FromKilometres(5)));
    }

    [Fact]
    public void Difference_And_Side_Follow_The_Line_Direction()
    {
        // The line runs south to north, so Syria (east) is on its right.
        var right = CompiledZone.Compile(new SideExpr("israel-syria-line", LineSide.Right), Catalog);
        Assert.Equal(Judgement.Yes, right.Evaluate(new GeoPoint(33.05, 36.0), Distance.Zero));
        Assert.Equal(Judgement.No, right.Evaluate(new GeoPoint(33.0, 35.6), Distance.Zero));
        var band = CompiledZone.Compile(new DifferenceExpr(new WithinExpr(Distance.FromKilometres(85), "israel-syria-line"), new AreaExpr("israel")), Catalog);
        Assert.Equal(Judgement.No, band.Evaluate(new GeoPoint(32.9925, 35.69), Distance.Zero));
        Assert.Equal(Judgement.Yes, band.Evaluate(new GeoPoint(33.05, 36.0), Distance.Zero));
    }

    [Fact]
    public void Kleene_Connectives_Obey_De_Morgan()
    {
        var all = new[] { Judgement.No, Judgement.Uncertain, Judgement.Yes };
        foreach (var a in all)
        {
            foreach (var b in all)
            {
                Assert.Equal(Kleene.Not(Kleene.And(a, b)), Kleene.Or(Kleene.Not(a), Kleene.Not(b)));
            }
        }
    }

    public static TheoryData<string> ShippedZoneExpressions() =>
    [
        "within 85 km of the line, inside Syria",
        "beyond 40 km of the line",
        "area of Syria minus within 15 km of the line",
        "west side of the line, or inside Israel",
    ];

    private static CompiledZone Shipped(string name) => name switch
    {
        "within 85 km of the line, inside Syria" => CompiledZone.Compile(new AllExpr([new WithinExpr(Distance.FromKilometres(85), "israel-syria-line"), new AreaExpr("syria")]), Catalog),
        "beyond 40 km of the line" => CompiledZone.Compile(new BeyondExpr(Distance.FromKilometres(40), "israel-syria-line"), Catalog),
        "area of Syria minus within 15 km of the line" => CompiledZone.Compile(new DifferenceExpr(new AreaExpr("syria"), new WithinExpr(Distance.FromKilometres(15), "israel-syria-line")), Catalog),
        _ => CompiledZone.Compile(new AnyExpr([new SideExpr("israel-syria-line", LineSide.Left), new AreaExpr("israel")]), Catalog),
    };

    private static readonly Truce.Places.AdminUnit[] Units = [.. Repo.Places().All];

    // The radii UCDP and ACLED precision codes stand for, and zero for the zone-share samples.
    private static readonly Gen<Distance> PrecisionRadius = Gen.Int[0, 5].Select(i => Distance.FromKilometres(new[] { 0.0, 2.0, 25.0, 50.0, 100.0, 150.0 }[i]));

    [Theory]
    [MemberData(nameof(ShippedZoneExpressions))]
    public void Judging_Through_Grid_Cells_Gives_The_Exact_Judgement_For_Every_Disc_And_Clue(string name)
    {
        var zone = Shipped(name);
        var unit = Gen.Int[-Units.Length / 2, Units.Length - 1].Select(i => i < 0 ? null : Units[i]);
        Gen.Select(Generators.Levant, PrecisionRadius, unit).Sample((p, r, u) =>
        {
            LocationClue? Clue() => u is null ? null : new LocationClue(u, () => u.Reaches(p, r, CompiledZone.BoundaryTolerance));
            var exact = zone.Evaluate(p, r, new DistanceCache(), [], Clue());
            return zone.Judge(p, r, new DistanceCache(), Clue()) == exact;
        }, iter: 3000);
    }

    [Fact]
    public void Grid_Cells_Settle_Most_Discs_Of_A_Distance_Term_Including_Those_Certainly_Across_Its_Edge()
    {
        var zone = Within(85);
        int yesOrNo = 0, uncertain = 0;
        Gen.Select(Generators.Levant, PrecisionRadius).Sample((p, r) =>
        {
            var byCell = zone.Settled(p, r);
            yesOrNo += byCell is Judgement.Yes or Judgement.No ? 1 : 0;
            uncertain += byCell is Judgement.Uncertain ? 1 : 0;
            return byCell is null || byCell == zone.Evaluate(p, r);
        }, iter: 2000);

        // A cell index that settled nothing would cost a lookup and save nothing.
        Assert.True(yesOrNo > 1000, $"{yesOrNo} of 2000 discs settled yes or no");
        Assert.True(uncertain > 50, $"{uncertain} of 2000 discs settled as straddling the 85 km line");
    }

    [Fact]
    public void Points_Just_Either_Side_Of_A_Threshold_Are_Left_To_The_Exact_Test()
    {
        var zone = Within(85);
        var line = Catalog.Features["israel-syria-line"];
        var foot = line.Lines[0].Vertices[line.Lines[0].Vertices.Count / 2];
        foreach (var metres in new[] { 84_999.0, 85_001.0 })
        {
            // Due east of the middle of a north-south line: the distance is the offset, give or take the line's bend.
            var p = Geodesic.Wgs84.Direct(foot, 90, Distance.FromMetres(metres));
            var exact = line.DistanceTo(p).Metres;
            if (Math.Abs(exact - 85_000) < 2_000)
            {
                Assert.Null(zone.Settled(p, Distance.Zero));
            }
        }
    }

    [Fact]
    public void A_Disc_Past_The_End_Of_A_Line_That_Straddles_Its_Extension_Is_Uncertain_Side()
    {
        var line = Catalog.Features["israel-syria-line"].Lines[0];
        var west = CompiledZone.Compile(new SideExpr("israel-syria-line", LineSide.Left), Catalog);
        var end = line.Vertices[^1];
        var beyond = Geodesic.Wgs84.Direct(end, Geodesic.Wgs84.Inverse(line.Vertices[^2], end).Azimuth2, Distance.FromKilometres(20));

        // Points 3 km either side of the line's extension, 20 km past its end, lie on opposite sides...
        var east = Geodesic.Wgs84.Direct(beyond, 90, Distance.FromKilometres(3));
        var westPoint = Geodesic.Wgs84.Direct(beyond, 270, Distance.FromKilometres(3));
        Assert.NotEqual(west.Evaluate(east, Distance.Zero), west.Evaluate(westPoint, Distance.Zero));

        // ...so a 5 km disc around the extension point, which never touches the line, cannot be on one side.
        Assert.Equal(Judgement.Uncertain, west.Evaluate(beyond, Distance.FromKilometres(5)));
    }
}
