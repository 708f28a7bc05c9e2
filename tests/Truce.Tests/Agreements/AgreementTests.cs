using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;

namespace Truce.Tests.Agreements;

/// <summary>The agreement model: status names, an obligation's enforcement window, and how zone expressions describe themselves.</summary>
/// <remarks>Expected values come from docs/spec-format.md and the calendar, not from Truce's output.</remarks>
public class AgreementTests
{
    public class TheAgreementStatusNames
    {
        [Theory]
        [InlineData("talks", AgreementStatus.Talks)]
        [InlineData("reported", AgreementStatus.Reported)]
        [InlineData("agreed", AgreementStatus.Agreed)]
        [InlineData("signed", AgreementStatus.Signed)]
        [InlineData("in_force", AgreementStatus.InForce)]
        [InlineData("collapsed", AgreementStatus.Collapsed)]
        public void Should_Read_Each_Documented_Name_And_Write_It_Back(string name, AgreementStatus status)
        {
            Assert.Equal(status, AgreementStatusNames.Parse(name));
            Assert.Equal(name, AgreementStatusNames.Name(status));
        }

        [Fact]
        public void Should_List_The_Names_In_Order_Of_Progress()
        {
            Assert.Equal(["talks", "reported", "agreed", "signed", "in_force", "collapsed"], AgreementStatusNames.All);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("Signed")]
        [InlineData("in-force")]
        [InlineData("inforce")]
        public void Should_Not_Guess_A_Status_From_Another_Spelling(string? name)
        {
            Assert.Null(AgreementStatusNames.Parse(name));
        }

        [Fact]
        public void Should_Refuse_To_Name_A_Value_That_Is_No_Status()
        {
            Assert.Throws<InvalidOperationException>(() => AgreementStatusNames.Name((AgreementStatus)42));
        }
    }

    public class TheObligation
    {
        private static Obligation Make(DateOnly? from, DateOnly? until, int grace) =>
            new("o", null, [], "who", null, false, Modality.MustNot, ObligedActivity.Presence, "zone", from, until, grace, true, 1);

        [Fact]
        public void Should_Be_Enforced_From_Its_Start_Plus_The_Grace_Period()
        {
            // 2018-08-01 + 30 days = 2018-08-31; + 31 days crosses into September.
            Assert.Equal(new DateOnly(2018, 8, 31), Make(new(2018, 8, 1), null, 30).EnforcedFrom);
            Assert.Equal(new DateOnly(2018, 9, 1), Make(new(2018, 8, 1), null, 31).EnforcedFrom);
            Assert.Equal(new DateOnly(2018, 8, 1), Make(new(2018, 8, 1), null, 0).EnforcedFrom);
        }

        [Fact]
        public void Should_Have_No_Enforcement_Start_And_No_Window_Without_A_Start()
        {
            var o = Make(null, new(2018, 12, 31), 10);
            Assert.Null(o.EnforcedFrom);
            Assert.Null(o.Window);
        }

        [Fact]
        public void Should_Hold_Enforcement_At_The_Last_Day_Of_The_Calendar()
        {
            Assert.Equal(DateOnly.MaxValue, Make(new(9999, 12, 25), null, 30).EnforcedFrom);
        }

        [Fact]
        public void Should_Open_A_Window_From_The_Enforced_Start_To_The_Deadline()
        {
            var window = Make(new(2018, 8, 1), new(2018, 12, 31), 30).Window!.Value;
            Assert.Equal(new DateOnly(2018, 8, 31), window.From);
            Assert.Equal(new DateOnly(2018, 12, 31), window.Until);
            Assert.Null(Make(new(2018, 8, 1), null, 30).Window!.Value.Until);
        }

        [Fact]
        public void Should_Have_A_One_Day_Window_When_The_Grace_Period_Ends_On_The_Deadline()
        {
            var window = Make(new(2018, 8, 1), new(2018, 8, 31), 30).Window!.Value;
            Assert.Equal((new DateOnly(2018, 8, 31), new DateOnly(2018, 8, 31)), (window.From!.Value, window.Until!.Value));
        }

        [Fact]
        public void Should_Have_No_Window_When_The_Grace_Period_Outlasts_The_Deadline()
        {
            Assert.Null(Make(new(2018, 8, 1), new(2018, 8, 30), 30).Window);
        }
    }

    public class TheZoneExpressions
    {
        private static readonly Distance FiveKm = Distance.FromKilometres(5);

