using Truce.Evidence;
using Truce.Geodesy;

namespace Truce.Agreements;

/// <summary>Where an agreement stands, as far as the public record shows.</summary>
public enum AgreementStatus
{
    /// <summary>Talks only; no terms yet.</summary>
    Talks,

    /// <summary>Reported by the press or officials, not confirmed by the parties.</summary>
    Reported,

    /// <summary>Announced or agreed by the parties, not formally signed.</summary>
    Agreed,

    /// <summary>Formally signed.</summary>
    Signed,

    /// <summary>Signed and in force.</summary>
    InForce,

    /// <summary>Collapsed or abandoned.</summary>
    Collapsed,
}

/// <summary>The snake_case names of <see cref="AgreementStatus"/> used in specs and output.</summary>
public static class AgreementStatusNames
{
    private static readonly Dictionary<string, AgreementStatus> ByName = new(StringComparer.Ordinal)
    {
        ["talks"] = AgreementStatus.Talks,
        ["reported"] = AgreementStatus.Reported,
        ["agreed"] = AgreementStatus.Agreed,
        ["signed"] = AgreementStatus.Signed,
        ["in_force"] = AgreementStatus.InForce,
        ["collapsed"] = AgreementStatus.Collapsed,
    };

    /// <summary>All names, in order of progress.</summary>
    public static IEnumerable<string> All => ByName.Keys;

    /// <summary>The status a name denotes, or null.</summary>
    public static AgreementStatus? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var s) ? s : null;

    /// <summary>The name of a status.</summary>
    public static string Name(AgreementStatus status) => ByName.First(kv => kv.Value == status).Key;
}

/// <summary>A published source for a term: who said it, where and when.</summary>
/// <param name="Id">Slug used by terms to cite it.</param>
/// <param name="Citation">Human-readable citation.</param>
/// <param name="Date">Publication date.</param>
/// <param name="Url">Link, if any.</param>
public sealed record SourceCitation(string Id, string Citation, DateOnly? Date, string? Url);

/// <summary>The actors an obligation binds, as the agreement defines them: a registry class plus explicit includes and excludes.</summary>
/// <param name="Id">Slug used by obligations.</param>
/// <param name="RegistryClass">A class from the actor registry, if the spec builds on one.</param>
/// <param name="Actors">Individual actors from the registry, in addition to the class.</param>
/// <param name="Includes">Categories explicitly covered (e.g. advisors).</param>
/// <param name="Excludes">Categories explicitly not covered, and actors excluded by id (designated terrorist groups).</param>
/// <param name="Description">What the agreement text calls this group.</param>
/// <param name="Line">Line of the definition in the spec, for diagnostics.</param>
public sealed record ActorClassSpec(
    string Id, string? RegistryClass, IReadOnlyList<string> Actors, IReadOnlyList<string> Includes, IReadOnlyList<string> Excludes, string? Description, int Line);

/// <summary>A geographic term: an expression over reference geometry, possibly in several sourced variants that disagree.</summary>
/// <param name="Id">Slug used by obligations.</param>
/// <param name="Description">Plain-language description.</param>
/// <param name="Variants">One or more readings of the term, each with its sources. Conflicting readings are kept side by side.</param>
/// <param name="Line">Line of the definition.</param>
public sealed record Zone(string Id, string? Description, IReadOnlyList<ZoneVariant> Variants, int Line);

/// <summary>One reading of a zone, with the sources that give it.</summary>
/// <param name="Id">Slug (e.g. <c>85km</c>, <c>15mi</c>); <c>stated</c> when the zone has a single reading.</param>
/// <param name="Expression">The geometry expression.</param>
/// <param name="Sources">Citations (ids from the agreement's sources) that state this reading.</param>
/// <param name="Assumed">True when the reading is the analyst's assumption because the sources state none.</param>
/// <param name="Note">Why the reading is assumed, or any caveat.</param>
/// <param name="Line">Line of the definition.</param>
public sealed record ZoneVariant(string Id, ZoneExpr Expression, IReadOnlyList<string> Sources, bool Assumed, string? Note, int Line);

