using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ArLedger.Identity;
using ArLedger.Jobs;
using ArLedger.Testing;
using ArLedger.Web.Localization;

namespace ArLedger.Web.Tests.Localization;

/// <summary>
/// Every English text that can reach a page has its French text in Texts.fr.resx: the keys the pages and page models
/// ask the localizer for, the words the wording helpers return, the messages use cases refuse with and the field names
/// validators put in their messages. Read from the sources and the resource file, so a new text is checked without
/// editing this file.
/// </summary>
public sealed partial class FrenchTextsTests
{
    static readonly string Root = Repository.Root();
    static readonly Lazy<IReadOnlyList<(string Key, string French)>> Entries = new(ReadEntries);
    static readonly Lazy<IReadOnlySet<string>> Keys = new(() => Entries.Value.Select(e => e.Key).ToHashSet());

    [Fact]
    public void Every_key_a_page_asks_the_localizer_for_has_a_French_text()
    {
        var keys = Sources("src/ArLedger.Web", "*.cs", "*.cshtml")
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (Key: Regex.Unescape(m.Groups[1].Value), File: f))
                .Concat(CountedKeys().Matches(File.ReadAllText(f))
                    .SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value }).Select(k => (Key: Regex.Unescape(k), File: f))))
            .ToList();

        Assert.True(keys.Count > 500, $"Only {keys.Count} localizer keys found: has the way pages call the localizer changed?");
        AssertFrench(keys.Select(k => (k.Key, Path.GetRelativePath(Root, k.File))));
    }

    [Fact]
    public void Every_word_a_wording_helper_returns_has_a_French_text()
    {
        var words = new List<(string, string)>();
        foreach (var method in WordingHelpers())
        {
            foreach (var value in Enum.GetValues(method.GetParameters()[0].ParameterType))
            {
                var word = method.Invoke(null, [value]) switch
                {
                    string s => s,
                    ValueTuple<string, string> pair => pair.Item1,
                    var other => throw new InvalidOperationException($"{method} returned {other}"),
                };
                words.Add((word, $"{method.DeclaringType!.FullName}.{method.Name}({value})"));
            }
        }
        words.AddRange(JobCatalog.All.Select(j => (Pages.Jobs.IndexModel.Title(j.Name), $"job {j.Name}")));
        words.AddRange(Roles.All.Select(r => (Pages.Admin.ApiKeysModel.RoleName(r), $"role {r}")));

        Assert.True(words.Count > 80, $"Only {words.Count} words found.");
        AssertFrench(words);
    }

    [Fact]
    public void Every_message_a_use_case_gives_a_clerk_has_a_French_text()
    {
        // The API answers in English: its own messages are left out.
        var messages = Sources("src/ArLedger.Core", "*.cs").Concat(Sources("src/ArLedger.Web", "*.cs"))
            .Where(f => !f.StartsWith(Path.Combine(Root, "src/ArLedger.Web/Api"), StringComparison.Ordinal))
            .SelectMany(f => ProblemMessages(File.ReadAllText(f)).Select(m => (m, Path.GetRelativePath(Root, f))))
            .ToList();

        Assert.True(messages.Count > 80, $"Only {messages.Count} messages found.");
        AssertFrench(messages);
    }

    [Fact]
    public void Every_field_a_validator_names_has_a_French_name()
    {
        var fields = Sources("src/ArLedger.Core", "*.cs")
            .SelectMany(f => ValidatedProperty().Matches(File.ReadAllText(f))
                .Select(m => (FieldNames.Words(m.Groups[1].Value), Path.GetRelativePath(Root, f))))
            .ToList();

        Assert.True(fields.Count > 40, $"Only {fields.Count} validated fields found.");
        AssertFrench(fields);
    }

    [Fact]
    public void The_French_texts_name_each_key_once_and_fill_in_every_value_of_their_key()
    {
        // The build keeps one of two names that differ only in case, and the lookup is case-sensitive.
        var duplicates = Entries.Value.GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g.Select(e => e.Key))).ToList();
        var unformattable = new List<string>();
        foreach (var (key, french) in Entries.Value)
        {
            // A key with {0}, {1}… is formatted with that many values; its French text must take them.
            var count = Placeholder().Matches(key).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            if (count == 0)
                continue;
            try
            {
                _ = string.Format(CultureInfo.GetCultureInfo("fr-FR"), french, Enumerable.Repeat<object>(new AnyValue(), count).ToArray());
            }
            catch (FormatException)
            {
                unformattable.Add($"{key} → {french}");
            }
        }

        Assert.True(duplicates.Count == 0, "Keys given twice:\n" + string.Join("\n", duplicates));
        Assert.True(unformattable.Count == 0, "French texts that do not format with their key's values:\n" + string.Join("\n", unformattable));
    }

    /// <summary>A value that takes any format ({0:N2}, {0:d}…), so only the text's own braces can fail.</summary>
    sealed class AnyValue : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => "value";
    }

    static void AssertFrench(IEnumerable<(string Text, string Where)> texts)
    {
        var missing = texts.Where(t => !Keys.Value.Contains(t.Text))
            .GroupBy(t => t.Text).Select(g => $"\"{g.Key}\" ({string.Join(", ", g.Select(t => t.Where).Distinct())})").ToList();
        Assert.True(missing.Count == 0, $"No French text in Texts.fr.resx for:\n{string.Join("\n", missing)}");
    }

    /// <summary>Public static methods of the web app that turn an enum value into English words (Name, Label,
    /// Status…), or into words and a CSS class; not those that return only a CSS class (Badge, Icon).</summary>
    static IEnumerable<MethodInfo> WordingHelpers() =>
        typeof(Texts).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters() is [{ ParameterType.IsEnum: true }]
                && (m.ReturnType == typeof(ValueTuple<string, string>) || m.ReturnType == typeof(string) && m.Name is not ("Badge" or "Icon")));

    /// <summary>
    /// The message of each <c>Problem.Invalid/NotFound/Conflict/Refused(…)</c> and <c>.WithMessage(…)</c>: a literal,
    /// an interpolated string as the page looks it up ("No invoice {0}."), or a constant, read by reflection. A message
    /// a method builds at run time is translated by the page that shows it.
    /// </summary>
    static IEnumerable<string> ProblemMessages(string source)
    {
        foreach (Match call in MessageCall().Matches(source))
        {
            var message = LastArgument(source, call.Index + call.Length);
            if (message.StartsWith("$\"", StringComparison.Ordinal))
                yield return Template(message[2..^1]);
            else if (message.StartsWith('"'))
                yield return Regex.Unescape(message[1..^1]);
            else if (ConstantName().Match(message) is { Success: true } constant)
                foreach (var value in Constants(constant.Groups[1].Value))
                    yield return value;
        }
    }

    /// <summary>The last argument of the call whose argument list starts at <paramref name="start"/>.</summary>
    static string LastArgument(string source, int start)
    {
        var depth = 0;
        var last = start;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '"')
                i = EndOfString(source, i);
            else if (c is '(' or '[' or '{')
                depth++;
            else if (c is ')' or ']' or '}' && depth > 0)
                depth--;
            else if (c == ',' && depth == 0)
                last = i + 1;
            else if (c == ')')
                return source[last..i].Trim();
        }
        throw new InvalidOperationException("A call without its closing parenthesis.");
    }

    static int EndOfString(string source, int quote)
    {
        for (var i = quote + 1; i < source.Length; i++)
        {
            if (source[i] == '\\')
                i++;
            else if (source[i] == '"')
                return i;
        }
        return source.Length;
    }

    /// <summary>An interpolated string's text as <see cref="ProblemText"/> keeps it: each hole becomes {0}, {1}…
    /// with its format.</summary>
    static string Template(string body)
    {
        var text = new StringBuilder();
        var hole = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '{' && i + 1 < body.Length && body[i + 1] == '{' || body[i] == '}' && i + 1 < body.Length && body[i + 1] == '}')
            {
                text.Append(body[i]).Append(body[i]);
                i++;
            }
            else if (body[i] == '{')
            {
                var end = i + 1;
                var depth = 0;
                var colon = -1;
                for (; depth > 0 || body[end] != '}'; end++)
                {
                    if (body[end] is '(' or '[' or '{')
                        depth++;
                    else if (body[end] is ')' or ']' or '}')
                        depth--;
                    else if (body[end] == '"')
                        end = EndOfString(body, end);
                    else if (body[end] == ':' && depth == 0 && colon < 0)
                        colon = end;
                }
                text.Append('{').Append(hole++.ToString(CultureInfo.InvariantCulture));
                if (colon > 0)
                    text.Append(body[colon..end]);
                text.Append('}');
                i = end;
            }
            else
            {
                text.Append(body[i]);
            }
        }
        return Regex.Unescape(text.ToString());
    }

    /// <summary>The values of the string constants with that name in the app (several classes may have one).</summary>
    static IEnumerable<string> Constants(string name) =>
        new[] { typeof(Problem).Assembly, typeof(Texts).Assembly }.SelectMany(a => a.GetTypes())
            .Select(t => t.GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f!.GetRawConstantValue()!);

    static IEnumerable<string> Sources(string folder, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, folder), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    static IReadOnlyList<(string, string)> ReadEntries() =>
        XDocument.Load(Path.Combine(Root, "src/ArLedger.Web/Localization/Texts.fr.resx")).Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string)d.Element("value")!)).ToList();

    // T["…"] in views, t["…"] in page models; the key is a C# string literal.
    [GeneratedRegex("""\b[Tt]\[\s*"((?:[^"\\]|\\.)*)"[,\]]""")]
    private static partial Regex LocalizerKey();

    /// <summary>Both forms of a counted text: <c>t.Count(n, "{0} letter sent.", "{0} letters sent."…)</c>.</summary>
    [GeneratedRegex("""\b[Tt]\.Count\([^,"]+,\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)[\x22]""")]
    private static partial Regex CountedKeys();

    [GeneratedRegex(@"\bProblem\.(?:Invalid|NotFound|Conflict|Refused)\(|\.WithMessage\(")]
    private static partial Regex MessageCall();

    [GeneratedRegex(@"^(?:\w+\.)*([A-Z]\w*)$")]
    private static partial Regex ConstantName();

    [GeneratedRegex(@"\bRuleFor(?:Each)?\(\s*\w+\s*=>\s*\w+\.(\w+)\s*\)")]
    private static partial Regex ValidatedProperty();

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();
}
