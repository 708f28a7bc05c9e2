using Truce.Cli;
using Truce.Tests.TestSupport;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>Specs, registries and geometry are read whole, so each has a size limit (1, 8 and 64 MiB): one byte over is refused with its file named, never read to the end.</summary>
public sealed class InputSizeLimitTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("truce-size-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    /// <summary>A spec that names its geometry beside it (secret.geojson), copied into the temporary folder.</summary>
    private string SpecBeside()
    {
        var spec = Path.Combine(temp, "spec.yaml");
        File.WriteAllText(spec, File.ReadAllText(Corpus("paths/text-geometry.yaml")));
        File.Copy(Corpus("specs/post.geojson"), Path.Combine(temp, "secret.geojson"), overwrite: true);
        return spec;
    }

    /// <summary>A sparse file of zeros: its size costs no disk, and a reader that ignored the limit would read all of it.</summary>
    private string Sparse(string name, long bytes)
    {
        var path = Path.Combine(temp, name);
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        f.SetLength(bytes);
        return path;
    }

    [Fact]
    public void The_Spec_Within_Its_Limits_Lints_Clean_So_Each_Refusal_Below_Is_The_Size()
    {
        var (code, _, err) = Run(["lint", SpecBeside(), .. Registries]);
        Assert.True(code == TruceApp.Ok, err);
    }

    [Fact]
    public void A_Spec_One_Byte_Over_1_MiB_Is_Refused_As_An_Input_Error()
    {
        var spec = SpecBeside();
        var text = File.ReadAllText(spec);

        // A real spec padded with a comment: "# ", the padding and "\n" bring it to one byte over the limit.
        File.WriteAllText(spec, text + "# " + new string('x', LoadOptions.MaxSpecBytes - System.Text.Encoding.UTF8.GetByteCount(text) - 2) + "\n");
        Assert.Equal(LoadOptions.MaxSpecBytes + 1, new FileInfo(spec).Length);

        var (code, _, err) = Run(["lint", spec, .. Registries]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains($"{spec}: error TR094: the spec is larger than the 1 MiB limit for spec files; none of it was used", err, StringComparison.Ordinal);
        AssertPlainMessages(err);
    }

    [Fact]
    public void A_Registry_Over_8_MiB_Is_Refused_By_Lint_Verify_And_Actors()
    {
        var actors = Sparse("actors.yaml", LoadOptions.MaxRegistryBytes + 1L);
        string[] registries = ["--actors", actors, "--sources", Repo.Path("examples/sources.yaml")];
        var expected = $"{actors}: error TR094: the actor registry (use --actors) is larger than the 8 MiB limit for actors files; none of it was used";

        var lint = Run(["lint", SpecBeside(), .. registries]);
        var verify = Run(["verify", SpecBeside(), .. registries, "--evidence", Corpus("twice/reports.ndjson")]);
        var list = Run(["actors", "--evidence", Corpus("twice/reports.ndjson"), .. registries]);
        foreach (var (code, output, err) in new[] { lint, verify, list })
        {
            Assert.Equal(TruceApp.UsageOrInput, code);
            Assert.Contains(expected, err, StringComparison.Ordinal);
            Assert.DoesNotContain("\\x00", output + err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Geometry_Over_64_MiB_Is_Refused_Naming_The_Spec_That_Named_It()
    {
        var spec = SpecBeside();
        var geometry = Sparse("secret.geojson", LoadOptions.MaxGeometryBytes + 1L);
        var (code, _, err) = Run(["lint", spec, .. Registries]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains($"{geometry}: error TR094: geometry named by {spec} is larger than the 64 MiB limit for geometry files; none of it was used", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Actors_Command_Refuses_A_Device_As_Its_Registry_Without_Reading_It()
    {
        var (code, _, err) = Run(["actors", "--evidence", Corpus("twice/reports.ndjson"), "--actors", "/dev/zero"]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Equal("/dev/zero: error TR093: cannot read the actor registry (use --actors): not a regular file (a device, pipe or socket)", Assert.Single(Lines(err)));
    }
}
