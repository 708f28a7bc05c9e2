using Truce.Agreements;
using Truce.Geodesy;
using Truce.Places;

namespace Truce.Verification;

/// <summary>A distance from an evidence point to a reference feature, recorded in a finding.</summary>
/// <param name="FeatureId">The reference feature.</param>
/// <param name="Distance">Exact geodesic distance.</param>
/// <param name="Threshold">The zone's threshold for this feature (e.g. 85 km), when the term is a distance.</param>
public sealed record ZoneMeasure(string FeatureId, Distance Distance, Distance? Threshold);

/// <summary>Distances from one point to features, computed once per evidence item and shared by every zone that needs them.</summary>
/// <remarks>
/// A point is measured against a handful of features at most, so they are kept in a short list searched by reference,
/// not a dictionary: a zone-share estimate makes a cache per sample point, most of which measure one thing or nothing.
/// </remarks>
public sealed class DistanceCache
{
    private Entry[] entries = [];
    private int count;

    // Bounds from another point's distances hold in exact arithmetic; computed, only to round-off (about 1e-10 m).
    // Widened by a micrometre, a sample exactly on a threshold is measured, as the reference path measures it.
    private const double RoundOff = 1e-6;

    /// <summary>Creates an empty cache.</summary>
    public DistanceCache()
    {
    }

    /// <summary>A cache for a point <paramref name="offset"/> away from the point of <paramref name="center"/>: by the triangle inequality its distance to a feature lies within that much of the center's.</summary>
    internal DistanceCache(DistanceCache center, Distance offset)
    {
        Center = center;
        Offset = offset;
    }

    /// <summary>The cache of a nearby point whose distances bound this point's, if any.</summary>
    internal DistanceCache? Center { get; private set; }

    /// <summary>How far this point is from <see cref="Center"/>'s point.</summary>
    internal Distance Offset { get; private set; }

    /// <summary>Empties the cache for another point (optionally near a measured centre), keeping its storage.</summary>
    internal void Reset(DistanceCache? center = null, Distance offset = default)
    {
        Array.Clear(entries, 0, count);
        count = 0;
        Center = center;
        Offset = offset;
        DiscSamples = null;
    }

    private ref Entry Find(ReferenceFeature feature, bool add)
    {
        for (int i = 0; i < count; i++)
        {
            if (ReferenceEquals(entries[i].Feature, feature))
            {
                return ref entries[i];
            }
        }

        if (!add)
        {
            return ref System.Runtime.CompilerServices.Unsafe.NullRef<Entry>();
        }

        if (count == entries.Length)
        {
            Array.Resize(ref entries, Math.Max(4, count * 2));
        }

        entries[count] = new Entry { Feature = feature, Distance = double.NaN };
        return ref entries[count++];
    }

    /// <summary>The distance to a feature if it has been measured for this point.</summary>
    internal bool TryMeasured(ReferenceFeature feature, out Distance distance)
    {
        ref var e = ref Find(feature, add: false);
        bool found = !System.Runtime.CompilerServices.Unsafe.IsNullRef(ref e) && !double.IsNaN(e.Distance);
        distance = found ? Distance.FromMetres(e.Distance) : default;
        return found;
    }

    /// <summary>Bounds on the distance to a feature known without measuring it, from the center's measured distance.</summary>
    internal bool TryBound(ReferenceFeature feature, out double near, out double far)
    {
        if (Center is { } centre && centre.TryMeasured(feature, out var d))
        {
            (near, far) = (d.Metres - Offset.Metres - RoundOff, d.Metres + Offset.Metres + RoundOff);
            return true;
        }

        (near, far) = (0, double.PositiveInfinity);
        return false;
    }

    internal Distance DistanceTo(ReferenceFeature feature, GeoPoint p)
    {
        ref var e = ref Find(feature, add: true);
        if (double.IsNaN(e.Distance))
        {
            // A sample near a measured centre starts its search pruned by its distance to the centre's nearest point.
            if (Center?.NearestOf(feature) is { } foot)
            {
                e.Distance = feature.DistanceTo(p, Geodesic.Wgs84.DistanceBetween(p, foot) + Distance.FromMetres(RoundOff)).Metres;
            }
            else
            {
                var (exact, near) = feature.DistanceAndNearest(p);
                e.Distance = exact.Metres;
                if (near is { } n)
                {
                    (e.Nearest, e.HasNearest) = (n, true);
                }
            }
        }

        return Distance.FromMetres(e.Distance);
    }

    private GeoPoint? NearestOf(ReferenceFeature feature)
    {
        ref var e = ref Find(feature, add: false);
        return System.Runtime.CompilerServices.Unsafe.IsNullRef(ref e) || !e.HasNearest ? null : e.Nearest;
    }

    /// <summary>The zone-share samples of this point's disc, for the radius and unit they were drawn for.</summary>
    internal ZoneShare.DiscSamples? DiscSamples { get; set; }

