using CsCheck;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Places;
using Truce.Tests.TestSupport;
using Truce.Text;
using Truce.Verification;

namespace Truce.Tests.Verification;

/// <summary>What a UCDP or ACLED row proves, where it can have happened, and how likely a finding is: the rules that let verdicts on real data be signed.</summary>
public class RealEvidenceRulesTests
{
    private static readonly DateOnly Day = new(2018, 9, 12);

    internal static Truce.Evidence.Evidence Ucdp(
        string id, double lat, double lon, int wherePrec, IReadOnlyList<ActorReport> actors, AdminAttribution? admin = null, int violence = 1, DateRange? days = null) =>
        new($"ucdp-ged:{id}", new EvidenceOrigin("ged.csv", 2, "ucdp-ged"), new GeoPoint(lat, lon), LocationPrecision.Ucdp(wherePrec)!,
            TimePrecision.Ucdp(1, days ?? new DateRange(Day, Day))!, violence == 3 ? Activity.AttackOnCivilians : Activity.OrganizedViolence,
            "state-based conflict", actors, new SourceAssessment("ucdp-ged", "UCDP", Reliability.B, Credibility.ProbablyTrue, true), admin: admin);

    private static Truce.Evidence.Evidence Acled(Activity activity, params ActorReport[] actors) =>
        new("acled:X1", new EvidenceOrigin("acled.csv", 2, "acled"), new GeoPoint(33.0, 36.0), LocationPrecision.Acled(1)!,
            TimePrecision.Acled(1, Day)!, activity, "t", actors, new SourceAssessment("acled", "ACLED", Reliability.B, Credibility.ProbablyTrue, true));

    private static ActorReport Side(string name, int? deaths, ActorRole role = ActorRole.Participant) => new(name, role, IdentificationBasis.Stated, null, deaths);

    private static Verifier VerifierFor(string spec)
    {
        var bag = new DiagnosticBag();
        var a = AgreementSpecReader.Read(spec, "test.yaml", bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return new Verifier([a!], Repo.Geometry(), Repo.Actors(), places: Repo.Places());
    }

    private const string PresenceSpec = """
        id: t
        title: t
        status: agreed
        in_force: 2018-08-01
        parties: [russia]
        actor_classes:
          - { id: iran-aligned, registry_class: iran-aligned-forces, includes: [militia, combat-units] }
        zones:
          - id: buffer
            zone: { all: [ { within: 85 km, of: israel-syria-line }, { area: syria } ] }
        obligations:
          - { id: keep-away, who: iran-aligned, must_not: presence, zone: buffer }
        """;

    private const string CessationSpec = """
        id: c
        title: c
        status: agreed
        in_force: 2016-02-27
        parties: [syria-government]
        actor_classes:
          - { id: government-side, registry_class: government-side, includes: [combat-units, militia] }
          - { id: armed-opposition, registry_class: armed-opposition, excludes: [islamic-state, hts, jaish-khalid-bin-al-walid] }
        zones:
          - { id: syria, zone: { area: syria } }
        obligations:
          - { id: no-attacks, between: [government-side, armed-opposition], must_not: attack, zone: syria }
        """;

    public class TheReadingRules
    {
        [Fact]
        public void Should_Have_Unique_Ids_And_Say_Why_For_Every_Rule()
        {
            Assert.Equal(ReadingRules.All.Count, ReadingRules.All.Select(r => r.Id).Distinct().Count());
            Assert.All(ReadingRules.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Why)));
            Assert.All(ReadingRules.All, r => Assert.StartsWith(r.Format == "native" ? "native." : r.Format == "acled" ? "acled." : "ucdp.", r.Id, StringComparison.Ordinal));
        }

        [Fact]
        public void Should_All_Be_Documented_In_Reading_Rules_Md()
        {
            var doc = File.ReadAllText(Repo.Path("docs/reading-rules.md"));
            Assert.All(ReadingRules.All, r => Assert.Contains($"| `{r.Id}` | {r.When.Replace("|", "\\|", StringComparison.Ordinal)} | {r.Shows} |", doc, StringComparison.Ordinal));
        }

