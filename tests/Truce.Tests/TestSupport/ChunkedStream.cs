namespace Truce.Tests.TestSupport;

/// <summary>Bytes served at most <paramref name="chunk"/> at a time, as a pipe, a gzip stream or a slow disk may serve them: every record boundary then falls between reads somewhere.</summary>
internal sealed class ChunkedStream(byte[] bytes, int chunk) : Stream
{
    private int position;

    /// <summary>How many reads the consumer made (a read that returned nothing included).</summary>
    public int Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => bytes.Length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        Reads++;
        int n = Math.Min(Math.Min(count, chunk), bytes.Length - position);
        Array.Copy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
