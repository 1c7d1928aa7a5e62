using System.Reflection;
using System.Text;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Localization;

/// <summary>
/// The names validators give fields in their messages ("'Montant' doit être plus grand que '0'."), in the reader's
/// language. A property's name in words ("InvoiceNumber" becomes "Invoice number") is the key of its French name;
/// without one, FluentValidation names the field as it always does.
/// </summary>
public static class FieldNames
{
    public static void LocalizeFieldNames(this WebApplication app)
    {
        var t = app.Services.GetRequiredService<IStringLocalizer<Texts>>();
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : Localized(t, member);
    }

    static string? Localized(IStringLocalizer t, MemberInfo member) =>
        t[Words(member.Name)] is { ResourceNotFound: false } name ? name.Value : null;

    /// <summary>"CustomerAccountNumber" as "Customer account number", "VatRate" as "VAT rate".</summary>
    public static string Words(string name)
    {
        var words = new List<StringBuilder>();
        foreach (var c in name)
        {
            if (char.IsUpper(c) || words.Count == 0)
                words.Add(new StringBuilder());
            words[^1].Append(words.Count == 1 ? c : char.ToLowerInvariant(c));
        }
        // Resource names differ in more than case, so an acronym is written as the texts write it.
        return string.Join(' ', words.Select(w => w.ToString() switch
        {
            "Vat" or "vat" => "VAT",
            "Siren" => "SIREN",
            "Siret" => "SIRET",
            var word => word,
        }));
    }
}
