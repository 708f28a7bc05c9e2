using Truce.Geodesy;

namespace Truce.Places;

/// <summary>How large an administrative unit is: a whole country or one of its first- or second-order divisions.</summary>
public enum AdminLevel
{
    /// <summary>A country.</summary>
    Country,

    /// <summary>A first-order division (governorate, province).</summary>
    Admin1,

    /// <summary>A second-order division (district).</summary>
    Admin2,
}

/// <summary>An administrative unit that sources name (UCDP "Daraa Governorate", ACLED "Dar'a"), with the polygons that draw it.</summary>
/// <remarks>
/// A unit may be drawn by several polygons: UCDP's Quneitra Governorate is Natural Earth's Quneitra plus the UNDOF
/// area of separation. The unit's points are sampled once, on a grid whose covering radius is known, so that any
/// question about the whole unit (how far is it from a line, is it on one side) has a provable error bound.
/// </remarks>
public sealed class AdminUnit
{
    /// <summary>Grid spacing of the finest samples, in degrees of latitude (about 2.2 km).</summary>
    public const double SampleSpacingDegrees = 0.02;

    /// <summary>Coarser levels (each twice the spacing of the next) let most questions be settled with a few dozen points.</summary>
    public const int SampleLevels = 5;

    private readonly Lazy<AreaSamples>[] levels;

    // A dedicated lock: locking a collection goes through the monitor's slow path (its header is shared with other uses).
    private readonly Lock gate = new();

    /// <summary>Creates a unit from its polygons.</summary>
    public AdminUnit(string id, string name, AdminLevel level, IReadOnlyList<ReferenceFeature> areas, string? note)
    {
        ArgumentNullException.ThrowIfNull(areas);
        Id = Preconditions.CheckNotBlank(id, nameof(id));
        Name = Preconditions.CheckNotBlank(name, nameof(name));
        Level = level;
        if (areas.Count == 0 || areas.Any(a => a.Kind != FeatureKind.Area))
        {
            throw new ArgumentException($"unit '{id}' needs at least one area feature", nameof(areas));
        }

        Areas = areas;
        Note = note;
        Bounds = areas.Select(a => a.Bounds).Aggregate((a, b) => a.Union(b));
        levels = [.. Enumerable.Range(0, SampleLevels).Select(l => new Lazy<AreaSamples>(() => AreaSamples.Of(this, SampleSpacingDegrees * (1 << (SampleLevels - 1 - l)))))];
    }

    /// <summary>Stable id, e.g. <c>syria-quneitra</c>.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Country, governorate or district.</summary>
    public AdminLevel Level { get; }

    /// <summary>The polygons that draw it (their union is the unit).</summary>
    public IReadOnlyList<ReferenceFeature> Areas { get; }

    /// <summary>Why the unit is drawn as it is, if that needs saying.</summary>
    public string? Note { get; }

    /// <summary>The box around all its polygons.</summary>
    public BoundingBox Bounds { get; }

    /// <summary>The finest grid samples of the unit with their covering radius.</summary>
    public AreaSamples Samples => levels[^1].Value;

    /// <summary>Samples from coarse (level 0, spacing 16 × the finest) to fine (the last level); each level is computed on first use.</summary>
    public IEnumerable<AreaSamples> SamplesCoarseToFine => levels.Select(l => l.Value);

    private readonly Dictionary<(string Feature, int Level), (double Min, double Max)> distanceRanges = [];
    private readonly Dictionary<string, Judgement> insideArea = new(StringComparer.Ordinal);
    private PlanarEdges? edges;

    /// <summary>One edge index over every polygon of the unit (no union needed: a distance to the edges of the parts is what is asked).</summary>
    private PlanarEdges Edges
    {
        get
        {
            lock (gate)
            {
                return edges ??= new PlanarEdges(new NetTopologySuite.Geometries.GeometryCollection([.. Areas.Select(a => a.Planar)]));
            }
        }
    }

    /// <summary>The least and greatest exact distance from the samples of one level to a feature, shared by every zone built on that feature.</summary>
    public (double Min, double Max) DistanceRange(ReferenceFeature feature, int level)
    {
        ArgumentNullException.ThrowIfNull(feature);
        lock (gate)
        {
            if (!distanceRanges.TryGetValue((feature.Id, level), out var range))
            {
                range = (double.PositiveInfinity, 0);
                foreach (var p in levels[level].Value.Points)
                {
                    double d = feature.DistanceTo(p).Metres;
                    range = (Math.Min(range.Min, d), Math.Max(range.Max, d));
                }

                distanceRanges[(feature.Id, level)] = range;
            }

            return range;
        }
    }

