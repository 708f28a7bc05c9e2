using System.Text.Json;
using Truce.Cli;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Cli;

/// <summary>The shipped agreements against the real UCDP GED Syria release (shared/data): what an analyst is asked to sign.</summary>
/// <remarks>The file is read once for the whole class; the assertions are about verdicts whose evidence can be checked by hand in the CSV.</remarks>
public sealed class RealDataTests : IClassFixture<RealDataTests.Run>
{
    private const string Ged = "data/ucdp-ged/ged_syria_652.1601.1911.csv";
    private readonly Run run;

    public RealDataTests(Run run) => this.run = run;

    /// <summary>One JSON verification of every shipped agreement against the real file.</summary>
    public sealed class Run
    {
        public Run()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Code = TruceApp.Run(["verify", Repo.Path("examples/agreements"), "--evidence", Repo.SharedData(Ged), "--format", "json"], output, error, new RunEnvironment(Repo.Today, CancellationToken.None));
            Error = error.ToString();
            Json = JsonDocument.Parse(output.ToString());
        }

        public int Code { get; }

        public string Error { get; }

        public JsonDocument Json { get; }

        public JsonElement Verdict(string agreement, string obligation, string reading) =>
            Json.RootElement.GetProperty("agreements").EnumerateArray().Single(a => a.GetProperty("id").GetString() == agreement)
                .GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("obligation").GetString() == obligation && v.GetProperty("reading").GetString() == reading);
    }

    [Fact]
    public void Every_Row_Is_Read_And_Every_Actor_Name_Resolves()
    {
        Assert.Equal(0, run.Code);
        var file = run.Json.RootElement.GetProperty("evidence_files")[0];
        Assert.Equal(16_566, file.GetProperty("accepted").GetInt32());
        Assert.Equal(0, file.GetProperty("rejected").GetInt32());
        Assert.Empty(file.GetProperty("notices").EnumerateArray());
        Assert.Empty(run.Json.RootElement.GetProperty("unresolved_actor_names").EnumerateArray());
    }

    [Fact]
    public void The_Golan_85_Km_Reading_Is_Broken_By_Iranian_Deaths_Ucdp_Counts_Near_Damascus_In_January_2019()
    {
        // GED 277488: Israeli strikes of 21 January 2019 in Damascus; UCDP counts deaths on the Government of Iran's side.
        var v = run.Verdict("golan-85km-2018", "keep-away", "85km");
        Assert.Equal("violated", v.GetProperty("status").GetString());
        var first = v.GetProperty("confirmed")[0];
        Assert.Equal("ucdp-ged:277488", first.GetProperty("evidence").GetString());
        Assert.Equal("2019-01-21", first.GetProperty("days").GetProperty("from").GetString());
        Assert.Contains(first.GetProperty("actors").EnumerateArray(), a => a.GetProperty("name").GetString() == "Government of Iran" && a.GetProperty("deaths").GetInt32() > 0);
        Assert.Equal("Damascus Governorate", first.GetProperty("location").GetProperty("admin").GetProperty("admin1").GetString());
    }

    [Fact]
    public void The_Stricter_15_Mile_Reading_Has_Only_Possible_Findings_Listed_By_Score()
    {
        var v = run.Verdict("golan-85km-2018", "keep-away", "15mi");
        Assert.Equal("unverifiable", v.GetProperty("status").GetString());
        var scores = v.GetProperty("possible").EnumerateArray().Select(f => f.GetProperty("score").GetInt32()).ToList();
        Assert.NotEmpty(scores);
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public void The_South_West_Zone_Is_Breached_On_The_Day_It_Came_Into_Force_And_Only_Inside_The_Three_Governorates()
    {
        var v = run.Verdict("sw-deescalation-2017", "no-hostilities", "stated");
        Assert.Equal("violated", v.GetProperty("status").GetString());
        Assert.Equal("2017-07-09", v.GetProperty("first_breach").GetProperty("from").GetString());
        foreach (var f in v.GetProperty("confirmed").EnumerateArray())
        {
            Assert.Contains(f.GetProperty("location").GetProperty("admin").GetProperty("admin1").GetString(), new[] { "Daraa Governorate", "Quneitra Governorate", "As Suwayda Governorate" });
        }
    }

    [Fact]
    public void Ucdp_Claims_Nothing_Before_Its_First_Day()
    {
        // The Vienna window opens in December 2015; the file starts on 2016-01-01, so it cannot show that month.
        var coverage = run.Json.RootElement.GetProperty("coverage").EnumerateArray().Single(c => c.GetProperty("source").GetString() == "ucdp-ged");
        Assert.Equal("2016-01-01", coverage.GetProperty("from").GetString());
    }

    [Fact]
    public void The_Actors_Command_Lists_Every_Name_With_Its_Resolution()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TruceApp.Run(["actors", "--evidence", Repo.SharedData(Ged), "--specs", Repo.Path("examples/agreements")], output, error, new RunEnvironment(Repo.Today, CancellationToken.None));
        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Matches(@"3586  SDF\s+sdf", text);
        Assert.Matches(@"Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front\s+coalition: ahrar-al-sham, hts, southern-front", text);
        Assert.Contains("0 with unresolved parts", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Actors_Command_Shows_Unresolved_Names_And_Exits_3()
    {
        var registry = Path.Combine(Path.GetTempPath(), $"truce-actors-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(registry, "actors:\n  - { id: syria-government, name: Government of Syria }\n");
        try
        {
            var output = new StringWriter();
            int code = TruceApp.Run(["actors", "--evidence", Repo.SharedData(Ged), "--actors", registry], output, new StringWriter(), new RunEnvironment(Repo.Today, CancellationToken.None));
            Assert.Equal(TruceApp.PartialInput, code);
            Assert.Matches(@"\d+  SDF\s+UNRESOLVED 'SDF'", output.ToString());
        }
        finally
        {
            File.Delete(registry);
        }
    }
}
