using System.Globalization;
using Truce.Actors;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Places;

namespace Truce.Verification;

/// <summary>Holds evidence, streamed one item at a time, against every obligation reading, and produces verdicts.</summary>
/// <remarks>
/// Each item is screened cheaply first (time window, activity, actors) and only then located against the zone,
/// whose geodesic distances are computed once per item and shared by all readings. Only findings that might bear
/// on a verdict are kept, and at most <c>maxFindings</c> of each kind per reading, so memory does not grow with
/// the size of the evidence.
/// </remarks>
public sealed class Verifier
{
    /// <summary>Findings this close to a distance threshold get a caveat naming the reference geometry's resolution.</summary>
    public static readonly Distance ThresholdMargin = Distance.FromKilometres(1);

    private readonly List<Target> targets = [];
    private readonly List<Coverage> coverages = [];
    private readonly ActorMatcher matcher;
    private readonly Dictionary<string, int> unresolved = new(StringComparer.Ordinal);
    private readonly AdminUnitTable places;
    private readonly bool reference;

    /// <summary>Prepares every obligation of every agreement under every reading of its zone.</summary>
    /// <exception cref="ArgumentException">A spec names geometry, zones or classes that do not exist (run the linter first).</exception>
    /// <param name="agreements">The agreements to verify.</param>
    /// <param name="catalog">Reference geometry.</param>
    /// <param name="registry">Actors and classes.</param>
    /// <param name="maxFindings">Findings kept per kind and reading (the rest are counted).</param>
    /// <param name="places">Administrative-unit names for location clues.</param>
    /// <param name="reference">True for the straightforward reference path: every zone measured exactly, every score estimated. Same output, slower; the equivalence tests compare the two.</param>
    public Verifier(IEnumerable<Agreement> agreements, GeometryCatalog catalog, ActorRegistry registry, int maxFindings = 200, AdminUnitTable? places = null, bool reference = false)
    {
        this.reference = reference;
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(catalog);
        matcher = new ActorMatcher(registry);
        this.places = places ?? AdminUnitTable.Empty;
        Catalog = catalog;
        foreach (var agreement in agreements)
        {
            foreach (var obligation in agreement.Obligations)
            {
                var zone = agreement.Zones.Single(z => z.Id == obligation.ZoneId);
                var who = agreement.ActorClasses.Single(c => c.Id == obligation.Who);
                var against = obligation.Against is null ? null : agreement.ActorClasses.Single(c => c.Id == obligation.Against);
                foreach (var variant in zone.Variants)
                {
                    targets.Add(new Target(agreement, obligation, zone, variant, CompiledZone.Compile(variant.Expression, catalog), who, against, maxFindings));
                }
            }
        }
    }

    /// <summary>The reference geometry in use.</summary>
    public GeometryCatalog Catalog { get; }

    /// <summary>Reported names that are not in the actor registry, with how many items carried them.</summary>
    public IReadOnlyDictionary<string, int> UnresolvedNames => unresolved;

    /// <summary>Number of evidence items observed.</summary>
    public long EvidenceCount { get; private set; }

    /// <summary>Registers what a source could have seen.</summary>
    public void Observe(Coverage coverage) => coverages.Add(coverage ?? throw new ArgumentNullException(nameof(coverage)));

