namespace Truce.Evidence;

/// <summary>Makes each event count once: the first report of a source's event id is admitted, every later one is set aside and reported.</summary>
/// <remarks>
/// Callers feed the newest revision first (the CLI reads files in reverse order of the command line, so a later
/// export wins). Memory is a small entry per distinct event id (a 64-bit hash of the id, a fingerprint of the
/// content and where it came from), not the events themselves. Two different ids sharing a 64-bit hash is the only
/// way this can wrongly merge events; for a billion events the chance is about 3 in 100,000.
/// </remarks>
public sealed class EventLedger
{
    private readonly Dictionary<ulong, Entry> seen = [];
    private readonly List<EventClash> clashes = [];

    /// <summary>Events set aside because an admitted report had the same id.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Of those, how many differed in content from the admitted report (a revision, not a copy).</summary>
    public long Revised { get; private set; }

    /// <summary>The first clashes, for the report.</summary>
    public IReadOnlyList<EventClash> Clashes => clashes;

    /// <summary>Admits the item unless its id was admitted before; a refused item becomes a recorded clash.</summary>
    /// <param name="item">The item.</param>
    /// <param name="fileOrder">Position of its file in the user's order; a clash names the admitted file as the later one.</param>
    /// <returns>True when the item is new and must be verified.</returns>
    public bool Admit(Evidence item, int fileOrder)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = Hash64(item.Id);
        int fingerprint = Fingerprint(item);
        if (!seen.TryGetValue(key, out var kept))
        {
            seen[key] = new Entry(fingerprint, fileOrder, item.Origin.File, item.Origin.Line);
            return true;
        }

        Duplicates++;
        bool differs = kept.Fingerprint != fingerprint;
        if (differs)
        {
            Revised++;
        }

        if (clashes.Count < 20)
        {
            clashes.Add(new EventClash(item.Id, kept.File, kept.Line, item.Origin.File, item.Origin.Line, differs));
        }

        return false;
    }

    /// <summary>What the content of a report says, reduced to a number: equal for exact copies, different (almost surely) for revisions.</summary>
    private static int Fingerprint(Evidence e)
    {
        var h = new HashCode();
        h.Add(e.Location);
        h.Add(e.LocationPrecision.Radius);
        h.Add(e.Time.Days);
        h.Add(e.Activity);
        h.Add(e.Source.SourceId);
        h.Add(e.Source.Credibility);
        h.Add(e.Fatalities);
        foreach (var a in e.Actors)
        {
            h.Add(a.Name, StringComparer.Ordinal);
            h.Add(a.Role);
            h.Add(a.Basis);
            h.Add(a.Deaths);
        }

        return h.ToHashCode();
    }

    /// <summary>FNV-1a over UTF-16 code units, then a 64-bit finaliser: stable across runs, unlike string.GetHashCode.</summary>
    private static ulong Hash64(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }

    private readonly record struct Entry(int Fingerprint, int FileOrder, string File, long Line);
}

/// <summary>One event reported twice: the admitted report (from the later file) and the one set aside.</summary>
/// <param name="Id">The event id.</param>
/// <param name="KeptFile">File of the admitted report.</param>
/// <param name="KeptLine">Its line.</param>
/// <param name="DroppedFile">File of the report set aside.</param>
/// <param name="DroppedLine">Its line.</param>
/// <param name="Differs">True when the content differs (a revision); false for an exact copy.</param>
public sealed record EventClash(string Id, string KeptFile, long KeptLine, string DroppedFile, long DroppedLine, bool Differs)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Id}: {DroppedFile}:{DroppedLine} set aside for {KeptFile}:{KeptLine} ({(Differs ? "content differs: the later file's revision is used" : "identical")})";
}
