using Truce.Geodesy;
using Truce.Text;

namespace Truce.Tests.Geodesy;

public class GeometryReaderTests
{
    private static (GeometryCatalog Catalog, DiagnosticBag Bag) Read(string json)
    {
        var catalog = new GeometryCatalog();
        var bag = new DiagnosticBag();
        GeometryReader.Read(json, "test.geojson", catalog, bag);
        return (catalog, bag);
    }

    private static string Collection(params string[] features) => $$"""{ "type": "FeatureCollection", "features": [{{string.Join(",", features)}}] }""";

    private static string Feature(string id, string geometry, string properties = """{ "name": "A place" }""") =>
        $$"""{ "type": "Feature", "id": {{id}}, "properties": {{properties}}, "geometry": {{geometry}} }""";

    public class TheReadMethod
    {
        [Fact]
        public void Should_Read_Every_Supported_Geometry_With_Its_Provenance()
        {
            var (catalog, bag) = Read(Collection(
                Feature("\"town\"", """{ "type": "Point", "coordinates": [36.58, 34.509] }""",
                    """{ "name": "Town", "source": "hand", "licence": "none", "resolution": "1 km", "approximate": true, "caveat": "stand-in" }"""),
                Feature("\"line\"", """{ "type": "LineString", "coordinates": [[35.8, 32.7], [35.8, 33.0]] }"""),
                Feature("\"lines\"", """{ "type": "MultiLineString", "coordinates": [[[35, 32], [35, 32.1]], [[36, 32], [36, 32.1]]] }"""),
                Feature("\"box\"", """{ "type": "Polygon", "coordinates": [[[35, 32], [36, 32], [36, 33], [35, 33], [35, 32]]] }"""),
                Feature("\"boxes\"", """{ "type": "MultiPolygon", "coordinates": [[[[35, 32], [36, 32], [36, 33], [35, 33], [35, 32]]], [[[37, 32], [38, 32], [38, 33], [37, 33], [37, 32]]]] }""")));

            Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
            var town = catalog.Features["town"];
            Assert.Equal(FeatureKind.Point, town.Kind);
            Assert.Equal(new GeoPoint(34.509, 36.58), town.Point);
            Assert.Equal(new FeatureProvenance("Town", "hand", "none", "1 km", true, "stand-in", "test.geojson"), town.Provenance);
            Assert.Equal(new BoundingBox(34.509, 36.58, 34.509, 36.58), town.Bounds);

            var line = catalog.Features["line"];
            Assert.Equal(FeatureKind.Line, line.Kind);
            Assert.Single(line.Lines);
            Assert.Equal("A place", line.Provenance.Name);
            Assert.False(line.Provenance.Approximate);
            Assert.Null(line.Provenance.Source);

            // Lines are densified to 1 km along the straight lon/lat edge: 33.3 km becomes 34 pieces.
            Assert.Equal(35, line.Lines[0].Vertices.Count);
            Assert.Equal(new BoundingBox(32.7, 35.8, 33.0, 35.8), line.Bounds);

            var lines = catalog.Features["lines"];
            Assert.Equal(2, lines.Lines.Count);
            Assert.Equal(new BoundingBox(32, 35, 32.1, 36), lines.Bounds);

            Assert.Equal(FeatureKind.Area, catalog.Features["box"].Kind);
            Assert.Equal(1, catalog.Features["box"].Area!.PolygonCount);
            Assert.Equal(2, catalog.Features["boxes"].Area!.PolygonCount);
            Assert.Equal(new BoundingBox(32, 35, 33, 38), catalog.Features["boxes"].Bounds);
        }

        [Fact]
        public void Should_Accept_Comments_And_Positions_On_The_Edges_Of_The_Range()
        {
            var (catalog, bag) = Read("""
                // reference geometry may carry comments
                { "type": "FeatureCollection", "features": [
                  { "type": "Feature", "id": "corner", "geometry": { "type": "Point", "coordinates": [180, 90] } },
                  /* the opposite corner */
                  { "type": "Feature", "id": "other-corner", "geometry": { "type": "Point", "coordinates": [-180, -90] } }
                ] }
                """);
            Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
            Assert.Equal(new GeoPoint(90, 180), catalog.Features["corner"].Point);
            Assert.Equal(new GeoPoint(-90, -180), catalog.Features["other-corner"].Point);
        }

