using NetTopologySuite.Geometries;
using Truce.Agreements;
using Truce.Geodesy;
using Truce.Reports;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Reports;

public class ZoneRendererTests
{
    private static readonly GeometryCatalog Catalog = Repo.Geometry();
    private static readonly Point Damascus = new(36.2765, 33.5138);      // ~44 km from the line
    private static readonly Point Homs = new(36.7234, 34.7324);          // ~170 km
    private static readonly Point Katzrin = new(35.69, 32.9925);         // Israeli-held Golan

    private static Geometry Render(ZoneExpr expr) => ZoneRenderer.Render(expr, Catalog) ?? throw new InvalidOperationException("nothing drawn");

    [Fact]
    public void Within_Draws_A_Buffer_That_Holds_Near_Points_Only()
    {
        var zone = Render(new WithinExpr(Distance.FromKilometres(85), "israel-syria-line"));
        Assert.True(zone.Contains(Damascus));
        Assert.False(zone.Contains(Homs));
    }

    [Fact]
    public void Beyond_Draws_The_Complement_Within_A_Frame()
    {
        var zone = Render(new BeyondExpr(Distance.FromKilometres(85), "israel-syria-line"));
        Assert.False(zone.Contains(Damascus));
        Assert.True(zone.Contains(Homs));
    }

    [Fact]
    public void Intersection_Difference_And_Side_Combine_Shapes()
    {
        var inSyria = Render(new AllExpr([new WithinExpr(Distance.FromKilometres(85), "israel-syria-line"), new AreaExpr("syria")]));
        Assert.True(inSyria.Contains(Damascus));
        Assert.False(inSyria.Contains(Katzrin));

        var notIsrael = Render(new DifferenceExpr(new WithinExpr(Distance.FromKilometres(85), "israel-syria-line"), new AreaExpr("israel")));
        Assert.False(notIsrael.Contains(Katzrin));

        var east = Render(new SideExpr("israel-syria-line", LineSide.Right));
        Assert.True(east.Contains(Damascus));
        Assert.False(east.Contains(Katzrin));
    }

    [Fact]
    public void An_Area_Is_Drawn_With_Its_Holes()
    {
        GeoPoint[] square = [new(32, 35), new(32, 37), new(34, 37), new(34, 35), new(32, 35)];
        GeoPoint[] hole = [new(32.5, 35.5), new(32.5, 36), new(33, 36), new(33, 35.5), new(32.5, 35.5)];
        var catalog = new GeometryCatalog();
        catalog.TryAdd(ReferenceFeature.OfArea("holed", new PolygonSet([[square, hole]]), new FeatureProvenance("holed", null, null, null, false, null, "test")));
        var drawn = ZoneRenderer.Render(new AreaExpr("holed"), catalog)!;
        Assert.True(drawn.Contains(new Point(36.5, 33.5)));
        Assert.False(drawn.Contains(new Point(35.75, 32.75)));
    }
}
