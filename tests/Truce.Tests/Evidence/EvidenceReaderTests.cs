using System.IO.Compression;
using System.Text;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

/// <summary>
/// Choosing the importer and preparing the bytes, against docs/evidence-format.md: the extension decides the format
/// (the inner one under .gz), a CSV header decides UCDP or ACLED, gzip is unpacked, UTF-16 with a byte order mark and
/// a named encoding are transcoded, and plain UTF-8 is read as it is, bad bytes included.
/// </summary>
public class EvidenceReaderTests
{
    private const string UcdpRow = "77,1,Government of Syria,Ḥalab Front,1,33.5,36.3,1,2018-03-04,2018-03-04";

    private static readonly string UcdpCsv = "id,type_of_violence,side_a,side_b,where_prec,latitude,longitude,date_prec,date_start,date_end\n" + UcdpRow + "\n";

    private const string NdjsonLine = """{"id":"n-1","date":"2018-09-12","lat":33.05,"lon":36.0,"location_precision_km":2,"activity":"presence","actors":[{"name":"Hezbollah"}],"source":"reuters"}""";

    private static (string Format, List<ImportRow> Rows, List<string> Notices) Open(Stream stream, string file, Encoding? encoding = null, ImportContext? context = null)
    {
        var notices = new List<string>();
        var (format, rows) = EvidenceReader.Open(stream, file, context ?? Repo.Import(), notices, encoding);
        return (format, [.. rows], notices);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return output.ToArray();
    }

    public class TheFormat
    {
        [Theory]
        [InlineData("a.ndjson", "ndjson")]
        [InlineData("a.JSONL", "ndjson")]
        [InlineData("a.ndjson.gz", "ndjson")]
        [InlineData("a.geojson", "geojson")]
        [InlineData("dir.csv/a.json", "geojson")]
        [InlineData("a.GeoJSON.GZ", "geojson")]
        public void Should_Take_The_Json_Formats_From_The_Extension_Alone(string file, string format)
        {
            Assert.Equal(format, EvidenceReader.DetectFormat(file, "where_prec,side_a"));
            Assert.Equal(format, EvidenceReader.DetectFormat(file, null));
        }

        [Theory]
        [InlineData("where_prec,side_a", "ucdp-ged")]
        [InlineData("\uFEFF\"where_prec\" , \"side_a\"", "ucdp-ged")]
        [InlineData("x,side_b,y,dyad_name", "ucdp-ged")]
        [InlineData("event_id_cnty,geo_precision", "acled")]
        [InlineData("\uFEFF \"actor1\",\"event_date\" ", "acled")]
        [InlineData("where_prec,side_a,event_id_cnty,geo_precision", "ucdp-ged")]
        public void Should_Tell_Ucdp_From_Acled_By_The_Csv_Header_Trimmed_And_Unquoted(string header, string format)
        {
            Assert.Equal(format, EvidenceReader.DetectFormat("e.csv", header));
            Assert.Equal(format, EvidenceReader.DetectFormat("e.CSV.gz", header));
        }

        [Theory]
        [InlineData("id,lat,lon")]
        [InlineData("where_prec")]
        [InlineData("Where_Prec,Side_A")]
        [InlineData("")]
        [InlineData(null)]
        public void Should_Refuse_A_Csv_File_That_Is_Neither(string? header)
        {
            var ex = Assert.Throws<EvidenceFormatException>(() => EvidenceReader.DetectFormat("dir/e.csv", header));
            Assert.Equal(("dir/e.csv", "a CSV file must be UCDP GED (columns where_prec, side_a, type_of_violence, …) or ACLED (columns event_id_cnty, geo_precision, …)"), (ex.File, ex.Reason));
        }

