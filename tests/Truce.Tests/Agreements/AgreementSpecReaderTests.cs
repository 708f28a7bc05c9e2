using Truce.Agreements;
using Truce.Evidence;
using Truce.Text;

namespace Truce.Tests.Agreements;

public class AgreementSpecReaderTests
{
    internal const string Minimal = """
        id: test-deal
        title: A test deal
        status: agreed
        in_force: 2018-08-01
        sources:
          - { id: s1, citation: "A report", date: 2018-08-01 }
        parties: [russia]
        geometry: [../geo/natural-earth-levant.geojson]
        actor_classes:
          - id: militias
            registry_class: iran-aligned-forces
        zones:
          - id: buffer
            variants:
              - id: 85km
                sources: [s1]
                zone:
                  all:
                    - { within: 85 km, of: israel-syria-line }
                    - { area: syria }
              - id: 15mi
                zone: { within: 15 mi, of: israel-syria-line }
        obligations:
          - id: keep-away
            text: "militias at least 85 km away"
            sources: [s1]
            who: militias
            must_not: presence
            zone: buffer
            grace: 30 days
        """;

    private static (Agreement? Agreement, DiagnosticBag Bag) Read(string yaml)
    {
        var bag = new DiagnosticBag();
        return (AgreementSpecReader.Read(yaml, "spec.yaml", bag), bag);
    }

    public class WithAValidSpec
    {
        [Fact]
        public void Should_Read_Zone_Variants_With_Their_Own_Distances_And_Sources()
        {
            var (a, bag) = Read(Minimal);
            Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
            var zone = Assert.Single(a!.Zones);
            Assert.Equal(["85km", "15mi"], zone.Variants.Select(v => v.Id));
            var all = Assert.IsType<AllExpr>(zone.Variants[0].Expression);
            Assert.Equal(85_000, Assert.IsType<WithinExpr>(all.Parts[0]).Distance.Metres);
            Assert.Equal(24_140.16, Assert.IsType<WithinExpr>(zone.Variants[1].Expression).Distance.Metres, 6);
            Assert.Equal(["s1"], zone.Variants[0].Sources);
            Assert.Empty(zone.Variants[1].Sources);
        }

        [Fact]
        public void Should_Start_An_Obligation_With_The_Agreement_And_Add_The_Grace_Period()
        {
            var (a, _) = Read(Minimal);
            var o = Assert.Single(a!.Obligations);
            Assert.Equal(new DateOnly(2018, 8, 1), o.From);
            Assert.True(o.FromInherited);
            Assert.Equal(new DateOnly(2018, 8, 31), o.EnforcedFrom);
            Assert.Equal(ObligedActivity.Presence, o.Activity);
            Assert.Equal(Modality.MustNot, o.Modality);
        }
    }

    public class WithMalformedInput
    {
        [Fact]
        public void Should_Report_The_Line_Of_A_YAML_Syntax_Error()
        {
            var (a, bag) = Read("id: x\ntitle: \"unterminated\nstatus: agreed\nzones:\n  - id: z\n   bad: indent\n");
            Assert.Null(a);
            var d = Assert.Single(bag.Items);
            Assert.Equal("TR001", d.Code);
            Assert.True(d.Line >= 2, d.ToString());
            Assert.Contains("malformed YAML", d.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_Report_Text_That_Ends_Inside_A_List_Instead_Of_Crashing()
        {
            var (a, bag) = Read("id: x\ntitle: [unclosed\nstatus: agreed\n");
            Assert.Null(a);
            Assert.Equal("TR001", Assert.Single(bag.Items).Code);
        }

        [Fact]
        public void Should_Name_The_Field_And_Suggest_A_Fix_For_A_Misspelt_Key()
        {
            var (a, bag) = Read(Minimal.Replace("{ within: 85 km, of: israel-syria-line }", "{ withn: 85 km, of: israel-syria-line }", StringComparison.Ordinal));
            Assert.Null(a);
            Assert.Contains(bag.Items, d => d.Code == "TR040" && d.Line == 19);
        }

        [Fact]
        public void Should_Reject_A_Distance_Without_A_Unit()
        {
            var (_, bag) = Read(Minimal.Replace("within: 85 km", "within: 85", StringComparison.Ordinal));
            var d = Assert.Single(bag.Items, d => d.Code == "TR041");
            Assert.Equal(19, d.Line);
            Assert.Equal("zones[0].variants[0].zone.all[0].within", d.Field);
            Assert.Contains("85 km", d.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_Reject_An_Impossible_Date_With_Its_Line()
        {
            var (_, bag) = Read(Minimal.Replace("in_force: 2018-08-01", "in_force: 2018-02-30", StringComparison.Ordinal));
            var d = Assert.Single(bag.Items, d => d.Code == "TR008");
            Assert.Equal(4, d.Line);
            Assert.Equal("in_force", d.Field);
        }

        [Fact]
        public void Should_Report_Every_Problem_In_One_Pass()
        {
            var broken = Minimal
                .Replace("who: militias", "who: nobody", StringComparison.Ordinal)
                .Replace("zone: buffer", "zone: nowhere", StringComparison.Ordinal)
                .Replace("must_not: presence", "must_not: loitering", StringComparison.Ordinal)
                .Replace("sources: [s1]\n    who", "sources: [s9]\n    who", StringComparison.Ordinal);
            var (a, bag) = Read(broken);
            Assert.Null(a);
            var codes = bag.Items.Select(d => d.Code).ToHashSet();
            Assert.Superset(new HashSet<string> { "TR052", "TR056", "TR054", "TR060" }, codes);
        }

        [Fact]
        public void Should_Require_Exactly_One_Of_Must_Or_Must_Not()
        {
            var (_, bag) = Read(Minimal.Replace("must_not: presence", "must: presence\n    must_not: presence", StringComparison.Ordinal));
            Assert.Contains(bag.Items, d => d.Code == "TR053");
        }

        [Fact]
        public void Should_Reject_An_Empty_File()
        {
            var (a, bag) = Read(string.Empty);
            Assert.Null(a);
            Assert.Contains(bag.Items, d => d.Code == "TR002");
        }

        [Fact]
        public void Should_Reject_A_Deadline_Before_The_Start()
        {
            var (_, bag) = Read(Minimal.Replace("grace: 30 days", "from: 2018-09-01\n    until: 2018-08-01", StringComparison.Ordinal));
            Assert.Contains(bag.Items, d => d.Code == "TR057" && d.Field == "obligations[0].until");
        }
    }

    [Theory]
    [InlineData("85 km", 85_000)]
    [InlineData("85km", 85_000)]
    [InlineData("15 mi", 24_140.16)]
    [InlineData("15 miles", 24_140.16)]
    [InlineData("10 nmi", 18_520)]
    [InlineData("24 000 m", 24_000)]
    [InlineData("0.5 km", 500)]
    public void DistanceText_Should_Parse_Units(string text, double metres)
    {
        Assert.Equal(metres, DistanceText.Parse(text, out _)!.Value.Metres, 6);
    }

    [Theory]
    [InlineData("85")]
    [InlineData("km")]
    [InlineData("-5 km")]
    [InlineData("85 furlongs")]
    [InlineData("")]
    public void DistanceText_Should_Reject_Non_Distances(string text)
    {
        Assert.Null(DistanceText.Parse(text, out var error));
        Assert.NotNull(error);
    }
}
