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

    // The indexed path: readings per reported spelling, a tally of items by days and activity, and scratch for one item.
    private readonly Dictionary<(string Name, string? Category), int[]> readingsByActor = [];
    private readonly Dictionary<(DateRange Days, Activity Activity), int> daysAndActivities = [];
    private readonly List<int> candidates = [];
    private readonly int[] stamps;
    private int stamp;

    private readonly Item current;

    // What an item's actors decide, per kind of item: its reports (as the rules read them), format, activity and span of memberships.
    private readonly Dictionary<SignatureKey, Signature> signatures = [];
    private readonly Dictionary<ReferenceKey, Signature> signaturesByReference = [];
    private const int MaxSignaturesByReference = 1 << 16; // items with reports of their own (native records) would fill it for nothing

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

        stamps = new int[targets.Count];
        current = new Item(this.places);
    }

    /// <summary>The reference geometry in use.</summary>
    public GeometryCatalog Catalog { get; }

    /// <summary>Reported names that are not in the actor registry, with how many items carried them.</summary>
    public IReadOnlyDictionary<string, int> UnresolvedNames => unresolved;

    /// <summary>Work done so far, by kind.</summary>
    public VerificationWork Work
    {
        get
        {
            work.CellsMeasured = targets.Select(t => t.Zone).Distinct().Sum(z => z.CellsMeasured);
            return work;
        }
    }

    private readonly VerificationWork work = new();

    /// <summary>Number of evidence items observed.</summary>
    public long EvidenceCount { get; private set; }

    /// <summary>Registers what a source could have seen.</summary>
    public void Observe(Coverage coverage) => coverages.Add(coverage ?? throw new ArgumentNullException(nameof(coverage)));

    /// <summary>Holds one evidence item against every obligation reading.</summary>
    public void Observe(Evidence.Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        EvidenceCount++;
        var signature = reference ? null : SignatureOf(evidence);
        IReadOnlyList<string> names = signature?.Unresolved ?? (IReadOnlyList<string>)UnresolvedIn(evidence);
        for (int n = 0; n < names.Count; n++)
        {
            unresolved[names[n]] = unresolved.GetValueOrDefault(names[n]) + 1;
        }

        var item = current.Reset(evidence);
        if (reference)
        {
            // The straightforward path: every reading screens every item, and counts as it goes.
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

                Hold(t, item, time, activity);
            }

            return;
        }

        // Only the readings whose bound class could hold one of the reported actors are visited; the others' counts
        // (outside the window, other activity, other actors) follow from a tally of days and activities at the end.
        var key = (evidence.Time.Days, evidence.Activity);
        daysAndActivities[key] = daysAndActivities.GetValueOrDefault(key) + 1;
        IReadOnlyList<int> reachable = signature?.Candidates ?? (IReadOnlyList<int>)Candidates(evidence);
        for (int c = 0; c < reachable.Count; c++)
        {
            int i = reachable[c];
            var t = targets[i];
            var time = TimeJudgement(t.Obligation.Window, evidence.Time.Days);
            if (time == Judgement.No)
            {
                continue;
            }

            var activity = ActivityRules.ActivityMatches(t.Obligation.Activity, evidence.Activity);
            if (activity == Judgement.No)
            {
                continue;
            }

            t.Reached++;
            Hold(t, item, time, activity, signature, i);
        }
    }

    private List<string> UnresolvedIn(Evidence.Evidence e) => [.. e.Actors.SelectMany(a => matcher.Resolve(a.Name)).Where(m => m.Actor is null).Select(m => m.Name).Distinct()];

    /// <summary>What the item's reports decide about actors, shared by every item like it; null for an item of more than two reports (read afresh).</summary>
    private Signature? SignatureOf(Evidence.Evidence e)
    {
        if (e.Actors.Count is 0 or > 2)
        {
            return null;
        }

        var registry = matcher.Registry;
        var days = e.Time.Days;
        int epoch = registry.MembershipEpoch(days.Start);
        epoch = epoch == registry.MembershipEpoch(days.End) ? epoch : -1;

        // Importers share report objects between the rows that repeat them, so most items are found by reference
        // (cheap to hash); the content key below is the truth, and serves items whose reports are their own.
        var byReference = new ReferenceKey(e.Actors[0], e.Actors.Count > 1 ? e.Actors[1] : null, e.Origin.Format, e.Activity, epoch);
        if (signaturesByReference.TryGetValue(byReference, out var known))
        {
            return known;
        }

        var key = new SignatureKey(
            ReportKey.Of(e.Actors[0]), e.Actors.Count > 1 ? ReportKey.Of(e.Actors[1]) : default, e.Actors.Count, e.Origin.Format, e.Activity, epoch);
        if (!signatures.TryGetValue(key, out var signature))
        {
            signature = new Signature([.. UnresolvedIn(e)], [.. Candidates(e)], targets.Count) { Cacheable = key.Epoch >= 0 };
            signatures[key] = signature;
        }

        if (signaturesByReference.Count < MaxSignaturesByReference)
        {
            signaturesByReference[byReference] = signature;
        }

        return signature;
    }

    /// <summary>The readings (indexes, in spec order) whose bound class some reported actor could be in, on any day.</summary>
    private List<int> Candidates(Evidence.Evidence e)
    {
        candidates.Clear();
        stamp++;
        foreach (var report in e.Actors)
        {
            var key = (report.Name, report.Category);
            if (!readingsByActor.TryGetValue(key, out var reachable))
            {
                reachable = [.. Enumerable.Range(0, targets.Count).Where(i => matcher.MayMatch(report, targets[i].Who))];
                readingsByActor[key] = reachable;
            }

            foreach (int i in reachable)
            {
                if (stamps[i] != stamp)
                {
                    stamps[i] = stamp;
                    candidates.Add(i);
                }
            }
        }

        if (e.Actors.Count > 1)
        {
            candidates.Sort();
        }

        return candidates;
    }

    /// <summary>Holds an item that is in a reading's window and activity against its actors and zone, and keeps or counts the finding.</summary>
    private void Hold(Target t, Item item, Judgement time, Judgement activity, Signature? signature = null, int index = -1)
    {
        work.Visits++;
        var evidence = item.Evidence;
        var cache = item.Distances;
        if (!reference && t.Against is not null && !(signature is not null ? AgainstMayMatch(signature, index, t, evidence) : MayMatchAgainst(t, evidence)))
        {
            t.ActorsNotMatched++;
            return;
        }

        // The actors' judgement and chance are the same for every item of a signature whose days span no change of
        // membership (no membership is partial then); the full match, with its reasons, is made for findings only.
        ActorScreen screen;
        if (signature is { Cacheable: true })
        {
            screen = signature.Screens[index] ??= Screen(MatchActors(t, evidence));
        }
        else
        {
            screen = Screen(MatchActors(t, evidence));
        }

        if (screen.Judgement == Judgement.No)
        {
            t.ActorsNotMatched++;
            return;
        }

        var clue = item.Clue;

        // Proven outside with bounds alone, and too far from any threshold for a near miss: nothing to measure.
        var radius = evidence.LocationPrecision.Radius;
        if (!reference && t.Zone.CertainlyOutside(evidence.Location, radius, clue?.Unit))
        {
            t.Screening.OutsideZone++;
            work.OutsideByBounds++;
            return;
        }

        if (!reference)
        {
            HoldJudgedFirst(t, item, time, activity, screen);
            return;
        }

        var actors = MatchActors(t, evidence);

        // The reference path: locate (measuring every term), then build and offer every finding.
        var measures = new List<ZoneMeasure>();
        var located = new List<string>();
        var (zone, clueNote) = Locate(t.Zone, item, measures, located);
        if (zone == Judgement.No)
        {
            t.Screening.OutsideZone++;

            // Just outside a distance threshold is where the reference line's own resolution matters: say so.
            if (measures.Any(NearThreshold))
            {
                t.NearMisses.Add(Build(t, evidence, zone, measures, time, actors, activity, located, nearMiss: true, confirmed: false,
                    Score(t, evidence, zone, clue, actors.Chance, activity, null), clueNote));
            }

            return;
        }

        bool allYes = zone == Judgement.Yes && time == Judgement.Yes && actors.Judgement == Judgement.Yes && activity == Judgement.Yes;
        bool confirmed = allYes && evidence.Source.CanConfirm;

        var score = Score(t, evidence, zone, clue, actors.Chance, activity, null);
        var finding = Build(t, evidence, zone, measures, time, actors, activity, located, nearMiss: false, confirmed, score, clueNote);
        (finding.Confirmed ? t.Confirmed : t.Possible).Add(finding);
    }

    /// <summary>The fast path from the zone on: judge first (grid cells, exact terms only where they do not settle it), count what no list can keep, and measure only what will be kept.</summary>
    /// <remarks>
    /// The judgement is the one <see cref="Locate"/> gives (the property tests of <see cref="CompiledZone.Judge"/> say
    /// so), and every list's decision depends only on it, the score and the item's date and id; so the reports are
    /// those of the reference path, which measures every item and builds every finding.
    /// </remarks>
    private void HoldJudgedFirst(Target t, Item item, Judgement time, Judgement activity, ActorScreen actors)
    {
        var evidence = item.Evidence;
        var cache = item.Distances;
        var clue = item.Clue;
        var unitClue = item.UnitClue();
        work.Judged++;
        var zone = t.Zone.Judge(evidence.Location, evidence.LocationPrecision.Radius, cache, unitClue);
        List<ZoneMeasure> measures;
        List<string> located;
        string? clueNote;
        if (zone == Judgement.No)
        {
            t.Screening.OutsideZone++;

            // Just outside a distance threshold is where the reference line's own resolution matters: say so.
            if (t.Zone.HasThreshold && (!t.NearMisses.IsFull || Precedes(evidence, t.NearMisses.Last!)) && t.Zone.MayBeNearThreshold(evidence.Location, cache, ThresholdMargin))
            {
                (measures, located) = ([], []);
                (_, clueNote) = Locate(t.Zone, item, measures, located);
                if (measures.Any(NearThreshold))
                {
                    t.NearMisses.Add(Build(t, evidence, zone, measures, time, MatchActors(t, evidence), activity, located, nearMiss: true, confirmed: false,
                        Score(t, evidence, zone, clue, actors.Chance, activity, cache), clueNote));
                }
            }

            return;
        }

        bool confirmed = zone == Judgement.Yes && time == Judgement.Yes && actors.Judgement == Judgement.Yes && activity == Judgement.Yes && evidence.Source.CanConfirm;

        // Findings that could not be kept (at most maxFindings per kind) are only counted: building them, and for a
        // possible one estimating its zone share (64 exact samples), would change nothing in any report.
        if (confirmed && t.Confirmed.IsFull && !Precedes(evidence, t.Confirmed.Last!))
        {
            t.Confirmed.CountOnly();
            return;
        }

        // The score with the whole zone share is an upper bound: if even that ranks last, skip the estimate.
        if (!confirmed && zone == Judgement.Uncertain && t.Possible.IsFull && CannotBeKept(ScoreWithoutZone(t, evidence, actors.Chance, activity).Value, evidence, t.Possible.Last!))
        {
            t.Possible.CountOnly();
            return;
        }

        FindingScore score;
        if (!confirmed && zone == Judgement.Uncertain && t.Possible.IsFull && ByCoordinatesAlone(t, evidence, clue, cache) is null)
        {
            // The share is estimated only as far as it could still earn a place: many estimates end after a few samples.
            var last = t.Possible.Last!;
            var rest = ScoreWithoutZone(t, evidence, actors.Chance, activity);
            work.Estimates++;
            bool estimated = ZoneShare.TryEstimate(t.Zone, evidence.Location, evidence.LocationPrecision.Radius, clue?.Unit, cache, cells: true,
                share => !CannotBeKept(rest.ValueWith(share), evidence, last), out var zoneShare, out int judged);
            work.SamplesJudged += judged;
            if (!estimated)
            {
                work.EstimatesCut++;
                t.Possible.CountOnly();
                return;
            }

            score = rest with { Zone = zoneShare };
        }
        else
        {
            score = Score(t, evidence, zone, clue, actors.Chance, activity, cache);
        }

        if (!confirmed && t.Possible.IsFull && CannotBeKept(score.Value, evidence, t.Possible.Last!))
        {
            t.Possible.CountOnly();
            return;
        }

        (measures, located) = ([], []);
        (_, clueNote) = Locate(t.Zone, item, measures, located);
        var finding = Build(t, evidence, zone, measures, time, MatchActors(t, evidence), activity, located, nearMiss: false, confirmed, score, clueNote);
        (finding.Confirmed ? t.Confirmed : t.Possible).Add(finding);
    }

    /// <summary>Whether an item comes before a kept finding in date-and-id order (so it would displace the last one).</summary>
    private static bool Precedes(Evidence.Evidence e, Finding last)
    {
        int c = e.Time.Days.Start.CompareTo(last.Evidence.Time.Days.Start);
        return (c != 0 ? c : string.CompareOrdinal(e.Id, last.Evidence.Id)) < 0;
    }

    private bool AgainstMayMatch(Signature signature, int index, Target t, Evidence.Evidence e)
    {
        ref sbyte known = ref signature.Against[index];
        if (known == 0)
        {
            known = MayMatchAgainst(t, e) ? (sbyte)1 : (sbyte)-1;
        }

        return known > 0;
    }

    /// <summary>Whether any reported actor could be in the protected class, on any day (the bound class is settled by <see cref="Candidates"/>).</summary>
    private bool MayMatchAgainst(Target t, Evidence.Evidence e)
    {
        foreach (var report in e.Actors)
        {
            if (!t.AgainstMayMatch.TryGetValue((report.Name, report.Category), out var may))
            {
                may = matcher.MayMatch(report, t.Against!);
                t.AgainstMayMatch[(report.Name, report.Category)] = may;
            }

            if (may)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A finding with every reason, in the order an analyst reads them: actors, location, time, activity, source.</summary>
    private Finding Build(Target t, Evidence.Evidence evidence, Judgement zone, List<ZoneMeasure> measures, Judgement time, ActorOutcome actors, Judgement activity,
        List<string> located, bool nearMiss, bool confirmed, FindingScore score, string? clueNote)
    {
        work.Built++;
        var reasons = new List<string>();
        var identification = Describe(t, evidence, actors, reasons);
        reasons.AddRange(located);
        if (!nearMiss)
        {
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

            if (zone == Judgement.Yes && time == Judgement.Yes && actors.Judgement == Judgement.Yes && activity == Judgement.Yes && !evidence.Source.CanConfirm)
            {
                reasons.Add($"source {evidence.Source.SourceId} rated {evidence.Source.Code}: too weak to confirm alone");
            }
        }

        return new Finding(evidence, zone, measures, time, actors.Judgement, activity, actors.Who.Match?.ActorId, actors.Against.Match?.ActorId, identification, reasons, confirmed, score, clueNote);
    }

    /// <summary>Judges the item's location against a zone from every clue: the coordinates with their precision, and the administrative unit the source names.</summary>
    /// <remarks>
    /// Both clues bound the same true place, so each is sound alone; they are applied term by term (see
    /// <see cref="CompiledZone.Evaluate(GeoPoint, Distance, DistanceCache, List{ZoneMeasure}, LocationClue)"/>). When they
    /// contradict each other the source is inconsistent and the answer is uncertain, with the reason.
    /// </remarks>
    private (Judgement Zone, string? ClueNote) Locate(
        CompiledZone zone, Item item, List<ZoneMeasure> measures, List<string> reasons)
    {
        work.Located++;
        var (evidence, clue, cache) = (item.Evidence, item.Clue, item.Distances);
        var precision = evidence.LocationPrecision;
        var where = $"location known only {precision.Meaning} ({precision.Scheme} {precision.Code}: ±{precision.Radius})";
        var unitClue = item.UnitClue();
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

    /// <summary>The zone's judgement from the coordinates alone, when the source names a unit and the coordinates settle it: the item is then uncertain only because the unit contradicts them, and its zone share is that answer.</summary>
    /// <remarks>Every place in the precision disc answers as the disc does, so sampling it would count each sample the same way.</remarks>
    private static Judgement? ByCoordinatesAlone(Target t, Evidence.Evidence e, (AdminUnit Unit, string Clue)? clue, DistanceCache? distances)
    {
        if (clue is null || !e.LocationPrecision.Radius.IsFinite)
        {
            return null;
        }

        var alone = distances is null
            ? t.Zone.Evaluate(e.Location, e.LocationPrecision.Radius, new DistanceCache(), [], null)
            : t.Zone.Judge(e.Location, e.LocationPrecision.Radius, distances, null);
        return alone == Judgement.Uncertain ? null : alone;
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
        double? zoneShare = zone != Judgement.Uncertain ? FindingScore.Of(zone)
            : ByCoordinatesAlone(t, e, clue, distances) is { } settled ? FindingScore.Of(settled)
            : ZoneShare.Estimate(t.Zone, e.Location, e.LocationPrecision.Radius, clue?.Unit, distances, cells: distances is not null);
        return new FindingScore(
            zoneShare,
            FindingScore.TimeShare(t.Obligation.Window, e.Time.Days),
            identity,
            FindingScore.Of(activity),
            FindingScore.ReliabilityWeight(e.Source.Reliability) * FindingScore.CredibilityWeight(e.Source.Credibility));
    }

    /// <summary>The verdicts, in spec order (agreement, obligation, reading).</summary>
    public IReadOnlyList<Verdict> Verdicts()
    {
        foreach (var t in targets)
        {
            if (reference)
            {
                t.Screening.OtherActors = t.ActorsNotMatched;
            }
            else
            {
                Tally(t);
            }
        }

        return [.. targets.Select(Decide)];
    }

    /// <summary>The indexed path's screening counts: what the reference path counts item by item, from the tally of days and activities.</summary>
    /// <remarks>
    /// Every item is considered. Those outside the window and those of another activity follow from the tally; of
    /// the rest, the ones not visited had no actor that could be in the bound class, so the reference path would have
    /// set them aside for their actors, as it did the visited ones whose actors did not match.
    /// </remarks>
    private void Tally(Target t)
    {
        int inWindow = 0, inWindowAndActivity = 0;
        foreach (var ((days, activity), n) in daysAndActivities)
        {
            if (TimeJudgement(t.Obligation.Window, days) == Judgement.No)
            {
                continue;
            }

            inWindow += n;
            if (ActivityRules.ActivityMatches(t.Obligation.Activity, activity) != Judgement.No)
            {
                inWindowAndActivity += n;
            }
        }

        var s = t.Screening;
        s.Considered = (int)EvidenceCount;
        s.OutsideWindow = (int)EvidenceCount - inWindow;
        s.OtherActivity = inWindow - inWindowAndActivity;
        s.OtherActors = t.ActorsNotMatched + (inWindowAndActivity - t.Reached);
    }

    private static Judgement TimeJudgement(ValidityPeriod? window, DateRange days)
    {
        if (window is not { } w)
        {
            return Judgement.Uncertain;
        }

        return w.Covers(days) ? Judgement.Yes : w.Overlaps(days) ? Judgement.Uncertain : Judgement.No;
    }

    private ActorOutcome MatchActors(Target t, Evidence.Evidence e)
    {
        var o = t.Obligation;
        var days = e.Time.Days;
        var who = Best(e, t.Who, days, exclude: -1, report => ActivityRules.RoleAnswers(o.Activity, e, report, o.Mutual));
        if (who.Judgement == Judgement.No)
        {
            return ActorOutcome.None;
        }

        double whoChance = who.Match!.Probability * FindingScore.Of(who.Role);
        if (t.Against is null)
        {
            return new ActorOutcome(who.Judgement, who, default, whoChance);
        }

        var against = Best(e, t.Against, days, exclude: who.Index, report => ActivityRules.RoleReceives(report.Role, o.Mutual));
        if (against.Judgement == Judgement.No)
        {
            return ActorOutcome.None;
        }

        return new ActorOutcome(Kleene.And(who.Judgement, against.Judgement), who, against, whoChance * against.Match!.Probability * FindingScore.Of(against.Role));
    }

    /// <summary>Who was matched and on what basis, with the doubts of each match added to <paramref name="doubts"/>.</summary>
    private static string Describe(Target t, Evidence.Evidence e, ActorOutcome actors, List<string> doubts)
    {
        var who = actors.Who;
        var whoReport = e.Actors[who.Index];
        var identification = Identify(who.Match!, whoReport);
        Doubt(who, doubts, () => t.Obligation.RoleNote(e, whoReport));
        if (actors.Against.Match is null)
        {
            return identification;
        }

        var against = actors.Against;
        var againstReport = e.Actors[against.Index];
        Doubt(against, doubts, () => $"'{againstReport.Name}' as {Vocabulary.Name(againstReport.Role)} need not have been the one attacked");
        return $"{identification}; against {Identify(against.Match!, againstReport)}";
    }

    private ActorPick Best(Evidence.Evidence e, ActorClassSpec cls, DateRange days, int exclude, Func<ActorReport, Judgement> roleJudgement)
    {
        var best = new ActorPick(Judgement.No, -1, null, Judgement.No);
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
                best = new ActorPick(j, i, m, role);
            }
        }

        return best;
    }

    private static string Identify(ActorMatch match, ActorReport report) =>
        $"{match.ActorId}: reported as '{report.Name}' ({Vocabulary.Name(report.Role)}, {Vocabulary.Name(report.Basis)})";

    private static void Doubt(ActorPick best, List<string> doubts, Func<string> roleNote)
    {
        if (best.Match!.Judgement == Judgement.Uncertain)
        {
            doubts.Add(best.Match.Reason);
        }

        if (best.Role == Judgement.Uncertain)
        {
            doubts.Add(roleNote());
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

        /// <summary>Items in the window and activity whose actors did not match.</summary>
        public int ActorsNotMatched { get; set; }

        /// <summary>Items visited on the indexed path: in the window and activity, with an actor that could be in the bound class.</summary>
        public int Reached { get; set; }

        /// <summary>Per reported spelling and category: whether it could ever be in <see cref="Against"/>.</summary>
        public Dictionary<(string, string?), bool> AgainstMayMatch { get; } = [];
    }

    /// <summary>The item being held against the readings: the distances measured for it and its administrative clue, each found once and shared by every reading.</summary>
    /// <remarks>One item at a time, on one thread: the verifier keeps one of these and resets it for each item, so holding an item allocates nothing here. No finding keeps a reference to it.</remarks>
    private sealed class Item(AdminUnitTable places)
    {
        private (AdminUnit Unit, string Clue)? clue;
        private bool clueResolved;
        private sbyte coherent; // 0 not yet asked, 1 yes, -1 no
        private LocationClue? unitClue;
        private Func<bool>? asked;

        public Evidence.Evidence Evidence { get; private set; } = null!;

        public DistanceCache Distances { get; } = new();

        public Item Reset(Evidence.Evidence evidence)
        {
            Evidence = evidence;
            (clue, clueResolved, coherent) = (null, false, 0);
            Distances.Reset();
            return this;
        }

        /// <summary>The administrative unit the source names, resolved on first use.</summary>
        public (AdminUnit Unit, string Clue)? Clue
        {
            get
            {
                if (!clueResolved)
                {
                    (clue, clueResolved) = (places.Resolve(Evidence.Admin), true);
                }

                return clue;
            }
        }

        /// <summary>Whether the coordinates, with their precision, reach the named unit; computed at most once per item.</summary>
        public bool Coherent
        {
            get
            {
                if (coherent == 0)
                {
                    coherent = Clue is not { } k || k.Unit.Reaches(Evidence.Location, Evidence.LocationPrecision.Radius, CompiledZone.BoundaryTolerance) ? (sbyte)1 : (sbyte)-1;
                }

                return coherent > 0;
            }
        }

        /// <summary>The unit clue for one zone evaluation, with nothing yet decided; null when the source names no unit.</summary>
        public LocationClue? UnitClue()
        {
            if (Clue is not { } c)
            {
                return null;
            }

            if (unitClue is null || !ReferenceEquals(unitClue.Unit, c.Unit))
            {
                unitClue = new LocationClue(c.Unit, asked ??= () => Coherent);
            }
            else
            {
                unitClue.Reset();
            }

            return unitClue;
        }
    }

    private static ActorScreen Screen(ActorOutcome o) => new(o.Judgement, o.Chance);

    /// <summary>What screening needs of an actor match: the judgement and the chance.</summary>
    private readonly record struct ActorScreen(Judgement Judgement, double Chance);

    /// <summary>A report as the rules read it: the deaths on a side matter only as shown or not.</summary>
    private readonly record struct ReportKey(string Name, ActorRole Role, IdentificationBasis Basis, string? Category, bool DeathsShown)
    {
        public static ReportKey Of(ActorReport r) => new(r.Name, r.Role, r.Basis, r.Category, r.Deaths > 0);
    }

    /// <summary>A signature found by the identity of the report objects (and the rest of the key), hashed by reference.</summary>
    private readonly struct ReferenceKey(ActorReport a, ActorReport? b, string format, Activity activity, int epoch) : IEquatable<ReferenceKey>
    {
        private readonly ActorReport a = a;
        private readonly ActorReport? b = b;
        private readonly string format = format;
        private readonly Activity activity = activity;
        private readonly int epoch = epoch;

        public bool Equals(ReferenceKey other) => ReferenceEquals(a, other.a) && ReferenceEquals(b, other.b) && ReferenceEquals(format, other.format)
            && activity == other.activity && epoch == other.epoch;

        public override bool Equals(object? obj) => obj is ReferenceKey k && Equals(k);

        public override int GetHashCode() => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(a), b is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(b),
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(format), activity, epoch);
    }

    /// <summary>Everything about an item that its actors' judgement depends on; <c>Epoch</c> is -1 when its days span a change of membership.</summary>
    private readonly record struct SignatureKey(ReportKey A, ReportKey B, int Reports, string Format, Activity Activity, int Epoch);

    /// <summary>The unresolved names, candidate readings and, per reading, the actors' judgement for every item of one signature.</summary>
    private sealed class Signature(string[] unresolved, int[] candidates, int readings)
    {

        public string[] Unresolved { get; } = unresolved;

        public int[] Candidates { get; } = candidates;

        public bool Cacheable { get; init; } = true;

        /// <summary>Per reading: the actors' judgement and chance, once found (only when <see cref="Cacheable"/>).</summary>
        public ActorScreen?[] Screens { get; } = new ActorScreen?[readings];

        /// <summary>Per reading: whether a report could be in the protected class (0 not yet asked, 1 yes, -1 no).</summary>
        public sbyte[] Against { get; } = new sbyte[readings];
    }

    /// <summary>The report that best matches one actor class: its index, the match and how its role answers.</summary>
    private readonly record struct ActorPick(Judgement Judgement, int Index, ActorMatch? Match, Judgement Role);

    /// <summary>How an item's actors answer an obligation: the bound side, the protected side if any, and the chance both are who the obligation needs.</summary>
    private readonly record struct ActorOutcome(Judgement Judgement, ActorPick Who, ActorPick Against, double Chance)
    {
        public static readonly ActorOutcome None = new(Judgement.No, default, default, 0);
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
