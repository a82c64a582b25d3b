using System.Text.Json.Nodes;
using RelationsApi.Api.Changes;

namespace RelationsApi.Api.Tests.Support;

/// <summary>What a partner does with the change feed: replay it into a copy of the data, and compare with the lists.</summary>
public static class FeedReplay
{
    public static readonly string[] Resources = ["events", "flights", "trade-records", "agreements"];

    /// <summary>
    /// Each record's latest JSON after <paramref name="changes"/>, deletions removed. A tombstone must follow an entry of
    /// its record unless <paramref name="compacted"/>: compaction may have removed everything before it.
    /// </summary>
    public static Dictionary<(string Resource, int Id), string> Replay(IEnumerable<ChangeResponse> changes, bool compacted = false)
    {
        var replayed = new Dictionary<(string Resource, int Id), string>();
        foreach (var change in changes)
        {
            if (change.Operation == "deleted")
            {
                Assert.True(replayed.Remove((change.Resource, change.Id)) || compacted, $"a tombstone of {change.Resource} {change.Id} before any entry");
            }
            else
            {
                replayed[(change.Resource, change.Id)] = change.Data!.Value.GetRawText();
            }
        }
        return replayed;
    }

    /// <summary>Every record of every resource as the lists show it, page after page.</summary>
    public static async Task<Dictionary<(string Resource, int Id), string>> CurrentAsync(HttpClient client)
    {
        var current = new Dictionary<(string Resource, int Id), string>();
        foreach (var resource in Resources)
        {
            for (var page = 1; ; page++)
            {
                var items = (await client.GetJsonAsync<JsonObject>($"/api/v1/{resource}?pageSize=100&page={page}"))["items"]!.AsArray();
                foreach (var item in items)
                {
                    current[(resource, (int)item!["id"]!)] = item.ToJsonString();
                }
                if (items.Count < 100)
                {
                    break;
                }
            }
        }
        return current;
    }

    /// <summary>The replayed copy holds exactly the records the lists show, each with the same JSON.</summary>
    public static void AssertSame(Dictionary<(string Resource, int Id), string> current, Dictionary<(string Resource, int Id), string> replayed)
    {
        Assert.Equal(current.Keys.Order(), replayed.Keys.Order());
        Assert.All(current, c => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(c.Value), JsonNode.Parse(replayed[c.Key])), c.Key.ToString()));
    }
}
