using System.Text;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

/// <summary>A 1 GiB evidence file must stream: rows come out long before the file has been read, and reading stays proportional to rows taken.</summary>
public class LargeFileTests
{
    private const long OneGiB = 1L << 30;

    [Fact]
    public void A_1_GiB_UCDP_File_Yields_Rows_After_Reading_Only_Its_First_Megabyte()
    {
        using var stream = new GeneratedStream(UcdpGedImporterTests.Header + "\n", i => UcdpGedImporterTests.Row(id: i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "\n", OneGiB);
        var rows = EvidenceReader.Read(stream, "huge.csv", Repo.Import()).Take(2_000).ToList();
        Assert.Equal(2_000, rows.Count(r => r.Evidence is not null));
        Assert.True(stream.BytesServed < 2_000_000, $"read {stream.BytesServed:N0} bytes of a 1 GiB file to produce 2,000 rows");
    }

    [Fact]
    public void A_1_GiB_NDJSON_File_Yields_Rows_After_Reading_Only_Its_First_Megabyte()
    {
        const string line = """{"id":"x","date":"2018-09-12","lat":33.05,"lon":36.0,"location_precision_km":2,"activity":"presence","actors":[{"name":"Hezbollah"}],"source":"reuters"}""";
        using var stream = new GeneratedStream(string.Empty, _ => line + "\n", OneGiB);
        var rows = EvidenceReader.Read(stream, "huge.ndjson", Repo.Import()).Take(2_000).ToList();
        Assert.All(rows, r => Assert.NotNull(r.Evidence));
        Assert.True(stream.BytesServed < 2_000_000, $"read {stream.BytesServed:N0} bytes");
    }

    [Fact]
    public void A_1_GiB_GeoJSON_File_Yields_Features_After_Reading_Only_Its_First_Megabyte()
    {
        const string feature = """{"type":"Feature","geometry":{"type":"Point","coordinates":[36.0,33.05]},"properties":{"id":"x","date":"2018-09-12","location_precision_km":2,"activity":"presence","actors":[{"name":"Hezbollah"}],"source":"reuters"}},""";
        using var stream = new GeneratedStream("{\"type\":\"FeatureCollection\",\"features\":[\n", _ => feature + "\n", OneGiB);
        var rows = EvidenceReader.Read(stream, "huge.geojson", Repo.Import()).Take(2_000).ToList();
        Assert.All(rows, r => Assert.NotNull(r.Evidence));
        Assert.True(stream.BytesServed < 2_000_000, $"read {stream.BytesServed:N0} bytes");
    }

    [Fact]
    public void Reading_Twenty_Times_More_Rows_Reads_About_Twenty_Times_More_Bytes()
    {
        long BytesFor(int n)
        {
            using var stream = new GeneratedStream(UcdpGedImporterTests.Header + "\n", i => UcdpGedImporterTests.Row(id: "1") + "\n", OneGiB);
            _ = EvidenceReader.Read(stream, "huge.csv", Repo.Import()).Take(n).Count();
            return stream.BytesServed;
        }

        long small = BytesFor(1_000), large = BytesFor(20_000);
        Assert.InRange((double)large / small, 10, 30);
    }

    /// <summary>A read-only stream of a given length made on the fly: a header, then numbered rows, never held in memory.</summary>
    private sealed class GeneratedStream(string header, Func<long, string> row, long length) : Stream
    {
        private byte[] pending = Encoding.UTF8.GetBytes(header);
        private int pendingOffset;
        private long next;

        public long BytesServed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => BytesServed;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int written = 0;
            while (written < count && BytesServed < length)
            {
                if (pendingOffset == pending.Length)
                {
                    pending = Encoding.UTF8.GetBytes(row(next++));
                    pendingOffset = 0;
                }

                int n = (int)Math.Min(Math.Min(count - written, pending.Length - pendingOffset), length - BytesServed);
                Array.Copy(pending, pendingOffset, buffer, offset + written, n);
                pendingOffset += n;
                written += n;
                BytesServed += n;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
