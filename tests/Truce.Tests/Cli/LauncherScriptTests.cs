using System.Diagnostics;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Cli;

/// <summary>
/// The <c>./truce</c> launcher starts the built program directly when nothing changed since the last build, and
/// builds first only when a source, project file or build setting is newer than the program.
/// </summary>
/// <remarks>
/// Run on a copy of the script in a scratch checkout whose <c>dotnet</c> is a stand-in that records its arguments:
/// the real build is never started from a test (it would race the build the tests run from), and what the script
/// decides is exactly the list of calls it makes.
/// </remarks>
public sealed class LauncherScriptTests : IDisposable
{
    // In the past, so that the "touch" after a build makes the program newer than every file set around this time.
    private static readonly DateTime Built = DateTime.UtcNow.AddDays(-1);

    private readonly string root = Directory.CreateTempSubdirectory("truce-launcher-").FullName;

    public LauncherScriptTests()
    {
        File.Copy(Repo.Path("truce"), Path.Combine(root, "truce"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "src/Truce/Verification/Verifier.cs", "src/Truce.Cli/Truce.Cli.csproj" })
        {
            Write(file, Built.AddHours(-1));
        }

        Write("src/Truce.Cli/bin/Release/net10.0/Truce.Cli.dll", Built);
        Directory.CreateDirectory(Path.Combine(root, "fake-bin"));
        var shim = Path.Combine(root, "fake-bin", "dotnet");
        File.WriteAllText(shim, "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> \"$CALLS\"\nif [ \"$1\" = build ]; then exit \"${BUILD_EXIT:-0}\"; fi\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string Dll => Path.Combine(root, "src/Truce.Cli/bin/Release/net10.0/Truce.Cli.dll");

    private string Calls => Path.Combine(root, "calls.log");

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Write(string relative, DateTime modified)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "// scratch copy\n");
        File.SetLastWriteTimeUtc(path, modified);
    }

    /// <summary>Runs <c>./truce help</c> of the scratch checkout; returns its exit code, standard error and the dotnet calls it made.</summary>
    private (int Code, string Err, string[] Calls) Launch(int buildExit = 0)
    {
        File.Delete(Calls);
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "truce"));
        start.ArgumentList.Add("help");
        start.Environment["PATH"] = Path.Combine(root, "fake-bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["CALLS"] = Calls;
        start.Environment["BUILD_EXIT"] = buildExit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the launcher did not finish");
        return (process.ExitCode, err.Result, File.Exists(Calls) ? File.ReadAllLines(Calls) : []);
    }

    private string BuildCall => $"build {root}/src/Truce.Cli/Truce.Cli.csproj -c Release --nologo -v quiet";

    [Fact]
    public void Nothing_Newer_Than_The_Program_Starts_It_Directly_Without_A_Build()
    {
        var (code, _, calls) = Launch();
        Assert.Equal(0, code);
        Assert.Equal([$"{Dll} help"], calls);
    }

    [Theory]
    [InlineData("src/Truce/Verification/Verifier.cs")]
    [InlineData("src/Truce.Cli/Truce.Cli.csproj")]
    [InlineData("Directory.Build.props")]
    [InlineData("global.json")]
    public void A_Source_Or_Build_Setting_Newer_Than_The_Program_Builds_Once_Then_Starts_Directly(string changed)
    {
        Write(changed, Built.AddMinutes(1));
        var (code, _, calls) = Launch();
        Assert.Equal(0, code);
        Assert.Equal([BuildCall, $"{Dll} help"], calls);

        // The build may leave an unchanged program untouched: the launcher marks it current, so the next start is direct.
        Assert.Equal([$"{Dll} help"], Launch().Calls);
    }

    [Fact]
    public void Build_Output_Folders_Never_Count_As_Changes()
    {
        Write("src/Truce/obj/Release/net10.0/Generated.cs", Built.AddMinutes(1));
        Write("src/Truce/bin/Release/net10.0/Truce.deps.json", Built.AddMinutes(1));
        Assert.Equal([$"{Dll} help"], Launch().Calls);
    }

    [Fact]
    public void A_Missing_Program_Is_Built_First()
    {
        File.Delete(Dll);
        Assert.Equal(BuildCall, Launch().Calls[0]);
    }

    [Fact]
    public void A_Failed_Build_Exits_1_Without_Starting_A_Stale_Program()
    {
        Write("src/Truce/Verification/Verifier.cs", Built.AddMinutes(1));
        var (code, err, calls) = Launch(buildExit: 1);
        Assert.Equal(1, code);
        Assert.Contains("truce: build failed", err, StringComparison.Ordinal);
        Assert.Equal([BuildCall], calls);
    }
}
