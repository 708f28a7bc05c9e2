namespace Truce.Evidence;

/// <summary>Source reliability on the Admiralty (NATO) scale. F means "cannot be judged", not "unreliable".</summary>
public enum Reliability
{
    /// <summary>Completely reliable: no doubt of authenticity, history of complete reliability.</summary>
    A,

    /// <summary>Usually reliable: minor doubts, history of mostly valid information.</summary>
    B,

    /// <summary>Fairly reliable: doubts, but has provided valid information before.</summary>
    C,

    /// <summary>Not usually reliable: significant doubts.</summary>
    D,

    /// <summary>Unreliable: history of invalid information (including deliberate deception).</summary>
    E,

    /// <summary>Reliability cannot be judged: no basis for evaluating the source.</summary>
    F,
}

/// <summary>Credibility of one piece of information on the Admiralty scale, independent of who supplied it.</summary>
public enum Credibility
{
    /// <summary>Confirmed by other independent sources.</summary>
    Confirmed = 1,

    /// <summary>Probably true: consistent with other information, not confirmed.</summary>
    ProbablyTrue = 2,

    /// <summary>Possibly true: reasonably logical, agrees somewhat with other information.</summary>
    PossiblyTrue = 3,

    /// <summary>Doubtful: possible but not logical, no other information on it.</summary>
    Doubtful = 4,

    /// <summary>Improbable: contradicted by other information.</summary>
    Improbable = 5,

    /// <summary>Truth cannot be judged.</summary>
    CannotBeJudged = 6,
}

/// <summary>Who said it and how much weight that carries: the source's name, reliability and the item's credibility.</summary>
/// <param name="SourceId">Registry id of the source (e.g. <c>ucdp-ged</c>, <c>sana</c>), or the raw name when not in the registry.</param>
/// <param name="SourceName">Display name.</param>
/// <param name="Reliability">How reliable the source has been.</param>
/// <param name="Credibility">How credible this item is.</param>
/// <param name="Registered">Whether the source was found in the sources registry (unregistered sources are rated F).</param>
public sealed record SourceAssessment(string SourceId, string SourceName, Reliability Reliability, Credibility Credibility, bool Registered)
{
    /// <summary>Whether the item is strong enough to confirm a violation on its own: source A–C and information rated 1–3.</summary>
    public bool CanConfirm => Reliability <= Reliability.C && Credibility <= Credibility.PossiblyTrue;

    /// <summary>Admiralty code such as "B2".</summary>
    public string Code => $"{Reliability}{(int)Credibility}";
}