    /// <summary>Holds one evidence item against every obligation reading.</summary>
    public void Observe(Evidence.Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        EvidenceCount++;
        foreach (var name in evidence.Actors.SelectMany(a => matcher.Resolve(a.Name)).Where(m => m.Actor is null).Select(m => m.Name).Distinct())
        {
            unresolved[name] = unresolved.GetValueOrDefault(name) + 1;
        }

        var cache = new DistanceCache();
        (AdminUnit Unit, string Clue)? clue = null;
        bool clueResolved = false;
        // One item, one thread: no lock is needed to compute this once (a locking Lazy costs more than the test).
        var coherent = new Lazy<bool>(() => clue is not { } k || k.Unit.Reaches(evidence.Location, evidence.LocationPrecision.Radius, CompiledZone.BoundaryTolerance), LazyThreadSafetyMode.None);
        foreach (var t in targets)
        {
            t.Screening.Considered++;
            var time = TimeJudgement(t.Obligation.Window, evidence.Time.Days);
            if (time == Judgement.No)
            {
                t.Screening.OutsideWindow++;
                continue;
            }

            var activity = ActivityRules.ActivityMatches(t.Obligation.Activity, evidence.Activity);
            if (activity == Judgement.No)
            {
                t.Screening.OtherActivity++;
                continue;
            }

            var reasons = new List<string>();
            var (actor, actorId, counterpartId, identification, identity) = MatchActors(t, evidence, reasons);
            if (actor == Judgement.No)
            {
                t.Screening.OtherActors++;
                continue;
            }

            if (!clueResolved)
            {
                clue = places.Resolve(evidence.Admin);
                clueResolved = true;
            }

            // Proven outside with bounds alone, and too far from any threshold for a near miss: nothing to measure.
            var radius = evidence.LocationPrecision.Radius;
            if (!reference && t.Zone.CertainlyOutside(evidence.Location, radius, clue?.Unit))
            {
                t.Screening.OutsideZone++;
                continue;
            }

            var measures = new List<ZoneMeasure>();
            var (zone, clueNote) = Locate(t.Zone, evidence, clue, coherent, cache, measures, reasons);
            if (zone == Judgement.No)
            {
                t.Screening.OutsideZone++;

                // Just outside a distance threshold is where the reference line's own resolution matters: say so.
                if (measures.Any(NearThreshold))
                {
                    t.NearMisses.Add(new Finding(evidence, zone, measures, time, actor, activity, actorId, counterpartId, identification, reasons, Confirmed: false,
                        Score(t, evidence, zone, clue, identity, activity, reference ? null : cache), clueNote));
                }

                continue;
            }

            if (time == Judgement.Uncertain)
            {
                reasons.Add(t.Obligation.Window is null
                    ? "the obligation has no start date"
                    : $"event days {evidence.Time.Days} straddle the enforced window {t.Obligation.Window}");
            }

            if (activity == Judgement.Uncertain)
            {
                reasons.Add($"'{evidence.ReportedType}' may or may not be {Vocabulary.Name(t.Obligation.Activity)}");
            }

            bool allYes = zone == Judgement.Yes && time == Judgement.Yes && actor == Judgement.Yes && activity == Judgement.Yes;

            // A possible finding whose score could not reach the kept set, even with the whole zone share, is only
            // counted: estimating its share (64 exact samples) would change nothing in any report.
            if (!reference && !allYes && zone == Judgement.Uncertain && t.Possible.IsFull && CannotBeKept(ScoreWithoutZone(t, evidence, identity, activity).Value, evidence, t.Possible.Last!))
            {
                t.Possible.CountOnly();
                continue;
            }

            if (allYes && !evidence.Source.CanConfirm)
            {
                reasons.Add($"source {evidence.Source.SourceId} rated {evidence.Source.Code}: too weak to confirm alone");
            }

            var finding = new Finding(evidence, zone, measures, time, actor, activity, actorId, counterpartId, identification, reasons, allYes && evidence.Source.CanConfirm,
                Score(t, evidence, zone, clue, identity, activity, reference ? null : cache), clueNote);
            (finding.Confirmed ? t.Confirmed : t.Possible).Add(finding);
        }
    }

