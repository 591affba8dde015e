using SupplyChain.Review;

namespace SupplyChain.Server.Cli;

/// <summary>`review list`, `review merge|reject ID`, `review owned-by ID --owner ID --source ID | --url --title --quote`: the match-candidate queue.</summary>
static class ReviewCommand
{
    const string Usage = "usage: review list | review merge ID [--note TEXT] | review reject ID [--note TEXT]\n" +
        "       review owned-by ID --owner ENTITY_ID (--source SOURCE_ID | --url URL --title TITLE --quote TEXT) [--note TEXT]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Opt(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        await using var services = await CliHost.ServicesAsync(args);
        var queue = services.GetRequiredService<ReviewQueue>();
        var actor = "cli:" + Environment.UserName;
        try
        {
            switch (args.FirstOrDefault())
            {
                case "list":
                    foreach (var m in await queue.PendingAsync(int.TryParse(Opt("--first"), out var n) ? n : 50))
                        Console.WriteLine($"{m.Id}\t{m.EntityKind}\t{m.Score:0.00}\t{m.Rule}\t'{m.IncomingName}' (#{m.IncomingId}) ~ '{m.ExistingName}' (#{m.ExistingId})");
                    foreach (var r in await queue.PendingResponderLinksAsync(50))
                        Console.WriteLine($"link {r.Id}\tresponse {r.ResponseId} may speak for brand #{r.BrandId} ('{r.NameAsPublished}')");
                    return 0;
                case "merge" or "reject" when long.TryParse(args.ElementAtOrDefault(1), out var id):
                    var c = await queue.DecideAsync(id, args[0] == "merge" ? MatchDecision.Merge : MatchDecision.Reject, actor, Opt("--note"));
                    Console.WriteLine($"Candidate {c.Id}: {c.Status}.");
                    return 0;
                case "owned-by" when long.TryParse(args.ElementAtOrDefault(1), out var id):
                    if (!long.TryParse(Opt("--owner"), out var owner))
                    {
                        Console.Error.WriteLine("review owned-by needs --owner ID: the side of the pair that owns the other");
                        return 2;
                    }
                    var source = new OwnershipSource(long.TryParse(Opt("--source"), out var sid) ? sid : null, Opt("--url"), Opt("--title"), Opt("--quote"));
                    var o = await queue.DecideOwnedByAsync(id, owner, source, actor, Opt("--note"));
                    Console.WriteLine($"Candidate {o.Id}: {o.Status}.");
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ReviewException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
