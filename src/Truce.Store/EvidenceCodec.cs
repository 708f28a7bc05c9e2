using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Truce.Evidence;
using Truce.Geodesy;

namespace Truce.Store;

/// <summary>Writes an evidence item as the compact JSON a store keeps, and reads it back to an equal item.</summary>
/// <remarks>
/// The body holds what the report said, not where it was read from (file and line are columns beside it) and not how
/// reliable its source is judged to be: the source is kept by id with the report's credibility, and rated again by the
/// sources registry in use when the store is read, as a file would be. So the same report read from two files has the
/// same body and the same content hash, and a changed rating changes verdicts without re-ingesting anything.
/// </remarks>
public static class EvidenceCodec
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    /// <summary>The JSON body of an item.</summary>
    public static byte[] Encode(Evidence.Evidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteNumber("lat", e.Location.Latitude);
            w.WriteNumber("lon", e.Location.Longitude);
            w.WriteStartObject("where");
            w.WriteString("scheme", e.LocationPrecision.Scheme);
            w.WriteNumber("code", e.LocationPrecision.Code);
            if (e.LocationPrecision.Radius.IsFinite)
            {
                w.WriteNumber("radius_m", e.LocationPrecision.Radius.Metres);
            }

            if (e.LocationPrecision.Meaning != StandardMeaning(e.LocationPrecision.Scheme, e.LocationPrecision.Code))
            {
                w.WriteString("meaning", e.LocationPrecision.Meaning);
            }

            w.WriteEndObject();
            w.WriteStartObject("when");
            w.WriteString("scheme", e.Time.Scheme);
            w.WriteNumber("code", e.Time.Code);
            w.WriteNumber("from", e.Time.Days.Start.DayNumber);
            w.WriteNumber("to", e.Time.Days.End.DayNumber);
            if (e.Time.Meaning != StandardMeaning(e.Time.Scheme, e.Time.Code, e.Time.Days))
            {
                w.WriteString("meaning", e.Time.Meaning);
            }

            w.WriteEndObject();
            w.WriteString("activity", Vocabulary.Name(e.Activity));
            w.WriteString("type", e.ReportedType);
            w.WriteStartArray("actors");
            foreach (var a in e.Actors)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Name);
                w.WriteString("role", Vocabulary.Name(a.Role));
                w.WriteString("basis", Vocabulary.Name(a.Basis));
                if (a.Category is { } category)
                {
                    w.WriteString("category", category);
                }

                if (a.Deaths is { } deaths)
                {
                    w.WriteNumber("deaths", deaths);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("source", e.Source.SourceId);
            w.WriteNumber("credibility", (int)e.Source.Credibility);
            WriteOptional(w, "description", e.Description);
            WriteOptional(w, "fatalities", e.Fatalities);
            WriteOptional(w, "low", e.FatalitiesLow);
            WriteOptional(w, "high", e.FatalitiesHigh);
            WriteOptional(w, "place", e.Place);
            if (e.Admin is { } admin)
            {
                w.WriteStartObject("admin");
                w.WriteString("scheme", admin.Scheme);
                WriteOptional(w, "country", admin.Country);
                WriteOptional(w, "admin1", admin.Admin1);
                WriteOptional(w, "admin2", admin.Admin2);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A fingerprint of the body: equal for the same report, different (almost surely) for a revision.</summary>
    public static byte[] ContentHash(ReadOnlySpan<byte> body) => SHA256.HashData(body)[..16];

    /// <summary>Reads a body back, rating its source with <paramref name="sources"/>.</summary>
    /// <exception cref="StoreException">The body is not one this codec wrote.</exception>
    public static Evidence.Evidence Decode(ReadOnlySpan<byte> body, EvidenceOrigin origin, SourceRegistry sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            var r = doc.RootElement;
            var where = r.GetProperty("where");
            var when = r.GetProperty("when");
            var radius = where.TryGetProperty("radius_m", out var m) ? Distance.FromMetres(m.GetDouble()) : Distance.Unbounded;
            var (whereScheme, whereCode) = (where.GetProperty("scheme").GetString()!, where.GetProperty("code").GetInt32());
            var (whenScheme, whenCode) = (when.GetProperty("scheme").GetString()!, when.GetProperty("code").GetInt32());
            var days = new DateRange(DateOnly.FromDayNumber(when.GetProperty("from").GetInt32()), DateOnly.FromDayNumber(when.GetProperty("to").GetInt32()));
            var actors = new List<ActorReport>();
            foreach (var a in r.GetProperty("actors").EnumerateArray())
            {
                actors.Add(new ActorReport(
                    a.GetProperty("name").GetString()!,
                    Vocabulary.TryParseRole(a.GetProperty("role").GetString()!, out var role) ? role : throw new StoreException($"unknown role in stored event {origin}"),
                    Vocabulary.TryParseBasis(a.GetProperty("basis").GetString()!, out var basis) ? basis : throw new StoreException($"unknown basis in stored event {origin}"),
                    a.TryGetProperty("category", out var c) ? c.GetString() : null,
                    a.TryGetProperty("deaths", out var d) ? d.GetInt32() : null));
            }

            AdminAttribution? admin = null;
            if (r.TryGetProperty("admin", out var ad))
            {
                admin = new AdminAttribution(ad.GetProperty("scheme").GetString()!, Optional(ad, "country"), Optional(ad, "admin1"), Optional(ad, "admin2"));
            }

            var activityName = r.GetProperty("activity").GetString()!;
            return new Evidence.Evidence(
                id: r.GetProperty("id").GetString()!,
                origin: origin,
                location: new GeoPoint(r.GetProperty("lat").GetDouble(), r.GetProperty("lon").GetDouble()),
                locationPrecision: new LocationPrecision(whereScheme, whereCode, radius, Optional(where, "meaning") ?? StandardMeaning(whereScheme, whereCode)
                    ?? throw new StoreException($"stored event {origin} has no location precision meaning")),
                time: new TimePrecision(whenScheme, whenCode, days, Optional(when, "meaning") ?? StandardMeaning(whenScheme, whenCode, days)
                    ?? throw new StoreException($"stored event {origin} has no time precision meaning")),
                activity: Vocabulary.TryParseActivity(activityName, out var activity) ? activity : throw new StoreException($"unknown activity '{activityName}' in stored event {origin}"),
                reportedType: r.GetProperty("type").GetString()!,
                actors: actors,
                source: sources.Assess(r.GetProperty("source").GetString()!, (Credibility)r.GetProperty("credibility").GetInt32()),
                description: Optional(r, "description"),
                fatalities: OptionalInt(r, "fatalities"),
                place: Optional(r, "place"),
                admin: admin,
                fatalitiesLow: OptionalInt(r, "low"),
                fatalitiesHigh: OptionalInt(r, "high"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new StoreException($"stored event {origin} cannot be read ({ex.Message}): the store is damaged or was written by another program", ex);
        }
    }

    /// <summary>The codebook's wording for a dataset's precision code, which need not be stored with every row; null when there is none.</summary>
    private static string? StandardMeaning(string scheme, int code) => scheme switch
    {
        "ucdp" => LocationPrecision.Ucdp(code)?.Meaning,
        "acled" => LocationPrecision.Acled(code)?.Meaning,
        _ => null,
    };

    private static string? StandardMeaning(string scheme, int code, DateRange days) => scheme switch
    {
        "ucdp" => TimePrecision.Ucdp(code, days)?.Meaning,
        "acled" => TimePrecision.Acled(code, days.Start)?.Meaning,
        _ => null,
    };

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static int? OptionalInt(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : null;
}

/// <summary>A store that cannot be opened, read or written as asked: the message is one line a user can act on.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its low-level cause (for logs).</summary>
    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception (for serializers).</summary>
    public StoreException()
    {
    }
}