        [Fact]
        public void Should_Describe_Each_Operator_In_Words()
        {
            Assert.Equal("within 5.000 km of line-a", new WithinExpr(FiveKm, "line-a").Describe());
            Assert.Equal("at least 5.000 km from line-a", new BeyondExpr(FiveKm, "line-a").Describe());
            Assert.Equal("inside area-a", new AreaExpr("area-a").Describe());
            Assert.Equal("left of line-a", new SideExpr("line-a", LineSide.Left).Describe());
            Assert.Equal("right of line-a", new SideExpr("line-a", LineSide.Right).Describe());
        }

        [Fact]
        public void Should_Describe_Combinations_In_Brackets()
        {
            var within = new WithinExpr(FiveKm, "line-a");
            var area = new AreaExpr("area-a");
            Assert.Equal("(within 5.000 km of line-a and inside area-a)", new AllExpr([within, area]).Describe());
            Assert.Equal("(within 5.000 km of line-a or inside area-a)", new AnyExpr([within, area]).Describe());
            Assert.Equal("(within 5.000 km of line-a except inside area-a)", new DifferenceExpr(within, area).Describe());
            Assert.Equal("((inside area-a or inside area-b) except left of line-a)", new DifferenceExpr(new AnyExpr([area, new AreaExpr("area-b")]), new SideExpr("line-a", LineSide.Left)).Describe());
        }

        [Fact]
        public void Should_Name_Every_Feature_It_Uses_In_Order_Repeats_Included()
        {
            Assert.Equal(["line-a"], new BeyondExpr(FiveKm, "line-a").GeometryIds());
            Assert.Equal(["line-a"], new SideExpr("line-a", LineSide.Right).GeometryIds());
            Assert.Equal(["area-a"], new AreaExpr("area-a").GeometryIds());
            Assert.Equal(["line-a", "area-a"], new AllExpr([new WithinExpr(FiveKm, "line-a"), new AreaExpr("area-a")]).GeometryIds());
            Assert.Equal(["area-a", "area-b"], new AnyExpr([new AreaExpr("area-a"), new AreaExpr("area-b")]).GeometryIds());

            // The minus part's features are used too, even one the base also uses.
            Assert.Equal(["line-a", "area-a", "line-a"], new DifferenceExpr(new AllExpr([new WithinExpr(FiveKm, "line-a"), new AreaExpr("area-a")]), new SideExpr("line-a", LineSide.Left)).GeometryIds());
            Assert.Equal(["area-a", "area-b"], new DifferenceExpr(new AreaExpr("area-a"), new AreaExpr("area-b")).GeometryIds());
        }
    }

    public class TheDistanceText
    {
        [Theory]
        [InlineData("2 kilometres", 2_000)]
        [InlineData("2 kilometre", 2_000)]
        [InlineData("2 kilometers", 2_000)]
        [InlineData("2 kilometer", 2_000)]
        [InlineData("2 KM", 2_000)]
        [InlineData("1 mile", 1_609.344)]
        [InlineData("3 miles", 4_828.032)]
        [InlineData("1 nautical mile", 1_852)]
        [InlineData("2 nautical miles", 3_704)]
        [InlineData("7 nmi", 12_964)]
        [InlineData("5 metres", 5)]
        [InlineData("5 meters", 5)]
        [InlineData("5 m", 5)]
        [InlineData("  12.5 km  ", 12_500)]
        public void Should_Read_Every_Spelling_Of_Every_Unit(string text, double metres)
        {
            // International mile 1609.344 m, nautical mile 1852 m (docs/spec-format.md).
            Assert.Equal(metres, DistanceText.Parse(text, out var error)!.Value.Metres, 9);
            Assert.Null(error);
        }

        [Fact]
        public void Should_Say_What_A_Distance_Looks_Like_When_Given_Nothing()
        {
            Assert.Null(DistanceText.Parse(null, out var error));
            Assert.Equal("'' is not a distance; write a number and a unit, e.g. \"85 km\" or \"15 mi\" (units: km, mi, nmi, m)", error);
        }

        [Fact]
        public void Should_Refuse_A_Number_Too_Large_To_Be_A_Distance()
        {
            // 1e400 km is digits and a unit, but no double holds it: parsing gives infinity, which is no distance.
            var text = "1" + new string('0', 400) + " km";
            Assert.Null(DistanceText.Parse(text, out var error));
            Assert.Equal($"'{text}' is not a usable distance", error);
        }
    }
}
