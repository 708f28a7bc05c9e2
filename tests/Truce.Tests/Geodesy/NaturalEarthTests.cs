using Truce.Geodesy;
using Truce.Tests.TestSupport;

namespace Truce.Tests.Geodesy;

public class NaturalEarthTests
{
    private static readonly GeometryCatalog Catalog = Repo.Geometry();

    [Fact]
    public void The_Israel_Syria_Line_Is_The_32_Point_Arc_Between_32_7_And_33_4_North()
    {
        var line = Catalog.Features["israel-syria-line"];
        Assert.Equal(FeatureKind.Line, line.Kind);
        Assert.Single(line.Lines);
        Assert.Equal(32.743759, line.Bounds.South, 6);
        Assert.Equal(33.40737, line.Bounds.North, 6);

        // About 89 km along the ground (PACKAGES.md); densification adds vertices but not length.
        Assert.InRange(line.Lines[0].Length.Kilometres, 85, 95);
    }

    [Fact]
    public void Syria_Excludes_The_Golan_And_Includes_Daraa_And_Damascus()
    {
        var syria = Catalog.Features["syria"].Area!;
        Assert.True(syria.Contains(new GeoPoint(32.6189, 36.1021)), "Daraa");
        Assert.True(syria.Contains(new GeoPoint(33.5138, 36.2765)), "Damascus");
        Assert.False(syria.Contains(new GeoPoint(32.9925, 35.69)), "Katzrin, Israeli-held Golan");
        Assert.False(syria.Contains(new GeoPoint(31.95, 35.93)), "Amman");
    }

    [Fact]
    public void Damascus_Lies_Inside_85_Km_But_Outside_15_Miles_Of_The_Line()
    {
        var d = Catalog.Features["israel-syria-line"].DistanceTo(new GeoPoint(33.5138, 36.2765));
        Assert.InRange(d.Kilometres, 40, 50);
    }
}
