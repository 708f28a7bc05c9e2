using System.Globalization;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Geodesy;
using Truce.Store;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Store;

/// <summary>What the store keeps of an item reads back as the same item, field for field, and its content hash tells a copy from a revision.</summary>
public class EvidenceCodecTests
{
    /// <summary>Every field of an item, as text.</summary>
    internal static string Describe(Truce.Evidence.Evidence e)
    {
        var actors = string.Join(" ; ", e.Actors.Select(a => $"{a.Name}|{a.Role}|{a.Basis}|{a.Category}|{a.Deaths}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{e.Id} {e.Origin} {e.Location.Latitude:R},{e.Location.Longitude:R} {e.LocationPrecision} {e.Time} {e.Activity} '{e.ReportedType}' [{actors}] {e.Source} "
            + $"'{e.Description}' {e.Fatalities}/{e.FatalitiesLow}/{e.FatalitiesHigh} '{e.Place}' {e.Admin}");
    }

    private static List<Truce.Evidence.Evidence> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return [.. EvidenceReader.Open(stream, Path.GetFileName(path), Repo.Import(), []).Rows.Select(r => r.Evidence).OfType<Truce.Evidence.Evidence>()];
    }

    public static TheoryData<string> Files => new()
    {
        "examples/evidence/acled-syria-sample.csv", "examples/evidence/golan-2018.ndjson", "examples/evidence/reports-2018.ndjson",
        "examples/evidence/strikes-2019.geojson", "examples/evidence/ucdp-ged-syria-sample.csv", "tests/Truce.Tests/Fixtures/ucdp/ged-49-columns.csv",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Should_Read_Back_Every_Field_Of_Every_Item_Of_The_Examples(string file)
    {
        var items = Read(Repo.Path(file));
        Assert.NotEmpty(items);
        foreach (var e in items)
        {
            var back = EvidenceCodec.Decode(EvidenceCodec.Encode(e), e.Origin, Repo.Sources());
            Assert.Equal(Describe(e), Describe(back));
        }
    }

    [Fact]
    public void Should_Read_Back_Every_Item_Of_The_Real_Ucdp_File()
    {
        var items = Read(Repo.SharedData("data/ucdp-ged/ged_syria_652.1601.1911.csv"));
        Assert.Equal(16_566, items.Count);
        var sources = Repo.Sources();
        Assert.All(items, e => Assert.Equal(Describe(e), Describe(EvidenceCodec.Decode(EvidenceCodec.Encode(e), e.Origin, sources))));
    }

    [Fact]
    public void Should_Keep_An_Unbounded_Radius_And_Missing_Fields_As_Such()
    {
        var e = new Truce.Evidence.Evidence("x:1", new EvidenceOrigin("f", 3, "ndjson"), new GeoPoint(-89.5, 179.99), LocationPrecision.Within(Distance.Unbounded),
            TimePrecision.Between(new DateRange(new(1900, 1, 1), new(2026, 1, 1))), Activity.Presence, string.Empty,
            [new ActorReport("A \"quoted\"\nname", ActorRole.Observed, IdentificationBasis.Flag, "advisors")],
            new SourceAssessment("unknown-outlet", "unknown-outlet", Reliability.F, Credibility.CannotBeJudged, false));
        var back = EvidenceCodec.Decode(EvidenceCodec.Encode(e), e.Origin, Repo.Sources());
        Assert.Equal(Describe(e), Describe(back));
        Assert.False(back.LocationPrecision.Radius.IsFinite);
        Assert.Null(back.Description);
        Assert.Null(back.Admin);
        Assert.Null(back.Actors[0].Deaths);
    }

    [Fact]
    public void Should_Rate_The_Source_With_The_Registry_In_Use_When_Read()
    {
        var e = Read(Repo.Path("examples/evidence/golan-2018.ndjson"))[0];
        var unrated = EvidenceCodec.Decode(EvidenceCodec.Encode(e), e.Origin, SourceRegistry.Empty);
        Assert.Equal((Reliability.F, false), (unrated.Source.Reliability, unrated.Source.Registered));
        Assert.Equal(e.Source.Credibility, unrated.Source.Credibility);
    }

    [Fact]
    public void Should_Give_A_Copy_The_Same_Hash_Wherever_It_Was_Read_And_A_Revision_Another()
    {
        var e = Read(Repo.Path("examples/evidence/ucdp-ged-syria-sample.csv"))[0];
        var elsewhere = new Truce.Evidence.Evidence(e.Id, new EvidenceOrigin("other.csv", 99, "ucdp-ged"), e.Location, e.LocationPrecision, e.Time, e.Activity, e.ReportedType,
            e.Actors, e.Source, e.Description, e.Fatalities, e.Place, e.Admin, e.FatalitiesLow, e.FatalitiesHigh);
        var revised = new Truce.Evidence.Evidence(e.Id, e.Origin, e.Location, e.LocationPrecision, e.Time, e.Activity, e.ReportedType,
            e.Actors, e.Source, e.Description, (e.Fatalities ?? 0) + 1, e.Place, e.Admin, e.FatalitiesLow, e.FatalitiesHigh);
        var hash = EvidenceCodec.ContentHash(EvidenceCodec.Encode(e));
        Assert.Equal(hash, EvidenceCodec.ContentHash(EvidenceCodec.Encode(elsewhere)));
        Assert.NotEqual(hash, EvidenceCodec.ContentHash(EvidenceCodec.Encode(revised)));
    }

    [Fact]
    public void Should_Refuse_A_Body_It_Did_Not_Write_With_A_Store_Error()
    {
        var ex = Assert.Throws<StoreException>(() => EvidenceCodec.Decode("{\"id\":\"x\"}"u8, new EvidenceOrigin("truce.db", 1, "ndjson"), Repo.Sources()));
        Assert.Contains("cannot be read", ex.Message, StringComparison.Ordinal);
    }
}
