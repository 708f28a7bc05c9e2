using Truce.Agreements;
using Truce.Cli;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;
using Truce.Text;
using Truce.Verification;

namespace Truce.Tests.Cli;

public class VerifyPipelineTests
{
    private static List<Agreement> ShippedAgreements()
    {
        var bag = new DiagnosticBag();
        var agreements = Directory.GetFiles(Repo.Path("examples/agreements"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => AgreementSpecReader.Read(File.ReadAllText(f), f, bag)!).ToList();
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return agreements;
    }

    private static string Summary(Verdict v) =>
        $"{v.Agreement.Id}/{v.Obligation.Id}/{v.Variant.Id} {v.Status} {v.Confidence} {v.ConfirmedTotal} {v.PossibleTotal} "
        + $"{v.Screening.Considered} {v.Screening.OutsideWindow} {v.Screening.OtherActivity} {v.Screening.OtherActors} {v.Screening.OutsideZone} "
        + string.Join(",", v.Confirmed.Concat(v.Possible).Select(f => $"{f.Evidence.Id}:{f.Score.Value}")) + " " + v.Reason;

    [Fact]
    public void The_Real_Ucdp_File_Gets_The_Same_Verdicts_Through_The_Pipeline_As_Observed_Directly()
    {
        var agreements = ShippedAgreements();
        using var stream = File.OpenRead(Repo.SharedData("data/ucdp-ged/ged_syria_652.1601.1911.csv"));
        var items = EvidenceReader.Read(stream, "ged.csv", Repo.Import()).Select(r => r.Evidence).OfType<Truce.Evidence.Evidence>().ToList();
        Assert.True(items.Count > 16_000, $"{items.Count} items read");

        var direct = new Verifier(agreements, Repo.Geometry(), Repo.Actors(), places: Repo.Places());
        items.ForEach(direct.Observe);
        var piped = new Verifier(agreements, Repo.Geometry(), Repo.Actors(), places: Repo.Places());
        using (var pipeline = new VerifyPipeline(piped))
        {
            items.ForEach(pipeline.Observe);
            pipeline.Complete();
        }

        Assert.Equal(items.Count, piped.EvidenceCount);
        Assert.Equal(direct.Verdicts().Select(Summary), piped.Verdicts().Select(Summary));
    }

    [Fact]
    public void A_Failure_In_The_Verifier_Reaches_The_Reader_Instead_Of_Vanishing_On_The_Worker()
    {
        var verifier = new Verifier(ShippedAgreements(), Repo.Geometry(), Repo.Actors());
        using var pipeline = new VerifyPipeline(verifier);
        pipeline.Observe((Truce.Evidence.Coverage)null!);
        Assert.Throws<ArgumentNullException>(pipeline.Complete);
    }

    [Fact]
    public void An_Abandoned_Pipeline_Stops_Its_Worker_Without_Verifying_The_Rest()
    {
        var verifier = new Verifier(ShippedAgreements(), Repo.Geometry(), Repo.Actors());
        var pipeline = new VerifyPipeline(verifier);
        pipeline.Dispose();
        Assert.Equal(0, verifier.EvidenceCount);
    }
}
