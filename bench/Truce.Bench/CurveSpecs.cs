using System.Globalization;
using System.Text;

namespace Truce.Bench;

/// <summary>
/// Generated agreement specs for the readings curve, written as YAML files in the shipped format, so the CLI reads
/// them as it reads <c>examples/agreements</c>.
/// </summary>
/// <remarks>
/// Two families. <b>Sparse</b> specs are modelled on the shipped ones (local withdrawals, ceasefires between sides,
/// no-strike zones; some zones with two readings of one distance), but placed mostly in other conflict regions, with
/// windows in different years (1995-2024) and different actor classes, so that a generated UCDP row (Syria and its
/// neighbours, 2014-2019, six sides) can reach only a few of them. <b>Covering</b> specs are the control: every
/// reading binds all six sides, is in force over the whole period, and has a zone of its own that holds every row.
/// Agreement <c>k</c> depends only on <c>k</c>, so the specs for 10 readings are those for 100 cut short.
/// </remarks>
public static class CurveSpecs
{
    /// <summary>Where the generated UCDP rows fall (<see cref="Workload.WriteUcdpCsv"/>): latitude 32.3-37.3, longitude 35.6-42.4.</summary>
    private const double RowsSouth = 32.3, RowsNorth = 37.3, RowsWest = 35.6, RowsEast = 42.4;

    /// <summary>Conflict regions away from Syria (a few border it), where most sparse zones are placed: south, north, west, east.</summary>
    private static readonly (string Name, double S, double N, double W, double E)[] Regions =
    [
        ("Sahel", 11, 20, -8, 8), ("Lake Chad", 10, 14, 12, 16), ("Libya", 30, 33, 12, 22), ("Yemen", 13, 17, 43, 50),
        ("Somalia", -1, 10, 41, 49), ("South Sudan", 4, 10, 26, 34), ("eastern DR Congo", -4, 2, 27, 30),
        ("eastern Ukraine", 47, 50, 36, 40), ("Karabakh", 39, 40.5, 45.5, 47.5), ("Afghanistan", 31, 36, 62, 71),
        ("Kashmir", 32.5, 35, 73, 77), ("Myanmar", 16, 26, 92, 98), ("Mindanao", 6, 9, 122, 126), ("Colombia", 1, 9, -77, -72),
        ("Sinai", 29, 31.3, 32.5, 34.5), ("northern Iraq", 34, 37, 42.6, 45), ("south Lebanon", 33, 33.5, 35.2, 35.55),
    ];

    private static readonly string[] Governorates =
    [
        "syria-al-hasakah", "syria-aleppo", "syria-ar-raqqah", "syria-as-suwayda", "syria-damascus", "syria-daraa", "syria-deir-ez-zor",
        "syria-hama", "syria-homs", "syria-idlib", "syria-latakia", "syria-quneitra", "syria-rif-dimashq", "syria-tartus",
    ];

    /// <summary>Registry classes a sparse obligation may bind (examples/actors.yaml).</summary>
    private static readonly string[] Classes =
    [
        "iran-aligned-forces", "non-syrian-forces", "government-side", "armed-opposition", "designated-terrorist-groups", "turkish-backed-forces",
        "sna-factions", "nfl-factions", "kurdish-led-forces", "hezbollah-forces", "russian-forces",
    ];

    /// <summary>Single actors a sparse obligation may bind instead of a class.</summary>
    private static readonly string[] Actors = ["israel", "jordan", "turkey", "united-states", "iraq", "sdf", "pkk", "ypg", "irgc", "iran", "hezbollah", "hts"];

    /// <summary>Every side the generated UCDP rows name, as registry actors: the control binds them all.</summary>
    private static readonly string[] AllSides = ["syria-government", "syrian-insurgents", "islamic-state", "hezbollah", "russia", "hts"];

    private static readonly string[] Activities = ["presence", "presence", "presence", "attack", "attack", "attack", "shelling", "air_strike", "offensive"];

    /// <summary>A point feature a generated zone is measured from.</summary>
    public sealed record PlaceFeature(string Id, double Latitude, double Longitude, string Name);

