using System.Diagnostics;
using System.Text.Json;
using Truce.Cli;
using Truce.Geodesy;
using Truce.Tests.TestSupport;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>Spec values that once crashed or stalled verification: an overflowing grace period, geometry with edges across half the globe.</summary>
public sealed class HostileSpecValuesTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("truce-spec-values-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    /// <summary>A copy of the corpus's zero-width spec made usable (5 km), with one line replaced, beside its geometry.</summary>
    private string SpecWith(string from, string to, string geometry = "post.geojson")
    {
        File.Copy(Corpus("specs/post.geojson"), Path.Combine(temp, "post.geojson"), overwrite: true);
        var text = File.ReadAllText(Corpus("specs/zero-width.yaml")).Replace("within: 0 km", "within: 5 km", StringComparison.Ordinal);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var spec = Path.Combine(temp, "spec.yaml");
        File.WriteAllText(spec, text.Replace(from, to, StringComparison.Ordinal).Replace("[post.geojson]", $"[{geometry}]", StringComparison.Ordinal));
        return spec;
    }

    [Fact]
    public void A_Grace_Period_Past_The_Calendar_Is_A_Spec_Error_Not_An_Internal_Error()
    {
        var spec = SpecWith("grace: 7 days", "grace: 3000000 days");
        var (code, _, err) = Run(["verify", spec, .. Registries, "--evidence", Repo.Path("examples/evidence/reports-2018.ndjson")]);
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains("spec.yaml:29:12: error TR058: obligations[0].grace: '3000000 days' is longer than a century", err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Obligation_Starting_At_The_End_Of_The_Calendar_Is_Verified_Without_Overflow()
    {
        var spec = SpecWith("in_force: 2018-06-05", "in_force: 9999-12-30");
        var (code, output, err) = Run(["verify", spec, .. Registries, "--evidence", Repo.Path("examples/evidence/reports-2018.ndjson"), "--format", "json"]);
        Assert.True(code == TruceApp.Ok, err);
        using var report = JsonDocument.Parse(output);
        var window = report.RootElement.GetProperty("agreements")[0].GetProperty("verdicts")[0].GetProperty("window");
        Assert.Equal("9999-12-31", window.GetProperty("from").GetString());
    }

    [Fact]
    public void Geometry_With_Edges_Across_Half_The_Globe_Is_Refused_Before_It_Is_Densified()
    {
        // 60 kB of GeoJSON: 4,000 edges of 20,000 km each would densify (1 km) to 80 million vertices and stall lint.
        var coordinates = string.Join(",", Enumerable.Range(0, 4000).Select(i => i % 2 == 0 ? "[-90,-80]" : "[90,80]"));
        var post = File.ReadAllText(Corpus("specs/post.geojson"));
        var postFeature = post[(post.IndexOf('[', StringComparison.Ordinal) + 1)..post.LastIndexOf(']')];
        File.WriteAllText(Path.Combine(temp, "bomb.geojson"),
            $"{{\"type\":\"FeatureCollection\",\"features\":[{postFeature},{{\"type\":\"Feature\",\"id\":\"bomb\",\"properties\":{{}},\"geometry\":{{\"type\":\"LineString\",\"coordinates\":[{coordinates}]}}}}]}}");
        var spec = SpecWith("grace: 7 days", "grace: 7 days", geometry: "bomb.geojson");

        var watch = Stopwatch.StartNew();
        var (code, _, err) = Run(["lint", spec, .. Registries]);
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains($"bomb.geojson: error TR070: features[1].geometry: feature 'bomb': densified to 1.000 km its edges need 79,999,996 vertices, past the {GeometryReader.MaxDensifiedVertices:N0}", err, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
