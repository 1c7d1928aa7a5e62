using System.Globalization;
using System.Security.Claims;

namespace ArLedger.Web.Collections;

public static class SignedInUser
{
    /// <summary>The signed-in user's id (Identity puts it in the name-identifier claim), to preselect them as an owner.</summary>
    public static long? UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
