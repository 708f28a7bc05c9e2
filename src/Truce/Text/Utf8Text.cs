using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Truce.Text;

/// <summary>Strict UTF-8 checks for bytes from files: bad bytes are located and shown, never silently replaced by U+FFFD.</summary>
public static class Utf8Text
{
    /// <summary>The index of the first byte that is not valid UTF-8, or -1.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        int i = 0;
        while (i < bytes.Length)
        {
            if (System.Buffers.OperationStatus.Done != Rune.DecodeFromUtf8(bytes[i..], out _, out int used))
            {
                return i;
            }

            i += used;
        }

        return -1;
    }

    /// <summary>Text of raw bytes for quarantine and messages: valid UTF-8 as is, every other byte as \xNN.</summary>
    public static string Describe(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var sb = new StringBuilder(bytes.Length);
        int i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out var rune, out int used) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                i += used;
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{bytes[i]:x2}");
                i++;
            }
        }

        return sb.ToString();
    }
}
