using System.Diagnostics;
using CsCheck;
using Truce.Actors;

namespace Truce.Tests.Hostile;

/// <summary>Evidence may plausibly span a century (1900 to the run's date); such rows must not make verification crawl.</summary>
public class WideDateRangeTests
{
    private static readonly DateOnly Base = new(2000, 1, 1);

    private static DateOnly Day(int n) => Base.AddDays(n);

    private static ActorRegistry With(IEnumerable<ValidityPeriod> spans) => new(
        [new Actor("a", "A", "militia", "militia", [])],
        [new ActorClass("c", "C", [.. spans.Select(p => new ClassMembership("a", p, null))], [])]);

    /// <summary>The definition: the share of days on which some span holds, counted day by day.</summary>
    private static double DayByDay(IReadOnlyList<ValidityPeriod> spans, DateRange when)
    {
        int member = 0;
        for (var d = when.Start; d <= when.End; d = d.AddDays(1))
        {
            if (spans.Any(p => p.Covers(new DateRange(d, d))))
            {
                member++;
            }
        }

        return (double)member / when.Days;
    }

    private static readonly Gen<ValidityPeriod> Span =
        Gen.Select(Gen.Int[-50, 400], Gen.Int[0, 200], Gen.Int[0, 3]).Select((from, length, open) => new ValidityPeriod(
            open == 1 ? null : Day(from), open == 2 ? null : Day(from + length)));

    [Fact]
    public void Membership_Share_Counts_The_Days_Covered_By_Overlapping_And_Open_Spans()
    {
        Gen.Select(Span.List[0, 5], Gen.Int[0, 300], Gen.Int[0, 200]).Sample((spans, start, length) =>
        {
            var when = new DateRange(Day(start), Day(start + length));
            Assert.Equal(DayByDay(spans, when), With(spans).MembershipShare("c", "a", when), 12);
        });
    }

    [Fact]
    public void A_Century_Wide_Date_Range_Is_Shared_Out_Without_Walking_Its_Days()
    {
        var registry = With([new ValidityPeriod(new DateOnly(2012, 1, 1), null)]);
        var century = new DateRange(new DateOnly(1900, 1, 1), new DateOnly(2025, 12, 31));
        var watch = Stopwatch.StartNew();
        double share = 0;
        for (int i = 0; i < 100_000; i++)
        {
            share = registry.MembershipShare("c", "a", century);
        }

        Assert.Equal((double)(century.End.DayNumber - new DateOnly(2012, 1, 1).DayNumber + 1) / century.Days, share, 12);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"100,000 calls took {watch.Elapsed}");
    }
}
