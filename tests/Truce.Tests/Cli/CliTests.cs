using System.Text.Json;
using NJsonSchema;
using Truce.Cli;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Cli;

/// <summary>The truce command end to end, in process, on the shipped examples.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("truce-cli-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static string[] Registries => ["--actors", Repo.Path("examples/actors.yaml"), "--sources", Repo.Path("examples/sources.yaml")];

    private static readonly string[] Evidence =
    [
        "examples/evidence/ucdp-ged-syria-sample.csv", "examples/evidence/acled-syria-sample.csv", "examples/evidence/golan-2018.ndjson",
        "examples/evidence/reports-2018.ndjson", "examples/evidence/strikes-2019.geojson",
    ];

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TruceApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string[] VerifyArgs(string format, params string[] extra) =>
        ["verify", Repo.Path("examples/agreements"), .. Registries, .. Evidence.SelectMany(e => new[] { "--evidence", Repo.Path(e) }),
         "--format", format, "--quarantine", Path.Combine(temp, "q"), .. extra];

    [Fact]
    public void Lint_Reports_Loopholes_As_Warnings_And_Exits_Zero()
    {
        var (code, output, _) = Run(["lint", Repo.Path("examples/agreements/golan-85km-2018.yaml"), .. Registries]);
        Assert.Equal(0, code);
        Assert.Contains("warning TR201", output, StringComparison.Ordinal);
        Assert.Contains("warning TR206", output, StringComparison.Ordinal);
        Assert.Contains("1 spec(s) checked: 0 error(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_With_Evidence_Says_Which_Obligations_Nothing_Given_Could_Observe()
    {
        var (code, output, _) = Run(["lint", Repo.Path("examples/agreements"), .. Registries, "--evidence", Repo.Path("examples/evidence/ucdp-ged-syria-sample.csv")]);
        Assert.Equal(0, code);

        // UCDP GED watched attacks across Syria in 2016-2018, so the 2016 cessation is checkable; nothing given watched presence.
        Assert.DoesNotContain("coh-2016.yaml:27:1: warning TR209", output, StringComparison.Ordinal);
        Assert.Contains("golan-mp-2018.yaml:29:1: warning TR209: obligations.deploy-monitors: none of the evidence given observes 'deployment'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_Strict_Fails_On_Warnings()
    {
        Assert.Equal(TruceApp.SpecErrors, Run(["lint", Repo.Path("examples/agreements/golan-85km-2018.yaml"), "--strict", .. Registries]).Code);
    }

    [Fact]
    public void Lint_Names_File_Line_And_Field_Of_A_Malformed_Spec()
    {
        var spec = Path.Combine(temp, "bad.yaml");
        File.WriteAllText(spec, "id: bad\ntitle: Bad\nstatus: agreed\nzones:\n  - id: z\n    zone: { within: 85 kms, of: israel-syria-line }\nobligations: []\n");
        var (code, _, err) = Run(["lint", spec, .. Registries]);
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains("bad.yaml:6:", err, StringComparison.Ordinal);
        Assert.Contains("zones[0].zone.within", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Table_Shows_A_Verdict_And_An_Evidence_Chain_Per_Obligation_Reading()
    {
        var (code, output, err) = Run(VerifyArgs("table"));
        Assert.Equal(0, code);
        Assert.Contains("2 row(s) rejected, 9 accepted", err, StringComparison.Ordinal);
        Assert.Matches(@"golan-85km-2018\s+keep-away\s+85km\s+violated", output);
        Assert.Matches(@"golan-85km-2018\s+keep-away\s+15mi\s+violated", output);
        Assert.Matches(@"vienna-2015\s+political-transition\s+stated\s+unverifiable", output);
        Assert.Matches(@"golan-mp-2018\s+deploy-monitors\s+stated\s+no violation found", output);
        Assert.Contains("[confirmed] idf-spokesperson:g-002", output, StringComparison.Ordinal);
        Assert.Contains("Quwat al-Ridha", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Json_Matches_The_Published_Schema_And_Is_Byte_For_Byte_Reproducible()
    {
        var (code1, json1, _) = Run(VerifyArgs("json"));
        var (code2, json2, _) = Run(VerifyArgs("json"));
        Assert.Equal(0, code1);
        Assert.Equal(0, code2);
        Assert.Equal(json1, json2);

        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Repo.Path("docs/verdicts.schema.json")));
        var errors = schema.Validate(json1);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.NotEmpty(schema.Validate(json1.Replace("\"status\": \"violated\"", "\"status\": \"broken\"", StringComparison.Ordinal)));

        using var doc = JsonDocument.Parse(json1);
        var inputs = doc.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ToList();
        Assert.Contains("evidence", inputs);
        Assert.Contains("geometry", inputs);
        var golan = doc.RootElement.GetProperty("agreements").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "golan-85km-2018");
        var conflict = Assert.Single(golan.GetProperty("term_conflicts").EnumerateArray());
        Assert.Equal(["85km", "15mi"], conflict.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("reading").GetString()));
    }

    [Fact]
    public void Verify_GeoJson_Holds_Zones_Reference_Lines_And_Findings()
    {
        var (code, geojson, _) = Run(VerifyArgs("geojson"));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(geojson);
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var kinds = doc.RootElement.GetProperty("features").EnumerateArray().GroupBy(f => f.GetProperty("properties").GetProperty("kind").GetString()).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Contains(kinds["zone"], z => z.GetProperty("id").GetString() == "zone:golan-85km-2018/golan-buffer/85km");
        Assert.Contains(kinds["reference"], r => r.GetProperty("id").GetString() == "reference:israel-syria-line");
        Assert.All(kinds["finding"], f => Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString()));

        // The drawn 85 km zone reaches no further than ~85 km east of the line's easternmost point (36.0E at 33N is ~0.96 degree per 85 km).
        var zone = kinds["zone"].Single(z => z.GetProperty("id").GetString() == "zone:golan-85km-2018/golan-buffer/85km");
        double maxLon = zone.GetProperty("geometry").GetProperty("coordinates").EnumerateArray()
            .SelectMany(p => p.EnumerateArray()).SelectMany(r => r.EnumerateArray()).Max(c => c[0].GetDouble());
        Assert.InRange(maxLon, 36.6, 36.95);
    }

    [Fact]
    public void Verify_Markdown_Writes_The_Report_To_A_File()
    {
        var outFile = Path.Combine(temp, "report.md");
        var (code, output, err) = Run(VerifyArgs("markdown", "--out", outFile));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("wrote the report to", err, StringComparison.Ordinal);
        var md = File.ReadAllText(outFile);
        Assert.Contains("| golan-85km-2018 | keep-away | 85km | **violated (high)** |", md, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp, "*.partial"));
    }

    [Fact]
    public void Verify_Quarantines_Bad_Rows_With_Their_Reason()
    {
        Run(VerifyArgs("json"));
        var lines = File.ReadAllLines(Path.Combine(temp, "q", "ucdp-ged-syria-sample.csv.rejected.ndjson"));
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("latitude", first.RootElement.GetProperty("field").GetString());
        Assert.Equal(8, first.RootElement.GetProperty("line").GetInt32());
        Assert.Contains("9900010", first.RootElement.GetProperty("raw").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Refuses_A_Bad_Evidence_File_Clearly_And_Still_Uses_The_Others()
    {
        var bad = Path.Combine(temp, "not-ged.csv");
        File.WriteAllText(bad, "a,b,c\n1,2,3\n");
        var (code, output, err) = Run(["verify", Repo.Path("examples/agreements/qusayr-2018.yaml"), .. Registries,
            "--evidence", bad, "--evidence", Repo.Path("examples/evidence/reports-2018.ndjson"), "--quarantine", Path.Combine(temp, "q")]);
        Assert.Equal(TruceApp.PartialInput, code);
        Assert.Contains("not-ged.csv: error: a CSV file must be UCDP GED", err, StringComparison.Ordinal);
        Assert.Matches(@"qusayr-2018\s+leave-checkpoint\s+stated\s+violated", output);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Refuses_An_Evidence_File_Of_Unknown_Type_Without_An_Internal_Error()
    {
        var notes = Path.Combine(temp, "notes.md");
        File.WriteAllText(notes, "# not evidence\n");
        var (code, _, err) = Run(["verify", Repo.Path("examples/agreements/qusayr-2018.yaml"), .. Registries, "--evidence", notes, "--quarantine", Path.Combine(temp, "q")]);
        Assert.Equal(TruceApp.PartialInput, code);
        Assert.Contains("notes.md: error: unknown evidence file type '.md'", err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Reports_A_Missing_File_Without_A_Stack_Trace()
    {
        var (code, _, err) = Run(["verify", Path.Combine(temp, "nope.yaml"), .. Registries]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("nope.yaml: error TR090: no such file or folder", err, StringComparison.Ordinal);
        var (code2, _, err2) = Run(["verify", Repo.Path("examples/agreements/qusayr-2018.yaml"), "--actors", Path.Combine(temp, "none.yaml"), "--sources", Repo.Path("examples/sources.yaml")]);
        Assert.Equal(TruceApp.UsageOrInput, code2);
        Assert.Contains("cannot read the actor registry", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Table_Matches_The_Approved_Report()
    {
        var (_, output, _) = Run(VerifyArgs("table"));
        var body = output[..output.IndexOf("Inputs (sha256)", StringComparison.Ordinal)];
        Approved.Verify("verify-table", body.Replace(Repo.Root + "/", string.Empty, StringComparison.Ordinal).Replace(temp, "<temp>", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_Help_Matches_The_Approved_Text()
    {
        var (code, output, _) = Run("verify", "--help");
        Assert.Equal(0, code);
        Approved.Verify("verify-help", output);
    }

    [Fact]
    public void Help_Lists_The_Commands()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("lint", output, StringComparison.Ordinal);
        Assert.Contains("verify", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Json_Holds_The_Hand_Computed_Verdict_And_Findings_Of_A_Probe_Fixture()
    {
        // Fixtures/oracle: a 10 km zone around a point, probes 9999.999 m and 10000.001 m away (GeographicLib), an
        // item a day before enforcement (10 days' grace from 1 August) and one from a C4 source. Every value below is
        // worked out by hand from those numbers and docs/scoring.md, not read from a previous run.
        var dir = Repo.Fixture("oracle");
        var (code, output, err) = Run(["verify", Path.Combine(dir, "probe-deal.yaml"), .. Registries, "--evidence", Path.Combine(dir, "probe-evidence.ndjson"), "--format", "json"]);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var v = doc.RootElement.GetProperty("agreements")[0].GetProperty("verdicts")[0];
        Assert.Equal("violated", v.GetProperty("status").GetString());
        Assert.Equal("high", v.GetProperty("confidence").GetString());
        Assert.Equal("2018-08-11", v.GetProperty("window").GetProperty("from").GetString());
        Assert.Equal("2018-08-11", v.GetProperty("first_breach").GetProperty("from").GetString());
        Assert.Equal((1, 1), (v.GetProperty("confirmed_total").GetInt32(), v.GetProperty("possible_total").GetInt32()));
        var screening = v.GetProperty("screening");
        Assert.Equal((4, 1, 1), (screening.GetProperty("considered").GetInt32(), screening.GetProperty("outside_window").GetInt32(), screening.GetProperty("outside_zone").GetInt32()));

        var confirmed = v.GetProperty("confirmed")[0];
        Assert.Equal("reuters:in", confirmed.GetProperty("evidence").GetString());
        Assert.Equal(81, confirmed.GetProperty("score").GetInt32());
        var chances = confirmed.GetProperty("chances");
        Assert.Equal([1.0, 1.0, 1.0, 1.0, 0.81], new[] { "zone", "time", "identity", "activity", "source" }.Select(k => chances.GetProperty(k).GetDouble()));
        Assert.All(new[] { "zone", "time", "actor", "activity" }, k => Assert.Equal("yes", confirmed.GetProperty("judgements").GetProperty(k).GetString()));
        Assert.Equal("B2", confirmed.GetProperty("source").GetProperty("grade").GetString());
        Assert.Equal(10.0, confirmed.GetProperty("distances")[0].GetProperty("km").GetDouble());
        Assert.Equal(10.0, confirmed.GetProperty("distances")[0].GetProperty("threshold_km").GetDouble());
        Assert.Empty(confirmed.GetProperty("doubts").EnumerateArray());

        var possible = v.GetProperty("possible")[0];
        Assert.Equal("alma-center:weak", possible.GetProperty("evidence").GetString());
        Assert.Equal(38, possible.GetProperty("score").GetInt32()); // 100 × 0.75 (C) × 0.5 (4), rounded half away from zero
        Assert.Equal("C4", possible.GetProperty("source").GetProperty("grade").GetString());
        Assert.Contains("too weak to confirm alone", possible.GetProperty("doubts")[0].GetString(), StringComparison.Ordinal);

        // The probe a millimetre outside is a near miss, and the threshold caveat says so with the geometry's resolution.
        Assert.Contains(v.GetProperty("caveats").EnumerateArray(), c => c.GetString()!.StartsWith("reuters:out (just outside) is 10.000 km from probe-point", StringComparison.Ordinal));
    }
}
