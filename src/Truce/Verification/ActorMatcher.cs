using Truce.Actors;
using Truce.Agreements;
using Truce.Evidence;

namespace Truce.Verification;

/// <summary>How one reported actor relates to a spec's actor class, and why.</summary>
/// <param name="Judgement">Member of the class: yes, no, uncertain.</param>
/// <param name="ActorId">The resolved actor, or null when the name is not in the registry.</param>
/// <param name="Explain">Why the judgement is not a plain yes, or the basis of the yes; built only when a report needs it.</param>
/// <param name="Probability">Estimated chance of membership (1 for yes, 0 for no; see docs/scoring.md for uncertain cases).</param>
public sealed record ActorMatch(Judgement Judgement, string? ActorId, Func<string> Explain, double Probability)
{
    /// <summary>A certain answer.</summary>
    public ActorMatch(Judgement judgement, string? actorId, Func<string> explain)
        : this(judgement, actorId, explain, FindingScore.Of(judgement))
    {
    }

    /// <summary>An answer with a fixed reason.</summary>
    public ActorMatch(Judgement judgement, string? actorId, string reason)
        : this(judgement, actorId, () => reason, FindingScore.Of(judgement))
    {
    }

    /// <summary>Why the judgement is not a plain yes, or the basis of the yes.</summary>
    public string Reason => Explain();
}

/// <summary>Decides whether a reported actor belongs to an agreement's actor class on the days of an event.</summary>
/// <remarks>Appearance is not identity: an actor identified only by uniform, flag or insignia is at best an uncertain match.</remarks>
public sealed class ActorMatcher(ActorRegistry registry)
{
    private readonly ActorRegistry registry = registry ?? throw new ArgumentNullException(nameof(registry));

    // Datasets repeat a few hundred names millions of times; resolve each spelling once.
    private readonly Dictionary<string, IReadOnlyList<SideMember>> resolved = new(StringComparer.Ordinal);

    /// <summary>The registry the matcher resolves names against.</summary>
    public ActorRegistry Registry => registry;

    /// <summary>The registry's resolution of a reported side (one actor, or a coalition's members), remembered per spelling.</summary>
    public IReadOnlyList<SideMember> Resolve(string reportedName)
    {
        ArgumentNullException.ThrowIfNull(reportedName);
        if (!resolved.TryGetValue(reportedName, out var hit))
        {
            hit = registry.ResolveSide(reportedName);
            resolved[reportedName] = hit;
        }

        return hit;
    }

    private static readonly DateRange AllTime = new(DateOnly.MinValue, DateOnly.MaxValue);

