using System.Text;

namespace Truce.Evidence.Import;

/// <summary>Picks the importer for an evidence file from its extension and header, and streams its rows.</summary>
public static class EvidenceReader
{
    /// <summary>The format a file will be read as: ucdp-ged, acled, ndjson or geojson.</summary>
    public static string DetectFormat(string file, string? firstLine)
    {
        ArgumentNullException.ThrowIfNull(file);
        var ext = Path.GetExtension(file).ToLowerInvariant();
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
                throw new EvidenceFormatException(file, $"unknown evidence file type '{ext}': use .csv (UCDP GED or ACLED), .ndjson or .geojson");
        }
    }

    /// <summary>Streams the rows of an evidence file; the stream is read once, front to back.</summary>
    public static IEnumerable<ImportRow> Read(Stream stream, string file, SourceRegistry sources) => Open(stream, file, sources).Rows;

    /// <summary>Detects the file's format (reading a CSV header if needed) and returns it with the lazily streamed rows.</summary>
    /// <exception cref="EvidenceFormatException">The extension or header names no format Truce reads.</exception>
    public static (string Format, IEnumerable<ImportRow> Rows) Open(Stream stream, string file, SourceRegistry sources)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var format = Path.GetExtension(file).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? null : DetectFormat(file, null);
        if (format == "geojson")
        {
            return (format, GeoJsonEvidenceImporter.Read(stream, file, sources));
        }

        var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        if (format == "ndjson")
        {
            return (format, NdjsonImporter.Read(reader, file, sources));
        }

        var header = reader.ReadLine();
        var csvFormat = DetectFormat(file, header);
        var replay = new PrefixedReader(header + "\n", reader);
        return (csvFormat, csvFormat == "ucdp-ged" ? UcdpGedImporter.Read(replay, file, sources) : AcledImporter.Read(replay, file, sources));
    }

    /// <summary>Replays an already-read header line in front of the rest of the file.</summary>
    private sealed class PrefixedReader(string prefix, TextReader rest) : TextReader
    {
        private int position;

        public override int Peek() => position < prefix.Length ? prefix[position] : rest.Peek();

        public override int Read() => position < prefix.Length ? prefix[position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count)
        {
            ArgumentNullException.ThrowIfNull(buffer);
            if (position < prefix.Length)
            {
                int n = Math.Min(count, prefix.Length - position);
                prefix.CopyTo(position, buffer, index, n);
                position += n;
                return n;
            }

            return rest.Read(buffer, index, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
