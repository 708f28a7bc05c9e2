using Truce.Geodesy;

namespace Truce.Tests.Verification;

/// <summary>
/// Event locations whose zone-share disc has a sample exactly on a distance threshold: the sample lies straight beyond
/// (or before) the centre as seen from the feature, so the triangle inequality the fast path bounds it with holds with
/// equality, and only round-off decides which side of the threshold each path puts it.
/// </summary>
/// <remarks>
/// The disc layout is <c>ZoneShare</c>'s (src/Truce/Verification/FindingScore.cs): 64 samples on a golden-angle
/// spiral, sample k at azimuth k·γ (γ = 180°·(3 − √5)) and distance r·√((k + ½)/64) from the centre. If that layout
/// changes, these locations stop being on the threshold (the tests then pass without testing the edge): keep the two
/// in step. For a feature point P (a point feature, or a vertex of a line that is the nearest point of the line to
/// both the centre and the sample), the centre c lies on the geodesic from P at T − r_k (outward) or T + r_k
/// (inward), with the geodesic's azimuth at c equal to sample k's azimuth (outward) or its reverse (inward); then
/// sample k lies on the same geodesic at T from P.
/// </remarks>
internal static class ThresholdSamples
{
    private const int DiscSamples = 64;
    private static readonly double GoldenAngle = 180 * (3 - Math.Sqrt(5));
    private static readonly Geodesic Wgs84 = Geodesic.Wgs84;

    /// <summary>One such location.</summary>
    /// <param name="Feature">The feature measured.</param>
    /// <param name="Threshold">Metres.</param>
    /// <param name="Radius">The disc's radius, metres.</param>
    /// <param name="Sample">Which sample of the disc lies on the threshold.</param>
    /// <param name="Outward">Whether the sample is beyond the centre (else between the feature and the centre).</param>
    /// <param name="Centre">The event's coordinates.</param>
    public sealed record Case(string Feature, double Threshold, double Radius, int Sample, bool Outward, GeoPoint Centre);

    /// <summary>Up to one location per sample and direction, each also moved two nanometres either way along its geodesic (round-off goes both ways).</summary>
    public static IEnumerable<Case> For(ReferenceFeature feature, double threshold, double radius)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var anchors = feature.Kind == FeatureKind.Point ? [(feature.Point!.Value, 0.0, 360.0)] : Corners(feature);
        int next = 0;
        for (int k = 0; k < DiscSamples; k++)
        {
            double rk = radius * Math.Sqrt((k + 0.5) / DiscSamples);
            double azimuth = (k * GoldenAngle) % 360;
            foreach (bool outward in new[] { true, false })
            {
                double s = outward ? threshold - rk : threshold + rk;
                if (s <= 0)
                {
                    continue;
                }

                // A line: the next corner (from where the last search stopped) whose outside the geodesic leaves by, and
                // that is then nearest to both centre and sample.
                double heading = outward ? azimuth : azimuth + 180;
                for (int tries = 0; tries < anchors.Length; tries++)
                {
                    var (p, from, width) = anchors[next++ % anchors.Length];
                    double start = StartAzimuth(p, s, heading);
                    double into = GeoMath.AngNormalize(start - from);
                    if ((into < 0 ? into + 360 : into) > width)
                    {
                        continue;
                    }

                    var centres = new[] { -2e-9, 0, 2e-9 }.Select(d => Wgs84.Direct(p, start, Distance.FromMetres(s + d))).ToArray();
                    var sample = Wgs84.Direct(centres[1], azimuth, Distance.FromMetres(rk));
                    if (feature.Kind == FeatureKind.Line && (feature.DistanceAndNearest(centres[1]).Nearest != p || feature.DistanceAndNearest(sample).Nearest != p))
                    {
                        continue;
                    }

                    foreach (var c in centres)
                    {
                        yield return new Case(feature.Id, threshold, radius, k, outward, c);
                    }

                    break;
                }
            }
        }
    }

    /// <summary>Each vertex where a line turns, with the fan of azimuths (from, clockwise width) between the normals of its two segments on the outside of the turn: a geodesic leaving the vertex within it has the vertex as its nearest point of the line, at first.</summary>
    private static (GeoPoint Vertex, double From, double Width)[] Corners(ReferenceFeature feature)
    {
        var corners = new List<(GeoPoint, double, double)>();
        foreach (var v in feature.Lines.Select(l => l.Vertices))
        {
            for (int i = 1; i + 1 < v.Count; i++)
            {
                double inAz = Wgs84.Inverse(v[i - 1], v[i]).Azimuth2, outAz = Wgs84.Inverse(v[i], v[i + 1]).Azimuth1;
                double turn = GeoMath.AngDiff(inAz, outAz).D; // > 0: turning right (clockwise), so the outside is on the left
                if (Math.Abs(turn) > 0.2)
                {
                    corners.Add(turn > 0 ? (v[i], inAz - 90, turn) : (v[i], outAz + 90, -turn));
                }
            }
        }

        return [.. corners];
    }

    /// <summary>The azimuth at <paramref name="from"/> of the geodesic whose azimuth is <paramref name="heading"/> after <paramref name="metres"/>.</summary>
    private static double StartAzimuth(GeoPoint from, double metres, double heading)
    {
        double start = heading;
        for (int i = 0; i < 30; i++)
        {
            double error = GeoMath.AngDiff(Wgs84.Line(from, start).Position(metres).Azimuth, heading).D;
            start += error;
            if (Math.Abs(error) < 1e-13)
            {
                break;
            }
        }

        return start;
    }
}
