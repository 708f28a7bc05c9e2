using Truce.Text;

namespace Truce.Evidence;

/// <summary>A known source of evidence (a dataset, monitor, outlet or government) and how reliable it has been.</summary>
/// <param name="Id">Stable slug, e.g. <c>ucdp-ged</c>, <c>sana</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">dataset, monitor, news, state-media, government, ngo, think-tank.</param>
/// <param name="Reliability">Admiralty reliability of the source.</param>
/// <param name="Aliases">Other names it appears under (ACLED's source column, bylines).</param>
/// <param name="Observes">For datasets: obligation activities whose occurrence the dataset would record where it covers.</param>
/// <param name="Note">Why it has this rating; shown in reports.</param>
/// <param name="Extent">For datasets: the period the dataset states it covers; events dated outside it are implausible.</param>
public sealed record EvidenceSource(
    string Id, string Name, string Kind, Reliability Reliability, IReadOnlyList<string> Aliases, IReadOnlyList<ObligedActivity> Observes, string? Note,
    ValidityPeriod? Extent = null);

/// <summary>The sources registry (examples/sources.yaml): resolves source names to rated sources.</summary>
public sealed class SourceRegistry
{
    private readonly Dictionary<string, EvidenceSource> byName = new(StringComparer.Ordinal);

    /// <summary>Builds the registry from its entries.</summary>
    public SourceRegistry(IEnumerable<EvidenceSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Sources = [.. sources];
        foreach (var s in Sources)
        {
            foreach (var name in s.Aliases.Append(s.Name).Append(s.Id))
            {
                byName[Actors.ActorRegistry.Normalize(name)] = s;
            }
        }
    }

    /// <summary>A registry that knows no sources: everything is rated F (cannot be judged).</summary>
    public static SourceRegistry Empty { get; } = new([]);

    /// <summary>All entries in file order.</summary>
    public IReadOnlyList<EvidenceSource> Sources { get; }

    /// <summary>The entry for a name or id, or null.</summary>
    public EvidenceSource? Resolve(string? name) =>
        name is null ? null : byName.GetValueOrDefault(Actors.ActorRegistry.Normalize(name));

    /// <summary>An assessment for an item from <paramref name="name"/>; unknown sources get reliability F.</summary>
    public SourceAssessment Assess(string name, Credibility credibility)
    {
        var s = Resolve(name);
        return s is null
            ? new SourceAssessment(name, name, Reliability.F, credibility, Registered: false)
            : new SourceAssessment(s.Id, s.Name, s.Reliability, credibility, Registered: true);
    }

    /// <summary>Reads sources YAML; returns null (with diagnostics) on errors.</summary>
    public static SourceRegistry? Read(string yaml, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var root = YamlCursor.Parse(yaml, file, diagnostics);
        if (root is null || !root.ExpectMapping())
        {
            return null;
        }

        root.RejectUnknownKeys("sources");
        int errorsBefore = diagnostics.Items.Count(d => d.Severity == Severity.Error);
        var list = new List<EvidenceSource>();
        foreach (var item in root.Sequence("sources", required: true))
        {
            if (!item.ExpectMapping())
            {
                continue;
            }

            item.RejectUnknownKeys("id", "name", "kind", "reliability", "aliases", "observes", "note", "extent");
            var id = item.Scalar("id", required: true);
            var name = item.Scalar("name") ?? id;
            var reliabilityText = item.Scalar("reliability", required: true);
            Reliability reliability = Reliability.F;
            if (reliabilityText is { Length: 1 } && reliabilityText[0] is >= 'A' and <= 'F')
            {
                reliability = (Reliability)(reliabilityText[0] - 'A');
            }
            else if (reliabilityText is not null)
            {
                item.Child("reliability")?.Error("TR020", $"'{reliabilityText}' is not an Admiralty reliability; use one letter A-F (F = cannot be judged)");
            }

            var observes = new List<ObligedActivity>();
            foreach (var o in item.Sequence("observes"))
            {
                var text = o.AsScalar();
                if (text is not null && Vocabulary.TryParseObliged(text, out var activity))
                {
                    observes.Add(activity);
                }
                else
                {
                    o.Error("TR021", $"'{text}' is not an activity; use one of {string.Join(", ", Vocabulary.ObligedNames)}");
                }
            }

            ValidityPeriod? extent = null;
            if (item.Child("extent") is { } e && e.ExpectMapping())
            {
                e.RejectUnknownKeys("from", "until");
                var (from, until) = (e.Date("from"), e.Date("until"));
                if (from is { } f && until is { } u && u < f)
                {
                    e.Error("TR014", $"'until' {u:yyyy-MM-dd} precedes 'from' {f:yyyy-MM-dd}");
                }
                else
                {
                    extent = new ValidityPeriod(from, until);
                }
            }

            if (id is not null && name is not null)
            {
                if (!Slug.IsValid(id))
                {
                    item.Child("id")!.Error("TR010", $"'{id}' is not a valid id; use lowercase letters, digits and hyphens");
                }

                if (list.Any(s => s.Id == id))
                {
                    item.Error("TR012", $"source id '{id}' is defined twice");
                }

                list.Add(new EvidenceSource(id, name, item.Scalar("kind") ?? "unspecified", reliability, item.Strings("aliases"), observes, item.Scalar("note"), extent));
            }
        }

        return diagnostics.Items.Count(d => d.Severity == Severity.Error) > errorsBefore ? null : new SourceRegistry(list);
    }
}
