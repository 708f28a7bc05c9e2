using System.Globalization;
using System.Text;
using Truce.Actors;
using Truce.Agreements;
using Truce.Cli;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Places;
using Truce.Tests.TestSupport;
using Truce.Text;

namespace Truce.Tests.Verification;

/// <summary>
/// A UCDP GED file (the 41-column layout of the real Syria release) whose events sit on the edges of the shipped
/// agreements, where a fast path's bounds and shortcuts are most likely to part from the exact answer.
/// </summary>
/// <remarks>
/// Every edge is read from the specs and registries themselves, not listed by hand:
/// <list type="bullet">
/// <item>distance terms (<c>within: T of: F</c>): points on lines through each vertex of F (the normals of both
/// segments and their bisector) and through the middle of each segment, at T, T ± 1 m, T + the 1 km near-miss margin
/// (± 1 m), T ± the location radius r of each UCDP precision code (± 1 m, and r + 1 km ± 1 m), and where the fast
/// path's lower bound on the distance starts to rule the term out (± 1 m). Each point is placed with
/// <see cref="Geodesic.Direct"/> and nudged along its line until its measured distance is the one aimed at;</item>
/// <item>area terms: points on each polygon vertex and edge, 1 m and r ± 1 m inside and outside, and on the edges of
/// the area's bounding box grown by r (the fast path's quick test);</item>
/// <item>windows and class memberships: single days and short or long ranges on, before and after every first and
/// last day of an obligation's window and of an actor's membership of a class;</item>
/// <item>actors: every alias of every member of the classes the agreements bind, the first alias spelled as
/// normalisation still matches (case, spacing, dashes, periods, diacritics) and one letter short or long (no match),
/// alone and in coalitions.</item>
/// </list>
/// Location points get the governorate that holds them or, every other point, another one (an incoherent report), so
/// that both the unit clue and its contradiction are exercised. Combinations of distance, precision, actors and dates
/// are taken in rotation, not as a full product, to keep the file to a few thousand rows.
/// </remarks>
internal static class EdgeEvents
{
    private static readonly Geodesic Wgs84 = Geodesic.Wgs84;

    private static readonly string[] Header =
    [
        "id", "year", "active_year", "type_of_violence", "conflict_new_id", "conflict_name", "dyad_new_id", "dyad_name", "side_a_new_id", "side_a",
        "side_b_new_id", "gwnob", "side_b", "number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original",
        "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
        "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low", "best", "high",
    ];

    /// <summary>Who fought whom, with the deaths UCDP counts on each side (deaths place a side at the event).</summary>
    private sealed record Profile(string SideA, string SideB, int Violence, int DeathsA, int DeathsB);

    /// <summary>Sides that bear on every shipped obligation: Iran, Hezbollah, Russia, the government and the opposition, with and without deaths.</summary>
    private static readonly Profile[] LocationProfiles =
    [
        new("Government of Iran", "Government of Israel", 1, 3, 0),
        new("Government of Syria", "Syrian insurgents", 1, 2, 5),
        new("Government of Israel", "Hezbollah", 1, 0, 4),
        new("Government of Syria, Government of Iran", "Syrian insurgents", 1, 0, 2),
        new("Government of Russia (Soviet Union)", "IS", 1, 1, 6),
        new("Government of Syria", "Syrian insurgents", 1, 0, 0),
        new("Hezbollah", "Syrian insurgents", 2, 3, 3),
        new("IS", "Civilians", 3, 4, 0),
    ];

    /// <summary>Days inside most windows (one range): the location is then what decides.</summary>
    private static readonly (DateOnly Start, DateOnly End, int Precision)[] LocationDays =
    [
        (new(2018, 9, 15), new(2018, 9, 15), 1),
        (new(2018, 3, 10), new(2018, 3, 10), 1),
        (new(2018, 10, 20), new(2018, 10, 20), 1),
        (new(2018, 6, 14), new(2018, 6, 14), 1),
        (new(2018, 9, 10), new(2018, 9, 20), 3),
        (new(2017, 12, 1), new(2017, 12, 1), 1),
    ];

