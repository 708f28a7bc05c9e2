using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Truce.Actors;

/// <summary>Canonical actors, their aliases and class memberships: turns reported names into actors without guessing.</summary>
public sealed partial class ActorRegistry
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

    /// <summary>Normalises a reported name for lookup: case, diacritics, spacing, quotes, apostrophes, periods and dashes do not distinguish actors.</summary>
    /// <remarks>
    /// Hyphen-joined Arabic article forms (al-, el-, ash-, as-, ad-, at-, az-, an-, ar-, ath-, adh-, ul-) read as "al", so
    /// "Ahrar ash-Sham" meets "Ahrar al-Sham". Nothing else is folded: transliteration variants such as Jaysh / Jaish are
    /// listed as aliases, because a rule general enough to merge them could merge two different groups.
    /// </remarks>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            char c = ch switch
            {
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
                _ => char.ToLowerInvariant(ch),
            };
            if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u02BF' or '\u02BE' or '\u02BC' or '"' or '\u201C' or '\u201D' or '.')
            {
                continue;
            }

            sb.Append(c);
        }

        var text = ArticleForm().Replace(sb.ToString(), "al ");
        var result = new StringBuilder(text.Length);
        bool space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '_' or '-')
            {
                space = result.Length > 0;
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>What a reported side denotes: one actor, or the members of a coalition written as a comma-separated list.</summary>
    /// <remarks>
    /// The whole name is tried first, so an actor whose name contains a comma resolves as itself. Otherwise the name
    /// is split at commas and each part resolved on its own; a part that is not in the registry comes back with no actor.
    /// </remarks>
    public IReadOnlyList<SideMember> ResolveSide(string reportedName)
    {
        ArgumentNullException.ThrowIfNull(reportedName);
        if (Resolve(reportedName) is { } whole)
        {
            return [new SideMember(reportedName, whole.Actor, whole.Category)];
        }

        if (!reportedName.Contains(','))
        {
            return [new SideMember(reportedName, null, null)];
        }

        return [.. reportedName.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => Resolve(part) is { } hit ? new SideMember(part, hit.Actor, hit.Category) : new SideMember(part, null, null))];
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

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(al|el|ash|as|ad|at|az|an|ar|ath|adh|ul)-", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleForm();
}

/// <summary>One member of a reported side: the name as written and the registry actor it denotes (null when not in the registry).</summary>
/// <param name="Name">The member's name as reported.</param>
/// <param name="Actor">The actor, or null when the name is not in the registry.</param>
/// <param name="Category">A category the alias implies, if any.</param>
public sealed record SideMember(string Name, Actor? Actor, string? Category);
