using System.Diagnostics;
using System.Globalization;
using System.Text;
using Truce.Actors;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Geodesy;
using Truce.Places;
using Truce.Text;
using Truce.Verification;

namespace Truce.Bench;

/// <summary>
/// How the cost of verification grows with the number of obligation readings: generated specs for 1, 10, 100 and
/// 1,000 readings held against a generated UCDP GED file, once with sparse specs (a row can reach only a few
/// readings) and once with a control whose every reading holds every row.
/// </summary>
/// <remarks>
/// Each run builds the <see cref="Verifier"/> exactly as <c>truce verify</c> does (default finding bounds, the
/// administrative units, not the reference path), streams the file through the UCDP importer into
/// <see cref="Verifier.Observe(Evidence.Evidence)"/> and asks for the verdicts. The report is not rendered: its size
/// follows the findings kept (at most 200 per kind and reading), not the rows, and for the control it would be a
/// gigabyte of JSON that swamps what is measured here. Times are CPU time of this process (the machine is shared), the
/// median of <c>--runs</c> runs; wall time is shown beside. A run's work grows with rows x readings, so a series reads
/// at most <c>--work</c> / readings rows (the first rows of one file) and cost is compared per row.
/// </remarks>
public static class ReadingsCurve
{
    private const string Usage =
        "usage: readings-curve [--rows N] [--readings 1,10,100,1000] [--runs N] [--work ROWSxREADINGS] [--control-work ROWSxREADINGS] [--out DIR] [--label TEXT] [--write-only DIR]";

    /// <summary>One measured point: medians of the runs, and the screening tallies of the last.</summary>
    private sealed record Point(string Series, int Readings, int Agreements, int Rows, double Seconds, double Wall, double FixedSeconds, double MicrosPerRow, double ZoneTestsPerRow, double ReachedPerRow);

    /// <summary>The inputs of one spec folder, read as the CLI reads them (registries and geometry from the home folder).</summary>
    private sealed record Inputs(List<Agreement> Agreements, GeometryCatalog Catalog, ActorRegistry Actors, AdminUnitTable Places, SourceRegistry Sources);

