using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bookpost.Web.Tests.Infrastructure;

public static class Api
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// The app's JSON as the app writes it: camelCase, enums as names.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// Reads an answer into the app's own DTO type, after checking its status: a typed read instead of GetProperty("…").
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException("The answer had no body.");
    }

    public static async Task<T> GetAsync<T>(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url, Ct)).ReadAsync<T>(expected);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url, Ct)).JsonAsync(expected);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Ct);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

    /// A valid point input; tests change what they are about.
    public static Dictionary<string, object?> PointBody(string code, string communeCode, string name = "Điểm BĐVHX Thử nghiệm") => new()
    {
        ["code"] = code,
        ["name"] = name,
        ["kind"] = "PostCulturePoint",
        ["communeCode"] = communeCode,
        ["address"] = "Thôn Đông",
        ["phone"] = "0237 3123 456",
        ["hasComputers"] = true,
        ["hasInternet"] = true,
    };
}
