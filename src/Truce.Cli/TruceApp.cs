using System.CommandLine;
using System.Globalization;
using System.Text;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Reports;
using Truce.Text;
using Truce.Verification;

namespace Truce.Cli;

/// <summary>What a run may depend on besides its arguments: the date (for plausibility checks) and a way to stop it.</summary>
/// <param name="Today">The run's date; events dated later are implausible.</param>
/// <param name="Cancel">Signalled by Ctrl-C or SIGTERM.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal (progress lines are shown only there).</param>
internal sealed record RunEnvironment(DateOnly Today, CancellationToken Cancel, bool ErrorIsTerminal = false)
{
    /// <summary>The real date and no cancellation.</summary>
    public static RunEnvironment Default => new(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
}

/// <summary>The truce command line: <c>lint</c>, <c>verify</c>, <c>actors</c> and <c>help</c>. Runs in-process so tests can drive it end to end.</summary>
public static class TruceApp
{
    /// <summary>Exit code: done.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: the specs have errors (or warnings under --strict).</summary>
    public const int SpecErrors = 1;

    /// <summary>Exit code: bad usage, or an input missing or unreadable so that the command could not run.</summary>
    public const int UsageOrInput = 2;

    /// <summary>Exit code: the report was written, but some evidence was missing, refused or only partly read.</summary>
    public const int PartialInput = 3;

    /// <summary>Exit code: the report could not be written (disk full, closed pipe, no permission).</summary>
    public const int OutputFailed = 4;

    /// <summary>Exit code: a bug in Truce; the trace is in a log file.</summary>
    public const int InternalError = 70;

    /// <summary>Exit code: interrupted (Ctrl-C); nothing half-written was left.</summary>
    public const int Interrupted = 130;

    private static readonly string[] Commands = ["lint", "verify", "ingest", "quarantine", "actors", "help"];

    /// <summary>Runs the command line with the real date and no cancellation, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, RunEnvironment.Default);

