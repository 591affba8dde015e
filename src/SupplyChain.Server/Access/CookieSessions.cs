using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SupplyChain.Server.Access;

/// <summary>
/// Sign-in sessions held on the server: the cookie carries only a random session id. Signing out removes the session,
/// so a copied cookie stops working too. Sessions live in this process (a restart or a second instance means signing
/// in again), bounded in number and lifetime.
/// </summary>
public sealed class CookieSessions : ITicketStore
{
    const int MaxSessions = 10_000;
    readonly ConcurrentDictionary<string, AuthenticationTicket> sessions = new(StringComparer.Ordinal);

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        if (sessions.Count >= MaxSessions) DropExpired();
        if (sessions.Count >= MaxSessions) throw new InvalidOperationException("Too many open sessions; try again later.");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        sessions[id] = ticket;
        return Task.FromResult(id);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        if (sessions.ContainsKey(key)) sessions[key] = ticket; // never resurrects a removed session
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!sessions.TryGetValue(key, out var ticket)) return Task.FromResult<AuthenticationTicket?>(null);
        if (ticket.Properties.ExpiresUtc is { } expires && expires < DateTimeOffset.UtcNow)
        {
            sessions.TryRemove(key, out _);
            return Task.FromResult<AuthenticationTicket?>(null);
        }
        return Task.FromResult<AuthenticationTicket?>(ticket);
    }

    public Task RemoveAsync(string key)
    {
        sessions.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>Ends every session signed in with this key (revocation through this server).</summary>
    public void RemoveKey(long keyId)
    {
        foreach (var (id, ticket) in sessions)
            if (ticket.Principal.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value == keyId.ToString()) sessions.TryRemove(id, out _);
    }

    public int Count => sessions.Count;

    void DropExpired()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, ticket) in sessions)
            if (ticket.Properties.ExpiresUtc is { } e && e < now) sessions.TryRemove(id, out _);
    }
}
