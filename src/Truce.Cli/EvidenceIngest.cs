using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Reports;

namespace Truce.Cli;

/// <summary>Streams evidence files into a verifier: folders and archives expanded, each file and each event counted once, bad rows quarantined.</summary>
/// <remarks>
/// Files are read in reverse order of the command line so that, when two files report the same event, the later
/// one (taken as the newer export) is admitted and the older one set aside with a note. Outputs (stats, inputs,
/// coverage) are put back in the user's order afterwards.
/// </remarks>
internal sealed class EvidenceIngest(ImportContext context, Encoding? encoding, string? quarantineDir, EvidenceIngest.IFileSink? sink = null)
{
    /// <summary>Receives each file as one unit (for a store: one transaction). Files are then read in the user's order and the ledger is not used: the store keeps each event once, and a later file's changed report becomes the next revision.</summary>
    internal interface IFileSink
    {
        /// <summary>Starts a file whose format is known; the session is disposed without committing when the file ends in an interruption or an I/O failure.</summary>
        Truce.Store.IIngestSession Begin(string display, string format);

        /// <summary>The file was read to its end (or to its refusal): commit it.</summary>
        void Complete(Truce.Store.IIngestSession session, string display, string sha256, ImportStats stats);
    }

    private const int RejectionsShown = 5;

    private readonly List<(int Order, ImportStats Stats)> stats = [];
    private readonly List<(int Order, InputFile Input)> inputs = [];
    private readonly List<(int Order, Coverage Coverage)> coverages = [];
    private readonly List<string> partials = [];

    /// <summary>Per-file results, in the user's order.</summary>
    public IReadOnlyList<ImportStats> Stats => [.. stats.OrderBy(s => s.Order).Select(s => s.Stats)];

    /// <summary>Evidence files read, with hashes, in the user's order.</summary>
    public IReadOnlyList<InputFile> Inputs => [.. inputs.OrderBy(s => s.Order).Select(s => s.Input)];

    /// <summary>Coverage declared or derived, in the user's order.</summary>
    public IReadOnlyList<Coverage> Coverages => [.. coverages.OrderBy(s => s.Order).Select(s => s.Coverage)];

    /// <summary>Files skipped or read once for two names, and why.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Each event once.</summary>
    public EventLedger Ledger { get; } = new();

    /// <summary>Whether any named input was missing, refused or only partly read.</summary>
    public bool AnyRefused => stats.Any(s => s.Stats.Error is not null) || missing;

    /// <summary>Whether rejected rows could not be written to the quarantine folder (reading went on regardless).</summary>
    public bool QuarantineFailed { get; private set; }

    /// <summary>Whether nothing readable was found at all.</summary>
    public bool NothingRead => inputsFound == 0;

    private bool missing;
    private int inputsFound;

    /// <summary>Reads every path, handing each admitted item and each coverage to the sinks (either may be null: lint wants coverage only).</summary>
    public void Run(IReadOnlyList<string> paths, Action<Evidence.Evidence>? onEvidence, CancellationToken cancel, Action<Coverage>? onCoverage = null)
    {
        var files = Expand(paths);
        inputsFound = files.Count;
        DropDuplicateFiles(files);

        // Quarantine names are given in the user's order before reading (which runs backwards), so that of two inputs
        // named events.csv the first named keeps the plain name whichever of them has rejects.
        if (quarantineDir is not null)
        {
            foreach (var f in files)
            {
                quarantineNames[f.Order] = QuarantinePath(f);
            }
        }
        try
        {
            for (int k = 0; k < files.Count; k++)
            {
                cancel.ThrowIfCancellationRequested();
                ReadOne(files[sink is null ? files.Count - 1 - k : k], onEvidence, cancel);
            }

            // Coverage is small and order-sensitive in reports: hand it over in the user's order, after reading.
            foreach (var c in Coverages)
            {
                onCoverage?.Invoke(c);
            }
        }
        catch (OperationCanceledException)
        {
            DeletePartials();
            throw;
        }
    }

