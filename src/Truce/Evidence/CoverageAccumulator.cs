using Truce.Geodesy;

namespace Truce.Evidence;

/// <summary>Derives a dataset's coverage from the extent of its rows: the box around located events and the span of their days.</summary>
/// <remarks>
/// Used for UCDP GED and ACLED files, which do not declare coverage: a national dataset is taken to have watched the
/// area its events span, for the period they span, and only the activities its registry entry says it records.
/// Events located only to the country (unbounded radius) widen the period but not the box.
/// </remarks>
public sealed class CoverageAccumulator
{
    private double south = 90, west = 180, north = -90, east = -180;
    private DateOnly? first;
    private DateOnly? last;

    /// <summary>Items added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds an item's extent.</summary>
    public void Add(Evidence item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Count++;
        var days = item.Time.Days;
        first = first is { } f && f <= days.Start ? f : days.Start;
        last = last is { } l && l >= days.End ? l : days.End;
        if (item.LocationPrecision.Radius.IsFinite)
        {
            south = Math.Min(south, item.Location.Latitude);
            north = Math.Max(north, item.Location.Latitude);
            west = Math.Min(west, item.Location.Longitude);
            east = Math.Max(east, item.Location.Longitude);
        }
    }

    /// <summary>The derived coverage, or null when there were no located items or the source observes nothing.</summary>
    public Coverage? Build(EvidenceSource? source, string sourceId, string file)
    {
        if (first is null || last is null || south > north || source is null || source.Observes.Count == 0)
        {
            return null;
        }

        // A margin of 25 km keeps events on the edge of a country inside its box.
        var area = new BoundingBox(south, west, north, east).Expand(Distance.FromKilometres(25));
        return new Coverage(sourceId, file, area, new DateRange(first.Value, last.Value), source.Observes, Declared: false, source.Note);
    }
}