    /// <summary>Runs the curve and writes the table and the plot; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        int rows = 100_000, runs = 3;
        long work = 10_000_000, controlWork = 500_000;
        int[] readingCounts = [1, 10, 100, 1000];
        string outDir = Path.Combine(Workload.Root, "bench", "results");
        string? label = null, writeOnly = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--rows" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 8: rows = n; break;
                case "--runs" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0: runs = n; break;
                case "--work" when long.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0: work = n; break;
                case "--control-work" when long.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0: controlWork = n; break;
                case "--readings" when Next() is { } list && ParseCounts(list) is { } counts: readingCounts = counts; break;
                case "--out" when Next() is { } dir: outDir = Path.GetFullPath(dir); break;
                case "--label" when Next() is { } text: label = text; break;
                case "--write-only" when Next() is { } dir: writeOnly = Path.GetFullPath(dir); break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }

        var home = writeOnly ?? Directory.CreateTempSubdirectory("truce-readings-curve-").FullName;
        try
        {
            var total = Stopwatch.StartNew();
            var (sparseSpecs, controlSpecs) = Prepare(home, readingCounts);
            var files = new Dictionary<int, string>();
            string Ged(int n)
            {
                if (!files.TryGetValue(n, out var path))
                {
                    path = Path.Combine(home, string.Create(CultureInfo.InvariantCulture, $"ged-{n}.csv"));
                    using var writer = new StreamWriter(path);
                    Workload.WriteUcdpCsv(writer, n); // one seed: every file is the first n rows of the largest
                    files[n] = path;
                }

                return path;
            }

            if (writeOnly is not null)
            {
                // For profiling the real command on the same inputs (it also renders the report, which this bench leaves out).
                output.WriteLine($"wrote the specs home {home} (sparse-N and control-N folders) and {Ged(rows)}; for example:");
                output.WriteLine($"  ./truce verify {sparseSpecs[readingCounts[^1]].Folder} --evidence {Ged(rows)} --format json --out /dev/null");
                return 0;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"readings-curve: up to {rows:N0} generated UCDP rows, readings {string.Join(", ", readingCounts)}, median of {runs}, at most {work:N0} (control {controlWork:N0}) row-readings a run; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            var context = Workload.Context(Workload.Sources());

            // Warm-up: JIT and tiered recompilation of both paths and of the importer, not counted.
            for (int w = 0; w < 2; w++)
            {
                Measure(Load(home, sparseSpecs[readingCounts[0]].Folder), Ged(Math.Min(rows, 10_000)), context);
                Measure(Load(home, controlSpecs[readingCounts[0]].Folder), Ged(Math.Min(rows, 10_000)), context);
                ImportOnly(Ged(Math.Min(rows, 10_000)), context);
            }

            // The floor, measured as the points are: the slope between all the rows and a quarter of them (at least
            // five runs: it is cheap, and single runs vary by half on a shared machine).
            int floorRuns = Math.Max(runs, 5);
            double importMicros = (MedianOf(Enumerable.Range(0, floorRuns).Select(_ => ImportOnly(Ged(rows), context)))
                - MedianOf(Enumerable.Range(0, floorRuns).Select(_ => ImportOnly(Ged(rows / 4), context)))) / (rows - (rows / 4)) * 1e6;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"UCDP import alone (no verification): {importMicros:F2} µs per row"));

            var points = new List<Point>();
            foreach (var (series, specs, cap) in new[] { ("sparse", sparseSpecs, work), ("control", controlSpecs, controlWork) })
            {
                foreach (int n in readingCounts)
                {
                    // Cost per row is the slope between a run of all the rows and one of a quarter of them, so that what a
                    // run spends once (compiling zones, filling caches, deciding) does not count as per-row cost.
                    int full = (int)Math.Clamp(cap / n, 4, rows), quarter = full / 4;
                    var (folder, agreements) = specs[n];
                    var (gedFull, gedQuarter) = (Ged(full), Ged(quarter));
                    var fulls = new List<Measured>();
                    var quarters = new List<Measured>();
                    for (int r = 0; r < runs; r++)
                    {
                        quarters.Add(Measure(Load(home, folder), gedQuarter, context));
                        fulls.Add(Measure(Load(home, folder), gedFull, context));
                    }

                    double seconds = MedianOf(fulls.Select(m => m.Cpu)), slope = (seconds - MedianOf(quarters.Select(m => m.Cpu))) / (full - quarter);
                    var last = fulls[^1];
                    var p = new Point(series, n, agreements, full, seconds, MedianOf(fulls.Select(m => m.Wall)), seconds - (slope * full), slope * 1e6,
                        last.ZoneTests / (double)full, last.Reached / (double)full);
                    points.Add(p);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {series,-7} {n,5} readings ({agreements} agreements), {full,7:N0} rows: {p.Seconds,8:F3} s CPU ({p.Wall:F3} s wall), fixed {p.FixedSeconds:F3} s, {p.MicrosPerRow,9:F2} µs/row, zone tests/row {p.ZoneTestsPerRow:F2}, reached/row {p.ReachedPerRow:F2}"));
                }
            }

            output.WriteLine();
            var table = Table(points, importMicros);
            output.Write(table);
            Directory.CreateDirectory(outDir);
            var md = Path.Combine(outDir, "readings-curve.md");
            File.WriteAllText(md, Markdown(table, points, importMicros, rows, runs, work, controlWork, label));
            var png = Path.Combine(outDir, "readings-curve.png");
            CurvePlot.Save(png, [.. points.Select(p => (p.Series, p.Readings, p.MicrosPerRow, p.ReachedPerRow))], importMicros, label);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {md} and {png} in {total.Elapsed.TotalSeconds:F0} s"));
            return 0;
        }
        finally
        {
            if (writeOnly is null)
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    private static int[]? ParseCounts(string list)
    {
        var parts = list.Split(',');
        var counts = new List<int>();
        foreach (var s in parts)
        {
            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                return null;
            }

            counts.Add(n);
        }

        return [.. counts.Distinct().Order()];
    }

    /// <summary>Lays out a specs home like <c>examples/</c> (registries, shipped geometry, generated points) with one spec folder per family and count.</summary>
    private static (Dictionary<int, (string Folder, int Agreements)> Sparse, Dictionary<int, (string Folder, int Agreements)> Control) Prepare(string home, int[] counts)
    {
        foreach (var f in new[] { "actors.yaml", "sources.yaml", "places.yaml", "geo/natural-earth-levant.geojson", "geo/admin1-levant.geojson" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(home, f))!);
            File.Copy(Path.Combine(Workload.Root, "examples", f), Path.Combine(home, f), overwrite: true);
        }

        var places = new Dictionary<string, CurveSpecs.PlaceFeature>(StringComparer.Ordinal);
        var sparse = new Dictionary<int, (string, int)>();
        var control = new Dictionary<int, (string, int)>();
        foreach (int n in counts)
        {
            var s = Path.Combine(home, string.Create(CultureInfo.InvariantCulture, $"sparse-{n}"));
            sparse[n] = (s, CurveSpecs.Write(s, n, covering: false, places));
            var c = Path.Combine(home, string.Create(CultureInfo.InvariantCulture, $"control-{n}"));
            control[n] = (c, CurveSpecs.Write(c, n, covering: true, places));
        }

        File.WriteAllText(Path.Combine(home, "geo", "curve-places.geojson"), CurveSpecs.GeoJson(places.Values));
        return (sparse, control);
    }

    /// <summary>Every geometry file of the home, read once (the CLI reads each file a spec names once per run).</summary>
    private static GeometryCatalog Geometry(string home)
    {
        var catalog = new GeometryCatalog();
        var bag = new DiagnosticBag();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(home, "geo"), "*.geojson").Order(StringComparer.Ordinal))
        {
            GeometryReader.Read(File.ReadAllText(f), f, catalog, bag);
        }

        return bag.HasErrors ? throw new InvalidOperationException(string.Join("\n", bag.Items)) : catalog;
    }

    /// <summary>The specs of a folder with the home's registries and geometry, read afresh (no cache warmed by an earlier run), refused as the CLI refuses them when reading or linting finds an error.</summary>
    private static Inputs Load(string home, string folder)
    {
        var catalog = Geometry(home);
        var bag = new DiagnosticBag();
        string Text(string name) => File.ReadAllText(Path.Combine(home, name));
        var actors = ActorRegistryReader.Read(Text("actors.yaml"), "actors.yaml", bag);
        var sources = SourceRegistry.Read(Text("sources.yaml"), "sources.yaml", bag);
        var places = AdminUnitTable.Read(Text("places.yaml"), "places.yaml", catalog, bag);
        var agreements = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(f => AgreementSpecReader.Read(File.ReadAllText(f), f, bag)).OfType<Agreement>().ToList();
        if (actors is not null && sources is not null)
        {
            var known = agreements.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var a in agreements)
            {
                bag.AddRange(SpecLinter.Lint(a, actors, catalog, sources, null, known));
            }
        }

        if (bag.HasErrors || actors is null || sources is null || places is null)
        {
            throw new InvalidOperationException($"the generated specs in {folder} have errors:\n" + string.Join("\n", bag.Items.Where(d => d.Severity == Severity.Error).Take(20)));
        }

        return new Inputs(agreements, catalog, actors, places, sources);
    }

    /// <summary>CPU and wall seconds of one run, and the screening tallies of its verdicts summed over readings.</summary>
    private sealed record Measured(double Cpu, double Wall, long ZoneTests, long Reached);

    /// <summary>One run: build the verifier as <c>truce verify</c> does, stream the file into it, decide.</summary>
    private static Measured Measure(Inputs inputs, string ged, ImportContext context)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var cpu = Cpu();
        var wall = Stopwatch.StartNew();
        var verifier = new Verifier(inputs.Agreements, inputs.Catalog, inputs.Actors, places: inputs.Places); // as in TruceApp.Verify
        using (var stream = File.OpenRead(ged))
        {
            foreach (var row in UcdpGedImporter.Read(stream, ged, context, []))
            {
                if (row.Evidence is { } e)
                {
                    verifier.Observe(e);
                }
            }
        }

        var verdicts = verifier.Verdicts();
        var measured = (Cpu: Cpu() - cpu, Wall: wall.Elapsed.TotalSeconds);
        if (verifier.EvidenceCount == 0)
        {
            throw new InvalidOperationException($"{ged} yielded no evidence");
        }

        long tests = 0, reached = 0;
        foreach (var s in verdicts.Select(v => v.Screening))
        {
            long passed = s.Considered - s.OutsideWindow - s.OtherActivity - s.OtherActors;
            tests += passed;
            reached += passed - s.OutsideZone;
        }

        return new Measured(measured.Cpu, measured.Wall, tests, reached);
    }

    /// <summary>Reading the file with the UCDP importer and nothing else: the floor under every point.</summary>
    private static double ImportOnly(string ged, ImportContext context)
    {
        GC.Collect();
        var cpu = Cpu();
        using var stream = File.OpenRead(ged);
        int accepted = UcdpGedImporter.Read(stream, ged, context, []).Count(r => r.Evidence is not null);
        return accepted > 0 ? Cpu() - cpu : throw new InvalidOperationException($"{ged} yielded no evidence");
    }

    /// <summary>CPU seconds used by this process so far (all threads: the garbage collector's work counts).</summary>
    private static double Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[(v.Count / 2) - 1] + v[v.Count / 2]) / 2;
    }

    private static string Table(List<Point> points, double importMicros)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| series | readings | agreements | rows | seconds (CPU) | wall s | fixed s | µs per row | ratio to N=1 | µs per row above import | zone tests per row | readings reached per row |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            double first = points.First(q => q.Series == p.Series).MicrosPerRow;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Series} | {p.Readings:N0} | {p.Agreements:N0} | {p.Rows:N0} | {p.Seconds:F3} | {p.Wall:F3} | {p.FixedSeconds:F3} | {p.MicrosPerRow:F2} | {p.MicrosPerRow / first:F2} | {p.MicrosPerRow - importMicros:F2} | {p.ZoneTestsPerRow:F2} | {p.ReachedPerRow:F2} |"));
        }

        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| import alone | 0 | | | | | | {importMicros:F2} | | | | |"));
        return sb.ToString();
    }

    private static string Markdown(string table, List<Point> points, double importMicros, int rows, int runs, long work, long controlWork, string? label)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Verification cost against the number of obligation readings");
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(label is null ? string.Empty : ", " + label)}, on {Environment.ProcessorCount} cores shared with other work, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}. Plot: [readings-curve.png](readings-curve.png)."));
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Rerun: `bash bench/readings-curve.sh` (options `--rows {rows}`, `--readings 1,10,100,1000`, `--runs {runs}`, `--work {work}`, `--control-work {controlWork}`; `--write-only DIR` writes the specs and the file for profiling `truce verify` on them)."));
        sb.AppendLine();
        sb.AppendLine("Each run builds the `Verifier` as `truce verify` does (not the reference path), streams a generated UCDP GED file " +
            "(`generate-ged`: Syria and its neighbours, 2014-2019, six sides) through the UCDP importer into it and takes the verdicts; " +
            "specs, registries and geometry are read afresh before each run, outside the timing. " +
            "The report is not rendered: its size follows the findings kept (at most 200 per kind and reading), not the rows, and for the control it would be a gigabyte of JSON. " +
            string.Create(CultureInfo.InvariantCulture, $"**seconds** is the CPU time of a run over all its rows, the median of {runs} (wall time beside: the machine is shared with other work). ") +
            "**µs per row** is the slope between that and the median run over the first quarter of the rows, so what a run spends once " +
            "(compiling zones, filling caches, deciding) is not counted per row; that is **fixed s** (a difference of medians: on a busy machine it can come out slightly negative). **ratio to N=1** compares µs per row. " +
            string.Create(CultureInfo.InvariantCulture, $"The import alone (UCDP reading, no verification, measured the same way) is the floor: {importMicros:F2} µs per row. ") +
            "A run's work grows with rows x readings, so a run reads at most `--work` / readings rows (`--control-work` for the control), the first rows of one file.");
        sb.AppendLine();
        sb.AppendLine("- **sparse**: generated specs modelled on the shipped ones (withdrawals, ceasefires between two sides, no-strike and no-offensive zones, some zones with two readings of one distance), " +
            "most placed in other conflict regions (Sahel, Yemen, Ukraine, Afghanistan, Colombia ...), some in Syria as circles of 3-40 km (half of them clipped to Syria) or whole governorates; " +
            "in force from 1995 to 2024, 60% with an end date; registry classes and actors of all sides.");
        sb.AppendLine("- **control**: every reading binds all six sides, is in force from 2010 and has its own 700 km circle holding every row, so every row reaches every reading.");
        sb.AppendLine("- **zone tests per row**: readings whose time, activity and actor screens a row passed, so that it was located against the zone; " +
            "**readings reached per row**: of those, the ones whose zone holds the row or may hold it (from the verdicts' screening tallies).");
        sb.AppendLine();
        sb.Append(table);
        sb.AppendLine();
        foreach (var series in points.Select(p => p.Series).Distinct())
        {
            var s = points.Where(p => p.Series == series).ToList();
            if (s.Count > 1)
            {
                var (a, b) = (s[0], s[^1]);
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"- {series}: {a.Readings:N0} -> {b.Readings:N0} readings: µs per row {a.MicrosPerRow:F2} -> {b.MicrosPerRow:F2} ({b.MicrosPerRow / a.MicrosPerRow:F1}x); readings reached per row {a.ReachedPerRow:F2} -> {b.ReachedPerRow:F2}, zone tests per row {a.ZoneTestsPerRow:F2} -> {b.ZoneTestsPerRow:F2}; each added reading costs {(b.MicrosPerRow - a.MicrosPerRow) / (b.Readings - a.Readings) * 1000:F0} ns per row."));
            }
        }

        return sb.ToString();
    }
}
