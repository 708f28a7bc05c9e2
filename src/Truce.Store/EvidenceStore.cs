using System.Text.Json;
using Truce.Evidence;
using Truce.Geodesy;

namespace Truce.Store;

/// <summary>Where evidence is kept between runs: every ingested file, every revision of every event, and every rejected row with its reason.</summary>
/// <remarks>
/// Each file goes in through one <see cref="IIngestSession"/>, one transaction: until it is committed the store is as it
/// was, whatever happens to the process. Events are keyed by their dataset-qualified id: the same report again adds
/// nothing, a changed one becomes the event's next revision (the earlier one is kept), and verification reads only
/// the current revision of each event.
/// </remarks>
public interface IEvidenceStore : IDisposable
{
    /// <summary>What the store holds, for reports and messages.</summary>
    StoreInfo Info { get; }

    /// <summary>The ingest that took these exact bytes (by SHA-256), if any.</summary>
    StoredIngest? FindIngest(string sha256);

    /// <summary>Starts ingesting one file; nothing is visible to readers until <see cref="IIngestSession.Commit"/>.</summary>
    IIngestSession BeginIngest(string file, string format);

    /// <summary>The current revision of every event, read back as evidence rated by <paramref name="sources"/>.</summary>
    IEnumerable<Evidence.Evidence> CurrentEvidence(SourceRegistry sources);

    /// <summary>What the sources of the ingested files watched (declared, or derived from a dataset's extent).</summary>
    IReadOnlyList<Coverage> Coverages();

    /// <summary>The rejected rows, in ingest order, with the file and line each came from.</summary>
    IEnumerable<Rejection> Rejections();

    /// <summary>Every ingest so far, oldest first.</summary>
    IReadOnlyList<StoredIngest> Ingests();
}

/// <summary>One file going into the store, as one transaction: disposed without <see cref="Commit"/>, it leaves no trace.</summary>
public interface IIngestSession : IDisposable
{
    /// <summary>Adds an item: new, unchanged or a revision of an event already stored (see <see cref="IngestCounts"/>).</summary>
    void Add(Evidence.Evidence item);

    /// <summary>Keeps a rejected row with its reason.</summary>
    void Reject(Rejection rejection);

    /// <summary>Keeps what the file's source watched.</summary>
    void Cover(Coverage coverage);

    /// <summary>What the items added so far did to the store.</summary>
    IngestCounts Counts { get; }

    /// <summary>Makes the file's rows part of the store, as a new store revision.</summary>
    StoredIngest Commit(string sha256, long accepted, long rejected, string? refusal);
}

/// <summary>What ingesting one file did: events new to the store, new revisions of stored events, reports already stored, and repeats within the file.</summary>
public sealed record IngestCounts(long Added, long Revised, long Unchanged, long RepeatedInFile);

/// <summary>One committed ingest: the store revision it made, the file and its hash, and what its rows did.</summary>
public sealed record StoredIngest(long Revision, string File, string Sha256, string Format, string IngestedAt, long Accepted, long Rejected, IngestCounts Counts, string? Error);

/// <summary>A store's identity: where it is, its schema version, its latest revision and how many events it holds.</summary>
public sealed record StoreInfo(string Location, int SchemaVersion, long Revision, long CurrentEvents);

/// <summary>Coverage records as the store keeps them (JSON).</summary>
internal static partial class CoverageCodec
{
    internal sealed record Stored(string Source, string File, double S, double W, double N, double E, int From, int To, string[] Observes, bool Declared, string? Note);

    public static string Encode(Coverage c) => JsonSerializer.Serialize(new Stored(
        c.SourceId, c.File, c.Area.South, c.Area.West, c.Area.North, c.Area.East, c.Period.Start.DayNumber, c.Period.End.DayNumber,
        [.. c.Observes.Select(Vocabulary.Name)], c.Declared, c.Note), StoreJson.Default.Stored);

    public static Coverage Decode(string json)
    {
        var s = JsonSerializer.Deserialize(json, StoreJson.Default.Stored) ?? throw new StoreException("a stored coverage record is empty: the store is damaged");
        var observes = s.Observes.Select(o => Vocabulary.TryParseObliged(o, out var a) ? a : throw new StoreException($"unknown activity '{o}' in a stored coverage record")).ToList();
        return new Coverage(s.Source, s.File, new BoundingBox(s.S, s.W, s.N, s.E), new DateRange(DateOnly.FromDayNumber(s.From), DateOnly.FromDayNumber(s.To)), observes, s.Declared, s.Note);
    }

    [System.Text.Json.Serialization.JsonSerializable(typeof(Stored))]
    private sealed partial class StoreJson : System.Text.Json.Serialization.JsonSerializerContext
    {
    }
}
