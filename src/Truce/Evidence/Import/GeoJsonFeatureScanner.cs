using System.Text.Json;

namespace Truce.Evidence.Import;

/// <summary>Pulls the features of a GeoJSON FeatureCollection one at a time from a stream, holding one feature in memory at a time.</summary>
/// <remarks>
/// GeoJSON is one big object, so a document parser would hold the whole file. This scanner runs a resumable
/// <see cref="Utf8JsonReader"/> over a refilled buffer, and hands out each element of "features" as its own
/// bytes with the line it starts on. The buffer grows only to the size of the largest single feature.
/// </remarks>
internal sealed class GeoJsonFeatureScanner(Stream stream, string file, int maxFeatureBytes)
{
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private bool eof;
    private long line = 1;
    private JsonReaderState state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
    private bool expectFeaturesArray;
    private int featuresDepth = -1;
    private bool sawFeatures;
    private bool sawRoot;

    /// <summary>The next feature's JSON and 1-based starting line, or null after the last one.</summary>
    public (byte[] Json, long Line)? Next()
    {
        while (true)
        {
            if (end == start && !eof)
            {
                Refill();
                continue;
            }

            if (eof && !sawRoot && buffer.AsSpan(start, end - start).Trim(" \t\r\n\uFEFF"u8).IsEmpty)
            {
                throw new EvidenceFormatException(file, "the file is empty");
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), eof, state);
            while (true)
            {
                var before = reader.CurrentState;
                long beforePos = reader.BytesConsumed;
                bool read;
                try
                {
                    read = reader.Read();
                }
                catch (JsonException ex)
                {
                    throw new EvidenceFormatException(file, $"not valid JSON near line {line + CountNewlines((int)reader.BytesConsumed)}: {Text.Messages.WithoutQuotedInput(ex.Message.Split(" LineNumber:")[0])}");
                }

                if (!read)
                {
                    state = reader.CurrentState;
                    Consume((int)reader.BytesConsumed);
                    if (eof)
                    {
                        if (!sawFeatures)
                        {
                            throw new EvidenceFormatException(file, sawRoot
                                ? "not a GeoJSON FeatureCollection: no \"features\" array"
                                : "the file is empty");
                        }

                        return null;
                    }

                    Refill();
                    break;
                }

                int depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject when depth == 0:
                        sawRoot = true;
                        break;
                    case JsonTokenType.StartArray when depth == 0:
                        throw new EvidenceFormatException(file, "not a GeoJSON FeatureCollection: the file is a JSON array (use NDJSON for a list of records)");
                    case JsonTokenType.PropertyName when depth == 1 && featuresDepth < 0:
                        expectFeaturesArray = IsFeatures(ref reader);
                        break;
                    case JsonTokenType.StartArray when expectFeaturesArray && depth == 1:
                        featuresDepth = depth;
                        sawFeatures = true;
                        expectFeaturesArray = false;
                        break;
                    case JsonTokenType.EndArray when depth == featuresDepth:
                        featuresDepth = int.MaxValue; // finished; keep reading to validate the rest of the document
                        break;
                    case JsonTokenType.StartObject when depth == featuresDepth + 1:
                        {
                            int tokenStart = (int)reader.TokenStartIndex;
                            var copy = reader;
                            bool complete;
                            try
                            {
                                complete = copy.TrySkip();
                            }
                            catch (JsonException ex)
                            {
                                throw new EvidenceFormatException(file, $"not valid JSON in the feature starting on line {line + CountNewlines(tokenStart)}: {Text.Messages.WithoutQuotedInput(ex.Message.Split(" LineNumber:")[0])}");
                            }

                            if (!complete)
                            {
                                // Rewind to before this feature and fetch more bytes.
                                state = before;
                                Consume((int)beforePos);
                                if (eof)
                                {
                                    throw new EvidenceFormatException(file, "the file ends inside a feature");
                                }

                                Refill();
                                goto Rebuild;
                            }

                            var json = buffer.AsSpan(start + tokenStart, (int)copy.BytesConsumed - tokenStart).ToArray();
                            long featureLine = line + CountNewlines(tokenStart);
                            state = copy.CurrentState;
                            Consume((int)copy.BytesConsumed);
                            return (json, featureLine);
                        }

                    default:
                        if (expectFeaturesArray && depth == 1 && reader.TokenType != JsonTokenType.PropertyName)
                        {
                            throw new EvidenceFormatException(file, "\"features\" must be an array");
                        }

                        break;
                }
            }

        Rebuild:;
        }
    }

    /// <summary>Whether the property name is "features"; a name holding an unpaired surrogate escape (\uD800) is some other name, not a crash.</summary>
    private static bool IsFeatures(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.ValueTextEquals("features"u8);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private int CountNewlines(int count) => buffer.AsSpan(start, count).Count((byte)'\n');

    private void Consume(int count)
    {
        line += CountNewlines(count);
        start += count;
    }

    private void Refill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= maxFeatureBytes)
            {
                // JSON cannot be resynchronised after a skipped token: the features read so far stand, the rest is refused.
                throw new EvidenceFormatException(file, $"a feature or JSON value near line {line} is longer than the {maxFeatureBytes:N0}-byte limit; the rest of the file was not read");
            }

            Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxFeatureBytes));
        }

        int n = stream.Read(buffer, end, buffer.Length - end);
        if (n == 0)
        {
            eof = true;
        }

        end += n;
    }
}