    /// <summary>Judges the item's location against a zone from every clue: the coordinates with their precision, and the administrative unit the source names.</summary>
    /// <remarks>
    /// Both clues bound the same true place, so each is sound alone; they are applied term by term (see
    /// <see cref="CompiledZone.Evaluate(GeoPoint, Distance, DistanceCache, List{ZoneMeasure}, LocationClue)"/>). When they
    /// contradict each other the source is inconsistent and the answer is uncertain, with the reason.
    /// </remarks>
    private static (Judgement Zone, string? ClueNote) Locate(
        CompiledZone zone, Evidence.Evidence evidence, (AdminUnit Unit, string Clue)? clue, Lazy<bool> coherent, DistanceCache cache, List<ZoneMeasure> measures, List<string> reasons)
    {
        var precision = evidence.LocationPrecision;
        var where = $"location known only {precision.Meaning} ({precision.Scheme} {precision.Code}: ±{precision.Radius})";
        var unitClue = clue is { } c ? new LocationClue(c.Unit, () => coherent.Value) : null;
        var judgement = zone.Evaluate(evidence.Location, precision.Radius, cache, measures, unitClue);
        if (unitClue is { Contradicted: true })
        {
            reasons.Add($"the coordinates (±{precision.Radius}) do not reach {clue!.Value.Clue} ({clue.Value.Unit.Id}), and the two place the event on opposite sides of a zone edge: the source contradicts itself");
        }

        string? note = null;
        if (unitClue is { Decided: true })
        {
            var rule = evidence.Origin.Format is "ucdp-ged" or "acled" ? $"reading rule {(evidence.Origin.Format == "acled" ? "acled" : "ucdp")}.admin-units" : "the record's admin fields";
            note = $"{clue!.Value.Clue} ({clue.Value.Unit.Id}) settled what the coordinates alone ({precision.Scheme} {precision.Code}: ±{precision.Radius}) left open ({rule})";
        }

        if (judgement == Judgement.Uncertain && unitClue is not { Contradicted: true })
        {
            reasons.Add(clue is { } k ? $"{where} straddles the zone edge, and {k.Clue} ({k.Unit.Id}) does not settle it" : where + " straddles the zone edge");
        }

        return (judgement, note);
    }

    /// <summary>Whether a possible finding whose score is at most <paramref name="upper"/> would rank after <paramref name="last"/>: scores are whole numbers, so ties are common, and a tie goes to the earlier event.</summary>
    private static bool CannotBeKept(int upper, Evidence.Evidence e, Finding last)
    {
        if (upper != last.Score.Value)
        {
            return upper < last.Score.Value;
        }

        int c = e.Time.Days.Start.CompareTo(last.Evidence.Time.Days.Start);
        return (c != 0 ? c : string.CompareOrdinal(e.Id, last.Evidence.Id)) > 0;
    }

    /// <summary>The score with the zone chance at its maximum (1): an upper bound on the finding's score.</summary>
    private static FindingScore ScoreWithoutZone(Target t, Evidence.Evidence e, double identity, Judgement activity) => new(
        1,
        FindingScore.TimeShare(t.Obligation.Window, e.Time.Days),
        identity,
        FindingScore.Of(activity),
        FindingScore.ReliabilityWeight(e.Source.Reliability) * FindingScore.CredibilityWeight(e.Source.Credibility));

    private static FindingScore Score(Target t, Evidence.Evidence e, Judgement zone, (AdminUnit Unit, string Clue)? clue, double identity, Judgement activity, DistanceCache? distances)
    {
        double? zoneShare = zone == Judgement.Uncertain
            ? ZoneShare.Estimate(t.Zone, e.Location, e.LocationPrecision.Radius, clue?.Unit, distances)
            : FindingScore.Of(zone);
        return new FindingScore(
            zoneShare,
            FindingScore.TimeShare(t.Obligation.Window, e.Time.Days),
            identity,
            FindingScore.Of(activity),
            FindingScore.ReliabilityWeight(e.Source.Reliability) * FindingScore.CredibilityWeight(e.Source.Credibility));
    }

    /// <summary>The verdicts, in spec order (agreement, obligation, reading).</summary>
    public IReadOnlyList<Verdict> Verdicts() => [.. targets.Select(Decide)];

    private static Judgement TimeJudgement(ValidityPeriod? window, DateRange days)
    {
        if (window is not { } w)
        {
            return Judgement.Uncertain;
        }

        return w.Covers(days) ? Judgement.Yes : w.Overlaps(days) ? Judgement.Uncertain : Judgement.No;
    }