    /// <summary>Deletes quarantine files still being written (on interruption nothing half-written may look complete).</summary>
    public void DeletePartials()
    {
        foreach (var p in partials)
        {
            try
            {
                File.Delete(p);
            }
            catch (IOException)
            {
            }
        }

        partials.Clear();
    }

    private sealed record Input(int Order, string Display, string Path, string? ZipEntry, long Length);

    /// <summary>Folders become the evidence files in them (every other entry is noted with the reason); archives become their members.</summary>
    private List<Input> Expand(IReadOnlyList<string> paths)
    {
        var result = new List<Input>();
        int order = 0;
        void Add(string display, string path, string? entry, long length) => result.Add(new Input(order++, display, path, entry, length));

        foreach (var given in paths)
        {
            var display = Paths.Display(given);
            if (Directory.Exists(given))
            {
                int before = result.Count;
                foreach (var entry in Directory.EnumerateFileSystemEntries(given).Order(StringComparer.Ordinal))
                {
                    var name = Paths.Display(Path.Combine(given, Path.GetFileName(entry)));
                    if (Directory.Exists(entry))
                    {
                        Notes.Add($"{name}: skipped: a folder inside an evidence folder is not read (name it with --evidence to read it)");
                    }
                    else if (Path.GetExtension(entry).Equals(".zip", StringComparison.OrdinalIgnoreCase))
                    {
                        AddZip(name, entry);
                    }
                    else if (FileKind.IsDevice(entry))
                    {
                        Notes.Add($"{name}: skipped: a device, not an evidence file");
                    }
                    else if (EvidenceReader.IsEvidenceFile(entry))
                    {
                        Add(name, entry, null, new FileInfo(entry).Length);
                    }
                    else
                    {
                        Notes.Add($"{name}: skipped: '{Path.GetExtension(entry)}' is not an evidence file type (.csv, .ndjson, .jsonl, .geojson, .json, their .gz forms, or .zip)");
                    }
                }

                if (result.Count == before)
                {
                    missing = true;
                    stats.Add((order++, new ImportStats(display, "folder", 0, 0, null, "no evidence files in this folder", [], [])));
                }
            }
            else if (File.Exists(given))
            {
                if (FileKind.IsDevice(given))
                {
                    // /dev/zero never ends and /dev/urandom is noise: refused before a byte is read.
                    missing = true;
                    stats.Add((order++, new ImportStats(display, "device", 0, 0, null, "a device (such as /dev/zero), not an evidence file: nothing was read", [], [])));
                }
                else if (Path.GetExtension(given).Equals(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    AddZip(display, given);
                }
                else
                {
                    Add(display, given, null, new FileInfo(given).Length);
                }
            }
            else
            {
                missing = true;
                stats.Add((order++, new ImportStats(display, "unknown", 0, 0, null, "no such file or folder", [], [])));
            }
        }

        return result;

        void AddZip(string display, string path)
        {
            try
            {
                using var zip = ZipFile.OpenRead(path);
                int before = result.Count;
                foreach (var entry in zip.Entries.Where(e => e.Length > 0 || e.Name.Length > 0).OrderBy(e => e.FullName, StringComparer.Ordinal))
                {
                    if (EvidenceReader.IsEvidenceFile(entry.Name))
                    {
                        Add($"{display}/{entry.FullName}", path, entry.FullName, entry.Length);
                    }
                    else if (!entry.FullName.EndsWith('/'))
                    {
                        Notes.Add($"{display}/{entry.FullName}: skipped: not an evidence file type");
                    }
                }

                if (result.Count == before)
                {
                    missing = true;
                    stats.Add((order++, new ImportStats(display, "zip", 0, 0, null, "the archive holds no evidence files", [], [])));
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                missing = true;
                stats.Add((order++, new ImportStats(display, "zip", 0, 0, null, $"cannot read the archive: {ex.Message}", [], [])));
            }
        }
    }

    /// <summary>The same bytes given twice (by two names, or twice by one) are read once: identical files have equal sizes, so only those are hashed first.</summary>
    private void DropDuplicateFiles(List<Input> files)
    {
        var hashes = new Dictionary<string, Input>(StringComparer.Ordinal);
        // Only regular files: hashing a named pipe here would consume the stream that is about to be read.
        foreach (var group in files.Where(f => f.ZipEntry is null && FileKind.Of(f.Path) == FileKindValue.Regular).GroupBy(f => f.Length).Where(g => g.Count() > 1))
        {
            foreach (var f in group.OrderBy(f => f.Order))
            {
                string hash;
                try
                {
                    using var s = File.OpenRead(f.Path);
                    hash = Convert.ToHexString(SHA256.HashData(s));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue; // reported when it is read
                }

                if (hashes.TryGetValue(hash, out var first))
                {
                    Notes.Add($"{f.Display}: read once: the same bytes as {first.Display} (each event counts once)");
                    files.Remove(f);
                }
                else
                {
                    hashes[hash] = f;
                }
            }
        }
    }

    private void ReadOne(Input input, Action<Evidence.Evidence>? onEvidence, CancellationToken cancel)
    {
        string format = "unknown";
        long accepted = 0, rejected = 0;
        var first = new List<Rejection>();
        var notices = new List<string>();
        string? error = null;
        var quarantine = quarantineDir is null ? null : new QuarantineFile(quarantineNames[input.Order], partials);
        var accumulator = new CoverageAccumulator();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Truce.Store.IIngestSession? session = null;
        try
        {
            using var raw = Open(input, out var archive);
            using (archive)
            {
                using var stream = new HashingStream(raw, hash, cancel);
                try
                {
                    var (detected, rows) = EvidenceReader.Open(stream, input.Display, context, notices, encoding);
                    format = detected;
                    session = sink?.Begin(input.Display, format);
                    long n = 0;
                    foreach (var row in rows)
                    {
                        if ((++n & 1023) == 0)
                        {
                            cancel.ThrowIfCancellationRequested();
                        }

                        if (row.Evidence is { } e)
                        {
                            accepted++;
                            accumulator.Add(e);
                            if (session is not null)
                            {
                                session.Add(e);
                                onEvidence?.Invoke(e);
                            }
                            else if (Ledger.Admit(e, input.Order))
                            {
                                onEvidence?.Invoke(e);
                            }
                        }
                        else if (row.Coverage is { } c)
                        {
                            coverages.Add((input.Order, c));
                            session?.Cover(c);
                        }
                        else if (row.Rejection is { } r)
                        {
                            rejected++;
                            if (first.Count < RejectionsShown)
                            {
                                first.Add(r);
                            }

                            quarantine?.Write(r);
                            session?.Reject(r);
                        }
                    }
                }
                catch (EvidenceFormatException ex)
                {
                    error = ex.Reason;
                }

                // Hash the whole file even when reading stopped early, so the recorded hash names the file given
                // (each read checks for Ctrl-C: an endless stream must not hold the run).
                stream.CopyTo(Stream.Null);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = accepted + rejected > 0 ? $"reading stopped after {accepted + rejected} rows: {ex.Message}" : $"cannot read: {ex.Message}";

            // A file cut short by a failing disk or device is not stored in part: the store stays as it was.
            session?.Dispose();
            session = null;
        }
        catch
        {
            session?.Dispose();
            throw;
        }
        finally
        {
            quarantine?.Close();
        }

        var quarantinePath = quarantine?.Complete();
        if (quarantine?.Error is { } quarantineError)
        {
            QuarantineFailed = true;
            notices.Add($"rejected rows were not quarantined: {quarantineError}");
        }

        if (error is null && accepted == 0 && rejected > 0)
        {
            error = $"no row could be read ({rejected} rejected): is this really a {format} file?";
        }

        var sha256 = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        inputs.Add((input.Order, new InputFile("evidence", input.Display, sha256)));
        if (error is null && format is "ucdp-ged" or "acled")
        {
            var id = format == "ucdp-ged" ? UcdpGedImporter.SourceId : AcledImporter.SourceId;
            if (accumulator.Build(context.Sources.Resolve(id), id, input.Display) is { } derived)
            {
                coverages.Add((input.Order, derived));
                session?.Cover(derived);
            }
        }

        var fileStats = new ImportStats(input.Display, format, accepted, rejected, quarantinePath, error, first, notices);
        stats.Add((input.Order, fileStats));
        if (session is not null)
        {
            using (session)
            {
                sink!.Complete(session, input.Display, sha256, fileStats);
            }
        }
    }

    private static Stream Open(Input input, out IDisposable? archive)
    {
        archive = null;
        if (input.ZipEntry is null)
        {
            return new FileStream(input.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }

        var zip = ZipFile.OpenRead(input.Path);
        archive = zip;
        return zip.GetEntry(input.ZipEntry)!.Open();
    }

    /// <summary>One quarantine file per input: its name, made unique when two inputs share a name.</summary>
    private string QuarantinePath(Input input)
    {
        var name = Path.GetFileName(input.Display.Replace(".zip/", "-", StringComparison.Ordinal));
        var path = Path.Combine(quarantineDir!, name + ".rejected.ndjson");
        for (int k = 2; usedQuarantine.Contains(path); k++)
        {
            path = Path.Combine(quarantineDir!, $"{name}-{k}.rejected.ndjson");
        }

        usedQuarantine.Add(path);
        return Paths.Display(path);
    }

    private readonly HashSet<string> usedQuarantine = new(StringComparer.Ordinal);

    private readonly Dictionary<int, string> quarantineNames = [];

    /// <summary>One input's quarantine file: created at the first rejected row, written as .partial and renamed when complete.</summary>
    /// <remarks>
    /// A failure to write it (a file where the folder should be, a full disk) ends quarantining for that input and
    /// is reported, but never ends the reading: rows after it must still be verified.
    /// </remarks>
    private sealed class QuarantineFile(string path, List<string> partials) : IDisposable
    {
        private readonly string temp = path + ".partial";
        private StreamWriter? writer;
        private bool started;

        /// <summary>Why the quarantine file could not be written, if so.</summary>
        public string? Error { get; private set; }

        public void Write(Rejection r)
        {
            if (Error is not null)
            {
                return;
            }

            Try(() =>
            {
                if (writer is null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                    partials.Add(temp);
                    started = true;
                    writer = new StreamWriter(temp, false, new UTF8Encoding(false)) { NewLine = "\n" };
                }

                writer.WriteLine(JsonSerializer.Serialize(new QuarantineRecord(r.File, r.Line, r.Field, r.Reason, r.Raw), QuarantineJson.Default.QuarantineRecord));
            });
        }

        /// <summary>Closes the file (also on interruption, before the .partial files are deleted).</summary>
        public void Close()
        {
            var w = writer;
            writer = null;
            if (w is not null)
            {
                Try(w.Dispose);
            }
        }

        public void Dispose() => Close();

        /// <summary>Renames the finished file into place; returns its path, or null when nothing was (or could be) written.</summary>
        public string? Complete()
        {
            Close();
            if (started && Error is null)
            {
                Try(() => File.Move(temp, path, overwrite: true));
            }

            if (started)
            {
                if (Error is not null)
                {
                    try
                    {
                        File.Delete(temp);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                    }
                }

                partials.Remove(temp);
            }

            return started && Error is null ? path : null;
        }

        private void Try(Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Error ??= $"cannot write {path}: {ex.Message}";
                var w = writer;
                writer = null;
                try
                {
                    w?.Dispose();
                }
                catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    /// <summary>A read-only pass-through stream that feeds every byte read into a hash, and stops at Ctrl-C.</summary>
    /// <remarks>
    /// Checking here, under the importers, interrupts what the per-row check cannot: a gigabyte line being skipped,
    /// the rest of a refused file being hashed.
    /// </remarks>
    private sealed class HashingStream(Stream inner, IncrementalHash hash, CancellationToken cancel) : Text.ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            cancel.ThrowIfCancellationRequested();
            int n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            return n;
        }
    }
}

/// <summary>One quarantined row: where it was, which field, why, and the row itself.</summary>
internal sealed record QuarantineRecord(string File, long Line, string Field, string Reason, string Raw);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(QuarantineRecord))]
internal sealed partial class QuarantineJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
