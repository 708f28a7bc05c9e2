namespace Truce.Evidence;

using Truce.Geodesy;

/// <summary>What a source could have seen: an area, a period and the activities it records there.</summary>
/// <param name="SourceId">The source or dataset.</param>
/// <param name="File">The evidence file the coverage belongs to.</param>
/// <param name="Area">Where it watched.</param>
/// <param name="Period">When it watched.</param>
/// <param name="Observes">Which activities it would have recorded had they happened.</param>
/// <param name="Declared">True when the file declares it; false when derived from the extent of the rows.</param>
/// <param name="Note">Limits of the coverage, shown in reports (e.g. "lethal events only").</param>
/// <remarks>Absence of evidence counts towards "no violation found" only inside a coverage; elsewhere it is "unverifiable".</remarks>
public sealed record Coverage(
    string SourceId, string File, BoundingBox Area, DateRange Period, IReadOnlyList<ObligedActivity> Observes, bool Declared, string? Note);
