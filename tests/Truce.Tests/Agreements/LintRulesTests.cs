using Truce.Actors;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Text;
using static Truce.Tests.Agreements.SpecReadingTests;

namespace Truce.Tests.Agreements;

/// <summary>
/// Each rule of <see cref="SpecLinter"/>, one at a time, in a small world built here: a registry of three actors and two
/// classes, one evidence source, and reference features whose boxes make the overlap shares simple fractions.
/// A spec that breaks no rule lints clean; each test changes one thing and expects exactly the diagnostics that
/// change calls for (code, field, line, message), written from docs/spec-format.md and the rule's wording.
/// </summary>
public class LintRulesTests
{
    /// <summary>A spec that breaks no rule in <see cref="World"/>.</summary>
    internal const string Clean = """
        id: lint-deal
        title: Lint deal
        status: in_force
        signed: 2018-07-01
        in_force: 2018-07-15
        sources:
          - { id: s1, citation: "First" }
          - { id: s2, citation: "Second" }
        parties: [army]
        guarantors: [monitors]
        beneficiaries: [militia]
        actor_classes:
          - id: militias
            registry_class: plain
          - id: troops
            actors: [army]
        zones:
          - id: band
            zone: { within: 20 km, of: line-a }
            sources: [s1]
        obligations:
          - id: keep-away
            text: "troops out"
            sources: [s1]
            who: troops
            must_not: presence
            zone: band
            from: 2018-08-01
            grace: 30 days
        """;

