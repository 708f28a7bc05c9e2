using System.Text;
using Truce.Text;

namespace Truce.Evidence.Import;

/// <summary>Limits that keep one hostile row or file from costing the run: documented in docs/evidence-format.md.</summary>
/// <param name="MaxRecordBytes">Longest CSV record or NDJSON line read; a longer one is rejected and skipped to the next newline without being held in memory.</param>
/// <param name="MaxFeatureBytes">Largest single GeoJSON feature; a larger one ends the reading of that file (JSON cannot be resynchronised safely).</param>
public sealed record ImportLimits(int MaxRecordBytes = ImportLimits.DefaultMaxRecordBytes, int MaxFeatureBytes = ImportLimits.DefaultMaxFeatureBytes)
{
    /// <summary>1 MiB: a UCDP row with a long source_original is under 10 kB; a megabyte is no real row.</summary>
    public const int DefaultMaxRecordBytes = 1 << 20;

    /// <summary>16 MiB: an evidence feature is a point with properties.</summary>
    public const int DefaultMaxFeatureBytes = 16 << 20;

    /// <summary>The defaults.</summary>
    public static ImportLimits Default { get; } = new();
}

/// <summary>Why a record could not be read as text at all (before any field is looked at).</summary>
internal enum RecordProblem
{
    /// <summary>The record was read whole.</summary>
    None,

    /// <summary>Longer than the limit: skipped to the next newline, not held in memory.</summary>
    TooLong,

    /// <summary>Bytes that are not UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A quoted field that never closes before the end of the file, or text after a closing quote.</summary>
    BadQuoting,
}

/// <summary>A refillable byte window over a stream: the one place that reads, compacts and grows buffers for the record readers.</summary>
internal abstract class Utf8Window(Stream stream, int maxRecordBytes)
{
    protected const int InitialBuffer = 1 << 16;

    private readonly Stream stream = stream ?? throw new ArgumentNullException(nameof(stream));

    protected byte[] Buffer { get; private set; } = new byte[InitialBuffer];

    /// <summary>First unconsumed byte.</summary>
    protected int Start { get; set; }

    /// <summary>One past the last byte read.</summary>
    protected int End { get; private set; }

    protected bool Eof { get; private set; }

    protected int MaxRecordBytes { get; } = maxRecordBytes > 0 ? maxRecordBytes : throw new ArgumentOutOfRangeException(nameof(maxRecordBytes));

    /// <summary>Bytes consumed before <see cref="Buffer"/>[0]: turns buffer positions into file offsets.</summary>
    protected long BaseOffset { get; private set; }

    /// <summary>1-based line of the next unconsumed byte.</summary>
    protected long NextLine { get; set; } = 1;

    /// <summary>Moves the unconsumed bytes to the front and reads more; grows the buffer only while a record needs it, up to the limit.</summary>
    /// <returns>False at the end of the stream (nothing more was read).</returns>
    protected bool Refill()
    {
        if (Eof)
        {
            return false;
        }

        if (Start > 0)
        {
            System.Buffer.BlockCopy(Buffer, Start, Buffer, 0, End - Start);
            BaseOffset += Start;
            End -= Start;
            Start = 0;
        }

        if (End == Buffer.Length)
        {
            // Grow to hold one whole record, but never past the limit (plus a block for the newline that ends it).
            int target = (int)Math.Min((long)Buffer.Length * 2, (long)MaxRecordBytes + InitialBuffer);
            if (target <= Buffer.Length)
            {
                return true; // full: the caller sees a record longer than the limit
            }

            var bigger = new byte[target];
            System.Buffer.BlockCopy(Buffer, 0, bigger, 0, End);
            Buffer = bigger;
        }

        int n = stream.Read(Buffer, End, Buffer.Length - End);
        if (n == 0)
        {
            Eof = true;
            return false;
        }

        End += n;
        return true;
    }

