using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Truce.Bench;

/// <summary>
/// The byte-level parse floor of issue 8: the least work any reader of a UCDP GED CSV must do to get the columns
/// verification needs (latitude, longitude, date_start, date_end, side_a, side_b), done by hand over UTF-8 bytes.
/// </summary>
/// <remarks>
/// What it does: reads the file in 1 MiB blocks, splits records and fields by RFC 4180 as the real file has them
/// (quoted fields with doubled quotes, commas and newlines inside quotes; CRLF or LF), maps the six columns by
/// header name, parses the coordinates as doubles and the dates' first ten bytes as YYYY-MM-DD, and interns each
/// side name's bytes to a small integer (the cache a fast reader would keep, one entry per distinct spelling).
/// What it leaves out, and Truce must still do: UTF-8 validation, the other columns (precision codes, deaths,
/// admin units), range checks, evidence objects, hashing the input, and all of verification. It is a floor for
/// comparison, not a reader: rows it cannot read are counted, not reported. The hot methods are compiled fully
/// optimised from the first call (no tiered start), so a single pass over a file measures the loop, not the JIT.
/// </remarks>
public static class ParseFloor
{
    private const int BlockBytes = 1 << 20;

    /// <summary>The columns read, in the order the result reports them.</summary>
    private static readonly string[] Wanted = ["latitude", "longitude", "date_start", "date_end", "side_a", "side_b"];

    /// <summary>What one pass over a file saw; the sums and counts exist so the work cannot be optimised away, and to cross-check two runs.</summary>
    /// <param name="Rows">Records after the header.</param>
    /// <param name="Unreadable">Records with a missing column or an unparsable coordinate or date.</param>
    /// <param name="LatitudeSum">Sum of the parsed latitudes.</param>
    /// <param name="LongitudeSum">Sum of the parsed longitudes.</param>
    /// <param name="FirstDay">Earliest date_start.</param>
    /// <param name="LastDay">Latest date_end.</param>
    /// <param name="DistinctSides">Distinct side_a/side_b spellings.</param>
    /// <param name="Bytes">Bytes read.</param>
    /// <param name="Elapsed">Time from opening the file to the last record.</param>
    public sealed record Result(long Rows, long Unreadable, double LatitudeSum, double LongitudeSum, DateOnly FirstDay, DateOnly LastDay, int DistinctSides, long Bytes, TimeSpan Elapsed);

