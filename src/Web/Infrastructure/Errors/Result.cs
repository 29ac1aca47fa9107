namespace Bookpost.Web.Infrastructure.Errors;

public enum FailureKind { Invalid, NotFound, Conflict, Forbidden, PreconditionFailed, PreconditionRequired }

/// What a use-case handler answers: a value, or a failure that the page or endpoint translates.
/// Handlers never throw for expected outcomes, so both entry points report errors the same way.
public sealed class Result<T>
{
    private Result(T? value, FailureKind? failure, IReadOnlyDictionary<string, string[]>? errors, string? message)
    {
        Value = value;
        Failure = failure;
        Errors = errors ?? new Dictionary<string, string[]>();
        Message = message;
    }

    public T? Value { get; }
    public FailureKind? Failure { get; }
    public IReadOnlyDictionary<string, string[]> Errors { get; }
    public string? Message { get; }
    public bool IsOk => Failure is null;

    public static Result<T> Ok(T value) => new(value, null, null, null);
    public static Result<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(default, FailureKind.Invalid, errors, null);
    public static Result<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
    public static Result<T> NotFound() => new(default, FailureKind.NotFound, null, null);
    public static Result<T> Conflict(string message) => new(default, FailureKind.Conflict, null, message);
    public static Result<T> Forbidden(string message) => new(default, FailureKind.Forbidden, null, message);
    public static Result<T> Stale(string message) => new(default, FailureKind.PreconditionFailed, null, message);
    public static Result<T> VersionRequired(string message) => new(default, FailureKind.PreconditionRequired, null, message);

    public static implicit operator Result<T>(T value) => Ok(value);
}

/// Collects field errors in the order they are found; the keys are the request's camelCase field names.
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// Reads one of an enum's names, in any case (a number or a combination is not a name); anything else adds the
    /// field's error listing the names. Null for no value.
    public T? Choice<T>(string field, string? value, Localization.Text text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (!value.All(char.IsAsciiDigit) && !value.Contains(',') && Enum.TryParse<T>(value, ignoreCase: true, out var parsed)
            && Enum.IsDefined(parsed)) return parsed;
        Add(field, text.Format("Import.EnumValue", value, string.Join(", ", Enum.GetNames<T>())));
        return null;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Result<T> ToResult<T>() => Result<T>.Invalid(ToDictionary());
}
