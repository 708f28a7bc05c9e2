namespace Truce.Cli;

/// <summary>Paths as users see them, and the rules for files that specs name: relative to the spec, inside its home folder tree.</summary>
internal static class Paths
{
    /// <summary>Paths as shown in output: forward slashes, "." and ".." folded where the path allows, never made absolute or relative to somewhere else.</summary>
    public static string Display(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.Replace('\\', '/');
        bool rooted = p.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".." || !rooted)
            {
                parts.Add(part);
            }
        }

        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>A file named inside a spec, joined to the spec's folder as the user typed it (spec "a/b.yaml", "../geo/x.json" → "geo/x.json").</summary>
    public static string Beside(string specPath, string relative)
    {
        var dir = Path.GetDirectoryName(specPath.Replace('\\', '/'));
        return Display(string.IsNullOrEmpty(dir) ? relative : dir + "/" + relative);
    }

    /// <summary>A folder shown from the spec's path as the user typed it (spec "a/b/x.yaml", folder a → "a"), never as a ../../.. chain from the working directory.</summary>
    public static string FromSpec(string specPath, string folder)
    {
        ArgumentNullException.ThrowIfNull(specPath);
        var up = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(specPath))!, folder);
        var typedDir = Path.GetDirectoryName(specPath.Replace('\\', '/'));
        return Display(Path.IsPathRooted(up) || string.IsNullOrEmpty(typedDir) ? up : typedDir + "/" + up);
    }

    /// <summary>The absolute path with every symbolic link resolved, component by component, so a link cannot smuggle a file in from outside.</summary>
    public static string Real(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        var pending = new Queue<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        int links = 0;
        while (pending.Count > 0)
        {
            var next = Path.Combine(current, pending.Dequeue());
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target && links++ < 40)
            {
                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                var rest = pending.ToArray();
                var resolvedRoot = Path.GetPathRoot(resolved) ?? "/";
                pending = new Queue<string>(resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                current = resolvedRoot;
                continue;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> (resolved) lies inside the folder <paramref name="root"/> (resolved).</summary>
    public static bool IsInside(string path, string root)
    {
        var r = Real(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Real(path).StartsWith(r, StringComparison.Ordinal);
    }

    /// <summary>The folder a spec belongs to: the nearest folder at or above the spec's own that holds actors.yaml, or the spec's folder.</summary>
    /// <remarks>A Truce home keeps specs, registries and geometry together (examples/ is one); files a spec names must stay inside it.</remarks>
    public static string HomeOf(string specPath)
    {
        var start = Path.GetDirectoryName(Path.GetFullPath(specPath))!;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "actors.yaml")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}
