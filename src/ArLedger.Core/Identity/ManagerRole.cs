using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Identity;

/// <summary>Whether a person is a Manager or an Admin, read from Identity's tables, for work done later on their behalf (a background import).</summary>
public static class ManagerRole
{
    public static Task<bool> HeldByAsync(ArLedgerDbContext db, string userName, CancellationToken ct = default) =>
        (from u in db.Users
         where u.UserName == userName
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Manager || r.Name == Roles.Admin
         select u.Id).AnyAsync(ct);
}
