using System.Text.Json;
using Truce.Text;

namespace Truce.Geodesy;

/// <summary>Reads reference geometry from a GeoJSON FeatureCollection whose features carry string ids.</summary>
public static class GeometryReader
{
    /// <summary>
    /// Most vertices one file's lines and rings may have once densified to <see cref="GeoJsonLines.MaxEdge"/>: the
    /// shipped files need about 23,000; a 60 kB file of edges across half the globe would need 80 million and
    /// stall the run, so such a file is refused feature by feature.
    /// </summary>
    public const long MaxDensifiedVertices = 4_000_000;

    /// <summary>Adds the file's features to <paramref name="catalog"/>; problems go to <paramref name="diagnostics"/>.</summary>
    public static void Read(string json, string file, GeometryCatalog catalog, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(diagnostics);
        void Error(string field, string message) => diagnostics.Add(new Diagnostic(Severity.Error, "TR070", file, 0, 0, field, message));

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "TR071", file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, string.Empty, "malformed JSON: " + Messages.Json(ex)));
            return;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (JsonStrings.MayHoldSurrogateEscape(json) && JsonStrings.UnpairedSurrogate(root) is { } badField)
            {
                Error(badField, JsonStrings.Reason);
                return;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                Error(string.Empty, "expected a GeoJSON FeatureCollection with a \"features\" array");
                return;
            }

            int index = 0;
            var budget = new VertexBudget(MaxDensifiedVertices);
            foreach (var f in features.EnumerateArray())
            {
                var field = $"features[{index++}]";
                if (f.ValueKind != JsonValueKind.Object)
                {
                    Error(field, "expected a GeoJSON Feature object");
                    continue;
                }

                var id = f.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
                if (!Slug.IsValid(id))
                {
                    Error(field + ".id", "every reference feature needs a string id of lowercase letters, digits and hyphens");
                    continue;
                }

                var props = f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                string? Prop(string name) => props.ValueKind == JsonValueKind.Object && props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                bool approximate = props.ValueKind == JsonValueKind.Object && props.TryGetProperty("approximate", out var a) && a.ValueKind == JsonValueKind.True;
                var provenance = new FeatureProvenance(Prop("name") ?? id!, Prop("source"), Prop("licence"), Prop("resolution"), approximate, Prop("caveat"), file);

                try
                {
                    var feature = Build(id!, f.GetProperty("geometry"), provenance, budget);
                    if (!catalog.TryAdd(feature))
                    {
                        Error(field + ".id", $"feature id '{id}' is already defined (by {catalog.Features[id!].Provenance.File})");
                    }
                }
                catch (ArgumentException ex)
                {
                    Error(field + ".geometry", $"feature '{id}': {Messages.Argument(ex)}");
                }
                catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    Error(field + ".geometry", $"feature '{id}': expected a GeoJSON geometry with \"type\" and numeric \"coordinates\"");
                }
            }
        }
    }

    private static ReferenceFeature Build(string id, JsonElement geometry, FeatureProvenance provenance, VertexBudget budget)
    {
        Polyline Line(JsonElement coords) => GeometryReader.Line(coords, budget);
        PolygonSet Area(IReadOnlyList<IReadOnlyList<IReadOnlyList<GeoPoint>>> polygons) => GeometryReader.Area(polygons, budget);

        var type = geometry.GetProperty("type").GetString();
        var coords = geometry.GetProperty("coordinates");
        switch (type)
        {
            case "Point":
                return ReferenceFeature.OfPoint(id, Position(coords), provenance);
            case "LineString":
                return ReferenceFeature.OfLines(id, [Line(coords)], provenance);
            case "MultiLineString":
                return ReferenceFeature.OfLines(id, [.. coords.EnumerateArray().Select(Line)], provenance);
            case "Polygon":
                return ReferenceFeature.OfArea(id, Area([Rings(coords)]), provenance);
            case "MultiPolygon":
                return ReferenceFeature.OfArea(id, Area([.. coords.EnumerateArray().Select(Rings)]), provenance);
            default:
                throw new ArgumentException($"geometry type '{type}' is not supported (use Point, LineString, MultiLineString, Polygon or MultiPolygon)");
        }
    }

    private static Polyline Line(JsonElement coords, VertexBudget budget)
    {
        var points = coords.EnumerateArray().Select(Position).ToList();
        RefuseAntimeridianCrossing(points, "line");
        budget.Spend(points);
        return new(GeoJsonLines.Densify(points, GeoJsonLines.MaxEdge));
    }

    /// <summary>An area from polygons, refused when a ring crosses the antimeridian or the polygons are not valid (self-intersecting, overlapping).</summary>
    private static PolygonSet Area(IReadOnlyList<IReadOnlyList<IReadOnlyList<GeoPoint>>> polygons, VertexBudget budget)
    {
        foreach (var ring in polygons.SelectMany(p => p))
        {
            RefuseAntimeridianCrossing(ring, "ring");
            budget.Spend(ring);
        }

        var set = new PolygonSet(polygons);
        if (PolygonValidity.Problem(polygons) is { } problem)
        {
            throw new ArgumentException($"not a valid polygon: {problem}");
        }

        return set;
    }

    /// <summary>RFC 7946 §3.1.9: a geometry crossing ±180° must be split there; read naively, its edge would run the long way round the globe.</summary>
    private static void RefuseAntimeridianCrossing(IReadOnlyList<GeoPoint> points, string what)
    {
        for (int i = 1; i < points.Count; i++)
        {
            if (Math.Abs(points[i].Longitude - points[i - 1].Longitude) > 180)
            {
                throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"a {what} crosses the antimeridian between positions {i - 1} and {i} (longitudes {points[i - 1].Longitude} and {points[i].Longitude}): split it at ±180° as RFC 7946 §3.1.9 requires"));
            }
        }
    }

    /// <summary>What is left of <see cref="MaxDensifiedVertices"/> for one file, counted before anything is densified.</summary>
    private sealed class VertexBudget(long limit)
    {
        private long used;

        public void Spend(IReadOnlyList<GeoPoint> points)
        {
            long need = points.Count;
            for (int i = 1; i < points.Count; i++)
            {
                need += (long)Math.Ceiling(Geodesic.Wgs84.DistanceBetween(points[i - 1], points[i]).Metres / GeoJsonLines.MaxEdge.Metres);
            }

            used += need;
            if (used > limit)
            {
                throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"densified to {GeoJsonLines.MaxEdge} its edges need {need:N0} vertices, past the {limit:N0} one geometry file may use: edges this long are not reference geometry for a region; split or simplify them"));
            }
        }
    }

    private static IReadOnlyList<IReadOnlyList<GeoPoint>> Rings(JsonElement coords) =>
        [.. coords.EnumerateArray().Select(r => (IReadOnlyList<GeoPoint>)[.. r.EnumerateArray().Select(Position)])];

    private static GeoPoint Position(JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2)
        {
            throw new ArgumentException("a position must be [longitude, latitude]");
        }

        double lon = p[0].GetDouble(), lat = p[1].GetDouble();
        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            throw new ArgumentException($"position [{lon}, {lat}] is outside the WGS84 range");
        }

        return new GeoPoint(lat, lon);
    }
}
