namespace Truce.Evidence;

/// <summary>The snake_case names used for activities, roles and bases in specs, NDJSON evidence and output.</summary>
public static class Vocabulary
{
    private static readonly Dictionary<string, ObligedActivity> Obliged = new(StringComparer.Ordinal)
    {
        ["presence"] = ObligedActivity.Presence,
        ["attack"] = ObligedActivity.Attack,
        ["shelling"] = ObligedActivity.Shelling,
        ["air_strike"] = ObligedActivity.AirStrike,
        ["offensive"] = ObligedActivity.Offensive,
        ["deployment"] = ObligedActivity.Deployment,
        ["political_process"] = ObligedActivity.PoliticalProcess,
    };

    private static readonly Dictionary<string, Activity> Activities = new(StringComparer.Ordinal)
    {
        ["presence"] = Activity.Presence,
        ["deployment"] = Activity.Deployment,
        ["withdrawal"] = Activity.Withdrawal,
        ["armed_clash"] = Activity.ArmedClash,
        ["ground_attack"] = Activity.GroundAttack,
        ["shelling"] = Activity.Shelling,
        ["air_strike"] = Activity.AirStrike,
        ["territory_taken"] = Activity.TerritoryTaken,
        ["attack_on_civilians"] = Activity.AttackOnCivilians,
        ["organized_violence"] = Activity.OrganizedViolence,
        ["political"] = Activity.Political,
        ["other"] = Activity.Other,
    };

    private static readonly Dictionary<string, ActorRole> Roles = new(StringComparer.Ordinal)
    {
        ["participant"] = ActorRole.Participant,
        ["initiator"] = ActorRole.Initiator,
        ["target"] = ActorRole.Target,
        ["associated"] = ActorRole.Associated,
        ["observed"] = ActorRole.Observed,
    };

    private static readonly Dictionary<string, IdentificationBasis> Bases = new(StringComparer.Ordinal)
    {
        ["stated"] = IdentificationBasis.Stated,
        ["self_claimed"] = IdentificationBasis.SelfClaimed,
        ["attributed"] = IdentificationBasis.Attributed,
        ["uniform"] = IdentificationBasis.Uniform,
        ["flag"] = IdentificationBasis.Flag,
        ["insignia"] = IdentificationBasis.Insignia,
    };

    /// <summary>Names accepted for obligation activities.</summary>
    public static IEnumerable<string> ObligedNames => Obliged.Keys;

    /// <summary>Names accepted for evidence activities.</summary>
    public static IEnumerable<string> ActivityNames => Activities.Keys;

    /// <summary>Names accepted for actor roles.</summary>
    public static IEnumerable<string> RoleNames => Roles.Keys;

    /// <summary>Names accepted for identification bases.</summary>
    public static IEnumerable<string> BasisNames => Bases.Keys;

    /// <summary>Parses an obligation activity name.</summary>
    public static bool TryParseObliged(string text, out ObligedActivity value) => Obliged.TryGetValue(text.Trim(), out value);

    /// <summary>Parses an evidence activity name.</summary>
    public static bool TryParseActivity(string text, out Activity value) => Activities.TryGetValue(text.Trim(), out value);

    /// <summary>Parses a role name.</summary>
    public static bool TryParseRole(string text, out ActorRole value) => Roles.TryGetValue(text.Trim(), out value);

    /// <summary>Parses an identification basis name.</summary>
    public static bool TryParseBasis(string text, out IdentificationBasis value) => Bases.TryGetValue(text.Trim(), out value);

    /// <summary>The snake_case name of an obligation activity.</summary>
    public static string Name(ObligedActivity value) => Obliged.First(kv => kv.Value == value).Key;

    /// <summary>The snake_case name of an evidence activity.</summary>
    public static string Name(Activity value) => Activities.First(kv => kv.Value == value).Key;

    /// <summary>The snake_case name of a role.</summary>
    public static string Name(ActorRole value) => Roles.First(kv => kv.Value == value).Key;

    /// <summary>The snake_case name of an identification basis.</summary>
    public static string Name(IdentificationBasis value) => Bases.First(kv => kv.Value == value).Key;
}
