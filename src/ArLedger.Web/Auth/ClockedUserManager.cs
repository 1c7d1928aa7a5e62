using ArLedger.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Auth;

/// <summary>
/// Identity's UserManager with lockout on the injected clock. Identity 10's UserManager reads
/// <c>DateTimeOffset.UtcNow</c> where it starts and checks a lockout (its cookie and security-stamp code already take
/// the container's TimeProvider), so these two methods are Identity's own with the clock swapped in; lockout then
/// follows the company's clock like everything else, and tests move time instead of waiting.
/// </summary>
public sealed class ClockedUserManager(
    IUserStore<User> store, IOptions<IdentityOptions> options, IPasswordHasher<User> passwordHasher,
    IEnumerable<IUserValidator<User>> userValidators, IEnumerable<IPasswordValidator<User>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services,
    ILogger<UserManager<User>> logger, TimeProvider clock)
    : UserManager<User>(store, options, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await GetLockoutEnabledAsync(user))
            return false;
        return await GetLockoutEndDateAsync(user) >= clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockout = (IUserLockoutStore<User>)Store;
        var count = await lockout.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count < Options.Lockout.MaxFailedAccessAttempts)
            return await UpdateUserAsync(user);
        await lockout.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
        await lockout.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }
}