    private (Judgement Judgement, string? ActorId, string? CounterpartId, string Identification, double Chance) MatchActors(Target t, Evidence.Evidence e, List<string> doubts)
    {
        var o = t.Obligation;
        var days = e.Time.Days;
        var who = Best(e, t.Who, days, exclude: -1, report => ActivityRules.RoleAnswers(o.Activity, e, report, o.Mutual));
        if (who.Judgement == Judgement.No)
        {
            return (Judgement.No, null, null, string.Empty, 0);
        }

        var whoReport = e.Actors[who.Index];
        var identification = Identify(who.Match!, whoReport);
        Doubt(who, whoReport, doubts, o.RoleNote(e, whoReport));
        double whoChance = who.Match!.Probability * FindingScore.Of(who.Role);
        if (t.Against is null)
        {
            return (who.Judgement, who.Match!.ActorId, null, identification, whoChance);
        }

        var against = Best(e, t.Against, days, exclude: who.Index, report => ActivityRules.RoleReceives(report.Role, o.Mutual));
        if (against.Judgement == Judgement.No)
        {
            return (Judgement.No, null, null, string.Empty, 0);
        }

        var againstReport = e.Actors[against.Index];
        Doubt(against, againstReport, doubts, $"'{againstReport.Name}' as {Vocabulary.Name(againstReport.Role)} need not have been the one attacked");
        return (Kleene.And(who.Judgement, against.Judgement), who.Match!.ActorId, against.Match!.ActorId,
            $"{identification}; against {Identify(against.Match!, againstReport)}", whoChance * against.Match!.Probability * FindingScore.Of(against.Role));
    }

    private (Judgement Judgement, int Index, ActorMatch? Match, Judgement Role) Best(
        Evidence.Evidence e, ActorClassSpec cls, DateRange days, int exclude, Func<ActorReport, Judgement> roleJudgement)
    {
        var best = (Judgement: Judgement.No, Index: -1, Match: (ActorMatch?)null, Role: Judgement.No);
        for (int i = 0; i < e.Actors.Count; i++)
        {
            var role = i == exclude ? Judgement.No : roleJudgement(e.Actors[i]);
            if (role == Judgement.No)
            {
                continue;
            }

            var m = matcher.Match(e.Actors[i], cls, days);
            var j = Kleene.And(m.Judgement, role);
            if (j > best.Judgement || (j == best.Judgement && j != Judgement.No && m.Probability > best.Match!.Probability))
            {
                best = (j, i, m, role);
            }
        }

        return best;
    }

    private static string Identify(ActorMatch match, ActorReport report) =>
        $"{match.ActorId}: reported as '{report.Name}' ({Vocabulary.Name(report.Role)}, {Vocabulary.Name(report.Basis)})";

    private static void Doubt((Judgement Judgement, int Index, ActorMatch? Match, Judgement Role) best, ActorReport report, List<string> doubts, string roleNote)
    {
        if (best.Match!.Judgement == Judgement.Uncertain)
        {
            doubts.Add(best.Match.Reason);
        }

        if (best.Role == Judgement.Uncertain)
        {
            doubts.Add(roleNote);
        }
    }

