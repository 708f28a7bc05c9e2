namespace Truce.Evidence;

using Truce.Geodesy;

/// <summary>A name reported for an actor in an event, with its role and how the source identified it.</summary>
/// <param name="Name">The name exactly as reported.</param>
/// <param name="Role">What the actor did in the event.</param>
/// <param name="Basis">How the identification was made.</param>
/// <param name="Category">A category the report gives (e.g. advisors), if any.</param>
/// <param name="Deaths">Deaths the source counts on this actor's side at this event (UCDP deaths_a / deaths_b); null when the source does not count per side.</param>
/// <remarks>
/// <see cref="Name"/> may list a coalition ("Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front", as UCDP writes its
/// sides); the actor registry splits it into members, and per-side facts such as <see cref="Deaths"/> belong to the
/// coalition as a whole.
/// </remarks>
public sealed record ActorReport(string Name, ActorRole Role, IdentificationBasis Basis, string? Category = null, int? Deaths = null);

/// <summary>The administrative units a source places an event in (UCDP country / adm_1 / adm_2, ACLED country / admin1 / admin2), as written.</summary>
/// <param name="Scheme">Whose names these are: ucdp, acled or truce.</param>
/// <param name="Country">Country name, if given.</param>
/// <param name="Admin1">First-order unit (governorate), if given.</param>
/// <param name="Admin2">Second-order unit (district), if given.</param>
public sealed record AdminAttribution(string Scheme, string? Country, string? Admin1, string? Admin2)
{
    /// <summary>Null when no unit is named at all.</summary>
    public static AdminAttribution? Of(string scheme, string? country, string? admin1, string? admin2)
    {
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var (c, a1, a2) = (Clean(country), Clean(admin1), Clean(admin2));
        return c is null && a1 is null && a2 is null ? null : new AdminAttribution(scheme, c, a1, a2);
    }
}

/// <summary>Where an evidence item came from: file, 1-based line (or feature index) and format.</summary>
public sealed record EvidenceOrigin(string File, long Line, string Format);

/// <summary>One reported event or observation, with its place, time, actors, activity and source, each with its uncertainty.</summary>
/// <remarks>Reported affiliation is evidence, not truth: <see cref="Actors"/> holds what was said, and by what basis.</remarks>
public sealed record Evidence
{
    /// <summary>Creates an item; id and at least one actor report are required.</summary>
    public Evidence(
        string id,
        EvidenceOrigin origin,
        GeoPoint location,
        LocationPrecision locationPrecision,
        TimePrecision time,
        Activity activity,
        string reportedType,
        IReadOnlyList<ActorReport> actors,
        SourceAssessment source,
        string? description = null,
        int? fatalities = null,
        string? place = null,
        AdminAttribution? admin = null,
        int? fatalitiesLow = null,
        int? fatalitiesHigh = null)
    {
        Id = Preconditions.CheckNotBlank(id, nameof(id));
        Origin = origin ?? throw new ArgumentNullException(nameof(origin));
        Location = location;
        LocationPrecision = locationPrecision ?? throw new ArgumentNullException(nameof(locationPrecision));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Activity = activity;
        ReportedType = reportedType ?? string.Empty;
        Actors = actors ?? throw new ArgumentNullException(nameof(actors));
        Source = source ?? throw new ArgumentNullException(nameof(source));
        if (fatalities is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fatalities), fatalities, "fatalities cannot be negative");
        }

        if (fatalitiesLow is < 0 || fatalitiesHigh is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fatalitiesLow), "fatality estimates cannot be negative");
        }

        Description = description;
        Fatalities = fatalities;
        Place = place;
        Admin = admin;
        FatalitiesLow = fatalitiesLow;
        FatalitiesHigh = fatalitiesHigh;
    }

    /// <summary>Dataset-qualified id, e.g. <c>ucdp-ged:244657</c>.</summary>
    public string Id { get; }

    /// <summary>File and line it was read from.</summary>
    public EvidenceOrigin Origin { get; }

    /// <summary>Reported coordinates.</summary>
    public GeoPoint Location { get; }

    /// <summary>How far the true place may be from <see cref="Location"/>.</summary>
    public LocationPrecision LocationPrecision { get; }

    /// <summary>The days the event may have happened on.</summary>
    public TimePrecision Time { get; }

    /// <summary>What happened, in Truce's vocabulary.</summary>
    public Activity Activity { get; }

    /// <summary>The event type as the source coded it (e.g. "Shelling/artillery/missile attack").</summary>
    public string ReportedType { get; }

    /// <summary>Actors as reported.</summary>
    public IReadOnlyList<ActorReport> Actors { get; }

    /// <summary>Who reported it and how reliable that is.</summary>
    public SourceAssessment Source { get; }

    /// <summary>Free-text description or notes.</summary>
    public string? Description { get; }

    /// <summary>Reported deaths (best estimate), if given.</summary>
    public int? Fatalities { get; }

    /// <summary>Place name as reported.</summary>
    public string? Place { get; }

    /// <summary>The administrative units the source places the event in: a location clue beside the coordinates.</summary>
    public AdminAttribution? Admin { get; }

    /// <summary>Low estimate of deaths, if given.</summary>
    public int? FatalitiesLow { get; }

    /// <summary>High estimate of deaths, if given.</summary>
    public int? FatalitiesHigh { get; }
}

/// <summary>A row that could not become evidence: where it is, which field, and why. Rejections are counted and quarantined, never dropped silently.</summary>
/// <param name="File">File the row is in.</param>
/// <param name="Line">1-based line (for CSV, the physical line where the record starts).</param>
/// <param name="Field">The offending column or property.</param>
/// <param name="Reason">What is wrong with it.</param>
/// <param name="Raw">The raw row text, for the quarantine file.</param>
public sealed record Rejection(string File, long Line, string Field, string Reason, string Raw)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}: {Field}: {Reason}";
}