        [Fact]
        public void Ucdp_Deaths_On_A_Side_Put_That_Side_At_The_Place()
        {
            var e = Ucdp("1", 33.0, 36.0, 1, [Side("Government of Syria", 0), Side("Hezbollah", 3)]);
            Assert.Equal((Judgement.Yes, ReadingRules.UcdpDeathsOnSide), ReadingRules.Presence(e, e.Actors[1]));
            Assert.Equal((Judgement.Uncertain, ReadingRules.UcdpNoDeathsOnSide), ReadingRules.Presence(e, e.Actors[0]));
        }

        [Fact]
        public void Ucdp_A_Side_Without_A_Death_Column_Is_Not_Shown_Present()
        {
            var e = Ucdp("1", 33.0, 36.0, 1, [Side("Hezbollah", null)]);
            Assert.Equal(Judgement.Uncertain, ReadingRules.Presence(e, e.Actors[0]).Shown);
        }

        [Fact]
        public void Ucdp_One_Sided_Violence_Shows_The_Victims_Were_There_But_Not_The_Perpetrator()
        {
            var e = Ucdp("1", 33.0, 36.0, 1, [Side("IS", 0, ActorRole.Initiator), Side("Civilians", 4, ActorRole.Target)], violence: 3);
            Assert.Equal((Judgement.Uncertain, ReadingRules.UcdpOneSided), ReadingRules.Presence(e, e.Actors[0]));
            Assert.Equal(Judgement.Yes, ReadingRules.Presence(e, e.Actors[1]).Shown);
        }

        [Theory]
        [InlineData(Activity.ArmedClash, ActorRole.Participant, Judgement.Yes, "acled.battle")]
        [InlineData(Activity.TerritoryTaken, ActorRole.Initiator, Judgement.Yes, "acled.territory")]
        [InlineData(Activity.Shelling, ActorRole.Initiator, Judgement.No, "acled.remote")]
        [InlineData(Activity.AirStrike, ActorRole.Target, Judgement.Yes, "acled.remote")]
        [InlineData(Activity.GroundAttack, ActorRole.Initiator, Judgement.Yes, "acled.explosive")]
        [InlineData(Activity.AttackOnCivilians, ActorRole.Initiator, Judgement.Uncertain, "acled.civilians")]
        [InlineData(Activity.Deployment, ActorRole.Observed, Judgement.Yes, "acled.strategic")]
        [InlineData(Activity.ArmedClash, ActorRole.Associated, Judgement.Uncertain, "acled.associated")]
        public void Acled_Presence_Follows_The_Event_Type_And_Role(Activity activity, ActorRole role, Judgement expected, string rule)
        {
            var e = Acled(activity, new ActorReport("Hezbollah", role, IdentificationBasis.Stated));
            Assert.Equal((expected, rule), (ReadingRules.Presence(e, e.Actors[0]).Shown, ReadingRules.Presence(e, e.Actors[0]).Rule.Id));
        }

