using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Infrastructure.Seeding;

/// <summary>
/// The facts of the seed article (a news report of 2 November 2023 on Kazakhstan's Republic Day reception in Seoul),
/// each citing it and recorded no more precisely than it states them.
/// </summary>
public static class SeedArticle
{
    /// <summary>The marker row's name: the article's file name under shared/seeds.</summary>
    public const string MarkerName = "000_424eff0ee6a7e48d";

    public static readonly Source Citation = new(
        "News report on Kazakhstan's Republic Day reception in Seoul (photo: Kazakh Embassy in Seoul)",
        url: null,
        publishedOn: new DateOnly(2023, 11, 2));

    /// <summary>Adds the article's records unless its marker row says they were added before; one transaction.</summary>
    public static async Task ApplyAsync(RelationsDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);   // with the write lock: API processes starting together on one database apply it once
        if (await db.SeedRuns.AnyAsync(r => r.Name == MarkerName, cancellationToken))
        {
            return;
        }
        db.SeedRuns.Add(new SeedRun { Name = MarkerName, AppliedAt = DateTime.UtcNow });
        db.Events.AddRange(Events());
        db.Flights.AddRange(Flights());
        db.TradeRecords.AddRange(TradeRecords());
        db.Agreements.AddRange(Agreements());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static IEnumerable<Event> Events()
    {
        var reception = Cite(new Event("Kazakhstan's Republic Day reception in Seoul", EventCategory.Diplomatic, new PartialDate(2023, 10, 25), "KR"));
        reception.Describe(
            reception.Title,
            "The Kazakh Embassy held an official reception marking Republic Day, the 32nd anniversary of Kazakhstan's declaration "
            + "of sovereignty. Ambassador Nurgali Arystanov called Korea a friendly strategic partner and urged closer high-level "
            + "and people-to-people ties.",
            EventCategory.Diplomatic);
        reception.SetPlace("KR", "Seoul", "Lotte Hotel, Jung-gu");
        reception.SetParticipants(["Nurgali Arystanov"]);
        yield return reception;

        var independence = Cite(new Event("Kazakhstan gains independence from the Soviet Union", EventCategory.Diplomatic, new PartialDate(1991, 12, 16), "KZ"));
        yield return independence;

        var relations = Cite(new Event("Kazakhstan and Korea establish diplomatic relations", EventCategory.Diplomatic, new PartialDate(1992), "KZ"));
        relations.Describe(relations.Title, "The article gives the year only.", EventCategory.Diplomatic);
        yield return relations;

        const string embassies = "The article says embassies opened in 1993 and 1996, after relations were established, without saying which embassy opened when.";
        var firstEmbassy = Cite(new Event("First embassy opens", EventCategory.Diplomatic, new PartialDate(1993), "KZ"));
        firstEmbassy.Describe(firstEmbassy.Title, embassies, EventCategory.Diplomatic);
        yield return firstEmbassy;

        var secondEmbassy = Cite(new Event("Second embassy opens", EventCategory.Diplomatic, new PartialDate(1996), "KR"));
        secondEmbassy.Describe(secondEmbassy.Title, embassies, EventCategory.Diplomatic);
        yield return secondEmbassy;
    }

    public static IEnumerable<Flight> Flights()
    {
        // SEL is the IATA code for Seoul as a whole: the article names the city, not an airport.
        var almaty = Cite(new Flight("ALA", "SEL", FlightStatus.Operating, [new Airline("KC", "Air Astana"), new Airline("OZ", "Asiana Airlines")], 11));
        almaty.SetSchedule(durationMinutes: 360, validFrom: null, validTo: null);
        yield return almaty;

        yield return Cite(new Flight("NQZ", "SEL", FlightStatus.Planned, [], 0));
    }

    public static IEnumerable<TradeRecord> TradeRecords()
    {
        // "Bilateral trade reached a record high of $6.53 billion in 2022": both directions, all goods, the whole year.
        // The article does not say whose statistics these are; the Kazakh embassy is the one quoted, so KZ reports.
        yield return Cite(new TradeRecord("KZ", "KR", TradeFlow.Turnover, 2022, month: null, hsCode: null, valueUsd: 6_530_000_000m));
    }

    public static IEnumerable<Agreement> Agreements()
    {
        var visaFree = Cite(new Agreement("Visa-free visits of up to one month", AgreementType.Other, AgreementStatus.InForce));
        visaFree.Describe(visaFree.Title, AgreementType.Other, "Citizens of either country can visit the other without a visa for up to one month.");
        yield return visaFree;

        var tipf = Cite(new Agreement("Trade and Investment Promotion Framework (TIPF)", AgreementType.Framework, AgreementStatus.UnderNegotiation));
        tipf.Describe(tipf.Title, AgreementType.Framework, "A bilateral framework to strengthen trade and economic ties, under discussion in 2023.");
        yield return tipf;

        var minerals = Cite(new Agreement("Cooperation on essential-mineral supply chains and major infrastructure projects", AgreementType.Other, AgreementStatus.Signed));
        minerals.Describe(minerals.Title, AgreementType.Other, "The two countries have agreed to collaborate on supply chains for essential minerals and on major infrastructure projects.");
        yield return minerals;
    }

    private static T Cite<T>(T entity) where T : Entity
    {
        entity.SetSources([Citation]);
        return entity;
    }
}
