using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

/// <summary>
/// UCDP GED exports drift: the 41-column layout of GED 19.1 (and the Syria release), the 49-column layout of GED 20.1
/// on, columns reordered, an unknown column added, an optional column missing. Each fixture row has a distinct value in
/// every column the importer reads, so a column read from the wrong place cannot go unnoticed.
/// </summary>
public class UcdpLayoutTests
{
    private static (List<ImportRow> Rows, List<string> Notices) Read(string fixture)
    {
        var notices = new List<string>();
        using var stream = File.OpenRead(Repo.Fixture("ucdp/" + fixture));
        var (format, rows) = EvidenceReader.Open(stream, fixture, Repo.Import(), notices);
        Assert.Equal("ucdp-ged", format);
        return ([.. rows], notices);
    }

    public class EveryAcceptedLayout
    {
        public static TheoryData<string> Layouts => new() { "ged-49-columns.csv", "ged-41-columns.csv", "ged-reordered.csv", "ged-extra-column.csv" };

        [Theory]
        [MemberData(nameof(Layouts))]
        public void Should_Map_Every_Read_Column_Of_A_State_Based_Event(string fixture)
        {
            var e = Read(fixture).Rows[0].Evidence!;
            Assert.Equal("ucdp-ged:100001", e.Id);
            Assert.Equal(2, e.Origin.Line);
            Assert.Equal((33.513, 36.292), (e.Location.Latitude, e.Location.Longitude));
            Assert.Equal(("ucdp", 2, 25.0), (e.LocationPrecision.Scheme, e.LocationPrecision.Code, e.LocationPrecision.Radius.Kilometres));
            Assert.Equal(("ucdp", 1), (e.Time.Scheme, e.Time.Code));
            Assert.Equal(new DateRange(new(2018, 3, 4), new(2018, 3, 4)), e.Time.Days);
            Assert.Equal(Activity.OrganizedViolence, e.Activity);
            Assert.Equal("state-based conflict", e.ReportedType);
            Assert.Equal(("Government of Syria", ActorRole.Participant, (int?)3), (e.Actors[0].Name, e.Actors[0].Role, e.Actors[0].Deaths));
            Assert.Equal(("Syrian insurgents", ActorRole.Participant, (int?)5), (e.Actors[1].Name, e.Actors[1].Role, e.Actors[1].Deaths));
            Assert.Equal(((int?)26, (int?)20, (int?)40), (e.Fatalities, e.FatalitiesLow, e.FatalitiesHigh));
            Assert.Equal(Credibility.ProbablyTrue, e.Source.Credibility);
            Assert.Equal(new AdminAttribution("ucdp", "Syria", "Damascus Governorate", "Damascus district"), e.Admin);
            Assert.Equal("Damascus city, Damascus district, Damascus Governorate", e.Place);
            Assert.Equal("Clashes in Damascus city (fixture)", e.Description);
        }

        [Theory]
        [MemberData(nameof(Layouts))]
        public void Should_Map_One_Sided_Violence_And_Clarity_Two(string fixture)
        {
            var e = Read(fixture).Rows[1].Evidence!;
            Assert.Equal("ucdp-ged:100002", e.Id);
            Assert.Equal(Activity.AttackOnCivilians, e.Activity);
            Assert.Equal(("IS", ActorRole.Initiator, (int?)0), (e.Actors[0].Name, e.Actors[0].Role, e.Actors[0].Deaths));
            Assert.Equal(("Civilians", ActorRole.Target, (int?)9), (e.Actors[1].Name, e.Actors[1].Role, e.Actors[1].Deaths));
            Assert.Equal(Credibility.PossiblyTrue, e.Source.Credibility);
            Assert.Equal(("ucdp", 4, 150.0), (e.LocationPrecision.Scheme, e.LocationPrecision.Code, e.LocationPrecision.Radius.Kilometres));
            Assert.Equal(31, e.Time.Days.Days);
            Assert.Equal(((int?)9, (int?)8, (int?)12), (e.Fatalities, e.FatalitiesLow, e.FatalitiesHigh));
            Assert.Equal("Fixture article two", e.Description);
        }

        [Theory]
        [MemberData(nameof(Layouts))]
        public void Should_Keep_A_Coalition_Side_Whole_And_A_Quoted_Field_Intact(string fixture)
        {
            var e = Read(fixture).Rows[2].Evidence!;
            Assert.Equal("Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front", e.Actors[1].Name);
            Assert.Equal((int?)2, e.Actors[1].Deaths);
            Assert.Equal(new DateRange(new(2016, 9, 10), new(2016, 9, 14)), e.Time.Days);
            Assert.Equal(2, e.Time.Code);
            Assert.Equal("Fixture \"quoted\" article, with comma", e.Description);
        }
    }

    public class TheExtraColumnLayout
    {
        [Fact]
        public void Should_Name_The_Ignored_Column_In_A_Notice()
        {
            var (rows, notices) = Read("ged-extra-column.csv");
            Assert.Equal(3, rows.Count(r => r.Evidence is not null));
            Assert.Contains("ignored unknown column(s): analyst_notes", notices);
        }
    }

    public class TheMissingOptionalColumnLayout
    {
        [Fact]
        public void Should_Accept_Every_Row_And_Say_What_Each_Missing_Column_Costs()
        {
            var (rows, notices) = Read("ged-missing-optional.csv");
            Assert.All(rows, r => Assert.NotNull(r.Evidence));
            Assert.Contains(notices, n => n.StartsWith("optional column 'deaths_a' is missing: side A's presence", StringComparison.Ordinal));
            Assert.Contains(notices, n => n.StartsWith("optional column 'deaths_b' is missing", StringComparison.Ordinal));
            Assert.Contains(notices, n => n.StartsWith("optional column 'adm_1' is missing: the governorate cannot constrain", StringComparison.Ordinal));
            var e = rows[0].Evidence!;
            Assert.Null(e.Actors[0].Deaths);
            Assert.Null(e.Admin!.Admin1);
            Assert.Equal((int?)26, e.Fatalities);
        }
    }

    public class TheMissingClarityLayout
    {
        [Fact]
        public void Should_Read_Every_Event_As_Clarity_Two_And_Say_So()
        {
            // The same rows as ged-41-columns.csv without event_clarity: row 1 there is clarity 1 (probably true).
            Assert.Equal(Credibility.ProbablyTrue, Read("ged-41-columns.csv").Rows[0].Evidence!.Source.Credibility);
            var (rows, notices) = Read("ged-missing-clarity.csv");
            Assert.All(rows, r => Assert.Equal(Credibility.PossiblyTrue, r.Evidence!.Source.Credibility));
            Assert.Contains("optional column 'event_clarity' is missing: every event is read as clarity 2 (possibly true)", notices);
        }
    }

    public class TheMissingRequiredColumnLayout
    {
        [Fact]
        public void Should_Refuse_The_File_Naming_The_Column()
        {
            var ex = Assert.Throws<EvidenceFormatException>(() => Read("ged-missing-required.csv"));
            Assert.Contains("missing required column(s): where_prec", ex.Reason, StringComparison.Ordinal);
        }
    }
}