    private Verdict Decide(Target t)
    {
        var o = t.Obligation;
        var caveats = Caveats(t);
        var confirmed = t.Confirmed.Items;
        var possible = t.Possible.Items;
        var window = o.Window;
        var relevant = window is { } w ? CoveragesFor(t, w) : [];
        Verdict Make(VerdictStatus status, Confidence? confidence, string reason, DateRange? firstBreach = null) => new()
        {
            Agreement = t.Agreement,
            Obligation = o,
            Variant = t.Variant,
            Status = status,
            Confidence = confidence,
            Reason = reason,
            Confirmed = confirmed,
            ConfirmedTotal = t.Confirmed.Total,
            Possible = possible,
            PossibleTotal = t.Possible.Total,
            Coverage = relevant,
            Caveats = caveats,
            FirstBreach = firstBreach,
            Screening = t.Screening,
        };

        string activity = Vocabulary.Name(o.Activity);
        if (o.Modality == Modality.MustNot && t.Confirmed.Total > 0)
        {
            var first = confirmed[0];
            bool independent = confirmed.Select(f => f.Evidence.Source.SourceId).Distinct().Count() >= 2;
            bool strong = confirmed.Any(f => f.Evidence.Source.Reliability <= Reliability.B && f.Evidence.Source.Credibility <= Credibility.ProbablyTrue);
            var distance = first.Measures.FirstOrDefault(m => m.Threshold is not null);
            var where = distance is null ? string.Empty : $", {distance.Distance} from {distance.FeatureId}";
            return Make(
                VerdictStatus.Violated,
                independent || strong ? Verification.Confidence.High : Verification.Confidence.Moderate,
                string.Create(CultureInfo.InvariantCulture, $"{t.Confirmed.Total} confirmed {Plural(t.Confirmed.Total, "violation")}; first {first.Evidence.Time.Days} ({first.Evidence.Id}{where})"),
                first.Evidence.Time.Days);
        }

        if (o.Modality == Modality.Must && t.Confirmed.Total > 0)
        {
            var first = confirmed[0];
            return Make(VerdictStatus.NoViolationFound, Verification.Confidence.Moderate, $"fulfilled: {activity} recorded on {first.Evidence.Time.Days} ({first.Evidence.Id})");
        }

        if (window is null)
        {
            return Make(VerdictStatus.Unverifiable, null, "the obligation has no start date (neither 'from' nor a window), so no event can be placed in it");
        }

        if (o.Modality == Modality.Must)
        {
            return Make(VerdictStatus.Unverifiable, null, relevant.Count == 0
                ? $"no evidence source observed {activity} in this zone and period"
                : $"no evidence of {activity} was recorded; absence of evidence is not proof it did not happen");
        }

        if (t.Possible.Total > 0)
        {
            var likeliest = possible[0];
            return Make(VerdictStatus.Unverifiable, null, string.Create(CultureInfo.InvariantCulture,
                $"{t.Possible.Total} possible {Plural(t.Possible.Total, "violation")} the evidence cannot settle; likeliest {likeliest.Evidence.Id} (score {likeliest.Score.Value})"));
        }

        if (relevant.Count == 0)
        {
            return Make(VerdictStatus.Unverifiable, null, $"no evidence source observed {activity} in this zone during {window}; absence of evidence is not compliance");
        }

        bool partial = relevant.All(c => c.Partial);
        var names = string.Join(", ", relevant.Select(c => $"{c.Coverage.SourceId} ({c.Coverage.Period})").Distinct());
        return Make(
            VerdictStatus.NoViolationFound,
            partial ? Verification.Confidence.Low : Verification.Confidence.Moderate,
            string.Create(CultureInfo.InvariantCulture, $"no violation among {t.Screening.Considered} items; watched by {names}{(partial ? " for part of the window only" : string.Empty)}"));
    }

    private List<CoverageUse> CoveragesFor(Target t, ValidityPeriod window)
    {
        var uses = new List<CoverageUse>();
        if (t.Zone.Bounds is not { } zoneBox)
        {
            return uses;
        }

        foreach (var c in coverages)
        {
            if (!c.Observes.Contains(t.Obligation.Activity) || !c.Area.Intersects(zoneBox) || !window.Overlaps(c.Period))
            {
                continue;
            }

            bool partial = (window.From is { } f && c.Period.Start > f) || window.Until is not { } u || c.Period.End < u;
            uses.Add(new CoverageUse(c, partial));
        }

        return uses;
    }

