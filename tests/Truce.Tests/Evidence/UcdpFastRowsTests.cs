using System.Globalization;
using System.Text;
using CsCheck;
using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Evidence;

/// <summary>
/// The UCDP importer reads a well-formed row straight from its bytes and hands every other row to the complete
/// reading; both must give the same evidence and the same rejections, field for field, for every row of the real file,
/// the fixtures, the hostile corpus and rows whose fields are rewritten into every form the complete reading accepts
/// or refuses.
/// </summary>
public class UcdpFastRowsTests
{
    private static readonly ImportContext Context = Repo.Import();

    /// <summary>Every field of a row's outcome, as text: two readings agree exactly when these lines agree.</summary>
    private static string Describe(ImportRow row)
    {
        if (row.Rejection is { } r)
        {
            return $"rejected {r.File}:{r.Line} [{r.Field}] {r.Reason} | {r.Raw}";
        }

        var e = row.Evidence!;
        var actors = string.Join(" ; ", e.Actors.Select(a => $"{a.Name}|{a.Role}|{a.Basis}|{a.Category}|{a.Deaths}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{e.Id} {e.Origin} {e.Location.Latitude:R},{e.Location.Longitude:R} {e.LocationPrecision} {e.Time} {e.Activity} '{e.ReportedType}' [{actors}] {e.Source} "
            + $"'{e.Description}' {e.Fatalities}/{e.FatalitiesLow}/{e.FatalitiesHigh} '{e.Place}' {e.Admin}");
    }

    private static (List<string> Rows, List<string> Notices) ReadBothWays(byte[] bytes, string name, bool complete, ImportContext? context = null)
    {
        var notices = new List<string>();
        var rows = UcdpGedImporter.Read(new MemoryStream(bytes, writable: false), name, context ?? Context, notices, complete).Select(Describe).ToList();
        return (rows, notices);
    }

    private static void AssertSameReading(byte[] bytes, string name, ImportContext? context = null)
    {
        var fast = ReadBothWays(bytes, name, complete: false, context);
        var complete = ReadBothWays(bytes, name, complete: true, context);
        Assert.Equal(complete.Notices, fast.Notices);
        Assert.Equal(complete.Rows.Count, fast.Rows.Count);
        for (int i = 0; i < complete.Rows.Count; i++)
        {
            Assert.Equal(complete.Rows[i], fast.Rows[i]);
        }
    }

    public static TheoryData<string> Files => new()
    {
        "tests/Truce.Tests/Fixtures/ucdp/ged-41-columns.csv",
        "tests/Truce.Tests/Fixtures/ucdp/ged-49-columns.csv",
        "tests/Truce.Tests/Fixtures/ucdp/ged-reordered.csv",
        "tests/Truce.Tests/Fixtures/ucdp/ged-extra-column.csv",
        "tests/Truce.Tests/Fixtures/ucdp/ged-missing-optional.csv",
        "tests/hostile/columns/ucdp-extra-and-missing-column.csv",
        "tests/hostile/dates/ucdp-9999-and-1850.csv",
        "tests/hostile/dates/ucdp-after-run-date.csv",
        "tests/hostile/dates/ucdp-before-extent.csv",
        "tests/hostile/injection/ucdp-raw-controls.csv",
        "tests/hostile/encoding/ucdp-latin1.csv",
        "examples/evidence/ucdp-ged-syria-sample.csv",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Should_Read_Every_Row_Of_The_Fixtures_And_The_Hostile_Corpus_As_The_Complete_Reading_Does(string file) =>
        AssertSameReading(File.ReadAllBytes(Repo.Path(file)), Path.GetFileName(file));

    [Fact]
    public void Should_Read_Every_Row_Of_The_Real_Ucdp_File_As_The_Complete_Reading_Does()
    {
        var bytes = File.ReadAllBytes(Repo.SharedData("data/ucdp-ged/ged_syria_652.1601.1911.csv"));
        var fast = ReadBothWays(bytes, "ged.csv", complete: false);
        var complete = ReadBothWays(bytes, "ged.csv", complete: true);
        Assert.Equal(16_566, complete.Rows.Count);
        Assert.Equal(complete.Rows, fast.Rows);
    }

    [Fact]
    public void Should_Share_Repeated_Texts_Between_Rows_Without_Mixing_Them_Up()
    {
        using var stream = File.OpenRead(Repo.SharedData("data/ucdp-ged/ged_syria_652.1601.1911.csv"));
        var items = UcdpGedImporter.Read(stream, "ged.csv", Context, []).Select(r => r.Evidence!).ToList();
        var government = items.Where(e => e.Actors[0].Name == "Government of Syria").ToList();
        Assert.True(government.Count > 1000, $"{government.Count} rows with side A Government of Syria");

        // One decoded name for thousands of rows; each row still has its own id, line and deaths.
        Assert.True(government.Select(e => e.Actors[0].Name).Distinct(ReferenceEqualityComparer.Instance).Count() == 1);
        Assert.Equal(government.Count, government.Select(e => e.Id).Distinct().Count());
        Assert.Equal(government.Count, government.Select(e => e.Origin.Line).Distinct().Count());
    }

    /// <summary>A field rewritten into one of the forms below, each accepted or refused by the complete reading.</summary>
    private static readonly Dictionary<string, string[]> Variants = new(StringComparer.Ordinal)
    {
        ["id"] = ["", " 7", "7 ", "٣", "123456789012", "x-1", "\u00a07"],
        ["latitude"] = ["33.5", " 33.5", "33.5 ", "+33.5", "-33.5", "3.35e1", "90", "90.0000001", "-90", "NaN", "Infinity", "", "33,5", "\u00a033.5", ".5", "5."],
        ["longitude"] = ["36.3", "180", "-180", "180.5", "1e400", "0x10", "36.3\u00a0"],
        ["where_prec"] = ["1", "7", "0", "8", "2.0", " 2", "+2", "-1", "", "2.5"],
        ["date_start"] = ["2018-03-04", "2018-03-04 00:00:00", "2018-03-04 00:00:00.000", "2018-03-04T00:00:00", "2018-03-04T00:00:00Z", "2018-03-04 12:00:00",
            "4 March 2018", "04/03/2018", "2018-02-30", "2018-13-01", "1899-12-31", "9999-12-31", " 2018-03-04", "2018-3-4", "", "2018-03-04 "],
        ["date_end"] = ["2018-03-04", "2018-03-03", "2018-04-30", "2027-01-01", "2018-03-05 00:00:00.000"],
        ["date_prec"] = ["1", "5", "6", "0", "3.0", ""],
        ["type_of_violence"] = ["1", "2", "3", "4", "", "3.0"],
        ["side_a"] = ["Government of Syria", " Government of Syria ", "", " ", "Ahrar al-Sham, Jabhat Fateh al-Sham", "Ḥizbullāh"],
        ["side_b"] = ["Syrian insurgents", "", "  IS  ", "Civilians"],
        ["deaths_a"] = ["0", "3", "", " ", "-1", "3.0", "2147483648", "1e3"],
        ["best"] = ["26", "", "0", "x"],
        ["event_clarity"] = ["1", "2", "3", "", "1.0"],
        ["adm_1"] = ["Damascus Governorate", "", " Daraa governorate ", "\u00a0"],
        ["where_coordinates"] = ["Damascus city", "", "Damascus Governorate"],
        ["source_headline"] = ["Clashes", "", "\"quoted, with comma\""],
    };

    [Fact]
    public void Should_Read_Rows_With_Rewritten_Fields_As_The_Complete_Reading_Does()
    {
        var lines = File.ReadAllLines(Repo.Path("tests/Truce.Tests/Fixtures/ucdp/ged-41-columns.csv"));
        var header = lines[0].Split(',');
        var baseRow = SplitCsv(lines[1]);
        var fields = Variants.Keys.ToArray();
        var gen = Gen.Select(Gen.Int[0, fields.Length - 1], Gen.Int[0, 1000]).Array[1, 4];
        gen.Sample(changes =>
        {
            var row = baseRow.ToArray();
            foreach (var (f, v) in changes)
            {
                var column = Array.IndexOf(header, fields[f]);
                var options = Variants[fields[f]];
                row[column] = options[v % options.Length];
            }

            var csv = string.Join(',', header) + "\n" + string.Join(',', row.Select(Quote)) + "\n";
            AssertSameReading(Encoding.UTF8.GetBytes(csv), "rewritten.csv", Context);
        }, iter: 2000, print: changes => string.Join("; ", changes.Select(c => $"{fields[c.Item1]}={Variants[fields[c.Item1]][c.Item2 % Variants[fields[c.Item1]].Length]}")));
    }

    [Fact]
    public void Should_Apply_The_Sources_Extent_And_The_Run_Date_As_The_Complete_Reading_Does()
    {
        var csv = File.ReadAllBytes(Repo.Path("tests/hostile/dates/ucdp-9999-and-1850.csv"));
        foreach (var today in new[] { new DateOnly(2016, 1, 1), new DateOnly(2018, 3, 4), new DateOnly(2018, 3, 3) })
        {
            AssertSameReading(csv, "dates.csv", ImportContext.For(Repo.Sources(), today));
            AssertSameReading(File.ReadAllBytes(Repo.Path("tests/Truce.Tests/Fixtures/ucdp/ged-41-columns.csv")), "ged.csv", ImportContext.For(Repo.Sources(), today));
        }
    }

    private static string Quote(string field) => field.Contains(',') || field.Contains('"') ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>Splits one CSV line of the fixture (quoted fields with doubled quotes).</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }
}
