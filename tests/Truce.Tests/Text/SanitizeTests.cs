using Truce.Text;

namespace Truce.Tests.Text;

public class SanitizeTests
{
    public class TheTerminalMethod
    {
        [Theory]
        [InlineData("a\u200Bb", "a\\u200bb")] // zero-width space: two ids that look the same
        [InlineData("a\u00ADb", "a\\xadb")] // soft hyphen
        [InlineData("a\u2060b", "a\\u2060b")] // word joiner
        [InlineData("id\U000E0041\U000E0042", "id\\U000e0041\\U000e0042")] // tag characters, invisible astral code points
        [InlineData("\u001b[2J", "\\x1b[2J")]
        [InlineData("abc\u202Efed", "abc\\u202efed")]
        public void Should_Show_Invisible_And_Control_Characters_Escaped(string text, string expected)
        {
            Assert.Equal(expected, Sanitize.Terminal(text));
        }

        [Theory]
        [InlineData("می\u200Cخواهم")] // Persian needs the zero-width non-joiner
        [InlineData("Liwa al-Quds")]
        [InlineData("حزب الله")]
        [InlineData("emoji 😀 stays")]
        public void Should_Leave_Real_Names_Untouched(string text)
        {
            Assert.Equal(text, Sanitize.Terminal(text));
        }
    }

    public class TheSafeTextWriter
    {
        [Fact]
        public void Should_Pass_Its_Own_Line_Breaks_And_Escape_Every_Other_Control()
        {
            var inner = new StringWriter();
            var w = new SafeTextWriter(inner);
            w.WriteLine("violated\r no violation found\U000E0020");
            w.Write('\u0007');
            Assert.Equal("violated\\x0d no violation found\\U000e0020\n\\x07", inner.ToString());
        }
    }

    public class TheMarkdownMethod
    {
        [Fact]
        public void Should_Show_Html_And_Headings_Literally()
        {
            Assert.Equal("\\# &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\*", Sanitize.Markdown("# <script>alert(1)</script> *x*"));
        }
    }
}
