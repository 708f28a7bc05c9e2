using CsCheck;
using Truce.Geodesy;

namespace Truce.Tests.Geodesy;

/// <summary>Generators for geodesic property tests: uniform ones, and ones that aim at the places geodesy goes wrong.</summary>
internal static class Generators
{
    public static readonly Gen<GeoPoint> Point =
        Gen.Select(Gen.Double[-90, 90], Gen.Double[-180, 180], (lat, lon) => new GeoPoint(lat, lon));

    public static readonly Gen<GeoPoint> Levant =
        Gen.Select(Gen.Double[29, 38], Gen.Double[32, 44], (lat, lon) => new GeoPoint(lat, lon));

    /// <summary>A small offset of either sign, from 1e-12 to 1e-1 degrees (a micrometre to 11 km).</summary>
    public static readonly Gen<double> Nudge =
        Gen.Select(Gen.Int[-12, -1], Gen.Double[1, 10], Gen.Bool, (e, m, negative) => (negative ? -1 : 1) * m * Math.Pow(10, e) / 10);

    /// <summary>Latitudes: a quarter exactly at or within a nudge of a pole, some on or by the equator, the rest uniform.</summary>
    public static readonly Gen<double> Latitude = Gen.Frequency(
        (4, Gen.Double[-90, 90]),
        (1, Gen.Bool.Select(b => b ? 90.0 : -90.0)),
        (1, Gen.Select(Gen.Bool, Nudge, (north, d) => north ? 90 - Math.Abs(d) : -90 + Math.Abs(d))),
        (1, Gen.Frequency((1, Gen.Const(0.0)), (1, Gen.Const(-0.0)), (2, Nudge))));

    /// <summary>Longitudes: a quarter exactly on or within a nudge of the antimeridian (either spelling), some on Greenwich, the rest uniform.</summary>
    public static readonly Gen<double> Longitude = Gen.Frequency(
        (4, Gen.Double[-180, 180]),
        (1, Gen.Bool.Select(b => b ? 180.0 : -180.0)),
        (1, Gen.Select(Gen.Bool, Nudge, (east, d) => east ? 180 - Math.Abs(d) : -180 + Math.Abs(d))),
        (1, Gen.Frequency((1, Gen.Const(0.0)), (1, Nudge))));

    /// <summary>Points that are often at a pole, on the antimeridian, on the equator, or a hair from them.</summary>
    public static readonly Gen<GeoPoint> EdgePoint = Gen.Select(Latitude, Longitude, (lat, lon) => new GeoPoint(lat, lon));

    /// <summary>A point and another exactly at, or within a nudge of, its antipode.</summary>
    public static readonly Gen<(GeoPoint P, GeoPoint Q)> NearAntipodal =
        Gen.Select(EdgePoint, Gen.Frequency((1, Gen.Const(0.0)), (3, Nudge)), Gen.Frequency((1, Gen.Const(0.0)), (3, Nudge)), (p, dLat, dLon) =>
            (p, new GeoPoint(Math.Clamp(-p.Latitude + dLat, -90, 90), p.Longitude + 180 + dLon)));

    /// <summary>Random polylines of 17 to 200 segments (short border-like legs, long legs, legs of a few metres, or a
    /// mix), with a probe point on a vertex, on a segment, just off a segment, within 2 m of a vertex, or anywhere
    /// near, often in the last chunks of the line.</summary>
    public static readonly Gen<LineCase> LineWithProbe =
        Gen.Select(EdgePoint, Gen.Int[17, 200], Gen.Int[0, 3], Gen.Int[0, int.MaxValue])
            .Select(t => MakeLineCase(t.Item1, t.Item2, t.Item3, t.Item4));

