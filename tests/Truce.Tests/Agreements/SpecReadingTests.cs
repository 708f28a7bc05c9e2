using Truce.Agreements;
using Truce.Evidence;
using Truce.Text;

namespace Truce.Tests.Agreements;

/// <summary>
/// What <see cref="AgreementSpecReader.Read"/> makes of each field of docs/spec-format.md, and the one diagnostic each
/// kind of mistake draws (code, field path, line, and the words that name the mistake). Lines are found in the test's
/// own YAML text; nothing is copied from Truce's output.
/// </summary>
public class SpecReadingTests
{
    /// <summary>A spec that uses every field the format defines, each with a value no other field has.</summary>
    internal const string Full = """
        id: full-deal
        title: A full deal
        status: in_force
        outcome: It held for a week
        signed: 2018-07-01
        in_force: 2018-07-15
        see_also: [other-deal, third-deal]
        notes: free text for readers
        sources:
          - { id: s1, citation: "First report", date: 2018-07-02, url: "https://example.org/1" }
          - { id: s2, citation: "Second report" }
        parties: [syria-government, russia]
        guarantors: [jordan]
        beneficiaries: [israel]
        geometry: [../geo/natural-earth-levant.geojson]
        actor_classes:
          - id: militias
            registry_class: iran-aligned-forces
            actors: [hezbollah]
            includes: [militia]
            excludes: [advisors]
            description: Iran-backed militias
          - id: government
            actors: [syria-government]
        zones:
          - id: band
            description: The band along the line
            zone: { within: 20 km, of: israel-syria-line }
            sources: [s1]
            assumed: true
            note: no line stated
          - id: mixed
            variants:
              - id: first
                zone: { difference: [ { any: [ { area: syria }, { area: israel } ] }, { side: right, of: israel-syria-line } ] }
                sources: [s2]
                assumed: false
                note: the first reading
              - id: second
                zone: { all: [ { beyond: 5 nmi, of: israel-syria-line }, { side: left, of: jordan-syria-border } ] }
        obligations:
          - id: keep-away
            text: "militias out"
            sources: [s1, s2]
            who: militias
            must_not: presence
            zone: band
            from: 2018-08-01
            until: 2018-12-31
            grace: 30 days
            note: a note on the obligation
          - id: no-attacks
            between: [government, militias]
            must_not: attack
            zone: mixed
          - id: no-strikes
            who: government
            against: militias
            must_not: air_strike
            zone: mixed
          - id: deploy
            who: government
            must: deployment
            zone: band
            grace: 1 day
        """;

    internal static (Agreement? Agreement, List<Diagnostic> Diagnostics) Read(string yaml)
    {
        var bag = new DiagnosticBag();
        var a = AgreementSpecReader.Read(yaml, "spec.yaml", bag);
        return (a, [.. bag.Items]);
    }

    /// <summary>The 1-based line of the first line of <paramref name="yaml"/> holding <paramref name="text"/>.</summary>
    internal static int LineOf(string yaml, string text)
    {
        var lines = yaml.Split('\n');
        int i = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(i >= 0, $"'{text}' is not in the test's YAML");
        return i + 1;
    }

