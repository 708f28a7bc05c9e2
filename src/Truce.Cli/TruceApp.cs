using System.CommandLine;
using System.Text;
using Truce.Evidence;
using Truce.Reports;
using Truce.Text;
using Truce.Verification;

namespace Truce.Cli;

/// <summary>The truce command line: <c>lint</c> and <c>verify</c>. Runs in-process so tests can drive it end to end.</summary>
public static class TruceApp
{
    /// <summary>Exit code when specs have errors (or warnings under --strict).</summary>
    public const int SpecErrors = 1;

    /// <summary>Exit code when an input file was missing or refused.</summary>
    public const int InputErrors = 2;

    /// <summary>Exit code for an unexpected internal failure.</summary>
    public const int InternalError = 70;

    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var actors = new Option<string>("--actors") { Description = "Actor registry YAML", DefaultValueFactory = _ => "examples/actors.yaml" };
        var sources = new Option<string>("--sources") { Description = "Sources registry YAML (reliability of each source)", DefaultValueFactory = _ => "examples/sources.yaml" };
        var evidence = new Option<string[]>("--evidence", "-e") { Description = "Evidence file or folder: UCDP GED or ACLED .csv, .ndjson, .geojson (repeatable)", AllowMultipleArgumentsPerToken = false };
        var specs = new Argument<string[]>("specs") { Description = "Agreement spec files or folders of *.yaml", Arity = ArgumentArity.OneOrMore };

        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors" };
        var lint = new Command("lint", "Check agreement specs: errors with file, line and field; warnings for loopholes") { specs, actors, sources, evidence, strict };
        lint.SetAction(parse => Lint(parse.GetValue(specs)!, parse.GetValue(actors)!, parse.GetValue(sources)!, parse.GetValue(evidence) ?? [], parse.GetValue(strict), output, error));

        var verifySpecs = new Argument<string[]>("specs") { Description = "Agreement spec files or folders of *.yaml", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "geojson", "markdown");
        var outFile = new Option<string?>("--out", "-o") { Description = "Write the report to this file instead of standard output" };
        var quarantine = new Option<string>("--quarantine") { Description = "Folder for rejected evidence rows", DefaultValueFactory = _ => "quarantine" };
        var verify = new Command("verify", "Hold evidence against agreement specs and give a verdict per obligation") { verifySpecs, actors, sources, evidence, format, outFile, quarantine };
        verify.SetAction(parse => Verify(
            parse.GetValue(verifySpecs)!, parse.GetValue(actors)!, parse.GetValue(sources)!, parse.GetValue(evidence) ?? [],
            parse.GetValue(format)!, parse.GetValue(outFile), parse.GetValue(quarantine)!, output, error));

        var root = new RootCommand("Truce: verify security agreements against conflict evidence") { lint, verify };
        root.HelpName = "truce"; // the same name in help whatever host runs us (dotnet, testhost)
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // The last line of defence: user input must never end in a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine($"truce: internal error: {ex.GetType().Name}: {ex.Message}");
            error.WriteLine("This is a bug in Truce, not in your input; please report it with the command you ran.");
            if (Environment.GetEnvironmentVariable("TRUCE_DEBUG") == "1")
            {
                error.WriteLine(ex.ToString());
            }

