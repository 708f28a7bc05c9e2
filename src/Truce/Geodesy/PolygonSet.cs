namespace Truce.Geodesy;

/// <summary>One or more polygons with holes (a GeoJSON Polygon or MultiPolygon) with point-in-area and boundary-distance tests.</summary>
/// <remarks>
/// Membership follows RFC 7946: an edge is the straight line between its positions in longitude/latitude, so
/// the ray-casting test runs in those coordinates. Boundary distances are geodesic, measured to the rings after
/// densifying long edges along those same straight lines, so both tests agree on where the edge is.
/// Rings must not cross the antimeridian (none of Truce's reference geometry does).
/// </remarks>
public sealed class PolygonSet
{
    private const int Bands = 512;

    private readonly Ring[] rings;
    private readonly Lazy<Polyline[]> boundaries;

    // For each latitude band, the edges (ring, start index) whose latitude range meets it: a point's ray crosses only those.
    private readonly (int Ring, int Edge)[][] bandEdges;
    private readonly double bandHeight;

    /// <summary>Creates the area from polygons, each given as its exterior ring followed by its holes.</summary>
    public PolygonSet(IEnumerable<IReadOnlyList<IReadOnlyList<GeoPoint>>> polygons)
    {
        ArgumentNullException.ThrowIfNull(polygons);
        var ringList = new List<Ring>();
        int polygonIndex = 0;
        foreach (var polygon in polygons)
        {
            if (polygon.Count == 0)
            {
                throw new ArgumentException($"polygon {polygonIndex} has no rings", nameof(polygons));
            }

            for (int r = 0; r < polygon.Count; r++)
            {
                var ring = polygon[r];
                if (ring.Count < 4 || ring[0] != ring[^1])
                {
                    throw new ArgumentException(
                        $"polygon {polygonIndex} ring {r} must be closed with at least four positions (RFC 7946 §3.1.6)", nameof(polygons));
                }

                ringList.Add(new Ring([.. ring], polygonIndex, IsHole: r > 0));
            }

            polygonIndex++;
        }

        if (ringList.Count == 0)
        {
            throw new ArgumentException("an area needs at least one polygon", nameof(polygons));
        }

        rings = [.. ringList];
        PolygonCount = polygonIndex;
        boundaries = new Lazy<Polyline[]>(() => [.. rings.Select(r => new Polyline(GeoJsonLines.Densify(r.Points, GeoJsonLines.MaxEdge)))]);
        Bounds = rings.Select(r => BoundingBox.Around(r.Points)).Aggregate((a, b) => a.Union(b));
        bandHeight = Math.Max(1e-9, (Bounds.North - Bounds.South) / Bands);
        var lists = new List<(int, int)>[Bands];
        for (int r = 0; r < rings.Length; r++)
        {
            var pts = rings[r].Points;
            for (int i = 0; i + 1 < pts.Length; i++)
            {
                int lo = Band(Math.Min(pts[i].Latitude, pts[i + 1].Latitude)), hi = Band(Math.Max(pts[i].Latitude, pts[i + 1].Latitude));
                for (int b = lo; b <= hi; b++)
                {
                    (lists[b] ??= []).Add((r, i));
                }
            }
        }

        bandEdges = [.. lists.Select(l => l?.ToArray() ?? [])];
    }

    /// <summary>Number of polygons (parts).</summary>
    public int PolygonCount { get; }

    /// <summary>The box around all rings.</summary>
    public BoundingBox Bounds { get; }

    /// <summary>The polygons as given: each is its exterior ring followed by its holes.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<GeoPoint>>> Polygons =>
        [.. rings.GroupBy(r => r.Polygon).Select(g => (IReadOnlyList<IReadOnlyList<GeoPoint>>)[.. g.Select(r => (IReadOnlyList<GeoPoint>)r.Points)])];

    /// <summary>The rings as lists of points: exterior rings and holes, in input order.</summary>
    public IEnumerable<IReadOnlyList<GeoPoint>> Rings => rings.Select(r => (IReadOnlyList<GeoPoint>)r.Points);

