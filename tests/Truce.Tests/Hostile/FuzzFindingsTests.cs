using System.Text;
using Truce.Agreements;
using Truce.Evidence.Import;
using Truce.Geodesy;
using Truce.Tests.TestSupport;
using Truce.Text;

namespace Truce.Tests.Hostile;

/// <summary>Each input the fuzz tests found that crashed a reader (an exception other than a located refusal), kept as a fixed case.</summary>
public class FuzzFindingsTests
{
    private const string Fields = "\"date\":\"2018-06-20\",\"lat\":34.512,\"lon\":36.583,\"location_precision_km\":1,\"activity\":\"presence\","
        + "\"source\":\"al-monitor\",\"credibility\":2";

    private const string Good = Fields + ",\"actors\":[{\"name\":\"Hezbollah\",\"role\":\"observed\"}]";

    private static List<ImportRow> Ndjson(string text) => [.. NdjsonImporter.Read(Repo.Utf8(text), "f.ndjson", Repo.Import())];

    private static List<ImportRow> GeoJson(string text) => [.. GeoJsonEvidenceImporter.Read(Repo.Utf8(text), "f.geojson", Repo.Import())];

    private static string Feature(string geometry, string properties) =>
        $"{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"geometry\":{geometry},\"properties\":{{{properties}}}}}]}}";

