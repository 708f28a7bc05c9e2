using System.Diagnostics;
using System.Globalization;
using Truce.Evidence.Import;
using Truce.Verification;

namespace Truce.Bench;

/// <summary>
/// <c>phases FILE</c>: the two halves of <c>truce verify</c> on one UCDP GED file, measured apart on one thread: reading
/// (the importer, every row into evidence) and verifying (every shipped agreement over the items read), each with its
/// time, CPU time and bytes allocated per row, and the verifier's work counts, which say where its time goes.
/// </summary>
public static class PhaseProfile
{
    public static void Run(string path, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sources = Workload.Sources();
        var agreements = Workload.Agreements();
        var geometry = Workload.Geometry();
        var actors = Workload.Actors();
        var places = Workload.Places(geometry);

        var items = new List<Evidence.Evidence>();
        long rejected = 0;
        var (readTime, readCpu, readBytes) = Measure(() =>
        {
            using var file = File.OpenRead(path);
            foreach (var row in UcdpGedImporter.Read(file, path, Workload.Context(sources), []))
            {
                if (row.Evidence is { } e)
                {
                    items.Add(e);
                }
                else
                {
                    rejected++;
                }
            }
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read:   {items.Count:N0} items ({rejected:N0} rejected) in {readTime.TotalSeconds:F2} s (CPU {readCpu.TotalSeconds:F2} s) = {items.Count / readTime.TotalSeconds:N0} rows/s, {readBytes / (double)Math.Max(1, items.Count):N0} bytes allocated per row"));

        // Verifying is measured RUNS times (a fresh verifier each time, same items): the least CPU time is the figure
        // least disturbed by other work on a shared machine.
        int runs = int.TryParse(Environment.GetEnvironmentVariable("RUNS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        Verifier verifier = null!;
        var best = (Wall: TimeSpan.MaxValue, Cpu: TimeSpan.MaxValue, Bytes: 0L);
        for (int run = 0; run < runs; run++)
        {
            verifier = new Verifier(agreements, geometry, actors, places: places);
            var v = verifier;
            var measured = Measure(() =>
            {
                foreach (var e in items)
                {
                    v.Observe(e);
                }

                v.Verdicts();
            });
            if (measured.Cpu < best.Cpu)
            {
                best = measured;
            }
        }

        var (verifyTime, verifyCpu, verifyBytes) = best;
        var geodesics = (Truce.Geodesy.Geodesic.InverseProblems, Truce.Geodesy.Geodesic.LinesStarted);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify: {items.Count:N0} items in {verifyTime.TotalSeconds:F2} s (CPU {verifyCpu.TotalSeconds:F2} s, least of {runs}) = {items.Count / verifyTime.TotalSeconds:N0} items/s, {verifyBytes / (double)Math.Max(1, items.Count):N0} bytes allocated per item"));
        output.WriteLine("work:   " + verifier.Work);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"geodesics over {runs} run(s) of reading and verifying: {geodesics.InverseProblems:N0} inverse problems, {geodesics.LinesStarted:N0} lines; per item and run {geodesics.InverseProblems / (double)runs / Math.Max(1, items.Count):F2} and {geodesics.LinesStarted / (double)runs / Math.Max(1, items.Count):F2}"));
    }

    private static (TimeSpan Wall, TimeSpan Cpu, long Bytes) Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long bytes = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        process.Refresh();
        return (sw.Elapsed, process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - bytes);
    }
}
