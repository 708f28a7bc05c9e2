using Truce.Actors;
using Truce.Tests.TestSupport;
using Truce.Text;

namespace Truce.Tests.Actors;

public class ActorRegistryTests
{
    private static readonly ActorRegistry Registry = Repo.Actors();

    [Theory]
    [InlineData("Hezbollah", "hezbollah")]
    [InlineData("  HIZBALLAH ", "hezbollah")]
    [InlineData("Government of Syria", "syria-government")]
    [InlineData("Military Forces of Syria (2000-)", "syria-government")]
    [InlineData("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", "irgc")]
    [InlineData("Hay’at Tahrir al-Sham", "hts")]
    [InlineData("Liwa  Fatemiyoun", "liwa-fatemiyoun")]
    public void Resolve_Should_Map_UCDP_ACLED_And_Press_Spellings_To_One_Actor(string reported, string expected)
    {
        Assert.Equal(expected, Registry.Resolve(reported)?.Actor.Id);
    }

    [Fact]
    public void Resolve_Should_Not_Guess_An_Unknown_Name()
    {
        Assert.Null(Registry.Resolve("Quwat al-Ridha"));
        Assert.Null(Registry.Resolve("Hezbolla"));
    }

    [Fact]
    public void Resolve_Should_Carry_The_Category_An_Alias_Implies()
    {
        var hit = Registry.Resolve("IRGC advisors")!.Value;
        Assert.Equal("irgc", hit.Actor.Id);
        Assert.Equal("advisors", hit.Category);
    }

    [Fact]
    public void Membership_Should_Respect_Validity_Periods()
    {
        var before = new DateRange(new(2012, 6, 1), new(2012, 6, 1));
        var straddling = new DateRange(new(2012, 12, 20), new(2013, 1, 10));
        var after = new DateRange(new(2018, 9, 1), new(2018, 9, 1));
        Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("iran-aligned-forces", "liwa-fatemiyoun", before));
        Assert.Equal(MembershipAnswer.Partly, Registry.Membership("iran-aligned-forces", "liwa-fatemiyoun", straddling));
        Assert.Equal(MembershipAnswer.Member, Registry.Membership("iran-aligned-forces", "liwa-fatemiyoun", after));
        Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("iran-aligned-forces", "russia", after));
    }

    [Fact]
    public void Reader_Should_Refuse_An_Alias_Claimed_By_Two_Actors_And_Name_The_Line()
    {
        var bag = new DiagnosticBag();
        var registry = ActorRegistryReader.Read("""
            actors:
              - { id: a, name: Alpha, aliases: [Shared] }
              - { id: b, name: Beta, aliases: [shared] }
            """, "actors.yaml", bag);
        Assert.Null(registry);
        var d = Assert.Single(bag.Items, d => d.Code == "TR011");
        Assert.Equal(3, d.Line);
        Assert.Contains("'a'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_Should_Refuse_A_Class_Member_That_Is_Not_An_Actor()
    {
        var bag = new DiagnosticBag();
        Assert.Null(ActorRegistryReader.Read("""
            actors:
              - { id: a, name: Alpha }
            classes:
              - id: c
                members: [a, ghost]
            """, "actors.yaml", bag));
        Assert.Contains(bag.Items, d => d.Code == "TR013" && d.Message.Contains("ghost", StringComparison.Ordinal));
    }
}
