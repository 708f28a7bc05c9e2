using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Tests.TestSupport;
using Truce.Text;

namespace Truce.Tests.Agreements;

public class SpecLinterTests
{
    private static readonly Lazy<Dictionary<string, Agreement>> Examples = new(() =>
    {
        var result = new Dictionary<string, Agreement>();
        foreach (var file in Directory.EnumerateFiles(Repo.Path("examples/agreements"), "*.yaml"))
        {
            var bag = new DiagnosticBag();
            var a = AgreementSpecReader.Read(File.ReadAllText(file), Path.GetFileName(file), bag);
            Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
            result[a!.Id] = a;
        }

        return result;
    });

    private static IReadOnlyList<Diagnostic> Lint(string id) =>
        SpecLinter.Lint(Examples.Value[id], Repo.Actors(), Repo.Geometry(), Repo.Sources(), null, Examples.Value.Keys.ToHashSet());

    [Fact]
    public void Every_Agreement_In_The_Context_Ships_As_A_Spec_That_Lints_Without_Errors()
    {
        string[] expected = ["vienna-2015", "coh-2016", "sw-deescalation-2017", "golan-15mi-2018", "golan-85km-2018", "border-jordan-2018", "golan-mp-2018", "qusayr-2018", "trilateral-2019"];
        Assert.Equal(expected.Order(), Examples.Value.Keys.Order());
        foreach (var id in expected)
        {
            var errors = Lint(id).Where(d => d.Severity == Severity.Error).ToList();
            Assert.True(errors.Count == 0, id + ": " + string.Join("\n", errors));
        }
    }

    [Fact]
    public void Should_Flag_The_Advisors_Loophole_In_The_85_Km_Deal()
    {
        var d = Assert.Single(Lint("golan-85km-2018"), d => d.Code == "TR201");
        Assert.Contains("advisors", d.Message, StringComparison.Ordinal);
        Assert.Equal("actor_classes.iranian-forces-and-proxies", d.Field);
    }

