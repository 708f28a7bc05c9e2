using System.Diagnostics;
using Truce.Agreements;
using Truce.Cli;
using Truce.Text;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>YAML that would kill or stall the process: nesting that overflows the loader's stack, aliases that multiply (billion laughs).</summary>
public class HostileYamlTests
{
    [Fact]
    public void Nesting_A_Hundred_Thousand_Deep_Is_A_Located_Error_Not_A_Stack_Overflow()
    {
        // Unchecked, this 200 kB spec overflowed YamlDotNet's recursive loader: the process died printing 40,000 frames.
        var yaml = "id: deep\nnotes: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var bag = new DiagnosticBag();
        Assert.Null(AgreementSpecReader.Read(yaml, "deep.yaml", bag));
        var d = Assert.Single(bag.Items);
        Assert.Equal("TR001", d.Code);
        Assert.Equal(2, d.Line);
        Assert.Contains($"nested more than {YamlCursor.MaxDepth} levels deep", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_Within_The_Limit_Still_Reads()
    {
        var yaml = "id: deep\nnotes: " + new string('[', YamlCursor.MaxDepth - 1) + new string(']', YamlCursor.MaxDepth - 1) + "\n";
        var bag = new DiagnosticBag();
        AgreementSpecReader.Read(yaml, "deep.yaml", bag);
        Assert.DoesNotContain(bag.Items, d => d.Code == "TR001");
    }

    [Fact]
    public void Aliases_That_Expand_A_Kilobyte_Into_Millions_Of_Zone_Expressions_Are_Refused_At_Once()
    {
        // Unchecked, lint walked 9^8 zone expressions and did not finish.
        var watch = Stopwatch.StartNew();
        var (code, _, err) = Run(["lint", Corpus("yaml/billion-laughs.yaml"), .. Registries]);
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Matches(@"billion-laughs\.yaml:21:\d+: error TR001: malformed YAML: aliases \(\*name\) here repeat more than 10,000 nodes; write the values out", err);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_Few_Aliases_Are_Still_Allowed()
    {
        var yaml = "id: a\ntitle: &t Some title\nstatus: reported\nnotes: *t\n";
        var bag = new DiagnosticBag();
        AgreementSpecReader.Read(yaml, "a.yaml", bag);
        Assert.DoesNotContain(bag.Items, d => d.Code == "TR001");
    }
}
