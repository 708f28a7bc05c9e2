using System.Text;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

/// <summary>
/// The CSV layer every CSV importer shares, against docs/evidence-format.md ("Encoding", "Rows", "Refusals"): what
/// refuses a file (with the exact message), what rejects a row (field and reason), what a record gives by name, and
/// the field parsers' accepted forms and refusals, each worked out from the format rather than from the code.
/// </summary>
public class CsvRecordsTests
{
    private sealed record Seen(long Line, string? Field, string? Reason, int FieldCount, string Raw);

    private static (List<Seen> Rows, List<string> Notices) Read(byte[] bytes, string[] required, string[]? known = null, int limit = ImportLimits.DefaultMaxRecordBytes)
    {
        var notices = new List<string>();
        var rows = CsvRecords.Read(new MemoryStream(bytes), "t.csv", required, known ?? required, new ImportLimits(limit), notices)
            .Select(r => new Seen(r.Line, r.Problem?.Field, r.Problem?.Reason, r.FieldCount, r.Raw))
            .ToList();
        return (rows, notices);
    }

    private static (List<Seen> Rows, List<string> Notices) Read(string text, string[] required, string[]? known = null, int limit = ImportLimits.DefaultMaxRecordBytes) =>
        Read(Encoding.UTF8.GetBytes(text), required, known, limit);

    private static string Refusal(string text, string[] required, int limit = ImportLimits.DefaultMaxRecordBytes) => Refusal(Encoding.UTF8.GetBytes(text), required, limit);

    private static string Refusal(byte[] bytes, string[] required, int limit = ImportLimits.DefaultMaxRecordBytes)
    {
        var ex = Assert.Throws<EvidenceFormatException>(() => Read(bytes, required, limit: limit));
        Assert.Equal("t.csv", ex.File);
        Assert.Equal("t.csv: " + ex.Reason, ex.Message);
        return ex.Reason;
    }

    public class TheHeader
    {
        [Theory]
        [InlineData("")]
        [InlineData("\n")]
        [InlineData("\r\n")]
        [InlineData("\uFEFF")]
        [InlineData("\uFEFF\na,b\n")]
        public void Should_Refuse_A_File_Without_A_Header_Row(string text)
        {
            Assert.Equal("the file is empty: expected a header row", Refusal(text, ["a"]));
        }

