using System.Globalization;
using System.Text;
using Truce.Actors;
using Truce.Evidence.Import;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Actors;

/// <summary>
/// The shipped actor registry against the real UCDP GED Syria release 652.1601.1911 (shared/data, beside the repository):
/// every side name resolves, whole or as a comma-separated coalition part by part, and the memberships that verdicts
/// depend on hold on the right dates.
/// </summary>
public class RealUcdpActorNamesTests
{
    private static readonly ActorRegistry Registry = Repo.Actors();

    private static DateRange Day(int year, int month, int day) => new(new(year, month, day), new(year, month, day));

    private static DateRange Span(DateOnly from, DateOnly until) => new(from, until);

    /// <summary>The actor ids a side resolves to (a coalition's members), or null when any part is not in the registry.</summary>
    private static List<string>? ResolveSide(string side)
    {
        var members = Registry.ResolveSide(side);
        return members.Any(m => m.Actor is null) ? null : [.. members.Select(m => m.Actor!.Id)];
    }

    public class TheShippedUcdpFile
    {
        private const string RelativePath = "data/ucdp-ged/ged_syria_652.1601.1911.csv";

        /// <summary>Both sides of every event, read by the real importer.</summary>
        private static List<(long Line, string Side)> Sides()
        {
            var file = Repo.SharedData(RelativePath);
            using var stream = File.OpenRead(file);
            return [.. EvidenceReader.Read(stream, file, Repo.Import())
                .Select(r => r.Evidence ?? throw new InvalidOperationException($"row rejected: {r.Rejection}"))
                .SelectMany(e => new[] { (e.Origin.Line, e.Actors[0].Name), (e.Origin.Line, e.Actors.Count > 1 ? e.Actors[1].Name : string.Empty) })];
        }

        [Fact]
        public void Should_Resolve_Every_Side_Name_In_The_Shipped_Ucdp_File()
        {
            var sides = Sides();
            var unresolved = new SortedDictionary<string, (int Count, long FirstLine)>(StringComparer.Ordinal);
            foreach (var (line, side) in sides)
            {
                if (ResolveSide(side) is not null)
                {
                    continue;
                }

                var names = Registry.ResolveSide(side).Where(m => m.Actor is null).Select(m => m.Name);
                foreach (var name in names)
                {
                    unresolved[name] = unresolved.TryGetValue(name, out var seen) ? (seen.Count + 1, seen.FirstLine) : (1, line);
                }
            }

            Assert.Equal(16_566 * 2, sides.Count);
            Assert.True(unresolved.Count == 0, $"{unresolved.Count} unresolved name(s):\n" + string.Join(
                "\n", unresolved.Select(u => string.Create(CultureInfo.InvariantCulture, $"  '{u.Key}' in {u.Value.Count} side(s), first on line {u.Value.FirstLine}"))));
        }

        [Fact]
        public void Should_Resolve_The_File_To_77_Distinct_Actors()
        {
            var parts = Sides().Select(s => s.Side).Distinct(StringComparer.Ordinal).SelectMany(s => ResolveSide(s) ?? []).ToHashSet(StringComparer.Ordinal);

            // 79 distinct spellings after splitting; "HTS" and "Jabhat Fateh al-Sham" are one organisation renamed, and
            // "Levant Front" and "Al-Jabha al-Shamiyyah" one group under its English and Arabic names.
            Assert.Equal(77, parts.Count);
            Assert.Contains("sdf", parts);
            Assert.Contains("hts", parts);
            Assert.Contains("jaysh-tahrir-al-sham", parts);
        }
    }

    public class TheResolveMethod
    {
        [Theory]
        [InlineData("Jabhat al-Nusra")]
        [InlineData("Jabhat Fateh al-Sham")]
        [InlineData("Jabhat Fatah al-Sham")]
        [InlineData("HTS")]
        [InlineData("Hay’at Tahrir al-Sham")]
        public void Should_Resolve_The_Nusra_Lineage_To_One_Actor(string name)
        {
            Assert.Equal("hts", Registry.Resolve(name)?.Actor.Id);
        }

        [Fact]
        public void Should_Keep_The_Tahrir_Al_Sham_Army_Apart_From_Hayat_Tahrir_Al_Sham()
        {
            Assert.Equal("jaysh-tahrir-al-sham", Registry.Resolve("Tahrir al- Sham Army")?.Actor.Id);
            Assert.Null(Registry.Resolve("Tahrir al-Sham"));
        }

        [Fact]
        public void Should_Resolve_A_Coalition_Part_By_Part()
        {
            Assert.Equal(["ahrar-al-sham", "hts", "southern-front"], ResolveSide("Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front"));
            Assert.Equal(["nfl", "sna"], ResolveSide("National Front for Liberation, SNA"));
        }

        [Fact]
        public void Should_Resolve_A_Name_With_A_Spaced_Hyphen_And_Curly_Quotes_As_One_Actor()
        {
            Assert.Equal(["abu-al-joud-faction"], ResolveSide("Rahman Corps - “Abu al-Joud al-Arbini” faction"));
        }

        [Theory]
        [InlineData("Syrian Democratic Forces", "sdf")]
        [InlineData("Military Forces of Turkey (2016-)", "turkey")]
        [InlineData("Turkish Armed Forces", "turkey")]
        [InlineData("Faylaq al-Sham", "sham-legion")]
        [InlineData("Faylaq al-Rahman", "faylaq-al-rahman")]
        [InlineData("Military Forces of Syria (2000-)", "syria-government")]
        [InlineData("FSA", "fsa")]
        public void Should_Resolve_Acled_And_Press_Spellings(string name, string expected)
        {
            Assert.Equal(expected, Registry.Resolve(name)?.Actor.Id);
        }
    }

