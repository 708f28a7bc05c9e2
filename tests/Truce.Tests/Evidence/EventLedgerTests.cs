using CsCheck;
using Truce.Evidence;
using Truce.Geodesy;

namespace Truce.Tests.Evidence;

/// <summary>The ledger admits each event id once, however many ids it holds, and names the admitted report of every clash.</summary>
public class EventLedgerTests
{
    private static Truce.Evidence.Evidence Item(string id, string file, long line, int deaths = 1) =>
        new(id, new EvidenceOrigin(file, line, "ucdp-ged"), new GeoPoint(33.5, 36.3), LocationPrecision.Ucdp(1)!,
            TimePrecision.Between(new DateRange(new(2018, 3, 4), new(2018, 3, 4))), Activity.OrganizedViolence, "state-based conflict",
            [new ActorReport("Government of Syria", ActorRole.Participant, IdentificationBasis.Stated, Deaths: deaths)],
            new SourceAssessment("ucdp-ged", "UCDP GED", Reliability.B, Credibility.ProbablyTrue, true));

    [Fact]
    public void Should_Admit_Each_Id_Once_Across_Growth_And_Count_Every_Repeat()
    {
        // Ids drawn with repeats from a range wider than the table's first size, so it grows several times.
        Gen.Int[0, 40_000].Array[1, 60_000].Sample(ids =>
        {
            var ledger = new EventLedger();
            var admitted = new HashSet<int>();
            int line = 1;
            foreach (var id in ids)
            {
                bool fresh = admitted.Add(id);
                if (ledger.Admit(Item($"ucdp-ged:{id}", "a.csv", line++), 0) != fresh)
                {
                    return false;
                }
            }

            return ledger.Duplicates == ids.Length - admitted.Count && ledger.Revised == 0;
        }, iter: 20);
    }

    [Fact]
    public void Should_Name_The_Admitted_Report_And_Tell_A_Revision_From_A_Copy()
    {
        var ledger = new EventLedger();
        for (int i = 1; i <= 5000; i++)
        {
            Assert.True(ledger.Admit(Item($"ucdp-ged:{i}", "new.csv", i + 1), 1));
        }

        Assert.False(ledger.Admit(Item("ucdp-ged:4321", "old.csv", 7), 0));
        Assert.False(ledger.Admit(Item("ucdp-ged:17", "old.csv", 9, deaths: 2), 0));
        Assert.True(ledger.Admit(Item("ucdp-ged:5001", "old.csv", 11), 0));

        Assert.Equal(2, ledger.Duplicates);
        Assert.Equal(1, ledger.Revised);
        Assert.Equal(new EventClash("ucdp-ged:4321", "new.csv", 4322, "old.csv", 7, Differs: false), ledger.Clashes[0]);
        Assert.Equal(new EventClash("ucdp-ged:17", "new.csv", 18, "old.csv", 9, Differs: true), ledger.Clashes[1]);
    }
}