    [Fact]
    public void Should_Report_The_85_Km_Versus_15_Mile_Conflict_With_Both_Sources()
    {
        var d = Assert.Single(Lint("golan-85km-2018"), d => d.Code == "TR206");
        Assert.Contains("85.000 km", d.Message, StringComparison.Ordinal);
        Assert.Contains("24.140 km", d.Message, StringComparison.Ordinal);
        Assert.Contains("context-85km", d.Message, StringComparison.Ordinal);
        Assert.Contains("context-15mi", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Flag_A_Must_Without_A_Deadline()
    {
        Assert.Contains(Lint("golan-mp-2018"), d => d.Code == "TR204");
    }

    [Fact]
    public void Should_Flag_An_Assumed_Band_Where_The_Sources_State_No_Line()
    {
        Assert.Contains(Lint("border-jordan-2018"), d => d.Code == "TR207" && d.Message.Contains("20", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Flag_Obligations_No_Evidence_Source_Can_Observe()
    {
        var ds = Lint("vienna-2015");
        Assert.Contains(ds, d => d.Code == "TR209" && d.Field == "obligations.political-transition");
        Assert.Contains(ds, d => d.Code == "TR203" && d.Field == "obligations.nationwide-cessation");
    }

    [Fact]
    public void Should_Flag_When_The_Evidence_In_Hand_Does_Not_Cover_The_Zone()
    {
        var coverage = new Coverage("acled", "x.csv", new Truce.Geodesy.BoundingBox(14, 44, 16, 46), new DateRange(new(2018, 1, 1), new(2018, 12, 31)), [ObligedActivity.Attack], false, null);
        var ds = SpecLinter.Lint(Examples.Value["coh-2016"], Repo.Actors(), Repo.Geometry(), Repo.Sources(), [coverage]);
        Assert.Contains(ds, d => d.Code == "TR209" && d.Message.Contains("none of the evidence given", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Error_On_Unknown_Geometry_And_Actors()
    {
        var bag = new DiagnosticBag();
        var yaml = AgreementSpecReaderTests.Minimal
            .Replace("{ within: 15 mi, of: israel-syria-line }", "{ within: 15 mi, of: no-such-line }", StringComparison.Ordinal)
            .Replace("{ area: syria }", "{ area: israel-syria-line }", StringComparison.Ordinal)
            .Replace("parties: [russia]", "parties: [atlantis]", StringComparison.Ordinal);
        var a = AgreementSpecReader.Read(yaml, "spec.yaml", bag)!;
        var ds = SpecLinter.Lint(a, Repo.Actors(), Repo.Geometry(), Repo.Sources());
        Assert.Contains(ds, d => d.Code == "TR100" && d.Message.Contains("atlantis", StringComparison.Ordinal));
        Assert.Contains(ds, d => d.Code == "TR103" && d.Message.Contains("no-such-line", StringComparison.Ordinal));
        Assert.Contains(ds, d => d.Code == "TR103" && d.Message.Contains("needs a Polygon", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Refuse_A_Zone_Of_No_Width_And_Warn_About_One_That_Is_Everywhere()
    {
        var bag = new DiagnosticBag();
        var yaml = AgreementSpecReaderTests.Minimal.Replace("{ within: 15 mi, of: israel-syria-line }", "{ within: 0 km, of: israel-syria-line }", StringComparison.Ordinal);
        var ds = SpecLinter.Lint(AgreementSpecReader.Read(yaml, "spec.yaml", bag)!, Repo.Actors(), Repo.Geometry(), Repo.Sources());
        Assert.Contains(ds, d => d.Code == "TR105" && d.Severity == Severity.Error && d.Message.Contains("no width", StringComparison.Ordinal));

        var beyond = AgreementSpecReaderTests.Minimal.Replace("{ within: 15 mi, of: israel-syria-line }", "{ beyond: 0 km, of: israel-syria-line }", StringComparison.Ordinal);
        var ds2 = SpecLinter.Lint(AgreementSpecReader.Read(beyond, "spec.yaml", bag)!, Repo.Actors(), Repo.Geometry(), Repo.Sources());
        Assert.Contains(ds2, d => d.Code == "TR214" && d.Severity == Severity.Warning);
        Assert.DoesNotContain(ds2, d => d.Code == "TR105");
    }

    [Fact]
    public void Should_Prefer_A_Named_Boundary_To_A_Hand_Drawn_Area_And_Name_The_Boundaries_It_Overlaps()
    {
        var catalog = new GeometryCatalog();
        var bag = new DiagnosticBag();
        foreach (var f in new[] { "examples/geo/natural-earth-levant.geojson", "examples/geo/admin1-levant.geojson" })
        {
            GeometryReader.Read(File.ReadAllText(Repo.Path(f)), f, catalog, bag);
        }

        GeometryReader.Read("""
            {"type":"FeatureCollection","features":[{"type":"Feature","id":"sw-box","properties":{"approximate":true},
             "geometry":{"type":"Polygon","coordinates":[[[35.6,32.3],[37.3,32.3],[37.3,33.4],[35.6,33.4],[35.6,32.3]]]}}]}
            """, "box.geojson", catalog, bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        var yaml = AgreementSpecReaderTests.Minimal.Replace("{ area: syria }", "{ area: sw-box }", StringComparison.Ordinal);
        var ds = SpecLinter.Lint(AgreementSpecReader.Read(yaml, "spec.yaml", bag)!, Repo.Actors(), catalog, Repo.Sources());
        var tr215 = Assert.Single(ds, d => d.Code == "TR215");
        Assert.Contains("syria-daraa", tr215.Message, StringComparison.Ordinal);
        Assert.Contains("syria-quneitra", tr215.Message, StringComparison.Ordinal);

        // The shipped south-west zone is built from named boundaries and draws no such warning.
        Assert.DoesNotContain(SpecLinter.Lint(Examples.Value["sw-deescalation-2017"], Repo.Actors(), Repo.Geometry(), Repo.Sources()), d => d.Code == "TR215");
    }
}