    /// <summary>Whether the point is inside (or on the edge of) the area.</summary>
    public bool Contains(GeoPoint p)
    {
        if (!Bounds.Contains(p))
        {
            return false;
        }

        // Even-odd ray casting per ring, over the edges of the point's latitude band only. A point on an exterior
        // edge is inside; a point on a hole's edge is on the area's boundary, so also inside.
        Span<bool> inside = rings.Length <= 256 ? stackalloc bool[rings.Length] : new bool[rings.Length];
        Span<bool> onEdge = rings.Length <= 256 ? stackalloc bool[rings.Length] : new bool[rings.Length];
        double x = p.Longitude, y = p.Latitude;
        foreach (var (r, i) in bandEdges[Band(y)])
        {
            var pts = rings[r].Points;
            double xi = pts[i].Longitude, yi = pts[i].Latitude, xj = pts[i + 1].Longitude, yj = pts[i + 1].Latitude;
            if (OnSegment(xi, yi, xj, yj, x, y))
            {
                onEdge[r] = true;
            }

            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside[r] = !inside[r];
            }
        }

        // Inside a polygon = inside its exterior ring and outside all of its holes; inside the set = inside any polygon.
        Span<bool> insideExterior = PolygonCount <= 256 ? stackalloc bool[PolygonCount] : new bool[PolygonCount];
        Span<bool> insideHole = PolygonCount <= 256 ? stackalloc bool[PolygonCount] : new bool[PolygonCount];
        for (int r = 0; r < rings.Length; r++)
        {
            bool isIn = inside[r] || onEdge[r];
            if (rings[r].IsHole)
            {
                insideHole[rings[r].Polygon] |= isIn && !onEdge[r];
            }
            else
            {
                insideExterior[rings[r].Polygon] |= isIn;
            }
        }

        for (int i = 0; i < PolygonCount; i++)
        {
            if (insideExterior[i] && !insideHole[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Exact geodesic distance from the point to the nearest ring (exterior or hole).</summary>
    public Distance DistanceToBoundary(GeoPoint p)
    {
        var best = Distance.Unbounded;
        foreach (var b in boundaries.Value)
        {
            best = Distance.Min(best, b.DistanceTo(p));
        }

        return best;
    }

    /// <summary>The exact distance to the nearest ring when it is less than <paramref name="atMost"/>, otherwise <paramref name="atMost"/>: the search is pruned by it.</summary>
    internal Distance DistanceToBoundary(GeoPoint p, Distance atMost)
    {
        var best = atMost;
        foreach (var b in boundaries.Value)
        {
            if (b.LowerBound(p) < best)
            {
                best = b.DistanceTo(p, best);
            }
        }

        return best;
    }

    /// <summary>Whether any ring passes within <paramref name="limit"/> of the point.</summary>
    /// <remarks>
    /// The cheap bound of each ring (its chunks' caps) rules most points out before any geodesic is solved; the exact
    /// search decides the rest.
    /// </remarks>
    public bool IsBoundaryWithin(GeoPoint p, Distance limit)
    {
        foreach (var b in boundaries.Value)
        {
            if (b.LowerBound(p) <= limit && b.IsWithin(p, limit))
            {
                return true;
            }
        }

        return false;
    }

    private int Band(double latitude) => Math.Clamp((int)((latitude - Bounds.South) / bandHeight), 0, Bands - 1);

    private static bool OnSegment(double x1, double y1, double x2, double y2, double x, double y)
    {
        double cross = ((x2 - x1) * (y - y1)) - ((y2 - y1) * (x - x1));
        return Math.Abs(cross) <= 1e-12 && x >= Math.Min(x1, x2) - 1e-12 && x <= Math.Max(x1, x2) + 1e-12
            && y >= Math.Min(y1, y2) - 1e-12 && y <= Math.Max(y1, y2) + 1e-12;
    }

    private sealed record Ring(GeoPoint[] Points, int Polygon, bool IsHole);
}

/// <summary>RFC 7946 line semantics: an edge is straight in longitude/latitude, and long edges are densified before geodesic measurement.</summary>
public static class GeoJsonLines
{
    // A geodesic chord of length L of a curve with geodesic curvature κ stands off the curve by about κL²/8. R is the
    // smallest radius of curvature of WGS84, so the curvature, and with it the sag, errs on the large side.
    private const double SagTolerance = 0.02;
    private const double MinimumRadius = 6_335_000.0;

    /// <summary>Edges longer than this are split.</summary>
    /// <remarks>Pieces are also kept short enough that their geodesic chords stay within 2 cm of the straight edge: a
    /// chord of length L along a parallel at latitude φ sags poleward by about L² tan φ / 8R, 1.3 cm for 1 km at 33°N,
    /// so up to about 45° of latitude 1 km pieces are short enough, and nearer the poles they are shortened.</remarks>
    public static readonly Distance MaxEdge = Distance.FromKilometres(1);

    /// <summary>The points with extra vertices inserted along straight lon/lat edges so that no piece exceeds
    /// <paramref name="maxEdge"/> on the ground and no piece's geodesic chord strays more than 2 cm from its edge.</summary>
    public static IReadOnlyList<GeoPoint> Densify(IReadOnlyList<GeoPoint> points, Distance maxEdge)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!(maxEdge.Metres > 0) || !maxEdge.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEdge), maxEdge, "the densification spacing must be a positive finite distance");
        }

