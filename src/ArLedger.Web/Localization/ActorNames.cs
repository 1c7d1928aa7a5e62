using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Localization;

/// <summary>
/// Who did something, as a person reads it: people and API keys by their name, and the app's own work (the demo
/// seed, the schedule, work done outside any request) in words instead of its technical actor names.
/// </summary>
public static class ActorNames
{
    public static string Actor(this IStringLocalizer t, string? actor) => actor switch
    {
        null or "" => "",
        "seed" => t["Demo data"],
        "scheduler" => t["Schedule"],
        "system" or "anonymous" => t["ArLedger (automatic)"],
        _ => actor,
    };
}