    /// <summary>Drops bytes up to and including the next newline without keeping them; returns how many were dropped.</summary>
    protected long SkipToNextLine()
    {
        long skipped = 0;
        while (true)
        {
            int nl = Buffer.AsSpan(Start, End - Start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                skipped += nl + 1;
                Start += nl + 1;
                NextLine++;
                return skipped;
            }

            skipped += End - Start;
            Start = End;
            if (!Refill())
            {
                return skipped;
            }
        }
    }

    /// <summary>Strips a UTF-8 byte order mark at the very start of the stream.</summary>
    protected void SkipBom()
    {
        while (End - Start < 3 && Refill())
        {
        }

        if (Buffer.AsSpan(Start, End - Start).StartsWith("\uFEFF"u8))
        {
            Start += 3;
        }
    }

    /// <inheritdoc cref="Utf8Text.FirstInvalid"/>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes) => Utf8Text.FirstInvalid(bytes);

    /// <inheritdoc cref="Utf8Text.Describe"/>
    public static string Describe(ReadOnlySpan<byte> bytes) => Utf8Text.Describe(bytes);
}

/// <summary>Streams RFC 4180 records over UTF-8 bytes: quoted fields with doubled quotes and line breaks, LF or CRLF line ends.</summary>
/// <remarks>
/// Fields are byte spans into the current record, valid until the next <see cref="Read"/>. A record longer than the
/// limit is skipped to the next newline (a runaway quote must not swallow the rest of the file), and bytes that are
/// not UTF-8 are reported with their file offset instead of being replaced. Invariant: <see cref="Problem"/> is
/// <see cref="RecordProblem.None"/> exactly when every field of the current record is available.
/// </remarks>
internal sealed class Utf8CsvReader : Utf8Window
{
    private static readonly System.Buffers.SearchValues<byte> FieldStops = System.Buffers.SearchValues.Create(",\n\""u8);

    private (int Start, int Length, bool Scratch)[] fields = new (int, int, bool)[64];
    private byte[] scratch = new byte[256];
    private int scratchUsed;
    private int recordStart;
    private int recordEnd;
    private byte[]? tooLongPrefix;

    public Utf8CsvReader(Stream stream, int maxRecordBytes)
        : base(stream, maxRecordBytes) => SkipBom();

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>1-based physical line the current record starts on.</summary>
    public long Line { get; private set; }

    /// <summary>Byte offset in the file where the current record starts.</summary>
    public long Offset { get; private set; }

    /// <summary>Why the current record could not be read, if it could not.</summary>
    public RecordProblem Problem { get; private set; }

    /// <summary>For <see cref="RecordProblem.InvalidUtf8"/>: the file offset of the first bad byte; for TooLong: bytes skipped.</summary>
    public long ProblemDetail { get; private set; }

    /// <summary>For <see cref="RecordProblem.InvalidUtf8"/>: the 0-based field holding the first bad byte.</summary>
    public int ProblemField { get; private set; }

    /// <summary>The raw bytes of the current record (without its line end); the first bytes only, for an over-long record.</summary>
    public ReadOnlySpan<byte> RawBytes => tooLongPrefix ?? Buffer.AsSpan(recordStart, recordEnd - recordStart);

