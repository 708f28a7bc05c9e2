namespace Truce.Evidence.Import;

/// <summary>One result of reading an evidence file: an item, a rejected row, or a declaration of what the source watched.</summary>
/// <remarks>Invariant: exactly one of <see cref="Evidence"/>, <see cref="Rejection"/> and <see cref="Coverage"/> is non-null.</remarks>
public sealed class ImportRow
{
    private ImportRow(Evidence? evidence, Rejection? rejection, Coverage? coverage)
    {
        Evidence = evidence;
        Rejection = rejection;
        Coverage = coverage;
    }

    /// <summary>The evidence item, when the row was good.</summary>
    public Evidence? Evidence { get; }

    /// <summary>Why the row was rejected, when it was bad.</summary>
    public Rejection? Rejection { get; }

    /// <summary>A coverage declaration (NDJSON header records).</summary>
    public Coverage? Coverage { get; }

    /// <summary>A good row.</summary>
    public static ImportRow Of(Evidence evidence) => new(evidence ?? throw new ArgumentNullException(nameof(evidence)), null, null);

    /// <summary>A bad row.</summary>
    public static ImportRow Of(Rejection rejection) => new(null, rejection ?? throw new ArgumentNullException(nameof(rejection)), null);

    /// <summary>A coverage declaration.</summary>
    public static ImportRow Of(Coverage coverage) => new(null, null, coverage ?? throw new ArgumentNullException(nameof(coverage)));
}

/// <summary>A file that cannot be read at all (wrong format, missing required columns); its rows are not guessed at.</summary>
public sealed class EvidenceFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public EvidenceFormatException(string file, string message)
        : base($"{file}: {message}")
    {
        File = file;
        Reason = message;
    }

    /// <summary>Creates the exception for <paramref name="file"/>, keeping the low-level cause for logs.</summary>
    public EvidenceFormatException(string file, string message, Exception innerException)
        : base($"{file}: {message}", innerException)
    {
        File = file;
        Reason = message;
    }

    /// <summary>Creates the exception (for serializers).</summary>
    public EvidenceFormatException()
    {
        File = string.Empty;
    }

    /// <summary>Creates the exception (for serializers).</summary>
    public EvidenceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    /// <summary>The file that could not be read.</summary>
    public string File { get; }

    /// <summary>Why, without the file name.</summary>
    public string Reason { get; } = string.Empty;
}