        [Fact]
        public void Should_Refuse_Null_Arguments()
        {
            Assert.Throws<ArgumentNullException>(() => GeometryReader.Read("{}", "x", null!, new DiagnosticBag()));
            Assert.Throws<ArgumentNullException>(() => GeometryReader.Read("{}", "x", new GeometryCatalog(), null!));
        }

        [Fact]
        public void Should_Report_Malformed_Json_With_Its_Line()
        {
            const string json = "{ \"features\": [\n  { ] }";
            var (_, bag) = Read(json);
            var d = Assert.Single(bag.Items);
            Assert.Equal(("TR071", "test.geojson", Severity.Error), (d.Code, d.File, d.Severity));
            Assert.Equal(2, d.Line);
            Assert.Equal(json.Split('\n')[1].IndexOf(']', StringComparison.Ordinal) + 1, d.Column);
            Assert.Equal(string.Empty, d.Field);
            Assert.StartsWith("malformed JSON: ", d.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("LineNumber", d.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("{ \"type\": \"FeatureCollection\" }")]
        [InlineData("{ \"features\": {} }")]
        public void Should_Refuse_Anything_But_A_FeatureCollection(string json)
        {
            var (catalog, bag) = Read(json);
            var d = Assert.Single(bag.Items);
            Assert.Equal(("TR070", Severity.Error), (d.Code, d.Severity));
            Assert.Contains("FeatureCollection", d.Message, StringComparison.Ordinal);
            Assert.Equal(string.Empty, d.Field);
            Assert.Empty(catalog.Features);
        }

        [Fact]
        public void Should_Report_Geometry_That_Is_Missing_Mistyped_Or_Out_Of_Range_Without_Stopping()
        {
            var (catalog, bag) = Read(Collection(
                """{ "type": "Feature", "id": "no-geometry", "properties": {} }""",
                Feature("\"no-coordinates\"", """{ "type": "Point" }"""),
                Feature("\"numeric-type\"", """{ "type": 5, "coordinates": [36, 34] }"""),
                Feature("\"text-coordinate\"", """{ "type": "Point", "coordinates": ["36", 34] }"""),
                Feature("\"huge-coordinate\"", """{ "type": "Point", "coordinates": [1e400, 34] }"""),
                Feature("\"fine\"", """{ "type": "Point", "coordinates": [36, 34] }""")));

            Assert.Equal(["fine"], catalog.Features.Keys);
            Assert.Equal(
                ["features[0].geometry", "features[1].geometry", "features[2].geometry", "features[3].geometry", "features[4].geometry"],
                bag.Items.Select(d => d.Field));
            Assert.All(bag.Items, d => Assert.StartsWith("feature '", d.Message, StringComparison.Ordinal));
        }

        [Fact]
        public void Should_Report_Each_Bad_Feature_And_Keep_The_Good_Ones()
        {
            var (catalog, bag) = Read(Collection(
                Feature("42", """{ "type": "Point", "coordinates": [36, 34] }"""),
                Feature("\"Bad Id\"", """{ "type": "Point", "coordinates": [36, 34] }"""),
                Feature("\"far\"", """{ "type": "Point", "coordinates": [36, 91] }"""),
                Feature("\"short\"", """{ "type": "Point", "coordinates": [36] }"""),
                Feature("\"circle\"", """{ "type": "Circle", "coordinates": [36, 34] }"""),
                Feature("\"open\"", """{ "type": "Polygon", "coordinates": [[[35, 32], [36, 32], [36, 33], [35, 33]]] }"""),
                Feature("\"good\"", """{ "type": "Point", "coordinates": [36, 34] }""", "null"),
                Feature("\"good\"", """{ "type": "Point", "coordinates": [37, 34] }"""),
                Feature("\"west\"", """{ "type": "Point", "coordinates": [-181, 34] }""")));

            Assert.Equal(["good"], catalog.Features.Keys);
            Assert.Equal("good", catalog.Features["good"].Provenance.Name);
            var messages = bag.Items.Select(d => $"{d.Field}: {d.Message}").ToList();
            Assert.All(bag.Items, d => Assert.Equal(("TR070", "test.geojson", Severity.Error), (d.Code, d.File, d.Severity)));
            Assert.Equal(8, bag.Items.Count);
            Assert.StartsWith("features[0].id: every reference feature needs a string id", messages[0], StringComparison.Ordinal);
            Assert.StartsWith("features[1].id:", messages[1], StringComparison.Ordinal);
            Assert.Equal("features[2].geometry: feature 'far': position [36, 91] is outside the WGS84 range", messages[2]);
            Assert.Equal("features[3].geometry: feature 'short': a position must be [longitude, latitude]", messages[3]);
            Assert.StartsWith("features[4].geometry: feature 'circle': geometry type 'Circle' is not supported", messages[4], StringComparison.Ordinal);
            Assert.StartsWith("features[5].geometry: feature 'open': polygon 0 ring 0 must be closed", messages[5], StringComparison.Ordinal);
            Assert.Equal("features[7].id: feature id 'good' is already defined (by test.geojson)", messages[6]);
            Assert.Equal("features[8].geometry: feature 'west': position [-181, 34] is outside the WGS84 range", messages[7]);
        }
    }
}

public class ReferenceFeatureTests
{
    private static readonly FeatureProvenance Provenance = new("x", null, null, null, false, null, "x.geojson");

