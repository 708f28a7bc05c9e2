using System.Globalization;
using System.Text.Json;
using Truce.Geodesy;

namespace Truce.Evidence.Import;

/// <summary>Reads Truce's native evidence object (one NDJSON line, or a GeoJSON feature's properties); see docs/evidence-format.md.</summary>
internal static class NativeEvidenceParser
{
    private static readonly string[] EvidenceFields =
    [
        "type", "id", "date", "date_start", "date_end", "lat", "lon", "location_precision_km", "place", "activity", "reported_type",
        "actors", "source", "credibility", "description", "url", "fatalities", "country", "admin1", "admin2",
    ];

    private static readonly string[] ActorFields = ["name", "role", "basis", "category", "deaths"];

    private static readonly string[] CoverageFields = ["type", "source", "bbox", "from", "to", "observes", "note"];

    /// <summary>Parses one object; <paramref name="geometryPoint"/> supplies the location for GeoJSON features.</summary>
    public static ImportRow Parse(JsonElement obj, GeoPoint? geometryPoint, string file, long line, string raw, string format, ImportContext context)
    {
        var sources = context.Sources;
        Rejection Reject(string field, string reason) => new(file, line, field, reason, raw);

        if (obj.ValueKind != JsonValueKind.Object)
        {
            return ImportRow.Of(Reject("(record)", "expected a JSON object"));
        }

        var type = Str(obj, "type") ?? "evidence";
        if (format == "geojson" && type == "Feature")
        {
            type = "evidence";
        }

        if (type == "coverage")
        {
            return ParseCoverage(obj, file, Reject);
        }

        if (type != "evidence")
        {
            return ImportRow.Of(Reject("type", $"'{type}' is not a record type; use \"evidence\" or \"coverage\""));
        }

        foreach (var p in obj.EnumerateObject().Where(p => !EvidenceFields.Contains(p.Name)))
        {
            return ImportRow.Of(Reject(FieldName(p.Name), $"unknown field; allowed: {string.Join(", ", EvidenceFields)}"));
        }

        var id = Str(obj, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            return ImportRow.Of(Reject("id", "is required"));
        }

        GeoPoint location;
        if (geometryPoint is { } gp)
        {
            location = gp;
        }
        else
        {
            if (Num(obj, "lat", out var lat) is { } latError)
            {
                return ImportRow.Of(Reject("lat", latError));
            }

            if (Num(obj, "lon", out var lon) is { } lonError)
            {
                return ImportRow.Of(Reject("lon", lonError));
            }

            if (lat is < -90 or > 90)
            {
                return ImportRow.Of(Reject("lat", $"{lat.ToString(CultureInfo.InvariantCulture)} is outside [-90, 90]"));
            }

            if (lon is < -180 or > 180)
            {
                return ImportRow.Of(Reject("lon", $"{lon.ToString(CultureInfo.InvariantCulture)} is outside [-180, 180]"));
            }

            location = new GeoPoint(lat, lon);
        }

        if (Num(obj, "location_precision_km", out var precisionKm) is { } pError)
        {
            return ImportRow.Of(Reject("location_precision_km", pError + ": say how exactly the place is known, in km (0 for exact)"));
        }

        if (precisionKm < 0)
        {
            return ImportRow.Of(Reject("location_precision_km", "cannot be negative"));
        }

        DateRange days;
        var date = Str(obj, "date");
        var dateStart = Str(obj, "date_start") ?? date;
        var dateEnd = Str(obj, "date_end") ?? dateStart;
        if (dateStart is null)
        {
            return ImportRow.Of(Reject("date", "is required (YYYY-MM-DD), or give date_start and date_end"));
        }

        if (FieldParse.Date(dateStart, out var start) is { } dsError)
        {
            return ImportRow.Of(Reject(date is null ? "date_start" : "date", dsError));
        }

        if (FieldParse.Date(dateEnd!, out var end) is { } deError)
        {
            return ImportRow.Of(Reject("date_end", deError));
        }

        if (end < start)
        {
            return ImportRow.Of(Reject("date_end", $"{end:yyyy-MM-dd} precedes the start {start:yyyy-MM-dd}"));
        }

        days = new DateRange(start, end);
        var sourceForDates = Str(obj, "source") ?? string.Empty;
        if (context.ImplausibleDate(start, sourceForDates) is { } startImplausible)
        {
            return ImportRow.Of(Reject(date is null ? "date_start" : "date", startImplausible));
        }

        if (context.ImplausibleDate(end, sourceForDates) is { } endImplausible)
        {
            return ImportRow.Of(Reject(date is null ? "date_end" : "date", endImplausible));
        }

        var activityText = Str(obj, "activity");
        if (activityText is null || !Vocabulary.TryParseActivity(activityText, out var activity))
        {
            return ImportRow.Of(Reject("activity", $"'{activityText}' is not an activity; use one of {string.Join(", ", Vocabulary.ActivityNames)}"));
        }

        if (!obj.TryGetProperty("actors", out var actorsElement) || actorsElement.ValueKind != JsonValueKind.Array || actorsElement.GetArrayLength() == 0)
        {
            return ImportRow.Of(Reject("actors", "is required: a non-empty list of {name, role, basis}"));
        }

        var actors = new List<ActorReport>();
        int index = 0;
        foreach (var a in actorsElement.EnumerateArray())
        {
            var field = $"actors[{index++}]";
            var name = a.ValueKind == JsonValueKind.Object ? Str(a, "name") : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                return ImportRow.Of(Reject(field + ".name", "is required"));
            }

            var roleText = Str(a, "role") ?? "participant";
            if (!Vocabulary.TryParseRole(roleText, out var role))
            {
                return ImportRow.Of(Reject(field + ".role", $"'{roleText}' is not a role; use one of {string.Join(", ", Vocabulary.RoleNames)}"));
            }

            var basisText = Str(a, "basis") ?? "stated";
            if (!Vocabulary.TryParseBasis(basisText, out var basis))
            {
                return ImportRow.Of(Reject(field + ".basis", $"'{basisText}' is not a basis; use one of {string.Join(", ", Vocabulary.BasisNames)}"));
            }

            foreach (var unknownField in a.EnumerateObject().Where(p => !ActorFields.Contains(p.Name)))
            {
                return ImportRow.Of(Reject($"{field}.{FieldName(unknownField.Name)}", $"unknown actor field; allowed: {string.Join(", ", ActorFields)}"));
            }

            int? deaths = null;
            if (a.TryGetProperty("deaths", out var deathsElement) && deathsElement.ValueKind != JsonValueKind.Null)
            {
                if (deathsElement.ValueKind != JsonValueKind.Number || !deathsElement.TryGetInt32(out var d) || d < 0)
                {
                    return ImportRow.Of(Reject(field + ".deaths", "must be a non-negative whole number: deaths on this actor's side"));
                }

                deaths = d;
            }

            actors.Add(new ActorReport(name, role, basis, Str(a, "category"), deaths));
        }

