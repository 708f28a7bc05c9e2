using System.Diagnostics;
using System.Globalization;
using Truce.Evidence.Import;
using Truce.Geodesy;
using Truce.Verification;

namespace Truce.Bench;

/// <summary>A fast in-process comparison (a few seconds) printing times and ratios against a peer run in the same process.</summary>
/// <remarks>For publication-grade numbers use the BenchmarkDotNet suite (run without arguments); this is the smoke version CI can afford.</remarks>
public static class QuickBench
{
    public static void Run(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Truce quick bench on {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        var boundary = new BoundaryDistance();
        boundary.Setup();
        var naive = Time(() => boundary.EverySegment(), 3);
        var fast = Time(() => boundary.BranchAndBound(), 3);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"boundary distance, 64 points x Syria boundary: every segment {naive.TotalMilliseconds:F1} ms, branch and bound {fast.TotalMilliseconds:F1} ms, ratio {naive / fast:F1}x"));
        if (Math.Abs(boundary.EverySegment() - boundary.BranchAndBound()) > 1e-6)
        {
            throw new InvalidOperationException("branch and bound disagrees with the exhaustive search");
        }

        var csv = Workload.UcdpCsv(50_000);
        var sources = Workload.Sources();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        int rows = 0;
        var import = Time(() => rows = UcdpGedImporter.Read(Workload.Bytes(csv), "bench.csv", Workload.Context(sources), []).Count(r => r.Evidence is not null), 1);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"UCDP GED import: {rows:N0} rows in {import.TotalMilliseconds:F0} ms = {rows / import.TotalSeconds:N0} rows/s, {allocated / (double)rows:N0} bytes allocated per row (streamed, not retained)"));

        var items = UcdpGedImporter.Read(Workload.Bytes(csv), "bench.csv", Workload.Context(sources), []).Select(r => r.Evidence).OfType<Evidence.Evidence>().Take(10_000).ToList();
        var agreements = Workload.Agreements();
        var geometry = Workload.Geometry();
        var actors = Workload.Actors();
        var places = Workload.Places(geometry);
        int verdicts = 0;
        var verify = Time(() =>
        {
            var verifier = new Verifier(agreements, geometry, actors, places: places);
            foreach (var e in items)
            {
                verifier.Observe(e);
            }

            verdicts = verifier.Verdicts().Count;
        }, 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify: {items.Count:N0} items x {verdicts} obligation readings in {verify.TotalMilliseconds:F0} ms = {items.Count / verify.TotalSeconds:N0} items/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB"));
    }

    private static TimeSpan Time(Action action, int repeats)
    {
        action(); // warm-up: JIT and caches
        var best = TimeSpan.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }

        return best;
    }
}
