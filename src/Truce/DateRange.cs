namespace Truce;

/// <summary>A closed range of calendar days [Start, End]; one day when Start equals End.</summary>
/// <remarks><c>default</c> is the single day 0001-01-01; real ranges are always built through the constructor.</remarks>
public readonly record struct DateRange
{
    /// <summary>Creates the range; throws when End precedes Start.</summary>
    public DateRange(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"the end {end:yyyy-MM-dd} precedes the start {start:yyyy-MM-dd}");
        }

        Start = start;
        End = end;
    }

    /// <summary>First day.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day (inclusive).</summary>
    public DateOnly End { get; }

    /// <summary>Number of days covered.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Whether the ranges share at least one day.</summary>
    public bool Overlaps(DateRange other) => other.Start <= End && other.End >= Start;

    /// <inheritdoc/>
    public override string ToString() => Start == End ? $"{Start:yyyy-MM-dd}" : $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}

/// <summary>A span of days that may be open at either end, such as an actor's membership of a class or an obligation's window.</summary>
/// <remarks><c>default</c> is open at both ends: always valid.</remarks>
public readonly record struct ValidityPeriod
{
    /// <summary>Creates the period; throws when Until precedes From.</summary>
    public ValidityPeriod(DateOnly? from, DateOnly? until)
    {
        if (from is { } f && until is { } u && u < f)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"'until' {u:yyyy-MM-dd} precedes 'from' {f:yyyy-MM-dd}");
        }

        From = from;
        Until = until;
    }

    /// <summary>First valid day, or null when open at the start.</summary>
    public DateOnly? From { get; }

    /// <summary>Last valid day (inclusive), or null when open-ended.</summary>
    public DateOnly? Until { get; }

    /// <summary>Whether every day of <paramref name="range"/> is inside the period.</summary>
    public bool Covers(DateRange range) => (From is null || range.Start >= From) && (Until is null || range.End <= Until);

    /// <summary>Whether some day of <paramref name="range"/> is inside the period.</summary>
    public bool Overlaps(DateRange range) => (From is null || range.End >= From) && (Until is null || range.Start <= Until);

    /// <inheritdoc/>
    public override string ToString() => $"{From?.ToString("yyyy-MM-dd") ?? "…"}..{Until?.ToString("yyyy-MM-dd") ?? "…"}";
}