    /// <summary>Whether <see cref="Match"/> could answer anything but no for this report and class, on any day and in any role.</summary>
    /// <remarks>
    /// Most reports name actors that are not in a given class at all; this settles them with one lookup instead of a
    /// match per event (the caller remembers the answer per spelling and category). A member that is excluded, unknown
    /// to the registry or never in the class answers no on every day, and a coalition answers no exactly when each of
    /// its members does.
    /// </remarks>
    public bool MayMatch(ActorReport report, ActorClassSpec spec)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(spec);
        return Resolve(report.Name).Any(m => MemberMayMatch(m, report.Category, spec));
    }

    private bool MemberMayMatch(SideMember side, string? reportedCategory, ActorClassSpec spec)
    {
        if (side.Actor is not { } actor)
        {
            return false;
        }

        var category = reportedCategory ?? side.Category ?? actor.Category;
        if (spec.Excludes.Contains(actor.Id) || spec.Excludes.Contains(category))
        {
            return false;
        }

        return spec.Actors.Contains(actor.Id)
            || (spec.RegistryClass is { } cls && registry.Classes.ContainsKey(cls) && registry.Membership(cls, actor.Id, AllTime) != MembershipAnswer.NotMember);
    }

    /// <summary>Matches one report (one actor or a coalition side) against one class for the event's days.</summary>
    /// <remarks>
    /// A coalition is a member when all its members are; when only some are, the event need not have involved them,
    /// so the match is uncertain and says which members are in and which are not (a party fighting beside an
    /// excluded group yields a possible, not a confirmed, finding).
    /// </remarks>
    public ActorMatch Match(ActorReport report, ActorClassSpec spec, DateRange days)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(spec);
        var members = Resolve(report.Name);
        if (members.Count == 1)
        {
            return MatchMember(members[0], report, spec, days);
        }

        var matches = members.Select(m => (Member: m, Match: MatchMember(m, report, spec, days))).ToList();
        var inClass = matches.Where(m => m.Match.Judgement != Judgement.No).ToList();
        if (inClass.Count == 0)
        {
            return new ActorMatch(Judgement.No, null, $"no member of coalition '{report.Name}' is in {ClassName(spec)}");
        }

        var first = inClass[0].Match;
        if (inClass.Count == matches.Count)
        {
            var all = inClass.Aggregate(Judgement.Yes, (j, m) => Kleene.And(j, m.Match.Judgement));
            return new ActorMatch(all, first.ActorId, () => all == Judgement.Yes
                ? $"every member of coalition '{report.Name}' is in {ClassName(spec)}"
                : string.Join("; ", inClass.Where(m => m.Match.Judgement == Judgement.Uncertain).Select(m => m.Match.Reason)),
                inClass.Min(m => m.Match.Probability));
        }

        var outside = () => matches.Where(m => m.Match.Judgement == Judgement.No)
            .Select(m => m.Match.ActorId is null ? $"{m.Member.Name} (not in the registry)" : m.Match.Reason);
        // Which member fought is not recorded: each is taken as equally likely, so the chance is the members' mean.
        return new ActorMatch(Judgement.Uncertain, first.ActorId, () =>
            $"coalition '{report.Name}' mixes {string.Join(", ", inClass.Select(m => m.Match.ActorId))} (in {ClassName(spec)}) with others ({string.Join("; ", outside())}): the event need not have involved {string.Join(" or ", inClass.Select(m => m.Match.ActorId))} (reading rule ucdp.coalition)",
            matches.Average(m => m.Match.Probability));
    }

    private static string ClassName(ActorClassSpec spec) => spec.RegistryClass ?? spec.Id;

    private ActorMatch MatchMember(SideMember side, ActorReport report, ActorClassSpec spec, DateRange days)
    {
        if (side.Actor is null)
        {
            return new ActorMatch(Judgement.No, null, () => $"'{side.Name}' is not in the actor registry");
        }

        var (actor, aliasCategory) = (side.Actor, side.Category);
        var category = report.Category ?? aliasCategory ?? actor.Category;
        if (spec.Excludes.Contains(actor.Id) || spec.Excludes.Contains(category))
        {
            return new ActorMatch(Judgement.No, actor.Id, () => $"{actor.Id} ({category}) is excluded by the agreement");
        }

        Judgement member;
        Func<string> reason;
        double chance = 1;
        if (spec.Actors.Contains(actor.Id))
        {
            (member, reason) = (Judgement.Yes, () => $"{actor.Id} is named in the agreement");
        }
        else if (spec.RegistryClass is { } cls && registry.Classes.ContainsKey(cls))
        {
            (member, reason) = registry.Membership(cls, actor.Id, days) switch
            {
                MembershipAnswer.Member => (Judgement.Yes, (Func<string>)(() => $"{actor.Id} is in {cls} on {days}")),
                MembershipAnswer.Partly => (Judgement.Uncertain, () => $"{actor.Id} joined or left {cls} during {days}"),
                _ => (Judgement.No, () => $"{actor.Id} is not in {cls} on {days}"),
            };
            if (member == Judgement.Uncertain)
            {
                chance = registry.MembershipShare(cls, actor.Id, days);
            }
        }
        else
        {
            return new ActorMatch(Judgement.No, actor.Id, () => $"{actor.Id} is not in class {spec.Id}");
        }

        if (member == Judgement.No)
        {
            return new ActorMatch(Judgement.No, actor.Id, reason);
        }

        if (spec.RegistryClass is { } c && registry.Classes.TryGetValue(c, out var registryClass)
            && registryClass.DisputedCategories.Contains(category) && !spec.Includes.Contains(category))
        {
            (member, reason) = (Judgement.Uncertain, () => $"{actor.Id} reported as {category}, which the agreement neither includes nor excludes");
            chance *= FindingScore.Unknown;
        }

        if (report.Basis is IdentificationBasis.Uniform or IdentificationBasis.Flag or IdentificationBasis.Insignia)
        {
            var basis = Vocabulary.Name(report.Basis);
            return new ActorMatch(Kleene.And(member, Judgement.Uncertain), actor.Id, () => $"{actor.Id} identified by {basis} only (appearance is not identity)", chance * FindingScore.Unknown);
        }

        return new ActorMatch(member, actor.Id, reason, chance);
    }
}