    /// <summary>Precision codes for points whose distance was not aimed at a disc edge: mostly exact places, some coarse, some unbounded.</summary>
    private static readonly int[] PrecisionRotation = [1, 2, 3, 1, 4, 1, 5, 2, 6, 1, 7, 3];

    private static readonly Lazy<string> Text = new(Build);

    /// <summary>The file's text (built once per test run).</summary>
    public static string Csv() => Text.Value;

    /// <summary>How many events the file holds.</summary>
    public static int Count => Text.Value.Count(c => c == '\n') - 1;

    private static string Build()
    {
        var ws = Workspace.Load([Repo.Path("examples/agreements")], new LoadOptions(null, null, AllowOutside: false));
        Assert.False(ws.Diagnostics.HasErrors, string.Join("\n", ws.Diagnostics.Items));
        var rows = new Rows(ws.Places);
        var radii = Enumerable.Range(1, 7).Select(c => (Code: c, Radius: LocationPrecision.Ucdp(c)!.Radius)).Where(c => c.Radius.IsFinite)
            .DistinctBy(c => c.Radius.Metres).ToArray();

        var thresholds = ws.Agreements.SelectMany(a => a.Zones).SelectMany(z => z.Variants).SelectMany(v => Terms(v.Expression)).ToList();
        foreach (var group in thresholds.OfType<DistanceTerm>().GroupBy(t => t.Feature))
        {
            DistanceEdges(rows, ws.Catalog.Features[group.Key], [.. group.Select(t => t.Threshold.Metres).Distinct().Order()], radii);
        }

        foreach (var id in thresholds.OfType<AreaTerm>().Select(t => t.Feature).Distinct())
        {
            AreaEdges(rows, ws.Catalog.Features[id], radii);
        }

        var inside = InsidePoints(ws.Catalog);
        DateEdges(rows, ws.Agreements, ws.Actors!, inside);
        ActorEdges(rows, ws.Agreements, ws.Actors!, inside);
        return rows.ToString();
    }

    /// <summary>Events whose zone-share disc has a sample exactly on a distance threshold of the shipped agreements (<see cref="ThresholdSamples"/>), with sides every obligation of presence binds (Hezbollah, with deaths) and no governorate or country to cut the disc.</summary>
    public static string OnThresholdCsv()
    {
        var ws = Workspace.Load([Repo.Path("examples/agreements")], new LoadOptions(null, null, AllowOutside: false));
        Assert.False(ws.Diagnostics.HasErrors, string.Join("\n", ws.Diagnostics.Items));
        var rows = new Rows(ws.Places, clues: false);
        var town = LocationPrecision.Ucdp(1)!.Radius.Metres;
        var terms = ws.Agreements.SelectMany(a => a.Zones).SelectMany(z => z.Variants).SelectMany(v => Terms(v.Expression)).OfType<DistanceTerm>().Distinct();
        var who = new Profile("Government of Israel", "Hezbollah", 1, 0, 4);
        foreach (var term in terms)
        {
            foreach (var c in ThresholdSamples.For(ws.Catalog.Features[term.Feature], term.Threshold.Metres, town).Where((_, i) => i % 3 == 1))
            {
                rows.Add(c.Centre, 1, who, new DateOnly(2018, 9, 15), new DateOnly(2018, 9, 15), 1, c.Sample);
            }
        }

        return rows.ToString();
    }

    private abstract record Term(string Feature);

    private sealed record DistanceTerm(string Feature, Distance Threshold) : Term(Feature);

    private sealed record AreaTerm(string Feature) : Term(Feature);

