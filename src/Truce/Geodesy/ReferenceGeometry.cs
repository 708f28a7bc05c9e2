namespace Truce.Geodesy;

/// <summary>What shape a reference feature has.</summary>
public enum FeatureKind
{
    /// <summary>A single place (a checkpoint, a town).</summary>
    Point,

    /// <summary>One or more lines (a border, a disengagement line).</summary>
    Line,

    /// <summary>One or more polygons (a country, a governorate).</summary>
    Area,
}

/// <summary>A named piece of reference geometry that zones are built from, with its provenance.</summary>
public sealed class ReferenceFeature
{
    private ReferenceFeature(string id, FeatureKind kind, GeoPoint? point, IReadOnlyList<Polyline> lines, PolygonSet? area, FeatureProvenance provenance)
    {
        Id = id;
        Kind = kind;
        Point = point;
        Lines = lines;
        Area = area;
        Provenance = provenance;
        Bounds = kind switch
        {
            FeatureKind.Point => new BoundingBox(point!.Value.Latitude, point.Value.Longitude, point.Value.Latitude, point.Value.Longitude),
            FeatureKind.Line => lines.Select(l => l.Bounds).Aggregate((a, b) => a.Union(b)),
            _ => area!.Bounds,
        };
    }

    /// <summary>Feature id used by specs.</summary>
    public string Id { get; }

    /// <summary>Point, line or area.</summary>
    public FeatureKind Kind { get; }

    /// <summary>The place, for points.</summary>
    public GeoPoint? Point { get; }

    /// <summary>The lines (densified per RFC 7946), for lines.</summary>
    public IReadOnlyList<Polyline> Lines { get; }

    /// <summary>The polygons, for areas.</summary>
    public PolygonSet? Area { get; }

    /// <summary>Where it came from and how exact it is.</summary>
    public FeatureProvenance Provenance { get; }

    /// <summary>The box around it.</summary>
    public BoundingBox Bounds { get; }

    /// <summary>For areas: the planar (lon/lat) geometry used for containment between areas, built on first use.</summary>
    internal NetTopologySuite.Geometries.Geometry Planar => planar ??= Geodesy.Planar.Of(Area ?? throw new InvalidOperationException($"'{Id}' is not an area"));

    private NetTopologySuite.Geometries.Geometry? planar;

    /// <summary>For areas: the planar geometry grown by <paramref name="degrees"/>, built once per feature and tolerance.</summary>
    internal NetTopologySuite.Geometries.Geometry Grown(double degrees)
    {
        lock (gate)
        {
            if (!grownCache.TryGetValue(degrees, out var g))
            {
                g = Planar.Buffer(degrees);
                grownCache[degrees] = g;
            }

            return g;
        }
    }

    private readonly Dictionary<double, NetTopologySuite.Geometries.Geometry> grownCache = [];

    // A dedicated lock: locking a collection goes through the monitor's slow path (its header is shared with other uses).
    private readonly Lock gate = new();

    private PlanarEdges? edges;

    /// <summary>For areas: the planar (degree) distance from a point to the area's edges, through an index built on first use.</summary>
    internal double PlanarDistance(double longitude, double latitude)
    {
        PlanarEdges index;
        lock (gate)
        {
            index = edges ??= new PlanarEdges(Planar);
        }

        return index.Distance(longitude, latitude);
    }

    /// <summary>A point feature.</summary>
    public static ReferenceFeature OfPoint(string id, GeoPoint point, FeatureProvenance provenance) =>
        new(id, FeatureKind.Point, point, [], null, provenance);

    /// <summary>A line feature made of one or more polylines.</summary>
    public static ReferenceFeature OfLines(string id, IReadOnlyList<Polyline> lines, FeatureProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new ArgumentException("a line feature needs at least one line", nameof(lines));
        }

        return new(id, FeatureKind.Line, null, lines, null, provenance);
    }

    /// <summary>An area feature.</summary>
    public static ReferenceFeature OfArea(string id, PolygonSet area, FeatureProvenance provenance) =>
        new(id, FeatureKind.Area, null, [], area ?? throw new ArgumentNullException(nameof(area)), provenance);

    /// <summary>A cheap lower bound on <see cref="DistanceTo(GeoPoint)"/> (zero inside an area's box): never more than the exact distance.</summary>
    public Distance LowerBound(GeoPoint p) => Kind switch
    {
        FeatureKind.Point => Distance.FromMetres(Math.Max(0, Polyline.SphericalLowerBound(Point!.Value, p))),
        FeatureKind.Line => LinesLowerBound(p),
        _ => Distance.Zero,
    };

    private Distance LinesLowerBound(GeoPoint p)
    {
        var best = Distance.Unbounded;
        foreach (var line in Lines)
        {
            best = Distance.Min(best, line.LowerBound(p));
        }

        return best;
    }

    /// <summary>For points and lines: the exact distance and the nearest point of the feature, whose distance to any other place bounds that place's distance from above.</summary>
    internal (Distance Distance, GeoPoint? Nearest) DistanceAndNearest(GeoPoint p)
    {
        switch (Kind)
        {
            case FeatureKind.Point:
                return (Geodesic.Wgs84.DistanceBetween(Point!.Value, p), Point);
            case FeatureKind.Line:
                NearestPoint best = default;
                bool first = true;
                foreach (var line in Lines)
                {
                    var n = line.Nearest(p);
                    if (first || n.Distance < best.Distance)
                    {
                        (best, first) = (n, false);
                    }
                }

                return (best.Distance, best.Foot);
            default:
                return (DistanceTo(p), null);
        }
    }

    /// <summary>Exact distance, given a distance the feature is known not to exceed; lines search pruned by it.</summary>
    internal Distance DistanceTo(GeoPoint p, Distance atMost) => Kind == FeatureKind.Line
        ? Lines.Select(l => l.DistanceTo(p, atMost)).Min()
        : Distance.Min(DistanceTo(p), atMost);

    /// <summary>Exact geodesic distance from the point to the feature (zero inside an area).</summary>
    public Distance DistanceTo(GeoPoint p) => Kind switch
    {
        FeatureKind.Point => Geodesic.Wgs84.DistanceBetween(Point!.Value, p),
        FeatureKind.Line => Lines.Select(l => l.DistanceTo(p)).Min(),
        _ => Area!.Contains(p) ? Distance.Zero : Area.DistanceToBoundary(p),
    };
}

/// <summary>Provenance of a reference feature: its name, source, licence and the resolution a verdict near a threshold must state.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Licence">Its licence.</param>
/// <param name="Resolution">How exact it is (e.g. Natural Earth's quantisation grid).</param>
/// <param name="Approximate">True for hand-drawn stand-ins that a better source should replace.</param>
/// <param name="Caveat">Any other warning to carry into reports.</param>
/// <param name="File">The file it was read from.</param>
public sealed record FeatureProvenance(string Name, string? Source, string? Licence, string? Resolution, bool Approximate, string? Caveat, string File);

/// <summary>All reference features available to a set of specs, by id.</summary>
public sealed class GeometryCatalog
{
    private readonly Dictionary<string, ReferenceFeature> features = new(StringComparer.Ordinal);

    /// <summary>The features by id.</summary>
    public IReadOnlyDictionary<string, ReferenceFeature> Features => features;

    /// <summary>Adds a feature; false when the id is already taken.</summary>
    public bool TryAdd(ReferenceFeature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return features.TryAdd(feature.Id, feature);
    }
}