    public class TheNormalizeMethod
    {
        [Fact]
        public void Should_Read_Spelling_Variants_Alike_But_Keep_Transliterations_Apart()
        {
            Assert.Equal(ActorRegistry.Normalize("Jaysh al-Asha’er"), ActorRegistry.Normalize("Jaysh al-Asha'er"));
            Assert.Equal(ActorRegistry.Normalize("Tahrir al- Sham Army"), ActorRegistry.Normalize("Tahrir al-Sham Army"));
            Assert.Equal(ActorRegistry.Normalize("Ahrar ash-Sham"), ActorRegistry.Normalize("Ahrar al-Sham"));
            Assert.Equal(ActorRegistry.Normalize("Hay’at Taḥrīr al-Shām"), ActorRegistry.Normalize("Hayat Tahrir al Sham"));
            Assert.NotEqual(ActorRegistry.Normalize("Jaysh al-Islam"), ActorRegistry.Normalize("Jaish al-Islam"));
        }

        [Fact]
        public void Should_Resolve_A_Variant_That_Is_Not_Listed_As_An_Alias()
        {
            // "Ahrar ash-Sham" (sun-letter article) and diacritics reach the same actor as UCDP's spelling.
            Assert.Equal(Registry.Resolve("Ahrar al-Sham")?.Actor.Id, Registry.Resolve("Ahrar ash-Sham")?.Actor.Id);
            Assert.NotNull(Registry.Resolve("Hay’at Taḥrīr al-Shām"));
        }
    }

    public class TheMembershipMethod
    {
        [Fact]
        public void Should_Keep_The_Hts_Lineage_Designated_Throughout_2016_To_2019()
        {
            var whole = Span(new(2016, 1, 1), new(2019, 11, 30));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("designated-terrorist-groups", "hts", whole));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("armed-opposition", "hts", whole));
        }

        [Fact]
        public void Should_Count_A_Turkish_Backed_Faction_In_Sna_Factions_Only_From_Its_Joining_Date()
        {
            // Sham Legion joined the SNA with the National Front for Liberation on 4 October 2019.
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("sna-factions", "sham-legion", Day(2018, 2, 1)));
            Assert.Equal(MembershipAnswer.Partly, Registry.Membership("sna-factions", "sham-legion", Span(new(2019, 9, 28), new(2019, 10, 10))));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("sna-factions", "sham-legion", Day(2019, 10, 4)));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("nfl-factions", "sham-legion", Day(2018, 5, 28)));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("nfl-factions", "sham-legion", Day(2018, 5, 27)));
        }

        [Fact]
        public void Should_Not_Count_The_Sna_Or_Its_Factions_Before_The_Sna_Existed()
        {
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("sna-factions", "sultan-murad-division", Day(2016, 9, 1)));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("sna-factions", "sultan-murad-division", Day(2018, 2, 1)));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("turkish-backed-forces", "sna", Day(2017, 12, 29)));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("turkish-backed-forces", "nfl", Day(2019, 10, 9)));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("turkish-backed-forces", "nfl", Day(2019, 1, 15)));
        }

        [Fact]
        public void Should_Not_Count_The_Sdf_In_The_Armed_Opposition()
        {
            var whole = Span(new(2016, 1, 1), new(2019, 11, 30));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("armed-opposition", "sdf", whole));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("kurdish-led-forces", "sdf", whole));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("turkish-backed-forces", "sdf", whole));
        }

        [Fact]
        public void Should_Count_Zenki_Out_Of_The_Armed_Opposition_While_It_Was_Part_Of_Hts()
        {
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("armed-opposition", "nour-al-din-al-zenki", Day(2016, 8, 15)));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("armed-opposition", "nour-al-din-al-zenki", Day(2017, 4, 1)));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("armed-opposition", "nour-al-din-al-zenki", Day(2018, 2, 16)));
        }

        [Fact]
        public void Should_Count_Ahrar_Al_Sham_And_Jaysh_Al_Islam_As_Parties_To_The_2016_Cessation()
        {
            var cessation = Span(new(2016, 2, 27), new(2016, 6, 30));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("armed-opposition", "ahrar-al-sham", cessation));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("armed-opposition", "jaysh-al-islam", cessation));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("designated-terrorist-groups", "ahrar-al-sham", cessation));
        }

        [Fact]
        public void Should_Date_The_Yarmouk_Basin_Affiliates_Of_Is_From_Their_Own_Dates()
        {
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("designated-terrorist-groups", "liwa-shuhada-al-yarmouk", Day(2016, 3, 21)));
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("designated-terrorist-groups", "jaish-khalid-bin-al-walid", Day(2016, 3, 21)));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("designated-terrorist-groups", "jaish-khalid-bin-al-walid", Day(2018, 2, 7)));
        }

        [Fact]
        public void Should_Count_Russia_On_The_Government_Side_Only_From_Its_Intervention()
        {
            Assert.Equal(MembershipAnswer.NotMember, Registry.Membership("government-side", "russia", Day(2015, 9, 29)));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("government-side", "russia", Day(2016, 2, 27)));
            Assert.Equal(MembershipAnswer.Member, Registry.Membership("government-side", "pflp-gc", Day(2016, 2, 12)));
        }
    }
}
