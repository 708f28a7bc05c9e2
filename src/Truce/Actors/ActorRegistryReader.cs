using Truce.Text;

namespace Truce.Actors;

/// <summary>Reads the actor registry YAML (examples/actors.yaml) into an <see cref="ActorRegistry"/>, reporting every problem with its line.</summary>
public static class ActorRegistryReader
{
    /// <summary>Parses registry text; returns null when there are errors (all of them in <paramref name="diagnostics"/>).</summary>
    public static ActorRegistry? Read(string yaml, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var root = YamlCursor.Parse(yaml, file, diagnostics);
        if (root is null || !root.ExpectMapping())
        {
            return null;
        }

        root.RejectUnknownKeys("actors", "classes");
        int errorsBefore = diagnostics.Items.Count(d => d.Severity == Severity.Error);
        var actors = new List<Actor>();
        var seenNames = new Dictionary<string, (string ActorId, int Line)>(StringComparer.Ordinal);
        foreach (var item in root.Sequence("actors", required: true))
        {
            if (!item.ExpectMapping())
            {
                continue;
            }

            item.RejectUnknownKeys("id", "name", "kind", "category", "aliases", "note");
            var id = item.Scalar("id", required: true);
            var name = item.Scalar("name", required: true);
            var kind = item.Scalar("kind") ?? "unspecified";
            var category = item.Scalar("category") ?? kind;
            var aliases = new List<ActorAlias>();
            foreach (var alias in item.Sequence("aliases"))
            {
                if (alias.Node is YamlDotNet.RepresentationModel.YamlMappingNode)
                {
                    alias.RejectUnknownKeys("name", "category");
                    var aliasName = alias.Scalar("name", required: true);
                    if (aliasName is not null)
                    {
                        aliases.Add(new ActorAlias(aliasName, alias.Scalar("category")));
                    }
                }
                else if (alias.AsScalar() is { Length: > 0 } plain)
                {
                    aliases.Add(new ActorAlias(plain, null));
                }
            }

            if (id is null || name is null)
            {
                continue;
            }

            if (!Slug.IsValid(id))
            {
                item.Child("id")!.Error("TR010", $"'{id}' is not a valid id; use lowercase letters, digits and hyphens");
            }

            foreach (var n in aliases.Select(a => a.Name).Append(name).Append(id))
            {
                var key = ActorRegistry.Normalize(n);
                if (key.Length == 0)
                {
                    // Reported names are matched without case, spacing and punctuation; a name of punctuation alone would
                    // match nothing, and the registry refuses it with an exception, not a message.
                    item.Error("TR015", $"the name '{n}' has no letters or digits once case, spacing and punctuation are set aside: it cannot identify an actor");
                }
                else if (seenNames.TryGetValue(key, out var other) && other.ActorId != id)
                {
                    item.Error("TR011", $"the name '{n}' is already an alias of '{other.ActorId}' (line {other.Line}); a name must denote one actor");
                }
                else
                {
                    seenNames[key] = (id, item.Line);
                }
            }

            if (actors.Any(a => a.Id == id))
            {
                item.Error("TR012", $"actor id '{id}' is defined twice");
                continue;
            }

            actors.Add(new Actor(id, name, kind, category, aliases));
        }

        var classes = new List<ActorClass>();
        foreach (var item in root.Sequence("classes"))
        {
            if (!item.ExpectMapping())
            {
                continue;
            }

            item.RejectUnknownKeys("id", "name", "members", "disputed_categories", "note");
            var id = item.Scalar("id", required: true);
            var name = item.Scalar("name") ?? id;
            var members = new List<ClassMembership>();
            foreach (var m in item.Sequence("members", required: true))
            {
                string? actorId;
                DateOnly? from = null, until = null;
                string? source = null;
                if (m.Node is YamlDotNet.RepresentationModel.YamlMappingNode)
                {
                    m.RejectUnknownKeys("actor", "from", "until", "source");
                    actorId = m.Scalar("actor", required: true);
                    from = m.Date("from");
                    until = m.Date("until");
                    source = m.Scalar("source");
                }
                else
                {
                    actorId = m.AsScalar();
                }

                if (actorId is null)
                {
                    continue;
                }

                if (!actors.Any(a => a.Id == actorId))
                {
                    m.Error("TR013", $"unknown actor '{actorId}'; define it under 'actors' first");
                    continue;
                }

                if (from is { } f && until is { } u && u < f)
                {
                    m.Error("TR014", $"'until' {u:yyyy-MM-dd} precedes 'from' {f:yyyy-MM-dd}");
                    continue;
                }

                members.Add(new ClassMembership(actorId, new ValidityPeriod(from, until), source));
            }

            if (id is null || name is null)
            {
                continue;
            }

            if (classes.Any(c => c.Id == id))
            {
                item.Error("TR012", $"class id '{id}' is defined twice");
                continue;
            }

            classes.Add(new ActorClass(id, name, members, item.Strings("disputed_categories")));
        }

        if (diagnostics.Items.Count(d => d.Severity == Severity.Error) > errorsBefore)
        {
            return null;
        }

        return new ActorRegistry(actors, classes);
    }
}
