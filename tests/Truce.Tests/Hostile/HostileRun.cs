using System.Text.Json;
using Truce.Cli;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Hostile;

/// <summary>Runs the truce command in process on the hostile corpus (tests/hostile/), with a fixed run date.</summary>
internal static class HostileRun
{
    /// <summary>A file or folder of the corpus.</summary>
    public static string Corpus(string relative) => Repo.Path("tests/hostile/" + relative);

    /// <summary>The shipped registries, named explicitly (corpus specs live outside examples/).</summary>
    public static string[] Registries => ["--actors", Repo.Path("examples/actors.yaml"), "--sources", Repo.Path("examples/sources.yaml")];

    /// <summary>A shipped agreement spec.</summary>
    public static string Spec(string id) => Repo.Path($"examples/agreements/{id}.yaml");

    /// <summary>Runs the command with <see cref="Repo.Today"/> (or <paramref name="today"/>) as the run's date.</summary>
    public static (int Code, string Out, string Err) Run(string[] args, DateOnly? today = null, TextWriter? output = null, CancellationToken cancel = default)
    {
        var o = output ?? new StringWriter();
        var e = new StringWriter();
        int code = TruceApp.Run(args, o, e, new RunEnvironment(today ?? Repo.Today, cancel));
        return (code, o.ToString() ?? string.Empty, e.ToString());
    }

    /// <summary>The lines of stderr that are not blank.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>One evidence file's entry in a JSON report.</summary>
    public static (long Accepted, long Rejected, string? Error) Counts(JsonDocument report, string fileEnding)
    {
        var f = report.RootElement.GetProperty("evidence_files").EnumerateArray()
            .Single(e => e.GetProperty("file").GetString()!.EndsWith(fileEnding, StringComparison.Ordinal));
        return (f.GetProperty("accepted").GetInt64(), f.GetProperty("rejected").GetInt64(), f.GetProperty("error").GetString());
    }

    /// <summary>Every evidence id cited by a finding (confirmed or possible) anywhere in a JSON report.</summary>
    public static HashSet<string> CitedEvidence(JsonDocument report)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        if (p.Name == "evidence" && p.Value.ValueKind == JsonValueKind.String)
                        {
                            ids.Add(p.Value.GetString()!);
                        }

                        Walk(p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var i in e.EnumerateArray())
                    {
                        Walk(i);
                    }

                    break;
            }
        }

        Walk(report.RootElement);
        return ids;
    }

    /// <summary>The quarantine records of one file, parsed.</summary>
    public static List<JsonElement> Quarantined(string path) =>
        [.. File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    /// <summary>Asserts that a message is for people: no stack trace, no exception type names, no .NET parameter wording.</summary>
    public static void AssertPlainMessages(string err)
    {
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", err, StringComparison.Ordinal);
    }
}