    private static LineCase MakeLineCase(GeoPoint start, int segments, int scale, int seed)
    {
        var random = new Random(seed);
        double Uniform(double lo, double hi) => lo + ((hi - lo) * random.NextDouble());
        var vertices = new List<GeoPoint> { start };
        double azimuth = Uniform(-180, 180);
        for (int i = 0; i < segments; i++)
        {
            double metres = scale switch
            {
                0 => Uniform(200, 5_000),
                1 => Uniform(50_000, 1_500_000),
                2 => Uniform(1, 400),
                _ => random.Next(4) == 0 ? Uniform(100_000, 800_000) : Uniform(500, 20_000),
            };
            var line = Geodesic.Wgs84.Line(vertices[^1], azimuth);
            var (next, heading) = line.Position(metres);
            vertices.Add(next);
            azimuth = heading + Uniform(-60, 60);
        }

        var polyline = new Polyline(vertices);
        int n = polyline.Vertices.Count - 1;

        // Probes favour the far end of the line, where pruning decides whether a chunk is visited at all.
        int segment = random.Next(2) == 0 ? n - 1 - random.Next(Math.Min(n, 20)) : random.Next(n);
        var a = polyline.Vertices[segment];
        var b = polyline.Vertices[segment + 1];
        var seg = Geodesic.Wgs84.Line(a, b);
        var (onSegment, along) = seg.Position(seg.Length.Metres * random.NextDouble());
        GeoPoint probe = random.Next(6) switch
        {
            0 => random.Next(2) == 0 ? a : b,
            1 => onSegment,
            2 => Geodesic.Wgs84.Direct(onSegment, along + (random.Next(2) == 0 ? 90 : -90), Distance.FromMetres(Math.Pow(10, Uniform(-1, 5)))),
            5 => Geodesic.Wgs84.Direct(random.Next(2) == 0 ? a : b, Uniform(-180, 180), Distance.FromMetres(Uniform(0, 2))),
            3 => Geodesic.Wgs84.Direct(b, Uniform(-180, 180), Distance.FromMetres(Math.Pow(10, Uniform(0, 5.5)))),
            _ => Geodesic.Wgs84.Direct(a, Uniform(-180, 180), Distance.FromMetres(Math.Pow(10, Uniform(3, 6.5)))),
        };
        return new LineCase(polyline, probe);
    }
}

/// <summary>A generated line and a point to measure from.</summary>
internal sealed record LineCase(Polyline Line, GeoPoint Probe)
{
    public override string ToString() =>
        $"{Line.Vertices.Count - 1} segments from {Line.Vertices[0]} to {Line.Vertices[^1]}, probe {Probe.Latitude:R},{Probe.Longitude:R}";
}

/// <summary>A dense-sampling oracle for point-to-line distance: every segment, no pruning, no Newton steps.</summary>
/// <remarks>It relies only on <see cref="Geodesic"/> (checked against GeographicLib on its own), never on Polyline's search.</remarks>
internal static class BruteForce
{
    private const int Samples = 24;

    public static double DistanceToLine(IReadOnlyList<GeoPoint> vertices, GeoPoint p)
    {
        double best = vertices.Min(v => Geodesic.Wgs84.DistanceBetween(v, p).Metres);
        for (int i = 0; i + 1 < vertices.Count; i++)
        {
            best = Math.Min(best, DistanceToSegment(vertices[i], vertices[i + 1], p, best));
        }

        return best;
    }

    /// <summary>Samples the segment, then golden-section searches around each sampled local minimum that can still
    /// beat <paramref name="best"/> (distance changes by at most one metre per metre along the segment).</summary>
    public static double DistanceToSegment(GeoPoint a, GeoPoint b, GeoPoint p, double best = double.PositiveInfinity)
    {
        var line = Geodesic.Wgs84.Line(a, b);
        double length = line.Length.Metres;
        double F(double s) => Geodesic.Wgs84.DistanceBetween(line.Position(s).Point, p).Metres;
        double spacing = length / Samples;
        var ys = new double[Samples + 1];
        for (int i = 0; i <= Samples; i++)
        {
            ys[i] = F(i * spacing);
        }

        double result = Math.Min(best, ys.Min());
        for (int i = 0; i <= Samples; i++)
        {
            bool localMinimum = (i == 0 || ys[i] <= ys[i - 1]) && (i == Samples || ys[i] <= ys[i + 1]);
            if (!localMinimum || ys[i] - spacing > result)
            {
                continue;
            }

            double lo = Math.Max(0, (i - 1) * spacing), hi = Math.Min(length, (i + 1) * spacing);
            const double phi = 0.6180339887498949;
            double m1 = hi - (phi * (hi - lo)), m2 = lo + (phi * (hi - lo)), f1 = F(m1), f2 = F(m2);
            while (hi - lo > 1e-4)
            {
                if (f1 < f2)
                {
                    (hi, m2, f2) = (m2, m1, f1);
                    m1 = hi - (phi * (hi - lo));
                    f1 = F(m1);
                }
                else
                {
                    (lo, m1, f1) = (m1, m2, f2);
                    m2 = lo + (phi * (hi - lo));
                    f2 = F(m2);
                }
            }

            result = Math.Min(result, Math.Min(f1, f2));
        }

        return result;
    }
}
