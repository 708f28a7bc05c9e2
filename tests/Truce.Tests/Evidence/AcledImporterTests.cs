using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

public class AcledImporterTests
{
    private const string Header =
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2," +
        "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

    private static string Row(string date = "2018-07-06", string tp = "1", string type = "Battles", string sub = "Armed clash", string a1 = "Military Forces of Syria (2000-)",
        string assoc1 = "", string a2 = "Opposition Rebels (Syria)", string lat = "32.5556", string lon = "36.2133", string gp = "1", string source = "Reuters") =>
        $"SYR1,{date},2018,{tp},Political violence,{type},{sub},{a1},{assoc1},1,{a2},,2,12,,760,Middle East,Syria,Dar'a,Dar'a,,Nasib,{lat},{lon},{gp},{source},National,notes,4,,1700000000";

    private static List<ImportRow> Read(params string[] rows) =>
        [.. AcledImporter.Read(Repo.Utf8(Header + "\n" + string.Join("\n", rows) + "\n"), "acled.csv", Repo.Import(), [])];

    [Theory]
    [InlineData("Battles", "Armed clash", Activity.ArmedClash)]
    [InlineData("Battles", "Government regains territory", Activity.TerritoryTaken)]
    [InlineData("Explosions/Remote violence", "Air/drone strike", Activity.AirStrike)]
    [InlineData("Explosions/Remote violence", "Shelling/artillery/missile attack", Activity.Shelling)]
    [InlineData("Strategic developments", "Headquarters or base established", Activity.Deployment)]
    [InlineData("Violence against civilians", "Attack", Activity.AttackOnCivilians)]
    [InlineData("Protests", "Peaceful protest", Activity.Other)]
    public void Should_Map_ACLED_Event_Types_To_Activities(string type, string sub, Activity expected)
    {
        Assert.Equal(expected, AcledImporter.MapActivity(type, sub));
    }

    [Fact]
    public void Should_Make_Actor1_The_Initiator_And_Actor2_The_Target_Of_A_Strike()
    {
        var e = Assert.Single(Read(Row(type: "Explosions/Remote violence", sub: "Air/drone strike", a1: "Military Forces of Israel (1948-)", a2: "Hezbollah"))).Evidence!;
        Assert.Equal([ActorRole.Initiator, ActorRole.Target], e.Actors.Select(a => a.Role));
    }

    [Fact]
    public void Should_Keep_Associated_Actors_Split_On_Semicolons()
    {
        var e = Assert.Single(Read(Row(assoc1: "NDF: National Defence Forces; Hezbollah"))).Evidence!;
        Assert.Equal(["Military Forces of Syria (2000-)", "NDF: National Defence Forces", "Hezbollah", "Opposition Rebels (Syria)"], e.Actors.Select(a => a.Name));
        Assert.Equal(ActorRole.Associated, e.Actors[1].Role);
    }

    [Theory]
    [InlineData("2018-07-06")]
    [InlineData("06 July 2018")]
    [InlineData("6 July 2018")]
    [InlineData("06-July-2018")]
    public void Should_Read_Both_Current_And_Older_Date_Formats(string date)
    {
        Assert.Equal(new DateOnly(2018, 7, 6), Assert.Single(Read(Row(date: date))).Evidence!.Time.Days.Start);
    }

    [Fact]
    public void Should_Widen_Week_Precise_Dates_And_Keep_Geo_Precision()
    {
        var e = Assert.Single(Read(Row(tp: "2", gp: "3"))).Evidence!;
        Assert.Equal(13, e.Time.Days.Days);
        Assert.Equal(100, e.LocationPrecision.Radius.Kilometres);
    }

    [Fact]
    public void Should_Downgrade_Items_Sourced_Only_To_State_Media()
    {
        Assert.Equal(Credibility.Doubtful, Assert.Single(Read(Row(source: "SANA"))).Evidence!.Source.Credibility);
        Assert.Equal(Credibility.ProbablyTrue, Assert.Single(Read(Row(source: "Reuters; SANA"))).Evidence!.Source.Credibility);
    }

    [Fact]
    public void Should_Reject_Bad_Geo_Precision_And_Keep_The_Good_Rows()
    {
        var rows = Read(Row(), Row(gp: "5"), Row(lat: "abc"));
        Assert.NotNull(rows[0].Evidence);
        Assert.Equal(("geo_precision", 3L), (rows[1].Rejection!.Field, rows[1].Rejection!.Line));
        Assert.Equal(("latitude", 4L), (rows[2].Rejection!.Field, rows[2].Rejection!.Line));
    }

    [Fact]
    public void Should_Map_Every_Read_Column_From_A_Row_With_Distinct_Values()
    {
        // Every column the importer reads holds a value no other column has, so a column read from the wrong place fails.
        var e = Assert.Single(Read(Row(date: "2018-07-06", tp: "2", type: "Battles", sub: "Armed clash", a1: "Military Forces of Syria (2000-)",
            assoc1: "Hezbollah", a2: "Opposition Rebels (Syria)", lat: "32.5556", lon: "36.2133", gp: "2", source: "Reuters"))).Evidence!;
        Assert.Equal("acled:SYR1", e.Id);
        Assert.Equal((32.5556, 36.2133), (e.Location.Latitude, e.Location.Longitude));
        Assert.Equal(("acled", 2, 25.0), (e.LocationPrecision.Scheme, e.LocationPrecision.Code, e.LocationPrecision.Radius.Kilometres));
        Assert.Equal(("acled", 2), (e.Time.Scheme, e.Time.Code));
        Assert.Equal(new DateRange(new(2018, 6, 30), new(2018, 7, 12)), e.Time.Days);
        Assert.Equal(Activity.ArmedClash, e.Activity);
        Assert.Equal("Battles: Armed clash", e.ReportedType);
        Assert.Equal(
            [("Military Forces of Syria (2000-)", ActorRole.Participant), ("Hezbollah", ActorRole.Associated), ("Opposition Rebels (Syria)", ActorRole.Participant)],
            e.Actors.Select(a => (a.Name, a.Role)));
        Assert.Equal((int?)4, e.Fatalities);
        Assert.Equal("notes", e.Description);
        Assert.Equal("Nasib, Dar'a", e.Place);
        Assert.Equal(new AdminAttribution("acled", "Syria", "Dar'a", "Dar'a"), e.Admin);
        Assert.Equal(("acled", Reliability.B, Credibility.ProbablyTrue), (e.Source.SourceId, e.Source.Reliability, e.Source.Credibility));
    }

    [Theory]
    [InlineData("90.5", "36.2", "latitude")]
    [InlineData("-90.0001", "36.2", "latitude")]
    [InlineData("32.5", "180.5", "longitude")]
    [InlineData("32.5", "-181", "longitude")]
    public void Should_Reject_Coordinates_Outside_The_Globe(string lat, string lon, string field)
    {
        var rows = Read(Row(), Row(lat: lat, lon: lon));
        Assert.NotNull(rows[0].Evidence);
        Assert.Equal(field, rows[1].Rejection!.Field);
        Assert.Contains("is outside", rows[1].Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Reject_A_Date_After_The_Run_And_Keep_The_Others()
    {
        var rows = Read(Row(), Row(date: "9999-12-31"), Row(date: "1850-01-01"));
        Assert.NotNull(rows[0].Evidence);
        Assert.Equal("event_date", rows[1].Rejection!.Field);
        Assert.Contains("after the run's date", rows[1].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("before 1900", rows[2].Rejection!.Reason, StringComparison.Ordinal);
    }
}
