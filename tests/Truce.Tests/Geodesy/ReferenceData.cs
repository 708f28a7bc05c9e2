using System.Globalization;

namespace Truce.Tests.Geodesy;

/// <summary>Reads the CSV reference rows written by tools/reference/geodesic-reference.mjs (GeographicLib JS 2.2.0).</summary>
internal static class ReferenceData
{
    public static IEnumerable<double[]> Rows(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Geodesy", "Reference", name);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length > 0)
            {
                yield return [.. line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
            }
        }
    }
}
