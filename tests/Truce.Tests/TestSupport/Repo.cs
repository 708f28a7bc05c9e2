using Truce.Actors;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Text;

namespace Truce.Tests.TestSupport;

/// <summary>Finds files in the repository (examples, docs, fixtures) from the test's output folder.</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Truce.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Truce.slnx) above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Fixture(string name) => Path("tests/Truce.Tests/Fixtures/" + name);

    public static ActorRegistry Actors()
    {
        var bag = new DiagnosticBag();
        var registry = ActorRegistryReader.Read(File.ReadAllText(Path("examples/actors.yaml")), "examples/actors.yaml", bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return registry!;
    }

    public static SourceRegistry Sources()
    {
        var bag = new DiagnosticBag();
        var registry = SourceRegistry.Read(File.ReadAllText(Path("examples/sources.yaml")), "examples/sources.yaml", bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return registry!;
    }

    /// <summary>All shipped reference geometry, read once (admin-1 polygons take a moment to validate); the catalog is read-only.</summary>
    public static GeometryCatalog Geometry() => SharedGeometry.Value;

    /// <summary>The shipped administrative-unit table over <see cref="Geometry"/>.</summary>
    public static Truce.Places.AdminUnitTable Places()
    {
        var bag = new DiagnosticBag();
        var table = Truce.Places.AdminUnitTable.Read(File.ReadAllText(Path("examples/places.yaml")), "examples/places.yaml", Geometry(), bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return table!;
    }

    private static readonly Lazy<GeometryCatalog> SharedGeometry = new(LoadGeometry);

    private static GeometryCatalog LoadGeometry()
    {
        var catalog = new GeometryCatalog();
        var bag = new DiagnosticBag();
        foreach (var f in new[] { "examples/geo/natural-earth-levant.geojson", "examples/geo/truce-annotations.geojson", "examples/geo/admin1-levant.geojson" })
        {
            GeometryReader.Read(File.ReadAllText(Path(f)), f, catalog, bag);
        }

        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return catalog;
    }

    /// <summary>The run date tests read evidence as of: fixed, so that results never depend on the day the suite runs.</summary>
    public static readonly DateOnly Today = new(2026, 1, 1);

    /// <summary>An import context with the shipped sources registry and <see cref="Today"/>.</summary>
    public static Truce.Evidence.Import.ImportContext Import() => Truce.Evidence.Import.ImportContext.For(Sources(), Today);

    /// <summary>Text as the UTF-8 bytes an importer reads from a file.</summary>
    public static Stream Utf8(string text) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A file of the real data in shared/ beside the repository (TRUCE_SHARED_DIR overrides); a test that needs it fails, never skips, without it.</summary>
    public static string SharedData(string relative)
    {
        var shared = Environment.GetEnvironmentVariable("TRUCE_SHARED_DIR") is { Length: > 0 } dir ? dir : Path("../shared");
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(shared, relative));
        Assert.True(File.Exists(path), $"the real data file is missing at {path}: the test needs shared/ beside the repository or TRUCE_SHARED_DIR");
        return path;
    }
}
