using ArLedger.Identity;
using ArLedger.Web.Auth;
using Hangfire;
using Hangfire.Dashboard;

namespace ArLedger.Web.Hosting;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/>, behind the sign-in cookie like every page: managers read it, only
/// administrators may trigger, requeue or delete jobs. The endpoint's policy refuses everyone else before Hangfire
/// sees the request; the dashboard's own filter says the same again, since it is what Hangfire asks.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/jobs/hangfire";

    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new ManagersOnly()],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Admin),
            AppPath = "/Jobs",
            DashboardTitle = "ArLedger jobs",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Policies.CanManage);

    sealed class ManagersOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin);
        }
    }
}