/// <summary>Whether an obligation requires or forbids the activity.</summary>
public enum Modality
{
    /// <summary>The activity is required (e.g. deploy monitors).</summary>
    Must,

    /// <summary>The activity is forbidden (e.g. presence in a zone, attacks).</summary>
    MustNot,
}

/// <summary>One checkable promise: who must (not) do what, where, and when.</summary>
/// <param name="Id">Slug.</param>
/// <param name="Text">The wording as reported, quoted.</param>
/// <param name="Sources">Citations for the wording.</param>
/// <param name="Who">The bound actor class.</param>
/// <param name="Against">For attacks, the class that must not be attacked; null means anyone.</param>
/// <param name="Mutual">True for "no attacks between Who and Against": a hostile event between them breaches the obligation whoever began it.</param>
/// <param name="Modality">Must or must not.</param>
/// <param name="Activity">The activity.</param>
/// <param name="ZoneId">Where it applies.</param>
/// <param name="From">First day it applies (before any grace period).</param>
/// <param name="Until">Last day it applies; for a must obligation, its deadline.</param>
/// <param name="GraceDays">Days after <paramref name="From"/> before it is enforced (time allowed to withdraw).</param>
/// <param name="GraceStated">Whether the grace period comes from the sources (false: none stated, immediate effect assumed).</param>
/// <param name="Line">Line of the definition.</param>
public sealed record Obligation(
    string Id, string? Text, IReadOnlyList<string> Sources, string Who, string? Against, bool Mutual, Modality Modality, ObligedActivity Activity,
    string ZoneId, DateOnly? From, DateOnly? Until, int GraceDays, bool GraceStated, int Line)
{
    /// <summary>True when <see cref="From"/> was not stated for the obligation and comes from the agreement's in_force date.</summary>
    public bool FromInherited { get; init; }

    /// <summary>The first day on which the obligation is enforced: From plus the grace period; null when no start is known.</summary>
    /// <remarks>Held at the calendar's last day: a spec dated 9999-12-30 with a week's grace must not throw.</remarks>
    public DateOnly? EnforcedFrom => From is { } f ? DateOnly.FromDayNumber((int)Math.Min((long)f.DayNumber + GraceDays, DateOnly.MaxValue.DayNumber)) : null;

    /// <summary>The enforcement window; open-ended when there is no Until.</summary>
    public ValidityPeriod? Window => EnforcedFrom is { } start
        ? (Until is { } u && u < start ? null : new ValidityPeriod(start, Until))
        : null;
}

/// <summary>A security agreement as a machine-checkable spec: parties, guarantors, terms with sources, zones and obligations.</summary>
public sealed record Agreement
{
    /// <summary>Slug, e.g. <c>golan-85km-2018</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Status on the public record.</summary>
    public required AgreementStatus Status { get; init; }

    /// <summary>What happened, as reported (for context in reports; never used as evidence).</summary>
    public string? Outcome { get; init; }

    /// <summary>The spec file it was read from.</summary>
    public required string File { get; init; }

    /// <summary>Published sources.</summary>
    public required IReadOnlyList<SourceCitation> Sources { get; init; }

    /// <summary>Parties (actor ids).</summary>
    public required IReadOnlyList<string> Parties { get; init; }

    /// <summary>Guarantors (actor ids).</summary>
    public required IReadOnlyList<string> Guarantors { get; init; }

    /// <summary>Beneficiaries (actor ids).</summary>
    public required IReadOnlyList<string> Beneficiaries { get; init; }

    /// <summary>Date signed or announced.</summary>
    public DateOnly? Signed { get; init; }

    /// <summary>Date in force.</summary>
    public DateOnly? InForce { get; init; }

    /// <summary>Reference geometry files, as written in the spec (relative to the spec's folder).</summary>
    public required IReadOnlyList<string> Geometry { get; init; }

