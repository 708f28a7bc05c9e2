namespace Truce.Geodesy;

/// <summary>A line of geodesic segments (a border, a disengagement line) that answers exact ellipsoidal distance queries.</summary>
/// <remarks>
/// Each segment is the shortest geodesic between consecutive vertices on WGS84. Queries run branch and bound:
/// chunks of segments are skipped when a cheap, provably low bound on their distance already exceeds the best
/// answer found, and only the survivors get the exact iterative foot-point solution.
/// </remarks>
public sealed class Polyline
{
    private const int ChunkSize = 16;

    // Spherical distance on a sphere of the Earth's minimum radius of curvature (b²/a ≈ 6335.4 km) never exceeds
    // the WGS84 geodesic distance by more than this factor; scaling by it gives a safe lower bound.
    private const double SphericalLowerBoundRadius = 6_335_000.0;

    // Beyond this distance from a segment's start, its far end is measured too (see NearestOnSegment): 90° of arc is
    // at least 9,980 km on WGS84, and the flattening shifts the shape of the distance along a segment by well under 10%.
    private const double FarEndCheckBeyond = 9_000_000.0;

    private readonly GeoPoint[] vertices;
    private readonly GeodesicLine[] segments;
    private readonly Cap[] segmentCaps;
    private readonly Cap[] chunkCaps;

    // Caps over groups of ChunkSize chunks: a long boundary (a country, densified to 1 km) is thousands of segments,
    // and bounding groups of chunks lets a query skip most of them after a handful of spherical distances.
    private readonly Cap[] groupCaps;
    private readonly Geodesic geodesic;

    /// <summary>Creates a polyline on WGS84 from at least two vertices; consecutive duplicates are dropped.</summary>
    public Polyline(IEnumerable<GeoPoint> vertices)
        : this(vertices, Geodesic.Wgs84)
    {
    }

    /// <summary>Creates a polyline on the given ellipsoid.</summary>
    public Polyline(IEnumerable<GeoPoint> vertices, Geodesic geodesic)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        this.geodesic = geodesic ?? throw new ArgumentNullException(nameof(geodesic));
        var list = new List<GeoPoint>();
        foreach (var v in vertices)
        {
            if (list.Count == 0 || list[^1] != v)
            {
                list.Add(v);
            }
        }

        if (list.Count < 2)
        {
            throw new ArgumentException("a line needs at least two distinct vertices", nameof(vertices));
        }

        this.vertices = [.. list];
        segments = new GeodesicLine[list.Count - 1];
        segmentCaps = new Cap[segments.Length];
        for (int i = 0; i < segments.Length; i++)
        {
            segments[i] = geodesic.Line(list[i], list[i + 1]);
            double half = segments[i].Length.Metres / 2;
            var mid = segments[i].Position(half).Point;
            segmentCaps[i] = new Cap(mid, half);
        }

        chunkCaps = new Cap[(segments.Length + ChunkSize - 1) / ChunkSize];
        for (int c = 0; c < chunkCaps.Length; c++)
        {
            int first = c * ChunkSize, last = Math.Min(segments.Length, first + ChunkSize) - 1;
            var center = segmentCaps[(first + last) / 2].Center;
            double radius = 0;
            for (int i = first; i <= last; i++)
            {
                // Every point of segment i is within its cap radius of its midpoint: triangle inequality.
                radius = Math.Max(radius, geodesic.DistanceBetween(center, segmentCaps[i].Center).Metres + segmentCaps[i].Radius);
            }

            chunkCaps[c] = new Cap(center, radius);
        }

        groupCaps = new Cap[(chunkCaps.Length + ChunkSize - 1) / ChunkSize];
        for (int g = 0; g < groupCaps.Length; g++)
        {
            int first = g * ChunkSize, last = Math.Min(chunkCaps.Length, first + ChunkSize) - 1;
            var center = chunkCaps[(first + last) / 2].Center;
            double radius = 0;
            for (int c = first; c <= last; c++)
            {
                // Every point of chunk c is within its radius of its centre: the triangle inequality again.
                radius = Math.Max(radius, geodesic.DistanceBetween(center, chunkCaps[c].Center).Metres + chunkCaps[c].Radius);
            }

            groupCaps[g] = new Cap(center, radius);
        }

