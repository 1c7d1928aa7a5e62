using System.Text.Json;
using ArLedger.Persistence;

namespace ArLedger.Audit;

/// <summary>Adds audit events to the unit of work, so they commit or roll back with the change they describe.</summary>
public static class AuditTrail
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>A state as the trail stores it (camelCase JSON, enums as numbers).</summary>
    public static string Json(object state) => JsonSerializer.Serialize(state, Options);

    public static void Record(ArLedgerDbContext db, Actor actor, DateTimeOffset at, string action, string entityType,
        object? entityId, long? customerId = null, object? before = null, object? after = null) =>
        db.AuditEvents.Add(Event(actor, at, action, entityType, entityId, customerId, before, after));

    /// <summary>The event <see cref="Record"/> adds, for a caller that writes many of them at once.</summary>
    public static AuditEvent Event(Actor actor, DateTimeOffset at, string action, string entityType, object? entityId, long? customerId = null,
        object? before = null, object? after = null) =>
        new()
        {
            OccurredAt = at,
            Actor = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            CustomerId = customerId,
            Before = before is null ? null : Json(before),
            After = after is null ? null : Json(after),
            RemoteAddress = actor.RemoteAddress,
        };
}
