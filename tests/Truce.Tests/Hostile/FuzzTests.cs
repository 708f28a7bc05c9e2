using System.Text;
using CsCheck;
using Truce.Agreements;
using Truce.Evidence.Import;
using Truce.Geodesy;
using Truce.Tests.TestSupport;
using Truce.Text;

namespace Truce.Tests.Hostile;

/// <summary>
/// Mutated real rows and random bytes fed to every importer, the spec reader (with the linter) and the geometry
/// reader: each outcome must be evidence, a located rejection, or a located refusal of the whole file — never any
/// other exception. A failure prints the CsCheck seed and the mutated input.
/// </summary>
public class FuzzTests
{
    private const long Iterations = 2000;

    private static readonly ImportContext Context = Repo.Import();

    /// <summary>Tiny limits, so that small inputs reach the over-long record and feature paths too.</summary>
    private static readonly ImportContext TightContext = Context with { Limits = new ImportLimits(MaxRecordBytes: 600, MaxFeatureBytes: 1024) };

    private static readonly Lazy<(string Header, string[] Rows)> RealUcdp = new(LoadRealUcdpRows);

    /// <summary>Bytes and tokens that break parsers: delimiters, quotes, line ends, invalid UTF-8, controls, bidi, edge numbers and dates, JSON and YAML syntax.</summary>
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            string.Empty, ",", "\"", "\"\"", "\n", "\r\n", "\r", "\0", "\u001b[2J", "\u202e", "\ufeff", "9999-12-31", "1850-01-01", "0001-01-01",
            "2018-02-30", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "-0", "2147483648", "-2147483649", "99999999999999999999999", "0x10",
            "null", "true", "[]", "{}", "[[[[[[[[[[", "]]]]", "}}}}", "\"lat\":", "\"type\":\"coverage\",", "\"bbox\":[95,0,10,10],", "\"bbox\":[1,2,1e400,4],",
            "{\"type\":\"Feature\"}", "\\u0000", "\\ud800", "\"coordinates\":[1e400,0]", "\"coordinates\":[200,95]", "\"actors\":[1,\"x\",null],",
            "\"features\":[1,\"x\",null,[]],", "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]},",
            ": ", "- ", "&a ", "*a", "!!binary ", "<<: *a", "? ", "|\n", ">\n", "---\n", "...\n", "\t", "%YAML 1.2\n", ".inf", "-.inf", ".nan", "~",
            "85 km", "0 km", "-5 km", "1e309 km", "40000 km", "99999999999 days", "3000000 days", "9999-12-30", "25 km", "7 days", "2018-13-45", "within: ", "of: ", "all: [", "difference: [",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x80],
    ];

    /// <summary>One edit of a byte string; positions are taken modulo the current length.</summary>
    private readonly record struct Mutation(int Kind, int Position, int Length, int Token, byte Byte)
    {
        public byte[] Apply(byte[] input)
        {
            var b = new List<byte>(input);
            int at = b.Count == 0 ? 0 : Position % (b.Count + 1);
            int len = Math.Min(Length, b.Count - Math.Min(at, b.Count));
            switch (Kind)
            {
                case 0 when at < b.Count:
                    b[at] ^= (byte)(1 << (Byte & 7));
                    break;
                case 1 when at < b.Count:
                    b[at] = Byte;
                    break;
                case 2:
                    b.InsertRange(at, Tokens[Token]);
                    break;
                case 3:
                    b.RemoveRange(at, len);
                    break;
                case 4:
                    b.InsertRange(at, b.GetRange(at, len));
                    break;
                case 5:
                    {
                        // Replace the field or token at the position (a run between delimiters) by a hostile token.
                        static bool Delimiter(byte c) => c is (byte)',' or (byte)'"' or (byte)':' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'\n';
                        int s = Math.Min(at, b.Count), e = s;
                        while (s > 0 && !Delimiter(b[s - 1]))
                        {
                            s--;
                        }

                        while (e < b.Count && !Delimiter(b[e]))
                        {
                            e++;
                        }

                        b.RemoveRange(s, e - s);
                        b.InsertRange(s, Tokens[Token]);
                        break;
                    }

                case 6:
                    b.RemoveRange(at, b.Count - at);
                    break;
                case 8:
                    {
                        // YAML-aware: replace the value after "key: " on the line at the position (a spec value, not its syntax).
                        int lineStart = at, lineEnd = at;
                        while (lineStart > 0 && b[lineStart - 1] != (byte)'\n')
                        {
                            lineStart--;
                        }

                        while (lineEnd < b.Count && b[lineEnd] != (byte)'\n')
                        {
                            lineEnd++;
                        }

                        int colon = b.GetRange(lineStart, lineEnd - lineStart).IndexOf((byte)':');
                        if (colon >= 0 && lineStart + colon + 2 <= lineEnd)
                        {
                            int valueStart = lineStart + colon + 2;
                            b.RemoveRange(valueStart, lineEnd - valueStart);
                            b.InsertRange(valueStart, Tokens[Token].Where(c => c != (byte)'\n'));
                        }

                        break;
                    }

                default:
                    b.Insert(at, Byte);
                    break;
            }

            return [.. b];
        }
    }

    private static readonly Gen<Mutation> OneMutation = Gen.Select(Gen.Int[0, 8], Gen.Int[0, int.MaxValue], Gen.Int[0, 80], Gen.Int[0, Tokens.Length - 1], Gen.Byte)
        .Select((k, p, l, t, b) => new Mutation(k, p, l, t, b));

    private static readonly Gen<Mutation[]> Mutations = OneMutation.Array[1, 6];

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 3000];

    private static byte[] Mutate(byte[] seed, Mutation[] mutations) => mutations.Aggregate(seed, (bytes, m) => m.Apply(bytes));

    private static string Show(byte[] bytes) => Utf8Text.Describe(bytes.AsSpan(0, Math.Min(bytes.Length, 2000)));

    /// <summary>The header and a sample of whole records (quoted line breaks included) of the real UCDP GED Syria file.</summary>
    private static (string Header, string[] Rows) LoadRealUcdpRows()
    {
        var file = Repo.SharedData("data/ucdp-ged/ged_syria_652.1601.1911.csv");
        var lines = File.ReadAllLines(file);
        using var stream = File.OpenRead(file);
        var starts = EvidenceReader.Read(stream, file, Context).Select(r => r.Evidence!.Origin.Line).Append(lines.Length + 1).ToList();
        var rows = new List<string>();
        for (int i = 0; i + 1 < starts.Count; i += 150)
        {
            rows.Add(string.Join("\n", lines[(int)(starts[i] - 1)..(int)(starts[i + 1] - 1)]));
        }

        return (lines[0], [.. rows]);
    }

    private static byte[] Example(string relative) => File.ReadAllBytes(Repo.Path(relative));

    /// <summary>Reads every row and asserts the importer's contract; returns how the read ended, for the failure message.</summary>
    private static void AssertOnlyLocatedOutcomes(string file, Func<IEnumerable<ImportRow>> read)
    {
        try
        {
            foreach (var row in read())
            {
                if (row.Rejection is { } r)
                {
                    Assert.Equal(file, r.File);
                    Assert.True(r.Line >= 1, $"rejection without a line: {r}");
                    Assert.False(string.IsNullOrWhiteSpace(r.Field), $"rejection without a field: {r}");
                    Assert.False(string.IsNullOrWhiteSpace(r.Reason), $"rejection without a reason: {r}");
                }
                else if (row.Evidence is { } e)
                {
                    Assert.True(e.Origin.Line >= 1, $"evidence without a line: {e.Id}");
                    Assert.Equal(file, e.Origin.File);
                }
                else
                {
                    Assert.NotNull(row.Coverage);
                }
            }
        }
        catch (EvidenceFormatException ex)
        {
            Assert.Equal(file, ex.File);
            Assert.False(string.IsNullOrWhiteSpace(ex.Reason), "a refusal without a reason");
        }
    }

    private static MemoryStream Bytes(byte[] bytes) => new MemoryStream(bytes, writable: false);

    private static ImportContext ContextFor(bool tight) => tight ? TightContext : Context;

    [Fact]
    public void Mutated_Real_Ucdp_Rows_Become_Evidence_Or_Located_Rejections()
    {
        var (header, rows) = RealUcdp.Value;
        Gen.Select(Gen.Int[0, rows.Length - 1].Array[1, 3], Mutations, Gen.Bool).Sample((picked, mutations, tight) =>
        {
            var seed = Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", picked.Select(i => rows[i])) + "\n");
            var bytes = Mutate(seed, mutations);
            AssertOnlyLocatedOutcomes("ucdp.csv", () => UcdpGedImporter.Read(Bytes(bytes), "ucdp.csv", ContextFor(tight), []));
            AssertOnlyLocatedOutcomes("ucdp.csv", () => EvidenceReader.Open(Bytes(bytes), "ucdp.csv", ContextFor(tight), []).Rows);
        }, iter: Iterations, print: t => Show(Mutate(Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", t.Item1.Select(i => rows[i])) + "\n"), t.Item2)));
    }

    [Theory]
    [InlineData("examples/evidence/acled-syria-sample.csv", "acled.csv")]
    [InlineData("examples/evidence/golan-2018.ndjson", "golan.ndjson")]
    [InlineData("examples/evidence/reports-2018.ndjson", "reports.jsonl")]
    [InlineData("examples/evidence/strikes-2019.geojson", "strikes.geojson")]
    [InlineData("examples/evidence/ucdp-ged-syria-sample.csv", "ucdp-sample.csv")]
    public void Mutated_Example_Evidence_Becomes_Evidence_Or_Located_Rejections(string example, string name)
    {
        var seed = Example(example);
        Gen.Select(Mutations, Gen.Bool).Sample((mutations, tight) =>
        {
            var bytes = Mutate(seed, mutations);
            AssertOnlyLocatedOutcomes(name, () => Direct(name, bytes, ContextFor(tight)));
            AssertOnlyLocatedOutcomes(name, () => EvidenceReader.Open(Bytes(bytes), name, ContextFor(tight), []).Rows);
        }, iter: Iterations, print: t => Show(Mutate(seed, t.Item1)));
    }

    /// <summary>The format's own importer, called directly.</summary>
    private static IEnumerable<ImportRow> Direct(string name, byte[] bytes, ImportContext context) => Path.GetExtension(name) switch
    {
        ".csv" when name.StartsWith("acled", StringComparison.Ordinal) => AcledImporter.Read(Bytes(bytes), name, context, []),
        ".csv" => UcdpGedImporter.Read(Bytes(bytes), name, context, []),
        ".geojson" => GeoJsonEvidenceImporter.Read(Bytes(bytes), name, context),
        _ => NdjsonImporter.Read(Bytes(bytes), name, context),
    };

    [Fact]
    public void Random_Bytes_Are_Rejected_Or_Refused_By_Every_Importer_With_A_Location()
    {
        string[] names = ["random.csv", "acled-random.csv", "random.ndjson", "random.geojson", "random.csv.gz", "random.ndjson.gz"];
        Gen.Select(RandomBytes, Gen.Int[0, names.Length - 1], Gen.Bool).Sample((bytes, n, tight) =>
        {
            var name = names[n];
            if (!name.EndsWith(".gz", StringComparison.Ordinal))
            {
                AssertOnlyLocatedOutcomes(name, () => Direct(name, bytes, ContextFor(tight)));
            }

            AssertOnlyLocatedOutcomes(name, () => EvidenceReader.Open(Bytes(bytes), name, ContextFor(tight), []).Rows);
        }, iter: Iterations, print: t => $"{names[t.Item2]}: {Show(t.Item1)}");
    }

    private static readonly Lazy<(byte[][] Specs, string[] Names)> Specs = new(() =>
    {
        var files = Directory.GetFiles(Repo.Path("examples/agreements"), "*.yaml").Concat(Directory.GetFiles(Repo.Path("tests/hostile/specs"), "*.yaml")).Order(StringComparer.Ordinal).ToArray();
        return ([.. files.Select(File.ReadAllBytes)], [.. files.Select(Path.GetFileName).Select(n => n!)]);
    });

    /// <summary>Evidence to verify mutated specs against: every item of the example NDJSON and GeoJSON files.</summary>
    private static readonly Lazy<List<Truce.Evidence.Evidence>> ExampleEvidence = new(() =>
        [.. new[] { "golan-2018.ndjson", "reports-2018.ndjson", "strikes-2019.geojson", "acled-syria-sample.csv" }
            .SelectMany(f => EvidenceReader.Read(new MemoryStream(Example("examples/evidence/" + f)), f, Context))
            .Where(r => r.Evidence is not null).Select(r => r.Evidence!)]);

    [Fact]
    public void Mutated_Shipped_Specs_Give_Located_Diagnostics_And_Lint_And_Verify_Without_Throwing()
    {
        var (specs, names) = Specs.Value;
        var actors = Repo.Actors();
        var sources = Repo.Sources();
        var catalog = Repo.Geometry();
        var places = Repo.Places();
        var evidence = ExampleEvidence.Value;
        Gen.Select(Gen.Int[0, specs.Length - 1], Mutations).Sample((i, mutations) =>
        {
            var text = Encoding.UTF8.GetString(Mutate(specs[i], mutations));
            var file = "fuzz/" + names[i];
            var bag = new DiagnosticBag();
            var agreement = AgreementSpecReader.Read(text, file, bag);
            if (agreement is null)
            {
                Assert.Contains(bag.Items, d => d.Severity == Severity.Error);
            }
            else
            {
                bag.AddRange(SpecLinter.Lint(agreement, actors, catalog, sources));
                if (!bag.HasErrors)
                {
                    // What lint passes, verify must run: a spec value it cannot handle is a lint error, never a crash.
                    var verifier = new Truce.Verification.Verifier([agreement], catalog, actors, places: places);
                    evidence.ForEach(verifier.Observe);
                    Assert.NotNull(verifier.Verdicts());
                }
            }

            foreach (var d in bag.Items)
            {
                Assert.Equal(file, d.File);
                Assert.True(d.Line >= 1 || d.Code == "TR002", "not located: " + d);
                Assert.False(string.IsNullOrWhiteSpace(d.Message), d.ToString());
                Assert.DoesNotContain("(Parameter '", d.Message, StringComparison.Ordinal);
            }
        }, iter: Iterations, print: t => $"{names[t.Item1]}:\n{Encoding.UTF8.GetString(Mutate(specs[t.Item1], t.Item2))}");
    }

    [Theory]
    [InlineData("examples/actors.yaml", 150)]
    [InlineData("examples/sources.yaml", 1000)]
    [InlineData("examples/places.yaml", 1000)]
    public void Mutated_Registries_Give_Located_Diagnostics_Not_Exceptions(string registry, long iterations)
    {
        var seed = Example(registry);
        var catalog = Repo.Geometry();
        Mutations.Sample(mutations =>
        {
            var text = Encoding.UTF8.GetString(Mutate(seed, mutations));
            var bag = new DiagnosticBag();
            bool read = registry switch
            {
                "examples/actors.yaml" => Truce.Actors.ActorRegistryReader.Read(text, "fuzz.yaml", bag) is not null,
                "examples/sources.yaml" => Truce.Evidence.SourceRegistry.Read(text, "fuzz.yaml", bag) is not null,
                _ => Truce.Places.AdminUnitTable.Read(text, "fuzz.yaml", catalog, bag) is not null,
            };
            Assert.True(read || bag.HasErrors, "refused without an error");
            Assert.All(bag.Items, d => Assert.True(d.File == "fuzz.yaml" && d.Message.Length > 0 && (d.Line >= 1 || d.Code == "TR002"), "not located: " + d));
        }, iter: iterations, print: m => Encoding.UTF8.GetString(Mutate(seed, m)));
    }

    [Fact]
    public void Random_Text_Given_As_A_Spec_Gives_Diagnostics_Not_Exceptions()
    {
        Gen.String.Sample(text =>
        {
            var bag = new DiagnosticBag();
            if (AgreementSpecReader.Read(text, "random.yaml", bag) is null)
            {
                Assert.Contains(bag.Items, d => d.Severity == Severity.Error && d.File == "random.yaml" && d.Message.Length > 0);
            }
        }, iter: Iterations);
    }

    [Theory]
    [InlineData("examples/geo/truce-annotations.geojson")]
    [InlineData("tests/hostile/specs/self-intersecting.geojson")]
    [InlineData("tests/hostile/specs/antimeridian.geojson")]
    public void Mutated_Reference_Geometry_Gives_Diagnostics_Not_Exceptions(string example)
    {
        var seed = Example(example);
        Mutations.Sample(mutations =>
        {
            var text = Encoding.UTF8.GetString(Mutate(seed, mutations));
            var bag = new DiagnosticBag();
            GeometryReader.Read(text, "fuzz.geojson", new GeometryCatalog(), bag);
            Assert.All(bag.Items, d => Assert.True(d.File == "fuzz.geojson" && d.Message.Length > 0 && !d.Message.Contains("(Parameter '", StringComparison.Ordinal), d.ToString()));
        }, iter: Iterations, print: m => Encoding.UTF8.GetString(Mutate(seed, m)));
    }
}
