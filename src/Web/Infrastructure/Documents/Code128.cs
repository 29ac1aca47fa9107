namespace Bookpost.Web.Infrastructure.Documents;

/// Code 128 (code set B: printable ASCII), as bar and space widths in modules, with its start, check and stop symbols.
public static class Code128
{
    // Widths of bar, space, bar, space, bar, space for symbol values 0–106 (106 is the stop, which has a 7th bar).
    private static readonly string[] s_patterns =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    private const int StartB = 104, Stop = 106;

    /// The module widths, alternating bar and space and starting with a bar, for the text.
    /// <exception cref="ArgumentException">The text holds a character outside printable ASCII.</exception>
    public static IReadOnlyList<int> Encode(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var values = new List<int> { StartB };
        foreach (var c in text)
        {
            if (c is < ' ' or > '~') throw new ArgumentException($"Code 128 B cannot hold '{c}'.", nameof(text));
            values.Add(c - ' ');
        }
        var check = StartB;
        for (var i = 1; i < values.Count; i++) check += values[i] * i;
        values.Add(check % 103);
        values.Add(Stop);
        return values.SelectMany(v => s_patterns[v].Select(w => w - '0')).ToList();
    }
}
