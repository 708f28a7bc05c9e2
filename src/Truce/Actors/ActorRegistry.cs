using System.Text;

namespace Truce.Actors;

/// <summary>Canonical actors, their aliases and class memberships: turns reported names into actors without guessing.</summary>
public sealed class ActorRegistry
{
    private readonly Dictionary<string, Actor> actorsById;
    private readonly Dictionary<string, (Actor Actor, string? Category)> byName;
    private readonly Dictionary<string, ActorClass> classesById;

    /// <summary>Builds the registry; throws when ids repeat, an alias names two actors, or a class names an unknown actor.</summary>
    public ActorRegistry(IEnumerable<Actor> actors, IEnumerable<ActorClass> classes)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(classes);
        actorsById = new Dictionary<string, Actor>(StringComparer.Ordinal);
        byName = new Dictionary<string, (Actor, string?)>(StringComparer.Ordinal);
        foreach (var actor in actors)
        {
            if (!actorsById.TryAdd(actor.Id, actor))
            {
                throw new ArgumentException($"actor id '{actor.Id}' is defined twice", nameof(actors));
            }

            AddName(actor.Id, actor, null);
            AddName(actor.Name, actor, null);
            foreach (var alias in actor.Aliases)
            {
                AddName(alias.Name, actor, alias.Category);
            }
        }

        classesById = new Dictionary<string, ActorClass>(StringComparer.Ordinal);
        foreach (var actorClass in classes)
        {
            if (!classesById.TryAdd(actorClass.Id, actorClass))
            {
                throw new ArgumentException($"class id '{actorClass.Id}' is defined twice", nameof(classes));
            }

            foreach (var m in actorClass.Members.Where(m => !actorsById.ContainsKey(m.ActorId)))
            {
                throw new ArgumentException($"class '{actorClass.Id}' names unknown actor '{m.ActorId}'", nameof(classes));
            }
        }
    }

    /// <summary>All actors, by id.</summary>
    public IReadOnlyDictionary<string, Actor> Actors => actorsById;

    /// <summary>All classes, by id.</summary>
    public IReadOnlyDictionary<string, ActorClass> Classes => classesById;

    /// <summary>Normalises a reported name for lookup: case, spacing, quotes and dashes do not distinguish actors.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        bool space = false;
        foreach (var ch in name.Trim())
        {
            char c = ch switch
            {
                '\u2019' or '\u2018' or '`' => '\'',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' => '-',
                _ => char.ToLowerInvariant(ch),
            };
            if (char.IsWhiteSpace(c) || c == '_')
            {
                space = sb.Length > 0;
                continue;
            }

            if (c is '"' or '.')
            {
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The actor a reported name denotes and any category the name implies; null when the name is unknown.</summary>
    public (Actor Actor, string? Category)? Resolve(string reportedName)
    {
        ArgumentNullException.ThrowIfNull(reportedName);
        return byName.TryGetValue(Normalize(reportedName), out var hit) ? hit : null;
    }

    /// <summary>Whether the actor belonged to the class over the whole range, part of it, or not at all.</summary>
    public MembershipAnswer Membership(string classId, string actorId, DateRange when)
    {
        if (!classesById.TryGetValue(classId, out var actorClass))
        {
            throw new ArgumentException($"unknown class '{classId}'", nameof(classId));
        }

        var periods = actorClass.Members.Where(m => m.ActorId == actorId).Select(m => m.Period).ToList();
        if (periods.Any(p => p.Covers(when)))
        {
            return MembershipAnswer.Member;
        }

        return periods.Any(p => p.Overlaps(when)) ? MembershipAnswer.Partly : MembershipAnswer.NotMember;
    }

    private void AddName(string name, Actor actor, string? category)
    {
        var key = Normalize(name);
        if (key.Length == 0)
        {
            throw new ArgumentException($"actor '{actor.Id}' has an empty alias", nameof(name));
        }

        if (byName.TryGetValue(key, out var existing) && existing.Actor.Id != actor.Id)
        {
            throw new ArgumentException($"the name '{name}' is claimed by both '{existing.Actor.Id}' and '{actor.Id}'", nameof(name));
        }

        byName[key] = (actor, category);
    }
}