    private static IEnumerable<Term> Terms(ZoneExpr e) => e switch
    {
        WithinExpr w => [new DistanceTerm(w.Of, w.Distance)],
        BeyondExpr b => [new DistanceTerm(b.Of, b.Distance)],
        AreaExpr a => [new AreaTerm(a.Of)],
        AllExpr all => all.Parts.SelectMany(Terms),
        AnyExpr any => any.Parts.SelectMany(Terms),
        DifferenceExpr d => Terms(d.Base).Concat(Terms(d.Minus)),
        _ => throw new NotSupportedException($"the edge generator does not know {e.GetType().Name}: add its edges"),
    };

    /// <summary>Where a probe starts and which ways it may go: a vertex (normals of both segments and their bisectors) or the middle of a segment (its normals).</summary>
    private sealed record Anchor(GeoPoint Point, double[] Azimuths);

    /// <summary>Anchors along a line: each vertex where it turns (the positions of the source geometry) and the middle of each piece between them.</summary>
    private static List<Anchor> Anchors(IReadOnlyList<GeoPoint> vertices, int maxVertices)
    {
        var turning = new List<int> { 0 };
        for (int i = 1; i + 1 < vertices.Count; i++)
        {
            double inAz = Wgs84.Inverse(vertices[i - 1], vertices[i]).Azimuth2, outAz = Wgs84.Inverse(vertices[i], vertices[i + 1]).Azimuth1;
            if (Math.Abs(GeoMath.AngDiff(inAz, outAz).D) > 0.05)
            {
                turning.Add(i);
            }
        }

        turning.Add(vertices.Count - 1);
        if (turning.Count > maxVertices)
        {
            turning = [.. Enumerable.Range(0, maxVertices).Select(k => turning[(int)((long)k * (turning.Count - 1) / (maxVertices - 1))]).Distinct()];
        }

        var anchors = new List<Anchor>();
        for (int k = 0; k < turning.Count; k++)
        {
            int i = turning[k];
            var azimuths = new List<double>();
            double? inAz = i > 0 ? Wgs84.Inverse(vertices[i - 1], vertices[i]).Azimuth2 : null;
            double? outAz = i + 1 < vertices.Count ? Wgs84.Inverse(vertices[i], vertices[i + 1]).Azimuth1 : null;
            foreach (var az in new[] { inAz, outAz }.OfType<double>())
            {
                azimuths.Add(az + 90);
                azimuths.Add(az - 90);
            }

            if (inAz is { } a && outAz is { } b)
            {
                double bisector = a + 90 + (GeoMath.AngDiff(a, b).D / 2);
                azimuths.Add(bisector);
                azimuths.Add(bisector + 180);
            }
            else
            {
                // An end of the line: straight on beyond it too.
                azimuths.Add(inAz ?? (outAz!.Value + 180));
            }

            anchors.Add(new Anchor(vertices[i], [.. azimuths]));
            if (k + 1 < turning.Count && turning[k + 1] > i)
            {
                // The middle of the piece, on the straight lon/lat line between the positions (RFC 7946's edge).
                var next = vertices[turning[k + 1]];
                var mid = new GeoPoint((vertices[i].Latitude + next.Latitude) / 2, (vertices[i].Longitude + next.Longitude) / 2);
                double along = Wgs84.Inverse(vertices[i], next).Azimuth1;
                anchors.Add(new Anchor(mid, [along + 90, along - 90]));
            }
        }

        return anchors;
    }

    /// <summary>One offset to aim at: a distance from the feature, with the precision code whose radius it was chosen for (null: any).</summary>
    private sealed record Aim(double Metres, int? Code, bool LowerBoundEdge = false);

