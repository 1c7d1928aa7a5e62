namespace ArLedger.Audit;

/// <summary>Who is acting in this scope (a signed-in user, an API key, or a job), for audit events and created_by columns.</summary>
public sealed class Actor
{
    public string Name { get; set; } = "system";
    public string? RemoteAddress { get; set; }
    /// <summary>
    /// A Manager or an Admin (the roles of the CanManage policy): may make the decisions separation of duties keeps
    /// from clerks (letters that need approval, credit notes over the limit, credit limits). False for jobs and the
    /// command line unless they act for such a person.
    /// </summary>
    public bool IsManager { get; set; }
}
