using System.Globalization;
using Truce.Evidence;
using Truce.Text;
using YamlDotNet.RepresentationModel;

namespace Truce.Agreements;

/// <summary>Reads an agreement spec (YAML) into an <see cref="Agreement"/>, reporting every structural error with file, line and field.</summary>
/// <remarks>
/// This checks what can be checked from the file alone: fields, types, dates, distances and references inside the
/// spec. Checks against the actor registry, reference geometry and evidence sources live in <see cref="SpecLinter"/>.
/// </remarks>
public static class AgreementSpecReader
{
    private static readonly string[] TopLevel =
    [
        "id", "title", "status", "outcome", "signed", "in_force", "see_also", "sources", "parties", "guarantors", "beneficiaries",
        "geometry", "actor_classes", "zones", "obligations", "notes",
    ];

    /// <summary>The longest grace period a spec may state: a century.</summary>
    public const int MaxGraceDays = 36_525;

    private static readonly string[] Operators = ["within", "beyond", "area", "side", "all", "any", "difference"];

    /// <summary>Parses spec text; returns null when there are errors (all reported to <paramref name="diagnostics"/>).</summary>
    public static Agreement? Read(string yaml, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var root = YamlCursor.Parse(yaml, file, diagnostics);
        if (root is null || !root.ExpectMapping())
        {
            return null;
        }

        int errorsBefore = diagnostics.Items.Count(d => d.Severity == Severity.Error);
        root.RejectUnknownKeys(TopLevel);

        var id = root.Scalar("id", required: true);
        if (id is not null && !Slug.IsValid(id))
        {
            root.Child("id")!.Error("TR010", $"'{id}' is not a valid id; use lowercase letters, digits and hyphens");
        }

        var title = root.Scalar("title", required: true);
        var status = ReadStatus(root);
        var sources = ReadSources(root);
        var sourceIds = sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var classes = ReadActorClasses(root);
        var zones = ReadZones(root, sourceIds);
        var obligations = ReadObligations(root, sourceIds, classes, zones);
        var signed = root.Date("signed");
        var inForce = root.Date("in_force");
        if (signed is { } s && inForce is { } f && f < s)
        {
            root.Child("in_force")!.Error("TR030", $"in_force {f:yyyy-MM-dd} precedes signed {s:yyyy-MM-dd}");
        }

        if (diagnostics.Items.Count(d => d.Severity == Severity.Error) > errorsBefore || id is null || title is null || status is null)
        {
            return null;
        }

        // An obligation without its own start takes effect when the agreement does (in_force, not signing); the linter says so.
        var start = inForce;
        obligations = [.. obligations.Select(o => o.From is null && start is not null ? o with { From = start, FromInherited = true } : o)];

        return new Agreement
        {
            Id = id,
            Title = title,
            Status = status.Value,
            Outcome = root.Scalar("outcome"),
            File = file,
            Sources = sources,
            Parties = ReadActorList(root, "parties"),
            Guarantors = ReadActorList(root, "guarantors"),
            Beneficiaries = ReadActorList(root, "beneficiaries"),
            Signed = signed,
            InForce = inForce,
            Geometry = root.Strings("geometry"),
            ActorClasses = classes,
            Zones = zones,
            Obligations = obligations,
            SeeAlso = root.Strings("see_also"),
            FieldLines = root.Entries().ToDictionary(e => e.Key, e => e.Value.Line, StringComparer.Ordinal),
        };
    }

    private static AgreementStatus? ReadStatus(YamlCursor root)
    {
        var text = root.Scalar("status", required: true);
        var status = AgreementStatusNames.Parse(text);
        if (text is not null && status is null)
        {
            root.Child("status")!.Error("TR031", $"'{text}' is not a status; use {string.Join(", ", AgreementStatusNames.All)}");
        }

        return status;
    }

    private static List<string> ReadActorList(YamlCursor root, string key) => [.. root.Strings(key)];

