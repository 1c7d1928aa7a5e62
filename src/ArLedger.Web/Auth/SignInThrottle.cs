using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ArLedger.Web.Auth;

/// <summary>How many sign-in posts are taken per window (SignIn section): per client address, and per user name.</summary>
public sealed class SignInLimits
{
    public int PermitsPerAddress { get; init; } = 20;
    public int PermitsPerUserName { get; init; } = 10;
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in post, before anything is looked up or hashed, so a burst of guesses
/// gets 429 with Retry-After instead of costing a password hash each: per client address in the middleware, and
/// per user name (which is in the form) by the page before it finds the user.
/// </summary>
public static class SignInThrottle
{
    public const string Policy = "sign-in";

    public static void AddSignInThrottle(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("SignIn").Get<SignInLimits>() ?? new SignInLimits();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<UserNameThrottle>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                SetRetryAfter(context.HttpContext.Response,
                    context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "", _ => Window(limits.PermitsPerAddress, limits))
                : RateLimitPartition.GetNoLimiter(""));
        });
    }

    internal static FixedWindowRateLimiterOptions Window(int permits, SignInLimits limits) =>
        new() { PermitLimit = permits, Window = limits.Window, QueueLimit = 0, AutoReplenishment = true };

    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>The per user name half: names are compared without case, as Identity does.</summary>
public sealed class UserNameThrottle(SignInLimits limits) : IDisposable
{
    readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => SignInThrottle.Window(limits.PermitsPerUserName, limits)));

    /// <summary>Null when the attempt may go on; otherwise how long to wait.</summary>
    public TimeSpan? Refuse(string userName)
    {
        using var lease = limiter.AttemptAcquire(userName.ToUpperInvariant());
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
    }

    public void Dispose() => limiter.Dispose();
}
