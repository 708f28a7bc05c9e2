using System.Text;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

public class NdjsonImporterTests
{
    private const string Good = """{"id":"g-1","date":"2018-09-12","lat":33.05,"lon":36.0,"location_precision_km":2,"activity":"presence","actors":[{"name":"Syrian Arab Army","role":"observed","basis":"uniform"},{"name":"Hezbollah","basis":"attributed"}],"source":"idf-spokesperson","credibility":3}""";

    private static List<ImportRow> Read(string text) => [.. NdjsonImporter.Read(Repo.Utf8(text), "reports.ndjson", Repo.Import())];

    [Fact]
    public void Should_Read_Identification_Basis_And_Admiralty_Grade()
    {
        var e = Assert.Single(Read(Good)).Evidence!;
        Assert.Equal("idf-spokesperson:g-1", e.Id);
        Assert.Equal([IdentificationBasis.Uniform, IdentificationBasis.Attributed], e.Actors.Select(a => a.Basis));
        Assert.Equal(ActorRole.Participant, e.Actors[1].Role);
        Assert.Equal("C3", e.Source.Code);
        Assert.Equal(2, e.LocationPrecision.Radius.Kilometres);
    }

    [Fact]
    public void Should_Rate_An_Unregistered_Source_F()
    {
        var e = Assert.Single(Read(Good.Replace("idf-spokesperson", "some blog", StringComparison.Ordinal))).Evidence!;
        Assert.Equal(Reliability.F, e.Source.Reliability);
        Assert.False(e.Source.Registered);
        Assert.False(e.Source.CanConfirm);
    }

    [Theory]
    [InlineData("\"lat\":33.05", "\"lat\":91", "lat", "91 is outside")]
    [InlineData("\"lat\":33.05", "\"lat\":\"NaN\"", "lat", "not a finite number")]
    [InlineData(",\"location_precision_km\":2", "", "location_precision_km", "is required")]
    [InlineData("\"activity\":\"presence\"", "\"activity\":\"loitering\"", "activity", "not an activity")]
    [InlineData("\"basis\":\"uniform\"", "\"basis\":\"rumour\"", "actors[0].basis", "not a basis")]
    [InlineData("\"credibility\":3", "\"credibility\":9", "credibility", "1-6")]
    [InlineData("\"date\":\"2018-09-12\"", "\"date\":\"12/13/2018\"", "date", "not a date")]
    [InlineData("\"source\":\"idf-spokesperson\"", "\"sauce\":\"x\"", "sauce", "unknown field")]
    public void Should_Reject_A_Bad_Line_With_Its_Field_And_Keep_The_Others(string from, string to, string field, string reason)
    {
        var rows = Read(Good + "\n" + Good.Replace(from, to, StringComparison.Ordinal) + "\n\n" + Good.Replace("g-1", "g-3", StringComparison.Ordinal) + "\n");
        Assert.Equal(3, rows.Count);
        var r = rows[1].Rejection!;
        Assert.Equal((2L, field), (r.Line, r.Field));
        Assert.Contains(reason, r.Reason, StringComparison.Ordinal);
        Assert.Equal(4, rows[2].Evidence!.Origin.Line);
    }

    [Fact]
    public void Should_Reject_Invalid_Json_Without_Stopping()
    {
        var rows = Read("{not json\n" + Good);
        Assert.Equal("(json)", rows[0].Rejection!.Field);
        Assert.NotNull(rows[1].Evidence);
    }

    [Fact]
    public void Should_Read_A_Coverage_Declaration()
    {
        var c = Assert.Single(Read("""{"type":"coverage","source":"undof","bbox":[32.6,35.6,33.6,36.4],"from":"2018-08-01","to":"2018-12-31","observes":["presence"]}""")).Coverage!;
        Assert.True(c.Declared);
        Assert.Equal([ObligedActivity.Presence], c.Observes);
        Assert.Equal(153, c.Period.Days);
    }
}

public class GeoJsonEvidenceImporterTests
{
    private static string Feature(string id, string coordinates = "[36.0, 33.05]", string geometryType = "Point") =>
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"" + geometryType + "\",\"coordinates\":" + coordinates + "},\"properties\":{\"id\":\"" + id +
        "\",\"date\":\"2019-01-21\",\"location_precision_km\":3,\"activity\":\"air_strike\",\"actors\":[{\"name\":\"Quds Force\",\"role\":\"target\"}],\"source\":\"reuters\",\"credibility\":2}}";

    private static List<ImportRow> Read(string json) =>
        [.. GeoJsonEvidenceImporter.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "strikes.geojson", Repo.Import())];

    [Fact]
    public void Should_Read_Point_Features_With_The_Line_Each_Starts_On()
    {
        var rows = Read("{\n\"type\":\"FeatureCollection\",\n\"features\":[\n" + Feature("a") + ",\n" + Feature("b", "[36.0, 95]") + ",\n" + Feature("c", "[[36,33],[36.1,33.1]]", "LineString") + "\n]}\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal((4L, "reuters:a"), (rows[0].Evidence!.Origin.Line, rows[0].Evidence!.Id));
        Assert.Equal((5L, "geometry.coordinates[1]"), (rows[1].Rejection!.Line, rows[1].Rejection!.Field));
        Assert.Equal((6L, "geometry"), (rows[2].Rejection!.Line, rows[2].Rejection!.Field));
    }

    [Fact]
    public void Should_Stream_Features_Larger_Than_Its_Buffer()
    {
        // One feature bigger than the 64 KiB starting buffer, then a normal one.
        var big = Feature("big").Replace("\"credibility\":2", "\"credibility\":2,\"description\":\"" + new string('x', 200_000) + "\"", StringComparison.Ordinal);
        var rows = Read("{\"type\":\"FeatureCollection\",\"features\":[" + big + "," + Feature("small") + "]}");
        Assert.Equal(["reuters:big", "reuters:small"], rows.Select(r => r.Evidence!.Id));
    }

    [Theory]
    [InlineData("[]", "JSON array")]
    [InlineData("{\"type\":\"FeatureCollection\"}", "no \"features\" array")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":", "in the feature starting on line 1")]
    [InlineData("", "empty")]
    public void Should_Refuse_A_File_That_Is_Not_A_Feature_Collection(string json, string message)
    {
        var ex = Assert.Throws<EvidenceFormatException>(() => Read(json));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
