using System.Diagnostics;
using System.Text;
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
    [Fact]
    public async Task Out_At_A_Named_Pipe_Streams_The_Report_Into_It_And_The_Pipe_Stays_A_Pipe()
    {
        var fifo = Path.Combine(temp, "report.pipe");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // The reader must be there before the run opens the pipe for writing, or the open would block.
        var reader = Task.Run(() =>
        {
            using var pipe = new StreamReader(fifo);
            return pipe.ReadToEnd();
        });
        var run = Task.Run(() => VerifyTo(fifo, "json"));
        var finished = await Task.WhenAny(Task.WhenAll(reader, run), Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(reader.IsCompleted && run.IsCompleted, "the report never went through the pipe");

        var (code, output, err) = await run;
        Assert.Equal(TruceApp.Ok, code);
        Assert.Empty(output);
        Assert.Contains("wrote the report to " + fifo, err, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await reader);
        Assert.Equal("truce.verdicts/1", doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal(FileKindValue.Special, FileKind.Of(fifo));
        Assert.Equal(["report.pipe"], Directory.GetFileSystemEntries(temp).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("no space")]
    [InlineData("closed")]
    public void A_Standard_Output_That_Refuses_Writes_Gives_One_Plain_Line_And_Exit_4(string failure)
    {
        // What .NET throws for stdout on /dev/full (IOException) and for a closed descriptor (UnauthorizedAccessException around EBADF).
        Exception Refusal() => failure == "no space"
            ? new IOException("No space left on device")
            : new UnauthorizedAccessException("Access to the path is denied.", new IOException("Bad file descriptor"));
        var (code, _, err) = Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", Corpus("twice/reports.ndjson")], output: new RefusingWriter(Refusal));
        Assert.Equal(TruceApp.OutputFailed, code);
        var expected = failure == "no space" ? "No space left on device" : "Bad file descriptor";
        Assert.Equal("truce: cannot write to standard output: " + expected, Assert.Single(Lines(err)));
        AssertPlainMessages(err);
    }

    [Theory]
    [InlineData(">&-", "Bad file descriptor")]
    [InlineData(">/dev/full", "No space left on device")]
    public async Task Every_Command_Run_With_Standard_Output_Closed_Or_Full_Exits_4_With_One_Line(string redirect, string reason)
    {
        string[][] commands =
        [
            ["verify", Spec("qusayr-2018"), .. Registries, "--evidence", Corpus("twice/reports.ndjson")],
            ["lint", Spec("qusayr-2018"), .. Registries],
            ["actors", "--evidence", Corpus("twice/reports.ndjson"), .. Registries],
            ["help"],
        ];
        foreach (var args in commands)
        {
            var (code, err) = await RunBuiltProgram(redirect, args);
            Assert.True(code == TruceApp.OutputFailed, $"{args[0]} {redirect}: exit {code}: {err}");
            Assert.Equal("truce: cannot write to standard output: " + reason, Lines(err)[^1]);
            AssertPlainMessages(err);
        }
    }

    /// <summary>Runs the built program through the shell, with standard output redirected as given; returns the exit code and standard error.</summary>
    private async Task<(int Code, string Err)> RunBuiltProgram(string redirect, string[] args)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var program = Repo.Path($"src/Truce.Cli/bin/{configuration}/net10.0/Truce.Cli.dll");
        Assert.True(File.Exists(program), $"build first: {program}");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = temp, RedirectStandardError = true, RedirectStandardOutput = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec \"$@\" {redirect}");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(program);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["TRUCE_TODAY"] = Repo.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var err = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, err);
    }

    /// <summary>A standard output that refuses every write the way the system does.</summary>
    private sealed class RefusingWriter(Func<Exception> refusal) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw refusal();

        public override void Write(string? value) => throw refusal();
    }
}
