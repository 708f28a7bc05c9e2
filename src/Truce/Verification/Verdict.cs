using Truce.Agreements;
using Truce.Evidence;

namespace Truce.Verification;

/// <summary>The answer for one obligation reading.</summary>
public enum VerdictStatus
{
    /// <summary>At least one confirmed finding shows the obligation was broken.</summary>
    Violated,

    /// <summary>Sources that covered the zone, period and activity recorded no breach (for a must: fulfilment was recorded).</summary>
    NoViolationFound,

    /// <summary>Nobody who could have seen a breach was watching, or what was seen cannot settle it. Absence of evidence is not compliance.</summary>
    Unverifiable,
}

/// <summary>How strongly the findings support the verdict.</summary>
public enum Confidence
{
    /// <summary>Several independent sources, or one of proven reliability.</summary>
    High,

    /// <summary>One adequate source, or coverage with known limits.</summary>
    Moderate,

    /// <summary>Coverage only partly spans the window or zone.</summary>
    Low,
}

/// <summary>A coverage that bore on the verdict: which source watched which activity where and when.</summary>
/// <param name="Coverage">The coverage.</param>
/// <param name="Partial">True when it spans only part of the enforced window.</param>
public sealed record CoverageUse(Coverage Coverage, bool Partial);

/// <summary>The verdict on one obligation under one reading of its zone, with the findings, coverage and caveats behind it.</summary>
public sealed record Verdict
{
    /// <summary>The agreement.</summary>
    public required Agreement Agreement { get; init; }

    /// <summary>The obligation.</summary>
    public required Obligation Obligation { get; init; }

    /// <summary>The zone reading verified.</summary>
    public required ZoneVariant Variant { get; init; }

    /// <summary>The answer.</summary>
    public required VerdictStatus Status { get; init; }

    /// <summary>Strength of support; null for unverifiable.</summary>
    public Confidence? Confidence { get; init; }

    /// <summary>One sentence saying why.</summary>
    public required string Reason { get; init; }

    /// <summary>Findings that settle the question (violations, or fulfilment of a must).</summary>
    public required IReadOnlyList<Finding> Confirmed { get; init; }

    /// <summary>Total confirmed findings (the list may be truncated to the earliest).</summary>
    public required int ConfirmedTotal { get; init; }

    /// <summary>Findings that might bear on it but cannot settle it.</summary>
    public required IReadOnlyList<Finding> Possible { get; init; }

    /// <summary>Total possible findings (the list may be truncated to the earliest).</summary>
    public required int PossibleTotal { get; init; }

    /// <summary>Coverage that bore on the verdict.</summary>
    public required IReadOnlyList<CoverageUse> Coverage { get; init; }

    /// <summary>What a reader must know before relying on the verdict.</summary>
    public required IReadOnlyList<string> Caveats { get; init; }

    /// <summary>Days of the earliest confirmed violation.</summary>
    public DateRange? FirstBreach { get; init; }

    /// <summary>Why items were set aside.</summary>
    public required ScreeningCounts Screening { get; init; }
}
