using Truce.Geodesy;

namespace Truce.Evidence.Import;

/// <summary>Reads UCDP Georeferenced Event Dataset CSV (GED 17.1 onwards, the published 49-column layout) as evidence.</summary>
/// <remarks>
/// GED records lethal organised violence only: at least one death, with a dyad of named sides. Its sides are
/// participants; GED does not say who initiated a battle, except in one-sided violence (type 3), where side A acts on
/// civilians. Credibility follows event_clarity (1: probably true; 2: possibly true).
/// </remarks>
public static class UcdpGedImporter
{
    /// <summary>The dataset id in the sources registry.</summary>
    public const string SourceId = "ucdp-ged";

    /// <summary>Columns without which a row cannot become evidence.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude", "date_prec", "date_start", "date_end"];

    /// <summary>Whether a header looks like UCDP GED.</summary>
    public static bool Recognises(IReadOnlyCollection<string> header) =>
        header.Contains("where_prec") && header.Contains("side_a") && header.Contains("type_of_violence");

    /// <summary>Streams rows as evidence or rejections.</summary>
    public static IEnumerable<ImportRow> Read(TextReader reader, string file, SourceRegistry sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var r in CsvRecords.Read(reader, file, [.. RequiredColumns]))
        {
            yield return Parse(r, sources);
        }
    }

    private static ImportRow Parse(CsvRecord r, SourceRegistry sources)
    {
        if (r.BadData is not null)
        {
            return ImportRow.Of(r.Reject("(row)", r.BadData));
        }

        var id = r["id"];
        if (id.Length == 0)
        {
            return ImportRow.Of(r.Reject("id", "is empty"));
        }

        if (FieldParse.Coordinate(r["latitude"], -90, 90, out var lat) is { } latError)
        {
            return ImportRow.Of(r.Reject("latitude", latError));
        }

        if (FieldParse.Coordinate(r["longitude"], -180, 180, out var lon) is { } lonError)
        {
            return ImportRow.Of(r.Reject("longitude", lonError));
        }

        if (FieldParse.Integer(r["where_prec"], 1, 7, out var wherePrec) is { } wpError)
        {
            return ImportRow.Of(r.Reject("where_prec", wpError + " (UCDP codes 1-7)"));
        }

        if (FieldParse.Date(r["date_start"], out var start) is { } dsError)
        {
            return ImportRow.Of(r.Reject("date_start", dsError));
        }

        if (FieldParse.Date(r["date_end"], out var end) is { } deError)
        {
            return ImportRow.Of(r.Reject("date_end", deError));
        }

        if (end < start)
        {
            return ImportRow.Of(r.Reject("date_end", $"{end:yyyy-MM-dd} precedes date_start {start:yyyy-MM-dd}"));
        }

        if (FieldParse.Integer(r["date_prec"], 1, 5, out var datePrec) is { } dpError)
        {
            return ImportRow.Of(r.Reject("date_prec", dpError + " (UCDP codes 1-5)"));
        }

        if (FieldParse.Integer(r["type_of_violence"], 1, 3, out var violence) is { } tvError)
        {
            return ImportRow.Of(r.Reject("type_of_violence", tvError + " (1 state-based, 2 non-state, 3 one-sided)"));
        }

        var sideA = r["side_a"];
        var sideB = r["side_b"];
        if (sideA.Length == 0)
        {
            return ImportRow.Of(r.Reject("side_a", "is empty: GED events always name side A"));
        }

        int? deaths = null;
        if (r["best"].Length > 0)
        {
            if (FieldParse.Integer(r["best"], 0, int.MaxValue, out var best) is { } bestError)
            {
                return ImportRow.Of(r.Reject("best", bestError));
            }

            deaths = best;
        }

        var clarity = r["event_clarity"] == "2" ? Credibility.PossiblyTrue : Credibility.ProbablyTrue;
        bool oneSided = violence == 3;
        var actors = new List<ActorReport> { new(sideA, oneSided ? ActorRole.Initiator : ActorRole.Participant, IdentificationBasis.Stated) };
        if (sideB.Length > 0)
        {
            actors.Add(new ActorReport(sideB, oneSided ? ActorRole.Target : ActorRole.Participant, IdentificationBasis.Stated));
        }

        var type = violence switch
        {
            1 => "state-based conflict",
            2 => "non-state conflict",
            _ => "one-sided violence",
        };
        var place = string.Join(", ", new[] { r["where_coordinates"], r["adm_2"], r["adm_1"] }.Where(s => s.Length > 0).Distinct());
        var description = r["source_headline"].Length > 0 ? r["source_headline"] : r["source_article"];
        return ImportRow.Of(new Evidence(
            id: $"{SourceId}:{id}",
            origin: new EvidenceOrigin(r.File, r.Line, "ucdp-ged"),
            location: new GeoPoint(lat, lon),
            locationPrecision: LocationPrecision.Ucdp(wherePrec)!,
            time: TimePrecision.Ucdp(datePrec, new DateRange(start, end))!,
            activity: oneSided ? Activity.AttackOnCivilians : Activity.OrganizedViolence,
            reportedType: type,
            actors: actors,
            source: sources.Assess(SourceId, clarity),
            description: description.Length > 0 ? description : null,
            fatalities: deaths,
            place: place.Length > 0 ? place : null));
    }
}
