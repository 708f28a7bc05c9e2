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
    private readonly Dictionary<(string Class, string Actor), ValidityPeriod[]> periods = [];

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

            foreach (var g in actorClass.Members.GroupBy(m => m.ActorId))
            {
                periods[(actorClass.Id, g.Key)] = [.. g.Select(m => m.Period)];
            }
        }

        MembershipChanges = [.. periods.Values.SelectMany(spans => spans)
            .SelectMany(p => new[] { p.From?.DayNumber, p.Until is { } u && u < DateOnly.MaxValue ? u.DayNumber + 1 : null })
            .OfType<int>().Distinct().Order()];
    }

    /// <summary>The days (day numbers, ascending) on which some actor joins or leaves some class: between two of them every membership is the same.</summary>
    /// <remarks>A range of days with none of these after its first day meets every membership span wholly or not at all, so no membership is partial over it.</remarks>
    internal int[] MembershipChanges { get; }

    /// <summary>Which of the spans between <see cref="MembershipChanges"/> holds a day: ranges in the same span have the same memberships.</summary>
    internal int MembershipEpoch(DateOnly day)
    {
        int i = Array.BinarySearch(MembershipChanges, day.DayNumber);
        return i >= 0 ? i + 1 : ~i;
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
        var sb = new StringBuilder(name.Length);
        foreach (var original in name.Trim())
        {
            // Combining marks go; precomposed Latin letters with diacritics (ḥ, ā, ş) fold to their base letter. The
            // table is explicit because Unicode normalisation is not available under invariant globalisation.
            if (CharUnicodeInfo.GetUnicodeCategory(original) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            int folded = DiacriticSource.IndexOf(original, StringComparison.Ordinal);
            char ch = folded >= 0 ? DiacriticBase[folded] : original;
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

        var spans = periods.GetValueOrDefault((actorClass.Id, actorId)) ?? [];
        if (Array.Exists(spans, p => p.Covers(when)))
        {
            return MembershipAnswer.Member;
        }

        return spans.Any(p => p.Overlaps(when)) ? MembershipAnswer.Partly : MembershipAnswer.NotMember;
    }

    /// <summary>The share of the days in <paramref name="when"/> on which the actor belonged to the class (1 for a member throughout, 0 for none).</summary>
    public double MembershipShare(string classId, string actorId, DateRange when)
    {
        if (!classesById.TryGetValue(classId, out var actorClass))
        {
            throw new ArgumentException($"unknown class '{classId}'", nameof(classId));
        }

        // Counted as the union of the spans clipped to the range, not day by day: evidence may span a century
        // (1900..today is a plausible range), and walking its 46,000 days for every actor made verifying a file of
        // such rows a hundred times slower.
        var spans = periods.GetValueOrDefault((actorClass.Id, actorId)) ?? [];
        var clipped = spans
            .Where(p => p.Overlaps(when))
            .Select(p => (Start: Math.Max(p.From?.DayNumber ?? int.MinValue, when.Start.DayNumber), End: Math.Min(p.Until?.DayNumber ?? int.MaxValue, when.End.DayNumber)))
            .OrderBy(p => p.Start);
        long member = 0;
        int coveredTo = when.Start.DayNumber - 1;
        foreach (var (start, end) in clipped)
        {
            int from = Math.Max(start, coveredTo + 1);
            if (end >= from)
            {
                member += end - from + 1;
                coveredTo = end;
            }
        }

        return (double)member / when.Days;
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

    private const string DiacriticSource = "\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf\u00d1\u00d2\u00d3\u00d4\u00d5\u00d6\u00d9\u00da\u00db\u00dc\u00dd\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u00e7\u00e8\u00e9\u00ea\u00eb\u00ec\u00ed\u00ee\u00ef\u00f1\u00f2\u00f3\u00f4\u00f5\u00f6\u00f9\u00fa\u00fb\u00fc\u00fd\u00ff\u0100\u0101\u0102\u0103\u0104\u0105\u0106\u0107\u0108\u0109\u010a\u010b\u010c\u010d\u010e\u010f\u0112\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\u011b\u011c\u011d\u011e\u011f\u0120\u0121\u0122\u0123\u0124\u0125\u0128\u0129\u012a\u012b\u012c\u012d\u012e\u012f\u0130\u0134\u0135\u0136\u0137\u0139\u013a\u013b\u013c\u013d\u013e\u0143\u0144\u0145\u0146\u0147\u0148\u014c\u014d\u014e\u014f\u0150\u0151\u0154\u0155\u0156\u0157\u0158\u0159\u015a\u015b\u015c\u015d\u015e\u015f\u0160\u0161\u0162\u0163\u0164\u0165\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u0170\u0171\u0172\u0173\u0174\u0175\u0176\u0177\u0178\u0179\u017a\u017b\u017c\u017d\u017e\u01a0\u01a1\u01af\u01b0\u01cd\u01ce\u01cf\u01d0\u01d1\u01d2\u01d3\u01d4\u01d5\u01d6\u01d7\u01d8\u01d9\u01da\u01db\u01dc\u01de\u01df\u01e0\u01e1\u01e6\u01e7\u01e8\u01e9\u01ea\u01eb\u01ec\u01ed\u01f0\u01f4\u01f5\u01f8\u01f9\u01fa\u01fb\u0200\u0201\u0202\u0203\u0204\u0205\u0206\u0207\u0208\u0209\u020a\u020b\u020c\u020d\u020e\u020f\u0210\u0211\u0212\u0213\u0214\u0215\u0216\u0217\u0218\u0219\u021a\u021b\u021e\u021f\u0226\u0227\u0228\u0229\u022a\u022b\u022c\u022d\u022e\u022f\u0230\u0231\u0232\u0233\u1e00\u1e01\u1e02\u1e03\u1e04\u1e05\u1e06\u1e07\u1e08\u1e09\u1e0a\u1e0b\u1e0c\u1e0d\u1e0e\u1e0f\u1e10\u1e11\u1e12\u1e13\u1e14\u1e15\u1e16\u1e17\u1e18\u1e19\u1e1a\u1e1b\u1e1c\u1e1d\u1e1e\u1e1f\u1e20\u1e21\u1e22\u1e23\u1e24\u1e25\u1e26\u1e27\u1e28\u1e29\u1e2a\u1e2b\u1e2c\u1e2d\u1e2e\u1e2f\u1e30\u1e31\u1e32\u1e33\u1e34\u1e35\u1e36\u1e37\u1e38\u1e39\u1e3a\u1e3b\u1e3c\u1e3d\u1e3e\u1e3f\u1e40\u1e41\u1e42\u1e43\u1e44\u1e45\u1e46\u1e47\u1e48\u1e49\u1e4a\u1e4b\u1e4c\u1e4d\u1e4e\u1e4f\u1e50\u1e51\u1e52\u1e53\u1e54\u1e55\u1e56\u1e57\u1e58\u1e59\u1e5a\u1e5b\u1e5c\u1e5d\u1e5e\u1e5f\u1e60\u1e61\u1e62\u1e63\u1e64\u1e65\u1e66\u1e67\u1e68\u1e69\u1e6a\u1e6b\u1e6c\u1e6d\u1e6e\u1e6f\u1e70\u1e71\u1e72\u1e73\u1e74\u1e75\u1e76\u1e77\u1e78\u1e79\u1e7a\u1e7b\u1e7c\u1e7d\u1e7e\u1e7f\u1e80\u1e81\u1e82\u1e83\u1e84\u1e85\u1e86\u1e87\u1e88\u1e89\u1e8a\u1e8b\u1e8c\u1e8d\u1e8e\u1e8f\u1e90\u1e91\u1e92\u1e93\u1e94\u1e95\u1e96\u1e97\u1e98\u1e99\u1ea0\u1ea1\u1ea2\u1ea3\u1ea4\u1ea5\u1ea6\u1ea7\u1ea8\u1ea9\u1eaa\u1eab\u1eac\u1ead\u1eae\u1eaf\u1eb0\u1eb1\u1eb2\u1eb3\u1eb4\u1eb5\u1eb6\u1eb7\u1eb8\u1eb9\u1eba\u1ebb\u1ebc\u1ebd\u1ebe\u1ebf\u1ec0\u1ec1\u1ec2\u1ec3\u1ec4\u1ec5\u1ec6\u1ec7\u1ec8\u1ec9\u1eca\u1ecb\u1ecc\u1ecd\u1ece\u1ecf\u1ed0\u1ed1\u1ed2\u1ed3\u1ed4\u1ed5\u1ed6\u1ed7\u1ed8\u1ed9\u1eda\u1edb\u1edc\u1edd\u1ede\u1edf\u1ee0\u1ee1\u1ee2\u1ee3\u1ee4\u1ee5\u1ee6\u1ee7\u1ee8\u1ee9\u1eea\u1eeb\u1eec\u1eed\u1eee\u1eef\u1ef0\u1ef1\u1ef2\u1ef3\u1ef4\u1ef5\u1ef6\u1ef7\u1ef8\u1ef9\u0131\u0142\u0141\u00f8\u00d8\u0111\u0110";
    private const string DiacriticBase = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYyilLoOdD";

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(al|el|ash|as|ad|at|az|an|ar|ath|adh|ul)-", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleForm();
}

/// <summary>One member of a reported side: the name as written and the registry actor it denotes (null when not in the registry).</summary>
/// <param name="Name">The member's name as reported.</param>
/// <param name="Actor">The actor, or null when the name is not in the registry.</param>
/// <param name="Category">A category the alias implies, if any.</param>
public sealed record SideMember(string Name, Actor? Actor, string? Category);
