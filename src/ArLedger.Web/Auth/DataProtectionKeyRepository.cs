using System.Xml.Linq;
using ArLedger.Identity;
using ArLedger.Persistence;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArLedger.Web.Auth;

/// <summary>
/// Keeps the Data Protection key ring in data_protection_keys, so every instance behind the load balancer
/// reads the cookies and antiforgery tokens the others wrote, and a restart signs nobody out.
/// </summary>
/// <remarks>
/// IXmlRepository is synchronous; it is called when the key ring is loaded or rotated (rarely, and
/// cached in between), not on each request.
/// </remarks>
public sealed class DataProtectionKeyRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = DataSetup.CreateContext(dataSource);
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = DataSetup.CreateContext(dataSource);
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}
