using GuidanceFlow.Workflows.Catalogue;

namespace GuidanceFlow.Api.Tests;

/// <summary>The client for NICE's syndication API against <see cref="FakeNice"/>: the key and Accept header sent, what is retried and what is not.</summary>
public sealed class NiceSyndicationClientTests : IAsyncLifetime
{
    private FakeNice _nice = null!;

    public async Task InitializeAsync() => _nice = await FakeNice.StartAsync();
    public async Task DisposeAsync() => await _nice.DisposeAsync();

    [Fact]
    public async Task The_index_and_a_document_come_with_the_key_and_in_json()
    {
        var index = await _nice.Client().CurrentIndexAsync(default);
        Assert.Null(index.Fault);
        Assert.Equal(["NG9001", "TA9002"], index.Value!.Select(e => e.GuidanceNumber));

        var document = await _nice.Client().DocumentAsync("ng9001", default);
        Assert.True(NiceDocuments.Parse(document.Value!).IsUsable);
    }

    [Fact]
    public async Task A_refused_key_is_reported_and_not_retried()
    {
        var fetch = await _nice.Client(key: "wrong").DocumentAsync("NG9001", default);
        Assert.Equal(NiceFaultKind.KeyRefused, fetch.Fault!.Kind);
        Assert.Contains("Nice__ApiKey", fetch.Fault.Message);
        Assert.Single(_nice.Seen);
    }

    [Fact]
    public async Task Too_many_requests_and_server_errors_are_retried_until_nice_answers()
    {
        foreach (var status in new[] { 429, 500, 503 }) _nice.Plan.Enqueue(status);
        var fetch = await _nice.Client().DocumentAsync("TA9002", default);
        Assert.Null(fetch.Fault);
        Assert.Equal(4, _nice.Seen.Count);
    }

    [Fact]
    public async Task A_server_that_keeps_failing_gives_a_fault_after_the_retries()
    {
        for (var i = 0; i < 10; i++) _nice.Plan.Enqueue(500);
        var fetch = await _nice.Client().CurrentIndexAsync(default);
        Assert.Equal(NiceFaultKind.Unavailable, fetch.Fault!.Kind);
        Assert.Equal("NICE answered 500 for the current-guidance index, after 3 retries; the next import will try again.", fetch.Fault.Message);
        Assert.Equal(4, _nice.Seen.Count);
    }

    [Fact]
    public async Task An_unknown_product_and_an_unreachable_nice_are_faults_in_words()
    {
        Assert.Equal(NiceFaultKind.NotFound, (await _nice.Client().DocumentAsync("NG1", default)).Fault!.Kind);
        var nowhere = await _nice.Client(baseUrl: $"http://127.0.0.1:{Ports.Free()}").CurrentIndexAsync(default);
        Assert.Equal(NiceFaultKind.Unavailable, nowhere.Fault!.Kind);
    }

    [Fact]
    public async Task Without_a_key_import_is_off_and_nothing_is_asked()
    {
        var fetch = await _nice.Client(key: null).CurrentIndexAsync(default);
        Assert.Equal(NiceFaultKind.ImportOff, fetch.Fault!.Kind);
        Assert.Empty(_nice.Seen);
    }
}