    /// <summary>Whether the unit lies inside an area feature (yes), outside it (no) or across its edge, remembered per feature.</summary>
    public Judgement InsideArea(ReferenceFeature area, Func<Judgement> compute)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(compute);
        lock (gate)
        {
            if (!insideArea.TryGetValue(area.Id, out var answer))
            {
                answer = compute();
                insideArea[area.Id] = answer;
            }

            return answer;
        }
    }

    /// <summary>Whether the disc of <paramref name="radius"/> (plus <paramref name="tolerance"/>) around the point reaches the unit at all.</summary>
    /// <remarks>
    /// A cheap planar distance in degrees brackets the ground distance (a degree is at most 111.7 km, and at least
    /// 111.3 km × cos(latitude) across it); only a point between the brackets pays for the exact geodesic test.
    /// </remarks>
    public bool Reaches(GeoPoint point, Distance radius, Distance tolerance)
    {
        if (!radius.IsFinite || Contains(point))
        {
            return true;
        }

        double limit = radius.Metres + tolerance.Metres;
        double degrees = Areas.Count == 1 ? Areas[0].PlanarDistance(point.Longitude, point.Latitude) : Edges.Distance(point.Longitude, point.Latitude);
        double maxLat = Math.Min(89, Math.Max(Math.Abs(point.Latitude), Math.Max(Math.Abs(Bounds.South), Math.Abs(Bounds.North))) + degrees);
        double lower = degrees * 111_300 * Math.Cos(maxLat * Math.PI / 180) * 0.99, upper = degrees * 111_700;
        if (upper <= limit)
        {
            return true;
        }

        if (lower > limit)
        {
            return false;
        }

        var exact = Distance.FromMetres(limit);
        foreach (var a in Areas)
        {
            if (a.Area!.IsBoundaryWithin(point, exact))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the point lies in the unit.</summary>
    public bool Contains(GeoPoint p)
    {
        if (!Bounds.Contains(p))
        {
            return false;
        }

        foreach (var a in Areas)
        {
            if (a.Area!.Contains(p))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>Points that cover an area: every point of the area lies within <see cref="CoveringRadius"/> of one of them.</summary>
/// <param name="Points">Grid points inside the area and points along its boundary.</param>
/// <param name="Weights">Area weight of each point (cos latitude for grid points, 0 for boundary points), for shares of area.</param>
/// <param name="CoveringRadius">The bound: any point of the area is at most this far from some sample.</param>
public sealed record AreaSamples(IReadOnlyList<GeoPoint> Points, IReadOnlyList<double> Weights, Distance CoveringRadius)
{
    /// <summary>Samples a unit on a latitude/longitude grid (equal ground spacing) plus its boundary vertices, densified to the same spacing.</summary>
    /// <remarks>
    /// A point of the area lies in some grid cell. If a corner of that cell is inside the area, it is within one cell
    /// diagonal of a sample; otherwise the boundary crosses the cell, and a boundary sample lies within one diagonal
    /// plus one spacing. The covering radius is therefore twice the largest cell diagonal, a safe bound.
    /// </remarks>
    public static AreaSamples Of(AdminUnit unit, double spacingDegrees)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var b = unit.Bounds;
        // Longitude steps are chosen for the latitude where a degree is longest, so no cell is wider than the spacing.
        double minAbsLat = b.South <= 0 && b.North >= 0 ? 0 : Math.Min(Math.Abs(b.South), Math.Abs(b.North));
        double lonSpacing = spacingDegrees / Math.Max(0.05, Math.Cos(minAbsLat * Math.PI / 180));
        var points = new List<GeoPoint>();
        var weights = new List<double>();
        for (double lat = b.South; lat <= b.North + 1e-12; lat += spacingDegrees)
        {
            for (double lon = b.West; lon <= b.East + 1e-12; lon += lonSpacing)
            {
                var p = new GeoPoint(Math.Min(90, lat), Math.Min(180, lon));
                if (unit.Contains(p))
                {
                    points.Add(p);
                    weights.Add(Math.Cos(p.Latitude * Math.PI / 180));
                }
            }
        }

        var spacing = Distance.FromMetres(spacingDegrees * 111_700); // a degree of latitude is at most 111.7 km
        foreach (var ring in unit.Areas.SelectMany(a => a.Area!.Rings))
        {
            foreach (var p in AlongRing(ring, spacing))
            {
                points.Add(p);
                weights.Add(0);
            }
        }

        double cellDiagonal = Math.Sqrt(2) * spacing.Metres;
        // Boundary samples lie at most one spacing apart along the ring, so every boundary point is within that of one.
        return new AreaSamples(points, weights, Distance.FromMetres((2 * cellDiagonal) + spacing.Metres));
    }

    /// <summary>Points along a ring no more than <paramref name="spacing"/> apart along it, and no closer than needed: a detailed border of thousands of vertices becomes one point per spacing.</summary>
    private static List<GeoPoint> AlongRing(IReadOnlyList<GeoPoint> ring, Distance spacing)
    {
        var dense = GeoJsonLines.Densify(ring, spacing);
        var kept = new List<GeoPoint> { dense[0] };
        double sinceKept = 0;
        for (int i = 1; i < dense.Count; i++)
        {
            double step = Geodesic.Wgs84.DistanceBetween(dense[i - 1], dense[i]).Metres;
            if (sinceKept + step > spacing.Metres)
            {
                // Keep the last point that was still within one spacing of the previous kept one.
                kept.Add(dense[i - 1]);
                sinceKept = step;
            }
            else
            {
                sinceKept += step;
            }
        }

        kept.Add(dense[^1]);
        return kept;
    }
}
