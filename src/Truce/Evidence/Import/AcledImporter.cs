using Truce.Geodesy;

namespace Truce.Evidence.Import;

/// <summary>Reads ACLED CSV exports (the published column names: event_id_cnty, event_date, time_precision, …) as evidence.</summary>
/// <remarks>
/// ACLED's actor1 initiates remote violence and violence against civilians and is one side of a battle; actor2 is
/// the target or the other side. Associated actors ride along with their side. When every underlying source in the
/// "source" column is a registered source rated D or worse (state media, partisan outlets), the item's credibility
/// drops from "probably true" to "doubtful": a state outlet's claim is a claim, and cannot confirm a violation alone.
/// </remarks>
public static class AcledImporter
{
    /// <summary>The dataset id in the sources registry.</summary>
    public const string SourceId = "acled";

    /// <summary>Columns without which a row cannot become evidence.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "latitude", "longitude", "geo_precision"];

    /// <summary>Every column of ACLED's exports (old and current); others are reported as ignored.</summary>
    public static readonly IReadOnlyCollection<string> KnownColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
        "notes", "fatalities", "tags", "timestamp", "iso3",
    };

    private static readonly string[] Signature = ["event_id_cnty", "geo_precision", "sub_event_type", "actor1", "time_precision", "event_date"];

    /// <summary>Whether a header looks like ACLED: two of its distinctive columns are enough, so that a file missing one is refused naming it.</summary>
    public static bool Recognises(IReadOnlyCollection<string> header) =>
        Signature.Count(header.Contains) >= 2;

    /// <summary>Streams rows as evidence or rejections.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, string file, ImportContext context, ICollection<string> notices)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var r in CsvRecords.Read(stream, file, [.. RequiredColumns], KnownColumns, context.Limits, notices))
        {
            yield return Parse(r, context);
        }
    }

    /// <summary>Maps ACLED's sub_event_type (or event_type when the sub-type is unknown) to Truce's activity vocabulary.</summary>
    public static Activity MapActivity(string eventType, string subEventType) => subEventType.Trim().ToLowerInvariant() switch
    {
        "armed clash" => Activity.ArmedClash,
        "government regains territory" or "non-state actor overtakes territory" => Activity.TerritoryTaken,
        "shelling/artillery/missile attack" => Activity.Shelling,
        "air/drone strike" => Activity.AirStrike,
        "remote explosive/landmine/ied" or "suicide bomb" or "grenade" or "chemical weapon" => Activity.GroundAttack,
        "attack" or "abduction/forced disappearance" or "sexual violence" => Activity.AttackOnCivilians,
        "headquarters or base established" => Activity.Deployment,
        "non-violent transfer of territory" => Activity.Withdrawal,
        "agreement" => Activity.Political,
        _ => eventType.Trim().ToLowerInvariant() switch
        {
            "battles" => Activity.ArmedClash,
            "explosions/remote violence" => Activity.Shelling,
            "violence against civilians" => Activity.AttackOnCivilians,
            _ => Activity.Other,
        },
    };

    private static ImportRow Parse(CsvRecord r, ImportContext context)
    {
        var sources = context.Sources;
        if (r.Problem is { } problem)
        {
            return ImportRow.Of(r.Reject(problem.Field, problem.Reason));
        }

        var id = r["event_id_cnty"];
        if (id.Length == 0)
        {
            return ImportRow.Of(r.Reject("event_id_cnty", "is empty"));
        }

        if (FieldParse.Date(r["event_date"], out var date) is { } dateError)
        {
            return ImportRow.Of(r.Reject("event_date", dateError));
        }

        if (context.ImplausibleDate(date, SourceId) is { } implausible)
        {
            return ImportRow.Of(r.Reject("event_date", implausible));
        }

        if (FieldParse.Integer(r["time_precision"], 1, 3, out var timePrec) is { } tpError)
        {
            return ImportRow.Of(r.Reject("time_precision", tpError + " (ACLED codes 1-3)"));
        }

        if (FieldParse.Coordinate(r["latitude"], -90, 90, out var lat) is { } latError)
        {
            return ImportRow.Of(r.Reject("latitude", latError));
        }

        if (FieldParse.Coordinate(r["longitude"], -180, 180, out var lon) is { } lonError)
        {
            return ImportRow.Of(r.Reject("longitude", lonError));
        }

        if (FieldParse.Integer(r["geo_precision"], 1, 3, out var geoPrec) is { } gpError)
        {
            return ImportRow.Of(r.Reject("geo_precision", gpError + " (ACLED codes 1-3)"));
        }

        var actor1 = r["actor1"];
        if (actor1.Length == 0)
        {
            return ImportRow.Of(r.Reject("actor1", "is empty: ACLED events always name actor1"));
        }

        int? fatalities = null;
        if (r["fatalities"].Length > 0)
        {
            if (FieldParse.Integer(r["fatalities"], 0, int.MaxValue, out var f) is { } fError)
            {
                return ImportRow.Of(r.Reject("fatalities", fError));
            }

            fatalities = f;
        }

        var activity = MapActivity(r["event_type"], r["sub_event_type"]);
        // In a clash neither side is recorded as the initiator; in a territory change actor1 is the side that took it.
        bool battle = activity is Activity.ArmedClash;
        bool nonViolent = activity is Activity.Deployment or Activity.Withdrawal or Activity.Political or Activity.Other;
        var role1 = battle ? ActorRole.Participant : nonViolent ? ActorRole.Observed : ActorRole.Initiator;
        var role2 = battle ? ActorRole.Participant : nonViolent ? ActorRole.Observed : ActorRole.Target;
        var actors = new List<ActorReport> { new(actor1, role1, IdentificationBasis.Stated) };
        actors.AddRange(Split(r["assoc_actor_1"]).Select(n => new ActorReport(n, ActorRole.Associated, IdentificationBasis.Stated)));
        if (r["actor2"].Length > 0)
        {
            actors.Add(new ActorReport(r["actor2"], role2, IdentificationBasis.Stated));
        }

        actors.AddRange(Split(r["assoc_actor_2"]).Select(n => new ActorReport(n, ActorRole.Associated, IdentificationBasis.Stated)));

        var underlying = Split(r["source"]).Select(sources.Resolve).ToList();
        bool onlyWeakSources = underlying.Count > 0 && underlying.All(s => s is not null && s.Reliability >= Reliability.D);
        var credibility = onlyWeakSources ? Credibility.Doubtful : Credibility.ProbablyTrue;

        var place = string.Join(", ", new[] { r["location"], r["admin2"], r["admin1"] }.Where(s => s.Length > 0).Distinct());
        return ImportRow.Of(new Evidence(
            id: $"{SourceId}:{id}",
            origin: new EvidenceOrigin(r.File, r.Line, "acled"),
            location: new GeoPoint(lat, lon),
            locationPrecision: LocationPrecision.Acled(geoPrec)!,
            time: TimePrecision.Acled(timePrec, date)!,
            activity: activity,
            reportedType: $"{r["event_type"]}: {r["sub_event_type"]}",
            actors: actors,
            source: sources.Assess(SourceId, credibility),
            description: r["notes"].Length > 0 ? r["notes"] : null,
            fatalities: fatalities,
            place: place.Length > 0 ? place : null,
            admin: AdminAttribution.Of("acled", r["country"], r["admin1"], r["admin2"])));
    }

    private static string[] Split(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
