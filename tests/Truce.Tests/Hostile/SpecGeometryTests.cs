using Truce.Cli;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>Reference geometry that cannot mean what it seems, and zones of no width, are lint errors with file and reason.</summary>
public class SpecGeometryTests
{
    private static (int Code, string Out, string Err) Lint(string spec) => Run(["lint", Corpus("specs/" + spec), .. Registries]);

    [Fact]
    public void A_Polygon_Crossing_The_Antimeridian_Is_Refused_Naming_Rfc_7946()
    {
        var (code, _, err) = Lint("antimeridian.yaml");
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains("specs/antimeridian.geojson: error TR070: features[1].geometry: feature 'across-the-antimeridian': a ring crosses the antimeridian", err, StringComparison.Ordinal);
        Assert.Contains("split it at ±180° as RFC 7946 §3.1.9 requires", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Self_Intersecting_Polygon_Is_Refused()
    {
        var (code, _, err) = Lint("self-intersecting.yaml");
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains("specs/self-intersecting.geojson: error TR070: features[1].geometry: feature 'bowtie': not a valid polygon: self-intersection", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Multipolygon_Whose_Parts_Overlap_And_A_Hole_Crossing_Its_Shell_Are_Refused()
    {
        var (code, _, err) = Lint("overlapping-parts.yaml");
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains("specs/overlapping-parts.geojson: error TR070: features[1].geometry: feature 'twins': not a valid polygon: parts overlap", err, StringComparison.Ordinal);
        Assert.Contains("specs/overlapping-parts.geojson: error TR070: features[2].geometry: feature 'holey': not a valid polygon: self-intersection", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_0_Km_Is_A_Lint_Error()
    {
        var (code, _, err) = Lint("zero-width.yaml");
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains("specs/zero-width.yaml:19:1: error TR105: zones.post: 'within: 0 km of post' is a zone of no width", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Refuses_To_Run_On_A_Spec_With_A_Geometry_Error()
    {
        var (code, output, err) = Run(["verify", Corpus("specs/antimeridian.yaml"), .. Registries, "--evidence", Corpus("twice/reports.ndjson")]);
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Empty(output);
        Assert.Contains("Nothing was verified.", err, StringComparison.Ordinal);
    }
}
