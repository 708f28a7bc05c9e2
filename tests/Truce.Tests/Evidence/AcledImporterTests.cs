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
}
