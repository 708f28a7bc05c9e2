using Truce.Evidence;

namespace Truce.Verification;

/// <summary>One evidence item held against one obligation reading: where, when, who and what, each judged yes, no or uncertain.</summary>
/// <param name="Evidence">The item.</param>
/// <param name="Zone">Whether the event's location (with its precision) is in the zone.</param>
/// <param name="Measures">Distances to the reference features the zone is built on.</param>
/// <param name="Time">Whether the event's days fall in the obligation's enforced window.</param>
/// <param name="Actor">Whether the reported actors match the bound class (and the protected class, if any) in the roles required.</param>
/// <param name="Activity">Whether the event is an instance of the obliged activity.</param>
/// <param name="ActorId">The registry actor that matched the bound class, if any.</param>
/// <param name="CounterpartId">The registry actor that matched the "against" class, if any.</param>
/// <param name="Identification">Who was matched and on what basis, e.g. "hezbollah: reported as 'Hezbollah' (observed, attributed)".</param>
/// <param name="Doubts">Why each judgement that is not yes is uncertain, and why a source could not confirm.</param>
/// <param name="Confirmed">True when every judgement is yes and the source can confirm on its own (reliability A–C, credibility 1–3).</param>
/// <param name="Score">The chance of each count and the 0–100 score that orders possible findings.</param>
/// <param name="LocationClue">Which clue decided the zone judgement when it was not the coordinates alone (e.g. "adm_1 'Damascus Governorate' (syria-damascus) places it inside the zone").</param>
public sealed record Finding(
    Evidence.Evidence Evidence,
    Judgement Zone,
    IReadOnlyList<ZoneMeasure> Measures,
    Judgement Time,
    Judgement Actor,
    Judgement Activity,
    string? ActorId,
    string? CounterpartId,
    string Identification,
    IReadOnlyList<string> Doubts,
    bool Confirmed,
    FindingScore Score,
    string? LocationClue = null)
{
    /// <summary>Orders findings by earliest possible day, then id, so that output is stable.</summary>
    public static int Compare(Finding? a, Finding? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        int c = a.Evidence.Time.Days.Start.CompareTo(b.Evidence.Time.Days.Start);
        return c != 0 ? c : string.CompareOrdinal(a.Evidence.Id, b.Evidence.Id);
    }

    /// <summary>Orders findings by descending score, then earliest day and id: what to read first among the possible.</summary>
    public static int CompareByScore(Finding? a, Finding? b)
    {
        if (a is null || b is null)
        {
            return Compare(a, b);
        }

        int c = b.Score.Value.CompareTo(a.Score.Value);
        return c != 0 ? c : Compare(a, b);
    }
}

/// <summary>Keeps the first <c>capacity</c> findings of a stream in a given order (earliest, or highest score) and counts the rest, so memory does not grow with the evidence.</summary>
public sealed class BoundedFindings(int capacity, Comparison<Finding?> order)
{
    private readonly SortedSet<Finding> kept = new(Comparer<Finding>.Create(order));

    /// <summary>Keeps the earliest findings.</summary>
    public BoundedFindings(int capacity)
        : this(capacity, Finding.Compare)
    {
    }

    /// <summary>How many findings were offered in total.</summary>
    public int Total { get; private set; }

    /// <summary>The kept findings, in the collection's order.</summary>
    public IReadOnlyList<Finding> Items => [.. kept];

    /// <summary>Whether as many findings are kept as the capacity allows.</summary>
    public bool IsFull => kept.Count >= capacity;

    /// <summary>The finding that would be dropped first (the last in the collection's order), or null when empty.</summary>
    public Finding? Last => kept.Count == 0 ? null : kept.Max;

    /// <summary>Counts a finding that is known not to be kept, without building it.</summary>
    public void CountOnly() => Total++;

    /// <summary>Offers a finding.</summary>
    public void Add(Finding finding)
    {
        Total++;
        kept.Add(finding);
        if (kept.Count > capacity)
        {
            kept.Remove(kept.Max!);
        }
    }
}

/// <summary>Why evidence items were set aside for an obligation reading: the screening tally behind "no violation found".</summary>
public sealed class ScreeningCounts
{
    /// <summary>Items considered.</summary>
    public int Considered { get; internal set; }

    /// <summary>Items certainly outside the enforced window.</summary>
    public int OutsideWindow { get; internal set; }

    /// <summary>Items of an activity that does not bear on the obligation.</summary>
    public int OtherActivity { get; internal set; }

    /// <summary>Items whose actors certainly do not match.</summary>
    public int OtherActors { get; internal set; }

    /// <summary>Items certainly outside the zone.</summary>
    public int OutsideZone { get; internal set; }
}

/// <summary>How much work a verification did, by kind: what the benchmarks print beside their times, to say where the time goes.</summary>
public sealed class VerificationWork
{
    /// <summary>Item and reading pairs held against the reading's actors and zone.</summary>
    public long Visits { get; internal set; }

    /// <summary>Of those, pairs set aside as outside the zone by bounds alone.</summary>
    public long OutsideByBounds { get; internal set; }

    /// <summary>Zone judgements (cells first, exact terms where they do not settle it).</summary>
    public long Judged { get; internal set; }

    /// <summary>Zone-share estimates begun.</summary>
    public long Estimates { get; internal set; }

    /// <summary>Of those, estimates stopped early because the share could no longer earn the finding a place.</summary>
    public long EstimatesCut { get; internal set; }

    /// <summary>Disc samples judged by the estimates.</summary>
    public long SamplesJudged { get; internal set; }

    /// <summary>Items located with every distance measured, for a finding or a near miss.</summary>
    public long Located { get; internal set; }

    /// <summary>Findings built (kept, or kept and later displaced).</summary>
    public long Built { get; internal set; }

    /// <summary>Grid cells whose centre was measured, over every reading's zone.</summary>
    public long CellsMeasured { get; internal set; }

    /// <summary>A one-line account.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"visits {Visits:N0}, outside by bounds {OutsideByBounds:N0}, judged {Judged:N0}, estimates {Estimates:N0} ({EstimatesCut:N0} cut short, {SamplesJudged:N0} samples), located {Located:N0}, built {Built:N0}, cells measured {CellsMeasured:N0}");
}

