namespace Truce.Evidence;

using Truce.Geodesy;

/// <summary>How exactly an event's place is known: the coding scheme's code and the radius Truce assumes for it.</summary>
/// <param name="Scheme">Whose codes these are: <c>ucdp</c> (where_prec), <c>acled</c> (geo_precision) or <c>truce</c> (a stated radius).</param>
/// <param name="Code">The code as published.</param>
/// <param name="Radius">How far the true location may be from the coordinates; unbounded when only the country is known.</param>
/// <param name="Meaning">The codebook's meaning of the code, for reports.</param>
/// <remarks>
/// Codebooks give categories, not radii. The radii are Truce's stated assumptions, chosen to be generous for
/// Syria (districts span ~50 km, governorates ~150 km) so that an imprecise event is "uncertain", never "inside".
/// </remarks>
public sealed record LocationPrecision(string Scheme, int Code, Distance Radius, string Meaning)
{
    /// <summary>Coordinates of a named place whose extent is small (a town): 2 km.</summary>
    public static readonly Distance TownExtent = Distance.FromKilometres(2);

    /// <summary>A location known to within an explicit radius (native NDJSON, GeoJSON).</summary>
    public static LocationPrecision Within(Distance radius) => new("truce", 0, radius, $"within {radius} of the coordinates");

    /// <summary>UCDP GED where_prec 1–7 (codebook: exact place … country … international waters).</summary>
    public static LocationPrecision? Ucdp(int code) => code switch
    {
        1 => new("ucdp", 1, TownExtent, "exact location (town or village)"),
        2 => new("ucdp", 2, Distance.FromKilometres(25), "within about 25 km of a known point"),
        3 => new("ucdp", 3, Distance.FromKilometres(50), "second-order administrative division (district)"),
        4 => new("ucdp", 4, Distance.FromKilometres(150), "first-order administrative division (governorate)"),
        5 => new("ucdp", 5, Distance.FromKilometres(150), "a linear feature or between administrative units"),
        6 => new("ucdp", 6, Distance.Unbounded, "country only"),
        7 => new("ucdp", 7, Distance.Unbounded, "international waters or airspace"),
        _ => null,
    };

    /// <summary>ACLED geo_precision 1–3 (codebook: town, nearby or part of a region, provincial capital for a region).</summary>
    public static LocationPrecision? Acled(int code) => code switch
    {
        1 => new("acled", 1, TownExtent, "the named town"),
        2 => new("acled", 2, Distance.FromKilometres(25), "near a town or in part of a region"),
        3 => new("acled", 3, Distance.FromKilometres(100), "a larger region (coded at its capital)"),
        _ => null,
    };
}

/// <summary>How exactly an event's date is known, and the range of days it may have happened on.</summary>
/// <param name="Scheme">Whose codes these are: <c>ucdp</c> (date_prec), <c>acled</c> (time_precision) or <c>truce</c>.</param>
/// <param name="Code">The code as published.</param>
/// <param name="Days">The days the event may fall on.</param>
/// <param name="Meaning">The codebook's meaning of the code.</param>
public sealed record TimePrecision(string Scheme, int Code, DateRange Days, string Meaning)
{
    /// <summary>UCDP date_prec 1–5 with the event's date_start and date_end, which already bound the days.</summary>
    public static TimePrecision? Ucdp(int code, DateRange days) => code switch
    {
        1 => new("ucdp", 1, days, "exact date"),
        2 => new("ucdp", 2, days, "within 2-6 days"),
        3 => new("ucdp", 3, days, "within a week"),
        4 => new("ucdp", 4, days, "within 8-30 days or a month"),
        5 => new("ucdp", 5, days, "more than a month or only the year"),
        _ => null,
    };

    /// <summary>ACLED time_precision 1–3; ACLED codes a week- or month-precise event on a date inside that period, so the range widens around it.</summary>
    public static TimePrecision? Acled(int code, DateOnly eventDate) => code switch
    {
        1 => new("acled", 1, new DateRange(eventDate, eventDate), "the day"),
        2 => new("acled", 2, new DateRange(eventDate.AddDays(-6), eventDate.AddDays(6)), "within the week around the date"),
        3 => new("acled", 3, new DateRange(eventDate.AddDays(-30), eventDate.AddDays(30)), "within the month around the date"),
        _ => null,
    };

    /// <summary>An explicit range of days.</summary>
    public static TimePrecision Between(DateRange days) =>
        new("truce", 0, days, days.Days == 1 ? "the day" : $"between {days.Start:yyyy-MM-dd} and {days.End:yyyy-MM-dd}");
}
