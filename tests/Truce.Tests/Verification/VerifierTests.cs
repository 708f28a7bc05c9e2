using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Tests.TestSupport;
using Truce.Text;
using Truce.Verification;

namespace Truce.Tests.Verification;

public class VerifierTests
{
    private const string Spec = """
        id: golan-test
        title: Test deal
        status: agreed
        in_force: 2018-08-01
        parties: [russia]
        actor_classes:
          - { id: iran-aligned, registry_class: iran-aligned-forces, includes: [militia, combat-units] }
          - { id: government-side, registry_class: government-side }
          - { id: armed-opposition, registry_class: armed-opposition }
        zones:
          - id: buffer
            variants:
              - id: 85km
                zone: { all: [ { within: 85 km, of: israel-syria-line }, { area: syria } ] }
              - id: 15mi
                zone: { all: [ { within: 15 mi, of: israel-syria-line }, { area: syria } ] }
          - id: syria
            zone: { area: syria }
        obligations:
          - { id: keep-away, who: iran-aligned, must_not: presence, zone: buffer, grace: 10 days }
          - { id: no-fighting, between: [government-side, armed-opposition], must_not: attack, zone: syria }
          - { id: deploy, who: iran-aligned, must: deployment, zone: buffer, until: 2018-12-31 }
        """;

