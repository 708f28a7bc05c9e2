using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Text;
using Truce.Verification;

namespace Truce.Reports;

/// <summary>A file the output was computed from, with its SHA-256, so that anyone can check they hold the same inputs.</summary>
/// <param name="Kind">spec, geometry, actors, sources or evidence.</param>
/// <param name="Path">The path as given (forward slashes).</param>
/// <param name="Sha256">Lowercase hex digest of the file's bytes.</param>
public sealed record InputFile(string Kind, string Path, string Sha256);

/// <summary>What reading one evidence file gave: rows accepted and rejected, where the rejects went, or why the file was refused.</summary>
/// <param name="File">The evidence file.</param>
/// <param name="Format">ucdp-ged, acled, ndjson or geojson.</param>
/// <param name="Accepted">Rows that became evidence.</param>
/// <param name="Rejected">Rows quarantined.</param>
/// <param name="Quarantine">The quarantine file, when any row was rejected.</param>
/// <param name="Error">Why the whole file was refused, if it was.</param>
/// <param name="FirstRejections">The first few rejections, for the terminal.</param>
/// <param name="Notices">File-level notes: columns ignored or missing, and what that costs.</param>
public sealed record ImportStats(
    string File, string Format, long Accepted, long Rejected, string? Quarantine, string? Error, IReadOnlyList<Rejection> FirstRejections, IReadOnlyList<string> Notices);

/// <summary>What happened to the evidence as a whole: files skipped or read once, and events reported more than once.</summary>
/// <param name="Notes">Files skipped (and why) or read once under two names.</param>
/// <param name="DuplicateEvents">Reports set aside because the same source and event id was already admitted.</param>
/// <param name="RevisedEvents">Of those, how many differed in content (a revision).</param>
/// <param name="Clashes">The first clashes, naming both reports.</param>
public sealed record EvidenceSummary(IReadOnlyList<string> Notes, long DuplicateEvents, long RevisedEvents, IReadOnlyList<EventClash> Clashes)
{
    /// <summary>Nothing to report.</summary>
    public static EvidenceSummary None { get; } = new([], 0, 0, []);
}

/// <summary>Everything a verification run produced, ready for any output format.</summary>
/// <param name="Inputs">Files read, with hashes.</param>
/// <param name="Imports">Per evidence file results.</param>
/// <param name="Agreements">The agreements verified, in input order.</param>
/// <param name="Verdicts">Verdicts, grouped by agreement in input order.</param>
/// <param name="Coverages">Declared and derived coverage.</param>
/// <param name="UnresolvedNames">Reported names missing from the actor registry, with item counts.</param>
/// <param name="Catalog">Reference geometry (for GeoJSON output and provenance).</param>
/// <param name="Warnings">Lint warnings on the specs, so the loopholes travel with the verdicts.</param>
/// <param name="Evidence">Files skipped and events counted once.</param>
public sealed record VerificationReport(
    IReadOnlyList<InputFile> Inputs,
    IReadOnlyList<ImportStats> Imports,
    IReadOnlyList<Agreement> Agreements,
    IReadOnlyList<Verdict> Verdicts,
    IReadOnlyList<Coverage> Coverages,
    IReadOnlyDictionary<string, int> UnresolvedNames,
    GeometryCatalog Catalog,
    IReadOnlyList<Diagnostic> Warnings,
    EvidenceSummary Evidence)
{
    /// <summary>The verdict status as written in every output format.</summary>
    public static string StatusName(VerdictStatus status) => status switch
    {
        VerdictStatus.Violated => "violated",
        VerdictStatus.NoViolationFound => "no violation found",
        _ => "unverifiable",
    };

    /// <summary>Unresolved names, most frequent first then by name, for stable output.</summary>
    public IEnumerable<KeyValuePair<string, int>> UnresolvedByFrequency =>
        UnresolvedNames.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal);
}
