namespace Truce.Evidence;

/// <summary>What an evidence item reports happened, in Truce's vocabulary (importers map UCDP and ACLED types onto it).</summary>
public enum Activity
{
    /// <summary>Armed actors seen or reported at a place (no violence).</summary>
    Presence,

    /// <summary>A new deployment, base or checkpoint set up.</summary>
    Deployment,

    /// <summary>Forces leaving a place.</summary>
    Withdrawal,

    /// <summary>Fighting between armed groups (both sides present at the location).</summary>
    ArmedClash,

    /// <summary>A direct ground attack; the attacker was at or near the location.</summary>
    GroundAttack,

    /// <summary>Artillery, rocket or missile fire; the firer may be far from where it landed.</summary>
    Shelling,

    /// <summary>An air or drone strike; the attacker was not at the location.</summary>
    AirStrike,

    /// <summary>Territory taken by force (an offensive).</summary>
    TerritoryTaken,

    /// <summary>Violence against civilians.</summary>
    AttackOnCivilians,

    /// <summary>Lethal organised violence whose means are not recorded (UCDP GED).</summary>
    OrganizedViolence,

    /// <summary>Non-violent political events: talks, agreements, statements.</summary>
    Political,

    /// <summary>Something the importer could not place in this vocabulary.</summary>
    Other,
}

/// <summary>What an obligation forbids or requires, as written in a spec.</summary>
public enum ObligedActivity
{
    /// <summary>Being in the zone at all (withdrawal deals).</summary>
    Presence,

    /// <summary>Any hostile act: clashes, ground attacks, shelling, air strikes.</summary>
    Attack,

    /// <summary>Artillery, rocket or missile fire.</summary>
    Shelling,

    /// <summary>Air or drone strikes.</summary>
    AirStrike,

    /// <summary>Offensives: taking ground by force.</summary>
    Offensive,

    /// <summary>Deploying forces or monitors.</summary>
    Deployment,

    /// <summary>Steps of a political process (talks, transition, elections) that event data does not record.</summary>
    PoliticalProcess,
}

/// <summary>The role an actor played in a reported event.</summary>
public enum ActorRole
{
    /// <summary>A side in the event whose initiator is not recorded (UCDP side A/B in a battle).</summary>
    Participant,

    /// <summary>The side that acted: attacked, fired, struck, deployed.</summary>
    Initiator,

    /// <summary>The side acted upon: attacked, struck, targeted.</summary>
    Target,

    /// <summary>Named as associated with one of the sides (ACLED assoc_actor).</summary>
    Associated,

    /// <summary>Seen at the place with no hostile act (presence reports).</summary>
    Observed,
}

/// <summary>How the source knows who the actor was; appearance alone is not identity.</summary>
public enum IdentificationBasis
{
    /// <summary>The source names the actor without saying how it knows.</summary>
    Stated,

    /// <summary>The actor claimed or admitted it.</summary>
    SelfClaimed,

    /// <summary>A third party (intelligence, monitor, adversary) attributed it.</summary>
    Attributed,

    /// <summary>Identified by uniform only; militias have worn other armies' uniforms.</summary>
    Uniform,

    /// <summary>Identified by flag only; flags have been flown to avoid strikes.</summary>
    Flag,

    /// <summary>Identified by insignia or markings only.</summary>
    Insignia,
}
