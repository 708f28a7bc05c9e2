using CsCheck;
using NetTopologySuite.Operation.Distance;
using Truce.Geodesy;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Geodesy;

/// <summary>The edge index that replaced NetTopologySuite's IndexedFacetDistance must give the same planar distances, bit for bit.</summary>
public class PlanarEdgesTests
{
    private static readonly GeometryCatalog Catalog = Repo.Geometry();

    public static TheoryData<string> Areas() => [.. Catalog.Features.Values.Where(f => f.Kind == FeatureKind.Area).Select(f => f.Id)];

    [Theory]
    [MemberData(nameof(Areas))]
    public void Distance_To_The_Edges_Of_A_Shipped_Area_Equals_NetTopologySuites_Facet_Distance(string id)
    {
        var planar = Catalog.Features[id].Planar;
        var edges = new PlanarEdges(planar);
        var oracle = new IndexedFacetDistance(planar);
        var box = Catalog.Features[id].Bounds;
        var near = Gen.Select(Gen.Double[box.South - 2, box.North + 2], Gen.Double[box.West - 2, box.East + 2]);
        var vertex = Gen.Int[0, planar.Coordinates.Length - 1].Select(Gen.Double[-1e-6, 1e-6], (i, d) => (planar.Coordinates[i].Y + d, planar.Coordinates[i].X - d));
        Gen.Frequency((3, near), (1, vertex)).Sample(
            p => edges.Distance(p.Item2, p.Item1) == oracle.Distance(new NetTopologySuite.Geometries.Point(p.Item2, p.Item1)),
            iter: 2000);
    }

    [Fact]
    public void A_Point_Inside_A_Polygon_Measures_To_Its_Boundary_Not_Zero()
    {
        // The unit square: its centre is half a unit from every edge.
        var square = new NetTopologySuite.Geometries.GeometryFactory().CreatePolygon([new(0, 0), new(1, 0), new(1, 1), new(0, 1), new(0, 0)]);
        var edges = new PlanarEdges(square);
        Assert.Equal(0.5, edges.Distance(0.5, 0.5));
        Assert.Equal(0, edges.Distance(1, 0.25));
        Assert.Equal(Math.Sqrt(2), edges.Distance(2, 2), 12);
        Assert.Equal(4, edges.Count);
    }

    [Fact]
    public void A_Geometry_Without_Edges_Is_Refused()
    {
        var point = new NetTopologySuite.Geometries.Point(1, 2);
        Assert.Throws<ArgumentException>(() => new PlanarEdges(point));
    }
}

/// <summary>The latitude bound that lets far points skip a geodesic must never exceed the geodesic.</summary>
public class LatitudeBoundTests
{
    [Fact]
    public void The_Latitude_Bound_Never_Exceeds_The_Geodesic_Distance()
    {
        // A micrometre of slack: at nanometre separations the geodesic solver's own rounding is larger than the bound.
        Gen.Select(Generators.Point, Generators.Point).Sample(
            (a, b) => ReferenceFeature.LatitudeBound(a, b).Metres <= Geodesic.Wgs84.DistanceBetween(a, b).Metres + 1e-6,
            iter: 20_000);
    }

    [Fact]
    public void Along_A_Meridian_The_Bound_Is_Within_A_Percent_Of_The_Distance()
    {
        // One degree of latitude from the equator is 110,574 m on WGS84: the bound is just under it.
        var d = Geodesic.Wgs84.DistanceBetween(new GeoPoint(0, 10), new GeoPoint(1, 10)).Metres;
        var bound = ReferenceFeature.LatitudeBound(new GeoPoint(0, 10), new GeoPoint(1, 10)).Metres;
        Assert.InRange(bound, d * 0.999, d);
    }
}
