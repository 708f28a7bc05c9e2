using System.Text;
using System.Text.RegularExpressions;
using Truce.Cli;
using Truce.Tests.TestSupport;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>Usage errors, commands, help and the exit-code table, as a user meets them.</summary>
public sealed partial class CommandLineTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("truce-cmd-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void An_Unknown_Option_Is_A_Usage_Error_Not_A_Missing_Spec()
    {
        var (code, _, err) = Run(["verify", Spec("qusayr-2018"), "--bogus", .. Registries]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("truce: unknown option '--bogus'", err, StringComparison.Ordinal);
        Assert.Contains("Run 'truce help verify' for usage.", err, StringComparison.Ordinal);
        Assert.DoesNotContain("TR090", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Bad_Format_Is_A_Usage_Error_Listing_The_Formats_On_One_Line()
    {
        var (code, output, err) = Run(["verify", Spec("qusayr-2018"), .. Registries, "--format", "xml"]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Empty(output);
        var first = Lines(err)[0];
        Assert.Equal("truce: Argument 'xml' not recognized. Must be one of: 'table' 'json' 'geojson' 'markdown'", first);
        Assert.DoesNotContain("\\x09", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verfy", "truce: unknown command 'verfy'; did you mean 'verify'? Commands: lint, verify, ingest, quarantine, actors, help.")]
    [InlineData("lnit", "truce: unknown command 'lnit'; did you mean 'lint'? Commands: lint, verify, ingest, quarantine, actors, help.")]
    [InlineData("nope", "truce: unknown command 'nope'. Commands: lint, verify, ingest, quarantine, actors, help.")]
    public void An_Unknown_Command_Exits_2_And_Suggests_The_Nearest(string command, string message)
    {
        var (code, _, err) = Run([command]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Equal(message, Assert.Single(Lines(err)));
    }

    [Fact]
    public void An_Unknown_Command_With_Help_Still_Exits_2()
    {
        Assert.Equal(TruceApp.UsageOrInput, Run(["nope", "--help"]).Code);
        Assert.Equal(TruceApp.UsageOrInput, Run(["help", "nope"]).Code);
    }

    [Fact]
    public void Help_And_Help_For_A_Command_Exit_0()
    {
        var (code, output, _) = Run(["help"]);
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("verify <specs>", output, StringComparison.Ordinal);

        var (verifyCode, verifyHelp, _) = Run(["help", "verify"]);
        Assert.Equal(TruceApp.Ok, verifyCode);
        Assert.Contains("--quarantine", verifyHelp, StringComparison.Ordinal);
        Assert.Equal(verifyHelp, Run(["verify", "--help"]).Out);
    }

    [Fact]
    public void Lint_And_Verify_Agree_On_A_Missing_Spec_And_On_A_Missing_Evidence_File()
    {
        var missing = Path.Combine(temp, "missing.yaml");
        var lint = Run(["lint", missing, .. Registries]);
        var verify = Run(["verify", missing, .. Registries]);
        Assert.Equal(TruceApp.UsageOrInput, lint.Code);
        Assert.Equal(TruceApp.UsageOrInput, verify.Code);
        Assert.Contains("missing.yaml: error TR090: no such file or folder", lint.Err, StringComparison.Ordinal);
        Assert.Contains("missing.yaml: error TR090: no such file or folder", verify.Err, StringComparison.Ordinal);

        // A missing evidence file: the specs were still checked (lint) and the report still written (verify).
        var gone = Path.Combine(temp, "gone.csv");
        var lintEvidence = Run(["lint", Spec("qusayr-2018"), .. Registries, "--evidence", gone]);
        var verifyEvidence = Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", gone]);
        Assert.Equal(TruceApp.PartialInput, lintEvidence.Code);
        Assert.Equal(TruceApp.PartialInput, verifyEvidence.Code);
        Assert.Contains("gone.csv: error: no such file or folder", lintEvidence.Err, StringComparison.Ordinal);
        Assert.Contains("gone.csv: error: no such file or folder", verifyEvidence.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Readme_Exit_Code_Table_Lists_Exactly_The_Codes_The_Program_Defines()
    {
        var readme = File.ReadAllText(Repo.Path("README.md"));
        int start = readme.IndexOf("### Exit codes", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no exit-code table");
        var section = readme[start..];
        section = section[..section.IndexOf("\n#", 1, StringComparison.Ordinal)];
        var documented = ExitCodeRow().Matches(section).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var defined = typeof(TruceApp).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int)).Select(f => (int)f.GetRawConstantValue()!).Order().ToList();
        Assert.Equal([0, 1, 2, 3, 4, 70, 130], defined);
        Assert.Equal(defined, documented);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("verify")]
    [InlineData("actors")]
    public void Every_Command_Exits_2_On_An_Unknown_Option_And_3_On_A_Missing_Evidence_File(string command)
    {
        string[] Args(params string[] extra) => command == "actors"
            ? ["actors", .. Registries, .. extra]
            : [command, Spec("qusayr-2018"), .. Registries, .. extra];

        var (usage, _, usageErr) = Run(Args("--evidence", Corpus("twice/reports.ndjson"), "--bogus"));
        Assert.Equal(TruceApp.UsageOrInput, usage);
        Assert.Contains($"Run 'truce help {command}' for usage.", usageErr, StringComparison.Ordinal);

        var gone = Path.Combine(temp, "gone.ndjson");
        var (missing, _, missingErr) = Run(Args("--evidence", gone, "--evidence", Corpus("twice/reports.ndjson")));
        Assert.Equal(TruceApp.PartialInput, missing);
        Assert.Contains(gone + ": error: no such file or folder", missingErr, StringComparison.Ordinal);

        var (ok, _, okErr) = Run(Args("--evidence", Corpus("twice/reports.ndjson")));
        Assert.True(ok == TruceApp.Ok, okErr);
    }

    [GeneratedRegex(@"^\| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex ExitCodeRow();

    [Fact]
    public void An_Internal_Error_Prints_One_Line_Naming_A_Log_That_Holds_The_Trace_And_Exits_70()
    {
        var (code, _, err) = Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", Corpus("twice/reports.ndjson")], output: new ThrowingWriter());
        Assert.Equal(TruceApp.InternalError, code);
        var line = Assert.Single(Lines(err));
        var match = LogPath().Match(line);
        Assert.True(match.Success, line);
        var log = match.Groups[1].Value;
        try
        {
            var text = File.ReadAllText(log);
            Assert.Contains("System.InvalidOperationException: the terminal went away", text, StringComparison.Ordinal);
            Assert.Contains("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [GeneratedRegex(@"^truce: internal error \(InvalidOperationException\), a bug in Truce, not in your input; details in (\S+\.log)$")]
    private static partial Regex LogPath();

    /// <summary>A standard output that fails on the first write with an exception Truce does not expect.</summary>
    private sealed class ThrowingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new InvalidOperationException("the terminal went away");

        public override void Write(string? value) => throw new InvalidOperationException("the terminal went away");
    }
}
