using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Api;

/// <summary>
/// What a JSON value that does not read should have been, said as a client understands it ("must be a number"),
/// from the serializer's message, which names a .NET type ("could not be converted to System.Decimal").
/// </summary>
static partial class JsonWording
{
    /// <summary>The path of the value the error is about, as the body spells it ("lines[0].unitPrice"), or "body".
    /// A field the request does not take is named by the serializer's message, its path being the object holding it.</summary>
    public static string Field(JsonException error)
    {
        var path = error.Path?.TrimStart('$', '.') ?? "";
        if (UnmappedProperty().Match(error.Message) is { Success: true } m)
        {
            var name = m.Groups[1].Value;
            // Depending on where the reader stopped, the path is the holding object's or already ends with the name.
            if (!(path == name || path.EndsWith("." + name, StringComparison.Ordinal) || path.EndsWith("['" + name + "']", StringComparison.Ordinal)))
                path = path.Length == 0 ? name : $"{path}.{name}";
            return path.Replace("['" + name + "']", "." + name, StringComparison.Ordinal).TrimStart('.');
        }
        return path.Length > 0 ? path : "body";
    }

    public static string Say(IStringLocalizer t, string field, JsonException error)
    {
        if (UnmappedProperty().IsMatch(error.Message))
            return t["'{0}' is not a field of this request.", field];
        var wanted = TargetType().Match(error.Message) is { Success: true } m ? Expected(t, m.Groups[1].Value, field) : null;
        return wanted is null
            ? t["The value at '{0}' is not valid JSON.", field]
            : field == "body" ? t["The body must be {0}.", wanted] : t["The value at '{0}' must be {1}.", field, wanted];
    }

    /// <summary>What the value at <paramref name="field"/> takes. A record read through its constructor is named
    /// instead of the field's own type, so the field's type is found from the record by the path.</summary>
    static string Expected(IStringLocalizer t, string typeName, string field)
    {
        var named = TypeNamed(Unwrapped(typeName));
        var type = named is null || field == "body" ? named : Along(named, field) ?? named;
        var name = type is null ? Unwrapped(typeName) : (Nullable.GetUnderlyingType(type) ?? type).FullName ?? type.Name;
        switch (name)
        {
            case "System.Decimal" or "System.Double" or "System.Single":
                return t["a number"];
            case "System.Int16" or "System.Int32" or "System.Int64" or "System.Byte":
                return t["a whole number"];
            case "System.DateOnly":
                return t["a date (yyyy-mm-dd)"];
            case "System.DateTime" or "System.DateTimeOffset":
                return t["a date and time (ISO 8601)"];
            case "System.Boolean":
                return t["true or false"];
            case "System.String":
                return t["a text"];
        }
        if (name.Contains('`') || name.EndsWith("[]", StringComparison.Ordinal))
            return t["a list"];
        var resolved = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return resolved is { IsEnum: true }
            ? t["one of {0}", string.Join(", ", Enum.GetNames(resolved))]
            : t["an object"];
    }

    /// <summary>The query parameter a bad value was given for and what it takes, from routing's message
    /// ('Failed to bind parameter "DateOnly? from" from "x".'); null when the message is not that one.</summary>
    public static (string Field, string Message)? QueryValue(IStringLocalizer t, string message)
    {
        if (BindFailure().Match(message) is not { Success: true } m)
            return null;
        var field = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(m.Groups[2].Value);
        var typeName = m.Groups[1].Value.TrimEnd('?');
        typeName = NullableOfShort().Match(typeName) is { Success: true } n ? n.Groups[1].Value : typeName;
        var type = Type.GetType("System." + typeName) ?? typeof(Problem).Assembly.GetTypes().FirstOrDefault(x => x.IsEnum && x.Name == typeName);
        return (field, t["The value at '{0}' must be {1}.", field, Expected(t, type?.FullName ?? typeName, "body")]);
    }

    static string Unwrapped(string typeName) => NullableOf().Match(typeName) is { Success: true } n ? n.Groups[1].Value : typeName;

    static Type? TypeNamed(string name) =>
        Type.GetType(name) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(x => x is not null);

    /// <summary>The type of the property at a JSON path ("lines[0].unitPrice") from a body's type.</summary>
    static Type? Along(Type root, string path)
    {
        var type = root;
        foreach (var segment in path.Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
                return null;
            type = property.PropertyType;
            if (segment.Contains('[') && ElementOf(type) is { } element)
                type = element;
        }
        return type;
    }

    static Type? ElementOf(Type list) => list.IsArray ? list.GetElementType()
        : list.GetInterfaces().Append(list).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    [GeneratedRegex("^Failed to bind parameter \"(.+) ([^\" ]+)\" from \"")]
    private static partial Regex BindFailure();

    [GeneratedRegex(@"^Nullable<(.+)>$")]
    private static partial Regex NullableOfShort();

    [GeneratedRegex(@"The JSON property '(.+?)' could not be mapped to any \.NET member")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"converted to ([^\s]+?)\.? Path:")]
    private static partial Regex TargetType();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?([^,\]]+)")]
    private static partial Regex NullableOf();
}
