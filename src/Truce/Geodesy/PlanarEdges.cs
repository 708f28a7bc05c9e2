using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Truce.Geodesy;

/// <summary>The edges of a planar (lon/lat) geometry in flat arrays, answering "how far, in degrees, is this point from the nearest edge" without allocating.</summary>
/// <remarks>
/// NetTopologySuite's IndexedFacetDistance builds a tree for the query geometry on every call, which for one point
/// per evidence item cost more than the question. Edges here are grouped in runs of consecutive segments with a box
/// each; a run whose box is already farther than the best edge found is skipped. The per-segment formula is the one
/// NetTopologySuite uses (DistanceComputer.PointToSegment), so the answers are the same.
/// </remarks>
internal sealed class PlanarEdges
{
    private const int RunLength = 16;

    private readonly double[] ax, ay, bx, by;
    private readonly double[] runWest, runSouth, runEast, runNorth;

    /// <summary>Collects every segment of every linear component (lines, polygon shells and holes) of the geometry.</summary>
    public PlanarEdges(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var a = new List<(double X1, double Y1, double X2, double Y2)>();
        foreach (var line in LinearComponentExtracter.GetLines(geometry).Cast<LineString>())
        {
            var cs = line.Coordinates;
            for (int i = 1; i < cs.Length; i++)
            {
                a.Add((cs[i - 1].X, cs[i - 1].Y, cs[i].X, cs[i].Y));
            }
        }

        if (a.Count == 0)
        {
            throw new ArgumentException("a geometry without edges has no distance to its edges", nameof(geometry));
        }

        ax = [.. a.Select(s => s.X1)];
        ay = [.. a.Select(s => s.Y1)];
        bx = [.. a.Select(s => s.X2)];
        by = [.. a.Select(s => s.Y2)];
        int runs = (a.Count + RunLength - 1) / RunLength;
        (runWest, runSouth, runEast, runNorth) = (new double[runs], new double[runs], new double[runs], new double[runs]);
        for (int r = 0; r < runs; r++)
        {
            double w = double.PositiveInfinity, s = double.PositiveInfinity, e = double.NegativeInfinity, n = double.NegativeInfinity;
            for (int i = r * RunLength; i < Math.Min(a.Count, (r + 1) * RunLength); i++)
            {
                w = Math.Min(w, Math.Min(ax[i], bx[i]));
                e = Math.Max(e, Math.Max(ax[i], bx[i]));
                s = Math.Min(s, Math.Min(ay[i], by[i]));
                n = Math.Max(n, Math.Max(ay[i], by[i]));
            }

            (runWest[r], runSouth[r], runEast[r], runNorth[r]) = (w, s, e, n);
        }
    }

    /// <summary>Number of segments.</summary>
    public int Count => ax.Length;

    /// <summary>The planar distance from (x, y) to the nearest edge: zero on an edge, and the distance to the boundary (not zero) inside a polygon.</summary>
    public double Distance(double x, double y)
    {
        // Seed with the run whose box is nearest: usually it holds the answer, and every farther run is then skipped.
        int runs = runWest.Length, seed = 0;
        double seedBox = double.PositiveInfinity;
        for (int r = 0; r < runs; r++)
        {
            double d = BoxDistance(r, x, y);
            if (d < seedBox)
            {
                (seedBox, seed) = (d, r);
            }
        }

        double best = RunDistance(seed, x, y, double.PositiveInfinity);
        for (int r = 0; r < runs; r++)
        {
            if (r != seed && BoxDistance(r, x, y) < best)
            {
                best = RunDistance(r, x, y, best);
            }
        }

        return best;
    }

    private double BoxDistance(int r, double x, double y)
    {
        double dx = x < runWest[r] ? runWest[r] - x : x > runEast[r] ? x - runEast[r] : 0;
        double dy = y < runSouth[r] ? runSouth[r] - y : y > runNorth[r] ? y - runNorth[r] : 0;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    private double RunDistance(int r, double x, double y, double best)
    {
        int end = Math.Min(ax.Length, (r + 1) * RunLength);
        for (int i = r * RunLength; i < end; i++)
        {
            best = Math.Min(best, PointToSegment(x, y, ax[i], ay[i], bx[i], by[i]));
        }

        return best;
    }

    /// <summary>NetTopologySuite's DistanceComputer.PointToSegment, operation for operation.</summary>
    internal static double PointToSegment(double px, double py, double x1, double y1, double x2, double y2)
    {
        if (x1 == x2 && y1 == y2)
        {
            return Hypot(px - x1, py - y1);
        }

        double len2 = ((x2 - x1) * (x2 - x1)) + ((y2 - y1) * (y2 - y1));
        double r = (((px - x1) * (x2 - x1)) + ((py - y1) * (y2 - y1))) / len2;
        if (r <= 0.0)
        {
            return Hypot(px - x1, py - y1);
        }

        if (r >= 1.0)
        {
            return Hypot(px - x2, py - y2);
        }

        double s = (((y1 - py) * (x2 - x1)) - ((x1 - px) * (y2 - y1))) / len2;
        return Math.Abs(s) * Math.Sqrt(len2);
    }

    // Coordinate.Distance: sqrt(dx² + dy²), not Math.Hypot's scaled form, so the last bit agrees.
    private static double Hypot(double dx, double dy) => Math.Sqrt((dx * dx) + (dy * dy));
}
