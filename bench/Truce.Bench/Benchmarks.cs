using BenchmarkDotNet.Attributes;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Geodesy;
using Truce.Verification;

namespace Truce.Bench;

/// <summary>Exact point-to-boundary distance on Syria's 2,000-vertex boundary: Truce's branch and bound against every-segment search.</summary>
[MemoryDiagnoser]
public class BoundaryDistance
{
    private Polyline boundary = null!;
    private GeoPoint[] points = null!;

    [GlobalSetup]
    public void Setup()
    {
        var syria = Workload.Geometry().Features["syria"].Area!;
        boundary = new Polyline(GeoJsonLines.Densify(syria.Rings.First(), GeoJsonLines.MaxEdge));
        points = Workload.Points(64);
    }

    [Benchmark(Baseline = true, Description = "every segment, exact")]
    public double EverySegment()
    {
        double sum = 0;
        foreach (var p in points)
        {
            double best = double.PositiveInfinity;
            for (int i = 0; i < boundary.Vertices.Count - 1; i++)
            {
                best = Math.Min(best, boundary.NearestOnSegment(i, p).Distance.Metres);
            }

            sum += best;
        }

        return sum;
    }

    [Benchmark(Description = "branch and bound, exact")]
    public double BranchAndBound() => points.Sum(p => boundary.DistanceTo(p).Metres);
}

/// <summary>Streaming import of UCDP GED rows.</summary>
[MemoryDiagnoser]
public class UcdpImport
{
    private string csv = null!;
    private SourceRegistry sources = null!;

    [GlobalSetup]
    public void Setup()
    {
        csv = Workload.UcdpCsv(20_000);
        sources = Workload.Sources();
    }

    [Benchmark(Description = "20,000 GED rows")]
    public int Import() => UcdpGedImporter.Read(Workload.Bytes(csv), "bench.csv", Workload.Context(sources), []).Count(r => r.Evidence is not null);
}

/// <summary>Holding evidence against all nine shipped agreements (13 obligation readings).</summary>
[MemoryDiagnoser]
public class VerifyExamples
{
    private List<Evidence.Evidence> items = null!;

    [GlobalSetup]
    public void Setup() =>
        items = [.. UcdpGedImporter.Read(Workload.Bytes(Workload.UcdpCsv(5_000)), "bench.csv", Workload.Context(Workload.Sources()), []).Select(r => r.Evidence).OfType<Evidence.Evidence>()];

    [Benchmark(Description = "5,000 GED items x 13 readings")]
    public int Verify()
    {
        var verifier = new Verifier(Workload.Agreements(), Workload.Geometry(), Workload.Actors());
        foreach (var e in items)
        {
            verifier.Observe(e);
        }

        return verifier.Verdicts().Count;
    }
}
