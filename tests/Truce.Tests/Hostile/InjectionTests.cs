using System.Text.Json;
using Truce.Cli;
using Truce.Tests.TestSupport;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>
/// Control characters, ANSI escapes, carriage returns and bidi overrides in evidence ids, actor names and spec text
/// reach the terminal escaped (as the text "\x1b", "\u202e"); Markdown shows HTML and headings literally; JSON stays
/// JSON and carries them as escapes.
/// </summary>
public class InjectionTests
{
    private static readonly char[] Raw = ['\u001b', '\u0007', '\r', '\u202e'];

    private static string[] Verify(string format, params string[] evidence) =>
        ["verify", Spec("qusayr-2018"), .. Registries, .. evidence.SelectMany(e => new[] { "--evidence", e }), "--format", format];

    private static void AssertNoRawControls(string text)
    {
        foreach (var c in Raw)
        {
            Assert.True(text.IndexOf(c, StringComparison.Ordinal) < 0, $"raw U+{(int)c:X4} reached the output");
        }
    }

    [Fact]
    public void Escapes_In_Evidence_Ids_Actor_Names_And_Places_Reach_The_Terminal_As_Text()
    {
        var (code, output, err) = Run(Verify("table", Corpus("injection/evidence.ndjson")));
        Assert.Equal(TruceApp.Ok, code);
        AssertNoRawControls(output);
        AssertNoRawControls(err);
        Assert.Contains("al-monitor:q-102\\x1b[2J\\x07", output, StringComparison.Ordinal);
        Assert.Contains("\\x1b[31mred\\x1b[0m place", output, StringComparison.Ordinal);
        Assert.Contains("al-monitor:q-103\\u202egnp.exe", output, StringComparison.Ordinal);
        Assert.Contains("Hezbollah\\u202e\\x1b[2J (spoofed)", output, StringComparison.Ordinal);

        // The rejected row's reason quotes its bad value, on stderr, escaped too.
        Assert.Contains("evidence.ndjson:4: activity: '\\x1b]0;pwned\\x07\\x1b[2J\\x0dpresence\\u202e' is not an activity", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Carriage_Return_In_An_Evidence_Id_Cannot_Overwrite_Violated()
    {
        var (_, output, _) = Run(Verify("table", Corpus("injection/evidence.ndjson")));

        // What a terminal shows of each line is what follows its last carriage return; there is none, so the verdict stands.
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith("qusayr-2018  leave-checkpoint", StringComparison.Ordinal));
        Assert.Matches(@"^qusayr-2018\s+leave-checkpoint\s+stated\s+violated \(high\)\s+3 confirmed violations; first 2018-06-20 \(al-monitor:q-101\\x0d\[confirmed\] no violation found", row);
        Assert.Contains("[confirmed] al-monitor:q-101\\x0d[confirmed] no violation found  score", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_Control_Bytes_In_A_Ucdp_Csv_Reach_The_Terminal_Escaped()
    {
        var (code, output, err) = Run(["verify", Spec("coh-2016"), .. Registries, "--evidence", Corpus("injection/ucdp-raw-controls.csv")]);
        Assert.Equal(TruceApp.Ok, code);
        AssertNoRawControls(output + err);
        Assert.Contains("Government of Syria\\x0d\\u202eaisyS fo tnemnrevoG", output, StringComparison.Ordinal);
        Assert.Contains("Syrian insurgents\\x1b[31m", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_In_Spec_Text_Reach_Lint_And_Verify_Output_As_Text()
    {
        var spec = Corpus("specs/injected-text.yaml");
        var (lintCode, lintOut, lintErr) = Run(["lint", spec, .. Registries]);
        Assert.Equal(TruceApp.Ok, lintCode);
        AssertNoRawControls(lintOut + lintErr);
        Assert.Contains("(note with \\x1b[31m ANSI \\x0d and \\u202e bidi)", lintOut, StringComparison.Ordinal);

        var (code, output, err) = Run(["verify", spec, .. Registries, "--evidence", Corpus("injection/evidence.ndjson")]);
        Assert.Equal(TruceApp.Ok, code);
        AssertNoRawControls(output + err);
        Assert.Contains("caveat: zone reading 'stated' is an assumption, not a stated term: note with \\x1b[31m ANSI \\x0d and \\u202e bidi", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_Shows_Html_And_Headings_From_Data_And_Specs_Literally()
    {
        var (code, md, _) = Run(["verify", Corpus("specs/injected-text.yaml"), .. Registries, "--evidence", Corpus("injection/evidence.ndjson"), "--format", "markdown"]);
        Assert.Equal(TruceApp.Ok, code);
        AssertNoRawControls(md);
        foreach (var html in new[] { "<script>", "<img", "<b>" })
        {
            Assert.DoesNotContain(html, md, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;", md, StringComparison.Ordinal);
        Assert.Contains("\\# Injected heading", md, StringComparison.Ordinal);
        Assert.Contains("\\# Heading injected", md, StringComparison.Ordinal);
        Assert.DoesNotContain(md.Split('\n'), l => l.StartsWith("# Injected", StringComparison.Ordinal) || l.StartsWith("# Heading", StringComparison.Ordinal));

        // The title's escapes are shown as text: \x1b in the Markdown source renders as "\x1b".
        Assert.Contains("## Title \\\\x1b\\[2J with ESC, BEL \\\\x07, CR \\\\x0d and RLO \\\\u202e &lt;script&gt;", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("geojson")]
    public void Json_Output_Stays_Valid_And_Carries_Controls_And_Bidi_As_Escapes(string format)
    {
        var (code, json, _) = Run(Verify(format, Corpus("injection/evidence.ndjson")));
        Assert.Equal(TruceApp.Ok, code);
        AssertNoRawControls(json);
        Assert.Contains("\\u202E", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\\u001B[2J", json, StringComparison.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(json);
        Assert.Contains("\"al-monitor:q-102\\u001B[2J\\u0007\"", json, StringComparison.OrdinalIgnoreCase);
        if (format == "json")
        {
            // Escaped, not altered: a program reading the report gets the ids exactly as reported.
            Assert.Superset(new HashSet<string> { "al-monitor:q-101\r[confirmed] no violation found", "al-monitor:q-102\u001b[2J\u0007", "al-monitor:q-103\u202egnp.exe" }, CitedEvidence(doc));
        }
    }
}
