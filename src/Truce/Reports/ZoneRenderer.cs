using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using Truce.Agreements;
using Truce.Geodesy;

namespace Truce.Reports;

/// <summary>Draws zone expressions as lon/lat polygons for maps. For display only: verdicts never use these shapes.</summary>
/// <remarks>
/// A "within d" buffer is the union of geodesic circles (72 points each, from the direct problem on WGS84) centred
/// on the feature's vertices, resampled at most d/4 apart, so the drawn edge sits inside the true edge by at most
/// about d/128 between vertices (0.7 km for 85 km). Set operations run in longitude/latitude with NetTopologySuite,
/// which is planar: acceptable for a picture, which is why the core never uses it for a distance or a verdict.
/// </remarks>
public static class ZoneRenderer
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>The drawn zone, or null when it cannot be drawn (empty, or unbounded like a bare "beyond").</summary>
    public static Geometry? Render(ZoneExpr expr, GeometryCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(catalog);
        var g = Draw(expr, catalog, Frame(expr, catalog));
        return g is null || g.IsEmpty ? null : g;
    }

    private static Geometry? Draw(ZoneExpr expr, GeometryCatalog catalog, Envelope frame)
    {
        switch (expr)
        {
            case WithinExpr w:
                return Buffer(catalog.Features[w.Of], w.Distance);
            case BeyondExpr b:
                return Factory.ToGeometry(frame).Difference(Buffer(catalog.Features[b.Of], b.Distance));
            case AreaExpr a:
                return AreaGeometry(catalog.Features[a.Of]);
            case SideExpr s:
                return HalfPlane(catalog.Features[s.Of], s.Side, frame);
            case AllExpr all:
                {
                    Geometry? acc = null;
                    foreach (var p in all.Parts)
                    {
                        var g = Draw(p, catalog, frame);
                        if (g is null)
                        {
                            return null;
                        }

                        acc = acc is null ? g : acc.Intersection(g);
                    }

                    return acc;
                }

            case AnyExpr any:
                return UnaryUnionOp.Union([.. any.Parts.Select(p => Draw(p, catalog, frame)).OfType<Geometry>()]);
            case DifferenceExpr d:
                {
                    var baseGeometry = Draw(d.Base, catalog, frame);
                    var minus = Draw(d.Minus, catalog, frame);
                    return baseGeometry is null ? null : minus is null ? baseGeometry : baseGeometry.Difference(minus);
                }

            default:
                return null;
        }
    }

    /// <summary>A frame for unbounded parts: the features used, widened by the largest distance in the expression plus 100 km.</summary>
    private static Envelope Frame(ZoneExpr expr, GeometryCatalog catalog)
    {
        var box = expr.GeometryIds().Distinct().Select(id => catalog.Features[id].Bounds).Aggregate((a, b) => a.Union(b));
        var widest = Largest(expr) + Distance.FromKilometres(100);
        box = box.Expand(widest);
        return new Envelope(box.West, box.East, box.South, box.North);
    }

    private static Distance Largest(ZoneExpr expr) => expr switch
    {
        WithinExpr w => w.Distance,
        BeyondExpr b => b.Distance,
        AllExpr a => a.Parts.Select(Largest).Max(),
        AnyExpr a => a.Parts.Select(Largest).Max(),
        DifferenceExpr d => new[] { Largest(d.Base), Largest(d.Minus) }.Max(),
        _ => Distance.Zero,
    };

    private static Geometry Buffer(ReferenceFeature feature, Distance d)
    {
        var centres = feature.Kind switch
        {
            FeatureKind.Point => [feature.Point!.Value],
            FeatureKind.Line => feature.Lines.SelectMany(l => Resample(l.Vertices, d)).ToList(),
            _ => feature.Area!.Rings.SelectMany(r => Resample(r, d)).ToList(),
        };
        var circles = centres.Select(c => (Geometry)Circle(c, d)).ToList();
        if (feature.Kind == FeatureKind.Area)
        {
            circles.Add(AreaGeometry(feature));
        }

        return UnaryUnionOp.Union(circles);
    }

    private static List<GeoPoint> Resample(IReadOnlyList<GeoPoint> vertices, Distance d)
    {
        double spacing = Math.Max(500, d.Metres / 4);
        var result = new List<GeoPoint> { vertices[0] };
        for (int i = 1; i < vertices.Count; i++)
        {
            var line = Geodesic.Wgs84.Line(vertices[i - 1], vertices[i]);
            int pieces = (int)Math.Ceiling(line.Length.Metres / spacing);
            for (int k = 1; k <= pieces; k++)
            {
                result.Add(k == pieces ? vertices[i] : line.Position(line.Length.Metres * k / pieces).Point);
            }
        }

        // Keep only points at least a spacing apart: closer ones add circles that change nothing visible.
        var thinned = new List<GeoPoint> { result[0] };
        foreach (var p in result.Skip(1))
        {
            if (Geodesic.Wgs84.DistanceBetween(thinned[^1], p).Metres >= spacing * 0.5)
            {
                thinned.Add(p);
            }
        }

        return thinned;
    }

    private static Polygon Circle(GeoPoint centre, Distance radius)
    {
        const int n = 72;
        var coords = new Coordinate[n + 1];
        for (int i = 0; i < n; i++)
        {
            var p = Geodesic.Wgs84.Direct(centre, i * 360.0 / n, radius);
            coords[i] = new Coordinate(p.Longitude, p.Latitude);
        }

        coords[n] = coords[0];
        return Factory.CreatePolygon(coords);
    }

    private static Geometry AreaGeometry(ReferenceFeature feature)
    {
        LinearRing Ring(IReadOnlyList<GeoPoint> points) => Factory.CreateLinearRing([.. points.Select(p => new Coordinate(p.Longitude, p.Latitude))]);
        var polygons = feature.Area!.Polygons.Select(p => (Geometry)Factory.CreatePolygon(Ring(p[0]), [.. p.Skip(1).Select(Ring)]));
        return UnaryUnionOp.Union([.. polygons]);
    }

    private static Geometry HalfPlane(ReferenceFeature feature, LineSide side, Envelope frame)
    {
        // The line, extended far along its overall direction at both ends, closed by a parallel far to the chosen
        // side: a simple polygon for any line that wiggles less than the frame is wide.
        var vertices = feature.Lines[0].Vertices;
        var first = vertices[0];
        var last = vertices[^1];
        double chord = Geodesic.Wgs84.Inverse(first, last).Azimuth1;
        double across = chord + (side == LineSide.Right ? 90 : -90);
        var far = Distance.FromMetres(Math.Max(frame.Width, frame.Height) * 111_000);
        var start = Geodesic.Wgs84.Direct(first, chord + 180, far);
        var end = Geodesic.Wgs84.Direct(last, chord, far);
        var points = new List<GeoPoint> { start };
        points.AddRange(vertices);
        points.Add(end);
        points.Add(Geodesic.Wgs84.Direct(end, across, far));
        points.Add(Geodesic.Wgs84.Direct(start, across, far));
        points.Add(start);
        var polygon = Factory.CreatePolygon([.. points.Select(p => new Coordinate(p.Longitude, p.Latitude))]);
        return polygon.Buffer(0).Intersection(Factory.ToGeometry(frame));
    }
}
