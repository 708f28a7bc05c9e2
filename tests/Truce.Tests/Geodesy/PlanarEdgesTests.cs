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

/// <summary>The spherical bound that lets points far from a point feature skip a geodesic must never exceed the geodesic, and must be close enough to reject.</summary>
public class SphericalLowerBoundTests
{
    [Fact]
    public void The_Spherical_Bound_Never_Exceeds_The_Geodesic_Distance()
    {
        // Generators aim at poles, the antimeridian and near-antipodal pairs.
        Gen.Select(Generators.Point, Generators.Point).Sample(
            (a, b) => Polyline.SphericalLowerBound(a, b) <= Geodesic.Wgs84.DistanceBetween(a, b).Metres,
            iter: 20_000);
    }

    [Fact]
    public void The_Bound_Is_Within_A_Percent_Of_The_Distance_Across_The_Levant()
    {
        // Al-Qusayr to Damascus, about 120 km: the bound rejects a 5 km zone from anything more than a few km beyond it.
        var qusayr = new GeoPoint(34.5089, 36.5797);
        var damascus = new GeoPoint(33.5138, 36.2765);
        var d = Geodesic.Wgs84.DistanceBetween(qusayr, damascus).Metres;
        Assert.InRange(Polyline.SphericalLowerBound(qusayr, damascus), d * 0.99, d);
        Assert.Equal(0, ReferenceFeature.OfPoint("q", qusayr, new FeatureProvenance("q", null, null, null, false, null, "q")).LowerBound(qusayr).Metres);
    }
}
