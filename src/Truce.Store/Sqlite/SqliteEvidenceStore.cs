using System.Globalization;
using Microsoft.Data.Sqlite;
using Truce.Evidence;

namespace Truce.Store.Sqlite;

/// <summary>The default store: one SQLite file (WAL mode, no server), created on first use.</summary>
/// <remarks>
/// The schema carries its version in <c>truce_meta</c>; migrations run in order, each in its own transaction. A file
/// that is not SQLite, a SQLite database that is not a Truce store, and a store written by a newer Truce are refused
/// before anything in them is changed.
/// </remarks>
public sealed class SqliteEvidenceStore : IEvidenceStore
{
    /// <summary>The schema version this program writes and reads.</summary>
    public const int SchemaVersion = 1;

    private const string StoreMarker = "truce-evidence-store";

    /// <summary>Ordered migrations: the statements that take a store from version i to i + 1.</summary>
    private static readonly string[][] Migrations =
    [
        [
            "CREATE TABLE truce_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE ingests(revision INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL, ingested_at TEXT NOT NULL, accepted INTEGER NOT NULL, rejected INTEGER NOT NULL, added INTEGER NOT NULL, revised INTEGER NOT NULL, unchanged INTEGER NOT NULL, repeated INTEGER NOT NULL, error TEXT)",
            "CREATE INDEX ingests_by_sha256 ON ingests(sha256)",
            "CREATE TABLE events(event_id TEXT NOT NULL, revision INTEGER NOT NULL, content BLOB NOT NULL, ingest INTEGER NOT NULL REFERENCES ingests(revision), line INTEGER NOT NULL, is_current INTEGER NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY(event_id, revision))",
            "CREATE INDEX events_current ON events(event_id) WHERE is_current = 1",
            "CREATE TABLE rejections(ingest INTEGER NOT NULL REFERENCES ingests(revision), line INTEGER NOT NULL, field TEXT NOT NULL, reason TEXT NOT NULL, raw TEXT NOT NULL)",
            "CREATE TABLE coverages(ingest INTEGER NOT NULL REFERENCES ingests(revision), body TEXT NOT NULL)",
        ],
    ];

    private readonly SqliteConnection connection;
    private readonly string location;

    private SqliteEvidenceStore(SqliteConnection connection, string location)
    {
        this.connection = connection;
        this.location = location;
    }

