using System.Globalization;
using Truce.Actors;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Text;
using Truce.Verification;

namespace Truce.Agreements;

/// <summary>Checks a parsed agreement against the actor registry, reference geometry and evidence sources, and flags loopholes.</summary>
/// <remarks>
/// Errors mean the spec cannot be verified as written (an unknown actor, a zone built on missing geometry).
/// Warnings are the things the reporting itself shows a verification system must surface: categories the text
/// leaves open (advisors), missing deadlines and lines, conflicting readings of a term, assumptions, and
/// obligations no available source could observe.
/// </remarks>
public static class SpecLinter
{
    /// <summary>Lints one agreement; <paramref name="coverages"/> are the coverages of the evidence in hand, if any.</summary>
    public static IReadOnlyList<Diagnostic> Lint(
        Agreement agreement, ActorRegistry registry, GeometryCatalog catalog, SourceRegistry sources, IReadOnlyList<Coverage>? coverages = null, ISet<string>? knownAgreements = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(sources);
        var d = new List<Diagnostic>();
        var file = agreement.File;
        void Error(string code, int line, string field, string message) => d.Add(new Diagnostic(Severity.Error, code, file, line, 1, field, message));
        void Warn(string code, int line, string field, string message) => d.Add(new Diagnostic(Severity.Warning, code, file, line, 1, field, message));

        int LineOf(string field) => agreement.FieldLines.GetValueOrDefault(field);
        foreach (var (field, ids) in new[] { ("parties", agreement.Parties), ("guarantors", agreement.Guarantors), ("beneficiaries", agreement.Beneficiaries) })
        {
            foreach (var id in ids.Where(id => !registry.Actors.ContainsKey(id)))
            {
                Error("TR100", LineOf(field), field, $"unknown actor '{id}'; add it to the actor registry or use a registry id");
            }
        }

        if (agreement.Status is AgreementStatus.Reported or AgreementStatus.Talks)
        {
            Warn("TR211", LineOf("status"), "status", agreement.Status == AgreementStatus.Reported
                ? "reported, not confirmed by the parties: verdicts test the reported terms"
                : "talks without terms: nothing to verify until terms are known");
        }

        foreach (var other in agreement.SeeAlso.Where(s => knownAgreements is not null && !knownAgreements.Contains(s)))
        {
            Warn("TR212", LineOf("see_also"), "see_also", $"'{other}' is not among the specs being checked");
        }

        foreach (var cls in agreement.ActorClasses)
        {
            var field = $"actor_classes.{cls.Id}";
            ActorClass? registryClass = null;
            if (cls.RegistryClass is { } rc && !registry.Classes.TryGetValue(rc, out registryClass))
            {
                Error("TR101", cls.Line, field + ".registry_class", $"unknown registry class '{rc}'; known: {string.Join(", ", registry.Classes.Keys.Order(StringComparer.Ordinal))}");
            }

            foreach (var a in cls.Actors.Where(a => !registry.Actors.ContainsKey(a)))
            {
                Error("TR102", cls.Line, field + ".actors", $"unknown actor '{a}'");
            }

            foreach (var category in registryClass?.DisputedCategories ?? [])
            {
                if (!cls.Includes.Contains(category) && !cls.Excludes.Contains(category))
                {
                    Warn("TR201", cls.Line, field, $"neither includes nor excludes '{category}': the text leaves open whether {category} are bound (reports of {category} will count only as possible)");
                }
            }
        }

        var compiled = new Dictionary<(string, string), CompiledZone>();
        foreach (var zone in agreement.Zones)
        {
            var field = $"zones.{zone.Id}";
            if (zone.Variants.Count > 1)
            {
                var readings = zone.Variants.Select(v => $"{v.Id} = {v.Expression.Describe()} [{(v.Sources.Count == 0 ? "no source" : string.Join(", ", v.Sources))}]");
                Warn("TR206", zone.Line, field, $"conflicting readings of one term, all verified side by side: {string.Join(" vs ", readings)}");
            }

            foreach (var v in zone.Variants)
            {
                var vfield = zone.Variants.Count > 1 ? $"{field}.variants.{v.Id}" : field;
                if (v.Assumed)
                {
                    Warn("TR207", v.Line, vfield, $"no line or distance stated in the sources; Truce assumes {v.Expression.Describe()}{(v.Note is null ? string.Empty : " (" + v.Note + ")")}");
                }
                else if (v.Sources.Count == 0)
                {
                    Warn("TR210", v.Line, vfield, "no source cited for this reading");
                }

                foreach (var g in v.Expression.GeometryIds().Distinct())
                {
                    if (catalog.Features.TryGetValue(g, out var feature) && feature.Provenance.Approximate)
                    {
                        Warn("TR208", v.Line, vfield, $"reference geometry '{g}' is an approximation{(feature.Provenance.Caveat is null ? string.Empty : ": " + feature.Provenance.Caveat)}");
                    }
                }

                foreach (var term in Terms(v.Expression))
                {
                    switch (term)
                    {
                        case WithinExpr { Distance.Metres: 0 } w:
                            Error("TR105", v.Line, vfield, $"'within: 0 km of {w.Of}' is a zone of no width: no located event can lie in it; state the distance the sources give");
                            break;
                        case BeyondExpr { Distance.Metres: 0 } b:
                            Warn("TR214", v.Line, vfield, $"'at least 0 km from {b.Of}' is everywhere: the term constrains nothing");
                            break;
                        case AreaExpr a when catalog.Features.TryGetValue(a.Of, out var drawn) && drawn.Provenance.Approximate && drawn.Kind == FeatureKind.Area:
                            // Suggest the named areas that lie most within the drawn one (by the share of their box inside its box).
                            var named = catalog.Features.Values
                                .Where(f => f.Kind == FeatureKind.Area && !f.Provenance.Approximate && f.Id != drawn.Id && f.Bounds.Intersects(drawn.Bounds))
                                .Select(f => (f.Id, Share: BoxShareInside(f.Bounds, drawn.Bounds)))
                                .Where(f => f.Share >= 0.5)
                                .OrderByDescending(f => f.Share).ThenBy(f => f.Id, StringComparer.Ordinal)
                                .Select(f => f.Id).Take(6).ToList();
                            Warn("TR215", v.Line, vfield, $"'area: {a.Of}' is a hand-drawn shape: prefer a named boundary (an administrative unit), which sources and readers can check"
                                + (named.Count > 0 ? $"; named areas it overlaps: {string.Join(", ", named)}" : "; add admin-1 polygons (examples/geo/admin1-levant.geojson) to 'geometry'"));
                            break;
                    }
                }

                try
                {
                    var cz = CompiledZone.Compile(v.Expression, catalog);
                    compiled[(zone.Id, v.Id)] = cz;
                    if (cz.Bounds is null)
                    {
                        Warn("TR213", v.Line, vfield, "the zone is empty: its parts do not overlap");
                    }
                }
                catch (ArgumentException ex)
                {
                    Error("TR103", v.Line, vfield, ex.Message.Split(" (Parameter")[0] + $"; geometry files: {(agreement.Geometry.Count == 0 ? "none listed under 'geometry'" : string.Join(", ", agreement.Geometry))}");
                }
            }
        }

        var observable = sources.Sources.SelectMany(s => s.Observes).Concat(coverages?.SelectMany(c => c.Observes) ?? []).ToHashSet();
        foreach (var o in agreement.Obligations)
        {
            var field = $"obligations.{o.Id}";
            var activity = Vocabulary.Name(o.Activity);
            if (o.Text is null)
            {
                Warn("TR210", o.Line, field, "no wording quoted ('text'): a reader cannot check the spec against the agreement");
            }

            if (o.Sources.Count == 0)
            {
                Warn("TR210", o.Line, field, "no source cited for this obligation");
            }

            if (o.From is null)
            {
                Warn("TR203", o.Line, field, "no start date, and the agreement has no in_force date: it cannot be verified");
            }
            else if (o.FromInherited)
            {
                Warn("TR202", o.Line, field, string.Create(CultureInfo.InvariantCulture, $"no start date of its own; taken from the agreement ({o.From:yyyy-MM-dd})"));
            }

            if (o.From is { } from && o.Until is { } until && o.EnforcedFrom > until)
            {
                Error("TR104", o.Line, field, string.Create(CultureInfo.InvariantCulture, $"enforced from {o.EnforcedFrom:yyyy-MM-dd} ({from:yyyy-MM-dd} + {o.GraceDays} days grace), after its end {until:yyyy-MM-dd}"));
            }

            if (o.Modality == Modality.Must && o.Until is null)
            {
                Warn("TR204", o.Line, field, $"no deadline: a 'must {activity}' without 'until' can never be shown to be broken");
            }

            if (o.Modality == Modality.MustNot && o.Activity == ObligedActivity.Presence && !o.GraceStated)
            {
                Warn("TR205", o.Line, field, "no withdrawal period stated ('grace'): verification assumes immediate effect");
            }

            if (!observable.Contains(o.Activity))
            {
                Warn("TR209", o.Line, field, $"no known evidence source observes '{activity}': the verdict will be unverifiable");
            }
            else if (coverages is not null && o.Window is { } window)
            {
                var zone = agreement.Zones.FirstOrDefault(z => z.Id == o.ZoneId);
                foreach (var v in zone?.Variants ?? [])
                {
                    if (compiled.TryGetValue((zone!.Id, v.Id), out var cz) && cz.Bounds is { } box
                        && !coverages.Any(c => c.Observes.Contains(o.Activity) && c.Area.Intersects(box) && window.Overlaps(c.Period)))
                    {
                        Warn("TR209", o.Line, field, $"none of the evidence given observes '{activity}' in zone {zone.Id} ({v.Id}) during {window}");
                    }
                }
            }
        }

        return d;
    }

    /// <summary>Every term of a zone expression, depth first.</summary>
    private static IEnumerable<ZoneExpr> Terms(ZoneExpr expr) => expr switch
    {
        AllExpr all => all.Parts.SelectMany(Terms).Prepend(all),
        AnyExpr any => any.Parts.SelectMany(Terms).Prepend(any),
        DifferenceExpr d => Terms(d.Base).Concat(Terms(d.Minus)).Prepend(d),
        _ => [expr],
    };

    /// <summary>The share of <paramref name="box"/>'s area (in degrees, enough to rank suggestions) that lies inside <paramref name="within"/>.</summary>
    private static double BoxShareInside(BoundingBox box, BoundingBox within)
    {
        double Area(BoundingBox b) => Math.Max(0, b.North - b.South) * Math.Max(0, b.East - b.West);
        var common = box.Intersect(within);
        return common is { } c && Area(box) > 0 ? Area(c) / Area(box) : 0;
    }
}