        [Fact]
        public void Native_Deaths_On_An_Actor_Put_It_At_The_Place_Even_When_It_Fired_From_Afar()
        {
            var e = new Truce.Evidence.Evidence("r:1", new EvidenceOrigin("r.ndjson", 1, "ndjson"), new GeoPoint(33, 36), LocationPrecision.Within(Distance.FromKilometres(1)),
                TimePrecision.Between(new DateRange(Day, Day)), Activity.Shelling, "shelling",
                [new ActorReport("Hezbollah", ActorRole.Initiator, IdentificationBasis.Stated, null, 2), new ActorReport("IRGC", ActorRole.Initiator, IdentificationBasis.Stated)],
                new SourceAssessment("reuters", "Reuters", Reliability.B, Credibility.ProbablyTrue, true));
            Assert.Equal((Judgement.Yes, "native.deaths"), (ReadingRules.Presence(e, e.Actors[0]).Shown, ReadingRules.Presence(e, e.Actors[0]).Rule.Id));
            Assert.Equal((Judgement.No, "native.role"), (ReadingRules.Presence(e, e.Actors[1]).Shown, ReadingRules.Presence(e, e.Actors[1]).Rule.Id));
        }
    }

    public class PresenceFromDeathsInVerdicts
    {
        [Fact]
        public void A_Side_Whose_Deaths_Ucdp_Counts_Inside_The_Zone_Is_A_Confirmed_Presence()
        {
            var v = VerifierFor(PresenceSpec);
            v.Observe(Ucdp("7", 33.20, 36.10, 1, [Side("Government of Israel", 0), Side("Government of Iran", 2)], new AdminAttribution("ucdp", "Syria", "Rif Dimashq Governorate", null)));
            var verdict = v.Verdicts().Single();
            Assert.Equal(VerdictStatus.Violated, verdict.Status);
            Assert.Equal("ucdp-ged:7", verdict.Confirmed.Single().Evidence.Id);
        }

        [Fact]
        public void The_Same_Side_Without_Deaths_Is_Only_Possible_And_Cites_The_Rule()
        {
            var v = VerifierFor(PresenceSpec);
            v.Observe(Ucdp("8", 33.20, 36.10, 1, [Side("Government of Israel", 3), Side("Government of Iran", 0)]));
            var verdict = v.Verdicts().Single();
            Assert.Equal(VerdictStatus.Unverifiable, verdict.Status);
            Assert.Contains(verdict.Possible.Single().Doubts, d => d.Contains("ucdp.no-deaths-on-side", StringComparison.Ordinal));
        }
    }

    /// <summary>ucdp.dyad and ucdp.means-unknown: what a GED battle cannot say (who began it, by what means), in verdicts.</summary>
    public class WhatADyadCannotSay
    {
        private const string Spec = """
            id: d
            title: d
            status: agreed
            in_force: 2016-02-27
            parties: [syria-government]
            actor_classes:
              - { id: government-side, registry_class: government-side, includes: [combat-units, militia] }
              - { id: armed-opposition, registry_class: armed-opposition, excludes: [islamic-state, hts, jaish-khalid-bin-al-walid] }
            zones:
              - { id: syria, zone: { area: syria } }
            obligations:
              - { id: no-attacks-between, between: [government-side, armed-opposition], must_not: attack, zone: syria }
              - { id: no-attacks-on-opposition, who: government-side, against: armed-opposition, must_not: attack, zone: syria }
              - { id: no-air-strikes, who: government-side, must_not: air_strike, zone: syria }
              - { id: no-shelling, who: government-side, must_not: shelling, zone: syria }
            """;

        /// <summary>A state-based GED battle in Aleppo city (±2 km, well inside Syria) with deaths on both sides.</summary>
        private static IReadOnlyList<Verdict> Battle()
        {
            var v = VerifierFor(Spec);
            v.Observe(Ucdp("30", 36.2021, 37.1343, 1, [Side("Government of Syria", 4), Side("Syrian insurgents", 6)],
                new AdminAttribution("ucdp", "Syria", "Aleppo Governorate", null), days: new DateRange(new(2016, 5, 1), new(2016, 5, 1))));
            return v.Verdicts();
        }

        private static Verdict Of(IReadOnlyList<Verdict> verdicts, string obligation) => verdicts.Single(x => x.Obligation.Id == obligation);

        [Fact]
        public void Ucdp_A_Battle_Breaks_A_Mutual_Term_For_Certain()
        {
            var verdict = Of(Battle(), "no-attacks-between");
            Assert.Equal(VerdictStatus.Violated, verdict.Status);
            Assert.Equal("ucdp-ged:30", verdict.Confirmed.Single().Evidence.Id);
        }

        [Fact]
        public void Ucdp_A_Battle_Only_Possibly_Breaks_A_One_Sided_Term_Because_The_Dyad_Does_Not_Say_Who_Attacked()
        {
            var verdict = Of(Battle(), "no-attacks-on-opposition");
            Assert.Equal(0, verdict.ConfirmedTotal);
            var f = verdict.Possible.Single();
            Assert.Equal(Judgement.Uncertain, f.Actor);
            Assert.Equal(Judgement.Yes, f.Activity);
        }

        [Theory]
        [InlineData("no-air-strikes")]
        [InlineData("no-shelling")]
        public void Ucdp_An_Event_Of_Unknown_Means_Only_Possibly_Breaks_A_Term_About_A_Means(string obligation)
        {
            var verdict = Of(Battle(), obligation);
            Assert.Equal(0, verdict.ConfirmedTotal);
            Assert.Equal(Judgement.Uncertain, verdict.Possible.Single().Activity);
        }
    }

    /// <summary>acled.admin-units: the unit ACLED names bounds the event's place, as UCDP's adm_1 does.</summary>
    public class AcledUnits
    {
        // Damascus with ACLED geo_precision 2 (±25 km): the circle reaches Lebanon, so the coordinates alone cannot place it in Syria.
        private static Truce.Evidence.Evidence Damascus(AdminAttribution? admin) =>
            new("acled:SYR1", new EvidenceOrigin("acled.csv", 2, "acled"), new GeoPoint(33.513, 36.292), LocationPrecision.Acled(2)!,
                TimePrecision.Acled(1, new DateOnly(2016, 5, 1))!, Activity.ArmedClash, "Battles",
                [new ActorReport("Government of Syria", ActorRole.Participant, IdentificationBasis.Stated), new ActorReport("Syrian insurgents", ActorRole.Participant, IdentificationBasis.Stated)],
                new SourceAssessment("acled", "ACLED", Reliability.B, Credibility.ProbablyTrue, true), admin: admin);

        [Fact]
        public void Acled_Coordinates_Alone_Leave_The_Event_Straddling_Syria()
        {
            var v = VerifierFor(CessationSpec);
            v.Observe(Damascus(admin: null));
            Assert.Equal(Judgement.Uncertain, v.Verdicts().Single().Possible.Single().Zone);
        }

        [Fact]
        public void Acled_Admin1_Places_The_Event_In_Syria_And_The_Finding_Cites_The_Rule()
        {
            var v = VerifierFor(CessationSpec);
            v.Observe(Damascus(new AdminAttribution("acled", "Syria", "Damascus", null)));
            var f = v.Verdicts().Single().Confirmed.Single();
            Assert.Equal(Judgement.Yes, f.Zone);
            Assert.Contains("(syria-damascus) settled what the coordinates alone (acled 2: ±25.000 km) left open (reading rule acled.admin-units)", f.LocationClue, StringComparison.Ordinal);
        }
    }

    public class CoalitionSides
    {
        [Fact]
        public void A_Side_That_Mixes_A_Party_With_An_Excluded_Group_Yields_A_Possible_Finding_That_Says_Why()
        {
            var v = VerifierFor(CessationSpec);
            v.Observe(Ucdp("9", 32.9, 36.05, 1, [Side("Government of Syria", 1), Side("Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front", 2)], days: new DateRange(new(2016, 9, 12), new(2016, 9, 12))));
            var verdict = v.Verdicts().Single();
            Assert.Equal(0, verdict.ConfirmedTotal);
            var f = verdict.Possible.Single();
            Assert.Contains(f.Doubts, d => d.Contains("mixes", StringComparison.Ordinal) && d.Contains("excluded", StringComparison.Ordinal) && d.Contains("ucdp.coalition", StringComparison.Ordinal));

            // One member of three is excluded: the identity chance is the members' mean.
            Assert.InRange(f.Score.Identity, 0.6, 0.7);
        }

        [Fact]
        public void A_Side_Whose_Members_Are_All_Parties_Confirms()
        {
            var v = VerifierFor(CessationSpec);
            v.Observe(Ucdp("10", 32.9, 36.05, 1, [Side("Government of Syria", 1), Side("Ahrar al-Sham, Southern Front", 2)], days: new DateRange(new(2016, 9, 12), new(2016, 9, 12))));
            Assert.Equal(1, v.Verdicts().Single().ConfirmedTotal);
        }
    }

    public class LocationClues
    {
        // Damascus city: a where_prec 2 circle of 25 km reaches Lebanon, so the coordinates alone cannot place it in Syria.
        private static Truce.Evidence.Evidence Damascus(AdminAttribution? admin) =>
            Ucdp("20", 33.513, 36.292, 2, [Side("Government of Syria", 1), Side("Syrian insurgents", 1)], admin, days: new DateRange(new(2016, 5, 1), new(2016, 5, 1)));

        [Fact]
        public void The_Coordinates_Alone_Leave_A_Damascus_Event_Straddling_Syria()
        {
            var v = VerifierFor(CessationSpec);
            v.Observe(Damascus(admin: null));
            var f = v.Verdicts().Single().Possible.Single();
            Assert.Equal(Judgement.Uncertain, f.Zone);
            Assert.Contains(f.Doubts, d => d.Contains("straddles the zone edge", StringComparison.Ordinal));
        }

        [Fact]
        public void The_Governorate_Ucdp_Names_Places_It_In_Syria_And_The_Finding_Says_Which_Clue_Decided()
        {
            var v = VerifierFor(CessationSpec);
            v.Observe(Damascus(new AdminAttribution("ucdp", "Syria", "Damascus Governorate", "Damascus district")));
            var f = v.Verdicts().Single().Confirmed.Single();
            Assert.Equal(Judgement.Yes, f.Zone);
            Assert.Contains("adm_1 'Damascus Governorate' (syria-damascus) settled what the coordinates alone (ucdp 2: ±25.000 km) left open", f.LocationClue, StringComparison.Ordinal);
        }

        [Fact]
        public void A_Country_Only_Event_Is_In_Syria_By_Its_Country()
        {
            var v = VerifierFor(CessationSpec);
            v.Observe(Ucdp("21", 35.0, 38.5, 6, [Side("Government of Syria", 1), Side("Syrian insurgents", 1)], new AdminAttribution("ucdp", "Syria", null, null),
                days: new DateRange(new(2016, 5, 1), new(2016, 5, 1))));
            Assert.Equal(Judgement.Yes, v.Verdicts().Single().Confirmed.Single().Zone);
        }

        [Fact]
        public void Coordinates_That_Contradict_The_Named_Unit_Make_The_Zone_Uncertain_And_Say_So()
        {
            // Coordinates in Aleppo city (±2 km) but a governorate far away in another country: the source contradicts itself.
            var v = VerifierFor(CessationSpec);
            v.Observe(Ucdp("22", 36.2, 37.15, 1, [Side("Government of Syria", 1), Side("Syrian insurgents", 1)], new AdminAttribution("ucdp", "Jordan", "Irbid", null),
                days: new DateRange(new(2016, 5, 1), new(2016, 5, 1))));
            var f = v.Verdicts().Single().Possible.Single();
            Assert.Equal(Judgement.Uncertain, f.Zone);
            Assert.Contains(f.Doubts, d => d.Contains("contradicts itself", StringComparison.Ordinal));
        }

        [Fact]
        public void Reaches_Agrees_With_The_Exact_Geodesic_Test_Around_Every_Syrian_Governorate()
        {
            // The planar bracket may only skip the exact test where it cannot change the answer.
            var units = Repo.Places().All.Where(u => u.Id.StartsWith("syria-", StringComparison.Ordinal)).ToList();
            var tolerance = CompiledZone.BoundaryTolerance;
            Gen.Select(Gen.Int[0, units.Count - 1], Gen.Double[32.0, 37.5], Gen.Double[35.5, 42.5], Gen.Double[0, 60_000]).Sample(
                (u, lat, lon, r) =>
                {
                    var unit = units[u];
                    var p = new GeoPoint(lat, lon);
                    var radius = Distance.FromMetres(r);
                    bool exact = unit.Contains(p) || unit.Areas.Any(a => a.Area!.IsBoundaryWithin(p, radius + tolerance));
                    return unit.Reaches(p, radius, tolerance) == exact;
                },
                iter: 400);
        }

        [Fact]
        public void Every_Ucdp_Governorate_Name_In_The_Real_File_Is_In_The_Table()
        {
            var places = Repo.Places();
            foreach (var name in new[]
            {
                "Al Hasakah Governorate", "Aleppo Governorate", "Ar Raqqah Governorate", "As Suwayda Governorate", "Damascus Governorate", "Daraa Governorate",
                "Deir ez Zor Governorate", "Hamah Governorate", "Homs Governorate", "Idlib Governorate", "Latakia Governorate", "Quneitra Governorate",
                "Rif Dimashq Governorate", "Tartus Governorate",
            })
            {
                var hit = places.Resolve(new AdminAttribution("ucdp", "Syria", name, null));
                Assert.True(hit is { Unit.Level: AdminLevel.Admin1 }, name);
            }
        }

        [Fact]
        public void Quneitra_Governorate_Includes_The_Undof_Area_Of_Separation()
        {
            var unit = Repo.Places().Resolve(new AdminAttribution("ucdp", "Syria", "Quneitra Governorate", null))!.Value.Unit;
            Assert.Equal(["syria-quneitra", "syria-undof"], unit.Areas.Select(a => a.Id));
            Assert.True(unit.Contains(new GeoPoint(33.125, 35.824))); // the ruined old Quneitra town, in the area of separation
        }
    }

    public class TheScore
    {
        private static CompiledZone WithinOfPoint(double km)
        {
            var catalog = new GeometryCatalog();
            catalog.TryAdd(ReferenceFeature.OfPoint("p", new GeoPoint(33, 36), new FeatureProvenance("p", null, null, null, false, null, "t")));
            return CompiledZone.Compile(new WithinExpr(Distance.FromKilometres(km), "p"), catalog);
        }

        [Theory]
        [InlineData(5, 0.25)] // concentric discs: the share of area is (5/10)^2
        [InlineData(7.5, 0.5625)]
        [InlineData(10, 1.0)]
        [InlineData(2.5, 0.0625)]
        public void The_Zone_Share_Of_A_Precision_Disc_Is_The_Share_Of_Its_Area(double zoneKm, double expected)
        {
            // 64 samples at radius r*sqrt((k+0.5)/64) put exactly k+1 samples within r*sqrt((k+1)/64): concentric cases come out exact.
            var share = ZoneShare.Estimate(WithinOfPoint(zoneKm), new GeoPoint(33, 36), Distance.FromKilometres(10), unit: null);
            Assert.Equal(expected, share!.Value, 3);
        }

        /// <summary>A country split by the meridian 36°E into two governorates, West (35-36°E) and East (36-37°E), 32-34°N.</summary>
        private static (GeometryCatalog Catalog, AdminUnit East) Halves()
        {
            static string Box(string id, double west, double east) => $$"""
                { "type": "Feature", "id": "{{id}}", "properties": { "name": "{{id}}", "source": "test" },
                  "geometry": { "type": "Polygon", "coordinates": [[[{{west}}, 32], [{{east}}, 32], [{{east}}, 34], [{{west}}, 34], [{{west}}, 32]]] } }
                """;
            var json = $$"""{ "type": "FeatureCollection", "features": [{{Box("west", 35, 36)}}, {{Box("east", 36, 37)}}] }""";
            const string Table = """
                geometry: [halves.geojson]
                countries:
                  - { id: testland, name: Testland, areas: [west, east] }
                units:
                  - { id: testland-west, country: testland, name: West, areas: [west] }
                  - { id: testland-east, country: testland, name: East, areas: [east] }
                """;
            var catalog = new GeometryCatalog();
            var bag = new DiagnosticBag();
            GeometryReader.Read(json, "halves.geojson", catalog, bag);
            var table = AdminUnitTable.Read(Table, "places.yaml", catalog, bag);
            Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
            return (catalog, table!.Resolve(new AdminAttribution("ucdp", "Testland", "East", null))!.Value.Unit);
        }

        [Fact]
        public void The_Zone_Share_Counts_Only_The_Part_Of_The_Disc_Inside_The_Unit_The_Source_Names()
        {
            var (catalog, east) = Halves();
            var eastZone = CompiledZone.Compile(new AreaExpr("east"), catalog);
            var westZone = CompiledZone.Compile(new AreaExpr("west"), catalog);

            // A 10 km disc centred a hair east of the meridian: the unit East holds part of it, all of that part in East, none in West.
            var centre = new GeoPoint(33, 36.0001);
            var radius = Distance.FromKilometres(10);
            Assert.Equal(1.0, ZoneShare.Estimate(eastZone, centre, radius, east));
            Assert.Equal(0.0, ZoneShare.Estimate(westZone, centre, radius, east));

            // Without the unit the meridian splits the disc: every sample is in one half or the other, about half in each.
            double eastShare = ZoneShare.Estimate(eastZone, centre, radius, unit: null)!.Value;
            double westShare = ZoneShare.Estimate(westZone, centre, radius, unit: null)!.Value;
            Assert.Equal(1.0, eastShare + westShare, 12);
            Assert.InRange(eastShare, 0.4, 0.6);
        }

        [Fact]
        public void Coordinates_Whose_Disc_Misses_The_Named_Unit_Keep_The_Whole_Disc()
        {
            // 35.5°E ± 10 km lies wholly in West: the source contradicts itself, so the unit cannot narrow the disc.
            var (catalog, east) = Halves();
            var westZone = CompiledZone.Compile(new AreaExpr("west"), catalog);
            Assert.Equal(1.0, ZoneShare.Estimate(westZone, new GeoPoint(33, 35.5), Distance.FromKilometres(10), east));
        }

        [Fact]
        public void An_Unbounded_Location_Without_A_Unit_Has_No_Zone_Estimate()
        {
            Assert.Null(ZoneShare.Estimate(WithinOfPoint(5), new GeoPoint(33, 36), Distance.Unbounded, unit: null));
        }

        [Fact]
        public void A_Country_Only_Location_Is_Spread_Over_The_Country_By_Area()
        {
            // Daraa + Quneitra + UNDOF + As-Suwayda cover about 9,600 of Syria's 185,000 km² (Natural Earth): about 5%.
            var syria = Repo.Places().Resolve(new AdminAttribution("ucdp", "Syria", null, null))!.Value.Unit;
            var southwest = CompiledZone.Compile(new AnyExpr([new AreaExpr("syria-daraa"), new AreaExpr("syria-quneitra"), new AreaExpr("syria-undof"), new AreaExpr("syria-as-suwayda")]), Repo.Geometry());
            var share = ZoneShare.Estimate(southwest, new GeoPoint(35, 38), Distance.Unbounded, syria);
            Assert.InRange(share!.Value, 0.035, 0.07);
        }

        [Fact]
        public void The_Time_Share_Is_The_Share_Of_Possible_Days_In_The_Window()
        {
            var days = new DateRange(new(2018, 8, 1), new(2018, 8, 20));
            Assert.Equal(0.5, FindingScore.TimeShare(new ValidityPeriod(new(2018, 8, 11), null), days));
            Assert.Equal(1.0, FindingScore.TimeShare(new ValidityPeriod(null, new(2018, 9, 1)), days));
            Assert.Equal(0.0, FindingScore.TimeShare(new ValidityPeriod(new(2018, 9, 1), null), days));
            Assert.Equal(0.25, FindingScore.TimeShare(new ValidityPeriod(new(2018, 8, 6), new(2018, 8, 10)), days));
            Assert.Null(FindingScore.TimeShare(null, days));
        }

        [Fact]
        public void The_Score_Is_The_Product_Of_The_Chances_And_The_Source_Weight_With_Unknowns_As_Even_Chances()
        {
            double b2 = FindingScore.ReliabilityWeight(Reliability.B) * FindingScore.CredibilityWeight(Credibility.ProbablyTrue);
            Assert.Equal(0.81, b2, 10);
            Assert.Equal(81, new FindingScore(1, 1, 1, 1, b2).Value);
            Assert.Equal(10, new FindingScore(0.5, 1, 0.5, 0.5, b2).Value); // 100 × 0.10125
            Assert.Equal(20, new FindingScore(0.5, null, 1, 1, b2).Value); // an unknown window counts 0.5
            Assert.Equal(0, new FindingScore(0, 1, 1, 1, 1).Value);
        }

        [Fact]
        public void F_And_6_Mean_Cannot_Be_Judged_And_Weigh_As_Even_Chances_Not_As_Unreliable()
        {
            Assert.Equal(0.5, FindingScore.ReliabilityWeight(Reliability.F));
            Assert.True(FindingScore.ReliabilityWeight(Reliability.E) < FindingScore.ReliabilityWeight(Reliability.F));
            Assert.Equal(0.5, FindingScore.CredibilityWeight(Credibility.CannotBeJudged));
        }

        [Fact]
        public void Possible_Findings_Are_Listed_Most_Likely_First()
        {
            var v = VerifierFor(PresenceSpec);
            // Same place and day; the C4 report scores lower than the B2 one, and an advisor report lower still.
            v.Observe(new Truce.Evidence.Evidence("alma:1", new EvidenceOrigin("a.ndjson", 1, "ndjson"), new GeoPoint(33.05, 36.0), LocationPrecision.Within(Distance.FromKilometres(1)),
                TimePrecision.Between(new DateRange(Day, Day)), Activity.Presence, "presence", [new ActorReport("Hezbollah", ActorRole.Observed, IdentificationBasis.Stated)],
                new SourceAssessment("alma-center", "Alma", Reliability.C, Credibility.Doubtful, true)));
            v.Observe(new Truce.Evidence.Evidence("reuters:2", new EvidenceOrigin("a.ndjson", 2, "ndjson"), new GeoPoint(33.05, 36.0), LocationPrecision.Within(Distance.FromKilometres(1)),
                TimePrecision.Between(new DateRange(Day, Day)), Activity.Presence, "presence", [new ActorReport("Hezbollah", ActorRole.Observed, IdentificationBasis.Uniform)],
                new SourceAssessment("reuters", "Reuters", Reliability.B, Credibility.ProbablyTrue, true)));
            var possible = v.Verdicts().Single().Possible;
            Assert.Equal(["reuters:2", "alma:1"], possible.Select(f => f.Evidence.Id));
            Assert.True(possible[0].Score.Value > possible[1].Score.Value);
        }
    }
}