    /// <summary>A field's bytes, unescaped.</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        var (s, l, inScratch) = fields[index];
        return inScratch ? scratch.AsSpan(s, l) : Buffer.AsSpan(s, l);
    }

    /// <summary>A field as a string (valid UTF-8 is guaranteed when <see cref="Problem"/> is None).</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Whether the record is one empty field (a blank line).</summary>
    public bool IsBlank => FieldCount == 1 && fields[0].Length == 0;

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        Problem = RecordProblem.None;
        ProblemDetail = 0;
        ProblemField = -1;
        while (true)
        {
            if (Start == End && !Refill())
            {
                return false;
            }

            Line = NextLine;
            Offset = BaseOffset + Start;
            tooLongPrefix = null;
            var outcome = Parse();
            if (outcome == ParseOutcome.NeedMore)
            {
                if (End - Start >= MaxRecordBytes && !Eof)
                {
                    SkipTooLong();
                    return true;
                }

                if (!Refill())
                {
                    // The file ends without a final line break, or inside a quoted field.
                    Parse(final: true);
                    CheckLength();
                    return true;
                }

                continue;
            }

            CheckLength();
            return true;
        }
    }

    private void SkipTooLong()
    {
        tooLongPrefix = Buffer.AsSpan(Start, Math.Min(256, End - Start)).ToArray();
        Problem = RecordProblem.TooLong;
        FieldCount = 0;
        ProblemDetail = SkipToNextLine();
    }

    private void CheckLength()
    {
        // The last record of a file can reach the buffer's slack beyond the limit; hold it to the same limit.
        if (recordEnd - recordStart > MaxRecordBytes)
        {
            tooLongPrefix = Buffer.AsSpan(recordStart, Math.Min(256, recordEnd - recordStart)).ToArray();
            Problem = RecordProblem.TooLong;
            ProblemDetail = recordEnd - recordStart;
            FieldCount = 0;
        }
    }

    private enum ParseOutcome
    {
        Done,
        NeedMore,
    }

    private ParseOutcome Parse(bool final = false)
    {
        var buf = Buffer;
        int i = Start, end = End;
        int count = 0;
        scratchUsed = 0;
        long newlines = 0;
        bool badQuote = false;
        while (true)
        {
            // One field starts at i.
            if (count == fields.Length)
            {
                Array.Resize(ref fields, fields.Length * 2);
            }

            if (i < end && buf[i] == (byte)'"')
            {
                int scratchStart = scratchUsed;
                int j = i + 1;
                while (true)
                {
                    int q = buf.AsSpan(j, end - j).IndexOf((byte)'"');
                    if (q < 0)
                    {
                        if (!final)
                        {
                            return ParseOutcome.NeedMore;
                        }

                        // Unclosed quote at the end of the file.
                        Append(buf.AsSpan(j, end - j));
                        newlines += buf.AsSpan(j, end - j).Count((byte)'\n');
                        fields[count++] = (scratchStart, scratchUsed - scratchStart, true);
                        return Finish(end, end, newlines, count, badQuote: true);
                    }

                    Append(buf.AsSpan(j, q));
                    newlines += buf.AsSpan(j, q).Count((byte)'\n');
                    j += q + 1;
                    if (j < end && buf[j] == (byte)'"')
                    {
                        Append("\""u8);
                        j++;
                        continue;
                    }

                    if (j >= end && !final)
                    {
                        return ParseOutcome.NeedMore; // cannot yet tell "" from the closing quote
                    }

                    break;
                }

                fields[count++] = (scratchStart, scratchUsed - scratchStart, true);
                i = j;

                // After the closing quote: a delimiter, a line end or the end of the file; anything else is malformed
                // and is kept as literal text up to the next delimiter, with the record marked.
                int k = i;
                while (k < end && buf[k] != (byte)',' && buf[k] != (byte)'\n')
                {
                    k++;
                }

                if (k >= end && !final)
                {
                    return ParseOutcome.NeedMore;
                }

                if (k > i && !(k == i + 1 && buf[i] == (byte)'\r'))
                {
                    badQuote = true;
                }

                i = k;
            }
            else
            {
                // One scan finds the field's end and any quote in it (a quote inside an unquoted field is malformed).
                var rest = buf.AsSpan(i, end - i);
                int stop = rest.IndexOfAny(FieldStops);
                if (stop >= 0 && rest[stop] == (byte)'"')
                {
                    badQuote = true;
                    int after = rest[stop..].IndexOfAny((byte)',', (byte)'\n');
                    stop = after < 0 ? -1 : stop + after;
                }

                if (stop < 0)
                {
                    if (!final)
                    {
                        return ParseOutcome.NeedMore;
                    }

                    stop = rest.Length;
                }

                int len = stop;
                if (i + stop < end && buf[i + stop] == (byte)'\n' && len > 0 && buf[i + len - 1] == (byte)'\r')
                {
                    len--;
                }
                else if (i + stop == end && len > 0 && buf[i + len - 1] == (byte)'\r')
                {
                    len--;
                }

                fields[count++] = (i, len, false);
                i += stop;
            }

            if (i >= end)
            {
                return Finish(end, end, newlines, count, badQuote);
            }

            if (buf[i] == (byte)',')
            {
                i++;
                if (i >= end && !final)
                {
                    return ParseOutcome.NeedMore;
                }

                continue;
            }

            // A line end closes the record.
            int contentEnd = i > Start && buf[i - 1] == (byte)'\r' ? i - 1 : i;
            return Finish(contentEnd, i + 1, newlines + 1, count, badQuote);
        }
    }

    private ParseOutcome Finish(int contentEnd, int next, long newlines, int count, bool badQuote)
    {
        recordStart = Start;
        recordEnd = contentEnd;
        FieldCount = count;
        Start = next;
        NextLine += newlines;
        if (badQuote)
        {
            Problem = RecordProblem.BadQuoting;
        }

        int bad = FirstInvalidUtf8(Buffer.AsSpan(recordStart, recordEnd - recordStart));
        if (bad >= 0)
        {
            Problem = RecordProblem.InvalidUtf8;
            ProblemDetail = BaseOffset + recordStart + bad;
            ProblemField = FieldAt(recordStart + bad);
        }

        return ParseOutcome.Done;
    }

    private int FieldAt(int bufferPosition)
    {
        // Count unquoted delimiters before the position: good enough to name the column for a message.
        int field = 0;
        bool quoted = false;
        for (int i = recordStart; i < bufferPosition; i++)
        {
            if (Buffer[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (Buffer[i] == (byte)',' && !quoted)
            {
                field++;
            }
        }

        return field;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (scratchUsed + bytes.Length > scratch.Length)
        {
            Array.Resize(ref scratch, Math.Max(scratch.Length * 2, scratchUsed + bytes.Length));
        }

        bytes.CopyTo(scratch.AsSpan(scratchUsed));
        scratchUsed += bytes.Length;
    }
}

/// <summary>Streams the lines of a UTF-8 file (NDJSON), with the same limits and UTF-8 checks as the CSV reader.</summary>
internal sealed class Utf8LineReader : Utf8Window
{
    private int lineStart;
    private int lineEnd;

    public Utf8LineReader(Stream stream, int maxRecordBytes)
        : base(stream, maxRecordBytes) => SkipBom();

    /// <summary>1-based number of the current line.</summary>
    public long Line { get; private set; }

    /// <summary>Why the current line could not be read, if it could not.</summary>
    public RecordProblem Problem { get; private set; }

    /// <summary>File offset of the first invalid byte, or the number of bytes skipped for an over-long line.</summary>
    public long ProblemDetail { get; private set; }

    /// <summary>The line's bytes without its line end (the first bytes only, for an over-long line).</summary>
    public ReadOnlySpan<byte> Bytes => tooLong is not null ? tooLong : Buffer.AsSpan(lineStart, lineEnd - lineStart);

    private byte[]? tooLong;

    /// <summary>Moves to the next line; false at the end of the file.</summary>
    public bool Read()
    {
        Problem = RecordProblem.None;
        tooLong = null;
        while (true)
        {
            if (Start == End && !Refill())
            {
                return false;
            }

            Line = NextLine;
            int nl = Buffer.AsSpan(Start, End - Start).IndexOf((byte)'\n');
            if (nl < 0 && !Eof)
            {
                if (End - Start >= MaxRecordBytes)
                {
                    tooLong = Buffer.AsSpan(Start, Math.Min(256, End - Start)).ToArray();
                    Problem = RecordProblem.TooLong;
                    ProblemDetail = SkipToNextLine();
                    return true;
                }

                if (Refill())
                {
                    continue;
                }
            }

            int end = nl < 0 ? End : Start + nl;
            lineStart = Start;
            lineEnd = end > Start && Buffer[end - 1] == (byte)'\r' ? end - 1 : end;
            Start = nl < 0 ? End : end + 1;
            NextLine++;
            int bad = FirstInvalidUtf8(Buffer.AsSpan(lineStart, lineEnd - lineStart));
            if (bad >= 0)
            {
                Problem = RecordProblem.InvalidUtf8;
                ProblemDetail = BaseOffset + lineStart + bad;
            }

            return true;
        }
    }
}