    private List<string> Caveats(Target t)
    {
        var caveats = new List<string>();
        var o = t.Obligation;
        if (t.Variant.Assumed)
        {
            caveats.Add($"zone reading '{t.Variant.Id}' is an assumption, not a stated term{(t.Variant.Note is null ? string.Empty : ": " + t.Variant.Note)}");
        }

        if (t.ZoneSpec.Variants.Count > 1)
        {
            caveats.Add($"zone '{t.ZoneSpec.Id}' has {t.ZoneSpec.Variants.Count} conflicting readings ({string.Join(" vs ", t.ZoneSpec.Variants.Select(v => v.Id))}); each is verified separately");
        }

        foreach (var id in t.Variant.Expression.GeometryIds().Distinct())
        {
            if (Catalog.Features.TryGetValue(id, out var f) && f.Provenance.Approximate)
            {
                caveats.Add($"reference geometry '{id}' is approximate{(f.Provenance.Caveat is null ? string.Empty : ": " + f.Provenance.Caveat)}");
            }
        }

        foreach (var cls in new[] { t.Who, t.Against }.OfType<ActorClassSpec>())
        {
            if (cls.RegistryClass is { } rc && matcher.Registry.Classes.TryGetValue(rc, out var registryClass))
            {
                foreach (var category in registryClass.DisputedCategories.Where(c => !cls.Includes.Contains(c) && !cls.Excludes.Contains(c)))
                {
                    caveats.Add($"the agreement neither includes nor excludes {category} in '{cls.Id}': reports of {category} count only as possible");
                }
            }
        }

        if (o.Modality == Modality.MustNot && o.Activity == ObligedActivity.Presence && !o.GraceStated)
        {
            caveats.Add($"no withdrawal period is stated: enforced from {o.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "an unknown date"}");
        }

        foreach (var (f, kind) in t.Confirmed.Items.Select(f => (f, "inside")).Concat(t.Possible.Items.Select(f => (f, "possibly inside"))).Concat(t.NearMisses.Items.Select(f => (f, "just outside"))))
        {
            foreach (var m in f.Measures.Where(NearThreshold))
            {
                var resolution = Catalog.Features.TryGetValue(m.FeatureId, out var feature) ? feature.Provenance.Resolution : null;
                caveats.Add($"{f.Evidence.Id} ({kind}) is {m.Distance} from {m.FeatureId}, within {ThresholdMargin} of the {m.Threshold} threshold; geometry resolution: {resolution ?? "not stated"}");
            }
        }

        return caveats;
    }

    private static bool NearThreshold(ZoneMeasure m) => m.Threshold is { } th && Math.Abs(m.Distance.Metres - th.Metres) < ThresholdMargin.Metres;

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";

    private sealed class Target(Agreement agreement, Obligation obligation, Zone zoneSpec, ZoneVariant variant, CompiledZone zone, ActorClassSpec who, ActorClassSpec? against, int maxFindings)
    {
        public Agreement Agreement { get; } = agreement;

        public Obligation Obligation { get; } = obligation;

        public Zone ZoneSpec { get; } = zoneSpec;

        public ZoneVariant Variant { get; } = variant;

        public CompiledZone Zone { get; } = zone;

        public ActorClassSpec Who { get; } = who;

        public ActorClassSpec? Against { get; } = against;

        public BoundedFindings Confirmed { get; } = new(maxFindings);

        public BoundedFindings Possible { get; } = new(maxFindings, Finding.CompareByScore);

        public BoundedFindings NearMisses { get; } = new(Math.Min(maxFindings, 20));

        public ScreeningCounts Screening { get; } = new();
    }
}

/// <summary>Explains why a matched actor's role leaves its part in the event uncertain.</summary>
internal static class RoleNotes
{
    public static string RoleNote(this Obligation o, Evidence.Evidence item, ActorReport report)
    {
        if (o.Activity == ObligedActivity.Presence)
        {
            var rule = ReadingRules.Presence(item, report).Rule;
            return $"{report.Name} as {Vocabulary.Name(report.Role)} in '{Vocabulary.Name(item.Activity)}': {rule.Shows} (reading rule {rule.Id})";
        }

        return $"a {Vocabulary.Name(report.Role)} in '{Vocabulary.Name(item.Activity)}' need not have initiated it (the source does not say who did)";
    }
}
