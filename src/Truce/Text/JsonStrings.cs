using System.Globalization;
using System.Text.Json;

namespace Truce.Text;

/// <summary>Finds JSON strings that are valid JSON but not text: a \uD800-\uDFFF escape without its other half.</summary>
/// <remarks>
/// System.Text.Json accepts such a document and then throws <see cref="InvalidOperationException"/> when the string
/// (or property name) is read, which would turn one hostile row into a crash. Readers check first and reject the row
/// naming the field. Documents without a surrogate escape (nearly all) are recognised from their bytes and not walked.
/// </remarks>
public static class JsonStrings
{
    /// <summary>A field path to show for a field whose own name cannot be read.</summary>
    public const string UnreadableName = "(a field name)";

    /// <summary>The reason given for such a field.</summary>
    public const string Reason = "holds a \\u escape for half a UTF-16 surrogate pair (\\uD800-\\uDFFF without its partner): not text";

    /// <summary>Whether the JSON text holds a \u escape in the surrogate range (\uD800-\uDFFF), so that <see cref="UnpairedSurrogate"/> is worth calling.</summary>
    public static bool MayHoldSurrogateEscape(ReadOnlySpan<byte> json)
    {
        for (int i = json.IndexOf("\\u"u8); i >= 0 && i + 3 < json.Length; i = NextEscape(json, i + 2))
        {
            if (json[i + 2] is (byte)'d' or (byte)'D' && json[i + 3] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
        }

        return false;

        static int NextEscape(ReadOnlySpan<byte> json, int from)
        {
            int k = json[from..].IndexOf("\\u"u8);
            return k < 0 ? -1 : from + k;
        }
    }

    /// <inheritdoc cref="MayHoldSurrogateEscape(ReadOnlySpan{byte})"/>
    public static bool MayHoldSurrogateEscape(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        for (int i = json.IndexOf("\\u", StringComparison.Ordinal); i >= 0 && i + 3 < json.Length; i = json.IndexOf("\\u", i + 2, StringComparison.Ordinal))
        {
            if (json[i + 2] is 'd' or 'D' && char.IsAsciiHexDigit(json[i + 3]) && json[i + 3] is not (>= '0' and <= '7'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The path (<c>actors[0].name</c>) of the first string or property name that cannot be read as text, or null when all can.</summary>
    public static string? UnpairedSurrogate(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = p.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return Join(path, UnreadableName);
                    }

                    if (UnpairedSurrogate(p.Value, Join(path, name.Length > 0 ? name : "\"\"")) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (UnpairedSurrogate(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path.Length > 0 ? path : "(value)";
                }

            default:
                return null;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