    /// <summary>
    /// Features, as [west, south, east, north] boxes: area-big [20, 10, 22, 12] is hand-drawn (approximate). Named areas
    /// inside it: area-a-in and area-b-in (all of their box), area-half [21, 10, 23, 12] (exactly half). area-tall
    /// [21, 8, 23, 12] and area-wide [21, 10, 25, 12] have a quarter of their box inside. area-drawn2 (approximate) and
    /// line-in (a line) lie inside but are no named areas. area-lonely is hand-drawn far from every named area.
    /// </summary>
    private const string Features = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","id":"line-a","properties":{},"geometry":{"type":"LineString","coordinates":[[20,9],[22,9]]}},
         {"type":"Feature","id":"approx-line","properties":{"approximate":true},"geometry":{"type":"LineString","coordinates":[[30,30],[30.5,30.5]]}},
         {"type":"Feature","id":"line-in","properties":{},"geometry":{"type":"LineString","coordinates":[[20.1,10.1],[20.3,10.3]]}},
         {"type":"Feature","id":"area-big","properties":{"approximate":true,"caveat":"drawn by hand"},"geometry":{"type":"Polygon","coordinates":[[[20,10],[22,10],[22,12],[20,12],[20,10]]]}},
         {"type":"Feature","id":"area-a-in","properties":{},"geometry":{"type":"Polygon","coordinates":[[[20.5,10.5],[21.5,10.5],[21.5,11.5],[20.5,11.5],[20.5,10.5]]]}},
         {"type":"Feature","id":"area-b-in","properties":{},"geometry":{"type":"Polygon","coordinates":[[[20.2,10.6],[20.4,10.6],[20.4,10.8],[20.2,10.8],[20.2,10.6]]]}},
         {"type":"Feature","id":"area-half","properties":{},"geometry":{"type":"Polygon","coordinates":[[[21,10],[23,10],[23,12],[21,12],[21,10]]]}},
         {"type":"Feature","id":"area-tall","properties":{},"geometry":{"type":"Polygon","coordinates":[[[21,8],[23,8],[23,12],[21,12],[21,8]]]}},
         {"type":"Feature","id":"area-wide","properties":{},"geometry":{"type":"Polygon","coordinates":[[[21,10],[25,10],[25,12],[21,12],[21,10]]]}},
         {"type":"Feature","id":"area-drawn2","properties":{"approximate":true},"geometry":{"type":"Polygon","coordinates":[[[20.2,10.2],[20.4,10.2],[20.4,10.4],[20.2,10.4],[20.2,10.2]]]}},
         {"type":"Feature","id":"area-lonely","properties":{"approximate":true},"geometry":{"type":"Polygon","coordinates":[[[40,40],[41,40],[41,41],[40,41],[40,40]]]}},
         {"type":"Feature","id":"area-far","properties":{},"geometry":{"type":"Polygon","coordinates":[[[30,-30],[31,-30],[31,-29],[30,-29],[30,-30]]]}}
        ]}
        """;

    private static readonly ValidityPeriod Always = new(null, null);

    private static ActorRegistry Registry() => new(
        [
            new Actor("army", "Army", "state-forces", "combat-units", []),
            new Actor("militia", "Militia", "militia", "militia", []),
            new Actor("monitors", "Monitors", "international", "monitors", []),
        ],
        [
            new ActorClass("forces", "Forces", [new ClassMembership("army", Always, null)], ["advisors", "military-police"]),
            new ActorClass("plain", "Plain", [new ClassMembership("militia", Always, null)], []),
        ]);

    private static SourceRegistry Sources() =>
        new([new EvidenceSource("watch", "Watch", "monitor", Reliability.B, [], [ObligedActivity.Presence, ObligedActivity.Attack, ObligedActivity.Deployment], null)]);

    private static GeometryCatalog Catalog()
    {
        var catalog = new GeometryCatalog();
        var bag = new DiagnosticBag();
        GeometryReader.Read(Features, "world.geojson", catalog, bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return catalog;
    }

    private static Agreement Spec(string yaml)
    {
        var (a, ds) = Read(yaml);
        Assert.True(ds.Count == 0, string.Join("\n", ds));
        return a!;
    }

    private static List<Diagnostic> Lint(string yaml, IReadOnlyList<Coverage>? coverages = null, ISet<string>? known = null) =>
        [.. SpecLinter.Lint(Spec(yaml), Registry(), Catalog(), Sources(), coverages, known)];

    /// <summary>Asserts exactly these diagnostics, in this order, with the full message.</summary>
    private static void AssertLint(List<Diagnostic> actual, params (Severity Severity, string Code, string Field, int Line, string Message)[] expected)
    {
        Assert.True(expected.Length == actual.Count, "expected " + string.Join(", ", expected.Select(e => e.Code)) + " but got:\n" + string.Join("\n", actual));
        for (int i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var d = actual[i];
            Assert.Equal((e.Severity, e.Code, e.Field, e.Line, e.Message, "spec.yaml"), (d.Severity, d.Code, d.Field, d.Line, d.Message, d.File));
        }
    }

    private static string Zone(string expression) => Replace(Clean, "{ within: 20 km, of: line-a }", expression);

    private static int BandLine(string yaml) => LineOf(yaml, "- id: band");

    private static int KeepAwayLine(string yaml) => LineOf(yaml, "- id: keep-away");

    public class TheCleanSpec
    {
        [Fact]
        public void Should_Draw_No_Diagnostic()
        {
            AssertLint(Lint(Clean));
        }

        [Fact]
        public void Should_Draw_No_Diagnostic_When_The_Evidence_In_Hand_Watches_Its_Zone_And_Period()
        {
            var coverage = new Coverage("watch", "w.ndjson", new BoundingBox(8, 19, 10, 23), new DateRange(new(2018, 9, 1), new(2018, 9, 30)), [ObligedActivity.Presence], true, null);
            AssertLint(Lint(Clean, [coverage]));
        }

        [Fact]
        public void Should_Refuse_Null_Arguments_Naming_Them()
        {
            var a = Spec(Clean);
            Assert.Equal("agreement", Assert.Throws<ArgumentNullException>(() => SpecLinter.Lint(null!, Registry(), Catalog(), Sources())).ParamName);
            Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => SpecLinter.Lint(a, null!, Catalog(), Sources())).ParamName);
            Assert.Equal("catalog", Assert.Throws<ArgumentNullException>(() => SpecLinter.Lint(a, Registry(), null!, Sources())).ParamName);
            Assert.Equal("sources", Assert.Throws<ArgumentNullException>(() => SpecLinter.Lint(a, Registry(), Catalog(), null!)).ParamName);
        }
    }

    public class TheAgreementAsAWhole
    {
        [Fact]
        public void Should_Name_Each_Unknown_Party_Guarantor_And_Beneficiary_At_Its_Field()
        {
            var yaml = Replace(Replace(Replace(Clean, "parties: [army]", "parties: [army, nobody]"), "guarantors: [monitors]", "guarantors: [ghost]"), "beneficiaries: [militia]", "beneficiaries: [phantom]");
            AssertLint(
                Lint(yaml),
                (Severity.Error, "TR100", "parties", LineOf(yaml, "parties:"), "unknown actor 'nobody'; add it to the actor registry or use a registry id"),
                (Severity.Error, "TR100", "guarantors", LineOf(yaml, "guarantors:"), "unknown actor 'ghost'; add it to the actor registry or use a registry id"),
                (Severity.Error, "TR100", "beneficiaries", LineOf(yaml, "beneficiaries:"), "unknown actor 'phantom'; add it to the actor registry or use a registry id"));
        }

        [Fact]
        public void Should_Warn_That_A_Reported_Agreement_Is_Tested_On_Its_Reported_Terms()
        {
            var yaml = Replace(Clean, "status: in_force", "status: reported");
            AssertLint(Lint(yaml), (Severity.Warning, "TR211", "status", 3, "reported, not confirmed by the parties: verdicts test the reported terms"));
        }

        [Fact]
        public void Should_Warn_That_Talks_Have_Nothing_To_Verify()
        {
            var yaml = Replace(Clean, "status: in_force", "status: talks");
            AssertLint(Lint(yaml), (Severity.Warning, "TR211", "status", 3, "talks without terms: nothing to verify until terms are known"));
        }

        [Theory]
        [InlineData("agreed")]
        [InlineData("signed")]
        [InlineData("collapsed")]
        public void Should_Not_Warn_About_A_Status_The_Parties_Confirmed(string status)
        {
            AssertLint(Lint(Replace(Clean, "status: in_force", "status: " + status)));
        }

        [Fact]
        public void Should_Warn_About_Each_Related_Agreement_Not_Among_The_Specs_Checked()
        {
            var yaml = Replace(Clean, "parties: [army]", "see_also: [lint-deal-2, elsewhere]\nparties: [army]");
            AssertLint(
                Lint(yaml, known: new HashSet<string> { "lint-deal", "lint-deal-2" }),
                (Severity.Warning, "TR212", "see_also", LineOf(yaml, "see_also:"), "'elsewhere' is not among the specs being checked"));
        }

        [Fact]
        public void Should_Not_Judge_Related_Agreements_When_It_Is_Not_Told_Which_Specs_Are_Checked()
        {
            AssertLint(Lint(Replace(Clean, "parties: [army]", "see_also: [elsewhere]\nparties: [army]"), known: null));
        }
    }

    public class TheActorClasses
    {
        [Fact]
        public void Should_Name_An_Unknown_Registry_Class_And_List_The_Known_Ones_In_Order()
        {
            var yaml = Replace(Clean, "registry_class: plain", "registry_class: nonesuch");
            AssertLint(Lint(yaml), (Severity.Error, "TR101", "actor_classes.militias.registry_class", LineOf(yaml, "- id: militias"), "unknown registry class 'nonesuch'; known: forces, plain"));
        }

        [Fact]
        public void Should_Name_Each_Unknown_Actor_Of_A_Class()
        {
            var yaml = Replace(Clean, "actors: [army]", "actors: [ghost, army, phantom]");
            AssertLint(
                Lint(yaml),
                (Severity.Error, "TR102", "actor_classes.troops.actors", LineOf(yaml, "- id: troops"), "unknown actor 'ghost'"),
                (Severity.Error, "TR102", "actor_classes.troops.actors", LineOf(yaml, "- id: troops"), "unknown actor 'phantom'"));
        }

        [Fact]
        public void Should_Warn_About_Each_Disputed_Category_The_Class_Leaves_Open()
        {
            var yaml = Replace(Clean, "registry_class: plain", "registry_class: forces\n    includes: [advisors]");
            AssertLint(
                Lint(yaml),
                (Severity.Warning, "TR201", "actor_classes.militias", LineOf(yaml, "- id: militias"),
                    "neither includes nor excludes 'military-police': the text leaves open whether military-police are bound (reports of military-police will count only as possible)"));
            AssertLint(Lint(Replace(Clean, "registry_class: plain", "registry_class: forces\n    includes: [advisors]\n    excludes: [military-police]")));
        }
    }

    public class TheZones
    {
        private static string WithTwoReadings() => Replace(Clean, "  - id: band\n    zone: { within: 20 km, of: line-a }\n    sources: [s1]",
            "  - id: band\n    variants:\n      - id: first\n        zone: { within: 20 km, of: line-a }\n        sources: [s1, s2]\n      - id: second\n        zone: { within: 15 mi, of: line-a }");

        [Fact]
        public void Should_Report_Conflicting_Readings_With_Their_Sources_And_An_Unsourced_Reading()
        {
            var yaml = WithTwoReadings();
            AssertLint(
                Lint(yaml),
                (Severity.Warning, "TR206", "zones.band", BandLine(yaml),
                    "conflicting readings of one term, all verified side by side: first = within 20.000 km of line-a [s1, s2] vs second = within 24.140 km of line-a [no source]"),
                (Severity.Warning, "TR210", "zones.band.variants.second", LineOf(yaml, "- id: second"), "no source cited for this reading"));
        }

        [Fact]
        public void Should_Warn_About_A_Single_Reading_Without_A_Source_At_The_Zone()
        {
            var yaml = Replace(Clean, "    zone: { within: 20 km, of: line-a }\n    sources: [s1]", "    zone: { within: 20 km, of: line-a }");
            AssertLint(Lint(yaml), (Severity.Warning, "TR210", "zones.band", BandLine(yaml), "no source cited for this reading"));
        }

        [Fact]
        public void Should_Warn_About_An_Assumed_Reading_With_Its_Note_And_Not_Ask_It_For_A_Source()
        {
            var yaml = Replace(Clean, "    sources: [s1]\nobligations", "    assumed: true\n    note: no line stated\nobligations");
            AssertLint(Lint(yaml), (Severity.Warning, "TR207", "zones.band", BandLine(yaml), "no line or distance stated in the sources; Truce assumes within 20.000 km of line-a (no line stated)"));

            var noNote = Replace(Clean, "    sources: [s1]\nobligations", "    sources: [s1]\n    assumed: true\nobligations");
            AssertLint(Lint(noNote), (Severity.Warning, "TR207", "zones.band", BandLine(noNote), "no line or distance stated in the sources; Truce assumes within 20.000 km of line-a"));
        }

        [Fact]
        public void Should_Warn_Once_Per_Approximate_Feature_With_Its_Caveat_When_It_Has_One()
        {
            var yaml = Zone("{ any: [ { within: 5 km, of: approx-line }, { within: 9 km, of: approx-line } ] }");
            AssertLint(Lint(yaml), (Severity.Warning, "TR208", "zones.band", BandLine(yaml), "reference geometry 'approx-line' is an approximation"));

            var big = Zone("{ within: 5 km, of: area-big }");
            AssertLint(Lint(big), (Severity.Warning, "TR208", "zones.band", BandLine(big), "reference geometry 'area-big' is an approximation: drawn by hand"));
        }

        [Fact]
        public void Should_Refuse_A_Zone_Of_No_Width_And_Warn_About_A_Distance_That_Constrains_Nothing_Even_In_The_Part_Taken_Away()
        {
            var yaml = Zone("{ difference: [ { beyond: 0 km, of: line-a }, { within: 0 km, of: line-a } ] }");
            AssertLint(
                Lint(yaml),
                (Severity.Warning, "TR214", "zones.band", BandLine(yaml), "'at least 0 km from line-a' is everywhere: the term constrains nothing"),
                (Severity.Error, "TR105", "zones.band", BandLine(yaml), "'within: 0 km of line-a' is a zone of no width: no located event can lie in it; state the distance the sources give"));
        }

        [Fact]
        public void Should_Suggest_The_Named_Areas_Mostly_Inside_A_Hand_Drawn_One_Largest_Share_First_Then_By_Name()
        {
            // Shares of each named area's box inside area-big's box: a-in 1, b-in 1, half 0.5 (kept: at least half),
            // tall and wide 0.25 (dropped). area-big itself, the other drawn area and the line inside are no named areas.
            var yaml = Zone("{ area: area-big }");
            AssertLint(
                Lint(yaml),
                (Severity.Warning, "TR208", "zones.band", BandLine(yaml), "reference geometry 'area-big' is an approximation: drawn by hand"),
                (Severity.Warning, "TR215", "zones.band", BandLine(yaml),
                    "'area: area-big' is a hand-drawn shape: prefer a named boundary (an administrative unit), which sources and readers can check; named areas it overlaps: area-a-in, area-b-in, area-half"));
        }

        [Fact]
        public void Should_Point_To_The_Admin_1_Polygons_When_No_Named_Area_Overlaps_A_Hand_Drawn_One()
        {
            var yaml = Zone("{ area: area-lonely }");
            AssertLint(
                Lint(yaml),
                (Severity.Warning, "TR208", "zones.band", BandLine(yaml), "reference geometry 'area-lonely' is an approximation"),
                (Severity.Warning, "TR215", "zones.band", BandLine(yaml),
                    "'area: area-lonely' is a hand-drawn shape: prefer a named boundary (an administrative unit), which sources and readers can check; add admin-1 polygons (examples/geo/admin1-levant.geojson) to 'geometry'"));
        }

        [Fact]
        public void Should_Not_Call_A_Named_Area_Hand_Drawn()
        {
            AssertLint(Lint(Zone("{ area: area-half }")));
        }

        [Fact]
        public void Should_Warn_That_A_Zone_Whose_Parts_Do_Not_Overlap_Is_Empty()
        {
            var yaml = Zone("{ all: [ { area: area-a-in }, { area: area-far } ] }");
            AssertLint(Lint(yaml), (Severity.Warning, "TR213", "zones.band", BandLine(yaml), "the zone is empty: its parts do not overlap"));
        }

        [Fact]
        public void Should_Name_The_Missing_Feature_And_The_Geometry_Files_The_Spec_Lists()
        {
            var yaml = Zone("{ within: 5 km, of: no-such-line }");
            var d = Assert.Single(Lint(yaml));
            Assert.Equal((Severity.Error, "TR103", "zones.band", BandLine(yaml)), (d.Severity, d.Code, d.Field, d.Line));
            Assert.Equal("unknown reference feature 'no-such-line'; geometry files: none listed under 'geometry'", d.Message);

            var listed = Replace(yaml, "parties: [army]", "geometry: [a.geojson, b.geojson]\nparties: [army]");
            Assert.Equal("unknown reference feature 'no-such-line'; geometry files: a.geojson, b.geojson", Assert.Single(Lint(listed)).Message);
        }
    }

    public class TheObligations
    {
        private static string Obligation(string from, string to) => Replace(Clean, from, to);

        [Fact]
        public void Should_Ask_For_The_Quoted_Wording_And_A_Source()
        {
            var yaml = Obligation("    text: \"troops out\"\n    sources: [s1]\n", string.Empty);
            AssertLint(
                Lint(yaml),
                (Severity.Warning, "TR210", "obligations.keep-away", KeepAwayLine(yaml), "no wording quoted ('text'): a reader cannot check the spec against the agreement"),
                (Severity.Warning, "TR210", "obligations.keep-away", KeepAwayLine(yaml), "no source cited for this obligation"));
        }

        [Fact]
        public void Should_Say_Where_A_Start_Taken_From_The_Agreement_Comes_From()
        {
            var yaml = Obligation("    from: 2018-08-01\n", string.Empty);
            AssertLint(Lint(yaml), (Severity.Warning, "TR202", "obligations.keep-away", KeepAwayLine(yaml), "no start date of its own; taken from the agreement (2018-07-15)"));
        }

        [Fact]
        public void Should_Warn_That_An_Obligation_Without_Any_Start_Cannot_Be_Verified()
        {
            var yaml = Obligation("    from: 2018-08-01\n", string.Empty).Replace("in_force: 2018-07-15\n", string.Empty, StringComparison.Ordinal);
            AssertLint(Lint(yaml), (Severity.Warning, "TR203", "obligations.keep-away", KeepAwayLine(yaml), "no start date, and the agreement has no in_force date: it cannot be verified"));
        }

        [Fact]
        public void Should_Refuse_A_Grace_Period_That_Runs_Past_The_End()
        {
            // 2018-08-01 + 30 days = 2018-08-31, after an end on 2018-08-30; ending on 2018-08-31 leaves one day.
            var yaml = Obligation("    grace: 30 days", "    grace: 30 days\n    until: 2018-08-30");
            AssertLint(Lint(yaml), (Severity.Error, "TR104", "obligations.keep-away", KeepAwayLine(yaml), "enforced from 2018-08-31 (2018-08-01 + 30 days grace), after its end 2018-08-30"));
            AssertLint(Lint(Obligation("    grace: 30 days", "    grace: 30 days\n    until: 2018-08-31")));
        }

        [Fact]
        public void Should_Warn_That_A_Must_Without_A_Deadline_Cannot_Be_Broken()
        {
            var yaml = Obligation("    must_not: presence\n    zone: band\n    from: 2018-08-01\n    grace: 30 days", "    must: deployment\n    zone: band\n    from: 2018-08-01");
            AssertLint(Lint(yaml), (Severity.Warning, "TR204", "obligations.keep-away", KeepAwayLine(yaml), "no deadline: a 'must deployment' without 'until' can never be shown to be broken"));
            AssertLint(Lint(yaml + "\n    until: 2018-12-31"));
        }

        [Fact]
        public void Should_Warn_That_A_Presence_Ban_Without_A_Withdrawal_Period_Takes_Effect_At_Once()
        {
            var yaml = Obligation("    grace: 30 days", "    until: 2018-12-31");
            AssertLint(Lint(yaml), (Severity.Warning, "TR205", "obligations.keep-away", KeepAwayLine(yaml), "no withdrawal period stated ('grace'): verification assumes immediate effect"));
        }

        [Fact]
        public void Should_Not_Ask_For_A_Withdrawal_Period_Where_Nothing_Is_To_Be_Withdrawn()
        {
            // Attacks are not withdrawn from, and a required presence is not a ban.
            AssertLint(Lint(Obligation("    must_not: presence", "    must_not: attack").Replace("    grace: 30 days", "    until: 2018-12-31", StringComparison.Ordinal)));
            AssertLint(Lint(Obligation("    must_not: presence", "    must: presence").Replace("    grace: 30 days", "    until: 2018-12-31", StringComparison.Ordinal)));
        }

        [Fact]
        public void Should_Warn_When_No_Known_Source_Observes_The_Activity()
        {
            var yaml = Obligation("must_not: presence", "must_not: shelling");
            AssertLint(Lint(yaml), (Severity.Warning, "TR209", "obligations.keep-away", KeepAwayLine(yaml), "no known evidence source observes 'shelling': the verdict will be unverifiable"));
        }

        [Fact]
        public void Should_Count_The_Evidence_In_Hand_Among_The_Sources_That_Observe()
        {
            var yaml = Obligation("must_not: presence", "must_not: shelling");
            var coverage = new Coverage("other", "o.ndjson", new BoundingBox(8, 19, 10, 23), new DateRange(new(2018, 9, 1), new(2018, 9, 30)), [ObligedActivity.Shelling], true, null);
            AssertLint(Lint(yaml, [coverage]));
        }

        [Theory]
        [InlineData(30, 40, 2018, "presence")] // the box lies far from the band along line-a
        [InlineData(8, 19, 2017, "presence")] // the period ends before the obligation is enforced
        [InlineData(8, 19, 2018, "attack")] // the evidence records other activities only
        public void Should_Warn_When_The_Evidence_In_Hand_Does_Not_Watch_The_Zone_The_Period_And_The_Activity(double south, double west, int year, string observes)
        {
            Assert.True(Vocabulary.TryParseObliged(observes, out var activity));
            var coverage = new Coverage("watch", "w.ndjson", new BoundingBox(south, west, south + 2, west + 4), new DateRange(new(year, 9, 1), new(year, 9, 30)), [activity], true, null);
            AssertLint(
                Lint(Clean, [coverage]),
                (Severity.Warning, "TR209", "obligations.keep-away", KeepAwayLine(Clean), "none of the evidence given observes 'presence' in zone band (stated) during 2018-08-31..…"));
        }

        [Fact]
        public void Should_Not_Warn_When_One_Of_Several_Coverages_Watches_The_Zone_The_Period_And_The_Activity()
        {
            // One file watches the band in September 2018; the others watch elsewhere, another year, or another activity.
            // One watcher is enough, in whichever order the files come.
            var watching = new Coverage("watch", "w.ndjson", new BoundingBox(8, 19, 10, 23), new DateRange(new(2018, 9, 1), new(2018, 9, 30)), [ObligedActivity.Presence], true, null);
            var elsewhere = new Coverage("watch", "far.ndjson", new BoundingBox(30, 40, 32, 44), new DateRange(new(2018, 9, 1), new(2018, 9, 30)), [ObligedActivity.Presence], true, null);
            var earlier = new Coverage("watch", "old.ndjson", new BoundingBox(8, 19, 10, 23), new DateRange(new(2017, 9, 1), new(2017, 9, 30)), [ObligedActivity.Presence], true, null);
            var attacks = new Coverage("watch", "attacks.ndjson", new BoundingBox(8, 19, 10, 23), new DateRange(new(2018, 9, 1), new(2018, 9, 30)), [ObligedActivity.Attack], true, null);
            AssertLint(Lint(Clean, [watching, elsewhere, earlier, attacks]));
            AssertLint(Lint(Clean, [elsewhere, earlier, attacks, watching]));
            AssertLint(
                Lint(Clean, [elsewhere, earlier, attacks]),
                (Severity.Warning, "TR209", "obligations.keep-away", KeepAwayLine(Clean), "none of the evidence given observes 'presence' in zone band (stated) during 2018-08-31..…"));
        }

        [Fact]
        public void Should_Name_Each_Reading_The_Evidence_In_Hand_Does_Not_Watch()
        {
            var yaml = Replace(Clean, "  - id: band\n    zone: { within: 20 km, of: line-a }\n    sources: [s1]",
                "  - id: band\n    variants:\n      - { id: near, zone: { within: 20 km, of: line-a }, sources: [s1] }\n      - { id: far, zone: { area: area-far }, sources: [s2] }");
            var coverage = new Coverage("watch", "w.ndjson", new BoundingBox(8, 19, 10, 23), new DateRange(new(2018, 9, 1), new(2018, 9, 30)), [ObligedActivity.Presence], true, null);
            var ds = Lint(yaml, [coverage]);
            Assert.Equal(["TR206", "TR209"], ds.Select(d => d.Code));
            Assert.Equal("none of the evidence given observes 'presence' in zone band (far) during 2018-08-31..…", ds[1].Message);
        }

        [Fact]
        public void Should_Not_Fail_On_An_Obligation_Built_In_Code_Whose_Zone_Is_Not_Defined()
        {
            // The reader refuses such a spec, but a caller may build one: the coverage check finds no reading to check.
            var a = Spec(Clean);
            a = a with { Obligations = [a.Obligations[0] with { ZoneId = "nowhere" }] };
            var coverage = new Coverage("watch", "w.ndjson", new BoundingBox(30, 40, 32, 44), new DateRange(new(2018, 9, 1), new(2018, 9, 30)), [ObligedActivity.Presence], true, null);
            Assert.Empty(SpecLinter.Lint(a, Registry(), Catalog(), Sources(), [coverage]));
        }
    }
}
