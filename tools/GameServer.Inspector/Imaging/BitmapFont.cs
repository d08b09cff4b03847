namespace GameServer.Inspector.Imaging;

/// <summary>
/// A 6x10-pixel monospaced font for printable ASCII, to draw axis and legend labels into PNG pictures
/// without an imaging library.
/// </summary>
/// <remarks>
/// The glyphs are the X11 "misc-fixed" 6x10 font (public domain: "Share and enjoy."), one string per
/// character from ' ' to '~': ten rows of two hex digits, the top six bits of each byte being pixels, left
/// to right. The baseline is two rows above the bottom.
/// </remarks>
internal static class BitmapFont
{
    /// <summary>Advance per character, in pixels.</summary>
    public const int Width = 6;

    /// <summary>Line height in pixels (8 above the baseline, 2 below).</summary>
    public const int Height = 10;

    private static readonly string[] s_glyphs =
    [
        "00000000000000000000", // ' '
        "00202020202000200000", // '!'
        "00505050000000000000", // '"'
        "005050F850F850500000", // '#'
        "002070A0702870200000", // '$'
        "0048A8502050A8900000", // '%'
        "0040A0A040A890680000", // '&'
        "00202020000000000000", // "'"
        "00102040404020100000", // '('
        "00402010101020400000", // ')'
        "00008850F85088000000", // '*'
        "00002020F82020000000", // '+'
        "00000000000030204000", // ','
        "00000000F80000000000", // '-'
        "00000000000020702000", // '.'
        "00080810204080800000", // '/'
        "00205088888850200000", // '0'
        "002060A0202020F80000", // '1'
        "00708808304080F80000", // '2'
        "00F80810300888700000", // '3'
        "0010305090F810100000", // '4'
        "00F880B0C80888700000", // '5'
        "00304080B0C888700000", // '6'
        "00F80810102040400000", // '7'
        "00708888708888700000", // '8'
        "00708898680810600000", // '9'
        "00002070200020702000", // ':'
        "00002070200030204000", // ';'
        "00081020402010080000", // '<'
        "000000F800F800000000", // '='
        "00402010081020400000", // '>'
        "00708810202000200000", // '?'
        "00708898A8B080700000", // '@'
        "0020508888F888880000", // 'A'
        "00F04848704848F00000", // 'B'
        "00708880808088700000", // 'C'
        "00F04848484848F00000", // 'D'
        "00F88080F08080F80000", // 'E'
        "00F88080F08080800000", // 'F'
        "00708880809888700000", // 'G'
        "00888888F88888880000", // 'H'
        "00702020202020700000", // 'I'
        "00381010101090600000", // 'J'
        "008890A0C0A090880000", // 'K'
        "00808080808080F80000", // 'L'
        "008888D8A88888880000", // 'M'
        "008888C8A89888880000", // 'N'
        "00708888888888700000", // 'O'
        "00F08888F08080800000", // 'P'
        "007088888888A8700800", // 'Q'
        "00F08888F0A090880000", // 'R'
        "00708880700888700000", // 'S'
        "00F82020202020200000", // 'T'
        "00888888888888700000", // 'U'
        "00888888505050200000", // 'V'
        "00888888A8A8D8880000", // 'W'
        "00888850205088880000", // 'X'
        "00888850202020200000", // 'Y'
        "00F80810204080F80000", // 'Z'
        "00704040404040700000", // '['
        "00808040201008080000", // backslash
        "00701010101010700000", // ']'
        "00205088000000000000", // '^'
        "0000000000000000F800", // '_'
        "20100000000000000000", // '`'
        "00000070087888780000", // 'a'
        "008080B0C888C8B00000", // 'b'
        "00000070888088700000", // 'c'
        "00080868988898680000", // 'd'
        "0000007088F880700000", // 'e'
        "00304840F04040400000", // 'f'
        "00000078888878088870", // 'g'
        "008080B0C88888880000", // 'h'
        "00200060202020700000", // 'i'
        "00080018080808484830", // 'j'
        "0080808890E090880000", // 'k'
        "00602020202020700000", // 'l'
        "000000D0A8A8A8880000", // 'm'
        "000000B0C88888880000", // 'n'
        "00000070888888700000", // 'o'
        "000000B0C888C8B08080", // 'p'
        "00000068988898680808", // 'q'
        "000000B0C88080800000", // 'r'
        "00000070807008F00000", // 's'
        "004040F0404048300000", // 't'
        "00000088888898680000", // 'u'
        "00000088885050200000", // 'v'
        "0000008888A8A8500000", // 'w'
        "00000088502050880000", // 'x'
        "00000088889868088870", // 'y'
        "000000F8102040F80000", // 'z'
        "00182010601020180000", // '{'
        "00202020202020200000", // '|'
        "00601020182010600000", // '}'
        "0048A890000000000000", // '~'
    ];

    // The glyph strings as bytes, Height per character.
    private static readonly byte[] s_rows = Convert.FromHexString(string.Concat(s_glyphs));

    /// <summary>Width in pixels of <paramref name="text"/>.</summary>
    public static int Measure(string text) => text.Length * Width;

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (x, top); other characters show as '?'.</summary>
    public static void Draw(IndexedImage image, int x, int top, string text, byte colour)
    {
        foreach (var c in text)
        {
            var glyph = s_rows.AsSpan((c is >= ' ' and <= '~' ? c - ' ' : '?' - ' ') * Height, Height);
            for (var row = 0; row < Height; row++)
            {
                var bits = glyph[row];
                for (var column = 0; column < Width; column++)
                {
                    if ((bits & (0x80 >> column)) != 0) image.Set(x + column, top + row, colour);
                }
            }

            x += Width;
        }
    }
}