    /// <summary>Opens the store at <paramref name="path"/>, creating it (and running every migration) when the file does not exist.</summary>
    /// <exception cref="StoreException">The file is not a Truce store, is newer than this program, or cannot be opened.</exception>
    public static SqliteEvidenceStore Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool exists = File.Exists(path);
        if (exists)
        {
            RefuseNonSqlite(path);
        }
        else if (Directory.Exists(path))
        {
            throw new StoreException($"{path} is a folder, not a store file");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 5 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var store = new SqliteEvidenceStore(connection, path);
            store.Prepare(exists);
            return store;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Explain(ex, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public StoreInfo Info => new(location, SchemaVersion, Scalar("SELECT COALESCE(MAX(revision), 0) FROM ingests"), Scalar("SELECT COUNT(*) FROM events WHERE is_current = 1"));

    /// <inheritdoc/>
    public StoredIngest? FindIngest(string sha256)
    {
        using var cmd = Command("SELECT revision, file, sha256, format, ingested_at, accepted, rejected, added, revised, unchanged, repeated, error FROM ingests WHERE sha256 = $sha ORDER BY revision LIMIT 1");
        cmd.Parameters.AddWithValue("$sha", sha256);
        using var r = Run(cmd.ExecuteReader);
        return r.Read() ? ReadIngest(r) : null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredIngest> Ingests()
    {
        using var cmd = Command("SELECT revision, file, sha256, format, ingested_at, accepted, rejected, added, revised, unchanged, repeated, error FROM ingests ORDER BY revision");
        using var r = Run(cmd.ExecuteReader);
        var list = new List<StoredIngest>();
        while (r.Read())
        {
            list.Add(ReadIngest(r));
        }

        return list;
    }

    /// <inheritdoc/>
    public IIngestSession BeginIngest(string file, string format) => new Session(this, file, format);

    /// <inheritdoc/>
    public IEnumerable<Evidence.Evidence> CurrentEvidence(SourceRegistry sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        using var cmd = Command("SELECT e.line, e.body, i.file, i.format FROM events e JOIN ingests i ON i.revision = e.ingest WHERE e.is_current = 1 ORDER BY e.ingest, e.rowid");
        using var r = Run(cmd.ExecuteReader);
        var origins = new Dictionary<(string, string), (string File, string Format)>();
        while (Run(r.Read))
        {
            var (file, format) = (r.GetString(2), r.GetString(3));
            if (!origins.TryGetValue((file, format), out var shared))
            {
                shared = (file, format);
                origins[(file, format)] = shared; // one string per file, not per row
            }

            yield return EvidenceCodec.Decode((byte[])r.GetValue(1), new EvidenceOrigin(shared.File, r.GetInt64(0), shared.Format), sources);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<Coverage> Coverages()
    {
        using var cmd = Command("SELECT body FROM coverages ORDER BY ingest, rowid");
        using var r = Run(cmd.ExecuteReader);
        var list = new List<Coverage>();
        while (r.Read())
        {
            list.Add(CoverageCodec.Decode(r.GetString(0)));
        }

        return list;
    }

    /// <inheritdoc/>
    public IEnumerable<Rejection> Rejections()
    {
        using var cmd = Command("SELECT i.file, r.line, r.field, r.reason, r.raw FROM rejections r JOIN ingests i ON i.revision = r.ingest ORDER BY r.ingest, r.rowid");
        using var r = Run(cmd.ExecuteReader);
        while (Run(r.Read))
        {
            yield return new Rejection(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => connection.Dispose();

    /// <summary>The first 16 bytes of every SQLite file.</summary>
    private static void RefuseNonSqlite(string path)
    {
        Span<byte> head = stackalloc byte[16];
        int n;
        try
        {
            using var f = File.OpenRead(path);
            n = f.ReadAtLeast(head, 16, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{path}: cannot read the store ({ex.Message})", ex);
        }

        if (n == 0)
        {
            return; // an empty file becomes a new store, as SQLite itself would treat it
        }

        if (n < 16 || !head.SequenceEqual("SQLite format 3\0"u8))
        {
            throw new StoreException($"{path} is not a Truce store (not a SQLite database); nothing was changed");
        }
    }

    private void Prepare(bool existed)
    {
        int version = 0;
        if (Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'truce_meta'") == 1)
        {
            if (Meta("store") != StoreMarker)
            {
                throw new StoreException($"{location} is a SQLite database but not a Truce store; nothing was changed");
            }

            version = int.Parse(Meta("schema_version") ?? "0", CultureInfo.InvariantCulture);
        }
        else if (existed && Scalar("SELECT COUNT(*) FROM sqlite_master") > 0)
        {
            throw new StoreException($"{location} is a SQLite database but not a Truce store; nothing was changed");
        }

        if (version > SchemaVersion)
        {
            throw new StoreException($"{location} was written by a newer Truce (store schema {version}; this program reads up to {SchemaVersion}); upgrade Truce to use it. Nothing was changed");
        }

        // Only now is the file changed: write-ahead logging, then any migrations the store has not had yet.
        Execute("PRAGMA journal_mode = WAL");
        Execute("PRAGMA foreign_keys = ON");

        // In WAL mode NORMAL keeps every commit atomic (a crash loses at most the last commits, never half of one).
        Execute("PRAGMA synchronous = NORMAL");
        for (int v = version; v < SchemaVersion; v++)
        {
            using var tx = connection.BeginTransaction();
            foreach (var sql in Migrations[v])
            {
                Execute(sql, tx);
            }

            if (v == 0)
            {
                SetMeta("store", StoreMarker, tx);
            }

            SetMeta("schema_version", (v + 1).ToString(CultureInfo.InvariantCulture), tx);
            tx.Commit();
        }
    }

    private string? Meta(string key)
    {
        using var cmd = Command("SELECT value FROM truce_meta WHERE key = $key");
        cmd.Parameters.AddWithValue("$key", key);
        return cmd.ExecuteScalar() as string;
    }

    private void SetMeta(string key, string value, SqliteTransaction tx)
    {
        using var cmd = Command("INSERT INTO truce_meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", tx);
        cmd.Parameters.AddWithValue("$key", key);
        cmd.Parameters.AddWithValue("$value", value);
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx ?? active; // reads during an ingest see the store as that ingest has it
        return cmd;
    }

    /// <summary>The transaction of the ingest in progress, if any (one at a time per store object).</summary>
    private SqliteTransaction? active;

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        Run(cmd.ExecuteNonQuery);
    }

    private long Scalar(string sql)
    {
        using var cmd = Command(sql);
        return Convert.ToInt64(Run(cmd.ExecuteScalar), CultureInfo.InvariantCulture);
    }

    private T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw Explain(ex, location);
        }
    }

    /// <summary>One line for the SQLite failures a user can meet: another process holding the store, a full disk, a damaged or read-only file.</summary>
    private static StoreException Explain(SqliteException ex, string path) => ex.SqliteErrorCode switch
    {
        5 or 6 => new StoreException($"{path} is locked by another Truce process (or another program); try again when it has finished", ex),
        13 => new StoreException($"{path}: the disk is full; the file being ingested was not added", ex),
        8 => new StoreException($"{path} is read-only: cannot write to the store", ex),
        11 or 26 => new StoreException($"{path} is damaged or is not a SQLite database", ex),
        14 => new StoreException($"{path} cannot be opened (missing folder or no permission)", ex),
        _ => new StoreException($"{path}: {ex.Message}", ex),
    };

    private static StoredIngest ReadIngest(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt64(6),
        new IngestCounts(r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10)), r.IsDBNull(11) ? null : r.GetString(11));

    /// <summary>One file's transaction: rows are written as they come, looked up by event id against the current revisions.</summary>
    private sealed class Session : IIngestSession
    {
        private readonly SqliteEvidenceStore store;
        private readonly SqliteTransaction tx;
        private readonly long revision;
        private readonly string file;
        private readonly string format;
        private readonly SqliteCommand findCurrent;
        private readonly SqliteCommand retire;
        private readonly SqliteCommand insert;
        private readonly SqliteCommand reject;
        private readonly SqliteCommand cover;
        private readonly HashSet<string> seenInFile = new(StringComparer.Ordinal);
        private readonly bool storeWasEmpty;
        private long added, revised, unchanged, repeated;
        private bool done;

        public Session(SqliteEvidenceStore store, string file, string format)
        {
            this.store = store;
            this.file = file;
            this.format = format;
            if (store.active is not null)
            {
                throw new InvalidOperationException("one ingest at a time per store");
            }

            tx = store.Run(() => store.connection.BeginTransaction(deferred: false));
            store.active = tx;
            try
            {
                // The ingest row is written first so that rows can refer to it; it is filled in at commit.
                using (var open = store.Command("INSERT INTO ingests(file, sha256, format, ingested_at, accepted, rejected, added, revised, unchanged, repeated) VALUES ($file, '', $format, '', 0, 0, 0, 0, 0, 0) RETURNING revision", tx))
                {
                    open.Parameters.AddWithValue("$file", file);
                    open.Parameters.AddWithValue("$format", format);
                    revision = Convert.ToInt64(store.Run(open.ExecuteScalar), CultureInfo.InvariantCulture);
                }

                // A first ingest into an empty store meets no stored event: no lookup per row is needed.
                storeWasEmpty = store.Scalar("SELECT NOT EXISTS (SELECT 1 FROM events)") == 1;
                findCurrent = Prepared("SELECT revision, content FROM events WHERE event_id = $id AND is_current = 1", "$id");
                retire = Prepared("UPDATE events SET is_current = 0 WHERE event_id = $id AND revision = $revision", "$id", "$revision");
                insert = Prepared(
                    "INSERT INTO events(event_id, revision, content, ingest, line, is_current, latitude, longitude, first_day, last_day, body) VALUES ($id, $revision, $content, $ingest, $line, 1, $lat, $lon, $first, $last, $body)",
                    "$id", "$revision", "$content", "$ingest", "$line", "$lat", "$lon", "$first", "$last", "$body");
                reject = Prepared("INSERT INTO rejections(ingest, line, field, reason, raw) VALUES ($ingest, $line, $field, $reason, $raw)", "$ingest", "$line", "$field", "$reason", "$raw");
                cover = Prepared("INSERT INTO coverages(ingest, body) VALUES ($ingest, $body)", "$ingest", "$body");
            }
            catch
            {
                store.active = null;
                tx.Dispose();
                throw;
            }
        }

        public IngestCounts Counts => new(added, revised, unchanged, repeated);

        public void Add(Evidence.Evidence item)
        {
            ArgumentNullException.ThrowIfNull(item);

            // Within one file the first report of an event stands, as when the file is verified directly.
            if (!seenInFile.Add(item.Id))
            {
                repeated++;
                return;
            }

            var body = EvidenceCodec.Encode(item);
            var content = EvidenceCodec.ContentHash(body);
            long next = 1;
            findCurrent.Parameters[0].Value = item.Id;
            using (var r = storeWasEmpty ? null : store.Run(findCurrent.ExecuteReader))
            {
                if (r is not null && r.Read())
                {
                    if (((byte[])r.GetValue(1)).AsSpan().SequenceEqual(content))
                    {
                        unchanged++;
                        return;
                    }

                    next = r.GetInt64(0) + 1;
                }
            }

            if (next > 1)
            {
                retire.Parameters[0].Value = item.Id;
                retire.Parameters[1].Value = next - 1;
                store.Run(retire.ExecuteNonQuery);
                revised++;
            }
            else
            {
                added++;
            }

            var p = insert.Parameters;
            p[0].Value = item.Id;
            p[1].Value = next;
            p[2].Value = content;
            p[3].Value = revision;
            p[4].Value = item.Origin.Line;
            p[5].Value = item.Location.Latitude;
            p[6].Value = item.Location.Longitude;
            p[7].Value = item.Time.Days.Start.DayNumber;
            p[8].Value = item.Time.Days.End.DayNumber;
            p[9].Value = body;
            store.Run(insert.ExecuteNonQuery);
        }

        public void Reject(Rejection rejection)
        {
            ArgumentNullException.ThrowIfNull(rejection);
            var p = reject.Parameters;
            (p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value) = (revision, rejection.Line, rejection.Field, rejection.Reason, rejection.Raw);
            store.Run(reject.ExecuteNonQuery);
        }

        public void Cover(Coverage coverage)
        {
            ArgumentNullException.ThrowIfNull(coverage);
            (cover.Parameters[0].Value, cover.Parameters[1].Value) = (revision, CoverageCodec.Encode(coverage));
            store.Run(cover.ExecuteNonQuery);
        }

        public StoredIngest Commit(string sha256, long accepted, long rejected, string? refusal)
        {
            ObjectDisposedException.ThrowIf(done, this);
            var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            using (var close = store.Command("UPDATE ingests SET sha256 = $sha, ingested_at = $at, accepted = $acc, rejected = $rej, added = $add, revised = $rev, unchanged = $unc, repeated = $repeated, error = $error WHERE revision = $revision", tx))
            {
                var p = close.Parameters;
                p.AddWithValue("$sha", sha256);
                p.AddWithValue("$at", at);
                p.AddWithValue("$acc", accepted);
                p.AddWithValue("$rej", rejected);
                p.AddWithValue("$add", added);
                p.AddWithValue("$rev", revised);
                p.AddWithValue("$unc", unchanged);
                p.AddWithValue("$repeated", repeated);
                p.AddWithValue("$error", (object?)refusal ?? DBNull.Value);
                p.AddWithValue("$revision", revision);
                store.Run(close.ExecuteNonQuery);
            }

            store.Run(() =>
            {
                tx.Commit();
                return 0;
            });
            done = true;
            return new StoredIngest(revision, file, sha256, format, at, accepted, rejected, Counts, refusal);
        }

        public void Dispose()
        {
            foreach (var cmd in new[] { findCurrent, retire, insert, reject, cover })
            {
                cmd?.Dispose();
            }

            // Without a commit the transaction rolls back: the store is as it was before this file.
            tx.Dispose();
            store.active = null;
            done = true;
        }

        private SqliteCommand Prepared(string sql, params string[] names)
        {
            var cmd = store.Command(sql, tx);
            foreach (var n in names)
            {
                cmd.Parameters.Add(new SqliteParameter(n, null));
            }

            cmd.Prepare();
            return cmd;
        }
    }
}