    /// <summary>An upper bound on this point's distance to a feature: its distance to the centre's nearest point of it.</summary>
    internal bool TryUpperBound(ReferenceFeature feature, GeoPoint p, out double atMost)
    {
        if (Center?.NearestOf(feature) is { } foot)
        {
            atMost = Geodesic.Wgs84.DistanceBetween(p, foot).Metres + RoundOff;
            return true;
        }

        atMost = double.PositiveInfinity;
        return false;
    }

    internal bool Contains(ReferenceFeature feature, GeoPoint p)
    {
        ref var e = ref Find(feature, add: true);
        if (e.Inside == 0)
        {
            e.Inside = feature.Area!.Contains(p) ? (sbyte)1 : (sbyte)-1;
        }

        return e.Inside > 0;
    }

    private struct Entry
    {
        public ReferenceFeature Feature;
        public double Distance; // NaN until measured
        public GeoPoint Nearest;
        public bool HasNearest;
        public sbyte Inside; // 0 unknown, 1 inside, -1 outside
    }
}

/// <summary>A zone expression bound to reference geometry, answering "is this point, known to within r, inside?" with yes, no or uncertain.</summary>
/// <remarks>
/// A point with location radius r is inside only if its whole disc of radius r is inside, outside only if the whole
/// disc is outside, and uncertain otherwise. Set operations combine answers with Kleene logic, which is sound (never
/// yes or no when the truth could differ) but may answer uncertain where an exact disc-versus-shape test would not;
/// a union of areas is therefore dissolved into one area first, so a disc across an inner border is judged exactly.
/// The same questions can be asked of a whole administrative unit (<see cref="EvaluateUnit"/>), which is how a
/// report's "in Damascus Governorate" constrains a location whose precision circle reaches another country.
/// </remarks>
public abstract class CompiledZone
{
    /// <summary>How far apart two boundaries from different sources may lie and still be taken as the same line (Natural Earth admin-0 and admin-1 differ by up to about this much).</summary>
    public static readonly Distance BoundaryTolerance = Distance.FromKilometres(1);

    private readonly Dictionary<string, Judgement> unitAnswers = new(StringComparer.Ordinal);

    // A dedicated lock: locking a collection goes through the monitor's slow path (its header is shared with other uses).
    private readonly Lock gate = new();
    private readonly Dictionary<string, double?> unitShares = new(StringComparer.Ordinal);

    /// <summary>The share of the unit's area inside the zone, estimated once per unit (an event known only to the unit has no other bound).</summary>
    internal double? UnitShare(AdminUnit unit, Func<double?> estimate)
    {
        lock (gate)
        {
            if (!unitShares.TryGetValue(unit.Id, out var share))
            {
                share = estimate();
                unitShares[unit.Id] = share;
            }

            return share;
        }
    }

    // Cells halve from half a degree down to about 400 m: a coarse cell settles most of a term's surroundings with one
    // measurement, and only cells near an edge or threshold are refined, so the cells measured follow the edges' length.
    private const double CoarsestCell = 0.5;
    private const int CellLevels = 8;

    // Cell answers besides the judgements 0-2: a term without cells, and a cell that does not settle, counting down
    // the points that fell in it until it is refined.
    private const sbyte NoCells = -1;
    private const sbyte Unsettled = -2;
    private const int RefineAfter = 4;
    private readonly Lock cellGate = new();
    private readonly Dictionary<long, CellFacts> cells = [];
    private readonly List<(double Radius, Dictionary<long, sbyte> Answers)> answersByRadius = [];

    [ThreadStatic]
    private static List<ZoneMeasure>? scratch;

    /// <summary>The judgement <see cref="Evaluate(GeoPoint, Distance, DistanceCache, List{ZoneMeasure}, LocationClue)"/> gives, without its measures: each term takes its grid cell's answer where the cell settles it, and is measured exactly otherwise.</summary>
    /// <remarks>
    /// For an item that no list of findings can keep only the judgement counts. A term's cell answer is the term's disc
    /// judgement for every disc of that radius centred in the cell (see <see cref="CellAnswer"/>), so the term's value,
    /// the clue applied to it and the Kleene combination are the same as the exact path's. The reference path never
    /// comes here.
    /// </remarks>
    internal Judgement Judge(GeoPoint point, Distance radius, DistanceCache cache, LocationClue? clue) => JudgeCore(point, radius, cache, clue);

    /// <summary>A term's judgement through its cells; combinations override it to combine their parts'.</summary>
    private protected virtual Judgement JudgeCore(GeoPoint point, Distance radius, DistanceCache cache, LocationClue? clue)
    {
        if (Settled(point, radius) is { } byCell)
        {
            return WithClue(byCell, clue);
        }

        var measures = scratch ??= [];
        measures.Clear();
        return EvaluateCore(point, radius, cache, measures, clue);
    }

