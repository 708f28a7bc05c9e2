namespace Truce.Evidence.Import;

/// <summary>What every importer needs besides the bytes: the sources registry, the run's date and the size limits.</summary>
/// <param name="Sources">Rates sources and states each dataset's extent.</param>
/// <param name="Today">The run's date: no event can be reported as happening after it.</param>
/// <param name="Limits">Record and feature size limits.</param>
public sealed record ImportContext(SourceRegistry Sources, DateOnly Today, ImportLimits Limits)
{
    /// <summary>The earliest date Truce accepts for any event: earlier dates are typing errors, not conflict data.</summary>
    public static readonly DateOnly EarliestPlausible = new(1900, 1, 1);

    /// <summary>A context with the default limits.</summary>
    public static ImportContext For(SourceRegistry sources, DateOnly today) => new(sources, today, ImportLimits.Default);

    /// <summary>Why a reported event date is implausible for <paramref name="sourceId"/>, or null when it is plausible.</summary>
    /// <remarks>One rule for every format: before 1900, after the run's date, or outside the dataset's stated extent in sources.yaml.</remarks>
    public string? ImplausibleDate(DateOnly date, string sourceId)
    {
        if (date < EarliestPlausible)
        {
            return $"{date:yyyy-MM-dd} is before {EarliestPlausible:yyyy}: not a plausible event date";
        }

        if (date > Today)
        {
            return $"{date:yyyy-MM-dd} is after the run's date {Today:yyyy-MM-dd}: an event cannot be reported before it happens";
        }

        if (Sources.Resolve(sourceId)?.Extent is { } extent)
        {
            if (extent.From is { } from && date < from)
            {
                return $"{date:yyyy-MM-dd} is before {from:yyyy-MM-dd}, when {sourceId}'s coverage starts";
            }

            if (extent.Until is { } until && date > until)
            {
                return $"{date:yyyy-MM-dd} is after {until:yyyy-MM-dd}, when {sourceId}'s coverage ends";
            }
        }

        return null;
    }
}
