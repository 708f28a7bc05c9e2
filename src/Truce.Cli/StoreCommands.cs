using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Reports;
using Truce.Store;
using Truce.Store.Sqlite;
using Truce.Text;

namespace Truce.Cli;

/// <summary>The store as the command line names it: <c>--store</c>, else <c>$TRUCE_STORE</c>, else <c>truce.db</c> in the working folder.</summary>
internal static class StoreLocation
{
    public const string DefaultFile = "truce.db";

    public static string Resolve(string? given) =>
        given ?? (Environment.GetEnvironmentVariable("TRUCE_STORE") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultFile);

    /// <summary>Opens the named store; a connection string (PostgreSQL) is refused with what to do instead.</summary>
    /// <exception cref="StoreException">The store cannot be opened as a Truce store.</exception>
    public static IEvidenceStore Open(string location)
    {
        if (location.Contains('=', StringComparison.Ordinal) && (location.Contains("Host", StringComparison.OrdinalIgnoreCase) || location.Contains(';', StringComparison.Ordinal)))
        {
            throw new StoreException("PostgreSQL stores (an Npgsql connection string) are not built yet; use a SQLite store file (the default, truce.db)");
        }

        return SqliteEvidenceStore.Open(location);
    }

    /// <summary>A digest naming the store's evidence set: every ingest's revision and file hash, in order.</summary>
    public static string Digest(IEvidenceStore store)
    {
        var text = new StringBuilder();
        foreach (var i in store.Ingests())
        {
            text.Append(CultureInfo.InvariantCulture, $"{i.Revision} {i.Sha256}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}

/// <summary><c>truce ingest</c>: puts evidence files into the store, each file in one transaction, each event once.</summary>
internal static class IngestCommand
{
    public static int Run(string[] paths, LoadOptions options, string? specsDir, string? storeName, string? encodingName, TextWriter output, TextWriter err, RunEnvironment env)
    {
        var (encoding, encodingError) = TruceApp.ParseEncoding(encodingName);
        if (encodingError is not null)
        {
            err.WriteLine("truce: " + encodingError);
            return TruceApp.UsageOrInput;
        }

        if (EvidenceRegistries.LoadSources(options, specsDir, err) is not { } sources)
        {
            return TruceApp.UsageOrInput;
        }

        var location = StoreLocation.Resolve(storeName);
        IEvidenceStore store;
        try
        {
            store = StoreLocation.Open(location);
        }
        catch (StoreException ex)
        {
            err.WriteLine("truce: " + ex.Message);
            return TruceApp.UsageOrInput;
        }

        using (store)
        {
            var safe = new SafeTextWriter(output);
            var sink = new Sink(store, safe, err, env);
            var ingest = new EvidenceIngest(new ImportContext(sources, env.Today, ImportLimits.Default), encoding, quarantineDir: null, sink);
            try
            {
                ingest.Run(paths, null, env.Cancel);
            }
            catch (StoreException ex)
            {
                err.WriteLine("truce: " + ex.Message);
                return TruceApp.UsageOrInput;
            }

            foreach (var note in ingest.Notes)
            {
                err.WriteLine(note);
            }

            foreach (var s in ingest.Stats)
            {
                if (s.Error is not null)
                {
                    err.WriteLine($"{s.File}: error: {s.Error}{(s.Accepted > 0 ? $" ({s.Accepted} rows before it were stored)" : string.Empty)}");
                }

                foreach (var notice in s.Notices)
                {
                    err.WriteLine($"{s.File}: note: {notice}");
                }

                foreach (var r in s.FirstRejections)
                {
                    err.WriteLine("  " + r);
                }
            }

            var info = store.Info;
            safe.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"store {Paths.Display(info.Location)}: revision {info.Revision}, {info.CurrentEvents:N0} events; rejected rows: truce quarantine --store {Paths.Display(info.Location)}"));
            return ingest.AnyRefused || ingest.NothingRead ? TruceApp.PartialInput : TruceApp.Ok;
        }
    }

    /// <summary>One store transaction per file; the same bytes already stored are not stored again.</summary>
    private sealed class Sink(IEvidenceStore store, TextWriter output, TextWriter err, RunEnvironment env) : EvidenceIngest.IFileSink
    {
        private readonly Stopwatch clock = new();

        public IIngestSession Begin(string display, string format)
        {
            clock.Restart();
            return new Progress(store.BeginIngest(display, format), display, err, env.ErrorIsTerminal, clock);
        }

        public void Complete(IIngestSession session, string display, string sha256, ImportStats stats)
        {
            if (store.FindIngest(sha256) is { } earlier)
            {
                output.WriteLine($"{display}: already in the store (the same bytes as {earlier.File}, revision {earlier.Revision}, ingested {earlier.IngestedAt}); nothing added");
                return; // disposing the session rolls it back
            }

            if (stats.Accepted == 0 && stats.Rejected == 0 && stats.Error is not null)
            {
                return; // a refused file leaves nothing to keep
            }

            var done = session.Commit(sha256, stats.Accepted, stats.Rejected, stats.Error);
            var c = done.Counts;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{display}: {stats.Accepted:N0} row(s) read, {stats.Rejected:N0} rejected: {c.Added:N0} new event(s), {c.Revised:N0} revised, {c.Unchanged:N0} already stored, {c.RepeatedInFile:N0} repeated in the file; store revision {done.Revision} ({clock.Elapsed.TotalSeconds:F1} s)"));
        }
    }

    /// <summary>Passes rows to the store and, on a terminal, shows how far a long ingest has got about once a second.</summary>
    private sealed class Progress(IIngestSession inner, string display, TextWriter err, bool terminal, Stopwatch clock) : IIngestSession
    {
        private long rows;
        private TimeSpan shown;

        public IngestCounts Counts => inner.Counts;

        public void Add(Evidence.Evidence item)
        {
            inner.Add(item);
            Tick();
        }

        public void Reject(Rejection rejection)
        {
            inner.Reject(rejection);
            Tick();
        }

        public void Cover(Coverage coverage) => inner.Cover(coverage);

        public StoredIngest Commit(string sha256, long accepted, long rejected, string? refusal)
        {
            Clear();
            return inner.Commit(sha256, accepted, rejected, refusal);
        }

        public void Dispose()
        {
            Clear();
            inner.Dispose();
        }

        private void Tick()
        {
            rows++;
            if (terminal && (rows & 1023) == 0 && clock.Elapsed - shown > TimeSpan.FromSeconds(1))
            {
                shown = clock.Elapsed;
                err.Write(string.Create(CultureInfo.InvariantCulture, $"\r{display}: {rows:N0} rows, {rows / clock.Elapsed.TotalSeconds:N0} rows/s "));
            }
        }

        private void Clear()
        {
            if (terminal && shown > TimeSpan.Zero)
            {
                err.Write("\r" + new string(' ', 72) + "\r");
            }
        }
    }
}

/// <summary><c>truce quarantine</c>: the rows the store refused, with file, line, field and reason.</summary>
internal static class QuarantineCommand
{
    public static int Run(string? storeName, TextWriter output, TextWriter err)
    {
        var location = StoreLocation.Resolve(storeName);
        if (!File.Exists(location))
        {
            err.WriteLine($"truce: no store at {Paths.Display(location)} (create one with truce ingest)");
            return TruceApp.UsageOrInput;
        }

        try
        {
            using var store = StoreLocation.Open(location);
            var safe = new SafeTextWriter(output);
            long n = 0;
            foreach (var r in store.Rejections())
            {
                safe.WriteLine(r.ToString());
                n++;
            }

            safe.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n:N0} rejected row(s) in {Paths.Display(location)}"));
            return TruceApp.Ok;
        }
        catch (StoreException ex)
        {
            err.WriteLine("truce: " + ex.Message);
            return TruceApp.UsageOrInput;
        }
    }
}

/// <summary>The sources registry for commands that read evidence without specs (its rules decide what is plausible and how sources are rated).</summary>
internal static class EvidenceRegistries
{
    public static SourceRegistry? LoadSources(LoadOptions options, string? specsDir, TextWriter err)
    {
        var diagnostics = new DiagnosticBag();
        var specs = specsDir ?? ActorsCommand.ShippedSpecs();
        var specFiles = specs is null ? [] : Workspace.ExpandSpecPaths([specs], diagnostics);
        var sourcesPath = Workspace.RegistryPath(options.Sources, "sources.yaml", specFiles);
        var sources = SourceRegistry.Empty;
        if (sourcesPath is not null && (options.Sources is not null || File.Exists(sourcesPath))
            && Workspace.ReadHandWritten(sourcesPath, "sources", "the sources registry (use --sources)", LoadOptions.MaxRegistryBytes, diagnostics, inputs: null) is { } text)
        {
            sources = SourceRegistry.Read(text, sourcesPath, diagnostics) ?? SourceRegistry.Empty;
        }

        if (diagnostics.HasErrors)
        {
            foreach (var d in diagnostics.Items.Where(d => d.Severity == Severity.Error))
            {
                err.WriteLine(d.ToString());
            }

            return null;
        }

        return sources;
    }
}

/// <summary>Verifying against a store: its current events and coverage go through the same pipeline as files, and the report names the store and its revision.</summary>
internal sealed record StoredEvidence(StoreInfo Info, IReadOnlyList<InputFile> Inputs, IReadOnlyList<ImportStats> Stats, IReadOnlyList<Coverage> Coverages)
{
    public static StoredEvidence Verify(string location, SourceRegistry sources, Verification.Verifier verifier, CancellationToken cancel)
    {
        using var store = StoreLocation.Open(location);
        var info = store.Info;
        var ingests = store.Ingests();
        var coverages = store.Coverages();
        using (var pipeline = new VerifyPipeline(verifier))
        {
            long n = 0;
            foreach (var e in store.CurrentEvidence(sources))
            {
                if ((++n & 1023) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                }

                pipeline.Observe(e);
            }

            foreach (var c in coverages)
            {
                pipeline.Observe(c);
            }

            pipeline.Complete();
        }

        var display = Paths.Display(location);
        var stats = ingests.Select(i => new ImportStats(i.File, i.Format, i.Accepted, i.Rejected, null, i.Error, [],
            [string.Create(CultureInfo.InvariantCulture, $"from the store {display}, revision {i.Revision} ({i.IngestedAt}): {i.Counts.Added} new, {i.Counts.Revised} revised, {i.Counts.Unchanged} already stored")])).ToList();
        return new StoredEvidence(info, [new InputFile("store", string.Create(CultureInfo.InvariantCulture, $"{display}@revision {info.Revision}"), StoreLocation.Digest(store))], stats, coverages);
    }
}
