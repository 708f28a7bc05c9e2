using System.Globalization;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Places;

namespace Truce.Verification;

/// <summary>The estimated chance of each count of a finding, and their product as a 0–100 score (like STIX confidence).</summary>
/// <param name="Zone">Chance the event lies in the zone: the share of its possible locations (precision disc, cut by its administrative unit) inside it; null when no location bound exists.</param>
/// <param name="Time">Chance it falls in the enforced window: the share of its possible days inside it; null when the obligation has no window.</param>
/// <param name="Identity">Chance the actors are the bound (and protected) classes in the roles the obligation needs.</param>
/// <param name="Activity">Chance the event is the obliged activity.</param>
/// <param name="Source">Weight of the source's Admiralty grade (reliability × credibility).</param>
/// <remarks>
/// The verdict rules do not use the score: a violation still needs certainty on every count from a source that can
/// confirm. The score orders what remains possible, so an analyst reads the near-certain before the noise.
/// docs/scoring.md gives every factor and its reason.
/// </remarks>
public sealed record FindingScore(double? Zone, double? Time, double Identity, double Activity, double Source)
{
    /// <summary>What a count that cannot be estimated contributes: an even chance, stated as such.</summary>
    public const double Unknown = 0.5;

    /// <summary>The score, 0–100: the product of the chances (unknown ones as 0.5) and the source weight.</summary>
    public int Value => (int)Math.Round(100 * (Zone ?? Unknown) * (Time ?? Unknown) * Identity * Activity * Source, MidpointRounding.AwayFromZero);

    /// <summary>A short account, e.g. "zone 0.62 × time 1 × identity 0.5 × activity 0.5 × source B2 0.81".</summary>
    public string Explain(string grade) => string.Create(CultureInfo.InvariantCulture,
        $"zone {Fmt(Zone)} × time {Fmt(Time)} × identity {Identity:0.##} × activity {Activity:0.##} × source {grade} {Source:0.##}");

    private static string Fmt(double? p) => p is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "unknown (0.5)";

    /// <summary>Weight of an Admiralty reliability: F means "cannot be judged", so it weighs as an even chance, not as unreliable.</summary>
    public static double ReliabilityWeight(Reliability r) => r switch
    {
        Reliability.A => 1.0,
        Reliability.B => 0.9,
        Reliability.C => 0.75,
        Reliability.D => 0.5,
        Reliability.E => 0.25,
        _ => 0.5,
    };

    /// <summary>Weight of an Admiralty credibility: 6 ("cannot be judged") weighs as an even chance.</summary>
    public static double CredibilityWeight(Credibility c) => c switch
    {
        Credibility.Confirmed => 1.0,
        Credibility.ProbablyTrue => 0.9,
        Credibility.PossiblyTrue => 0.75,
        Credibility.Doubtful => 0.5,
        Credibility.Improbable => 0.25,
        _ => 0.5,
    };

    /// <summary>The share of the event's possible days that fall inside the window; null without a window.</summary>
    public static double? TimeShare(ValidityPeriod? window, DateRange days)
    {
        if (window is not { } w)
        {
            return null;
        }

        var start = w.From is { } f && f > days.Start ? f : days.Start;
        var end = w.Until is { } u && u < days.End ? u : days.End;
        return end < start ? 0 : (double)(end.DayNumber - start.DayNumber + 1) / days.Days;
    }

    /// <summary>The chance a judgement stands for: yes 1, no 0, uncertain an even chance.</summary>
    public static double Of(Judgement j) => j switch
    {
        Judgement.Yes => 1,
        Judgement.No => 0,
        _ => Unknown,
    };
}

/// <summary>Estimates the share of an event's possible locations that lie in a zone, by deterministic sampling.</summary>
/// <remarks>
/// The possible locations are the precision disc (sampled on a 64-point golden-angle spiral, uniform by area, each
/// point placed with the exact direct geodesic) cut by the administrative unit the source names; for a location
/// known only to a unit (or a country), they are the unit's grid samples, weighted by area. Each sample is judged
/// as an exact point. The same inputs always give the same estimate.
/// </remarks>
internal static class ZoneShare
{
    private const int DiscSampleCount = 64;
    private static readonly double GoldenAngle = 180 * (3 - Math.Sqrt(5));

    /// <param name="zone">The zone.</param>
    /// <param name="center">The reported coordinates.</param>
    /// <param name="radius">Their precision.</param>
    /// <param name="unit">The administrative unit the source names, if any.</param>
    /// <param name="centerDistances">Distances already measured from the coordinates: each disc sample's distance lies within its offset of them, which settles most samples without a geodesic.</param>
    public static double? Estimate(CompiledZone zone, GeoPoint center, Distance radius, AdminUnit? unit, DistanceCache? centerDistances = null)
    {
        ArgumentNullException.ThrowIfNull(zone);

        // Known only to a unit, an event's possible places are the unit's whatever its coordinates: one estimate per unit and zone.
        if (!radius.IsFinite && unit is not null)
        {
            return zone.UnitShare(unit, () => EstimateOver(zone, UnitSamples(unit), null));
        }

        return EstimateOver(zone, DiscSamples(center, radius, unit), centerDistances);
    }

    private static List<(GeoPoint Point, double Weight, Distance Offset)> UnitSamples(AdminUnit unit)
    {
        // A few hundred area-weighted points estimate a share to within a few percent; finer grids cost more than they add.
        var samples = unit.SamplesCoarseToFine.FirstOrDefault(l => l.Weights.Count(w => w > 0) >= 256) ?? unit.Samples;
        var points = new List<(GeoPoint Point, double Weight, Distance Offset)>();
        for (int i = 0; i < samples.Points.Count; i++)
        {
            if (samples.Weights[i] > 0)
            {
                points.Add((samples.Points[i], samples.Weights[i], Distance.Unbounded));
            }
        }

        return points;
    }

    private static List<(GeoPoint Point, double Weight, Distance Offset)> DiscSamples(GeoPoint center, Distance radius, AdminUnit? unit)
    {
        var points = new List<(GeoPoint Point, double Weight, Distance Offset)>();
        if (!radius.IsFinite)
        {
            return points;
        }

        for (int k = 0; k < DiscSampleCount; k++)
        {
            var r = Distance.FromMetres(radius.Metres * Math.Sqrt((k + 0.5) / DiscSampleCount));
            points.Add((Geodesic.Wgs84.Direct(center, (k * GoldenAngle) % 360, r), 1, r));
        }

        if (unit is not null)
        {
            var inUnit = points.Where(p => unit.Contains(p.Point)).ToList();
            if (inUnit.Count > 0)
            {
                points = inUnit; // coordinates that disagree with the unit keep the whole disc
            }
        }

        return points;
    }

    private static double? EstimateOver(CompiledZone zone, List<(GeoPoint Point, double Weight, Distance Offset)> points, DistanceCache? centerDistances)
    {
        if (points.Count == 0)
        {
            return null;
        }

        double inside = 0, total = 0;
        var scratch = new List<ZoneMeasure>();
        foreach (var (p, w, offset) in points)
        {
            scratch.Clear();
            var cache = centerDistances is not null && offset.IsFinite ? new DistanceCache(centerDistances, offset) : new DistanceCache();
            inside += w * FindingScore.Of(zone.Evaluate(p, Distance.Zero, cache, scratch));
            total += w;
        }

        return inside / total;
    }
}