    internal static string Replace(string yaml, string from, string to)
    {
        Assert.Contains(from, yaml, StringComparison.Ordinal);
        return yaml.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Asserts that reading gave exactly these diagnostics (code, field, line, a fragment of the message), in this order.</summary>
    internal static void AssertDiagnostics(List<Diagnostic> actual, params (string Code, string Field, int Line, string Says)[] expected)
    {
        Assert.True(expected.Length == actual.Count, "expected " + string.Join(", ", expected.Select(e => e.Code)) + " but got:\n" + string.Join("\n", actual));
        for (int i = 0; i < expected.Length; i++)
        {
            var (code, field, line, says) = expected[i];
            var d = actual[i];
            Assert.True(d.Code == code && d.Field == field && d.Line == line && d.Message.Contains(says, StringComparison.Ordinal) && d.File == "spec.yaml",
                $"expected {code} at {field} line {line} saying \"{says}\", got {d}");
        }
    }

    /// <summary>Reads a spec that must fail with exactly these diagnostics.</summary>
    internal static void AssertRefused(string yaml, params (string Code, string Field, int Line, string Says)[] expected)
    {
        var (a, ds) = Read(yaml);
        AssertDiagnostics(ds, expected);
        Assert.Null(a);
    }

    public class AFullSpec
    {
        // Read afresh by each test: a static field would be read once per process, before a mutant is switched on.
        private static Agreement A => ReadFull();

        private static Agreement ReadFull()
        {
            var (a, ds) = Read(Full);
            Assert.True(ds.Count == 0, string.Join("\n", ds));
            return a!;
        }

        [Fact]
        public void Should_Keep_Every_Top_Level_Field()
        {
            Assert.Equal(("full-deal", "A full deal", AgreementStatus.InForce, "It held for a week", "spec.yaml"), (A.Id, A.Title, A.Status, A.Outcome, A.File));
            Assert.Equal((new DateOnly(2018, 7, 1), new DateOnly(2018, 7, 15)), (A.Signed!.Value, A.InForce!.Value));
            Assert.Equal(["other-deal", "third-deal"], A.SeeAlso);
            Assert.Equal(["syria-government", "russia"], A.Parties);
            Assert.Equal(["jordan"], A.Guarantors);
            Assert.Equal(["israel"], A.Beneficiaries);
            Assert.Equal(["../geo/natural-earth-levant.geojson"], A.Geometry);
        }

        [Fact]
        public void Should_Record_The_Line_Of_Each_Top_Level_Fields_Value()
        {
            // Like every diagnostic of the reader, a field is placed at its value: on the key's line for a scalar or a
            // flow list, on the first item's line for a block list.
            foreach (var field in new[] { "id", "status", "see_also", "parties", "guarantors", "sources", "zones" })
            {
                Assert.Equal(field is "sources" or "zones" ? LineOf(Full, field + ":") + 1 : LineOf(Full, field + ":"), A.FieldLines[field]);
            }

            Assert.Equal(LineOf(Full, "- id: keep-away"), A.FieldLines["obligations"]);
            Assert.Equal(16, A.FieldLines.Count);
        }

        [Fact]
        public void Should_Keep_Each_Source_With_Its_Date_And_Link()
        {
            Assert.Equal(
                [new SourceCitation("s1", "First report", new DateOnly(2018, 7, 2), "https://example.org/1"), new SourceCitation("s2", "Second report", null, null)],
                A.Sources);
        }

        [Fact]
        public void Should_Keep_Each_Actor_Class_With_Its_Includes_Excludes_And_Description()
        {
            var militias = A.ActorClasses[0];
            Assert.Equal(("militias", "iran-aligned-forces", "Iran-backed militias", LineOf(Full, "- id: militias")), (militias.Id, militias.RegistryClass, militias.Description, militias.Line));
            Assert.Equal(["hezbollah"], militias.Actors);
            Assert.Equal(["militia"], militias.Includes);
            Assert.Equal(["advisors"], militias.Excludes);
            var government = A.ActorClasses[1];
            Assert.Equal(("government", null, null), (government.Id, government.RegistryClass, government.Description));
            Assert.Equal(["syria-government"], government.Actors);
            Assert.Empty(government.Includes);
            Assert.Empty(government.Excludes);
        }

        [Fact]
        public void Should_Read_A_Zone_With_One_Reading_As_The_Stated_Reading()
        {
            var band = A.Zones[0];
            Assert.Equal(("band", "The band along the line", LineOf(Full, "- id: band")), (band.Id, band.Description, band.Line));
            var v = Assert.Single(band.Variants);
            Assert.Equal(("stated", true, "no line stated"), (v.Id, v.Assumed, v.Note));
            Assert.Equal(["s1"], v.Sources);
            Assert.Equal(new WithinExpr(Truce.Geodesy.Distance.FromKilometres(20), "israel-syria-line"), v.Expression);
        }

        [Fact]
        public void Should_Read_Each_Variant_With_Its_Own_Sources_Assumption_And_Note()
        {
            var mixed = A.Zones[1];
            Assert.Null(mixed.Description);
            Assert.Equal(["first", "second"], mixed.Variants.Select(v => v.Id));
            var (first, second) = (mixed.Variants[0], mixed.Variants[1]);
            Assert.Equal((false, "the first reading", LineOf(Full, "- id: first")), (first.Assumed, first.Note, first.Line));
            Assert.Equal(["s2"], first.Sources);
            Assert.Equal((false, null), (second.Assumed, second.Note));
            Assert.Empty(second.Sources);
        }

        [Fact]
        public void Should_Build_Every_Operator_Of_The_Zone_Expressions()
        {
            var first = A.Zones[1].Variants[0].Expression;
            var difference = Assert.IsType<DifferenceExpr>(first);
            var any = Assert.IsType<AnyExpr>(difference.Base);
            Assert.Equal([new AreaExpr("syria"), new AreaExpr("israel")], any.Parts);
            Assert.Equal(new SideExpr("israel-syria-line", LineSide.Right), difference.Minus);

            var all = Assert.IsType<AllExpr>(A.Zones[1].Variants[1].Expression);
            Assert.Equal(2, all.Parts.Count);
            var beyond = Assert.IsType<BeyondExpr>(all.Parts[0]);
            Assert.Equal(("israel-syria-line", 9_260.0), (beyond.Of, beyond.Distance.Metres));
            Assert.Equal(new SideExpr("jordan-syria-border", LineSide.Left), all.Parts[1]);
        }

        [Fact]
        public void Should_Keep_An_Obligation_With_Its_Own_Start_Deadline_And_Grace()
        {
            var o = A.Obligations[0];
            Assert.Equal(("keep-away", "militias out", "militias", null, false), (o.Id, o.Text, o.Who, o.Against, o.Mutual));
            Assert.Equal(["s1", "s2"], o.Sources);
            Assert.Equal((Modality.MustNot, ObligedActivity.Presence, "band"), (o.Modality, o.Activity, o.ZoneId));
            Assert.Equal((new DateOnly(2018, 8, 1), new DateOnly(2018, 12, 31)), (o.From!.Value, o.Until!.Value));
            Assert.False(o.FromInherited);
            Assert.Equal((30, true), (o.GraceDays, o.GraceStated));
            Assert.Equal(LineOf(Full, "- id: keep-away"), o.Line);
        }

        [Fact]
        public void Should_Read_Between_As_A_Mutual_Term_On_Both_Classes()
        {
            var o = A.Obligations[1];
            Assert.Equal(("no-attacks", "government", "militias", true), (o.Id, o.Who, o.Against, o.Mutual));
            Assert.Equal((Modality.MustNot, ObligedActivity.Attack), (o.Modality, o.Activity));
            Assert.Null(o.Text);
            Assert.Empty(o.Sources);
        }

        [Fact]
        public void Should_Read_Against_As_A_One_Sided_Term()
        {
            var o = A.Obligations[2];
            Assert.Equal(("government", "militias", false, ObligedActivity.AirStrike), (o.Who, o.Against, o.Mutual, o.Activity));
        }

        [Fact]
        public void Should_Start_Obligations_Without_A_Start_On_The_In_Force_Date_Not_The_Signing()
        {
            foreach (var o in A.Obligations.Skip(1))
            {
                Assert.Equal(new DateOnly(2018, 7, 15), o.From);
                Assert.True(o.FromInherited);
            }

            Assert.Equal((0, false), (A.Obligations[1].GraceDays, A.Obligations[1].GraceStated));
        }

        [Fact]
        public void Should_Read_A_Must_And_A_Grace_Of_One_Day()
        {
            var o = A.Obligations[3];
            Assert.Equal((Modality.Must, ObligedActivity.Deployment, 1, true), (o.Modality, o.Activity, o.GraceDays, o.GraceStated));
            Assert.Equal(new DateOnly(2018, 7, 16), o.EnforcedFrom);
        }

        [Fact]
        public void Should_Leave_Obligations_Without_A_Start_When_The_Agreement_Has_No_In_Force_Date()
        {
            var (a, ds) = Read(Replace(Full, "in_force: 2018-07-15\n", string.Empty));
            Assert.Empty(ds);
            Assert.Null(a!.InForce);
            Assert.Equal(new DateOnly(2018, 7, 1), a.Signed);
            Assert.All(a.Obligations.Skip(1), o => Assert.Equal((null, false), (o.From, o.FromInherited)));
            Assert.Equal(new DateOnly(2018, 8, 1), a.Obligations[0].From);
        }
    }

    public class TheTopLevelFields
    {
        [Fact]
        public void Should_Refuse_A_Null_Diagnostic_Bag()
        {
            Assert.Equal("diagnostics", Assert.Throws<ArgumentNullException>(() => AgreementSpecReader.Read(Full, "spec.yaml", null!)).ParamName);
        }

        [Fact]
        public void Should_Refuse_An_Unknown_Top_Level_Field_And_Suggest_The_Nearest()
        {
            var yaml = Replace(Full, "outcome:", "outcom:");
            AssertRefused(yaml, ("TR004", "outcom", LineOf(yaml, "outcom:"), "unknown field 'outcom' (did you mean 'outcome'?)"));
        }

        [Fact]
        public void Should_Refuse_A_Document_That_Is_Not_A_Mapping()
        {
            AssertRefused("- just\n- a list\n", ("TR003", string.Empty, 1, "expected a mapping of fields"));
        }

        [Theory]
        [InlineData("id: full-deal\n")]
        [InlineData("title: A full deal\n")]
        [InlineData("status: in_force\n")]
        public void Should_Require_Id_Title_And_Status(string line)
        {
            var field = line[..line.IndexOf(':', StringComparison.Ordinal)];
            AssertRefused(Replace(Full, line, string.Empty), ("TR005", field, 1, "required field is missing"));
        }

        [Fact]
        public void Should_Refuse_An_Id_That_Is_Not_A_Slug()
        {
            AssertRefused(Replace(Full, "id: full-deal", "id: Full_Deal"), ("TR010", "id", 1, "'Full_Deal' is not a valid id; use lowercase letters, digits and hyphens"));
        }

        [Fact]
        public void Should_Refuse_An_Unknown_Status_And_List_The_Known_Ones()
        {
            AssertRefused(Replace(Full, "status: in_force", "status: ratified"),
                ("TR031", "status", 3, "'ratified' is not a status; use talks, reported, agreed, signed, in_force, collapsed"));
        }

        [Fact]
        public void Should_Refuse_An_Agreement_In_Force_Before_It_Was_Signed()
        {
            AssertRefused(Replace(Full, "signed: 2018-07-01", "signed: 2018-07-16"), ("TR030", "in_force", 6, "in_force 2018-07-15 precedes signed 2018-07-16"));
        }

        [Fact]
        public void Should_Accept_An_Agreement_Signed_And_In_Force_On_One_Day()
        {
            var (a, ds) = Read(Replace(Full, "signed: 2018-07-01", "signed: 2018-07-15"));
            Assert.Empty(ds);
            Assert.Equal(a!.Signed, a.InForce);
        }

        [Fact]
        public void Should_Read_The_Signing_Date_As_A_Date()
        {
            AssertRefused(Replace(Full, "signed: 2018-07-01", "signed: July 2018"), ("TR008", "signed", 5, "'July 2018' is not a date"));
        }

        [Fact]
        public void Should_Warn_But_Accept_An_Empty_List_Of_Obligations()
        {
            var yaml = Full[..Full.IndexOf("obligations:", StringComparison.Ordinal)] + "obligations: []\n";
            var (a, ds) = Read(yaml);
            var d = Assert.Single(ds);
            Assert.Equal((Severity.Warning, "TR059", "obligations", LineOf(yaml, "obligations:")), (d.Severity, d.Code, d.Field, d.Line));
            Assert.Equal("no obligations: nothing can be verified (fine for talks without terms)", d.Message);
            Assert.Empty(a!.Obligations);
        }

        [Fact]
        public void Should_Not_Warn_About_Obligations_A_Spec_Does_Not_Mention()
        {
            var (a, ds) = Read(Full[..Full.IndexOf("obligations:", StringComparison.Ordinal)]);
            Assert.Empty(ds);
            Assert.Empty(a!.Obligations);
        }

        [Fact]
        public void Should_Judge_A_Spec_By_Its_Own_Errors_Not_By_What_The_Bag_Already_Holds()
        {
            // A bag shared across files: an earlier warning must not hide this file's error, nor an earlier error refuse a good file.
            var bag = new DiagnosticBag();
            bag.Add(new Diagnostic(Severity.Warning, "TR201", "other.yaml", 1, 1, "x", "an earlier warning"));
            Assert.Null(AgreementSpecReader.Read(Replace(Full, "id: full-deal", "id: Bad_Id"), "spec.yaml", bag));
            Assert.Equal(["TR201", "TR010"], bag.Items.Select(d => d.Code));

            var bag2 = new DiagnosticBag();
            bag2.Add(new Diagnostic(Severity.Error, "TR004", "other.yaml", 1, 1, "x", "an earlier error"));
            Assert.NotNull(AgreementSpecReader.Read(Full, "spec.yaml", bag2));
            Assert.Single(bag2.Items);
        }
    }

    public class TheSources
    {
        [Fact]
        public void Should_Refuse_A_Source_That_Is_Not_A_Mapping()
        {
            var yaml = Replace(Full, "  - { id: s2, citation: \"Second report\" }", "  - s2");
            AssertRefused(yaml, ("TR003", "sources[1]", LineOf(yaml, "  - s2"), "expected a mapping of fields"), ("TR060", "zones[1].variants[0].sources", LineOf(yaml, "sources: [s2]"), "unknown source 's2'"), ("TR060", "obligations[0].sources", LineOf(yaml, "sources: [s1, s2]"), "unknown source 's2'"));
        }

        [Fact]
        public void Should_Refuse_An_Unknown_Field_In_A_Source()
        {
            var yaml = Replace(Full, "citation: \"Second report\"", "citation: \"Second report\", link: x");
            AssertRefused(yaml, ("TR004", "sources[1].link", LineOf(yaml, "link: x"), "unknown field 'link'; allowed here: id, citation, date, url"));
        }

        [Fact]
        public void Should_Require_An_Id_And_A_Citation()
        {
            var yaml = Replace(Full, "{ id: s2, citation: \"Second report\" }", "{ citation: \"Second report\" }");
            AssertRefused(yaml, ("TR005", "sources[1].id", LineOf(yaml, "citation: \"Second report\""), "required field is missing"), ("TR060", "zones[1].variants[0].sources", LineOf(yaml, "sources: [s2]"), "unknown source 's2'"), ("TR060", "obligations[0].sources", LineOf(yaml, "sources: [s1, s2]"), "unknown source 's2'"));

            var yaml2 = Replace(Full, "{ id: s2, citation: \"Second report\" }", "{ id: s2 }");
            AssertRefused(yaml2, ("TR005", "sources[1].citation", LineOf(yaml2, "{ id: s2 }"), "required field is missing"), ("TR060", "zones[1].variants[0].sources", LineOf(yaml2, "sources: [s2]"), "unknown source 's2'"), ("TR060", "obligations[0].sources", LineOf(yaml2, "sources: [s1, s2]"), "unknown source 's2'"));
        }

        [Fact]
        public void Should_Read_A_Source_Date_As_A_Date()
        {
            var yaml = Replace(Full, "date: 2018-07-02", "date: 02/07/2018");
            AssertRefused(yaml, ("TR008", "sources[0].date", LineOf(yaml, "02/07/2018"), "'02/07/2018' is not a date"));
        }

        [Fact]
        public void Should_Report_A_Source_Defined_Twice_Once_And_Read_No_Further_Into_It()
        {
            // The duplicate's url is a list, which a source that counted would be refused for (TR006): only the duplication is reported.
            var yaml = Replace(Full, "{ id: s2, citation: \"Second report\" }", "{ id: s2, citation: \"Second report\" }\n  - { id: s2, citation: \"Again\", url: [a, b] }");
            AssertRefused(yaml, ("TR032", "sources[2]", LineOf(yaml, "Again"), "source id 's2' is defined twice"));
        }

        [Fact]
        public void Should_Refuse_A_Source_Id_Defined_Twice_But_Not_Count_A_Source_That_Was_Refused()
        {
            var twice = Replace(Full, "{ id: s2, citation: \"Second report\" }", "{ id: s1, citation: \"Second report\" }\n  - { id: s2, citation: \"Third\" }");
            AssertRefused(twice, ("TR032", "sources[1]", LineOf(twice, "Second report"), "source id 's1' is defined twice"));

            // A source refused for a missing citation does not define its id: the next one with that id is the first.
            var broken = Replace(Full, "{ id: s1, citation: \"First report\", date: 2018-07-02, url: \"https://example.org/1\" }", "{ id: s1 }\n  - { id: s1, citation: \"First\" }");
            AssertRefused(broken, ("TR005", "sources[0].citation", LineOf(broken, "{ id: s1 }"), "required field is missing"));

            var noIds = Replace(Full, "{ id: s2, citation: \"Second report\" }", "{ citation: \"Second\" }\n  - { citation: \"Third\" }\n  - { id: s2, citation: \"x\" }");
            AssertRefused(noIds, ("TR005", "sources[1].id", LineOf(noIds, "Second\""), "required field is missing"), ("TR005", "sources[2].id", LineOf(noIds, "Third"), "required field is missing"));
        }

        [Fact]
        public void Should_Refuse_A_Citation_Of_An_Undefined_Source_In_A_Zone_Reading()
        {
            var yaml = Replace(Full, "sources: [s2]", "sources: [s9]");
            AssertRefused(yaml, ("TR060", "zones[1].variants[0].sources", LineOf(yaml, "sources: [s9]"), "unknown source 's9'; cite an id from the agreement's sources"));
        }
    }

    public class TheActorClasses
    {
        [Fact]
        public void Should_Refuse_A_Class_That_Is_Not_A_Mapping()
        {
            var yaml = Replace(Full, "  - id: government\n    actors: [syria-government]", "  - government");
            AssertRefused(yaml,
                ("TR003", "actor_classes[1]", LineOf(yaml, "  - government"), "expected a mapping of fields"),
                ("TR052", "obligations[1].between", LineOf(yaml, "between:"), "unknown actor class 'government'; define it under actor_classes"),
                ("TR052", "obligations[2].who", LineOf(yaml, "who: government"), "unknown actor class 'government'"),
                ("TR052", "obligations[3].who", LineOf(yaml, "who: government") + 5, "unknown actor class 'government'"));
        }

        [Fact]
        public void Should_Refuse_An_Unknown_Field_In_A_Class()
        {
            var yaml = Replace(Full, "    actors: [syria-government]", "    actors: [syria-government]\n    members: [x]");
            AssertRefused(yaml, ("TR004", "actor_classes[1].members", LineOf(yaml, "members: [x]"), "unknown field 'members'"));
        }

        [Fact]
        public void Should_Require_An_Id()
        {
            var yaml = Replace(Full, "  - id: government\n    actors: [syria-government]", "  - actors: [syria-government]");
            AssertRefused(yaml,
                ("TR005", "actor_classes[1].id", LineOf(yaml, "  - actors: [syria-government]"), "required field is missing"),
                ("TR052", "obligations[1].between", LineOf(yaml, "between:"), "unknown actor class 'government'"),
                ("TR052", "obligations[2].who", LineOf(yaml, "who: government"), "unknown actor class 'government'"),
                ("TR052", "obligations[3].who", LineOf(yaml, "who: government") + 5, "unknown actor class 'government'"));
        }

        [Fact]
        public void Should_Refuse_A_Class_With_Neither_A_Registry_Class_Nor_Actors()
        {
            var yaml = Replace(Full, "  - id: government\n    actors: [syria-government]", "  - id: government\n    description: nobody in particular");
            AssertRefused(yaml, ("TR033", "actor_classes[1]", LineOf(yaml, "  - id: government"), "an actor class needs a registry_class, a list of actors, or both"));
        }

        [Fact]
        public void Should_Report_A_Class_Defined_Twice_Once_And_Read_No_Further_Into_It()
        {
            // The duplicate both includes and excludes a category (TR034) and has a list for a description (TR006): neither is reported.
            var yaml = Replace(Full, "  - id: government\n    actors: [syria-government]",
                "  - id: government\n    actors: [syria-government]\n  - id: government\n    actors: [russia]\n    includes: [x]\n    excludes: [x]\n    description: [a, b]");
            AssertRefused(yaml, ("TR032", "actor_classes[2]", LineOf(yaml, "actors: [russia]") - 1, "actor class 'government' is defined twice"));
        }

        [Fact]
        public void Should_Refuse_A_Class_Defined_Twice_And_Keep_The_First()
        {
            var yaml = Replace(Full, "  - id: government\n    actors: [syria-government]", "  - id: government\n    actors: [syria-government]\n  - id: government\n    actors: [russia]");
            AssertRefused(yaml, ("TR032", "actor_classes[2]", LineOf(yaml, "actors: [russia]") - 1, "actor class 'government' is defined twice"));
        }

        [Fact]
        public void Should_Not_Count_A_Class_Without_An_Id_As_A_Definition()
        {
            var yaml = Replace(Full, "  - id: government\n    actors: [syria-government]", "  - actors: [russia]\n  - actors: [jordan]\n  - id: government\n    actors: [syria-government]");
            AssertRefused(yaml,
                ("TR005", "actor_classes[1].id", LineOf(yaml, "actors: [russia]"), "required field is missing"),
                ("TR005", "actor_classes[2].id", LineOf(yaml, "actors: [jordan]"), "required field is missing"));
        }

        [Fact]
        public void Should_Refuse_A_Category_Both_Included_And_Excluded()
        {
            var yaml = Replace(Full, "excludes: [advisors]", "excludes: [advisors, militia]");
            AssertRefused(yaml, ("TR034", "actor_classes[0]", LineOf(yaml, "- id: militias"), "'militia' is both included and excluded"));
        }
    }

    public class TheZones
    {
        [Fact]
        public void Should_Refuse_A_Zone_That_Is_Not_A_Mapping()
        {
            var yaml = Replace(Full, "zones:\n", "zones:\n  - just-a-name\n");
            AssertRefused(yaml, ("TR003", "zones[0]", LineOf(yaml, "just-a-name"), "expected a mapping of fields"));
        }

        [Fact]
        public void Should_Refuse_Unknown_Fields_In_A_Zone_And_In_A_Reading()
        {
            var yaml = Replace(Replace(Full, "    note: no line stated", "    note: no line stated\n    width: 3"), "        note: the first reading", "        note: the first reading\n        width: 4");
            AssertRefused(yaml,
                ("TR004", "zones[0].width", LineOf(yaml, "width: 3"), "unknown field 'width'; allowed here: id, description, zone, sources, assumed, note, variants"),
                ("TR004", "zones[1].variants[0].width", LineOf(yaml, "width: 4"), "unknown field 'width'; allowed here: id, zone, sources, assumed, note"));
        }

        [Fact]
        public void Should_Require_An_Id_For_A_Zone_And_For_Each_Reading()
        {
            var yaml = Replace(Full, "      - id: second\n", "      - sources: []\n");
            AssertRefused(yaml, ("TR005", "zones[1].variants[1].id", LineOf(yaml, "- sources: []"), "required field is missing"));

            var noZoneId = Replace(Full, "  - id: band\n    description", "  - description");
            AssertRefused(noZoneId,
                ("TR005", "zones[0].id", LineOf(noZoneId, "  - description"), "required field is missing"),
                ("TR056", "obligations[0].zone", LineOf(noZoneId, "zone: band"), "unknown zone 'band'; define it under zones"),
                ("TR056", "obligations[3].zone", LineOf(noZoneId, "grace: 1 day") - 1, "unknown zone 'band'"));
        }

        [Fact]
        public void Should_Require_A_Zone_Expression()
        {
            var yaml = Replace(Full, "    zone: { within: 20 km, of: israel-syria-line }\n", string.Empty);
            AssertRefused(yaml, ("TR005", "zones[0].zone", LineOf(yaml, "- id: band"), "required field is missing"));
        }

        [Fact]
        public void Should_Refuse_Both_A_Single_Reading_And_Variants()
        {
            var yaml = Replace(Full, "  - id: mixed\n", "  - id: mixed\n    zone: { area: syria }\n");
            AssertRefused(yaml, ("TR035", "zones[1]", LineOf(yaml, "- id: mixed"), "give either 'zone' (one reading) or 'variants' (several sourced readings), not both"));
        }

        [Fact]
        public void Should_Refuse_Variants_That_List_No_Reading()
        {
            var yaml = Full[..Full.IndexOf("    variants:", StringComparison.Ordinal)] + "    variants: []\n" + Full[Full.IndexOf("obligations:", StringComparison.Ordinal)..];
            AssertRefused(yaml, ("TR036", "zones[1]", LineOf(yaml, "- id: mixed"), "'variants' must list at least one reading"));
        }

        [Fact]
        public void Should_Not_Count_A_Refused_Reading_As_A_Reading()
        {
            // The only reading has a broken expression: the zone is left with none, and says so.
            var yaml = Full[..Full.IndexOf("    variants:", StringComparison.Ordinal)]
                + "    variants:\n      - id: only\n        zone: { withn: 5 km, of: israel-syria-line }\n" + Full[Full.IndexOf("obligations:", StringComparison.Ordinal)..];
            AssertRefused(yaml,
                ("TR040", "zones[1].variants[0].zone", LineOf(yaml, "withn"), "a zone needs one of"),
                ("TR036", "zones[1]", LineOf(yaml, "- id: mixed"), "'variants' must list at least one reading"));

            var noId = Replace(yaml, "      - id: only\n        zone: { withn: 5 km, of: israel-syria-line }", "      - zone: { within: 5 km, of: israel-syria-line }");
            AssertRefused(noId,
                ("TR005", "zones[1].variants[0].id", LineOf(noId, "- zone:"), "required field is missing"),
                ("TR036", "zones[1]", LineOf(noId, "- id: mixed"), "'variants' must list at least one reading"));
        }

        [Fact]
        public void Should_Refuse_A_Reading_That_Is_Not_A_Mapping()
        {
            var yaml = Replace(Full, "      - id: second\n", "      - second\n      - id: second\n");
            AssertRefused(yaml, ("TR003", "zones[1].variants[1]", LineOf(yaml, "- second"), "expected a mapping of fields"));
        }

        [Fact]
        public void Should_Refuse_A_Reading_Defined_Twice()
        {
            var yaml = Replace(Full, "- id: second", "- id: first");
            // A reading is placed at the line its mapping starts on, its "- id:" line.
            AssertRefused(yaml, ("TR032", "zones[1].variants[1]", LineOf(yaml, "zone: { all: [ { beyond") - 1, "variant 'first' is defined twice"));
        }

        [Fact]
        public void Should_Report_A_Zone_Defined_Twice_Once_And_Read_No_Further_Into_It()
        {
            var yaml = Replace(Full, "  - id: mixed\n", "  - id: band\n    zone: { area: syria }\n    description: [a, b]\n  - id: mixed\n");
            AssertRefused(yaml, ("TR032", "zones[1]", LineOf(yaml, "zone: { area: syria }") - 1, "zone 'band' is defined twice"));
        }

        [Fact]
        public void Should_Refuse_A_Zone_Defined_Twice_And_Not_Count_A_Zone_Without_An_Id()
        {
            var yaml = Replace(Full, "  - id: mixed\n", "  - id: band\n    zone: { area: syria }\n  - id: mixed\n");
            AssertRefused(yaml, ("TR032", "zones[1]", LineOf(yaml, "zone: { area: syria }") - 1, "zone 'band' is defined twice"));

            var noIds = Replace(Full, "  - id: mixed\n", "  - zone: { area: syria }\n  - zone: { area: israel }\n  - id: mixed\n");
            AssertRefused(noIds,
                ("TR005", "zones[1].id", LineOf(noIds, "{ area: syria }"), "required field is missing"),
                ("TR005", "zones[2].id", LineOf(noIds, "{ area: israel }"), "required field is missing"));
        }

        [Fact]
        public void Should_Refuse_An_Assumption_That_Is_Not_True_Or_False()
        {
            var yaml = Replace(Full, "assumed: true", "assumed: probably");
            AssertRefused(yaml, ("TR037", "zones[0].assumed", LineOf(yaml, "assumed: probably"), "'probably' is not true or false"));
        }
    }

    public class TheZoneExpressions
    {
        /// <summary>The full spec with the band's expression replaced.</summary>
        private static string Band(string expression) => Replace(Full, "{ within: 20 km, of: israel-syria-line }", expression);

        private static ZoneExpr ReadBand(string expression)
        {
            var (a, ds) = Read(Band(expression));
            Assert.True(ds.Count == 0, string.Join("\n", ds));
            return a!.Zones[0].Variants[0].Expression;
        }

        private static int BandLine => LineOf(Full, "{ within: 20 km");

        [Fact]
        public void Should_Read_Each_Operator()
        {
            Assert.Equal(new SideExpr("israel-syria-line", LineSide.Left), ReadBand("{ side: left, of: israel-syria-line }"));
            Assert.Equal(new AreaExpr("syria"), ReadBand("{ area: syria }"));
            Assert.IsType<AnyExpr>(ReadBand("{ any: [ { area: syria }, { area: israel } ] }"));
            Assert.IsType<AllExpr>(ReadBand("{ all: [ { area: syria }, { area: israel } ] }"));
            var d = Assert.IsType<DifferenceExpr>(ReadBand("{ difference: [ { area: syria }, { within: 1 km, of: israel-syria-line } ] }"));
            Assert.Equal((new AreaExpr("syria"), (ZoneExpr)new WithinExpr(Truce.Geodesy.Distance.FromKilometres(1), "israel-syria-line")), (d.Base, d.Minus));
            Assert.Equal(new BeyondExpr(Truce.Geodesy.Distance.FromMetres(1852 * 3), "x"), ReadBand("{ beyond: 3 nmi, of: x }"));
        }

        [Fact]
        public void Should_Refuse_An_Expression_That_Is_Not_A_Mapping()
        {
            AssertRefused(Band("within 20 km of the line"), ("TR003", "zones[0].zone", BandLine, "expected a mapping of fields"));
        }

        [Fact]
        public void Should_Name_The_Operators_When_There_Is_None_Or_More_Than_One()
        {
            AssertRefused(Band("{ near: 20 km, of: israel-syria-line }"),
                ("TR040", "zones[0].zone", BandLine, "a zone needs one of: within (+ of), beyond (+ of), area, side (+ of), all, any, difference"));
            AssertRefused(Band("{ within: 20 km, area: syria, of: x }"),
                ("TR040", "zones[0].zone", BandLine, "a zone has exactly one operator; found within, area (wrap them in 'all' or 'any')"));
        }

        [Theory]
        [InlineData("{ within: 20 km, of: x, by: y }", "zones[0].zone.by", "within, of")]
        [InlineData("{ area: syria, of: x }", "zones[0].zone.of", "area")]
        [InlineData("{ side: left, of: x, by: y }", "zones[0].zone.by", "side, of")]
        [InlineData("{ any: [ { area: a }, { area: b } ], of: x }", "zones[0].zone.of", "any")]
        [InlineData("{ all: [ { area: a }, { area: b } ], of: x }", "zones[0].zone.of", "all")]
        [InlineData("{ difference: [ { area: a }, { area: b } ], of: x }", "zones[0].zone.of", "difference")]
        public void Should_Refuse_A_Field_An_Operator_Does_Not_Take(string expression, string field, string allowed)
        {
            AssertRefused(Band(expression), ("TR004", field, BandLine, "allowed here: " + allowed));
        }

        [Fact]
        public void Should_Require_What_Each_Operator_Is_Measured_From()
        {
            AssertRefused(Band("{ within: 20 km }"), ("TR005", "zones[0].zone.of", BandLine, "required field is missing"));
            AssertRefused(Band("{ side: left }"), ("TR005", "zones[0].zone.of", BandLine, "required field is missing"));
        }

        [Fact]
        public void Should_Refuse_Empty_Values_For_A_Distance_An_Area_Or_A_Side()
        {
            AssertRefused(Band("{ within: \"\", of: israel-syria-line }"),
                ("TR007", "zones[0].zone.within", BandLine, "must not be empty"),
                ("TR041", "zones[0].zone.within", BandLine, "'' is not a distance"));
            AssertRefused(Band("{ area: \"\" }"), ("TR007", "zones[0].zone.area", BandLine, "must not be empty"));
            AssertRefused(Band("{ side: \"\", of: x }"),
                ("TR007", "zones[0].zone.side", BandLine, "must not be empty"),
                ("TR042", "zones[0].zone.side", BandLine, "'' is not a side"));
        }

        [Fact]
        public void Should_Refuse_A_Side_Other_Than_Left_Or_Right()
        {
            AssertRefused(Band("{ side: east, of: israel-syria-line }"),
                ("TR042", "zones[0].zone.side", BandLine, "'east' is not a side; use left or right (walking the line from its first vertex)"));
        }

        [Fact]
        public void Should_Refuse_A_Union_Or_Intersection_Of_Fewer_Than_Two_Zones()
        {
            AssertRefused(Band("{ any: [ { area: syria } ] }"), ("TR043", "zones[0].zone.any", BandLine, "'any' needs at least two zones"));
            AssertRefused(Band("{ all: [] }"), ("TR043", "zones[0].zone.all", BandLine, "'all' needs at least two zones"));
        }

        [Fact]
        public void Should_Refuse_A_Difference_Of_Other_Than_Two_Zones()
        {
            AssertRefused(Band("{ difference: [ { area: syria } ] }"), ("TR043", "zones[0].zone.difference", BandLine, "'difference' needs exactly two zones: [base, minus]"));
            AssertRefused(Band("{ difference: [ { area: a }, { area: b }, { area: c } ] }"), ("TR043", "zones[0].zone.difference", BandLine, "'difference' needs exactly two zones"));
        }

        [Theory]
        [InlineData("{ all: [ { area: syria }, { withn: 1 km } ] }", "zones[1].variants[0].zone.all[1]")]
        [InlineData("{ any: [ { withn: 1 km }, { area: syria } ] }", "zones[1].variants[0].zone.any[0]")]
        [InlineData("{ difference: [ { withn: 1 km }, { area: syria } ] }", "zones[1].variants[0].zone.difference[0]")]
        [InlineData("{ difference: [ { area: syria }, { withn: 1 km } ] }", "zones[1].variants[0].zone.difference[1]")]
        [InlineData("{ side: left, of: \"\" }", null)]
        [InlineData("{ area: \"\" }", null)]
        public void Should_Leave_A_Reading_Out_When_A_Part_Of_Its_Expression_Is_Refused(string expression, string? brokenPart)
        {
            // The broken part is reported; the zone is then left without a reading, which a zone with variants reports too.
            var yaml = Full[..Full.IndexOf("    variants:", StringComparison.Ordinal)]
                + "    variants:\n      - id: only\n        zone: " + expression + "\n" + Full[Full.IndexOf("obligations:", StringComparison.Ordinal)..];
            var (a, ds) = Read(yaml);
            Assert.Null(a);
            if (brokenPart is not null)
            {
                Assert.Equal(("TR040", brokenPart), (ds[0].Code, ds[0].Field));
            }

            var last = ds[^1];
            Assert.Equal(("TR036", "zones[1]"), (last.Code, last.Field));
        }
    }

    public class TheObligations
    {
        private static string First(string from, string to) => Replace(Full, from, to);

        private static int KeepAwayLine => LineOf(Full, "- id: keep-away");

        [Fact]
        public void Should_Refuse_An_Obligation_That_Is_Not_A_Mapping()
        {
            var yaml = Replace(Full, "obligations:\n", "obligations:\n  - keep-away\n");
            AssertRefused(yaml, ("TR003", "obligations[0]", LineOf(yaml, "- keep-away"), "expected a mapping of fields"));
        }

        [Fact]
        public void Should_Refuse_An_Unknown_Field()
        {
            var yaml = First("    note: a note on the obligation", "    note: a note on the obligation\n    deadline: 2019-01-01");
            AssertRefused(yaml, ("TR004", "obligations[0].deadline", LineOf(yaml, "deadline:"), "allowed here: id, text, sources, who, between, against, must, must_not, zone, from, until, grace, note"));
        }

        [Fact]
        public void Should_Require_An_Id_A_Class_And_A_Zone()
        {
            AssertRefused(First("  - id: keep-away\n    text:", "  - text:"), ("TR005", "obligations[0].id", KeepAwayLine, "required field is missing"));
            AssertRefused(First("    who: militias\n    must_not: presence", "    must_not: presence"), ("TR005", "obligations[0].who", KeepAwayLine, "required field is missing"));
            AssertRefused(First("    zone: band\n    from:", "    from:"), ("TR005", "obligations[0].zone", KeepAwayLine, "required field is missing"));
        }

        [Fact]
        public void Should_Refuse_An_Empty_Activity()
        {
            var yaml = First("must_not: presence", "must_not: \"\"");
            AssertRefused(yaml, ("TR007", "obligations[0].must_not", LineOf(yaml, "must_not: \"\""), "must not be empty"));
        }

        [Fact]
        public void Should_Refuse_Who_Or_Against_Beside_Between()
        {
            var withWho = Replace(Full, "    between: [government, militias]\n", "    between: [government, militias]\n    who: government\n");
            AssertRefused(withWho, ("TR050", "obligations[1]", LineOf(withWho, "- id: no-attacks"), "use either 'between: [a, b]' (mutual) or 'who' with optional 'against', not both"));
            var withAgainst = Replace(Full, "    between: [government, militias]\n", "    between: [government, militias]\n    against: government\n");
            AssertRefused(withAgainst, ("TR050", "obligations[1]", LineOf(withAgainst, "- id: no-attacks"), "not both"));
        }

        [Fact]
        public void Should_Refuse_Between_Of_Other_Than_Two_Classes()
        {
            var yaml = Replace(Full, "between: [government, militias]", "between: [government, militias, government]");
            AssertRefused(yaml, ("TR051", "obligations[1].between", LineOf(yaml, "between:"), "'between' needs exactly two actor classes"));
        }

        [Fact]
        public void Should_Point_At_The_Field_That_Names_An_Undefined_Class()
        {
            var who = First("who: militias", "who: nobody");
            AssertRefused(who, ("TR052", "obligations[0].who", LineOf(who, "who: nobody"), "unknown actor class 'nobody'; define it under actor_classes"));
            var against = Replace(Full, "against: militias", "against: nobody");
            AssertRefused(against, ("TR052", "obligations[2].against", LineOf(against, "against: nobody"), "unknown actor class 'nobody'"));
            var between = Replace(Full, "between: [government, militias]", "between: [government, nobody]");
            AssertRefused(between, ("TR052", "obligations[1].between", LineOf(between, "between:"), "unknown actor class 'nobody'"));
        }

        [Fact]
        public void Should_Require_Exactly_One_Of_Must_And_Must_Not()
        {
            AssertRefused(First("    must_not: presence\n    zone: band\n    from", "    zone: band\n    from"),
                ("TR053", "obligations[0]", KeepAwayLine, "an obligation needs exactly one of 'must' or 'must_not' with an activity"));
        }

        [Fact]
        public void Should_Refuse_An_Unknown_Activity_Under_Must_Or_Must_Not_And_List_The_Known_Ones()
        {
            var mustNot = First("must_not: presence", "must_not: loitering");
            AssertRefused(mustNot, ("TR054", "obligations[0].must_not", LineOf(mustNot, "loitering"),
                "'loitering' is not an activity; use one of presence, attack, shelling, air_strike, offensive, deployment, political_process"));
            var must = Replace(Full, "must: deployment", "must: patrolling");
            AssertRefused(must, ("TR054", "obligations[3].must", LineOf(must, "patrolling"), "'patrolling' is not an activity"));
        }

        [Theory]
        [InlineData("presence")]
        [InlineData("deployment")]
        public void Should_Refuse_Against_For_Presence_And_Deployment(string activity)
        {
            var yaml = Replace(Full, "must_not: air_strike", "must_not: " + activity);
            AssertRefused(yaml, ("TR055", "obligations[2]", LineOf(yaml, "- id: no-strikes"), $"'against' applies to hostile activities, not {activity}"));
        }

        [Fact]
        public void Should_Refuse_An_Undefined_Zone()
        {
            var yaml = First("zone: band\n    from", "zone: nowhere\n    from");
            AssertRefused(yaml, ("TR056", "obligations[0].zone", LineOf(yaml, "zone: nowhere"), "unknown zone 'nowhere'; define it under zones"));
        }

        [Fact]
        public void Should_Refuse_A_Deadline_Before_The_Start_But_Accept_One_On_The_Start()
        {
            var yaml = First("until: 2018-12-31", "until: 2018-07-31");
            AssertRefused(yaml, ("TR057", "obligations[0].until", LineOf(yaml, "until: 2018-07-31"), "until 2018-07-31 precedes from 2018-08-01"));
            var (a, ds) = Read(First("until: 2018-12-31", "until: 2018-08-01"));
            Assert.Empty(ds);
            Assert.Equal(a!.Obligations[0].From, a.Obligations[0].Until);
        }

        [Theory]
        [InlineData("30 weeks")]
        [InlineData("30")]
        [InlineData("thirty days")]
        [InlineData("30 days later")]
        [InlineData("-3 days")]
        public void Should_Refuse_A_Grace_Period_That_Is_Not_A_Number_Of_Days(string grace)
        {
            var yaml = First("grace: 30 days", "grace: " + grace);
            AssertRefused(yaml, ("TR058", "obligations[0].grace", LineOf(yaml, "grace: " + grace), $"'{grace}' is not a grace period; write e.g. \"30 days\""));
        }

        [Fact]
        public void Should_Allow_A_Grace_Period_Of_A_Century_And_No_More()
        {
            var (a, ds) = Read(First("grace: 30 days", $"grace: {AgreementSpecReader.MaxGraceDays} days"));
            Assert.Empty(ds);
            Assert.Equal(36_525, a!.Obligations[0].GraceDays);

            var yaml = First("grace: 30 days", "grace: 36526 days");
            AssertRefused(yaml, ("TR058", "obligations[0].grace", LineOf(yaml, "grace: 36526"), "'36526 days' is longer than a century (36,525 days)"));
        }

        [Fact]
        public void Should_Refuse_Citations_Of_Undefined_Sources()
        {
            var yaml = First("sources: [s1, s2]", "sources: [s1, s7]");
            AssertRefused(yaml, ("TR060", "obligations[0].sources", LineOf(yaml, "s7"), "unknown source 's7'; cite an id from the agreement's sources"));
        }

        [Fact]
        public void Should_Report_An_Obligation_Defined_Twice_Once_And_Read_No_Further_Into_It()
        {
            var yaml = Replace(Full, "- id: deploy", "- id: keep-away\n    text: [a, b]");
            AssertRefused(yaml, ("TR032", "obligations[3]", LineOf(yaml, "text: [a, b]") - 1, "obligation 'keep-away' is defined twice"));
        }

        [Fact]
        public void Should_Refuse_An_Obligation_Defined_Twice()
        {
            var yaml = Replace(Full, "- id: deploy", "- id: keep-away");
            AssertRefused(yaml, ("TR032", "obligations[3]", LineOf(yaml, "must: deployment") - 2, "obligation 'keep-away' is defined twice"));
        }

        [Theory]
        [InlineData("    zone: band\n    from", "    from", "TR005")]
        [InlineData("    who: militias\n", "", "TR005")]
        [InlineData("must_not: presence", "must_not: loitering", "TR054")]
        [InlineData("    must_not: presence\n", "", "TR053")]
        public void Should_Not_Count_A_Refused_Obligation_As_Defining_Its_Id(string from, string to, string code)
        {
            // The first keep-away is broken; the second is the first to define the id, so no TR032.
            var yaml = Replace(First(from, to), "- id: deploy", "- id: keep-away");
            var (a, ds) = Read(yaml);
            Assert.Null(a);
            Assert.Equal([code], ds.Select(d => d.Code));
        }

        [Fact]
        public void Should_Not_Count_Obligations_Without_Ids_As_Defining_One()
        {
            var yaml = Replace(Replace(Full, "  - id: no-attacks\n    between", "  - between"), "  - id: no-strikes\n    who", "  - who");
            var (a, ds) = Read(yaml);
            Assert.Null(a);
            Assert.Equal(["TR005", "TR005"], ds.Select(d => d.Code));
            Assert.All(ds, d => Assert.EndsWith(".id", d.Field, StringComparison.Ordinal));
        }
    }
}
