using System.Globalization;
using Truce.Geodesy;

namespace Truce.Tests.Geodesy;

/// <summary>Reads the CSV reference rows written by tools/reference/*.mjs (GeographicLib JS 2.2.0).</summary>
internal static class ReferenceData
{
    public static IEnumerable<double[]> Rows(string name) =>
        Records(name).Select(r => r.Fields.Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray());

    /// <summary>Rows as named fields, for files with text columns.</summary>
    public static IEnumerable<Record> Records(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Geodesy", "Reference", name);
        string[]? header = null;
        foreach (var line in File.ReadLines(path))
        {
            if (header is null)
            {
                header = line.Split(',');
            }
            else if (line.Length > 0)
            {
                yield return new Record(header, line.Split(','));
            }
        }
    }

    internal sealed record Record(string[] Header, string[] Fields)
    {
        public string Text(string column) => Fields[Array.IndexOf(Header, column)];

        public double Number(string column) => double.Parse(Text(column), CultureInfo.InvariantCulture);

        public int Integer(string column) => int.Parse(Text(column), CultureInfo.InvariantCulture);
    }
}

/// <summary>A probe point with its distance to a reference line, from tools/reference/line-reference.mjs.</summary>
internal sealed record LineProbe(int Line, string Kind, GeoPoint Point, double Metres)
{
    public override string ToString() => $"line {Line} {Kind} probe {Point.Latitude:R},{Point.Longitude:R} ({Metres} m)";
}

/// <summary>A probe point with its containment and boundary distance for a reference area.</summary>
/// <param name="Inside">1 inside (or on an edge), 0 outside, -1 within 1 cm of an edge (containment not asserted).</param>
internal sealed record AreaProbe(int Area, string Kind, GeoPoint Point, int Inside, double BoundaryMetres)
{
    public override string ToString() => $"area {Area} {Kind} probe {Point.Latitude:R},{Point.Longitude:R} (inside {Inside}, {BoundaryMetres} m)";
}

/// <summary>The multi-segment reference lines and polygons with their brute-force GeographicLib distances.</summary>
internal static class ReferenceShapes
{
    private static readonly Lazy<IReadOnlyList<GeoPoint[]>> LineVertices = new(() =>
        [.. ReferenceData.Records("polylines.csv")
            .GroupBy(r => r.Integer("line"))
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(r => r.Integer("vertex")).Select(r => new GeoPoint(r.Number("lat"), r.Number("lon"))).ToArray())]);

    private static readonly Lazy<IReadOnlyList<LineProbe>> LineProbeList = new(() =>
        [.. ReferenceData.Records("polyline-distances.csv").Select(r => new LineProbe(
            r.Integer("line"), r.Text("kind"), new GeoPoint(r.Number("lat"), r.Number("lon")), r.Number("distance_m")))]);

    private static readonly Lazy<IReadOnlyList<GeoPoint[][][]>> AreaRings = new(() =>
        [.. ReferenceData.Records("polygons.csv")
            .GroupBy(r => r.Integer("area"))
            .OrderBy(a => a.Key)
            .Select(a => a.GroupBy(r => r.Integer("polygon")).OrderBy(p => p.Key)
                .Select(p => p.GroupBy(r => r.Integer("ring")).OrderBy(g => g.Key)
                    .Select(g => g.OrderBy(r => r.Integer("vertex")).Select(r => new GeoPoint(r.Number("lat"), r.Number("lon"))).ToArray())
                    .ToArray())
                .ToArray())]);

    private static readonly Lazy<IReadOnlyList<AreaProbe>> AreaProbeList = new(() =>
        [.. ReferenceData.Records("polygon-probes.csv").Select(r => new AreaProbe(
            r.Integer("area"), r.Text("kind"), new GeoPoint(r.Number("lat"), r.Number("lon")), r.Integer("inside"), r.Number("boundary_m")))]);

    public static IReadOnlyList<GeoPoint[]> Vertices => LineVertices.Value;

    /// <summary>The lines, built afresh on every call: a line built once and shared would be built with whatever
    /// code was current then (under mutation testing, another mutant's), so each test builds its own.</summary>
    public static IReadOnlyList<Polyline> Lines() => [.. LineVertices.Value.Select(v => new Polyline(v))];

    public static IReadOnlyList<LineProbe> LineProbes => LineProbeList.Value;

    public static IReadOnlyList<GeoPoint[][][]> Rings => AreaRings.Value;

    /// <summary>The areas, built afresh on every call (see <see cref="Lines"/>).</summary>
    public static IReadOnlyList<PolygonSet> Areas() => [.. AreaRings.Value.Select(a => new PolygonSet(a.Select(p => (IReadOnlyList<IReadOnlyList<GeoPoint>>)p)))];

    public static IReadOnlyList<AreaProbe> AreaProbes => AreaProbeList.Value;
}
