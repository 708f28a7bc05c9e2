namespace Truce.Actors;

/// <summary>A canonical armed actor, state or organisation (e.g. Hezbollah) with the names it is reported under.</summary>
/// <param name="Id">Stable slug used in specs and output, e.g. <c>hezbollah</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">What sort of actor: state, state-forces, militia, armed-group, civilians, international.</param>
/// <param name="Category">Default category for membership questions (e.g. <c>militia</c>, <c>advisors</c>, <c>combat-units</c>).</param>
/// <param name="Aliases">Names seen in data and reporting that denote this actor.</param>
public sealed record Actor(string Id, string Name, string Kind, string Category, IReadOnlyList<ActorAlias> Aliases);

/// <summary>A name under which an actor is reported, optionally implying a category ("Iranian military advisers" → advisors).</summary>
public sealed record ActorAlias(string Name, string? Category);

/// <summary>One actor's membership of a class for a period (Liwa Fatemiyoun in "Iran-aligned forces" from 2013).</summary>
/// <param name="ActorId">The member actor.</param>
/// <param name="Period">When the membership holds.</param>
/// <param name="Source">Where the membership is documented.</param>
public sealed record ClassMembership(string ActorId, ValidityPeriod Period, string? Source);

/// <summary>A named group of actors that obligations are written against (e.g. "Iran-aligned forces").</summary>
/// <param name="Id">Stable slug.</param>
/// <param name="Name">Display name.</param>
/// <param name="Members">Members with their validity periods.</param>
/// <param name="DisputedCategories">Categories whose inclusion an agreement must state explicitly, such as advisors.</param>
public sealed record ActorClass(string Id, string Name, IReadOnlyList<ClassMembership> Members, IReadOnlyList<string> DisputedCategories);

/// <summary>The answer to "was this actor in that class on those days".</summary>
public enum MembershipAnswer
{
    /// <summary>A member on every day of the range.</summary>
    Member,

    /// <summary>A member on some days of the range only.</summary>
    Partly,

    /// <summary>Not a member on any day of the range.</summary>
    NotMember,
}