    private static List<SourceCitation> ReadSources(YamlCursor root)
    {
        var list = new List<SourceCitation>();
        foreach (var item in root.Sequence("sources"))
        {
            if (!item.ExpectMapping())
            {
                continue;
            }

            item.RejectUnknownKeys("id", "citation", "date", "url");
            var id = item.Scalar("id", required: true);
            var citation = item.Scalar("citation", required: true);
            var date = item.Date("date");
            if (id is null || citation is null)
            {
                continue;
            }

            if (list.Any(s => s.Id == id))
            {
                item.Error("TR032", $"source id '{id}' is defined twice");
                continue;
            }

            list.Add(new SourceCitation(id, citation, date, item.Scalar("url")));
        }

        return list;
    }

    private static List<ActorClassSpec> ReadActorClasses(YamlCursor root)
    {
        var list = new List<ActorClassSpec>();
        foreach (var item in root.Sequence("actor_classes"))
        {
            if (!item.ExpectMapping())
            {
                continue;
            }

            item.RejectUnknownKeys("id", "registry_class", "actors", "includes", "excludes", "description");
            var id = item.Scalar("id", required: true);
            var registryClass = item.Scalar("registry_class");
            var actors = item.Strings("actors");
            if (registryClass is null && actors.Count == 0)
            {
                item.Error("TR033", "an actor class needs a registry_class, a list of actors, or both");
            }

            if (id is null)
            {
                continue;
            }

            if (list.Any(c => c.Id == id))
            {
                item.Error("TR032", $"actor class '{id}' is defined twice");
                continue;
            }

            var includes = item.Strings("includes");
            var excludes = item.Strings("excludes");
            foreach (var both in includes.Intersect(excludes, StringComparer.Ordinal))
            {
                item.Error("TR034", $"'{both}' is both included and excluded");
            }

            list.Add(new ActorClassSpec(id, registryClass, actors, includes, excludes, item.Scalar("description"), item.Line));
        }

        return list;
    }

    private static List<Zone> ReadZones(YamlCursor root, HashSet<string> sourceIds)
    {
        var list = new List<Zone>();
        foreach (var item in root.Sequence("zones"))
        {
            if (!item.ExpectMapping())
            {
                continue;
            }

            item.RejectUnknownKeys("id", "description", "zone", "sources", "assumed", "note", "variants");
            var id = item.Scalar("id", required: true);
            var variants = new List<ZoneVariant>();
            if (item.Has("variants"))
            {
                if (item.Has("zone"))
                {
                    item.Error("TR035", "give either 'zone' (one reading) or 'variants' (several sourced readings), not both");
                }

                foreach (var v in item.Sequence("variants"))
                {
                    if (!v.ExpectMapping())
                    {
                        continue;
                    }

                    v.RejectUnknownKeys("id", "zone", "sources", "assumed", "note");
                    var variantId = v.Scalar("id", required: true);
                    var variant = ReadVariant(v, variantId, sourceIds);
                    if (variant is not null)
                    {
                        if (variants.Any(x => x.Id == variant.Id))
                        {
                            v.Error("TR032", $"variant '{variant.Id}' is defined twice");
                        }

                        variants.Add(variant);
                    }
                }

                if (variants.Count == 0)
                {
                    item.Error("TR036", "'variants' must list at least one reading");
                }
            }
            else if (ReadVariant(item, "stated", sourceIds) is { } single)
            {
                variants.Add(single);
            }

            if (id is null)
            {
                continue;
            }

            if (list.Any(z => z.Id == id))
            {
                item.Error("TR032", $"zone '{id}' is defined twice");
                continue;
            }

            list.Add(new Zone(id, item.Scalar("description"), variants, item.Line));
        }

        return list;
    }