    [Fact]
    public void DistanceTo_Should_Measure_To_A_Point_A_Line_Or_An_Area()
    {
        var here = new GeoPoint(33.0, 35.8);
        var point = ReferenceFeature.OfPoint("p", new GeoPoint(33.5, 36.3), Provenance);
        Assert.Equal(72430.641586, point.DistanceTo(here).Metres, 6);

        var line = ReferenceFeature.OfLines("l", [new Polyline([new GeoPoint(33.5, 36.3), new GeoPoint(34, 36.3)]), new Polyline([new GeoPoint(33.0, 36.0), new GeoPoint(33.0, 36.1)])], Provenance);
        Assert.Equal(Geodesic.Wgs84.DistanceBetween(here, new GeoPoint(33.0, 36.0)).Metres, line.DistanceTo(here).Metres, 3);
        Assert.Equal(new BoundingBox(33.0, 36.0, 34, 36.3), line.Bounds);

        GeoPoint[] square = [new(32, 35), new(32, 37), new(34, 37), new(34, 35), new(32, 35)];
        var area = ReferenceFeature.OfArea("a", new PolygonSet([[square]]), Provenance);
        Assert.Equal(Distance.Zero, area.DistanceTo(new GeoPoint(33, 36)));
        // Half a degree north of the northern edge (the parallel 34°N): the meridian arc, to the 2 cm the 1 km chords allow.
        Assert.InRange(area.DistanceTo(new GeoPoint(34.5, 36)).Metres, 55463.456 - 0.02, 55463.456 + 0.001);
        Assert.Equal(new BoundingBox(32, 35, 34, 37), area.Bounds);
        Assert.Same(Provenance, area.Provenance);
        Assert.Equal("a", area.Id);
    }

    [Fact]
    public void Should_Refuse_A_Line_Feature_Without_Lines_And_An_Area_Feature_Without_An_Area()
    {
        var none = Assert.Throws<ArgumentException>(() => ReferenceFeature.OfLines("l", [], Provenance));
        Assert.StartsWith("a line feature needs at least one line", none.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ReferenceFeature.OfLines("l", null!, Provenance));
        Assert.Throws<ArgumentNullException>(() => ReferenceFeature.OfArea("a", null!, Provenance));
    }

    [Fact]
    public void The_Catalog_Should_Keep_The_First_Feature_Of_An_Id()
    {
        var catalog = new GeometryCatalog();
        var first = ReferenceFeature.OfPoint("p", new GeoPoint(1, 1), Provenance);
        Assert.True(catalog.TryAdd(first));
        Assert.False(catalog.TryAdd(ReferenceFeature.OfPoint("p", new GeoPoint(2, 2), Provenance)));
        Assert.Same(first, catalog.Features["p"]);
        Assert.Throws<ArgumentNullException>(() => catalog.TryAdd(null!));
    }
}
