using System.Diagnostics;
using Truce.Cli;
using Truce.Tests.TestSupport;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>Files a spec names stay in its home unless --allow-outside; errors never print file contents; paths are shown as typed.</summary>
public sealed class PathTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("truce-paths-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Code, string Out, string Err) Lint(string spec, params string[] extra) => Run(["lint", Corpus("paths/" + spec), .. Registries, .. extra]);

    [Fact]
    public void Geometry_Named_By_An_Absolute_Path_Is_Refused_Unless_Allow_Outside_And_Its_Contents_Are_Never_Printed()
    {
        var (code, _, err) = Lint("absolute-geometry.yaml");
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains("absolute-geometry.yaml:13:1: error TR095: geometry: '/etc/passwd' is an absolute path", err, StringComparison.Ordinal);

        var (allowedCode, _, allowedErr) = Lint("absolute-geometry.yaml", "--allow-outside");
        Assert.Equal(TruceApp.SpecErrors, allowedCode);
        Assert.Contains("/etc/passwd:1:1: error TR071: malformed JSON", allowedErr, StringComparison.Ordinal);
        var firstLine = File.ReadLines("/etc/passwd").First();
        Assert.DoesNotContain(firstLine[..Math.Min(6, firstLine.Length)], allowedErr, StringComparison.Ordinal);
        Assert.DoesNotContain($"'{firstLine[0]}'", allowedErr, StringComparison.Ordinal);
        AssertPlainMessages(allowedErr);
    }

    [Fact]
    public void Geometry_That_Climbs_Out_Of_The_Home_Is_Refused_With_The_Home_Shown_As_Typed()
    {
        var (code, _, err) = Lint("climbing-geometry.yaml");
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains($"error TR095: geometry: '../../../examples/geo/truce-annotations.geojson' resolves outside the spec's home folder {Corpus("paths")} (--allow-outside permits it)", err, StringComparison.Ordinal);

        var (allowed, _, _) = Lint("climbing-geometry.yaml", "--allow-outside");
        Assert.Equal(TruceApp.Ok, allowed);
    }

    [Fact]
    public void A_Link_Inside_The_Home_To_Geometry_Outside_It_Is_Refused()
    {
        File.WriteAllText(Path.Combine(temp, "spec.yaml"), File.ReadAllText(Corpus("paths/climbing-geometry.yaml"))
            .Replace("../../../examples/geo/truce-annotations.geojson", "inside.geojson", StringComparison.Ordinal));
        File.CreateSymbolicLink(Path.Combine(temp, "inside.geojson"), Repo.Path("examples/geo/truce-annotations.geojson"));
        var (code, _, err) = Run(["lint", Path.Combine(temp, "spec.yaml"), .. Registries]);
        Assert.Equal(TruceApp.SpecErrors, code);
        Assert.Contains($"error TR095: geometry: 'inside.geojson' resolves outside the spec's home folder {temp}", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Device_As_Geometry_Is_Refused_Without_Reading_It()
    {
        var (code, _, err) = Lint("device-geometry.yaml", "--allow-outside");
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("/dev/zero: error TR093: cannot read geometry named by", err, StringComparison.Ordinal);
        Assert.Contains("not a regular file (a device, pipe or socket)", err, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', err);
    }

    [Theory]
    [InlineData("binary-geometry.yaml", "error TR094: not UTF-8: invalid byte at offset 16", new[] { "SECRET", "hunter2", "\\x00" })]
    [InlineData("text-geometry.yaml", "error TR071: malformed JSON: a character is an invalid start of a value (line 1, byte 1)", new[] { "password", "hunter2", "'p'", "root:x" })]
    public void An_Error_About_A_File_Never_Prints_Its_Bytes(string spec, string message, string[] secrets)
    {
        var (_, _, err) = Lint(spec);
        Assert.Contains(message, err, StringComparison.Ordinal);
        foreach (var s in secrets)
        {
            Assert.DoesNotContain(s, err, StringComparison.Ordinal);
        }

        AssertPlainMessages(err);
    }

    [Fact]
    public void A_Missing_Registry_Names_The_Folders_Searched_As_Typed_Not_From_The_Working_Directory()
    {
        var spec = Path.Combine(temp, "alone.yaml");
        File.Copy(Corpus("specs/zero-width.yaml"), spec);
        var (code, _, err) = Run(["lint", spec]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains($"no actors.yaml found next to the specs (looked in {temp} and the folders above it)", err, StringComparison.Ordinal);
        Assert.DoesNotContain("../", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Built_Program_Run_Elsewhere_Finds_The_Registries_Next_To_The_Specs_And_Writes_Nothing_Into_The_Working_Directory()
    {
        var (code, stdout, stderr) = await RunBuiltProgram(temp, home: null, "verify", Repo.Path("examples/agreements"), "--evidence", Repo.Path("examples/evidence"));
        Assert.True(code == TruceApp.Ok, $"exit {code}: {stderr}");
        Assert.Matches(@"golan-85km-2018\s+keep-away\s+85km\s+violated", stdout);
        Assert.Contains("actors    " + Repo.Path("examples/actors.yaml"), stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public async Task Truce_Home_Supplies_The_Registries_For_Specs_Kept_Where_There_Are_None()
    {
        // tests/hostile/specs holds specs and their geometry but no registries: without TRUCE_HOME nothing can be checked.
        var spec = Corpus("specs/injected-text.yaml");
        string[] args = ["verify", spec, "--evidence", Corpus("injection/evidence.ndjson")];
        var (without, _, withoutErr) = await RunBuiltProgram(temp, home: null, args);
        Assert.Equal(TruceApp.UsageOrInput, without);
        Assert.Contains($"no actors.yaml found next to the specs (looked in {Corpus("specs")} and the folders above it); give --actors or set TRUCE_HOME", withoutErr, StringComparison.Ordinal);

        var home = Repo.Path("examples");
        var (code, stdout, stderr) = await RunBuiltProgram(temp, home, args);
        Assert.True(code == TruceApp.Ok, $"exit {code}: {stderr}");
        Assert.Contains("actors    " + home + "/actors.yaml", stdout, StringComparison.Ordinal);
        Assert.Contains("sources   " + home + "/sources.yaml", stdout, StringComparison.Ordinal);
        Assert.Matches(@"injected-text\S*\s+leave-post\s+stated\s+violated", stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public async Task The_Actors_Command_Run_Elsewhere_Names_The_Shipped_Registry_By_Its_Absolute_Path_Not_A_Chain_Of_Dot_Dots()
    {
        var deep = Directory.CreateDirectory(Path.Combine(temp, "a", "b", "c")).FullName;
        var (code, stdout, stderr) = await RunBuiltProgram(deep, home: null, "actors", "--evidence", Repo.Path("examples/evidence/reports-2018.ndjson"));
        Assert.True(code == TruceApp.Ok, $"exit {code}: {stderr}");
        Assert.EndsWith("; registry " + Repo.Path("examples/actors.yaml"), stdout.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("../", stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs the built program (not the in-process entry point) in <paramref name="workingDirectory"/>, with TRUCE_HOME set to <paramref name="home"/> or unset.</summary>
    private static async Task<(int Code, string Out, string Err)> RunBuiltProgram(string workingDirectory, string? home, params string[] args)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var program = Repo.Path($"src/Truce.Cli/bin/{configuration}/net10.0/Truce.Cli.dll");
        Assert.True(File.Exists(program), $"build first: {program}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args.Prepend(program))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove(Workspace.HomeVariable);
        if (home is not null)
        {
            start.Environment[Workspace.HomeVariable] = home;
        }

        start.Environment["TRUCE_TODAY"] = Repo.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, stdout, await stderr);
    }
}
