using System.Runtime.InteropServices;
using System.Text;

namespace Truce.Evidence.Import;

/// <summary>Decodes repeated UTF-8 field texts once: a text seen before is found by its bytes and shared, without decoding it again.</summary>
/// <remarks>
/// Conflict datasets repeat a few thousand names, places and headlines over millions of rows. The pool keeps at most
/// <c>capacity</c> distinct texts (each at most <c>maxLength</c> bytes); beyond that a text is decoded afresh each
/// time, so memory stays bounded whatever the file holds. Every text is trimmed as <see cref="string.Trim()"/> trims.
/// </remarks>
internal sealed class Utf8TextPool(int capacity = 1 << 16, int maxLength = 512)
{
    private int[] buckets = new int[1024]; // entry index + 1; 0 is empty
    private byte[][] keys = new byte[256][];
    private string[] values = new string[256];
    private ulong[] hashes = new ulong[256];
    private int count;

    /// <summary>The trimmed text of <paramref name="bytes"/> (valid UTF-8).</summary>
    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Length > maxLength)
        {
            return Encoding.UTF8.GetString(bytes).Trim();
        }

        ulong h = Hash(bytes);
        int mask = buckets.Length - 1;
        for (int i = (int)h & mask; ; i = (i + 1) & mask)
        {
            int e = buckets[i] - 1;
            if (e < 0)
            {
                var text = Encoding.UTF8.GetString(bytes).Trim();
                if (count < capacity)
                {
                    Add(bytes, text, h, i);
                }

                return text;
            }

            if (hashes[e] == h && keys[e].AsSpan().SequenceEqual(bytes))
            {
                return values[e];
            }
        }
    }

    private void Add(ReadOnlySpan<byte> bytes, string text, ulong h, int bucket)
    {
        if (count == keys.Length)
        {
            Array.Resize(ref keys, count * 2);
            Array.Resize(ref values, count * 2);
            Array.Resize(ref hashes, count * 2);
        }

        keys[count] = bytes.ToArray();
        values[count] = text;
        hashes[count] = h;
        buckets[bucket] = ++count;
        if (count * 2 > buckets.Length)
        {
            Rehash();
        }
    }

    private void Rehash()
    {
        buckets = new int[buckets.Length * 2];
        int mask = buckets.Length - 1;
        for (int e = 0; e < count; e++)
        {
            int i = (int)hashes[e] & mask;
            while (buckets[i] != 0)
            {
                i = (i + 1) & mask;
            }

            buckets[i] = e + 1;
        }
    }

    /// <summary>FNV-1a over 8-byte words, then a 64-bit finaliser: fast on short texts, and only ever compared within one pool.</summary>
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        ulong h = 14695981039346656037UL ^ (ulong)bytes.Length;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var w in words)
        {
            h = (h ^ w) * 1099511628211UL;
        }

        for (int i = words.Length * 8; i < bytes.Length; i++)
        {
            h = (h ^ bytes[i]) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }
}
