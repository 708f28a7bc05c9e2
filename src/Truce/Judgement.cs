namespace Truce;

/// <summary>A three-valued answer (Kleene logic): yes, no, or the evidence cannot tell.</summary>
/// <remarks>Ordered so that <c>Math.Min</c> is "and" and <c>Math.Max</c> is "or"; <c>default</c> is No.</remarks>
public enum Judgement
{
    /// <summary>Certainly not.</summary>
    No = 0,

    /// <summary>The evidence cannot tell.</summary>
    Uncertain = 1,

    /// <summary>Certainly.</summary>
    Yes = 2,
}

/// <summary>Kleene's three-valued connectives over <see cref="Judgement"/>.</summary>
public static class Kleene
{
    /// <summary>Both.</summary>
    public static Judgement And(Judgement a, Judgement b) => (Judgement)Math.Min((int)a, (int)b);

    /// <summary>Either.</summary>
    public static Judgement Or(Judgement a, Judgement b) => (Judgement)Math.Max((int)a, (int)b);

    /// <summary>Negation: yes and no swap, uncertain stays.</summary>
    public static Judgement Not(Judgement a) => (Judgement)(2 - (int)a);

    /// <summary>The judgement's name in output: yes, uncertain, no.</summary>
    public static string Name(Judgement j) => j switch
    {
        Judgement.Yes => "yes",
        Judgement.No => "no",
        _ => "uncertain",
    };
}
