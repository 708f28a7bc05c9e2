using System.Security.Cryptography;
using System.Text;
using Truce.Actors;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Reports;
using Truce.Text;

namespace Truce.Cli;

/// <summary>Everything the specs need, loaded from disk: agreements, registries, reference geometry, with diagnostics and input hashes.</summary>
internal sealed class Workspace
{
    private Workspace()
    {
    }

    public List<Agreement> Agreements { get; } = [];

    public ActorRegistry? Actors { get; private set; }

    public SourceRegistry Sources { get; private set; } = SourceRegistry.Empty;

    public GeometryCatalog Catalog { get; } = new();

    public DiagnosticBag Diagnostics { get; } = new();

    public List<InputFile> Inputs { get; } = [];

    /// <summary>Spec files named directly or found (*.yaml, *.yml) in named folders, in ordinal order.</summary>
    public static List<string> ExpandSpecPaths(IEnumerable<string> paths, DiagnosticBag diagnostics)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(Directory.EnumerateFiles(p)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Select(Display)
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(p))
            {
                files.Add(Display(p));
            }
            else
            {
                diagnostics.Add(new Diagnostic(Severity.Error, "TR090", Display(p), 0, 0, string.Empty, "no such file or folder"));
            }
        }

        return files;
    }

    /// <summary>Loads registries, specs and the geometry they name, then lints every spec.</summary>
    /// <param name="specPaths">Spec files or folders.</param>
    /// <param name="actorsPath">Actor registry.</param>
    /// <param name="sourcesPath">Sources registry.</param>
    /// <param name="evidenceCoverage">Given the loaded sources registry, the coverage of the evidence in hand (lint --evidence); null for none.</param>
    public static Workspace Load(IEnumerable<string> specPaths, string actorsPath, string sourcesPath, Func<SourceRegistry, IReadOnlyList<Coverage>>? evidenceCoverage = null)
    {
        var ws = new Workspace();
        var specFiles = ExpandSpecPaths(specPaths, ws.Diagnostics);
        if (specFiles.Count == 0 && !ws.Diagnostics.HasErrors)
        {
            ws.Diagnostics.Add(new Diagnostic(Severity.Error, "TR091", string.Join(" ", specPaths), 0, 0, string.Empty, "no agreement specs (*.yaml) found"));
        }

        if (ws.ReadText(actorsPath, "actors", "the actor registry (use --actors)") is { } actorsText)
        {
            ws.Actors = ActorRegistryReader.Read(actorsText, Display(actorsPath), ws.Diagnostics);
        }

        if (ws.ReadText(sourcesPath, "sources", "the sources registry (use --sources)") is { } sourcesText)
        {
            ws.Sources = SourceRegistry.Read(sourcesText, Display(sourcesPath), ws.Diagnostics) ?? SourceRegistry.Empty;
        }

        var geometryLoaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var specFile in specFiles)
        {
            var text = ws.ReadText(specFile, "spec", "the spec");
            if (text is null)
            {
                continue;
            }

            var agreement = AgreementSpecReader.Read(text, specFile, ws.Diagnostics);
            if (agreement is null)
            {
                continue;
            }

            if (ws.Agreements.Any(a => a.Id == agreement.Id))
            {
                ws.Diagnostics.Add(new Diagnostic(Severity.Error, "TR092", specFile, 0, 0, "id", $"agreement id '{agreement.Id}' is used by another spec"));
                continue;
            }

            ws.Agreements.Add(agreement);
            var baseDir = Path.GetDirectoryName(Path.GetFullPath(specFile))!;
            foreach (var g in agreement.Geometry)
            {
                var path = Display(Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(Path.Combine(baseDir, g))));
                if (!geometryLoaded.Add(path))
                {
                    continue;
                }

                if (ws.ReadText(path, "geometry", $"geometry named by {specFile}") is { } json)
                {
                    GeometryReader.Read(json, path, ws.Catalog, ws.Diagnostics);
                }
            }
        }

        ws.Lint(evidenceCoverage?.Invoke(ws.Sources));
        return ws;
    }

    /// <summary>Lints every spec against the registries and geometry; <paramref name="coverages"/> are those of the evidence in hand, if any.</summary>
    private void Lint(IReadOnlyList<Coverage>? coverages)
    {
        if (Actors is null)
        {
            return;
        }

        // Cross-references are checked only when a set of specs is checked together.
        var known = Agreements.Count > 1 ? Agreements.Select(a => a.Id).ToHashSet(StringComparer.Ordinal) : null;
        foreach (var a in Agreements)
        {
            Diagnostics.AddRange(SpecLinter.Lint(a, Actors, Catalog, Sources, coverages, known));
        }
    }

    /// <summary>Paths as shown in output: as given, with forward slashes, so output does not depend on the OS.</summary>
    public static string Display(string path) => path.Replace('\\', '/');

    /// <summary>Lowercase hex SHA-256 of bytes.</summary>
    public static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    private string? ReadText(string path, string kind, string what)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            Inputs.Add(new InputFile(kind, Display(path), Hex(SHA256.HashData(bytes))));
            return new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Diagnostics.Add(new Diagnostic(Severity.Error, "TR093", Display(path), 0, 0, string.Empty, $"cannot read {what}: {ex.Message}"));
            return null;
        }
    }
}
