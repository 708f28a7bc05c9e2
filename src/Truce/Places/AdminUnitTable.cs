using Truce.Actors;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Text;

namespace Truce.Places;

/// <summary>The names that evidence uses for administrative units, matched to reference polygons (examples/places.yaml).</summary>
/// <remarks>
/// UCDP writes "Daraa Governorate", ACLED "Dar'a", Natural Earth "Dar`a": one table says which names denote which
/// polygons, per country, so that a report's administrative attribution can constrain where it happened. A name
/// that is not in the table is simply not used as a clue; it is never guessed.
/// </remarks>
public sealed class AdminUnitTable
{
    private readonly Dictionary<string, AdminUnit> countries = new(StringComparer.Ordinal);

    // A dedicated lock: locking a collection goes through the monitor's slow path (its header is shared with other uses).
    private readonly Lock gate = new();
    private readonly Dictionary<(string Country, string Name), AdminUnit> units = [];

    // Data repeat a few dozen attributions millions of times: resolve each once.
    private readonly Dictionary<(string Scheme, string? Country, string? Admin1), (AdminUnit Unit, string Clue)?> resolved = [];

    /// <summary>A table that knows no names.</summary>
    public static AdminUnitTable Empty { get; } = new();

    /// <summary>Every unit, countries first.</summary>
    public IReadOnlyList<AdminUnit> All => [.. countries.Values.Distinct(), .. units.Values.Distinct()];

    /// <summary>Adds a country under each of its names.</summary>
    public void AddCountry(AdminUnit unit, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var n in names.Append(unit.Name))
        {
            countries[ActorRegistry.Normalize(n)] = unit;
        }
    }

    /// <summary>Adds a division of <paramref name="countryId"/> under each of its names.</summary>
    public void AddUnit(string countryId, AdminUnit unit, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var n in names.Append(unit.Name))
        {
            units[(countryId, ActorRegistry.Normalize(n))] = unit;
        }
    }

    /// <summary>The most specific unit the attribution names (governorate, then country), with the clue that named it.</summary>
    /// <remarks>Districts (UCDP adm_2, ACLED admin2) are not matched: the table holds first-order units only, and a district that shares a governorate's name is not that governorate.</remarks>
    public (AdminUnit Unit, string Clue)? Resolve(AdminAttribution? admin)
    {
        if (admin is null)
        {
            return null;
        }

        var key = (admin.Scheme, admin.Country, admin.Admin1);
        lock (gate)
        {
            if (resolved.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        var answer = ResolveUncached(admin);
        lock (gate)
        {
            resolved[key] = answer;
        }

        return answer;
    }

    private (AdminUnit Unit, string Clue)? ResolveUncached(AdminAttribution admin)
    {
        var country = admin.Country is { } c ? countries.GetValueOrDefault(ActorRegistry.Normalize(c)) : null;
        if (admin.Admin1 is { } name)
        {
            var key = ActorRegistry.Normalize(name);
            var hit = country is not null
                ? units.GetValueOrDefault((country.Id, key))
                : units.Where(u => u.Key.Name == key).Select(u => u.Value).Distinct().SingleOrDefaultIfMany();
            if (hit is not null)
            {
                return (hit, $"{(admin.Scheme == "ucdp" ? "adm_1" : "admin1")} '{name}'");
            }
        }

        return country is null ? null : (country, $"country '{admin.Country}'");
    }

    /// <summary>Reads the table; the polygons it names must already be in <paramref name="catalog"/>. Returns null (with diagnostics) on errors.</summary>
    public static AdminUnitTable? Read(string yaml, string file, GeometryCatalog catalog, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var root = YamlCursor.Parse(yaml, file, diagnostics);
        if (root is null || !root.ExpectMapping())
        {
            return null;
        }

        root.RejectUnknownKeys("geometry", "countries", "units");
        int errorsBefore = diagnostics.Items.Count(d => d.Severity == Severity.Error);
        var table = new AdminUnitTable();
        var byId = new Dictionary<string, AdminUnit>(StringComparer.Ordinal);
        AdminUnit? Build(YamlCursor item, AdminLevel level)
        {
            item.RejectUnknownKeys("id", "name", "country", "names", "areas", "note");
            var id = item.Scalar("id", required: true);
            var areaIds = item.Strings("areas", required: true);
            if (id is null)
            {
                return null;
            }

            var areas = new List<ReferenceFeature>();
            foreach (var a in areaIds)
            {
                if (!catalog.Features.TryGetValue(a, out var f) || f.Kind != FeatureKind.Area)
                {
                    item.Child("areas")!.Error("TR080", $"'{a}' is not an area feature in the geometry listed under 'geometry'");
                }
                else
                {
                    areas.Add(f);
                }
            }

            if (areas.Count == 0 || areas.Count != areaIds.Count)
            {
                return null;
            }

            if (byId.ContainsKey(id))
            {
                item.Error("TR081", $"unit id '{id}' is defined twice");
                return null;
            }

            var unit = new AdminUnit(id, item.Scalar("name") ?? id, level, areas, item.Scalar("note"));
            byId[id] = unit;
            return unit;
        }

        foreach (var item in root.Sequence("countries", required: true))
        {
            if (item.ExpectMapping() && Build(item, AdminLevel.Country) is { } unit)
            {
                table.AddCountry(unit, item.Strings("names"));
            }
        }

        foreach (var item in root.Sequence("units"))
        {
            if (!item.ExpectMapping())
            {
                continue;
            }

            var countryId = item.Scalar("country", required: true);
            if (countryId is null)
            {
                continue;
            }

            if (!byId.TryGetValue(countryId, out var country) || country.Level != AdminLevel.Country)
            {
                item.Child("country")!.Error("TR082", $"'{countryId}' is not a country defined under 'countries'");
                continue;
            }

            if (Build(item, AdminLevel.Admin1) is { } unit)
            {
                table.AddUnit(countryId, unit, item.Strings("names"));
            }
        }

        return diagnostics.Items.Count(d => d.Severity == Severity.Error) > errorsBefore ? null : table;
    }
}

/// <summary>Sequence helpers.</summary>
internal static class SequenceExtensions
{
    /// <summary>The only element, or null when there are none or several (an ambiguous name is no clue).</summary>
    public static T? SingleOrDefaultIfMany<T>(this IEnumerable<T> source)
        where T : class
    {
        using var e = source.GetEnumerator();
        if (!e.MoveNext())
        {
            return null;
        }

        var first = e.Current;
        return e.MoveNext() ? null : first;
    }
}