    [Theory]
    [InlineData("{\"id\":\"a\",\"place\":\"\\ud800\"," + Good + "}", "place")]
    [InlineData("{\"id\":\"a\",\"\\udc00\":1," + Good + "}", JsonStrings.UnreadableName)]
    [InlineData("{\"id\":\"a\",\"actors\":[{\"name\":\"\\ud83d\"}]," + Fields + "}", "actors[0].name")]
    public void An_Unpaired_Surrogate_Escape_In_Ndjson_Rejects_The_Line_Naming_The_Field(string line, string field)
    {
        var rows = Ndjson(line + "\n{\"id\":\"b\"," + Good + "}\n");
        var rejection = rows[0].Rejection;
        Assert.NotNull(rejection);
        Assert.Equal(field, rejection.Field);
        Assert.Contains("surrogate", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal("al-monitor:b", rows[1].Evidence?.Id);
    }

    [Fact]
    public void A_Paired_Surrogate_Escape_Is_Text_And_Is_Accepted()
    {
        var row = Assert.Single(Ndjson("{\"id\":\"a\",\"place\":\"\\ud83d\\ude00\"," + Good + "}\n"));
        Assert.Equal("\U0001F600", row.Evidence?.Place);
    }

    [Fact]
    public void An_Unpaired_Surrogate_Escape_In_A_GeoJson_Feature_Rejects_The_Feature()
    {
        var row = Assert.Single(GeoJson(Feature("{\"type\":\"Point\",\"coordinates\":[36.5,34.5]}", "\"id\":\"x\",\"place\":\"\\udfff\"," + Good)));
        Assert.Equal("properties.place", row.Rejection?.Field);
    }

    [Fact]
    public void A_Top_Level_Name_With_An_Unpaired_Surrogate_Is_Not_Features_And_The_File_Is_Refused()
    {
        var ex = Assert.Throws<EvidenceFormatException>(() => GeoJson("{\"type\":\"FeatureCollection\",\"features\\ud800\":[]}"));
        Assert.Contains("no \"features\" array", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1e400,34.5]}", "geometry.coordinates[0]")]
    [InlineData("{\"type\":5,\"coordinates\":[36.5,34.5]}", "geometry")]
    public void A_GeoJson_Point_With_An_Out_Of_Range_Number_Or_A_Non_String_Type_Is_Rejected(string geometry, string field)
    {
        var row = Assert.Single(GeoJson(Feature(geometry, "\"id\":\"x\"," + Good)));
        Assert.Equal(field, row.Rejection?.Field);
    }

    [Fact]
    public void An_Empty_Field_Name_Is_Named_In_The_Rejection()
    {
        var row = Assert.Single(Ndjson("{\"id\":\"a\",\"\":1," + Good + "}\n"));
        Assert.Equal("\"\"", row.Rejection?.Field);
    }

    [Theory]
    [InlineData("[95,0,10,10]", "south must be between -90 and 90")]
    [InlineData("[1,2,1e400,4]", "as finite numbers")]
    public void A_Bad_Coverage_Box_Is_Rejected_In_Plain_Words(string bbox, string reason)
    {
        var row = Assert.Single(Ndjson($"{{\"type\":\"coverage\",\"source\":\"x\",\"bbox\":{bbox},\"from\":\"2018-01-01\",\"to\":\"2018-02-01\",\"observes\":[\"presence\"]}}\n"));
        Assert.Equal("bbox", row.Rejection?.Field);
        Assert.Contains(reason, row.Rejection!.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", row.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_That_Are_Not_Gzip_In_A_Gz_File_Refuse_That_File()
    {
        var ex = Assert.Throws<EvidenceFormatException>(() =>
            EvidenceReader.Open(new MemoryStream([0xdd, 0x2f, 0x6d, 0x00, 0x01]), "events.csv.gz", Repo.Import(), []).Rows.ToList());
        Assert.Equal("events.csv.gz", ex.File);
        Assert.Contains("not gzip data", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[1]}", "features[0]")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"id\":\"\\ud800\"}]}", "features[0].id")]
    public void Reference_Geometry_That_Is_Not_Features_Or_Not_Text_Is_A_Diagnostic(string json, string field)
    {
        var bag = new DiagnosticBag();
        GeometryReader.Read(json, "g.geojson", new GeometryCatalog(), bag);
        Assert.Equal(field, Assert.Single(bag.Items).Field);
    }

    [Fact]
    public void A_Document_Marker_Inside_A_Spec_Mapping_Is_A_Located_Yaml_Error()
    {
        var bag = new DiagnosticBag();
        Assert.Null(AgreementSpecReader.Read("id: x\nsources:\n  - id: report\n---\n: \"a\"\n", "spec.yaml", bag));
        var d = Assert.Single(bag.Items);
        Assert.Equal("TR001", d.Code);
        Assert.True(d.Line >= 1, d.ToString());
    }

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    public void A_Required_Field_Holding_Yaml_Null_Is_An_Error_Not_A_Silently_Dropped_Spec(string value)
    {
        // lint once said "9 spec(s) checked: 0 error(s)" for ten specs when one had "title: ~".
        var text = File.ReadAllText(Repo.Path("examples/agreements/coh-2016.yaml"));
        var bag = new DiagnosticBag();
        Assert.Null(AgreementSpecReader.Read(text.Replace("title: Cessation of hostilities", "title: " + value + " #", StringComparison.Ordinal), "coh.yaml", bag));
        var d = Assert.Single(bag.Items);
        Assert.Equal(("TR007", "title", 2), (d.Code, d.Field, d.Line));
    }

    [Theory]
    [InlineData("aliases: [\"--\"]")]
    [InlineData("aliases: [{ name: \"'.'\" }]")]
    public void An_Actor_Name_Of_Punctuation_Alone_Is_A_Located_Registry_Error(string aliases)
    {
        // It once escaped as an ArgumentException from ActorRegistry: exit 70 for a typo in actors.yaml.
        var bag = new DiagnosticBag();
        Assert.Null(Truce.Actors.ActorRegistryReader.Read($"actors:\n  - {{ id: a, name: Alpha, kind: militia, category: militia, {aliases} }}\n", "actors.yaml", bag));
        var d = Assert.Single(bag.Items);
        Assert.Equal(("TR015", 2), (d.Code, d.Line));
    }

    [Fact]
    public void The_Surrogate_Precheck_Finds_Escapes_In_The_Surrogate_Range_Only()
    {
        Assert.False(JsonStrings.MayHoldSurrogateEscape(Encoding.UTF8.GetBytes("\\u0041 \\ud7ff \\u")));
        Assert.False(JsonStrings.MayHoldSurrogateEscape("\\ud7ff \\uE000 \\u"));
        Assert.True(JsonStrings.MayHoldSurrogateEscape("x\\uDA00"u8));
        Assert.True(JsonStrings.MayHoldSurrogateEscape("x\\uDA00"));
        Assert.False(JsonStrings.MayHoldSurrogateEscape("x\\u0041"));
    }
}
