namespace Truce.Text;

/// <summary>Suggestions for misspelt names (unknown keys, commands): the closest candidate by edit distance, or none.</summary>
public static class Spelling
{
    /// <summary>The candidate closest to <paramref name="word"/>, if it is within <paramref name="maxEdits"/> edits.</summary>
    public static string? Nearest(IEnumerable<string> candidates, string word, int maxEdits)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(word);
        var best = candidates.Select(c => (Candidate: c, Edits: Distance(c, word))).OrderBy(c => c.Edits).ThenBy(c => c.Candidate, StringComparer.Ordinal).FirstOrDefault();
        return best.Candidate is not null && best.Edits <= maxEdits ? best.Candidate : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions of single characters.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