        var sourceName = Str(obj, "source");
        if (string.IsNullOrWhiteSpace(sourceName))
        {
            return ImportRow.Of(Reject("source", "is required: who reported this"));
        }

        var credibility = Credibility.CannotBeJudged;
        if (obj.TryGetProperty("credibility", out var credElement))
        {
            if (credElement.ValueKind != JsonValueKind.Number || !credElement.TryGetInt32(out var c) || c is < 1 or > 6)
            {
                return ImportRow.Of(Reject("credibility", "must be an Admiralty credibility 1-6 (6 = cannot be judged)"));
            }

            credibility = (Credibility)c;
        }

        int? fatalities = null;
        if (obj.TryGetProperty("fatalities", out var fElement) && fElement.ValueKind != JsonValueKind.Null)
        {
            if (fElement.ValueKind != JsonValueKind.Number || !fElement.TryGetInt32(out var f) || f < 0)
            {
                return ImportRow.Of(Reject("fatalities", "must be a non-negative whole number"));
            }

            fatalities = f;
        }

        // A record's own id is unique only within its source: the same source and id from two files is one event.
        var assessment = sources.Assess(sourceName, credibility);
        var description = Str(obj, "description");
        var url = Str(obj, "url");
        if (url is not null)
        {
            description = description is null ? url : $"{description} <{url}>";
        }

