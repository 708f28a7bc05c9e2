using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Hostile;

/// <summary>The plausibility rules reject hostile rows, never real ones: UCDP GED's Syria release passes whole.</summary>
public class RealDataTests
{
    [Fact]
    public void The_Real_Ucdp_Syria_File_Passes_Every_Rule_All_16566_Rows()
    {
        var file = Repo.SharedData("data/ucdp-ged/ged_syria_652.1601.1911.csv");
        using var stream = File.OpenRead(file);
        var notices = new List<string>();
        var (format, rows) = EvidenceReader.Open(stream, file, Repo.Import(), notices);
        long accepted = 0;
        var rejected = new List<string>();
        foreach (var row in rows)
        {
            if (row.Evidence is not null)
            {
                accepted++;
            }
            else if (row.Rejection is { } r && rejected.Count < 5)
            {
                rejected.Add(r.ToString());
            }
        }

        Assert.Equal("ucdp-ged", format);
        Assert.Empty(rejected);
        Assert.Equal(16_566, accepted);
    }
}
