using System.Globalization;
using System.Text;
using Truce.Actors;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Text;

namespace Truce.Bench;

/// <summary>Inputs shared by the benchmarks: the shipped examples and generated evidence of a chosen size.</summary>
public static class Workload
{
    public static string Root { get; } = FindRoot();

    public static GeometryCatalog Geometry()
    {
        var catalog = new GeometryCatalog();
        var bag = new DiagnosticBag();
        foreach (var f in new[] { "examples/geo/natural-earth-levant.geojson", "examples/geo/truce-annotations.geojson", "examples/geo/admin1-levant.geojson" })
        {
            GeometryReader.Read(File.ReadAllText(Path.Combine(Root, f)), f, catalog, bag);
        }

        return catalog;
    }

    /// <summary>The shipped administrative-unit table over <paramref name="geometry"/> (which must hold the admin-1 polygons).</summary>
    public static Truce.Places.AdminUnitTable Places(GeometryCatalog geometry) =>
        Truce.Places.AdminUnitTable.Read(File.ReadAllText(Path.Combine(Root, "examples/places.yaml")), "places.yaml", geometry, new DiagnosticBag())!;

    public static ActorRegistry Actors() =>
        ActorRegistryReader.Read(File.ReadAllText(Path.Combine(Root, "examples/actors.yaml")), "actors.yaml", new DiagnosticBag())!;

    public static SourceRegistry Sources() =>
        SourceRegistry.Read(File.ReadAllText(Path.Combine(Root, "examples/sources.yaml")), "sources.yaml", new DiagnosticBag())!;

    public static List<Agreement> Agreements() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "examples/agreements"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => AgreementSpecReader.Read(File.ReadAllText(f), f, new DiagnosticBag())!)];

    /// <summary>Points spread over Syria and its neighbours, fixed by the seed.</summary>
    public static GeoPoint[] Points(int n, int seed = 42)
    {
        var r = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => new GeoPoint(32.3 + (r.NextDouble() * 5), 35.6 + (r.NextDouble() * 6.8)))];
    }

    /// <summary>A UCDP GED CSV of <paramref name="rows"/> rows in the published layout, with realistic actors, places and precisions.</summary>
    public static string UcdpCsv(int rows, int seed = 7)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteUcdpCsv(writer, rows, seed);
        return writer.ToString();
    }

    /// <summary>Writes a generated UCDP GED CSV row by row, so files of any size can be made without holding them.</summary>
    public static void WriteUcdpCsv(TextWriter writer, long rows, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var r = new Random(seed);
        string[] sides = ["Government of Syria", "Syrian insurgents", "IS", "Hezbollah", "Government of Russia (Soviet Union)", "Jabhat Fateh al-Sham"];
        writer.Write("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,");
        writer.Write("side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,");
        writer.Write("source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,");
        writer.Write("country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob\n");
        var sb = new StringBuilder(512);
        for (long i = 0; i < rows; i++)
        {
            var a = sides[r.Next(sides.Length)];
            var b = sides[r.Next(sides.Length)];
            var day = new DateOnly(2014, 1, 1).AddDays(r.Next(0, 365 * 6));
            double lat = 32.3 + (r.NextDouble() * 5), lon = 35.6 + (r.NextDouble() * 6.8);
            int wp = 1 + r.Next(0, 100) switch { < 70 => 0, < 85 => 1, < 93 => 2, < 98 => 3, _ => 5 };
            sb.Clear();
            sb.Append(CultureInfo.InvariantCulture, $"{i},SYR-{i},{day.Year},1,Clear,{1 + r.Next(3)},,,Syria: Government,,,{a} - {b},,,{a},,,{b},2,\"Generated row {i}, a benchmark fixture\",,,,,")
              .Append(CultureInfo.InvariantCulture, $"{wp},Somewhere,Somewhere,Gov,District,{lat:F4},{lon:F4},POINT ({lon:F4} {lat:F4}),,Syria,652,Middle East,1,1,")
              .Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd} 00:00:00.000,{day:yyyy-MM-dd} 00:00:00.000,0,0,0,0,{r.Next(1, 20)},20,1,652,\n");
            writer.Write(sb);
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Truce.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Text as a UTF-8 stream, as an importer reads a file.</summary>
    public static Stream Bytes(string text) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>An import context with a fixed run date, so benchmark runs read the same rows.</summary>
    public static Truce.Evidence.Import.ImportContext Context(SourceRegistry sources) => Truce.Evidence.Import.ImportContext.For(sources, new DateOnly(2026, 1, 1));
}
