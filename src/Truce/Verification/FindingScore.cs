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
    public int Value => ValueWith(Zone);

    /// <summary>The score this finding would have with another zone chance (the other counts as they are); never larger for a smaller chance.</summary>
    public int ValueWith(double? zone) => (int)Math.Round(100 * (zone ?? Unknown) * (Time ?? Unknown) * Identity * Activity * Source, MidpointRounding.AwayFromZero);

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
    /// <param name="cells">Whether samples take the grid cells' answers where they settle them (see <see cref="CompiledZone.Judge"/>); the reference path measures every sample.</param>
    public static double? Estimate(CompiledZone zone, GeoPoint center, Distance radius, AdminUnit? unit, DistanceCache? centerDistances = null, bool cells = false)
    {
        TryEstimate(zone, center, radius, unit, centerDistances, cells, mayMatter: null, out var share, out _);
        return share;
    }

    /// <summary>The estimate, unless it provably cannot matter: false (and no estimate) as soon as <paramref name="mayMatter"/> says no even of an upper bound on the share.</summary>
    /// <remarks>
    /// Samples are judged from the rim inwards, where a disc straddling an edge leaves the zone first; after each one the
    /// share is bounded above by taking every sample still unjudged as inside (and, with a unit, as inside the unit).
    /// The bound never falls below the estimate, and <paramref name="mayMatter"/> is asked only of it, so a share that
    /// could still decide anything is always estimated in full, to the value <see cref="Estimate"/> gives.
    /// </remarks>
    internal static bool TryEstimate(CompiledZone zone, GeoPoint center, Distance radius, AdminUnit? unit, DistanceCache? centerDistances, bool cells, Func<double, bool>? mayMatter, out double? share, out int judged)
    {
        judged = 0;
        ArgumentNullException.ThrowIfNull(zone);

        // Known only to a unit, an event's possible places are the unit's whatever its coordinates: one estimate per unit and zone.
        if (!radius.IsFinite)
        {
            share = unit is null ? null : zone.UnitShare(unit, () => EstimateOver(zone, UnitSamples(unit), null, cells));
            return true;
        }

        // The samples depend only on the point, its radius and unit: every reading that estimates this item shares them.
        DiscSamples samples;
        if (cells && centerDistances is not null)
        {
            if (centerDistances.DiscSamples is not { } memo || memo.Radius != radius || memo.Unit != unit)
            {
                memo = new DiscSamples(center, radius, unit);
                centerDistances.DiscSamples = memo;
            }

            samples = memo;
        }
        else
        {
            samples = new DiscSamples(center, radius, unit);
        }

        // Sums of 0, 0.5 and 1 over at most 64 samples are exact in any order.
        double inUnit = 0, all = 0;
        int inUnitCount = 0;
        for (int done = 0; done < DiscSampleCount; done++)
        {
            int k = DiscSampleCount - 1 - done;
            bool counted = samples.InUnit(k);
            if (counted || unit is null)
            {
                double v = FindingScore.Of(Judge(zone, samples.Point(k), samples.Offset(k), centerDistances, cells));
                judged++;
                all += v;
                if (counted)
                {
                    inUnit += v;
                    inUnitCount++;
                }
            }

            if (mayMatter is not null)
            {
                int rest = DiscSampleCount - 1 - done;
                double upper = unit is null ? (all + rest) / DiscSampleCount
                    : inUnitCount + rest == 0 || inUnitCount == 0 ? 1 : (inUnit + rest) / (inUnitCount + rest);
                if (!mayMatter(upper))
                {
                    share = null;
                    return false;
                }
            }
        }

        if (unit is null)
        {
            share = all / DiscSampleCount;
        }
        else if (inUnitCount > 0)
        {
            share = inUnit / inUnitCount;
        }
        else
        {
            // Coordinates that disagree with the unit keep the whole disc.
            for (int k = 0; k < DiscSampleCount; k++)
            {
                all += FindingScore.Of(Judge(zone, samples.Point(k), samples.Offset(k), centerDistances, cells));
                judged++;
            }

            share = all / DiscSampleCount;
        }

        return true;
    }

    private static Judgement Judge(CompiledZone zone, GeoPoint p, Distance offset, DistanceCache? centerDistances, bool cells)
    {
        // A sample's distances serve only its own judgement: one cache per thread, reset for each sample.
        var cache = sampleCache ??= new DistanceCache();
        cache.Reset(centerDistances, centerDistances is not null ? offset : default);
        return cells ? zone.Judge(p, Distance.Zero, cache, null) : zone.Evaluate(p, Distance.Zero, cache, []);
    }

    [ThreadStatic]
    private static DistanceCache? sampleCache;

    /// <summary>The 64 samples of one precision disc (a golden-angle spiral, uniform by area, each point placed with the exact direct geodesic), each placed and tested against the unit on first use.</summary>
    internal sealed class DiscSamples(GeoPoint center, Distance radius, AdminUnit? unit)
    {
        private readonly GeoPoint[] points = new GeoPoint[DiscSampleCount];
        private readonly byte[] state = new byte[DiscSampleCount]; // 0 not placed; 1 placed; 2 also tested against the unit: inside; 3: outside

        public Distance Radius { get; } = radius;

        public AdminUnit? Unit { get; } = unit;

        public static Distance OffsetOf(Distance radius, int k) => Distance.FromMetres(radius.Metres * Math.Sqrt((k + 0.5) / DiscSampleCount));

        public Distance Offset(int k) => OffsetOf(Radius, k);

        public GeoPoint Point(int k)
        {
            if (state[k] == 0)
            {
                points[k] = Geodesic.Wgs84.Direct(center, (k * GoldenAngle) % 360, Offset(k));
                state[k] = 1;
            }

            return points[k];
        }

        /// <summary>Whether sample k lies in the unit (always, without a unit).</summary>
        public bool InUnit(int k)
        {
            if (Unit is null)
            {
                return true;
            }

            if (state[k] < 2)
            {
                state[k] = Unit.Contains(Point(k)) ? (byte)2 : (byte)3;
            }

            return state[k] == 2;
        }
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

    private static double? EstimateOver(CompiledZone zone, List<(GeoPoint Point, double Weight, Distance Offset)> points, DistanceCache? centerDistances, bool cells)
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
            var judgement = cells ? zone.Judge(p, Distance.Zero, cache, null) : zone.Evaluate(p, Distance.Zero, cache, scratch);
            inside += w * FindingScore.Of(judgement);
            total += w;
        }

        return inside / total;
    }
}
