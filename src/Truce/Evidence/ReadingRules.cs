namespace Truce.Evidence;

/// <summary>One rule for reading a source format: under which condition a report shows what, and why. docs/reading-rules.md prints the table.</summary>
/// <param name="Id">Stable id cited in findings, e.g. <c>ucdp.deaths-on-side</c>.</param>
/// <param name="Format">The evidence format it applies to: ucdp-ged, acled or native (NDJSON and GeoJSON).</param>
/// <param name="When">The condition on the report.</param>
/// <param name="Shows">What the report then shows, in words a finding can quote.</param>
/// <param name="Why">The reasoning (codebook, physics of the act).</param>
public sealed record ReadingRule(string Id, string Format, string When, string Shows, string Why);

/// <summary>What a report proves about each reported actor, per source format: the single table behind presence and role decisions.</summary>
/// <remarks>
/// Importers record what the source says (roles, per-side deaths, administrative units); these rules turn it into
/// what it shows. The dyad alone never says who attacked whom, and firing from afar does not put the firer at the
/// place, but people killed somewhere were there.
/// </remarks>
public static class ReadingRules
{
    /// <summary>UCDP: a side with deaths counted at the event was at its location.</summary>
    public static readonly ReadingRule UcdpDeathsOnSide = new(
        "ucdp.deaths-on-side", "ucdp-ged", "deaths_a > 0 (for side A) or deaths_b > 0 (for side B)",
        "members of that side were at the event's location, to its location precision",
        "GED counts each side's deaths where they died: people killed somewhere were there");

    /// <summary>UCDP: a side with no deaths counted may have fought from a distance.</summary>
    public static readonly ReadingRule UcdpNoDeathsOnSide = new(
        "ucdp.no-deaths-on-side", "ucdp-ged", "deaths_a = 0 (or deaths_b = 0), or the column is missing",
        "that side's presence at the location is not shown",
        "GED does not record the means: a side may have shelled or bombed from afar and lost nobody");

    /// <summary>UCDP: the dyad names the sides, not the initiator.</summary>
    public static readonly ReadingRule UcdpDyad = new(
        "ucdp.dyad", "ucdp-ged", "type_of_violence 1 (state-based) or 2 (non-state)",
        "side A and side B took part; neither is shown to have started it",
        "GED codes the dyad and the deaths of an event, not who attacked whom (codebook 19.1)");

    /// <summary>UCDP: one-sided violence has a perpetrator and civilian victims.</summary>
    public static readonly ReadingRule UcdpOneSided = new(
        "ucdp.one-sided", "ucdp-ged", "type_of_violence 3",
        "side A attacked civilians (side B); side A's presence is not shown unless its deaths are counted",
        "one-sided violence includes massacres on the spot and bombings from afar");

    /// <summary>UCDP: the means of violence are not recorded.</summary>
    public static readonly ReadingRule UcdpMeans = new(
        "ucdp.means-unknown", "ucdp-ged", "any GED event",
        "lethal organised violence whose means are unknown: possibly shelling, an air strike or a ground attack",
        "GED has no weapon or event sub-type column");

    /// <summary>UCDP: a side listing several actors is a coalition.</summary>
    public static readonly ReadingRule UcdpCoalition = new(
        "ucdp.coalition", "ucdp-ged", "side_a or side_b lists several actors separated by commas",
        "the coalition took part; each member only possibly did",
        "GED writes a coalition side as one list and counts its deaths together");

    /// <summary>UCDP: event_clarity sets the item's credibility.</summary>
    public static readonly ReadingRule UcdpClarity = new(
        "ucdp.clarity", "ucdp-ged", "event_clarity 1 (high) or 2 (lower); a missing column counts as 2",
        "credibility 2 (probably true) for clarity 1, 3 (possibly true) for clarity 2",
        "clarity 2 marks events whose details UCDP could not pin down");

    /// <summary>UCDP: administrative units constrain the location.</summary>
    public static readonly ReadingRule UcdpAdmin = new(
        "ucdp.admin-units", "ucdp-ged", "country or adm_1 is given (adm_2 is not used)",
        "the event lies in that unit, whatever its precision circle says",
        "GED codes the units of the event's location from its sources, independently of the coordinate's precision");

    /// <summary>ACLED: both actors of a battle fought at the place.</summary>
    public static readonly ReadingRule AcledBattle = new(
        "acled.battle", "acled", "event_type Battles",
        "actor1 and actor2 both fought at the location; neither is shown to have started it",
        "ACLED codes a battle as an armed clash between the two at that place");

    /// <summary>ACLED: territory taken puts the taker there.</summary>
    public static readonly ReadingRule AcledTerritory = new(
        "acled.territory", "acled", "sub_event_type Government regains territory / Non-state actor overtakes territory",
        "actor1 took the place and was there",
        "taking ground means holding it");

    /// <summary>ACLED: remote violence does not put the firer at the place.</summary>
    public static readonly ReadingRule AcledRemote = new(
        "acled.remote", "acled", "event_type Explosions/Remote violence",
        "actor1 fired or struck (not shown to be at the location); actor2 was hit there",
        "artillery, missiles and aircraft act from afar");

