using ArLedger.Dunning;
using ArLedger.Jobs;
using ArLedger.Statements;
using ArLedger.Web.Api;
using ArLedger.Web.Auth;
using ArLedger.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddArLedgerData();
builder.AddArLedgerMail();
builder.Services.AddArLedgerStatements();
builder.Services.AddArLedgerDunning();
builder.Services.AddArLedgerJobs(builder.Configuration);
builder.AddArLedgerAuth();
builder.AddArLedgerApi();
builder.AddArLedgerPages();
builder.AddSecurityHeaders();

var app = builder.Build();
if (await Verbs.TryRunAsync(app, args))
    return;

await app.PrepareDatabaseAsync();
app.UseSecurityHeaders();
app.UseDatabaseReadiness();
app.UseArLedgerPages();
app.MapArLedgerHealth();
app.MapArLedgerApi();
app.MapArLedgerPages();
app.MapJobsDashboard();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
