using System.Globalization;
using System.Text;
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
    public static IEnumerable<ImportRow> Read(Stream stream, string file, ImportContext context, ICollection<string> notices) => Read(stream, file, context, notices, complete: false);

    /// <summary>As <see cref="Read(Stream, string, ImportContext, ICollection{string})"/>; with <paramref name="complete"/> every row goes through the complete reading (the tests compare the two).</summary>
    internal static IEnumerable<ImportRow> Read(Stream stream, string file, ImportContext context, ICollection<string> notices, bool complete)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(notices);
        FastRows? fast = null;
        foreach (var r in CsvRecords.Read(stream, file, [.. RequiredColumns], KnownColumns, context.Limits, notices))
        {
            fast ??= Start(r, context, notices);

            yield return (complete ? null : fast.TryParse(r)) ?? Parse(r, context);
        }
    }

    /// <summary>The reader of a file's rows, once its header is known; the missing optional columns are noted with what they cost.</summary>
    private static FastRows Start(CsvRecord first, ImportContext context, ICollection<string> notices)
    {
        foreach (var (column, loss) in OptionalColumns.Where(c => !first.HasColumn(c.Key)))
        {
            notices.Add($"optional column '{column}' is missing: {loss}");
        }

        return new FastRows(first, context);
    }

    /// <summary>The complete reading of a row, with a located reason for every rejection: the reference every row's meaning comes from.</summary>
    /// <remarks><see cref="FastRows"/> reads the common well-formed row to the same values without it, and hands every other row here.</remarks>
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

    /// <summary>Reads the rows of one file straight from their UTF-8 bytes: columns found once, numbers and dates parsed in place, repeated texts shared.</summary>
    /// <remarks>
    /// A GED file repeats a few thousand names, places and headlines over hundreds of thousands of rows; each is decoded
    /// once. Only a row that is well formed in every column this reader checks is read here, and it gets exactly the
    /// values <see cref="Parse"/> would give it (the same parsers over the same text); any doubt at all (whitespace
    /// around a number, another date format, a value out of range, a non-ASCII id) sends the row to <see cref="Parse"/>,
    /// which also words every rejection. The equivalence tests read the shipped files both ways.
    /// </remarks>
    private sealed class FastRows
    {
        private const int MaxShared = 1 << 16;
        private const int MaxSharedLength = 512;

        private readonly ImportContext context;
        private readonly int id, lat, lon, wherePrec, dateStart, dateEnd, datePrec, violence, sideA, sideB, clarity, country, adm1, adm2, whereCoordinates, headline, article;
        private readonly int[] counts;
        private readonly DateOnly earliest, latest;
        private readonly SourceAssessment probablyTrue, possiblyTrue;
        private readonly Utf8TextPool texts = new(MaxShared, MaxSharedLength);
        private readonly PreviousText[] previous;
        private readonly Dictionary<(string?, string?, string?), AdminAttribution?> admins = [];
        private readonly Dictionary<(string, string, string), string?> places = [];
        private readonly Dictionary<(string, ActorRole, int?), ActorReport> reports = [];

        public FastRows(CsvRecord r, ImportContext context)
        {
            this.context = context;
            (id, lat, lon, wherePrec) = (r.ColumnIndex("id"), r.ColumnIndex("latitude"), r.ColumnIndex("longitude"), r.ColumnIndex("where_prec"));
            (dateStart, dateEnd, datePrec, violence) = (r.ColumnIndex("date_start"), r.ColumnIndex("date_end"), r.ColumnIndex("date_prec"), r.ColumnIndex("type_of_violence"));
            (sideA, sideB, clarity) = (r.ColumnIndex("side_a"), r.ColumnIndex("side_b"), r.ColumnIndex("event_clarity"));
            (country, adm1, adm2) = (r.ColumnIndex("country"), r.ColumnIndex("adm_1"), r.ColumnIndex("adm_2"));
            (whereCoordinates, headline, article) = (r.ColumnIndex("where_coordinates"), r.ColumnIndex("source_headline"), r.ColumnIndex("source_article"));
            counts = [r.ColumnIndex("deaths_a"), r.ColumnIndex("deaths_b"), r.ColumnIndex("best"), r.ColumnIndex("low"), r.ColumnIndex("high")];
            previous = new PreviousText[new[] { sideA, sideB, country, adm1, adm2, whereCoordinates, headline, article }.Max() + 1];

            // The plausible days, as ImportContext.ImplausibleDate states them for this source.
            (earliest, latest) = (ImportContext.EarliestPlausible, context.Today);
            if (context.Sources.Resolve(SourceId)?.Extent is { } extent)
            {
                if (extent.From is { } from && from > earliest)
                {
                    earliest = from;
                }

                if (extent.Until is { } until && until < latest)
                {
                    latest = until;
                }
            }

            probablyTrue = context.Sources.Assess(SourceId, Credibility.ProbablyTrue);
            possiblyTrue = context.Sources.Assess(SourceId, Credibility.PossiblyTrue);
        }

        /// <summary>The row read from its bytes, or null when <see cref="Parse"/> must read it.</summary>
        public ImportRow? TryParse(CsvRecord r)
        {
            if (r.Problem is not null)
            {
                return null;
            }

            var idBytes = r.Bytes(id);
            if (idBytes.Length == 0 || !Ascii.IsValid(idBytes) || !Clean(idBytes)
                || !Number(r.Bytes(lat), out double latitude) || latitude is < -90 or > 90
                || !Number(r.Bytes(lon), out double longitude) || longitude is < -180 or > 180
                || !Whole(r.Bytes(wherePrec), out int wp) || wp is < 1 or > 7
                || !Day(r.Bytes(dateStart), out var start) || !Day(r.Bytes(dateEnd), out var end)
                || end < start || start < earliest || end > latest
                || !Whole(r.Bytes(datePrec), out int dp) || dp is < 1 or > 5
                || !Whole(r.Bytes(violence), out int tv) || tv is < 1 or > 3)
            {
                return null;
            }

            var a = Text(r, sideA);
            if (a.Length == 0)
            {
                return null;
            }

            Span<int?> n = stackalloc int?[5];
            for (int i = 0; i < counts.Length; i++)
            {
                var field = r.Bytes(counts[i]);
                if (field.Length == 0)
                {
                    continue;
                }

                if (!Whole(field, out int value) || value < 0)
                {
                    return null;
                }

                n[i] = value;
            }

            int clear = 2;
            var clarityBytes = r.Bytes(clarity);
            if (clarityBytes.Length > 0 && (!Whole(clarityBytes, out clear) || clear is < 1 or > 2))
            {
                return null;
            }

            bool oneSided = tv == 3;
            var b = Text(r, sideB);
            var first = Report(a, oneSided ? ActorRole.Initiator : ActorRole.Participant, n[0]);
            ActorReport[] actors = b.Length > 0 ? [first, Report(b, oneSided ? ActorRole.Target : ActorRole.Participant, n[1])] : [first];
            var (countryName, adm1Name, adm2Name) = (Text(r, country), Text(r, adm1), Text(r, adm2));
            var description = Text(r, headline);
            if (description.Length == 0)
            {
                description = Text(r, article);
            }

            return ImportRow.Of(new Evidence(
                id: string.Concat(SourceId + ":", Encoding.ASCII.GetString(idBytes)),
                origin: new EvidenceOrigin(r.File, r.Line, "ucdp-ged"),
                location: new GeoPoint(latitude, longitude),
                locationPrecision: UcdpPrecisions[wp],
                time: TimePrecision.Ucdp(dp, new DateRange(start, end))!,
                activity: oneSided ? Activity.AttackOnCivilians : Activity.OrganizedViolence,
                reportedType: tv switch { 1 => "state-based conflict", 2 => "non-state conflict", _ => "one-sided violence" },
                actors: actors,
                source: clear == 1 ? probablyTrue : possiblyTrue,
                description: description.Length > 0 ? description : null,
                fatalities: n[2],
                place: Place(Text(r, whereCoordinates), adm2Name, adm1Name),
                admin: Admin(countryName, adm1Name, adm2Name),
                fatalitiesLow: n[3],
                fatalitiesHigh: n[4]));
        }

        private static readonly LocationPrecision[] UcdpPrecisions = [.. Enumerable.Range(0, 8).Select(c => LocationPrecision.Ucdp(c)!)];

        /// <summary>No byte that trimming or a number parser would treat as space at either end (non-ASCII bytes included: they may be Unicode spaces).</summary>
        private static bool Clean(ReadOnlySpan<byte> f) => f.Length > 0 && f[0] is > 0x20 and < 0x80 && f[^1] is > 0x20 and < 0x80;

        private static bool Number(ReadOnlySpan<byte> f, out double value)
        {
            value = 0;
            return Clean(f) && double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }

        private static bool Whole(ReadOnlySpan<byte> f, out int value)
        {
            value = 0;
            return Clean(f) && int.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>YYYY-MM-DD, alone or followed by the midnight times UCDP writes; any other form is left to <see cref="FieldParse.Date"/>.</summary>
        private static bool Day(ReadOnlySpan<byte> f, out DateOnly value)
        {
            value = default;
            if (f.Length < 10 || f[4] != (byte)'-' || f[7] != (byte)'-' || !Digits(f[..4], out int y) || !Digits(f.Slice(5, 2), out int m) || !Digits(f.Slice(8, 2), out int d)
                || y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            {
                return false;
            }

            var time = f[10..];
            if (!(time.IsEmpty || time.SequenceEqual(" 00:00:00"u8) || time.SequenceEqual(" 00:00:00.000"u8) || time.SequenceEqual("T00:00:00"u8) || time.SequenceEqual("T00:00:00Z"u8)))
            {
                return false;
            }

            value = new DateOnly(y, m, d);
            return true;
        }

        private static bool Digits(ReadOnlySpan<byte> f, out int value)
        {
            value = 0;
            foreach (var c in f)
            {
                if (c is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }

        /// <summary>A field's text, trimmed as <see cref="CsvRecord"/> trims it; repeated texts are decoded once and shared.</summary>
        /// <remarks>Exports are often sorted so that neighbouring rows share a place or a side: the previous row's text of the column is checked first.</remarks>
        private string Text(CsvRecord r, int column)
        {
            var bytes = r.Bytes(column);
            if (column < 0)
            {
                return string.Empty;
            }

            ref var last = ref previous[column];
            if (last.Text is not null && bytes.SequenceEqual(last.Bytes.AsSpan(0, last.Length)))
            {
                return last.Text;
            }

            var text = texts.Get(bytes);
            if (bytes.Length <= MaxSharedLength)
            {
                if (last.Bytes is null || last.Bytes.Length < bytes.Length)
                {
                    last.Bytes = new byte[Math.Max(64, bytes.Length)];
                }

                bytes.CopyTo(last.Bytes);
                (last.Length, last.Text) = (bytes.Length, text);
            }

            return text;
        }

        private struct PreviousText
        {
            public byte[]? Bytes;
            public int Length;
            public string? Text;
        }

        private ActorReport Report(string name, ActorRole role, int? deaths)
        {
            if (!reports.TryGetValue((name, role, deaths), out var report))
            {
                report = new ActorReport(name, role, IdentificationBasis.Stated, Deaths: deaths);
                if (reports.Count < MaxShared)
                {
                    reports[(name, role, deaths)] = report;
                }
            }

            return report;
        }

        private string? Place(string where, string adm2Name, string adm1Name)
        {
            if (!places.TryGetValue((where, adm2Name, adm1Name), out var place))
            {
                var joined = string.Join(", ", new[] { where, adm2Name, adm1Name }.Where(s => s.Length > 0).Distinct());
                place = joined.Length > 0 ? joined : null;
                if (places.Count < MaxShared)
                {
                    places[(where, adm2Name, adm1Name)] = place;
                }
            }

            return place;
        }

        private AdminAttribution? Admin(string countryName, string adm1Name, string adm2Name)
        {
            if (!admins.TryGetValue((countryName, adm1Name, adm2Name), out var admin))
            {
                admin = AdminAttribution.Of("ucdp", countryName, adm1Name, adm2Name);
                if (admins.Count < MaxShared)
                {
                    admins[(countryName, adm1Name, adm2Name)] = admin;
                }
            }

            return admin;
        }
    }
}
