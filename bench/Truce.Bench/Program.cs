using BenchmarkDotNet.Running;
using Truce.Bench;

if (args is ["quick"])
{
    QuickBench.Run(Console.Out);
    return 0;
}

if (args is ["readings-curve", .. var curveArgs])
{
    // Cost against the number of obligation readings, sparse and covering specs; writes bench/results (bench/readings-curve.sh).
    return ReadingsCurve.Run(curveArgs, Console.Out);
}

if (args is ["generate-ged", var rowsText, var path])
{
    // Writes a generated UCDP GED file for memory and throughput runs of the real command (bench/big-file.sh).
    using var writer = new StreamWriter(path);
    Workload.WriteUcdpCsv(writer, long.Parse(rowsText, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

if (args is ["phases", var phasesCsv])
{
    // Reading and verifying one UCDP GED file measured apart, with the verifier's work counts.
    PhaseProfile.Run(phasesCsv, Console.Out);
    return 0;
}

if (args is ["parse-floor", var csv])
{
    // The byte-level parse floor of issue 8 on a UCDP GED CSV, with a newline count for reference (bench/big-file.sh).
    ParseFloor.Run(csv, Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args);
return 0;
