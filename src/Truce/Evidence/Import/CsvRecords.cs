using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Truce.Evidence.Import;

/// <summary>One CSV record with the physical line it starts on and a by-name field accessor.</summary>
internal sealed class CsvRecord(string file, long line, string[] fields, string raw, IReadOnlyDictionary<string, int> columns, string? badData)
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string Raw { get; } = raw;

    /// <summary>Malformed quoting reported by the parser for this record, if any.</summary>
    public string? BadData { get; } = badData;

    public int FieldCount => fields.Length;

    public bool HasColumn(string name) => columns.ContainsKey(name);

    /// <summary>The trimmed value of a column, or "" when the column is absent from the file.</summary>
    public string this[string name] => columns.TryGetValue(name, out var i) && i < fields.Length ? fields[i].Trim() : string.Empty;

    public Rejection Reject(string field, string reason) => new(File, Line, field, reason, Raw.TrimEnd('\r', '\n'));
}

/// <summary>Streams records from a CSV file with its header; memory stays bounded by the longest record, not the file.</summary>
internal static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(TextReader reader, string file, IReadOnlyCollection<string> requiredColumns)
    {
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badData ??= $"malformed quoting near '{Truncate(args.Field, 40)}'",
            DetectDelimiter = false,
            TrimOptions = TrimOptions.None,
        };
        using var parser = new CsvParser(reader, config, leaveOpen: true);
        if (!parser.Read())
        {
            throw new EvidenceFormatException(file, "the file is empty: expected a header row");
        }

        var header = parser.Record ?? [];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            // The first header cell may carry a UTF-8 byte order mark when the BOM was not stripped upstream.
            columns.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        }

        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new EvidenceFormatException(file, $"missing required column(s): {string.Join(", ", missing)} (header has {header.Length} columns)");
        }

        long lastRawRow = parser.RawRow;
        badData = null;
        while (parser.Read())
        {
            long startLine = lastRawRow + 1;
            lastRawRow = parser.RawRow;
            var fields = parser.Record ?? [];
            var record = new CsvRecord(file, startLine, fields, parser.RawRecord, columns, badData);
            badData = null;
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            yield return record;
        }
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}

/// <summary>Field parsers shared by the CSV importers: each returns null and a reason instead of throwing.</summary>
internal static class FieldParse
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ",
        "d MMMM yyyy", "dd MMMM yyyy", "d-MMMM-yyyy", "dd-MMMM-yyyy", "d-MMM-yy", "dd-MMM-yy", "dd/MM/yyyy",
    ];

    public static string? Coordinate(string text, double min, double max, out double value)
    {
        value = double.NaN;
        if (text.Length == 0)
        {
            return "is empty";
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return $"'{text}' is not a number";
        }

        return value < min || value > max ? $"{text} is outside [{min}, {max}]" : null;
    }

    public static string? Integer(string text, int min, int max, out int value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return "is empty";
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            // Some exports write integers as "3.0".
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
            {
                value = (int)d;
            }
            else
            {
                return $"'{text}' is not a whole number";
            }
        }

        return value < min || value > max ? $"{text} is outside {min}-{max}" : null;
    }

    public static string? Date(string text, out DateOnly value)
    {
        value = default;
        if (text.Length == 0)
        {
            return "is empty";
        }

        // No time-zone adjustment: a calendar date must not move a day because of where Truce runs.
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt))
        {
            value = DateOnly.FromDateTime(dt);
            return null;
        }

        return $"'{text}' is not a date (expected YYYY-MM-DD)";
    }
}
