using System.Globalization;

namespace Truce.Evidence.Import;

/// <summary>The current CSV record with the physical line it starts on and a by-name field accessor; valid until the reader moves on.</summary>
internal sealed class CsvRecord
{
    private readonly Utf8CsvReader reader;
    private readonly IReadOnlyDictionary<string, int> columns;

    internal CsvRecord(Utf8CsvReader reader, string file, IReadOnlyDictionary<string, int> columns)
    {
        this.reader = reader;
        this.columns = columns;
        File = file;
    }

    public string File { get; }

    public long Line => reader.Line;

    /// <summary>The raw record text for quarantine: bytes that are not UTF-8 appear as \xNN.</summary>
    public string Raw => Utf8Window.Describe(reader.RawBytes);

    /// <summary>Why the record as a whole cannot be used (bad quoting, wrong field count, not UTF-8, too long), if so.</summary>
    public (string Field, string Reason)? Problem { get; internal set; }

    public int FieldCount => reader.FieldCount;

    public bool HasColumn(string name) => columns.ContainsKey(name);

    /// <summary>The trimmed value of a column, or "" when the column is absent from the file.</summary>
    public string this[string name] => columns.TryGetValue(name, out var i) && i < reader.FieldCount ? reader.GetString(i).Trim() : string.Empty;

    /// <summary>The raw bytes of a column (untrimmed), or empty when absent.</summary>
    public ReadOnlySpan<byte> Bytes(string name) => columns.TryGetValue(name, out var i) && i < reader.FieldCount ? reader.Field(i) : default;

    /// <summary>A column's position in the header, or -1 when the file has no such column: looked up once per file, not per row.</summary>
    public int ColumnIndex(string name) => columns.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The raw bytes (untrimmed) of the field at a position from <see cref="ColumnIndex"/>; empty when the column is absent.</summary>
    public ReadOnlySpan<byte> Bytes(int index) => index >= 0 && index < reader.FieldCount ? reader.Field(index) : default;

    public Rejection Reject(string field, string reason) => new(File, Line, field, reason, Raw);
}

/// <summary>Streams records from a CSV file with its header; memory stays bounded by the record limit, not the file.</summary>
internal static class CsvRecords
{
    /// <summary>Reads the header, refusing the file when a required column is missing or a name repeats, then streams the records.</summary>
    /// <param name="stream">The file's bytes (UTF-8; transcode first for other encodings).</param>
    /// <param name="file">The file name for messages.</param>
    /// <param name="requiredColumns">Columns without which no row can become evidence.</param>
    /// <param name="knownColumns">Every column the format defines; others are reported once as ignored.</param>
    /// <param name="limits">Record size limit.</param>
    /// <param name="notices">Receives file-level notes (ignored or missing optional columns).</param>
    public static IEnumerable<CsvRecord> Read(
        Stream stream, string file, IReadOnlyCollection<string> requiredColumns, IReadOnlyCollection<string> knownColumns, ImportLimits limits, ICollection<string> notices)
    {
        var reader = new Utf8CsvReader(stream, limits.MaxRecordBytes);
        if (!reader.Read() || reader.IsBlank)
        {
            throw new EvidenceFormatException(file, "the file is empty: expected a header row");
        }

        if (reader.Problem != RecordProblem.None)
        {
            throw new EvidenceFormatException(file, reader.Problem switch
            {
                RecordProblem.TooLong => $"the header row is longer than the {limits.MaxRecordBytes:N0}-byte record limit",
                RecordProblem.InvalidUtf8 => $"the header row is not UTF-8 (first bad byte at offset {reader.ProblemDetail}); give --encoding if the file uses another encoding",
                _ => "the header row has malformed quoting",
            });
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        int headerCount = reader.FieldCount;
        for (int i = 0; i < headerCount; i++)
        {
            var name = reader.GetString(i).Trim();
            if (name.Length > 0 && !columns.TryAdd(name, i))
            {
                throw new EvidenceFormatException(file, $"column '{name}' appears twice in the header (columns {columns[name] + 1} and {i + 1}): which one holds the data is ambiguous");
            }
        }

        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new EvidenceFormatException(file, $"missing required column(s): {string.Join(", ", missing)} (header has {headerCount} columns)");
        }

        var unknown = columns.Keys.Where(c => !knownColumns.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            notices.Add($"ignored unknown column(s): {string.Join(", ", unknown)}");
        }

        var record = new CsvRecord(reader, file, columns);
        while (reader.Read())
        {
            record.Problem = reader.Problem switch
            {
                RecordProblem.TooLong => ("(row)", $"the record is longer than the {limits.MaxRecordBytes:N0}-byte limit ({reader.ProblemDetail:N0} bytes skipped to the next line)"),
                RecordProblem.InvalidUtf8 => (reader.ProblemField >= 0 && reader.ProblemField < headerCount ? Name(columns, reader.ProblemField) : "(row)",
                    $"not UTF-8: invalid byte at file offset {reader.ProblemDetail} (give --encoding if the file uses another encoding)"),
                RecordProblem.BadQuoting => ("(row)", "malformed quoting: a quote inside an unquoted field, text after a closing quote, or a quote that never closes"),
                _ when reader.IsBlank => null,
                _ when reader.FieldCount != headerCount => ("(row)", $"has {reader.FieldCount} fields but the header has {headerCount}: a missing or extra delimiter would shift every column after it"),
                _ => null,
            };
            if (record.Problem is null && reader.IsBlank)
            {
                continue;
            }

            yield return record;
        }
    }

    private static string Name(Dictionary<string, int> columns, int index) => columns.FirstOrDefault(kv => kv.Value == index).Key ?? "(row)";
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

        // The common case first: YYYY-MM-DD, optionally followed by a midnight time as UCDP exports write it.
        if (text.Length >= 10 && text[4] == '-' && text[7] == '-' && (text.Length == 10 || text[10] == ' ' || text[10] == 'T')
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            && int.TryParse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int d)
            && y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            && (text.Length == 10 || IsMidnight(text[10], text.AsSpan(11))))
        {
            value = new DateOnly(y, m, d);
            return null;
        }

        // No time-zone adjustment: a calendar date must not move a day because of where Truce runs.
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt))
        {
            value = DateOnly.FromDateTime(dt);
            return null;
        }

        return $"'{text}' is not a date (expected YYYY-MM-DD)";
    }

    // Exactly the midnight forms of the accepted formats; anything else goes through the full parser.
    private static bool IsMidnight(char separator, ReadOnlySpan<char> time) => separator == ' '
        ? time is "00:00:00" or "00:00:00.000"
        : time is "00:00:00" or "00:00:00Z";
}