    /// <summary>Writes the specs for <paramref name="readings"/> obligation readings into <paramref name="folder"/>, with point features added to <paramref name="places"/>; returns the number of agreements.</summary>
    /// <param name="folder">A folder below the benchmark home (which holds actors.yaml and geo/).</param>
    /// <param name="readings">Obligation readings wanted in total.</param>
    /// <param name="covering">True for the control (every reading holds every row), false for sparse specs.</param>
    /// <param name="places">Collects the point features the specs name (ids are unique per family and agreement).</param>
    public static int Write(string folder, int readings, bool covering, IDictionary<string, PlaceFeature> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        Directory.CreateDirectory(folder);
        int k = 0;
        for (int left = readings; left > 0; k++)
        {
            var (yaml, used) = covering ? Covering(k, places) : Sparse(k, left, places);
            File.WriteAllText(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{(covering ? "cover" : "gen")}-{k:D5}.yaml")), yaml);
            left -= used;
        }

        return k;
    }

    /// <summary>A sparse agreement of at most <paramref name="max"/> readings: one or two obligations, whose zone may have two readings.</summary>
    private static (string Yaml, int Readings) Sparse(int k, int max, IDictionary<string, PlaceFeature> places)
    {
        var r = new Random(1000 + k);
        string id = string.Create(CultureInfo.InvariantCulture, $"gen-{k:D5}");
        var inForce = new DateOnly(1995, 1, 1).AddDays(r.Next(0, 30 * 365));
        bool twoReadings = r.NextDouble() < 0.25 && max >= 2;
        int obligations = r.NextDouble() < 0.3 && max >= (twoReadings ? 4 : 2) ? 2 : 1;

        // The zone: mostly a circle somewhere else; some in Syria (a local circle, perhaps clipped to Syria); a few
        // whole governorates, as the south-west de-escalation zone is built.
        double kind = r.NextDouble();
        var geometry = new List<string> { "../geo/curve-places.geojson" };
        string where;
        List<string> variants = [];
        if (kind < 0.03)
        {
            var govs = Enumerable.Range(0, 1 + r.Next(2)).Select(_ => Governorates[r.Next(Governorates.Length)]).Distinct().ToList();
            geometry.Add("../geo/admin1-levant.geojson");
            where = "governorates " + string.Join(", ", govs);
            variants.Add(govs.Count == 1 ? $"{{ area: {govs[0]} }}" : "{ any: [ " + string.Join(", ", govs.Select(g => $"{{ area: {g} }}")) + " ] }");
            twoReadings = false;
            obligations = Math.Min(obligations, max);
        }
        else
        {
            bool inSyria = kind < 0.18;
            double lat, lon;
            if (inSyria)
            {
                lat = RowsSouth + (r.NextDouble() * (RowsNorth - RowsSouth));
                lon = RowsWest + (r.NextDouble() * (RowsEast - RowsWest));
                where = "a place in Syria or on its borders";
            }
            else
            {
                var region = Regions[r.Next(Regions.Length)];
                lat = region.S + (r.NextDouble() * (region.N - region.S));
                lon = region.W + (r.NextDouble() * (region.E - region.W));
                where = "a place in " + region.Name;
            }

            var place = new PlaceFeature(id + "-place", Math.Round(lat, 4), Math.Round(lon, 4), $"generated place for {id} ({where})");
            places[place.Id] = place;
            bool clip = inSyria && r.NextDouble() < 0.5;
            if (clip)
            {
                geometry.Add("../geo/natural-earth-levant.geojson");
            }

            int km = inSyria ? 3 + r.Next(38) : 5 + r.Next(96);
            foreach (var d in twoReadings ? new[] { $"{km} km", $"{Math.Max(1, km / 4)} mi" } : [$"{km} km"])
            {
                variants.Add(clip ? $"{{ all: [ {{ within: {d}, of: {place.Id} }}, {{ area: syria }} ] }}" : $"{{ within: {d}, of: {place.Id} }}");
            }
        }

        var y = new StringBuilder();
        y.Append(CultureInfo.InvariantCulture, $"# Generated for bench readings-curve: a sparse agreement ({where}).\n");
        y.Append(CultureInfo.InvariantCulture, $"id: {id}\ntitle: Generated agreement {k} ({where})\nstatus: {(r.Next(2) == 0 ? "agreed" : "reported")}\n");
        y.Append(CultureInfo.InvariantCulture, $"in_force: {inForce:yyyy-MM-dd}\n");
        y.Append(CultureInfo.InvariantCulture, $"sources:\n  - id: src-{k}\n    citation: \"generated by bench readings-curve; not a real agreement\"\n    date: {inForce:yyyy-MM-dd}\n");
        y.Append("parties: [").Append(Actors[r.Next(Actors.Length)]).Append("]\nguarantors: []\nbeneficiaries: []\n");
        y.Append("geometry: [").Append(string.Join(", ", geometry)).Append("]\n");

        // Two bound sides, each a registry class or a single actor.
        y.Append("actor_classes:\n");
        for (int c = 0; c < 2; c++)
        {
            y.Append(CultureInfo.InvariantCulture, $"  - id: side-{c}\n");
            if (r.NextDouble() < 0.6)
            {
                y.Append("    registry_class: ").Append(Classes[r.Next(Classes.Length)]).Append("\n    includes: [combat-units, militia]\n");
            }
            else
            {
                y.Append("    actors: [").Append(Actors[r.Next(Actors.Length)]).Append("]\n");
            }
        }

        y.Append("zones:\n  - id: zone\n");
        if (variants.Count == 1)
        {
            y.Append(CultureInfo.InvariantCulture, $"    sources: [src-{k}]\n    zone: {variants[0]}\n");
        }
        else
        {
            y.Append("    variants:\n");
            for (int v = 0; v < variants.Count; v++)
            {
                y.Append(CultureInfo.InvariantCulture, $"      - id: reading-{v}\n        sources: [src-{k}]\n        zone: {variants[v]}\n");
            }
        }

        y.Append("obligations:\n");
        for (int o = 0; o < obligations; o++)
        {
            var activity = Activities[r.Next(Activities.Length)];
            y.Append(CultureInfo.InvariantCulture, $"  - id: obligation-{o}\n    text: \"generated obligation {o}\"\n    sources: [src-{k}]\n");
            y.Append(activity == "attack" && r.NextDouble() < 0.4 ? "    between: [side-0, side-1]\n" : "    who: side-0\n");
            y.Append("    must_not: ").Append(activity).Append("\n    zone: zone\n");
            var from = inForce.AddDays(r.Next(0, 60));
            y.Append(CultureInfo.InvariantCulture, $"    from: {from:yyyy-MM-dd}\n");
            if (r.NextDouble() < 0.6)
            {
                y.Append(CultureInfo.InvariantCulture, $"    until: {from.AddDays(90 + r.Next(0, 1000)):yyyy-MM-dd}\n");
            }

            if (activity == "presence")
            {
                y.Append(CultureInfo.InvariantCulture, $"    grace: {7 * (1 + r.Next(4))} days\n");
            }
        }

        return (y.ToString(), obligations * variants.Count);
    }

    /// <summary>A control agreement of one reading: all six sides must not attack, from 2010, within 700 km of a point near the middle of the rows (every row lies within about 420 km of it).</summary>
    private static (string Yaml, int Readings) Covering(int k, IDictionary<string, PlaceFeature> places)
    {
        var r = new Random(5000 + k);
        string id = string.Create(CultureInfo.InvariantCulture, $"cover-{k:D5}");
        var place = new PlaceFeature(id + "-place", Math.Round(34.8 + ((r.NextDouble() - 0.5) * 0.6), 4), Math.Round(39.0 + ((r.NextDouble() - 0.5) * 0.6), 4), $"generated centre for {id}");
        places[place.Id] = place;
        var inForce = new DateOnly(2010, 1, 1).AddDays(r.Next(0, 365));
        var y = new StringBuilder();
        y.Append("# Generated for bench readings-curve: a control agreement whose one reading holds every generated row.\n");
        y.Append(CultureInfo.InvariantCulture, $"id: {id}\ntitle: Generated covering agreement {k}\nstatus: agreed\nin_force: {inForce:yyyy-MM-dd}\n");
        y.Append(CultureInfo.InvariantCulture, $"sources:\n  - id: src-{k}\n    citation: \"generated by bench readings-curve; not a real agreement\"\n    date: {inForce:yyyy-MM-dd}\n");
        y.Append("parties: [syria-government, syrian-insurgents]\nguarantors: []\nbeneficiaries: []\ngeometry: [../geo/curve-places.geojson]\n");
        y.Append("actor_classes:\n  - id: every-side\n    actors: [").Append(string.Join(", ", AllSides)).Append("]\n");
        y.Append(CultureInfo.InvariantCulture, $"zones:\n  - id: zone\n    sources: [src-{k}]\n    zone: {{ within: 700 km, of: {place.Id} }}\n");
        y.Append(CultureInfo.InvariantCulture, $"obligations:\n  - id: no-attacks\n    text: \"no side attacks\"\n    sources: [src-{k}]\n    who: every-side\n    must_not: attack\n    zone: zone\n");
        return (y.ToString(), 1);
    }

    /// <summary>The point features as a GeoJSON FeatureCollection, in id order.</summary>
    public static string GeoJson(IEnumerable<PlaceFeature> places)
    {
        var sb = new StringBuilder("{\n \"type\": \"FeatureCollection\",\n \"features\": [\n");
        sb.AppendJoin(",\n", places.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture,
            $"  {{ \"type\": \"Feature\", \"id\": \"{p.Id}\", \"properties\": {{ \"name\": \"{p.Name}\", \"source\": \"generated by bench readings-curve\" }}, \"geometry\": {{ \"type\": \"Point\", \"coordinates\": [{p.Longitude}, {p.Latitude}] }} }}")));
        sb.Append("\n ]\n}\n");
        return sb.ToString();
    }
}