    /// <summary>Runs <c>parse-floor FILE</c>: a newline count (as <c>wc -l</c> does) and then the parse floor, each timed.</summary>
    public static void Run(string path, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (lines, bytes, lineTime) = CountLines(path);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"line count: {lines:N0} lines, {bytes / 1e6:N0} MB in {lineTime.TotalSeconds:F3} s"));
        var r = Parse(path);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parse floor: {r.Rows:N0} rows ({r.Unreadable:N0} unreadable), {r.DistinctSides} distinct sides, days {r.FirstDay:yyyy-MM-dd}..{r.LastDay:yyyy-MM-dd}, ")
            + string.Create(CultureInfo.InvariantCulture,
            $"mean position {r.LatitudeSum / Math.Max(1, r.Rows - r.Unreadable):F4}, {r.LongitudeSum / Math.Max(1, r.Rows - r.Unreadable):F4} in {r.Elapsed.TotalSeconds:F3} s = {r.Rows / r.Elapsed.TotalSeconds:N0} rows/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse-floor seconds {r.Elapsed.TotalSeconds:F3}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line-count seconds {lineTime.TotalSeconds:F3}"));
    }

    /// <summary>Counts newline bytes, as <c>wc -l</c> does: the cost of reading the file and looking at every byte once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (long Lines, long Bytes, TimeSpan Elapsed) CountLines(string path)
    {
        var sw = Stopwatch.StartNew();
        using var file = Open(path);
        var block = new byte[BlockBytes];
        long lines = 0, bytes = 0;
        int n;
        while ((n = file.Read(block, 0, block.Length)) > 0)
        {
            lines += block.AsSpan(0, n).Count((byte)'\n');
            bytes += n;
        }

        return (lines, bytes, sw.Elapsed);
    }

    /// <summary>One pass of the parse floor over <paramref name="path"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Result Parse(string path)
    {
        var sw = Stopwatch.StartNew();
        using var file = Open(path);
        var reader = new Reader(file);
        var fields = new Range[Wanted.Length];
        var columns = new int[Wanted.Length];

        // The header names the columns; any order, as both UCDP layouts need.
        var header = new List<string>();
        if (!reader.NextRecord(null, header))
        {
            throw new InvalidDataException($"{path}: empty file");
        }

        for (int i = 0; i < Wanted.Length; i++)
        {
            columns[i] = header.IndexOf(Wanted[i]);
            if (columns[i] < 0)
            {
                throw new InvalidDataException($"{path}: no column '{Wanted[i]}'");
            }
        }

        reader.Select(columns);
        var sides = new Utf8Interner();
        long rows = 0, unreadable = 0;
        double latSum = 0, lonSum = 0;
        int firstDay = int.MaxValue, lastDay = int.MinValue;
        while (reader.NextRecord(fields, null))
        {
            rows++;
            var data = reader.Data;
            if (!reader.AllSelectedSeen
                || !double.TryParse(data[fields[0]], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(data[fields[1]], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || Day(data[fields[2]]) is not { } start
                || Day(data[fields[3]]) is not { } end)
            {
                unreadable++;
                continue;
            }

            latSum += lat;
            lonSum += lon;
            firstDay = Math.Min(firstDay, start);
            lastDay = Math.Max(lastDay, end);
            sides.Intern(data[fields[4]]);
            sides.Intern(data[fields[5]]);
        }

        return new Result(rows, unreadable, latSum, lonSum,
            firstDay == int.MaxValue ? default : DateOnly.FromDayNumber(firstDay),
            lastDay == int.MinValue ? default : DateOnly.FromDayNumber(lastDay),
            sides.Count, reader.BytesRead, sw.Elapsed);
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    /// <summary>The day number of a field starting YYYY-MM-DD (a time after it, as in GED 20.1+, is ignored), or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int? Day(ReadOnlySpan<byte> s)
    {
        if (s.Length < 10 || s[4] != '-' || s[7] != '-')
        {
            return null;
        }

        int y = 0, m = 0, d = 0;
        for (int i = 0; i < 4; i++)
        {
            int c = s[i] - '0';
            if ((uint)c > 9)
            {
                return null;
            }

            y = (y * 10) + c;
        }

        int m1 = s[5] - '0', m2 = s[6] - '0', d1 = s[8] - '0', d2 = s[9] - '0';
        if ((uint)m1 > 9 || (uint)m2 > 9 || (uint)d1 > 9 || (uint)d2 > 9)
        {
            return null;
        }

        m = (m1 * 10) + m2;
        d = (d1 * 10) + d2;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return null;
        }

        return new DateOnly(y, m, d).DayNumber;
    }

    /// <summary>Splits a stream into CSV records over a refillable byte block, keeping only the fields asked for.</summary>
    /// <remarks>
    /// Quoted fields keep their doubled quotes (the floor compares names as bytes, so one spelling is one key).
    /// A record that does not fit the block grows it; the block is compacted before each refill, so a record is
    /// never split. Text after a closing quote (bad quoting) ends the field at the next comma or newline.
    /// </remarks>
    private sealed class Reader(Stream stream)
    {
        private readonly Stream stream = stream;
        private byte[] block = new byte[BlockBytes];
        private int start;
        private int end;
        private bool eof;
        private int[] slotOfColumn = [];
        private int selectedSeen;
        private int selectedCount;

        public ReadOnlySpan<byte> Data => block;

        public long BytesRead { get; private set; }

        public bool AllSelectedSeen => selectedSeen == selectedCount;

        /// <summary>Which columns to keep, by position: <c>columns[slot]</c> is the column that fills <c>fields[slot]</c>.</summary>
        public void Select(int[] columns)
        {
            slotOfColumn = new int[columns.Max() + 1];
            Array.Fill(slotOfColumn, -1);
            for (int slot = 0; slot < columns.Length; slot++)
            {
                slotOfColumn[columns[slot]] = slot;
            }

            selectedCount = columns.Length;
        }

        /// <summary>Reads the next record: selected fields into <paramref name="fields"/> (ranges into <see cref="Data"/>, valid until the next call), or every field as text into <paramref name="all"/>.</summary>
        /// <returns>False at the end of the file.</returns>
        public bool NextRecord(Range[]? fields, List<string>? all)
        {
            while (true)
            {
                if (TryRecord(fields, all, out int next))
                {
                    start = next;
                    return true;
                }

                if (eof && start == end)
                {
                    return false;
                }

                Refill();
            }
        }

        /// <summary>Splits one record from <c>block[start..end]</c>; false when it may continue past <c>end</c> and more can be read.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryRecord(Range[]? fields, List<string>? all, out int next)
        {
            next = start;
            if (start == end)
            {
                return false;
            }

            var span = block.AsSpan(0, end);
            int pos = start, column = 0;
            selectedSeen = 0;
            while (true)
            {
                int from, to;
                bool quoted = span[pos] == (byte)'"';
                if (quoted)
                {
                    int p = pos + 1;
                    while (true)
                    {
                        int q = span[p..].IndexOf((byte)'"');
                        if (q < 0)
                        {
                            if (!eof)
                            {
                                return false;
                            }

                            p = end; // unclosed at the end of the file: the rest is the field
                            break;
                        }

                        p += q;
                        if (p + 1 < end && span[p + 1] == (byte)'"')
                        {
                            p += 2;
                            continue;
                        }

                        if (p + 1 == end && !eof)
                        {
                            return false; // a doubled quote may straddle the block's end
                        }

                        break;
                    }

                    (from, to) = (pos + 1, p);
                    pos = Math.Min(p + 1, end);
                    if (pos < end && span[pos] is not ((byte)',' or (byte)'\n' or (byte)'\r'))
                    {
                        int junk = span[pos..].IndexOfAny((byte)',', (byte)'\n');
                        if (junk < 0 && !eof)
                        {
                            return false;
                        }

                        pos = junk < 0 ? end : pos + junk;
                    }
                }
                else
                {
                    int q = span[pos..].IndexOfAny((byte)',', (byte)'\n');
                    if (q < 0 && !eof)
                    {
                        return false;
                    }

                    (from, to) = (pos, q < 0 ? end : pos + q);
                    pos = to;
                }

                // At the end of the record: CRLF or LF ends the line, and the CR belongs to neither.
                bool last = pos >= end || span[pos] != (byte)',';
                if (last && !quoted && to > from && span[to - 1] == (byte)'\r' && pos < end)
                {
                    to--;
                }

                if (all is not null)
                {
                    all.Add(System.Text.Encoding.UTF8.GetString(span[from..to]).Trim('\r'));
                }
                else if (column < slotOfColumn.Length && slotOfColumn[column] is var slot and >= 0)
                {
                    fields![slot] = new Range(from, to);
                    selectedSeen++;
                }

                if (last)
                {
                    if (pos < end && span[pos] == (byte)'\r')
                    {
                        pos++;
                        if (pos == end && !eof)
                        {
                            return false;
                        }
                    }

                    next = pos < end ? pos + 1 : end;
                    return true;
                }

                column++;
                pos++;
                if (pos == end)
                {
                    if (!eof)
                    {
                        return false;
                    }

                    next = end; // a trailing comma at the end of the file: the last field is empty
                    return true;
                }

                if (all is null && column >= slotOfColumn.Length)
                {
                    return SkipToRecordEnd(span, pos, out next);
                }
            }
        }

        /// <summary>Past the last column kept only quotes and the newline matter: a newline outside quotes ends the record (a doubled quote is two quotes, so pairs cancel).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool SkipToRecordEnd(ReadOnlySpan<byte> span, int pos, out int next)
        {
            next = end;
            while (true)
            {
                int q = span[pos..].IndexOfAny((byte)'"', (byte)'\n');
                if (q < 0)
                {
                    return eof;
                }

                pos += q;
                if (span[pos] == (byte)'\n')
                {
                    next = pos + 1;
                    return true;
                }

                int close = span[(pos + 1)..].IndexOf((byte)'"');
                if (close < 0)
                {
                    return eof;
                }

                pos += close + 2;
                if (pos >= end)
                {
                    return eof;
                }
            }
        }

        private void Refill()
        {
            if (start > 0)
            {
                Buffer.BlockCopy(block, start, block, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == block.Length)
            {
                Array.Resize(ref block, block.Length * 2);
            }

            int n = stream.Read(block, end, block.Length - end);
            if (n == 0)
            {
                eof = true;
            }

            end += n;
            BytesRead += n;
        }
    }

    /// <summary>Gives each distinct byte string a small integer, without decoding it: the cache of side names a fast reader keeps.</summary>
    private sealed class Utf8Interner
    {
        private readonly Dictionary<int, List<(byte[] Bytes, int Id)>> byHash = [];

        public int Count { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Intern(ReadOnlySpan<byte> name)
        {
            var h = new HashCode();
            h.AddBytes(name);
            int key = h.ToHashCode();
            if (!byHash.TryGetValue(key, out var bucket))
            {
                bucket = [];
                byHash[key] = bucket;
            }

            foreach (var (bytes, id) in bucket)
            {
                if (name.SequenceEqual(bytes))
                {
                    return id;
                }
            }

            bucket.Add((name.ToArray(), Count));
            return Count++;
        }
    }
}
