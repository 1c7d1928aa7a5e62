using System.Buffers.Binary;
using System.Net;
using ArLedger.Identity;
using ArLedger.Persistence;
using ArLedger.Web.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArLedger.Web.Tests.Auth;

/// <summary>
/// The app over a database migrated up to 0013 only, holding what the hand-written stores of 0002 wrote: a user with
/// their role and PBKDF2 hash, a user with an older, cheaper hash, and a Data Protection key. The app applies 0014 at
/// start-up, as an upgrade in production would.
/// </summary>
public sealed class PreIdentityStoresApp : ArLedgerAppFactory
{
    public const string CurrentHashUser = "old-store-user";
    public const string CheapHashUser = "old-cheap-hash";
    public const string KeyName = "old-store-key";
    public Guid OldKeyId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The clone comes fully migrated: back to an empty schema, then the files before 0014.
        await using (var reset = Database.DataSource.CreateCommand("drop schema public cascade; create schema public"))
            await reset.ExecuteNonQueryAsync();
        var before = MigrationRunner.Embedded().Where(m => string.CompareOrdinal(m.Name, "0014") < 0).ToList();
        Assert.Equal("0013_dashboard.sql", before[^1].Name);
        await new MigrationRunner(Database.ConnectionString, NullLogger.Instance).MigrateAsync(before);

        await InsertOldUserAsync(CurrentHashUser, AuthSetup.PasswordIterations);
        await InsertOldUserAsync(CheapHashUser, 100_000);
        await InsertOldKeyAsync();
    }

    /// <summary>A row of 0002's users table, hashed as the old store hashed (Identity's V3 format).</summary>
    async Task InsertOldUserAsync(string userName, int iterations)
    {
        var hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        await using var cmd = Database.DataSource.CreateCommand("""
            with u as (
                insert into users (user_name, normalized_user_name, display_name, password_hash, security_stamp, concurrency_stamp,
                                   lockout_enabled, access_failed_count, created_at)
                values ($1, upper($1), 'Old Store', $2, md5(random()::text), md5(random()::text), true, 0, now())
                returning id)
            insert into user_roles (user_id, role_id) select u.id, r.id from u, roles r where r.name = 'Clerk'
            """);
        cmd.Parameters.AddWithValue(userName);
        cmd.Parameters.AddWithValue(hasher.HashPassword(new User(), Password));
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A real key, made by Data Protection itself, in the old table.</summary>
    async Task InsertOldKeyAsync()
    {
        var xml = new System.Xml.Linq.XElement("keys");
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("ArLedger");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new CapturingRepository(xml));
        await using var provider = services.BuildServiceProvider();
        var key = provider.GetRequiredService<IKeyManager>().CreateNewKey(Clock.GetUtcNow().AddDays(-1), Clock.GetUtcNow().AddDays(90));
        OldKeyId = key.KeyId;
        await using var cmd = Database.DataSource.CreateCommand("insert into data_protection_keys (friendly_name, xml) values ($1, $2)");
        cmd.Parameters.AddWithValue(KeyName);
        cmd.Parameters.AddWithValue(xml.Elements().Single().ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
        await cmd.ExecuteNonQueryAsync();
    }

    sealed class CapturingRepository(System.Xml.Linq.XElement into) : Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository
    {
        public IReadOnlyCollection<System.Xml.Linq.XElement> GetAllElements() => into.Elements().ToList();
        public void StoreElement(System.Xml.Linq.XElement element, string friendlyName) => into.Add(element);
    }
}

public sealed class IdentityMigrationTests(PreIdentityStoresApp app) : IClassFixture<PreIdentityStoresApp>
{
    static uint Iterations(string hash) => BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5));

    [Fact]
    public async Task A_user_of_the_old_store_signs_in_after_the_migration_with_their_role()
    {
        var client = app.AnonymousClient(new CookieContainer());

        var response = await ArLedgerAppFactory.SignInAsync(client, PreIdentityStoresApp.CurrentHashUser, ArLedgerAppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Worklist")).StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Contains(await db.Database.SqlQueryRaw<string>("select name as \"Value\" from schema_migrations").ToListAsync(),
            n => n.StartsWith("0014", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_older_cheaper_hash_still_verifies_and_is_rehashed_at_210000_iterations()
    {
        await using (var db = app.Database.CreateContext())
            Assert.Equal(100_000u, Iterations((await db.Users.SingleAsync(u => u.UserName == PreIdentityStoresApp.CheapHashUser)).PasswordHash!));

        var response = await ArLedgerAppFactory.SignInAsync(app.AnonymousClient(), PreIdentityStoresApp.CheapHashUser, ArLedgerAppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var after = app.Database.CreateContext();
        Assert.Equal((uint)AuthSetup.PasswordIterations,
            Iterations((await after.Users.SingleAsync(u => u.UserName == PreIdentityStoresApp.CheapHashUser)).PasswordHash!));
    }

    [Fact]
    public async Task The_key_ring_of_the_old_table_is_the_key_ring_after_the_migration()
    {
        app.AnonymousClient().Dispose(); // starts the app, which migrates

        var keys = app.Services.GetRequiredService<IKeyManager>().GetAllKeys();

        Assert.Contains(keys, k => k.KeyId == app.OldKeyId);
    }
}
