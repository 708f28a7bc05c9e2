using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Reports;
using Truce.Verification;

namespace Truce.Cli;

/// <summary>Streams evidence files into a verifier, quarantining bad rows and hashing every byte read.</summary>
internal static class EvidenceIngest
{
    private const int RejectionsShown = 5;

    /// <summary>Reads one file; rejected rows go to <paramref name="quarantineDir"/>, or are only counted when it is null (lint).</summary>
    public static ImportStats Ingest(string file, SourceRegistry sources, Verifier? verifier, List<Coverage> coverages, List<InputFile> inputs, string? quarantineDir)
    {
        var display = Workspace.Display(file);
        string format = "unknown";
        long accepted = 0, rejected = 0;
        var first = new List<Rejection>();
        string? quarantinePath = null, error = null;
        string? tempQuarantine = null;
        StreamWriter? quarantine = null;
        var accumulator = new CoverageAccumulator();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            using var fileStream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var stream = new HashingStream(fileStream, hash);
            try
            {
                var (detected, rows) = EvidenceReader.Open(stream, display, sources);
                format = detected;
                foreach (var row in rows)
                {
                    if (row.Evidence is { } e)
                    {
                        accepted++;
                        accumulator.Add(e);
                        verifier?.Observe(e);
                    }
                    else if (row.Coverage is { } c)
                    {
                        coverages.Add(c);
                        verifier?.Observe(c);
                    }
                    else if (row.Rejection is { } r)
                    {
                        rejected++;
                        if (first.Count < RejectionsShown)
                        {
                            first.Add(r);
                        }

                        if (quarantineDir is null)
                        {
                            continue;
                        }

                        if (quarantine is null)
                        {
                            Directory.CreateDirectory(quarantineDir);
                            quarantinePath = Workspace.Display(Path.Combine(quarantineDir, Path.GetFileName(file) + ".rejected.ndjson"));
                            tempQuarantine = quarantinePath + ".partial";
                            quarantine = new StreamWriter(tempQuarantine, false, new UTF8Encoding(false));
                        }

                        quarantine.WriteLine(JsonSerializer.Serialize(
                            new QuarantineRecord(r.File, r.Line, r.Field, r.Reason, r.Raw), QuarantineJson.Default.QuarantineRecord));
                    }
                }
            }
            catch (EvidenceFormatException ex)
            {
                error = ex.Reason;
            }

            // Hash the whole file even when reading stopped early, so the recorded hash names the file given.
            stream.CopyTo(Stream.Null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read: {ex.Message}";
        }
        finally
        {
            quarantine?.Dispose();
        }

        if (tempQuarantine is not null)
        {
            File.Move(tempQuarantine, quarantinePath!, overwrite: true);
        }

        if (error is null || accepted > 0)
        {
            inputs.Add(new InputFile("evidence", display, Workspace.Hex(hash.GetHashAndReset())));
        }

        if (error is null && format is "ucdp-ged" or "acled")
        {
            var id = format == "ucdp-ged" ? UcdpGedImporter.SourceId : AcledImporter.SourceId;
            if (accumulator.Build(sources.Resolve(id), id, display) is { } derived)
            {
                coverages.Add(derived);
                verifier?.Observe(derived);
            }
        }

        return new ImportStats(display, format, accepted, rejected, quarantinePath, error, first);
    }

    /// <summary>A read-only pass-through stream that feeds every byte read into a hash.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            hash.AppendData(buffer, offset, n);
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>One quarantined row: where it was, which field, why, and the row itself.</summary>
internal sealed record QuarantineRecord(string File, long Line, string Field, string Reason, string Raw);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(QuarantineRecord))]
internal sealed partial class QuarantineJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