    private static Verifier NewVerifier()
    {
        var bag = new DiagnosticBag();
        var a = AgreementSpecReader.Read(Spec, "test.yaml", bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return new Verifier([a!], Repo.Geometry(), Repo.Actors());
    }

    private static Truce.Evidence.Evidence Item(
        string id, DateOnly day, double lat, double lon, Activity activity, double precisionKm = 1, Reliability reliability = Reliability.B,
        Credibility credibility = Credibility.ProbablyTrue, params ActorReport[] actors) =>
        new(id, new EvidenceOrigin("test.ndjson", 1, "ndjson"), new GeoPoint(lat, lon), LocationPrecision.Within(Distance.FromKilometres(precisionKm)),
            TimePrecision.Between(new DateRange(day, day)), activity, activity.ToString(), actors,
            new SourceAssessment("reuters", "Reuters", reliability, credibility, true));

    private static ActorReport Observed(string name, IdentificationBasis basis = IdentificationBasis.Stated, string? category = null) =>
        new(name, ActorRole.Observed, basis, category);

    private static Coverage Watch(params ObligedActivity[] observes) =>
        new("monitor", "m.ndjson", new BoundingBox(32, 35, 34, 37), new DateRange(new(2018, 8, 1), new(2018, 12, 31)), observes, true, null);

    private static Verdict Find(Verifier v, string obligation, string reading) =>
        v.Verdicts().Single(x => x.Obligation.Id == obligation && x.Variant.Id == reading);

    [Fact]
    public void Absence_Of_Evidence_Without_Coverage_Is_Unverifiable_Not_Compliance()
    {
        var v = NewVerifier();
        var verdict = Find(v, "keep-away", "85km");
        Assert.Equal(VerdictStatus.Unverifiable, verdict.Status);
        Assert.Contains("absence of evidence is not compliance", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_Inside_A_Coverage_That_Observes_The_Activity_Is_No_Violation_Found()
    {
        var v = NewVerifier();
        v.Observe(Watch(ObligedActivity.Presence));
        var verdict = Find(v, "keep-away", "85km");
        Assert.Equal(VerdictStatus.NoViolationFound, verdict.Status);
        Assert.Equal("monitor", Assert.Single(verdict.Coverage).Coverage.SourceId);
    }

    [Fact]
    public void A_Coverage_Of_Another_Activity_Does_Not_Count()
    {
        var v = NewVerifier();
        v.Observe(Watch(ObligedActivity.Attack));
        Assert.Equal(VerdictStatus.Unverifiable, Find(v, "keep-away", "85km").Status);
    }

    [Fact]
    public void A_Confirmed_Sighting_Between_15_Miles_And_85_Km_Breaks_One_Reading_Only()
    {
        var v = NewVerifier();
        v.Observe(Watch(ObligedActivity.Presence));

        // ~44 km from the line (Damascus).
        v.Observe(Item("e1", new(2018, 9, 1), 33.5138, 36.2765, Activity.Presence, actors: Observed("Hezbollah")));
        var wide = Find(v, "keep-away", "85km");
        Assert.Equal(VerdictStatus.Violated, wide.Status);
        Assert.Equal(new DateOnly(2018, 9, 1), wide.FirstBreach!.Value.Start);
        Assert.Equal("hezbollah", Assert.Single(wide.Confirmed).ActorId);
        Assert.Equal(VerdictStatus.NoViolationFound, Find(v, "keep-away", "15mi").Status);
    }

    [Fact]
    public void The_Grace_Period_Keeps_Early_Sightings_Out_Of_The_Window()
    {
        var v = NewVerifier();
        v.Observe(Watch(ObligedActivity.Presence));
        v.Observe(Item("early", new(2018, 8, 5), 33.05, 36.0, Activity.Presence, actors: Observed("Hezbollah")));
        var verdict = Find(v, "keep-away", "85km");
        Assert.Equal(VerdictStatus.NoViolationFound, verdict.Status);
        Assert.Equal(1, verdict.Screening.OutsideWindow);
    }

    [Theory]
    [InlineData(IdentificationBasis.Uniform, "uniform only")]
    [InlineData(IdentificationBasis.Flag, "flag only")]
    public void Appearance_Alone_Makes_Identity_Uncertain(IdentificationBasis basis, string reason)
    {
        var v = NewVerifier();
        v.Observe(Watch(ObligedActivity.Presence));
        v.Observe(Item("e1", new(2018, 9, 12), 33.05, 36.0, Activity.Presence, actors: Observed("Hezbollah", basis)));
        var verdict = Find(v, "keep-away", "85km");
        Assert.Equal(VerdictStatus.Unverifiable, verdict.Status);
        var f = Assert.Single(verdict.Possible);
        Assert.Equal(Judgement.Uncertain, f.Actor);
        Assert.Contains(f.Doubts, r => r.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void An_Attribution_Beside_A_Uniform_Confirms_The_Militia()
    {
        var v = NewVerifier();
        v.Observe(Item("e1", new(2018, 9, 12), 33.05, 36.0, Activity.Presence, reliability: Reliability.C, credibility: Credibility.PossiblyTrue,
            actors: [Observed("Syrian Arab Army", IdentificationBasis.Uniform), Observed("Hezbollah", IdentificationBasis.Attributed)]));
        Assert.Equal(VerdictStatus.Violated, Find(v, "keep-away", "85km").Status);
    }

    [Fact]
    public void Advisors_Left_Open_By_The_Agreement_Count_Only_As_Possible()
    {
        var v = NewVerifier();
        v.Observe(Item("e1", new(2018, 9, 12), 33.05, 36.0, Activity.Presence, actors: Observed("IRGC advisors")));
        var verdict = Find(v, "keep-away", "85km");
        Assert.Equal(VerdictStatus.Unverifiable, verdict.Status);
        Assert.Contains(Assert.Single(verdict.Possible).Doubts, r => r.Contains("neither includes nor excludes", StringComparison.Ordinal));
        Assert.Contains(verdict.Caveats, c => c.Contains("advisors", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Weak_Source_Cannot_Confirm_Alone()
    {
        var v = NewVerifier();
        v.Observe(Item("e1", new(2018, 9, 12), 33.05, 36.0, Activity.Presence, reliability: Reliability.D, actors: Observed("Hezbollah")));
        var verdict = Find(v, "keep-away", "85km");
        Assert.Equal(VerdictStatus.Unverifiable, verdict.Status);
        Assert.Contains(Assert.Single(verdict.Possible).Doubts, r => r.Contains("too weak to confirm", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Strike_Shows_The_Target_Was_There_But_Not_The_Shooter()
    {
        var v = NewVerifier();
        var strike = Item("e1", new(2018, 9, 4), 33.3586, 36.2394, Activity.AirStrike, actors:
            [new ActorReport("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", ActorRole.Target, IdentificationBasis.Stated)]);
        v.Observe(strike);
        Assert.Equal(VerdictStatus.Violated, Find(v, "keep-away", "85km").Status);

        var v2 = NewVerifier();
        v2.Observe(Item("e2", new(2018, 9, 4), 33.3586, 36.2394, Activity.Shelling, actors:
            [new ActorReport("Hezbollah", ActorRole.Initiator, IdentificationBasis.Stated)]));
        Assert.Equal(0, Find(v2, "keep-away", "85km").PossibleTotal + Find(v2, "keep-away", "85km").ConfirmedTotal);
    }

    [Fact]
    public void A_Battle_Breaks_A_Mutual_Ceasefire_Whoever_Began_It_But_Not_With_An_Excluded_Group()
    {
        var v = NewVerifier();
        v.Observe(Item("battle", new(2018, 9, 1), 35.0, 37.0, Activity.OrganizedViolence, actors:
            [new ActorReport("Government of Syria", ActorRole.Participant, IdentificationBasis.Stated), new ActorReport("Syrian insurgents", ActorRole.Participant, IdentificationBasis.Stated)]));
        v.Observe(Item("vs-is", new(2018, 9, 2), 34.55, 38.27, Activity.OrganizedViolence, actors:
            [new ActorReport("Government of Syria", ActorRole.Participant, IdentificationBasis.Stated), new ActorReport("IS", ActorRole.Participant, IdentificationBasis.Stated)]));
        var verdict = Find(v, "no-fighting", "stated");
        Assert.Equal(VerdictStatus.Violated, verdict.Status);
        Assert.Equal("battle", Assert.Single(verdict.Confirmed).Evidence.Id);
        Assert.Equal(1, verdict.Screening.OtherActors);
    }

    [Fact]
    public void A_Must_Is_Kept_By_Evidence_Of_Fulfilment_And_Unverifiable_Without_It()
    {
        var v = NewVerifier();
        Assert.Equal(VerdictStatus.Unverifiable, Find(v, "deploy", "85km").Status);
        v.Observe(Item("d1", new(2018, 9, 1), 33.05, 36.0, Activity.Deployment, actors: [new ActorReport("Hezbollah", ActorRole.Initiator, IdentificationBasis.Stated)]));
        var verdict = Find(v, "deploy", "85km");
        Assert.Equal(VerdictStatus.NoViolationFound, verdict.Status);
        Assert.StartsWith("fulfilled", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_Names_Are_Counted_Not_Guessed()
    {
        var v = NewVerifier();
        v.Observe(Item("e1", new(2018, 9, 12), 33.05, 36.0, Activity.Presence, actors: Observed("Quwat al-Ridha")));
        v.Observe(Item("e2", new(2018, 9, 13), 33.05, 36.0, Activity.Presence, actors: Observed("Quwat al-Ridha")));
        Assert.Equal(2, v.UnresolvedNames["Quwat al-Ridha"]);
        Assert.Equal(0, Find(v, "keep-away", "85km").PossibleTotal);
    }

    [Fact]
    public void Findings_Near_The_Threshold_Name_The_Geometry_Resolution()
    {
        var v = NewVerifier();
        var line = Repo.Geometry().Features["israel-syria-line"].Lines[0];

        // Walk east from the line's midpoint, bisecting until the point is 24.5 km from the line: just outside 15 miles.
        var mid = line.Vertices[line.Vertices.Count / 2];
        double lo = 0, hi = 60;
        for (int i = 0; i < 40; i++)
        {
            double m = (lo + hi) / 2;
            (lo, hi) = line.DistanceTo(Geodesic.Wgs84.Direct(mid, 80, Distance.FromKilometres(m))).Kilometres < 24.5 ? (m, hi) : (lo, m);
        }

        var p = Geodesic.Wgs84.Direct(mid, 80, Distance.FromKilometres(lo));
        Assert.Equal(24.5, line.DistanceTo(p).Kilometres, 3);
        v.Observe(Item("edge", new(2018, 9, 12), p.Latitude, p.Longitude, Activity.Presence, precisionKm: 0.1, actors: Observed("Hezbollah")));
        var verdict = Find(v, "keep-away", "15mi");
        Assert.Contains(verdict.Caveats, c => c.Contains("edge (just outside) is 24.500 km", StringComparison.Ordinal) && c.Contains("within 1.000 km of the 24.140 km threshold", StringComparison.Ordinal) && c.Contains("336 m", StringComparison.Ordinal));
    }

    [Fact]
    public void BoundedFindings_Keeps_The_Earliest_And_Counts_All()
    {
        var v = NewVerifier();
        var bounded = new BoundedFindings(3);
        foreach (var day in Enumerable.Range(1, 10).Reverse())
        {
            var e = Item($"e{day}", new(2018, 9, day), 33.05, 36.0, Activity.Presence, actors: Observed("Hezbollah"));
            bounded.Add(new Finding(e, Judgement.Yes, [], Judgement.Yes, Judgement.Yes, Judgement.Yes, null, null, string.Empty, [], true, new FindingScore(1, 1, 1, 1, 1)));
        }

        Assert.Equal(10, bounded.Total);
        Assert.Equal(["e1", "e2", "e3"], bounded.Items.Select(f => f.Evidence.Id));
    }
}