        return ImportRow.Of(new Evidence(
            id: id.Contains(':', StringComparison.Ordinal) ? id : $"{assessment.SourceId}:{id}",
            origin: new EvidenceOrigin(file, line, format),
            location: location,
            locationPrecision: LocationPrecision.Within(Distance.FromKilometres(precisionKm)),
            time: TimePrecision.Between(days),
            activity: activity,
            reportedType: Str(obj, "reported_type") ?? activityText,
            actors: actors,
            source: assessment,
            description: description,
            fatalities: fatalities,
            place: Str(obj, "place"),
            admin: AdminAttribution.Of("truce", Str(obj, "country"), Str(obj, "admin1"), Str(obj, "admin2"))));
    }

    private static ImportRow ParseCoverage(JsonElement obj, string file, Func<string, string, Rejection> reject)
    {
        foreach (var p in obj.EnumerateObject().Where(p => !CoverageFields.Contains(p.Name)))
        {
            return ImportRow.Of(reject(FieldName(p.Name), $"unknown coverage field; allowed: {string.Join(", ", CoverageFields)}"));
        }

        var source = Str(obj, "source");
        if (string.IsNullOrWhiteSpace(source))
        {
            return ImportRow.Of(reject("source", "is required: whose watch this was"));
        }

        if (!obj.TryGetProperty("bbox", out var bbox) || bbox.ValueKind != JsonValueKind.Array || bbox.GetArrayLength() != 4
            || bbox.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var d) || !double.IsFinite(d)))
        {
            return ImportRow.Of(reject("bbox", "is required: [south, west, north, east] in degrees, as finite numbers"));
        }

        var b = bbox.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        BoundingBox area;
        try
        {
            area = new BoundingBox(b[0], b[1], b[2], b[3]);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // The constructor's message names the edge; "(Parameter 'south')" is .NET wording and is dropped.
            return ImportRow.Of(reject("bbox", $"not a valid [south, west, north, east] box: {ex.ParamName} {Text.Messages.Argument(ex)}"));
        }

        if (FieldParse.Date(Str(obj, "from") ?? string.Empty, out var from) is { } fromError)
        {
            return ImportRow.Of(reject("from", fromError));
        }

        if (FieldParse.Date(Str(obj, "to") ?? string.Empty, out var to) is { } toError)
        {
            return ImportRow.Of(reject("to", toError));
        }

        if (to < from)
        {
            return ImportRow.Of(reject("to", $"{to:yyyy-MM-dd} precedes 'from' {from:yyyy-MM-dd}"));
        }

        var observes = new List<ObligedActivity>();
        if (obj.TryGetProperty("observes", out var obs) && obs.ValueKind == JsonValueKind.Array)
        {
            foreach (var o in obs.EnumerateArray())
            {
                if (o.ValueKind != JsonValueKind.String || !Vocabulary.TryParseObliged(o.GetString()!, out var a))
                {
                    return ImportRow.Of(reject("observes", $"'{o}' is not an obligation activity; use {string.Join(", ", Vocabulary.ObligedNames)}"));
                }

                observes.Add(a);
            }
        }

        if (observes.Count == 0)
        {
            return ImportRow.Of(reject("observes", "is required: which activities this source would have recorded"));
        }

        return ImportRow.Of(new Coverage(source, file, area, new DateRange(from, to), observes, Declared: true, Str(obj, "note")));
    }

    /// <summary>A field name for a rejection: an empty name ("": 1 is valid JSON) is shown quoted, so the rejection still names a field.</summary>
    private static string FieldName(string name) => name.Length > 0 ? name : "\"\"";

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static string? Num(JsonElement obj, string name, out double value)
    {
        value = double.NaN;
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return "is required";
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out value) && double.IsFinite(value))
        {
            return null;
        }

        return $"'{v.GetRawText()}' is not a finite number";
    }
}
