using System.Text;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

/// <summary>
/// The byte-level record readers against RFC 4180 and docs/evidence-format.md ("Limits", "Encoding", "Rows"), on
/// inputs written here with their fields, lines and offsets worked out by hand. Each input is also served a few bytes
/// at a time (1, 2, 3, 7 bytes a read), so that every boundary the readers handle (a quote, a CR, a delimiter, a byte
/// order mark) falls between two reads somewhere: the answer must not depend on how the stream is cut.
/// </summary>
public class Utf8RecordsTests
{
    /// <summary>Every way a stream is served here: whole, and a few bytes a read.</summary>
    public static TheoryData<int> Chunks => new() { 1, 2, 3, 7, 1 << 20 };

    private sealed record CsvRow(long Line, long Offset, string Problem, long Detail, int ProblemField, string[] Fields, string Raw);

    private static List<CsvRow> ReadCsv(byte[] bytes, int chunk = 1 << 20, int limit = ImportLimits.DefaultMaxRecordBytes)
    {
        var reader = new Utf8CsvReader(new ChunkedStream(bytes, chunk), limit);
        var rows = new List<CsvRow>();
        while (reader.Read())
        {
            var fields = Enumerable.Range(0, reader.FieldCount).Select(i => Encoding.UTF8.GetString(reader.Field(i))).ToArray();
            rows.Add(new CsvRow(reader.Line, reader.Offset, reader.Problem.ToString(), reader.ProblemDetail, reader.ProblemField, fields, Utf8Window.Describe(reader.RawBytes)));
        }

        Assert.False(reader.Read(), "a reader at the end stays at the end");
        return rows;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public class TheCsvReader
    {
        // Line 1 ends in CRLF; the quoted field of line 2 holds a line break, so the next record starts on line 4;
        // line 4 is two empty quoted fields, line 5 a blank line, line 6 ends the file without a line break.
        private const string Mixed = "a,\"b \"\"q\"\" c\",,d\r\n\"multi\nline\",x\n\"\",\"\"\n\nlast,no newline";

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Split_Fields_Unescape_Doubled_Quotes_And_Number_Physical_Lines(int chunk)
        {
            var rows = ReadCsv(Bytes(Mixed), chunk);
            Assert.Equal(
                [
                    new CsvRow(1, 0, "None", 0, -1, ["a", "b \"q\" c", "", "d"], "a,\"b \"\"q\"\" c\",,d"),
                    new CsvRow(2, Mixed.IndexOf("\"multi", StringComparison.Ordinal), "None", 0, -1, ["multi\nline", "x"], "\"multi\nline\",x"),
                    new CsvRow(4, Mixed.IndexOf("\"\",\"\"", StringComparison.Ordinal), "None", 0, -1, ["", ""], "\"\",\"\""),
                    new CsvRow(5, Mixed.IndexOf("\n\nlast", StringComparison.Ordinal) + 1, "None", 0, -1, [""], ""),
                    new CsvRow(6, Mixed.IndexOf("last", StringComparison.Ordinal), "None", 0, -1, ["last", "no newline"], "last,no newline"),
                ],
                rows,
                RowComparer.Instance);
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Take_A_Blank_Line_As_One_Empty_Field_And_Two_Empty_Fields_As_Not_Blank(int chunk)
        {
            var reader = new Utf8CsvReader(new ChunkedStream(Bytes("\n,\n\"\"\nx\n"), chunk), 1000);
            var blank = new List<(int Count, bool Blank)>();
            while (reader.Read())
            {
                blank.Add((reader.FieldCount, reader.IsBlank));
            }

            // A quoted empty field alone is a blank record too: one field, no text.
            Assert.Equal([(1, true), (2, false), (1, true), (1, false)], blank);
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Strip_A_Carriage_Return_Only_Before_A_Line_Feed_Or_The_End_Of_The_File(int chunk)
        {
            var rows = ReadCsv(Bytes("a\rb,c\r\n\"q\"\r\n,\r\nx,y\r"), chunk);
            Assert.Equal([["a\rb", "c"], ["q"], ["", ""], ["x", "y"]], rows.Select(r => r.Fields));
            Assert.Equal(["a\rb,c", "\"q\"", ","], rows.Take(3).Select(r => r.Raw));
            Assert.Equal([1L, 2, 3, 4], rows.Select(r => r.Line));
            Assert.All(rows, r => Assert.Equal("None", r.Problem));
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Keep_An_Empty_Last_Field_After_A_Final_Delimiter(int chunk)
        {
            Assert.Equal([["a", ""], ["b", ""]], ReadCsv(Bytes("a,\nb,"), chunk).Select(r => r.Fields));
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Read_More_Than_64_Fields_And_Quoted_Fields_Longer_Than_Its_Scratch_Buffer(int chunk)
        {
            var fields = Enumerable.Range(0, 150).Select(i => $"f{i}").ToArray();
            var longText = new string('x', 700) + "\"" + new string('y', 700);
            fields[3] = longText;
            fields[140] = longText + "z";
            var line = string.Join(",", fields.Select(f => f.Contains('"') ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));
            var rows = ReadCsv(Bytes(line + "\n" + line + "\n"), chunk);
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal(fields, r.Fields));
            Assert.Equal([1L, 2], rows.Select(r => r.Line));
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Mark_A_Quote_Inside_An_Unquoted_Field_Or_Text_After_A_Closing_Quote_And_Read_On(int chunk)
        {
            var rows = ReadCsv(Bytes("ab\"c,d\nok,1\n\"ab\"c,d\nok,2\n\"ab\" ,d\nok,3\n\"ab\"\"\",d\n"), chunk);
            Assert.Equal(["BadQuoting", "None", "BadQuoting", "None", "BadQuoting", "None", "None"], rows.Select(r => r.Problem));
            Assert.Equal([1L, 2, 3, 4, 5, 6, 7], rows.Select(r => r.Line));
            Assert.Equal(["ab\"c", "d"], rows[0].Fields);
            Assert.Equal(["ok", "3"], rows[5].Fields);
            Assert.Equal(["ab\"", "d"], rows[6].Fields);
            Assert.Equal(["ab\"c,d", "\"ab\"c,d", "\"ab\" ,d"], new[] { rows[0], rows[2], rows[4] }.Select(r => r.Raw));
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Mark_A_Quote_That_Never_Closes_And_Keep_The_Rest_Of_The_File_In_Its_Field(int chunk)
        {
            var rows = ReadCsv(Bytes("ok,1\nx,\"open\nstill, open\n"), chunk);
            Assert.Equal(2, rows.Count);
            Assert.Equal(new CsvRow(2, 5, "BadQuoting", 0, -1, ["x", "open\nstill, open\n"], "x,\"open\nstill, open\n"), rows[1], RowComparer.Instance);
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Locate_A_Byte_That_Is_Not_Utf8_By_File_Offset_And_Field_And_Read_On(int chunk)
        {
            // A byte order mark, a header, a record longer than the first buffer (64 KiB), then the bad record: its offset
            // counts every byte of the file before it. Quoted commas do not separate fields.
            var big = new string('a', 70_000) + ",b\n";
            var bytes = Concat(Bytes("\uFEFFh1,h2,h3\n" + big + "x,\"a,b\","), [0xFF], Bytes("z\n\"a,"), [0xC3], Bytes("\",q\nok,ok,ok\n"));
            var rows = ReadCsv(bytes, chunk);
            int first = Array.IndexOf(bytes, (byte)0xFF), second = Array.IndexOf(bytes, (byte)0xC3);
            Assert.Equal(5, rows.Count);
            Assert.Equal((3L, "InvalidUtf8", (long)first, 2), (rows[2].Line, rows[2].Problem, rows[2].Detail, rows[2].ProblemField));
            Assert.Equal("x,\"a,b\",\\xffz", rows[2].Raw);
            Assert.Equal((4L, "InvalidUtf8", (long)second, 0), (rows[3].Line, rows[3].Problem, rows[3].Detail, rows[3].ProblemField));
            Assert.Equal(new CsvRow(5, second + 5, "None", 0, -1, ["ok", "ok", "ok"], "ok,ok,ok"), rows[4], RowComparer.Instance);
            Assert.Equal((3L, 12L), (rows[0].Offset, rows[1].Offset));
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Strip_A_Byte_Order_Mark_At_The_Start_Only(int chunk)
        {
            var rows = ReadCsv(Bytes("\uFEFFa,b\n\uFEFFc,d\n"), chunk);
            Assert.Equal([["a", "b"], ["\uFEFFc", "d"]], rows.Select(r => r.Fields));
            Assert.Equal([3L, 7], rows.Select(r => r.Offset));
        }

        [Theory]
        [InlineData("")]
        [InlineData("\uFEFF")]
        public void Should_Find_No_Record_In_An_Empty_File_Or_A_Byte_Order_Mark_Alone(string text)
        {
            Assert.Empty(ReadCsv(Bytes(text)));
            Assert.Empty(ReadCsv(Bytes(text), chunk: 1));
        }

        [Theory]
        [InlineData("a")]
        [InlineData("ab")]
        [InlineData("\uFEFFa")]
        public void Should_Read_A_File_Shorter_Than_A_Byte_Order_Mark(string text)
        {
            Assert.Equal([[text.TrimStart('\uFEFF')]], ReadCsv(Bytes(text), chunk: 1).Select(r => r.Fields));
        }

        [Fact]
        public void Should_Skip_A_Record_Longer_Than_Its_Buffer_To_The_Next_Line_Without_Holding_It()
        {
            // 70,000 bytes do not fit the first 64 KiB read: the reader skips to the newline, counting what it skipped.
            var bytes = Bytes("h\n" + new string('a', 70_000) + "\nok\n");
            var rows = ReadCsv(bytes, limit: 1000);
            Assert.Equal(3, rows.Count);
            Assert.Equal(new CsvRow(2, 2, "TooLong", 70_001, -1, [], new string('a', 256)), rows[1], RowComparer.Instance);
            Assert.Equal(new CsvRow(3, 70_003, "None", 0, -1, ["ok"], "ok"), rows[2], RowComparer.Instance);
        }

        [Fact]
        public void Should_Refuse_A_Record_One_Byte_Over_The_Limit_And_Accept_One_At_The_Limit()
        {
            var at = new string('a', 999) + ",";
            var over = new string('b', 1000) + ",";
            var rows = ReadCsv(Bytes($"{at}\n{over}\n{at}\n{over}"), limit: 1000);
            Assert.Equal(["None", "TooLong", "None", "TooLong"], rows.Select(r => r.Problem));
            Assert.Equal([1L, 2, 3, 4], rows.Select(r => r.Line));
            Assert.Equal([new string('a', 999), string.Empty], rows[0].Fields);
            Assert.Equal((1001L, 0, new string('b', 256)), (rows[1].Detail, rows[1].Fields.Length, rows[1].Raw));
            Assert.Equal((1001L, new string('b', 256)), (rows[3].Detail, rows[3].Raw));
        }

        [Fact]
        public void Should_Show_Only_The_Over_Long_Records_Own_Bytes_Under_A_Limit_Below_256_Bytes()
        {
            var rows = ReadCsv(Bytes("h\n" + new string('a', 20) + "\nok\n"), limit: 10);
            Assert.Equal(["None", "TooLong", "None"], rows.Select(r => r.Problem));
            Assert.Equal((20L, new string('a', 20)), (rows[1].Detail, rows[1].Raw));
            Assert.Equal(["ok"], rows[2].Fields);
        }

        [Fact]
        public void Should_Reject_An_Over_Long_Record_Ending_Near_The_End_Of_A_Read_Under_A_Limit_Below_256_Bytes()
        {
            // An over-long record ending 16 bytes before the end of the first 64 KiB read: 256 bytes from its start lie past the buffer.
            var filler = string.Concat(Enumerable.Repeat("ab\n", 65_500 / 3)) + "\n";
            Assert.Equal(65_500, filler.Length);
            var rows = ReadCsv(Bytes(filler + new string('a', 20) + "\nok\n"), limit: 10);
            Assert.Equal((20L, new string('a', 20)), (rows[^2].Detail, rows[^2].Raw));
            Assert.Equal(["ok"], rows[^1].Fields);
        }

        [Fact]
        public void Should_Refuse_A_Missing_Stream_Or_A_Limit_Below_One_Byte()
        {
            Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => new Utf8CsvReader(null!, 10)).ParamName);
            Assert.Equal("maxRecordBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new Utf8CsvReader(new MemoryStream(), 0)).ParamName);
            Assert.Equal("maxRecordBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new Utf8LineReader(new MemoryStream(), -1)).ParamName);
            Assert.Equal([["a"]], ReadCsv(Bytes("a\n"), limit: 1).Select(r => r.Fields));
        }
    }

    public class TheLineReader
    {
        private sealed record LineRow(long Line, string Problem, long Detail, string Text);

        private static List<LineRow> ReadLines(byte[] bytes, int chunk = 1 << 20, int limit = ImportLimits.DefaultMaxRecordBytes)
        {
            var reader = new Utf8LineReader(new ChunkedStream(bytes, chunk), limit);
            var lines = new List<LineRow>();
            while (reader.Read())
            {
                lines.Add(new LineRow(reader.Line, reader.Problem.ToString(), reader.Problem == RecordProblem.None ? 0 : reader.ProblemDetail, Utf8Window.Describe(reader.Bytes)));
            }

            Assert.False(reader.Read());
            return lines;
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Number_Lines_And_Strip_Crlf_A_Byte_Order_Mark_And_Nothing_Else(int chunk)
        {
            var lines = ReadLines(Bytes("\uFEFF\none\r\ntwo\rthree\n\r\n\uFEFFlast\r"), chunk);
            Assert.Equal(
                [
                    new LineRow(1, "None", 0, ""),
                    new LineRow(2, "None", 0, "one"),
                    new LineRow(3, "None", 0, "two\rthree"),
                    new LineRow(4, "None", 0, ""),
                    new LineRow(5, "None", 0, "\uFEFFlast"),
                ],
                lines);
        }

        [Theory]
        [MemberData(nameof(Chunks), MemberType = typeof(Utf8RecordsTests))]
        public void Should_Locate_A_Byte_That_Is_Not_Utf8_By_File_Offset_And_Read_On(int chunk)
        {
            var bytes = Concat(Bytes("\uFEFF" + new string('a', 70_000) + "\nb"), [0xFE], Bytes("c\nok"));
            Assert.Equal(
                [
                    new LineRow(1, "None", 0, new string('a', 70_000)),
                    new LineRow(2, "InvalidUtf8", 70_005, "b\\xfec"),
                    new LineRow(3, "None", 0, "ok"),
                ],
                ReadLines(bytes, chunk));
        }

        [Fact]
        public void Should_Skip_A_Line_Longer_Than_The_Limit_To_The_Next_Line_Counting_What_It_Skipped()
        {
            Assert.Equal(
                [
                    new LineRow(1, "None", 0, "first"),
                    new LineRow(2, "TooLong", 70_001, new string('a', 256)),
                    new LineRow(3, "None", 0, "next"),
                ],
                ReadLines(Bytes("first\n" + new string('a', 70_000) + "\nnext\n"), limit: 1000));
        }

        [Fact]
        public void Should_Skip_An_Endless_Last_Line_To_The_End_Of_The_File()
        {
            Assert.Equal(
                [new LineRow(1, "None", 0, "first"), new LineRow(2, "TooLong", 70_000, new string('a', 256))],
                ReadLines(Bytes("first\n" + new string('a', 70_000)), limit: 1000));
        }
    }

    /// <summary>Rows compared field by field (records holding arrays compare arrays by reference).</summary>
    private sealed class RowComparer : IEqualityComparer<CsvRow>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(CsvRow? x, CsvRow? y) => x is not null && y is not null
            && (x.Line, x.Offset, x.Problem, x.Detail, x.ProblemField, x.Raw) == (y.Line, y.Offset, y.Problem, y.Detail, y.ProblemField, y.Raw)
            && x.Fields.SequenceEqual(y.Fields);

        public int GetHashCode(CsvRow obj) => obj.Line.GetHashCode();
    }
}