    private static ZoneVariant? ReadVariant(YamlCursor item, string? id, HashSet<string> sourceIds)
    {
        var zoneNode = item.Child("zone", required: true);
        var expr = zoneNode is null ? null : ReadExpr(zoneNode);
        var sources = item.Strings("sources");
        CheckCitations(item, sources, sourceIds);
        var assumedText = item.Scalar("assumed");
        bool assumed = false;
        if (assumedText is not null && !bool.TryParse(assumedText, out assumed))
        {
            item.Child("assumed")!.Error("TR037", $"'{assumedText}' is not true or false");
        }

        return expr is null || id is null ? null : new ZoneVariant(id, expr, sources, assumed, item.Scalar("note"), item.Line);
    }

    private static ZoneExpr? ReadExpr(YamlCursor node)
    {
        if (!node.ExpectMapping())
        {
            return null;
        }

        var ops = Operators.Where(node.Has).ToList();
        if (ops.Count != 1)
        {
            node.Error("TR040", ops.Count == 0
                ? "a zone needs one of: within (+ of), beyond (+ of), area, side (+ of), all, any, difference"
                : $"a zone has exactly one operator; found {string.Join(", ", ops)} (wrap them in 'all' or 'any')");
            return null;
        }

        switch (ops[0])
        {
            case "within" or "beyond":
                {
                    node.RejectUnknownKeys(ops[0], "of");
                    var distanceText = node.Scalar(ops[0], required: true);
                    var of = node.Scalar("of", required: true);
                    var distance = DistanceText.Parse(distanceText, out var error);
                    if (distance is null)
                    {
                        node.Child(ops[0])!.Error("TR041", error!);
                        return null;
                    }

                    if (of is null)
                    {
                        return null;
                    }

                    return ops[0] == "within" ? new WithinExpr(distance.Value, of) : new BeyondExpr(distance.Value, of);
                }

            case "area":
                {
                    node.RejectUnknownKeys("area");
                    var of = node.Scalar("area", required: true);
                    return of is null ? null : new AreaExpr(of);
                }

            case "side":
                {
                    node.RejectUnknownKeys("side", "of");
                    var sideText = node.Scalar("side", required: true);
                    var of = node.Scalar("of", required: true);
                    LineSide? side = sideText switch { "left" => LineSide.Left, "right" => LineSide.Right, _ => null };
                    if (side is null)
                    {
                        node.Child("side")?.Error("TR042", $"'{sideText}' is not a side; use left or right (walking the line from its first vertex)");
                        return null;
                    }

                    return of is null ? null : new SideExpr(of, side.Value);
                }

            case "all" or "any":
                {
                    node.RejectUnknownKeys(ops[0]);
                    var parts = node.Sequence(ops[0]).Select(ReadExpr).ToList();
                    if (parts.Count < 2)
                    {
                        node.Child(ops[0])!.Error("TR043", $"'{ops[0]}' needs at least two zones");
                        return null;
                    }

                    if (parts.Any(p => p is null))
                    {
                        return null;
                    }

                    return ops[0] == "all" ? new AllExpr(parts!) : new AnyExpr(parts!);
                }

            default:
                {
                    node.RejectUnknownKeys("difference");
                    var parts = node.Sequence("difference").Select(ReadExpr).ToList();
                    if (parts.Count != 2)
                    {
                        node.Child("difference")!.Error("TR043", "'difference' needs exactly two zones: [base, minus]");
                        return null;
                    }

                    return parts[0] is null || parts[1] is null ? null : new DifferenceExpr(parts[0]!, parts[1]!);
                }
        }
    }

