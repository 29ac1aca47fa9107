using System.Text;

namespace Bookpost.Marc;

/// <summary>One MARC 21 record: a 24-character leader and its fields in the order they were read or added.</summary>
public sealed class MarcRecord
{
    /// <summary>The default leader of a new record: a UTF-8 (leader/09 = a) book record with no length yet.</summary>
    public const string DefaultLeader = "00000nam a2200000 i 4500";

    private string _leader = DefaultLeader;

    /// <summary>Creates an empty record with the default leader.</summary>
    public MarcRecord()
    {
        Fields = [];
    }

    internal MarcRecord(string leader, int capacity)
    {
        _leader = leader;
        Fields = new List<MarcField>(capacity);
    }

    /// <summary>The 24-character leader. Positions 00–04 (length) and 12–16 (base address) are recomputed when written.</summary>
    /// <exception cref="ArgumentException">The value is not 24 characters long.</exception>
    public string Leader
    {
        get => _leader;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length != 24) throw new ArgumentException("A MARC leader has 24 characters.", nameof(value));
            _leader = value;
        }
    }

    /// <summary>The fields, control fields and data fields alike, in record order.</summary>
    public List<MarcField> Fields { get; }

    /// <summary>All fields with the tag, in order.</summary>
    public IEnumerable<MarcField> GetFields(string tag)
    {
        foreach (var field in Fields)
            if (field.Tag == tag) yield return field;
    }

    /// <summary>The first field with the tag, or null.</summary>
    public MarcField? GetField(string tag)
    {
        foreach (var field in Fields)
            if (field.Tag == tag) return field;
        return null;
    }

    /// <summary>
    /// The value of a control field, or of the first subfield with the code in the first field with the tag; null if absent.
    /// </summary>
    public string? GetValue(string tag, char code = '\0')
    {
        var field = GetField(tag);
        if (field is null) return null;
        return field.IsControlField ? field.Value : field.GetSubfield(code);
    }

    /// <summary>A readable dump in the style of MARC "line" format, one field per line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Leader).Append('\n');
        foreach (var field in Fields) sb.Append(field).Append('\n');
        return sb.ToString();
    }
}

/// <summary>A control field (tag 00X, a value) or a data field (two indicators and subfields).</summary>
public sealed class MarcField
{
    private MarcField(string tag, string? value, char indicator1, char indicator2, List<MarcSubfield>? subfields)
    {
        Tag = tag;
        Value = value;
        Indicator1 = indicator1;
        Indicator2 = indicator2;
        _subfields = subfields;
    }

    private List<MarcSubfield>? _subfields;

    /// <summary>The three-character tag. Usually digits; alphabetic local tags (such as "CAT") are kept as they are.</summary>
    public string Tag { get; }

    /// <summary>The value of a control field; null for a data field.</summary>
    public string? Value { get; set; }

    /// <summary>The first indicator of a data field (blank is a space).</summary>
    public char Indicator1 { get; set; }

    /// <summary>The second indicator of a data field (blank is a space).</summary>
    public char Indicator2 { get; set; }

    /// <summary>The subfields of a data field, in order; empty for a control field.</summary>
    public List<MarcSubfield> Subfields => _subfields ??= [];

    /// <summary>True for a control field.</summary>
    public bool IsControlField => Value is not null;

    /// <summary>Creates a control field.</summary>
    public static MarcField Control(string tag, string value) => new(CheckTag(tag), value ?? "", ' ', ' ', null);

    /// <summary>Creates a data field with its subfields.</summary>
    public static MarcField Data(string tag, char indicator1, char indicator2, params IEnumerable<MarcSubfield> subfields) =>
        new(CheckTag(tag), null, indicator1, indicator2, [.. subfields]);

    /// <summary>Creates a data field around an existing list, without copying it (used by the readers).</summary>
    internal static MarcField DataOwning(string tag, char indicator1, char indicator2, List<MarcSubfield> subfields) =>
        new(tag, null, indicator1, indicator2, subfields);

    /// <summary>The value of the first subfield with the code, or null.</summary>
    public string? GetSubfield(char code)
    {
        if (_subfields is null) return null;
        foreach (var s in _subfields)
            if (s.Code == code) return s.Value;
        return null;
    }

    /// <summary>The values of every subfield with the code, in order.</summary>
    public IEnumerable<string> GetSubfields(char code)
    {
        foreach (var s in Subfields)
            if (s.Code == code) yield return s.Value;
    }

    /// <summary>The field in line format: "245 10 $a Title $c Author", or "001 value".</summary>
    public override string ToString()
    {
        if (IsControlField) return $"{Tag} {Value}";
        var sb = new StringBuilder(Tag).Append(' ').Append(Indicator1).Append(Indicator2);
        foreach (var s in Subfields) sb.Append(" $").Append(s.Code).Append(' ').Append(s.Value);
        return sb.ToString();
    }

    private static string CheckTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Length != 3) throw new ArgumentException("A MARC tag has 3 characters.", nameof(tag));
        return tag;
    }
}

/// <summary>One subfield: a code and its value.</summary>
/// <param name="Code">The subfield code, usually a lowercase letter or a digit.</param>
/// <param name="Value">The value, in Unicode.</param>
public readonly record struct MarcSubfield(char Code, string Value);
