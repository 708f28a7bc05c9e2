using System.Globalization;
using System.Text.Json;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Verification;

namespace Truce.Reports;

/// <summary>Writes a run as JSON following docs/verdicts.schema.json ("truce.verdicts/1"); the same inputs give the same bytes.</summary>
public static class JsonReportWriter
{
    /// <summary>The schema identifier written into every document.</summary>
    public const string Schema = "truce.verdicts/1";

    /// <summary>Writes the report to a stream as indented UTF-8 JSON.</summary>
    public static void Write(VerificationReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder });
        w.WriteStartObject();
        w.WriteString("schema", Schema);

        w.WriteStartArray("inputs");
        foreach (var i in report.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("kind", i.Kind);
            w.WriteString("path", i.Path);
            w.WriteString("sha256", i.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("evidence_files");
        foreach (var s in report.Imports)
        {
            w.WriteStartObject();
            w.WriteString("file", s.File);
            w.WriteString("format", s.Format);
            w.WriteNumber("accepted", s.Accepted);
            w.WriteNumber("rejected", s.Rejected);
            WriteNullable(w, "quarantine", s.Quarantine);
            WriteNullable(w, "error", s.Error);
            WriteStrings(w, "notices", s.Notices);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("evidence_summary");
        WriteStrings(w, "notes", report.Evidence.Notes);
        w.WriteNumber("duplicate_events", report.Evidence.DuplicateEvents);
        w.WriteNumber("revised_events", report.Evidence.RevisedEvents);
        WriteStrings(w, "clashes", [.. report.Evidence.Clashes.Select(c => c.ToString())]);
        w.WriteEndObject();

        w.WriteStartArray("coverage");
        foreach (var c in report.Coverages)
        {
            WriteCoverage(w, c);
        }

        w.WriteEndArray();

        w.WriteStartArray("unresolved_actor_names");
        foreach (var kv in report.UnresolvedByFrequency)
        {
            w.WriteStartObject();
            w.WriteString("name", kv.Key);
            w.WriteNumber("items", kv.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("summary");
        foreach (var status in Enum.GetValues<VerdictStatus>())
        {
            w.WriteNumber(VerificationReport.StatusName(status).Replace(' ', '_'), report.Verdicts.Count(v => v.Status == status));
        }

        w.WriteEndObject();

        w.WriteStartArray("agreements");
        foreach (var a in report.Agreements)
        {
            WriteAgreement(w, a, report.Verdicts.Where(v => v.Agreement == a).ToList(), report);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAgreement(Utf8JsonWriter w, Agreement a, List<Verdict> verdicts, VerificationReport report)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("title", a.Title);
        w.WriteString("status", AgreementStatusNames.Name(a.Status));
        w.WriteString("spec", a.File);
        WriteStrings(w, "parties", a.Parties);
        WriteStrings(w, "guarantors", a.Guarantors);
        WriteStrings(w, "beneficiaries", a.Beneficiaries);
        WriteDate(w, "signed", a.Signed);
        WriteDate(w, "in_force", a.InForce);
        WriteNullable(w, "outcome_as_reported", a.Outcome);

        w.WriteStartArray("sources");
        foreach (var s in a.Sources)
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("citation", s.Citation);
            WriteDate(w, "date", s.Date);
            WriteNullable(w, "url", s.Url);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("warnings");
        foreach (var d in report.Warnings.Where(d => d.File == a.File))
        {
            w.WriteStringValue(d.ToString());
        }

        w.WriteEndArray();

        w.WriteStartArray("term_conflicts");
        foreach (var zone in a.Zones.Where(z => z.Variants.Count > 1))
        {
            w.WriteStartObject();
            w.WriteString("zone", zone.Id);
            w.WriteStartArray("readings");
            foreach (var v in zone.Variants)
            {
                w.WriteStartObject();
                w.WriteString("reading", v.Id);
                w.WriteString("expression", v.Expression.Describe());
                WriteStrings(w, "sources", v.Sources);
                w.WriteStartArray("verdicts");
                foreach (var verdict in verdicts.Where(x => x.Variant == v))
                {
                    w.WriteStartObject();
                    w.WriteString("obligation", verdict.Obligation.Id);
                    w.WriteString("status", VerificationReport.StatusName(verdict.Status));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("verdicts");
        foreach (var v in verdicts)
        {
            WriteVerdict(w, v);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteVerdict(Utf8JsonWriter w, Verdict v)
    {
        var o = v.Obligation;
        w.WriteStartObject();
        w.WriteString("obligation", o.Id);
        WriteNullable(w, "text", o.Text);
        WriteStrings(w, "sources", o.Sources);
        w.WriteString("who", o.Who);
        WriteNullable(w, "against", o.Against);
        w.WriteBoolean("mutual", o.Mutual);
        w.WriteString("modality", o.Modality == Modality.Must ? "must" : "must_not");
        w.WriteString("activity", Vocabulary.Name(o.Activity));
        w.WriteString("zone", o.ZoneId);
        w.WriteString("reading", v.Variant.Id);
        w.WriteString("zone_expression", v.Variant.Expression.Describe());
        WriteStrings(w, "reading_sources", v.Variant.Sources);
        w.WriteStartObject("window");
        WriteDate(w, "from", o.EnforcedFrom);
        WriteDate(w, "until", o.Until);
        w.WriteNumber("grace_days", o.GraceDays);
        w.WriteEndObject();
        w.WriteString("status", VerificationReport.StatusName(v.Status));
        WriteNullable(w, "confidence", v.Confidence?.ToString().ToLowerInvariant());
        w.WriteString("reason", v.Reason);
        if (v.FirstBreach is { } fb)
        {
            w.WriteStartObject("first_breach");
            WriteDate(w, "from", fb.Start);
            WriteDate(w, "to", fb.End);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("first_breach");
        }

        WriteStrings(w, "caveats", v.Caveats);
        w.WriteStartObject("screening");
        w.WriteNumber("considered", v.Screening.Considered);
        w.WriteNumber("outside_window", v.Screening.OutsideWindow);
        w.WriteNumber("other_activity", v.Screening.OtherActivity);
        w.WriteNumber("other_actors", v.Screening.OtherActors);
        w.WriteNumber("outside_zone", v.Screening.OutsideZone);
        w.WriteEndObject();
        w.WriteStartArray("coverage");
        foreach (var c in v.Coverage)
        {
            w.WriteStartObject();
            w.WriteString("source", c.Coverage.SourceId);
            w.WriteString("file", c.Coverage.File);
            w.WriteBoolean("partial", c.Partial);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("confirmed_total", v.ConfirmedTotal);
        w.WriteNumber("possible_total", v.PossibleTotal);
        w.WriteStartArray("confirmed");
        foreach (var f in v.Confirmed)
        {
            WriteFinding(w, f);
        }

        w.WriteEndArray();
        w.WriteStartArray("possible");
        foreach (var f in v.Possible)
        {
            WriteFinding(w, f);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes one finding; shared with the GeoJSON writer's properties.</summary>
    internal static void WriteFindingBody(Utf8JsonWriter w, Finding f)
    {
        var e = f.Evidence;
        w.WriteString("evidence", e.Id);
        w.WriteNumber("score", f.Score.Value);
        w.WriteStartObject("chances");
        WriteChance(w, "zone", f.Score.Zone);
        WriteChance(w, "time", f.Score.Time);
        WriteChance(w, "identity", f.Score.Identity);
        WriteChance(w, "activity", f.Score.Activity);
        WriteChance(w, "source", f.Score.Source);
        w.WriteEndObject();
        w.WriteString("file", e.Origin.File);
        w.WriteNumber("line", e.Origin.Line);
        w.WriteString("format", e.Origin.Format);
        w.WriteStartObject("days");
        WriteDate(w, "from", e.Time.Days.Start);
        WriteDate(w, "to", e.Time.Days.End);
        w.WriteString("precision", $"{e.Time.Scheme} {e.Time.Code}: {e.Time.Meaning}");
        w.WriteEndObject();
        w.WriteStartObject("location");
        w.WriteNumber("lat", Math.Round(e.Location.Latitude, 6));
        w.WriteNumber("lon", Math.Round(e.Location.Longitude, 6));
        if (e.LocationPrecision.Radius.IsFinite)
        {
            w.WriteNumber("radius_km", Math.Round(e.LocationPrecision.Radius.Kilometres, 3));
        }
        else
        {
            w.WriteNull("radius_km");
        }

        w.WriteString("precision", $"{e.LocationPrecision.Scheme} {e.LocationPrecision.Code}: {e.LocationPrecision.Meaning}");
        WriteNullable(w, "place", e.Place);
        if (e.Admin is { } admin)
        {
            w.WriteStartObject("admin");
            WriteNullable(w, "country", admin.Country);
            WriteNullable(w, "admin1", admin.Admin1);
            WriteNullable(w, "admin2", admin.Admin2);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("admin");
        }

        WriteNullable(w, "clue", f.LocationClue);
        w.WriteEndObject();
        w.WriteString("activity", Vocabulary.Name(e.Activity));
        w.WriteString("reported_type", e.ReportedType);
        w.WriteStartArray("actors");
        foreach (var a in e.Actors)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteString("role", Vocabulary.Name(a.Role));
            w.WriteString("basis", Vocabulary.Name(a.Basis));
            WriteNullable(w, "category", a.Category);
            if (a.Deaths is { } deaths)
            {
                w.WriteNumber("deaths", deaths);
            }
            else
            {
                w.WriteNull("deaths");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("source");
        w.WriteString("id", e.Source.SourceId);
        w.WriteString("name", e.Source.SourceName);
        w.WriteString("grade", e.Source.Code);
        w.WriteBoolean("registered", e.Source.Registered);
        w.WriteEndObject();
        w.WriteStartObject("judgements");
        w.WriteString("zone", Kleene.Name(f.Zone));
        w.WriteString("time", Kleene.Name(f.Time));
        w.WriteString("actor", Kleene.Name(f.Actor));
        w.WriteString("activity", Kleene.Name(f.Activity));
        w.WriteEndObject();
        w.WriteStartArray("distances");
        foreach (var m in f.Measures.DistinctBy(m => (m.FeatureId, m.Threshold)))
        {
            w.WriteStartObject();
            w.WriteString("feature", m.FeatureId);
            w.WriteNumber("km", Math.Round(m.Distance.Kilometres, 3));
            if (m.Threshold is { } t)
            {
                w.WriteNumber("threshold_km", Math.Round(t.Kilometres, 3));
            }
            else
            {
                w.WriteNull("threshold_km");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteNullable(w, "matched_actor", f.ActorId);
        WriteNullable(w, "matched_counterpart", f.CounterpartId);
        w.WriteString("identification", f.Identification);
        WriteStrings(w, "doubts", f.Doubts);
        WriteNullable(w, "description", e.Description);
        if (e.Fatalities is { } n)
        {
            w.WriteNumber("fatalities", n);
        }
        else
        {
            w.WriteNull("fatalities");
        }
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        WriteFindingBody(w, f);
        w.WriteEndObject();
    }

    private static void WriteCoverage(Utf8JsonWriter w, Coverage c)
    {
        w.WriteStartObject();
        w.WriteString("source", c.SourceId);
        w.WriteString("file", c.File);
        w.WriteBoolean("declared", c.Declared);
        w.WriteStartArray("bbox");
        foreach (var x in new[] { c.Area.South, c.Area.West, c.Area.North, c.Area.East })
        {
            w.WriteNumberValue(Math.Round(x, 4));
        }

        w.WriteEndArray();
        WriteDate(w, "from", c.Period.Start);
        WriteDate(w, "to", c.Period.End);
        WriteStrings(w, "observes", c.Observes.Select(Vocabulary.Name));
        WriteNullable(w, "note", c.Note);
        w.WriteEndObject();
    }

    internal static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    internal static void WriteDate(Utf8JsonWriter w, string name, DateOnly? value) =>
        WriteNullable(w, name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteChance(Utf8JsonWriter w, string name, double? p)
    {
        if (p is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