        var result = new List<GeoPoint>(points.Count);
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0)
            {
                var a = points[i - 1];
                var b = points[i];
                int pieces = Pieces(a, b, maxEdge.Metres);
                for (int k = 1; k < pieces; k++)
                {
                    result.Add(Along(a, b, (double)k / pieces));
                }
            }

            result.Add(points[i]);
        }

        return result;
    }

    /// <summary>The largest geodesic curvature of the straight lon/lat line from a to b, per metre.</summary>
    /// <remarks>
    /// A line of slope c = dφ/dλ turns both because it is not a great circle and because its heading swings as
    /// cos φ changes: κ = sin φ (2c² + cos²φ) / (R (c² + cos²φ)^(3/2)), which is tan φ / R along a parallel and zero
    /// along a meridian. For any c it grows as cos φ shrinks, so it is largest at the edge's most poleward point.
    /// </remarks>
    private static double Curvature(GeoPoint a, GeoPoint b)
    {
        double dLon = b.Longitude - a.Longitude;
        if (dLon == 0)
        {
            return 0;
        }

        double c2 = GeoMath.Sq((b.Latitude - a.Latitude) / dLon);
        var (sin, cos) = GeoMath.SinCosd(Math.Max(Math.Abs(a.Latitude), Math.Abs(b.Latitude)));
        double x = cos * cos;
        return c2 + x == 0 ? 0 : sin * ((2 * c2) + x) / Math.Pow(c2 + x, 1.5) / MinimumRadius; // 0: an edge along a pole has no length
    }

    private static GeoPoint Along(GeoPoint a, GeoPoint b, double t) =>
        new(a.Latitude + ((b.Latitude - a.Latitude) * t), a.Longitude + ((b.Longitude - a.Longitude) * t));

    private static int Pieces(GeoPoint a, GeoPoint b, double maxEdge)
    {
        double spacing = Math.Min(maxEdge, Math.Sqrt(8 * SagTolerance / Curvature(a, b)));
        int pieces = Math.Max(1, (int)Math.Ceiling(Geodesic.Wgs84.DistanceBetween(a, b).Metres / spacing));

        // The straight lon/lat edge is longer than the geodesic between its ends (much longer near a pole), so the
        // count from the end-to-end distance can leave pieces that are too long: grow it until every piece fits.
        for (int round = 0; round < 8; round++)
        {
            double longest = 0;
            for (int k = 0; k < pieces; k++)
            {
                longest = Math.Max(longest, Geodesic.Wgs84.DistanceBetween(Along(a, b, (double)k / pieces), Along(a, b, (double)(k + 1) / pieces)).Metres);
            }

            if (longest <= spacing)
            {
                break;
            }

            pieces = (int)Math.Ceiling(pieces * longest / spacing);
        }

        return pieces;
    }
}
