namespace ArLedger.Audit;

/// <summary>Who is acting in this scope (a signed-in user, an API key, or a job), for audit events and created_by columns.</summary>
public sealed class Actor
{
    public string Name { get; set; } = "system";
    public string? RemoteAddress { get; set; }
}
