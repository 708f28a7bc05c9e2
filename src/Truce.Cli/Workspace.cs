using System.Security.Cryptography;
using System.Text;
using Truce.Actors;
using Truce.Agreements;
using Truce.Evidence;
using Truce.Geodesy;
using Truce.Reports;
using Truce.Text;

namespace Truce.Cli;

/// <summary>Where the registries come from and how far specs may reach: what the user said, or the defaults.</summary>
/// <param name="Actors">--actors, or null for the default.</param>
/// <param name="Sources">--sources, or null for the default.</param>
/// <param name="AllowOutside">--allow-outside: specs may name files outside their home folder tree.</param>
/// <param name="Places">--places, or null for the default.</param>
internal sealed record LoadOptions(string? Actors, string? Sources, bool AllowOutside, string? Places = null)
{
    /// <summary>Size limits: a spec or registry is hand-written YAML; geometry is GeoJSON of a region.</summary>
    public const int MaxSpecBytes = 1 << 20;

    /// <inheritdoc cref="MaxSpecBytes"/>
    public const int MaxRegistryBytes = 8 << 20;

    /// <inheritdoc cref="MaxSpecBytes"/>
    public const int MaxGeometryBytes = 64 << 20;
}

/// <summary>Everything the specs need, loaded from disk: agreements, registries, reference geometry, with diagnostics and input hashes.</summary>
internal sealed class Workspace
{
    /// <summary>Environment variable naming a folder that holds actors.yaml and sources.yaml, used when --actors / --sources are not given.</summary>
    public const string HomeVariable = "TRUCE_HOME";

    private Workspace()
    {
    }

    public List<Agreement> Agreements { get; } = [];

    public ActorRegistry? Actors { get; private set; }

    public SourceRegistry Sources { get; private set; } = SourceRegistry.Empty;

    /// <summary>Administrative-unit names and polygons: location clues beside coordinates (empty when no places.yaml is found).</summary>
    public Places.AdminUnitTable Places { get; private set; } = Truce.Places.AdminUnitTable.Empty;

    public GeometryCatalog Catalog { get; } = new();

    public DiagnosticBag Diagnostics { get; } = new();

    public List<InputFile> Inputs { get; } = [];

