using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Truce.Geodesy;

/// <summary>Areas in NetTopologySuite's planar model (x = longitude, y = latitude), which is exact for RFC 7946 polygons: their edges are straight in those coordinates.</summary>
/// <remarks>Only set-theoretic questions (union, containment, overlap) are asked here; every distance stays geodesic.</remarks>
internal static class Planar
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>The area as one NetTopologySuite geometry.</summary>
    public static Geometry Of(PolygonSet area) =>
        Factory.CreateMultiPolygon([.. area.Polygons.Select(PolygonValidity.ToPolygon)]).Union();

    /// <summary>The union of several areas (adjacent governorates dissolve into one region), as a polygon set.</summary>
    public static PolygonSet Union(IEnumerable<PolygonSet> areas)
    {
        var union = CascadedPolygonUnion.Union([.. areas.Select(Of)]);
        var polygons = new List<IReadOnlyList<IReadOnlyList<GeoPoint>>>();
        for (int i = 0; i < union.NumGeometries; i++)
        {
            if (union.GetGeometryN(i) is Polygon p && !p.IsEmpty)
            {
                polygons.Add([Ring(p.ExteriorRing), .. p.InteriorRings.Select(Ring)]);
            }
        }

        return new PolygonSet(polygons);
    }

    private static IReadOnlyList<GeoPoint> Ring(LineString ring) => [.. ring.Coordinates.Select(c => new GeoPoint(c.Y, c.X))];
}