    private static List<Obligation> ReadObligations(YamlCursor root, HashSet<string> sourceIds, List<ActorClassSpec> classes, List<Zone> zones)
    {
        var list = new List<Obligation>();
        var items = root.Sequence("obligations");
        foreach (var item in items)
        {
            if (!item.ExpectMapping())
            {
                continue;
            }

            item.RejectUnknownKeys("id", "text", "sources", "who", "between", "against", "must", "must_not", "zone", "from", "until", "grace", "note");
            var id = item.Scalar("id", required: true);
            var sources = item.Strings("sources");
            CheckCitations(item, sources, sourceIds);

            string? who = null, against = null;
            bool mutual = item.Has("between");
            if (mutual)
            {
                if (item.Has("who") || item.Has("against"))
                {
                    item.Error("TR050", "use either 'between: [a, b]' (mutual) or 'who' with optional 'against', not both");
                }

                var between = item.Strings("between");
                if (between.Count != 2)
                {
                    item.Child("between")!.Error("TR051", "'between' needs exactly two actor classes");
                }
                else
                {
                    (who, against) = (between[0], between[1]);
                }
            }
            else
            {
                who = item.Scalar("who", required: true);
                against = item.Scalar("against");
            }

            foreach (var (key, cls) in new[] { ("who", who), ("against", against) })
            {
                if (cls is not null && !classes.Any(c => c.Id == cls))
                {
                    (item.Child(key) ?? item.Child("between") ?? item).Error("TR052", $"unknown actor class '{cls}'; define it under actor_classes");
                }
            }

            Modality? modality = null;
            string? activityText = null;
            if (item.Has("must") == item.Has("must_not"))
            {
                item.Error("TR053", "an obligation needs exactly one of 'must' or 'must_not' with an activity");
            }
            else
            {
                modality = item.Has("must") ? Modality.Must : Modality.MustNot;
                activityText = item.Scalar(modality == Modality.Must ? "must" : "must_not", required: true);
            }

            ObligedActivity activity = default;
            if (activityText is not null && !Vocabulary.TryParseObliged(activityText, out activity))
            {
                item.Child(modality == Modality.Must ? "must" : "must_not")!.Error(
                    "TR054", $"'{activityText}' is not an activity; use one of {string.Join(", ", Vocabulary.ObligedNames)}");
                activityText = null;
            }

            if (against is not null && activity is ObligedActivity.Presence or ObligedActivity.Deployment)
            {
                item.Error("TR055", $"'against' applies to hostile activities, not {activityText}");
            }

            var zone = item.Scalar("zone", required: true);
            if (zone is not null && !zones.Any(z => z.Id == zone))
            {
                item.Child("zone")!.Error("TR056", $"unknown zone '{zone}'; define it under zones");
            }

            var from = item.Date("from");
            var until = item.Date("until");
            if (from is { } f && until is { } u && u < f)
            {
                item.Child("until")!.Error("TR057", $"until {u:yyyy-MM-dd} precedes from {f:yyyy-MM-dd}");
            }

            int grace = 0;
            var graceText = item.Scalar("grace");
            if (graceText is not null)
            {
                var parts = graceText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out grace)
                    || parts[1] is not ("day" or "days"))
                {
                    item.Child("grace")!.Error("TR058", $"'{graceText}' is not a grace period; write e.g. \"30 days\"");
                }
                else if (grace > MaxGraceDays)
                {
                    // Beyond this the enforcement date can pass the calendar's end (year 9999) and no agreement means it.
                    item.Child("grace")!.Error("TR058", $"'{graceText}' is longer than a century ({MaxGraceDays:N0} days): no agreement allows that long to withdraw");
                }
            }

            if (id is null || who is null || zone is null || modality is null || activityText is null)
            {
                continue;
            }

            if (list.Any(o => o.Id == id))
            {
                item.Error("TR032", $"obligation '{id}' is defined twice");
                continue;
            }

            list.Add(new Obligation(id, item.Scalar("text"), sources, who, against, mutual, modality.Value, activity, zone, from, until, grace, graceText is not null, item.Line));
        }

        if (items.Count == 0 && root.Has("obligations"))
        {
            root.Child("obligations")!.Warning("TR059", "no obligations: nothing can be verified (fine for talks without terms)");
        }

        return list;
    }

    private static void CheckCitations(YamlCursor item, IReadOnlyList<string> cited, HashSet<string> sourceIds)
    {
        foreach (var s in cited.Where(s => !sourceIds.Contains(s)))
        {
            item.Child("sources")!.Error("TR060", $"unknown source '{s}'; cite an id from the agreement's sources");
        }
    }
}
