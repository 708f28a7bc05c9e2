namespace Truce.Text;

/// <summary>Identifiers used across specs, registries and output: lowercase ASCII letters, digits and inner hyphens.</summary>
public static class Slug
{
    /// <summary>Whether <paramref name="id"/> is a well-formed identifier.</summary>
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 80 && id[0] != '-' && id[^1] != '-'
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
