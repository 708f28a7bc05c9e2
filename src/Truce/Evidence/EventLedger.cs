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
    // An open-addressing table in parallel arrays, 18 bytes a slot and at most 80% full: no object per id, and memory
    // grows by about 23 bytes an event (3 million events: 72 MB; a dictionary would take three times that).
    private ulong[] keys = new ulong[1 << 12]; // 0 marks an empty slot (a hash of 0 is stored as 1)
    private int[] fingerprints = new int[1 << 12];
    private ushort[] files = new ushort[1 << 12];
    private int[] lines = new int[1 << 12]; // lines past int.MaxValue are kept as int.MaxValue (only clash reports show them)
    private int count;
    private readonly List<string> fileNames = [];
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
        key = key == 0 ? 1 : key;
        int fingerprint = Fingerprint(item);
        int mask = keys.Length - 1;
        int slot = (int)key & mask;
        while (keys[slot] != 0 && keys[slot] != key)
        {
            slot = (slot + 1) & mask;
        }

        if (keys[slot] == 0)
        {
            keys[slot] = key;
            fingerprints[slot] = fingerprint;
            files[slot] = FileIndex(item.Origin.File);
            lines[slot] = (int)Math.Min(item.Origin.Line, int.MaxValue);
            if (++count * 5 > keys.Length * 4)
            {
                Grow();
            }

            return true;
        }

        Duplicates++;
        bool differs = fingerprints[slot] != fingerprint;
        if (differs)
        {
            Revised++;
        }

        if (clashes.Count < 20)
        {
            clashes.Add(new EventClash(item.Id, files[slot] < fileNames.Count ? fileNames[files[slot]] : "(a file after the 65,535th)", lines[slot], item.Origin.File, item.Origin.Line, differs));
        }

        return false;
    }

    private ushort FileIndex(string file)
    {
        // Items arrive file by file: the last file is nearly always the one asked for.
        if (fileNames.Count > 0 && ReferenceEquals(fileNames[^1], file))
        {
            return (ushort)(fileNames.Count - 1);
        }

        int i = fileNames.IndexOf(file);
        if (i < 0)
        {
            if (fileNames.Count == ushort.MaxValue)
            {
                // Past 65,535 files a clash still counts, but names the file only as one of the later ones.
                return ushort.MaxValue;
            }

            fileNames.Add(file);
            i = fileNames.Count - 1;
        }

        return (ushort)i;
    }

    private void Grow()
    {
        var (oldKeys, oldPrints, oldFiles, oldLines) = (keys, fingerprints, files, lines);
        int size = oldKeys.Length * 2, mask = size - 1;
        (keys, fingerprints, files, lines) = (new ulong[size], new int[size], new ushort[size], new int[size]);
        for (int i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] == 0)
            {
                continue;
            }

            int slot = (int)oldKeys[i] & mask;
            while (keys[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            (keys[slot], fingerprints[slot], files[slot], lines[slot]) = (oldKeys[i], oldPrints[i], oldFiles[i], oldLines[i]);
        }
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
