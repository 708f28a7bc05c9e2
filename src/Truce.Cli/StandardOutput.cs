using System.Text;

namespace Truce.Cli;

/// <summary>
/// The writer every command gets as its standard output: a write the system refuses (stdout closed with <c>&gt;&amp;-</c>,
/// redirected to a full disk or /dev/full) becomes one <see cref="FailedException"/>, reported as exit 4, instead of
/// an internal error.
/// </summary>
/// <remarks>
/// .NET reports a closed descriptor as UnauthorizedAccessException and a full device as IOException, from whichever
/// write or flush meets it: only a wrapper around every write sees them all. The failure is carried by an exception
/// that is neither, so that no "cannot read a file" handler on the way up mistakes it for an input problem.
/// </remarks>
internal sealed class StandardOutput(TextWriter inner) : TextWriter
{
    private readonly TextWriter inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>Standard output could not be written; <see cref="Exception.Message"/> is the system's reason.</summary>
    public sealed class FailedException(string reason, Exception inner) : Exception(reason, inner);

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override IFormatProvider FormatProvider => inner.FormatProvider;

#pragma warning disable CS8765 // The base property is declared nullable-set; the inner writer decides what null means.
    /// <inheritdoc/>
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }
#pragma warning restore CS8765

    /// <inheritdoc/>
    public override void Write(char value) => Guard(() => inner.Write(value));

    /// <inheritdoc/>
    public override void Write(string? value) => Guard(() => inner.Write(value));

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        // A span cannot be captured by the lambda: copy it (reports are written as whole strings, so this path is rare).
        var copy = buffer.ToString();
        Guard(() => inner.Write(copy));
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    /// <inheritdoc/>
    public override void WriteLine() => Guard(inner.WriteLine);

    /// <inheritdoc/>
    public override void Flush() => Guard(inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The innermost message is the system's own ("Bad file descriptor", "No space left on device").
            var reason = ex.InnerException is IOException io ? io.Message : ex.Message;
            throw new FailedException(reason, ex);
        }
    }
}