    /// <summary>Runs the command line and returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, RunEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(env);
        var err = new SafeTextWriter(error);
        try
        {
            return Dispatch(args, new StandardOutput(output), err, env);
        }
        catch (OperationCanceledException)
        {
            err.WriteLine("truce: interrupted; no partial report or quarantine file was left");
            return Interrupted;
        }
        catch (ReportOutput.WriteFailedException ex)
        {
            err.WriteLine("truce: " + ex.Message);
            return OutputFailed;
        }
        catch (StandardOutput.FailedException ex)
        {
            err.WriteLine("truce: cannot write to standard output: " + ex.Message);
            return OutputFailed;
        }
#pragma warning disable CA1031 // The last line of defence: user input must never end in a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var log = WriteCrashLog(args, ex);
            err.WriteLine($"truce: internal error ({ex.GetType().Name}), a bug in Truce, not in your input; details in {log ?? "(no log could be written)"}");
            return InternalError;
        }
    }

    private static int Dispatch(string[] args, TextWriter output, TextWriter err, RunEnvironment env)
    {
        if (args.Length > 0 && !args[0].StartsWith('-') && !Commands.Contains(args[0]))
        {
            return UnknownCommand(args[0], err);
        }

        if (args.Length > 0 && args[0] == "help")
        {
            if (args.Length > 1 && !Commands.Contains(args[1]))
            {
                return UnknownCommand(args[1], err);
            }

            args = args.Length > 1 ? [args[1], "--help"] : ["--help"];
        }

        var root = BuildCommands(output, err, env);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                // System.CommandLine lays some messages out over lines with tabs; one line each, so the escaping writer shows no \x09.
                err.WriteLine("truce: " + string.Join(' ', e.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            }

            var command = parse.CommandResult.Command;
            err.WriteLine($"Run 'truce help{(command == root ? string.Empty : " " + command.Name)}' for usage.");
            return UsageOrInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = err, EnableDefaultExceptionHandler = false });
    }

    private static int UnknownCommand(string name, TextWriter err)
    {
        var nearest = Spelling.Nearest(Commands, name, maxEdits: 3);
        err.WriteLine($"truce: unknown command '{name}'{(nearest is not null ? $"; did you mean '{nearest}'?" : ".")} Commands: {string.Join(", ", Commands)}.");
        return UsageOrInput;
    }

    private static RootCommand BuildCommands(TextWriter output, TextWriter err, RunEnvironment env)
    {
        Option<string?> Actors() => new("--actors") { Description = "Actor registry YAML (default: actors.yaml next to the specs, or in $TRUCE_HOME)" };
        Option<string?> Sources() => new("--sources") { Description = "Sources registry YAML (default: sources.yaml next to the specs, or in $TRUCE_HOME)" };
        Option<string[]> Evidence() => new("--evidence", "-e") { Description = "Evidence file or folder: UCDP GED or ACLED .csv, .ndjson, .geojson, .gz or .zip (repeatable)", AllowMultipleArgumentsPerToken = false };
        Option<string?> Places() => new("--places") { Description = "Administrative-unit names and polygons for location clues (default: places.yaml next to the specs, or in $TRUCE_HOME)" };
        Option<bool> AllowOutside() => new("--allow-outside") { Description = "Let specs name geometry outside their home folder tree (absolute paths, ../ beyond it)" };
        Option<string?> EncodingOption() => new("--encoding") { Description = "Encoding of evidence files that are not UTF-8: latin1, windows-1252, utf-16" };
        Argument<string[]> Specs()
        {
            var specs = new Argument<string[]>("specs") { Description = "Agreement spec files or folders of *.yaml", Arity = ArgumentArity.OneOrMore };

            // Without this an unknown option (--bogus) is taken for a spec path and reported as a missing file.
            specs.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
                {
                    result.AddError($"unknown option '{token.Value}' (a spec whose name starts with '-' can be given as ./{token.Value})");
                }
            });
            return specs;
        }

        var lintSpecs = Specs();
        var lintActors = Actors();
        var lintSources = Sources();
        var lintEvidence = Evidence();
        var lintOutside = AllowOutside();
        var lintPlaces = Places();
        var lintEncoding = EncodingOption();
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors" };
        var lint = new Command("lint", "Check agreement specs: errors with file, line and field; warnings for loopholes")
        {
            lintSpecs, lintActors, lintSources, lintPlaces, lintEvidence, strict, lintOutside, lintEncoding,
        };
        lint.SetAction(parse => Lint(
            parse.GetValue(lintSpecs)!, new LoadOptions(parse.GetValue(lintActors), parse.GetValue(lintSources), parse.GetValue(lintOutside), parse.GetValue(lintPlaces)),
            parse.GetValue(lintEvidence) ?? [], parse.GetValue(lintEncoding), parse.GetValue(strict), output, err, env));

        var verifySpecs = Specs();
        var verifyActors = Actors();
        var verifySources = Sources();
        var verifyEvidence = Evidence();
        var verifyOutside = AllowOutside();
        var verifyPlaces = Places();
        var verifyEncoding = EncodingOption();
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "geojson", "markdown");
        var outFile = new Option<string?>("--out", "-o") { Description = "Write the report to this file (or device, or - for standard output) instead of standard output" };
        var quarantine = new Option<string?>("--quarantine") { Description = "Folder to write rejected evidence rows to, one file per input (nothing is written without it)" };
        Option<string?> Store() => new("--store") { Description = "Evidence store: a SQLite file (default $TRUCE_STORE, else truce.db in the working folder)", Arity = ArgumentArity.ZeroOrOne };
        var verifyStore = Store();
        var verify = new Command("verify", "Hold evidence against agreement specs and give a verdict per obligation")
        {
            verifySpecs, verifyActors, verifySources, verifyPlaces, verifyEvidence, verifyStore, format, outFile, quarantine, verifyOutside, verifyEncoding,
        };
        verify.SetAction(parse => Verify(
            parse.GetValue(verifySpecs)!, new LoadOptions(parse.GetValue(verifyActors), parse.GetValue(verifySources), parse.GetValue(verifyOutside), parse.GetValue(verifyPlaces)),
            parse.GetValue(verifyEvidence) ?? [], parse.GetResult(verifyStore) is null ? null : StoreLocation.Resolve(parse.GetValue(verifyStore)),
            parse.GetValue(verifyEncoding), parse.GetValue(format)!, parse.GetValue(outFile), parse.GetValue(quarantine),
            output, err, env));

        var ingestPaths = new Argument<string[]>("evidence") { Description = "Evidence files or folders: UCDP GED or ACLED .csv, .ndjson, .geojson, .gz or .zip", Arity = ArgumentArity.OneOrMore };
        var ingestStore = Store();
        var ingestSources = Sources();
        var ingestEncoding = EncodingOption();
        var ingestSpecs = new Option<string?>("--specs") { Description = "Folder of specs whose home holds sources.yaml (default: examples/agreements when present)" };
        var ingest = new Command("ingest", "Put evidence files into the store: each file in one transaction, each event once, changed events as new revisions")
        {
            ingestPaths, ingestStore, ingestSources, ingestSpecs, ingestEncoding,
        };
        ingest.SetAction(parse => IngestCommand.Run(
            parse.GetValue(ingestPaths)!, new LoadOptions(null, parse.GetValue(ingestSources), false), parse.GetValue(ingestSpecs), parse.GetValue(ingestStore),
            parse.GetValue(ingestEncoding), output, err, env));

        var quarantineStore = Store();
        var quarantineCommand = new Command("quarantine", "List the rows the store rejected, with file, line, field and reason") { quarantineStore };
        quarantineCommand.SetAction(parse => QuarantineCommand.Run(parse.GetValue(quarantineStore), output, err));

        var actorsEvidence = Evidence();
        actorsEvidence.Required = true;
        var actorsRegistry = Actors();
        var actorsSources = Sources();
        var actorsEncoding = EncodingOption();
        var actorsSpecs = new Option<string?>("--specs") { Description = "Folder of specs whose home holds the registries (default: examples/agreements when present)" };
        var actors = new Command("actors", "List the actor names in evidence files and how the registry resolves each (to extend it for your data)")
        {
            actorsEvidence, actorsRegistry, actorsSources, actorsEncoding, actorsSpecs,
        };
        actors.SetAction(parse => ActorsCommand.Run(
            parse.GetValue(actorsEvidence) ?? [], new LoadOptions(parse.GetValue(actorsRegistry), parse.GetValue(actorsSources), false),
            parse.GetValue(actorsSpecs), parse.GetValue(actorsEncoding), output, err, env));

        var help = new Command("help", "Show help for truce or one of its commands");
        var root = new RootCommand("Truce: verify security agreements against conflict evidence") { lint, verify, ingest, quarantineCommand, actors, help };
        root.HelpName = "truce"; // the same name in help whatever host runs us (dotnet, testhost)
        return root;
    }

    /// <summary>The encoding a user named, or an error line.</summary>
    internal static (Encoding? Encoding, string? Error) ParseEncoding(string? name)
    {
        if (name is null)
        {
            return (null, null);
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return name.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal) switch
        {
            "utf8" => (new UTF8Encoding(false), null),
            "latin1" or "iso88591" => (Encoding.Latin1, null),
            "windows1252" or "cp1252" => (Encoding.GetEncoding(1252), null),
            "utf16" or "utf16le" => (Encoding.Unicode, null),
            "utf16be" => (Encoding.BigEndianUnicode, null),
            _ => (null, $"unknown encoding '{name}': use utf-8, latin1, windows-1252, utf-16 or utf-16be"),
        };
    }

    private static int Lint(string[] specPaths, LoadOptions options, string[] evidencePaths, string? encodingName, bool strict, TextWriter output, TextWriter err, RunEnvironment env)
    {
        var (encoding, encodingError) = ParseEncoding(encodingName);
        if (encodingError is not null)
        {
            err.WriteLine("truce: " + encodingError);
            return UsageOrInput;
        }

        EvidenceIngest? ingest = null;
        Func<SourceRegistry, IReadOnlyList<Coverage>>? evidenceCoverage = evidencePaths.Length == 0 ? null : sources =>
        {
            // Only what the evidence watched matters to lint: rows are counted, not verified or quarantined.
            ingest = new EvidenceIngest(new ImportContext(sources, env.Today, ImportLimits.Default), encoding, quarantineDir: null);
            ingest.Run(evidencePaths, null, env.Cancel);
            return ingest.Coverages;
        };
        var ws = Workspace.Load(specPaths, options, evidenceCoverage);
        var safe = new SafeTextWriter(output);
        foreach (var d in ws.Diagnostics.Items)
        {
            (d.Severity == Severity.Error ? err : safe).WriteLine(d.ToString());
        }

        var refused = ingest?.Stats.Where(s => s.Error is not null).ToList() ?? [];
        foreach (var s in refused)
        {
            err.WriteLine($"{s.File}: error: {s.Error}");
        }

        int specErrors = ws.Diagnostics.Items.Count(d => d.Severity == Severity.Error);
        int warnings = ws.Diagnostics.Items.Count(d => d.Severity == Severity.Warning);
        safe.WriteLine($"{ws.Agreements.Count} spec(s) checked: {specErrors + refused.Count} error(s), {warnings} warning(s)");
        if (ws.InputMissing)
        {
            return UsageOrInput;
        }

        if (specErrors > 0 || (strict && warnings > 0))
        {
            return SpecErrors;
        }

        // As verify does: the specs were checked, but some evidence named for coverage was missing or refused.
        return refused.Count > 0 ? PartialInput : Ok;
    }

    private static int Verify(
        string[] specPaths, LoadOptions options, string[] evidencePaths, string? storeLocation, string? encodingName, string format, string? outFile, string? quarantineDir,
        TextWriter output, TextWriter err, RunEnvironment env)
    {
        if (storeLocation is not null && evidencePaths.Length > 0)
        {
            err.WriteLine("truce: give --evidence or --store, not both (ingest the files into the store first: truce ingest FILE --store STORE)");
            return UsageOrInput;
        }

        var (encoding, encodingError) = ParseEncoding(encodingName);
        if (encodingError is not null)
        {
            err.WriteLine("truce: " + encodingError);
            return UsageOrInput;
        }

        var ws = Workspace.Load(specPaths, options);
        if (ws.Diagnostics.HasErrors || ws.Actors is null)
        {
            foreach (var d in ws.Diagnostics.Items.Where(d => d.Severity == Severity.Error))
            {
                err.WriteLine(d.ToString());
            }

            err.WriteLine(ws.InputMissing
                ? "truce: an input could not be read; nothing was verified."
                : "truce: the specs have errors; run 'truce lint' for the full list. Nothing was verified.");
            return ws.InputMissing ? UsageOrInput : SpecErrors;
        }

        // The report replaces what is at --out: when that is one of the inputs (a typo, a shell completion), the
        // evidence or spec would be lost for a report. Refused before anything is read.
        if (outFile is not null && outFile != "-" && InputAt(outFile, ws.Inputs.Select(i => i.Path), evidencePaths) is { } input)
        {
            err.WriteLine($"truce: --out {Paths.Display(outFile)} is the input {input}: the report would replace it; nothing was verified.");
            return UsageOrInput;
        }

        // A quarantine "folder" that is a file is a usage error caught before any row is read, not a failure midway.
        if (quarantineDir is not null && FileKind.Of(quarantineDir) is FileKindValue.Regular or FileKindValue.Special)
        {
            err.WriteLine($"truce: --quarantine {Paths.Display(quarantineDir)} is a file, not a folder; nothing was verified.");
            return UsageOrInput;
        }

        var verifier = new Verifier(ws.Agreements, ws.Catalog, ws.Actors, places: ws.Places);
        var ingest = new EvidenceIngest(new ImportContext(ws.Sources, env.Today, ImportLimits.Default), encoding, quarantineDir);
        StoredEvidence? stored = null;
        if (storeLocation is not null)
        {
            if (!File.Exists(storeLocation))
            {
                err.WriteLine($"truce: no store at {Paths.Display(storeLocation)} (put evidence in one with: truce ingest FILE --store {Paths.Display(storeLocation)})");
                return UsageOrInput;
            }

            try
            {
                stored = StoredEvidence.Verify(storeLocation, ws.Sources, verifier, env.Cancel);
            }
            catch (Store.StoreException ex)
            {
                err.WriteLine("truce: " + ex.Message);
                return UsageOrInput;
            }
        }
        else
        {
            using var pipeline = new VerifyPipeline(verifier);
            ingest.Run(evidencePaths, pipeline.Observe, env.Cancel, pipeline.Observe);
            pipeline.Complete();
        }

        foreach (var note in ingest.Notes)
        {
            err.WriteLine(note);
        }

        foreach (var stats in ingest.Stats)
        {
            if (stats.Error is not null)
            {
                err.WriteLine($"{stats.File}: error: {stats.Error}{(stats.Accepted > 0 ? $" ({stats.Accepted} rows before it were used)" : ingest.Stats.Count > 1 ? " (other files were still used)" : string.Empty)}");
            }

            foreach (var notice in stats.Notices)
            {
                err.WriteLine($"{stats.File}: note: {notice}");
            }

            if (stats.Rejected > 0)
            {
                err.WriteLine($"{stats.File}: {stats.Rejected} row(s) rejected, {stats.Accepted} accepted; "
                    + (stats.Quarantine is not null ? $"rejects in {stats.Quarantine}"
                        : quarantineDir is null ? "give --quarantine DIR to keep them with their reasons" : "they could not be quarantined (see the note above)"));
                foreach (var r in stats.FirstRejections)
                {
                    err.WriteLine("  " + r);
                }
            }
        }

        if (ingest.Ledger.Duplicates > 0)
        {
            err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"truce: {ingest.Ledger.Duplicates} event report(s) set aside because the same source and event id was already read ({ingest.Ledger.Revised} with different content: the later file's revision was used)"));
        }

        if (stored is { Info.CurrentEvents: 0 })
        {
            err.WriteLine($"truce: the store {Paths.Display(stored.Info.Location)} holds no events; every obligation will be unverifiable.");
        }
        else if (stored is null && evidencePaths.Length == 0)
        {
            err.WriteLine("truce: no evidence given (--evidence or --store); every obligation will be unverifiable.");
        }
        else if (stored is null && ingest.NothingRead)
        {
            err.WriteLine("truce: none of the evidence paths held a readable evidence file; every obligation will be unverifiable.");
        }

        env.Cancel.ThrowIfCancellationRequested();
        var report = new VerificationReport(
            [.. ws.Inputs, .. stored?.Inputs ?? ingest.Inputs], stored?.Stats ?? ingest.Stats, ws.Agreements, verifier.Verdicts(), stored?.Coverages ?? ingest.Coverages, verifier.UnresolvedNames, ws.Catalog,
            [.. ws.Diagnostics.Items.Where(d => d.Severity == Severity.Warning)],
            new EvidenceSummary(ingest.Notes, ingest.Ledger.Duplicates, ingest.Ledger.Revised, ingest.Ledger.Clashes));
        var bytes = Render(report, format);
        if (outFile is null || outFile == "-")
        {
            output.Write(Encoding.UTF8.GetString(bytes));
            output.Flush();
        }
        else
        {
            err.WriteLine(ReportOutput.Write(outFile, bytes, env.Cancel));
        }

        if (ingest.QuarantineFailed)
        {
            // The report stands, but an output the user asked for is missing: the files' notes above say which.
            err.WriteLine("truce: some rejected rows could not be written to the quarantine folder");
            return OutputFailed;
        }

        return ingest.AnyRefused || (evidencePaths.Length > 0 && ingest.NothingRead) ? PartialInput : Ok;
    }

    /// <summary>The input (spec, registry, geometry, or evidence file given or in a given folder) that <paramref name="target"/> resolves to, if any.</summary>
    private static string? InputAt(string target, IEnumerable<string> loaded, IEnumerable<string> evidencePaths)
    {
        if (FileKind.Of(target) != FileKindValue.Regular)
        {
            return null; // new files, devices and folders are not inputs
        }

        var real = Paths.Real(target);
        var evidenceFiles = evidencePaths.SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p).Where(f => EvidenceReader.IsEvidenceFile(f) || f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            : [p]);
        return loaded.Concat(evidenceFiles).Where(File.Exists).FirstOrDefault(p => Paths.Real(p) == real) is { } hit ? Paths.Display(hit) : null;
    }

    private static byte[] Render(VerificationReport report, string format)
    {
        using var buffer = new MemoryStream();
        switch (format)
        {
            case "json":
                JsonReportWriter.Write(report, buffer);
                buffer.WriteByte((byte)'\n');
                break;
            case "geojson":
                GeoJsonReportWriter.Write(report, buffer);
                buffer.WriteByte((byte)'\n');
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

        return buffer.ToArray();
    }

    private static string? WriteCrashLog(string[] args, Exception ex)
    {
        try
        {
            // Unique per crash: two crashes in one second of one process (tests run in parallel) must not share a log.
            var path = Path.Combine(Path.GetTempPath(), $"truce-crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.log");
            File.WriteAllText(path, $"truce {string.Join(' ', args)}\n{ex}\n");
            return path;
        }
#pragma warning disable CA1031 // A failing log must not hide the original failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

}
