using System.Text.Json;
using NetTopologySuite.Geometries;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Verification;

namespace Truce.Reports;

/// <summary>Writes zones, reference lines and findings as one GeoJSON FeatureCollection, for any GIS.</summary>
public static class GeoJsonReportWriter
{
    /// <summary>Writes the collection.</summary>
    public static void Write(VerificationReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = JsonText.Encoder });
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");

        var usedFeatures = report.Agreements.SelectMany(a => a.Zones).SelectMany(z => z.Variants).SelectMany(v => v.Expression.GeometryIds())
            .Distinct().Order(StringComparer.Ordinal);
        foreach (var id in usedFeatures)
        {
            if (report.Catalog.Features.TryGetValue(id, out var f) && f.Kind != FeatureKind.Area)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", "reference:" + id);
                WriteReferenceGeometry(w, f);
                w.WriteStartObject("properties");
                w.WriteString("kind", "reference");
                w.WriteString("feature", id);
                w.WriteString("name", f.Provenance.Name);
                JsonReportWriter.WriteNullable(w, "source", f.Provenance.Source);
                JsonReportWriter.WriteNullable(w, "resolution", f.Provenance.Resolution);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        foreach (var a in report.Agreements)
        {
            foreach (var zone in a.Zones)
            {
                foreach (var v in zone.Variants)
                {
                    var g = ZoneRenderer.Render(v.Expression, report.Catalog);
                    if (g is null)
                    {
                        continue;
                    }

                    w.WriteStartObject();
                    w.WriteString("type", "Feature");
                    w.WriteString("id", $"zone:{a.Id}/{zone.Id}/{v.Id}");
                    WriteGeometry(w, g);
                    w.WriteStartObject("properties");
                    w.WriteString("kind", "zone");
                    w.WriteString("agreement", a.Id);
                    w.WriteString("zone", zone.Id);
                    w.WriteString("reading", v.Id);
                    w.WriteString("expression", v.Expression.Describe());
                    w.WriteString("rendering", "display approximation; verdicts use exact WGS84 geodesic distances");
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
            }
        }

        foreach (var v in report.Verdicts)
        {
            foreach (var (f, kind) in v.Confirmed.Select(f => (f, "confirmed")).Concat(v.Possible.Select(f => (f, "possible"))))
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", $"finding:{v.Agreement.Id}/{v.Obligation.Id}/{v.Variant.Id}/{f.Evidence.Id}");
                w.WriteStartObject("geometry");
                w.WriteString("type", "Point");
                w.WriteStartArray("coordinates");
                w.WriteNumberValue(Math.Round(f.Evidence.Location.Longitude, 6));
                w.WriteNumberValue(Math.Round(f.Evidence.Location.Latitude, 6));
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("kind", "finding");
                w.WriteString("finding", kind);
                w.WriteString("agreement", v.Agreement.Id);
                w.WriteString("obligation", v.Obligation.Id);
                w.WriteString("reading", v.Variant.Id);
                w.WriteString("verdict", VerificationReport.StatusName(v.Status));
                JsonReportWriter.WriteFindingBody(w, f);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteReferenceGeometry(Utf8JsonWriter w, ReferenceFeature f)
    {
        w.WriteStartObject("geometry");
        if (f.Kind == FeatureKind.Point)
        {
            w.WriteString("type", "Point");
            w.WriteStartArray("coordinates");
            w.WriteNumberValue(f.Point!.Value.Longitude);
            w.WriteNumberValue(f.Point.Value.Latitude);
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("type", "MultiLineString");
            w.WriteStartArray("coordinates");
            foreach (var line in f.Lines)
            {
                WritePositions(w, line.Vertices.Select(p => (p.Longitude, p.Latitude)));
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteGeometry(Utf8JsonWriter w, Geometry g)
    {
        w.WriteStartObject("geometry");
        w.WriteString("type", "MultiPolygon");
        w.WriteStartArray("coordinates");
        for (int i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is Polygon p && !p.IsEmpty)
            {
                w.WriteStartArray();
                WritePositions(w, Oriented(p.Shell, counterClockwise: true));
                foreach (var hole in p.Holes)
                {
                    WritePositions(w, Oriented(hole, counterClockwise: false));
                }

                w.WriteEndArray();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    // RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise.
    private static IEnumerable<(double, double)> Oriented(LinearRing ring, bool counterClockwise)
    {
        var coords = ring.Coordinates;
        bool ccw = NetTopologySuite.Algorithm.Orientation.IsCCW(coords);
        var ordered = ccw == counterClockwise ? coords : [.. coords.Reverse()];
        return ordered.Select(c => (c.X, c.Y));
    }

    private static void WritePositions(Utf8JsonWriter w, IEnumerable<(double Lon, double Lat)> positions)
    {
        w.WriteStartArray();
        foreach (var (lon, lat) in positions)
        {
            w.WriteStartArray();
            w.WriteNumberValue(Math.Round(lon, 6));
            w.WriteNumberValue(Math.Round(lat, 6));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