    /// <summary>ACLED: explosives placed or thrown by hand put the attacker at the place.</summary>
    public static readonly ReadingRule AcledExplosive = new(
        "acled.explosive", "acled", "sub_event_type Remote explosive/landmine/IED, Suicide bomb, Grenade, Chemical weapon",
        "actor1 attacked at the location (it placed, threw or carried the device there); actor2 was hit there",
        "these devices are brought to the place; the time they were placed may precede the event");

    /// <summary>ACLED: violence against civilians.</summary>
    public static readonly ReadingRule AcledCivilians = new(
        "acled.civilians", "acled", "event_type Violence against civilians",
        "actor1 attacked; its presence is possible, not shown; actor2 was the victim",
        "attacks on civilians include remote means");

    /// <summary>ACLED: strategic developments show presence without violence.</summary>
    public static readonly ReadingRule AcledStrategic = new(
        "acled.strategic", "acled", "event_type Strategic developments (base established, transfer of territory, ...)",
        "the actors named were at the location (deployments, bases)",
        "these events record who is where");

    /// <summary>ACLED: associated actors ride along with their side.</summary>
    public static readonly ReadingRule AcledAssociated = new(
        "acled.associated", "acled", "assoc_actor_1 / assoc_actor_2",
        "the associated actor took part on that side; its presence and part are possible, not shown",
        "ACLED lists associated actors without saying what each did");

    /// <summary>ACLED: state-media-only events cannot confirm alone.</summary>
    public static readonly ReadingRule AcledWeakSources = new(
        "acled.weak-sources", "acled", "every outlet in source is registered with reliability D or worse",
        "credibility 4 (doubtful): cannot confirm a violation alone",
        "a state outlet's claim is a claim");

    /// <summary>ACLED: administrative units constrain the location.</summary>
    public static readonly ReadingRule AcledAdmin = new(
        "acled.admin-units", "acled", "country or admin1 is given (admin2 is not used)",
        "the event lies in that unit, whatever its precision circle says",
        "ACLED codes the units of the named location");

    /// <summary>Native: deaths on an actor put it at the place.</summary>
    public static readonly ReadingRule NativeDeaths = new(
        "native.deaths", "native", "an actor has \"deaths\" > 0",
        "that actor was at the location",
        "people killed somewhere were there");

    /// <summary>Native: presence follows the stated role and activity.</summary>
    public static readonly ReadingRule NativeRole = new(
        "native.role", "native", "otherwise",
        "observed, deploying or fighting actors were there; targets of shelling or air strikes were there; firers of shelling or air strikes are not shown to be",
        "the record states each actor's role; remote acts do not put the actor at the place");

    /// <summary>Every rule, in the order of docs/reading-rules.md.</summary>
    public static IReadOnlyList<ReadingRule> All { get; } =
    [
        UcdpDyad, UcdpOneSided, UcdpMeans, UcdpDeathsOnSide, UcdpNoDeathsOnSide, UcdpCoalition, UcdpClarity, UcdpAdmin,
        AcledBattle, AcledTerritory, AcledRemote, AcledExplosive, AcledCivilians, AcledStrategic, AcledAssociated, AcledWeakSources, AcledAdmin,
        NativeDeaths, NativeRole,
    ];

    /// <summary>Whether the report shows the actor was physically at the event's location, and by which rule.</summary>
    public static (Judgement Shown, ReadingRule Rule) Presence(Evidence item, ActorReport report)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(report);
        switch (item.Origin.Format)
        {
            case "ucdp-ged":
                if (report.Deaths > 0)
                {
                    return (Judgement.Yes, UcdpDeathsOnSide);
                }

                if (item.Activity == Activity.AttackOnCivilians)
                {
                    return (report.Role == ActorRole.Target ? Judgement.Yes : Judgement.Uncertain, UcdpOneSided);
                }

                return (Judgement.Uncertain, UcdpNoDeathsOnSide);
            case "acled":
                var rule = report.Role == ActorRole.Associated ? AcledAssociated : item.Activity switch
                {
                    Activity.ArmedClash => AcledBattle,
                    Activity.TerritoryTaken => AcledTerritory,
                    Activity.Shelling or Activity.AirStrike => AcledRemote,
                    Activity.GroundAttack => AcledExplosive,
                    Activity.AttackOnCivilians => AcledCivilians,
                    _ => AcledStrategic,
                };
                return (ByRole(item.Activity, report.Role), rule);
            default:
                return report.Deaths > 0 ? (Judgement.Yes, NativeDeaths) : (ByRole(item.Activity, report.Role), NativeRole);
        }
    }

    /// <summary>Presence from role and activity alone: what the act itself implies about where the actor was.</summary>
    private static Judgement ByRole(Activity reported, ActorRole role) => reported switch
    {
        Activity.Presence or Activity.Deployment => role is ActorRole.Observed or ActorRole.Initiator or ActorRole.Participant ? Judgement.Yes : Judgement.No,
        Activity.ArmedClash or Activity.GroundAttack or Activity.TerritoryTaken => role == ActorRole.Associated ? Judgement.Uncertain : Judgement.Yes,
        Activity.Shelling or Activity.AirStrike => role == ActorRole.Target ? Judgement.Yes : Judgement.No,
        Activity.AttackOnCivilians => role == ActorRole.Initiator ? Judgement.Uncertain : Judgement.No,
        Activity.OrganizedViolence => role is ActorRole.Participant or ActorRole.Target ? Judgement.Uncertain : Judgement.No,
        _ => Judgement.No,
    };
}