    /// <summary>What a cell's centre says of the term, measured once and used for every radius: a distance (capped, for areas) and whether the centre is inside.</summary>
    private protected readonly record struct CellFacts(GeoPoint Centre, double Reach, double Distance, bool Inside, bool Measured);

    /// <summary>Measures the cell's centre for <see cref="CellAnswer"/>; a term without cells measures nothing.</summary>
    private protected virtual CellFacts MeasureCell(GeoPoint centre, double reach) => new(centre, reach, 0, false, Measured: false);

    /// <summary>What the term's disc judgement is for every disc of <paramref name="radius"/> centred in the cell whose points all lie within the cell's reach of its centre; null when that differs across the cell.</summary>
    private protected virtual Judgement? CellAnswer(in CellFacts cell, Distance radius) => null;

    /// <summary>The term's disc judgement from the grid cell holding the point, when the cell settles it.</summary>
    /// <remarks>Cells are looked at from the coarsest down; each is measured once, when a point first falls in it, and only a cell that does not settle its discs is looked into further.</remarks>
    internal Judgement? Settled(GeoPoint p, Distance radius)
    {
        if (Math.Abs(p.Latitude) > 80 || !radius.IsFinite)
        {
            return null; // cells near the poles are not small discs
        }

        lock (cellGate)
        {
            var answers = AnswersFor(radius.Metres);
            double size = CoarsestCell;
            for (int level = 0; level < CellLevels; level++, size /= 2)
            {
                long row = (long)Math.Floor((p.Latitude + 90) / size), column = (long)Math.Floor((p.Longitude + 180) / size);
                long key = ((long)level << 56) | (row << 28) | column;
                if (!answers.TryGetValue(key, out var answer))
                {
                    // The cell's centre is measured once for every radius; each radius derives its answer from it.
                    if (!cells.TryGetValue(key, out var facts))
                    {
                        var (centre, reach) = Cell(size, row, column);
                        facts = MeasureCell(centre, reach.Metres);
                        cells[key] = facts;
                    }

                    answer = !facts.Measured ? NoCells : CellAnswer(facts, radius) is { } a ? (sbyte)a : Unsettled;
                    answers[key] = answer;
                }

                if (answer >= 0)
                {
                    return (Judgement)answer;
                }

                if (answer == NoCells)
                {
                    return null; // a term without cells
                }

                // A cell that does not settle its discs is looked into only once enough points have fallen in it to pay
                // for measuring a finer one: until then each is measured exactly, as without cells.
                if (answer > Unsettled - RefineAfter)
                {
                    answers[key] = (sbyte)(answer - 1);
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>Cells whose centre has been measured, in this term and its parts.</summary>
    internal virtual long CellsMeasured
    {
        get
        {
            lock (cellGate)
            {
                return cells.Count;
            }
        }
    }

    private Dictionary<long, sbyte> AnswersFor(double radius)
    {
        foreach (var (r, answers) in answersByRadius)
        {
            if (r == radius)
            {
                return answers;
            }
        }

        var made = new Dictionary<long, sbyte>();
        answersByRadius.Add((radius, made));
        return made;
    }

    /// <summary>Whether a distance term with a threshold occurs in the zone (only those can make a near miss).</summary>
    internal virtual bool HasThreshold => false;

    /// <summary>Whether measuring the point could give some distance term a distance within <paramref name="margin"/> of its threshold; false only when bounds prove that none can.</summary>
    /// <remarks>Before locating an item outside the zone only to see whether it is a near miss: most are far from every threshold.</remarks>
    internal virtual bool MayBeNearThreshold(GeoPoint point, DistanceCache cache, Distance margin) => false;

    /// <summary>Whether the grid cells (refined as far as they go) bound a point's distance to a distance term's feature wholly outside (<paramref name="below"/>, <paramref name="above"/>).</summary>
    private protected bool CellBoundsSettle(GeoPoint p, double below, double above)
    {
        if (Math.Abs(p.Latitude) > 80)
        {
            return false;
        }

        lock (cellGate)
        {
            double size = CoarsestCell;
            for (int level = 0; level < CellLevels; level++, size /= 2)
            {
                long row = (long)Math.Floor((p.Latitude + 90) / size), column = (long)Math.Floor((p.Longitude + 180) / size);
                long key = ((long)level << 56) | (row << 28) | column;
                if (!cells.TryGetValue(key, out var facts))
                {
                    var (centre, reach) = Cell(size, row, column);
                    facts = MeasureCell(centre, reach.Metres);
                    cells[key] = facts;
                }

                if (!facts.Measured)
                {
                    return false;
                }

                if (facts.Distance - facts.Reach >= above || facts.Distance + facts.Reach <= below)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (GeoPoint Centre, Distance Reach) Cell(double size, long row, long column)
    {
        double south = (row * size) - 90, west = (column * size) - 180;
        var centre = new GeoPoint(south + (size / 2), west + (size / 2));

        // Any point of the cell is joined to the centre by the path straight in latitude and longitude, whose length is
        // at most sqrt((M dφ)² + (N cos φ dλ)²) with the meridian radius M at its largest in the cell (nearest a pole)
        // and the parallel's radius N cos φ at its largest (nearest the equator), dφ and dλ at most half the cell. The
        // geodesic is no longer than that path. The factor and the centimetre cover rounding.
        var wgs = Geodesic.Wgs84;
        double e2 = wgs.F * (2 - wgs.F);
        double poleward = Math.Max(Math.Abs(south), Math.Abs(south + size)) * Math.PI / 180;
        double equatorward = south < 0 && south + size > 0 ? 0 : Math.Min(Math.Abs(south), Math.Abs(south + size)) * Math.PI / 180;
        double sinP = Math.Sin(poleward), sinE = Math.Sin(equatorward);
        double meridian = wgs.A * (1 - e2) / Math.Pow(1 - (e2 * sinP * sinP), 1.5);
        double parallel = wgs.A * Math.Cos(equatorward) / Math.Sqrt(1 - (e2 * sinE * sinE));
        double half = size / 2 * Math.PI / 180;
        double reach = Math.Sqrt((meridian * half * meridian * half) + (parallel * half * parallel * half));
        return (centre, Distance.FromMetres((reach * (1 + 1e-9)) + 0.01));
    }

    /// <summary>A box that contains every point of the zone; null when the zone is provably empty.</summary>
    public abstract BoundingBox? Bounds { get; }

    /// <summary>Binds an expression to the catalog; throws <see cref="ArgumentException"/> for a missing feature or a feature of the wrong kind.</summary>
    public static CompiledZone Compile(ZoneExpr expr, GeometryCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(catalog);
        ReferenceFeature Feature(string id) => catalog.Features.TryGetValue(id, out var f)
            ? f
            : throw new ArgumentException($"unknown reference feature '{id}'", nameof(expr));

        return expr switch
        {
            WithinExpr w => new DistanceZone(Feature(w.Of), w.Distance, within: true),
            BeyondExpr b => new DistanceZone(Feature(b.Of), b.Distance, within: false),
            AreaExpr a => Feature(a.Of) is { Kind: FeatureKind.Area } area
                ? new AreaZone(area)
                : throw new ArgumentException($"'area: {a.Of}' needs a Polygon or MultiPolygon feature", nameof(expr)),
            SideExpr s => Feature(s.Of) is { Kind: FeatureKind.Line, Lines.Count: 1 } line
                ? new SideZone(line, s.Side)
                : throw new ArgumentException($"'side ... of: {s.Of}' needs a single LineString feature", nameof(expr)),
            AllExpr all => new Combined([.. all.Parts.Select(p => Compile(p, catalog))], intersect: true),
            AnyExpr any when any.Parts.Count > 1 && any.Parts.All(p => p is AreaExpr) => UnionOfAreas([.. any.Parts.Cast<AreaExpr>().Select(p => p.Of)], catalog, Feature),
            AnyExpr any => new Combined([.. any.Parts.Select(p => Compile(p, catalog))], intersect: false),
            DifferenceExpr d => new Difference(Compile(d.Base, catalog), Compile(d.Minus, catalog)),
            _ => throw new ArgumentException($"unsupported zone expression {expr.GetType().Name}", nameof(expr)),
        };
    }

    /// <summary>Whether the disc of <paramref name="radius"/> around <paramref name="point"/> lies in the zone; distances measured go to <paramref name="measures"/>.</summary>
    /// <param name="point">Reported coordinates.</param>
    /// <param name="radius">How far the true place may be from them.</param>
    /// <param name="cache">Distances already measured for this point.</param>
    /// <param name="measures">Receives the distances measured.</param>
    /// <param name="clue">The administrative unit the source names, if any: each term the disc leaves open is settled by it where it can be.</param>
    public Judgement Evaluate(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures, LocationClue? clue = null) =>
        EvaluateCore(point, radius, cache, measures, clue);

    /// <summary>Whether the exact evaluation would certainly answer No without measuring any distance near a threshold, proven with bounds alone (no geodesic).</summary>
    /// <remarks>
    /// Kleene logic is monotone: a combination that is No while some terms are still unknown is No whatever they turn
    /// out to be. A term counts as proven No only when the disc lies beyond its feature's cheap lower bound by more than
    /// the near-threshold margin, and the unit the source names cannot overturn it (see <see cref="WithClue"/>).
    /// </remarks>
    internal bool CertainlyOutside(GeoPoint point, Distance radius, AdminUnit? unit) =>
        radius.IsFinite && QuickCore(point, radius, unit) == Judgement.No && !MayMeasureNearThreshold(point, radius);

    /// <summary>A cheap judgement: No when proven, otherwise Uncertain (never Yes: that would need the measures).</summary>
    private protected abstract Judgement QuickCore(GeoPoint point, Distance radius, AdminUnit? unit);

    /// <summary>Whether some distance term could measure a distance within the near-threshold margin of its threshold.</summary>
    private protected abstract bool MayMeasureNearThreshold(GeoPoint point, Distance radius);

    /// <summary>Whether the unit could overturn a No of this term for an incoherent report (it would have to lie wholly inside the term).</summary>
    private protected bool UnitMayOverturnNo(AdminUnit? unit) => unit is not null && EvaluateUnit(unit) == Judgement.Yes;

    /// <summary>The judgement of this term or combination; leaves apply the unit clue term by term.</summary>
    protected abstract Judgement EvaluateCore(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures, LocationClue? clue);

    /// <summary>A leaf's disc judgement refined by the unit: the unit settles what the disc leaves open, and a unit that contradicts a settled disc makes it uncertain.</summary>
    /// <remarks>
    /// Both clues bound the same true place, so each is sound for the term on its own; applying them per term (not to
    /// the whole expression) lets "within 85 km" be settled by the coordinates and "inside Syria" by the governorate.
    /// </remarks>
    private protected Judgement WithClue(Judgement byDisc, LocationClue? clue)
    {
        if (clue is null)
        {
            return byDisc;
        }

        if (byDisc == Judgement.Uncertain)
        {
            var byUnit = EvaluateUnit(clue.Unit);
            if (byUnit != Judgement.Uncertain)
            {
                clue.Decided = true;
            }

            return byUnit;
        }

        if (!clue.Coherent)
        {
            var byUnit = EvaluateUnit(clue.Unit);
            if (byUnit != Judgement.Uncertain && byUnit != byDisc)
            {
                clue.Contradicted = true;
                return Judgement.Uncertain;
            }
        }

        return byDisc;
    }

    /// <summary>Convenience overload with a fresh cache and no measures.</summary>
    public Judgement Evaluate(GeoPoint point, Distance radius) => Evaluate(point, radius, new DistanceCache(), []);

    /// <summary>Whether all of the unit lies in the zone (yes), none of it (no), or part of it (uncertain); computed once per unit.</summary>
    /// <remarks>Distances are judged on the unit's grid samples widened by their covering radius, so the answer is never yes or no when the truth could differ.</remarks>
    public Judgement EvaluateUnit(AdminUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        lock (gate)
        {
            if (!unitAnswers.TryGetValue(unit.Id, out var answer))
            {
                answer = EvaluateUnitCore(unit);
                unitAnswers[unit.Id] = answer;
            }

            return answer;
        }
    }

    /// <summary>The unit judgement, uncached.</summary>
    protected abstract Judgement EvaluateUnitCore(AdminUnit unit);

    private static AreaZone UnionOfAreas(string[] ids, GeometryCatalog catalog, Func<string, ReferenceFeature> feature)
    {
        var parts = ids.Select(feature).ToList();
        if (parts.FirstOrDefault(p => p.Kind != FeatureKind.Area) is { } notArea)
        {
            throw new ArgumentException($"'area: {notArea.Id}' needs a Polygon or MultiPolygon feature", nameof(ids));
        }

        var first = parts[0].Provenance;
        var union = ReferenceFeature.OfArea(
            string.Join("+", ids), Geodesy.Planar.Union(parts.Select(p => p.Area!)),
            first with { Name = string.Join(" + ", parts.Select(p => p.Provenance.Name)), Approximate = parts.Any(p => p.Provenance.Approximate) });
        return new AreaZone(union);
    }

    private sealed class DistanceZone(ReferenceFeature feature, Distance threshold, bool within) : CompiledZone
    {
        internal override bool HasThreshold => true;

        internal override bool MayBeNearThreshold(GeoPoint point, DistanceCache cache, Distance margin)
        {
            double t = threshold.Metres, m = margin.Metres;
            if (cache.TryMeasured(feature, out var d))
            {
                return Math.Abs(d.Metres - t) < m;
            }

            // The distance lies in [lo, hi]; a capped centre distance gives a hi too low but a sound lo, far past t + m.
            return feature.LowerBound(point).Metres < t + m && !CellBoundsSettle(point, t - m, t + m);
        }

        public override BoundingBox? Bounds => within ? feature.Bounds.Expand(threshold) : BoundingBox.World;

        protected override Judgement EvaluateCore(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures, LocationClue? clue)
        {
            // A sample near an already measured point is often settled by the triangle inequality alone, or by its
            // distance to the point of the feature nearest that centre (the feature is at least that near).
            if (radius.IsFinite && cache.TryBound(feature, out var near, out var far))
            {
                if (Judge(near - radius.Metres, far + radius.Metres) is var bounded and not Judgement.Uncertain)
                {
                    return WithClue(bounded, clue);
                }

                if (cache.TryUpperBound(feature, point, out var atMost) && Judge(near - radius.Metres, Math.Min(far, atMost) + radius.Metres) is var tighter and not Judgement.Uncertain)
                {
                    return WithClue(tighter, clue);
                }
            }

            var d = cache.DistanceTo(feature, point);
            measures.Add(new ZoneMeasure(feature.Id, d, threshold));
            return WithClue(radius.IsFinite ? Judge(d.Metres - radius.Metres, d.Metres + radius.Metres) : Judgement.Uncertain, clue);
        }

        /// <summary>Cell centres are measured only up to this far beyond the threshold and the cell's reach: farther, every disc of a smaller radius answers as at the cap.</summary>
        private const double CellCap = 300_000;

        private protected override CellFacts MeasureCell(GeoPoint centre, double reach) =>
            new(centre, reach, feature.DistanceTo(centre, Distance.FromMetres(threshold.Metres + reach + CellCap)).Metres, false, Measured: true);

        /// <remarks>
        /// Every point of the cell is within the reach of its centre, so its distance d lies in [lo, hi] around the
        /// centre's. The disc judgement of d is yes, no or uncertain by where d ± r falls; when that is the same at
        /// both ends of the range it is the same throughout.
        /// </remarks>
        private protected override Judgement? CellAnswer(in CellFacts cell, Distance radius)
        {
            if (radius.Metres >= CellCap)
            {
                return null; // the capped centre distance cannot answer for so wide a disc
            }

            // A capped distance d lies cap beyond the threshold and reach: d - reach - r exceeds the threshold for
            // every r below the cap, so the answer is the one the true (larger) distance gives.
            double d = cell.Distance, lo = d - cell.Reach, hi = d + cell.Reach, r = radius.Metres, t = threshold.Metres;
            var bounded = Judge(lo - r, hi + r);
            if (bounded != Judgement.Uncertain)
            {
                return bounded;
            }

            bool uncertainThroughout = within ? lo + r > t && hi - r <= t : hi - r < t && lo + r >= t;
            return uncertainThroughout ? Judgement.Uncertain : null;
        }

        private protected override Judgement QuickCore(GeoPoint point, Distance radius, AdminUnit? unit)
        {
            // The bound first: it is the cheaper question, and most items far from the line settle the term by it.
            if (!within || feature.LowerBound(point).Metres - radius.Metres <= threshold.Metres)
            {
                return Judgement.Uncertain;
            }

            return UnitMayOverturnNo(unit) ? Judgement.Uncertain : Judgement.No;
        }

        private protected override bool MayMeasureNearThreshold(GeoPoint point, Distance radius) =>
            !within || feature.LowerBound(point).Metres - radius.Metres <= threshold.Metres + Verifier.ThresholdMargin.Metres;

        protected override Judgement EvaluateUnitCore(AdminUnit unit)
        {
            // Samples are real points of the unit: one inside and one outside settle "uncertain" exactly. Otherwise the
            // covering radius bounds every other point; finer levels shrink it until the answer is settled.
            var answer = Judgement.Uncertain;
            int level = 0;
            foreach (var samples in unit.SamplesCoarseToFine)
            {
                var (min, max) = unit.DistanceRange(feature, level++);
                if (Judge(min, min) != Judge(max, max))
                {
                    return Judgement.Uncertain;
                }

                answer = Judge(min - samples.CoveringRadius.Metres, max + samples.CoveringRadius.Metres);
                if (answer != Judgement.Uncertain)
                {
                    return answer;
                }
            }

            return answer;
        }

        /// <summary>The judgement for a place whose distance to the feature lies in [near, far].</summary>
        private Judgement Judge(double near, double far)
        {
            if (within)
            {
                return far <= threshold.Metres ? Judgement.Yes : near > threshold.Metres ? Judgement.No : Judgement.Uncertain;
            }

            return near >= threshold.Metres ? Judgement.Yes : far < threshold.Metres ? Judgement.No : Judgement.Uncertain;
        }
    }

    private sealed class AreaZone(ReferenceFeature feature) : CompiledZone
    {
        public override BoundingBox? Bounds => feature.Bounds;

        protected override Judgement EvaluateCore(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures, LocationClue? clue)
        {
            return WithClue(ByDisc(point, radius, cache), clue);
        }

        private protected override Judgement QuickCore(GeoPoint point, Distance radius, AdminUnit? unit) =>
            !UnitMayOverturnNo(unit) && !feature.Bounds.Expand(radius).Contains(point) ? Judgement.No : Judgement.Uncertain;

        private protected override CellFacts MeasureCell(GeoPoint centre, double reach) => new(centre, reach, 0, feature.Area!.Contains(centre), Measured: true);

        /// <remarks>
        /// With no edge within reach + r of the centre, no disc in the cell reaches an edge and every point is on the
        /// centre's side. With an edge within r - reach of the centre, every disc in the cell reaches it. (A pruned
        /// search for an edge within the limit is cheaper than the centre's exact distance to the boundary.)
        /// </remarks>
        private protected override Judgement? CellAnswer(in CellFacts cell, Distance radius)
        {
            var reach = Distance.FromMetres(cell.Reach);
            if (!feature.Area!.IsBoundaryWithin(cell.Centre, reach + radius))
            {
                return cell.Inside ? Judgement.Yes : Judgement.No;
            }

            return radius > reach && feature.Area.IsBoundaryWithin(cell.Centre, radius - reach) ? Judgement.Uncertain : null;
        }

        private protected override bool MayMeasureNearThreshold(GeoPoint point, Distance radius) => false;

        private Judgement ByDisc(GeoPoint point, Distance radius, DistanceCache cache)
        {
            if (!radius.IsFinite)
            {
                return Judgement.Uncertain;
            }

            bool inside = cache.Contains(feature, point);
            if (radius.Metres > 0 && feature.Area!.IsBoundaryWithin(point, radius))
            {
                return Judgement.Uncertain;
            }

            return inside ? Judgement.Yes : Judgement.No;
        }

        protected override Judgement EvaluateUnitCore(AdminUnit unit) => unit.InsideArea(feature, () =>
        {
            // Boundaries from different sources (admin-0 and admin-1) disagree by up to the tolerance: a polygon counts as
            // inside when it lies inside the zone grown by it, and outside when, shrunk by it, it does not touch the zone.
            // A unit drawn by several polygons is inside (outside) when each of them is.
            double tol = BoundaryTolerance.Metres / 111_000.0;
            var answers = unit.Areas.Select(a =>
            {
                if (feature.Grown(tol).Covers(a.Planar))
                {
                    return Judgement.Yes;
                }

                var core = a.Planar.Buffer(-tol);
                return feature.Planar.Intersects(core.IsEmpty ? a.Planar : core) ? Judgement.Uncertain : Judgement.No;
            }).Distinct().ToList();
            return answers.Count == 1 ? answers[0] : Judgement.Uncertain;
        });
    }

    private sealed class SideZone(ReferenceFeature feature, LineSide side) : CompiledZone
    {
        public override BoundingBox? Bounds => BoundingBox.World;

        protected override Judgement EvaluateCore(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures, LocationClue? clue)
        {
            var d = cache.DistanceTo(feature, point);
            measures.Add(new ZoneMeasure(feature.Id, d, null));
            // Past the line's ends the sides meet along its extension, which a disc may cross without touching the line.
            var byDisc = !radius.IsFinite || d <= radius || (radius.Metres > 0 && feature.Lines[0].NearestIsAnEnd(point)) ? Judgement.Uncertain
                : OnSide(point) ? Judgement.Yes : Judgement.No;
            return WithClue(byDisc, clue);
        }

        protected override Judgement EvaluateUnitCore(AdminUnit unit)
        {
            foreach (var samples in unit.SamplesCoarseToFine)
            {
                bool any = false, all = true, near = false;
                foreach (var p in samples.Points)
                {
                    near |= feature.DistanceTo(p) <= samples.CoveringRadius;
                    bool on = OnSide(p);
                    any |= on;
                    all &= on;
                }

                if (any && !all)
                {
                    return Judgement.Uncertain;
                }

                if (!near)
                {
                    return all ? Judgement.Yes : Judgement.No;
                }
            }

            return Judgement.Uncertain;
        }

        private protected override Judgement QuickCore(GeoPoint point, Distance radius, AdminUnit? unit) => Judgement.Uncertain;

        private protected override bool MayMeasureNearThreshold(GeoPoint point, Distance radius) => false;

        private bool OnSide(GeoPoint point) => (feature.Lines[0].SideOf(point) > 0 ? LineSide.Right : LineSide.Left) == side;
    }

    private sealed class Combined(CompiledZone[] parts, bool intersect) : CompiledZone
    {
        // "and" is settled by the first no, "or" by the first yes: the remaining parts need not be measured.
        private readonly Judgement settles = intersect ? Judgement.No : Judgement.Yes;

        internal override bool HasThreshold => parts.Any(p => p.HasThreshold);

        internal override long CellsMeasured => parts.Sum(p => p.CellsMeasured);

        internal override bool MayBeNearThreshold(GeoPoint point, DistanceCache cache, Distance margin)
        {
            foreach (var p in parts)
            {
                if (p.MayBeNearThreshold(point, cache, margin))
                {
                    return true;
                }
            }

            return false;
        }

        public override BoundingBox? Bounds { get; } = intersect
            ? parts.Select(p => p.Bounds).Aggregate((a, b) => a is { } x && b is { } y ? x.Intersect(y) : null)
            : parts.Select(p => p.Bounds).Aggregate((a, b) => a is { } x ? (b is { } y ? x.Union(y) : x) : b);

        protected override Judgement EvaluateCore(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures, LocationClue? clue)
        {
            var result = parts[0].EvaluateCore(point, radius, cache, measures, clue);
            for (int i = 1; i < parts.Length && result != settles; i++)
            {
                var next = parts[i].EvaluateCore(point, radius, cache, measures, clue);
                result = intersect ? Kleene.And(result, next) : Kleene.Or(result, next);
            }

            return result;
        }

        private protected override Judgement JudgeCore(GeoPoint point, Distance radius, DistanceCache cache, LocationClue? clue)
        {
            var result = parts[0].JudgeCore(point, radius, cache, clue);
            for (int i = 1; i < parts.Length && result != settles; i++)
            {
                var next = parts[i].JudgeCore(point, radius, cache, clue);
                result = intersect ? Kleene.And(result, next) : Kleene.Or(result, next);
            }

            return result;
        }

        private protected override Judgement QuickCore(GeoPoint point, Distance radius, AdminUnit? unit)
        {
            var result = parts[0].QuickCore(point, radius, unit);
            for (int i = 1; i < parts.Length && result != settles; i++)
            {
                var next = parts[i].QuickCore(point, radius, unit);
                result = intersect ? Kleene.And(result, next) : Kleene.Or(result, next);
            }

            return result;
        }

        private protected override bool MayMeasureNearThreshold(GeoPoint point, Distance radius)
        {
            foreach (var p in parts)
            {
                if (p.MayMeasureNearThreshold(point, radius))
                {
                    return true;
                }
            }

            return false;
        }

        protected override Judgement EvaluateUnitCore(AdminUnit unit)
        {
            var result = parts[0].EvaluateUnit(unit);
            for (int i = 1; i < parts.Length && result != settles; i++)
            {
                var next = parts[i].EvaluateUnit(unit);
                result = intersect ? Kleene.And(result, next) : Kleene.Or(result, next);
            }

            return result;
        }
    }

    private sealed class Difference(CompiledZone baseZone, CompiledZone minus) : CompiledZone
    {
        internal override bool HasThreshold => baseZone.HasThreshold || minus.HasThreshold;

        internal override long CellsMeasured => baseZone.CellsMeasured + minus.CellsMeasured;

        internal override bool MayBeNearThreshold(GeoPoint point, DistanceCache cache, Distance margin) =>
            baseZone.MayBeNearThreshold(point, cache, margin) || minus.MayBeNearThreshold(point, cache, margin);

        public override BoundingBox? Bounds => baseZone.Bounds;

        protected override Judgement EvaluateCore(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures, LocationClue? clue) =>
            Kleene.And(baseZone.EvaluateCore(point, radius, cache, measures, clue), Kleene.Not(minus.EvaluateCore(point, radius, cache, measures, clue)));

        protected override Judgement EvaluateUnitCore(AdminUnit unit) =>
            Kleene.And(baseZone.EvaluateUnit(unit), Kleene.Not(minus.EvaluateUnit(unit)));

        private protected override Judgement JudgeCore(GeoPoint point, Distance radius, DistanceCache cache, LocationClue? clue) =>
            Kleene.And(baseZone.JudgeCore(point, radius, cache, clue), Kleene.Not(minus.JudgeCore(point, radius, cache, clue)));

        // Only the base can prove No cheaply: proving the minus Yes would need its measures.
        private protected override Judgement QuickCore(GeoPoint point, Distance radius, AdminUnit? unit) =>
            baseZone.QuickCore(point, radius, unit) == Judgement.No ? Judgement.No : Judgement.Uncertain;

        private protected override bool MayMeasureNearThreshold(GeoPoint point, Distance radius) =>
            baseZone.MayMeasureNearThreshold(point, radius) || minus.MayMeasureNearThreshold(point, radius);
    }
}

/// <summary>The administrative unit a report names, carried through one zone evaluation, and what it did there.</summary>
/// <param name="unit">The unit.</param>
/// <param name="coherent">Whether the coordinates, with their precision, reach the unit at all (computed only if needed).</param>
public sealed class LocationClue(AdminUnit unit, Func<bool> coherent)
{
    private bool? isCoherent;

    /// <summary>The unit.</summary>
    public AdminUnit Unit { get; } = unit ?? throw new ArgumentNullException(nameof(unit));

    /// <summary>Whether the coordinates reach the unit; when they do not, the source contradicts itself.</summary>
    /// <remarks>Asked at most once per evaluation, on one thread: a plain field, not a locking Lazy.</remarks>
    public bool Coherent => isCoherent ??= coherent();

    /// <summary>Set when the unit settled a term the coordinates left open.</summary>
    public bool Decided { get; set; }

    /// <summary>Set when the unit and the coordinates gave opposite answers for a term.</summary>
    public bool Contradicted { get; set; }

    /// <summary>Clears what one evaluation found, for the next (the coherence is asked again, of whatever item the clue now stands for).</summary>
    internal void Reset()
    {
        isCoherent = null;
        Decided = false;
        Contradicted = false;
    }
}
