using System.Globalization;
using System.Text;

namespace ArLedger.Seeding;

/// <summary>Plausible French company identities for seeded customers: names, SIREN numbers, VAT numbers, addresses.</summary>
public static class FrenchCompanies
{
    static readonly string[] Surnames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
        "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre",
        "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
        "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez",
        "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly",
        "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour", "Blanchard",
        "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Pierre", "Renard", "Arnaud",
        "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe",
    ];

    static readonly string[] Trades =
    [
        "Boulangerie", "Pâtisserie", "Boucherie", "Restaurant", "Brasserie", "Hôtel", "Traiteur", "Épicerie fine", "Fromagerie",
        "Café", "Crêperie", "Pizzeria", "Cave", "Chocolaterie", "Primeurs", "Bistrot", "Salon de thé", "Auberge", "Cantine",
    ];

    static readonly string[] Sectors =
    [
        "Distribution", "Restauration", "Hôtellerie", "Alimentation", "Services", "Gastronomie", "Collectivités", "Événements",
        "Logistique", "Négoce", "Traiteurs", "Saveurs",
    ];

    static readonly string[] Forms = ["SARL", "SAS", "SA", "EURL", "SASU", "SNC"];

    static readonly string[] EnglishNames =
    [
        "Northwind Foods France", "Harbour Hotels Paris", "Blue Fern Catering", "Oakridge Hospitality", "Silverline Events",
        "Kingsway Restaurants", "Greenleaf Deli", "Maple & Co Coffee", "Atlantic Crew Services", "Bristol Bakery Group",
        "Highland Inns France", "Lighthouse Kitchens", "Riverside Brasserie Group", "Cornerstone Catering", "Baker Street Cafés",
    ];

    public sealed record City(string Name, string PostalCode, string PhonePrefix);

    public static readonly City[] Cities =
    [
        new("Paris", "75011", "01"), new("Paris", "75015", "01"), new("Paris", "75002", "01"), new("Lyon", "69002", "04"),
        new("Lyon", "69007", "04"), new("Marseille", "13001", "04"), new("Marseille", "13008", "04"), new("Toulouse", "31000", "05"),
        new("Nice", "06000", "04"), new("Nantes", "44000", "02"), new("Strasbourg", "67000", "03"), new("Montpellier", "34000", "04"),
        new("Bordeaux", "33000", "05"), new("Lille", "59000", "03"), new("Rennes", "35000", "02"), new("Reims", "51100", "03"),
        new("Le Havre", "76600", "02"), new("Saint-Étienne", "42000", "04"), new("Toulon", "83000", "04"), new("Grenoble", "38000", "04"),
        new("Dijon", "21000", "03"), new("Angers", "49000", "02"), new("Nîmes", "30000", "04"), new("Clermont-Ferrand", "63000", "04"),
        new("Tours", "37000", "02"), new("Limoges", "87000", "05"), new("Amiens", "80000", "03"), new("Metz", "57000", "03"),
        new("Besançon", "25000", "03"), new("Perpignan", "66000", "04"), new("Orléans", "45000", "02"), new("Caen", "14000", "02"),
        new("Rouen", "76000", "02"), new("Nancy", "54000", "03"), new("Annecy", "74000", "04"), new("La Rochelle", "17000", "05"),
        new("Aix-en-Provence", "13100", "04"), new("Avignon", "84000", "04"), new("Brest", "29200", "02"), new("Pau", "64000", "05"),
    ];

    static readonly string[] Streets =
    [
        "rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "boulevard Gambetta", "place du Marché", "rue Pasteur",
        "rue des Lilas", "chemin des Vignes", "rue du Général de Gaulle", "avenue de la Gare", "rue Nationale", "quai des Chartrons",
        "rue Saint-Michel", "boulevard Voltaire", "rue de Paris", "allée des Tilleuls", "rue du Commerce", "avenue Foch",
        "rue Émile Zola", "place de l'Église", "rue Jules Ferry", "zone artisanale des Landes", "rue de la Paix", "cours Lafayette",
    ];

    /// <summary>A company name; about one in ten customers is English-speaking and gets an English name.</summary>
    public static string Name(Random random, bool english)
    {
        if (english)
            return $"{Pick(random, EnglishNames)} {(random.Next(2) == 0 ? "SAS" : "SARL")}";
        var surname = Pick(random, Surnames);
        return random.Next(6) switch
        {
            0 or 1 or 2 => $"{Pick(random, Trades)} {surname} {Pick(random, Forms)}",
            3 => $"Établissements {surname}",
            4 => $"{surname} & Fils {Pick(random, Forms)}",
            _ => $"{surname} {Pick(random, Sectors)} {Pick(random, Forms)}",
        };
    }

    /// <summary>A nine-digit SIREN whose Luhn checksum is right, like a real one.</summary>
    public static string Siren(Random random)
    {
        var digits = new int[9];
        digits[0] = random.Next(3, 9);
        for (var i = 1; i < 8; i++)
            digits[i] = random.Next(10);
        for (var check = 0; check < 10; check++)
        {
            digits[8] = check;
            if (Company.CompanyIdentifiers.PassesLuhn(string.Concat(digits)))
                break;
        }
        return string.Concat(digits);
    }

    /// <summary>The French intra-community VAT number of a SIREN: FR, a two-digit key, the SIREN.</summary>
    public static string VatNumber(string siren) => Company.CompanyIdentifiers.FrenchVatNumber(siren);

    public static string Street(Random random) => $"{random.Next(1, 140)} {Pick(random, Streets)}";

    public static string Phone(Random random, City city) => string.Create(CultureInfo.InvariantCulture,
        $"+33 {city.PhonePrefix[1]} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}");

    /// <summary>A mail domain under the reserved .example top-level domain, so no real mailbox is ever written to.</summary>
    public static string Domain(string name)
    {
        var plain = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
                plain.Append(char.ToLowerInvariant(c));
            else if (c is ' ' or '-' or '&' && plain.Length > 0 && plain[^1] != '-')
                plain.Append('-');
        }
        return plain.ToString().Trim('-') + ".example";
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
