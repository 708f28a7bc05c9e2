using Truce.Evidence;

namespace Truce.Verification;

/// <summary>Which reported events bear on which obligations, and which roles make an actor answerable for them.</summary>
/// <remarks>
/// The rules encode what an event does and does not show. A shelling shows the firer was within range, not at the
/// impact point, so it proves the target's presence but not the firer's. A UCDP event does not record its means, so
/// it only possibly matches a shelling or air-strike obligation. A battle does not record who started it, so it
/// breaches a mutual "no attacks between" term for certain but a one-sided "A must not attack B" only possibly.
/// </remarks>
public static class ActivityRules
{
    /// <summary>Whether an event of this kind is an instance of the obliged activity.</summary>
    public static Judgement ActivityMatches(ObligedActivity obliged, Activity reported) => obliged switch
    {
        ObligedActivity.Presence => reported switch
        {
            Activity.Withdrawal or Activity.Political or Activity.Other => Judgement.No,
            _ => Judgement.Yes, // whether it shows presence depends on the actor's role; see RoleAnswers
        },
        ObligedActivity.Attack => reported switch
        {
            Activity.ArmedClash or Activity.GroundAttack or Activity.Shelling or Activity.AirStrike or Activity.TerritoryTaken
                or Activity.AttackOnCivilians or Activity.OrganizedViolence => Judgement.Yes,
            _ => Judgement.No,
        },
        ObligedActivity.Shelling => reported switch
        {
            Activity.Shelling => Judgement.Yes,
            Activity.OrganizedViolence => Judgement.Uncertain,
            _ => Judgement.No,
        },
        ObligedActivity.AirStrike => reported switch
        {
            Activity.AirStrike => Judgement.Yes,
            Activity.OrganizedViolence => Judgement.Uncertain,
            _ => Judgement.No,
        },
        ObligedActivity.Offensive => reported switch
        {
            Activity.TerritoryTaken => Judgement.Yes,
            Activity.ArmedClash or Activity.GroundAttack or Activity.OrganizedViolence => Judgement.Uncertain,
            _ => Judgement.No,
        },
        ObligedActivity.Deployment => reported switch
        {
            Activity.Deployment => Judgement.Yes,
            Activity.Presence => Judgement.Uncertain,
            _ => Judgement.No,
        },
        _ => Judgement.No, // political processes are not in event data
    };

    /// <summary>Whether the reported actor is answerable for the obliged activity (the bound side): for presence, whether the report shows it was there (<see cref="ReadingRules.Presence"/>).</summary>
    public static Judgement RoleAnswers(ObligedActivity obliged, Evidence.Evidence item, ActorReport report, bool mutual)
    {
        ArgumentNullException.ThrowIfNull(report);
        return obliged == ObligedActivity.Presence ? ReadingRules.Presence(item, report).Shown : RoleAnswers(obliged, report.Role, mutual);
    }

    /// <summary>Whether an actor with this role in the event is answerable for an obliged act other than presence.</summary>
    public static Judgement RoleAnswers(ObligedActivity obliged, ActorRole role, bool mutual) => obliged switch
    {
        ObligedActivity.Deployment => role is ActorRole.Initiator or ActorRole.Observed or ActorRole.Participant ? Judgement.Yes : Judgement.No,
        _ => role switch
        {
            ActorRole.Initiator => Judgement.Yes,
            ActorRole.Participant => mutual ? Judgement.Yes : Judgement.Uncertain,
            ActorRole.Associated => Judgement.Uncertain,
            _ => Judgement.No,
        },
    };

    /// <summary>Whether an actor with this role is on the receiving side of a hostile act (the "against" side).</summary>
    public static Judgement RoleReceives(ActorRole role, bool mutual) => role switch
    {
        ActorRole.Target => Judgement.Yes,
        ActorRole.Participant => mutual ? Judgement.Yes : Judgement.Uncertain,
        ActorRole.Associated => Judgement.Uncertain,
        _ => Judgement.No,
    };
}
