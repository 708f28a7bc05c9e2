using Truce.Evidence;
using Truce.Evidence.Import;
using Truce.Geodesy;
using Truce.Tests.TestSupport;
using Truce.Text;

namespace Truce.Tests.Evidence;

/// <summary>
/// What every importer shares besides the bytes: the plausibility rule for event dates (docs/evidence-format.md,
/// "Plausibility": before 1900, after the run's date, outside the dataset's stated extent), the size limits, and the
/// result and refusal types.
/// </summary>
public class ImportContextTests
{
    /// <summary>Three datasets: one with a closed extent, one open-ended, one whose extent starts before 1900.</summary>
    internal static SourceRegistry Extents()
    {
        const string yaml = """
            sources:
              - id: closed
                name: Closed dataset
                kind: dataset
                reliability: B
                aliases: [The Closed One]
                extent: { from: 2000-01-01, until: 2010-12-31 }
              - id: open
                name: Open dataset
                kind: dataset
                reliability: C
                extent: { from: 2000-01-01 }
              - id: old
                name: Old dataset
                kind: dataset
                reliability: C
                extent: { from: 1850-01-01 }
              - id: ends
                name: Ended dataset
                kind: dataset
                reliability: C
                extent: { until: 2010-12-31 }
            """;
        var bag = new DiagnosticBag();
        var registry = SourceRegistry.Read(yaml, "sources.yaml", bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return registry!;
    }

    public class TheDatePlausibility
    {
        private static readonly ImportContext Context = ImportContext.For(Extents(), new DateOnly(2026, 1, 1));

        [Theory]
        [InlineData("1899-12-31", "unregistered", "1899-12-31 is before 1900: not a plausible event date")]
        [InlineData("1900-01-01", "unregistered", null)]
        [InlineData("2026-01-01", "unregistered", null)]
        [InlineData("2026-01-02", "unregistered", "2026-01-02 is after the run's date 2026-01-01: an event cannot be reported before it happens")]
        [InlineData("1999-12-31", "closed", "1999-12-31 is before 2000-01-01, when closed's coverage starts")]
        [InlineData("2000-01-01", "closed", null)]
        [InlineData("2010-12-31", "closed", null)]
        [InlineData("2011-01-01", "closed", "2011-01-01 is after 2010-12-31, when closed's coverage ends")]
        [InlineData("2011-01-01", "The Closed One", "2011-01-01 is after 2010-12-31, when The Closed One's coverage ends")]
        [InlineData("1999-12-31", "open", "1999-12-31 is before 2000-01-01, when open's coverage starts")]
        [InlineData("2025-12-31", "open", null)]
        [InlineData("2027-01-01", "open", "2027-01-01 is after the run's date 2026-01-01: an event cannot be reported before it happens")]
        [InlineData("1899-12-31", "old", "1899-12-31 is before 1900: not a plausible event date")]
        [InlineData("1900-01-01", "old", null)]
        [InlineData("1950-01-01", "ends", null)]
        [InlineData("2011-01-01", "ends", "2011-01-01 is after 2010-12-31, when ends's coverage ends")]
        public void Should_Refuse_Dates_Before_1900_After_The_Run_Or_Outside_The_Stated_Extent(string date, string source, string? reason)
        {
            Assert.Equal(reason, Context.ImplausibleDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), source));
        }

        [Fact]
        public void Should_Start_Plausible_Dates_In_1900_And_Use_The_Default_Limits()
        {
            Assert.Equal(new DateOnly(1900, 1, 1), ImportContext.EarliestPlausible);
            var context = ImportContext.For(Extents(), new DateOnly(2020, 5, 6));
            Assert.Equal((new DateOnly(2020, 5, 6), ImportLimits.Default), (context.Today, context.Limits));
            Assert.Equal((1 << 20, 16 << 20), (ImportLimits.Default.MaxRecordBytes, ImportLimits.Default.MaxFeatureBytes));
            Assert.Equal(new ImportLimits(1_048_576, 16_777_216), new ImportLimits());
        }
    }

    public class TheImportRow
    {
        private static readonly Rejection Rejection = new("f", 2, "x", "why", "raw");

        [Fact]
        public void Should_Hold_Exactly_The_One_Thing_It_Was_Made_Of()
        {
            var evidence = new Truce.Evidence.Evidence(
                "s:1", new EvidenceOrigin("f", 1, "ndjson"), new GeoPoint(33, 36), LocationPrecision.Within(Distance.FromKilometres(1)),
                TimePrecision.Between(new DateRange(new(2018, 1, 1), new(2018, 1, 1))), Activity.Presence, "presence",
                [new ActorReport("Hezbollah", ActorRole.Observed, IdentificationBasis.Stated)], new SourceAssessment("s", "s", Reliability.F, Credibility.CannotBeJudged, false));
            var coverage = new Coverage("s", "f", new BoundingBox(32, 35, 33, 36), new DateRange(new(2018, 1, 1), new(2018, 2, 1)), [ObligedActivity.Presence], true, null);

            var e = ImportRow.Of(evidence);
            Assert.Equal((evidence, (Rejection?)null, (Coverage?)null), (e.Evidence, e.Rejection, e.Coverage));
            var r = ImportRow.Of(Rejection);
            Assert.Equal(((Truce.Evidence.Evidence?)null, Rejection, (Coverage?)null), (r.Evidence, r.Rejection, r.Coverage));
            var c = ImportRow.Of(coverage);
            Assert.Equal(((Truce.Evidence.Evidence?)null, (Rejection?)null, coverage), (c.Evidence, c.Rejection, c.Coverage));
        }

        [Fact]
        public void Should_Refuse_To_Be_Made_Of_Nothing()
        {
            Assert.Equal("evidence", Assert.Throws<ArgumentNullException>(() => ImportRow.Of((Truce.Evidence.Evidence)null!)).ParamName);
            Assert.Equal("rejection", Assert.Throws<ArgumentNullException>(() => ImportRow.Of((Rejection)null!)).ParamName);
            Assert.Equal("coverage", Assert.Throws<ArgumentNullException>(() => ImportRow.Of((Coverage)null!)).ParamName);
        }
    }

    public class TheFormatRefusal
    {
        [Fact]
        public void Should_Name_The_File_In_Its_Message_And_Keep_The_Reason_Without_It()
        {
            var ex = new EvidenceFormatException("a.csv", "is bad");
            Assert.Equal(("a.csv", "is bad", "a.csv: is bad", (Exception?)null), (ex.File, ex.Reason, ex.Message, ex.InnerException));
            var cause = new InvalidDataException("zlib");
            ex = new EvidenceFormatException("b.gz", "is damaged", cause);
            Assert.Equal(("b.gz", "is damaged", "b.gz: is damaged"), (ex.File, ex.Reason, ex.Message));
            Assert.Same(cause, ex.InnerException);
        }

        [Fact]
        public void Should_Have_An_Empty_File_And_Reason_When_Made_For_A_Serializer()
        {
            var ex = new EvidenceFormatException();
            Assert.Equal((string.Empty, string.Empty), (ex.File, ex.Reason));
            var cause = new InvalidOperationException();
            ex = new EvidenceFormatException("whole message", cause);
            Assert.Equal((string.Empty, string.Empty, "whole message"), (ex.File, ex.Reason, ex.Message));
            Assert.Same(cause, ex.InnerException);
        }
    }
}
