using System.Text.Json;
using Truce.Cli;
using Truce.Tests.TestSupport;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>--out at devices, links, standard output, missing folders and impossible places: the report lands where asked or the run says why in one line.</summary>
public sealed class OutputTargetTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("truce-out-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Code, string Out, string Err) VerifyTo(string target, string format = "table") =>
        Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", Corpus("twice/reports.ndjson"), "--format", format, "--out", target]);

    [Fact]
    public void Out_At_Dev_Full_Exits_4_With_One_Line_And_Dev_Full_Stays_A_Device()
    {
        Assert.Equal(FileKindValue.Special, FileKind.Of("/dev/full"));
        var (code, output, err) = VerifyTo("/dev/full");
        Assert.Equal(TruceApp.OutputFailed, code);
        Assert.Empty(output);
        var line = Assert.Single(Lines(err));
        Assert.StartsWith("truce: cannot write the report to /dev/full: ", line, StringComparison.Ordinal);
        Assert.Contains("No space left on device", line, StringComparison.Ordinal);
        AssertPlainMessages(err);
        Assert.Equal(FileKindValue.Special, FileKind.Of("/dev/full"));
    }

    [Fact]
    public void Out_At_A_Symlink_Writes_The_Report_To_Its_Target_And_Keeps_The_Link()
    {
        var target = Path.Combine(temp, "target.txt");
        var link = Path.Combine(temp, "link.txt");
        File.WriteAllText(target, "an older report\n");
        File.CreateSymbolicLink(link, "target.txt");

        var (code, _, err) = VerifyTo(link);
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("wrote the report to " + link, err, StringComparison.Ordinal);
        Assert.Equal("target.txt", new FileInfo(link).LinkTarget);
        Assert.StartsWith("Truce verification: 1 agreements", File.ReadAllText(target), StringComparison.Ordinal);
        Assert.Equal(["link.txt", "target.txt"], Directory.GetFileSystemEntries(temp).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Out_Dash_Writes_The_Report_To_Standard_Output()
    {
        var (code, output, err) = VerifyTo("-", "json");
        Assert.Equal(TruceApp.Ok, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("truce.verdicts/1", doc.RootElement.GetProperty("schema").GetString());
        Assert.DoesNotContain("wrote the report", err, StringComparison.Ordinal);
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void Out_Into_A_Missing_Folder_Creates_The_Folder_And_Leaves_No_Temporary_File()
    {
        var target = Path.Combine(temp, "new", "sub", "report.json");
        var (code, _, _) = VerifyTo(target, "json");
        Assert.Equal(TruceApp.Ok, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(target));
        Assert.Equal(["report.json"], Directory.GetFileSystemEntries(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Out_At_An_Input_Is_Refused_Before_Anything_Is_Read_And_The_Input_Is_Kept()
    {
        var evidence = Path.Combine(temp, "events.ndjson");
        File.Copy(Corpus("twice/reports.ndjson"), evidence);
        var link = Path.Combine(temp, "report.txt");
        File.CreateSymbolicLink(link, "events.ndjson");
        var before = File.ReadAllBytes(evidence);

        var (code, _, err) = Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", temp, "--out", link]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Equal($"truce: --out {link} is the input {evidence}: the report would replace it; nothing was verified.", Assert.Single(Lines(err)));
        Assert.Equal(before, File.ReadAllBytes(evidence));

        var registry = Path.Combine(temp, "actors.yaml");
        File.Copy(Repo.Path("examples/actors.yaml"), registry);
        var (registryCode, _, registryErr) = Run(["verify", Spec("qusayr-2018"), "--actors", registry, "--sources", Repo.Path("examples/sources.yaml"), "--evidence", evidence, "--out", registry]);
        Assert.Equal(TruceApp.UsageOrInput, registryCode);
        Assert.Contains("the report would replace it", registryErr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Repo.Path("examples/actors.yaml")), File.ReadAllBytes(registry));
    }

    [Fact]
    public void A_Report_That_Cannot_Be_Written_Gives_One_Plain_Line_And_Exit_4()
    {
        var file = Path.Combine(temp, "a-file.txt");
        File.WriteAllText(file, "keep me\n");
        var (code, _, err) = VerifyTo(Path.Combine(file, "report.txt"));
        Assert.Equal(TruceApp.OutputFailed, code);
        Assert.Equal($"truce: cannot write the report to {file}/report.txt: {file} is a file, not a folder", Assert.Single(Lines(err)));
        Assert.Equal("keep me\n", File.ReadAllText(file));

        var (folderCode, _, folderErr) = VerifyTo(temp);
        Assert.Equal(TruceApp.OutputFailed, folderCode);
        Assert.Equal($"truce: cannot write the report to {temp}: it is a folder", Assert.Single(Lines(folderErr)));
    }
}
