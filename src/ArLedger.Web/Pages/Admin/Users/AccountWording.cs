using ArLedger.Identity;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Admin.Users;

/// <summary>How the Users pages word a person's state and the refusals of Identity and of <see cref="Auth.UserAccounts"/>.</summary>
public static class AccountWording
{
    /// <summary>Identity's refusals the pages can meet, in the page's language; others keep Identity's English.</summary>
    public static string Refusal(IdentityError e, IStringLocalizer<Texts> t) => e.Code switch
    {
        "PasswordTooShort" => t["The password needs at least 10 characters."],
        "PasswordRequiresUniqueChars" => t["The password needs at least 4 different characters."],
        "DuplicateUserName" => t["This user name is already taken."],
        "InvalidUserName" => t["A user name has only letters, digits and - . _ @ +."],
        "NoRole" => t["Choose at least one role."],
        "OwnAdminRole" => t["You cannot take away your own Admin role."],
        "OwnAccount" => t["You cannot disable your own account."],
        "CollectorNameTooLong" => t["A collector name has at most {0} characters.", Auth.UserAccounts.MaxNameLength],
        "ConcurrencyFailure" => t["Someone else changed this user meanwhile: look again and retry."],
        _ => e.Description,
    };

    public static string Refusals(IdentityResult result, IStringLocalizer<Texts> t) =>
        string.Join(" ", result.Errors.Select(e => Refusal(e, t)));

    /// <summary>Active, disabled, or locked out after failed attempts (until when), as the list's badge.</summary>
    public static (string Css, string Text) State(User user, DateTimeOffset now, Collections.Moments moments, IStringLocalizer<Texts> t) =>
        user.DisabledAt is not null ? ("text-bg-secondary", t["Account disabled"])
        : user.LockoutEnd > now ? ("text-bg-warning", t["Locked until {0}", moments.Show(user.LockoutEnd)])
        : ("text-bg-success", t["Active"]);
}
