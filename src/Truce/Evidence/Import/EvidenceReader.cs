using System.IO.Compression;
using System.Text;

namespace Truce.Evidence.Import;

/// <summary>Picks the importer for an evidence file from its extension and header, and streams its rows.</summary>
public static class EvidenceReader
{
    /// <summary>Extensions read as evidence, with what they hold; gzip-compressed forms (<c>.csv.gz</c>) are read too.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".ndjson", ".jsonl", ".geojson", ".json"];

    /// <summary>The extension that decides the format: the inner one for <c>.gz</c> files (<c>events.csv.gz</c> → <c>.csv</c>).</summary>
    public static string FormatExtension(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var ext = Path.GetExtension(file).ToLowerInvariant();
        return ext == ".gz" ? Path.GetExtension(Path.GetFileNameWithoutExtension(file)).ToLowerInvariant() : ext;
    }

    /// <summary>Whether a file name has an extension Truce reads (directly or gzip-compressed).</summary>
    public static bool IsEvidenceFile(string file) => Extensions.Contains(FormatExtension(file));

    /// <summary>The format a file will be read as: ucdp-ged, acled, ndjson or geojson.</summary>
    public static string DetectFormat(string file, string? firstLine)
    {
        ArgumentNullException.ThrowIfNull(file);
        var ext = FormatExtension(file);
        switch (ext)
        {
            case ".ndjson" or ".jsonl":
                return "ndjson";
            case ".geojson" or ".json":
                return "geojson";
            case ".csv":
                var header = (firstLine ?? string.Empty).TrimStart('\uFEFF').Split(',').Select(h => h.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
                if (UcdpGedImporter.Recognises(header))
                {
                    return "ucdp-ged";
                }

                if (AcledImporter.Recognises(header))
                {
                    return "acled";
                }

                throw new EvidenceFormatException(file, "a CSV file must be UCDP GED (columns where_prec, side_a, type_of_violence, …) or ACLED (columns event_id_cnty, geo_precision, …)");
            default:
                throw new EvidenceFormatException(file, $"unknown evidence file type '{ext}': use .csv (UCDP GED or ACLED), .ndjson or .geojson, optionally gzip-compressed (.csv.gz)");
        }
    }

    /// <summary>Streams the rows of an evidence file; the stream is read once, front to back.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, string file, ImportContext context) => Open(stream, file, context, []).Rows;

    /// <summary>Detects the file's format (reading a CSV header if needed) and returns it with the lazily streamed rows.</summary>
    /// <param name="stream">The file's bytes; gzip is unpacked when the name ends in .gz, UTF-16 is transcoded when it starts with a byte order mark.</param>
    /// <param name="file">The name shown in messages; its extension decides the format.</param>
    /// <param name="context">Sources, run date and limits.</param>
    /// <param name="notices">Receives file-level notes (ignored or missing optional columns).</param>
    /// <param name="encoding">The file's encoding when it is not UTF-8 (e.g. Latin-1); null reads UTF-8 and rejects rows that are not.</param>
    /// <exception cref="EvidenceFormatException">The extension or header names no format Truce reads.</exception>
    public static (string Format, IEnumerable<ImportRow> Rows) Open(Stream stream, string file, ImportContext context, ICollection<string> notices, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        if (Path.GetExtension(file).Equals(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GzipInput(new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true), file);
        }

        stream = Utf8Input(stream, encoding);
        var format = FormatExtension(file) == ".csv" ? null : DetectFormat(file, null);
        switch (format)
        {
            case "geojson":
                return (format, GeoJsonEvidenceImporter.Read(stream, file, context));
            case "ndjson":
                return (format, NdjsonImporter.Read(stream, file, context));
        }

        var (headerBytes, replay) = ReadFirstLine(stream, context.Limits.MaxRecordBytes);
        var csvFormat = DetectFormat(file, Encoding.UTF8.GetString(headerBytes));
        return (csvFormat, csvFormat == "ucdp-ged"
            ? UcdpGedImporter.Read(replay, file, context, notices)
            : AcledImporter.Read(replay, file, context, notices));
    }

    /// <summary>The stream as UTF-8: transcoded from <paramref name="encoding"/>, or from UTF-16 when it starts with a UTF-16 byte order mark.</summary>
    private static Stream Utf8Input(Stream stream, Encoding? encoding)
    {
        if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return Encoding.CreateTranscodingStream(stream, encoding, Encoding.UTF8, leaveOpen: true);
        }

        var head = new byte[2];
        int n = 0;
        while (n < 2 && stream.Read(head, n, 2 - n) is var read and > 0)
        {
            n += read;
        }

        var prefixed = new PrefixedStream(head[..n], stream);
        if (n == 2 && (head[0], head[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            var utf16 = head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return Encoding.CreateTranscodingStream(prefixed, utf16, Encoding.UTF8, leaveOpen: true);
        }

        return prefixed;
    }

    /// <summary>Reads the first line (at most the record limit) and returns it with a stream that replays it in front of the rest.</summary>
    private static (byte[] Line, Stream Replay) ReadFirstLine(Stream stream, int limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int newline = -1;
        while (newline < 0 && buffer.Length < limit)
        {
            int n = stream.Read(chunk, 0, chunk.Length);
            if (n == 0)
            {
                break;
            }

            int at = chunk.AsSpan(0, n).IndexOf((byte)'\n');
            if (at >= 0)
            {
                newline = (int)buffer.Length + at;
            }

            buffer.Write(chunk, 0, n);
        }

        var bytes = buffer.ToArray();
        var line = newline >= 0 ? bytes[..newline] : bytes;
        return (line, new PrefixedStream(bytes, stream));
    }

    /// <summary>A gzip stream whose damage is a refusal of the file (<see cref="EvidenceFormatException"/>), like any other unreadable file, not an unexpected exception.</summary>
    /// <remarks>Rows read before the damage stand; the message says the rest was not read.</remarks>
    private sealed class GzipInput(GZipStream inner, string file) : Text.ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new EvidenceFormatException(file, "not gzip data, or damaged gzip data: the rest of the file was not read", ex);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Bytes already read, replayed in front of the rest of a stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Text.ForwardReadStream
    {
        private int position;

        public override int Read(Span<byte> buffer)
        {
            if (position < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - position);
                prefix.AsSpan(position, n).CopyTo(buffer);
                position += n;
                return n;
            }

            return rest.Read(buffer);
        }
    }
}
