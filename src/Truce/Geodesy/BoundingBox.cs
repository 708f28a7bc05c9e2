namespace Truce.Geodesy;

/// <summary>A latitude/longitude box used to prune work and describe coverage; it does not cross the antimeridian.</summary>
/// <remarks><c>default</c> is the single point (0°, 0°), not "empty": an empty zone is represented by a null box.</remarks>
public readonly record struct BoundingBox
{
    /// <summary>Creates a box; south must not exceed north, nor west exceed east.</summary>
    public BoundingBox(double south, double west, double north, double east)
    {
        South = Preconditions.CheckRange(south, -90, 90, nameof(south));
        North = Preconditions.CheckRange(north, South, 90, nameof(north));
        West = Preconditions.CheckRange(west, -180, 180, nameof(west));
        East = Preconditions.CheckRange(east, West, 180, nameof(east));
    }

    /// <summary>Southern edge, degrees.</summary>
    public double South { get; }

    /// <summary>Western edge, degrees.</summary>
    public double West { get; }

    /// <summary>Northern edge, degrees.</summary>
    public double North { get; }

    /// <summary>Eastern edge, degrees.</summary>
    public double East { get; }

    /// <summary>The smallest box around the given points.</summary>
    public static BoundingBox Around(IEnumerable<GeoPoint> points)
    {
        double s = 90, w = 180, n = -90, e = -180;
        bool any = false;
        foreach (var p in points)
        {
            any = true;
            s = Math.Min(s, p.Latitude);
            n = Math.Max(n, p.Latitude);
            w = Math.Min(w, p.Longitude);
            e = Math.Max(e, p.Longitude);
        }

        if (!any)
        {
            throw new ArgumentException("a bounding box needs at least one point", nameof(points));
        }

        return new BoundingBox(s, w, n, e);
    }

    /// <summary>Whether the point lies inside or on the edge of the box.</summary>
    public bool Contains(GeoPoint p) =>
        p.Latitude >= South && p.Latitude <= North && p.Longitude >= West && p.Longitude <= East;

    /// <summary>Whether two boxes share any point.</summary>
    public bool Intersects(BoundingBox other) =>
        other.South <= North && other.North >= South && other.West <= East && other.East >= West;

    /// <summary>The whole world.</summary>
    public static BoundingBox World => new(-90, -180, 90, 180);

    /// <summary>The common part of two boxes, or null when they are disjoint.</summary>
    public BoundingBox? Intersect(BoundingBox other) => Intersects(other)
        ? new BoundingBox(Math.Max(South, other.South), Math.Max(West, other.West), Math.Min(North, other.North), Math.Min(East, other.East))
        : null;

    /// <summary>The smallest box containing both.</summary>
    public BoundingBox Union(BoundingBox other) => new(
        Math.Min(South, other.South), Math.Min(West, other.West), Math.Max(North, other.North), Math.Max(East, other.East));

    /// <summary>The box grown on every side by at least <paramref name="margin"/> on the ground (clamped at the poles and the antimeridian).</summary>
    public BoundingBox Expand(Distance margin)
    {
        if (!margin.IsFinite)
        {
            return new BoundingBox(-90, -180, 90, 180);
        }

        // A degree of latitude is at least 110.5 km; a degree of longitude shrinks with cos(latitude).
        double dLat = margin.Metres / 110_500.0;
        double maxAbsLat = Math.Min(89.999, Math.Max(Math.Abs(South), Math.Abs(North)) + dLat);
        double dLon = margin.Metres / (111_000.0 * Math.Cos(maxAbsLat * GeoMath.Degree) * 0.99);
        if (maxAbsLat >= 89.0 || dLon >= 180)
        {
            return new BoundingBox(Math.Max(-90, South - dLat), -180, Math.Min(90, North + dLat), 180);
        }

        return new BoundingBox(
            Math.Max(-90, South - dLat), Math.Max(-180, West - dLon), Math.Min(90, North + dLat), Math.Min(180, East + dLon));
    }
}
