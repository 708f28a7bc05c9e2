using System.Text;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

public class UcdpGedImporterTests
{
    internal const string Header =
        "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name," +
        "side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date," +
        "source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid," +
        "country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob";

    internal static string Row(
        string id = "1", string violence = "1", string sideA = "Government of Syria", string sideB = "Syrian insurgents", string wherePrec = "1",
        string lat = "32.6189", string lon = "36.1021", string datePrec = "1", string start = "2018-07-10 00:00:00.000", string end = "2018-07-10 00:00:00.000",
        string best = "3", string clarity = "1", string article = "fixture") =>
        $"{id},R{id},2018,1,Clear,{violence},,,Syria: Government,,,{sideA} - {sideB},,,{sideA},,,{sideB},1,\"{article}\",,,,,{wherePrec},Daraa,Daraa,Daraa governorate,Daraa district,{lat},{lon},POINT ({lon} {lat}),,Syria,652,Middle East,{clarity},{datePrec},{start},{end},0,0,0,0,{best},{best},{best},652,";

    private static List<ImportRow> Read(string csv) =>
        [.. UcdpGedImporter.Read(Repo.Utf8(csv), "ged.csv", Repo.Import(), [])];

    [Fact]
    public void Should_Keep_Precision_Actors_Event_Type_And_Source_As_Typed_Values()
    {
        var e = Assert.Single(Read(Header + "\n" + Row(wherePrec: "3", datePrec: "4", start: "2018-07-01", end: "2018-07-31") + "\n")).Evidence!;
        Assert.Equal("ucdp-ged:1", e.Id);
        Assert.Equal(2, e.Origin.Line);
        Assert.Equal(("ucdp", 3), (e.LocationPrecision.Scheme, e.LocationPrecision.Code));
        Assert.Equal(50, e.LocationPrecision.Radius.Kilometres);
        Assert.Equal(("ucdp", 4), (e.Time.Scheme, e.Time.Code));
        Assert.Equal(31, e.Time.Days.Days);
        Assert.Equal(Activity.OrganizedViolence, e.Activity);
        Assert.Equal("state-based conflict", e.ReportedType);
        Assert.Equal(["Government of Syria", "Syrian insurgents"], e.Actors.Select(a => a.Name));
        Assert.All(e.Actors, a => Assert.Equal(ActorRole.Participant, a.Role));
        Assert.Equal("B2", e.Source.Code);
        Assert.Equal(3, e.Fatalities);
    }

    [Fact]
    public void Should_Make_Side_A_The_Initiator_Of_One_Sided_Violence()
    {
        var e = Assert.Single(Read(Header + "\n" + Row(violence: "3", sideB: "Civilians") + "\n")).Evidence!;
        Assert.Equal(Activity.AttackOnCivilians, e.Activity);
        Assert.Equal([ActorRole.Initiator, ActorRole.Target], e.Actors.Select(a => a.Role));
    }

    [Theory]
    [InlineData("latitude", "91", "91 is outside [-90, 90]")]
    [InlineData("latitude", "NaN", "'NaN' is not a number")]
    [InlineData("latitude", "", "is empty")]
    [InlineData("longitude", "181", "181 is outside [-180, 180]")]
    [InlineData("where_prec", "9", "9 is outside 1-7")]
    [InlineData("date_start", "2018-13-45", "'2018-13-45' is not a date")]
    [InlineData("type_of_violence", "x", "'x' is not a whole number")]
    [InlineData("best", "-4", "-4 is outside")]
    public void Should_Reject_A_Bad_Row_With_File_Line_Field_And_Reason(string field, string value, string reason)
    {
        var bad = field switch
        {
            "latitude" => Row(id: "2", lat: value),
            "longitude" => Row(id: "2", lon: value),
            "where_prec" => Row(id: "2", wherePrec: value),
            "date_start" => Row(id: "2", start: value),
            "type_of_violence" => Row(id: "2", violence: value),
            _ => Row(id: "2", best: value),
        };
        var rows = Read(Header + "\n" + Row() + "\n" + bad + "\n" + Row(id: "3") + "\n");
        Assert.Equal(3, rows.Count);
        var r = rows[1].Rejection!;
        Assert.Equal(("ged.csv", 3L, field), (r.File, r.Line, r.Field));
        Assert.Contains(reason, r.Reason, StringComparison.Ordinal);
        Assert.Contains("R2", r.Raw, StringComparison.Ordinal);
        Assert.NotNull(rows[0].Evidence);
        Assert.NotNull(rows[2].Evidence);
    }

    [Fact]
    public void Should_Count_Physical_Lines_Across_Quoted_Newlines()
    {
        var rows = Read(Header + "\n" + Row(article: "line one\nline two") + "\n" + Row(id: "2", lat: "95") + "\n");
        Assert.Equal(4, rows[1].Rejection!.Line);
    }

    [Fact]
    public void Should_Refuse_A_File_Missing_Required_Columns_Naming_Them()
    {
        var header = Header.Replace(",where_prec,", ",where_precision,", StringComparison.Ordinal);
        var ex = Assert.Throws<EvidenceFormatException>(() => Read(header + "\n"));
        Assert.Contains("where_prec", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ged.csv", ex.File);
    }

    [Fact]
    public void Should_Accept_A_Header_With_A_Byte_Order_Mark_And_Reject_A_Short_Row()
    {
        var rows = Read("\uFEFF" + Header + "\n9,R9,2018\n");
        var r = Assert.Single(rows).Rejection!;
        Assert.Equal(2, r.Line);
    }
}
