using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Truce.Cli;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;
using static Truce.Tests.Hostile.HostileRun;

namespace Truce.Tests.Hostile;

/// <summary>
/// The hostile evidence corpus (tests/hostile/) through the whole command: each case checks the exit code, the
/// message (file:line, field, reason) and that every good row was still read and verified.
/// </summary>
public sealed class EvidenceCorpusTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("truce-hostile-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Quarantine => Path.Combine(temp, "q");

    private (int Code, JsonDocument Report, string Err) VerifyJson(string spec, params string[] evidence) => VerifyJson(spec, null, evidence);

    private (int Code, JsonDocument Report, string Err) VerifyJson(string spec, DateOnly? today, params string[] evidence)
    {
        var (code, output, err) = Run(
            ["verify", Spec(spec), .. Registries, .. evidence.SelectMany(e => new[] { "--evidence", e }), "--format", "json", "--quarantine", Quarantine], today);
        return (code, JsonDocument.Parse(output), err);
    }

    [Fact]
    public void Ucdp_Rows_Dated_9999_And_1850_Are_Quarantined_With_Line_Field_And_Reason_And_The_Others_Verified()
    {
        var (code, report, err) = VerifyJson("coh-2016", Corpus("dates/ucdp-9999-and-1850.csv"));
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("dates/ucdp-9999-and-1850.csv:3: date_start: 9999-12-31 is after the run's date 2026-01-01", err, StringComparison.Ordinal);
        Assert.Contains("dates/ucdp-9999-and-1850.csv:4: date_start: 1850-01-01 is before 1900", err, StringComparison.Ordinal);

        var records = Quarantined(Path.Combine(Quarantine, "ucdp-9999-and-1850.csv.rejected.ndjson"));
        Assert.Equal([3L, 4L], records.Select(r => r.GetProperty("line").GetInt64()));
        Assert.All(records, r => Assert.Equal("date_start", r.GetProperty("field").GetString()));
        Assert.StartsWith("8800002,", records[0].GetProperty("raw").GetString(), StringComparison.Ordinal);

        Assert.Equal((2L, 2L, null), Counts(report, "ucdp-9999-and-1850.csv"));
        Assert.Superset(new HashSet<string> { "ucdp-ged:8800001", "ucdp-ged:8800004" }, CitedEvidence(report));
    }

    [Fact]
    public void An_Acled_Row_Dated_9999_Is_Quarantined_And_The_Others_Verified()
    {
        var (code, report, err) = VerifyJson("sw-deescalation-2017", Corpus("dates/acled-9999.csv"));
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("dates/acled-9999.csv:3: event_date: 9999-12-31 is after the run's date", err, StringComparison.Ordinal);
        var record = Assert.Single(Quarantined(Path.Combine(Quarantine, "acled-9999.csv.rejected.ndjson")));
        Assert.Equal("event_date", record.GetProperty("field").GetString());
        Assert.Equal((2L, 1L, null), Counts(report, "acled-9999.csv"));
        Assert.Contains("acled:SYRSYN002", CitedEvidence(report));
    }

    [Fact]
    public void A_Ucdp_Row_Dated_After_The_Run_Date_Is_Rejected_And_Accepted_When_The_Run_Is_Later()
    {
        var (code, report, err) = VerifyJson("coh-2016", new DateOnly(2025, 1, 1), Corpus("dates/ucdp-after-run-date.csv"));
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("ucdp-after-run-date.csv:3: date_start: 2025-06-01 is after the run's date 2025-01-01", err, StringComparison.Ordinal);
        Assert.Equal((2L, 1L, null), Counts(report, "ucdp-after-run-date.csv"));

        var (_, later, _) = VerifyJson("coh-2016", new DateOnly(2025, 7, 1), Corpus("dates/ucdp-after-run-date.csv"));
        Assert.Equal((3L, 0L, null), Counts(later, "ucdp-after-run-date.csv"));
    }

    [Fact]
    public void Rows_Dated_Before_Their_Datasets_Stated_Extent_Are_Quarantined_And_The_First_Day_Is_Kept()
    {
        var (code, report, err) = VerifyJson("coh-2016", Corpus("dates/ucdp-before-extent.csv"), Corpus("dates/acled-before-extent.csv"));
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("ucdp-before-extent.csv:3: date_start: 1950-06-01 is before 1989-01-01, when ucdp-ged's coverage starts", err, StringComparison.Ordinal);
        Assert.Contains("ucdp-before-extent.csv:4: date_start: 1988-12-31 is before 1989-01-01, when ucdp-ged's coverage starts", err, StringComparison.Ordinal);
        Assert.Contains("acled-before-extent.csv:3: event_date: 1996-12-31 is before 1997-01-01, when acled's coverage starts", err, StringComparison.Ordinal);

        // The rows differ only in id and date: 1989-01-01 (UCDP) and 1997-01-01 (ACLED), each extent's first day, are kept.
        Assert.Equal((2L, 2L, null), Counts(report, "ucdp-before-extent.csv"));
        Assert.Equal((2L, 1L, null), Counts(report, "acled-before-extent.csv"));
        var records = Quarantined(Path.Combine(Quarantine, "ucdp-before-extent.csv.rejected.ndjson"));
        Assert.Equal([3L, 4L], records.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Contains("ucdp-ged:8800091", CitedEvidence(report));
    }

    [Fact]
    public void An_Event_After_The_End_Of_Its_Datasets_Extent_Never_Reaches_A_Verdict()
    {
        // The same registry, but stating that the UCDP file ends the day before its 2016 row: that row must leave the verdict.
        var sources = Path.Combine(temp, "sources.yaml");
        var text = File.ReadAllText(Repo.Path("examples/sources.yaml"));
        Assert.Contains("extent: { from: 1989-01-01 }", text, StringComparison.Ordinal);
        File.WriteAllText(sources, text.Replace("extent: { from: 1989-01-01 }", "extent: { from: 1989-01-01, until: 2016-04-11 }", StringComparison.Ordinal));

        string[] args = ["verify", Spec("coh-2016"), "--actors", Repo.Path("examples/actors.yaml"), "--evidence", Corpus("dates/ucdp-before-extent.csv"), "--format", "json"];
        var (_, stated, _) = Run([.. args, "--sources", Repo.Path("examples/sources.yaml")]);
        var (code, ended, err) = Run([.. args, "--sources", sources]);
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("ucdp-before-extent.csv:2: date_start: 2016-04-12 is after 2016-04-11, when ucdp-ged's coverage ends", err, StringComparison.Ordinal);
        using var before = JsonDocument.Parse(stated);
        using var after = JsonDocument.Parse(ended);
        Assert.Contains("ucdp-ged:8800091", CitedEvidence(before));
        Assert.DoesNotContain("ucdp-ged:8800091", CitedEvidence(after));
        Assert.Equal((1L, 3L, null), Counts(after, "ucdp-before-extent.csv"));
    }

    [Fact]
    public void Rows_With_An_Extra_Or_A_Missing_Column_Are_Rejected_Naming_Both_Counts()
    {
        var (code, report, err) = VerifyJson("coh-2016", Corpus("columns/ucdp-extra-and-missing-column.csv"));
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("ucdp-extra-and-missing-column.csv:3: (row): has 50 fields but the header has 49", err, StringComparison.Ordinal);
        Assert.Contains("ucdp-extra-and-missing-column.csv:4: (row): has 48 fields but the header has 49", err, StringComparison.Ordinal);
        Assert.Equal((2L, 2L, null), Counts(report, "ucdp-extra-and-missing-column.csv"));
        Assert.Superset(new HashSet<string> { "ucdp-ged:8800021", "ucdp-ged:8800024" }, CitedEvidence(report));
    }

    [Fact]
    public void Latin1_Bytes_Are_Quarantined_With_Their_Byte_Offset_And_Accepted_With_Encoding_Latin1()
    {
        var file = Corpus("encoding/ucdp-latin1.csv");
        int offset = Array.IndexOf(File.ReadAllBytes(file), (byte)0xE1);
        var (code, report, err) = VerifyJson("coh-2016", file);
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains($"ucdp-latin1.csv:3: adm_2: not UTF-8: invalid byte at file offset {offset} (give --encoding", err, StringComparison.Ordinal);
        Assert.Equal((2L, 1L, null), Counts(report, "ucdp-latin1.csv"));
        Assert.Contains("\\xe1", Assert.Single(Quarantined(Path.Combine(Quarantine, "ucdp-latin1.csv.rejected.ndjson"))).GetProperty("raw").GetString(), StringComparison.Ordinal);

        var (code2, output, _) = Run(["verify", Spec("coh-2016"), .. Registries, "--evidence", file, "--encoding", "latin1", "--format", "json"]);
        Assert.Equal(TruceApp.Ok, code2);
        using var latin1 = JsonDocument.Parse(output);
        Assert.Equal((3L, 0L, null), Counts(latin1, "ucdp-latin1.csv"));
        Assert.Contains("Daráyyá district", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_With_A_Byte_Order_Mark_Is_Read_As_Text()
    {
        var (code, report, _) = VerifyJson("coh-2016", Corpus("encoding/ucdp-utf16.csv"));
        Assert.Equal(TruceApp.Ok, code);
        Assert.Equal((2L, 0L, null), Counts(report, "ucdp-utf16.csv"));
        Assert.Contains("ucdp-ged:8800041", CitedEvidence(report));
        Assert.Contains("Ḥalab", report.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Five_Megabytes_Of_Random_Bytes_As_Ndjson_Are_Reported_And_The_Other_Files_Still_Used()
    {
        var random = Path.Combine(temp, "random.ndjson");
        var bytes = new byte[5 << 20];
        new Random(6).NextBytes(bytes);
        bytes[0] = 0; // not a UTF-16 byte order mark by chance
        File.WriteAllBytes(random, bytes);

        // Without --quarantine: 20,000 rejected lines of random bytes would only make the test slow.
        var (code, output, err) = Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", random, "--evidence", Repo.Path("examples/evidence/reports-2018.ndjson"), "--format", "json"]);
        using var report = JsonDocument.Parse(output);
        Assert.Equal(TruceApp.PartialInput, code);
        Assert.Matches(@"random\.ndjson: error: no row could be read \(\d+ rejected\): is this really a ndjson file\?", err);
        var (accepted, rejected, error) = Counts(report, "random.ndjson");
        Assert.Equal(0, accepted);
        Assert.True(rejected > 1000, $"{rejected} rejected");
        Assert.NotNull(error);
        Assert.Contains("al-monitor:q-001", CitedEvidence(report));
        AssertPlainMessages(err);
    }

    [Fact]
    public void The_Same_File_Given_Twice_Is_Read_Once_With_A_Note_And_Findings_Are_Not_Doubled()
    {
        var file = Corpus("twice/reports.ndjson");
        var (_, once, _) = VerifyJson("qusayr-2018", file);
        var (code, twice, err) = VerifyJson("qusayr-2018", file, file, Path.Combine(Path.GetDirectoryName(file)!, "..", "twice", "reports.ndjson"));
        Assert.Equal(TruceApp.Ok, code);
        Assert.Equal(2, err.Split("read once: the same bytes as").Length - 1);
        Assert.Single(twice.RootElement.GetProperty("evidence_files").EnumerateArray());
        Assert.Equal(0, twice.RootElement.GetProperty("evidence_summary").GetProperty("duplicate_events").GetInt64());

        static int Confirmed(JsonDocument d) => d.RootElement.GetProperty("agreements").EnumerateArray()
            .SelectMany(a => a.GetProperty("verdicts").EnumerateArray()).Sum(v => v.GetProperty("confirmed_total").GetInt32());
        Assert.Equal(1, Confirmed(once));
        Assert.Equal(Confirmed(once), Confirmed(twice));
    }

    [Fact]
    public void Two_Files_With_The_Same_Source_And_Event_Id_Give_One_Event_From_The_Later_File_And_Report_The_Clash()
    {
        string older = Corpus("clash/older.ndjson"), newer = Corpus("clash/newer.ndjson");
        var (code, report, err) = VerifyJson("qusayr-2018", older, newer);
        Assert.Equal(TruceApp.Ok, code);
        Assert.Contains("1 event report(s) set aside because the same source and event id was already read (1 with different content", err, StringComparison.Ordinal);
        var summary = report.RootElement.GetProperty("evidence_summary");
        Assert.Equal(1, summary.GetProperty("duplicate_events").GetInt64());
        Assert.Contains("clash/older.ndjson:1 set aside for", Assert.Single(summary.GetProperty("clashes").EnumerateArray()).GetString(), StringComparison.Ordinal);

        var verdict = report.RootElement.GetProperty("agreements")[0].GetProperty("verdicts")[0];
        var finding = Assert.Single(verdict.GetProperty("confirmed").EnumerateArray());
        Assert.EndsWith("clash/newer.ndjson", finding.GetProperty("file").GetString(), StringComparison.Ordinal);

        // Named the other way round, the other file is the later one and wins.
        var (_, reversed, _) = VerifyJson("qusayr-2018", newer, older);
        var possible = reversed.RootElement.GetProperty("agreements")[0].GetProperty("verdicts")[0];
        Assert.Equal(0, possible.GetProperty("confirmed_total").GetInt32());
        Assert.EndsWith("clash/older.ndjson", Assert.Single(possible.GetProperty("possible").EnumerateArray()).GetProperty("file").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_Evidence_Files_With_One_Name_In_Different_Folders_Get_Two_Quarantine_Files()
    {
        var (code, _, err) = VerifyJson("coh-2016", Corpus("samename/a/events.csv"), Corpus("samename/b/events.csv"));
        Assert.Equal(TruceApp.Ok, code);
        var first = Assert.Single(Quarantined(Path.Combine(Quarantine, "events.csv.rejected.ndjson")));
        var second = Assert.Single(Quarantined(Path.Combine(Quarantine, "events.csv-2.rejected.ndjson")));
        Assert.EndsWith("samename/a/events.csv", first.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("samename/b/events.csv", second.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Quarantine).Length);
        Assert.Contains("rejects in " + Path.Combine(Quarantine, "events.csv-2.rejected.ndjson"), err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Quarantine_Path_That_Is_A_File_Is_A_Usage_Error_Before_Any_Row_Is_Read()
    {
        var file = Path.Combine(temp, "not-a-folder");
        File.WriteAllText(file, "keep me\n");
        var (code, output, err) = Run(["verify", Spec("coh-2016"), .. Registries, "--evidence", Corpus("dates/ucdp-9999-and-1850.csv"), "--quarantine", file]);
        Assert.Equal(TruceApp.UsageOrInput, code);
        Assert.Empty(output);
        Assert.Equal($"truce: --quarantine {file} is a file, not a folder; nothing was verified.", Assert.Single(Lines(err)));
        Assert.Equal("keep me\n", File.ReadAllText(file));
    }

    [Fact]
    public void A_Quarantine_File_That_Cannot_Be_Written_Is_Reported_And_Costs_No_Good_Row()
    {
        // Where the quarantine file would go there is a folder: renaming the finished file onto it fails.
        Directory.CreateDirectory(Path.Combine(Quarantine, "ucdp-9999-and-1850.csv.rejected.ndjson"));
        var (code, report, err) = VerifyJson("coh-2016", Corpus("dates/ucdp-9999-and-1850.csv"), Corpus("dates/ucdp-after-run-date.csv"));
        Assert.Equal(TruceApp.OutputFailed, code);
        Assert.Contains("ucdp-9999-and-1850.csv: note: rejected rows were not quarantined: cannot write " + Path.Combine(Quarantine, "ucdp-9999-and-1850.csv.rejected.ndjson"), err, StringComparison.Ordinal);
        Assert.Contains("2 row(s) rejected, 2 accepted; they could not be quarantined (see the note above)", err, StringComparison.Ordinal);
        Assert.Equal((2L, 2L, null), Counts(report, "ucdp-9999-and-1850.csv"));
        Assert.Superset(new HashSet<string> { "ucdp-ged:8800001", "ucdp-ged:8800004", "ucdp-ged:8800011" }, CitedEvidence(report));
        Assert.Empty(Directory.GetFiles(Quarantine, "*.partial"));
        AssertPlainMessages(err);
    }

    [Fact]
    public void Gzip_And_Zip_Evidence_Are_Read_And_What_Else_Is_In_The_Archive_Is_Noted()
    {
        var (code, report, err) = VerifyJson("coh-2016", Corpus("archives"));
        Assert.Equal(TruceApp.Ok, code);
        Assert.Equal((2L, 0L, null), Counts(report, "archives/ucdp.csv.gz"));
        Assert.Equal((1L, 0L, null), Counts(report, "archives/evidence.zip/export/ucdp.csv"));
        Assert.Contains("archives/evidence.zip/export/README.txt: skipped: not an evidence file type", err, StringComparison.Ordinal);
        Assert.Superset(new HashSet<string> { "ucdp-ged:8800071", "ucdp-ged:8800081" }, CitedEvidence(report));
    }

    [Fact]
    public void A_Folder_With_Text_Files_Notes_Each_Skipped_File_With_Its_Reason_And_Reads_The_Evidence()
    {
        var (code, report, err) = VerifyJson("qusayr-2018", Corpus("folders/mixed"));
        Assert.Equal(TruceApp.Ok, code);
        foreach (var name in new[] { "notes.txt", "todo.txt" })
        {
            Assert.Contains($"folders/mixed/{name}: skipped: '.txt' is not an evidence file type", err, StringComparison.Ordinal);
        }

        Assert.Equal((3L, 0L, null), Counts(report, "folders/mixed/events.ndjson"));
        Assert.Equal(2, report.RootElement.GetProperty("evidence_summary").GetProperty("notes").GetArrayLength());
    }

    [Fact]
    public void A_Folder_With_Nothing_Readable_Is_An_Error_And_Exits_3()
    {
        var (code, _, err) = Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", Corpus("folders/nothing-readable")]);
        Assert.Equal(TruceApp.PartialInput, code);
        Assert.Contains("folders/nothing-readable: error: no evidence files in this folder", err, StringComparison.Ordinal);
        Assert.Contains("folders/nothing-readable/export.xlsx: skipped: '.xlsx' is not an evidence file type", err, StringComparison.Ordinal);
        Assert.Contains("none of the evidence paths held a readable evidence file", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public void A_Line_Of_Tens_Of_Megabytes_Without_A_Newline_Is_Rejected_Naming_The_Limit_And_The_Following_Rows_Are_Kept(string kind)
    {
        // Generated here, never committed: 24 MiB of one line, between good rows.
        var file = Path.Combine(temp, "long." + kind);
        using (var w = new FileStream(file, FileMode.CreateNew))
        {
            var good = File.ReadAllLines(kind == "csv" ? Corpus("dates/ucdp-after-run-date.csv") : Repo.Path("examples/evidence/reports-2018.ndjson"));
            w.Write(Encoding.UTF8.GetBytes(good[0] + "\n" + good[1] + "\n"));
            var chunk = new byte[1 << 20];
            chunk.AsSpan().Fill((byte)'7');
            for (int i = 0; i < 24; i++)
            {
                w.Write(chunk);
            }

            w.Write(Encoding.UTF8.GetBytes("\n" + good[2] + "\n"));
        }

        var (code, report, err) = VerifyJson(kind == "csv" ? "coh-2016" : "qusayr-2018", file);
        Assert.Equal(TruceApp.Ok, code);
        Assert.Matches($@"long\.{kind}:3: \((row|line)\): the (record|line) is longer than the 1,048,576-byte limit \(25,165,825 bytes skipped to the next line\)", err);
        Assert.Equal((kind == "csv" ? 2L : 3L, 1L, null), Counts(report, "long." + kind));
        var record = Assert.Single(Quarantined(Path.Combine(Quarantine, $"long.{kind}.rejected.ndjson")));
        Assert.True(record.GetProperty("raw").GetString()!.Length <= 256, "the quarantine keeps a prefix of an over-long line, not the line");
    }

    [Theory]
    [InlineData("huge.csv")]
    [InlineData("huge.ndjson")]
    public void Memory_Stays_Bounded_By_The_Record_Limit_While_A_48_MiB_Line_Is_Skipped(string name)
    {
        var header = name.EndsWith(".csv", StringComparison.Ordinal) ? File.ReadAllLines(Corpus("dates/ucdp-after-run-date.csv"))[0] + "\n" : string.Empty;
        var row = name.EndsWith(".csv", StringComparison.Ordinal)
            ? File.ReadAllLines(Corpus("dates/ucdp-after-run-date.csv"))[1]
            : File.ReadAllLines(Repo.Path("examples/evidence/reports-2018.ndjson"))[0];
        using var stream = new LongLineStream(Encoding.UTF8.GetBytes(header + row + "\n"), 48L << 20, Encoding.UTF8.GetBytes("\n" + row + "\n"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var rows = EvidenceReader.Read(stream, name, Repo.Import()).ToList();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(3, rows.Count);
        Assert.NotNull(rows[0].Evidence);
        Assert.Contains("longer than the 1,048,576-byte limit", rows[1].Rejection?.Reason, StringComparison.Ordinal);
        Assert.NotNull(rows[2].Evidence);
        Assert.True(allocated < 8L << 20, $"allocated {allocated:N0} bytes to skip a 48 MiB line");
    }

    [Fact]
    public async Task Ctrl_C_While_Reading_Exits_130_And_Leaves_No_Partial_Quarantine_File_Or_Report()
    {
        // A named pipe lets the test interrupt at a known point: after the quarantine file has been started.
        var fifo = MakeFifo("live.ndjson");

        var report = Path.Combine(temp, "out", "report.json");
        using var cancel = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            try
            {
                using var w = new StreamWriter(fifo);
                for (int i = 0; i < 1500; i++)
                {
                    w.WriteLine($"{{\"id\":\"bad-{i}\"}}");
                }

                w.Flush();
                var until = DateTime.UtcNow.AddSeconds(20);
                while (!(Directory.Exists(Quarantine) && Directory.GetFiles(Quarantine, "*.partial").Length > 0) && DateTime.UtcNow < until)
                {
                    Thread.Sleep(5);
                }

                cancel.Cancel();
                for (int i = 0; i < 5000; i++)
                {
                    w.WriteLine($"{{\"id\":\"late-{i}\"}}");
                }
            }
            catch (IOException)
            {
                // The reader stopped and closed the pipe: expected.
            }
        });

        var (code, output, err) = Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", fifo, "--quarantine", Quarantine, "--out", report], cancel: cancel.Token);
        if (await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(1))) != writer)
        {
            // The run ended without opening the pipe: open it here so that the writer can finish.
            using var drain = new FileStream(fifo, FileMode.Open, FileAccess.Read);
            await drain.CopyToAsync(Stream.Null);
        }

        Assert.True(cancel.IsCancellationRequested, "the quarantine file never appeared");
        Assert.Equal(TruceApp.Interrupted, code);
        Assert.Contains("interrupted", err, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.Empty(Directory.GetFiles(temp, "*.partial", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Quarantine));
        Assert.False(File.Exists(report));
    }

    [Fact]
    public async Task Ctrl_C_Interrupts_A_Run_Skipping_An_Endless_Line()
    {
        // The row loop checks for Ctrl-C every 1,024 rows; an endless line is one row, so the check must be in the reading.
        var fifo = MakeFifo("endless.ndjson");
        using var cancel = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            try
            {
                using var w = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                var chunk = new byte[1 << 16];
                chunk.AsSpan().Fill((byte)'x');
                for (long written = 0; ; written += chunk.Length)
                {
                    w.Write(chunk);
                    if (written == 8 << 20)
                    {
                        cancel.Cancel();
                    }
                }
            }
            catch (IOException)
            {
                // The reader stopped and closed the pipe.
            }
        });

        var run = Task.Run(() => Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", fifo, "--quarantine", Quarantine], cancel: cancel.Token));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));
        if (!writer.IsCompleted)
        {
            // If the run never opened the pipe, open and close it here so that the writer can finish.
            await using (new FileStream(fifo, FileMode.Open, FileAccess.Read))
            {
            }
        }

        Assert.True(finished == run, "the run did not stop after Ctrl-C");
        var (code, _, err) = await run;
        Assert.Equal(TruceApp.Interrupted, code);
        Assert.Contains("interrupted", err, StringComparison.Ordinal);
        await writer;
    }

    [Fact]
    public async Task A_Device_Given_As_Evidence_Is_Refused_Before_A_Byte_Is_Read()
    {
        var disguised = Path.Combine(temp, "zero.ndjson");
        File.CreateSymbolicLink(disguised, "/dev/zero");
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => Run(["verify", Spec("qusayr-2018"), .. Registries, "--evidence", "/dev/zero", "--evidence", disguised,
            "--evidence", Repo.Path("examples/evidence/reports-2018.ndjson"), "--format", "json"], cancel: stop.Token));
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) != run)
        {
            await stop.CancelAsync();
            Assert.Fail("reading a device did not end");
        }

        var (code, output, err) = await run;
        Assert.Equal(TruceApp.PartialInput, code);
        Assert.Contains("/dev/zero: error: a device (such as /dev/zero), not an evidence file: nothing was read", err, StringComparison.Ordinal);
        Assert.Contains(disguised + ": error: a device (such as /dev/zero), not an evidence file", err, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(output);
        Assert.Contains("al-monitor:q-001", CitedEvidence(report));
    }

    private string MakeFifo(string name)
    {
        var fifo = Path.Combine(temp, name);
        using var mkfifo = Process.Start("mkfifo", fifo);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return fifo;
    }

    /// <summary>A prefix, then <c>length</c> bytes of one line without a newline, then a suffix; made on the fly, never held.</summary>
    private sealed class LongLineStream(byte[] prefix, long length, byte[] suffix) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => prefix.Length + length + suffix.Length;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = 0;
            while (n < buffer.Length && position < Length)
            {
                var rest = buffer[n..];
                int wrote;
                if (position < prefix.Length)
                {
                    wrote = Math.Min(rest.Length, prefix.Length - (int)position);
                    prefix.AsSpan((int)position, wrote).CopyTo(rest);
                }
                else if (position < prefix.Length + length)
                {
                    wrote = (int)Math.Min(rest.Length, prefix.Length + length - position);
                    rest[..wrote].Fill((byte)'x');
                }
                else
                {
                    int at = (int)(position - prefix.Length - length);
                    wrote = Math.Min(rest.Length, suffix.Length - at);
                    suffix.AsSpan(at, wrote).CopyTo(rest);
                }

                n += wrote;
                position += wrote;
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