    private static void DistanceEdges(Rows rows, ReferenceFeature feature, double[] thresholds, (int Code, Distance Radius)[] radii)
    {
        const double margin = 1000; // Verifier.ThresholdMargin: a near miss within it gets a caveat
        Assert.Equal(margin, Truce.Verification.Verifier.ThresholdMargin.Metres);
        var anchors = feature.Kind == FeatureKind.Point
            ? [new Anchor(feature.Point!.Value, [.. Enumerable.Range(0, 8).Select(k => (k * 45.0) + 7.5)])]
            : feature.Lines.SelectMany(l => Anchors(l.Vertices, 80)).ToList();
        int rotation = 0;
        foreach (var t in thresholds)
        {
            var aims = new List<Aim> { new(t, null), new(t - 1, null), new(t + 1, null), new(t + margin - 1, null), new(t + margin, null), new(t + margin + 1, null) };
            foreach (var (code, radius) in radii)
            {
                double r = radius.Metres;
                aims.AddRange([new(t - r - 1, code), new(t - r, code), new(t - r + 1, code), new(t + r - 1, code), new(t + r, code), new(t + r + 1, code)]);
                aims.AddRange([new(t + r + margin - 1, code), new(t + r + margin, code), new(t + r + margin + 1, code)]);
                aims.AddRange([new(-1, code, true), new(0, code, true), new(1, code, true)]);
            }

            aims.RemoveAll(a => !a.LowerBoundEdge && a.Metres < 0);

            // A point feature is probed at every aim; a line at a few per direction, in rotation.
            int perDirection = feature.Kind == FeatureKind.Point ? aims.Count : 2;
            foreach (var anchor in anchors)
            {
                foreach (var azimuth in anchor.Azimuths)
                {
                    for (int j = 0; j < perDirection; j++)
                    {
                        var aim = aims[rotation++ % aims.Count];
                        double metres = aim.LowerBoundEdge ? LowerBoundEdge(feature, anchor.Point, azimuth, t + margin + RadiusOf(aim.Code!.Value)) + aim.Metres : aim.Metres;
                        if (metres < 0)
                        {
                            continue;
                        }

                        var p = Place(anchor.Point, azimuth, metres, aim.LowerBoundEdge ? null : feature.DistanceTo);
                        rows.AddLocated(p, aim.Code);
                    }
                }
            }
        }

        double RadiusOf(int code) => radii.Single(r => r.Code == code).Radius.Metres;
    }

    /// <summary>The distance along a geodesic from <paramref name="from"/> beyond which the feature's cheap lower bound exceeds <paramref name="limit"/> (the fast path's cut-off), by bisection.</summary>
    private static double LowerBoundEdge(ReferenceFeature feature, GeoPoint from, double azimuth, double limit)
    {
        bool Beyond(double s) => feature.LowerBound(Wgs84.Direct(from, azimuth, Distance.FromMetres(s))).Metres > limit;
        double lo = 0, hi = limit;
        while (!Beyond(hi))
        {
            (lo, hi) = (hi, hi * 2);
            if (hi > 5_000_000)
            {
                return -1; // this way never leaves the bound: no edge to probe
            }
        }

        for (int i = 0; i < 60 && hi - lo > 1e-6; i++)
        {
            double mid = (lo + hi) / 2;
            (lo, hi) = Beyond(mid) ? (lo, mid) : (mid, hi);
        }

        return hi;
    }

    /// <summary>The point <paramref name="metres"/> from <paramref name="from"/> along <paramref name="azimuth"/>, moved along that geodesic (secant steps) until <paramref name="measure"/> gives that distance, when it can.</summary>
    private static GeoPoint Place(GeoPoint from, double azimuth, double metres, Func<GeoPoint, Distance>? measure)
    {
        var p = Wgs84.Direct(from, azimuth, Distance.FromMetres(metres));
        if (measure is null || metres == 0)
        {
            return p;
        }

        const double close = 1e-7; // well under the 1 m steps probed, well over the round-off of a distance
        double s0 = metres, m0 = measure(p).Metres;
        if (Math.Abs(m0 - metres) <= close)
        {
            return p;
        }

        // The measure grows with s near a feature seen square on; elsewhere (a corner's inner side) it may not: keep the best.
        var (best, bestError) = (p, Math.Abs(m0 - metres));
        double s1 = metres + (metres - m0);
        for (int i = 0; i < 6 && s1 > 0; i++)
        {
            var q = Wgs84.Direct(from, azimuth, Distance.FromMetres(s1));
            double m1 = measure(q).Metres;
            if (Math.Abs(m1 - metres) < bestError)
            {
                (best, bestError) = (q, Math.Abs(m1 - metres));
            }

            if (Math.Abs(m1 - metres) <= close || m1 == m0)
            {
                break;
            }

            (s0, m0, s1) = (s1, m1, s1 + ((metres - m1) * (s1 - s0) / (m1 - m0)));
        }

        return best;
    }

