using Truce.Agreements;
using Truce.Geodesy;

namespace Truce.Verification;

/// <summary>A distance from an evidence point to a reference feature, recorded in a finding.</summary>
/// <param name="FeatureId">The reference feature.</param>
/// <param name="Distance">Exact geodesic distance.</param>
/// <param name="Threshold">The zone's threshold for this feature (e.g. 85 km), when the term is a distance.</param>
public sealed record ZoneMeasure(string FeatureId, Distance Distance, Distance? Threshold);

/// <summary>Distances from one point to features, computed once per evidence item and shared by every zone that needs them.</summary>
public sealed class DistanceCache
{
    private readonly Dictionary<string, Distance> distances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> containment = new(StringComparer.Ordinal);

    internal Distance DistanceTo(ReferenceFeature feature, GeoPoint p)
    {
        if (!distances.TryGetValue(feature.Id, out var d))
        {
            d = feature.DistanceTo(p);
            distances[feature.Id] = d;
        }

        return d;
    }

    internal bool Contains(ReferenceFeature feature, GeoPoint p)
    {
        if (!containment.TryGetValue(feature.Id, out var inside))
        {
            inside = feature.Area!.Contains(p);
            containment[feature.Id] = inside;
        }

        return inside;
    }
}

/// <summary>A zone expression bound to reference geometry, answering "is this point, known to within r, inside?" with yes, no or uncertain.</summary>
/// <remarks>
/// A point with location radius r is inside only if its whole disc of radius r is inside, outside only if the whole
/// disc is outside, and uncertain otherwise. Set operations combine answers with Kleene logic, which is sound (never
/// yes or no when the truth could differ) but may answer uncertain where an exact disc-versus-shape test would not.
/// </remarks>
public abstract class CompiledZone
{
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
            AnyExpr any => new Combined([.. any.Parts.Select(p => Compile(p, catalog))], intersect: false),
            DifferenceExpr d => new Difference(Compile(d.Base, catalog), Compile(d.Minus, catalog)),
            _ => throw new ArgumentException($"unsupported zone expression {expr.GetType().Name}", nameof(expr)),
        };
    }

    /// <summary>Whether the disc of <paramref name="radius"/> around <paramref name="point"/> lies in the zone; distances measured go to <paramref name="measures"/>.</summary>
    public abstract Judgement Evaluate(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures);

    /// <summary>Convenience overload with a fresh cache and no measures.</summary>
    public Judgement Evaluate(GeoPoint point, Distance radius) => Evaluate(point, radius, new DistanceCache(), []);

    private sealed class DistanceZone(ReferenceFeature feature, Distance threshold, bool within) : CompiledZone
    {
        public override BoundingBox? Bounds => within ? feature.Bounds.Expand(threshold) : BoundingBox.World;

        public override Judgement Evaluate(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures)
        {
            var d = cache.DistanceTo(feature, point);
            measures.Add(new ZoneMeasure(feature.Id, d, threshold));
            if (!radius.IsFinite)
            {
                return Judgement.Uncertain;
            }

            double near = d.Metres - radius.Metres, far = d.Metres + radius.Metres;
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

        public override Judgement Evaluate(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures)
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
    }

    private sealed class SideZone(ReferenceFeature feature, LineSide side) : CompiledZone
    {
        public override BoundingBox? Bounds => BoundingBox.World;

        public override Judgement Evaluate(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures)
        {
            var d = cache.DistanceTo(feature, point);
            measures.Add(new ZoneMeasure(feature.Id, d, null));
            if (!radius.IsFinite || d <= radius)
            {
                return Judgement.Uncertain;
            }

            int s = feature.Lines[0].SideOf(point);
            return (s > 0 ? LineSide.Right : LineSide.Left) == side ? Judgement.Yes : Judgement.No;
        }
    }

    private sealed class Combined(CompiledZone[] parts, bool intersect) : CompiledZone
    {
        // "and" is settled by the first no, "or" by the first yes: the remaining parts need not be measured.
        private readonly Judgement settles = intersect ? Judgement.No : Judgement.Yes;

        public override BoundingBox? Bounds { get; } = intersect
            ? parts.Select(p => p.Bounds).Aggregate((a, b) => a is { } x && b is { } y ? x.Intersect(y) : null)
            : parts.Select(p => p.Bounds).Aggregate((a, b) => a is { } x ? (b is { } y ? x.Union(y) : x) : b);

        public override Judgement Evaluate(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures)
        {
            var result = parts[0].Evaluate(point, radius, cache, measures);
            for (int i = 1; i < parts.Length && result != settles; i++)
            {
                var next = parts[i].Evaluate(point, radius, cache, measures);
                result = intersect ? Kleene.And(result, next) : Kleene.Or(result, next);
            }

            return result;
        }
    }

    private sealed class Difference(CompiledZone baseZone, CompiledZone minus) : CompiledZone
    {
        public override BoundingBox? Bounds => baseZone.Bounds;

        public override Judgement Evaluate(GeoPoint point, Distance radius, DistanceCache cache, List<ZoneMeasure> measures) =>
            Kleene.And(baseZone.Evaluate(point, radius, cache, measures), Kleene.Not(minus.Evaluate(point, radius, cache, measures)));
    }
}
