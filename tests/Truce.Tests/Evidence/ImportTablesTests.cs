using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

/// <summary>
/// The importers' tables of column and field names, each against a list written here from docs/evidence-format.md and
/// the datasets' own headers: every required column is required (a file without it is refused naming it), every
/// optional one is read when present and named with its cost when absent, every known column goes unremarked, every
/// native field is accepted. A name missing from, added to or misspelt in a table changes one of these answers.
/// </summary>
/// <remarks>The tables are static: Stryker cannot switch their mutants on in its reused test process, so these tests are what guards them.</remarks>
public class ImportTablesTests
{
    /// <summary>docs/evidence-format.md, "UCDP GED": the required columns, in the order given there.</summary>
    private static readonly string[] UcdpRequired = ["id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude", "date_prec", "date_start", "date_end"];

    /// <summary>docs/evidence-format.md, "ACLED": the required columns.</summary>
    private static readonly string[] AcledRequired = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "latitude", "longitude", "geo_precision"];

    /// <summary>A value for each column a UCDP row needs, each one a code the codebook defines.</summary>
    private static string UcdpValue(string column) => column switch
    {
        "id" => "77",
        "type_of_violence" => "1",
        "side_a" => "Government of Syria",
        "side_b" => "Syrian insurgents",
        "where_prec" => "1",
        "latitude" => "33.5",
        "longitude" => "36.3",
        "date_prec" => "1",
        "date_start" or "date_end" => "2018-03-04",
        _ => "x",
    };

    private static string AcledValue(string column) => column switch
    {
        "event_id_cnty" => "SYR77",
        "event_date" => "2018-07-06",
        "time_precision" or "geo_precision" => "1",
        "event_type" => "Battles",
        "sub_event_type" => "Armed clash",
        "actor1" => "Military Forces of Syria (2000-)",
        "actor2" => "Opposition Rebels (Syria)",
        "latitude" => "32.5",
        "longitude" => "36.2",
        "fatalities" => "3",
        _ => "x",
    };

    private static (string Format, List<ImportRow> Rows, List<string> Notices) Open(string csv)
    {
        var notices = new List<string>();
        var (format, rows) = EvidenceReader.Open(Repo.Utf8(csv), "t.csv", Repo.Import(), notices);
        return (format, [.. rows], notices);
    }

    private static string Csv(string[] columns, Func<string, string> value) => string.Join(",", columns) + "\n" + string.Join(",", columns.Select(value)) + "\n";

    public class TheUcdpTables
    {
        [Fact]
        public void Should_Read_A_Row_With_Only_The_Required_Columns_And_Name_What_Each_Missing_Optional_Column_Costs()
        {
            var (format, rows, notices) = Open(Csv(UcdpRequired, UcdpValue));
            Assert.Equal("ucdp-ged", format);
            Assert.Equal(
                [
                    "optional column 'deaths_a' is missing: side A's presence cannot be shown from its deaths",
                    "optional column 'deaths_b' is missing: side B's presence cannot be shown from its deaths",
                    "optional column 'best' is missing: death tolls are unknown",
                    "optional column 'low' is missing: low death estimates are unknown",
                    "optional column 'high' is missing: high death estimates are unknown",
                    "optional column 'event_clarity' is missing: every event is read as clarity 2 (possibly true)",
                    "optional column 'country' is missing: the country cannot constrain the location",
                    "optional column 'adm_1' is missing: the governorate cannot constrain the location",
                    "optional column 'adm_2' is missing: the district cannot constrain the location",
                ],
                notices);

            var e = Assert.Single(rows).Evidence!;
            Assert.Equal(("ucdp-ged:77", 33.5, 36.3), (e.Id, e.Location.Latitude, e.Location.Longitude));
            Assert.Equal(["Government of Syria", "Syrian insurgents"], e.Actors.Select(a => a.Name));
            Assert.All(e.Actors, a => Assert.Null(a.Deaths));
            Assert.Equal(((int?)null, (int?)null, (int?)null), (e.Fatalities, e.FatalitiesLow, e.FatalitiesHigh));
            Assert.Equal(Credibility.PossiblyTrue, e.Source.Credibility);
            Assert.Null(e.Admin);
            Assert.Null(e.Place);
            Assert.Null(e.Description);
        }

        [Theory]
        [InlineData("id")]
        [InlineData("type_of_violence")]
        [InlineData("side_a")]
        [InlineData("side_b")]
        [InlineData("where_prec")]
        [InlineData("latitude")]
        [InlineData("longitude")]
        [InlineData("date_prec")]
        [InlineData("date_start")]
        [InlineData("date_end")]
        public void Should_Refuse_A_File_Without_A_Required_Column_Naming_It(string column)
        {
            // At least three of where_prec, side_a, side_b, type_of_violence and date_prec remain, so the header is still UCDP's.
            var columns = UcdpRequired.Where(c => c != column).ToArray();
            var ex = Assert.Throws<EvidenceFormatException>(() => Open(Csv(columns, UcdpValue)).Rows.Count);
            Assert.Equal(("t.csv", $"missing required column(s): {column} (header has 9 columns)"), (ex.File, ex.Reason));
        }

        [Fact]
        public void Should_Take_Every_Column_Of_The_49_And_41_Column_Layouts_As_Known()
        {
            foreach (var fixture in new[] { "ged-49-columns.csv", "ged-41-columns.csv" })
            {
                var notices = new List<string>();
                using var stream = File.OpenRead(Repo.Fixture("ucdp/" + fixture));
                var (_, rows) = EvidenceReader.Open(stream, fixture, Repo.Import(), notices);
                Assert.Equal(3, rows.Count(r => r.Evidence is not null));
                Assert.Empty(notices);
            }
        }

        [Fact]
        public void Should_Take_Every_Column_Of_The_Real_Syria_Release_As_Known()
        {
            var notices = new List<string>();
            using var stream = File.OpenRead(Repo.SharedData("data/ucdp-ged/ged_syria_652.1601.1911.csv"));
            var (_, rows) = EvidenceReader.Open(stream, "ged_syria_652.1601.1911.csv", Repo.Import(), notices);
            Assert.NotNull(rows.First().Evidence);
            Assert.Empty(notices);
        }

        [Theory]
        [InlineData("where_prec", "side_a")]
        [InlineData("side_b", "type_of_violence")]
        [InlineData("dyad_name", "date_prec")]
        [InlineData("where_prec", "date_prec")]
        [InlineData("side_a", "dyad_name")]
        [InlineData("type_of_violence", "side_a")]
        public void Should_Know_A_Header_For_UCDP_By_Any_Two_Of_Its_Distinctive_Columns(string first, string second)
        {
            Assert.Equal("ucdp-ged", EvidenceReader.DetectFormat("t.csv", $"notes,{first},{second}"));
            Assert.Equal("ucdp-ged", EvidenceReader.DetectFormat("t.csv", $"{second},notes,{first}"));
        }

        [Theory]
        [InlineData("where_prec")]
        [InlineData("side_a")]
        [InlineData("side_b")]
        [InlineData("type_of_violence")]
        [InlineData("dyad_name")]
        [InlineData("date_prec")]
        public void Should_Not_Take_One_Distinctive_Column_Alone_For_UCDP(string column)
        {
            var ex = Assert.Throws<EvidenceFormatException>(() => EvidenceReader.DetectFormat("t.csv", $"notes,{column},id,latitude"));
            Assert.Equal("a CSV file must be UCDP GED (columns where_prec, side_a, type_of_violence, …) or ACLED (columns event_id_cnty, geo_precision, …)", ex.Reason);
        }
    }

    public class TheAcledTables
    {
        /// <summary>ACLED's columns: the current export (examples/evidence/acled-syria-sample.csv) and the older data_id, event_id_no_cnty and iso3.</summary>
        private static string[] AllColumns() =>
        [
            .. File.ReadLines(Repo.Path("examples/evidence/acled-syria-sample.csv")).First().Split(','),
            "data_id", "event_id_no_cnty", "iso3",
        ];

        [Fact]
        public void Should_Take_Every_Current_And_Older_Column_As_Known()
        {
            var columns = AllColumns();
            Assert.Equal(34, columns.Distinct().Count());
            var (format, rows, notices) = Open(Csv(columns, AcledValue));
            Assert.Equal("acled", format);
            Assert.Equal((int?)3, Assert.Single(rows).Evidence!.Fatalities);
            Assert.Empty(notices);
        }

        [Fact]
        public void Should_Read_A_Row_With_Only_The_Required_Columns()
        {
            var (_, rows, notices) = Open(Csv(AcledRequired, AcledValue));
            Assert.Empty(notices);
            var e = Assert.Single(rows).Evidence!;
            Assert.Equal(("acled:SYR77", 32.5, 36.2, Activity.ArmedClash), (e.Id, e.Location.Latitude, e.Location.Longitude, e.Activity));
            Assert.Equal(["Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"], e.Actors.Select(a => a.Name));
            Assert.Equal(Credibility.ProbablyTrue, e.Source.Credibility);
            Assert.Equal(((int?)null, null, null, null), (e.Fatalities, e.Description, e.Place, e.Admin));
        }

        [Theory]
        [InlineData("event_id_cnty")]
        [InlineData("event_date")]
        [InlineData("time_precision")]
        [InlineData("event_type")]
        [InlineData("sub_event_type")]
        [InlineData("actor1")]
        [InlineData("actor2")]
        [InlineData("latitude")]
        [InlineData("longitude")]
        [InlineData("geo_precision")]
        public void Should_Refuse_A_File_Without_A_Required_Column_Naming_It(string column)
        {
            // Two of event_id_cnty, geo_precision and sub_event_type always remain, so the header is still ACLED's.
            var columns = AcledRequired.Where(c => c != column).ToArray();
            var ex = Assert.Throws<EvidenceFormatException>(() => Open(Csv(columns, AcledValue)).Rows.Count);
            Assert.Equal(("t.csv", $"missing required column(s): {column} (header has 9 columns)"), (ex.File, ex.Reason));
        }

        [Theory]
        [InlineData("event_id_cnty", "geo_precision")]
        [InlineData("sub_event_type", "actor1")]
        [InlineData("time_precision", "event_date")]
        [InlineData("event_id_cnty", "event_date")]
        [InlineData("geo_precision", "actor1")]
        [InlineData("sub_event_type", "time_precision")]
        public void Should_Know_A_Header_For_ACLED_By_Any_Two_Of_Its_Distinctive_Columns(string first, string second)
        {
            Assert.Equal("acled", EvidenceReader.DetectFormat("t.csv", $"notes,{first},{second}"));
        }

        [Theory]
        [InlineData("event_id_cnty")]
        [InlineData("geo_precision")]
        [InlineData("sub_event_type")]
        [InlineData("actor1")]
        [InlineData("time_precision")]
        [InlineData("event_date")]
        public void Should_Not_Take_One_Distinctive_Column_Alone_For_ACLED(string column)
        {
            Assert.Throws<EvidenceFormatException>(() => EvidenceReader.DetectFormat("t.csv", $"notes,{column},latitude,longitude"));
        }
    }

    public class TheNativeFields
    {
        private const string EveryField =
            """{"type":"evidence","id":"n-1","date":"2018-09-12","date_start":"2018-09-11","date_end":"2018-09-13","lat":33.05,"lon":36.0,"location_precision_km":2.5,"place":"near al-Harrah","activity":"presence","reported_type":"sighting","actors":[{"name":"Hezbollah","role":"observed","basis":"attributed","category":"militia","deaths":1}],"source":"idf-spokesperson","credibility":3,"description":"seen","url":"https://example.org/n-1","fatalities":2,"country":"Syria","admin1":"Quneitra","admin2":"Quneitra district"}""";

        private static ImportRow Read(string line) => Assert.Single(NdjsonImporter.Read(Repo.Utf8(line + "\n"), "n.ndjson", Repo.Import()));

        [Fact]
        public void Should_Accept_Every_Documented_Field_Of_Evidence_And_Of_An_Actor_And_Map_Each()
        {
            var e = Read(EveryField).Evidence!;
            Assert.Equal("idf-spokesperson:n-1", e.Id);
            Assert.Equal(new DateRange(new(2018, 9, 11), new(2018, 9, 13)), e.Time.Days); // date_start and date_end win over date
            Assert.Equal((33.05, 36.0, 2.5), (e.Location.Latitude, e.Location.Longitude, e.LocationPrecision.Radius.Kilometres));
            Assert.Equal(("near al-Harrah", Activity.Presence, "sighting"), (e.Place, e.Activity, e.ReportedType));
            var a = Assert.Single(e.Actors);
            Assert.Equal(("Hezbollah", ActorRole.Observed, IdentificationBasis.Attributed, "militia", (int?)1), (a.Name, a.Role, a.Basis, a.Category, a.Deaths));
            Assert.Equal(("idf-spokesperson", Credibility.PossiblyTrue), (e.Source.SourceId, e.Source.Credibility));
            Assert.Equal(("seen <https://example.org/n-1>", (int?)2), (e.Description, e.Fatalities));
            Assert.Equal(new AdminAttribution("truce", "Syria", "Quneitra", "Quneitra district"), e.Admin);
        }

        [Fact]
        public void Should_Name_Every_Allowed_Field_When_Refusing_An_Unknown_One()
        {
            var r = Read(EveryField.Replace("\"place\"", "\"where\"", StringComparison.Ordinal)).Rejection!;
            Assert.Equal(("where", "unknown field; allowed: type, id, date, date_start, date_end, lat, lon, location_precision_km, place, activity, reported_type, actors, source, credibility, description, url, fatalities, country, admin1, admin2"), (r.Field, r.Reason));

            var actor = Read(EveryField.Replace("\"category\"", "\"group\"", StringComparison.Ordinal)).Rejection!;
            Assert.Equal(("actors[0].group", "unknown actor field; allowed: name, role, basis, category, deaths"), (actor.Field, actor.Reason));
        }

        [Fact]
        public void Should_Accept_Every_Documented_Field_Of_A_Coverage_And_Name_Them_When_Refusing_Another()
        {
            const string coverage = """{"type":"coverage","source":"undof","bbox":[32.6,35.6,33.6,36.4],"from":"2018-08-01","to":"2018-12-31","observes":["presence","deployment"],"note":"day patrols only"}""";
            var c = Read(coverage).Coverage!;
            Assert.Equal(("undof", "n.ndjson", "day patrols only", true), (c.SourceId, c.File, c.Note, c.Declared));
            Assert.Equal((32.6, 35.6, 33.6, 36.4), (c.Area.South, c.Area.West, c.Area.North, c.Area.East));
            Assert.Equal(new DateRange(new(2018, 8, 1), new(2018, 12, 31)), c.Period);
            Assert.Equal([ObligedActivity.Presence, ObligedActivity.Deployment], c.Observes);

            var r = Read(coverage.Replace("\"note\"", "\"remark\"", StringComparison.Ordinal)).Rejection!;
            Assert.Equal(("remark", "unknown coverage field; allowed: type, source, bbox, from, to, observes, note"), (r.Field, r.Reason));
        }
    }

    public class TheDateFormats
    {
        [Theory]
        [InlineData("2018-07-06")]
        [InlineData(" 2018-07-06 ")] // not the fast path: yyyy-MM-dd with the white space allowed around it
        [InlineData("2018-07-06 13:45:10")]
        [InlineData("2018-07-06 13:45:10.250")]
        [InlineData("2018-07-06T13:45:10")]
        [InlineData("2018-07-06T13:45:10Z")]
        [InlineData("6 July 2018")]
        [InlineData("06 July 2018")]
        [InlineData("6-July-2018")]
        [InlineData("06-July-2018")]
        [InlineData("6-Jul-18")]
        [InlineData("06-Jul-18")]
        [InlineData("06/07/2018")]
        public void Should_Read_Each_Accepted_Spelling_Of_6_July_2018_As_That_Day(string text)
        {
            // NDJSON dates are taken as written (CSV fields are trimmed first), so the spaced form reaches the full parser.
            var line = $$"""{"id":"d","date":"{{text}}","lat":33.05,"lon":36.0,"location_precision_km":2,"activity":"presence","actors":[{"name":"Hezbollah"}],"source":"reuters"}""";
            var e = Assert.Single(NdjsonImporter.Read(Repo.Utf8(line + "\n"), "d.ndjson", Repo.Import())).Evidence;
            Assert.NotNull(e);
            Assert.Equal(new DateRange(new(2018, 7, 6), new(2018, 7, 6)), e.Time.Days);
        }
    }

    public class TheExtensions
    {
        [Theory]
        [InlineData("a.csv", true)]
        [InlineData("a.ndjson", true)]
        [InlineData("a.jsonl", true)]
        [InlineData("a.geojson", true)]
        [InlineData("a.json", true)]
        [InlineData("A.CSV", true)]
        [InlineData("a.csv.gz", true)]
        [InlineData("a.jsonl.gz", true)]
        [InlineData("a.json.GZ", true)]
        [InlineData("a.txt", false)]
        [InlineData("a.gz", false)]
        [InlineData("a.txt.gz", false)]
        [InlineData("csv", false)]
        [InlineData("a.xlsx", false)]
        public void Should_Take_The_Documented_Extensions_Plain_Or_Gzipped_And_No_Other(string file, bool evidence)
        {
            Assert.Equal(evidence, EvidenceReader.IsEvidenceFile(file));
        }

        [Fact]
        public void Should_List_The_Documented_Extensions()
        {
            Assert.Equal([".csv", ".ndjson", ".jsonl", ".geojson", ".json"], EvidenceReader.Extensions);
        }
    }
}
