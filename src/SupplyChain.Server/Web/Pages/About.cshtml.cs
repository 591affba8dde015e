namespace SupplyChain.Server.Web.Pages;

public sealed class AboutModel(IConfiguration config) : WebPage
{
    /// <summary>Where corrections go, when the deployment names one (Corrections:Email or Corrections:Url).</summary>
    public string? CorrectionsEmail { get; private set; }
    public string? CorrectionsUrl { get; private set; }

    public void OnGet()
    {
        CorrectionsEmail = config["Corrections:Email"] is { Length: > 3 } e && e.Contains('@') ? e.Trim() : null;
        CorrectionsUrl = Words.SafeUrl(config["Corrections:Url"]);
    }
}