            return InternalError;
        }
    }

    /// <summary>Evidence paths with folders expanded to the evidence files inside them (.csv, .ndjson, .jsonl, .geojson, .json), in ordinal order.</summary>
    internal static string[] ExpandEvidence(IEnumerable<string> paths) =>
        [.. paths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p)
                .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".csv" or ".ndjson" or ".jsonl" or ".geojson" or ".json")
                .Select(Workspace.Display)
                .Order(StringComparer.Ordinal)
            : [p])];

    private static int Lint(string[] specPaths, string actorsPath, string sourcesPath, string[] evidenceFiles, bool strict, TextWriter output, TextWriter error)
    {
        evidenceFiles = ExpandEvidence(evidenceFiles);
        var stats = new List<ImportStats>();
        Func<SourceRegistry, IReadOnlyList<Coverage>>? evidenceCoverage = evidenceFiles.Length == 0 ? null : sources =>
        {
            // Only what the evidence watched matters to lint: rows are counted, not verified or quarantined.
            var coverages = new List<Coverage>();
            foreach (var f in evidenceFiles)
            {
                stats.Add(EvidenceIngest.Ingest(f, sources, null, coverages, [], quarantineDir: null));
            }

            return coverages;
        };
        var ws = Workspace.Load(specPaths, actorsPath, sourcesPath, evidenceCoverage);
        foreach (var d in ws.Diagnostics.Items)
        {
            (d.Severity == Severity.Error ? error : output).WriteLine(d.ToString());
        }

        foreach (var s in stats.Where(s => s.Error is not null))
        {
            error.WriteLine($"{s.File}: error: {s.Error}");
        }

        int errors = ws.Diagnostics.Items.Count(d => d.Severity == Severity.Error) + stats.Count(s => s.Error is not null);
        int warnings = ws.Diagnostics.Items.Count(d => d.Severity == Severity.Warning);
        output.WriteLine($"{ws.Agreements.Count} spec(s) checked: {errors} error(s), {warnings} warning(s)");
        return errors > 0 || (strict && warnings > 0) ? SpecErrors : 0;
    }

    private static int Verify(
        string[] specPaths, string actorsPath, string sourcesPath, string[] evidenceFiles, string format, string? outFile, string quarantineDir, TextWriter output, TextWriter error)
    {
        evidenceFiles = ExpandEvidence(evidenceFiles);
        var ws = Workspace.Load(specPaths, actorsPath, sourcesPath);
        if (ws.Diagnostics.HasErrors || ws.Actors is null)
        {
            foreach (var d in ws.Diagnostics.Items.Where(d => d.Severity == Severity.Error))
            {
                error.WriteLine(d.ToString());
            }

            error.WriteLine("truce: the specs have errors; run 'truce lint' for the full list. Nothing was verified.");
            return ws.Diagnostics.Items.Any(d => d.Code is "TR090" or "TR093") ? InputErrors : SpecErrors;
        }

        var verifier = new Verifier(ws.Agreements, ws.Catalog, ws.Actors);
        var coverages = new List<Coverage>();
        var imports = new List<ImportStats>();
        foreach (var file in evidenceFiles)
        {
            var stats = EvidenceIngest.Ingest(file, ws.Sources, verifier, coverages, ws.Inputs, quarantineDir);
            imports.Add(stats);
            if (stats.Error is not null)
            {
                error.WriteLine($"{stats.File}: error: {stats.Error} (file refused; other files were still used)");
            }
            else if (stats.Rejected > 0)
            {
                error.WriteLine($"{stats.File}: {stats.Rejected} row(s) rejected, {stats.Accepted} accepted; rejects in {stats.Quarantine}");
                foreach (var r in stats.FirstRejections)
                {
                    error.WriteLine("  " + r);
                }
            }
        }

        if (evidenceFiles.Length == 0)
        {
            error.WriteLine("truce: no evidence given (--evidence); every obligation will be unverifiable.");
        }

        var report = new VerificationReport(
            ws.Inputs, imports, ws.Agreements, verifier.Verdicts(), coverages, verifier.UnresolvedNames, ws.Catalog,
            [.. ws.Diagnostics.Items.Where(d => d.Severity == Severity.Warning)]);
        WriteReport(report, format, outFile, output);
        return imports.Any(i => i.Error is not null) ? InputErrors : 0;
    }

    private static void WriteReport(VerificationReport report, string format, string? outFile, TextWriter output)
    {
        using var buffer = new MemoryStream();
        switch (format)
        {
            case "json":
                JsonReportWriter.Write(report, buffer);
                break;
            case "geojson":
                GeoJsonReportWriter.Write(report, buffer);
                break;
            default:
                using (var w = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
                {
                    if (format == "markdown")
                    {
                        MarkdownReportWriter.Write(report, w);
                    }
                    else
                    {
                        TableReportWriter.Write(report, w);
                    }
                }

                break;
        }

        if (format is "json" or "geojson")
        {
            buffer.WriteByte((byte)'\n');
        }

        if (outFile is null)
        {
            output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }

        // Write beside the target and rename, so a failed run never leaves a half-written report.
        var dir = Path.GetDirectoryName(Path.GetFullPath(outFile))!;
        Directory.CreateDirectory(dir);
        var temp = outFile + ".partial";
        File.WriteAllBytes(temp, buffer.ToArray());
        File.Move(temp, outFile, overwrite: true);
        output.WriteLine($"wrote {format} report to {Workspace.Display(outFile)}");
    }
}