        [Fact]
        public void Should_Refuse_A_Header_Longer_Than_The_Record_Limit_Naming_The_Limit()
        {
            var header = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"c{i}"));
            Assert.Equal("the header row is longer than the 1,234-byte record limit", Refusal(header + "\nx\n", ["c0"], limit: 1234));
        }

        [Fact]
        public void Should_Refuse_A_Header_That_Is_Not_Utf8_Naming_The_Offset_Of_The_Bad_Byte()
        {
            byte[] bytes = [.. "\uFEFFid,na"u8, 0xEF, .. "me\n1,2\n"u8];
            Assert.Equal("the header row is not UTF-8 (first bad byte at offset 8); give --encoding if the file uses another encoding", Refusal(bytes, ["id"]));
        }

        [Theory]
        [InlineData("id,na\"me\n")]
        [InlineData("id,\"name\"x\n")]
        [InlineData("id,\"name\n")]
        public void Should_Refuse_A_Header_With_Malformed_Quoting(string text)
        {
            Assert.Equal("the header row has malformed quoting", Refusal(text, ["id"]));
        }

        [Fact]
        public void Should_Refuse_A_Column_Named_Twice_Naming_Both_Positions_After_Trimming()
        {
            Assert.Equal(
                "column 'id' appears twice in the header (columns 2 and 4): which one holds the data is ambiguous",
                Refusal("x,id,y, id \n1,2,3,4\n", ["id"]));
        }

        [Fact]
        public void Should_Allow_Several_Unnamed_Columns_And_Read_The_Named_Ones()
        {
            var (rows, notices) = Read("a,,b,\n1,2,3,4\n", ["a", "b"]);
            Assert.Equal([new Seen(2, null, null, 4, "1,2,3,4")], rows);
            Assert.Empty(notices);
        }

        [Fact]
        public void Should_Refuse_A_File_Missing_Required_Columns_Naming_Each_In_Order_And_The_Header_Size()
        {
            Assert.Equal("missing required column(s): a, c, d (header has 3 columns)", Refusal("b,x, \n1,2,3\n", ["a", "b", "c", "d"]));
        }

        [Fact]
        public void Should_Note_Unknown_Columns_Once_In_Header_Order_And_Nothing_When_Every_Column_Is_Known()
        {
            var (rows, notices) = Read("a,zz,b,yy\n1,2,3,4\n5,6,7,8\n", ["a"], ["a", "b"]);
            Assert.Equal(["ignored unknown column(s): zz, yy"], notices);
            Assert.Equal(2, rows.Count);
            Assert.Empty(Read("b,a\n1,2\n", ["a"], ["a", "b"]).Notices);
        }

        [Fact]
        public void Should_Read_A_Header_Without_Rows_As_No_Rows()
        {
            Assert.Empty(Read("a,b\n", ["a"]).Rows);
            Assert.Empty(Read("a,b", ["a"]).Rows);
        }
    }

    public class TheRows
    {
        [Fact]
        public void Should_Reject_A_Row_With_Another_Number_Of_Fields_Than_The_Header_And_Read_On()
        {
            var (rows, _) = Read("a,b\n1,2,3\n4\n5,6\n", ["a"]);
            Assert.Equal(
                [
                    new Seen(2, "(row)", "has 3 fields but the header has 2: a missing or extra delimiter would shift every column after it", 3, "1,2,3"),
                    new Seen(3, "(row)", "has 1 fields but the header has 2: a missing or extra delimiter would shift every column after it", 1, "4"),
                    new Seen(4, null, null, 2, "5,6"),
                ],
                rows);
        }

        [Fact]
        public void Should_Skip_Blank_Lines_Without_A_Row_And_Keep_Counting_Lines()
        {
            Assert.Equal([new Seen(4, null, null, 2, "1,2"), new Seen(7, null, null, 2, "3,4")], Read("a,b\n\n\r\n1,2\n\n\n3,4\n\n", ["a"]).Rows);
            Assert.Equal([new Seen(3, null, null, 1, "x")], Read("a\n\nx\n", ["a"]).Rows);
        }

        [Fact]
        public void Should_Reject_A_Row_Longer_Than_The_Limit_Saying_How_Much_Was_Skipped()
        {
            var (rows, _) = Read("a,b\n" + new string('x', 1300) + ",1\n1,2\n", ["a"], limit: 1234);
            Assert.Equal(
                [
                    new Seen(2, "(row)", "the record is longer than the 1,234-byte limit (1,302 bytes skipped to the next line)", 0, new string('x', 256)),
                    new Seen(3, null, null, 2, "1,2"),
                ],
                rows);
        }

        [Fact]
        public void Should_Reject_A_Row_That_Is_Not_Utf8_Naming_The_Column_Holding_The_Bad_Byte()
        {
            // Offsets: "a,b,c\n" is 6 bytes, so the first bad byte is at 8; the second row starts at 12 and its bad byte is at 18.
            byte[] bytes = [.. "a,b,c\n1,"u8, 0xFF, .. ",3\n\"x,y\","u8, 0xC0, .. ",1\n"u8];
            var (rows, _) = Read(bytes, ["a"]);
            Assert.Equal(
                [
                    new Seen(2, "b", "not UTF-8: invalid byte at file offset 8 (give --encoding if the file uses another encoding)", 3, "1,\\xff,3"),
                    new Seen(3, "b", "not UTF-8: invalid byte at file offset 18 (give --encoding if the file uses another encoding)", 3, "\"x,y\",\\xc0,1"),
                ],
                rows);
        }

        [Fact]
        public void Should_Name_The_Row_When_The_Bad_Byte_Is_In_An_Unnamed_Column_Or_Past_The_Header()
        {
            byte[] bytes = [.. "a,,c\n1,"u8, 0xFF, .. ",3\n1,2,3,"u8, 0xFF, .. "\n"u8];
            var (rows, _) = Read(bytes, ["a"]);
            Assert.Equal(["(row)", "(row)"], rows.Select(r => r.Field));
            Assert.All(rows, r => Assert.StartsWith("not UTF-8: invalid byte at file offset ", r.Reason, StringComparison.Ordinal));
        }

        [Fact]
        public void Should_Reject_Malformed_Quoting_Before_Counting_Fields()
        {
            var (rows, _) = Read("a,b\n1,x\"y\n\"2\"z,3,4\n5,6\n", ["a"]);
            const string reason = "malformed quoting: a quote inside an unquoted field, text after a closing quote, or a quote that never closes";
            Assert.Equal([new Seen(2, "(row)", reason, 2, "1,x\"y"), new Seen(3, "(row)", reason, 3, "\"2\"z,3,4"), new Seen(4, null, null, 2, "5,6")], rows);
        }
    }

    public class TheRecord
    {
        [Fact]
        public void Should_Give_Each_Column_By_Name_Trimmed_And_Its_Raw_Bytes_By_Name_And_Position()
        {
            var text = "a, b ,c\n 1 ,\" two \",3\n";
            var seen = new List<string>();
            foreach (var r in CsvRecords.Read(Repo.Utf8(text), "t.csv", ["a"], ["a", "b", "c"], ImportLimits.Default, []))
            {
                Assert.Null(r.Problem);
                Assert.Equal(("t.csv", 2L, 3), (r.File, r.Line, r.FieldCount));
                Assert.Equal(("1", "two", "3", ""), (r["a"], r["b"], r["c"], r["missing"]));
                Assert.Equal((" 1 ", " two ", "3"), (Utf8(r.Bytes("a")), Utf8(r.Bytes("b")), Utf8(r.Bytes("c"))));
                Assert.Equal((0, 1, 2, -1), (r.ColumnIndex("a"), r.ColumnIndex("b"), r.ColumnIndex("c"), r.ColumnIndex("missing")));
                Assert.Equal((" 1 ", " two ", "3", ""), (Utf8(r.Bytes(0)), Utf8(r.Bytes(1)), Utf8(r.Bytes(2)), Utf8(r.Bytes(-1))));
                Assert.True(r.Bytes("missing").IsEmpty);
                Assert.Equal((true, false), (r.HasColumn("b"), r.HasColumn("missing")));
                Assert.Equal(new Rejection("t.csv", 2, "b", "why", " 1 ,\" two \",3"), r.Reject("b", "why"));
                seen.Add(r.Raw);
            }

            Assert.Equal([" 1 ,\" two \",3"], seen);
        }

        [Fact]
        public void Should_Give_Columns_Past_The_End_Of_A_Short_Row_As_Empty()
        {
            var seen = 0;
            foreach (var r in CsvRecords.Read(Repo.Utf8("a,b,c\nlong,row,here\n1,2\n"), "t.csv", ["a"], ["a", "b", "c"], ImportLimits.Default, []))
            {
                if (r.Line == 3)
                {
                    Assert.NotNull(r.Problem);
                    Assert.Equal(("1", "2", ""), (r["a"], r["b"], r["c"]));
                    Assert.True(r.Bytes("c").IsEmpty);
                    Assert.True(r.Bytes(2).IsEmpty);
                    Assert.Equal("2", Utf8(r.Bytes(1)));
                    seen++;
                }
            }

            Assert.Equal(1, seen);
        }

        private static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
    }

    public class TheFieldParsers
    {
        [Theory]
        [InlineData("33.5", 33.5)]
        [InlineData("-90", -90.0)]
        [InlineData("90", 90.0)]
        [InlineData("+3.35e1", 33.5)]
        [InlineData(".5", 0.5)]
        public void Should_Read_A_Coordinate_Within_Its_Range(string text, double expected)
        {
            Assert.Null(FieldParse.Coordinate(text, -90, 90, out var value));
            Assert.Equal(expected, value);
        }

        [Theory]
        [InlineData("", "is empty")]
        [InlineData("abc", "'abc' is not a number")]
        [InlineData("NaN", "'NaN' is not a number")]
        [InlineData("-Infinity", "'-Infinity' is not a number")]
        [InlineData("1e400", "'1e400' is not a number")]
        [InlineData("33,5", "'33,5' is not a number")]
        [InlineData("90.0000001", "90.0000001 is outside [-90, 90]")]
        [InlineData("-90.5", "-90.5 is outside [-90, 90]")]
        public void Should_Refuse_A_Coordinate_Saying_Why(string text, string reason)
        {
            Assert.Equal(reason, FieldParse.Coordinate(text, -90, 90, out _));
        }

        [Theory]
        [InlineData("3", 3)]
        [InlineData("1", 1)]
        [InlineData("7", 7)]
        [InlineData("3.0", 3)]
        [InlineData("+4", 4)]
        [InlineData("5e0", 5)]
        public void Should_Read_A_Whole_Number_Within_Its_Range_Also_Written_With_A_Decimal_Point(string text, int expected)
        {
            Assert.Null(FieldParse.Integer(text, 1, 7, out var value));
            Assert.Equal(expected, value);
        }

        [Theory]
        [InlineData("", "is empty")]
        [InlineData("x", "'x' is not a whole number")]
        [InlineData("2.5", "'2.5' is not a whole number")]
        [InlineData("1e10", "'1e10' is not a whole number")]
        [InlineData("-3e9", "'-3e9' is not a whole number")]
        [InlineData("NaN", "'NaN' is not a whole number")]
        [InlineData("0", "0 is outside 1-7")]
        [InlineData("8", "8 is outside 1-7")]
        [InlineData("8.0", "8.0 is outside 1-7")]
        [InlineData("-1.0", "-1.0 is outside 1-7")]
        public void Should_Refuse_A_Whole_Number_Saying_Why(string text, string reason)
        {
            Assert.Equal(reason, FieldParse.Integer(text, 1, 7, out _));
        }

        [Theory]
        [InlineData("2018-03-04")]
        [InlineData("2018-03-04 00:00:00")]
        [InlineData("2018-03-04 00:00:00.000")]
        [InlineData("2018-03-04T00:00:00")]
        [InlineData("2018-03-04T00:00:00Z")]
        [InlineData("2018-03-04 13:45:10")]
        [InlineData("4 March 2018")]
        [InlineData("04 March 2018")]
        [InlineData("4-March-2018")]
        [InlineData("04-Mar-18")]
        [InlineData("04/03/2018")]
        [InlineData(" 2018-03-04 ")]
        public void Should_Read_Each_Documented_Form_Of_4_March_2018_As_That_Day(string text)
        {
            Assert.Null(FieldParse.Date(text, out var day));
            Assert.Equal(new DateOnly(2018, 3, 4), day);
        }

        [Theory]
        [InlineData("2016-02-29", 2016, 2, 29)]
        [InlineData("2018-12-31", 2018, 12, 31)]
        [InlineData("2018-01-01", 2018, 1, 1)]
        [InlineData("0001-01-01", 1, 1, 1)]
        public void Should_Read_The_Edges_Of_The_Calendar(string text, int y, int m, int d)
        {
            Assert.Null(FieldParse.Date(text, out var day));
            Assert.Equal(new DateOnly(y, m, d), day);
        }

        [Theory]
        [InlineData("", "is empty")]
        [InlineData("2018-02-29", "'2018-02-29' is not a date (expected YYYY-MM-DD)")]
        [InlineData("2018-13-01", "'2018-13-01' is not a date (expected YYYY-MM-DD)")]
        [InlineData("2018-00-10", "'2018-00-10' is not a date (expected YYYY-MM-DD)")]
        [InlineData("2018-01-00", "'2018-01-00' is not a date (expected YYYY-MM-DD)")]
        [InlineData("0000-01-01", "'0000-01-01' is not a date (expected YYYY-MM-DD)")]
        [InlineData("2018-03-04 00:00:00Z", "'2018-03-04 00:00:00Z' is not a date (expected YYYY-MM-DD)")]
        [InlineData("2018-03-04T00:00:00.000", "'2018-03-04T00:00:00.000' is not a date (expected YYYY-MM-DD)")]
        [InlineData("2018-03-04X", "'2018-03-04X' is not a date (expected YYYY-MM-DD)")]
        [InlineData("2018-3-4", "'2018-3-4' is not a date (expected YYYY-MM-DD)")]
        [InlineData("+018-03-04", "'+018-03-04' is not a date (expected YYYY-MM-DD)")]
        [InlineData("12/13/2018", "'12/13/2018' is not a date (expected YYYY-MM-DD)")]
        public void Should_Refuse_Other_Dates_Saying_What_Is_Expected(string text, string reason)
        {
            Assert.Equal(reason, FieldParse.Date(text, out _));
        }
    }
}