        Bounds = BoundingBox.Around(this.vertices);
        Length = Distance.FromMetres(segments.Sum(s => s.Length.Metres));
    }

    /// <summary>The vertices, in order.</summary>
    public IReadOnlyList<GeoPoint> Vertices => vertices;

    /// <summary>The box around the vertices (segments may bulge a little beyond it).</summary>
    public BoundingBox Bounds { get; }

    /// <summary>Total geodesic length.</summary>
    public Distance Length { get; }

    /// <summary>The nearest point of the line to <paramref name="point"/>, with the exact geodesic distance to it.</summary>
    public NearestPoint Nearest(GeoPoint point)
    {
        var best = new NearestPoint(Distance.Unbounded, point, -1, 0, 0);
        Search(point, double.PositiveInfinity, ref best, stopBelow: false);
        return best;
    }

    /// <summary>Exact geodesic distance from <paramref name="point"/> to the line.</summary>
    public Distance DistanceTo(GeoPoint point) => Nearest(point).Distance;

    /// <summary>Exact geodesic distance, given a distance the line is known not to exceed (say, to one of its points): the search starts pruned by it.</summary>
    /// <remarks>If no point of the line is nearer than the bound, the bound itself is the answer, which is exact when it was measured to a point of the line.</remarks>
    public Distance DistanceTo(GeoPoint point, Distance atMost)
    {
        var best = new NearestPoint(atMost, point, -1, 0, 0);
        Search(point, double.PositiveInfinity, ref best, stopBelow: false);
        return best.Distance;
    }

    /// <summary>A cheap lower bound on <see cref="DistanceTo(GeoPoint)"/>, from the bounding caps of the line's chunks (no geodesic is solved).</summary>
    /// <remarks>Never more than the exact distance: the spherical bound is taken on a sphere smaller than any of the ellipsoid's curvature.</remarks>
    public Distance LowerBound(GeoPoint point)
    {
        double best = double.PositiveInfinity;
        foreach (var cap in groupCaps)
        {
            best = Math.Min(best, cap.LowerBound(point));
        }

        return Distance.FromMetres(Math.Max(0, best));
    }

    /// <summary>Whether the line passes within <paramref name="limit"/> of the point; stops at the first segment that does.</summary>
    public bool IsWithin(GeoPoint point, Distance limit)
    {
        var best = new NearestPoint(Distance.Unbounded, point, -1, 0, 0);
        Search(point, limit.Metres, ref best, stopBelow: true);
        return best.Distance <= limit;
    }

    /// <summary>Which side of the line, walked from first vertex to last, the point lies on: +1 right, -1 left, 0 on it.</summary>
    public int SideOf(GeoPoint point)
    {
        var nearest = Nearest(point);
        int i = nearest.SegmentIndex;
        double side = SideOfSegment(i, nearest.Along, point);
        bool atStart = nearest.Along <= 1e-6, atEnd = nearest.Along >= segments[i].Length.Metres - 1e-6;

        // At an interior vertex the two adjacent segments may disagree (a corner); trust the one the point is
        // further from the extension of, which is the one whose side test is not degenerate.
        if (atStart && i > 0)
        {
            double other = SideOfSegment(i - 1, segments[i - 1].Length.Metres, point);
            side = Math.Abs(other) > Math.Abs(side) ? other : side;
        }
        else if (atEnd && i < segments.Length - 1)
        {
            double other = SideOfSegment(i + 1, 0, point);
            side = Math.Abs(other) > Math.Abs(side) ? other : side;
        }

        return nearest.Distance.Metres < 1e-3 ? 0 : Math.Sign(side);
    }

    /// <summary>Whether the point's nearest point of the line is one of its two ends: there "which side" is decided by the line's extension, which a disc can straddle without touching the line.</summary>
    internal bool NearestIsAnEnd(GeoPoint point)
    {
        var n = Nearest(point);
        return (n.SegmentIndex == 0 && n.Along <= 1e-6) || (n.SegmentIndex == segments.Length - 1 && n.Along >= segments[^1].Length.Metres - 1e-6);
    }

    private double SideOfSegment(int i, double along, GeoPoint point)
    {
        // Azimuth of the line at the foot, and towards the point: sin of the difference is positive on the right.
        var (foot, lineAzimuth) = segments[i].Position(along);
        var toPoint = geodesic.Inverse(foot, point);
        return Math.Sin((toPoint.Azimuth1 - lineAzimuth) * GeoMath.Degree);
    }

    private void Search(GeoPoint point, double limit, ref NearestPoint best, bool stopBelow)
    {
        // Best-first over groups, then over the chunks of each group, so the answer tightens quickly and each sort is
        // over a few entries only. A group, chunk or segment whose lower bound exceeds the best distance so far (or
        // the limit) cannot hold a nearer point and is skipped.
        Span<(double Bound, int Index)> groups = groupCaps.Length <= 128
            ? stackalloc (double, int)[groupCaps.Length]
            : new (double, int)[groupCaps.Length];
        for (int g = 0; g < groupCaps.Length; g++)
        {
            groups[g] = (groupCaps[g].LowerBound(point), g);
        }

        groups.Sort((a, b) => a.Bound.CompareTo(b.Bound));
        Span<(double Bound, int Index)> chunks = stackalloc (double, int)[ChunkSize];
        foreach (var (groupBound, g) in groups)
        {
            if (groupBound > Math.Min(limit, best.Distance.Metres))
            {
                break;
            }

            int firstChunk = g * ChunkSize, chunkCount = Math.Min(chunkCaps.Length, firstChunk + ChunkSize) - firstChunk;
            for (int k = 0; k < chunkCount; k++)
            {
                chunks[k] = (chunkCaps[firstChunk + k].LowerBound(point), firstChunk + k);
            }

            var inGroup = chunks[..chunkCount];
            inGroup.Sort((a, b) => a.Bound.CompareTo(b.Bound));
            foreach (var (bound, c) in inGroup)
            {
                if (bound > Math.Min(limit, best.Distance.Metres))
                {
                    break;
                }

                int first = c * ChunkSize, last = Math.Min(segments.Length, first + ChunkSize);
                for (int i = first; i < last; i++)
                {
                    if (segmentCaps[i].LowerBound(point) > Math.Min(limit, best.Distance.Metres))
                    {
                        continue;
                    }

                    var candidate = NearestOnSegment(i, point);
                    if (candidate.Distance < best.Distance)
                    {
                        best = candidate;
                        if (stopBelow && best.Distance.Metres <= limit)
                        {
                            return;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Foot of the perpendicular from the point to segment i, found by Newton steps on the ellipsoid.</summary>
    /// <remarks>
    /// On a sphere a right triangle with hypotenuse d and angle θ at the foot has leg atan(tan d · cos θ); that
    /// spherical step, applied at the current ellipsoidal foot point, converges in a few iterations because the
    /// residual error is of the order of the flattening. The step is clamped to the segment's ends; when it stays at
    /// the start, the far end is measured too (the one case where the nearer foot of the great circle misleads).
    /// </remarks>
    internal NearestPoint NearestOnSegment(int i, GeoPoint point)
    {
        const double radius = 6_371_008.8;
        var line = segments[i];
        double length = line.Length.Metres;
        double s = 0;
        var foot = vertices[i];
        double lineAzimuth = line.Azimuth1;
        GeodesicInverse toPoint = geodesic.Inverse(foot, point);
        for (int iteration = 0; iteration < 30; iteration++)
        {
            double sigma = toPoint.Length.Metres / radius;
            double theta = (toPoint.Azimuth1 - lineAzimuth) * GeoMath.Degree;
            double step = radius * Math.Atan2(Math.Sin(sigma) * Math.Cos(theta), Math.Cos(sigma));
            double next = Math.Clamp(s + step, 0, length);
            if (Math.Abs(next - s) < 1e-5)
            {
                break;
            }

            s = next;
            (foot, lineAzimuth) = s >= length ? (vertices[i + 1], line.Position(length).Azimuth) : line.Position(s);
            toPoint = geodesic.Inverse(foot, point);
        }

        if (s == 0 && toPoint.Length.Metres > FarEndCheckBeyond)
        {
            // Seen from a point near the antipode of part of the segment, the distance along it rises to a maximum
            // inside the segment and falls again, so the Newton steps stay at the start while the far end may be nearer.
            // On a sphere that needs the start more than a quarter circumference (90° of arc) from the point.
            var fromEnd = geodesic.Inverse(vertices[i + 1], point);
            if (fromEnd.Length < toPoint.Length)
            {
                return new NearestPoint(fromEnd.Length, vertices[i + 1], i, length, fromEnd.Azimuth1);
            }
        }

        return new NearestPoint(toPoint.Length, foot, i, s, toPoint.Azimuth1);
    }

    /// <summary>A lower bound on the geodesic distance between two points, from trigonometry alone (no geodesic is solved).</summary>
    /// <remarks>Haversine on a sphere no larger than the ellipsoid's smallest radius of curvature underestimates the geodesic distance; the factor and the metre cover rounding.</remarks>
    internal static double SphericalLowerBound(GeoPoint a, GeoPoint b)
    {
        double phi1 = a.Latitude * GeoMath.Degree, phi2 = b.Latitude * GeoMath.Degree;
        double dphi = phi2 - phi1, dlam = (b.Longitude - a.Longitude) * GeoMath.Degree;
        double h = GeoMath.Sq(Math.Sin(dphi / 2)) + (Math.Cos(phi1) * Math.Cos(phi2) * GeoMath.Sq(Math.Sin(dlam / 2)));
        double central = 2 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        return (SphericalLowerBoundRadius * central * 0.995) - 1.0;
    }

    private readonly record struct Cap(GeoPoint Center, double Radius)
    {
        // Subtracting the cap radius from the spherical bound to its centre bounds the distance to anything in the cap.
        public double LowerBound(GeoPoint p) => SphericalLowerBound(Center, p) - Radius;
    }
}

/// <summary>The point of a line nearest to a query point: the distance, the foot point, which segment and how far along it.</summary>
/// <param name="Distance">Geodesic distance from the query point to the foot.</param>
/// <param name="Foot">The nearest point on the line.</param>
/// <param name="SegmentIndex">Index of the segment holding the foot (0 is the segment from the first vertex).</param>
/// <param name="Along">Metres from the segment's start to the foot.</param>
/// <param name="AzimuthToPoint">Azimuth at the foot towards the query point, degrees.</param>
public readonly record struct NearestPoint(Distance Distance, GeoPoint Foot, int SegmentIndex, double Along, double AzimuthToPoint);