        [Theory]
        [InlineData("a.txt", ".txt")]
        [InlineData("a.gz", "")]
        [InlineData("a.tar.gz", ".tar")]
        [InlineData("README", "")]
        [InlineData("a.XLSX", ".xlsx")]
        public void Should_Refuse_Another_Extension_Naming_It(string file, string ext)
        {
            var ex = Assert.Throws<EvidenceFormatException>(() => EvidenceReader.DetectFormat(file, "where_prec,side_a"));
            Assert.Equal($"unknown evidence file type '{ext}': use .csv (UCDP GED or ACLED), .ndjson or .geojson, optionally gzip-compressed (.csv.gz)", ex.Reason);
            Assert.Equal(ext, EvidenceReader.FormatExtension(file));
        }

        [Fact]
        public void Should_Refuse_A_Missing_File_Name_Stream_Or_Context()
        {
            Assert.Equal("file", Assert.Throws<ArgumentNullException>(() => EvidenceReader.DetectFormat(null!, null)).ParamName);
            Assert.Equal("file", Assert.Throws<ArgumentNullException>(() => EvidenceReader.FormatExtension(null!)).ParamName);
            Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => EvidenceReader.Open(null!, "a.csv", Repo.Import(), [])).ParamName);
            Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => EvidenceReader.Open(new MemoryStream(), "a.csv", null!, [])).ParamName);
        }
    }

    public class TheCsvHeader
    {
        [Fact]
        public void Should_Read_The_Header_Again_As_The_First_Record_After_Detecting_The_Format()
        {
            var (format, rows, notices) = Open(Repo.Utf8(UcdpCsv), "e.csv");
            Assert.Equal("ucdp-ged", format);
            var e = Assert.Single(rows).Evidence!;
            Assert.Equal(("ucdp-ged:77", 2L), (e.Id, e.Origin.Line));
            Assert.Equal(["Government of Syria", "Ḥalab Front"], e.Actors.Select(a => a.Name));
            Assert.Equal(9, notices.Count);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(4096)]
        public void Should_Find_The_Distinctive_Columns_At_The_End_Of_A_Header_Longer_Than_A_Read(int chunk)
        {
            // 1,400 unknown columns (about 10 kB) before UCDP's: the header spans several 4 kB reads.
            var filler = string.Join(",", Enumerable.Range(0, 1400).Select(i => $"x{i:0000}"));
            var header = filler + ",id,type_of_violence,side_a,side_b,where_prec,latitude,longitude,date_prec,date_start,date_end";
            var row = string.Join(",", Enumerable.Repeat("", 1400)) + "," + UcdpRow;
            var (format, rows, notices) = Open(new ChunkedStream(Encoding.UTF8.GetBytes(header + "\n" + row + "\n"), chunk), "e.csv");
            Assert.Equal("ucdp-ged", format);
            Assert.Equal("ucdp-ged:77", Assert.Single(rows).Evidence!.Id);
            Assert.StartsWith("ignored unknown column(s): x0000, x0001,", notices[0], StringComparison.Ordinal);
        }

        [Fact]
        public void Should_Replay_A_Header_Longer_Than_The_Readers_First_Buffer()
        {
            // 12,000 unknown columns (about 96 kB): the replayed first line alone is longer than the CSV reader's 64 kB buffer.
            var filler = string.Join(",", Enumerable.Range(0, 12_000).Select(i => $"x{i:00000}"));
            var header = "id,type_of_violence,side_a,side_b,where_prec,latitude,longitude,date_prec,date_start,date_end," + filler;
            Assert.True(header.Length > 1 << 16);
            var row = UcdpRow + "," + string.Join(",", Enumerable.Repeat("", 12_000));
            var (format, rows, _) = Open(Repo.Utf8(header + "\n" + row + "\n" + row.Replace("77,", "78,", StringComparison.Ordinal) + "\n"), "e.csv");
            Assert.Equal("ucdp-ged", format);
            Assert.Equal(["ucdp-ged:77", "ucdp-ged:78"], rows.Select(r => r.Evidence!.Id));
        }

        [Fact]
        public void Should_Decide_The_Format_From_The_First_Line_Only()
        {
            // An ACLED file whose first row's notes name two UCDP columns is still ACLED.
            const string header = "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,latitude,longitude,geo_precision,notes";
            const string row = "SYR1,2018-07-06,1,Battles,Armed clash,Hezbollah,Opposition Rebels (Syria),32.5,36.2,1,\"where_prec,side_a\"";
            var (format, rows, _) = Open(Repo.Utf8(header + "\n" + row + "\n"), "e.csv");
            Assert.Equal("acled", format);
            Assert.Equal("acled:SYR1", Assert.Single(rows).Evidence!.Id);
        }

        [Fact]
        public void Should_Read_A_Header_Without_A_Line_Break_As_A_File_Without_Rows()
        {
            var (format, rows, _) = Open(Repo.Utf8("id,type_of_violence,side_a,side_b,where_prec,latitude,longitude,date_prec,date_start,date_end"), "e.csv");
            Assert.Equal(("ucdp-ged", 0), (format, rows.Count));
        }
    }

    public class TheBytes
    {
        [Theory]
        [InlineData("e.csv.gz")]
        [InlineData("e.CSV.GZ")]
        public void Should_Unpack_Gzip_Whatever_The_Case_Of_Its_Extension(string file)
        {
            var (format, rows, _) = Open(new MemoryStream(Gzip(Encoding.UTF8.GetBytes(UcdpCsv))), file);
            Assert.Equal("ucdp-ged", format);
            Assert.Equal("ucdp-ged:77", Assert.Single(rows).Evidence!.Id);
        }

        [Fact]
        public void Should_Keep_The_Rows_Before_Gzip_Damage_And_Then_Refuse_The_Rest_Of_The_File()
        {
            var lines = string.Concat(Enumerable.Range(0, 20_000).Select(i => NdjsonLine.Replace("n-1", $"n-{i}", StringComparison.Ordinal) + "\n"));
            var gz = Gzip(Encoding.UTF8.GetBytes(lines));
            for (int i = gz.Length / 2; i < gz.Length / 2 + 64; i++)
            {
                gz[i] ^= 0x5A;
            }

            var read = new List<ImportRow>();
            var (format, rows) = EvidenceReader.Open(new MemoryStream(gz), "e.ndjson.gz", Repo.Import(), []);
            var ex = Assert.Throws<EvidenceFormatException>(() =>
            {
                foreach (var r in rows)
                {
                    read.Add(r);
                }
            });
            Assert.Equal("ndjson", format);
            Assert.Equal(("e.ndjson.gz", "not gzip data, or damaged gzip data: the rest of the file was not read"), (ex.File, ex.Reason));
            Assert.IsType<InvalidDataException>(ex.InnerException);
            Assert.True(read.Count >= 1000, $"{read.Count} rows before the damage");
            Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"reuters:n-{i}"), read.Take(1000).Select(r => r.Evidence!.Id));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(1 << 20)]
        public void Should_Transcode_Utf16_Either_Way_Round_When_It_Starts_With_A_Byte_Order_Mark(int chunk)
        {
            foreach (var utf16 in new[] { Encoding.Unicode, Encoding.BigEndianUnicode })
            {
                byte[] bytes = [.. utf16.GetPreamble(), .. utf16.GetBytes(UcdpCsv)];
                var (format, rows, _) = Open(new ChunkedStream(bytes, chunk), "e.csv");
                Assert.Equal("ucdp-ged", format);
                Assert.Equal(["Government of Syria", "Ḥalab Front"], Assert.Single(rows).Evidence!.Actors.Select(a => a.Name));

                var (_, lines, _) = Open(new ChunkedStream([.. utf16.GetPreamble(), .. utf16.GetBytes(NdjsonLine + "\n")], chunk), "e.ndjson");
                Assert.Equal("reuters:n-1", Assert.Single(lines).Evidence!.Id);
            }
        }

        [Fact]
        public void Should_Read_A_Named_Encoding_And_Leave_Utf8_Named_Or_Not_As_It_Is()
        {
            byte[] latin1 = [.. Encoding.Latin1.GetBytes(UcdpCsv.Replace("Ḥalab Front", "Dar\u00e1yy\u00e1", StringComparison.Ordinal))];
            var (_, rows, _) = Open(new MemoryStream(latin1), "e.csv", Encoding.Latin1);
            Assert.Equal("Daráyyá", Assert.Single(rows).Evidence!.Actors[1].Name);

            // The same bytes read as UTF-8, whether or not UTF-8 is named: the row is rejected with the bad byte's offset, not repaired.
            int offset = Array.IndexOf(latin1, (byte)0xE1);
            foreach (var encoding in new[] { null, Encoding.UTF8, new UTF8Encoding(false) })
            {
                var r = Assert.Single(Open(new MemoryStream(latin1), "e.csv", encoding).Rows).Rejection!;
                Assert.Equal(("side_b", $"not UTF-8: invalid byte at file offset {offset} (give --encoding if the file uses another encoding)"), (r.Field, r.Reason));
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(1 << 20)]
        public void Should_Read_Files_Shorter_Than_A_Byte_Order_Mark(int chunk)
        {
            Assert.Empty(Open(new ChunkedStream([], chunk), "e.ndjson").Rows);
            var r = Assert.Single(Open(new ChunkedStream("x"u8.ToArray(), chunk), "e.ndjson").Rows).Rejection!;
            Assert.Equal((1L, "(json)", "x"), (r.Line, r.Field, r.Raw));
            r = Assert.Single(Open(new ChunkedStream([0xFF], chunk), "e.ndjson").Rows).Rejection!;
            Assert.Equal(("(line)", "not UTF-8: invalid byte at file offset 0 (give --encoding if the file uses another encoding)"), (r.Field, r.Reason));
            Assert.Equal("reuters:n-1", Assert.Single(Open(new ChunkedStream(Encoding.UTF8.GetBytes(NdjsonLine), chunk), "e.ndjson").Rows).Evidence!.Id);
        }

        [Fact]
        public void Should_Not_Take_Bytes_That_Only_Start_Like_A_Utf16_Mark_For_One()
        {
            // 0xFF then a byte other than 0xFE: UTF-8 with a bad first byte, not UTF-16.
            var r = Assert.Single(Open(new MemoryStream([0xFF, (byte)'{', (byte)'}', (byte)'\n']), "e.ndjson").Rows).Rejection!;
            Assert.Equal("not UTF-8: invalid byte at file offset 0 (give --encoding if the file uses another encoding)", r.Reason);
            r = Assert.Single(Open(new MemoryStream([0xFE, 0xFE, (byte)'\n']), "e.ndjson").Rows).Rejection!;
            Assert.Equal("not UTF-8: invalid byte at file offset 0 (give --encoding if the file uses another encoding)", r.Reason);
        }

        [Fact]
        public void Should_Read_Each_Json_Format_Through_Its_Importer()
        {
            var (format, rows, _) = Open(Repo.Utf8(NdjsonLine + "\n"), "e.jsonl");
            Assert.Equal(("ndjson", "ndjson"), (format, Assert.Single(rows).Evidence!.Origin.Format));
            const string feature = """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[36.0,33.05]},"properties":{"id":"g","date":"2018-09-12","location_precision_km":2,"activity":"presence","actors":[{"name":"Hezbollah"}],"source":"reuters"}}]}""";
            (format, rows, _) = Open(Repo.Utf8(feature), "e.json");
            Assert.Equal(("geojson", "geojson"), (format, Assert.Single(rows).Evidence!.Origin.Format));
            Assert.Equal("reuters:g", Assert.Single(EvidenceReader.Read(Repo.Utf8(feature), "e.geojson", Repo.Import())).Evidence!.Id);
        }
    }
}