    /// <summary>Actor classes the obligations bind.</summary>
    public required IReadOnlyList<ActorClassSpec> ActorClasses { get; init; }

    /// <summary>Zones.</summary>
    public required IReadOnlyList<Zone> Zones { get; init; }

    /// <summary>Obligations.</summary>
    public required IReadOnlyList<Obligation> Obligations { get; init; }

    /// <summary>Other agreements that may be the same deal reported differently.</summary>
    public IReadOnlyList<string> SeeAlso { get; init; } = [];

    /// <summary>Line of each top-level field in the spec, for diagnostics about the agreement as a whole.</summary>
    public IReadOnlyDictionary<string, int> FieldLines { get; init; } = new Dictionary<string, int>();
}

/// <summary>A zone expression: how a zone is built from reference geometry, distances and set operations.</summary>
public abstract record ZoneExpr
{
    /// <summary>Geometry ids the expression uses.</summary>
    public abstract IEnumerable<string> GeometryIds();

    /// <summary>Human-readable form, e.g. "within 85.000 km of israel-syria-line".</summary>
    public abstract string Describe();
}

/// <summary>Points within a distance of a geometry.</summary>
public sealed record WithinExpr(Distance Distance, string Of) : ZoneExpr
{
    /// <inheritdoc/>
    public override IEnumerable<string> GeometryIds() => [Of];

    /// <inheritdoc/>
    public override string Describe() => $"within {Distance} of {Of}";
}

/// <summary>Points at least a distance from a geometry.</summary>
public sealed record BeyondExpr(Distance Distance, string Of) : ZoneExpr
{
    /// <inheritdoc/>
    public override IEnumerable<string> GeometryIds() => [Of];

    /// <inheritdoc/>
    public override string Describe() => $"at least {Distance} from {Of}";
}

/// <summary>Points inside an area geometry.</summary>
public sealed record AreaExpr(string Of) : ZoneExpr
{
    /// <inheritdoc/>
    public override IEnumerable<string> GeometryIds() => [Of];

    /// <inheritdoc/>
    public override string Describe() => $"inside {Of}";
}

/// <summary>Which side of a directed line.</summary>
public enum LineSide
{
    /// <summary>Left when walking the line from its first vertex to its last.</summary>
    Left,

    /// <summary>Right when walking the line from its first vertex to its last.</summary>
    Right,
}

/// <summary>Points on one side of a line.</summary>
public sealed record SideExpr(string Of, LineSide Side) : ZoneExpr
{
    /// <inheritdoc/>
    public override IEnumerable<string> GeometryIds() => [Of];

    /// <inheritdoc/>
    public override string Describe() => $"{Side.ToString().ToLowerInvariant()} of {Of}";
}

/// <summary>Intersection of zones.</summary>
public sealed record AllExpr(IReadOnlyList<ZoneExpr> Parts) : ZoneExpr
{
    /// <inheritdoc/>
    public override IEnumerable<string> GeometryIds() => Parts.SelectMany(p => p.GeometryIds());

    /// <inheritdoc/>
    public override string Describe() => "(" + string.Join(" and ", Parts.Select(p => p.Describe())) + ")";
}

/// <summary>Union of zones.</summary>
public sealed record AnyExpr(IReadOnlyList<ZoneExpr> Parts) : ZoneExpr
{
    /// <inheritdoc/>
    public override IEnumerable<string> GeometryIds() => Parts.SelectMany(p => p.GeometryIds());

    /// <inheritdoc/>
    public override string Describe() => "(" + string.Join(" or ", Parts.Select(p => p.Describe())) + ")";
}

/// <summary>A zone minus another.</summary>
public sealed record DifferenceExpr(ZoneExpr Base, ZoneExpr Minus) : ZoneExpr
{
    /// <inheritdoc/>
    public override IEnumerable<string> GeometryIds() => Base.GeometryIds().Concat(Minus.GeometryIds());

    /// <inheritdoc/>
    public override string Describe() => $"({Base.Describe()} except {Minus.Describe()})";
}
