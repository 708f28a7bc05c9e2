using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Truce.Cli;
using Truce.Store;
using Truce.Store.Sqlite;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Store;

/// <summary>The SQLite store through the command line: what goes in comes out verified as from the files, each event once, each file whole or not at all.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("truce-store-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(temp, recursive: true);
    }

    private static string[] Registries => ["--actors", Repo.Path("examples/actors.yaml"), "--sources", Repo.Path("examples/sources.yaml")];

    private string Db => Path.Combine(temp, "truce.db");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TruceApp.Run(args, output, error, new RunEnvironment(Repo.Today, CancellationToken.None));
        return (code, output.ToString(), error.ToString());
    }

    private (int Code, string Out, string Err) Ingest(params string[] files) =>
        Run(["ingest", .. files, "--store", Db, "--sources", Repo.Path("examples/sources.yaml")]);

    /// <summary>The verdicts of a JSON report (agreements, their verdicts, findings and chains), without the header that names the inputs.</summary>
    private static string Verdicts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("agreements").GetRawText() + doc.RootElement.GetProperty("summary").GetRawText()
            + doc.RootElement.GetProperty("coverage").GetRawText() + doc.RootElement.GetProperty("unresolved_actor_names").GetRawText();
    }

    private string VerifyFromStore() => Run(["verify", Repo.Path("examples/agreements"), .. Registries, "--store", Db, "--format", "json"]).Out;

    private static string VerifyFromFiles(params string[] files) =>
        Run(["verify", Repo.Path("examples/agreements"), .. Registries, .. files.SelectMany(f => new[] { "--evidence", f }), "--format", "json"]).Out;

    private static long Count(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Verify_From_The_Store_Gives_The_Verdicts_Of_The_Files_It_Holds()
    {
        var files = Directory.GetFiles(Repo.Path("examples/evidence")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(0, Ingest(files).Code);
        var fromStore = VerifyFromStore();
        Assert.Equal(Verdicts(VerifyFromFiles(files)), Verdicts(fromStore));

        // The report names the store and its revision instead of the files.
        using var doc = JsonDocument.Parse(fromStore);
        var store = doc.RootElement.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "store");
        Assert.EndsWith("truce.db@revision 5", store.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_From_The_Store_Gives_The_Verdicts_Of_The_Real_Ucdp_File()
    {
        var file = Repo.SharedData("data/ucdp-ged/ged_syria_652.1601.1911.csv");
        var (code, output, _) = Ingest(file);
        Assert.Equal(0, code);
        Assert.Contains("16,566 row(s) read, 0 rejected: 16,566 new event(s)", output, StringComparison.Ordinal);
        Assert.Equal(Verdicts(VerifyFromFiles(file)), Verdicts(VerifyFromStore()));
    }

    [Fact]
    public void Ingesting_The_Same_Bytes_Again_Adds_Nothing()
    {
        var file = Repo.Path("examples/evidence/ucdp-ged-syria-sample.csv");
        Assert.Equal(0, Ingest(file).Code);
        var (code, output, _) = Ingest(file);
        Assert.Equal(0, code);
        Assert.Contains("already in the store", output, StringComparison.Ordinal);
        Assert.Contains("revision 1, 9 events", output, StringComparison.Ordinal);
        Assert.Equal(1, Count(Db, "SELECT COUNT(*) FROM ingests"));
        Assert.Equal(9, Count(Db, "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public void A_Newer_Export_Adds_Its_New_Events_Revises_Changed_Ones_Keeps_The_Old_And_Verifies_The_New()
    {
        var original = Repo.Path("examples/evidence/ucdp-ged-syria-sample.csv");
        var lines = File.ReadAllLines(original).ToList();
        Assert.Equal(0, Ingest(original).Code);

        // The newer export: event 9900001's deaths revised from the codebook's 'best', a new event appended, the rest as they were.
        int row = lines.FindIndex(l => l.StartsWith("9900001,", StringComparison.Ordinal));
        var header = lines[0].Split(',');
        var fields = lines[row].Split(',');
        int best = Array.IndexOf(header, "best");
        fields[best] = (int.Parse(fields[best], System.Globalization.CultureInfo.InvariantCulture) + 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var revised = lines.ToList();
        revised[row] = string.Join(',', fields);
        var added = lines[row].Split(',');
        added[0] = "9900099";
        revised.Add(string.Join(',', added));
        var newer = Path.Combine(temp, "ucdp-newer.csv");
        File.WriteAllLines(newer, revised);

        var (code, output, _) = Ingest(newer);
        Assert.Equal(0, code);
        Assert.Contains("1 new event(s), 1 revised, 8 already stored", output, StringComparison.Ordinal);
        Assert.Equal(2, Count(Db, "SELECT COUNT(*) FROM events WHERE event_id = 'ucdp-ged:9900001'"));
        Assert.Equal(1, Count(Db, "SELECT COUNT(*) FROM events WHERE event_id = 'ucdp-ged:9900001' AND is_current = 1 AND revision = 2"));

        // What is verified is what the newer export says.
        using var store = SqliteEvidenceStore.Open(Db);
        var current = store.CurrentEvidence(Repo.Sources()).ToList();
        Assert.Equal(10, current.Count);
        var e = current.Single(x => x.Id == "ucdp-ged:9900001");
        Assert.Equal(int.Parse(fields[best], System.Globalization.CultureInfo.InvariantCulture), e.Fatalities);
        Assert.EndsWith("ucdp-newer.csv", e.Origin.File, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Event_Repeated_In_One_File_Counts_Once_And_The_First_Report_Stands()
    {
        var lines = File.ReadAllLines(Repo.Path("examples/evidence/ucdp-ged-syria-sample.csv")).ToList();
        int row = lines.FindIndex(l => l.StartsWith("9900001,", StringComparison.Ordinal));
        lines.Add(lines[row].Replace("9900001,", "9900001,", StringComparison.Ordinal) + string.Empty);
        var file = Path.Combine(temp, "repeated.csv");
        File.WriteAllLines(file, lines);
        var (_, output, _) = Ingest(file);
        Assert.Contains("9 new event(s), 0 revised, 0 already stored, 1 repeated in the file", output, StringComparison.Ordinal);
        Assert.Equal(Verdicts(VerifyFromFiles(file)), Verdicts(VerifyFromStore()));
    }

    [Fact]
    public void Rejected_Rows_Are_Kept_With_Their_Reasons_And_Listed()
    {
        Ingest(Repo.Path("examples/evidence/ucdp-ged-syria-sample.csv"));
        var (code, output, _) = Run("quarantine", "--store", Db);
        Assert.Equal(0, code);
        Assert.Contains("ucdp-ged-syria-sample.csv:8: latitude: 91.2 is outside [-90, 90]", output, StringComparison.Ordinal);
        Assert.Contains("ucdp-ged-syria-sample.csv:12: date_start: '2018-13-45' is not a date (expected YYYY-MM-DD)", output, StringComparison.Ordinal);
        Assert.Contains("2 rejected row(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Ingest_That_Is_Not_Committed_Leaves_The_Store_As_It_Was()
    {
        Ingest(Repo.Path("examples/evidence/golan-2018.ndjson"));
        using (var store = SqliteEvidenceStore.Open(Db))
        {
            using var session = store.BeginIngest("half.csv", "ucdp-ged");
            foreach (var e in store.CurrentEvidence(Repo.Sources()).ToList())
            {
                session.Add(new Truce.Evidence.Evidence(e.Id + "-new", e.Origin, e.Location, e.LocationPrecision, e.Time, e.Activity, e.ReportedType, e.Actors, e.Source));
            }

            Assert.Equal(5, session.Counts.Added);
        }

        Assert.Equal(1, Count(Db, "SELECT COUNT(*) FROM ingests"));
        Assert.Equal(5, Count(Db, "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public void A_Real_Ingest_Killed_Mid_File_Leaves_The_Store_As_Before_That_File()
    {
        Assert.Equal(0, Ingest(Repo.Path("examples/evidence/golan-2018.ndjson")).Code);
        var big = Path.Combine(temp, "big.csv");
        var sample = File.ReadAllLines(Repo.Path("examples/evidence/ucdp-ged-syria-sample.csv"));
        var row = sample.First(l => l.StartsWith("9900001,", StringComparison.Ordinal));
        using (var w = new StreamWriter(big))
        {
            w.WriteLine(sample[0]);
            for (int i = 0; i < 400_000; i++)
            {
                w.WriteLine(string.Concat((1_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), row.AsSpan(row.IndexOf(',', StringComparison.Ordinal))));
            }
        }

        // The built program, as a user runs it; killed (SIGKILL, no clean-up) once rows are going in.
        var start = new ProcessStartInfo("dotnet", [Repo.Path("src/Truce.Cli/bin/Release/net10.0/Truce.Cli.dll"), "ingest", big, "--store", Db, "--sources", Repo.Path("examples/sources.yaml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var p = Process.Start(start)!)
        {
            var walFile = Db + "-wal";
            var clock = Stopwatch.StartNew();
            while (!p.HasExited && (!File.Exists(walFile) || new FileInfo(walFile).Length < 4 << 20) && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(20);
            }

            Assert.False(p.HasExited, "the ingest finished before it could be killed: make the file bigger");
            p.Kill();
            p.WaitForExit();
        }

        Assert.Equal(1, Count(Db, "SELECT COUNT(*) FROM ingests"));
        Assert.Equal(5, Count(Db, "SELECT COUNT(*) FROM events"));
        using (var store = SqliteEvidenceStore.Open(Db))
        {
            Assert.Equal((1L, 5L), (store.Info.Revision, store.Info.CurrentEvents));
        }
    }

    [Fact]
    public void A_File_That_Is_Not_A_Store_Is_Refused_And_Left_Untouched()
    {
        var notSqlite = Path.Combine(temp, "notes.db");
        File.WriteAllText(notSqlite, "these are my notes, not a database\n");
        var before = SHA256.HashData(File.ReadAllBytes(notSqlite));
        var (code, _, err) = Run("ingest", Repo.Path("examples/evidence/golan-2018.ndjson"), "--store", notSqlite);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("is not a Truce store (not a SQLite database); nothing was changed", err, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(notSqlite)));

        var otherDb = Path.Combine(temp, "other.db");
        using (var c = new SqliteConnection($"Data Source={otherDb};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE birds(name TEXT)";
            cmd.ExecuteNonQuery();
        }

        before = SHA256.HashData(File.ReadAllBytes(otherDb));
        (code, _, err) = Run(["verify", Repo.Path("examples/agreements"), .. Registries, "--store", otherDb]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("is a SQLite database but not a Truce store; nothing was changed", err, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(otherDb)));
    }

    [Fact]
    public void A_Store_Written_By_A_Newer_Truce_Is_Refused_And_Not_Modified()
    {
        Ingest(Repo.Path("examples/evidence/golan-2018.ndjson"));
        using (var c = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE truce_meta SET value = '99' WHERE key = 'schema_version'; PRAGMA wal_checkpoint(TRUNCATE);";
            cmd.ExecuteNonQuery();
        }

        var before = SHA256.HashData(File.ReadAllBytes(Db));
        var (code, _, err) = Ingest(Repo.Path("examples/evidence/reports-2018.ndjson"));
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("was written by a newer Truce (store schema 99; this program reads up to 1)", err, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(Db)));
    }

    [Fact]
    public void A_Store_Locked_By_Another_Writer_Gives_One_Line_And_Exit_2()
    {
        Ingest(Repo.Path("examples/evidence/golan-2018.ndjson"));
        using var holder = new SqliteConnection($"Data Source={Db};Pooling=False");
        holder.Open();
        using var tx = holder.BeginTransaction(deferred: false);
        var (code, _, err) = Ingest(Repo.Path("examples/evidence/reports-2018.ndjson"));
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("is locked by another Truce process", err, StringComparison.Ordinal);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("truce:", StringComparison.Ordinal));
    }

    [Fact]
    public void Evidence_Files_And_A_Store_Together_Or_A_Missing_Store_Are_Usage_Errors()
    {
        var (code, _, err) = Run(["verify", Repo.Path("examples/agreements"), .. Registries, "--store", Db, "--evidence", Repo.Path("examples/evidence/golan-2018.ndjson")]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("give --evidence or --store, not both", err, StringComparison.Ordinal);

        (code, _, err) = Run(["verify", Repo.Path("examples/agreements"), .. Registries, "--store", Db]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("no store at", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "verify must not create a store");
    }

    [Fact]
    public void A_Connection_String_Is_Refused_Until_The_PostgreSQL_Store_Exists()
    {
        var (code, _, err) = Run("ingest", Repo.Path("examples/evidence/golan-2018.ndjson"), "--store", "Host=127.0.0.1;Port=1;Database=truce");
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Contains("PostgreSQL stores", err, StringComparison.Ordinal);
    }
}