    /// <summary>True when a file could not be found or read (exit 2), as opposed to content errors in a file that was read (exit 1).</summary>
    public bool InputMissing => Diagnostics.Items.Any(d => d.Code is "TR090" or "TR091" or "TR093" or "TR094" or "TR096");

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
                    .Select(f => Paths.Display(Path.Combine(p, Path.GetFileName(f))))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(p))
            {
                files.Add(Paths.Display(p));
            }
            else
            {
                diagnostics.Add(new Diagnostic(Severity.Error, "TR090", Paths.Display(p), 0, 0, string.Empty, "no such file or folder"));
            }
        }

        return files;
    }

    /// <summary>The registry file to use: the one given, else TRUCE_HOME's, else the one in the specs' home folder (never the working directory's).</summary>
    public static string? RegistryPath(string? given, string name, IReadOnlyList<string> specFiles)
    {
        if (given is not null)
        {
            return given;
        }

        if (Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home)
        {
            return Paths.Display(Path.Combine(home, name));
        }

        if (specFiles.Count == 0)
        {
            return null;
        }

        var dir = Paths.HomeOf(specFiles[0]);
        var candidate = Path.Combine(dir, name);
        if (!File.Exists(candidate))
        {
            return null;
        }

        // Show it relative to where the spec was named from, as the user would type it.
        return Paths.Display(Paths.FromSpec(specFiles[0], dir) + "/" + name);
    }

    /// <summary>Loads registries, specs and the geometry they name, then lints every spec.</summary>
    /// <param name="specPaths">Spec files or folders.</param>
    /// <param name="options">Registry paths and confinement.</param>
    /// <param name="evidenceCoverage">Given the loaded sources registry, the coverage of the evidence in hand (lint --evidence); null for none.</param>
    public static Workspace Load(IEnumerable<string> specPaths, LoadOptions options, Func<SourceRegistry, IReadOnlyList<Coverage>>? evidenceCoverage = null)
    {
        var ws = new Workspace();
        var specFiles = ExpandSpecPaths(specPaths, ws.Diagnostics);
        if (specFiles.Count == 0 && !ws.Diagnostics.HasErrors)
        {
            ws.Diagnostics.Add(new Diagnostic(Severity.Error, "TR091", string.Join(" ", specPaths.Select(Paths.Display)), 0, 0, string.Empty, "no agreement specs (*.yaml) found"));
        }

        var actorsPath = RegistryPath(options.Actors, "actors.yaml", specFiles);
        if (actorsPath is null)
        {
            ws.NoRegistry("actors.yaml", "--actors", specFiles);
        }
        else if (ws.ReadText(actorsPath, "actors", "the actor registry (use --actors)", LoadOptions.MaxRegistryBytes) is { } actorsText)
        {
            ws.Actors = ActorRegistryReader.Read(actorsText, actorsPath, ws.Diagnostics);
        }

        var sourcesPath = RegistryPath(options.Sources, "sources.yaml", specFiles);
        if (sourcesPath is null)
        {
            ws.NoRegistry("sources.yaml", "--sources", specFiles);
        }
        else if (ws.ReadText(sourcesPath, "sources", "the sources registry (use --sources)", LoadOptions.MaxRegistryBytes) is { } sourcesText)
        {
            ws.Sources = SourceRegistry.Read(sourcesText, sourcesPath, ws.Diagnostics) ?? SourceRegistry.Empty;
        }

        var geometryLoaded = new HashSet<string>(StringComparer.Ordinal);
        ws.LoadPlaces(RegistryPath(options.Places, "places.yaml", specFiles), options.Places is not null, geometryLoaded);
        foreach (var specFile in specFiles)
        {
            var text = ws.ReadText(specFile, "spec", "the spec", LoadOptions.MaxSpecBytes);
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
            var home = Paths.HomeOf(specFile);
            int line = agreement.FieldLines.GetValueOrDefault("geometry");
            foreach (var g in agreement.Geometry)
            {
                if (Path.IsPathRooted(g) && !options.AllowOutside)
                {
                    ws.Diagnostics.Add(new Diagnostic(Severity.Error, "TR095", specFile, line, 1, "geometry",
                        $"'{g}' is an absolute path: a spec names its files relative to itself (--allow-outside permits it)"));
                    continue;
                }

                var path = Path.IsPathRooted(g) ? Paths.Display(g) : Paths.Beside(specFile, g);
                if (!options.AllowOutside && File.Exists(path) && !Paths.IsInside(path, home))
                {
                    ws.Diagnostics.Add(new Diagnostic(Severity.Error, "TR095", specFile, line, 1, "geometry",
                        $"'{g}' resolves outside the spec's home folder {Paths.FromSpec(specFile, home)} (--allow-outside permits it)"));
                    continue;
                }

                if (!geometryLoaded.Add(Paths.Real(path)))
                {
                    continue;
                }

                if (ws.ReadText(path, "geometry", $"geometry named by {specFile}", LoadOptions.MaxGeometryBytes) is { } json)
                {
                    GeometryReader.Read(json, path, ws.Catalog, ws.Diagnostics);
                }
            }
        }

        ws.Lint(evidenceCoverage?.Invoke(ws.Sources));
        return ws;
    }

    /// <summary>Reads the administrative-unit table and the polygons it names (relative to itself); a missing default table only means no location clues.</summary>
    private void LoadPlaces(string? path, bool given, HashSet<string> geometryLoaded)
    {
        if (path is null || (!given && !File.Exists(path)))
        {
            return;
        }

        if (ReadText(path, "places", "the administrative-unit table (use --places)", LoadOptions.MaxRegistryBytes) is not { } yaml)
        {
            return;
        }

        // The table lists its geometry; read it first so the units can refer to its features.
        var probe = new DiagnosticBag();
        var root = YamlCursor.Parse(yaml, path, probe);
        foreach (var g in root?.Strings("geometry") ?? [])
        {
            var geometryPath = Paths.Beside(path, g);
            if (Path.IsPathRooted(g) || !Paths.IsInside(geometryPath, Path.GetDirectoryName(Path.GetFullPath(path))!))
            {
                Diagnostics.Add(new Diagnostic(Severity.Error, "TR095", path, 0, 0, "geometry", $"'{g}' lies outside the table's folder"));
                continue;
            }

            if (geometryLoaded.Add(Paths.Real(geometryPath)) && ReadText(geometryPath, "geometry", $"geometry named by {path}", LoadOptions.MaxGeometryBytes) is { } json)
            {
                GeometryReader.Read(json, geometryPath, Catalog, Diagnostics);
            }
        }

        Places = Truce.Places.AdminUnitTable.Read(yaml, path, Catalog, Diagnostics) ?? Truce.Places.AdminUnitTable.Empty;
    }

    private void NoRegistry(string name, string option, List<string> specFiles)
    {
        var where = specFiles.Count == 0 ? "no spec was read" : $"looked in {Paths.FromSpec(specFiles[0], Paths.HomeOf(specFiles[0]))} and the folders above it";
        Diagnostics.Add(new Diagnostic(Severity.Error, "TR096", name, 0, 0, string.Empty,
            $"no {name} found next to the specs ({where}); give {option} or set {HomeVariable} to a folder that holds it"));
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

    /// <summary>Lowercase hex SHA-256 of bytes.</summary>
    public static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    private string? ReadText(string path, string kind, string what, int limit) => ReadHandWritten(path, kind, what, limit, Diagnostics, Inputs);

    /// <summary>Reads a hand-written input whole: a regular file, within its size limit, strictly UTF-8 (or UTF-16 with a byte order mark).</summary>
    /// <param name="path">The file, as the user typed it.</param>
    /// <param name="kind">What it is, for the input list and the size message ("spec", "actors", "geometry").</param>
    /// <param name="what">What it is, in the words of an error ("the actor registry (use --actors)").</param>
    /// <param name="limit">The size limit in bytes.</param>
    /// <param name="diagnostics">Where a refusal is reported (located at the file, never quoting its bytes).</param>
    /// <param name="inputs">Where the file and its SHA-256 are recorded, or null when no report lists inputs.</param>
    internal static string? ReadHandWritten(string path, string kind, string what, int limit, DiagnosticBag diagnostics, List<InputFile>? inputs)
    {
        void Fail(string code, string message) => diagnostics.Add(new Diagnostic(Severity.Error, code, path, 0, 0, string.Empty, message));

        switch (FileKind.Of(path))
        {
            case FileKindValue.Missing:
                Fail("TR093", $"cannot read {what}: no such file");
                return null;
            case FileKindValue.Folder:
                Fail("TR093", $"cannot read {what}: it is a folder");
                return null;
            case FileKindValue.Special:
                Fail("TR093", $"cannot read {what}: not a regular file (a device, pipe or socket)");
                return null;
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > limit)
                {
                    Fail("TR094", $"{what} is larger than the {limit / (1 << 20)} MiB limit for {kind} files; none of it was used");
                    return null;
                }
            }

            bytes = buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail("TR093", $"cannot read {what}: {ex.Message}");
            return null;
        }

        inputs?.Add(new InputFile(kind, path, Hex(SHA256.HashData(bytes))));
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            var utf16 = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return utf16.GetString(bytes, 2, bytes.Length - 2);
        }

        var body = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes.AsSpan();
        int bad = Utf8Text.FirstInvalid(body);
        if (bad >= 0)
        {
            int line = 1 + body[..bad].Count((byte)'\n');
            diagnostics.Add(new Diagnostic(Severity.Error, "TR094", path, line, 0, string.Empty, $"not UTF-8: invalid byte at offset {bad + (bytes.Length - body.Length)}; save the file as UTF-8"));
            return null;
        }

        return Encoding.UTF8.GetString(body);
    }
}
