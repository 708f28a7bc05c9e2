using System.Text.Json;
using Truce.Geodesy;

namespace Truce.Evidence.Import;

/// <summary>Reads evidence from a GeoJSON FeatureCollection of Point features whose properties follow the native evidence format.</summary>
public static class GeoJsonEvidenceImporter
{
    /// <summary>Streams features as evidence, coverage declarations (features with "type": "coverage" in properties) or rejections.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, string file, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        var scanner = new GeoJsonFeatureScanner(stream, file, context.Limits.MaxFeatureBytes);
        while (scanner.Next() is { } feature)
        {
            yield return ParseFeature(feature.Json, feature.Line, file, context);
        }
    }

    private static ImportRow ParseFeature(byte[] json, long line, string file, ImportContext context)
    {
        var raw = Utf8Window.Describe(json).ReplaceLineEndings(" ");
        if (Utf8Window.FirstInvalidUtf8(json) is var bad and >= 0)
        {
            return ImportRow.Of(new Rejection(file, line, "(feature)", $"not UTF-8: invalid byte {bad} bytes into the feature", raw));
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return ImportRow.Of(new Rejection(file, line, "(feature)", "not valid JSON: " + Text.Messages.Json(ex), raw));
        }

        using var owned = doc;
        var f = doc.RootElement;
        if (Text.JsonStrings.MayHoldSurrogateEscape(json) && Text.JsonStrings.UnpairedSurrogate(f) is { } badField)
        {
            return ImportRow.Of(new Rejection(file, line, badField, Text.JsonStrings.Reason, raw));
        }

        if (!f.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "Feature")
        {
            return ImportRow.Of(new Rejection(file, line, "type", "a FeatureCollection member must have \"type\": \"Feature\"", raw));
        }

        if (!f.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            return ImportRow.Of(new Rejection(file, line, "properties", "is required: the evidence fields live there", raw));
        }

        bool coverage = props.TryGetProperty("type", out var pt) && pt.ValueKind == JsonValueKind.String && pt.GetString() == "coverage";
        GeoPoint? point = null;
        if (!coverage)
        {
            if (!f.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object
                || !g.TryGetProperty("type", out var gt) || gt.ValueKind != JsonValueKind.String || gt.GetString() != "Point"
                || !g.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array || c.GetArrayLength() < 2)
            {
                return ImportRow.Of(new Rejection(file, line, "geometry", "evidence features need a Point geometry [lon, lat]", raw));
            }

            var lon = c[0];
            var lat = c[1];
            // TryGetDouble: a number that cannot be held as a double is a rejection here, never an exception.
            if (lon.ValueKind != JsonValueKind.Number || lat.ValueKind != JsonValueKind.Number || !lat.TryGetDouble(out var latV) || !lon.TryGetDouble(out var lonV))
            {
                return ImportRow.Of(new Rejection(file, line, "geometry.coordinates", "must be finite numbers [lon, lat]", raw));
            }

            if (latV is < -90 or > 90 || !double.IsFinite(latV))
            {
                return ImportRow.Of(new Rejection(file, line, "geometry.coordinates[1]", $"latitude {latV} is outside [-90, 90]", raw));
            }

            if (lonV is < -180 or > 180 || !double.IsFinite(lonV))
            {
                return ImportRow.Of(new Rejection(file, line, "geometry.coordinates[0]", $"longitude {lonV} is outside [-180, 180]", raw));
            }

            point = new GeoPoint(latV, lonV);
        }

        return NativeEvidenceParser.Parse(props, point, file, line, raw, "geojson", context);
    }
}