    private static void AreaEdges(Rows rows, ReferenceFeature feature, (int Code, Distance Radius)[] radii)
    {
        var aims = new List<Aim> { new(0, null), new(1, null) };
        foreach (var (code, radius) in radii)
        {
            aims.AddRange([new(radius.Metres - 1, code), new(radius.Metres, code), new(radius.Metres + 1, code)]);
        }

        int rotation = 0;
        foreach (var ring in feature.Area!.Rings)
        {
            foreach (var anchor in Anchors(ring, 20))
            {
                rows.AddLocated(anchor.Point, null); // exactly on the vertex or the edge
                foreach (var azimuth in anchor.Azimuths)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        var aim = aims[rotation++ % aims.Count];
                        if (aim.Metres > 0)
                        {
                            rows.AddLocated(Place(anchor.Point, azimuth, aim.Metres, feature.Area.DistanceToBoundary), aim.Code);
                        }
                    }
                }
            }
        }

        // The quick test of an area term: the box grown by the radius. On its edges, and a hair either side.
        var box = feature.Bounds;
        foreach (var (code, radius) in radii)
        {
            var grown = box.Expand(radius);
            for (int k = 0; k <= 4; k++)
            {
                double lat = grown.South + ((grown.North - grown.South) * k / 4), lon = grown.West + ((grown.East - grown.West) * k / 4);
                foreach (var nudge in new[] { -1e-9, 0, 1e-9 })
                {
                    rows.AddLocated(new GeoPoint(Math.Clamp(grown.North + nudge, -90, 90), lon), code);
                    rows.AddLocated(new GeoPoint(Math.Clamp(grown.South + nudge, -90, 90), lon), code);
                    rows.AddLocated(new GeoPoint(lat, grown.East + nudge), code);
                    rows.AddLocated(new GeoPoint(lat, grown.West + nudge), code);
                }
            }
        }
    }

    /// <summary>Places well inside the shipped zones (and one outside all but Syria), for the date and actor probes.</summary>
    private static GeoPoint[] InsidePoints(GeometryCatalog catalog)
    {
        var line = catalog.Features["israel-syria-line"].Lines[0];
        var mid = line.Vertices[line.Vertices.Count / 2];
        var syria = catalog.Features["syria"].Area!;

        // 5 km from the middle of the line, on whichever side is Syria.
        var az = Wgs84.Inverse(mid, line.Vertices[(line.Vertices.Count / 2) + 1]).Azimuth1;
        var golan = new[] { az + 90, az - 90 }.Select(a => Wgs84.Direct(mid, a, Distance.FromKilometres(5))).First(syria.Contains);
        var qusayr = Wgs84.Direct(catalog.Features["al-qusayr"].Point!.Value, 0, Distance.FromKilometres(1));
        var daraa = new GeoPoint(32.62, 36.10);
        var damascus = new GeoPoint(33.5138, 36.2765);
        var aleppo = new GeoPoint(36.2021, 37.1343);
        return [golan, qusayr, daraa, damascus, aleppo];
    }

    private static void DateEdges(Rows rows, IReadOnlyList<Agreement> agreements, ActorRegistry registry, GeoPoint[] inside)
    {
        var edges = new SortedSet<DateOnly>();
        foreach (var o in agreements.SelectMany(a => a.Obligations))
        {
            if (o.Window is { } w)
            {
                AddEdges(edges, w);
            }

            if (o.From is { } f)
            {
                edges.Add(f); // before the grace period
            }
        }

        var dated = DatedMemberships(agreements, registry).ToList();
        foreach (var m in dated)
        {
            AddEdges(edges, m.Period);
        }

        var names = LocationProfiles.ToList();
        foreach (var m in dated)
        {
            var alias = registry.Actors[m.ActorId].Aliases[0].Name;
            names.Add(new Profile(alias, "Syrian insurgents", 2, 2, 2));
            names.Add(new Profile("Government of Syria", alias, 1, 0, 3));
        }

        int rotation = 0;
        foreach (var e in edges)
        {
            foreach (var (start, end, precision) in DaysAround(e))
            {
                for (int j = 0; j < 4; j++)
                {
                    int k = rotation++;
                    rows.Add(inside[k % inside.Length], 1, names[k % names.Count], start, end, precision, k);
                }
            }
        }
    }

    private static void AddEdges(SortedSet<DateOnly> edges, ValidityPeriod w)
    {
        if (w.From is { } f)
        {
            edges.Add(f);
        }

        if (w.Until is { } u)
        {
            edges.Add(u);
            edges.Add(u.AddDays(1));
        }
    }

    /// <summary>Days on, before and after an edge, and ranges across it (UCDP date_prec 1–4).</summary>
    private static IEnumerable<(DateOnly Start, DateOnly End, int Precision)> DaysAround(DateOnly e) =>
    [
        (e.AddDays(-1), e.AddDays(-1), 1), (e, e, 1), (e.AddDays(1), e.AddDays(1), 1),
        (e.AddDays(-1), e, 2), (e, e.AddDays(1), 2), (e.AddDays(-3), e.AddDays(3), 3), (e.AddDays(-20), e.AddDays(20), 4),
    ];

    /// <summary>Class memberships with a first or last day, in the classes the agreements bind.</summary>
    private static IEnumerable<ClassMembership> DatedMemberships(IReadOnlyList<Agreement> agreements, ActorRegistry registry) =>
        BoundClasses(agreements, registry).SelectMany(c => c.Members).Where(m => m.Period.From is not null || m.Period.Until is not null);

    private static IEnumerable<ActorClass> BoundClasses(IReadOnlyList<Agreement> agreements, ActorRegistry registry) =>
        agreements.SelectMany(a => a.ActorClasses).Select(c => c.RegistryClass).OfType<string>().Distinct().Select(id => registry.Classes[id]);

    private static void ActorEdges(Rows rows, IReadOnlyList<Agreement> agreements, ActorRegistry registry, GeoPoint[] inside)
    {
        var actorIds = BoundClasses(agreements, registry).SelectMany(c => c.Members).Select(m => m.ActorId)
            .Concat(agreements.SelectMany(a => a.ActorClasses).SelectMany(c => c.Actors.Concat(c.Excludes)).Where(registry.Actors.ContainsKey))
            .Distinct().Order(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var id in actorIds)
        {
            var actor = registry.Actors[id];
            names.AddRange(actor.Aliases.Select(a => a.Name));
            names.AddRange(Spellings(actor.Aliases[0].Name));
        }

        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        int rotation = 0;
        foreach (var name in distinct)
        {
            int k = rotation++;
            var (start, end, precision) = LocationDays[k % LocationDays.Length];
            var where = inside[k % inside.Length];
            rows.Add(where, 1, k % 2 == 0 ? new Profile(name, "Syrian insurgents", 1, 3, 1) : new Profile("Government of Syria", name, 1, 1, 3), start, end, precision, k);
            rows.Add(where, 1, k % 2 == 0 ? new Profile(name + ", Government of Syria", "Syrian insurgents", 1, 0, 2) : new Profile("Government of Israel", name + ", Unregistered Brigade", 1, 0, 2), start, end, precision, k + 1);
        }
    }

    /// <summary>The name as normalisation still matches it, and one letter short and one too many (which must not match).</summary>
    private static IEnumerable<string> Spellings(string name) =>
    [
        name.ToUpperInvariant(),
        " " + name.Replace(" ", "  ", StringComparison.Ordinal).Replace('e', 'é') + " ",
        name.Replace(' ', '-') + ".",
        name[..^1],
        name + "x",
    ];

    /// <summary>The rows of the file, numbered, with the sides, days and unit rotated for each located probe.</summary>
    private sealed class Rows(AdminUnitTable places, bool clues = true)
    {
        private static readonly string[] OtherUnits =
            ["", "Quneitra Governorate", "Damascus Governorate", "Daraa Governorate", "Rif Dimashq Governorate", "As Suwayda Governorate", "Homs Governorate", "Aleppo Governorate", "Unlisted Governorate"];

        private readonly StringBuilder text = new(string.Join(",", Header) + "\n");
        private readonly AdminUnit[] units = [.. places.All.Where(u => u.Level != AdminLevel.Country)];
        private int count;

        public void AddLocated(GeoPoint p, int? code)
        {
            int k = count;
            var (start, end, precision) = LocationDays[Pick(k, 1, LocationDays.Length)];
            Add(p, code ?? PrecisionRotation[Pick(k, 2, PrecisionRotation.Length)], LocationProfiles[Pick(k, 3, LocationProfiles.Length)], start, end, precision, k);
        }

        public void Add(GeoPoint p, int wherePrec, Profile who, DateOnly start, DateOnly end, int datePrec, int k)
        {
            // Every other event names the governorate that holds it; the rest name another one (or none, or one not listed).
            string adm1 = !clues ? string.Empty : Pick(k, 4, 2) == 0
                ? units.FirstOrDefault(u => u.Contains(p))?.Name ?? string.Empty
                : OtherUnits[Pick(k, 5, OtherUnits.Length)];
            string country = !clues ? string.Empty : Pick(k, 6, 11) switch { 3 => "Israel", 7 => "Jordan", 9 => string.Empty, _ => "Syria" };
            int id = 9_000_000 + count++;
            string lat = p.Latitude.ToString("R", CultureInfo.InvariantCulture), lon = p.Longitude.ToString("R", CultureInfo.InvariantCulture);
            int best = who.DeathsA + who.DeathsB;
            string[] fields =
            [
                Num(id), Num(start.Year), "1", Num(who.Violence), "299", "Syria: Government", "11973", $"{who.SideA} - {who.SideB}", "118", who.SideA,
                "4456", string.Empty, who.SideB, "1", "generated edge probe", "Truce tests", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"edge probe {id}", "Truce tests", Num(wherePrec), $"probe {id}", adm1, string.Empty, lat, lon, $"POINT ({lon} {lat})", string.Empty,
                country, "652", "Middle East", Num(1 + (Pick(k, 7, 3) == 0 ? 1 : 0)), Num(datePrec),
                start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Num(who.DeathsA), Num(who.DeathsB), "0", "0", Num(best), Num(best), Num(best),
            ];
            text.AppendJoin(',', fields.Select(Quote)).Append('\n');
        }

        public override string ToString() => text.ToString();

        private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>A choice among <paramref name="n"/> for row <paramref name="k"/>, independent of the other choices (salted hash, not k mod n, so that rotations of different lengths do not lock together).</summary>
        private static int Pick(int k, int salt, int n)
        {
            ulong x = ((ulong)(uint)k << 8) | (uint)salt;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return (int)((x ^ (x >> 31)) % (ulong)n);
        }

        private static string Quote(string field) =>
            field.Length > 0 && (field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal) || field[0] == ' ' || field[^1] == ' ')
                ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : field;
    }
}
