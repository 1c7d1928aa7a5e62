namespace ArLedger.Web.Localization;

/// <summary>
/// The UI's texts. Keys are the English text itself, so English needs no resource file and a missing French
/// text shows in English instead of a key; the French texts live in Texts.fr.resx beside this class.
/// </summary>
public sealed class Texts;
