using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Truce.Geodesy;

/// <summary>OGC validity of polygons as RFC 7946 draws them (straight edges in longitude/latitude), checked with NetTopologySuite.</summary>
/// <remarks>
/// A self-intersecting ring has no well-defined inside: ray casting would call some of its points inside and others
/// out depending on the direction of the ray. Such geometry is refused rather than used.
/// </remarks>
internal static class PolygonValidity
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>Why the polygons are not valid (with the place), or null when they are.</summary>
    public static string? Problem(IReadOnlyList<IReadOnlyList<IReadOnlyList<GeoPoint>>> polygons)
    {
        var parts = polygons.Select(ToPolygon).ToArray();
        for (int i = 0; i < parts.Length; i++)
        {
            if (new IsValidOp(parts[i]).ValidationError is { } e)
            {
                return Describe(e, polygons.Count > 1 ? $"part {i}: " : string.Empty);
            }
        }

        if (parts.Length > 1 && new IsValidOp(Factory.CreateMultiPolygon(parts)).ValidationError is { } multi)
        {
            return Describe(multi, "parts overlap: ");
        }

        return null;
    }

    /// <summary>One polygon in NetTopologySuite's planar model: x = longitude, y = latitude.</summary>
    internal static Polygon ToPolygon(IReadOnlyList<IReadOnlyList<GeoPoint>> rings)
    {
        LinearRing Ring(IReadOnlyList<GeoPoint> r) => Factory.CreateLinearRing([.. r.Select(p => new Coordinate(p.Longitude, p.Latitude))]);
        return Factory.CreatePolygon(Ring(rings[0]), [.. rings.Skip(1).Select(Ring)]);
    }

    private static string Describe(TopologyValidationError e, string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{e.Message.ToLowerInvariant()} near {e.Coordinate?.Y:0.#####}N {e.Coordinate?.X:0.#####}E");
}
