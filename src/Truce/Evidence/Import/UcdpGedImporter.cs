using Truce.Geodesy;

namespace Truce.Evidence.Import;

/// <summary>Reads UCDP Georeferenced Event Dataset CSV as evidence: the 41-column layout of GED 19.1 (and the Syria release) and the 49-column layout of GED 20.1 onwards, mapped by header name.</summary>
/// <remarks>
/// GED records lethal organised violence only: at least one death, with a dyad of named sides. What each row shows
/// about each side follows <see cref="ReadingRules"/>: the dyad does not say who began a battle, but a side whose
/// deaths are counted at a place was there. Credibility follows event_clarity (1: probably true; 2: possibly true).
/// </remarks>
public static class UcdpGedImporter
{
    /// <summary>The dataset id in the sources registry.</summary>
    public const string SourceId = "ucdp-ged";

    /// <summary>Columns without which a row cannot become evidence.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude", "date_prec", "date_start", "date_end"];

    /// <summary>Columns read when present, and what is lost without them.</summary>
    public static readonly IReadOnlyDictionary<string, string> OptionalColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["deaths_a"] = "side A's presence cannot be shown from its deaths",
        ["deaths_b"] = "side B's presence cannot be shown from its deaths",
        ["best"] = "death tolls are unknown",
        ["low"] = "low death estimates are unknown",
        ["high"] = "high death estimates are unknown",
        ["event_clarity"] = "every event is read as clarity 2 (possibly true)",
        ["country"] = "the country cannot constrain the location",
        ["adm_1"] = "the governorate cannot constrain the location",
        ["adm_2"] = "the district cannot constrain the location",
    };

    /// <summary>Every column of the 41- and 49-column layouts; others are reported as ignored.</summary>
    public static readonly IReadOnlyCollection<string> KnownColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id", "conflict_name",
        "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
        "number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
        "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country",
        "country_id", "region", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
        "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
    };

    private static readonly string[] Signature = ["where_prec", "side_a", "side_b", "type_of_violence", "dyad_name", "date_prec"];

    /// <summary>Whether a header looks like UCDP GED: two of its distinctive columns are enough, so that a file missing one is refused naming it.</summary>
    public static bool Recognises(IReadOnlyCollection<string> header) =>
        Signature.Count(header.Contains) >= 2;

    /// <summary>Streams rows as evidence or rejections; file-level notes (missing optional or unknown columns) go to <paramref name="notices"/>.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, string file, ImportContext context, ICollection<string> notices)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(notices);
        bool checkedOptional = false;
        foreach (var r in CsvRecords.Read(stream, file, [.. RequiredColumns], KnownColumns, context.Limits, notices))
        {
            if (!checkedOptional)
            {
                checkedOptional = true;
                foreach (var (column, loss) in OptionalColumns.Where(c => !r.HasColumn(c.Key)))
                {
                    notices.Add($"optional column '{column}' is missing: {loss}");
                }
            }

            yield return Parse(r, context);
        }
    }

    private static ImportRow Parse(CsvRecord r, ImportContext context)
    {
        if (r.Problem is { } problem)
        {
            return ImportRow.Of(r.Reject(problem.Field, problem.Reason));
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

        if (context.ImplausibleDate(start, SourceId) is { } startImplausible)
        {
            return ImportRow.Of(r.Reject("date_start", startImplausible));
        }

        if (context.ImplausibleDate(end, SourceId) is { } endImplausible)
        {
            return ImportRow.Of(r.Reject("date_end", endImplausible));
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

        var counts = new int?[5];
        string[] countColumns = ["deaths_a", "deaths_b", "best", "low", "high"];
        for (int i = 0; i < countColumns.Length; i++)
        {
            var text = r[countColumns[i]];
            if (text.Length == 0)
            {
                continue;
            }

            if (FieldParse.Integer(text, 0, int.MaxValue, out var n) is { } countError)
            {
                return ImportRow.Of(r.Reject(countColumns[i], countError));
            }

            counts[i] = n;
        }

        var (deathsA, deathsB, best, low, high) = (counts[0], counts[1], counts[2], counts[3], counts[4]);
        // No order is enforced between low, best and high: UCDP's own Syria release has 101 rows where best lies
        // outside low..high (and some with low > high). They are reported as published.
        var clarityText = r["event_clarity"];
        int clarity = 2;
        if (clarityText.Length > 0 && FieldParse.Integer(clarityText, 1, 2, out clarity) is { } clError)
        {
            return ImportRow.Of(r.Reject("event_clarity", clError + " (UCDP codes 1 high, 2 lower)"));
        }

        var credibility = clarity == 1 ? Credibility.ProbablyTrue : Credibility.PossiblyTrue;
        bool oneSided = violence == 3;
        var actors = new List<ActorReport> { new(sideA, oneSided ? ActorRole.Initiator : ActorRole.Participant, IdentificationBasis.Stated, Deaths: deathsA) };
        if (sideB.Length > 0)
        {
            actors.Add(new ActorReport(sideB, oneSided ? ActorRole.Target : ActorRole.Participant, IdentificationBasis.Stated, Deaths: deathsB));
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
            source: context.Sources.Assess(SourceId, credibility),
            description: description.Length > 0 ? description : null,
            fatalities: best,
            place: place.Length > 0 ? place : null,
            admin: AdminAttribution.Of("ucdp", r["country"], r["adm_1"], r["adm_2"]),
            fatalitiesLow: low,
            fatalitiesHigh: high));
    }
}
